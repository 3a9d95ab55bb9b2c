package mxlab.core.spec;

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
    ANY
  }

  public enum Action {
    OK,
    RELAY,
    REJECT,
    DISCARD,
    ERROR
  }
}
