package mxlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mxlab.core.spec.Spec;
import mxlab.core.spec.read.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that moves the web listener keeps everyone logged in: the sessions are the instance's.
 */
class WebLoginReloadTest {
  @TempDir Path dir;

  private String spec(String listen) {
    return "version: 1\nserver:\n  hostname: mail.bann.com\n  listen: "
        + listen
        + "\n  allow_plaintext_auth: true\n  data_dir: "
        + dir.resolve("data")
        + "\n  ports: { dns: off, smtp: off, submission: off, submissions: off, pop3: off,"
        + " pop3s: off, imap: off, imaps: off, http: 0, https: off, ssh: off }\n"
        + "domains:\n  - name: bann.com\n    hosts: { mail: "
        + listen
        + " }\n    users:\n      - { name: test, password: \"{PLAIN}changeme\" }\n";
  }

  private static String base(InetSocketAddress a) {
    return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  @Test
  void aSessionOutlivesTheListenerItWasMadeOn() throws Exception {
    Path file = Files.writeString(dir.resolve("lab.yaml"), spec("127.0.0.1"));
    Spec first = SpecLoader.load(file).spec();
    try (Instance mxlab =
        Instance.start(
            new SpecSource(file, s -> s), first, Starters.standard(), (a, c, o, e) -> 0)) {
      CookieManager cookies = new CookieManager();
      HttpClient client =
          HttpClient.newBuilder()
              .cookieHandler(cookies)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      String before = base(mxlab.boundAddress("http"));
      String form =
          client
              .send(
                  HttpRequest.newBuilder(URI.create(before + "/login")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form);
      assertThat(csrf.find()).isTrue();
      HttpResponse<String> login =
          client.send(
              HttpRequest.newBuilder(URI.create(before + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "csrf=" + csrf.group(1) + "&user=test%40bann.com&password=changeme"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(303);
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      String session = cookie.substring(0, cookie.indexOf(';'));

      // another address: the reload moves the listener, and the browser follows with its cookie
      Files.writeString(file, spec("127.0.0.2"));
      Instance.ReloadReport report = mxlab.reload();
      assertThat(report.applied()).as(report.lines().toString()).isTrue();
      InetSocketAddress moved = mxlab.boundAddress("http");
      assertThat(moved.getAddress().getHostAddress()).isEqualTo("127.0.0.2");
      HttpResponse<String> me =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base(moved) + "/api/me"))
                      .header("Cookie", session)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(me.body()).contains("test@bann.com");
    }
  }
}
