package mxlab.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EncodedWordsTest {
  private static String b(String charset, String text) {
    return "=?"
        + charset
        + "?B?"
        + Base64.getEncoder().encodeToString(text.getBytes(Charset.forName(charset)))
        + "?=";
  }

  @Test
  void koreanInUtf8AndEucKr() {
    assertThat(EncodedWords.decode(b("UTF-8", "안녕하세요"))).isEqualTo("안녕하세요");
    assertThat(EncodedWords.decode("=?utf-8?B?7JWI64WV?=")).isEqualTo("안녕");
    assertThat(EncodedWords.decode(b("EUC-KR", "회의 일정 안내"))).isEqualTo("회의 일정 안내");
    assertThat(EncodedWords.decode("[공지] " + b("euc-kr", "메일 서버") + " 점검"))
        .isEqualTo("[공지] 메일 서버 점검");
  }

  @Test
  void koreanOutlooksCharsetLabelReadsAsWindows949() {
    // 똠 is one of the Hangul syllables windows-949 has and EUC-KR (KS X 1001) lacks.
    String word =
        "=?ks_c_5601-1987?B?"
            + Base64.getEncoder().encodeToString("똠방각하".getBytes(Charset.forName("x-windows-949")))
            + "?=";
    assertThat(EncodedWords.decode(word)).isEqualTo("똠방각하");
  }

  @Test
  void qEncodingWithUnderscoresAndHex() {
    assertThat(EncodedWords.decode("=?ISO-8859-1?Q?caf=E9_cr=e8me?=")).isEqualTo("café crème");
    assertThat(EncodedWords.decode("=?UTF-8?Q?=ED=9A=8C=EC=9D=98_=EC=9A=94=EC=95=BD?="))
        .isEqualTo("회의 요약");
  }

  /** RFC 2047 section 8, the examples outside comments. */
  @Test
  void theExamplesOfTheRfc() {
    assertThat(EncodedWords.decode("=?ISO-8859-1?Q?a?=")).isEqualTo("a");
    assertThat(EncodedWords.decode("=?ISO-8859-1?Q?a?= b")).isEqualTo("a b");
    assertThat(EncodedWords.decode("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=")).isEqualTo("ab");
    assertThat(EncodedWords.decode("=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=")).isEqualTo("ab");
    assertThat(EncodedWords.decode("=?ISO-8859-1?Q?a?=\t =?ISO-8859-1?Q?b?=")).isEqualTo("ab");
    assertThat(EncodedWords.decode("=?ISO-8859-1?Q?a_b?=")).isEqualTo("a b");
    assertThat(EncodedWords.decode("=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=")).isEqualTo("a b");
    assertThat(EncodedWords.decode("=?US-ASCII*EN?Q?Keith_Moore?=")).isEqualTo("Keith Moore");
  }

  @Test
  void textAroundEncodedWordsKeepsItsSpaces() {
    assertThat(EncodedWords.decode("Re:  " + b("UTF-8", "안녕") + "  again "))
        .isEqualTo("Re:  안녕  again ");
  }

  @Test
  void aCharacterSplitBetweenTwoWordsIsJoinedAgain() {
    byte[] han = "한".getBytes(StandardCharsets.UTF_8); // ED 95 9C
    String first = Base64.getEncoder().encodeToString(new byte[] {han[0], han[1]});
    String second = Base64.getEncoder().encodeToString(new byte[] {han[2]});
    assertThat(EncodedWords.decode("=?UTF-8?B?" + first + "?= =?UTF-8?B?" + second + "?="))
        .isEqualTo("한");
  }

  @Test
  void malformedWordsAreLeftAsTheyAre() {
    for (String bad :
        new String[] {
          "=?utf-8?B?!!!notbase64?=",
          "=?no-such-charset?Q?x?=",
          "=?utf-8?X?abc?=",
          "=?utf-8?Q?bad=ZZ?=",
          "=?utf-8?Q?cut=E?=",
          "=?utf-8?B?7JWI64WV",
          "x=?utf-8?B?7JWI64WV?=",
          "=?utf-8?Q?with space?="
        }) {
      assertThat(EncodedWords.decode(bad)).as(bad).isEqualTo(bad);
    }
    assertThat(EncodedWords.decode("=?utf-8?B?!!!?= =?utf-8?B?7JWI64WV?="))
        .isEqualTo("=?utf-8?B?!!!?= 안녕");
  }

  @Test
  void aFoldedSubjectIsUnfoldedThenDecoded() throws Exception {
    String header =
        "From: a@b.c\r\n"
            + "subject: =?UTF-8?B?7ZqM7J2YIOydvOyglQ==?=\r\n"
            + " =?UTF-8?B?IOyViOuCtA==?=\r\n"
            + "\tand more\r\n"
            + "To: d@e.f\r\n"
            + "\r\n"
            + "Subject: in the body\r\n";
    String body = HeaderFields.first(new BufferedReader(new StringReader(header)), "Subject").get();
    assertThat(body)
        .isEqualTo(" =?UTF-8?B?7ZqM7J2YIOydvOyglQ==?= =?UTF-8?B?IOyViOuCtA==?=\tand more");
    assertThat(EncodedWords.decode(body).strip()).isEqualTo("회의 일정 안내\tand more");
  }

  @Test
  void noSubjectFieldInTheHeader() throws Exception {
    String header = "From: a@b.c\n\nSubject: in the body\n";
    assertThat(HeaderFields.first(new BufferedReader(new StringReader(header)), "Subject"))
        .isEmpty();
  }
}
