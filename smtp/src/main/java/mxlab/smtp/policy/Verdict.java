package mxlab.smtp.policy;

/** What a policy hook says: accept and stop, refuse (hard or soft) and stop, or no opinion. */
public enum Verdict {
  OK,
  DENY,
  DENYSOFT,
  DECLINED
}
