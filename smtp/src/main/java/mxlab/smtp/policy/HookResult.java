package mxlab.smtp.policy;

import mxlab.core.reply.SmtpReply;

/**
 * A hook's answer.
 *
 * @param reply what the client is told when the verdict decides; null for DECLINED
 * @param route for RCPT hooks that accept: where the recipient's copy goes
 * @param discard accept, but drop the message (sendmail's DISCARD)
 */
public record HookResult(Verdict verdict, SmtpReply reply, RecipientRoute route, boolean discard) {
  private static final HookResult DECLINED = new HookResult(Verdict.DECLINED, null, null, false);

  public static HookResult declined() {
    return DECLINED;
  }

  public static HookResult ok() {
    return new HookResult(Verdict.OK, null, null, false);
  }

  public static HookResult ok(RecipientRoute route) {
    return new HookResult(Verdict.OK, null, route, false);
  }

  public static HookResult discarding() {
    return new HookResult(Verdict.OK, null, new RecipientRoute.Discard(), true);
  }

  /** DENY or DENYSOFT, by the reply's class (5xx or 4xx). */
  public static HookResult refuse(SmtpReply reply) {
    return new HookResult(
        reply.isPermanentError() ? Verdict.DENY : Verdict.DENYSOFT, reply, null, false);
  }

  public boolean decided() {
    return verdict != Verdict.DECLINED;
  }

  public boolean refused() {
    return verdict == Verdict.DENY || verdict == Verdict.DENYSOFT;
  }
}
