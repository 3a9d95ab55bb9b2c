package mxlab.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import mxlab.core.spec.SpecFixtures;
import mxlab.net.Dialogue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command, state error and response code, over real sockets on port 0. */
class Pop3DialogueTest {
  static final String SPEC =
      """
      version: 1
      server:
        hostname: mail.bann.com
        limits: { max_errors: 6, auth_failures: 2, auth_delay: 50ms }
      domains:
        - name: bann.com
          hosts: { mail: 192.168.0.100 }
          users:
            - { name: test, password: "%s" }
            - { name: master, password: "{PLAIN}secret" }
          aliases: { admin: [master] }
        - name: other.org
          hosts: { mail: 192.168.0.101 }
          users: [ { name: test, password: "{PLAIN}other" } ]
      """
          .formatted(SpecFixtures.PASSWORD_HASH);

  @TempDir Path data;
  Pop3Fixture pop;

  @BeforeEach
  void start() throws Exception {
    pop = new Pop3Fixture(SPEC, data);
    pop.deliver("bann.com", "test", "Subject: one", "", "first body");
    pop.deliver("bann.com", "test", "Subject: dots", "", ".leading dot", "..two dots", ".", "end");
    pop.deliver("bann.com", "test", "Subject: three", "", "line 1", "line 2", "line 3");
  }

  @AfterEach
  void stop() {
    pop.close();
  }

  /** Logged in as test@bann.com over STLS. */
  private Dialogue login() throws Exception {
    Dialogue d = pop.connect();
    d.expect("+OK mxlab POP3 ready*");
    d.send("STLS").expect("+OK Begin TLS negotiation");
    d.upgrade();
    d.script(
        """
        C: USER test@bann.com
        S: +OK *
        C: PASS changeme
        S: +OK maildrop has 3 messages (* octets)
        """);
    return d;
  }

  @Test
  void capabilitiesBeforeAndAfterTls() throws Exception {
    try (Dialogue d = pop.connect()) {
      d.expect("+OK mxlab POP3 ready <*@mail.bann.com>"); // APOP timestamp: a {PLAIN} user exists
      d.send("CAPA").expect("+OK Capability list follows");
      assertThat(d.multiline())
          .containsExactly(
              "TOP",
              "UIDL",
              "RESP-CODES",
              "AUTH-RESP-CODE",
              "PIPELINING",
              "EXPIRE NEVER",
              "IMPLEMENTATION mxlab",
              "STLS");
      d.script(
          """
          C: USER test@bann.com
          S: -ERR [AUTH] Plaintext authentication disallowed without TLS; use STLS first
          C: AUTH PLAIN
          S: -ERR [AUTH] Plaintext *
          C: STLS
          S: +OK Begin TLS negotiation
          """);
      d.upgrade();
      d.send("CAPA").expect("+OK *");
      assertThat(d.multiline())
          .contains("USER", "SASL PLAIN LOGIN CRAM-MD5")
          .doesNotContain("STLS");
      d.script(
          """
          C: STLS
          S: -ERR TLS already active
          C: QUIT
          S: +OK mxlab POP3 signing off
          """);
    }
  }

  @Test
  void stateErrorsAndUnknownCommands() throws Exception {
    try (Dialogue d = pop.connect()) {
      d.expect("+OK *");
      d.script(
          """
          C: STAT
          S: -ERR not in TRANSACTION state
          C: RETR 1
          S: -ERR not in TRANSACTION state
          C: FROB
          S: -ERR Unknown command
          C: PASS x
          S: -ERR *
          """);
    }
    try (Dialogue d = login()) {
      d.script(
          """
          C: USER test
          S: -ERR not in AUTHORIZATION state
          C: STLS
          S: -ERR not in AUTHORIZATION state
          C: NOOP
          S: +OK
          """);
    }
  }

