package mxlab.store.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mxlab.core.address.MailAddress;
import mxlab.core.notice.NoticeSigner;
import mxlab.core.queue.Envelope;
import mxlab.core.queue.QueueIds;
import mxlab.core.routing.Mailbox;
import mxlab.core.routing.Resolution;
import mxlab.core.routing.Router;
import mxlab.core.store.SpoolWriter;
import mxlab.core.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a message mxlab writes itself (a bounce, a delay notice, a report): signed by its {@link
 * NoticeSigner}, then routed like any other, into local mailboxes and, for off-site recipients,
 * into the queue. Every message mxlab makes goes through here, so it is signed in one place.
 */
public final class Submitter {
  private static final Logger log = LoggerFactory.getLogger(Submitter.class);

  private final MailDrop drop;
  private final NoticeSigner signer;

  /** Sends messages unsigned. */
  public Submitter(MailDrop drop) {
    this(drop, NoticeSigner.NONE);
  }

  public Submitter(MailDrop drop, NoticeSigner signer) {
    this.drop = drop;
    this.signer = signer;
  }

  /**
   * @param sender the reverse path; empty for the null sender of notifications
   * @return the queue id, or empty when the recipient has nowhere to receive it
   */
  public Optional<String> submit(Router router, String sender, String recipient, List<String> lines)
      throws IOException {
    Optional<MailAddress> to = MailAddress.parse(recipient);
    if (to.isEmpty()) {
      return Optional.empty();
    }
    List<Mailbox> mailboxes = new ArrayList<>();
    List<MailAddress> offsite = new ArrayList<>();
    Resolution r = router.resolve(to.get());
    if (r instanceof Resolution.Deliver d) {
      mailboxes.addAll(d.mailboxes());
      offsite.addAll(d.offsite());
    } else if (r instanceof Resolution.Remote remote) {
      offsite.add(remote.address());
    } else {
      return Optional.empty();
    }
    List<String> signature = sign(lines);
    String id = QueueIds.next();
    SpoolWriter w = drop.newSpool(id);
    String returnPath = "Return-Path: <" + sender + ">";
    try {
      w.line(returnPath.getBytes(StandardCharsets.UTF_8));
      for (String line : signature) {
        w.line(line.getBytes(StandardCharsets.UTF_8));
      }
      for (String line : lines) {
        w.line(line.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      w.discard();
      throw e;
    }
    SpoolWriter.Spooled spooled = w.finish();
    Envelope queued = null;
    if (!offsite.isEmpty()) {
      long skip = returnPath.getBytes(StandardCharsets.UTF_8).length + 1;
      Instant now = Instant.now();
      queued =
          new Envelope(
              id,
              now,
              sender,
              skip,
              spooled.crlfSize() - skip - 1,
              true,
              false,
              0,
              now,
              null,
              false,
              offsite.stream()
                  .map(a -> new Envelope.Recipient(a.toString(), Envelope.Status.PENDING, "", ""))
                  .toList());
    }
    drop.deliver(spooled, mailboxes, queued);
    return Optional.of(id);
  }

  /** The signer's fields; a signer that fails costs the signature, never the notice. */
  private List<String> sign(List<String> lines) {
    try {
      return signer.fieldsFor(lines);
    } catch (IOException | RuntimeException e) {
      log.warn("cannot sign a message of our own, sending it unsigned: {}", Printable.escape(e));
      return List.of();
    }
  }
}
