package mxlab.core.spec.write;

import static mxlab.core.spec.SpecFixtures.PASSWORD_HASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import mxlab.core.spec.Mx;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecDefaults;
import mxlab.core.spec.SpecException;
import mxlab.core.spec.read.SpecLoader;
import org.junit.jupiter.api.Test;

/** What SpecWriter writes, SpecLoader reads back to the same spec. */
class SpecWriterTest {
  private static final Path BASE = Path.of("/tmp/lab");

  /** A spec that sets every key of every section to something other than its default. */
  static final String EVERY_SECTION =
      """
      version: 1
      server:
        hostname: mx.bann.com
        listen: 0.0.0.0
        ports: { dns: 5353, smtp: 2525, submission: off, submissions: 0, pop3: 2110, pop3s: 2995, ssh: 2222 }
        data_dir: /srv/mxlab
        max_message_size: 1MB
        queue: { warn_after: 1h30m, return_after: 2d, min_backoff: 1m, max_backoff: 2h, per_destination: 2 }
        mailer_daemon: bounces
        postmaster: master@bann.com
        resolver: [127.0.0.3, "127.0.0.4:5353", "[::1]:5300", "2001:db8::53"]
        relayhost: "[mail.isp.net]:2525"
        remote_port: 2526
        tls: { cert: tls/fullchain.pem, key: /etc/ssl/privkey.pem }
        allow_plaintext_auth: true
        limits:
          connections: 50
          connections_per_ip: 5
          max_recipients: 10
          max_errors: 4
          auth_failures: 2
          auth_delay: 2s
          command_timeout: 4m
          data_timeout: 2m
          session_timeout: 20m
          pop3_timeout: 11m
          preauth_timeout: 15s
      domains:
        - name: bann.com
          ttl: 600
          hosts: { mx: 192.168.0.100, ns1: [192.168.0.53, "2001:db8::53"], "@": 192.168.0.80, spare: [] }
          ns: [ns1, ns.example.net.]
          mx: [ "10 mx", { priority: 20, host: backup.example.net. }, "30 bann.com." ]
          spf: ""
          dmarc: "v=DMARC1; p=reject; rua=mailto:dmarc@bann.com"
          reverse: true
          records:
            - { name: www, type: CNAME, value: mx }
            - { type: TXT, value: "google-site-verification=x: y # z" }
            - { name: _submission._tcp, type: SRV, value: 0 1 587 mx.bann.com., ttl: 60 }
            - { type: CAA, value: '0 issue "letsencrypt.org"', ttl: 600 }
          users:
            - { name: test, password: "HASH", forward: [someone@example.org, master@bann.com], keep_copy: true }
            - { name: master, password: "{PLAIN}it's: #1" }
            - { name: sorin.b, password: "{SHA256-CRYPT}$5$salt$hash" }
            - { name: nopass }
          aliases: { admin: [master, sorin.b, x@partner.org], root: admin, "yes": test, "10": test }
          catch_all: test
          mta_sts: enforce
          mta_sts_max_age: 7d
          tls_rpt: mailto:tls@bann.com
        - name: other.org
          hosts: { mail: 10.0.0.1 }
          users: [ { name: a } ]
          catch_all: master@bann.com
          tls_rpt: https://reports.other.org/tls
        - name: third.net
          hosts: { mail: 10.0.0.2 }
          mta_sts: testing
      virtual:
        info@virt.org: test@bann.com
        "@virt.org": "%1@other.org"
        two@virt.org: [test@bann.com, master@bann.com]
        nobody@virt.org: "error:nouser User unknown"
        gone@virt.org: "error:5.1.6:550 moved away"
      access:
        "Connect:127.0.0.1": RELAY
        "192.168.100": RELAY
        "To:partner.net": RELAY
        "From:spammer@evil.com": REJECT
        "To:blocked@bann.com": 'ERROR:"550 Go away"'
        "Connect:10": DISCARD
        evil.com: "ERROR:4.2.1:450 busy"
        ok.org: OK
      relay_domains: [partner.org, partner.net]
      admins:
        - { name: teacher, key: "ssh-ed25519 AAAAC3Nza teacher@laptop" }
      dns:
        axfr: [127.0.0.1, 10.0.0.0/8, "::1"]
      """
          .replace("HASH", PASSWORD_HASH);

  @Test
  void theBundledExamplesComeBackTheSame() throws Exception {
    for (String name : List.of("bann.com.yaml", "classroom.yaml")) {
      Path file = Path.of("../examples", name).toAbsolutePath().normalize();
      Spec spec = SpecLoader.load(file).spec();
      assertRoundTrip(spec, file.getParent());
    }
  }

