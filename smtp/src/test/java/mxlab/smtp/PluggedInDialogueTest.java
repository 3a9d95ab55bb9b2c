package mxlab.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import mxlab.core.reply.SmtpReply;
import mxlab.net.Dialogue;
import mxlab.smtp.command.CommandContext;
import mxlab.smtp.command.CommandHandler;
import mxlab.smtp.command.CommandRegistry;
import mxlab.smtp.command.SmtpState;
import mxlab.smtp.policy.HookResult;
import mxlab.smtp.policy.Policy;
import mxlab.smtp.policy.RcptHook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands and policy hooks given to the server at start-up, over real sockets. */
class PluggedInDialogueTest {
  @TempDir Path data;

  /** A site's own rule: no mail for role accounts named "noreply". */
  static final RcptHook NO_NOREPLY =
      (client, recipient) ->
          recipient.address().local().equalsIgnoreCase("noreply")
              ? HookResult.refuse(SmtpReply.of(550, "5.7.1", "noreply takes no mail"))
              : HookResult.declined();

  /** A command of our own, and one that takes NOOP's place. */
  record Fixed(String verb, SmtpReply answer) implements CommandHandler {
    @Override
    public Set<SmtpState> states() {
      return Set.of(SmtpState.CONNECTED, SmtpState.READY);
    }

    @Override
    public void handle(CommandContext session, String argument) {
      session.reply(answer);
    }
  }

  @Test
  void aCustomRcptHookAnswersBeforeTheStandardOnes() throws Exception {
    try (SmtpFixture smtp =
            new SmtpFixture(
                SmtpDialogueTest.SPEC,
                data,
                CommandRegistry.standard(),
                Policy.standard().withRcptHookFirst(NO_NOREPLY));
        Dialogue d = smtp.greeted()) {
      d.script(
          """
          C: MAIL FROM:<alice@example.org>
          S: 250 2.1.0 Sender ok
          C: RCPT TO:<noreply@bann.com>
          S: 550 5.7.1 noreply takes no mail
          C: RCPT TO:<test@bann.com>
          S: 250 2.1.5 Recipient ok
          C: RCPT TO:<x@gmail.com>
          S: 250 2.1.5 Recipient ok
          """);
    }
  }

  @Test
  void customCommandsAreDispatchedLikeTheOthers() throws Exception {
    CommandRegistry commands =
        CommandRegistry.standard()
            .with(new Fixed("XPING", SmtpReply.of(250, "2.0.0", "pong")))
            .with(new Fixed("NOOP", SmtpReply.of(250, "2.0.0", "our own NOOP")));
    try (SmtpFixture smtp =
            new SmtpFixture(SmtpDialogueTest.SPEC, data, commands, Policy.standard());
        Dialogue d = smtp.connect()) {
      d.script(
          """
          S: 220 *
          C: xping
          S: 250 2.0.0 pong
          C: NOOP
          S: 250 2.0.0 our own NOOP
          C: EHLO c
          S: 250-*
          """);
    }
  }

  @Test
  void aRegistryWithoutAMandatoryCommandFailsAtStartUp() {
    assertThatThrownBy(
            () -> new CommandRegistry(List.of(new Fixed("NOOP", SmtpReply.of(250, "2.0.0", "ok")))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no handler for mandatory command ");
    assertThat(CommandRegistry.standard()).isNotNull();
  }
}
