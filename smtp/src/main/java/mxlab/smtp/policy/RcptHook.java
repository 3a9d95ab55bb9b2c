package mxlab.smtp.policy;

import mxlab.smtp.envelope.MailPath;

/** Decides about one RCPT TO. */
public interface RcptHook {
  HookResult onRcpt(PolicyContext client, MailPath recipient);
}
