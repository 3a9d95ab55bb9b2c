package mxlab.core.routing;

import static mxlab.core.spec.SpecFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import mxlab.core.address.MailAddress;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final Router router =
      Router.of(
          spec(
              """
              version: 1
              server: { hostname: mail.bann.com, postmaster: master@bann.com }
              domains:
                - name: bann.com
                  hosts: { mail: 192.168.0.100 }
                  users:
                    - { name: test }
                    - { name: master }
                    - { name: sorin }
                    - { name: suse }
                    - { name: away, forward: [far@remote.org] }
                    - { name: both, forward: [far@remote.org, test@bann.com], keep_copy: true }
                  aliases:
                    admin: [master, sorin, suse]
                    all: [admin, test, outside@remote.org]
                - name: catch.org
                  hosts: { mail: 192.168.0.101 }
                  users: [ { name: box } ]
                  catch_all: box
              virtual:
                info@other.org: test@bann.com
                "@third.org": "%1@bann.com"
                nope@other.org: "error:nouser No such person"
                info+sales@other.org: sorin@bann.com
                "help+*@other.org": suse@bann.com
              """));

  private Resolution resolve(String address) {
    return router.resolve(MailAddress.parse(address).orElseThrow());
  }

  private static Resolution.Deliver deliver(Resolution r) {
    assertThat(r).isInstanceOf(Resolution.Deliver.class);
    return (Resolution.Deliver) r;
  }

  @Test
  void usersCaseInsensitively() {
    assertThat(deliver(resolve("TeSt@BANN.com")).mailboxes())
        .containsExactly(new Mailbox("bann.com", "test"));
    assertThat(deliver(resolve("test@mail.bann.com")).mailboxes()) // the host name is ours too
        .containsExactly(new Mailbox("bann.com", "test"));
  }

  @Test
  void nestedAliasesExpandOnceEach() {
    Resolution.Deliver d = deliver(resolve("all@bann.com"));
    assertThat(d.mailboxes())
        .extracting(Mailbox::user)
        .containsExactly("master", "sorin", "suse", "test");
    assertThat(d.offsite()).extracting(MailAddress::toString).containsExactly("outside@remote.org");
  }

  @Test
  void forwardsWithAndWithoutACopy() {
    Resolution.Deliver away = deliver(resolve("away@bann.com"));
    assertThat(away.mailboxes()).isEmpty();
    assertThat(away.offsite()).extracting(MailAddress::toString).containsExactly("far@remote.org");
    Resolution.Deliver both = deliver(resolve("both@bann.com"));
    assertThat(both.mailboxes()).extracting(Mailbox::user).containsExactly("both", "test");
    assertThat(both.offsite()).hasSize(1);
  }

  @Test
  void virtualExactCatchAllAndErrors() {
    assertThat(deliver(resolve("info@other.org")).mailboxes())
        .extracting(Mailbox::user)
        .containsExactly("test");
    assertThat(deliver(resolve("sorin@third.org")).mailboxes())
        .extracting(Mailbox::user)
        .containsExactly("sorin");
    assertThat(resolve("nope@other.org")).isInstanceOf(Resolution.Reject.class);
    assertThat(resolve("someone@other.org")).isInstanceOf(Resolution.Unknown.class);
  }

  @Test
  void postmasterIsAlwaysAcceptedAndCatchAllTakesTheRest() {
    assertThat(deliver(resolve("postmaster@bann.com")).mailboxes())
        .extracting(Mailbox::user)
        .containsExactly("master");
    // the virtual catch-all maps it to POSTMASTER@bann.com, which is postmaster again
    assertThat(deliver(resolve("POSTMASTER@third.org")).mailboxes())
        .extracting(Mailbox::user)
        .containsExactly("master");
    assertThat(deliver(resolve("whoever@catch.org")).mailboxes())
        .containsExactly(new Mailbox("catch.org", "box"));
  }

  @Test
  void unknownLocalUsersAndRemoteAddresses() {
    Resolution unknown = resolve("mastr@bann.com");
    assertThat(unknown).isInstanceOf(Resolution.Unknown.class);
    assertThat(((Resolution.Unknown) unknown).nearest()).isEqualTo("master@bann.com");
    assertThat(resolve("someone@gmail.com")).isInstanceOf(Resolution.Remote.class);
  }

  /** sendmail's user+detail: user+detail, then user+*, then user, in each table (proto.m4). */
  @Test
  void plusDetailReachesTheUserAfterTheMoreSpecificForms() {
    assertThat(deliver(resolve("test+lists@bann.com")).mailboxes())
        .containsExactly(new Mailbox("bann.com", "test"));
    assertThat(deliver(resolve("admin+x@bann.com")).mailboxes())
        .extracting(Mailbox::user)
        .containsExactly("master", "sorin", "suse");
    assertThat(deliver(resolve("postmaster+x@bann.com")).mailboxes())
        .extracting(Mailbox::user)
        .containsExactly("master");
    // virtual: the exact key, then user+*, then user, before @domain
    assertThat(deliver(resolve("info+sales@other.org")).mailboxes())
        .extracting(Mailbox::user)
        .containsExactly("sorin");
    assertThat(deliver(resolve("info+other@other.org")).mailboxes())
        .extracting(Mailbox::user)
        .containsExactly("test");
    assertThat(deliver(resolve("help+anything@other.org")).mailboxes())
        .extracting(Mailbox::user)
        .containsExactly("suse");
    assertThat(resolve("help@other.org")).isInstanceOf(Resolution.Unknown.class);
    // %1 in an @domain entry is the user without the detail, as sendmail's
    assertThat(deliver(resolve("sorin+x@third.org")).mailboxes())
        .extracting(Mailbox::user)
        .containsExactly("sorin");
    // a catch_all domain: the user's own box first
    assertThat(deliver(resolve("box+x@catch.org")).mailboxes())
        .containsExactly(new Mailbox("catch.org", "box"));
    assertThat(resolve("nobody+x@bann.com")).isInstanceOf(Resolution.Unknown.class);
    assertThat(resolve("+x@bann.com")).isInstanceOf(Resolution.Unknown.class); // no user part
  }
}
