package mxlab.core.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import mxlab.core.reply.SmtpReply;

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

  /** A status code at the start of a note without a reply code, as older envelopes hold. */
  private static final Pattern LEGACY_STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3} ");

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
   * @param reply that host's last reply, or our reason; null before the first attempt
   */
  public record Recipient(String address, Status status, String mta, SmtpReply reply) {
    /**
     * A recipient whose diagnostic is text, as an envelope file holds it: read back into a reply.
     * Older files also hold notes without a reply code ({@code 4.4.7 delivery time expired}, {@code
     * host greeted us with ...}); they get the code of their status class, or of the recipient's
     * state.
     */
    public Recipient(String address, Status status, String mta, String diagnostic) {
      this(address, status, mta, replyOf(diagnostic, status));
    }

    /** A recipient not yet tried. */
    public static Recipient pending(String address) {
      return new Recipient(address, Status.PENDING, "", (SmtpReply) null);
    }

    public Recipient withResult(Status s, String remote, SmtpReply r) {
      return new Recipient(address, s, remote, r);
    }

    /** The last reply as one line ({@link SmtpReply#toString()}), or empty. */
    public String diagnostic() {
      return reply == null ? "" : reply.toString();
    }

    private static SmtpReply replyOf(String diagnostic, Status status) {
      if (diagnostic.isBlank()) {
        return null;
      }
      Optional<SmtpReply> reply = SmtpReply.parse(diagnostic);
      if (reply.isPresent()) {
        return reply.get();
      }
      char cls = diagnostic.charAt(0);
      int code =
          LEGACY_STATUS.matcher(diagnostic).lookingAt()
              ? (cls == '2' ? 250 : cls == '4' ? 451 : 550)
              : (status == Status.DELIVERED ? 250 : status == Status.FAILED ? 550 : 451);
      return SmtpReply.parse(code + " " + diagnostic).orElseThrow();
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
