package mxlab.core.spec;

import static mxlab.core.spec.SpecFixtures.minimal;
import static mxlab.core.spec.SpecFixtures.report;
import static mxlab.core.spec.SpecFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MtaStsSpecTest {
  @Test
  void aPolicyNamesEveryMxHostAndItsIdFollowsIt() {
    Domain d =
        spec(minimal("    mta_sts: testing\n    tls_rpt: mailto:tlsrpt@bann.com\n"))
            .domains()
            .get(0);
    assertThat(d.mtaSts().policy(d))
        .isEqualTo("version: STSv1\r\nmode: testing\r\nmx: mail.bann.com\r\nmax_age: 86400\r\n");
    assertThat(d.mtaSts().tlsRpt()).isEqualTo("mailto:tlsrpt@bann.com");
    Domain enforced = spec(minimal("    mta_sts: enforce\n")).domains().get(0);
    assertThat(enforced.mtaSts().id(enforced))
        .isNotEqualTo(d.mtaSts().id(d))
        .matches("[0-9a-f]{20}");
    Domain week = spec(minimal("    mta_sts: testing\n    mta_sts_max_age: 7d\n")).domains().get(0);
    assertThat(week.mtaSts().policy(week)).endsWith("\r\nmax_age: 604800\r\n");
    assertThat(week.mtaSts().id(week)).isNotEqualTo(d.mtaSts().id(d));
    assertThat(spec(minimal("")).domains().get(0).mtaSts()).isNull();
    assertThat(
            spec(minimal("    tls_rpt: mailto:r@bann.com\n")).domains().get(0).mtaSts().hasPolicy())
        .isFalse();
  }

  @Test
  void badModesAndReportAddressesAreExplained() {
    assertThat(report(minimal("    mta_sts: strict\n")))
        .contains("mta_sts 'strict' is not a mode")
        .contains("testing, enforce, none");
    assertThat(report(minimal("    tls_rpt: tlsrpt@bann.com\n")))
        .contains("tls_rpt must be a mailto: or https:// address");
  }
}
