package mxlab.core.access;

import static mxlab.core.spec.SpecFixtures.minimal;
import static mxlab.core.spec.SpecFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import mxlab.core.address.MailAddress;
import mxlab.core.spec.AccessEntry;
import mxlab.core.spec.AccessEntry.Action;
import org.junit.jupiter.api.Test;

/** The tutorial's /etc/mail/access and sendmail's matching rules. */
class AccessMapTest {
  private final AccessMap map =
      AccessMap.of(
          spec(minimal("")
                  + """
                      access:
                        "Connect:localhost.localdomain": RELAY
                        "Connect:localhost": RELAY
                        "Connect:127.0.0.1": RELAY
                        bann.com: RELAY
                        "192.168.100": RELAY
                        "211.0.0.0": REJECT
                        "Connect:10": REJECT
                        "Connect:10.1.2": OK
                        "From:spammer@evil.com": REJECT
                        "From:evil.com": DISCARD
                        "To:abuse@": OK
                        "example.net": 'ERROR:"450 Try later"'
                      """)
              .access());

  private static Optional<Action> action(Optional<AccessEntry> e) {
    return e.map(AccessEntry::action);
  }

  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  private static MailAddress mail(String s) {
    return MailAddress.parse(s).orElseThrow();
  }

  @Test
  void connectByWholeAddressThenShorterOctetPrefixes() throws Exception {
    assertThat(action(map.lookupConnect(ip("127.0.0.1"), null))).contains(Action.RELAY);
    assertThat(action(map.lookupConnect(ip("192.168.100.7"), null))).contains(Action.RELAY);
    assertThat(action(map.lookupConnect(ip("192.168.10.7"), null))).isEmpty();
    assertThat(action(map.lookupConnect(ip("211.0.0.0"), null))).contains(Action.REJECT);
    assertThat(action(map.lookupConnect(ip("211.0.0.1"), null))).isEmpty();
    // the longest prefix wins: 10.1.2 OK beats 10 REJECT
    assertThat(action(map.lookupConnect(ip("10.1.2.3"), null))).contains(Action.OK);
    assertThat(action(map.lookupConnect(ip("10.9.9.9"), null))).contains(Action.REJECT);
  }

  @Test
  void connectByHostNameAndParentDomainsFirst() throws Exception {
    assertThat(action(map.lookupConnect(ip("127.0.0.5"), "localhost"))).contains(Action.RELAY);
    assertThat(action(map.lookupConnect(ip("203.0.113.9"), "pc.bann.com")))
        .contains(Action.RELAY); // untagged bann.com
    assertThat(action(map.lookupConnect(ip("203.0.113.9"), "pc.other.com"))).isEmpty();
    assertThat(map.needsClientHostName()).isTrue();
  }

  @Test
  void fromByAddressThenDomainsThenUser() {
    assertThat(action(map.lookupFrom(mail("spammer@evil.com")))).contains(Action.REJECT);
    assertThat(action(map.lookupFrom(mail("someone@mx.evil.com")))).contains(Action.DISCARD);
    assertThat(action(map.lookupFrom(mail("a@example.net")))).contains(Action.ERROR);
    assertThat(map.lookupFrom(mail("a@example.net")).orElseThrow().error().code()).isEqualTo(450);
    assertThat(action(map.lookupFrom(null))).isEmpty(); // <> has no key
  }

  @Test
  void toKeysAndTagsDoNotLeakAcrossChecks() {
    assertThat(action(map.lookupTo(mail("abuse@anything.org")))).contains(Action.OK);
    assertThat(action(map.lookupTo(mail("x@bann.com")))).contains(Action.RELAY);
    assertThat(action(map.lookupTo(mail("spammer@evil.com")))).isEmpty(); // From: only
    assertThat(action(map.lookupFrom(mail("abuse@anything.org")))).isEmpty(); // To: only
  }
}
