package mxlab.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import mxlab.web.WebTest;
import org.junit.jupiter.api.Test;

/**
 * Which error answers carry the security headers: every one our dispatcher writes does; the few the
 * JDK writes itself before any handler or filter runs cannot (see {@link WebServer}), so they are
 * pinned here as fixed text that reflects nothing the client sent and closes the connection.
 */
class ErrorRepliesTest extends WebTest {
  private static final List<String> HEADERS =
      List.of(
          "Content-security-policy: default-src 'none'",
          "X-content-type-options: nosniff",
          "X-frame-options: DENY",
          "Referrer-policy: same-origin");

  private String raw(String request) throws Exception {
    return web.raw(request);
  }

  @Test
  void everyErrorOfOursCarriesTheHeaders() throws Exception {
    String form = "csrf=t&user=x&password=y";
    Map<String, String> answers =
        Map.of(
            "400", "GET /static/%2e%2e/x HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n",
            "401", "GET /api/me HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n",
            "403",
                "POST /login HTTP/1.1\r\nHost: lab\r\nContent-Length: "
                    + form.length()
                    + "\r\nConnection: close\r\n\r\n"
                    + form,
            "404", "GET /nothing HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n",
            "405", "DELETE /login HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n",
            "413",
                "POST /autodiscover/autodiscover.xml HTTP/1.1\r\nHost: lab\r\n"
                    + "Content-Type: text/xml\r\nContent-Length: 99999999\r\n"
                    + "Connection: close\r\n\r\n");
    for (var e : answers.entrySet()) {
      String answer = raw(e.getValue());
      assertThat(answer).as(e.getKey()).startsWith("HTTP/1.1 " + e.getKey());
      for (String h : HEADERS) {
        assertThat(answer).as(e.getKey()).containsIgnoringCase(h);
      }
    }
  }

  @Test
  void theJdksOwnRejectionsAreFixedTextThatEndsTheConnection() throws Exception {
    Map<String, String> rejected =
        Map.of(
            "GET <script>\r\n\r\n", "HTTP/1.1 400",
            "GET /<script> HTTP/1.1\r\nHost: lab\r\n\r\n", "HTTP/1.1 400",
            "GET * HTTP/1.1\r\nHost: lab\r\n\r\n", "HTTP/1.1 404",
            "GET / HTTP/1.1\r\nHost: lab\r\n<script>: x\r\n\r\n", "HTTP/1.1 400",
            "POST / HTTP/1.1\r\nHost: lab\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
                "HTTP/1.1 400",
            "POST / HTTP/1.1\r\nHost: lab\r\nTransfer-Encoding: <script>\r\n\r\n", "HTTP/1.1 501",
            "POST / HTTP/1.1\r\nHost: lab\r\nContent-Length: <script>\r\n\r\n", "HTTP/1.1 400");
    for (var e : rejected.entrySet()) {
      String answer = raw(e.getKey()); // readAllBytes: returns only once the JDK has closed
      assertThat(answer)
          .as(e.getKey())
          .startsWith(e.getValue()) // the JDK's wording of the body varies between updates
          .contains("Connection: close")
          .doesNotContainIgnoringCase("<script")
          // if a JDK ever lets these carry headers, WebServer's note is out of date
          .doesNotContainIgnoringCase("nosniff");
    }
    assertThat(raw("GET /healthz HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
  }
}
