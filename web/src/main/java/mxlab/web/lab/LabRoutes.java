package mxlab.web.lab;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mxlab.store.Folder;
import mxlab.store.Mailbox;
import mxlab.store.Message;
import mxlab.web.LabFacts;
import mxlab.web.WebEnvironment;
import mxlab.web.auth.Sessions;
import mxlab.web.auth.Sessions.Session;
import mxlab.web.http.ContentDisposition;
import mxlab.web.http.HttpError;
import mxlab.web.http.Request;
import mxlab.web.http.Routes;
import mxlab.web.http.SecurityHeaders;
import mxlab.web.mail.MessageView;

/**
 * The lab page, read-only: the overview (services, domains, mailboxes), a domain's records checked
 * live, a mailbox, a message (headers, text, HTML in a sandboxed frame, raw source, attachments),
 * the queue and the live mail log. Every value from a spec or a message is escaped.
 */
public final class LabRoutes {
  private static final String HTML = "text/html; charset=utf-8";

  private final WebEnvironment env;
  private final LabData data;
  private final Access access;
  private final LiveStreams live;

  public LabRoutes(WebEnvironment env, Sessions sessions) {
    this.env = env;
    this.data = new LabData(env);
    this.access = new Access(sessions);
    this.live = new LiveStreams(sessions);
  }

  public void addTo(Routes routes) {
    routes.get("/", access.page(this::overview));
    routes.getUnder("/domain/", access.page(this::domain));
    routes.getUnder("/mailbox/", access.page(this::mailbox));
    routes.getUnder("/message/", access.page(this::message));
    routes.get("/queue", access.page(this::queue));
    routes.get("/log", access.page(this::log));
    new ApiRoutes(env, data, access, live).addTo(routes);
  }

  private void overview(Request r, Session s) throws IOException, HttpError {
    if (!s.who().admin()) {
      var m = s.who().mailbox();
      r.redirect("/mailbox/" + m.domain() + "/" + m.user());
      return;
    }
    Page p = new Page("Lab", s);
    p.html(
        "<h2>Services</h2><table id=\"services\"><tr><th>service</th><th>address</th><th>state</th><th>detail</th></tr>");
    for (LabFacts.Check c : env.facts().status()) {
      p.html("<tr><td>")
          .text(c.service())
          .html("</td><td>")
          .text(c.address())
          .html("</td><td class=\"")
          .html(c.up() ? "ok\">up" : "bad\">DOWN")
          .html("</td><td>")
          .text(c.detail())
          .html("</td></tr>");
    }
    p.html("</table><h2>Domains</h2><ul id=\"domains\">");
    for (var d : env.site().get().spec().domains()) {
      p.html("<li><a href=\"/domain/").text(d.name()).html("\">").text(d.name()).html("</a></li>");
    }
    p.html(
        "</ul><h2>Mailboxes</h2><table id=\"mailboxes\"><tr><th>address</th><th>messages</th></tr>");
    for (LabData.MailboxCount m : data.mailboxes()) {
      p.html("<tr><td><a href=\"/mailbox/")
          .text(m.domain())
          .html("/")
          .text(m.user())
          .html("\">")
          .text(m.address())
          .html("</a></td><td>")
          .text(Integer.toString(m.messages()))
          .html("</td></tr>");
    }
    p.html("</table>");
    r.reply(200, HTML, p.done());
  }

  private void domain(Request r, Session s) throws IOException, HttpError {
    Access.admin(s);
    String name = r.path().substring("/domain/".length());
    LabData.DomainCheck d =
        data.domains().stream()
            .filter(c -> c.name().equalsIgnoreCase(name))
            .findFirst()
            .orElseThrow(HttpError::notFound);
    Page p = new Page(d.name(), s);
    p.html("<p>Every record of the zone, asked of mxlab's own DNS server just now.</p>")
        .html("<table id=\"records\"><tr><th>record</th><th>check</th></tr>");
    for (RecordCheck.Result res : d.records()) {
      p.html("<tr><td><code>")
          .text(res.record())
          .html("</code></td><td class=\"")
          .html(res.ok() ? "ok" : "bad")
          .html("\">")
          .text(res.detail())
          .html("</td></tr>");
    }
    r.reply(200, HTML, p.html("</table>").done());
  }

