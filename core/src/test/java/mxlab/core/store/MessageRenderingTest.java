package mxlab.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageRenderingTest {
  private static String render(String content, int bodyLines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageRendering.render(content.getBytes(StandardCharsets.UTF_8), bodyLines, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void crlfLineEndsAndDotStuffing() {
    String stored = "Subject: x\n\n.one\n..two\n.\nend\n";
    assertThat(render(stored, -1))
        .isEqualTo("Subject: x\r\n\r\n..one\r\n...two\r\n..\r\nend\r\n.\r\n");
    assertThat(MessageRendering.crlfSize(stored.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(stored.length() + 6);
  }

  @Test
  void topStopsAfterTheRequestedBodyLines() {
    String stored = "A: 1\nB: 2\n\nl1\nl2\nl3\n";
    assertThat(render(stored, 0)).isEqualTo("A: 1\r\nB: 2\r\n\r\n.\r\n");
    assertThat(render(stored, 2)).isEqualTo("A: 1\r\nB: 2\r\n\r\nl1\r\nl2\r\n.\r\n");
    assertThat(render(stored, 99)).isEqualTo(render(stored, -1));
  }

  @Test
  void foreignFilesWithCrlfOrNoFinalNewline() {
    String crlf = "A: 1\r\n\r\nbody\r\n";
    assertThat(render(crlf, -1)).isEqualTo(crlf + ".\r\n");
    assertThat(MessageRendering.crlfSize(crlf.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(crlf.length());
    String unterminated = "A: 1\n\nlast";
    assertThat(render(unterminated, -1)).isEqualTo("A: 1\r\n\r\nlast\r\n.\r\n");
    assertThat(MessageRendering.crlfSize(unterminated.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(14);
  }
}
