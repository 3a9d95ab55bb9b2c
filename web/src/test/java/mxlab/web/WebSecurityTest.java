package mxlab.web;

import static mxlab.web.WebFixture.deliver;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The security review of the web module, each finding as a test: headers on every answer, the
 * sandboxed message frame, attachment downloads, other users' message ids, session ids at login and
 * logout, and what the Host header may choose.
 */
class WebSecurityTest extends WebTest {

  private Browser loggedIn(String user) throws Exception {
    Browser b = web.browser();
    assertThat(b.login(user, "changeme").statusCode()).isEqualTo(303);
    return b;
  }

  private static String sessionId(Browser b) {
    return b.cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("__Host-mxlab"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse("");
  }

  /** GET /api/me with exactly this session id, as a replayed or copied cookie would be sent. */
  private String me(String sessionId) throws Exception {
    return web.rawTls(
        "GET /api/me HTTP/1.1\r\nHost: lab\r\nCookie: __Host-mxlab="
            + sessionId
            + "\r\nConnection: close\r\n\r\n");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    deliver(web.inbox("test"), "Subject: x\n\ny\n");
    Browser b = loggedIn("test@bann.com");
    Browser stranger = web.browser();
    for (HttpResponse<String> r :
        new java.util.ArrayList<>(
            java.util.List.of(
                b.get("/mailbox/bann.com/test"),
                b.get("/"), // 303 to the mailbox
                b.get("/nothing-here"), // 404
                b.get("/queue"), // 403, admins only
                b.get("/api/mailbox/bann.com/test"),
                b.get("/message/bann.com/test/1/raw"),
                b.get("/static/lab.js"),
                stranger.get("/api/me"), // 401
                stranger.get("/login"),
                stranger.get("/mail/config-v1.1.xml?emailaddress=test%40bann.com"),
                new Browser(web.httpBase()).get("/healthz")))) {
      String what = r.request().method() + " " + r.uri() + " " + r.statusCode();
      assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
          .as(what)
          .contains("default-src 'none'")
          .contains("frame-ancestors 'none'")
          .contains("base-uri 'none'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
    }
    String unknownMethod =
        web.raw("DELETE /login HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n");
    assertThat(unknownMethod)
        .startsWith("HTTP/1.1 405")
        .contains("X-content-type-options: nosniff")
        .contains("frame-ancestors 'none'");
  }

  @Test
  void aMessagesHtmlRunsInAFrameWithoutScriptsOrOurOrigin() throws Exception {
    deliver(
        web.inbox("test"),
        "Subject: html\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
            + "<p>hi</p><script>parent.document.title='owned'</script>\n");
    Browser b = loggedIn("test@bann.com");
    String page = b.get("/message/bann.com/test/1").body();
    assertThat(page)
        .contains("<iframe id=\"html\" sandbox=\"\" referrerpolicy=\"no-referrer\"")
        .doesNotContain("allow-scripts")
        .doesNotContain("allow-same-origin")
        .doesNotContain("<script>parent");
    HttpResponse<String> html = b.get("/message/bann.com/test/1/html");
    String policy = html.headers().firstValue("Content-Security-Policy").orElseThrow();
    // sandbox without allow-*: a unique origin with no script, even when opened as a page
    assertThat(policy).contains("sandbox;").doesNotContain("allow-").doesNotContain("script-src");
    assertThat(policy).contains("frame-ancestors 'self'");
    assertThat(html.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
  }

  @Test
  void attachmentsAreDownloadsUnderASafeNameWhateverTheSenderSays() throws Exception {
    deliver(
        web.inbox("test"),
        "Subject: files\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=m\n\n"
            + "--m\nContent-Type: text/plain\n\nsee attached\n"
            + "--m\nContent-Type: text/html\n"
            + "Content-Disposition: attachment; filename*=UTF-8''%EB%B3%B4%EA%B3%A0%EC%84%9C%20%22"
            + "final%22%3B.html\n\n<script>alert(1)</script>\n"
            + "--m\nContent-Type: application/pdf\n"
            + "Content-Disposition: attachment; filename=\"..\\\\..\\\\boot.ini\"\n\nx\n"
            + "--m--\n");
    Browser b = loggedIn("test@bann.com");
    HttpResponse<String> korean = b.get("/message/bann.com/test/1/part/0");
    assertThat(korean.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    // RFC 6266 4.3: an ASCII fallback first, the UTF-8 name percent-encoded (RFC 8187)
    assertThat(korean.headers().firstValue("Content-Disposition"))
        .hasValue(
            "attachment; filename=\"_____final__.html\"; "
                + "filename*=UTF-8''%EB%B3%B4%EA%B3%A0%EC%84%9C%20%22final%22%3B.html");
    assertThat(korean.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(b.get("/message/bann.com/test/1/part/1").headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"boot.ini\"");
    HttpResponse<String> raw = b.get("/message/bann.com/test/1/raw");
    assertThat(raw.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
  }

  @Test
  void anotherUsersMessageIdsAreNotFoundByUrlOrApi() throws Exception {
    deliver(web.inbox("master"), "Subject: secret\n\nfor master only\n");
    deliver(web.inbox("test"), "Subject: mine\n\nfor test\n");
    Browser b = loggedIn("test@bann.com");
    for (String path :
        java.util.List.of(
            "/message/bann.com/master/1",
            "/message/bann.com/MASTER/1",
            "/message/BANN.COM/master/1/raw",
            "/message/bann.com/master/1/html",
            "/message/bann.com/master/1/part/0",
            "/api/message/bann.com/master/1",
            "/api/mailbox/bann.com/master",
            "/api/events/mailbox/bann.com/master",
            "/mailbox/bann.com/master")) {
      HttpResponse<String> r = b.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).doesNotContain("secret");
    }
    // the same answer as for a mailbox or message that does not exist: nothing to probe
    assertThat(b.get("/message/bann.com/nobody/1").statusCode()).isEqualTo(404);
    assertThat(b.get("/message/bann.com/test/99").statusCode()).isEqualTo(404);
    assertThat(b.get("/api/message/bann.com/test/1").body()).contains("for test");
  }

  @Test
  void loginGivesANewSessionIdAndEndsTheOldOne() throws Exception {
    // an attacker's own valid session, planted in the victim's browser before they log in
    Browser attacker = loggedIn("master@bann.com");
    String planted = sessionId(attacker);
    Browser victim = web.browser();
    HttpCookie cookie = new HttpCookie("__Host-mxlab", planted);
    cookie.setPath("/");
    cookie.setVersion(0);
    victim.cookies.getCookieStore().add(URI.create(web.httpsBase()), cookie);
    assertThat(victim.get("/api/me").body()).contains("master@bann.com");
    HttpResponse<String> login = victim.login("test@bann.com", "changeme");
    assertThat(login.statusCode()).isEqualTo(303);
    String given = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(given).startsWith("__Host-mxlab=").doesNotContain(planted);
    assertThat(me(given.substring("__Host-mxlab=".length(), given.indexOf(';'))))
        .startsWith("HTTP/1.1 200")
        .contains("test@bann.com");
    assertThat(attacker.get("/api/me").statusCode()).isEqualTo(401);
    // made-up ids are nobody's session
    Browser guesser = web.browser();
    HttpCookie made = new HttpCookie("__Host-mxlab", "made-up");
    made.setPath("/");
    made.setVersion(0);
    guesser.cookies.getCookieStore().add(URI.create(web.httpsBase()), made);
    assertThat(guesser.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void logoutEndsTheSessionOnTheServerNotJustTheCookie() throws Exception {
    Browser b = loggedIn("test@bann.com");
    String id = sessionId(b);
    String page = b.get("/mailbox/bann.com/test").body();
    // logout is a POST with the session's CSRF token like every other form
    assertThat(b.post("/logout", "", null).statusCode()).isEqualTo(403);
    assertThat(b.get("/api/me").statusCode()).isEqualTo(200);
    HttpResponse<String> out = b.post("/logout", "csrf=" + Browser.csrf(page), null);
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(me(id)).startsWith("HTTP/1.1 401");
  }

  @Test
  void logoutEndsTheSessionsLiveStreams() throws Exception {
    Browser b = loggedIn("test@bann.com");
    String page = b.get("/mailbox/bann.com/test").body();
    try (Socket s =
        web.clientTls()
            .getSocketFactory()
            .createSocket("127.0.0.1", web.https.address().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              ("GET /api/events/mailbox/bann.com/test HTTP/1.1\r\nHost: lab\r\nCookie: __Host-mxlab="
                      + sessionId(b)
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      BufferedReader stream =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      assertThat(stream.readLine()).isEqualTo("HTTP/1.1 200 OK");
      while (!stream.readLine().startsWith("data:")) {
        // headers, retry, the first event
      }
      assertThat(b.post("/logout", "csrf=" + Browser.csrf(page), null).statusCode()).isEqualTo(303);
      long start = System.nanoTime();
      String line;
      while ((line = stream.readLine()) != null) {
        assertThat(line).doesNotStartWith("data:");
      }
      // the chunked body ends within a second or two, not after the stream's minute
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void theHostHeaderOnlyPicksAmongOurDomains() throws Exception {
    String ours =
        web.raw(
            "GET /mail/config-v1.1.xml HTTP/1.1\r\nHost: autoconfig.bann.com\r\n"
                + "Connection: close\r\n\r\n");
    assertThat(ours).startsWith("HTTP/1.1 200").contains("<domain>bann.com</domain>");
    for (String host :
        java.util.List.of(
            "evil.example",
            "autoconfig.evil.example",
            "autoconfig.bann.com.evil.example",
            "autoconfig.bann.com\"><x",
            "")) {
      String answer =
          web.raw(
              "GET /mail/config-v1.1.xml HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nConnection: close\r\n\r\n");
      assertThat(answer).as(host).startsWith("HTTP/1.1 404").doesNotContain("<x");
    }
    // the address asked about decides, and it is never echoed unescaped
    String xml =
        web.raw(
            "GET /mail/config-v1.1.xml?emailaddress=%3Cx%3E%40bann.com HTTP/1.1\r\n"
                + "Host: evil.example\r\nConnection: close\r\n\r\n");
    assertThat(xml).startsWith("HTTP/1.1 200").doesNotContain("<x>").doesNotContain("evil");
  }
}
