package mxlab.imap.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import mxlab.imap.mime.MessageCache;
import mxlab.imap.mime.MimePart;
import mxlab.store.Message;

/** A message a search looks at; parsed only if a key needs its content, then once. */
public final class Candidate {
  private final int seq;
  private final Message message;
  private final boolean recent;
  private final MessageCache cache;
  private final long maxUid;
  private final int exists;
  private MimePart parsed;

  public Candidate(
      int seq, Message message, boolean recent, int exists, long maxUid, MessageCache cache) {
    this.seq = seq;
    this.message = message;
    this.recent = recent;
    this.exists = exists;
    this.maxUid = maxUid;
    this.cache = cache;
  }

  public int seq() {
    return seq;
  }

  public Message message() {
    return message;
  }

  /** Whether it is \Recent in this session (RFC 3501 2.3.2). */
  public boolean recent() {
    return recent;
  }

  /** EXISTS, the value of "*" in a sequence set. */
  public int exists() {
    return exists;
  }

  public long maxUid() {
    return maxUid;
  }

  public MimePart parsed() {
    if (parsed == null) {
      try {
        parsed = cache.parsed(message);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return parsed;
  }
}
