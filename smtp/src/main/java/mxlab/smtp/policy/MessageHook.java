package mxlab.smtp.policy;

import java.io.IOException;

/**
 * Decides about a whole message, after the final dot and before the 250 (RFC 5321 4.1.1.4): where
 * content checks and DKIM verification go. A refusal answers the final dot; nothing is delivered.
 */
public interface MessageHook {
  /**
   * @throws IOException if the message cannot be read: the client is told to try again later
   */
  HookResult onMessage(PolicyContext client, ReceivedMessage message) throws IOException;
}
