package mxlab.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
  @Test
  void controlCharactersBecomeOctalEscapesOfTheirUtf8Bytes() {
    assertThat(Printable.escape("a\r\nb")).isEqualTo("a\\015\\012b");
    assertThat(Printable.escape("\u001b[31mred\u0000\u007f\t"))
        .isEqualTo("\\033[31mred\\000\\177\\011");
    assertThat(Printable.escape("next\u0085line\u2028sep\u2029"))
        .isEqualTo("next\\302\\205line\\342\\200\\250sep\\342\\200\\251");
    assertThat(Printable.escape("abc\u202egpj.exe")).isEqualTo("abc\\342\\200\\256gpj.exe");
  }

  @Test
  void textStaysReadable() {
    String text = "제목: 안녕하세요 — café ✓ 😀 C:\\path \"quoted\"";
    assertThat(Printable.escape(text)).isSameAs(text);
  }

  @Test
  void escapingTwiceChangesNothing() {
    String once = Printable.escape("x\r\n\u001b\u0085y");
    assertThat(Printable.escape(once)).isEqualTo(once);
  }

  @Test
  void everyArgumentOfALogCall() {
    assertThat(Printable.escapeAll("a\nb", 42, null)).containsExactly("a\\012b", "42", "null");
  }
}
