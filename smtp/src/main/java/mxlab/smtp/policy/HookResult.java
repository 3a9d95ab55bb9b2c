package mxlab.smtp.policy;

import java.util.ArrayList;
import java.util.List;
import mxlab.core.reply.SmtpReply;

/**
 * A hook's answer.
 *
 * @param reply what the client is told when the verdict decides; null for DECLINED
 * @param route for RCPT hooks that accept: where the recipient's copy goes
 * @param discard accept, but drop the message (sendmail's DISCARD)
 * @param fields for message hooks: header fields to put on top of the message (DKIM-Signature,
 *     Authentication-Results), each whole, folded lines joined by LF
 * @param notes for message hooks: words for the message's maillog line ({@code dkim=pass})
 * @param removals for message hooks: header fields to take out of the message
 * @param junk for message hooks: accept, but file the local copies in each recipient's Junk folder
 *     rather than the INBOX (a DMARC quarantine, RFC 7489 6.6.4); sticks once a hook says so
 */
public record HookResult(
    Verdict verdict,
    SmtpReply reply,
    RecipientRoute route,
    boolean discard,
    List<String> fields,
    List<String> notes,
    List<FieldRemoval> removals,
    boolean junk) {
  private static final HookResult DECLINED =
      new HookResult(Verdict.DECLINED, null, null, false, List.of(), List.of(), List.of(), false);

  public HookResult {
    fields = List.copyOf(fields);
    notes = List.copyOf(notes);
    removals = List.copyOf(removals);
  }

  public HookResult(Verdict verdict, SmtpReply reply, RecipientRoute route, boolean discard) {
    this(verdict, reply, route, discard, List.of(), List.of(), List.of(), false);
  }

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

  /** A message hook that does not decide, but adds header fields and maillog notes. */
  public static HookResult declinedAdding(List<String> fields, List<String> notes) {
    return new HookResult(Verdict.DECLINED, null, null, false, fields, notes, List.of(), false);
  }

  /** This answer also taking {@code removal} out of the message. */
  public HookResult removing(FieldRemoval removal) {
    return new HookResult(
        verdict, reply, route, discard, fields, notes, concat(removals, List.of(removal)), junk);
  }

  /** This answer also filing the local copies in the recipients' Junk folders. */
  public HookResult toJunk() {
    return new HookResult(verdict, reply, route, discard, fields, notes, removals, true);
  }

  /** This answer after an earlier hook's: its fields, notes and removals come first. */
  public HookResult after(HookResult earlier) {
    return new HookResult(
        verdict,
        reply,
        route,
        discard,
        concat(earlier.fields, fields),
        concat(earlier.notes, notes),
        concat(earlier.removals, removals),
        junk || earlier.junk);
  }

  /** This answer with {@code more} notes after its own. */
  public HookResult noting(List<String> more) {
    return new HookResult(
        verdict, reply, route, discard, fields, concat(notes, more), removals, junk);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  public boolean decided() {
    return verdict != Verdict.DECLINED;
  }

  public boolean refused() {
    return verdict == Verdict.DENY || verdict == Verdict.DENYSOFT;
  }
}
