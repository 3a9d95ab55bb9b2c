package mxlab.core.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import mxlab.core.auth.accounts.Credentials;

/** LOGIN (draft-murchison-sasl-login): "Username:", then "Password:". */
final class LoginExchange implements SaslExchange {
  private String login;
  private String password;

  @Override
  public byte[] firstChallenge() {
    return "Username:".getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public byte[] respond(byte[] response) {
    String text = new String(response, StandardCharsets.UTF_8);
    if (login == null) {
      login = text;
      return "Password:".getBytes(StandardCharsets.US_ASCII);
    }
    password = text;
    return null;
  }

  @Override
  public Optional<Credentials.Account> verify(Credentials credentials) {
    return password == null ? Optional.empty() : credentials.authenticate(login, password);
  }

  @Override
  public String login() {
    return login;
  }
}
