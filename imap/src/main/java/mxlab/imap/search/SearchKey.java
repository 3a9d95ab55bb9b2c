package mxlab.imap.search;

/** One search key of RFC 3501 6.4.4, or a combination of them. */
@FunctionalInterface
public interface SearchKey {
  boolean matches(Candidate c);

  default SearchKey and(SearchKey other) {
    return c -> matches(c) && other.matches(c);
  }
}
