package mxlab.core.spec.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mxlab.core.spec.Problems;
import mxlab.core.spec.User;

/** A domain's {@code aliases}, as /etc/aliases: names to users of the domain or addresses. */
record AliasesReader(Problems problems, CrossReferences refs, Addresses addresses) {

  Map<String, List<String>> read(Fields f, String domain, List<User> users) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Node.Entry e : f.mappingEntries("aliases").values()) {
      String alias = e.key().toLowerCase(Locale.ROOT);
      if (!Addresses.isMailboxName(alias)) {
        problems.error(
            e.keyLocation(),
            "'" + e.key() + "' is not an alias name",
            Addresses.MAILBOX_NAME_HINT + ", the part before @, like admin");
        continue;
      }
      if (users.stream().anyMatch(u -> u.name().equalsIgnoreCase(alias))) {
        problems.error(
            e.keyLocation(),
            "'" + alias + "' is both a user and an alias of " + domain,
            "to send a user's mail elsewhere, give the user 'forward:'");
        continue;
      }
      List<String> list = new ArrayList<>();
      for (Node v : Node.items(e.value())) {
        String text = v instanceof Node.Scalar s ? s.text() : null;
        if (text == null || text.isBlank()) {
          problems.error(v.location(), "alias " + alias + "@" + domain + " has an empty target");
          continue;
        }
        if (text.startsWith("|") || text.startsWith("/") || text.startsWith(":include:")) {
          problems.error(
              v.location(),
              "alias " + alias + " delivers to a program or file ('" + text + "')",
              "mxlab delivers only to addresses; name a user or an address");
          continue;
        }
        String target = addresses.qualify(text, domain, v.location(), "alias " + alias);
        if (target != null) {
          list.add(target);
          refs.checkLater(alias + "@" + domain, target, v.location());
        }
      }
      out.put(alias, List.copyOf(list));
    }
    return out;
  }
}
