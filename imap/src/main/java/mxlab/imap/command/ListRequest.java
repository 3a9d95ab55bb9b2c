package mxlab.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mxlab.imap.folders.ListPattern;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;

/**
 * What a LIST or LSUB asks for (RFC 3501 6.3.8, 6.3.9; RFC 5258 selection and return options, RFC
 * 5819 STATUS).
 *
 * @param status the STATUS items to return, or null
 */
record ListRequest(
    boolean lsub,
    boolean onlySubscribed,
    boolean onlySpecialUse,
    boolean returnSubscribed,
    List<String> status,
    String reference,
    List<String> patterns) {

  static ListRequest read(Arguments args, boolean lsub) throws ImapSyntaxException {
    boolean onlySubscribed = lsub;
    boolean onlySpecialUse = false;
    boolean returnSubscribed = false;
    List<String> status = null;
    args.space();
    if (!lsub && args.tryChar('(')) {
      while (!args.tryChar(')')) {
        args.tryChar(' ');
        switch (args.atom().toUpperCase(Locale.ROOT)) {
          case "SUBSCRIBED" -> {
            onlySubscribed = true;
            returnSubscribed = true;
          }
          case "SPECIAL-USE" -> onlySpecialUse = true;
          case "REMOTE", "RECURSIVEMATCH" -> {}
          default -> throw new ImapSyntaxException("Unknown LIST selection option");
        }
      }
      args.space();
    }
    String reference = args.astring();
    args.space();
    List<String> patterns = new ArrayList<>();
    if (!lsub && args.tryChar('(')) {
      while (!args.tryChar(')')) {
        args.tryChar(' ');
        patterns.add(args.listMailbox());
      }
    } else {
      patterns.add(args.listMailbox());
    }
    if (!lsub && !args.atEnd()) {
      args.space();
      if (!args.atom().equalsIgnoreCase("RETURN")) {
        throw new ImapSyntaxException("Expected RETURN");
      }
      args.space();
      args.expect('(');
      while (!args.tryChar(')')) {
        args.tryChar(' ');
        switch (args.atom().toUpperCase(Locale.ROOT)) {
          case "SUBSCRIBED" -> returnSubscribed = true;
          case "STATUS" -> {
            args.space();
            status = StatusItems.read(args);
          }
          case "CHILDREN", "SPECIAL-USE" -> {}
          default -> throw new ImapSyntaxException("Unknown LIST return option");
        }
      }
    }
    args.end();
    return new ListRequest(
        lsub,
        onlySubscribed,
        onlySpecialUse,
        returnSubscribed,
        status,
        reference,
        List.copyOf(patterns));
  }

  /** RFC 3501 6.3.8: an empty name asks for the delimiter and the root. */
  boolean asksForDelimiter() {
    return patterns.size() == 1 && patterns.get(0).isEmpty();
  }

  /** Whether a name (modified UTF-7, as the patterns are) matches one of the patterns. */
  boolean matches(String wire) {
    return patterns.stream().anyMatch(p -> ListPattern.of(reference, p).matches(wire));
  }
}
