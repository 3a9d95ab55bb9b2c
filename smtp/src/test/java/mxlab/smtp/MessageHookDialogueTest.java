package mxlab.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mxlab.core.reply.SmtpReply;
import mxlab.net.Dialogue;
import mxlab.smtp.command.CommandRegistry;
import mxlab.smtp.policy.HookResult;
import mxlab.smtp.policy.MessageHook;
import mxlab.smtp.policy.Policy;
import mxlab.smtp.policy.PolicyContext;
import mxlab.smtp.policy.ReceivedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message hooks at the end of DATA, over real sockets: they see the envelope and the spooled
 * message; a refusal answers the final dot with the hook's reply, removes the spooled message and
 * delivers nothing, locally or to the queue.
 */
class MessageHookDialogueTest {
  static final SmtpReply CONTENT_REJECTED = SmtpReply.of(550, "5.7.1", "Content rejected by test");
  static final SmtpReply TRY_LATER = SmtpReply.of(451, "4.7.1", "Content check busy, try later");

  /** Refuses messages whose text holds a marker, and remembers what it was shown. */
  static final class MarkerHook implements MessageHook {
    final List<ReceivedMessage> seen = new CopyOnWriteArrayList<>();
    final List<List<String>> headers = new CopyOnWriteArrayList<>();

    @Override
    public HookResult onMessage(PolicyContext client, ReceivedMessage message) throws IOException {
      seen.add(message);
      headers.add(message.header());
      String text;
      try (InputStream in = message.open()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (text.contains("X-REJECT-ME")) {
        return HookResult.refuse(CONTENT_REJECTED);
      }
      if (text.contains("X-DEFER-ME")) {
        return HookResult.refuse(TRY_LATER);
      }
      return HookResult.declined();
    }
  }

  @TempDir Path data;
  SmtpFixture smtp;
  final MarkerHook hook = new MarkerHook();

  @BeforeEach
  void start() throws Exception {
    smtp =
        new SmtpFixture(
            SmtpDialogueTest.SPEC,
            data,
            CommandRegistry.standard(),
            Policy.standard().withMessageHook(hook));
  }

  @AfterEach
  void stop() {
    smtp.close();
  }

  private static void send(Dialogue d, String body, String finalReply) throws IOException {
    d.script(
        """
        C: MAIL FROM:<alice@example.org>
        S: 250 2.1.0 Sender ok
        C: RCPT TO:<test@bann.com>
        S: 250 2.1.5 Recipient ok
        C: RCPT TO:<someone@partner.org>
        S: 250 2.1.5 Recipient ok
        C: DATA
        S: 354 *
        C: Subject: checked
        C:
        C: %s
        C: .
        S: %s
        """
            .formatted(body, finalReply));
  }

  @Test
  void aHookThatRejectsAnswersItsReplyAndNothingIsDelivered() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      send(d, "spam with X-REJECT-ME inside", "550 5.7.1 Content rejected by test");
      send(d, "a clean message", "250 2.0.0 Ok: queued as *"); // the session goes on
    }
    assertThat(smtp.mailbox("bann.com", "test"))
        .singleElement()
        .satisfies(m -> assertThat(m).contains("a clean message").doesNotContain("X-REJECT-ME"));
    assertThat(smtp.queue()).singleElement().satisfies(e -> assertThat(e.id()).isNotBlank());
    assertThat(spoolFiles()).isEmpty();

    ReceivedMessage refused = hook.seen.get(0);
    assertThat(refused.sender()).hasToString("alice@example.org");
    assertThat(refused.recipients())
        .extracting(Object::toString)
        .containsExactly("test@bann.com", "someone@partner.org");
    assertThat(hook.headers.get(0)).anyMatch(l -> l.startsWith("Received: from c "));
    assertThat(hook.headers.get(0)).contains("Subject: checked").doesNotContain("");
    assertThat(Files.exists(refused.file())).isFalse();
  }

  @Test
  void aHookThatDefersAnswers4xxAndKeepsNothing() throws Exception {
    try (Dialogue d = smtp.greeted()) {
      send(d, "X-DEFER-ME please", "451 4.7.1 Content check busy, try later");
      d.script(
          """
          C: NOOP
          S: 250 2.0.0 Ok
          """);
    }
    assertThat(smtp.mailbox("bann.com", "test")).isEmpty();
    assertThat(smtp.queue()).isEmpty();
    assertThat(spoolFiles()).isEmpty();
    assertThat(smtp.queueWakeups).hasValue(0);
  }

  private List<Path> spoolFiles() throws IOException {
    try (Stream<Path> files = Files.list(data.resolve("spool"))) {
      return files.toList();
    }
  }
}
