package mxlab.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mxlab.core.queue.Envelope;
import mxlab.core.queue.RetrySchedule;
import mxlab.core.reply.SmtpReply;
import mxlab.core.spec.SpecFixtures;
import org.junit.jupiter.api.Test;

/** The envelope's change after an attempt, as the pure function it is. */
class AttemptOutcomeTest {
  private static final Instant ARRIVAL = Instant.parse("2026-12-01T09:00:00Z");
  private final RetrySchedule schedule =
      new RetrySchedule(SpecFixtures.spec(SpecFixtures.minimal("")).server().queue());

  private static Envelope envelope(String... recipients) {
    return new Envelope(
        "Q1",
        ARRIVAL,
        "alice@north.lab",
        0,
        10,
        false,
        false,
        0,
        ARRIVAL,
        null,
        false,
        List.of(recipients).stream()
            .map(r -> new Envelope.Recipient(r, Envelope.Status.PENDING, "", ""))
            .toList());
  }

  private static RecipientResult result(String r, Envelope.Status s, String reply) {
    return new RecipientResult(r, s, "mx.south.lab", SmtpReply.parse(reply).orElseThrow());
  }

  @Test
  void aBusyDestinationIsNotAnAttempt() {
    AttemptOutcome o =
        AttemptOutcome.of(envelope("bob@south.lab"), Map.of(), List.of(), true, schedule, ARRIVAL);
    assertThat(o.after().attempts()).isZero();
    assertThat(o.after().lastAttempt()).isNull();
    assertThat(o.next()).isEqualTo(ARRIVAL.plus(AttemptOutcome.BUSY_RETRY));
    assertThat(o.changed()).isEmpty();
    assertThat(o.done()).isFalse();
  }

  @Test
  void aRecipientFoundOnTheWayIsTriedAtOnce() {
    Instant now = ARRIVAL.plusSeconds(1);
    AttemptOutcome o =
        AttemptOutcome.of(
            envelope("carol@north.lab"),
            Map.of(
                "carol@north.lab",
                result("carol@north.lab", Envelope.Status.DELIVERED, "250 2.0.0 delivered")),
            List.of("bob@south.lab"),
            false,
            schedule,
            now);
    assertThat(o.done()).isFalse();
    assertThat(o.after().pending())
        .extracting(Envelope.Recipient::address)
        .containsExactly("bob@south.lab");
    assertThat(o.next()).isEqualTo(now);
    assertThat(o.after().attempts()).isEqualTo(1);
  }

  @Test
  void expiryTurnsWhatIsPendingIntoBouncesAndNoDelayNotice() {
    Instant now = ARRIVAL.plus(schedule.settings().returnAfter());
    AttemptOutcome o =
        AttemptOutcome.of(
            envelope("bob@south.lab"),
            Map.of("bob@south.lab", result("bob@south.lab", Envelope.Status.PENDING, "421 busy")),
            List.of(),
            false,
            schedule,
            now);
    assertThat(o.done()).isTrue();
    assertThat(o.delayed()).isEmpty();
    assertThat(o.bounced())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.reply())
                    .isEqualTo(
                        SmtpReply.of(
                            451,
                            "4.4.7",
                            "delivery time expired; the last attempt said: 421 busy")));
  }

  @Test
  void theDelayNoticeIsDueOnceAfterWarnAfter() {
    Instant now = ARRIVAL.plus(schedule.settings().warnAfter()).plus(Duration.ofMinutes(1));
    Map<String, RecipientResult> deferred =
        Map.of("bob@south.lab", result("bob@south.lab", Envelope.Status.PENDING, "451 later"));
    AttemptOutcome first =
        AttemptOutcome.of(envelope("bob@south.lab"), deferred, List.of(), false, schedule, now);
    assertThat(first.delayed()).extracting(Envelope.Recipient::address).contains("bob@south.lab");
    assertThat(first.after().warned()).isTrue();
    assertThat(first.reported().warned()).isFalse();
    AttemptOutcome second =
        AttemptOutcome.of(first.after(), deferred, List.of(), false, schedule, now.plusSeconds(60));
    assertThat(second.delayed()).isEmpty();
  }
}
