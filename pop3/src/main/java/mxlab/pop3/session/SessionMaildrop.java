package mxlab.pop3.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import mxlab.core.store.MessageRendering;
import mxlab.store.Flag;
import mxlab.store.Folder;
import mxlab.store.Message;

/**
 * The maildrop as a session sees it (RFC 1939 5): the INBOX's messages present at login, numbered
 * from 1 in arrival order, and which of them are marked deleted. Mail that arrives meanwhile
 * appears in the next session. Deletions happen only at {@link #commit}.
 */
public final class SessionMaildrop {
  private final Folder folder;
  private final List<Message> messages;
  private final boolean[] deleted;

  SessionMaildrop(Folder folder) throws IOException {
    this.folder = folder;
    this.messages = new ArrayList<>(folder.messages());
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
      total += deleted[i] ? 0 : messages.get(i).size();
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

  /** Octets as the client receives them (CRLF line ends). */
  public long size(int n) {
    return messages.get(n - 1).size();
  }

  /** The UIDL (RFC 1939 7): the Maildir base name, which flag changes keep. */
  public String uid(int n) {
    return uidl(messages.get(n - 1).base());
  }

  /** RFC 1939 7: a unique-id is 1 to 70 printable characters. */
  private static final int MAX_UIDL = 70;

  /** The base name without its size fields (",S=...,W="); hashed if too long for UIDL. */
  static String uidl(String base) {
    int comma = base.indexOf(',');
    String id = comma > 0 ? base.substring(0, comma) : base;
    boolean printable = id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    if (id.length() <= MAX_UIDL && printable && !id.isEmpty()) {
      return id;
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** The message stuffed and terminated; RETR also marks it \Seen (new/ to cur/, ":2,S"). */
  public void render(int n, int bodyLines, ByteArrayOutputStream out) throws IOException {
    Message m = messages.get(n - 1);
    byte[] content = Files.readAllBytes(m.path());
    MessageRendering.render(content, bodyLines, out);
    if (bodyLines < 0 && !m.flags().has(Flag.SEEN)) {
      folder.setFlags(m.uid(), m.flags().with(Flag.SEEN)).ifPresent(s -> messages.set(n - 1, s));
    }
  }

  public void delete(int n) {
    deleted[n - 1] = true;
  }

  public void undelete() {
    Arrays.fill(deleted, false);
  }

  /** RFC 1939 6, the UPDATE state: removes the marked messages; returns how many failed. */
  int commit() {
    List<Long> gone = new ArrayList<>();
    for (int i = 0; i < deleted.length; i++) {
      if (deleted[i]) {
        gone.add(messages.get(i).uid());
      }
    }
    if (gone.isEmpty()) {
      return 0;
    }
    try {
      folder.expunge(gone);
      return 0;
    } catch (IOException e) {
      return gone.size();
    }
  }
}
