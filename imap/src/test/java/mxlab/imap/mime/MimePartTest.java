package mxlab.imap.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import mxlab.imap.session.Response;
import mxlab.store.Flags;
import mxlab.store.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MimePartTest {
  static MimePart parse(String lf) {
    return MimePart.parse(LineEnds.toCrlf(lf.getBytes(StandardCharsets.UTF_8)));
  }

  static String structure(MimePart p) {
    Response r = new Response();
    BodyStructure.write(r, p, false);
    String s = new String(r.line(), StandardCharsets.UTF_8);
    return s.substring(0, s.length() - 2);
  }

  @Test
  void lineEndsBecomeCrlfAndTheLastLineIsEnded() {
    assertThat(new String(LineEnds.toCrlf("a\nb\r\nc".getBytes()))).isEqualTo("a\r\nb\r\nc\r\n");
    assertThat(new String(LineEnds.toLf("a\r\nb\r\n".getBytes()))).isEqualTo("a\nb\n");
  }

  @Test
  void aMessageWithoutHeaderOrBodyStillHasAStructure() {
    assertThat(structure(parse("just text, no header\n")))
        .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)");
    MimePart empty = parse("\nbody\n");
    assertThat(empty.header()).hasSize(2);
    assertThat(new String(empty.body())).isEqualTo("body\r\n");
  }

  @Test
  void parametersAreGivenAsWrittenAndLinesAreLineEnds() {
    MimePart p =
        parse(
            """
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain; charset=UTF-8; name="=?UTF-8?B?67O06rOg7IScLnR4dA==?="
            Content-Disposition: attachment; filename*=UTF-8''%EB%B3%B4.txt; x="a \\"b\\""
            Content-Transfer-Encoding: base64

            7ZWc
            --b--
            """);
    // the encoded word and RFC 2231's form for the client to decode; "7ZWc" ends in no CRLF
    assertThat(structure(p))
        .isEqualTo(
            "((\"text\" \"plain\" (\"charset\" \"UTF-8\" \"name\""
                + " \"=?UTF-8?B?67O06rOg7IScLnR4dA==?=\") NIL NIL \"base64\" 4 0)"
                + " \"mixed\")");
    Response r = new Response();
    BodyStructure.write(r, p.parts().get(0), true);
    assertThat(new String(r.line(), StandardCharsets.UTF_8))
        .contains("(\"attachment\" (\"filename*\" \"UTF-8''%EB%B3%B4.txt\" \"x\" {5}\r\na \"b\"))");
  }

  @Test
  void envelopeNamesKeepTheirEncodedWordsAsWritten() {
    MimePart p =
        parse(
            """
            From: =?iso-8859-1?q?Andr=E9?= Muller <andre@example.fr>
            To: "Team: =?utf-8?q?d=C3=A9v?=" <dev@example.fr>, Friends: =?utf-8?b?7ZWc?= <a@b.kr>;

            body
            """);
    Response r = new Response();
    Envelope.write(r, p);
    assertThat(new String(r.line(), StandardCharsets.UTF_8))
        .contains("((\"=?iso-8859-1?q?Andr=E9?= Muller\" NIL \"andre\" \"example.fr\"))")
        .contains("(\"Team: =?utf-8?q?d=C3=A9v?=\" NIL \"dev\" \"example.fr\")")
        .contains("(NIL NIL \"Friends\" NIL)(\"=?utf-8?b?7ZWc?=\" NIL \"a\" \"b.kr\")");
  }

  @Test
  void envelopeAddressesInRawUtf8AreWhole() {
    Response r = new Response();
    Envelope.write(r, parse("From: 박영희 <park@example.kr>\nTo: 김 <kim@b.kr>, x@y.org\n\nbody\n"));
    // the name in ASCII for IMAP4rev1 clients; before, mime4j cut the domain to "examp"
    assertThat(new String(r.line(), StandardCharsets.UTF_8))
        .contains("((\"=?UTF-8?B?67CV7JiB7Z2s?=\" NIL \"park\" \"example.kr\"))")
        .contains("((\"=?UTF-8?B?6rmA?=\" NIL \"kim\" \"b.kr\")(NIL NIL \"x\" \"y.org\"))");
  }

  @Test
  void digestPartsDefaultToMessages() {
    MimePart p =
        parse(
            """
            Content-Type: multipart/digest; boundary=b

            --b

            Subject: one

            first
            --b--
            """);
    assertThat(p.parts()).hasSize(1);
    assertThat(p.parts().get(0).type() + "/" + p.parts().get(0).subtype())
        .isEqualTo("message/rfc822");
    assertThat(p.parts().get(0).message().field("Subject")).contains("one");
  }

  @Test
  void nestedMultipartsKeepTheirPartNumbers() {
    MimePart p =
        parse(
            """
            Content-Type: multipart/mixed; boundary=outer

            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain

            plain
            --inner
            Content-Type: text/html

            <b>html</b>
            --inner--
            --outer
            Content-Type: application/pdf; name="a.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0=
            --outer--
            """);
    Section html = new Section(List.of(1, 2), "", List.of());
    assertThat(new String(html.extract(p))).isEqualTo("<b>html</b>");
    Section pdf = new Section(List.of(2), "MIME", List.of());
    assertThat(new String(pdf.extract(p))).startsWith("Content-Type: application/pdf");
    assertThat(new Section(List.of(3), "", List.of()).extract(p)).isNull();
    assertThat(new Section(List.of(1, 1, 1), "", List.of()).extract(p)).isNull();
    assertThat(structure(p))
        .isEqualTo(
            "(((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 0)"
                + "(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 0) \"alternative\")"
                + "(\"application\" \"pdf\" (\"name\" \"a.pdf\") NIL NIL \"base64\" 8) \"mixed\")");
  }

  @Test
  void theCacheParsesOnceAndKeepsAtMostItsOctets(@TempDir Path dir) throws Exception {
    MessageCache cache = new MessageCache(1000);
    Message one = stored(dir, "one", 600);
    Message two = stored(dir, "two", 600);
    MimePart first = cache.parsed(one);
    assertThat(cache.parsed(one)).isSameAs(first);
    cache.parsed(two); // over 1000 octets: the least recently used goes
    Files.delete(one.path());
    Files.delete(two.path());
    assertThat(cache.parsed(two)).isNotNull();
    assertThatThrownBy(() -> cache.parsed(one)).isInstanceOf(NoSuchFileException.class);
  }

  static Message stored(Path dir, String base, int size) throws Exception {
    Path cur = Files.createDirectories(dir.resolve("cur"));
    Path file = cur.resolve(base + ":2,");
    Files.writeString(file, "Subject: " + base + "\n\n" + "y".repeat(size) + "\n");
    return new Message(1, base, file, Flags.NONE, size, Instant.now(), 1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "\n",
        "Content-Type: multipart/mixed\n\nno boundary\n",
        "Content-Type: multipart/mixed; boundary=x\n\n--x\nunterminated",
        "Content-Type: message/rfc822\n\n",
        "Content-Type: text/plain; charset=\"\n\nbroken parameter\n",
        "no colon in this header line\nSubject: x\n\nbody\n",
        "From: <<<@>>>, \"unclosed\nTo: ;;;\nDate: yesterday\n\nbody\n",
        "Content-Type: /\nContent-Disposition: ;\nContent-Language: ,\n\n\u0000\u00ff\n",
      })
  void brokenMessagesStillHaveAStructureAndEnvelope(String message) {
    MimePart p = parse(message);
    Response r = new Response();
    BodyStructure.write(r, p, true);
    Envelope.write(r, p);
    String s = new String(r.line(), StandardCharsets.UTF_8);
    assertThat(s).startsWith("(").endsWith(")\r\n");
    assertThat(s.chars().filter(ch -> ch == '(').count())
        .isEqualTo(s.chars().filter(ch -> ch == ')').count());
  }
}
