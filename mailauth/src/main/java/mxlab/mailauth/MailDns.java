package mxlab.mailauth;

import java.net.InetAddress;
import java.util.List;

/**
 * The DNS questions mail authentication asks. An empty answer means the name or the data does not
 * exist (what SPF calls a void lookup); a server that does not answer is a {@link DnsFailure}.
 */
public interface MailDns {
  /** Each TXT record at {@code name}, its strings joined (RFC 7208 3.3, RFC 6376 3.6.2.2). */
  List<String> txt(String name) throws DnsFailure;

  /** The A (or with {@code v6} the AAAA) addresses of {@code name}. */
  List<InetAddress> addresses(String name, boolean v6) throws DnsFailure;

  /** The MX hosts of {@code name}, most preferred first. */
  List<String> mx(String name) throws DnsFailure;

  /** The PTR names of {@code address}. */
  List<String> ptr(InetAddress address) throws DnsFailure;

  /** DNS did not answer, or answered SERVFAIL: a temporary error (RFC 7208 2.6.6). */
  final class DnsFailure extends Exception {
    public DnsFailure(String message) {
      super(message);
    }
  }
}
