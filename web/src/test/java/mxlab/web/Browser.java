package mxlab.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/** A cookie-keeping HTTP client that logs in through the form, as a browser would. */
public final class Browser {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  public final CookieManager cookies;
  private final HttpClient client;
  private final String base;

  public Browser(String base) {
    this(base, null);
  }

  /** A browser that trusts {@code tls} (the fixture's {@link WebFixture#clientTls()}). */
  public Browser(String base, SSLContext tls) {
    this(base, tls, new CookieManager());
  }

  /** The same browser at another address: the cookies are shared, as in one browser's tabs. */
  public Browser at(String otherBase, SSLContext tls) {
    return new Browser(otherBase, tls, cookies);
  }

  private Browser(String base, SSLContext tls, CookieManager cookies) {
    this.base = base;
    this.cookies = cookies;
    HttpClient.Builder b =
        HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER);
    this.client = (tls == null ? b : b.sslContext(tls)).build();
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String form, String origin)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The CSRF token of the page's first form. */
  public static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    if (!m.find()) {
      throw new AssertionError("no CSRF token in " + page);
    }
    return m.group(1);
  }

  /** Fetches the form and posts it; the answer to the POST. */
  public HttpResponse<String> login(String user, String password)
      throws IOException, InterruptedException {
    String token = csrf(get("/login").body());
    return post(
        "/login", "csrf=" + token + "&user=" + enc(user) + "&password=" + enc(password), null);
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
