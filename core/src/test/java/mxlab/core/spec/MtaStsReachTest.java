package mxlab.core.spec;

import static mxlab.core.spec.SpecFixtures.minimal;
import static mxlab.core.spec.SpecFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MtaStsReachTest {
  @Test
  void aPolicyWithHttpsOffIsNamedWithWhatToChange() {
    Spec off = spec("server: { ports: { https: off } }\n" + minimal("    mta_sts: enforce\n"));
    assertThat(MtaStsReach.warnings(off))
        .singleElement()
        .asString()
        .startsWith("warning: bann.com: mta_sts: enforce needs the https service, which is off")
        .contains("https://mta-sts.bann.com/.well-known/mta-sts.txt")
        .contains("no _mta-sts record")
        .contains("hint: turn https on")
        .contains("--ports https=8443");
  }

  @Test
  void httpsOnOrNoPolicyDrawsNothing() {
    assertThat(MtaStsReach.warnings(spec(minimal("    mta_sts: testing\n")))).isEmpty();
    // TLS reports alone need no web listener
    assertThat(
            MtaStsReach.warnings(
                spec(
                    "server: { ports: { https: off } }\n"
                        + minimal("    tls_rpt: mailto:r@bann.com\n"))))
        .isEmpty();
    assertThat(
            MtaStsReach.warnings(
                spec("server: { ports: { https: off } }\n" + minimal("    dmarc: v=DMARC1\n"))))
        .isEmpty();
  }
}
