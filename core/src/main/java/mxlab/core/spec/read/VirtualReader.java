package mxlab.core.spec.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mxlab.core.address.DomainNames;
import mxlab.core.address.MailAddress;
import mxlab.core.spec.Problems;
import mxlab.core.spec.Rejection;
import mxlab.core.spec.Rejections;
import mxlab.core.spec.VirtualEntry;

/** The {@code virtual} section, sendmail's virtusertable: addresses or @domain to targets. */
record VirtualReader(Problems problems, CrossReferences refs) {

  List<VirtualEntry> read(Fields top) {
    List<VirtualEntry> out = new ArrayList<>();
    for (Node.Entry e : top.mappingEntries("virtual").values()) {
      String key = e.key().trim();
      boolean catchAll = key.startsWith("@");
      boolean valid =
          catchAll
              ? DomainNames.isHostName(key.substring(1), true)
              : MailAddress.parse(key).filter(a -> Addresses.isMailboxName(a.local())).isPresent();
      if (!valid) {
        problems.error(
            e.keyLocation(),
            "virtual key '" + key + "' is neither an address nor @domain",
            "write info@other.org for one address (its user a dot-atom without / or quotes),"
                + " or @other.org for the whole domain");
        continue;
      }
      String normalizedKey =
          catchAll
              ? "@" + DomainNames.normalize(key.substring(1))
              : MailAddress.parse(key).get().key();
      refs.virtualLocations.put(normalizedKey, e.keyLocation());
      List<Node> values = Node.items(e.value());
      List<String> list = new ArrayList<>();
      Rejection error = null;
      for (Node v : values) {
        String text = v instanceof Node.Scalar s && s.text() != null ? s.text().trim() : "";
        if (text.toLowerCase(Locale.ROOT).startsWith("error:")) {
          Optional<Rejection> r = Rejections.parse(text.substring(6));
          if (r.isEmpty() || values.size() > 1) {
            problems.error(
                v.location(),
                "virtual " + key + ": '" + text + "' is not an error entry",
                "write error:nouser User unknown, or error:5.7.1:550 text, as the only target");
          } else {
            error = r.get();
          }
          continue;
        }
        Optional<MailAddress> target =
            MailAddress.parse(text.replace("%1", "x"))
                .filter(a -> Addresses.isMailboxName(a.local()));
        if (target.isEmpty() || (!catchAll && text.contains("%1"))) {
          problems.error(
              v.location(),
              "virtual " + key + ": '" + text + "' is not a full address",
              "write user@domain, the user a dot-atom without / or quotes; in a catch-all, %1"
                  + " stands for the local part, as in %1@bann.com");
          continue;
        }
        list.add(text);
        if (!text.contains("%1")) {
          refs.checkLater(normalizedKey, target.get().toString(), v.location());
        }
      }
      if (error != null || !list.isEmpty()) {
        out.add(new VirtualEntry(normalizedKey, list, error));
      }
    }
    return out;
  }
}
