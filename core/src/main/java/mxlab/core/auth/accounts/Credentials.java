package mxlab.core.auth.accounts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mxlab.core.auth.PasswordHash;
import mxlab.core.routing.Mailbox;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Spec;
import mxlab.core.spec.User;

/**
 * Who may log in: users by full address ({@code test@bann.com}), or by bare name where that name is
 * unique across domains. Aliases never log in.
 */
public final class Credentials {
  private final Map<String, Account> byLogin = new HashMap<>();

  /** A user who can log in, and the mailbox that is theirs. */
  public record Account(Mailbox mailbox, PasswordHash password) {}

  private Credentials(Spec spec) {
    Set<String> ambiguous = new HashSet<>();
    for (Domain d : spec.domains()) {
      for (User u : d.users()) {
        if (u.password() == null) {
          continue;
        }
        Account account = new Account(new Mailbox(d.name(), u.name()), u.password());
        byLogin.put(account.mailbox().address(), account);
        String bare = u.name().toLowerCase(Locale.ROOT);
        if (byLogin.putIfAbsent(bare, account) != null) {
          ambiguous.add(bare);
        }
      }
    }
    ambiguous.forEach(byLogin::remove);
  }

  public static Credentials of(Spec spec) {
    return new Credentials(spec);
  }

  public Optional<Account> account(String login) {
    return Optional.ofNullable(byLogin.get(login.toLowerCase(Locale.ROOT)));
  }

  /** The account if {@code password} is right; checks a hash even for unknown logins. */
  public Optional<Account> authenticate(String login, String password) {
    Optional<Account> account = account(login);
    if (account.isEmpty()) {
      DECOY.verify(password); // take as long as a real check: no user enumeration by timing
      return Optional.empty();
    }
    return account.get().password().verify(password) ? account : Optional.empty();
  }

  /** Whether any account keeps a secret that challenge-response (CRAM-MD5, APOP) can use. */
  public boolean anyPlaintext() {
    return byLogin.values().stream().anyMatch(a -> a.password().plaintext().isPresent());
  }

  private static final PasswordHash DECOY = PasswordHash.hash("mxlab decoy password");
}
