package mxlab.mailauth.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import mxlab.mailauth.FakeDns;
import org.junit.jupiter.api.Test;

/**
 * {@code %{p}} beyond the suite's cases (RFC 7208 7.3, 5.5, 4.6.4): which validated name wins, the
 * 10-name cap, DNS errors, and its PTR question counted among the 10 DNS terms.
 */
class PtrMacroTest {
  private static final String CLIENT = "192.0.2.7";

  /** The explanation of a fail from example.com's "-all exp=why.example.com". */
  private static String explained(FakeDns dns) throws Exception {
    dns.txt("example.com", "v=spf1 -all exp=why.example.com").txt("why.example.com", "%{p}");
    SpfResult r = check(dns, "example.com");
    assertThat(r.verdict()).isEqualTo(SpfResult.Verdict.FAIL);
    return r.explanation();
  }

  private static SpfResult check(FakeDns dns, String domain) throws Exception {
    return new SpfChecker(dns, "receiver.example")
        .checkMailFrom(InetAddress.getByName(CLIENT), "someone@" + domain, "helo.example.org");
  }

  private static FakeDns validating(String... names) {
    FakeDns dns = new FakeDns().ptr(CLIENT, names);
    for (String n : names) {
      dns.a(n, CLIENT);
    }
    return dns;
  }

  @Test
  void theDomainItselfBeatsASubdomainWhichBeatsAnyOtherName() throws Exception {
    assertThat(explained(validating("other.test", "mx.example.com", "example.com")))
        .isEqualTo("example.com");
    assertThat(explained(validating("other.test", "mx.example.com"))).isEqualTo("mx.example.com");
    assertThat(explained(validating("other.test", "third.test"))).isEqualTo("other.test");
  }

  @Test
  void aNameThatDoesNotResolveBackIsNotValidated() throws Exception {
    FakeDns dns = new FakeDns().ptr(CLIENT, "liar.example.com", "honest.test");
    dns.a("liar.example.com", "198.51.100.1").a("honest.test", CLIENT);
    assertThat(explained(dns)).isEqualTo("honest.test");
  }

  @Test
  void onlyTheFirstTenPtrNamesAreLookedAt() throws Exception {
    String[] names = new String[11];
    FakeDns dns = new FakeDns();
    for (int i = 0; i < 10; i++) {
      names[i] = "n" + i + ".test";
      dns.a(names[i], "198.51.100.1"); // none of the first ten validates
    }
    names[10] = "eleventh.example.com";
    dns.a(names[10], CLIENT);
    dns.ptr(CLIENT, names);
    assertThat(explained(dns)).isEqualTo("unknown");
  }

  @Test
  void dnsErrorsGiveUnknownOrSkipTheName() throws Exception {
    FakeDns noPtr = new FakeDns().failing(CLIENT);
    assertThat(explained(noPtr)).isEqualTo("unknown");
    FakeDns oneBroken = new FakeDns().ptr(CLIENT, "broken.example.com", "fine.test");
    oneBroken.failing("broken.example.com").a("fine.test", CLIENT);
    assertThat(explained(oneBroken)).isEqualTo("fine.test");
    assertThat(explained(new FakeDns())).isEqualTo("unknown"); // no PTR record at all
  }

  @Test
  void aDomainSpecWithTheMacroIsLookedUpWithTheValidatedName() throws Exception {
    FakeDns dns = validating("mail.example.com");
    dns.txt("example.com", "v=spf1 exists:%{p}.allowed.example.com -all");
    dns.a("mail.example.com.allowed.example.com", "127.0.0.2");
    assertThat(check(dns, "example.com").verdict()).isEqualTo(SpfResult.Verdict.PASS);
  }

  /** 4.6.4: nine a terms and one exists are ten; the %{p} in exists is an eleventh lookup. */
  @Test
  void thePtrQuestionCountsTowardTheTenDnsTerms() throws Exception {
    FakeDns dns = validating("mail.example.com");
    dns.a("h.example.com", "198.51.100.9");
    dns.a("mail.example.com.ok.example.com", "127.0.0.2").a("x.ok.example.com", "127.0.0.2");
    String nine = "a:h.example.com ".repeat(9);
    dns.txt("plain.example.com", "v=spf1 " + nine + "exists:x.ok.example.com -all");
    dns.txt("macro.example.com", "v=spf1 " + nine + "exists:%{p}.ok.example.com -all");
    dns.txt(
        "eight.example.com",
        "v=spf1 " + "a:h.example.com ".repeat(8) + "exists:%{p}.ok.example.com -all");
    assertThat(check(dns, "plain.example.com").verdict()).isEqualTo(SpfResult.Verdict.PASS);
    assertThat(check(dns, "macro.example.com").verdict()).isEqualTo(SpfResult.Verdict.PERMERROR);
    assertThat(check(dns, "eight.example.com").verdict()).isEqualTo(SpfResult.Verdict.PASS);
  }
}
