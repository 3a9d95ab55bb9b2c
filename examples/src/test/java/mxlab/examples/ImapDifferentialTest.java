package mxlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mxlab's IMAP against Dovecot's, differentially: a corpus of real-world messages delivered by SMTP
 * to mxlab and flagged over IMAP; then the same Maildirs copied and migrated to the exported
 * Dovecot (as its build.sh does, so the UIDs and UIDVALIDITYs are the same); then one script of
 * IMAP sessions run against both, and every command's responses compared after {@link
 * ImapNormaliser}. A difference fails the test unless {@link #TOLERATED} names the command and says
 * why both answers are right.
 */
class ImapDifferentialTest {
  private static final String ADDRESS = "127.0.22.1";
  private static final String CORPUS = "src/test/resources/imap-corpus";

  /**
   * Commands whose answers may differ, and why. Nothing here hides a breach of RFC 3501 by mxlab:
   * such a difference is fixed in the imap module instead.
   */
  private static final String EXTENDED_LIST =
      "an extended LIST: RFC 5258 4 and RFC 6154 2 oblige a server to give \\HasChildren or"
          + " \\HasNoChildren and the special-use attributes when asked for them (CHILDREN,"
          + " SPECIAL-USE) and let it give them otherwise; mxlab always does, Dovecot only when"
          + " asked";

  private static final Map<String, String> TOLERATED =
      Map.ofEntries(
          Map.entry(
              "a: FETCH 1 BINARY.PEEK[]",
              "RFC 9051 6.4.5: BINARY is for leaf parts only, and the message itself is none;"
                  + " mxlab answers BAD, Dovecot gives the whole message as it is"),
          Map.entry(
              "a: FETCH 1 BINARY.PEEK[1.HEADER]",
              "RFC 3516 7: section-binary holds part numbers only; mxlab answers BAD, Dovecot"
                  + " gives an empty string"),
          Map.entry("a: LIST \"\" \"*\" RETURN (STATUS (MESSAGES UNSEEN))", EXTENDED_LIST),
          Map.entry("a: LIST (SPECIAL-USE) \"\" \"*\"", EXTENDED_LIST),
          Map.entry("a: LIST \"\" \"*\" RETURN (SPECIAL-USE)", EXTENDED_LIST),
          Map.entry("a: LIST (SUBSCRIBED) \"\" \"*\"", EXTENDED_LIST),
          Map.entry("a: LIST \"\" \"T*\" RETURN (CHILDREN)", EXTENDED_LIST),
          Map.entry(
              "b: CHECK",
              "another session expunged one message and appended one: mxlab reports the new"
                  + " message first (5 EXISTS, 1 EXPUNGE), Dovecot the expunge (1 EXPUNGE, 4"
                  + " EXISTS); the same end, and RFC 3501 7.3.1 and 7.4.1 allow both orders"),
          Map.entry(
              "a: UID FETCH $ UID",
              "after a SEARCH RETURN (SAVE) answered BAD, $ is empty in mxlab (RFC 5182 2.1: a"
                  + " failed SAVE search empties it); Dovecot keeps the previous result"),
          Map.entry(
              "a: ENABLE UTF8=ACCEPT",
              "neither enables UTF8=ACCEPT; mxlab says so with an empty ENABLED response (RFC"
                  + " 5161 3.2 allows an empty list), Dovecot with none"),
          Map.entry(
              "a: LSUB \"\" \"*\"",
              "Dovecot gives LSUB the RFC 6154 special-use attributes too; RFC 6154 defines them for"
                  + " LIST, and mxlab's LSUB has the attributes RFC 3501 6.3.9 names"),
          Map.entry(
              "a: STATUS Nonexistent (MESSAGES)",
              "RFC 5530's [NONEXISTENT] is optional: mxlab gives it, Dovecot 2.3 not in STATUS"),
          Map.entry(
              "a: SELECT Nowhere",
              "RFC 5530's [NONEXISTENT] is optional: mxlab gives it, Dovecot 2.3 not in SELECT"),
          Map.entry(
              "a: DELETE INBOX",
              "RFC 5530's [CANNOT] is optional: mxlab gives it, Dovecot 2.3 not here"),
          Map.entry(
              "a: SEARCH CHARSET X-UNKNOWN ALL",
              "RFC 3501 7.1: [BADCHARSET] may list the charsets supported; mxlab does, Dovecot not"),
          Map.entry(
              "a: STORE 1:2 +FLAGS (\\Deleted)",
              "a STORE in a mailbox opened by EXAMINE: RFC 3501 6.3.2 permits no change, and says"
                  + " no more; mxlab answers NO [READ-ONLY], Dovecot OK, changing nothing either"),
          Map.entry(
              "a: STORE 1 +FLAGS.SILENT (\\Deleted)",
              "the same STORE in a read-only mailbox, silent: mxlab NO [READ-ONLY], Dovecot OK"),
          Map.entry(
              "a: UID EXPUNGE 1:*",
              "an EXPUNGE in a read-only mailbox: mxlab answers NO [READ-ONLY], Dovecot OK, and"
                  + " neither expunges"),
          Map.entry(
              "a: STORE 1 +FLAGS (\\Seen)",
              "a STORE that changes nothing: mxlab returns the flags all the same (RFC 3501 6.4.6,"
                  + " \"the updated value\"), Dovecot only for messages whose flags changed"),
          Map.entry(
              "a: STORE 1 +FLAGS (\\Recent)",
              "RFC 3501 2.3.2: a client cannot alter \\Recent. mxlab leaves it out of what it"
                  + " stores (as in APPEND), Dovecot refuses the command with BAD"));

  @TempDir Path dir;

  /**
   * One step: a session (a, b) and its command, with a literal ("{n}" and its octets) if any, run
   * only where both servers have the capability it needs (null: IMAP4rev1).
   */
  private record Step(
      char session, String command, String literal, String tail, String needs, boolean plus) {
    static Step of(String command) {
      return new Step('a', command, null, null, null, false);
    }

    static Step b(String command) {
      return new Step('b', command, null, null, null, false);
    }

    static Step literal(String head, String literal, String tail) {
      return new Step('a', head, literal, tail, null, false);
    }

    /** HEAD with a non-synchronizing literal (LITERAL+, RFC 7888). */
    static Step literalPlus(String head, String literal, String tail) {
      return new Step('a', head, literal, tail, "LITERAL+", true);
    }

    static Step needs(String capability, String command) {
      return new Step('a', command, null, null, capability, false);
    }

    String key() {
      return session + ": " + command;
    }

    String shown() {
      return session
          + ": "
          + command
          + (literal == null
              ? ""
              : " {"
                  + literal.getBytes(StandardCharsets.UTF_8).length
                  + (plus ? "+}" : "}")
                  + tail);
    }
  }

  @Test
  void mxlabAnswersTheScriptAsDovecotDoes() throws Exception {
    DovecotMigration.requireDovecot("imap", "dovecot-imapd");
    int dovecotPort = Tools.freePort(ADDRESS);
    DovecotMigration migration = new DovecotMigration(dir, ADDRESS, "imap", dovecotPort);
    try (MxlabProcess mxlab = migration.mxlab(0)) {
      deliverCorpus(mxlab.port("smtp"));
      setUp(mxlab.port("imap"));
      // cp -a: the files' times are the messages' INTERNALDATE on both
      Path copy = Files.createDirectories(dir.resolve("dovecot-data"));
      for (String part : List.of("mail", "tls")) {
        Tools.run(List.of("cp", "-a", migration.mailData().resolve(part).toString(), copy + "/"))
            .ok();
      }
      Set<String> validities = validities(copy);
      Path conf = migration.startDovecot(copy);
      try {
        Set<String> both = capabilities(mxlab.port("imap"));
        both.retainAll(capabilities(dovecotPort));
        script().stream()
            .filter(st -> st.needs() != null && !both.contains(st.needs()))
            .forEach(
                st ->
                    System.out.println("not run, not both have " + st.needs() + ": " + st.shown()));
        List<Step> steps =
            script().stream()
                .filter(st -> st.needs() == null || both.contains(st.needs()))
                .toList();
        List<List<String>> mx = run(steps, mxlab.port("imap"), new ImapNormaliser(validities));
        List<List<String>> dc = run(steps, dovecotPort, new ImapNormaliser(validities));
        compare(steps, mx, dc);
      } finally {
        DovecotMigration.stopDovecot(conf);
      }
    }
  }

  /** The corpus to test@bann.com over SMTP, in file-name order (so also in UID order). */
  private void deliverCorpus(int smtp) throws Exception {
    String client =
        """
        import smtplib, sys
        with smtplib.SMTP(sys.argv[1], int(sys.argv[2]), timeout=20) as s:
            for name in sys.argv[3:]:
                data = open(name, 'rb').read().replace(b'\\r\\n', b'\\n').replace(b'\\n', b'\\r\\n')
                s.sendmail('alice@example.org', ['test@bann.com'], data, mail_options=['BODY=8BITMIME'])
        """;
    List<String> command = new ArrayList<>(List.of("python3", "-c", client, ADDRESS, "" + smtp));
    try (Stream<Path> files = Files.list(Path.of(CORPUS))) {
      files.sorted().forEach(f -> command.add(f.toString()));
    }
    Tools.run(command).ok();
  }

  /** Flags and keywords (into dovecot-keywords), and a message in Trash, before the copy. */
  private void setUp(int imap) throws Exception {
    try (ImapDialog s = ImapDialog.connect(ADDRESS, imap)) {
      for (String command :
          List.of(
              "LOGIN test@bann.com changeme",
              "SELECT INBOX",
              "STORE 1 +FLAGS (\\Seen)",
              "STORE 2 +FLAGS (\\Flagged $Label1)",
              "STORE 3 +FLAGS (\\Answered \\Seen $Label2)",
              "STORE 5 +FLAGS ($Label1)",
              "COPY 6 Trash",
              "SUBSCRIBE Trash",
              "LOGOUT")) {
        assertThat(ImapDialog.tagged(s.command(command))).as(command).contains(" OK");
      }
    }
  }

  /** The UIDVALIDITY of every folder's dovecot-uidlist ("3 V1700000000 N7 G..."). */
  private static Set<String> validities(Path data) throws IOException {
    Set<String> validities = new HashSet<>();
    Pattern v = Pattern.compile("^3 V(\\d+) ");
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(p -> p.endsWith("dovecot-uidlist")).toList()) {
        Matcher m = v.matcher(Files.readString(f));
        if (m.find()) {
          validities.add(m.group(1));
        }
      }
    }
    assertThat(validities).as("INBOX, Sent, Drafts, Trash, Junk").hasSizeGreaterThanOrEqualTo(2);
    return validities;
  }

  private static List<Step> script() throws IOException {
    String appended =
        "Date: Sun, 08 Mar 2026 12:00:00 +0000\r\nFrom: test@bann.com\r\nTo: alice@example.org\r\n"
            + "Subject: draft\r\nMessage-ID: <draft-1@bann.com>\r\n\r\nnot sent yet\r\n";
    List<Step> steps = new ArrayList<>();
    for (String c :
        List.of(
            "CAPABILITY",
            "NOOP",
            "FETCH 1 FLAGS",
            "SELECT INBOX",
            "LOGIN test@bann.com wrongpassword",
            "LOGIN test@bann.com changeme",
            "LOGIN test@bann.com changeme",
            "NAMESPACE",
            "LIST \"\" \"*\"",
            "LIST \"\" \"%\"",
            "LIST \"\" \"\"",
            "LIST \"\" INBOX",
            "LIST \"\" inbox",
            "LSUB \"\" \"*\"",
            "STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)",
            "STATUS Nonexistent (MESSAGES)",
            "EXAMINE INBOX",
            "FETCH 1:* (FLAGS UID RFC822.SIZE INTERNALDATE)",
            "FETCH 1:* ENVELOPE",
            "FETCH 1:* BODYSTRUCTURE",
            "FETCH 1:* BODY",
            "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (From Subject Date)])",
            "FETCH 5 BODY.PEEK[HEADER.FIELDS.NOT (Received Return-Path To References)]",
            "FETCH 1 (BODY.PEEK[1] BODY.PEEK[2.MIME])",
            "FETCH 1 BODY.PEEK[2]<0.100>",
            "FETCH 1:* BODY.PEEK[]<0.100>",
            "FETCH 2 (BODY.PEEK[1] BODY.PEEK[2]<10.20>)",
            "FETCH 3 (BODY.PEEK[TEXT] BODY.PEEK[1])",
            "FETCH 4 (BODY.PEEK[2] BODY.PEEK[2.HEADER] BODY.PEEK[2.TEXT] BODY.PEEK[2.1])",
            "FETCH 4 (BODY.PEEK[2.2.MIME] BODY.PEEK[2.2] BODY.PEEK[1.MIME])",
            "FETCH 6 (RFC822.HEADER RFC822.SIZE BODY.PEEK[TEXT]<15000.100>)",
            "FETCH 7 (BODY.PEEK[2.MIME] BODY.PEEK[2] BODY.PEEK[1])",
            "FETCH 8 (BODY.PEEK[2.1] BODY.PEEK[2.2.MIME] BODY.PEEK[2.2]<0.40> BODY.PEEK[2.MIME])",
            "FETCH 9 (BODY.PEEK[HEADER.FIELDS (From To Cc)] BODY.PEEK[1])",
            "FETCH 1 BODY.PEEK[3]",
            "FETCH 5 (FAST)",
            "FETCH 5 FAST",
            "FETCH 5 ALL",
            "FETCH 5 FULL",
            "UID FETCH 2:4 (FLAGS)",
            "UID FETCH 4:* (UID)",
            "UID FETCH 100:200 (FLAGS)",
            "SEARCH ALL",
            "SEARCH FROM alice",
            "SEARCH FROM ALICE@EXAMPLE.ORG",
            "SEARCH FROM example.kr",
            "SEARCH TO dev@example.fr",
            "SEARCH SUBJECT report",
            "SEARCH SUBJECT \"caf\"",
            "SEARCH SINCE 1-Jan-2020",
            "SEARCH BEFORE 1-Jan-2020",
            "SEARCH SENTSINCE 5-Mar-2026",
            "SEARCH SENTBEFORE 4-Mar-2026",
            "SEARCH SENTON 5-Mar-2026",
            "SEARCH LARGER 5000",
            "SEARCH SMALLER 1500",
            "SEARCH NOT SEEN",
            "SEARCH UNSEEN UNFLAGGED",
            "SEARCH OR FLAGGED ANSWERED",
            "SEARCH OR OR FLAGGED ANSWERED KEYWORD $Label1",
            "SEARCH KEYWORD $Label1",
            "SEARCH KEYWORD $label1",
            "SEARCH UNKEYWORD $Label1",
            "SEARCH UID 2:4",
            "SEARCH 2:* NOT DELETED",
            "SEARCH 2,4,6:*",
            "UID SEARCH UID 3:*",
            "UID SEARCH *",
            "SEARCH HEADER Message-ID <kr-meeting@example.kr>",
            "SEARCH HEADER X-Long-Header bbbbbb",
            "SEARCH HEADER X-Long-Header \"\"",
            "SEARCH TO fourth",
            "SEARCH CC carol",
            "SEARCH BCC anyone",
            "SEARCH BODY quarterly",
            "SEARCH BODY Friday",
            "SEARCH TEXT Friday",
            "SEARCH TEXT long-headers",
            "SEARCH (FROM bob SUBJECT travel)",
            "SEARCH ANSWERED",
            "SEARCH UNANSWERED",
            "SEARCH DELETED",
            "SEARCH DRAFT",
            "SEARCH CHARSET UTF-8 SUBJECT caf",
            "SEARCH CHARSET X-UNKNOWN ALL",
            "SEARCH FOO",
            "SEARCH",
            "STORE 1:2 +FLAGS (\\Deleted)",
            "FETCH 1:2 FLAGS")) {
      steps.add(Step.of(c));
    }
    steps.add(Step.needs("BINARY", "FETCH 1 BINARY.PEEK[2]<0.64>"));
    steps.add(Step.needs("BINARY", "FETCH 2 (BINARY.SIZE[1] BINARY.PEEK[1])"));
    steps.add(Step.needs("BINARY", "FETCH 3 (BINARY.SIZE[1] BINARY.PEEK[1])"));
    steps.add(Step.needs("BINARY", "FETCH 1 BINARY.PEEK[]"));
    steps.add(Step.needs("BINARY", "FETCH 1 BINARY.PEEK[1.HEADER]"));
    steps.add(Step.needs("BINARY", "FETCH 1 (BINARY.SIZE[9] BINARY.PEEK[9])"));
    steps.add(Step.needs("BINARY", "FETCH 1 BINARY.PEEK[2]<3.5>"));
    steps.add(Step.needs("ESEARCH", "SEARCH RETURN (MIN MAX COUNT) KEYWORD $Label1"));
    steps.add(Step.needs("ESEARCH", "UID SEARCH RETURN (ALL) 1:*"));
    steps.add(Step.needs("ESEARCH", "SEARCH RETURN () FLAGGED"));
    steps.add(Step.needs("SEARCHRES", "SEARCH RETURN (SAVE) FLAGGED"));
    steps.add(Step.needs("SEARCHRES", "FETCH $ (UID FLAGS)"));
    steps.add(Step.needs("SEARCHRES", "UID SEARCH RETURN (SAVE MAX) ALL"));
    steps.add(Step.needs("SEARCHRES", "SEARCH $"));
    steps.add(Step.needs("SEARCHRES", "FETCH 1,$ UID"));
    steps.add(Step.needs("SEARCHRES", "SEARCH RETURN (SAVE) FOO"));
    steps.add(Step.needs("SEARCHRES", "UID FETCH $ UID"));
    steps.add(Step.needs("LIST-STATUS", "LIST \"\" \"*\" RETURN (STATUS (MESSAGES UNSEEN))"));
    steps.add(Step.needs("SPECIAL-USE", "LIST (SPECIAL-USE) \"\" \"*\""));
    steps.add(Step.needs("SPECIAL-USE", "LIST \"\" \"*\" RETURN (SPECIAL-USE)"));
    steps.add(Step.needs("LIST-EXTENDED", "LIST (SUBSCRIBED) \"\" \"*\""));
    steps.add(Step.needs("LIST-EXTENDED", "LIST \"\" \"T*\" RETURN (CHILDREN)"));
    steps.add(Step.needs("ID", "ID NIL"));
    steps.add(Step.of("SELECT INBOX"));
    steps.add(Step.literal("SEARCH CHARSET UTF-8 SUBJECT", "회의", ""));
    steps.add(Step.literal("SEARCH CHARSET UTF-8 BODY", "본관", ""));
    steps.add(Step.literal("SEARCH CHARSET UTF-8 FROM", "김철수", ""));
    steps.add(Step.literal("SEARCH CHARSET UTF-8 FROM", "박영희", ""));
    steps.add(Step.literal("SEARCH CHARSET UTF-8 CC", "한국어", ""));
    steps.add(Step.b("LOGIN test@bann.com changeme"));
    steps.add(Step.b("SELECT INBOX"));
    for (String c :
        List.of(
            "STORE 1 +FLAGS (\\Seen)",
            "STORE 2 -FLAGS (\\Flagged)",
            "STORE 3 FLAGS (\\Answered $Work)",
            "SEARCH KEYWORD $Label2",
            "STORE 2:3 +FLAGS.SILENT (\\Draft)",
            "UID STORE 4 +FLAGS (\\Deleted)",
            "STORE 5 +FLAGS (Unknown-Keyword)",
            "STORE 1 +FLAGS (\\Recent)",
            "STORE 1 +FLAGS (\\Bogus)",
            "STORE 1 XFLAGS (\\Seen)",
            "STORE 99 +FLAGS (\\Seen)",
            "FETCH 1:* FLAGS",
            "FETCH 2 BODY[1]",
            "FETCH 2 FLAGS")) {
      steps.add(Step.of(c));
    }
    steps.add(Step.b("NOOP"));
    steps.add(Step.b("FETCH 1:* (UID FLAGS)"));
    // b idles while a changes flags: b hears of it by DONE at the latest (RFC 2177)
    steps.add(Step.b("IDLE"));
    steps.add(Step.of("STORE 5 +FLAGS (\\Answered)"));
    steps.add(Step.b("DONE"));
    steps.add(Step.literalPlus("SEARCH CHARSET UTF-8 TEXT", "회의실", ""));
    steps.add(
        Step.literalPlus("APPEND Junk (\\Seen) \"06-Mar-2026 06:06:06 +0100\"", appended, ""));
    for (String c :
        List.of(
            "COPY 1:2 Trash",
            "UID COPY 5 Archive",
            "CREATE Archive",
            "CREATE Archive.2024",
            "CREATE &U,BTFw-",
            "CREATE Archive",
            "CREATE Trash",
            "CREATE INBOX",
            "UID COPY 5 Archive",
            "UID MOVE 6 Archive.2024",
            "MOVE 1 Nowhere",
            "EXPUNGE")) {
      steps.add(Step.of(c));
    }
    steps.add(Step.b("NOOP"));
    steps.add(Step.b("FETCH 1:* (UID FLAGS)"));
    for (String c :
        List.of(
            "STATUS Trash (MESSAGES UIDNEXT UNSEEN)",
            "STATUS Archive (MESSAGES UIDNEXT UIDVALIDITY)",
            "STATUS Archive.2024 (MESSAGES UIDNEXT)",
            "LIST \"\" \"*\"",
            "LIST \"\" \"Archive.%\"",
            "LIST \"\" \"Archive*\"",
            "LIST \"\" \"&U,BTFw-\"",
            "RENAME Archive.2024 Archive.2025",
            "RENAME Nope Other",
            "RENAME Archive Trash",
            "LIST \"\" \"Archive*\"",
            "SUBSCRIBE Archive",
            "LSUB \"\" \"*\"",
            "UNSUBSCRIBE Archive",
            "LSUB \"\" \"A*\"",
            "DELETE Archive.2025",
            "DELETE &U,BTFw-",
            "DELETE Nope",
            "CREATE Parent.Child",
            "DELETE Parent",
            "LIST \"\" \"Parent*\"",
            "DELETE Parent.Child",
            "LIST \"\" \"Parent*\"",
            "DELETE INBOX",
            "STORE 1 +FLAGS (\\Deleted)",
            "UID EXPUNGE 2",
            "UID EXPUNGE 1",
            "SEARCH ALL",
            "FETCH 1:* (UID FLAGS)")) {
      steps.add(Step.of(c));
    }
    steps.add(
        Step.literal(
            "APPEND Drafts (\\Draft $Later) \"05-Mar-2026 10:00:00 +0000\"", appended, ""));
    steps.add(Step.literal("APPEND Nowhere", appended, ""));
    steps.add(Step.literal("APPEND INBOX ()", appended, ""));
    steps.add(Step.b("CHECK"));
    steps.add(Step.b("UID FETCH 1:* (FLAGS)"));
    for (String c :
        List.of(
            "EXAMINE Drafts",
            "FETCH 1:* (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)",
            "STORE 1 +FLAGS.SILENT (\\Deleted)",
            "UID EXPUNGE 1:*",
            "CLOSE",
            "FETCH 1 FLAGS",
            "CLOSE",
            "SELECT Nowhere",
            "FETCH 1 FLAGS",
            "SELECT Trash",
            "FETCH 1:* (UID FLAGS BODY.PEEK[HEADER.FIELDS (Subject)])",
            "UNSELECT",
            "UNSELECT",
            "ENABLE UTF8=ACCEPT",
            "FOO",
            "FETCH",
            "SELECT",
            "LIST",
            "LOGOUT")) {
      steps.add(Step.of(c));
    }
    steps.add(Step.b("LOGOUT"));
    return steps;
  }

  /** What the server on PORT can do once test@bann.com is logged in. */
  private static Set<String> capabilities(int port) throws IOException {
    try (ImapDialog s = ImapDialog.connect(ADDRESS, port)) {
      s.command("LOGIN test@bann.com changeme");
      String line = s.command("CAPABILITY").get(0);
      assertThat(line).startsWith("* CAPABILITY ");
      return new HashSet<>(List.of(line.substring("* CAPABILITY ".length()).split(" ")));
    }
  }

  /** Each step's normalised responses from the server on PORT, in the script's order. */
  private static List<List<String>> run(List<Step> steps, int port, ImapNormaliser normaliser)
      throws Exception {
    List<List<String>> transcript = new ArrayList<>();
    Map<Character, ImapDialog> sessions = new LinkedHashMap<>();
    try {
      for (Step step : steps) {
        ImapDialog s = sessions.get(step.session());
        if (s == null) {
          s = ImapDialog.connect(ADDRESS, port);
          sessions.put(step.session(), s);
        }
        List<String> raw;
        if (step.literal() != null) {
          byte[] literal = step.literal().getBytes(StandardCharsets.UTF_8);
          raw =
              step.plus()
                  ? s.withLiteralPlus(step.command(), literal, step.tail())
                  : s.withLiteral(step.command(), literal, step.tail());
        } else if (step.command().equals("IDLE")) {
          raw = s.idle();
        } else if (step.command().equals("DONE")) {
          raw = s.done(10); // Dovecot pushes within a second or two (inotify)
        } else {
          raw = s.command(step.command());
        }
        transcript.add(normaliser.normalise(step.command(), raw));
      }
    } finally {
      for (ImapDialog s : sessions.values()) {
        s.close();
      }
    }
    return transcript;
  }

  private static void compare(List<Step> steps, List<List<String>> mx, List<List<String>> dc)
      throws Exception {
    assertThat(TOLERATED.keySet())
        .as("tolerated differences name commands of the script")
        .allMatch(key -> steps.stream().anyMatch(st -> st.key().equals(key)));
    StringBuilder report = new StringBuilder();
    List<String> unexpected = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      if (mx.get(i).equals(dc.get(i))) {
        continue;
      }
      String shown = steps.get(i).shown();
      String why = TOLERATED.get(steps.get(i).key());
      report.append("C ").append(shown).append(why == null ? "" : "   [tolerated: " + why + "]");
      report.append('\n');
      mx.get(i).forEach(l -> report.append("  mxlab:   ").append(l).append('\n'));
      dc.get(i).forEach(l -> report.append("  dovecot: ").append(l).append('\n'));
      if (why == null) {
        unexpected.add(shown);
      }
    }
    StringBuilder transcript = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      transcript.append("C ").append(steps.get(i).shown()).append('\n');
      dc.get(i).forEach(l -> transcript.append("  S: ").append(l).append('\n'));
    }
    // for a reader of the build: what was compared, and where the two differ
    Files.writeString(Path.of("target/imap-differential-transcript.txt"), transcript.toString());
    Files.writeString(Path.of("target/imap-differential.txt"), report.toString());
    assertThat(unexpected).as("differences from Dovecot:\n%s", report).isEmpty();
  }
}
