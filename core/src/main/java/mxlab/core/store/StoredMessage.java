package mxlab.core.store;

import java.nio.file.Path;

/**
 * A message in a Maildir.
 *
 * @param uid a stable, unique name for POP3's UIDL: the Maildir base name, which a move from new/
 *     to cur/ keeps
 * @param crlfSize octets as a client receives it (CRLF line ends, before dot-stuffing)
 */
public record StoredMessage(Path path, String uid, long crlfSize) {
  public boolean isNew() {
    return path.getParent().getFileName().toString().equals("new");
  }
}
