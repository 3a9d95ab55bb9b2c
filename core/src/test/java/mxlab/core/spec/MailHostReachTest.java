package mxlab.core.spec;

import static mxlab.core.spec.SpecFixtures.minimal;
import static mxlab.core.spec.SpecFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
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
        .contains("--lab-address 127.0.0.1")
        .contains("--listen 192.168.0.100");
  }

  @Test
  void aLabAddressMovesListenerAndMailHostsTogether() throws Exception {
    Spec spec =
        spec(
            "server: { listen: 127.0.0.1 }\n"
                + minimal("    hosts: { mail: 192.168.0.100, www: 192.168.0.7 }\n")
                    .replace("    hosts: { mail: 192.168.0.100 }\n", ""));
    InetAddress lab = InetAddress.getByName("127.0.26.3");
    Spec moved = MailHostReach.onLabAddress(spec, lab);
    assertThat(moved.server().listen()).isEqualTo(lab);
    assertThat(moved.domains().get(0).hosts())
        .containsEntry("mail", List.of(lab))
        .containsEntry("www", List.of(InetAddress.getByName("192.168.0.7"))); // not a mail host
    assertThat(MailHostReach.warnings(moved, a -> false)).isEmpty();
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
