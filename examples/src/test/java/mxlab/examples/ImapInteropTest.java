package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's imaplib and curl against `mxlab up examples/bann.com.yaml`: mail sent by SMTP is read,
 * flagged, copied, moved and expunged over IMAP and IMAPS, and an idling client hears of new mail.
 */
class ImapInteropTest {
  @TempDir Path data;
  private MxlabProcess mxlab;

  @BeforeEach
  void up() throws Exception {
    mxlab = MxlabProcess.tutorial(data, "smtp=0", "pop3=0", "imap=0", "imaps=0");
  }

  @AfterEach
  void down() throws Exception {
    mxlab.stop();
  }

  private Tools.Result python(String script) throws Exception {
    Tools.require("python3");
    return Tools.run(
        List.of(
            "python3",
            "-c",
            script,
            String.valueOf(mxlab.port("smtp")),
            String.valueOf(mxlab.port("imap")),
            String.valueOf(mxlab.port("imaps")),
            String.valueOf(mxlab.port("pop3"))),
        null,
        90);
  }

  @Test
  void imaplibReadsFlagsCopiesMovesAndExpunges() throws Exception {
    Tools.Result r =
        python(
            """
            import imaplib, poplib, smtplib, ssl, sys
            smtp, imap, imaps, pop3 = (int(a) for a in sys.argv[1:5])
            ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
            with smtplib.SMTP('127.0.0.1', smtp, timeout=10) as s:
                for i in range(3):
                    s.sendmail('alice@example.org', ['test@bann.com'],
                               'Subject: imap %d\\r\\nFrom: alice@example.org\\r\\n\\r\\nbody %d\\r\\n' % (i, i))
            m = imaplib.IMAP4('127.0.0.1', imap, timeout=10)
            # bann.com.yaml allows plaintext logins (a lab setting): STARTTLS is offered all the same
            assert 'STARTTLS' in m.capabilities, m.capabilities
            m.starttls(ssl_context=ctx)
            m.login('test@bann.com', 'changeme')
            typ, data = m.select('INBOX'); assert typ == 'OK' and data == [b'3'], data
            typ, data = m.search(None, 'SUBJECT', '"imap 1"'); assert data == [b'2'], data
            typ, data = m.fetch('1:3', '(UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])')
            assert typ == 'OK' and b'Subject: imap 0' in data[0][1], data
            typ, data = m.store('1', '+FLAGS', '(\\\\Seen $Forwarded)'); assert typ == 'OK', data
            typ, data = m.fetch('1', '(FLAGS)'); assert b'\\\\Seen' in data[0] and b'$Forwarded' in data[0], data
            typ, data = m.list(); names = b' '.join(data)
            for f in (b'Sent', b'Drafts', b'Trash', b'Junk'):
                assert f in names, data
            typ, data = m.append('Drafts', '(\\\\Draft)', None, b'Subject: draft\\r\\n\\r\\nlater\\r\\n')
            assert typ == 'OK' and b'APPENDUID' in data[0], data
            typ, data = m.copy('2', 'Trash'); assert typ == 'OK' and b'COPYUID' in data[0], data
            typ, data = m.uid('MOVE', '3', 'Junk'); assert typ == 'OK', data
            typ, data = m.store('2', '+FLAGS', '\\\\Deleted')
            typ, data = m.uid('EXPUNGE', '2'); assert typ == 'OK', data
            typ, data = m.select('INBOX'); assert data == [b'1'], ('one left', data)
            typ, data = m.status('Junk', '(MESSAGES UIDNEXT)'); assert b'MESSAGES 1' in data[0], data
            m.logout()
            # the same mailbox over POP3: what IMAP left, with the flag IMAP set
            p = poplib.POP3('127.0.0.1', pop3, timeout=10); p.stls(context=ctx)
            p.user('test@bann.com'); p.pass_('changeme'); assert p.stat()[0] == 1, p.stat(); p.quit()
            # and over IMAPS, a second session sees the first one's work
            m = imaplib.IMAP4_SSL('127.0.0.1', imaps, ssl_context=ctx, timeout=10)
            m.login('test', 'changeme')
            typ, data = m.select('Trash', readonly=True); assert data == [b'1'], data
            typ, data = m.fetch('1', '(BODY[TEXT])'); assert data[0][1] == b'body 1\\r\\n', data
            m.logout()
            print('ok')
            """);
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("ok");
  }

  @Test
  void anIdlingClientHearsOfMailSentBySmtp() throws Exception {
    Tools.Result r =
        python(
            """
            import socket, smtplib, ssl, sys, time
            smtp, imap, imaps = (int(a) for a in sys.argv[1:4])
            ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
            s = ctx.wrap_socket(socket.create_connection(('127.0.0.1', imaps), timeout=10))
            f = s.makefile('rb')
            def say(line):
                s.sendall(line.encode() + b'\\r\\n')
            def until(prefix):
                while True:
                    line = f.readline()
                    assert line, 'closed'
                    if line.startswith(prefix):
                        return line
            until(b'* OK')
            say('a LOGIN test@bann.com changeme'); until(b'a OK')
            say('b SELECT INBOX'); until(b'b OK')
            say('c IDLE'); until(b'+')
            start = time.monotonic()
            with smtplib.SMTP('127.0.0.1', smtp, timeout=10) as m:
                m.sendmail('alice@example.org', ['test@bann.com'], 'Subject: ping\\r\\n\\r\\nx\\r\\n')
            line = until(b'* 1 EXISTS')
            took = time.monotonic() - start
            assert took < 1.0, took
            say('DONE'); until(b'c OK')
            say('d LOGOUT'); until(b'd OK')
            print('ok %.3f' % took)
            """);
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("ok");
  }

  @Test
  void curlFetchesOverImaps() throws Exception {
    Tools.require("curl", "swaks");
    mxlab.sendToTest("for curl", "x");
    Tools.Result r =
        Tools.run(
            List.of(
                "curl",
                "-sS",
                "-k",
                "-u",
                "test@bann.com:changeme",
                "imaps://127.0.0.1:" + mxlab.port("imaps") + "/INBOX;UID=1"),
            null,
            30);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Subject: for curl");
  }
}
