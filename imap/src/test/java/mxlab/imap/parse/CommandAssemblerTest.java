package mxlab.imap.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mxlab.imap.parse.CommandAssembler.Complete;
import mxlab.imap.parse.CommandAssembler.Dropped;
import mxlab.imap.parse.CommandAssembler.Event;
import mxlab.imap.parse.CommandAssembler.GoAhead;
import mxlab.imap.parse.CommandAssembler.Reason;
import org.junit.jupiter.api.Test;

class CommandAssemblerTest {
  private final CommandAssembler assembler =
      new CommandAssembler(new CommandAssembler.Limits(1000, 100_000));

  private List<Event> feed(String s) {
    return assembler.feed(s.getBytes(StandardCharsets.UTF_8));
  }

  private static RawCommand only(List<Event> events) {
    assertThat(events).hasSize(1).first().isInstanceOf(Complete.class);
    return ((Complete) events.get(0)).command();
  }

  private static List<String> texts(RawCommand c) {
    List<String> out = new ArrayList<>();
    for (RawCommand.Part p : c.parts()) {
      out.add(
          p instanceof RawCommand.Text t
              ? t.text()
              : "<" + new String(((RawCommand.Literal) p).octets(), StandardCharsets.UTF_8) + ">");
    }
    return out;
  }

  @Test
  void aLineIsACommandWithOrWithoutCr() {
    assertThat(texts(only(feed("a1 NOOP\r\n")))).containsExactly("a1 NOOP");
    assertThat(texts(only(feed("a2 NOOP\n")))).containsExactly("a2 NOOP");
  }

  @Test
  void octetsMaySplitAnywhere() {
    List<Event> events = new ArrayList<>();
    for (char c : "a1 LOGIN {4}\r\nuser \"pw\"\r\n".toCharArray()) {
      events.addAll(feed(String.valueOf(c)));
    }
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(GoAhead.class);
    assertThat(texts(((Complete) events.get(1)).command()))
        .containsExactly("a1 LOGIN {4}", "<user>", " \"pw\"");
  }

  @Test
  void aSynchronizingLiteralGetsAGoAheadANonSynchronizingOneDoesNot() {
    assertThat(feed("a1 LOGIN {4}\r\n")).containsExactly(new GoAhead());
    assertThat(texts(only(feed("user {2+}\r\npw\r\n"))))
        .containsExactly("a1 LOGIN {4}", "<user>", " {2+}", "<pw>", "");
  }

  @Test
  void aLiteralMayHoldCrLfAndWhatLooksLikeCommands() {
    feed("a1 APPEND INBOX {19}\r\n");
    RawCommand c = only(feed("a2 LOGOUT\r\nline 2\r\n\r\n"));
    assertThat(texts(c)).containsExactly("a1 APPEND INBOX {19}", "<a2 LOGOUT\r\nline 2\r\n>", "");
  }

  @Test
  void literal8IsMarkedBinaryAndAnEmptyLiteralIsFine() {
    RawCommand c = only(feed("a1 APPEND INBOX ~{0+}\r\n\r\n"));
    assertThat(c.parts().get(1)).isInstanceOf(RawCommand.Literal.class);
    assertThat(((RawCommand.Literal) c.parts().get(1)).binary()).isTrue();
    assertThat(((RawCommand.Literal) c.parts().get(1)).octets()).isEmpty();
  }

  @Test
  void aTooLongLineIsDroppedWithItsTagAndTheNextCommandWorks() {
    List<Event> events = feed("a1 NOOP " + "x".repeat(2000) + "\r\na2 NOOP\r\n");
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isEqualTo(new Dropped("a1", Reason.TOO_LONG));
    assertThat(texts(((Complete) events.get(1)).command())).containsExactly("a2 NOOP");
  }

  @Test
  void manySmallLiteralsCannotGrowACommandPastTheLimit() {
    List<Event> events = new ArrayList<>();
    events.addAll(feed("a1 SEARCH TEXT {400+}\r\n" + "y".repeat(400) + " TEXT {400+}\r\n"));
    events.addAll(feed("z".repeat(400) + " TEXT {400+}\r\n" + "w".repeat(400) + "\r\na2 NOOP\r\n"));
    assertThat(events).first().isEqualTo(new Dropped("a1", Reason.NON_SYNC_LITERAL_TOO_BIG));
    assertThat(events).hasSize(2);
    assertThat(texts(((Complete) events.get(1)).command())).containsExactly("a2 NOOP");
  }

  @Test
  void aTooBigSynchronizingLiteralIsRefusedBeforeItIsSent() {
    assertThat(feed("a1 APPEND INBOX {100001}\r\n"))
        .containsExactly(new Dropped("a1", Reason.LITERAL_TOO_BIG));
    assertThat(texts(only(feed("a2 NOOP\r\n")))).containsExactly("a2 NOOP");
  }

  @Test
  void aTooBigNonSynchronizingLiteralIsReadAndThrownAwayNeverRunAsCommands() {
    String smuggled = "a9 DELETE INBOX\r\n".repeat(100);
    List<Event> events =
        feed("a1 RENAME {" + smuggled.length() + "+}\r\n" + smuggled + " x\r\na2 NOOP\r\n");
    assertThat(events).hasSize(2).doesNotContainNull();
    assertThat(events.get(0)).isEqualTo(new Dropped("a1", Reason.NON_SYNC_LITERAL_TOO_BIG));
    assertThat(texts(((Complete) events.get(1)).command())).containsExactly("a2 NOOP");
  }

  @Test
  void aLiteralAnnouncedAtTheEndOfATooLongLineIsThrownAwayToo() {
    String smuggled = "a9 DELETE INBOX\r\n";
    List<Event> events =
        feed(
            "a1 NOOP "
                + "x".repeat(5000)
                + " {"
                + smuggled.length()
                + "+}\r\n"
                + smuggled
                + "\r\na2 NOOP\r\n");
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isEqualTo(new Dropped("a1", Reason.TOO_LONG));
    assertThat(texts(((Complete) events.get(1)).command())).containsExactly("a2 NOOP");
  }

  @Test
  void appendMayCarryAMessageLargerThanTheLineLimit() {
    String message = "m".repeat(50_000);
    RawCommand c = only(feed("a1 APPEND INBOX {50000+}\r\n" + message + "\r\n"));
    assertThat(((RawCommand.Literal) c.parts().get(1)).octets()).hasSize(50_000);
  }
}
