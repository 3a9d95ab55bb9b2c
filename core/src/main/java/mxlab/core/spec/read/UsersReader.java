package mxlab.core.spec.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mxlab.core.auth.PasswordHash;
import mxlab.core.spec.Location;
import mxlab.core.spec.Problems;
import mxlab.core.spec.User;

/** A domain's {@code users}: mailbox names, password hashes and forwards. */
record UsersReader(Problems problems, CrossReferences refs, Addresses addresses) {

  List<User> read(Fields f, String domain) {
    List<User> out = new ArrayList<>();
    Map<String, Location> seen = new LinkedHashMap<>();
    for (Node item : f.list("users")) {
      Fields u = Fields.of(item, item.location(), "a user of " + domain, problems);
      String name = u.string("name", null);
      String password = u.string("password", null);
      List<Scalars.Item> forward = u.strings("forward");
      boolean keep = u.bool("keep_copy", false);
      u.finish();
      if (name == null) {
        problems.error(
            u.location(), "a user of " + domain + " has no name", "write '- name: test'");
        continue;
      }
      if (!Addresses.isMailboxName(name)) {
        problems.error(
            u.at("name"),
            "'" + name + "' is not a user name",
            Addresses.MAILBOX_NAME_HINT + ", the part before @, like test for test@" + domain);
        continue;
      }
      Location first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), u.at("name"));
      if (first != null) {
        problems.error(
            u.at("name"),
            "user " + name + "@" + domain + " is defined twice",
            "keep one; the first is at " + first);
        continue;
      }
      PasswordHash hash = null;
      if (password != null) {
        hash = readPassword(password, name + "@" + domain, u.at("password"));
      }
      List<String> fwd = new ArrayList<>();
      for (Scalars.Item item2 : forward) {
        String target = addresses.address(item2.text(), item2.location(), "forward of " + name);
        if (target != null) {
          fwd.add(target);
          if (!target.equalsIgnoreCase(name + "@" + domain)) {
            refs.checkLater(name + "@" + domain, target, item2.location());
          }
        }
      }
      out.add(new User(name, hash, fwd, keep));
    }
    return out;
  }

  private PasswordHash readPassword(String text, String who, Location at) {
    Optional<PasswordHash> hash = PasswordHash.parse(text);
    if (hash.isEmpty()) {
      problems.error(
          at,
          "the password of " + who + " names an unknown scheme",
          "write {SHA512-CRYPT}$6$... (from 'mxlab passwd'), or {PLAIN}secret for a lab");
      return null;
    }
    if (hash.get().scheme() == PasswordHash.Scheme.PLAIN && !text.startsWith("{")) {
      problems.warning(
          at,
          "the password of " + who + " is stored in clear",
          "store a hash from 'mxlab passwd', or write {PLAIN}... to say it is deliberate");
    }
    return hash.get();
  }
}
