package mxlab.junit;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import mxlab.junit.remote.RemoteFault;
import mxlab.junit.remote.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fresh lab per test (an instance field); the remote misbehaves and the lab's queue copes. */
class RemoteFaultTest {
  @RegisterExtension
  MxlabExtension lab = MxlabExtension.builder().domain("bann.com").user("test", "pw").build();

  private void relay(String subject) throws Exception {
    SmtpClient.send(lab.smtp(), "test@bann.com", "bob@remote.test", subject, "x\n");
  }

  @Test
  void aTemporaryFailureAtRcptIsRetriedAndThenDelivered() throws Exception {
    lab.remote().inject(RemoteFault.reply(Stage.RCPT, "451 4.3.0 Try again later").times(1));
    relay("retried");
    RelayedMessage m = lab.remote().awaitMessages(1, ofSeconds(15)).get(0);
    assertThat(m.message().subject()).isEqualTo("retried");
    assertThat(lab.remote().connections()).isEqualTo(2);
    assertThat(lab.maillog().grep("status=deferred")).hasSize(1);
    assertThat(lab.maillog().await("status=sent", ofSeconds(5))).contains("bob@remote.test");
    assertThat(lab.remote().transcript()).contains("S: 451 4.3.0 Try again later");
  }

  @Test
  void aPermanentFailureBouncesToTheSender() throws Exception {
    lab.remote().inject(RemoteFault.reply(Stage.RCPT, "550 5.1.1 No such user"));
    relay("bounced");
    ReceivedMessage bounce = lab.mailbox("test@bann.com").awaitMessage(ofSeconds(15));
    assertThat(bounce.from().get(0)).startsWith("MAILER-DAEMON@");
    assertThat(bounce.header("Content-Type").orElseThrow()).contains("multipart/report");
    assertThat(bounce.text()).contains("bob@remote.test");
    assertThat(lab.remote().messages()).isEmpty();
    lab.queue().awaitEmpty(ofSeconds(5));
  }

  @Test
  void aDroppedConnectionDuringDataIsRetried() throws Exception {
    lab.remote().inject(RemoteFault.drop(Stage.MESSAGE).times(1));
    relay("after a drop");
    assertThat(lab.remote().awaitMessages(1, ofSeconds(15)).get(0).message().subject())
        .isEqualTo("after a drop");
    assertThat(lab.remote().transcript()).contains("   (connection dropped at MESSAGE)");
  }

  @Test
  void aRemoteWithoutTlsGetsThePlainMessage() throws Exception {
    lab.remote().offerTls(false);
    relay("in clear");
    RelayedMessage m = lab.remote().awaitMessages(1, ofSeconds(10)).get(0);
    assertThat(m.tls()).isFalse();
    assertThat(lab.remote().transcript()).noneMatch(l -> l.contains("STARTTLS"));
  }

  @Test
  void aRefusedStarttlsIsDeliveredInClearOnTheSameConnection() throws Exception {
    lab.remote().inject(RemoteFault.reply(Stage.STARTTLS, "454 4.7.0 TLS not available"));
    relay("tls refused");
    RelayedMessage m = lab.remote().awaitMessages(1, ofSeconds(10)).get(0);
    assertThat(m.tls()).isFalse();
    assertThat(lab.remote().connections()).isEqualTo(1);
    assertThat(lab.remote().transcript()).contains("S: 454 4.7.0 TLS not available");
  }

  @Test
  void aSlowGreetingStillDelivers() throws Exception {
    lab.remote().inject(RemoteFault.delay(Stage.GREETING, Duration.ofMillis(1500)));
    long start = System.nanoTime();
    relay("slow");
    lab.remote().awaitMessages(1, ofSeconds(15));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
  }

  @Test
  void aFailedRemoteAwaitShowsTheDialogueTheQueueAndTheMaillog() throws Exception {
    lab.remote().inject(RemoteFault.reply(Stage.MAIL, "452 4.3.1 Insufficient storage"));
    relay("stuck");
    assertThatThrownBy(() -> lab.remote().awaitMessages(1, Duration.ofSeconds(3)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 1 relayed messages within PT3S, but 0 arrived")
        .hasMessageContaining(
            "faults still armed: [reply \"452 4.3.1 Insufficient storage\" at MAIL]")
        .hasMessageContaining("S: 452 4.3.1 Insufficient storage")
        .hasMessageContaining("pending [bob@remote.test]")
        .hasMessageContaining("status=deferred");
  }

  @Test
  void faultRepliesMustBeFailures() {
    assertThatThrownBy(() -> RemoteFault.reply(Stage.RCPT, "250 ok"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4xx or 5xx");
    assertThat(List.of(RemoteFault.drop(Stage.DATA).times(2).toString()))
        .containsExactly("drop the connection at DATA (2 more times)");
  }
}
