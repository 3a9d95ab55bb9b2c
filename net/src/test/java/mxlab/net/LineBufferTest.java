package mxlab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineBufferTest {
  private final LineBuffer buffer = new LineBuffer();

  private void feed(String s) {
    buffer.append(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitsCrlfLinesAcrossReads() {
    feed("EHLO a\r");
    assertThat(buffer.next(512)).isNull();
    feed("\nNOOP\r\nQU");
    Line first = buffer.next(512);
    assertThat(first.text()).isEqualTo("EHLO a");
    assertThat(first.crlf()).isTrue();
    assertThat(buffer.next(512).text()).isEqualTo("NOOP");
    assertThat(buffer.next(512)).isNull();
    feed("IT\r\n");
    assertThat(buffer.next(512).is("QUIT")).isTrue();
    assertThat(buffer.isEmpty()).isTrue();
  }

  @Test
  void marksBareLfAndBareCr() {
    feed("a\nb\rc\r\n");
    Line bareLf = buffer.next(100);
    assertThat(bareLf.crlf()).isFalse();
    assertThat(bareLf.text()).isEqualTo("a");
    Line bareCr = buffer.next(100);
    assertThat(bareCr.crlf()).isTrue();
    assertThat(bareCr.bareCr()).isTrue();
  }

  @Test
  void overLongLinesAreReportedOnceAndSkippedWithoutBuffering() {
    feed("x".repeat(600));
    Line cut = buffer.next(512);
    assertThat(cut.tooLong()).isTrue();
    assertThat(buffer.isEmpty()).isTrue(); // nothing of it is kept
    feed("y".repeat(10_000));
    assertThat(buffer.next(512)).isNull();
    feed("z\r\nNOOP\r\n");
    assertThat(buffer.next(512).text()).isEqualTo("NOOP");
  }

  @Test
  void aCompleteLineOverTheLimitIsTooLong() {
    feed("a".repeat(20) + "\r\nok\r\n");
    assertThat(buffer.next(10).tooLong()).isTrue();
    assertThat(buffer.next(10).text()).isEqualTo("ok");
  }

  @Test
  void tellsWhetherALineFollowsACrlf() {
    feed("a\r\nb\n.\r\n" + "x".repeat(600) + "\n.\r\n" + "y".repeat(600));
    assertThat(buffer.next(512).afterCrlf()).isTrue();
    assertThat(buffer.next(512).afterCrlf()).isTrue();
    assertThat(buffer.next(512).afterCrlf()).as("after the bare LF of b").isFalse();
    assertThat(buffer.next(512).tooLong()).isTrue();
    assertThat(buffer.next(512).afterCrlf()).as("after a skipped line's bare LF").isFalse();
    assertThat(buffer.next(512).tooLong()).isTrue();
    feed("\r"); // the skipped line's CR and LF arrive in two reads
    assertThat(buffer.next(512)).isNull();
    feed("\n.\r\n");
    assertThat(buffer.next(512).afterCrlf()).as("after a skipped line's CRLF").isTrue();
  }

  @Test
  void clearDropsEverything() {
    feed("STARTTLS\r\nMAIL FROM:<evil>\r\n");
    assertThat(buffer.next(512).text()).isEqualTo("STARTTLS");
    buffer.clear();
    assertThat(buffer.next(512)).isNull();
  }
}
