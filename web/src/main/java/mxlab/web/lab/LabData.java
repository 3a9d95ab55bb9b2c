package mxlab.web.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mxlab.core.spec.Domain;
import mxlab.core.spec.User;
import mxlab.store.Flag;
import mxlab.store.Folder;
import mxlab.store.Mailbox;
import mxlab.store.Message;
import mxlab.store.SpecialUse;
import mxlab.web.LabFacts;
import mxlab.web.WebEnvironment;
import mxlab.web.http.HttpError;
import mxlab.web.mail.MessageView;

/** What the pages and the JSON API show, gathered once for both. */
final class LabData {
  /** A mailbox and how many messages its INBOX holds. */
  record MailboxCount(String domain, String user, String address, int messages) {}

  /**
   * A folder of a mailbox and its counts.
   *
   * @param specialUse its RFC 6154 attribute ("\\Sent"), or null
   */
  record FolderCount(String name, String specialUse, int messages, int unseen) {}

  /** One line of a message list. */
  record Summary(
      long uid,
      String from,
      String to,
      String subject,
      String date,
      long size,
      boolean seen,
      Instant arrived) {}

  /** A domain's records, each checked against our DNS. */
  record DomainCheck(String name, List<RecordCheck.Result> records) {
    boolean allOk() {
      return records.stream().allMatch(RecordCheck.Result::ok);
    }
  }

  private final WebEnvironment env;

  LabData(WebEnvironment env) {
    this.env = env;
  }

  List<MailboxCount> mailboxes() {
    List<MailboxCount> out = new ArrayList<>();
    for (Domain d : env.site().get().spec().domains()) {
      for (User u : d.users()) {
        out.add(mailboxCount(d.name(), u.name()));
      }
    }
    return out;
  }

  MailboxCount mailboxCount(String domain, String user) {
    int n;
    try {
      n = env.store().mailbox(domain, user).inbox().messages().size();
    } catch (IOException e) {
      n = 0; // an unreadable mailbox shows as empty, as `mxlab status` counts it
    }
    return new MailboxCount(domain, user, user + "@" + domain, n);
  }

  List<DomainCheck> domains() {
    var dns = env.facts().endpoint("dns").orElse(null);
    List<DomainCheck> out = new ArrayList<>();
    for (LabFacts.Zone z : env.facts().zones()) {
      String name =
          z.origin().endsWith(".") ? z.origin().substring(0, z.origin().length() - 1) : z.origin();
      out.add(new DomainCheck(name, RecordCheck.check(z.records(), dns)));
    }
    return out;
  }

  /** The mailbox of a hosted user; 404 for anything else, so names cannot be probed. */
  Mailbox mailbox(String domain, String user) throws IOException, HttpError {
    Optional<Domain> d = env.site().get().spec().domain(domain);
    if (d.isEmpty() || d.get().user(user).isEmpty()) {
      throw HttpError.notFound();
    }
    return env.store().mailbox(d.get().name(), d.get().user(user).get().name());
  }

  /** A folder of a hosted user by its IMAP name (INBOX by default); 404 when there is none. */
  Folder folder(String domain, String user, Optional<String> name) throws IOException, HttpError {
    return folder(mailbox(domain, user), name);
  }

  static Folder folder(Mailbox mailbox, Optional<String> name) throws HttpError {
    return mailbox
        .folder(name.filter(n -> !n.isEmpty()).orElse(Mailbox.INBOX))
        .orElseThrow(HttpError::notFound);
  }

  /** Every folder of a mailbox, INBOX first, with its message and unseen counts. */
  List<FolderCount> folders(Mailbox mailbox) throws IOException {
    List<FolderCount> out = new ArrayList<>();
    for (Folder f : mailbox.folders()) {
      List<Message> messages = f.messages();
      int unseen = (int) messages.stream().filter(m -> !m.flags().has(Flag.SEEN)).count();
      String use = SpecialUse.of(f.name()).map(SpecialUse::attribute).orElse(null);
      out.add(new FolderCount(f.name(), use, messages.size(), unseen));
    }
    return out;
  }

  List<Summary> messages(Folder folder) throws IOException {
    List<Summary> out = new ArrayList<>();
    List<Message> all = new ArrayList<>(folder.messages());
    java.util.Collections.reverse(all); // newest first
    for (Message m : all) {
      byte[] head = headOf(m);
      var headers = MessageView.headersOnly(head);
      out.add(
          new Summary(
              m.uid(),
              headers.header("From"),
              headers.header("To"),
              headers.header("Subject"),
              headers.header("Date"),
              m.size(),
              m.flags().has(Flag.SEEN),
              m.internalDate()));
    }
    return out;
  }

  Message message(Folder folder, long uid) throws IOException, HttpError {
    return folder.message(uid).orElseThrow(HttpError::notFound);
  }

  static byte[] raw(Message m) throws IOException {
    return Files.readAllBytes(m.path());
  }

  /** The first 64 KiB, where the header section is: a list need not read whole messages. */
  private static byte[] headOf(Message m) throws IOException {
    try (var in = Files.newInputStream(m.path())) {
      return in.readNBytes(64 * 1024); // MessageView.headersOnly stops at the empty line
    }
  }
}
