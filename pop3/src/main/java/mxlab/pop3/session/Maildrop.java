package mxlab.pop3.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mxlab.core.store.MaildirFolder;
import mxlab.core.store.MessageRendering;
import mxlab.core.store.StoredMessage;

/**
 * The maildrop as a session sees it (RFC 1939 5): the messages present at login, numbered from 1,
 * and which of them are marked deleted. Mail that arrives meanwhile appears in the next session.
 * Deletions happen only at {@link #commit}.
 */
public final class Maildrop {
  private final MaildirFolder folder;
  private final List<StoredMessage> messages;
  private final Path[] paths;
  private final boolean[] deleted;

  Maildrop(MaildirFolder folder) throws IOException {
    this.folder = folder;
    this.messages = folder.messages();
    this.paths = new Path[messages.size()];
    for (int i = 0; i < paths.length; i++) {
      paths[i] = messages.get(i).path();
    }
    this.deleted = new boolean[messages.size()];
  }

  public int count() {
    int n = 0;
    for (boolean d : deleted) {
      n += d ? 0 : 1;
    }
    return n;
  }

  public long size() {
    long total = 0;
    for (int i = 0; i < deleted.length; i++) {
      total += deleted[i] ? 0 : messages.get(i).crlfSize();
    }
    return total;
  }

  public int total() {
    return messages.size();
  }

  /** Whether message {@code n} (1-based) exists and is not deleted. */
  public boolean exists(int n) {
    return n >= 1 && n <= deleted.length && !deleted[n - 1];
  }

  public boolean isDeleted(int n) {
    return n >= 1 && n <= deleted.length && deleted[n - 1];
  }

  public long size(int n) {
    return messages.get(n - 1).crlfSize();
  }

  public String uid(int n) {
    return messages.get(n - 1).uid();
  }

  /** The message stuffed and terminated; RETR also marks it seen (new/ to cur/). */
  public void render(int n, int bodyLines, ByteArrayOutputStream out) throws IOException {
    byte[] content = Files.readAllBytes(paths[n - 1]);
    MessageRendering.render(content, bodyLines, out);
    if (bodyLines < 0) {
      StoredMessage m = messages.get(n - 1);
      if (paths[n - 1].equals(m.path()) && m.isNew()) {
        paths[n - 1] = folder.markSeen(m);
      }
    }
  }

  public void delete(int n) {
    deleted[n - 1] = true;
  }

  public void undelete() {
    java.util.Arrays.fill(deleted, false);
  }

  /** RFC 1939 6, the UPDATE state: removes the marked messages; returns how many failed. */
  int commit() throws IOException {
    List<Path> gone = new ArrayList<>();
    for (int i = 0; i < deleted.length; i++) {
      if (deleted[i]) {
        gone.add(paths[i]);
      }
    }
    return gone.isEmpty() ? 0 : folder.remove(gone);
  }
}
