package mxlab.web.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page's own stylesheet and script, from the jar. A fixed list: no request path ever names a
 * resource, so there is nothing to traverse.
 */
public final class StaticFiles {
  private static final Map<String, String> FILES =
      Map.of(
          "/static/lab.css", "text/css; charset=utf-8",
          "/static/lab.js", "text/javascript; charset=utf-8");

  private StaticFiles() {}

  public static void addTo(Routes routes) {
    for (Map.Entry<String, String> f : FILES.entrySet()) {
      byte[] body = read(f.getKey());
      routes.get(f.getKey(), r -> r.reply(200, f.getValue(), body));
    }
  }

  private static byte[] read(String path) {
    try (InputStream in = StaticFiles.class.getResourceAsStream("/mxlab/web" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
