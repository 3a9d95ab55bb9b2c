package mxlab.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Greeting, CAPABILITY, NOOP, LOGOUT, LOGIN, AUTHENTICATE, STARTTLS and the state checks. */
class ImapLoginDialogueTest {
  @TempDir Path data;
  ImapFixture imap;

  ImapFixture fixture(boolean plaintext, boolean tls) {
    imap = new ImapFixture(data, plaintext, tls);
    return imap;
  }

  @AfterEach
  void stop() {
    imap.close();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void greetingCapabilityNoopAndLogout() throws Exception {
    ImapClient c = fixture(true, false).connect();
    c.script(
        """
        S: * OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE UIDPLUS MOVE UNSELECT CHILDREN SPECIAL-USE LIST-EXTENDED LIST-STATUS CONDSTORE ESEARCH SEARCHRES UTF8=ACCEPT BINARY AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5] mxlab IMAP4rev1 ready
        C: a CAPABILITY
        S: * CAPABILITY IMAP4rev1 * AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5
        S: a OK CAPABILITY completed
        C: b NOOP
        S: b OK NOOP completed
        C: c LOGOUT
        S: * BYE *
        S: c OK LOGOUT completed
        """);
    assertThat(c.connection.closed).isTrue();
  }

  @Test
  void withoutTlsLoginIsDisabledAndStartTlsOffered() throws Exception {
    ImapClient c = fixture(false, true).connect();
    c.script(
        """
        S: * OK [CAPABILITY * STARTTLS LOGINDISABLED] mxlab IMAP4rev1 ready
        C: a LOGIN test changeme
        S: a NO [PRIVACYREQUIRED] *
        C: b AUTHENTICATE PLAIN
        S: b NO [PRIVACYREQUIRED] *
        C: c STARTTLS
        S: c OK Begin TLS negotiation now
        """);
    assertThat(c.connection.tlsStarts).isEqualTo(1);
    c.script(
        """
        C: d CAPABILITY
        S: * CAPABILITY IMAP4rev1 * AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5
        S: d OK CAPABILITY completed
        C: e STARTTLS
        S: e BAD TLS is not available here
        C: f LOGIN test changeme
        S: f OK [CAPABILITY IMAP4rev1 * UTF8=ACCEPT BINARY] Logged in
        """);
  }

  @Test
  void loginWithLiteralsAndQuotedStrings() throws Exception {
    ImapClient c = fixture(true, false).connect();
    c.readLine();
    c.script(
        """
        C: a LOGIN {4}
        S: + go ahead
        C: test {8+}
        C: changeme
        S: a OK [CAPABILITY *] Logged in
        C: b LOGIN test changeme
        S: b BAD Already logged in
        """);
    c = imap.connect();
    c.readLine();
    c.script(
        """
        C: a LOGIN "master" "secret"
        S: a OK [CAPABILITY *] Logged in
        """);
  }

  @Test
  void failedLoginsAreDelayedAndTooManyClose() throws Exception {
    ImapClient c = fixture(true, false).connect();
    c.readLine();
    long start = System.nanoTime();
    c.send("a LOGIN test wrong\r\nb NOOP\r\n");
    assertThat(c.pending()).isEmpty(); // the answer waits, and so does the next command
    c.script(
        """
        S: a NO [AUTHENTICATIONFAILED] Authentication failed
        S: b OK NOOP completed
        """);
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
    c.script(
        """
        C: c LOGIN nobody secret
        S: c NO [AUTHENTICATIONFAILED] Authentication failed
        S: * BYE Too many failed logins
        """);
    assertThat(c.connection.closed).isTrue();
  }

  @Test
  void authenticatePlainWithAndWithoutInitialResponse() throws Exception {
    ImapClient c = fixture(true, false).connect();
    c.readLine();
    c.script(
        "C: a AUTHENTICATE PLAIN "
            + b64("\0test\0changeme")
            + "\nS: a OK [CAPABILITY *] Logged in");
    c = imap.connect();
    c.readLine();
    c.script(
        """
        C: a AUTHENTICATE PLAIN
        S: +\s
        C: %s
        S: a OK [CAPABILITY *] Logged in
        """
            .formatted(b64("\0master\0secret")));
  }

  @Test
  void authenticateLoginAndCancel() throws Exception {
    ImapClient c = fixture(true, false).connect();
    c.readLine();
    c.script(
        """
        C: a AUTHENTICATE LOGIN
        S: + VXNlcm5hbWU6
        C: %s
        S: + UGFzc3dvcmQ6
        C: %s
        S: a OK [CAPABILITY *] Logged in
        """
            .formatted(b64("test"), b64("changeme")));
    c = imap.connect();
    c.readLine();
    c.script(
        """
        C: a AUTHENTICATE PLAIN
        S: +*
        C: *
        S: a BAD Authentication cancelled
        C: b AUTHENTICATE GSSAPI
        S: b NO Unsupported authentication mechanism
        """);
  }

  @Test
  void commandsOutOfStateAreRefused() throws Exception {
    ImapClient c = fixture(true, false).connect();
    c.readLine();
    c.script(
        """
        C: a SELECT INBOX
        S: a BAD Log in first
        C: b FETCH 1 FLAGS
        S: b BAD Log in first
        C: c FROB
        S: c BAD Unknown command FROB
        C: c2 CHECK
        S: c2 BAD Log in first
        C: d LOGIN test changeme
        S: d OK *
        C: e FETCH 1 FLAGS
        S: e BAD Select a mailbox first
        C: f CLOSE
        S: f BAD Select a mailbox first
        C: f2 CHECK
        S: f2 BAD Select a mailbox first
        C: g AUTHENTICATE PLAIN
        S: g BAD Already logged in
        C: h NAMESPACE
        S: * NAMESPACE (("" ".")) NIL NIL
        S: h OK NAMESPACE completed
        C: i ID ("name" "mutt" "version" "2.2")
        S: * ID ("name" "mxlab" "vendor" "mxlab")
        S: i OK ID completed
        C: j ENABLE CONDSTORE X-UNKNOWN
        S: * ENABLED CONDSTORE
        S: j OK ENABLE completed
        C: k LOGOUT
        S: * BYE *
        S: k OK LOGOUT completed
        """);
  }

  @Test
  void aRunOfBadCommandsEndsTheSession() throws Exception {
    ImapClient c = fixture(true, false).connect();
    c.readLine();
    c.send("a X\r\nb X\r\nc X\r\nd X\r\ne X\r\n");
    assertThat(c.pending()).last().isEqualTo("* BYE Too many errors");
    assertThat(c.connection.closed).isTrue();
  }

  @Test
  void tooLongLinesAndTooBigLiteralsAreAnswered() throws Exception {
    ImapClient c = fixture(true, false).login();
    c.script(
        """
        C: a APPEND INBOX {30000}
        S: a NO [TOOBIG] Literal too big
        C: b NOOP
        S: b OK NOOP completed
        """);
  }

  /** RFC 7888 4: BAD [TOOBIG], then closed rather than reading gigabytes that were announced. */
  @Test
  void aTooBigNonSynchronizingLiteralIsBadAndEndsTheConnection() throws Exception {
    ImapClient c = fixture(true, false).connect();
    c.send("a LOGIN {999999999+}\r\n");
    assertThat(c.pending())
        .containsSubsequence("a BAD [TOOBIG] Literal too big", "* BYE Literal too big");
    assertThat(c.connection.closed).isTrue();
  }
}
