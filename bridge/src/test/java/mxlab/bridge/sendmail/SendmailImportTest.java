package mxlab.bridge.sendmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mxlab.core.spec.AccessEntry;
import mxlab.core.spec.Domain;
import mxlab.core.spec.ExtraRecord;
import mxlab.core.spec.Mx;
import mxlab.core.spec.Spec;
import mxlab.core.spec.User;
import mxlab.core.spec.read.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import of a hand-made sendmail setup like the tutorial's, as it was written. */
class SendmailImportTest {
  private static final Path TUTORIAL = Path.of("src/test/resources/sendmail/tutorial");
  private static final Path ZONES = Path.of("src/test/resources/sendmail/tutorial-zones");

  /** The spec as the import wrote it, read back as a file. */
  private static Spec imported(SendmailImport.Result run, Path dir) throws Exception {
    Path file = dir.resolve("spec.yaml");
    Files.writeString(file, run.yaml());
    return SpecLoader.load(file).spec();
  }

  @Test
  void theTutorialsFilesBecomeASpec(@TempDir Path dir) throws Exception {
    SendmailImport.Result run = SendmailImport.read(TUTORIAL, null);
    Spec spec = imported(run, dir);

    assertThat(spec.server().hostname()).isEqualTo("mail.bann.com");
    assertThat(spec.server().listen()).isEqualTo(InetAddress.getByName("0.0.0.0"));
    assertThat(spec.server().maxMessageSize()).isEqualTo(1_000_000);
    assertThat(spec.server().queue().warnAfter()).isEqualTo(Duration.ofHours(4));
    assertThat(spec.server().queue().returnAfter()).isEqualTo(Duration.ofDays(5));
    assertThat(spec.server().allowPlaintextAuth()).as("AuthOptions A, without p").isTrue();
    // postmaster: root, root: master
    assertThat(spec.server().postmaster()).isEqualTo("master@bann.com");

    Domain bann = spec.domains().get(0);
    assertThat(spec.domains()).hasSize(1);
    assertThat(bann.name()).isEqualTo("bann.com");
    assertThat(bann.users()).extracting(User::name).containsExactly("master", "sorin", "suse");
    assertThat(bann.aliases())
        .containsOnlyKeys("admin", "lists")
        .containsEntry("lists", java.util.List.of("master@bann.com"))
        .containsEntry(
            "admin", java.util.List.of("master@bann.com", "sorin@bann.com", "suse@bann.com"));
    assertThat(spec.access())
        .hasSize(6)
        .contains(
            new AccessEntry(AccessEntry.Tag.CONNECT, "127.0.0.1", AccessEntry.Action.RELAY, null),
            new AccessEntry(AccessEntry.Tag.ANY, "211.0.0.0", AccessEntry.Action.REJECT, null));

    assertThat(String.join("\n", run.report()))
        .contains("master@bann.com: no password")
        .contains("aliases of the system, bin, daemon, adm, nobody, root, are not imported")
        .contains("FEATURE(mailertable) has no place in a spec")
        .contains("EXPOSED_USER has no place in a spec")
        .contains("a program or file: |/usr/lib/mailman/mail/mailman post lists")
        .contains("a program or file: /var/mail/archive")
        .doesNotContain("FEATURE(virtusertable)")
        .contains("bann.com: no zone file; mail.bann.com gets 192.0.2.25 (pass --zones DIR)");
  }

  @Test
  void zoneFilesGiveTheHostsAndRecords(@TempDir Path dir) throws Exception {
    SendmailImport.Result run = SendmailImport.read(TUTORIAL, ZONES);
    Domain bann = imported(run, dir).domains().get(0);
    assertThat(bann.ttl()).isEqualTo(86400);
    assertThat(bann.hosts().get("mail")).containsExactly(InetAddress.getByName("192.168.0.100"));
    assertThat(bann.hosts()).containsKey("ns");
    assertThat(bann.ns()).containsExactly("ns.bann.com");
    assertThat(bann.mx()).containsExactly(new Mx(10, "mail.bann.com"));
    assertThat(bann.records()).containsExactly(new ExtraRecord("www", "CNAME", "mail", 86400));
    assertThat(bann.reverse()).isTrue();
    assertThat(bann.spf()).as("the zone had none").isEmpty();
    assertThat(String.join("\n", run.report()))
        .contains("record ftp.bann.com.")
        .contains("HINFO")
        .contains("no place")
        .doesNotContain("no zone file");
  }

  /** A server with only the generated sendmail.cf, as the tutorial's section 3 edits it. */
  @Test
  void sendmailCfIsReadWhenThereIsNoMc(@TempDir Path dir) throws Exception {
    Path mail = dir.resolve("mail");
    Files.createDirectories(mail);
    for (String f : new String[] {"access", "aliases", "local-host-names"}) {
      Files.copy(TUTORIAL.resolve(f), mail.resolve(f));
    }
    Files.writeString(
        mail.resolve("sendmail.cf"),
        """
        Djmail.bann.com
        DnMAILER-DAEMON
        DS[smtp.isp.net]
        O MaxMessageSize=2000000
        #O MaxRecipientsPerMessage=0
        O Timeout.queuereturn=3d
        O Timeout.queuewarn=2h
        O DaemonPortOptions=Port=smtp,Addr=192.168.0.100, Name=MTA
        O AuthOptions=A p
        Mrelay,		P=[IPC], F=mDFMuXa8, S=EnvFromSMTP/HdrFromSMTP, R=MasqSMTP, E=\\r\\n, L=2040,
        		T=DNS/RFC822/SMTP,
        		A=TCP $h 2525
        """);
    SendmailImport.Result run = SendmailImport.read(mail, null);
    Spec spec = imported(run, dir);
    assertThat(spec.server().listen()).isEqualTo(InetAddress.getByName("192.168.0.100"));
    assertThat(spec.server().maxMessageSize()).isEqualTo(2_000_000);
    assertThat(spec.server().limits().maxRecipients())
        .as("commented out: the default")
        .isEqualTo(100);
    assertThat(spec.server().queue().returnAfter()).isEqualTo(Duration.ofDays(3));
    assertThat(spec.server().queue().warnAfter()).isEqualTo(Duration.ofHours(2));
    assertThat(spec.server().allowPlaintextAuth()).isFalse();
    assertThat(spec.server().relayhost().toString()).isEqualTo("[smtp.isp.net]:2525");
    assertThat(run.report()).anyMatch(line -> line.contains("there is no sendmail.mc"));
  }
}
