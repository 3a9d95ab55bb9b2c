package mxlab.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads what mxlab wrote into a data directory: Maildir messages and queue entries. */
final class MailFiles {
  private MailFiles() {}

  /** The messages of {@code user@domain} in new/ and cur/, as text. */
  static List<String> mailbox(Path data, String domain, String user) throws IOException {
    List<String> out = new ArrayList<>();
    for (String sub : List.of("new", "cur")) {
      Path dir = data.resolve("mail").resolve(domain).resolve(user).resolve(sub);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          out.add(Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  /** Names of the queued messages' envelopes. */
  static List<String> queue(Path data) throws IOException {
    Path dir = data.resolve("queue");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".env")).toList();
    }
  }
}