  @Test
  void statListUidlRetrTopWithExactOctets() throws Exception {
    try (Dialogue d = login()) {
      String stat = d.send("STAT").expect("+OK 3 *");
      d.send("LIST").expect("+OK 3 messages (* octets)");
      List<String> list = d.multiline();
      assertThat(list).hasSize(3);
      long total = 0;
      for (String l : list) {
        total += Long.parseLong(l.split(" ")[1]);
      }
      assertThat(stat).isEqualTo("+OK 3 " + total);
      long listedSize = Long.parseLong(list.get(1).split(" ")[1]);
      d.send("LIST 2").expect("+OK 2 " + listedSize);

      d.send("RETR 2").expect("+OK " + listedSize + " octets");
      List<String> lines = d.multiline();
      assertThat(lines).contains("...leading dot".substring(1), "...two dots", "..", "end");
      long received = 0;
      for (String l : lines) {
        String unstuffed = l.startsWith(".") ? l.substring(1) : l;
        received += unstuffed.getBytes(StandardCharsets.UTF_8).length + 2;
      }
      assertThat(received).as("octets as the client sees them").isEqualTo(listedSize);

      d.send("TOP 3 1").expect("+OK *");
      List<String> top = d.multiline();
      assertThat(top).endsWith("Subject: three", "", "line 1");
      d.send("TOP 3 0").expect("+OK *");
      assertThat(d.multiline()).endsWith("Subject: three", "");

      d.send("UIDL").expect("+OK");
      List<String> uidl = d.multiline();
      assertThat(uidl).hasSize(3).allMatch(l -> l.matches("\\d \\S{1,70}"));
      // the Maildir base name without its size fields, as before (clients keep what they know)
      List<String> bases = new java.util.ArrayList<>();
      for (String sub : List.of("new", "cur")) {
        try (var files = java.nio.file.Files.list(pop.mailbox("bann.com", "test").resolve(sub))) {
          files.map(f -> f.getFileName().toString().replaceAll("[,:].*", "")).forEach(bases::add);
        }
      }
      assertThat(uidl).extracting(l -> l.substring(2)).containsExactlyInAnyOrderElementsOf(bases);
      d.send("UIDL 1").expect("+OK " + uidl.get(0));
      d.script(
          """
          C: RETR 9
          S: -ERR No such message
          C: RETR x
          S: -ERR Syntax error in arguments
          C: TOP 1
          S: -ERR Syntax error in arguments
          """);
    }
  }

  @Test
  void deleteTakesEffectOnlyAtQuit() throws Exception {
    try (Dialogue d = login()) {
      d.script(
          """
          C: DELE 1
          S: +OK message 1 deleted
          C: DELE 1
          S: -ERR Message is deleted
          C: RETR 1
          S: -ERR Message is deleted
          C: STAT
          S: +OK 2 *
          C: RSET
          S: +OK maildrop has 3 messages *
          C: DELE 2
          S: +OK *
          """);
      // dropped without QUIT: nothing is deleted
    }
    try (Dialogue d = login()) {
      d.script(
          """
          C: DELE 1
          S: +OK *
          C: QUIT
          S: +OK mxlab POP3 signing off (2 messages left)
          """);
      assertThat(d.closedByServer()).isTrue();
    }
    try (Dialogue d = pop.connect()) {
      d.expect("+OK *");
      d.send("STLS").expect("+OK *");
      d.upgrade();
      d.script(
          """
          C: USER test@bann.com
          S: +OK *
          C: PASS changeme
          S: +OK maildrop has 2 messages *
          """);
    }
  }

  @Test
  void uidsAreStableAndReadMailMovesToCur() throws Exception {
    List<String> before;
    try (Dialogue d = login()) {
      d.send("UIDL").expect("+OK");
      before = d.multiline();
      d.send("RETR 1").expect("+OK *");
      d.multiline();
      d.send("QUIT").expect("+OK *");
    }
    Path cur = pop.mailbox("bann.com", "test").resolve("cur");
    try (Stream<Path> files = Files.list(cur)) {
      assertThat(files.toList())
          .singleElement()
          .satisfies(p -> assertThat(p.toString()).endsWith(":2,S"));
    }
    pop.deliver("bann.com", "test", "Subject: four", "", "later");
    try (Dialogue d = pop.connect()) {
      d.expect("+OK *");
      d.send("STLS").expect("+OK *");
      d.upgrade();
      d.send("USER test@bann.com").expect("+OK *");
      d.send("PASS changeme").expect("+OK maildrop has 4 messages *");
      d.send("UIDL").expect("+OK");
      List<String> after = d.multiline();
      assertThat(after.subList(0, 3)).isEqualTo(before);
      assertThat(after.get(3)).doesNotEndWith(before.get(2).split(" ")[1]);
    }
  }

