package mxlab.smtp.policy;

import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.reply.Replies;

/** RFC 6409 4.3: the submission ports take mail only from authenticated users. */
public final class SubmissionAuthHook implements MailHook {
  @Override
  public HookResult onMail(PolicyContext client, MailPath sender) {
    return client.submission() && client.authenticatedUser() == null
        ? HookResult.refuse(Replies.AUTH_REQUIRED)
        : HookResult.declined();
  }
}
