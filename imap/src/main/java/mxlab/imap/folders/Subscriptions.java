package mxlab.imap.folders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import mxlab.store.Mailbox;

/**
 * The subscribed folders (RFC 3501 6.3.6), in the Maildir's {@code subscriptions} file, one name a
 * line in modified UTF-7, as Dovecot and Courier read it. Replaced atomically on every change.
 */
public final class Subscriptions {
  static final String FILE = "subscriptions";

  private Subscriptions() {}

  public static TreeSet<String> read(Mailbox mailbox) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try {
      for (String line : Files.readAllLines(file(mailbox), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          names.add(MailboxNames.fromWire(line.strip()));
        }
      }
    } catch (NoSuchFileException e) {
      // nothing subscribed yet
    }
    return names;
  }

  public static synchronized void change(Mailbox mailbox, String name, boolean subscribe)
      throws IOException {
    TreeSet<String> names = read(mailbox);
    boolean changed = subscribe ? names.add(name) : names.remove(name);
    if (!changed) {
      return;
    }
    List<String> lines = new ArrayList<>();
    names.forEach(n -> lines.add(MailboxNames.toWire(n)));
    Files.createDirectories(mailbox.root());
    Path tmp = mailbox.root().resolve(FILE + ".tmp");
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    Files.move(
        tmp, file(mailbox), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path file(Mailbox mailbox) {
    return mailbox.root().resolve(FILE);
  }
}
