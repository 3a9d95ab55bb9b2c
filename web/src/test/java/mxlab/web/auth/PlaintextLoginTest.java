package mxlab.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import mxlab.web.Browser;
import mxlab.web.WebFixture;
import mxlab.web.WebTest;
import org.junit.jupiter.api.Test;

/**
 * Passwords over plain HTTP are refused as SMTP, POP3 and IMAP refuse plaintext AUTH, unless the
 * spec's allow_plaintext_auth is on (LabPageTest runs with it on).
 */
class PlaintextLoginTest extends WebTest {

  private String loginForm(String host) throws Exception {
    return web.raw("GET /login HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
  }

  @Test
  void theFormOverHttpSendsTheBrowserToHttpsOnOneOfOurNames() throws Exception {
    int port = web.https.address().getPort();
    assertThat(loginForm("mail.bann.com"))
        .startsWith("HTTP/1.1 303")
        .contains("Location: https://mail.bann.com:" + port + "/login\r\n")
        .doesNotContain("name=\"password\"");
    assertThat(loginForm("autoconfig.bann.com:8080"))
        .contains("Location: https://autoconfig.bann.com:" + port + "/login\r\n");
    // a Host that is not ours does not choose where the browser goes
    assertThat(loginForm("evil.example"))
        .contains("Location: https://127.0.0.1:" + port + "/login\r\n");
    assertThat(loginForm("evil.example/\r\nX: y")).doesNotContain("evil");
    // pages behind the login lead there too: /mailbox -> /login -> https
    assertThat(new Browser(web.httpBase()).get("/mailbox/bann.com/test").statusCode())
        .isEqualTo(303);
  }

  @Test
  void aPasswordPostedOverHttpIsNeverChecked() throws Exception {
    // a double-submit token made up by the client passes the CSRF check, so only the transport
    // refuses: right and wrong passwords get the same answer, and no failure is counted
    String form = "csrf=t&user=test%40bann.com&password=changeme";
    String answer =
        web.raw(
            "POST /login HTTP/1.1\r\nHost: mail.bann.com\r\nCookie: mxlab-login=t\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + form.length()
                + "\r\nConnection: close\r\n\r\n"
                + form);
    assertThat(answer)
        .startsWith("HTTP/1.1 403")
        .contains("logins over plain HTTP are off (allow_plaintext_auth)")
        .doesNotContain("Set-cookie: mxlab=");
    assertThat(new Browser(web.httpBase()).get("/api/me").statusCode()).isEqualTo(401);
    // over HTTPS the same user logs in at once: nothing was counted against the address
    Browser https = web.browser();
    HttpResponse<String> login = https.login("test@bann.com", "changeme");
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("__Host-mxlab=");
    assertThat(https.get("/api/me").body()).contains("test@bann.com");
  }

  @Test
  void withHttpsOffTheFormSaysWhatToChange() throws Exception {
    web.endpoints.removeIf(e -> e.service().equals("https"));
    String answer = loginForm("mail.bann.com");
    assertThat(answer)
        .startsWith("HTTP/1.1 403")
        .contains("Logins need HTTPS")
        .contains("allow_plaintext_auth: true")
        .doesNotContain("name=\"password\"");
  }

  @Test
  void withAllowPlaintextAuthHttpLoginsWork() throws Exception {
    try (WebFixture lab = WebFixture.plaintextLab(dir.resolve("lab"))) {
      Browser b = new Browser(lab.httpBase());
      assertThat(b.get("/login").body()).contains("name=\"password\"");
      HttpResponse<String> login = b.login("test@bann.com", "changeme");
      assertThat(login.statusCode()).isEqualTo(303);
      assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("mxlab=");
    }
  }
}
