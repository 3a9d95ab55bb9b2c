package mxlab.smtp.policy;

import mxlab.smtp.command.MailPath;

/** Decides about MAIL FROM. */
public interface MailHook {
  HookResult onMail(PolicyContext client, MailPath sender);
}
