package mxlab.core.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import mxlab.core.auth.accounts.Credentials;

/** PLAIN (RFC 4616): authzid NUL authcid NUL password, in one response. */
final class PlainExchange implements SaslExchange {
  private String login;
  private String password;

  @Override
  public byte[] firstChallenge() {
    return new byte[0];
  }

  @Override
  public byte[] respond(byte[] response) {
    String text = new String(response, StandardCharsets.UTF_8);
    String[] parts = text.split("\0", -1);
    if (parts.length != 3 || parts[1].isEmpty()) {
      throw new IllegalArgumentException("PLAIN needs authzid NUL authcid NUL password");
    }
    // Acting as somebody else (a different authzid) is not allowed.
    if (!parts[0].isEmpty() && !parts[0].equalsIgnoreCase(parts[1])) {
      throw new IllegalArgumentException("authorization identity differs");
    }
    login = parts[1];
    password = parts[2];
    return null;
  }

  @Override
  public Optional<Credentials.Account> verify(Credentials credentials) {
    return login == null ? Optional.empty() : credentials.authenticate(login, password);
  }

  @Override
  public String login() {
    return login;
  }
}
