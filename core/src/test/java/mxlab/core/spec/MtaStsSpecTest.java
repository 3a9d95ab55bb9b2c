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

  @Test
  void aMaxAgeBeyondRfc8461sYearIsAnErrorAtItsPlace() {
    // the domain's lines start at line 8 of minimal(); the value at column 22
    assertThat(report(minimal("    mta_sts: testing\n    mta_sts_max_age: 400d\n")))
        .contains(
            "t.yaml:9:22: error: domain bann.com: mta_sts_max_age 34560000s is more than RFC 8461"
                + " allows (31557600s, about a year)")
        .contains("write at most 31557600 (or 365d)");
    assertThat(report(minimal("    mta_sts: testing\n    mta_sts_max_age: 31557601\n")))
        .contains("t.yaml:9:22: error:");
    Domain limit =
        spec(minimal("    mta_sts: enforce\n    mta_sts_max_age: 31557600\n")).domains().get(0);
    assertThat(limit.mtaSts().policy(limit)).endsWith("\r\nmax_age: 31557600\r\n");
  }
}