  @Test
  void aSpecThatUsesEverySectionComesBackTheSame() throws Exception {
    Spec spec = read(EVERY_SECTION);
    assertThat(spec.access()).hasSize(8);
    String yaml = assertRoundTrip(spec, BASE);
    assertThat(yaml)
        .contains("  ports: { dns: 5353, smtp: 2525, submission: off, submissions: 0, pop3: 2110,")
        .contains("  data_dir: /srv/mxlab\n")
        .contains("  resolver: [127.0.0.3, \"127.0.0.4:5353\", \"[::1]:5300\", \"2001:db8::53\"]\n")
        .contains("  tls: { cert: tls/fullchain.pem, key: /etc/ssl/privkey.pem }\n")
        .contains("  relayhost: \"[mail.isp.net]:2525\"\n")
        .contains("      - { priority: 20, host: backup.example.net. }\n")
        .contains("      - { type: CAA, value: '0 issue \"letsencrypt.org\"' }\n")
        .contains("    aliases:\n      admin: [master, sorin.b, x@partner.org]\n")
        .contains("      \"yes\": test\n      \"10\": test\n")
        .contains("  \"@virt.org\": \"%1@other.org\"\n")
        .contains("  \"To:blocked@bann.com\": \"ERROR:5.7.1:550 Go away\"\n")
        .contains("  nobody@virt.org: \"error:5.1.1:550 User unknown\"\n")
        .contains("  axfr: [127.0.0.1, 10.0.0.0/8, \"::1\"]\n")
        .contains(
            "    catch_all: test\n    mta_sts: enforce\n    mta_sts_max_age: 1w\n"
                + "    tls_rpt: \"mailto:tls@bann.com\"\n")
        .contains(
            "    catch_all: master@bann.com\n    tls_rpt: \"https://reports.other.org/tls\"\n")
        .contains("    mta_sts: testing\n")
        .doesNotContain("mta_sts_max_age: 1d");
    assertThat(spec.domains().get(1).mtaSts().hasPolicy()).isFalse();
    assertThat(spec.domains().get(2).mtaSts().maxAge()).isEqualTo(SpecDefaults.MTA_STS_MAX_AGE);
  }

  @Test
  void defaultsAreLeftOut() throws Exception {
    Spec spec =
        read(
            """
            version: 1
            domains:
              - name: bann.com
                hosts: { mail: 192.168.0.100 }
                users: [ { name: test } ]
            """);
    assertThat(SpecWriter.write(spec, BASE))
        .isEqualTo(
            """
            version: 1

            server:
              hostname: mail.bann.com
              data_dir: var/t

            domains:
              - name: bann.com
                hosts: { mail: 192.168.0.100 }
                users:
                  - { name: test }
            """);
  }

  @Test
  void valuesThatYamlWouldReadOtherwiseAreQuoted() throws Exception {
    for (String text :
        List.of(
            "yes",
            "off",
            "null",
            "~",
            "",
            "10",
            "0x1F",
            "1:30",
            "1.5",
            "@x",
            "{PLAIN}a",
            "a: b",
            "a #b",
            "a,b",
            "[x]",
            "-all",
            " lead",
            "trail ",
            "it's",
            "say \"hi\"",
            "two\nlines",
            "tab\there",
            "é@ü.de",
            "%1",
            "*star",
            "!tag",
            "&anchor",
            "|",
            ">",
            "'",
            "\"")) {
      YamlMap server = new YamlMap(Section.SERVER).put("mailer_daemon", text);
      YamlMap tree = minimalTree().put("server", server);
      String yaml = SpecWriter.write(List.of(), tree);
      assertThat(read(yaml).server().mailerDaemon()).as(yaml).isEqualTo(text);
    }
  }

