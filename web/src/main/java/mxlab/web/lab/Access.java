package mxlab.web.lab;

import java.io.IOException;
import java.util.Optional;
import mxlab.web.auth.Sessions;
import mxlab.web.auth.Sessions.Session;
import mxlab.web.http.Handler;
import mxlab.web.http.HttpError;
import mxlab.web.http.Request;

/**
 * Who may see what: every lab route needs a session; admin routes an admin; a mailbox route the
 * admin or that mailbox's user. Pages send a stranger to the login form, the API answers 401.
 */
final class Access {
  /** A handler that knows who asked. */
  @FunctionalInterface
  interface SessionHandler {
    void handle(Request r, Session s) throws IOException, HttpError;
  }

  /** A mailbox route's parts: /PREFIX/DOMAIN/USER[/UID[/REST...]]. */
  record MailboxPath(String domain, String user, Optional<Long> uid, String rest) {}

  private final Sessions sessions;

  Access(Sessions sessions) {
    this.sessions = sessions;
  }

  Handler page(SessionHandler h) {
    return r -> {
      Optional<Session> s = sessions.find(r);
      if (s.isEmpty()) {
        r.redirect("/login");
        return;
      }
      h.handle(r, s.get());
    };
  }

  Handler api(SessionHandler h) {
    return r -> {
      Optional<Session> s = sessions.find(r);
      if (s.isEmpty()) {
        throw new HttpError(401, "log in first (POST /login)");
      }
      h.handle(r, s.get());
    };
  }

  static void admin(Session s) throws HttpError {
    if (!s.who().admin()) {
      throw HttpError.forbidden("for admins only");
    }
  }

  /** Parses the path after {@code prefix} and checks the session may read that mailbox. */
  static MailboxPath mailbox(Request r, String prefix, Session s) throws HttpError {
    String[] parts = r.path().substring(prefix.length()).split("/", 4);
    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw HttpError.notFound();
    }
    if (!s.who().mayRead(parts[0], parts[1])) {
      // the same answer as for a mailbox that does not exist: nothing to learn by probing
      throw HttpError.notFound();
    }
    Optional<Long> uid = Optional.empty();
    if (parts.length > 2 && !parts[2].isEmpty()) {
      if (!parts[2].matches("\\d{1,10}")) {
        throw HttpError.notFound();
      }
      uid = Optional.of(Long.parseLong(parts[2]));
    }
    return new MailboxPath(parts[0], parts[1], uid, parts.length > 3 ? parts[3] : "");
  }
}
