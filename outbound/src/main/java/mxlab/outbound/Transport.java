package mxlab.outbound;

import java.util.List;
import mxlab.core.queue.Envelope;

/**
 * Hands a queued message to the mail servers of another domain (chasquid's Courier): one attempt
 * for all the recipients of one domain. The queue runner decides when, and what an answer means for
 * the envelope; a transport only says what each recipient's attempt did.
 */
public interface Transport extends AutoCloseable {
  /**
   * @param data the message as transmitted: CRLF line ends, dot-stuffed, ending with CRLF.CRLF
   * @param recipients addresses of {@code domain}, all pending
   * @return one result for each recipient
   */
  List<RecipientResult> deliver(
      Envelope envelope, byte[] data, String domain, List<String> recipients);

  @Override
  void close();
}
