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
    assertThat(action(map.lookupTo(mail("abuse@bann.com"), true))).contains(Action.OK);
    assertThat(action(map.lookupTo(mail("x@bann.com"), true))).contains(Action.RELAY);
    assertThat(action(map.lookupTo(mail("spammer@evil.com"), false))).isEmpty(); // From: only
    assertThat(action(map.lookupFrom(mail("abuse@anything.org")))).isEmpty(); // To: only
    // blocklist_recipients tries user@ only for our own domains (class w)
    assertThat(action(map.lookupTo(mail("abuse@anything.org"), false))).isEmpty();
  }

  private final AccessMap senders =
      AccessMap.of(
          spec(minimal("")
                  + """
                      access:
                        "From:spammer@": REJECT
                        "From:evil.com": DISCARD
                        "From:list+*@lists.org": OK
                        "From:lists.org": REJECT
                        "From:boss+*@": OK
                        "From:boss@": REJECT
                      """)
              .access());

  /** check_mail's SearchList: F (full address), then U (user@), then D (domain, parents). */
  @Test
  void senderByFullAddressThenUserThenDomain() {
    // user@ is more specific than the domain: REJECT, not DISCARD
    assertThat(action(senders.lookupFrom(mail("spammer@mx.evil.com")))).contains(Action.REJECT);
    assertThat(action(senders.lookupFrom(mail("other@mx.evil.com")))).contains(Action.DISCARD);
  }

  /** F and U try user+detail, then user+*, then user (proto.m4 rulesets F and U). */
  @Test
  void senderPlusDetailFallsBackToUserPlusStarThenUser() {
    assertThat(action(senders.lookupFrom(mail("spammer+x@anywhere.org")))).contains(Action.REJECT);
    assertThat(action(senders.lookupFrom(mail("spammer+@anywhere.org")))).contains(Action.REJECT);
    assertThat(action(senders.lookupFrom(mail("list+weekly@lists.org")))).contains(Action.OK);
    assertThat(action(senders.lookupFrom(mail("list@lists.org")))).contains(Action.REJECT);
    assertThat(action(senders.lookupFrom(mail("boss+x@corp.org")))).contains(Action.OK);
    assertThat(action(senders.lookupFrom(mail("boss@corp.org")))).contains(Action.REJECT);
  }

  private final AccessMap relays =
      AccessMap.of(
          spec(minimal("")
                  + """
                      access:
                        bann.com: RELAY
                        "192.168.100": RELAY
                        "To:partner.org": RELAY
                        "To:no.partner.org": REJECT
                        "To:friend.org": OK
                        example.net: OK
                        "To:whole@gmail.com": RELAY
                        "Connect:10.1": OK
                        "Connect:trusted.org": RELAY
                        "Connect:10": RELAY
                        "Connect:203.0.113": REJECT
                      """)
              .access());

  /** Rcpt_ok: only RELAY relays; To: keys cover subdomains, untagged ones the exact domain. */
  @Test
  void relayingToADomainNeedsRelay() {
    assertThat(relays.relaysTo("bann.com")).isTrue(); // untagged: To: and Connect:
    assertThat(relays.relaysTo("sub.bann.com")).isFalse(); // but not to made-up subdomains
    assertThat(relays.relaysTo("x.192.168.100")).isFalse(); // an IP prefix is no domain
    assertThat(relays.relaysTo("192.168.100")).isFalse();
    assertThat(relays.relaysTo("partner.org")).isTrue();
    assertThat(relays.relaysTo("mx.partner.org")).isTrue(); // sendmail's D: parents too
    assertThat(relays.relaysTo("a.no.partner.org")).isFalse(); // the most specific key wins
    assertThat(relays.relaysTo("friend.org")).isFalse(); // OK never relays
    assertThat(relays.relaysTo("example.net")).isFalse();
    assertThat(relays.relaysTo("gmail.com")).isFalse(); // no relay_full_addr
  }

  /** Relay_ok: the client's address, or else its name, saying RELAY lets it relay. */
  @Test
  void clientRelaysByAddressOrByName() throws Exception {
    assertThat(relays.relaysFor(ip("192.168.100.7"), null)).isTrue();
    assertThat(relays.relaysFor(ip("198.51.100.1"), "pc.bann.com")).isTrue();
    // the address's own entry (OK) does not hide the name's RELAY
    assertThat(relays.relaysFor(ip("10.1.0.1"), "mx.trusted.org")).isTrue();
    assertThat(relays.relaysFor(ip("10.1.0.1"), null)).isFalse(); // 10.1 OK beats 10 RELAY
    assertThat(relays.relaysFor(ip("10.2.0.1"), null)).isTrue();
    assertThat(relays.relaysFor(ip("203.0.113.5"), "mx.trusted.org")).isTrue();
    assertThat(relays.relaysFor(ip("198.51.100.1"), "pc.example.net")).isFalse(); // OK
    assertThat(relays.relaysFor(ip("198.51.100.1"), null)).isFalse();
    // check_relay itself takes the name's entry first
    assertThat(action(relays.lookupConnect(ip("203.0.113.5"), "mx.trusted.org")))
        .contains(Action.RELAY);
  }
}
