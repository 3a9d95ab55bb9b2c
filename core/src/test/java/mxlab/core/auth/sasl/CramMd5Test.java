package mxlab.core.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

public class CramMd5Test {
  /** For dialogue tests: the client's side of CRAM-MD5. */
  public static String hmac(String key, byte[] challenge) {
    return CramMd5Exchange.hmacMd5(key, challenge);
  }

  @Test
  void matchesTheRfc2195Example() {
    // RFC 2195 section 2: tim / tanstaaftanstaaf
    String digest =
        hmac("tanstaaftanstaaf", "<1896.697170952@postoffice.reston.mci.net>".getBytes());
    assertThat(digest).isEqualTo("b913a602c7eda7a495b4e6e7334d3890");
  }
}
