package mxlab.mailauth;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import mxlab.core.reply.SmtpReply;
import mxlab.core.spec.MailAuth;
import mxlab.core.spec.Server;
import mxlab.mailauth.dkim.DkimResult;
import mxlab.mailauth.dkim.DkimVerifier;
import mxlab.mailauth.dmarc.DmarcEvaluator;
import mxlab.mailauth.dmarc.DmarcRecord;
import mxlab.mailauth.dmarc.DmarcResult;
import mxlab.mailauth.dmarc.report.DmarcReports;
import mxlab.mailauth.spf.SpfChecker;
import mxlab.mailauth.spf.SpfResult;
import mxlab.net.Resolvers;
import mxlab.smtp.policy.FieldRemoval;
import mxlab.smtp.policy.HookResult;
import mxlab.smtp.policy.MessageHook;
import mxlab.smtp.policy.PolicyContext;
import mxlab.smtp.policy.ReceivedMessage;

/**
 * Checks mail from other servers (port 25, no AUTH, not a trusted relay client): DKIM, SPF for MAIL
 * FROM and HELO, DMARC; adds Authentication-Results with our host name as authserv-id and notes the
 * verdicts for the maillog line. With {@code mail_auth.dmarc: enforce}, mail whose DMARC policy
 * says reject is refused at the final dot (RFC 7489 6.6.4 / 10.3: 550 5.7.1), and mail it says to
 * quarantine is accepted into the recipients' Junk folders. Messages whose policy domain asks for
 * aggregate reports are recorded for them (RFC 7489 7.2).
 */
public final class VerifyingHook implements MessageHook {
  public static final SmtpReply DMARC_REJECT =
      SmtpReply.of(550, "5.7.1", "Message rejected by the DMARC policy of its From domain");

  /** Each try of each DNS question; a check asks a few dozen at most (SPF's limits). */
  private static final Duration DNS_TIMEOUT = Duration.ofSeconds(3);

  /**
   * All the DNS questions of one message together: after it the remaining checks give temperror, so
   * a slow DNS holds an SMTP worker thread for this long, not for minutes. RFC 7208 4.6.4 asks that
   * SPF's check_host() be given at least 20 s.
   */
  public static final Duration VERIFICATION_DEADLINE = Duration.ofSeconds(20);

  private final Function<Server, MailDns> dnsFor;
  private final SecureRandom random = new SecureRandom();
  private final DmarcReports reports; // null: none recorded

  /**
   * Asks the spec's {@code server.resolver}, or the system's, each try within 3 s, all of one
   * message's questions within {@link #VERIFICATION_DEADLINE}.
   */
  public VerifyingHook() {
    this(VERIFICATION_DEADLINE);
  }

  /** The same with another deadline for all of one message's questions. */
  public VerifyingHook(Duration deadline) {
    this(server -> new ResolverDns(Resolvers.of(server.resolvers(), DNS_TIMEOUT), deadline));
  }

  /** Asks {@code dnsFor} the spec's server settings for the DNS of each message. */
  public VerifyingHook(Function<Server, MailDns> dnsFor) {
    this(dnsFor, null);
  }

  private VerifyingHook(Function<Server, MailDns> dnsFor, DmarcReports reports) {
    this.dnsFor = dnsFor;
    this.reports = reports;
  }

  /** This hook also recording each DMARC evaluation for aggregate reports. */
  public VerifyingHook reportingTo(DmarcReports to) {
    return new VerifyingHook(dnsFor, to);
  }

  @Override
  public HookResult onMessage(PolicyContext client, ReceivedMessage received) throws IOException {
    Server server = client.site().spec().server();
    MailAuth settings = server.mailAuth();
    if (!settings.verify() || client.submission() || SigningHook.trusted(client)) {
      return HookResult.declined();
    }
    MailMessage message;
    try (InputStream in = received.open()) {
      message = MailMessage.read(in, true);
    }
    MailDns dns = dnsFor.apply(server);
    List<DkimResult> dkim = new DkimVerifier(dns).verify(message, Instant.now());
    SpfChecker spf = new SpfChecker(dns, server.hostname());
    String sender = received.sender() == null ? "" : received.sender().toString();
    String helo = client.helo();
    SpfResult mailFrom = spf.checkMailFrom(client.clientAddress(), sender, helo);
    SpfResult heloResult = helo == null ? null : spf.checkHelo(client.clientAddress(), helo);
    String spfDomain = received.sender() == null ? helo : received.sender().domain();
    DmarcResult dmarc =
        new DmarcEvaluator(dns, () -> random.nextInt(100))
            .evaluate(message.fromDomain(), dkim, mailFrom, spfDomain);
    AuthenticationResults.Verdicts verdicts =
        new AuthenticationResults.Verdicts(dkim, mailFrom, sender, heloResult, helo, dmarc);
    List<String> notes = AuthenticationResults.notes(verdicts);
    DmarcRecord.Policy applied =
        settings.enforceDmarc() && dmarc.disposition() != null
            ? dmarc.disposition()
            : DmarcRecord.Policy.NONE;
    if (reports != null) {
      reports.record(
          server,
          dns,
          new DmarcReports.Observation(
              dmarc,
              applied,
              client.clientAddress(),
              received.sender() == null ? "" : received.sender().domain(),
              dkim,
              mailFrom,
              spfDomain,
              received.sender() == null));
    }
    if (applied == DmarcRecord.Policy.REJECT) {
      return HookResult.refuse(DMARC_REJECT).noting(notes);
    }
    // RFC 8601 5: results in our name that came with the message are not ours; ours replace them
    HookResult stamped =
        HookResult.declinedAdding(
                List.of(AuthenticationResults.field(server.hostname(), verdicts)), notes)
            .removing(new FieldRemoval("Authentication-Results", server.hostname()));
    // RFC 7489 6.6.4 / 10.3: quarantine is accepted, then kept apart from the INBOX
    return applied == DmarcRecord.Policy.QUARANTINE
        ? stamped.toJunk().noting(List.of("policy=quarantine"))
        : stamped;
  }
}
