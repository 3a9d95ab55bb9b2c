package mxlab.imap.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    ListRequest request = ListRequest.read(args, name.equals("LSUB"));
    if (request.asksForDelimiter()) {
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
    if (request.onlySubscribed()) {
      leaves.addAll(subscribed);
    }
    for (String f : leaves) {
      for (int dot = f.indexOf(FolderNames.SEPARATOR);
          dot > 0;
          dot = f.indexOf(FolderNames.SEPARATOR, dot + 1)) {
        names.add(f.substring(0, dot));
      }
    }
    names.addAll(leaves);
    List<String> ordered = new ArrayList<>();
    if (names.remove("INBOX")) {
      ordered.add("INBOX");
    }
    ordered.addAll(names);
    for (String n : ordered) {
      String wire = MailboxNames.toWire(n, session.utf8Accept());
      if (!request.matches(wire)) {
        continue;
      }
      boolean exists = folders.containsKey(n);
      boolean isSubscribed = subscribed.contains(n);
      boolean hiddenParent = false;
      if (request.onlySubscribed() && !isSubscribed) {
        // RFC 3501 6.3.9: a "%" that stops above a subscribed folder shows its parent, \Noselect
        hiddenParent =
            request.lsub() && hidesSubscribedChild(n, subscribed, request, session.utf8Accept());
        if (!hiddenParent) {
          continue;
        }
      }
      if (request.onlySpecialUse() && SpecialUse.of(n).isEmpty()) {
        continue;
      }
      List<String> attributes = new ArrayList<>();
      if (!exists || hiddenParent) {
        attributes.add("\\Noselect"); // an implied parent, or a subscription of a deleted folder
      }
      if (!request.lsub()) {
        attributes.add(hasChildren(n, folders.keySet()) ? "\\HasChildren" : "\\HasNoChildren");
        SpecialUse.of(n).ifPresent(u -> attributes.add(u.attribute()));
        if (request.returnSubscribed() && isSubscribed) {
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
      if (request.status() != null && exists) {
        session.send(StatusItems.response(folders.get(n), request.status(), session.utf8Accept()));
      }
    }
    session.ok(tag, name + " completed");
  }

  private static boolean hidesSubscribedChild(
      String name, Set<String> subscribed, ListRequest request, boolean utf8) {
    String prefix = name + DELIMITER;
    return subscribed.stream()
        .anyMatch(s -> s.startsWith(prefix) && !request.matches(MailboxNames.toWire(s, utf8)));
  }

  private static boolean hasChildren(String name, Set<String> folders) {
    String prefix = name + DELIMITER;
    return folders.stream().anyMatch(f -> f.startsWith(prefix));
  }
}
