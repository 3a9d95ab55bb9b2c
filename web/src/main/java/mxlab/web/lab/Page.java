package mxlab.web.lab;

import static mxlab.web.text.Escape.markup;

import mxlab.web.auth.Sessions.Session;

/**
 * The frame of every lab page: a title, the navigation for who is logged in, the logout form with
 * its CSRF token. Content is added already escaped; {@link #text} escapes.
 */
final class Page {
  private final StringBuilder b = new StringBuilder();

  Page(String title, Session session) {
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(markup(title))
        .append(" · mxlab</title><link rel=\"stylesheet\" href=\"/static/lab.css\">")
        .append(
            "<script src=\"/static/lab.js\" defer></script></head><body>\n<header><b>mxlab</b>");
    if (session != null) {
      if (session.who().admin()) {
        b.append(
            " <a href=\"/\">Lab</a> <a href=\"/queue\">Queue</a> <a href=\"/log\">Mail log</a>");
      } else {
        var m = session.who().mailbox();
        b.append(" <a href=\"/mailbox/")
            .append(markup(m.domain()))
            .append("/")
            .append(markup(m.user()))
            .append("\">Inbox</a>");
      }
      b.append(" <span class=\"who\">")
          .append(markup(session.who().name()))
          .append("</span><form method=\"post\" action=\"/logout\" class=\"inline\">")
          .append("<input type=\"hidden\" name=\"csrf\" value=\"")
          .append(markup(session.csrf()))
          .append("\"><button id=\"logout\">Log out</button></form>");
    }
    b.append("</header>\n<main>\n<h1>").append(markup(title)).append("</h1>\n");
  }

  Page html(String alreadyEscaped) {
    b.append(alreadyEscaped);
    return this;
  }

  Page text(String raw) {
    b.append(markup(raw));
    return this;
  }

  String done() {
    return b.append("\n</main></body></html>\n").toString();
  }
}
