package mxlab.core.auth.sasl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mxlab.core.auth.accounts.Credentials;

/** The SASL mechanisms offered: PLAIN and LOGIN always, CRAM-MD5 where a secret allows it. */
public final class Mechanisms {
  private Mechanisms() {}

  public static List<String> offered(Credentials credentials) {
    List<String> names = new ArrayList<>(List.of("PLAIN", "LOGIN"));
    if (credentials.anyPlaintext()) {
      names.add("CRAM-MD5");
    }
    return names;
  }

  public static Optional<SaslExchange> start(
      String mechanism, Credentials credentials, String hostname) {
    String name = mechanism.toUpperCase(Locale.ROOT);
    if (!offered(credentials).contains(name)) {
      return Optional.empty();
    }
    return Optional.of(
        switch (name) {
          case "PLAIN" -> new PlainExchange();
          case "LOGIN" -> new LoginExchange();
          default -> new CramMd5Exchange(hostname);
        });
  }
}
