package mxlab.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueParsersTest {
  @Test
  void durations() {
    assertThat(Durations.parse("4h")).contains(Duration.ofHours(4));
    assertThat(Durations.parse("5d")).contains(Duration.ofDays(5));
    assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(Durations.parse("90")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
    assertThat(Durations.parse("2w")).contains(Duration.ofDays(14));
    assertThat(Durations.parse("4 hours")).isEmpty();
    assertThat(Durations.parse("h4")).isEmpty();
    assertThat(Durations.parse("")).isEmpty();
    assertThat(Durations.format(Duration.ofHours(4))).isEqualTo("4h");
    assertThat(Durations.format(Duration.ofSeconds(4000))).isEqualTo("4000s");
    assertThat(Durations.format(Duration.ofDays(5))).isEqualTo("5d");
  }

  @Test
  void sizes() {
    assertThat(Sizes.parse("1000000")).contains(1_000_000L);
    assertThat(Sizes.parse("1MB")).contains(1_000_000L);
    assertThat(Sizes.parse("10MiB")).contains(10L << 20);
    assertThat(Sizes.parse("500kB")).contains(500_000L);
    assertThat(Sizes.parse("2 GB")).contains(2_000_000_000L);
    assertThat(Sizes.parse("1.5MB")).isEmpty();
    assertThat(Sizes.parse("big")).isEmpty();
  }

  @Test
  void rejections() {
    assertThat(Rejections.parse("\"550 Go away\""))
        .contains(new Rejection(550, "5.7.1", "Go away"));
    assertThat(Rejections.parse("5.7.0:550 Address invalid"))
        .contains(new Rejection(550, "5.7.0", "Address invalid"));
    assertThat(Rejections.parse("451 Try later"))
        .contains(new Rejection(451, "4.7.1", "Try later"));
    assertThat(Rejections.parse("nouser")).contains(new Rejection(550, "5.1.1", "User unknown"));
    assertThat(Rejections.parse("4.1.1:550 mixed")).isEmpty();
    assertThat(Rejections.parse("250 ok")).isEmpty();
  }

  /** The status may follow the code, as in a reply; it is taken, not repeated in the text. */
  @Test
  void rejectionStatusAfterTheCode() {
    assertThat(Rejections.parse("\"450 4.2.1 Mailbox busy\""))
        .contains(new Rejection(450, "4.2.1", "Mailbox busy"));
    assertThat(Rejections.parse("\"550 5.7.1 Go away\""))
        .contains(new Rejection(550, "5.7.1", "Go away"));
    assertThat(Rejections.parse("550 5.1.1"))
        .contains(new Rejection(550, "5.1.1", "Access denied"));
    assertThat(Rejections.parse("550 5.7.1.2 odd")) // not a status: text
        .contains(new Rejection(550, "5.7.1", "5.7.1.2 odd"));
    assertThat(Rejections.parse("\"450 5.2.1 Mixed\"")).isEmpty();
  }
}
