package mxlab.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Broken arguments are answered BAD and the session goes on: no parser error ends it. */
class ImapMalformedCommandsTest {
  @TempDir Path data;
  ImapFixture imap;
  ImapClient c;

  @BeforeEach
  void start() throws Exception {
    imap = new ImapFixture(data, true, false);
    imap.deliver("Subject: one\n\nbody\n");
    c = imap.selected();
  }

  @AfterEach
  void stop() {
    imap.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a FETCH",
        "a FETCH 1",
        "a FETCH 1 (",
        "a FETCH 1 (FLAGS",
        "a FETCH 1 BODY[",
        "a FETCH 1 BODY[1.]",
        "a FETCH 1 BODY[0]",
        "a FETCH 1 BODY[HEADER.FIELDS]",
        "a FETCH 1 BODY[HEADER.FIELDS ()]",
        "a FETCH 1 BODY[]<1>",
        "a FETCH 1 BODY[]<1.0>",
        "a FETCH 1 BODY[]<x.1>",
        "a FETCH 1 BODY[MIME]",
        "a FETCH 1 BODY[FOO]",
        "a FETCH 0 FLAGS",
        "a FETCH 1:x FLAGS",
        "a FETCH 99999999999 FLAGS",
        "a STORE",
        "a STORE 1",
        "a STORE 1 FLAGS",
        "a STORE 1 FLAGS (\\Seen",
        "a UID",
        "a UID FROB 1",
        "a SEARCH",
        "a SEARCH (",
        "a SEARCH OR SEEN",
        "a SEARCH NOT",
        "a SEARCH HEADER",
        "a SEARCH LARGER x",
        "a SEARCH SINCE 1-Foo-2020",
        "a SEARCH CHARSET",
        "a LIST",
        "a LIST \"\"",
        "a LIST (FOO) \"\" *",
        "a LIST \"\" * RETURN",
        "a LIST \"\" * RETURN (STATUS)",
        "a LIST \"\" * FOO",
        "a STATUS INBOX",
        "a STATUS INBOX ()",
        "a SELECT",
        "a CREATE",
        "a RENAME a",
        "a APPEND INBOX",
        "a APPEND INBOX (\\Seen) \"bad date\" {1+}",
        "a COPY 1",
        "a ID (\"a\")",
        "a ENABLE",
        "a NOOP extra",
        "a \"quoted\"",
        "a LOGIN x y",
        "a EXPUNGE now",
        "a UID EXPUNGE",
        "a IDLE now",
      })
  void isAnsweredBad(String command) throws Exception {
    c.send(command + "\r\n");
    if (command.endsWith("{1+}")) {
      c.send("x\r\n");
    }
    List<String> lines = c.pending();
    assertThat(lines).isNotEmpty();
    assertThat(lines.get(lines.size() - 1)).startsWith("a BAD ");
    assertThat(c.connection.closed).isFalse();
    c.script(
        """
        C: b NOOP
        S: b OK NOOP completed
        """);
  }
}
