package mxlab.core.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import mxlab.core.store.PrivateFiles;
import mxlab.core.store.SyncBatcher;

/**
 * The durable outbound queue, like sendmail's QueueDirectory: {@code ID.msg} holds the message (a
 * hard link of the spool file, written once), {@code ID.env} its {@link Envelope}. Every state
 * change writes a new envelope beside the old one, fsyncs it and renames it over (as Postfix and
 * qmail change state by rename), so a crash at any moment leaves either the old or the new state.
 */
public final class QueueStore {
  private static final String MSG = ".msg";
  private static final String ENV = ".env";
  private static final String TMP = ".tmp";

  private final Path dir;

  public QueueStore(Path dir) throws IOException {
    this.dir = dir;
    PrivateFiles.createDirectories(dir);
  }

  public Path dir() {
    return dir;
  }

  public Path messageFile(String id) {
    return dir.resolve(id + MSG);
  }

  /**
   * Adds a message whose content is already durable in {@code spooled}; the caller syncs {@link
   * #dir()} (group commit) before it tells the client 250.
   */
  public void add(Path spooled, Envelope envelope) throws IOException {
    PrivateFiles.link(spooled, messageFile(envelope.id()));
    writeEnvelope(envelope);
  }

  /** Replaces the envelope of a queued message; durable when this returns. */
  public void save(Envelope envelope) throws IOException {
    writeEnvelope(envelope);
    SyncBatcher.fsync(dir);
  }

  /** Written as ID.env.tmp and renamed over; {@link #recover()} sweeps a leftover .tmp. */
  private void writeEnvelope(Envelope envelope) throws IOException {
    PrivateFiles.replace(
        dir.resolve(envelope.id() + ENV),
        EnvelopeCodec.encode(envelope).getBytes(StandardCharsets.UTF_8));
  }

  public Optional<Envelope> read(String id) throws IOException {
    if (!QueueIds.valid(id)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          EnvelopeCodec.decode(Files.readString(dir.resolve(id + ENV), StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Every queued envelope, oldest first; unreadable ones are skipped (and left for an admin). */
  public List<Envelope> list() throws IOException {
    List<Envelope> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ENV)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        try {
          read(name.substring(0, name.length() - ENV.length())).ifPresent(out::add);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
          // a damaged envelope stays on disk for an admin to look at; the rest is delivered
        }
      }
    }
    out.sort(Comparator.comparing(Envelope::arrival).thenComparing(Envelope::id));
    return out;
  }

  /** Removes a message: envelope first, so a crash in between leaves only an orphan .msg. */
  public void remove(String id) throws IOException {
    Files.deleteIfExists(dir.resolve(id + ENV));
    Files.deleteIfExists(messageFile(id));
    SyncBatcher.fsync(dir);
  }

  /**
   * Cleans up after a crash: half-written envelopes, messages without an envelope (never answered
   * with 250) and envelopes without a message. Returns what was removed, for the log.
   */
  public List<String> recover() throws IOException {
    List<String> removed = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(TMP)) {
          Files.deleteIfExists(f);
          removed.add(name);
        } else if (name.endsWith(MSG)) {
          String id = name.substring(0, name.length() - MSG.length());
          if (!Files.exists(dir.resolve(id + ENV))) {
            Files.deleteIfExists(f);
            removed.add(name);
          }
        } else if (name.endsWith(ENV)) {
          String id = name.substring(0, name.length() - ENV.length());
          if (!Files.exists(messageFile(id))) {
            Files.deleteIfExists(f);
            removed.add(name);
          }
        }
      }
    }
    if (!removed.isEmpty()) {
      SyncBatcher.fsync(dir);
    }
    return removed;
  }
}