  @Test
  void oneSessionPerMailbox() throws Exception {
    try (Dialogue first = login();
        Dialogue second = pop.connect()) {
      second.expect("+OK *");
      second.send("STLS").expect("+OK *");
      second.upgrade();
      // "test" alone is ambiguous (bann.com and other.org both have one), so it cannot log in
      second.send("USER test").expect("+OK *");
      second.send("PASS changeme").expect("-ERR [AUTH] Authentication failed");
      second.send("USER test@bann.com").expect("+OK *");
      second.send("PASS changeme").expect("-ERR [IN-USE] *");
      first.send("QUIT").expect("+OK *");
    }
  }

  @Test
  void loginNamesAndAliases() throws Exception {
    try (Dialogue d = pop.connect()) {
      d.expect("+OK *");
      d.send("STLS").expect("+OK *");
      d.upgrade();
      d.script(
          """
          C: USER admin@bann.com
          S: +OK *
          C: PASS secret
          S: -ERR [AUTH] Authentication failed
          C: USER master
          S: +OK *
          C: PASS secret
          S: +OK maildrop has 0 messages (0 octets)
          """);
    }
  }

  @Test
  void apopAndAuthPlain() throws Exception {
    try (Dialogue d = pop.connect()) {
      String greeting = d.expect("+OK mxlab POP3 ready <*>");
      String stamp = greeting.substring(greeting.indexOf('<'));
      String digest =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("MD5")
                      .digest((stamp + "secret").getBytes(StandardCharsets.US_ASCII)));
      d.send("APOP master@bann.com " + digest).expect("+OK maildrop has 0 messages *");
    }
    try (Dialogue d = pop.connect()) {
      d.expect("+OK *");
      d.send("STLS").expect("+OK *");
      d.upgrade();
      String creds = Base64.getEncoder().encodeToString("\0test@bann.com\0changeme".getBytes());
      d.send("AUTH PLAIN").expect("+ ");
      d.send(creds).expect("+OK maildrop has 3 messages *");
    }
    try (Dialogue d = pop.connectTls()) {
      d.expect("+OK mxlab POP3 ready*");
      String creds = Base64.getEncoder().encodeToString("\0test@other.org\0other".getBytes());
      d.send("AUTH PLAIN " + creds).expect("+OK maildrop has 0 messages *");
    }
  }

  @Test
  void plaintextPipelinedBeforeTlsIsDiscarded() throws Exception {
    try (Dialogue d = pop.connect()) {
      d.expect("+OK *");
      d.raw("STLS\r\nUSER test@bann.com\r\n");
      d.expect("+OK Begin TLS negotiation");
      d.upgrade();
      d.send("PASS changeme").expect("-ERR USER first");
    }
  }

  @Test
  void failedLoginsAreDelayedThenTheConnectionClosed() throws Exception {
    try (Dialogue d = pop.connectTls()) {
      d.expect("+OK *");
      long start = System.nanoTime();
      d.send("USER test@bann.com").expect("+OK *");
      d.send("PASS wrong").expect("-ERR [AUTH] Authentication failed");
      assertThat(System.nanoTime() - start).isGreaterThan(40_000_000L);
      d.send("USER test@bann.com").expect("+OK *");
      d.send("PASS wrong again").expect("-ERR [AUTH] Authentication failed");
      d.expect("-ERR [AUTH] Too many failed logins*");
      assertThat(d.closedByServer()).isTrue();
    }
  }

  @Test
  void tooManyErrorsAndOverlongLines() throws Exception {
    try (Dialogue d = pop.connect()) {
      d.expect("+OK *");
      d.send("X".repeat(300)).expect("-ERR Line too long");
      for (int i = 0; i < 4; i++) {
        d.send("BOGUS").expect("-ERR *");
      }
      d.send("BOGUS").expect("-ERR *");
      d.expect("-ERR Too many errors*");
      assertThat(d.closedByServer()).isTrue();
    }
  }
}
