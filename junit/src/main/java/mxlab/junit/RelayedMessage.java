package mxlab.junit;

import java.util.List;

/**
 * A message the lab relayed to another domain, as the capturing remote server received it.
 *
 * @param helo the name the lab's outbound client gave in EHLO
 * @param tls whether it came over STARTTLS
 */
public record RelayedMessage(
    String helo, boolean tls, String mailFrom, List<String> rcptTo, ReceivedMessage message) {
  public RelayedMessage {
    rcptTo = List.copyOf(rcptTo);
  }

  @Override
  public String toString() {
    return "<" + mailFrom + "> -> " + rcptTo + (tls ? " (TLS) " : " (no TLS) ") + message;
  }
}
