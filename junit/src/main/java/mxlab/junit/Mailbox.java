package mxlab.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mxlab.store.Message;

/**
 * The INBOX of one lab user, read from its Maildir without changing it (flags and POP3/IMAP views
 * stay as they are).
 */
public final class Mailbox {
  private final String address;
  private final mxlab.store.Mailbox store;
  private final Maillog maillog;
  private final Map<String, ReceivedMessage> seen = new HashMap<>();

  Mailbox(String address, mxlab.store.Mailbox store, Maillog maillog) {
    this.address = address;
    this.store = store;
    this.maillog = maillog;
  }

  public String address() {
    return address;
  }

  /** The messages now in the INBOX, oldest first. */
  public List<ReceivedMessage> messages() {
    return Awaiting.poll(this::read);
  }

  /**
   * Waits until the INBOX holds at least {@code n} messages and returns them all, oldest first.
   *
   * @throws AssertionError after {@code timeout}, saying what did arrive and the lab's maillog
   */
  public List<ReceivedMessage> awaitMessages(int n, Duration timeout) {
    return Awaiting.atLeast(
        n,
        timeout,
        this::read,
        got ->
            "expected "
                + n
                + (n == 1 ? " message" : " messages")
                + " in "
                + address
                + " within "
                + timeout
                + ", but "
                + got.size()
                + " arrived:\n"
                + Awaiting.numbered(got)
                + maillog);
  }

  /** Waits until the INBOX holds a message and returns the oldest. */
  public ReceivedMessage awaitMessage(Duration timeout) {
    return awaitMessages(1, timeout).get(0);
  }

  private synchronized List<ReceivedMessage> read() throws IOException {
    while (true) {
      List<ReceivedMessage> out = new ArrayList<>();
      try {
        for (Message m : store.inbox().messages()) {
          out.add(parsed(m));
        }
        return out;
      } catch (NoSuchFileException e) {
        // a client renamed it (a flag change) or expunged it while we read: look again
      }
    }
  }

  /** Each message is parsed once however often an await polls; a Maildir file never changes. */
  private ReceivedMessage parsed(Message m) throws IOException {
    ReceivedMessage known = seen.get(m.base());
    if (known == null) {
      known = ReceivedMessage.parse(Files.readAllBytes(m.path()));
      seen.put(m.base(), known);
    }
    return known;
  }

  @Override
  public String toString() {
    return address;
  }
}