  private void mailbox(Request r, Session s) throws IOException, HttpError {
    Access.MailboxPath path = Access.mailbox(r, "/mailbox/", s);
    Mailbox mailbox = data.mailbox(path.domain(), path.user());
    Folder folder = LabData.folder(mailbox, r.query("folder"));
    String address = path.user() + "@" + path.domain();
    String mailboxUrl = "/mailbox/" + path.domain() + "/" + path.user();
    Page p = new Page(address, s);
    p.html("<nav><ul id=\"folders\">");
    for (LabData.FolderCount f : data.folders(mailbox)) {
      p.html("<li")
          .html(f.name().equals(folder.name()) ? " class=\"current\"" : "")
          .html("><a href=\"")
          .text(mailboxUrl + folderQuery(f.name()))
          .html("\" data-folder=\"")
          .text(f.name())
          .html("\">")
          .text(f.name())
          .html("</a> <span class=\"count\">")
          .text(f.messages() + (f.unseen() > 0 ? " (" + f.unseen() + " new)" : ""))
          .html("</span></li>");
    }
    p.html("</ul></nav><h2 id=\"folder\">")
        .text(folder.name())
        .html("</h2><table id=\"messages\" data-domain=\"")
        .text(path.domain())
        .html("\" data-user=\"")
        .text(path.user())
        .html("\" data-folder=\"")
        .text(folder.name())
        .html(
            "\"><thead><tr><th>from</th><th>subject</th><th>date</th><th>size</th></tr></thead><tbody>");
    for (LabData.Summary m : data.messages(folder)) {
      p.html("<tr><td>")
          .text(m.from())
          .html("</td><td><a href=\"")
          .text(
              "/message/"
                  + path.domain()
                  + "/"
                  + path.user()
                  + "/"
                  + m.uid()
                  + folderQuery(folder.name()))
          .html("\">")
          .text(m.subject().isEmpty() ? "(no subject)" : m.subject())
          .html("</a></td><td>")
          .text(m.date())
          .html("</td><td>")
          .text(Long.toString(m.size()))
          .html("</td></tr>");
    }
    p.html("</tbody></table><p class=\"hint\" id=\"live\">New mail shows here as it arrives.</p>");
    String query =
        "?emailaddress="
            + java.net.URLEncoder.encode(address, java.nio.charset.StandardCharsets.UTF_8);
    p.html("<p class=\"hint\" id=\"setup\">Mail client settings for ")
        .text(address)
        .html(": ")
        .html("<a href=\"/mail/config-v1.1.xml")
        .text(query)
        .html("\">Thunderbird</a> · ")
        .html("<a href=\"/mobileconfig")
        .text(query)
        .html("\">iPhone, iPad, Mac</a></p>");
    r.reply(200, HTML, p.done());
  }

  private void message(Request r, Session s) throws IOException, HttpError {
    Access.MailboxPath path = Access.mailbox(r, "/message/", s);
    if (path.uid().isEmpty()) {
      throw HttpError.notFound();
    }
    Folder folder = data.folder(path.domain(), path.user(), r.query("folder"));
    Message m = data.message(folder, path.uid().get());
    byte[] raw = LabData.raw(m);
    String base = "/message/" + path.domain() + "/" + path.user() + "/" + m.uid();
    switch (path.rest()) {
      case "" ->
          r.reply(
              200, HTML, messagePage(s, MessageView.parse(raw), base, folderQuery(folder.name())));
      case "raw" -> {
        r.responseHeader("Content-Disposition", "inline");
        r.reply(200, "text/plain; charset=utf-8", raw);
      }
      case "html" -> {
        SecurityHeaders.messageHtml(r);
        String html = MessageView.parse(raw).html().orElseThrow(HttpError::notFound);
        r.reply(200, HTML, html);
      }
      default -> {
        if (!path.rest().matches("part/\\d{1,4}")) {
          throw HttpError.notFound();
        }
        int index = Integer.parseInt(path.rest().substring(5));
        MessageView view = MessageView.parse(raw);
        byte[] bytes = view.attachment(index).orElseThrow(HttpError::notFound);
        // never rendered by us: a download, whatever type the sender claimed
        r.responseHeader(
            "Content-Disposition",
            ContentDisposition.attachment(view.attachments().get(index).filename()));
        r.reply(200, "application/octet-stream", bytes);
      }
    }
  }

