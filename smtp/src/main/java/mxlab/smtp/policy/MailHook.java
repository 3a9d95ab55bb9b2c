package mxlab.smtp.policy;

import mxlab.smtp.envelope.MailPath;

/** Decides about MAIL FROM. */
public interface MailHook {
  HookResult onMail(PolicyContext client, MailPath sender);
}
