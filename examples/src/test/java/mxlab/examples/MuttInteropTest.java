package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mutt (Debian's, GnuTLS) against `mxlab up examples/bann.com.yaml`, as a user drives it: on a tmux
 * terminal over imaps:// and over imap:// with STARTTLS (mxlab's self-signed certificate trusted
 * through certificate_file), it lists the INBOX, shows a message and saves one to a new folder; in
 * batch mode it sends a message by SMTP and keeps a copy in Sent over IMAP.
 */
class MuttInteropTest {
  @TempDir Path data;
  @TempDir Path home;
  private MxlabProcess mxlab;

  @BeforeEach
  void up() throws Exception {
    Tools.require("mutt", "tmux", "swaks");
    mxlab = MxlabProcess.tutorial(data, "smtp=0", "imap=0", "imaps=0");
    for (int i = 1; i <= 2; i++) {
      mxlab.sendToTest("for mutt " + i, "hello from the body of message " + i);
    }
    Files.copy(data.resolve("tls").resolve("cert.pem"), home.resolve("certs"));
    Files.writeString(
        home.resolve("muttrc"),
        """
        set folder = "imaps://test%%40bann.com@127.0.0.1:%d/"
        set imap_pass = "changeme"
        set spoolfile = "+INBOX"
        set record = "+Sent"
        set smtp_url = "smtp://127.0.0.1:%d/"
        set from = "test@bann.com"
        # mxlab's self-signed certificate, trusted as mutt's own "accept always" would save it
        set certificate_file = "%s"
        set ssl_verify_host = no
        set header_cache = ""
        set message_cachedir = ""
        set confirmcreate = no
        set confirmappend = no
        set delete = yes
        set quit = yes
        set wait_key = no
        set timeout = 3
        set index_format = "%%4C %%-20.20F %%s"
        """
            .formatted(mxlab.port("imaps"), mxlab.port("smtp"), home.resolve("certs")));
  }

  @AfterEach
  void down() throws Exception {
    mxlab.stop();
  }

  private Tmux mutt(String... args) throws Exception {
    StringBuilder command =
        new StringBuilder("env HOME=" + home + " TERM=screen mutt -n -F " + home.resolve("muttrc"));
    for (String a : args) {
      command.append(" '").append(a).append("'");
    }
    return Tmux.start(home.resolve("tmux.sock"), command.toString());
  }

  @Test
  void muttListsReadsAndSavesToAFolderOverImaps() throws Exception {
    try (Tmux t = mutt()) {
      String index = t.await("for mutt 2", 30);
      assertThat(index).contains("for mutt 1", "alice@example.org", "=INBOX [Msgs:2 New:2");
      t.keys("Enter"); // the first message
      String pager = t.await("hello from the body of message 1", 20);
      assertThat(pager).contains("Subject: for mutt 1", "From: alice@example.org");
      t.keys("q");
      t.await("=INBOX [Msgs:2 New:1", 20);
      t.keys("s");
      t.await("Save to mailbox", 20);
      t.keys("C-u", "=Archive", "Enter");
      t.await("Del:1", 20); // saved, so marked for deletion here
      t.keys("q"); // quit, expunging it
      awaitExit(t);
    }
    assertThat(subjects("Archive")).containsExactly("\\Seen | Subject: for mutt 1");
    assertThat(subjects("INBOX")).singleElement().asString().endsWith("Subject: for mutt 2");
  }

  @Test
  void muttListsOverStarttlsAndSendsKeepingACopyInSent() throws Exception {
    String inbox = "imap://test%40bann.com@127.0.0.1:" + mxlab.port("imap") + "/INBOX";
    // ssl_force_tls: mutt would rather fail than log in without STARTTLS
    try (Tmux t = mutt("-e", "set ssl_force_tls=yes", "-f", inbox)) {
      String index = t.await("for mutt 2", 30);
      assertThat(index).contains("for mutt 1", "/INBOX [Msgs:2 New:2");
      t.keys("2", "Enter", "Enter"); // jump to message 2 and show it
      t.await("hello from the body of message 2", 20);
      t.keys("q", "q");
      awaitExit(t);
    }

    // batch mode: stdin is the body, SMTP sends it, and the copy goes to Sent over IMAPS
    Tools.run(
            List.of(
                "env",
                "HOME=" + home,
                "mutt",
                "-n",
                "-F",
                home.resolve("muttrc").toString(),
                "-s",
                "sent by mutt",
                "test@bann.com"),
            "written by mutt in batch mode\n",
            60)
        .ok();
    assertThat(subjects("Sent")).containsExactly("\\Seen | Subject: sent by mutt");
    awaitSubject("INBOX", "Subject: sent by mutt");
  }

  private static void awaitExit(Tmux t) throws Exception {
    for (int i = 0; i < 100 && t.running(); i++) {
      Thread.sleep(100);
    }
    assertThat(t.running()).as("mutt quit").isFalse();
  }

  private void awaitSubject(String folder, String subject) throws Exception {
    for (int i = 0; i < 50 && subjects(folder).stream().noneMatch(s -> s.endsWith(subject)); i++) {
      Thread.sleep(100);
    }
    assertThat(subjects(folder)).anyMatch(s -> s.endsWith(subject));
  }

  /** "FLAGS | Subject: ..." of each message in FOLDER, read over IMAP. */
  private List<String> subjects(String folder) throws Exception {
    try (ImapDialog s = ImapDialog.connect("127.0.0.1", mxlab.port("imap"))) {
      s.command("LOGIN test@bann.com changeme");
      assertThat(ImapDialog.tagged(s.command("EXAMINE " + folder))).contains("OK");
      return s.command("FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (Subject)])").stream()
          .filter(r -> r.startsWith("* "))
          .map(
              r ->
                  r.replaceAll("(?s)^.*FLAGS \\(([^)]*)\\).*\\{\\d+\\}\r\n(.*?)\r\n.*$", "$1 | $2"))
          // \Recent tells only whether some session has seen the message yet: not what mutt did
          .map(r -> r.replace(" \\Recent", "").replace("\\Recent ", ""))
          .toList();
    }
  }
}
