package mxlab.imap.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SequenceSetTest {
  @Test
  void numbersRangesAndStar() throws Exception {
    SequenceSet s = SequenceSet.parse("2,4:6,10:*");
    assertThat(s.contains(2, 20)).isTrue();
    assertThat(s.contains(3, 20)).isFalse();
    assertThat(s.contains(5, 20)).isTrue();
    assertThat(s.contains(20, 20)).isTrue();
    assertThat(s.contains(21, 20)).isFalse();
  }

  @Test
  void rangesMayBeWrittenBackwardsAndStarMayBeBelowTheOtherEnd() throws Exception {
    assertThat(SequenceSet.parse("6:4").contains(5, 10)).isTrue();
    // RFC 3501 6.4.8: "*:123" with the last UID 100 means 100:123
    SequenceSet s = SequenceSet.parse("*:123");
    assertThat(s.contains(100, 100)).isTrue();
    assertThat(s.contains(99, 100)).isFalse();
  }

  @Test
  void zeroEmptyAndJunkAreErrors() {
    for (String bad : new String[] {"", "0", "1:0", "a", "1,,2", "1:", "99999999999", "01"}) {
      assertThatThrownBy(() -> SequenceSet.parse(bad))
          .as(bad)
          .isInstanceOf(ImapSyntaxException.class);
    }
  }
}
