package mxlab.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mxlab.core.spec.QueueSettings;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
  private final RetrySchedule schedule = new RetrySchedule(QueueSettings.defaults());

  @Test
  void backsOffLikePostfix() {
    assertThat(schedule.backoff(1)).isEqualTo(Duration.ofMinutes(5));
    assertThat(schedule.backoff(2)).isEqualTo(Duration.ofMinutes(10));
    assertThat(schedule.backoff(3)).isEqualTo(Duration.ofMinutes(20));
    assertThat(schedule.backoff(4)).isEqualTo(Duration.ofMinutes(40));
    assertThat(schedule.backoff(5)).isEqualTo(Duration.ofSeconds(4000)); // capped: ~67 minutes
    assertThat(schedule.backoff(50)).isEqualTo(Duration.ofSeconds(4000));
  }

  @Test
  void warnsOnceAfterFourHoursAndExpiresAfterFiveDays() {
    Instant arrival = Instant.parse("2026-11-28T00:00:00Z");
    Envelope e =
        new Envelope(
            "ABCDEFGH1",
            arrival,
            "a@b.c",
            0,
            10,
            false,
            false,
            1,
            arrival,
            null,
            false,
            List.of(new Envelope.Recipient("x@y.z", Envelope.Status.PENDING, "", "")));
    assertThat(schedule.shouldWarn(e, arrival.plus(Duration.ofHours(3)))).isFalse();
    assertThat(schedule.shouldWarn(e, arrival.plus(Duration.ofHours(4)))).isTrue();
    assertThat(schedule.shouldWarn(e.warnedNow(), arrival.plus(Duration.ofHours(5)))).isFalse();
    assertThat(schedule.expired(e, arrival.plus(Duration.ofDays(5)).minusSeconds(1))).isFalse();
    assertThat(schedule.expired(e, arrival.plus(Duration.ofDays(5)))).isTrue();
  }
}
