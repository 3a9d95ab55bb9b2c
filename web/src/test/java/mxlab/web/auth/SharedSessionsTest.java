package mxlab.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import mxlab.web.Browser;
import mxlab.web.WebFixture;
import mxlab.web.WebTest;
import org.junit.jupiter.api.Test;

/** The HTTP and HTTPS listeners of one instance share who is logged in and who is guessing. */
class SharedSessionsTest extends WebTest {
  @Override
  protected WebFixture fixture(Path dir) throws java.io.IOException {
    return WebFixture.plaintextLab(dir);
  }

  @Test
  void aLoginOverHttpHoldsOverHttpsAndLogoutThereEndsIt() throws Exception {
    Browser http = new Browser(web.httpBase());
    assertThat(http.login("test@bann.com", "changeme").statusCode()).isEqualTo(303);
    // the browser sends the plain cookie to the HTTPS listener too: the same login
    Browser https = http.at(web.httpsBase(), web.clientTls());
    HttpResponse<String> me = https.get("/api/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("test@bann.com");
    String page = https.get("/mailbox/bann.com/test").body();
    HttpResponse<String> out = https.post("/logout", "csrf=" + Browser.csrf(page), null);
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith("__Host-mxlab=;") && c.contains("Max-Age=0"))
        .anyMatch(c -> c.startsWith("mxlab=;") && c.contains("Max-Age=0"));
    assertThat(http.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void aLoginOverHttpsNeverHoldsInTheClear() throws Exception {
    Browser https = web.browser();
    HttpResponse<String> login = https.login("test@bann.com", "changeme");
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    String id = cookie.substring("__Host-mxlab=".length(), cookie.indexOf(';'));
    assertThat(https.get("/api/me").statusCode()).isEqualTo(200);
    // a browser never sends a Secure cookie over HTTP; a client that does is refused
    for (String name : new String[] {"mxlab", "__Host-mxlab"}) {
      assertThat(
              web.raw(
                  "GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
                      + name
                      + "="
                      + id
                      + "\r\nConnection: close\r\n\r\n"))
          .as(name)
          .startsWith("HTTP/1.1 401");
    }
    assertThat(https.get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void failuresOnEitherListenerCountOnTheOneThrottle() throws Exception {
    assertThat(new Browser(web.httpBase()).login("test@bann.com", "x").statusCode()).isEqualTo(401);
    assertThat(web.browser().login("test@bann.com", "y").statusCode()).isEqualTo(401);
    // the third failure of this client, whichever listener saw the first two
    assertThat(web.throttle.failed(InetAddress.getByName("127.0.0.1")))
        .isEqualTo(Duration.ofMillis(600));
  }
}
