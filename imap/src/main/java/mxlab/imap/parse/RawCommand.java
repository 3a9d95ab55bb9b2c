package mxlab.imap.parse;

import java.util.List;

/**
 * One command as the client sent it: its text, line by line, with each literal's octets between
 * (RFC 3501 4.3). A text part that ends with a literal's announcement ("{5}", "{5+}", "~{5}") is
 * followed by that literal.
 */
public record RawCommand(List<Part> parts) {
  public RawCommand {
    parts = List.copyOf(parts);
  }

  /** A piece of the command. */
  public sealed interface Part {}

  /** Text of one line, without its CRLF. */
  public record Text(String text) implements Part {}

  /** A literal's octets; binary for a literal8 (RFC 3516, "~{n}"). */
  public record Literal(byte[] octets, boolean binary) implements Part {}
}
