package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DKIM cross-checked with OpenDKIM (Debian's opendkim 2.11), a second implementation beside dkimpy,
 * as a milter behind a real Postfix (mx.pf.lab):
 *
 * <ul>
 *   <li>mxlab (school.lab rsa-2048, ed.lab ed25519, both.lab both) signs what alice submits and
 *       relays it to Postfix; OpenDKIM verifies it there, asking mxlab's own DNS for the keys (its
 *       libunbound has stub zones to mxlab's DNS and nothing else: control.lab, left out of them,
 *       gets no verdict), and Postfix delivers it with OpenDKIM's Authentication-Results; a
 *       tampered copy fails there.
 *   <li>OpenDKIM signs what bob@outside.lab sends through Postfix (rsa-sha256 simple/simple with
 *       From, Subject and an absent Reply-To oversigned, x=, z= and l=; and ed25519-sha256
 *       relaxed/simple), which relays it to mxlab's port 25; mxlab verifies it with outside.lab's
 *       keys, SPF and DMARC records served by another mxlab (the outside world's DNS). A tampered
 *       copy fails; a footer after l= fails only the signature without l=.
 * </ul>
 *
 * <p>Not ed25519-sha256 with simple header canonicalization: what this OpenDKIM (2.11.0~beta2,
 * Debian 12) signs so verifies nowhere, not even in OpenDKIM itself (nor in dkimpy, nor mxlab),
 * while its rsa-sha256 simple/simple and ed25519 relaxed signatures on the same message do.
 *
 * <p>Every message carries folded fields and an 8-bit UTF-8 body sent with BODY=8BITMIME, and must
 * come out of each hop byte for byte as it went in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenDkimInteropTest {
  private static final String LAB = "127.0.77.1";
  private static final String OUTSIDE = "127.0.77.2";

  /** The one client OpenDKIM signs for (its InternalHosts): bob's machine at outside.lab. */
  private static final String BOB = "127.0.77.9";

  private static final String SENDER =
      """
      import smtplib, sys
      host, port, source, user, sender = sys.argv[1:6]
      s = smtplib.SMTP(host, int(port), source_address=(source, 0), timeout=30)
      s.ehlo('client.lab')
      if user:
          s.login(user, 'secret')
      refused = s.sendmail(sender, sys.argv[6:], sys.stdin.buffer.read(), ['BODY=8BITMIME'])
      s.quit()
      print('refused', refused)
      """;

  private Path dir;
  private MxlabProcess outside;
  private OpenDkimMilter opendkim;
  private OpenDkimMilter opendkimEd25519;
  private PostfixInstance postfix;
  private MxlabProcess lab;
  private Path labData;

  @BeforeAll
  void start() throws Exception {
    Tools.require("opendkim", "python3", "dig");
    dir = Files.createTempDirectory("mxlab-opendkim-");
    KeyPair rsa = generate("RSA");
    KeyPair ed = generate("Ed25519");
    outside = outsideWorld(rsa, ed);
    int labSmtp = Tools.freePort(LAB);
    int labDns = Tools.freePort(LAB);
    String labDnsAt = LAB + "@" + labDns;
    Map<String, String> stubs = new LinkedHashMap<>();
    for (String zone : List.of("school.lab", "ed.lab", "both.lab")) {
      stubs.put(zone, labDnsAt);
    }
    Path bodyLengths = Files.writeString(dir.resolve("body-lengths"), "*\n");
    // the verifier, signing with RSA; then a second signer for Ed25519 (one algorithm a milter)
    opendkim =
        OpenDkimMilter.start(
            dir.resolve("opendkim"),
            "sv",
            "mx.pf.lab",
            BOB,
            new OpenDkimMilter.Key(
                "outside.lab",
                "od-rsa",
                "rsa-sha256",
                "simple/simple",
                List.of(
                    // From and Subject once more than they occur, Reply-To that does not
                    "OversignHeaders From,Subject,Reply-To",
                    "SignatureTTL 86400", // x=
                    "Diagnostics yes", // z=, the signed fields copied
                    "BodyLengthDB refile:" + bodyLengths), // l=
                pem(rsa)),
            stubs);
    opendkimEd25519 =
        OpenDkimMilter.start(
            dir.resolve("opendkim-ed25519"),
            "s",
            "mx.pf.lab",
            BOB,
            new OpenDkimMilter.Key(
                "outside.lab", "od-ed", "ed25519-sha256", "relaxed/simple", List.of(), pem(ed)),
            stubs);
    postfix =
        PostfixInstance.start(
            "pf.lab",
            List.of("carol"),
            List.of(
                "smtpd_milters = inet:127.0.0.1:"
                    + opendkim.port
                    + ", inet:127.0.0.1:"
                    + opendkimEd25519.port,
                // no milter, no mail: a message OpenDKIM never saw must not pass as checked
                "milter_default_action = tempfail",
                "relayhost = [" + LAB + "]:" + labSmtp,
                // all but pf.lab goes to mxlab, from the address outside.lab's SPF record names
                "smtp_bind_address = 127.0.0.1"));
    labData = dir.resolve("lab");
    lab =
        MxlabProcess.up(
            labSpec(postfix.port),
            "--data-dir",
            labData.toString(),
            "--ports",
            MxlabProcess.ports("dns=" + labDns, "smtp=" + labSmtp, "submission=0"));
    // the keys are made in the background; mail before that goes out unsigned
    TwoSchoolsInteropTest.eventually(() -> lab.output().contains("dkim: made the missing keys"));
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {lab, postfix, opendkim, opendkimEd25519, outside}) {
      if (c != null) {
        c.close();
      }
    }
    if (dir != null) {
      Tools.run(List.of("rm", "-rf", dir.toString()));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "school.lab, mxlab, rsa-sha256",
    "ed.lab, e1, ed25519-sha256",
    "both.lab, b1-rsa, rsa-sha256",
    "both.lab, b1-ed25519, ed25519-sha256"
  })
  void openDkimVerifiesWhatMxlabSigns(String domain, String selector, String algorithm)
      throws Exception {
    String subject = "from " + selector + "." + domain;
    String message = message("alice@" + domain, "carol@pf.lab", subject);
    // a copy to alice herself: the signed message as mxlab stored it
    send(
        LAB,
        lab.port("submission"),
        LAB,
        "alice@" + domain,
        message,
        "carol@pf.lab",
        "alice@" + domain);
    await(() -> postfixCopy(subject) != null);
    String atPostfix = postfixCopy(subject);
    String atMxlab =
        MailFiles.mailbox(labData, domain, "alice").stream()
            .filter(m -> m.contains(subject))
            .findFirst()
            .orElseThrow();

    // OpenDKIM's verdict, as Postfix delivered it
    String results = results(atPostfix, "mx.pf.lab");
    assertThat(results)
        .as("as Postfix delivered it:\n%s", atPostfix)
        .containsPattern(
            // OpenDKIM gives the size of RSA keys only: "(2048-bit key; unprotected)"
            "dkim=pass (\\([0-9]+-bit key; unprotected\\) )?header\\.d="
                + Pattern.quote(domain)
                + " [^;]*header\\.a="
                + algorithm
                + " header\\.s="
                + Pattern.quote(selector)
                + " ")
        .doesNotContain("dkim=fail")
        .doesNotContain("dkim=neutral");
    // OpenDKIM has no key of its own for these domains: the key came from mxlab's DNS (and without
    // a stub zone there, it finds none: openDkimFindsNoKeyWhereItsResolverHasNoStubZone)
    assertThat(
            Tools.run(
                    List.of(
                        "dig",
                        "@" + LAB,
                        "-p",
                        String.valueOf(dnsPort()),
                        "+short",
                        selector + "._domainkey." + domain,
                        "TXT"))
                .ok()
                .out())
        .contains(algorithm.startsWith("ed25519") ? "k=ed25519" : "k=rsa");

    // neither mxlab nor Postfix changed what was signed: folding, 8-bit body and all
    assertThat(body(atMxlab)).isEqualTo(body(message.replace("\r\n", "\n")));
    assertThat(body(atPostfix)).isEqualTo(body(atMxlab));
    for (String name : List.of("DKIM-Signature", "Subject", "X-Folded", "From", "To")) {
      assertThat(fields(atPostfix, name)).as(name).isEqualTo(fields(atMxlab, name));
    }
    assertThat(atMxlab).contains("Subject: " + subject + " that is long enough\n\tto be folded");
  }

  /** The control: control.lab's key is in mxlab's DNS too, but OpenDKIM has no way there. */
  @Test
  void openDkimFindsNoKeyWhereItsResolverHasNoStubZone() throws Exception {
    String subject = "from control.lab";
    send(
        LAB,
        lab.port("submission"),
        LAB,
        "alice@control.lab",
        message("alice@control.lab", "carol@pf.lab", subject),
        "carol@pf.lab");
    await(() -> postfixCopy(subject) != null);
    assertThat(field(postfixCopy(subject), "DKIM-Signature")).contains("d=control.lab;");
    // no key, no verdict: OpenDKIM passes it on and adds no results
    assertThat(fields(postfixCopy(subject), "Authentication-Results"))
        .noneMatch(f -> f.contains("dkim=pass"));
  }

  @Test
  void openDkimFailsATamperedCopyOfWhatMxlabSigned() throws Exception {
    String subject = "tampered after school.lab";
    send(
        LAB,
        lab.port("submission"),
        LAB,
        "alice@school.lab",
        message("alice@school.lab", "alice@school.lab", subject),
        "alice@school.lab");
    await(() -> !mxlabCopies("school.lab", "alice", subject).isEmpty());
    String signed = mxlabCopies("school.lab", "alice", subject).get(0);
    String tampered = withoutReturnPath(signed).replace("Grüße", "Grüezi");
    // from 127.0.0.1, not an internal host of OpenDKIM's: it verifies
    send(
        "127.0.0.1",
        postfix.port,
        "127.0.0.1",
        null,
        tampered.replace("\n", "\r\n"),
        "carol@pf.lab");
    await(() -> postfixCopy(subject) != null);
    String results = results(postfixCopy(subject), "mx.pf.lab");
    assertThat(results)
        .contains("dkim=fail reason=\"signature verification failed\"")
        .contains("header.d=school.lab")
        .doesNotContain("dkim=pass");
  }

  @Test
  void mxlabVerifiesWhatOpenDkimSignsAndFailsATamperedCopy() throws Exception {
    String subject = "signed by opendkim";
    String message = message("bob@outside.lab", "dave@school.lab", subject);
    send("127.0.0.1", postfix.port, BOB, null, message, "dave@school.lab");
    await(() -> !mxlabCopies("school.lab", "dave", subject).isEmpty());
    String delivered = mxlabCopies("school.lab", "dave", subject).get(0);

    List<String> signatures = fields(delivered, "DKIM-Signature");
    assertThat(signatures)
        .as("as mxlab delivered it:\n%s", delivered)
        .hasSize(2)
        .anySatisfy(
            s ->
                assertThat(s.replaceAll("\\s", ""))
                    .contains("a=rsa-sha256;", "c=simple/simple;", "s=od-rsa;")
                    .containsPattern("(?i)h=[^;]*from:[^;]*from")
                    .containsPattern("(?i)h=[^;]*subject:[^;]*subject")
                    .containsPattern("(?i)h=[^;]*reply-to")
                    .containsPattern("x=[0-9]+;")
                    .containsPattern("z=From:")
                    .containsPattern("l=[0-9]+;"))
        .anySatisfy(
            s ->
                assertThat(s.replaceAll("\\s", ""))
                    .contains("a=ed25519-sha256;", "c=relaxed/simple;", "s=od-ed;"));
    String results = results(delivered, "mail.school.lab");
    assertThat(results)
        .contains("dkim=pass header.d=outside.lab header.s=od-rsa header.a=rsa-sha256")
        .contains("dkim=pass header.d=outside.lab header.s=od-ed header.a=ed25519-sha256")
        .contains("spf=pass smtp.mailfrom=bob@outside.lab")
        .contains("dmarc=pass (p=reject dis=none) header.from=outside.lab");
    assertThat(body(delivered)).isEqualTo(body(message.replace("\r\n", "\n")));

    // the same message, its body changed, straight to mxlab from the address SPF allows
    String tampered = withoutReturnPath(delivered).replace("Grüße", "Tschüss");
    send(
        LAB,
        lab.port("smtp"),
        "127.0.0.1",
        null,
        tampered.replace("\n", "\r\n"),
        "dave@school.lab");
    await(
        () ->
            mxlabCopies("school.lab", "dave", subject).stream()
                .anyMatch(m -> m.contains("Tschüss")));
    String failed =
        mxlabCopies("school.lab", "dave", subject).stream()
            .filter(m -> m.contains("Tschüss"))
            .findFirst()
            .orElseThrow();
    assertThat(results(failed, "mail.school.lab"))
        .contains("dkim=fail")
        .containsPattern("dkim=fail [^;]*header\\.s=od-rsa header\\.a=rsa-sha256")
        .containsPattern("dkim=fail [^;]*header\\.s=od-ed header\\.a=ed25519-sha256")
        .doesNotContain("dkim=pass");

    // a footer after the l= length that the RSA signature covers: that one still passes
    String footer = withoutReturnPath(delivered) + "-- \nappended by a mailing list\n";
    send(LAB, lab.port("smtp"), "127.0.0.1", null, footer.replace("\n", "\r\n"), "dave@school.lab");
    await(
        () ->
            mxlabCopies("school.lab", "dave", subject).stream()
                .anyMatch(m -> m.contains("appended by")));
    String appended =
        mxlabCopies("school.lab", "dave", subject).stream()
            .filter(m -> m.contains("appended by"))
            .findFirst()
            .orElseThrow();
    assertThat(results(appended, "mail.school.lab"))
        .contains("dkim=pass header.d=outside.lab header.s=od-rsa header.a=rsa-sha256")
        .containsPattern("dkim=fail [^;]*header\\.s=od-ed header\\.a=ed25519-sha256");
  }

  /** Waits for CHECK as eventually does; on time-out, says what each hop logged. */
  private void await(TwoSchoolsInteropTest.Check check) throws Exception {
    try {
      TwoSchoolsInteropTest.eventually(check);
    } catch (AssertionError e) {
      throw new AssertionError(
          "timed out; Postfix:\n"
              + postfix.log()
              + "\nOpenDKIM:\n"
              + Files.readString(opendkim.log)
              + "\nmxlab:\n"
              + lab.output(),
          e);
    }
  }

  /**
   * A message with folded fields, a line that starts with a dot, trailing white space and blank
   * lines, and an 8-bit UTF-8 body: what relaxed canonicalization and 8BITMIME relays must get
   * right.
   */
  private static String message(String from, String to, String subject) {
    return String.join(
        "\r\n",
        "From: Sender <" + from + ">",
        "To: <" + to + ">",
        "Subject: " + subject + " that is long enough",
        "\tto be folded",
        "Date: Thu, 03 Dec 2026 12:00:00 +0000",
        "Message-ID: <" + subject.replace(' ', '.') + "@client.lab>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "X-Folded: one",
        "   two\t three",
        "",
        "Grüße aus der Schule, ½ € pro Tag.   ",
        ".dot at the start of a line",
        "tab\tand trailing tab\t",
        "",
        "",
        "");
  }

  /** Sends MESSAGE from SOURCE to HOST:PORT with BODY=8BITMIME, as USER (password secret). */
  private static void send(
      String host, int port, String source, String user, String message, String... to)
      throws Exception {
    String sender = from(message);
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "python3",
                "-c",
                SENDER,
                host,
                String.valueOf(port),
                source,
                user == null ? "" : user,
                sender));
    command.addAll(List.of(to));
    assertThat(Tools.run(command, message, 60).ok().out()).isEqualTo("refused {}\n");
  }

  private static String from(String message) {
    Matcher m = Pattern.compile("(?m)^From: [^<]*<([^>]+)>").matcher(message);
    if (!m.find()) {
      throw new IllegalArgumentException("no From in " + message);
    }
    return m.group(1);
  }

  private String postfixCopy(String subject) throws Exception {
    return postfix.mailbox("carol").stream()
        .filter(m -> m.contains("Subject: " + subject))
        .findFirst()
        .orElse(null);
  }

  private List<String> mxlabCopies(String domain, String user, String subject) throws Exception {
    return MailFiles.mailbox(labData, domain, user).stream()
        .filter(m -> m.contains("Subject: " + subject))
        .toList();
  }

  private int dnsPort() {
    return lab.port("dns");
  }

  private static String withoutReturnPath(String stored) {
    return stored.startsWith("Return-Path:") ? stored.substring(stored.indexOf('\n') + 1) : stored;
  }

  private static String body(String message) {
    return message.substring(message.indexOf("\n\n") + 2);
  }

  /** Every NAME field of the header, unfolded kept as is (with their line breaks). */
  private static List<String> fields(String message, String name) {
    String header = message.substring(0, message.indexOf("\n\n") + 1);
    Matcher m =
        Pattern.compile("(?mi)^" + Pattern.quote(name) + ":((?:.*\n)(?:[ \t].*\n)*)")
            .matcher(header);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String field(String message, String name) {
    return fields(message, name).get(0);
  }

  /** The Authentication-Results field of AUTHSERV_ID, unfolded, without its id. */
  private static String results(String message, String authservId) {
    return fields(message, "Authentication-Results").stream()
        .map(f -> f.replaceAll("\r?\n[ \t]+", " ").trim())
        .filter(f -> f.startsWith(authservId + ";"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no results of " + authservId + " in\n" + message))
        .substring(authservId.length() + 1);
  }

  /** The outside world's DNS: another mxlab, serving only outside.lab with OpenDKIM's keys. */
  private MxlabProcess outsideWorld(KeyPair rsa, KeyPair ed) throws Exception {
    byte[] edPublic = ed.getPublic().getEncoded(); // X.509 SubjectPublicKeyInfo: 12 + 32 octets
    String edKey =
        Base64.getEncoder()
            .encodeToString(Arrays.copyOfRange(edPublic, edPublic.length - 32, edPublic.length));
    String rsaKey = Base64.getEncoder().encodeToString(rsa.getPublic().getEncoded());
    Path spec = dir.resolve("outside.yaml");
    Files.writeString(
        spec,
        """
        version: 1
        server:
          hostname: mx.outside.lab
          listen: %s
        domains:
          - name: outside.lab
            hosts: { mx: 127.0.0.1 }
            mx: [ { priority: 10, host: mx } ]
            spf: "v=spf1 ip4:127.0.0.1 -all"
            dmarc: "v=DMARC1; p=reject"
            dkim: false
            records:
              - { name: od-rsa._domainkey, type: TXT, value: "v=DKIM1; k=rsa; p=%s" }
              - { name: od-ed._domainkey, type: TXT, value: "v=DKIM1; k=ed25519; p=%s" }
            users: [ { name: bob, password: "{PLAIN}secret" } ]
        """
            .formatted(OUTSIDE, rsaKey, edKey));
    return MxlabProcess.up(
        spec,
        "--data-dir",
        dir.resolve("outside").toString(),
        "--ports",
        MxlabProcess.ports("dns=0"));
  }

  /** school.lab (rsa-2048), ed.lab (ed25519) and both.lab (both), relaying through Postfix. */
  private Path labSpec(int postfixPort) throws Exception {
    StringBuilder domains = new StringBuilder();
    for (String[] d :
        List.of(
            new String[] {"school.lab", ""},
            new String[] {"ed.lab", "    dkim: { selector: e1, algorithm: ed25519 }\n"},
            new String[] {"both.lab", "    dkim: { selector: b1, algorithm: both }\n"},
            new String[] {"control.lab", "    dkim: { selector: c1, algorithm: ed25519 }\n"})) {
      domains.append(
          "  - name: %s\n    hosts: { mail: %s }\n%s    users: [ { name: alice, password: \"{PLAIN}secret\" }, { name: dave, password: \"{PLAIN}secret\" } ]\n"
              .formatted(d[0], LAB, d[1]));
    }
    Path spec = dir.resolve("lab.yaml");
    Files.writeString(
        spec,
        """
        version: 1
        server:
          hostname: mail.school.lab
          listen: %s
          allow_plaintext_auth: true
          relayhost: "[127.0.0.1]:%d"
          resolver: "%s:%d"
        domains:
        """
                .formatted(LAB, postfixPort, OUTSIDE, outside.port("dns"))
            + domains);
    return spec;
  }

  private static KeyPair generate(String algorithm) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("RSA")) {
      g.initialize(2048);
    }
    return g.generateKeyPair();
  }

  /** The private key as OpenDKIM reads it: PKCS#8, PEM. */
  private static String pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
