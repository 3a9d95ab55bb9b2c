package mxlab.imap.search;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.parse.SequenceSet;
import mxlab.store.Flag;
import mxlab.store.Message;

/**
 * Reads SEARCH keys (RFC 3501 6.4.4), all of them: a list of keys means all must match. Dates
 * compare in UTC, the internal date's zone here; Date: headers in their own zone.
 */
public final class SearchParser {
  /**
   * What a search asks.
   *
   * @param key every key, ANDed
   * @param modseq whether a MODSEQ key is among them (RFC 7162 3.1.6: the answer then says the
   *     highest mod-sequence of the messages found)
   */
  public record Query(SearchKey key, boolean modseq) {}

  private boolean modseq;
  private final LongPredicate saved;

  private SearchParser(LongPredicate saved) {
    this.saved = saved;
  }

  /**
   * Every key up to the end of the command; {@code saved} says whether a UID is in the saved search
   * result, for the key {@code $} (RFC 5182 3: a sequence set).
   */
  public static Query query(Arguments args, LongPredicate saved) throws ImapSyntaxException {
    SearchParser p = new SearchParser(saved);
    SearchKey all = p.key(args);
    while (!args.atEnd()) {
      args.space();
      all = all.and(p.key(args));
    }
    return new Query(all, p.modseq);
  }

  private SearchKey key(Arguments args) throws ImapSyntaxException {
    if (args.tryChar('(')) {
      SearchKey all = key(args);
      while (!args.tryChar(')')) {
        args.space();
        all = all.and(key(args));
      }
      return all;
    }
    char first = args.peek();
    if (first == '*' || first == '$' || first >= '0' && first <= '9') {
      SequenceSet set = args.sequenceSet();
      return set.saved()
          ? c -> saved.test(c.message().uid())
          : c -> set.contains(c.seq(), c.exists());
    }
    String name = args.atom().toUpperCase(Locale.ROOT);
    switch (name) {
      case "ALL":
        return c -> true;
      case "ANSWERED":
        return flag(Flag.ANSWERED, true);
      case "DELETED":
        return flag(Flag.DELETED, true);
      case "DRAFT":
        return flag(Flag.DRAFT, true);
      case "FLAGGED":
        return flag(Flag.FLAGGED, true);
      case "SEEN":
        return flag(Flag.SEEN, true);
      case "UNANSWERED":
        return flag(Flag.ANSWERED, false);
      case "UNDELETED":
        return flag(Flag.DELETED, false);
      case "UNDRAFT":
        return flag(Flag.DRAFT, false);
      case "UNFLAGGED":
        return flag(Flag.FLAGGED, false);
      case "UNSEEN":
        return flag(Flag.SEEN, false);
      case "RECENT":
        return Candidate::recent;
      case "NEW":
        return c -> c.recent() && !c.message().flags().has(Flag.SEEN);
      case "OLD":
        return c -> !c.recent();
      case "KEYWORD", "UNKEYWORD":
        {
          args.space();
          String k = args.atom();
          boolean want = name.equals("KEYWORD");
          return c -> c.message().flags().hasKeyword(k) == want;
        }
      case "BCC", "CC", "FROM", "SUBJECT", "TO":
        {
          args.space();
          String s = string(args);
          String field = name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
          return c -> header(c, field, s);
        }
      case "HEADER":
        {
          args.space();
          String field = args.astring();
          args.space();
          String s = string(args);
          return c -> header(c, field, s);
        }
      case "BODY":
        {
          args.space();
          String s = string(args);
          return c -> MessageText.bodyContains(c.parsed(), s);
        }
      case "TEXT":
        {
          args.space();
          String s = string(args);
          return c ->
              MessageText.headerContains(c.parsed(), s) || MessageText.bodyContains(c.parsed(), s);
        }
      case "BEFORE", "ON", "SINCE":
        {
          args.space();
          LocalDate d = args.date();
          return internal(name, d);
        }
      case "SENTBEFORE", "SENTON", "SENTSINCE":
        {
          args.space();
          LocalDate d = args.date();
          return c -> sent(c).map(s -> compare(name.substring(4), s, d)).orElse(false);
        }
      case "LARGER":
        {
          args.space();
          long n = args.number();
          return c -> c.message().size() > n;
        }
      case "SMALLER":
        {
          args.space();
          long n = args.number();
          return c -> c.message().size() < n;
        }
      case "UID":
        {
          args.space();
          SequenceSet set = args.sequenceSet();
          return set.saved()
              ? c -> saved.test(c.message().uid())
              : c -> set.contains(c.message().uid(), c.maxUid());
        }
      case "MODSEQ":
        {
          args.space();
          if (args.isStringAhead()) {
            // RFC 7162 3.1.5 entry-name entry-type: one mod-sequence covers all our flags
            args.string();
            args.space();
            String type = args.atom().toLowerCase(Locale.ROOT);
            if (!Set.of("all", "priv", "shared").contains(type)) {
              throw new ImapSyntaxException("Invalid MODSEQ entry type " + type);
            }
            args.space();
          }
          long n = args.number64();
          modseq = true;
          return c -> c.message().modseq() >= n;
        }
      case "NOT":
        {
          args.space();
          SearchKey k = key(args);
          return c -> !k.matches(c);
        }
      case "OR":
        {
          args.space();
          SearchKey a = key(args);
          args.space();
          SearchKey b = key(args);
          return c -> a.matches(c) || b.matches(c);
        }
      default:
        throw new ImapSyntaxException("Unknown search key " + name);
    }
  }

  private static String string(Arguments args) throws ImapSyntaxException {
    return args.isStringAhead()
        ? new String(args.string(), StandardCharsets.UTF_8)
        : args.astring();
  }

  private static SearchKey flag(Flag f, boolean set) {
    return c -> c.message().flags().has(f) == set;
  }

  private static boolean header(Candidate c, String field, String needle) {
    if (needle.isEmpty()) {
      return !c.parsed().fieldValues(field).isEmpty(); // RFC 3501: "" matches any such field
    }
    return c.parsed().fieldValues(field).stream()
        .anyMatch(v -> MessageText.contains(MessageText.decodeHeader(v), needle));
  }

  private static SearchKey internal(String how, LocalDate d) {
    Predicate<Message> p =
        m -> compare(how, m.internalDate().atZone(ZoneOffset.UTC).toLocalDate(), d);
    return c -> p.test(c.message());
  }

  private static boolean compare(String how, LocalDate date, LocalDate d) {
    return switch (how) {
      case "BEFORE" -> date.isBefore(d);
      case "ON" -> date.equals(d);
      default -> !date.isBefore(d); // SINCE: on or after
    };
  }

  private static Optional<LocalDate> sent(Candidate c) {
    Optional<String> date = c.parsed().field("Date");
    if (date.isEmpty()) {
      return Optional.empty();
    }
    String v = date.get().replaceAll("\\([^)]*\\)", "").strip().replaceAll("\\s+", " ");
    try {
      return Optional.of(
          ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toLocalDate());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
