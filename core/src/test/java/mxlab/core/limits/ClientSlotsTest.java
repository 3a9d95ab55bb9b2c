package mxlab.core.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClientSlotsTest {
  private final ClientSlots slots = new ClientSlots();

  @Test
  void aClientGetsAtMostItsShareAndGetsSlotsBack() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.1");
    InetAddress b = InetAddress.getByName("192.0.2.2");
    assertThat(slots.tryTake(a, 2)).isTrue();
    assertThat(slots.tryTake(a, 2)).isTrue();
    assertThat(slots.tryTake(a, 2)).isFalse();
    assertThat(slots.tryTake(b, 2)).isTrue();
    slots.give(a);
    assertThat(slots.held(a)).isEqualTo(1);
    assertThat(slots.tryTake(a, 2)).isTrue();
    slots.give(a);
    slots.give(a);
    assertThat(slots.held(a)).isZero();
  }

  @Test
  void ipv6AddressesOfOneSlash64AreOneClient() throws Exception {
    InetAddress one = InetAddress.getByName("2001:db8:1:2::1");
    InetAddress other = InetAddress.getByName("2001:db8:1:2:ffff:1:2:3");
    InetAddress elsewhere = InetAddress.getByName("2001:db8:1:3::1");
    assertThat(slots.tryTake(one, 1)).isTrue();
    assertThat(slots.tryTake(other, 1)).isFalse();
    assertThat(slots.tryTake(elsewhere, 1)).isTrue();
  }
}
