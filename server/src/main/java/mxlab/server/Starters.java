package mxlab.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.dns.server.Authority;
import mxlab.dns.server.DnsServer;
import mxlab.imap.mime.MessageCache;
import mxlab.imap.server.ImapServer;
import mxlab.imap.session.ImapEnvironment;
import mxlab.mailauth.SigningHook;
import mxlab.mailauth.VerifyingHook;
import mxlab.mailauth.dkim.DkimKeyStore;
import mxlab.mailauth.dmarc.report.DmarcReports;
import mxlab.pop3.server.Pop3Server;
import mxlab.pop3.session.Pop3Environment;
import mxlab.smtp.command.CommandRegistry;
import mxlab.smtp.policy.Policy;
import mxlab.smtp.server.SmtpServer;
import mxlab.smtp.session.SmtpEnvironment;
import mxlab.smtp.session.SmtpMode;
import mxlab.web.Web;
import mxlab.web.WebEnvironment;
import mxlab.web.http.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The starters of the protocol modules below the command line: DNS, SMTP, POP3, IMAP, the web. */
public final class Starters {
  private static final Logger log = LoggerFactory.getLogger(Starters.class);

  /** Octets of parsed messages IMAP keeps for its sessions. */
  private static final long MESSAGE_CACHE = 32L << 20;

  private Starters() {}

  public static List<ServiceStarter.Factory> standard() {
    return List.of(Starters::dns, Starters::smtp, Starters::pop3, Starters::imap, Starters::web);
  }

  static ServiceStarter dns(Services shared) {
    return new ServiceStarter() {
      @Override
      public Set<Service> services() {
        return EnumSet.of(Service.DNS);
      }

      @Override
      public Listening start(Service service, InetSocketAddress address) throws IOException {
        DnsServer dns = DnsServer.start(address, authority(shared.site().get().spec()), cores());
        log.info("dns: serving {} zones on {}", shared.zones().get().size(), dns.address());
        return new Listening() {
          @Override
          public InetSocketAddress address() {
            return dns.address();
          }

          @Override
          public void update(Spec next) {
            dns.update(authority(next));
          }

          @Override
          public void close() {
            dns.close();
          }
        };
      }

      private Authority authority(Spec spec) {
        return Authority.of(shared.zones().get(), spec.dns().axfrAllow());
      }
    };
  }

  static ServiceStarter smtp(Services shared) {
    SmtpEnvironment env =
        new SmtpEnvironment(
            shared.site(),
            shared.drop(),
            shared.tls(),
            shared.throttle(),
            shared.timer(),
            shared.queue()::wakeup);
    // mail from other servers is checked, our users' mail signed (RFC 6376, 7208, 7489, 8601)
    Policy policy =
        Policy.standard()
            .withMessageHook(new VerifyingHook().reportingTo(dmarcReports(shared)))
            .withMessageHook(new SigningHook(DkimKeyStore.at(shared.dataDir())));
    return ServiceStarter.of(
        EnumSet.of(Service.SMTP, Service.SUBMISSION, Service.SUBMISSIONS),
        (service, address) ->
            new LineListening(
                SmtpServer.start(
                    SmtpMode.of(service), address, env, CommandRegistry.standard(), policy)));
  }

  /**
   * DMARC aggregate reports (RFC 7489 7.2), looked at every second and sent when their period has
   * ended, as the server's own mail: through the queue's {@code send}, as bounces are, so they are
   * DKIM-signed and go into local mailboxes or the queue.
   */
  private static DmarcReports dmarcReports(Services shared) {
    DmarcReports reports =
        new DmarcReports(
            shared.dataDir(),
            Clock.systemUTC(),
            (site, from, to, lines) -> shared.queue().send(site.router(), from, to, lines));
    shared
        .timer()
        .scheduleWithFixedDelay(
            () -> reports.sendEnded(shared.site().get()), 1, 1, TimeUnit.SECONDS);
    return reports;
  }

  static ServiceStarter pop3(Services shared) {
    // POP3 and POP3S share the store, and so its locks: a maildrop is held by one session
    Pop3Environment env =
        new Pop3Environment(
            shared.site(),
            shared.drop().mailStore(),
            shared.tls(),
            shared.throttle(),
            shared.timer());
    return ServiceStarter.of(
        EnumSet.of(Service.POP3, Service.POP3S),
        (service, address) ->
            new LineListening(Pop3Server.start(address, env, service == Service.POP3S)));
  }

  static ServiceStarter imap(Services shared) {
    // IMAP and IMAPS share the store (its folders, locks and listeners) and the parsed messages
    ImapEnvironment env =
        new ImapEnvironment(
            shared.site(),
            shared.drop().mailStore(),
            shared.tls() != null,
            shared.throttle(),
            shared.timer(),
            new MessageCache(MESSAGE_CACHE));
    return ServiceStarter.of(
        EnumSet.of(Service.IMAP, Service.IMAPS),
        (service, address) ->
            new LineListening(
                ImapServer.start(address, env, shared.tls(), service == Service.IMAPS)));
  }

  static ServiceStarter web(Services shared) {
    // HTTP and HTTPS serve the same pages and share the logins, also across a reload that moves
    // one; the facts are asked at each request
    Web web =
        Web.of(
            new WebEnvironment(
                shared.site(),
                shared.drop().mailStore(),
                shared.throttle(),
                new InstanceFacts(shared),
                shared.dataDir()));
    return ServiceStarter.of(
        EnumSet.of(Service.HTTP, Service.HTTPS),
        (service, address) -> {
          if (service == Service.HTTPS && shared.tls() == null) {
            throw new IOException("https needs TLS material");
          }
          WebServer listener =
              web.start(address, service == Service.HTTPS ? shared.tls().context() : null);
          return new Listening() {
            @Override
            public InetSocketAddress address() {
              return listener.address();
            }

            @Override
            public void close() {
              listener.close();
            }
          };
        });
  }

  private static int cores() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }
}
