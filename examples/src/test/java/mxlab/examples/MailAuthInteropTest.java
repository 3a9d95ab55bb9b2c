package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two schools with mail authentication on (examples/two-schools, moved to 127.0.24.2 and .3 on
 * high ports): north signs alice's mail (DKIM, its key record in north's DNS), south checks it
 * through north's DNS and delivers it with Authentication-Results dkim=pass spf=pass dmarc=pass;
 * dkimpy verifies the delivered copy through north's DNS too. With {@code dmarc: enforce} and
 * north's {@code p=reject}, a message forged in alice's name from another address gets 550 5.7.1.
 */
class MailAuthInteropTest {
  private static final String NORTH = "127.0.24.2";
  private static final String SOUTH = "127.0.24.3";
  private static final String FORGER = "127.0.24.9";

  @TempDir Path dir;

  @Test
  void signedMailVerifiesAtTheOtherSchoolAndAForgeryIsRefused() throws Exception {
    Tools.require("swaks", "dig");
    int base = 20000 + new Random().nextInt(20000);
    try (MxlabProcess n = MxlabProcess.up(spec("north", NORTH, SOUTH, base), args("north", base));
        MxlabProcess s = MxlabProcess.up(spec("south", SOUTH, NORTH, base), args("south", base))) {
      // the key record, 2048 bits: longer than one TXT string, so split into 255-octet strings
      String key =
          Tools.run(
                  List.of(
                      "dig",
                      "@" + NORTH,
                      "-p",
                      String.valueOf(base + 53),
                      "+short",
                      "mxlab._domainkey.north.lab",
                      "TXT"))
              .ok()
              .out()
              .trim();
      assertThat(key).startsWith("\"v=DKIM1; k=rsa; p=MIIBIjAN").contains("\" \"");

      swaks(NORTH, base, null, "alice@north.lab", "bob@south.lab", "signed at north", "250");
      TwoSchoolsInteropTest.eventually(() -> delivered("signed at north") != null);
      String message = delivered("signed at north");
      assertThat(message)
          .contains("Authentication-Results: mail.south.lab;")
          .contains("dkim=pass header.d=north.lab header.s=mxlab header.a=rsa-sha256")
          .contains("spf=pass smtp.mailfrom=alice@north.lab")
          .contains("dmarc=pass (p=reject dis=none) header.from=north.lab");
      // the maillog line is written just after the 250 (or 550), and read from its stream
      TwoSchoolsInteropTest.eventually(() -> s.output().contains("dkim=pass spf=pass dmarc=pass"));
      assertThat(dkimpyThroughDns(message, base)).isEqualTo("True\n");

      // alice's address from a host that is not north: SPF fails, nothing signed it
      swaks(SOUTH, base, FORGER, "alice@north.lab", "bob@south.lab", "forged", "550 5.7.1");
      TwoSchoolsInteropTest.eventually(() -> s.output().contains("dkim=none spf=fail dmarc=fail"));
      // north's signature on a changed body: DKIM fails, SPF fails, DMARC rejects
      String altered = message.replaceFirst("(?s)\n\n.*", "\n\nchanged body\n");
      swaksData(SOUTH, base, FORGER, altered, "550 5.7.1");
      TwoSchoolsInteropTest.eventually(() -> s.output().contains("dkim=fail spf=fail dmarc=fail"));
      assertThat(MailFiles.mailbox(dir.resolve("south"), "south.lab", "bob"))
          .noneMatch(m -> m.contains("changed body") || m.contains("Subject: forged"));
    }
  }

  /** The example spec moved to ADDRESS, resolving through OTHER, DMARC enforced and p=reject. */
  private Path spec(String school, String address, String other, int base) throws Exception {
    String text =
        Files.readString(Path.of("two-schools").resolve(school + ".yaml"))
            .replace("127.0.0.2", school.equals("north") ? address : other)
            .replace("127.0.0.3", school.equals("north") ? other : address)
            .replace(
                "resolver: " + other,
                "resolver: \"" + other + ":" + (base + 53) + "\"\n  remote_port: " + (base + 25))
            .replace(
                "allow_plaintext_auth: true\n",
                "allow_plaintext_auth: true\n  mail_auth: { dmarc: enforce }\n")
            .replace(
                "mx: [ { priority: 10, host: mail } ]\n",
                "mx: [ { priority: 10, host: mail } ]\n    dmarc: \"v=DMARC1; p=reject\"\n");
    assertThat(text).contains("dmarc: enforce").contains("p=reject").contains(address);
    Path spec = dir.resolve(school + ".yaml");
    Files.writeString(spec, text);
    return spec;
  }

  private String[] args(String school, int base) {
    return new String[] {
      "--data-dir",
      dir.resolve(school).toString(),
      "--ports",
      MxlabProcess.ports("dns=" + (base + 53), "smtp=" + (base + 25))
    };
  }

  private String delivered(String subject) throws Exception {
    return MailFiles.mailbox(dir.resolve("south"), "south.lab", "bob").stream()
        .filter(m -> m.contains("Subject: " + subject))
        .findFirst()
        .orElse(null);
  }

  private static void swaks(
      String server, int base, String from, String sender, String to, String subject, String reply)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "swaks",
                "--server",
                server + ":" + (base + 25),
                "--from",
                sender,
                "--to",
                to,
                "--header",
                "Subject: " + subject));
    if (from != null) {
      command.addAll(List.of("--local-interface", from));
    }
    Tools.Result r = Tools.run(command);
    assertThat(r.out()).containsPattern("(?m)^<(-|\\*\\*) +" + reply); // <** for errors
  }

  /** Sends a whole message as it is (its own header) from {@code from}. */
  private static void swaksData(String server, int base, String from, String message, String reply)
      throws Exception {
    String body = message.substring(message.indexOf('\n') + 1); // our Return-Path stays behind
    Tools.Result r =
        Tools.run(
            List.of(
                "swaks",
                "--server",
                server + ":" + (base + 25),
                "--local-interface",
                from,
                "--from",
                "alice@north.lab",
                "--to",
                "bob@south.lab",
                "--data",
                "-"),
            body.replace("\n", "\r\n"),
            60);
    assertThat(r.out()).containsPattern("(?m)^<(-|\\*\\*) +" + reply); // <** for errors
  }

  /** dkimpy verifies the message, asking north's DNS server for the key (dnspython). */
  private String dkimpyThroughDns(String message, int base) throws Exception {
    // the cross-check script of the mailauth module's tests
    Path script = Path.of("../mailauth/src/test/resources/dkimpy.py");
    String python =
        Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    return Tools.run(
            List.of(python, script.toString(), "verify-dns", NORTH, String.valueOf(base + 53)),
            message.substring(message.indexOf('\n') + 1),
            60)
        .ok()
        .out();
  }
}
