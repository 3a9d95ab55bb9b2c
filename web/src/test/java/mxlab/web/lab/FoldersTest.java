package mxlab.web.lab;

import static mxlab.web.WebFixture.deliver;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import mxlab.store.Mailbox;
import mxlab.web.Browser;
import mxlab.web.WebTest;
import mxlab.web.auth.AdminToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every folder of a mailbox, with counts, on the page and in the API; still only one's own. */
class FoldersTest extends WebTest {
  private Browser test;

  @BeforeEach
  void start() throws Exception {
    Mailbox mine = web.drop.mailStore().mailbox("bann.com", "test");
    mine.ensureSpecialUse(); // Sent, Drafts, Trash, Junk, as the first IMAP login makes them
    mine.create("Projects.2026 수업");
    deliver(mine.inbox(), "From: a@b.org\nSubject: in the inbox\n\nhello\n");
    deliver(mine.folder("Sent").orElseThrow(), "To: a@b.org\nSubject: sent one\n\nbye\n");
    deliver(mine.folder("Sent").orElseThrow(), "To: c@d.org\nSubject: sent two\n\nbye\n");
    deliver(mine.folder("Projects.2026 수업").orElseThrow(), "Subject: 숙제\n\nsecond folder level\n");
    Mailbox other = web.drop.mailStore().mailbox("bann.com", "master");
    other.ensureSpecialUse();
    deliver(other.folder("Sent").orElseThrow(), "To: x@y.org\nSubject: sent by master\n\nz\n");
    test = web.browser();
    test.login("test@bann.com", "changeme");
  }

  @Test
  void theMailboxPageListsEveryFolderWithCountsAndOpensAny() throws Exception {
    String page = test.get("/mailbox/bann.com/test").body();
    assertThat(page)
        .contains("data-folder=\"INBOX\">INBOX</a> <span class=\"count\">1 (1 new)</span>")
        .contains("?folder=Sent\" data-folder=\"Sent\">Sent</a> <span class=\"count\">2 (2 new)")
        .contains(">Drafts</a> <span class=\"count\">0</span>")
        .contains(">Trash</a>")
        .contains(">Junk</a>")
        .contains("?folder=Projects.2026+%EC%88%98%EC%97%85\"")
        .contains("in the inbox")
        .doesNotContain("sent one");
    String sent = test.get("/mailbox/bann.com/test?folder=Sent").body();
    assertThat(sent)
        .contains("<h2 id=\"folder\">Sent</h2>")
        .contains("sent one")
        .contains("sent two")
        .contains("href=\"/message/bann.com/test/1?folder=Sent\"")
        .doesNotContain("in the inbox");
    String message = test.get("/message/bann.com/test/2?folder=Sent").body();
    assertThat(message)
        .contains("sent two")
        .contains("href=\"/message/bann.com/test/2/raw?folder=Sent\"");
    assertThat(test.get("/message/bann.com/test/2/raw?folder=Sent").body()).contains("c@d.org");
    assertThat(test.get("/mailbox/bann.com/test?folder=Projects.2026%20%EC%88%98%EC%97%85").body())
        .contains("숙제");
    // uid 2 does not exist in the INBOX: the folder is part of a message's name
    assertThat(test.get("/message/bann.com/test/2").statusCode()).isEqualTo(404);
    assertThat(test.get("/mailbox/bann.com/test?folder=Nowhere").statusCode()).isEqualTo(404);
    assertThat(test.get("/mailbox/bann.com/test?folder=..%2F..%2Fmaster").statusCode())
        .isEqualTo(404);
  }

  @Test
  void theApiListsFoldersAndReadsMessagesInAny() throws Exception {
    String folders = test.get("/api/folders/bann.com/test").body();
    assertThat(folders)
        .contains("\"name\" : \"INBOX\"")
        .contains("\"name\" : \"Sent\",\n  \"specialUse\" : \"\\\\Sent\",\n  \"messages\" : 2,")
        .contains("\"specialUse\" : \"\\\\Junk\"")
        .contains("\"name\" : \"Projects.2026 수업\",\n  \"specialUse\" : null");
    assertThat(test.get("/api/mailbox/bann.com/test?folder=Sent").body())
        .contains("sent one")
        .contains("sent two");
    assertThat(test.get("/api/message/bann.com/test/1?folder=Sent").body())
        .contains("\"folder\" : \"Sent\"")
        .contains("sent one");
  }

  @Test
  void anotherUsersFoldersAreNotFoundAndTheAdminSeesThem() throws Exception {
    for (String path :
        new String[] {
          "/mailbox/bann.com/master?folder=Sent",
          "/message/bann.com/master/1?folder=Sent",
          "/message/bann.com/master/1/raw?folder=Sent",
          "/api/folders/bann.com/master",
          "/api/mailbox/bann.com/master?folder=Sent",
          "/api/message/bann.com/master/1?folder=Sent",
          "/api/events/mailbox/bann.com/master?folder=Sent"
        }) {
      assertThat(test.get(path).statusCode()).as(path).isEqualTo(404);
    }
    Browser admin = web.browser();
    admin.login("admin", Files.readString(AdminToken.file(dir.resolve("data"))).strip());
    assertThat(admin.get("/mailbox/bann.com/master?folder=Sent").body()).contains("sent by master");
    assertThat(admin.get("/api/folders/bann.com/master").body()).contains("\"Sent\"");
  }
}
