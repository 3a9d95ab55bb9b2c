package mxlab.imap.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
  private static Arguments assembled(String wire) {
    CommandAssembler a = new CommandAssembler(new CommandAssembler.Limits(10_000, 10_000));
    List<CommandAssembler.Event> events = a.feed(wire.getBytes(StandardCharsets.UTF_8));
    CommandAssembler.Event last = events.get(events.size() - 1);
    return new Arguments(((CommandAssembler.Complete) last).command());
  }

  @Test
  void loginWithAtomsQuotedStringsOrLiteralsInAnyArgument() throws Exception {
    for (String wire :
        List.of(
            "a1 LOGIN test@bann.com changeme\r\n",
            "a1 LOGIN \"test@bann.com\" \"changeme\"\r\n",
            "a1 LOGIN {13}\r\ntest@bann.com {8+}\r\nchangeme\r\n")) {
      Arguments args = assembled(wire);
      assertThat(args.tag()).isEqualTo("a1");
      args.space();
      assertThat(args.atom()).isEqualTo("LOGIN");
      args.space();
      assertThat(args.astring()).isEqualTo("test@bann.com");
      args.space();
      assertThat(args.astring()).isEqualTo("changeme");
      args.end();
    }
  }

  @Test
  void quotedStringsUnescapeAndKeepUtf8() throws Exception {
    Arguments args = Arguments.of("\"a \\\"b\\\" \\\\ c\" \"받은편지함\"");
    assertThat(args.astring()).isEqualTo("a \"b\" \\ c");
    args.space();
    assertThat(args.astring()).isEqualTo("받은편지함");
    assertThatThrownBy(() -> Arguments.of("\"open").astring())
        .isInstanceOf(ImapSyntaxException.class);
    assertThatThrownBy(() -> Arguments.of("\"bad \\x\"").astring())
        .isInstanceOf(ImapSyntaxException.class);
  }

  @Test
  void aLiteralHoldsAnyOctets() throws Exception {
    Arguments args = assembled("a1 X {5}\r\n\"(){}\r\n");
    args.tag();
    args.space();
    args.atom();
    args.space();
    assertThat(new String(args.string(), StandardCharsets.US_ASCII)).isEqualTo("\"(){}");
    args.end();
  }

  @Test
  void flagsWithOrWithoutParentheses() throws Exception {
    assertThat(Arguments.of("(\\Seen $Forwarded)").flags()).containsExactly("\\Seen", "$Forwarded");
    assertThat(Arguments.of("()").flags()).isEmpty();
    assertThat(Arguments.of("\\Deleted \\Seen").flags()).containsExactly("\\Deleted", "\\Seen");
    assertThatThrownBy(() -> Arguments.of("(\\Seen").flags())
        .isInstanceOf(ImapSyntaxException.class);
  }

  @Test
  void nstringAndListMailbox() throws Exception {
    Arguments args = Arguments.of("NIL \"x\" INBOX.% *");
    assertThat(args.nstring()).isNull();
    args.space();
    assertThat(args.nstring()).isEqualTo("x".getBytes(StandardCharsets.US_ASCII));
    args.space();
    assertThat(args.listMailbox()).isEqualTo("INBOX.%");
    args.space();
    assertThat(args.listMailbox()).isEqualTo("*");
    args.end();
  }

  @Test
  void datesAsClientsWriteThem() throws Exception {
    assertThat(Arguments.of("\" 2-Dec-2026 13:05:09 +0900\"").dateTime())
        .isEqualTo(OffsetDateTime.of(2026, 12, 2, 13, 5, 9, 0, ZoneOffset.ofHours(9)));
    assertThat(Arguments.of("\"02-DEC-2026 13:05:09 -0000\"").dateTime().getDayOfMonth())
        .isEqualTo(2);
    assertThat(Arguments.of("1-Feb-2025").date()).isEqualTo(LocalDate.of(2025, 2, 1));
    assertThat(Arguments.of("\"1-Feb-2025\"").date()).isEqualTo(LocalDate.of(2025, 2, 1));
    assertThatThrownBy(() -> Arguments.of("\"31-Feb-2025 00:00:00 +0000\"").dateTime())
        .isInstanceOf(ImapSyntaxException.class);
  }

  @Test
  void numbersAreThirtyTwoBits() throws Exception {
    assertThat(Arguments.of("4294967295").number()).isEqualTo(4294967295L);
    assertThatThrownBy(() -> Arguments.of("4294967296").number())
        .isInstanceOf(ImapSyntaxException.class);
    assertThatThrownBy(() -> Arguments.of("x").number()).isInstanceOf(ImapSyntaxException.class);
  }

  @Test
  void whatIsLeftOverIsAnError() throws Exception {
    Arguments args = Arguments.of("a1 NOOP extra");
    args.tag();
    args.space();
    args.atom();
    assertThatThrownBy(args::end).hasMessageContaining("extra");
  }
}
