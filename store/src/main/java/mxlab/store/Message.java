package mxlab.store;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A message of a folder as last seen.
 *
 * @param uid its permanent UID (RFC 3501 2.3.1.1)
 * @param base its Maildir base name: the POP3 UIDL, stable across flag changes
 * @param path where the file is now (a flag change renames it)
 * @param size octets as clients receive it, with CRLF line ends (RFC822.SIZE)
 * @param internalDate when it arrived (the file's modification time, as Dovecot keeps it)
 * @param modseq its mod-sequence (RFC 7162 3.1.1): raised by its arrival and each flag change
 */
public record Message(
    long uid, String base, Path path, Flags flags, long size, Instant internalDate, long modseq) {
  Message withFile(Path p, Flags f, long newModseq) {
    return new Message(uid, base, p, f, size, internalDate, newModseq);
  }
}
