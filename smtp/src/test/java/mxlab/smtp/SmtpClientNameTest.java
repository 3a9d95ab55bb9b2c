package mxlab.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mxlab.net.Dialogue;
import mxlab.smtp.session.SmtpMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

/**
 * The client's host name for Connect: keys and Received:, asked of the spec's resolver: verified,
 * cached, and never holding up anyone's greeting past a short deadline.
 */
class SmtpClientNameTest {
  private static final String FRIEND = "127.0.10.5";
  private static final String LIAR = "127.0.10.7";

  @TempDir Path data;

  private SmtpFixture smtp(FakeDns dns) throws Exception {
    return new SmtpFixture(
        """
        version: 1
        server:
          hostname: mail.bann.com
          resolver: ["127.0.10.1:%d"]
          limits: { connections_per_ip: 100 }
        domains:
          - name: bann.com
            hosts: { mail: 192.168.0.100 }
            users: [ { name: test } ]
        access:
          "Connect:friend.example": RELAY
        """
            .formatted(dns.address().getPort()),
        data);
  }

  /** PTR of both addresses: mail.friend.example, whose only address is FRIEND. */
  private static FakeDns friendlyDns() throws Exception {
    Name host = Name.fromString("mail.friend.example.");
    return new FakeDns("127.0.10.1", false)
        .add(new PTRRecord(ReverseMap.fromAddress(FRIEND), DClass.IN, 60, host))
        .add(new PTRRecord(ReverseMap.fromAddress(LIAR), DClass.IN, 60, host))
        .add(new ARecord(host, DClass.IN, 60, InetAddress.getByName(FRIEND)));
  }

  private static String relayTo(SmtpFixture smtp, String from) throws Exception {
    try (Dialogue d = Dialogue.connectFrom(smtp.address(SmtpMode.MX), from)) {
      d.expect("220 *");
      d.send("EHLO c").reply();
      d.send("MAIL FROM:<a@example.org>").expect("250 *");
      return d.send("RCPT TO:<x@remote.example>").reply();
    }
  }

  @Test
  void aForwardConfirmedNameMatchesConnectKeysAndReachesReceived() throws Exception {
    try (FakeDns dns = friendlyDns();
        SmtpFixture smtp = smtp(dns)) {
      assertThat(relayTo(smtp, FRIEND)).startsWith("250 2.1.5");
      try (Dialogue d = Dialogue.connectFrom(smtp.address(SmtpMode.MX), FRIEND)) {
        d.expect("220 *");
        d.send("EHLO c").reply();
        d.raw("MAIL FROM:<a@example.org>\r\nRCPT TO:<test@bann.com>\r\nDATA\r\n");
        d.script("S: 250 *\nS: 250 *\nS: 354 *\nC: Subject: hi\nC:\nC: hi\nC: .\nS: 250 *");
      }
      assertThat(smtp.mailbox("bann.com", "test"))
          .singleElement()
          .asString()
          .contains("Received: from c (mail.friend.example [" + FRIEND + "])");
      // asked once for both sessions: the answer is cached
      assertThat(dns.asked(ReverseMap.fromAddress(FRIEND).toString(), Type.PTR)).isEqualTo(1);
      assertThat(dns.asked("mail.friend.example.", Type.A)).isEqualTo(1);
    }
  }

  @Test
  void aPtrNameThatDoesNotLeadBackIsUnknown() throws Exception {
    try (FakeDns dns = friendlyDns();
        SmtpFixture smtp = smtp(dns)) {
      assertThat(relayTo(smtp, LIAR)).startsWith("550 5.7.1");
      assertThat(relayTo(smtp, "127.0.10.8")).startsWith("550 5.7.1"); // no PTR at all
    }
  }

  @Test
  void aSilentResolverHoldsNoGreetingPastTheDeadline() throws Exception {
    try (FakeDns dns = new FakeDns("127.0.10.1", true);
        SmtpFixture smtp = smtp(dns)) {
      InetSocketAddress mx = smtp.address(SmtpMode.MX);
      List<Socket> waiting = new ArrayList<>();
      try {
        // more clients than the listener has handler threads (64), each with its own lookup
        for (int i = 0; i < 80; i++) {
          Socket s = new Socket();
          s.bind(new InetSocketAddress("127.0.10." + (100 + i), 0));
          s.connect(mx, 2000);
          waiting.add(s);
        }
        long start = System.nanoTime();
        try (Dialogue late = Dialogue.connectFrom(mx, "127.0.10.200")) {
          late.expect("220 mail.bann.com ESMTP*");
          late.send("EHLO c").reply();
          late.send("MAIL FROM:<a@example.org>").expect("250 *");
          late.send("RCPT TO:<x@remote.example>").expect("550 5.7.1 *"); // unknown: no RELAY
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(waited).isLessThan(Duration.ofSeconds(5)); // the deadline (3 s), not 80 of them
      } finally {
        for (Socket s : waiting) {
          s.close();
        }
      }
      assertThat(dns.asked()).as("the lookups really went to the silent resolver").isPositive();
    }
  }
}
