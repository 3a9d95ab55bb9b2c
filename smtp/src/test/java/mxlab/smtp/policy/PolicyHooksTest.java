package mxlab.smtp.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import mxlab.core.site.Site;
import mxlab.core.spec.SpecFixtures;
import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.session.SmtpMode;
import org.junit.jupiter.api.Test;

/** Each hook on its own, with a plain context and no sockets. */
class PolicyHooksTest {
  private static final Site SITE =
      Site.of(
          SpecFixtures.spec(
              SpecFixtures.minimal("    aliases: { admin: [master, test] }\n")
                  + """
                  server: { max_message_size: 2000, limits: { max_recipients: 2 } }
                  access:
                    "Connect:127.0.0.1": RELAY
                    "Connect:10.0.0.66": REJECT
                    "Connect:10.0.0.67": 'ERROR:"550 5.7.1 Go away"'
                    "Connect:10.0.0.68": 'ERROR:"451 4.3.2 Later"'
                    "From:spam@evil.com": REJECT
                    "To:partner@ok.org": OK
                    "To:stop@bann.com": 'ERROR:5.7.1:550 Not here'
                    drop.org: DISCARD
                    "To:relay.org": RELAY
                    untagged.org: RELAY
                    example.net: OK
                  relay_domains: [friends.org]
                  """));

