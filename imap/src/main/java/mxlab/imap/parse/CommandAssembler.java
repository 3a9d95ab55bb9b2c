package mxlab.imap.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns received octets into whole commands: lines, and the literals they announce (RFC 3501 4.3,
 * LITERAL+ and LITERAL- of RFC 7888, literal8 of RFC 3516). It never buffers more than the limits
 * allow: a line past {@code maxLine}, or a command whose text and small literals together pass it,
 * is dropped and reported; a literal past its limit is refused before its octets are read (a
 * synchronizing one is never sent; a non-synchronizing one is read and thrown away).
 */
public final class CommandAssembler {
  /** What the octets fed so far amount to. */
  public sealed interface Event {}

  /** A whole command, to parse and run. */
  public record Complete(RawCommand command) implements Event {}

  /** A synchronizing literal was accepted: send "+ ..." so the client sends its octets. */
  public record GoAhead() implements Event {}

  /** The command was dropped: answer {@code tag BAD/NO ...} as said ("*" when no tag was read). */
  public record Dropped(String tag, Reason reason) implements Event {}

  public enum Reason {
    /** A line, or the command's text with its small literals, is over the limit. */
    TOO_LONG,
    /** A literal is larger than the command allows (RFC 7889 [TOOBIG]). */
    LITERAL_TOO_BIG,
    /** The same for a non-synchronizing literal, whose octets are already on their way. */
    NON_SYNC_LITERAL_TOO_BIG
  }

  /**
   * @param maxLine octets of command text, literals other than APPEND's included
   * @param maxAppend octets of one APPEND message literal (max_message_size)
   */
  public record Limits(int maxLine, long maxAppend) {}

  // RFC 3501 literal / RFC 7888 literal+ / RFC 3516 literal8, at the very end of a line
  private static final Pattern ANNOUNCED = Pattern.compile("(~?)\\{(\\d{1,19})(\\+?)\\}$");

  private static final int TAIL = 32;

  private enum State {
    LINE,
    LITERAL,
    DISCARD_LITERAL,
    DISCARD_LINE
  }

  private final Limits limits;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final List<RawCommand.Part> parts = new ArrayList<>();
  private State state = State.LINE;
  private ByteArrayOutputStream literal;
  private boolean literalBinary;
  private long remaining;
  private long used; // octets of this command counted against maxLine
  private boolean dropRest; // the command was dropped: discard until it ends
  private String tag;
  private String command;

  public CommandAssembler(Limits limits) {
    this.limits = limits;
  }

  /** Feeds received octets; returns what they completed, in order. */
  public List<Event> feed(byte[] bytes, int offset, int length) {
    List<Event> events = new ArrayList<>();
    int i = offset;
    int end = offset + length;
    while (i < end) {
      switch (state) {
        case LITERAL, DISCARD_LITERAL -> {
          int n = (int) Math.min(remaining, end - i);
          if (state == State.LITERAL) {
            literal.write(bytes, i, n);
          }
          i += n;
          remaining -= n;
          if (remaining == 0) {
            literalDone();
          }
        }
        case LINE, DISCARD_LINE -> {
          int lf = indexOf(bytes, i, end, (byte) '\n');
          int stop = lf < 0 ? end : lf;
          line.write(bytes, i, stop - i); // at most one read's worth past the limit
          if (state == State.LINE && used + line.size() > limits.maxLine()) {
            drop(events, Reason.TOO_LONG);
            state = State.DISCARD_LINE;
          }
          if (state == State.DISCARD_LINE) {
            keepTail();
          }
          i = stop;
          if (lf >= 0) {
            i++;
            lineDone(events);
          }
        }
      }
    }
    return events;
  }

  public List<Event> feed(byte[] bytes) {
    return feed(bytes, 0, bytes.length);
  }

  private void lineDone(List<Event> events) {
    boolean discarding = state == State.DISCARD_LINE;
    state = State.LINE;
    byte[] raw = line.toByteArray();
    line.reset();
    int n = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
    String text = new String(raw, 0, n, StandardCharsets.UTF_8);
    if (parts.isEmpty() && !dropRest) {
      readTagAndCommand(text);
    }
    Matcher m = ANNOUNCED.matcher(text);
    if (!m.find()) {
      if (!discarding && !dropRest) {
        parts.add(new RawCommand.Text(text));
        events.add(new Complete(new RawCommand(parts)));
      }
      reset();
      return;
    }
    // The line announces a literal: its octets come next, whether or not we keep them.
    boolean binary = !m.group(1).isEmpty();
    boolean synchronizing = m.group(3).isEmpty();
    long size = m.group(2).length() > 18 ? Long.MAX_VALUE : Long.parseLong(m.group(2));
    used += n;
    if (discarding || dropRest) {
      dropRest = true;
      discardLiteral(synchronizing, size);
      return;
    }
    parts.add(new RawCommand.Text(text));
    boolean append = "APPEND".equals(command);
    boolean fits = append ? size <= limits.maxAppend() : used + size <= limits.maxLine();
    if (!fits) {
      drop(events, synchronizing ? Reason.LITERAL_TOO_BIG : Reason.NON_SYNC_LITERAL_TOO_BIG);
      discardLiteral(synchronizing, size);
      return;
    }
    if (!append) {
      used += size;
    }
    if (synchronizing) {
      events.add(new GoAhead());
    }
    literal = new ByteArrayOutputStream((int) Math.min(size, 64 * 1024));
    literalBinary = binary;
    remaining = size;
    state = State.LITERAL;
    if (size == 0) {
      literalDone();
    }
  }

  /**
   * A refused synchronizing literal is never sent (the client waits for our go-ahead), so the
   * command is over; a non-synchronizing one is on its way and is read and dropped.
   */
  private void discardLiteral(boolean synchronizing, long size) {
    if (synchronizing) {
      reset();
      return;
    }
    remaining = size;
    state = size == 0 ? State.LINE : State.DISCARD_LITERAL;
  }

  private void literalDone() {
    if (state == State.LITERAL) {
      parts.add(new RawCommand.Literal(literal.toByteArray(), literalBinary));
    }
    literal = null;
    state = State.LINE;
  }

  /**
   * Of a line being thrown away only its end is kept: it may announce a literal, whose octets must
   * then be thrown away too, never read as commands.
   */
  private void keepTail() {
    if (line.size() > 2 * TAIL) {
      byte[] all = line.toByteArray();
      line.reset();
      line.write(all, all.length - TAIL, TAIL);
    }
  }

  private void drop(List<Event> events, Reason reason) {
    if (tag == null && parts.isEmpty()) {
      byte[] start = line.toByteArray();
      readTagAndCommand(new String(start, 0, Math.min(start.length, 200), StandardCharsets.UTF_8));
    }
    events.add(new Dropped(tag == null ? "*" : tag, reason));
    parts.clear();
    dropRest = true;
  }

  private void readTagAndCommand(String text) {
    String[] words = text.split(" ", 3);
    tag = words[0].isEmpty() ? null : words[0];
    command = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
    if ("UID".equals(command) && words.length > 2) {
      command = "UID " + words[2].split(" ", 2)[0].toUpperCase(Locale.ROOT);
    }
  }

  private void reset() {
    parts.clear();
    used = 0;
    dropRest = false;
    tag = null;
    command = null;
  }

  private static int indexOf(byte[] b, int from, int to, byte value) {
    for (int i = from; i < to; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
