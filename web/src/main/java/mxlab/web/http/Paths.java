package mxlab.web.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Request paths as handlers may see them: decoded once, absolute, and free of anything that could
 * climb out of a route ("..", "." segments, backslashes, control characters, empty segments).
 * Everything else is refused with 400 before routing, so no handler has to think about it.
 */
final class Paths {
  private static final int MAX_PATH = 2048;

  private Paths() {}

  static String checked(String rawPath) throws HttpError {
    if (rawPath == null || !rawPath.startsWith("/") || rawPath.length() > MAX_PATH) {
      throw HttpError.badRequest("bad path");
    }
    String path;
    try {
      // '+' is a plain character in a path, not a space as in a query
      path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("bad escape in path");
    }
    if (path.contains("%")) {
      throw HttpError.badRequest("doubly encoded path"); // %252e%252e would decode to ".." later
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '\\') {
        throw HttpError.badRequest("bad character in path");
      }
    }
    if (path.length() > 1) {
      String[] segments = path.substring(1).split("/", -1);
      for (int i = 0; i < segments.length; i++) {
        String s = segments[i];
        boolean last = i == segments.length - 1;
        if (s.equals("..") || s.equals(".") || (s.isEmpty() && !last)) {
          throw HttpError.badRequest("path must not climb");
        }
      }
    }
    return path;
  }
}
