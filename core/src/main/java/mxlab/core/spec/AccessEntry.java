package mxlab.core.spec;

import java.util.Locale;

/**
 * One line of the sendmail access map.
 *
 * @param key lower case, without its tag: an address, a domain, an IP or an octet prefix
 * @param error the reply for {@link Action#ERROR}, else null
 */
public record AccessEntry(Tag tag, String key, Action action, Rejection error) {

  /** Which check a key applies to; {@link #ANY} is an untagged key, matching all three. */
  public enum Tag {
    CONNECT,
    FROM,
    TO,
    ANY;

    /** As sendmail writes it before a key: {@code Connect:}, or nothing for {@link #ANY}. */
    public String prefix() {
      return this == ANY
          ? ""
          : name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT) + ":";
    }
  }

  /** The key as written in specs and sendmail's access file: {@code Connect:127.0.0.1}. */
  public String taggedKey() {
    return tag.prefix() + key;
  }

  /** The right-hand side as written: {@code RELAY}, or {@code ERROR:5.7.1:550 text}. */
  public String actionText() {
    return action == Action.ERROR ? "ERROR:" + error.sendmailForm() : action.name();
  }

  public enum Action {
    OK,
    RELAY,
    REJECT,
    DISCARD,
    ERROR
  }
}
