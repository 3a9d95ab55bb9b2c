package mxlab.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mxlab.core.store.PrivateFiles;
import mxlab.core.store.SyncBatcher;

/**
 * A folder's keyword letters, in Dovecot's {@code dovecot-keywords} ("0 $Forwarded" means the info
 * letter 'a' is $Forwarded): 26 keywords a folder at most, as in Dovecot's Maildir names.
 */
final class Keywords {
  static final String FILE = "dovecot-keywords";
  static final int MAX = 26;

  private final Path file;
  private final List<String> names = new ArrayList<>();

  private Keywords(Path file) {
    this.file = file;
  }

  static Keywords load(Path dir) throws IOException {
    Keywords k = new Keywords(dir.resolve(FILE));
    List<String> lines;
    try {
      lines = Files.readAllLines(k.file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return k;
    }
    for (String line : lines) {
      int space = line.indexOf(' ');
      if (space <= 0) {
        continue;
      }
      try {
        int index = Integer.parseInt(line.substring(0, space));
        if (index >= 0 && index < MAX) {
          while (k.names.size() <= index) {
            k.names.add(null);
          }
          k.names.set(index, line.substring(space + 1));
        }
      } catch (NumberFormatException e) {
        // not a line of ours: skip it, as Dovecot does
      }
    }
    return k;
  }

  Optional<String> name(char letter) {
    int i = letter - 'a';
    return i >= 0 && i < names.size() ? Optional.ofNullable(names.get(i)) : Optional.empty();
  }

  /**
   * The letter for a keyword; a new keyword takes the next free letter; empty when all 26 are used.
   */
  Optional<Character> letter(String keyword) throws IOException {
    String lower = keyword.toLowerCase(Locale.ROOT);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) != null && names.get(i).toLowerCase(Locale.ROOT).equals(lower)) {
        return Optional.of((char) ('a' + i));
      }
    }
    int free = names.indexOf(null);
    if (free < 0 && names.size() >= MAX) {
      return Optional.empty();
    }
    if (free < 0) {
      names.add(keyword);
      free = names.size() - 1;
    } else {
      names.set(free, keyword);
    }
    save();
    return Optional.of((char) ('a' + free));
  }

  /** Every keyword the folder knows (PERMANENTFLAGS / FLAGS). */
  List<String> all() {
    return names.stream().filter(n -> n != null).toList();
  }

  private void save() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) != null) {
        b.append(i).append(' ').append(names.get(i)).append('\n');
      }
    }
    PrivateFiles.replace(file, b.toString().getBytes(StandardCharsets.UTF_8));
    // the rename too: a file renamed with the new letter must not outlive its keyword in a crash
    SyncBatcher.fsync(file.getParent());
  }
}
