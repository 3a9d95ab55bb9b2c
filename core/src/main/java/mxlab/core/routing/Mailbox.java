package mxlab.core.routing;

import java.util.Locale;

/** A user's mailbox, identified by domain and user name (lower case). */
public record Mailbox(String domain, String user) {
  public Mailbox {
    domain = domain.toLowerCase(Locale.ROOT);
    user = user.toLowerCase(Locale.ROOT);
  }

  public String address() {
    return user + "@" + domain;
  }

  @Override
  public String toString() {
    return address();
  }
}
