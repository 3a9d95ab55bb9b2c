package mxlab.server.control;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Where the control socket of an instance with a given data directory lives. */
public final class ControlSocket {
  /** sun_path holds 108 bytes; longer data directory paths get a socket in the temp dir. */
  private static final int MAX_PATH = 100;

  private ControlSocket() {}

  public static Path of(Path dataDir) {
    Path inside = dataDir.toAbsolutePath().normalize().resolve("mxlab.sock");
    if (inside.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH) {
      return inside;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(inside.toString().getBytes(StandardCharsets.UTF_8));
      return Path.of(System.getProperty("java.io.tmpdir"))
          .resolve("mxlab-" + HexFormat.of().formatHex(digest, 0, 8) + ".sock");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
