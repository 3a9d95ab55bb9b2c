package mxlab.outbound;

import mxlab.core.queue.Envelope;
import mxlab.core.reply.SmtpReply;

/**
 * What one attempt did for one recipient: delivered, failed for good, or to be retried.
 *
 * @param reply the remote server's reply, or ours when none answered
 */
public record RecipientResult(String address, Envelope.Status status, String mta, SmtpReply reply) {
  /** As the remote's reply says: 2xx delivered, 5xx failed, else retried (RFC 5321 4.2.1). */
  static RecipientResult by(String address, SmtpReply reply, String mta) {
    Envelope.Status s =
        reply.isPositive()
            ? Envelope.Status.DELIVERED
            : reply.isPermanentError() ? Envelope.Status.FAILED : Envelope.Status.PENDING;
    return new RecipientResult(address, s, mta, reply);
  }
}
