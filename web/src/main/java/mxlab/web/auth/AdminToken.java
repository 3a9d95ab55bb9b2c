package mxlab.web.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import mxlab.core.store.PrivateFiles;

/**
 * The admin's password for the lab page: a random token made once in {@code data_dir/web} (0600),
 * so whoever may read the data directory (the teacher who ran `mxlab up`) may log in as admin. The
 * spec's admins hold SSH keys, which a browser form cannot use.
 */
public final class AdminToken {
  private final byte[] token;

  private AdminToken(byte[] token) {
    this.token = token;
  }

  public static Path file(Path dataDir) {
    return dataDir.resolve("web").resolve("admin-token");
  }

  public static AdminToken load(Path dataDir) throws IOException {
    Path file = file(dataDir);
    if (!Files.exists(file)) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      PrivateFiles.createDirectories(file.getParent());
      String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      PrivateFiles.replace(file, (text + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    return new AdminToken(
        Files.readString(file, StandardCharsets.US_ASCII)
            .strip()
            .getBytes(StandardCharsets.US_ASCII));
  }

  /** In constant time, so the answer's timing tells nothing about how much was right. */
  public boolean matches(String candidate) {
    return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }
}
