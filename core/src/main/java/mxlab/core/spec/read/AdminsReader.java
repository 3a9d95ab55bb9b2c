package mxlab.core.spec.read;

import java.util.ArrayList;
import java.util.List;
import mxlab.core.spec.Admin;
import mxlab.core.spec.Problems;

/** The {@code admins} section: who may use the SSH console, by OpenSSH public key. */
record AdminsReader(Problems problems) {

  List<Admin> read(Fields top) {
    List<Admin> out = new ArrayList<>();
    for (Node item : top.list("admins")) {
      Fields a = Fields.of(item, item.location(), "an admin", problems);
      String name = a.string("name", null);
      String key = a.string("key", null);
      a.finish();
      if (name == null || !name.matches("[a-zA-Z0-9._-]{1,32}")) {
        problems.error(
            a.location(), "an admin needs a name of letters and digits", "write '- name: teacher'");
        continue;
      }
      if (key == null
          || !key.trim()
              .matches("(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\\d+) [A-Za-z0-9+/=]+( .*)?")) {
        problems.error(
            key == null ? a.location() : a.at("key"),
            "admin " + name + " needs an OpenSSH public key",
            "paste one line of ~/.ssh/id_ed25519.pub, like: key: ssh-ed25519 AAAAC3... you@host");
        continue;
      }
      out.add(new Admin(name, key.trim()));
    }
    return out;
  }
}
