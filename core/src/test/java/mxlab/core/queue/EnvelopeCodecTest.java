package mxlab.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import mxlab.core.reply.SmtpReply;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {
  /** An envelope as mxlab wrote it before replies were typed: its diagnostics are plain text. */
  private static final String OLD_FILE =
      """
      mxlab-envelope 1
      id ABCD1234EF
      arrival 2026-11-28T01:02:03Z
      sender <alice@north.lab>
      skip 31
      size 420
      body 8BITMIME
      smtputf8 false
      attempts 4
      next 2026-11-28T05:00:00Z
      last 2026-11-28T04:00:00Z
      warned true
      rcpt delivered bob@south.lab\tmx.south.lab\t250 2.0.0 Ok: queued as X
      rcpt failed carol@south.lab\tmx.south.lab\t550 5.1.1 <carol@south.lab>: User unknown
      rcpt failed dan@slow.lab\tmx.slow.lab\t4.4.7 delivery time expired; the last attempt said: 421 busy
      rcpt pending erin@down.lab\tmx.down.lab\tmx.down.lab[192.0.2.9] greeted us with 554 no
      rcpt pending frank@far.lab\t\t
      """;

  @Test
  void oldEnvelopeFilesStillRead() {
    Envelope e = EnvelopeCodec.decode(OLD_FILE);
    assertThat(e.id()).isEqualTo("ABCD1234EF");
    assertThat(e.attempts()).isEqualTo(4);
    assertThat(e.lastAttempt()).isEqualTo(Instant.parse("2026-11-28T04:00:00Z"));
    List<Envelope.Recipient> r = e.recipients();
    assertThat(r)
        .extracting(Envelope.Recipient::status)
        .containsExactly(
            Envelope.Status.DELIVERED,
            Envelope.Status.FAILED,
            Envelope.Status.FAILED,
            Envelope.Status.PENDING,
            Envelope.Status.PENDING);
    assertThat(r.get(0).reply()).isEqualTo(SmtpReply.of(250, "2.0.0", "Ok: queued as X"));
    assertThat(r.get(1).reply())
        .isEqualTo(SmtpReply.of(550, "5.1.1", "<carol@south.lab>: User unknown"));
    assertThat(r.get(1).mta()).isEqualTo("mx.south.lab");
    // notes without a reply code get one of their status class, or of the recipient's state
    assertThat(r.get(2).reply().status()).isEqualTo("4.4.7");
    assertThat(r.get(2).reply().code()).isEqualTo(451);
    assertThat(r.get(2).reply().text()).endsWith("the last attempt said: 421 busy");
    assertThat(r.get(3).reply().code()).isEqualTo(451);
    assertThat(r.get(3).reply().text()).isEqualTo("mx.down.lab[192.0.2.9] greeted us with 554 no");
    assertThat(r.get(4).reply()).isNull();
    assertThat(r.get(4).diagnostic()).isEmpty();
  }

  @Test
  void repliesRoundTripInTheSameTextFormat() {
    Envelope e = EnvelopeCodec.decode(OLD_FILE);
    String written = EnvelopeCodec.encode(e);
    assertThat(written)
        .contains(
            "rcpt failed carol@south.lab\tmx.south.lab\t550 5.1.1 <carol@south.lab>: User unknown\n")
        .contains("rcpt pending frank@far.lab\t\t\n");
    assertThat(EnvelopeCodec.decode(written)).isEqualTo(e);
  }
}
