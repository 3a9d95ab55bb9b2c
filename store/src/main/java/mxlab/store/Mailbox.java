package mxlab.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One user's mail: a Maildir++ directory whose own tmp/new/cur are the INBOX, with a folder in each
 * {@code .Name} subdirectory. Only one POP3 session may hold it at a time ({@link #tryLock}).
 */
public final class Mailbox {
  public static final String INBOX = "INBOX";

  private final MailStore store;
  private final Path root;
  private final String domain;
  private final String user;

  Mailbox(MailStore store, Path root, String domain, String user) {
    this.store = store;
    this.root = root;
    this.domain = domain;
    this.user = user;
  }

  public String domain() {
    return domain;
  }

  public String user() {
    return user;
  }

  public Path root() {
    return root;
  }

  public Folder inbox() {
    return store.folder(root, INBOX);
  }

  /** A folder by IMAP name ("inbox" in any case is the INBOX); empty when it does not exist. */
  public Optional<Folder> folder(String name) {
    if (name.equalsIgnoreCase(INBOX)) {
      return Optional.of(inbox());
    }
    if (FolderNames.problem(name).isPresent()) {
      return Optional.empty();
    }
    Folder f = store.folder(root.resolve(FolderNames.toDirectory(name)), name);
    return f.exists() ? Optional.of(f) : Optional.empty();
  }

  /** INBOX first, then every folder in name order. */
  public List<Folder> folders() throws IOException {
    List<Folder> out = new ArrayList<>();
    out.add(inbox());
    if (!Files.isDirectory(root)) {
      return out;
    }
    List<Folder> others = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, ".*")) {
      for (Path d : dirs) {
        Optional<String> name = FolderNames.fromDirectory(d.getFileName().toString());
        if (name.isPresent() && Files.isDirectory(d.resolve("cur"))) {
          others.add(store.folder(d, name.get()));
        }
      }
    }
    others.sort(Comparator.comparing(Folder::name));
    out.addAll(others);
    return out;
  }

  /** Creates a folder (RFC 3501 6.3.3); its missing parent levels are left implied, as Dovecot. */
  public Folder create(String name) throws IOException {
    Optional<String> problem = FolderNames.problem(name);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    if (name.equalsIgnoreCase(INBOX) || folder(name).isPresent()) {
      throw new FileAlreadyExistsException(name);
    }
    store.createMaildir(root);
    Folder f = store.folder(root.resolve(FolderNames.toDirectory(name)), name);
    f.create();
    return f;
  }

  /** Removes a folder and its messages (RFC 3501 6.3.4); INBOX cannot be removed. */
  public void delete(String name) throws IOException {
    if (name.equalsIgnoreCase(INBOX)) {
      throw new IllegalArgumentException("INBOX cannot be deleted");
    }
    Folder f = folder(name).orElseThrow(() -> new NoSuchFileException(name));
    try (Stream<Path> walk = Files.walk(f.dir())) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
    store.forget(f.dir());
  }

  /** Renames a folder and the levels below it (RFC 3501 6.3.5); not INBOX. */
  public void rename(String from, String to) throws IOException {
    if (from.equalsIgnoreCase(INBOX)) {
      throw new IllegalArgumentException("renaming INBOX is not supported");
    }
    Optional<String> problem = FolderNames.problem(to);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    Folder f = folder(from).orElseThrow(() -> new NoSuchFileException(from));
    if (to.equalsIgnoreCase(INBOX) || folder(to).isPresent()) {
      throw new FileAlreadyExistsException(to);
    }
    String prefix = from + FolderNames.SEPARATOR;
    List<Folder> moving = new ArrayList<>();
    moving.add(f);
    for (Folder child : folders()) {
      if (child.name().startsWith(prefix)) {
        moving.add(child);
      }
    }
    for (Folder m : moving) {
      String renamed = to + m.name().substring(from.length());
      Files.move(m.dir(), root.resolve(FolderNames.toDirectory(renamed)));
      store.forget(m.dir());
    }
  }

  /** Creates the special-use folders that are missing (at first login). */
  public void ensureSpecialUse() throws IOException {
    for (SpecialUse u : SpecialUse.values()) {
      if (folder(u.folder()).isEmpty()) {
        try {
          create(u.folder());
        } catch (FileAlreadyExistsException raced) {
          // another session created it first
        }
      }
    }
  }

  /** The POP3 session lock (RFC 1939 8: one session a maildrop); empty while another holds it. */
  public Optional<AutoCloseable> tryLock() {
    return store.tryLock(root);
  }

  @Override
  public String toString() {
    return user + "@" + domain.toLowerCase(Locale.ROOT);
  }
}
