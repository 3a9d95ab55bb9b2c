package mxlab.web.lab;

import static mxlab.web.WebFixture.deliver;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mxlab.web.Browser;
import mxlab.web.WebFixture;
import mxlab.web.WebTest;
import mxlab.web.auth.AdminToken;
import mxlab.web.http.WebLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lab page over real HTTP: who sees what, logins, sessions, CSRF, and what messages show. */
class LabPageTest extends WebTest {
  @Override
  protected WebFixture fixture(Path dir) throws IOException {
    return WebFixture.plaintextLab(dir);
  }

  private String base;

  @BeforeEach
  void start() throws Exception {
    base = web.httpBase();
  }

  @Test
  void aUserSeesTheirOwnMailboxAndNothingElse() throws Exception {
    deliver(web.inbox("test"), "From: a@b.org\nSubject: for test\n\nhello\n");
    deliver(web.inbox("master"), "From: a@b.org\nSubject: for master\n\nsecret\n");
    Browser b = new Browser(base);
    assertThat(b.get("/").statusCode()).isEqualTo(303); // to the login form
    HttpResponse<String> login = b.login("test@bann.com", "changeme");
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).hasValue("/mailbox/bann.com/test");
    assertThat(login.headers().allValues("Set-Cookie"))
        .anySatisfy(
            c ->
                assertThat(c)
                    .startsWith("mxlab=")
                    .contains("HttpOnly")
                    .contains("SameSite=Strict"));
    assertThat(b.get("/mailbox/bann.com/test").body())
        .contains("for test")
        .doesNotContain("for master");
    assertThat(b.get("/mailbox/bann.com/master").statusCode()).isEqualTo(404);
    assertThat(b.get("/message/bann.com/master/1").statusCode()).isEqualTo(404);
    assertThat(b.get("/api/mailbox/bann.com/master").statusCode()).isEqualTo(404);
    assertThat(b.get("/api/mailboxes").body()).contains("test@bann.com").doesNotContain("master@");
    assertThat(b.get("/queue").statusCode()).isEqualTo(403);
    assertThat(b.get("/api/status").statusCode()).isEqualTo(403);
    assertThat(b.get("/").headers().firstValue("Location")).hasValue("/mailbox/bann.com/test");
    assertThat(new Browser(base).get("/api/mailboxes").statusCode()).isEqualTo(401);
  }

  @Test
  void overHttpsTheSessionCookieIsSecureAndHostBound() throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(web.clientTls()).build();
    String https = web.httpsBase();
    HttpResponse<String> form =
        client.send(
            HttpRequest.newBuilder(URI.create(https + "/login")).build(),
            HttpResponse.BodyHandlers.ofString());
    String loginCookie = form.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(loginCookie).contains("Secure");
    HttpResponse<String> login =
        client.send(
            HttpRequest.newBuilder(URI.create(https + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", loginCookie.substring(0, loginCookie.indexOf(';')))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "csrf="
                            + Browser.csrf(form.body())
                            + "&user=test%40bann.com&password=changeme"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
        .startsWith("__Host-mxlab=")
        .contains("; Path=/; HttpOnly; SameSite=Strict; Secure");
  }

  @Test
  void theAdminLogsInWithTheTokenAndSeesTheWholeLab() throws Exception {
    deliver(web.inbox("master"), "From: a@b.org\nSubject: hi\n\nx\n");
    String token = Files.readString(AdminToken.file(dir.resolve("data"))).strip();
    Browser b = new Browser(base);
    assertThat(b.login("admin", "wrong").statusCode()).isEqualTo(401);
    assertThat(b.login("admin", token).headers().firstValue("Location")).hasValue("/");
    String overview = b.get("/").body();
    assertThat(overview).contains("master@bann.com").contains("test@bann.com").contains("https");
    assertThat(b.get("/mailbox/bann.com/master").body()).contains("hi");
    assertThat(b.get("/api/mailboxes").body()).contains("\"messages\" : 1");
    assertThat(b.get("/queue").statusCode()).isEqualTo(200);
  }

  @Test
  void failedLoginsWaitOnTheThrottleTheMailProtocolsShare() throws Exception {
    Browser b = new Browser(base);
    long start = System.nanoTime();
    HttpResponse<String> wrong = b.login("test@bann.com", "nope");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("Wrong address or password.");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    b.login("nobody@bann.com", "nope");
    // the same throttle SMTP AUTH, POP3 and IMAP are given: this client is on its third failure
    assertThat(web.throttle.failed(InetAddress.getByName("127.0.0.1")))
        .isEqualTo(Duration.ofMillis(600));
    // guessing in parallel: a few wait out their delay, the others are told to come back later
    List<CompletableFuture<Integer>> guesses = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(10);
    for (int i = 0; i < 10; i++) {
      Browser g = new Browser(base);
      String token = Browser.csrf(g.get("/login").body());
      guesses.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return g.post(
                          "/login", "csrf=" + token + "&user=test%40bann.com&password=x", null)
                      .statusCode();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              clients));
    }
    List<Integer> codes = guesses.stream().map(CompletableFuture::join).toList();
    clients.shutdown();
    assertThat(codes).contains(429).allMatch(c -> c == 401 || c == 429);
    assertThat(new Browser(base).get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void formsNeedTheirTokenAndOurOrigin() throws Exception {
    Browser b = new Browser(base);
    b.get("/login");
    assertThat(
            b.post("/login", "csrf=forged&user=test%40bann.com&password=changeme", null)
                .statusCode())
        .isEqualTo(403);
    Browser other = new Browser(base);
    String token = Browser.csrf(other.get("/login").body());
    assertThat(
            other
                .post(
                    "/login",
                    "csrf=" + token + "&user=test%40bann.com&password=changeme",
                    "http://evil.example")
                .statusCode())
        .isEqualTo(403);
    assertThat(b.login("test@bann.com", "changeme").statusCode()).isEqualTo(303);
    String page = b.get("/mailbox/bann.com/test").body();
    assertThat(b.post("/logout", "csrf=wrong", null).statusCode()).isEqualTo(403);
    assertThat(b.get("/mailbox/bann.com/test").statusCode()).isEqualTo(200); // still logged in
    assertThat(b.post("/logout", "csrf=" + Browser.csrf(page), null).statusCode()).isEqualTo(303);
    assertThat(b.get("/mailbox/bann.com/test").statusCode()).isEqualTo(303);
  }

  /** The session cookie of a browser logged in over HTTP. */
  private static String sessionCookie(Browser b) {
    return b.cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("mxlab"))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private java.net.Socket openStream(String cookie, String user) throws Exception {
    java.net.Socket s = new java.net.Socket("127.0.0.1", web.http.address().getPort());
    s.setSoTimeout(10_000);
    s.getOutputStream()
        .write(
            ("GET /api/events/mailbox/bann.com/"
                    + user
                    + " HTTP/1.1\r\nHost: lab\r\nCookie: mxlab="
                    + cookie
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    return s;
  }

  private String refusedStream(String cookie, String user) throws Exception {
    return web.raw(
        "GET /api/events/mailbox/bann.com/"
            + user
            + " HTTP/1.1\r\nHost: lab\r\nCookie: mxlab="
            + cookie
            + "\r\nConnection: close\r\n\r\n");
  }

  @Test
  void liveStreamsTellOfNewMailAndAreCapped() throws Exception {
    Browser b = new Browser(base);
    b.login("test@bann.com", "changeme");
    String cookie = sessionCookie(b);
    List<java.net.Socket> streams = new ArrayList<>();
    try {
      for (int i = 0; i < WebLimits.STREAMS_PER_SESSION; i++) {
        streams.add(openStream(cookie, "test"));
      }
      java.io.BufferedReader first =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  streams.get(0).getInputStream(), StandardCharsets.UTF_8));
      assertThat(first.readLine()).isEqualTo("HTTP/1.1 200 OK");
      String line;
      while (!(line = first.readLine()).startsWith("data:")) {
        assertThat(line).doesNotContain("messages\":1");
      }
      assertThat(line).isEqualTo("data: {\"messages\":0,\"uidNext\":1}");
      deliver(web.inbox("test"), "Subject: live\n\nnew\n");
      while (!(line = first.readLine()).startsWith("data:")) {
        // the event's name line, then its data
      }
      assertThat(line).isEqualTo("data: {\"messages\":1,\"uidNext\":2}");
      // one browser cannot take every slot ...
      assertThat(refusedStream(cookie, "test"))
          .startsWith("HTTP/1.1 429")
          .contains("Retry-after: 10")
          .contains("close a tab");
      // ... but two can, and then everyone waits
      Browser master = new Browser(base);
      master.login("master@bann.com", "changeme");
      String masterCookie = sessionCookie(master);
      for (int i = 0; i < WebLimits.MAX_STREAMS - WebLimits.STREAMS_PER_SESSION; i++) {
        streams.add(openStream(masterCookie, "master"));
      }
      for (java.net.Socket s : streams.subList(1, streams.size())) {
        assertThat(
                new java.io.BufferedReader(
                        new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .readLine())
            .isEqualTo("HTTP/1.1 200 OK");
      }
      Browser third = new Browser(base);
      third.login("test@bann.com", "changeme");
      assertThat(refusedStream(sessionCookie(third), "test"))
          .startsWith("HTTP/1.1 503")
          .contains("Retry-after: 10");
    } finally {
      for (java.net.Socket s : streams) {
        s.close();
      }
    }
  }

  @Test
  void hostileSubjectsAndBodiesShowAsText() throws Exception {
    deliver(
        web.inbox("test"),
        "From: \"<img src=x onerror=alert(1)>\" <x@evil.example>\n"
            + "Subject: <script>alert('subject')</script>\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/alternative; boundary=b\n\n"
            + "--b\nContent-Type: text/plain\n\n</pre><script>alert('text')</script>\n"
            + "--b\nContent-Type: text/html\n\n<p onclick=x>hi</p><script>alert('html')</script>\n--b--\n");
    Browser b = new Browser(base);
    b.login("test@bann.com", "changeme");
    String list = b.get("/mailbox/bann.com/test").body();
    assertThat(list)
        .contains("&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;")
        .doesNotContain("<script>alert");
    assertThat(list).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img");
    HttpResponse<String> message = b.get("/message/bann.com/test/1");
    assertThat(message.body())
        .doesNotContain("<script>alert")
        .contains("&lt;/pre&gt;&lt;script&gt;");
    assertThat(message.body()).contains("<iframe id=\"html\" sandbox=\"\"");
    assertThat(message.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'")
        .doesNotContain("unsafe-inline");
    HttpResponse<String> html = b.get("/message/bann.com/test/1/html");
    assertThat(html.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'")
        .contains("sandbox")
        .doesNotContain("script-src");
    assertThat(b.get("/api/message/bann.com/test/1").headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
  }

  @Test
  void koreanHeadersAndBodiesAndAttachments() throws Exception {
    deliver(
        web.inbox("test"),
        "From: =?UTF-8?B?7ZWc6rWt7Ja0?= <kim@bann.com>\n"
            + "Subject: =?UTF-8?B?7JWI64WV7ZWY7IS47JqU?=\n"
            + "MIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=m\n\n"
            + "--m\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
            + "메일 서버 실습입니다.\n"
            + "--m\nContent-Type: application/pdf; name=\"../../etc/passwd\"\n"
            + "Content-Disposition: attachment; filename=\"../../etc/passwd\"\n"
            + "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--m--\n");
    Browser b = new Browser(base);
    b.login("test@bann.com", "changeme");
    String page = b.get("/message/bann.com/test/1").body();
    assertThat(page).contains("안녕하세요").contains("한국어").contains("메일 서버 실습입니다.");
    assertThat(page).contains("/message/bann.com/test/1/part/0");
    HttpResponse<String> part = b.get("/message/bann.com/test/1/part/0");
    assertThat(part.body()).isEqualTo("%PDF-1.4\n");
    assertThat(part.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(part.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"passwd\"");
    assertThat(b.get("/message/bann.com/test/1/raw").body())
        .contains("=?UTF-8?B?7JWI64WV7ZWY7IS47JqU?=");
  }
}
