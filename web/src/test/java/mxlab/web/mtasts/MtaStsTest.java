package mxlab.web.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import mxlab.core.spec.SpecFixtures;
import mxlab.web.WebFixture;
import mxlab.web.WebTest;
import org.junit.jupiter.api.Test;

class MtaStsTest extends WebTest {

  @Override
  protected WebFixture fixture(Path dir) throws IOException {
    return new WebFixture(
        dir,
        SpecFixtures.spec(
            SpecFixtures.minimal("    mta_sts: testing\n")
                + "  - name: other.org\n    hosts: { mail: 192.0.2.1 }\n"),
        Duration.ofMillis(100));
  }

  private String https(String host) throws Exception {
    return web.rawTls(
        "GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
  }

  @Test
  void thePolicyIsServedOverHttpsForItsHostOnly() throws Exception {
    String answer = https("mta-sts.bann.com");
    assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-type: text/plain");
    assertThat(answer)
        .endsWith("version: STSv1\r\nmode: testing\r\nmx: mail.bann.com\r\nmax_age: 86400\r\n");
    assertThat(https("mta-sts.other.org")).startsWith("HTTP/1.1 404"); // no policy there
    assertThat(https("bann.com")).startsWith("HTTP/1.1 404");
    assertThat(
            web.raw(
                "GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: mta-sts.bann.com\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 404"); // RFC 8461 3.3: HTTPS only
  }
}
