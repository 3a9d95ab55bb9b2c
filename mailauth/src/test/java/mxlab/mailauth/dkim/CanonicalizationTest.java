package mxlab.mailauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6376 3.4's canonicalizations, its 3.4.5 example first, then the ends of a body. */
class CanonicalizationTest {
  @Test
  void theRfcsExampleHeaderFields() {
    assertThat(Canonicalization.RELAXED.header("A: X")).isEqualTo("a:X\r\n");
    assertThat(Canonicalization.RELAXED.header("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z\r\n");
    assertThat(Canonicalization.SIMPLE.header("B : Y\t\r\n\tZ  "))
        .isEqualTo("B : Y\t\r\n\tZ  \r\n");
  }

  @Test
  void theRfcsExampleBody() {
    assertThat(relaxed(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
    assertThat(simple(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C \r\nD \t E\r\n");
  }

  @Test
  void anEmptyBodyIsNothingRelaxedAndOneLineSimple() {
    assertThat(relaxed("")).isEmpty();
    assertThat(relaxed("\r\n \t\r\n\r\n")).isEmpty();
    assertThat(simple("")).isEqualTo("\r\n");
    assertThat(simple("\r\n\r\n")).isEqualTo("\r\n");
    assertThat(simple(" \r\n\r\n")).isEqualTo(" \r\n");
  }

  @Test
  void emptyLinesInsideStayAndTheLastLineGetsItsCrlf() {
    assertThat(relaxed("a\r\n\r\n \r\nb")).isEqualTo("a\r\n\r\n\r\nb\r\n");
    assertThat(simple("a\r\n\r\nb")).isEqualTo("a\r\n\r\nb\r\n");
    assertThat(relaxed("a\rb \r\n")).isEqualTo("a\rb\r\n"); // a bare CR is content
  }

  @Test
  void theBTagsValueGoesAndTheRestStays() {
    assertThat(SignedData.withEmptyB("DKIM-Signature: v=1; bh=x=; b = ab\r\n\tcd ; d=x"))
        .isEqualTo("DKIM-Signature: v=1; bh=x=; b =; d=x");
    assertThat(SignedData.withEmptyB("DKIM-Signature: b=abc")).isEqualTo("DKIM-Signature: b=");
  }

  private static String relaxed(String body) {
    return canonical(Canonicalization.RELAXED, body);
  }

  private static String simple(String body) {
    return canonical(Canonicalization.SIMPLE, body);
  }

  private static String canonical(Canonicalization c, String body) {
    return new String(
        c.body(body.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
  }
}
