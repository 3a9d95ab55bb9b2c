package mxlab.smtp.reply;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An SMTP reply: code, enhanced status code (RFC 3463, on every line as RFC 2034 asks) and text.
 * Immutable; the wire form is computed once.
 */
public final class Reply {
  private final int code;
  private final String status;
  private final List<String> lines;
  private final byte[] wire;

  private Reply(int code, String status, List<String> lines) {
    this.code = code;
    this.status = status;
    this.lines = List.copyOf(lines);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < this.lines.size(); i++) {
      b.append(code).append(i == this.lines.size() - 1 ? ' ' : '-');
      if (status != null) {
        b.append(status).append(' ');
      }
      b.append(this.lines.get(i)).append("\r\n");
    }
    this.wire = b.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static Reply of(int code, String status, String text) {
    return new Reply(code, status, List.of(text));
  }

  /** A multi-line reply, like EHLO's. */
  public static Reply lines(int code, String status, List<String> lines) {
    return new Reply(code, status, lines);
  }

  /** A reply without an enhanced status code: the greeting and 354, per RFC 2034. */
  public static Reply plain(int code, String text) {
    return new Reply(code, null, List.of(text));
  }

  public int code() {
    return code;
  }

  public String status() {
    return status;
  }

  public String text() {
    return String.join(" ", lines);
  }

  public boolean isPositive() {
    return code < 400;
  }

  public boolean isPermanentError() {
    return code >= 500;
  }

  public Reply withText(String text) {
    return of(code, status, text);
  }

  public byte[] wire() {
    return wire;
  }

  @Override
  public String toString() {
    return code + (status == null ? "" : " " + status) + " " + text();
  }
}
