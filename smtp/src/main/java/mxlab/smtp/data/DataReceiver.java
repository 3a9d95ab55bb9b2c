package mxlab.smtp.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import mxlab.core.store.SpoolWriter;
import mxlab.net.Line;

/**
 * Reads a message after 354 into the spool: undoes dot-stuffing (RFC 5321 4.5.2), ends only at
 * CRLF.CRLF (4.1.1.4), enforces max_message_size while reading, and refuses bare CR or LF anywhere.
 * A dot after a bare LF or CR ({@code \n.\r\n}, {@code \r.\r}, ...) ends nothing: reading goes on
 * to the real CRLF.CRLF, so what follows a fake end is never taken as commands or as a second
 * message, here or at the next hop (SMTP smuggling, CVE-2023-51764). The header section is held
 * back until it ends, so the trace fields can be written before it.
 */
public final class DataReceiver {
  /** How a message ended. */
  public enum Outcome {
    OK,
    TOO_BIG,
    BARE_NEWLINE,
    LINE_TOO_LONG
  }

  private static final int MAX_HELD_HEADER = 64 * 1024;

  private final SpoolWriter spool;
  private final long maxSize;
  private final BiFunction<Boolean, Boolean, List<String>> prefix;
  private final List<byte[]> heldHeader = new ArrayList<>();
  private int heldBytes;
  private boolean inHeader = true;
  private boolean hasMessageId;
  private boolean hasDate;
  private long size;
  private Outcome outcome = Outcome.OK;
  private int prefixLength;
  private boolean first = true;

  /**
   * @param prefix given (has Message-ID, has Date), the header lines to write first
   */
  public DataReceiver(
      SpoolWriter spool, long maxSize, BiFunction<Boolean, Boolean, List<String>> prefix) {
    this.spool = spool;
    this.maxSize = maxSize;
    this.prefix = prefix;
  }

  /** Takes one line; true when it was the end-of-data line. */
  public boolean line(Line line) throws IOException {
    // The CRLF of the DATA command line counts as the first CRLF of CRLF.CRLF.
    boolean startsLine = first || line.afterCrlf();
    first = false;
    if (line.crlf() && line.is(".") && startsLine) {
      return true;
    }
    if (outcome != Outcome.OK) {
      return false; // keep reading to the end, storing nothing
    }
    if (line.tooLong()) {
      outcome = Outcome.LINE_TOO_LONG;
      return false;
    }
    if (!line.crlf() || line.bareCr() || !startsLine) {
      outcome = Outcome.BARE_NEWLINE;
      return false;
    }
    int offset = line.offset();
    int length = line.length();
    if (length > 0 && line.at(0) == '.') { // dot-stuffing
      offset++;
      length--;
    }
    size += length + 2;
    if (size > maxSize) {
      outcome = Outcome.TOO_BIG;
      return false;
    }
    if (inHeader) {
      hold(line.bytes(), offset, length);
    } else {
      spool.line(line.bytes(), offset, length);
    }
    return false;
  }

  private void hold(byte[] bytes, int offset, int length) throws IOException {
    boolean continuation = length > 0 && (bytes[offset] == ' ' || bytes[offset] == '\t');
    if (length == 0 || (!continuation && !isField(bytes, offset, length))) {
      releaseHeader();
      spool.line(bytes, offset, length);
      return;
    }
    if (!continuation) {
      hasMessageId |= startsWithIgnoreCase(bytes, offset, length, "message-id:");
      hasDate |= startsWithIgnoreCase(bytes, offset, length, "date:");
    }
    heldHeader.add(Arrays.copyOfRange(bytes, offset, offset + length));
    heldBytes += length;
    if (heldBytes > MAX_HELD_HEADER) {
      releaseHeader();
    }
  }

  /** Writes the trace fields, then the held header lines. */
  private void releaseHeader() throws IOException {
    if (!inHeader) {
      return;
    }
    inHeader = false;
    List<String> lines = prefix.apply(hasMessageId, hasDate);
    for (int i = 0; i < lines.size(); i++) {
      // a folded field (Received:) is several lines on disk
      for (String physical : lines.get(i).split("\n")) {
        byte[] b = physical.getBytes(StandardCharsets.UTF_8);
        if (i == 0) {
          prefixLength = b.length + 1;
        }
        spool.line(b);
      }
    }
    for (byte[] h : heldHeader) {
      spool.line(h);
    }
    heldHeader.clear();
  }

  /** RFC 5322 2.2: a field name of printable characters, then a colon. */
  private static boolean isField(byte[] b, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (b[i] == ':') {
        return i > offset;
      }
      if (b[i] <= 32 || b[i] >= 127) {
        return false;
      }
    }
    return false;
  }

  private static boolean startsWithIgnoreCase(byte[] b, int offset, int length, String s) {
    if (length < s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.toLowerCase((char) b[offset + i]) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** After the end-of-data line: the outcome; if OK the spool holds the complete message. */
  public Outcome finish() throws IOException {
    if (outcome == Outcome.OK) {
      releaseHeader();
    }
    return outcome;
  }

  /** Octets of the first prefix line (Return-Path) including its LF: not sent onwards. */
  public int returnPathLength() {
    return prefixLength;
  }

  public long size() {
    return size;
  }
}
