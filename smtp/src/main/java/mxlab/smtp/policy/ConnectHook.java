package mxlab.smtp.policy;

/** Decides about a new connection, before the greeting. */
public interface ConnectHook {
  HookResult onConnect(PolicyContext client);
}
