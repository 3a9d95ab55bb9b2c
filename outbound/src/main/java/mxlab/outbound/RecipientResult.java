package mxlab.outbound;

import mxlab.core.queue.Envelope;

/** What one attempt did for one recipient: delivered, failed for good, or to be retried. */
public record RecipientResult(
    String address, Envelope.Status status, String mta, String diagnostic) {
  static RecipientResult by(String address, ServerReply reply, String mta) {
    Envelope.Status s =
        reply.positive()
            ? Envelope.Status.DELIVERED
            : reply.permanent() ? Envelope.Status.FAILED : Envelope.Status.PENDING;
    return new RecipientResult(address, s, mta, reply.text());
  }
}
