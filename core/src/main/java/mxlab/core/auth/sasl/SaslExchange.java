package mxlab.core.auth.sasl;

import java.util.Optional;
import mxlab.core.auth.accounts.Credentials;

/**
 * One SASL exchange (RFC 4422) in progress: the server's challenges and the client's responses,
 * decoded from base64, until the client has said who it is. The password is checked once, at the
 * end, by {@link #verify}.
 */
public interface SaslExchange {
  /** The first challenge, for a client that sent no initial response. */
  byte[] firstChallenge();

  /**
   * Takes a response; returns the next challenge, or null once the client has said enough.
   *
   * @throws IllegalArgumentException if the response is malformed
   */
  byte[] respond(byte[] response);

  /** The account the exchange proves, if the client's secret was right. */
  Optional<Credentials.Account> verify(Credentials credentials);

  /** The login the client claimed, for logs; may be null before the client said it. */
  String login();
}
