package mxlab.store;

import java.util.List;

/** What changed in a folder, told to its listeners (an IMAP session, IDLE) after the change. */
public sealed interface FolderChange {
  Folder folder();

  /** Messages added through the store (APPEND, COPY, MOVE). */
  record Appended(Folder folder, List<Long> uids) implements FolderChange {}

  /** New mail may have been delivered: sync to see it. */
  record Arrived(Folder folder) implements FolderChange {}

  record FlagsChanged(Folder folder, Message message) implements FolderChange {}

  record Expunged(Folder folder, List<Long> uids) implements FolderChange {}
}
