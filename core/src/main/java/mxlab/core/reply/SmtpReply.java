package mxlab.core.reply;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An SMTP reply (RFC 5321 4.2): a three-digit code, an enhanced status code (RFC 3463, on every
 * line as RFC 2034 asks) or none, and one or more lines of text. One type for what the server
 * answers, what remote servers answered the queue, and what delivery notices report. Immutable; the
 * wire form is computed once.
 */
public final class SmtpReply {
  /** RFC 3463 2: class.subject.detail. */
  private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

  /** RFC 5321 4.2: Reply-code, then SP (last line) or "-" (others), then text. */
  private static final Pattern WIRE_LINE = Pattern.compile("\\d{3}([ -].*)?", Pattern.DOTALL);

  private final int code;
  private final String status;
  private final List<String> lines;
  private final byte[] wire;

  private SmtpReply(int code, String status, List<String> lines) {
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("not an SMTP reply code: " + code);
    }
    if (status != null && !isStatusOf(status, code)) {
      throw new IllegalArgumentException("not an enhanced status code for " + code + ": " + status);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a reply has at least one line");
    }
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

  public static SmtpReply of(int code, String status, String text) {
    return new SmtpReply(code, status, List.of(text));
  }

  /** A multi-line reply, like EHLO's. */
  public static SmtpReply lines(int code, String status, List<String> lines) {
    return new SmtpReply(code, status, lines);
  }

  /** A reply without an enhanced status code: the greeting and 354, per RFC 2034. */
  public static SmtpReply plain(int code, String text) {
    return new SmtpReply(code, null, List.of(text));
  }

  /**
   * A reply as a remote server sent it ({@code 250-a CRLF 250 b}, the code of the last line counts)
   * or as a diagnostic writes it ({@code 550 5.1.1 User unknown}); empty if {@code text} does not
   * start with a reply code. The enhanced status code is taken from the first line when it is there
   * and of the code's class; line breaks inside a one-line form become spaces.
   */
  public static Optional<SmtpReply> parse(String text) {
    List<String> raw = List.of(text.split("\r\n|\r|\n", -1));
    if (raw.size() > 1 && raw.get(raw.size() - 1).isEmpty()) {
      raw = raw.subList(0, raw.size() - 1); // the CRLF after the last line
    }
    if (raw.stream().allMatch(l -> WIRE_LINE.matcher(l).matches())) {
      List<String> texts = new ArrayList<>();
      raw.forEach(l -> texts.add(l.length() > 4 ? l.substring(4) : ""));
      return Optional.of(
          withStatus(Integer.parseInt(raw.get(raw.size() - 1).substring(0, 3)), texts));
    }
    if (!WIRE_LINE.matcher(raw.get(0)).matches()) {
      return Optional.empty();
    }
    String rest = text.length() > 4 ? text.substring(4).replace('\r', ' ').replace('\n', ' ') : "";
    return Optional.of(withStatus(Integer.parseInt(text.substring(0, 3)), List.of(rest)));
  }

  /** Takes the enhanced status code off the front of each line, if the first line has one. */
  private static SmtpReply withStatus(int code, List<String> texts) {
    String first = texts.get(0);
    int space = first.indexOf(' ');
    String candidate = space < 0 ? first : first.substring(0, space);
    if (!isStatusOf(candidate, code)) {
      return new SmtpReply(code, null, texts);
    }
    List<String> stripped = new ArrayList<>();
    for (String t : texts) {
      stripped.add(
          t.equals(candidate)
              ? ""
              : t.startsWith(candidate + " ") ? t.substring(candidate.length() + 1) : t);
    }
    return new SmtpReply(code, candidate, stripped);
  }

  /** RFC 3463 2: the status's class is the reply's (2xx, 4xx or 5xx). */
  private static boolean isStatusOf(String status, int code) {
    return STATUS.matcher(status).matches() && status.charAt(0) == Integer.toString(code).charAt(0);
  }

  public int code() {
    return code;
  }

  /** The enhanced status code, e.g. {@code 5.1.1}; null when the reply has none. */
  public String status() {
    return status;
  }

  /** The text of each line, without code and status. */
  public List<String> lines() {
    return lines;
  }

  /** The text as one line. */
  public String text() {
    return String.join(" ", lines).trim();
  }

  /** 2xx and 3xx. */
  public boolean isPositive() {
    return code >= 200 && code < 400;
  }

  /** 4xx: try again later (RFC 5321 4.2.1). */
  public boolean isTransientError() {
    return code >= 400 && code < 500;
  }

  /** 5xx: do not repeat as it is. */
  public boolean isPermanentError() {
    return code >= 500;
  }

  /** The same code and status with other text. */
  public SmtpReply withText(String text) {
    return of(code, status, text);
  }

  /** The reply as sent, CRLF after each line. */
  public byte[] wire() {
    return wire.clone();
  }

  /**
   * One line, for logs and diagnostics: {@code 550 5.1.1 User unknown}; {@link #parse} reads it.
   */
  @Override
  public String toString() {
    return code + (status == null ? "" : " " + status) + " " + text();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SmtpReply r
        && r.code == code
        && Objects.equals(r.status, status)
        && r.lines.equals(lines);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, status, lines);
  }
}
