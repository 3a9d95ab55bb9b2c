package mxlab.core.spec;

import static mxlab.core.spec.SpecFixtures.minimal;
import static mxlab.core.spec.SpecFixtures.problems;
import static mxlab.core.spec.SpecFixtures.report;
import static mxlab.core.spec.SpecFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mxlab.core.auth.PasswordHash;
import mxlab.core.spec.read.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

  @Test
  void minimalSpecGetsSensibleDefaults() throws Exception {
    Spec spec = spec(minimal(""));
    Server s = spec.server();
    assertThat(s.hostname()).isEqualTo("mail.bann.com");
    assertThat(s.listen()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(s.ports().port(Service.SMTP)).isEqualTo(25);
    assertThat(s.ports().port(Service.SSH)).isEqualTo(2222);
    assertThat(s.maxMessageSize()).isEqualTo(10_240_000L);
    assertThat(s.queue().warnAfter()).isEqualTo(Duration.ofHours(4));
    assertThat(s.queue().returnAfter()).isEqualTo(Duration.ofDays(5));
    assertThat(s.mailerDaemonAddress()).isEqualTo("MAILER-DAEMON@mail.bann.com");
    assertThat(s.postmaster()).isEqualTo("test@bann.com");
    assertThat(s.dataDir()).isEqualTo(Path.of("/tmp/var/t"));
    assertThat(s.allowPlaintextAuth()).isFalse();
    assertThat(s.limits().maxRecipients()).isEqualTo(100);
    Domain d = spec.domains().get(0);
    assertThat(d.mx()).containsExactly(new Mx(10, "mail.bann.com"));
    assertThat(d.ns()).containsExactly("mail.bann.com");
    assertThat(d.spf()).isEqualTo("v=spf1 mx -all");
    assertThat(d.dmarc()).isEqualTo("v=DMARC1; p=none");
    assertThat(d.users()).extracting(User::name).containsExactly("test", "master");
    assertThat(d.user("TEST")).isPresent();
  }

  @Test
  void everySectionIsRead() {
    Spec spec =
        spec(
            """
            version: 1
            server:
              hostname: mx.bann.com
              listen: 0.0.0.0
              ports: { smtp: 2525, pop3: off, dns: 0 }
              data_dir: /srv/mxlab
              max_message_size: 1MB
              queue: { warn_after: 1h, return_after: 2d, min_backoff: 1m, max_backoff: 10m }
              mailer_daemon: MAILER-DAEMON@bann.com
              postmaster: master@bann.com
              resolver: [127.0.0.3, "127.0.0.4:5353"]
              tls: { cert: certs/fullchain.pem, key: certs/key.pem }
              allow_plaintext_auth: yes
              limits: { connections: 10, connections_per_ip: 2, max_recipients: 5 }
            domains:
              - name: Bann.COM.
                ttl: 600
                hosts: { mx: [192.168.0.100, "2001:db8::25"], www: 192.168.0.80 }
                mx: ["10 mx", { priority: 20, host: backup.example.net. }]
                records:
                  - { name: web, type: CNAME, value: www }
                  - { name: "@", type: TXT, value: "hello world" }
                  - { name: _xmpp._tcp, type: SRV, value: "5 0 5222 mx" }
                users:
                  - name: master
                    password: "{PLAIN}x"
                    forward: [someone@example.org]
                    keep_copy: true
                aliases: { admin: [master, someone@example.org], root: admin }
                catch_all: master
            virtual:
              info@other.org: master@bann.com
              "@third.org": "%1@bann.com"
              bad@other.org: "error:nouser No such person"
            access:
              "Connect:127.0.0.1": RELAY
              "From:spammer@evil.com": REJECT
              "To:blocked@bann.com": 'ERROR:"550 Go away"'
              evil.org: DISCARD
            relay_domains: [partner.org]
            admins:
              - { name: teacher, key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGd teacher@lab" }
            dns:
              axfr: [127.0.0.1, 10.0.0.0/8]
            """);
    Server s = spec.server();
    assertThat(s.ports().port(Service.SMTP)).isEqualTo(2525);
    assertThat(s.ports().enabled(Service.POP3)).isFalse();
    assertThat(s.ports().port(Service.DNS)).isZero();
    assertThat(s.maxMessageSize()).isEqualTo(1_000_000);
    assertThat(s.resolvers()).hasSize(2);
    assertThat(s.resolvers().get(1).getPort()).isEqualTo(5353);
    assertThat(s.tls().cert()).isEqualTo(Path.of("/tmp/certs/fullchain.pem"));
    assertThat(s.allowPlaintextAuth()).isTrue();
    assertThat(s.limits().connectionsPerIp()).isEqualTo(2);
    Domain d = spec.domains().get(0);
    assertThat(d.name()).isEqualTo("bann.com");
    assertThat(d.hosts().get("mx")).hasSize(2);
    assertThat(d.mx()).containsExactly(new Mx(10, "mx.bann.com"), new Mx(20, "backup.example.net"));
    assertThat(d.records()).hasSize(3);
    assertThat(d.aliases().get("admin")).containsExactly("master@bann.com", "someone@example.org");
    assertThat(d.aliases().get("root")).containsExactly("admin@bann.com");
    assertThat(d.catchAll()).isEqualTo("master@bann.com");
    assertThat(d.users().get(0).keepCopy()).isTrue();
    assertThat(spec.virtual()).hasSize(3);
    assertThat(spec.virtual().get(2).error())
        .isEqualTo(new Rejection(550, "5.1.1", "No such person"));
    assertThat(spec.access())
        .contains(
            new AccessEntry(AccessEntry.Tag.CONNECT, "127.0.0.1", AccessEntry.Action.RELAY, null),
            new AccessEntry(
                AccessEntry.Tag.TO,
                "blocked@bann.com",
                AccessEntry.Action.ERROR,
                new Rejection(550, "5.7.1", "Go away")),
            new AccessEntry(AccessEntry.Tag.ANY, "evil.org", AccessEntry.Action.DISCARD, null));
    assertThat(spec.relayDomains()).containsExactly("partner.org");
    assertThat(spec.admins()).hasSize(1);
    assertThat(spec.dns().axfrAllow()).hasSize(2);
  }

  @Test
  void unknownKeysSuggestTheNearestKnownOne() {
    String out =
        report(
            """
            version: 1
            server:
              prots: { smtp: 25 }
              hostnme: mail.bann.com
            domains:
              - name: bann.com
                hosts: { mail: 192.168.0.100 }
                user: []
            """);
    assertThat(out)
        .contains("t.yaml:3:3: error: unknown key 'prots' in server")
        .contains("did you mean 'ports'?")
        .contains("t.yaml:4:3: error: unknown key 'hostnme' in server")
        .contains("did you mean 'hostname'?")
        .contains("t.yaml:8:5: error: unknown key 'user' in domains[0]")
        .contains("did you mean 'users'?");
  }

  @Test
  void reportsEveryMistakeAtOnceWithPositionsAndFixes() {
    String out =
        report(
            """
            version: 1
            server:
              listen: 300.1.1.1
              max_message_size: lots
              queue: { warn_after: soon }
            domains:
              - name: bann.com
                hosts: { mail: 192.168.0.999 }
                users:
                  - { name: test, password: "{MD9}x" }
                  - { name: test }
            """);
    assertThat(out)
        .contains("t.yaml:3:11: error: server.listen '300.1.1.1' is not an IP address")
        .contains("t.yaml:4:21: error: server.max_message_size is not a size: 'lots'")
        .contains("write bytes, like 1000000")
        .contains("t.yaml:5:24: error: server.queue.warn_after is not a duration: 'soon'")
        .contains("like 30s, 5m, 4h or 5d")
        .contains("t.yaml:8:20: error: host mail.bann.com: '192.168.0.999' is not an IP address")
        .contains("t.yaml:10:33: error: the password of test@bann.com names an unknown scheme")
        .contains("t.yaml:11:17: error: user test@bann.com is defined twice")
        .contains("the first is at t.yaml:10:17");
  }

  @Test
  void versionIsRequired() {
    assertThat(report("domains: [{ name: bann.com, hosts: { mail: 1.2.3.4 } }]"))
        .contains("error: the spec has no version")
        .contains("write 'version: 1'");
    assertThat(report("version: 2\ndomains: [{ name: bann.com, hosts: { mail: 1.2.3.4 } }]"))
        .contains("t.yaml:1:10: error: version 2 is not supported");
  }

  @Test
  void yamlSyntaxErrorsHaveAPosition() {
    String out = report("version: 1\ndomains:\n  - name: [unclosed\n");
    assertThat(out).containsPattern("t\\.yaml:\\d+:\\d+: error: this is not valid YAML");
  }

  @Test
  void badPostmasterAndCatchAllAreReportedNotCrashedOn() {
    String out =
        report(
            "version: 1\nserver:\n  postmaster: root\n"
                + minimal("    catch_all: \"no body\"\n").substring("version: 1\n".length()));
    assertThat(out)
        .contains("t.yaml:3:15: error: server.postmaster: 'root' is not a mail address")
        .contains("catch_all: 'no body@bann.com' is not a mail address");
  }

  @Test
  void duplicateKeysAreReported() {
    assertThat(report(minimal("") + "version: 1\n")).contains("'version' is written twice");
  }

  @Test
  void duplicateDomains() {
    assertThat(report(minimal("") + "  - name: BANN.com\n    hosts: { mail: 192.168.0.100 }\n"))
        .contains("t.yaml:8:11: error: domain bann.com is hosted twice")
        .contains("the first is at t.yaml:3:11");
  }

  @Test
  void badHostNamesAndDomainNames() {
    String out =
        report(
            """
            version: 1
            domains:
              - name: bann
                hosts: { "-bad-": 192.168.0.1, mail: 192.168.0.2 }
            """);
    assertThat(out)
        .contains("t.yaml:3:11: error: 'bann' is not a domain name")
        .contains("t.yaml:4:14: error: '-bad-' is not a host name");
  }

  @Test
  void mxHostWithoutAddress() {
    String out =
        report(
            """
            version: 1
            domains:
              - name: bann.com
                hosts: { www: 192.168.0.1 }
                mx: [ { priority: 10, host: mail } ]
            """);
    assertThat(out)
        .contains("t.yaml:5:11: error: MX host mail.bann.com of bann.com has no address")
        .contains("add it under hosts of bann.com, like 'mail: 192.0.2.10'");
  }

  @Test
  void mxHostOutsideOurZonesNeedsNoAddress() {
    Spec spec =
        spec(
            """
            version: 1
            domains:
              - name: bann.com
                mx: [ "10 mx.provider.net." ]
            """);
    assertThat(spec.domains().get(0).mx()).containsExactly(new Mx(10, "mx.provider.net"));
  }

  @Test
  void aliasesThatPointNowhere() {
    assertThat(report(minimal("    aliases: { admin: [mastr, sorin] }\n")))
        .contains(
            "t.yaml:8:24: error: admin@bann.com points to mastr@bann.com, which is not a user or"
                + " alias")
        .contains("did you mean master@bann.com?")
        .contains("t.yaml:8:31: error: admin@bann.com points to sorin@bann.com");
  }

  @Test
  void aliasLoops() {
    assertThat(report(minimal("    aliases: { a: b, b: c, c: a }\n")))
        .contains("error: mail for a@bann.com would go round in a loop")
        .contains("a@bann.com -> b@bann.com -> c@bann.com -> a@bann.com");
  }

  @Test
  void forwardLoopsAcrossUsers() {
    String out =
        report(
            """
            version: 1
            domains:
              - name: bann.com
                hosts: { mail: 192.168.0.100 }
                users:
                  - { name: a, forward: [b@bann.com] }
                  - { name: b, forward: [a@bann.com] }
            """);
    assertThat(out).contains("would go round in a loop");
  }

  @Test
  void aliasAndUserWithTheSameName() {
    assertThat(report(minimal("    aliases: { test: master }\n")))
        .contains("'test' is both a user and an alias of bann.com")
        .contains("give the user 'forward:'");
  }

  @Test
  void aliasesToProgramsAreRefused() {
    assertThat(report(minimal("    aliases: { bot: \"|/usr/bin/procmail\" }\n")))
        .contains("delivers to a program or file");
  }

  @Test
  void unhashedPasswordsWarnButPlainIsAllowed() {
    var warnings = problems(minimal("      - { name: clear, password: secret }\n"));
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).severity()).isEqualTo(Problem.Severity.WARNING);
    assertThat(warnings.get(0).toString())
        .contains("t.yaml:8:34: warning: the password of clear@bann.com is stored in clear")
        .contains("mxlab passwd");
    assertThat(problems(minimal(""))).isEmpty(); // {PLAIN} is deliberate: no warning
  }

  @Test
  void virtualAndAccessMistakes() {
    String out =
        report(
            minimal("")
                + """
                virtual:
                  notanaddress: test@bann.com
                  info@other.org: "error:lol"
                access:
                  "Bogus:1.2.3.4": REJECT
                  "Connect:1.2.3.4": BLOCK
                  "Connect:not an ip": OK
                relay_domains: ["not a domain"]
                """);
    assertThat(out)
        .contains("virtual key 'notanaddress' is neither an address nor @domain")
        .contains("'error:lol' is not an error entry")
        .contains("unknown access tag 'Bogus:'")
        .contains("access Connect:1.2.3.4: 'BLOCK' is not an action")
        .contains("write OK, RELAY, REJECT, DISCARD, or ERROR:\"550 text\"")
        .contains("access key 'Connect:not an ip' is not")
        .contains("relay domain 'not a domain' is not a domain name");
  }

  @Test
  void namesThatWouldLeaveTheDataDirectoryAreRefusedWithPositions() {
    String out =
        report(
            """
            version: 1
            domains:
              - name: bann.com
                hosts: { mail: 192.168.0.100 }
                users:
                  - name: "/tmp/x"
                  - name: "a/../../x"
                  - name: '"/../../x"'
                  - name: ok
                aliases:
                  "a/b": ok
                catch_all: "x/y"
              - name: "../../etc"
                hosts: { mail: 192.168.0.101 }
            virtual:
              "v/w@bann.com": ok@bann.com
              "@other.org": "x/%1@bann.com"
            """);
    assertThat(out)
        .contains("t.yaml:6:15: error: '/tmp/x' is not a user name")
        .contains("t.yaml:7:15: error: 'a/../../x' is not a user name")
        .contains("t.yaml:8:15: error: '\"/../../x\"' is not a user name")
        .contains("write letters, digits and . - _ + (a dot-atom without / or quotes)")
        .contains("t.yaml:11:7: error: 'a/b' is not an alias name")
        .contains("t.yaml:12:16: error: domain bann.com catch_all: 'x/y' is not a mailbox name")
        .contains("t.yaml:13:11: error: '../../etc' is not a domain name")
        .contains("t.yaml:16:3: error: virtual key 'v/w@bann.com' is neither")
        .contains("t.yaml:17:17: error: virtual @other.org: 'x/%1@bann.com' is not a full");
  }

  @Test
  void virtualCatchAllOverAHostedDomainWarns() {
    var warnings = problems(minimal("virtual: { \"@bann.com\": test@bann.com }\n"));
    assertThat(warnings.toString())
        .contains("t.yaml:8:12: warning: virtual @bann.com takes every message for bann.com");
  }

  @Test
  void adminKeysMustBeOpenSshKeys() {
    assertThat(report(minimal("admins: [ { name: teacher, key: \"not a key\" } ]\n")))
        .contains("admin teacher needs an OpenSSH public key");
  }

  @Test
  void extraRecordsAreChecked() {
    String out =
        report(
            minimal(
                """
                    records:
                      - { name: www, type: A, value: "2001:db8::1" }
                      - { name: x, type: LOC, value: "whatever" }
                      - { name: "@", type: CNAME, value: other }
                      - { name: _s._tcp, type: SRV, value: "1 2 three mail" }
                """));
    assertThat(out)
        .contains("A record www: '2001:db8::1' is not an IPv4 address")
        .contains("record type 'LOC' is not supported here")
        .contains("CNAME at @ would sit beside other records")
        .contains("write 'PRIORITY WEIGHT PORT TARGET'");
  }

  @Test
  void queueWarnMustComeBeforeReturn() {
    assertThat(report(minimal("") + "server: { queue: { warn_after: 6d, return_after: 5d } }\n"))
        .contains("server.queue.warn_after (6d) is not before return_after (5d)");
  }

  @Test
  void aSpecNeedsADomainAndANameServer() {
    assertThat(report("version: 1\n")).contains("the spec hosts no domain");
    assertThat(report("version: 1\ndomains: [ { name: bann.com } ]\n"))
        .contains("domain bann.com has no name server");
  }

  @Test
  void wrongKindsOfNodes() {
    assertThat(
            report(
                "version: 1\nserver: [a, b]\ndomains: [ { name: bann.com, mx: [\"10 x.y.\"] } ]"))
        .contains("t.yaml:2:9: error: server must be a mapping of 'key: value' lines, not a list");
  }

  @Test
  void loadsFromAFileAndNamesIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lab.yaml");
    Files.writeString(file, minimal("") + "server: { data_dir: data }\n");
    Spec spec = SpecLoader.load(file).spec();
    assertThat(spec.server().dataDir()).isEqualTo(dir.resolve("data"));
    try {
      SpecLoader.load(dir.resolve("missing.yaml"));
    } catch (SpecException e) {
      assertThat(e.getMessage()).contains("missing.yaml: error: no such file");
      return;
    }
    throw new AssertionError("a missing file must fail");
  }

  @Test
  void notUtf8IsReported(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, new byte[] {'v', ':', ' ', (byte) 0xE9, '\n'});
    try {
      SpecLoader.load(file);
      throw new AssertionError("must fail");
    } catch (SpecException e) {
      assertThat(e.getMessage()).contains("not UTF-8");
    }
  }

  @Test
  void passwordsVerify() {
    Spec spec = spec(minimal(""));
    PasswordHash hash = spec.domains().get(0).user("test").orElseThrow().password();
    assertThat(hash.verify("changeme")).isTrue();
    assertThat(hash.verify("changemf")).isFalse();
  }
}
