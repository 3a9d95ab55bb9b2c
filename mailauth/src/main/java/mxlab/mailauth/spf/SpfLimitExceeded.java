package mxlab.mailauth.spf;

/** RFC 7208 4.6.4: too many DNS-querying terms, or too many void lookups: a permerror. */
final class SpfLimitExceeded extends Exception {
  SpfLimitExceeded(String message) {
    super(message);
  }
}
