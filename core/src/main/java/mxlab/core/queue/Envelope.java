package mxlab.core.queue;

import java.time.Instant;
import java.util.List;

/**
 * The envelope of a queued message and the state of its delivery. Kept beside the message as a
 * small text file ({@link EnvelopeCodec}) and replaced atomically on every change.
 *
 * @param sender the reverse path; empty for the null sender {@code <>}
 * @param skip octets at the start of the message file not to transmit (our Return-Path line)
 * @param size the message size as transmitted (CRLF line ends), for SIZE=
 * @param eightBit whether it was received with BODY=8BITMIME
 * @param lastAttempt when delivery was last tried, or null
 */
public record Envelope(
    String id,
    Instant arrival,
    String sender,
    long skip,
    long size,
    boolean eightBit,
    boolean smtpUtf8,
    int attempts,
    Instant nextAttempt,
    Instant lastAttempt,
    boolean warned,
    List<Recipient> recipients) {

  public Envelope {
    recipients = List.copyOf(recipients);
  }

  public enum Status {
    PENDING,
    DELIVERED,
    FAILED
  }

  /**
   * One recipient and what happened to it.
   *
   * @param mta the host that last answered for it, or empty
   * @param diagnostic that host's last reply, or our reason, or empty
   */
  public record Recipient(String address, Status status, String mta, String diagnostic) {
    public Recipient withResult(Status s, String remote, String diag) {
      return new Recipient(address, s, remote, diag);
    }
  }

  public boolean nullSender() {
    return sender.isEmpty();
  }

  public List<Recipient> pending() {
    return recipients.stream().filter(r -> r.status() == Status.PENDING).toList();
  }

  public Envelope withRecipients(List<Recipient> list) {
    return with(attempts, nextAttempt, lastAttempt, warned, list);
  }

  public Envelope afterAttempt(Instant at, Instant next) {
    return with(attempts + 1, next, at, warned, recipients);
  }

  public Envelope withNextAttempt(Instant next) {
    return with(attempts, next, lastAttempt, warned, recipients);
  }

  public Envelope warnedNow() {
    return with(attempts, nextAttempt, lastAttempt, true, recipients);
  }

  /** The same message with a new delivery state; what was received never changes. */
  private Envelope with(
      int attempts, Instant next, Instant last, boolean warned, List<Recipient> recipients) {
    return new Envelope(
        id,
        arrival,
        sender,
        skip,
        size,
        eightBit,
        smtpUtf8,
        attempts,
        next,
        last,
        warned,
        recipients);
  }
}
