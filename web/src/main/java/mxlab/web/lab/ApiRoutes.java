package mxlab.web.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mxlab.store.Folder;
import mxlab.store.Message;
import mxlab.web.WebEnvironment;
import mxlab.web.auth.Sessions.Session;
import mxlab.web.http.HttpError;
import mxlab.web.http.Request;
import mxlab.web.http.Routes;
import mxlab.web.mail.MessageView;

/**
 * The same data as the pages, as JSON under /api/ (README lists every route). GET only, so CSRF
 * does not apply; the session cookie is SameSite=Strict, so other sites' scripts do not send it.
 */
final class ApiRoutes {
  private static final String JSON = "application/json; charset=utf-8";
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          // times as ISO 8601 text ("2026-12-03T09:35:00Z"), without another Jackson module
          .registerModule(
              new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final WebEnvironment env;
  private final LabData data;
  private final Access access;
  private final LiveStreams live;

  ApiRoutes(WebEnvironment env, LabData data, Access access, LiveStreams live) {
    this.env = env;
    this.data = data;
    this.access = access;
    this.live = live;
  }

  void addTo(Routes routes) {
    routes.get("/api/me", access.api(this::me));
    routes.get("/api/status", access.api(this::status));
    routes.get("/api/domains", access.api(this::domains));
    routes.get("/api/mailboxes", access.api(this::mailboxes));
    routes.getUnder("/api/folders/", access.api(this::folders));
    routes.getUnder("/api/mailbox/", access.api(this::mailbox));
    routes.getUnder("/api/message/", access.api(this::message));
    routes.get("/api/queue", access.api(this::queue));
    routes.getUnder("/api/events/mailbox/", access.api(this::mailboxEvents));
    routes.get("/api/events/maillog", access.api(this::maillogEvents));
  }

  private static void json(Request r, Object value) throws IOException {
    r.reply(200, JSON, MAPPER.writeValueAsBytes(value));
  }

  private void me(Request r, Session s) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.who().name());
    m.put("admin", s.who().admin());
    json(r, m);
  }

  private void status(Request r, Session s) throws IOException, HttpError {
    Access.admin(s);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("services", env.facts().status());
    m.put("queued", env.facts().queue().size());
    m.put("mailboxes", data.mailboxes());
    json(r, m);
  }

  private void domains(Request r, Session s) throws IOException, HttpError {
    Access.admin(s);
    json(r, data.domains());
  }

  private void mailboxes(Request r, Session s) throws IOException {
    json(
        r,
        s.who().admin()
            ? data.mailboxes()
            : List.of(data.mailboxCount(s.who().mailbox().domain(), s.who().mailbox().user())));
  }

  private void folders(Request r, Session s) throws IOException, HttpError {
    Access.MailboxPath path = Access.mailbox(r, "/api/folders/", s);
    json(r, data.folders(data.mailbox(path.domain(), path.user())));
  }

  private void mailbox(Request r, Session s) throws IOException, HttpError {
    Access.MailboxPath path = Access.mailbox(r, "/api/mailbox/", s);
    json(r, data.messages(data.folder(path.domain(), path.user(), r.query("folder"))));
  }

  private void message(Request r, Session s) throws IOException, HttpError {
    Access.MailboxPath path = Access.mailbox(r, "/api/message/", s);
    Folder folder = data.folder(path.domain(), path.user(), r.query("folder"));
    Message m = data.message(folder, path.uid().orElseThrow(HttpError::notFound));
    MessageView v = MessageView.parse(LabData.raw(m));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("folder", folder.name());
    out.put("uid", m.uid());
    out.put("size", m.size());
    out.put("headers", v.headers());
    out.put("text", v.text().orElse(null));
    out.put("html", v.html().orElse(null));
    out.put("attachments", v.attachments());
    json(r, out);
  }

  private void queue(Request r, Session s) throws IOException, HttpError {
    Access.admin(s);
    json(r, env.facts().queue());
  }

  private void mailboxEvents(Request r, Session s) throws IOException, HttpError {
    Access.MailboxPath path = Access.mailbox(r, "/api/events/mailbox/", s);
    live.mailbox(r, s, data.folder(path.domain(), path.user(), r.query("folder")));
  }

  private void maillogEvents(Request r, Session s) throws IOException, HttpError {
    Access.admin(s);
    live.maillog(r, s);
  }
}
