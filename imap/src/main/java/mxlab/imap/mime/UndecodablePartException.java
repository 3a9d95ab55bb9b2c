package mxlab.imap.mime;

/**
 * A part BINARY cannot give: its transfer encoding is unknown (the NO carries UNKNOWN-CTE, RFC 3516
 * 4.3), or it is no leaf, so there is no single encoding to undo (RFC 9051 6.4.5).
 */
public final class UndecodablePartException extends Exception {
  private final boolean unknownEncoding;

  UndecodablePartException(String message, boolean unknownEncoding) {
    super(message);
    this.unknownEncoding = unknownEncoding;
  }

  public boolean unknownEncoding() {
    return unknownEncoding;
  }
}