  @Test
  void keysComeInTheDocumentedOrderAndUnknownOnesAreRefused() {
    YamlMap server =
        new YamlMap(Section.SERVER)
            .put("limits", new YamlMap(Section.LIMITS).put("max_errors", 3))
            .put("listen", "0.0.0.0")
            .put("hostname", "mail.bann.com");
    assertThat(SpecWriter.write(List.of(), new YamlMap(Section.SPEC).put("server", server)))
        .isEqualTo(
            "server:\n  hostname: mail.bann.com\n  listen: 0.0.0.0\n  limits:\n    max_errors: 3\n");
    assertThatThrownBy(() -> new YamlMap(Section.SERVER).put("prots", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'prots' is not a key of server");
  }

  @Test
  void commentsGoAboveAndAtTheEndOfLines() {
    YamlList users =
        new YamlList()
            .style(YamlNode.Style.BLOCK)
            .add(new YamlMap(Section.USER).style(YamlNode.Style.AUTO).put("name", "admin"))
            .above("make more hashes with: mxlab passwd");
    YamlMap domain =
        new YamlMap(Section.DOMAIN)
            .put("name", "bann.com")
            .put("hosts", new YamlMap(Section.DATA).put("mail", "192.0.2.25"))
            .comment("mail IN A 192.0.2.25")
            .put("users", users);
    YamlMap tree =
        new YamlMap(Section.SPEC)
            .put("version", 1)
            .put("domains", new YamlList().style(YamlNode.Style.BLOCK).add(domain))
            .above("the hosted domains");
    assertThat(SpecWriter.write(List.of("A spec.", "  mxlab up it"), tree))
        .isEqualTo(
            """
            # A spec.
            #   mxlab up it
            version: 1

            # the hosted domains
            domains:
              - name: bann.com
                hosts:                      # mail IN A 192.0.2.25
                  mail: 192.0.2.25
                users:
                  # make more hashes with: mxlab passwd
                  - { name: admin }
            """);
  }

  /** What an import assembles: strings as found, numbers, "10 mail", no users yet. */
  @Test
  void aTreeAssembledFromAnotherSourceReadsBack() throws Exception {
    YamlMap server =
        new YamlMap(Section.SERVER)
            .put("hostname", "mail.bann.com")
            .put("ports", new YamlMap(Section.PORTS).put("smtp", 2525))
            .put("max_message_size", 1000000)
            .put("queue", new YamlMap(Section.QUEUE).put("warn_after", "4h"))
            .put("tls", new YamlMap(Section.TLS).put("cert", "/etc/c.pem").put("key", "/etc/k.pem"))
            .put("relayhost", "[smart.isp.net]:2525");
    YamlMap domain =
        new YamlMap(Section.DOMAIN)
            .put("name", "bann.com")
            .put("users", new YamlList())
            .put("mx", YamlList.of(List.of("10 mail")))
            .put(
                "hosts",
                new YamlMap(Section.DATA)
                    .put("mail", YamlList.of(List.of("192.168.0.100", "2001:db8::25"))));
    YamlMap tree =
        new YamlMap(Section.SPEC)
            .put("access", new YamlMap(Section.DATA).put("Connect:localhost", "RELAY"))
            .put("domains", new YamlList().add(domain))
            .put("server", server)
            .put("version", 1);
    String yaml =
        SpecWriter.write(List.of("imported by mxlab from the sendmail files in /etc/mail"), tree);
    assertThat(yaml)
        .startsWith(
            "# imported by mxlab from the sendmail files in /etc/mail\nversion: 1\n\nserver:")
        .contains("    hosts:\n      mail: [192.168.0.100, \"2001:db8::25\"]\n    mx: [10 mail]\n")
        .contains("    users: []\n");
    Spec spec = read(yaml);
    assertThat(spec.server().ports().port(Service.SMTP)).isEqualTo(2525);
    assertThat(spec.domains().get(0).mx()).containsExactly(new Mx(10, "mail.bann.com"));
    assertThat(spec.access()).hasSize(1);
  }

  @Test
  void longListsAreWrittenOneItemALine() throws Exception {
    YamlList many = new YamlList();
    for (int i = 0; i < 40; i++) {
      many.add("student@student" + i + ".school.lab");
    }
    String yaml = SpecWriter.write(List.of(), new YamlMap(Section.SPEC).put("relay_domains", many));
    assertThat(yaml.lines()).allMatch(l -> l.length() <= YamlEmitter.MAX_FLOW).hasSize(41);
  }

  private static YamlMap minimalTree() {
    YamlMap domain =
        new YamlMap(Section.DOMAIN)
            .put("name", "bann.com")
            .put("hosts", new YamlMap(Section.DATA).put("mail", "192.168.0.100"));
    return new YamlMap(Section.SPEC).put("version", 1).put("domains", new YamlList().add(domain));
  }

  /** Writes {@code spec}, reads it back as the same file would be read, and returns the text. */
  private static String assertRoundTrip(Spec spec, Path baseDir) throws SpecException {
    String yaml = SpecWriter.write(spec, baseDir);
    Spec back;
    try {
      back = SpecLoader.parse(spec.file(), yaml, baseDir).spec();
    } catch (SpecException e) {
      throw new AssertionError(e.getMessage() + "\nin:\n" + yaml, e);
    }
    assertThat(back).as(yaml).isEqualTo(spec);
    assertThat(SpecWriter.write(back, baseDir)).isEqualTo(yaml);
    return yaml;
  }

  private static Spec read(String yaml) throws SpecException {
    try {
      return SpecLoader.parse("t.yaml", yaml, BASE).spec();
    } catch (SpecException e) {
      throw new AssertionError(e.getMessage() + "\nin:\n" + yaml, e);
    }
  }
}
