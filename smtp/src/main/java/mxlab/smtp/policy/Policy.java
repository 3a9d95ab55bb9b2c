package mxlab.smtp.policy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.reply.Replies;

/**
 * The hook chains, run in order; the first hook that decides wins. Built once and given to the
 * server at start-up ({@code SmtpServer.start}), so hooks can be added without touching sessions.
 */
public final class Policy {
  private final List<ConnectHook> connect;
  private final List<MailHook> mail;
  private final List<RcptHook> rcpt;
  private final List<MessageHook> message;

  public Policy(List<ConnectHook> connect, List<MailHook> mail, List<RcptHook> rcpt) {
    this(connect, mail, rcpt, List.of());
  }

  public Policy(
      List<ConnectHook> connect,
      List<MailHook> mail,
      List<RcptHook> rcpt,
      List<MessageHook> message) {
    this.connect = List.copyOf(connect);
    this.mail = List.copyOf(mail);
    this.rcpt = List.copyOf(rcpt);
    this.message = List.copyOf(message);
  }

  /** sendmail's checks, in sendmail's order; no message hooks. */
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

  /** These chains with {@code hook} asked first at RCPT (the last standard hook always decides). */
  public Policy withRcptHookFirst(RcptHook hook) {
    return new Policy(connect, mail, concat(List.of(hook), rcpt), message);
  }

  /** These chains with {@code hook} asked after the message hooks there are. */
  public Policy withMessageHook(MessageHook hook) {
    return new Policy(connect, mail, rcpt, concat(message, List.of(hook)));
  }

  private static <H> List<H> concat(List<H> a, List<H> b) {
    List<H> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  public HookResult connect(PolicyContext client) {
    return first(connect, h -> h.onConnect(client), HookResult.ok());
  }

  public HookResult mail(PolicyContext client, MailPath sender) {
    return first(mail, h -> h.onMail(client, sender), HookResult.ok());
  }

  /** Undecided recipients are refused: nothing is relayed by default. */
  public HookResult rcpt(PolicyContext client, MailPath recipient) {
    return first(rcpt, h -> h.onRcpt(client, recipient), HookResult.refuse(Replies.RELAY_DENIED));
  }

  /**
   * After the final dot: undecided messages are accepted. Fields the hooks add are collected in the
   * order they were added; each field goes on top of the ones before it, as trace fields do.
   */
  public HookResult message(PolicyContext client, ReceivedMessage received) throws IOException {
    HookResult soFar = HookResult.declined();
    for (MessageHook hook : message) {
      HookResult r = hook.onMessage(client, received);
      if (r.decided()) {
        return r.after(soFar);
      }
      soFar = r.after(soFar);
    }
    return HookResult.ok().after(soFar);
  }

  /** Whether any hook looks at the message: if none, the spool file is final at once. */
  public boolean hasMessageHooks() {
    return !message.isEmpty();
  }

  /** The first hook's answer that decides, in order; {@code otherwise} if none does. */
  private static <H> HookResult first(
      List<H> hooks, Function<H, HookResult> ask, HookResult otherwise) {
    for (H hook : hooks) {
      HookResult r = ask.apply(hook);
      if (r.decided()) {
        return r;
      }
    }
    return otherwise;
  }
}
