package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real IMAP clients from Debian against `mxlab up examples/bann.com.yaml`: fetchmail downloads and
 * deletes, mbsync (isync) and offlineimap sync both ways, getmail6 retrieves once and then deletes.
 * Each test checks what the client wrote and what the server holds afterwards.
 */
class ImapClientsInteropTest {
  @TempDir Path data;
  @TempDir Path home;
  private MxlabProcess mxlab;

  @BeforeEach
  void up() throws Exception {
    Tools.require("swaks", "python3");
    mxlab = MxlabProcess.tutorial(data, "smtp=0", "imap=0", "imaps=0");
  }

  @AfterEach
  void down() throws Exception {
    mxlab.stop();
  }

  private void send(String... subjects) throws Exception {
    for (String subject : subjects) {
      mxlab.sendToTest(subject, "line one\n.dot line\nlast line");
    }
  }

  /** Runs a python script that gets an imaplib session on IMAPS as test@bann.com, named m. */
  private String imaplib(String script) throws Exception {
    String prelude =
        """
        import imaplib, ssl, sys
        ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
        m = imaplib.IMAP4_SSL('127.0.0.1', int(sys.argv[1]), ssl_context=ctx, timeout=10)
        m.login('test@bann.com', 'changeme')
        """;
    Tools.Result r =
        Tools.run(
                List.of("python3", "-c", prelude + script, String.valueOf(mxlab.port("imaps"))),
                null,
                60)
            .ok();
    return r.out();
  }

