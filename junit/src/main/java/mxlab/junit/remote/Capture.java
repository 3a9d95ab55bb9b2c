package mxlab.junit.remote;

import java.util.List;

/**
 * One message the remote server accepted, with its envelope.
 *
 * @param helo the name the client gave in EHLO or HELO
 * @param tls whether the transaction ran after STARTTLS
 * @param data the message as sent, CRLF line ends, dots unstuffed
 */
public record Capture(String helo, boolean tls, String mailFrom, List<String> rcptTo, byte[] data) {
  public Capture {
    rcptTo = List.copyOf(rcptTo);
  }
}
