package mxlab.web.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request and its answer. The path is checked before any handler sees it ({@link Paths}); the
 * body is read only up to {@link WebLimits#MAX_BODY}.
 */
public final class Request {
  private final HttpExchange exchange;
  private final String path;
  private final boolean secure;
  private final Map<String, Object> attributes = new HashMap<>();
  private Map<String, String> query;
  private Map<String, String> form;
  private boolean answered;

  Request(HttpExchange exchange, String path, boolean secure) {
    this.exchange = exchange;
    this.path = path;
    this.secure = secure;
  }

  public String method() {
    return exchange.getRequestMethod();
  }

  /** The decoded, checked path ("/mail/config-v1.1.xml"). */
  public String path() {
    return path;
  }

  /** Whether the request came over HTTPS. */
  public boolean secure() {
    return secure;
  }

  public InetAddress client() {
    return exchange.getRemoteAddress().getAddress();
  }

  /** The Host header without its port, lower case; empty when there is none. */
  public String host() {
    String h = Optional.ofNullable(header("Host")).orElse("").toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 ? h.substring(1, end) : h;
    }
    int colon = h.indexOf(':');
    return colon >= 0 ? h.substring(0, colon) : h;
  }

  public String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  public Optional<String> query(String name) {
    if (query == null) {
      query = decodePairs(exchange.getRequestURI().getRawQuery());
    }
    return Optional.ofNullable(query.get(name));
  }

  /** A field of an application/x-www-form-urlencoded POST body. */
  public Optional<String> form(String name) throws IOException, HttpError {
    if (form == null) {
      String type = Optional.ofNullable(header("Content-Type")).orElse("");
      if (!type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        throw new HttpError(415, "expected a form");
      }
      form = decodePairs(new String(body(), StandardCharsets.UTF_8));
    }
    return Optional.ofNullable(form.get(name));
  }

  /** The request body, refused past {@link WebLimits#MAX_BODY} octets. */
  public byte[] body() throws IOException, HttpError {
    String length = header("Content-Length");
    if (length != null
        && (!length.matches("\\d{1,9}") || Long.parseLong(length) > WebLimits.MAX_BODY)) {
      throw new HttpError(413, "request body too large");
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(WebLimits.MAX_BODY + 1);
      if (bytes.length > WebLimits.MAX_BODY) {
        throw new HttpError(413, "request body too large");
      }
      return bytes;
    }
  }

  public Optional<String> cookie(String name) {
    for (String line : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String pair : line.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
          String value = pair.substring(eq + 1).trim();
          // RFC 6265 4.1.1 lets a value be quoted (RFC 2965 clients, such as the JDK's, do)
          boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
          return Optional.of(quoted ? value.substring(1, value.length() - 1) : value);
        }
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  public <T> Optional<T> attribute(String name) {
    return Optional.ofNullable((T) attributes.get(name));
  }

  public void attribute(String name, Object value) {
    attributes.put(name, value);
  }

  public void responseHeader(String name, String value) {
    exchange.getResponseHeaders().set(name, value);
  }

  /** One more field of that name (Set-Cookie for two cookies). */
  public void addResponseHeader(String name, String value) {
    exchange.getResponseHeaders().add(name, value);
  }

  public void reply(int status, String contentType, byte[] body) throws IOException {
    answered = true;
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = method().equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public void reply(int status, String contentType, String body) throws IOException {
    reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** 303 See Other: after a POST, the browser GETs {@code location}. */
  public void redirect(String location) throws IOException {
    answered = true;
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(303, -1);
  }

  /** Starts a response of unknown length (a live stream); the caller writes and closes it. */
  public OutputStream stream(String contentType) throws IOException {
    answered = true;
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  boolean answered() {
    return answered;
  }

  private static Map<String, String> decodePairs(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a broken escape: the pair is ignored, as if it were not sent
      }
    }
    return out;
  }
}
