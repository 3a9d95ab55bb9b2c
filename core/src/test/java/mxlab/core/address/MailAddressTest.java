package mxlab.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailAddressTest {
  @Test
  void needlessQuotesNameTheSameMailbox() {
    assertThat(MailAddress.parse("\"alice\"@bann.com"))
        .contains(new MailAddress("alice", "bann.com"));
    assertThat(MailAddress.parse("\"a\\lice\"@bann.com"))
        .contains(new MailAddress("alice", "bann.com"));
  }

  @Test
  void quotesThatAreNeededStay() {
    assertThat(MailAddress.parse("\"v@example.com\"@bann.com").orElseThrow().local())
        .isEqualTo("\"v@example.com\"");
    assertThat(MailAddress.parse("\"a b\"@bann.com").orElseThrow().local()).isEqualTo("\"a b\"");
    assertThat(MailAddress.parse("\"a..b\"@bann.com").orElseThrow().local()).isEqualTo("\"a..b\"");
  }
}
