package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** poplib, fetchmail and curl read test@bann.com's mail from `mxlab up examples/bann.com.yaml`. */
class Pop3InteropTest {
  @TempDir Path data;
  @TempDir Path home;
  private MxlabProcess mxlab;

  @BeforeEach
  void up() throws Exception {
    Tools.require("swaks");
    mxlab = MxlabProcess.tutorial(data, "smtp=0", "pop3=0", "pop3s=0", "imap=0", "imaps=0");
    for (int i = 1; i <= 3; i++) {
      mxlab.sendToTest("message " + i, "line one\n.dot line\nlast line");
    }
  }

  @AfterEach
  void down() throws Exception {
    mxlab.stop();
  }

  @Test
  void pythonPoplibWithStls() throws Exception {
    Tools.require("python3");
    String script =
        """
        import poplib, ssl, sys
        ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
        p = poplib.POP3('127.0.0.1', int(sys.argv[1]), timeout=10)
        assert 'STLS' in p.capa()
        p.stls(context=ctx)
        p.user('test@bann.com'); p.pass_('changeme')
        count, size = p.stat(); assert count == 3, count
        uids = [u.split()[1] for u in p.uidl()[1]]; assert len(uids) == 3
        top = p.top(1, 0)[1]; assert b'Subject: message 1' in top, top
        resp, lines, octets = p.retr(2)
        assert b'.dot line' in lines and b'Subject: message 2' in lines, lines
        listed = int(p.list(2).split()[2]); assert octets == listed, (octets, listed)
        p.dele(1); p.quit()
        p = poplib.POP3_SSL('127.0.0.1', int(sys.argv[2]), context=ctx, timeout=10)
        p.user('test'); p.pass_('changeme')
        assert p.stat()[0] == 2
        again = [u.split()[1] for u in p.uidl()[1]]
        assert again == uids[1:], ('UIDLs changed across sessions', uids, again)
        p.quit()
        print('ok')
        """;
    Tools.Result r =
        Tools.run(
                List.of(
                    "python3",
                    "-c",
                    script,
                    String.valueOf(mxlab.port("pop3")),
                    String.valueOf(mxlab.port("pop3s"))),
                null,
                60)
            .ok();
    assertThat(r.out()).contains("ok");
  }

  @Test
  void fetchmailDownloadsAndDeletesOverStlsAndPop3s() throws Exception {
    Tools.require("fetchmail");
    Path out = home.resolve("fetched.mbox");
    for (String mode : List.of("sslproto tls1.2+", "ssl")) {
      int port = mxlab.port(mode.equals("ssl") ? "pop3s" : "pop3");
      Tools.Result r = Tools.fetchmail(home, "pop3", port, mode, "", out);
      // exit 0: mail fetched; 1: no mail (the second round, after the first deleted it)
      assertThat(r.exit()).as(r.out() + r.err()).isIn(0, 1);
    }
    String fetched = Files.readString(out);
    assertThat(fetched).contains("Subject: message 1", "Subject: message 2", "Subject: message 3");
    assertThat(fetched).contains("\n.dot line\n");
    assertThat(MailFiles.mailbox(data, "bann.com", "test")).as("fetchmail deleted them").isEmpty();
  }

  @Test
  void curlListsAndRetrieves() throws Exception {
    Tools.require("curl");
    String base = "pop3://127.0.0.1:" + mxlab.port("pop3") + "/";
    Tools.Result list =
        Tools.run(List.of("curl", "-s", "--ssl-reqd", "-k", "-u", "test@bann.com:changeme", base))
            .ok();
    assertThat(list.out().lines()).hasSize(3);
    Tools.Result message =
        Tools.run(
                List.of(
                    "curl", "-s", "--ssl-reqd", "-k", "-u", "test@bann.com:changeme", base + "3"))
            .ok();
    assertThat(message.out()).contains("Subject: message 3").contains(".dot line");
  }
}
