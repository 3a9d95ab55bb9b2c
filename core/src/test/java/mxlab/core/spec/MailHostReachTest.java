package mxlab.core.spec;

import static mxlab.core.spec.SpecFixtures.minimal;
import static mxlab.core.spec.SpecFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailHostReachTest {
  @Test
  void theTutorialsAddressIsNotWhereALoopbackLabListens() {
    Spec spec = spec("server: { listen: 127.0.0.1 }\n" + minimal(""));
    assertThat(MailHostReach.warnings(spec, a -> true))
        .singleElement()
        .asString()
        .contains("bann.com: mail.bann.com has the address 192.168.0.100")
        .contains("it listens on 127.0.0.1")
        .contains("hosts: { mail: 127.0.0.1 }")
        .contains("--listen 192.168.0.100");
  }

  @Test
  void aServedAddressDrawsNothing() {
    Spec same =
        spec(
            "server: { listen: 127.0.0.1 }\n"
                + minimal("").replace("mail: 192.168.0.100", "mail: 127.0.0.1"));
    assertThat(MailHostReach.warnings(same, a -> false)).isEmpty();
    Spec wildcard = spec("server: { listen: 0.0.0.0 }\n" + minimal(""));
    assertThat(MailHostReach.warnings(wildcard, a -> a.getHostAddress().equals("192.168.0.100")))
        .isEmpty();
    assertThat(MailHostReach.warnings(wildcard, a -> false))
        .singleElement()
        .asString()
        .contains("not an address of this machine");
  }
}
