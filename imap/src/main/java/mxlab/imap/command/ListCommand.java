package mxlab.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mxlab.imap.folders.ListPattern;
import mxlab.imap.folders.MailboxNames;
import mxlab.imap.folders.Subscriptions;
import mxlab.imap.parse.Arguments;
import mxlab.imap.parse.ImapSyntaxException;
import mxlab.imap.session.ImapSession;
import mxlab.imap.session.ImapState;
import mxlab.imap.session.Response;
import mxlab.store.Folder;
import mxlab.store.FolderNames;
import mxlab.store.SpecialUse;

/**
 * LIST and LSUB (RFC 3501 6.3.8, 6.3.9), with the basics of LIST-EXTENDED (RFC 5258: selection
 * SUBSCRIBED and SPECIAL-USE, several patterns, RETURN SUBSCRIBED/CHILDREN/SPECIAL-USE), CHILDREN
 * attributes (RFC 3348), SPECIAL-USE attributes (RFC 6154) and LIST-STATUS (RFC 5819).
 */
final class ListCommand implements ImapCommand {
  private static final String DELIMITER = String.valueOf(FolderNames.SEPARATOR);

  private final String name;

  ListCommand(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<ImapState> states() {
    return States.AUTHENTICATED;
  }

  @Override
  public void handle(ImapSession session, String tag, Arguments args)
      throws IOException, ImapSyntaxException {
    boolean lsub = name.equals("LSUB");
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
    if (patterns.size() == 1 && patterns.get(0).isEmpty()) {
      // RFC 3501 6.3.8: an empty name asks for the delimiter and the root
      session.send(
          Response.untagged().atom(name).atom("(\\Noselect)").string(DELIMITER).string("").line());
      session.ok(tag, name + " completed");
      return;
    }
    TreeSet<String> subscribed = Subscriptions.read(session.mailbox());
    Map<String, Folder> folders = new LinkedHashMap<>();
    for (Folder f : session.mailbox().folders()) {
      folders.put(f.name(), f);
    }
    // every name to consider: the folders, their implied parents, and (LSUB) the subscriptions
    TreeSet<String> names = new TreeSet<>(folders.keySet());
    TreeSet<String> leaves = new TreeSet<>(folders.keySet());
    if (onlySubscribed) {
      leaves.addAll(subscribed);
    }
    for (String f : leaves) {
      for (int dot = f.indexOf(FolderNames.SEPARATOR);
          dot > 0;
          dot = f.indexOf(FolderNames.SEPARATOR, dot + 1)) {
        names.add(f.substring(0, dot));
      }
    }
    if (onlySubscribed) {
      names.addAll(subscribed);
    }
    List<String> ordered = new ArrayList<>();
    if (names.remove("INBOX")) {
      ordered.add("INBOX");
    }
    ordered.addAll(names);
    for (String n : ordered) {
      String wire = MailboxNames.toWire(n);
      boolean matched = false;
      for (String p : patterns) {
        matched |= ListPattern.of(reference, p).matches(wire); // patterns are modified UTF-7 too
      }
      if (!matched) {
        continue;
      }
      boolean exists = folders.containsKey(n);
      boolean isSubscribed = subscribed.contains(n);
      boolean hiddenParent = false;
      if (onlySubscribed && !isSubscribed) {
        // RFC 3501 6.3.9: a "%" that stops above a subscribed folder shows its parent, \Noselect
        hiddenParent = lsub && hidesSubscribedChild(n, subscribed, reference, patterns);
        if (!hiddenParent) {
          continue;
        }
      }
      if (onlySpecialUse && SpecialUse.of(n).isEmpty()) {
        continue;
      }
      List<String> attributes = new ArrayList<>();
      if (!exists || hiddenParent) {
        attributes.add("\\Noselect"); // an implied parent, or a subscription of a deleted folder
      }
      if (!lsub) {
        attributes.add(hasChildren(n, folders.keySet()) ? "\\HasChildren" : "\\HasNoChildren");
        SpecialUse.of(n).ifPresent(u -> attributes.add(u.attribute()));
        if (returnSubscribed && isSubscribed) {
          attributes.add("\\Subscribed");
        }
      }
      session.send(
          Response.untagged()
              .atom(name)
              .atomList(attributes)
              .string(DELIMITER)
              .astring(wire)
              .line());
      if (status != null && exists) {
        session.send(StatusItems.response(folders.get(n), status));
      }
    }
    session.ok(tag, name + " completed");
  }

  private static boolean hidesSubscribedChild(
      String name, Set<String> subscribed, String reference, List<String> patterns) {
    String prefix = name + DELIMITER;
    for (String s : subscribed) {
      if (s.startsWith(prefix)
          && patterns.stream()
              .noneMatch(p -> ListPattern.of(reference, p).matches(MailboxNames.toWire(s)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasChildren(String name, Set<String> folders) {
    String prefix = name + DELIMITER;
    return folders.stream().anyMatch(f -> f.startsWith(prefix));
  }
}
