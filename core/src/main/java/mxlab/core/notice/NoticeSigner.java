package mxlab.core.notice;

import java.io.IOException;
import java.util.List;

/**
 * Signs a message mxlab writes itself (a bounce, a delay notice, a report) before it is spooled.
 * store's {@code Submitter} asks it; mailauth's DKIM signer is plugged in at start-up by server,
 * because store and outbound may not know mailauth (as SMTP's message hooks are plugged in).
 */
@FunctionalInterface
public interface NoticeSigner {
  /** Leaves every message as it is. */
  NoticeSigner NONE = message -> List.of();

  /**
   * @param message the whole message as lines without line ends: header fields, the empty line, the
   *     body
   * @return header field lines to put on top of it (a folded field as several lines); none to send
   *     it unsigned
   */
  List<String> fieldsFor(List<String> message) throws IOException;
}
