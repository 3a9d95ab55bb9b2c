package mxlab.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mxlab.web.WebTest;
import org.junit.jupiter.api.Test;

/** Requests a browser would never send, written byte by byte on a raw socket. */
class HostileClientsTest extends WebTest {

  private String get(String rawPath) throws Exception {
    return web.raw("GET " + rawPath + " HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n");
  }

  @Test
  void pathsThatClimbAreRefusedBeforeRouting() throws Exception {
    for (String path :
        new String[] {
          "/static/../../../../etc/passwd",
          "/static/%2e%2e/%2e%2e/etc/passwd",
          "/static/%252e%252e/etc/passwd",
          "/mailbox/bann.com/..%2fmaster",
          "/mailbox/bann.com/test/./1",
          "/static\\..\\lab.css",
          "/static/lab.css%00.png",
          "/static//lab.css",
        }) {
      assertThat(get(path)).as(path).startsWith("HTTP/1.1 400").doesNotContain("root:");
    }
    assertThat(get("/static/lab.css")).startsWith("HTTP/1.1 200");
    assertThat(get("/static/lab.css.bak")).startsWith("HTTP/1.1 404");
    assertThat(get("/mailbox/bann.com/test")).startsWith("HTTP/1.1 303"); // to the login form
  }

  @Test
  void tooManyOrTooLargeHeaderFieldsCloseTheRequest() throws Exception {
    StringBuilder many = new StringBuilder("GET /healthz HTTP/1.1\r\nHost: lab\r\n");
    for (int i = 0; i < WebLimits.MAX_HEADERS + 10; i++) {
      many.append("X-Filler-").append(i).append(": x\r\n");
    }
    assertThat(refusedOrReset(many.append("\r\n").toString())).doesNotStartWith("HTTP/1.1 200");
    String big =
        "GET /healthz HTTP/1.1\r\nHost: lab\r\nX-Big: "
            + "x".repeat(WebLimits.MAX_HEADER_OCTETS + 1)
            + "\r\n\r\n";
    assertThat(refusedOrReset(big)).doesNotStartWith("HTTP/1.1 200");
    // the listener is still fine for the next client
    assertThat(get("/healthz")).startsWith("HTTP/1.1 200");
  }

  /** The JDK answers 400 or just closes; closing with our bytes unread resets the connection. */
  private String refusedOrReset(String request) throws Exception {
    try {
      return web.raw(request);
    } catch (java.net.SocketException e) {
      return "reset: " + e.getMessage();
    }
  }

  @Test
  void aClientThatNeverFinishesItsRequestIsCutOff() throws Exception {
    try (Socket slow = new Socket()) {
      slow.connect(web.http.address(), 2000);
      slow.setSoTimeout((int) WebLimits.MAX_REQUEST_TIME.plusSeconds(10).toMillis());
      OutputStream out = slow.getOutputStream();
      out.write(
          "GET /healthz HTTP/1.1\r\nHost: lab\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      InputStream in = slow.getInputStream();
      byte[] answer = in.readAllBytes(); // ends when the server closes
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(new String(answer, StandardCharsets.US_ASCII)).doesNotContain("200");
      assertThat(took).isLessThan(WebLimits.MAX_REQUEST_TIME.plusSeconds(5));
    }
    assertThat(get("/healthz")).startsWith("HTTP/1.1 200");
  }

  @Test
  void oversizedBodiesAndUnknownMethods() throws Exception {
    String post =
        "POST /autodiscover/autodiscover.xml HTTP/1.1\r\nHost: lab\r\nContent-Type: text/xml\r\n"
            + "Content-Length: 99999999\r\nConnection: close\r\n\r\n";
    assertThat(web.raw(post)).startsWith("HTTP/1.1 413");
    assertThat(web.raw("DELETE /login HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 405");
    assertThat(get("/nothing-here")).startsWith("HTTP/1.1 404").contains("nosniff");
  }
}
