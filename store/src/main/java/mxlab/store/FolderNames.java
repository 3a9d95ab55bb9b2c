package mxlab.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Folder names on disk as Dovecot's Maildir++ layout writes them: {@code .Name} under the user's
 * Maildir, "." separating levels, non-ASCII in IMAP's modified UTF-7 (RFC 3501 5.1.3), so a Dovecot
 * on the same Maildir shows the same folders.
 */
public final class FolderNames {
  public static final char SEPARATOR = '.';
  private static final int MAX_LENGTH = 255;

  private FolderNames() {}

  /** Why a name cannot be a folder, or empty when it can. */
  public static Optional<String> problem(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      return Optional.of("a folder name has 1 to " + MAX_LENGTH + " characters");
    }
    if (name.charAt(0) == SEPARATOR
        || name.charAt(name.length() - 1) == SEPARATOR
        || name.contains("..")) {
      return Optional.of("empty levels in a folder name");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '~' && i == 0) {
        return Optional.of("a folder name cannot hold control characters, '/' or '\\'");
      }
    }
    return Optional.empty();
  }

  /** The directory name under the Maildir: ".Sent", ".Archive.2024". */
  public static String toDirectory(String name) {
    return "." + encode(name);
  }

  /** The folder name of a directory name, or empty when it is not a folder of ours. */
  public static Optional<String> fromDirectory(String directory) {
    if (directory.length() < 2 || directory.charAt(0) != '.' || directory.equals("..")) {
      return Optional.empty();
    }
    return decode(directory.substring(1));
  }

  /** Modified UTF-7: printable ASCII as is ("&" as "&-"), the rest as &base64(UTF-16)-. */
  public static String encode(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c >= 0x20 && c <= 0x7e) {
        out.append(c == '&' ? "&-" : String.valueOf(c));
        i++;
        continue;
      }
      int start = i;
      while (i < s.length() && (s.charAt(i) < 0x20 || s.charAt(i) > 0x7e)) {
        i++;
      }
      byte[] utf16 = s.substring(start, i).getBytes(StandardCharsets.UTF_16BE);
      String b64 = Base64.getEncoder().withoutPadding().encodeToString(utf16).replace('/', ',');
      out.append('&').append(b64).append('-');
    }
    return out.toString();
  }

  /** The name a modified UTF-7 string stands for; empty when it is not valid modified UTF-7. */
  public static Optional<String> decode(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '&') {
        out.append(c);
        i++;
        continue;
      }
      int end = s.indexOf('-', i);
      if (end < 0) {
        return Optional.empty();
      }
      if (end == i + 1) {
        out.append('&');
      } else {
        try {
          byte[] utf16 = Base64.getDecoder().decode(s.substring(i + 1, end).replace(',', '/'));
          out.append(StandardCharsets.UTF_16BE.decode(ByteBuffer.wrap(utf16)));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
      i = end + 1;
    }
    return Optional.of(out.toString());
  }
}
