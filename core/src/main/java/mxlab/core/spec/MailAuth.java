package mxlab.core.spec;

/**
 * What the server does with the SPF, DKIM and DMARC results of mail from other servers, from {@code
 * server.mail_auth}.
 *
 * @param verify check SPF, DKIM and DMARC on port 25 and add Authentication-Results (RFC 8601)
 * @param enforceDmarc refuse mail whose DMARC policy says reject (550 5.7.1), rather than only
 *     report the verdict
 */
public record MailAuth(boolean verify, boolean enforceDmarc) {
  public static MailAuth defaults() {
    return new MailAuth(true, false);
  }
}
