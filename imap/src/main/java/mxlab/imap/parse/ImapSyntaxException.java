package mxlab.imap.parse;

/** The command does not parse: answered {@code tag BAD <message>} (RFC 3501 7.1.3). */
public final class ImapSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  public ImapSyntaxException(String message) {
    super(message, null, false, false);
  }
}
