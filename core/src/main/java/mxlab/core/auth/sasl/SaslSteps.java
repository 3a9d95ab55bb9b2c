package mxlab.core.auth.sasl;

import java.util.Base64;
import java.util.Optional;
import mxlab.core.auth.accounts.Credentials;

/**
 * Drives a {@link SaslExchange} the same way for SMTP (RFC 4954) and POP3 (RFC 5034): decode the
 * client's base64 line, take it, and say what comes next. Each protocol words the outcome its own
 * way.
 */
public final class SaslSteps {
  private SaslSteps() {}

  /** What the exchange needs next. */
  public sealed interface Outcome {}

  /** Send this challenge (base64) and wait for another line. */
  public record Challenge(String base64) implements Outcome {}

  /** The client proved who it is. */
  public record Success(Credentials.Account account) implements Outcome {}

  /** Wrong secret, unknown user or a malformed response. */
  public record Failure(String login) implements Outcome {}

  /** The client sent "*" (RFC 4422 3.5). */
  public record Cancelled() implements Outcome {}

  /** The line was not base64. */
  public record BadEncoding() implements Outcome {}

  /** What an AUTH command's argument, "MECHANISM [initial-response]", asks for. */
  public sealed interface Request {}

  /** Start this exchange; the initial response is null when the client sent none. */
  public record Begin(SaslExchange exchange, byte[] initialResponse) implements Request {}

  /** No mechanism, or more than one initial response. */
  public record Malformed() implements Request {}

  /** A mechanism we do not offer (to this user base: CRAM-MD5 needs clear secrets). */
  public record UnknownMechanism() implements Request {}

  /** The initial response is not base64. */
  public record BadInitialResponse() implements Request {}

  /** Reads an AUTH command's argument (RFC 4954 4, RFC 5034 4). */
  public static Request request(String argument, Credentials credentials, String hostname) {
    String[] parts = argument.trim().split("\\s+");
    if (parts[0].isEmpty() || parts.length > 2) {
      return new Malformed();
    }
    Optional<SaslExchange> exchange = Mechanisms.start(parts[0], credentials, hostname);
    if (exchange.isEmpty()) {
      return new UnknownMechanism();
    }
    if (parts.length == 1) {
      return new Begin(exchange.get(), null);
    }
    try {
      return new Begin(exchange.get(), initialResponse(parts[1]));
    } catch (IllegalArgumentException e) {
      return new BadInitialResponse();
    }
  }

  /** Starts an exchange, with the initial response if the client sent one. */
  public static Outcome start(
      SaslExchange exchange, byte[] initialResponse, Credentials credentials) {
    return initialResponse == null
        ? challenge(exchange.firstChallenge())
        : take(exchange, initialResponse, credentials);
  }

  /** Takes one continuation line from the client. */
  public static Outcome respond(SaslExchange exchange, String line, Credentials credentials) {
    if (line.equals("*")) {
      return new Cancelled();
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(line.trim());
    } catch (IllegalArgumentException e) {
      return new BadEncoding();
    }
    return take(exchange, decoded, credentials);
  }

  /** Decodes an initial response as sent on the command line ("=" is the empty one). */
  private static byte[] initialResponse(String argument) {
    return argument.equals("=") ? new byte[0] : Base64.getDecoder().decode(argument);
  }

  private static Outcome take(SaslExchange exchange, byte[] response, Credentials credentials) {
    byte[] next;
    try {
      next = exchange.respond(response);
    } catch (IllegalArgumentException e) {
      return new Failure(exchange.login());
    }
    if (next != null) {
      return challenge(next);
    }
    return exchange
        .verify(credentials)
        .<Outcome>map(Success::new)
        .orElseGet(() -> new Failure(exchange.login()));
  }

  private static Outcome challenge(byte[] bytes) {
    return new Challenge(Base64.getEncoder().encodeToString(bytes));
  }
}
