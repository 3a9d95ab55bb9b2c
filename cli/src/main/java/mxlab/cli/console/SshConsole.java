package mxlab.cli.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import mxlab.core.site.Site;
import mxlab.core.spec.Admin;
import mxlab.core.store.PrivateFiles;
import mxlab.server.control.AdminContext;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin console over SSH (Apache MINA SSHD): public keys of the spec's admins only, no
 * passwords; a host key made once into the data directory and kept, so clients never see it change;
 * modern algorithms only, and no compression (MINA's default would offer zlib before auth). AES-GCM
 * and AES-CTR with non-EtM MACs are not open to the Terrapin prefix truncation (CVE-2023-48795),
 * and OpenSSH 9.6+ clients also get strict KEX.
 */
public final class SshConsole implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SshConsole.class);

  private final SshServer sshd;

  private SshConsole(SshServer sshd) {
    this.sshd = sshd;
  }

  public static SshConsole start(
      InetSocketAddress address, Path dataDir, Supplier<Site> site, AdminContext context)
      throws IOException {
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost(address.getAddress().getHostAddress());
    sshd.setPort(address.getPort());
    Path keyFile = dataDir.resolve("ssh").resolve("host_key");
    PrivateFiles.createDirectories(keyFile.getParent());
    SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(keyFile);
    hostKey.setAlgorithm(KeyUtils.EC_ALGORITHM);
    hostKey.setKeySize(256);
    hostKey.loadKeys(null); // made now, not at the first login, so it is 0600 from the start
    PrivateFiles.restrict(keyFile);
    sshd.setKeyPairProvider(hostKey);
    sshd.setCipherFactories(
        List.of(
            BuiltinCiphers.aes256gcm,
            BuiltinCiphers.aes128gcm,
            BuiltinCiphers.aes256ctr,
            BuiltinCiphers.aes192ctr,
            BuiltinCiphers.aes128ctr));
    sshd.setMacFactories(List.of(BuiltinMacs.hmacsha512, BuiltinMacs.hmacsha256));
    // MINA's default offers zlib, which would inflate whatever an unauthenticated client sends
    sshd.setCompressionFactories(List.of(BuiltinCompressions.none));
    sshd.setKeyExchangeFactories(
        NamedFactory.setUpTransformedFactories(
            false,
            List.of(
                BuiltinDHFactories.curve25519,
                BuiltinDHFactories.ecdhp256,
                BuiltinDHFactories.ecdhp384,
                BuiltinDHFactories.ecdhp521,
                BuiltinDHFactories.dhg16_512),
            ServerBuilder.DH2KEX));
    sshd.setPasswordAuthenticator(null);
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setPublickeyAuthenticator((user, key, session) -> authorized(site.get(), user, key));
    CoreModuleProperties.AUTH_TIMEOUT.set(sshd, Duration.ofSeconds(30));
    CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, 6);
    CoreModuleProperties.IDLE_TIMEOUT.set(sshd, Duration.ofMinutes(30));
    CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, "mxlab");
    sshd.setShellFactory(channel -> new ConsoleShell(context));
    sshd.setCommandFactory((channel, command) -> new ConsoleExec(context, command));
    sshd.start();
    return new SshConsole(sshd);
  }

  /** Whether {@code key} is the spec's key for admin {@code user}; read on every login. */
  static boolean authorized(Site site, String user, PublicKey key) {
    for (Admin admin : site.spec().admins()) {
      if (!admin.name().equals(user)) {
        continue;
      }
      try {
        PublicKey expected =
            AuthorizedKeyEntry.parseAuthorizedKeyEntry(admin.publicKey())
                .resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        if (expected != null && KeyUtils.compareKeys(expected, key)) {
          return true;
        }
      } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
        log.warn("ssh: the key of admin {} cannot be read: {}", user, e.toString());
      }
    }
    return false;
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(sshd.getHost(), sshd.getPort());
  }

  @Override
  public void close() throws IOException {
    sshd.stop(true);
  }
}
