package mxlab.imap.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence set (RFC 3501 9, "sequence-set"): numbers and ranges, where {@code *} is the largest
 * number in use. Ranges may be written either way round ("4:2", "*:123"); both ends count. Or
 * {@code $} alone, the saved search result (RFC 5182 3: seq-last-command, never part of a set).
 */
public record SequenceSet(List<Range> ranges) {
  /** {@code *}: the highest message sequence number or UID in use. */
  public static final long STAR = Long.MAX_VALUE;

  /** {@code $}: the messages the last SEARCH RETURN (SAVE) found; compared by identity. */
  public static final SequenceSet SAVED = new SequenceSet(List.of());

  public SequenceSet {
    ranges = List.copyOf(ranges);
  }

  /** One number ({@code from == to}) or range, ends as written. */
  public record Range(long from, long to) {}

  public static SequenceSet parse(String s) throws ImapSyntaxException {
    if (s.isEmpty()) {
      throw new ImapSyntaxException("Empty sequence set");
    }
    if (s.equals("$")) {
      return SAVED;
    }
    List<Range> ranges = new ArrayList<>();
    for (String item : s.split(",", -1)) {
      int colon = item.indexOf(':');
      if (colon < 0) {
        long n = number(item);
        ranges.add(new Range(n, n));
      } else {
        ranges.add(new Range(number(item.substring(0, colon)), number(item.substring(colon + 1))));
      }
    }
    return new SequenceSet(ranges);
  }

  private static long number(String s) throws ImapSyntaxException {
    if (s.equals("*")) {
      return STAR;
    }
    // nz-number = digit-nz *DIGIT, at most 32 bits (RFC 3501 9: number)
    if (s.isEmpty()
        || s.length() > 10
        || s.charAt(0) == '0'
        || !s.chars().allMatch(Character::isDigit)) {
      throw new ImapSyntaxException("Invalid sequence number: " + s);
    }
    long n = Long.parseLong(s);
    if (n > 0xFFFF_FFFFL) {
      throw new ImapSyntaxException("Sequence number too large: " + s);
    }
    return n;
  }

  /** Whether this is {@code $}, to be read as the saved UIDs rather than as ranges. */
  public boolean saved() {
    return this == SAVED;
  }

  /** Whether {@code n} is in the set when {@code max} is the largest number in use. */
  public boolean contains(long n, long max) {
    for (Range r : ranges) {
      long a = r.from == STAR ? max : r.from;
      long b = r.to == STAR ? max : r.to;
      if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
        return true;
      }
    }
    return false;
  }

  /**
   * "4,7:9": consecutive runs as ranges, in the given order (COPYUID, MODIFIED, ESEARCH ALL; RFC
   * 4731 3 asks for the shortest form).
   */
  public static String compress(Iterable<Long> numbers) {
    StringBuilder b = new StringBuilder();
    long start = -1;
    long prev = -1;
    for (long n : numbers) {
      if (start >= 0 && n == prev + 1) {
        prev = n;
        continue;
      }
      append(b, start, prev);
      start = n;
      prev = n;
    }
    append(b, start, prev);
    return b.toString();
  }

  private static void append(StringBuilder b, long start, long end) {
    if (start < 0) {
      return;
    }
    if (b.length() > 0) {
      b.append(',');
    }
    b.append(start);
    if (end != start) {
      b.append(':').append(end);
    }
  }
}