  /** The query that names a folder in a link; none for the INBOX. */
  static String folderQuery(String folder) {
    return folder.equalsIgnoreCase(Mailbox.INBOX)
        ? ""
        : "?folder=" + URLEncoder.encode(folder, StandardCharsets.UTF_8);
  }

  private String messagePage(Session s, MessageView v, String base, String query) {
    String subject = v.header("Subject");
    Page p = new Page(subject.isEmpty() ? "(no subject)" : subject, s);
    p.html("<table id=\"headers\">");
    for (String name : List.of("From", "To", "Cc", "Date", "Subject")) {
      String value = v.header(name);
      if (!value.isEmpty()) {
        p.html("<tr><th>").text(name).html("</th><td>").text(value).html("</td></tr>");
      }
    }
    p.html("</table><p><a href=\"")
        .text(base + "/raw" + query)
        .html("\" id=\"raw\">raw source</a></p>");
    v.text().ifPresent(t -> p.html("<h2>Text</h2><pre id=\"text\">").text(t).html("</pre>"));
    if (v.html().isPresent()) {
      // no allow-scripts, no allow-same-origin: the frame is a foreign origin that can run nothing
      p.html("<h2>HTML</h2><iframe id=\"html\" sandbox=\"\" referrerpolicy=\"no-referrer\" src=\"")
          .text(base + "/html" + query)
          .html("\" title=\"the message's HTML\"></iframe>");
    }
    if (!v.attachments().isEmpty()) {
      p.html("<h2>Attachments</h2><ul id=\"attachments\">");
      for (MessageView.Attachment a : v.attachments()) {
        p.html("<li><a href=\"")
            .text(base + "/part/" + a.index() + query)
            .html("\">")
            .text(a.filename())
            .html("</a> ")
            .text(a.mimeType() + ", " + a.size() + " octets")
            .html("</li>");
      }
      p.html("</ul>");
    }
    p.html("<details><summary>All header fields</summary><table id=\"allheaders\">");
    for (MessageView.Header h : v.headers()) {
      p.html("<tr><th>").text(h.name()).html("</th><td>").text(h.value()).html("</td></tr>");
    }
    return p.html("</table></details>").done();
  }

  private void queue(Request r, Session s) throws IOException, HttpError {
    Access.admin(s);
    Page p = new Page("Queue", s);
    p.html(
        "<table id=\"queue\"><tr><th>id</th><th>from</th><th>to</th><th>attempts</th><th>next attempt</th><th>last error</th></tr>");
    for (LabFacts.Queued q : env.facts().queue()) {
      p.html("<tr><td>")
          .text(q.id())
          .html("</td><td>")
          .text(q.sender().isEmpty() ? "<>" : q.sender())
          .html("</td><td>")
          .text(String.join(", ", q.recipients()))
          .html("</td><td>")
          .text(Integer.toString(q.attempts()))
          .html("</td><td>")
          .text(String.valueOf(q.nextAttempt()))
          .html("</td><td>")
          .text(q.lastError())
          .html("</td></tr>");
    }
    r.reply(200, HTML, p.html("</table>").done());
  }

  private void log(Request r, Session s) throws IOException, HttpError {
    Access.admin(s);
    Page p = new Page("Mail log", s);
    p.html("<pre id=\"maillog\" data-live=\"/api/events/maillog\"></pre>");
    r.reply(200, HTML, p.done());
  }
}
