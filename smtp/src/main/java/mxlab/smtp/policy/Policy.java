package mxlab.smtp.policy;

import java.util.List;
import mxlab.smtp.command.MailPath;
import mxlab.smtp.reply.Replies;

/** The hook chains, run in order; the first hook that decides wins. */
public final class Policy {
  private final List<ConnectHook> connect;
  private final List<MailHook> mail;
  private final List<RcptHook> rcpt;

  public Policy(List<ConnectHook> connect, List<MailHook> mail, List<RcptHook> rcpt) {
    this.connect = List.copyOf(connect);
    this.mail = List.copyOf(mail);
    this.rcpt = List.copyOf(rcpt);
  }

  /** sendmail's checks, in sendmail's order. */
  public static Policy standard() {
    return new Policy(
        List.of(new AccessConnectHook()),
        List.of(new SubmissionAuthHook(), new MessageSizeHook(), new AccessFromHook()),
        List.of(
            new MaxRecipientsHook(),
            new RoutingTrickHook(),
            new AccessToHook(),
            new LocalRecipientHook(),
            new RelayHook()));
  }

  public HookResult connect(PolicyContext client) {
    for (ConnectHook h : connect) {
      HookResult r = h.onConnect(client);
      if (r.decided()) {
        return r;
      }
    }
    return HookResult.ok();
  }

  public HookResult mail(PolicyContext client, MailPath sender) {
    for (MailHook h : mail) {
      HookResult r = h.onMail(client, sender);
      if (r.decided()) {
        return r;
      }
    }
    return HookResult.ok();
  }

  /** Undecided recipients are refused: nothing is relayed by default. */
  public HookResult rcpt(PolicyContext client, MailPath recipient) {
    for (RcptHook h : rcpt) {
      HookResult r = h.onRcpt(client, recipient);
      if (r.decided()) {
        return r;
      }
    }
    return HookResult.refuse(Replies.RELAY_DENIED);
  }
}
