package mxlab.core.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Optional;

/** Header fields read from the top of a message (RFC 5322 section 2.2). */
public final class HeaderFields {
  private HeaderFields() {}

  /**
   * The body of the first field named {@code name} (any case), unfolded, from the header that
   * {@code in} reads up to its empty line; empty when there is no such field.
   */
  public static Optional<String> first(BufferedReader in, String name) throws IOException {
    StringBuilder body = null;
    String line;
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
      if (body != null) {
        if (!continuation) {
          break;
        }
        // RFC 5322 section 2.2.3: unfolding removes the CRLF before the whitespace, nothing else.
        body.append(line);
      } else if (!continuation && isField(line, name)) {
        body = new StringBuilder(line.substring(name.length() + 1));
      }
    }
    return Optional.ofNullable(body).map(StringBuilder::toString);
  }

  private static boolean isField(String line, String name) {
    return line.length() > name.length()
        && line.charAt(name.length()) == ':'
        && line.regionMatches(true, 0, name, 0, name.length());
  }
}
