package mxlab.web.http;

import com.sun.net.httpserver.Headers;

/**
 * Headers on every answer: no sniffing, no referrer to other sites, no framing by others, and a
 * policy that lets pages load only their own scripts and styles (no inline script at all). The one
 * page that shows a message's HTML replaces it with {@link #MESSAGE_HTML}.
 */
public final class SecurityHeaders {
  public static final String PAGE_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none';"
          + " frame-ancestors 'none'";

  /**
   * A message's own HTML: no script, no plugin, no request anywhere (remote images would tell the
   * sender the message was read), inline styles only, shown only framed by our own page, and
   * sandboxed even if opened on its own.
   */
  public static final String MESSAGE_HTML =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox;"
          + " frame-ancestors 'self'";

  private SecurityHeaders() {}

  static void apply(Headers h) {
    h.set("Content-Security-Policy", PAGE_POLICY);
    h.set("X-Content-Type-Options", "nosniff");
    // not no-referrer: with it, browsers send "Origin: null" on our own forms
    h.set("Referrer-Policy", "same-origin");
    h.set("X-Frame-Options", "DENY");
    h.set("Cache-Control", "no-store");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
  }

  /** For the framed message body: replaces the page policy and allows framing by ourselves. */
  public static void messageHtml(Request r) {
    r.responseHeader("Content-Security-Policy", MESSAGE_HTML);
    r.responseHeader("X-Frame-Options", "SAMEORIGIN");
  }
}
