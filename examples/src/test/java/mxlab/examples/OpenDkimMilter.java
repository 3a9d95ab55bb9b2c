package mxlab.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private OpenDKIM (Debian's opendkim, 2.11) as a milter on a free loopback port, in the
 * foreground so that it stops with the test. It signs with its key the mail of INTERNAL_HOST and,
 * in mode "sv", verifies all other mail; its key queries go through libunbound to the DNS servers
 * named per zone (stub zones), so nothing outside the test answers them. One instance signs with
 * one algorithm only (SignatureAlgorithm is global in 2.11), so signing with RSA and Ed25519 takes
 * two milters in a row.
 */
final class OpenDkimMilter implements AutoCloseable {
  final int port;
  final Path log;
  private final Process process;

  /**
   * A signing key: OpenDKIM signs mail from {@code *@domain} with it, under {@code selector}, with
   * ALGORITHM (rsa-sha256, ed25519-sha256) in CANONICALIZATION ("relaxed/relaxed", ...), signing
   * the SETTINGS given beside ("OversignHeaders From", ...).
   */
  record Key(
      String domain,
      String selector,
      String algorithm,
      String canonicalization,
      List<String> settings,
      String pkcs8Pem) {}

  private OpenDkimMilter(int port, Path log, Process process) {
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts OpenDKIM in DIR in MODE ("s", "sv") with AUTHSERV_ID for its Authentication-Results,
   * signing with KEY the mail from INTERNAL_HOST, and asking the server at STUBS' value
   * ("127.0.0.1@5353") for each zone named by its key.
   */
  static OpenDkimMilter start(
      Path dir,
      String mode,
      String authservId,
      String internalHost,
      Key key,
      Map<String, String> stubs)
      throws Exception {
    Tools.require("opendkim");
    Files.createDirectories(dir);
    Path file = dir.resolve(key.selector() + ".key");
    Files.writeString(file, key.pkcs8Pem());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    String name = key.domain() + "-" + key.selector();
    Files.writeString(
        dir.resolve("keytable"),
        name + " " + key.domain() + ":" + key.selector() + ":" + file + "\n");
    Files.writeString(dir.resolve("signingtable"), "*@" + key.domain() + " " + name + "\n");
    StringBuilder unbound =
        new StringBuilder("server:\n  do-not-query-localhost: no\n  module-config: \"iterator\"\n");
    stubs.forEach(
        (zone, server) ->
            unbound.append("stub-zone:\n  name: \"" + zone + "\"\n  stub-addr: " + server + "\n"));
    Files.writeString(dir.resolve("unbound.conf"), unbound);
    int port = Tools.freePort("127.0.0.1");
    Files.writeString(
        dir.resolve("opendkim.conf"),
        String.join(
            "\n",
            "Mode " + mode,
            "Socket inet:" + port + "@127.0.0.1",
            "PidFile " + dir.resolve("opendkim.pid"),
            "Syslog no",
            "AuthservID " + authservId,
            "InternalHosts " + internalHost,
            "KeyTable file:" + dir.resolve("keytable"),
            "SigningTable refile:" + dir.resolve("signingtable"),
            "SignatureAlgorithm " + key.algorithm(),
            // the key is 0600, but under /tmp, which others can write: that is "not secure" and
            // would answer every message to sign with a 451
            "RequireSafeKeys no",
            "Canonicalization " + key.canonicalization(),
            String.join("\n", key.settings()),
            // no TrustAnchorFile: the lab's zones are unsigned, so results say "unprotected"
            "ResolverConfiguration " + dir.resolve("unbound.conf"),
            ""));
    Path log = dir.resolve("opendkim.log");
    List<String> command =
        new ArrayList<>(List.of("opendkim", "-f", "-x", dir.resolve("opendkim.conf").toString()));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    OpenDkimMilter milter = new OpenDkimMilter(port, log, p);
    try {
      Tools.awaitListening("127.0.0.1", port);
    } catch (AssertionError e) {
      milter.close();
      throw new AssertionError("opendkim did not start: " + Files.readString(log), e);
    }
    return milter;
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