  record Client(SmtpMode mode, String address, String authenticatedUser, int recipientCount)
      implements PolicyContext {
    @Override
    public Site site() {
      return SITE;
    }

    @Override
    public InetAddress clientAddress() {
      try {
        return InetAddress.getByName(address);
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String clientName() {
      return null;
    }

    @Override
    public String helo() {
      return "client.example";
    }

    @Override
    public boolean submission() {
      return mode.isSubmission();
    }
  }

  static Client stranger() {
    return new Client(SmtpMode.MX, "203.0.113.5", null, 0);
  }

  static MailPath path(String address) {
    return MailPath.parse("TO:<" + address + ">", "TO:").orElseThrow();
  }

  static MailPath from(String argument) {
    return MailPath.parse(argument, "FROM:").orElseThrow();
  }

  @Test
  void connectAccess() {
    AccessConnectHook hook = new AccessConnectHook();
    assertThat(hook.onConnect(new Client(SmtpMode.MX, "10.0.0.66", null, 0)).reply().toString())
        .isEqualTo("554 5.7.1 Access denied");
    assertThat(hook.onConnect(new Client(SmtpMode.MX, "127.0.0.1", null, 0)).decided()).isFalse();
    assertThat(hook.onConnect(stranger()).decided()).isFalse();
    // RFC 5321 3.1: only 554 may stand in for the greeting; a 4xx is left for each command
    assertThat(hook.onConnect(new Client(SmtpMode.MX, "10.0.0.67", null, 0)).reply().toString())
        .isEqualTo("554 5.7.1 Go away");
    assertThat(hook.onConnect(new Client(SmtpMode.MX, "10.0.0.68", null, 0)).reply().toString())
        .isEqualTo("451 4.3.2 Later");
  }

  @Test
  void submissionNeedsAuth() {
    SubmissionAuthHook hook = new SubmissionAuthHook();
    MailPath sender = from("FROM:<test@bann.com>");
    assertThat(
            hook.onMail(new Client(SmtpMode.SUBMISSION, "1.2.3.4", null, 0), sender).reply().code())
        .isEqualTo(530);
    assertThat(
            hook.onMail(new Client(SmtpMode.SUBMISSION, "1.2.3.4", "test@bann.com", 0), sender)
                .decided())
        .isFalse();
    assertThat(hook.onMail(stranger(), sender).decided()).isFalse();
  }

  @Test
  void declaredSize() {
    MessageSizeHook hook = new MessageSizeHook();
    assertThat(hook.onMail(stranger(), from("FROM:<a@b.c> SIZE=2001")).reply().toString())
        .startsWith("552 5.3.4");
    assertThat(hook.onMail(stranger(), from("FROM:<a@b.c> SIZE=2000")).decided()).isFalse();
    assertThat(hook.onMail(stranger(), from("FROM:<a@b.c> SIZE=lots")).reply().code())
        .isEqualTo(501);
  }

  @Test
  void senderAccess() {
    AccessFromHook hook = new AccessFromHook();
    assertThat(hook.onMail(stranger(), from("FROM:<spam@evil.com>")).verdict())
        .isEqualTo(Verdict.DENY);
    HookResult drop = hook.onMail(stranger(), from("FROM:<x@drop.org>"));
    assertThat(drop.verdict()).isEqualTo(Verdict.OK);
    assertThat(drop.discard()).isTrue();
    assertThat(hook.onMail(stranger(), from("FROM:<>")).decided()).isFalse();
  }

  @Test
  void recipientLimit() {
    MaxRecipientsHook hook = new MaxRecipientsHook();
    assertThat(hook.onRcpt(new Client(SmtpMode.MX, "1.2.3.4", null, 1), path("a@b.c")).decided())
        .isFalse();
    HookResult full = hook.onRcpt(new Client(SmtpMode.MX, "1.2.3.4", null, 2), path("a@b.c"));
    assertThat(full.verdict()).isEqualTo(Verdict.DENYSOFT);
    assertThat(full.reply().code()).isEqualTo(452);
  }

  @Test
  void routingTricks() {
    RoutingTrickHook hook = new RoutingTrickHook();
    assertThat(hook.onRcpt(stranger(), path("a%b.org@bann.com")).verdict()).isEqualTo(Verdict.DENY);
    assertThat(hook.onRcpt(stranger(), path("b.org!a@bann.com")).verdict()).isEqualTo(Verdict.DENY);
    assertThat(hook.onRcpt(stranger(), path("\"a@b.org\"@bann.com")).verdict())
        .isEqualTo(Verdict.DENY);
    assertThat(hook.onRcpt(stranger(), path("test@bann.com")).decided()).isFalse();
  }

  @Test
  void recipientAccess() {
    AccessToHook hook = new AccessToHook();
    assertThat(hook.onRcpt(stranger(), path("stop@bann.com")).reply().toString())
        .isEqualTo("550 5.7.1 Not here");
    assertThat(hook.onRcpt(stranger(), path("partner@ok.org")).decided()).isFalse();
  }

  @Test
  void localRecipients() {
    LocalRecipientHook hook = new LocalRecipientHook();
    HookResult admin = hook.onRcpt(stranger(), path("admin@bann.com"));
    assertThat(admin.verdict()).isEqualTo(Verdict.OK);
    assertThat(((RecipientRoute.Local) admin.route()).mailboxes()).hasSize(2);
    assertThat(hook.onRcpt(stranger(), path("nobody@bann.com")).reply().toString())
        .startsWith("550 5.1.1 <nobody@bann.com>");
    assertThat(hook.onRcpt(stranger(), path("x@gmail.com")).decided()).isFalse();
  }

  @Test
  void relayingOnlyForTheTrusted() {
    RelayHook hook = new RelayHook();
    assertThat(hook.onRcpt(stranger(), path("x@gmail.com")).reply().toString())
        .isEqualTo("550 5.7.1 Relaying denied");
    assertThat(
            hook.onRcpt(new Client(SmtpMode.MX, "127.0.0.1", null, 0), path("x@gmail.com"))
                .verdict())
        .isEqualTo(Verdict.OK);
    assertThat(
            hook.onRcpt(
                    new Client(SmtpMode.MX, "203.0.113.5", "test@bann.com", 0), path("x@gmail.com"))
                .verdict())
        .isEqualTo(Verdict.OK);
    assertThat(hook.onRcpt(stranger(), path("a@mx.friends.org")).verdict()).isEqualTo(Verdict.OK);
  }

  /** proto.m4 Rcpt_ok: To: RELAY relays to the domain and below; OK never relays. */
  @Test
  void onlyRelayInTheAccessMapRelaysToADomain() {
    RelayHook hook = new RelayHook();
    assertThat(hook.onRcpt(stranger(), path("a@relay.org")).verdict()).isEqualTo(Verdict.OK);
    assertThat(hook.onRcpt(stranger(), path("a@mx.relay.org")).verdict()).isEqualTo(Verdict.OK);
    assertThat(hook.onRcpt(stranger(), path("a@untagged.org")).verdict()).isEqualTo(Verdict.OK);
    // an untagged key names its exact domain only: no relaying to made-up subdomains
    assertThat(hook.onRcpt(stranger(), path("a@sub.untagged.org")).verdict())
        .isEqualTo(Verdict.DENY);
    assertThat(hook.onRcpt(stranger(), path("a@example.net")).verdict()).isEqualTo(Verdict.DENY);
    assertThat(hook.onRcpt(stranger(), path("partner@ok.org")).verdict()).isEqualTo(Verdict.DENY);
  }

  @Test
  void theStandardChainRefusesWhatNobodyAccepted() {
    Policy policy = Policy.standard();
    assertThat(policy.rcpt(stranger(), path("x@gmail.com")).reply().toString())
        .isEqualTo("550 5.7.1 Relaying denied");
    assertThat(policy.rcpt(stranger(), path("test@bann.com")).verdict()).isEqualTo(Verdict.OK);
    assertThat(policy.mail(stranger(), from("FROM:<a@b.c>")).verdict()).isEqualTo(Verdict.OK);
  }
}