  private Path privateFile(String name, String text) throws IOException {
    Path file = home.resolve(name);
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private Tools.Result fetchmail(String tls, String port, String keep, Path mbox) throws Exception {
    return Tools.fetchmail(home, "imap", Integer.parseInt(port), tls, keep, mbox);
  }

  @Test
  void fetchmailDownloadsAndExpungesOverStarttlsAndImaps() throws Exception {
    Tools.require("fetchmail");
    Path mbox = home.resolve("fetched.mbox");
    String imap = String.valueOf(mxlab.port("imap"));
    String imaps = String.valueOf(mxlab.port("imaps"));

    send("over starttls 1", "over starttls 2");
    Tools.Result r = fetchmail("sslproto tls1.2+", imap, "nokeep", mbox);
    assertThat(r.exit()).as("fetched mail; %s%s", r.out(), r.err()).isZero();
    assertThat(r.out() + r.err()).contains("STARTTLS", "upgrade to TLS succeeded");
    assertThat(MailFiles.mailbox(data, "bann.com", "test")).as("expunged").isEmpty();

    send("over imaps 1", "over imaps 2");
    r = fetchmail("ssl", imaps, "", mbox);
    assertThat(r.exit()).as("fetched mail; %s%s", r.out(), r.err()).isZero();
    assertThat(MailFiles.mailbox(data, "bann.com", "test")).as("expunged").isEmpty();

    // keep: fetched, left on the server, and \Seen so the next poll skips it
    send("kept");
    r = fetchmail("ssl", imaps, "keep", mbox);
    assertThat(r.exit()).as("fetched mail; %s%s", r.out(), r.err()).isZero();
    r = fetchmail("ssl", imaps, "keep", mbox);
    assertThat(r.exit()).as("no new mail; %s%s", r.out(), r.err()).isEqualTo(1);
    String flags =
        imaplib(
            """
            typ, data = m.select('INBOX'); assert data == [b'1'], data
            typ, data = m.fetch('1', '(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])')
            print(data[0][0].decode(), data[0][1].decode().strip())
            """);
    assertThat(flags).contains("\\Seen").contains("Subject: kept").doesNotContain("\\Deleted");

    String fetched = Files.readString(mbox);
    assertThat(fetched)
        .contains(
            "Subject: over starttls 1",
            "Subject: over starttls 2",
            "Subject: over imaps 1",
            "Subject: over imaps 2",
            "Subject: kept")
        .contains("\n.dot line\nlast line\n");
    assertThat(count(fetched, "Subject: kept")).as("kept is fetched once").isEqualTo(1);
  }

  @Test
  void mbsyncMirrorsAndPushesMessagesAndFlags() throws Exception {
    Tools.require("mbsync");
    send("mirror 1", "mirror 2", "mirror 3");
    Path local = Files.createDirectories(home.resolve("mail"));
    Path cert = data.resolve("tls").resolve("cert.pem");
    assertThat(cert).as("mxlab's self-signed certificate").exists();
    Path rc =
        privateFile(
            "mbsyncrc",
            """
            IMAPAccount bann
            Host 127.0.0.1
            Port %d
            User test@bann.com
            Pass changeme
            SSLType IMAPS
            SystemCertificates no
            CertificateFile %s

            IMAPStore bann-remote
            Account bann

            MaildirStore bann-local
            Path %s/
            Inbox %s/INBOX
            SubFolders Verbatim

            Channel bann
            Far :bann-remote:
            Near :bann-local:
            Patterns *
            Create Both
            Expunge Both
            SyncState *
            """
                .formatted(mxlab.port("imaps"), cert, local, local));
    List<String> mbsync = List.of("mbsync", "-c", rc.toString(), "-a", "-V");

    Tools.run(mbsync, null, 90).ok();
    Path inbox = local.resolve("INBOX");
    List<Path> pulled = messages(inbox);
    assertThat(pulled).hasSize(3);
    assertThat(pulled.stream().map(ImapClientsInteropTest::read))
        .anyMatch(t -> t.contains("Subject: mirror 2") && t.contains("\n.dot line\n"));
    for (String folder : List.of("Sent", "Drafts", "Trash", "Junk")) {
      assertThat(local.resolve(folder)).as("special-use folder mirrored").isDirectory();
    }

    List<String> localBefore = names(local);
    List<String> serverBefore = names(data.resolve("mail/bann.com/test"));
    Tools.run(mbsync, null, 90).ok();
    assertThat(names(local)).as("a second run changes nothing here").isEqualTo(localBefore);
    assertThat(names(data.resolve("mail/bann.com/test")))
        .as("nor on the server")
        .isEqualTo(serverBefore);

    // a message written into the local INBOX, and a flag set by renaming (Maildir info :2,S)
    Files.writeString(
        inbox.resolve("new").resolve("1700000000.local1.near"),
        "From: test@bann.com\r\nTo: test@bann.com\r\nSubject: written locally\r\n"
            + "Message-ID: <local1@bann.com>\r\n\r\nhello from the near side\r\n");
    Path first = withUid(pulled, 1);
    Files.createDirectories(inbox.resolve("cur"));
    Files.move(first, inbox.resolve("cur").resolve(first.getFileName() + "S"));
    Tools.run(mbsync, null, 90).ok();

    String server =
        imaplib(
            """
            typ, data = m.select('INBOX'); print('exists', data[0].decode())
            typ, data = m.search(None, 'HEADER', 'Message-ID', 'local1@bann.com')
            n = data[0].split(); assert len(n) == 1, data
            typ, data = m.fetch(n[0], '(BODY.PEEK[TEXT])'); print('text', data[0][1].decode().strip())
            typ, data = m.uid('SEARCH', 'SEEN'); print('seen', data[0].decode())
            """);
    assertThat(server)
        .contains("exists 4")
        .contains("text hello from the near side")
        .contains("seen 1\n");
  }

  @Test
  void getmailRetrievesOnceThenDeletes() throws Exception {
    Tools.require("getmail");
    send("getmail 1", "getmail 2");
    Path mbox = home.resolve("getmail.mbox");
    Path getmailDir = Files.createDirectories(home.resolve("getmail"));
    String rc =
        """
        [retriever]
        type = SimpleIMAPSSLRetriever
        server = 127.0.0.1
        port = %d
        username = test@bann.com
        password = changeme
        mailboxes = ("INBOX",)

        [destination]
        type = MDA_external
        path = /bin/sh
        arguments = ("-c", "cat >> %s")
        # CI runs as root; getmail refuses to run commands as root without this
        allow_root_commands = true

        [options]
        verbose = 2
        read_all = %s
        delete = %s
        """;
    List<String> getmail =
        List.of("getmail", "--getmaildir", getmailDir.toString(), "--rcfile", "getmailrc");

    // keep and remember: the second run knows the UIDs and takes only the new message
    Files.writeString(
        getmailDir.resolve("getmailrc"), rc.formatted(mxlab.port("imaps"), mbox, false, false));
    Tools.Result r = Tools.run(getmail, null, 60).ok();
    assertThat(r.out() + r.err()).contains("2 messages");
    assertThat(Files.readString(mbox)).contains("Subject: getmail 1", "Subject: getmail 2");
    send("getmail 3");
    r = Tools.run(getmail, null, 60).ok();
    assertThat(r.out() + r.err()).contains("1 messages");
    assertThat(count(Files.readString(mbox), "Subject: getmail 1")).as("not again").isEqualTo(1);
    assertThat(count(Files.readString(mbox), "Subject: getmail 3")).isEqualTo(1);
    assertThat(MailFiles.mailbox(data, "bann.com", "test")).hasSize(3);

    // everything again, and delete it on the server
    Files.writeString(
        getmailDir.resolve("getmailrc"), rc.formatted(mxlab.port("imaps"), mbox, true, true));
    r = Tools.run(getmail, null, 60).ok();
    assertThat(r.out() + r.err()).contains("3 messages").contains("deleted");
    assertThat(MailFiles.mailbox(data, "bann.com", "test")).as("deleted").isEmpty();
    String fetched = Files.readString(mbox);
    assertThat(count(fetched, "Subject: getmail 3")).as("read_all fetches it again").isEqualTo(2);
    assertThat(imaplib("print(m.select('INBOX')[1][0].decode())\n")).isEqualTo("0\n");
  }

  @Test
  void offlineimapSyncsBothWays() throws Exception {
    Tools.require("offlineimap");
    send("offline 1", "offline 2", "offline 3");
    Path local = Files.createDirectories(home.resolve("mail"));
    // the self-signed certificate names mail.bann.com, not 127.0.0.1: pin it instead
    String pem = Files.readString(data.resolve("tls").resolve("cert.pem"));
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").strip());
    String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    Path rc =
        privateFile(
            "offlineimaprc",
            """
            [general]
            accounts = bann
            metadata = %s/meta

            [Account bann]
            localrepository = local
            remoterepository = remote

            [Repository local]
            type = Maildir
            localfolders = %s

            [Repository remote]
            type = IMAP
            remotehost = 127.0.0.1
            remoteport = %d
            remoteuser = test@bann.com
            remotepass = changeme
            ssl = yes
            ssl_version = tls1_2
            cert_fingerprint = %s
            """
                .formatted(home, local, mxlab.port("imaps"), fingerprint));
    List<String> offlineimap =
        List.of("env", "HOME=" + home, "offlineimap", "-c", rc.toString(), "-o", "-u", "basic");

    Tools.run(offlineimap, null, 90).ok();
    Path inbox = local.resolve("INBOX");
    List<Path> pulled = messages(inbox);
    assertThat(pulled).hasSize(3);
    assertThat(pulled.stream().map(ImapClientsInteropTest::read))
        .anyMatch(t -> t.contains("Subject: offline 3") && t.contains("\n.dot line\n"));

    // locally: one message written, one read (Maildir info :2,S), one deleted
    Files.writeString(
        inbox.resolve("new").resolve("1700000000.oi1.near"),
        "From: test@bann.com\r\nTo: test@bann.com\r\nSubject: written offline\r\n"
            + "Message-ID: <oi1@bann.com>\r\n\r\nhello from offlineimap\r\n");
    Path first = withUid(pulled, 1);
    Files.createDirectories(inbox.resolve("cur"));
    Files.move(first, inbox.resolve("cur").resolve(first.getFileName() + "S"));
    Files.delete(withUid(pulled, 2));
    Tools.run(offlineimap, null, 90).ok();

    String server =
        imaplib(
            """
            typ, data = m.select('INBOX'); print('exists', data[0].decode())
            typ, data = m.uid('SEARCH', 'ALL'); print('uids', data[0].decode())
            typ, data = m.uid('SEARCH', 'SEEN'); print('seen', data[0].decode())
            typ, data = m.search(None, 'HEADER', 'Message-ID', 'oi1@bann.com')
            n = data[0].split(); assert len(n) == 1, data
            typ, data = m.fetch(n[0], '(BODY.PEEK[TEXT])'); print('text', data[0][1].decode().strip())
            # and a change made on the server, for the next run to bring down
            typ, data = m.uid('STORE', '3', '+FLAGS', '(\\\\Flagged)'); assert typ == 'OK', data
            """);
    assertThat(server)
        .contains("exists 3\n")
        .contains("uids 1 3 4\n")
        .contains("seen 1\n")
        .contains("text hello from offlineimap");

    Tools.run(offlineimap, null, 90).ok();
    assertThat(withUid(messages(inbox), 3).getFileName().toString())
        .as("the server's \\Flagged, as Maildir info F")
        .endsWith(":2,F");
  }

  private static Path withUid(List<Path> messages, int uid) {
    return messages.stream()
        .filter(p -> p.getFileName().toString().matches(".*,U=" + uid + "[,:].*"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no message with U=" + uid + " in " + messages));
  }

  private static int count(String text, String what) {
    return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
  }

  private static List<Path> messages(Path maildir) throws IOException {
    try (Stream<Path> files = Stream.of("new", "cur").map(maildir::resolve)) {
      return files
          .filter(Files::isDirectory)
          .flatMap(ImapClientsInteropTest::list)
          .sorted()
          .toList();
    }
  }

  /** Every message file under a tree of Maildirs, by relative path. */
  private static List<String> names(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getParent().getFileName().toString().matches("new|cur"))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  private static Stream<Path> list(Path dir) {
    try {
      return Files.list(dir).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
