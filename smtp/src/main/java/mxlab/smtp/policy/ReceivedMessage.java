package mxlab.smtp.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mxlab.core.address.MailAddress;

/**
 * A message as received, spooled and not yet delivered, with its envelope (RFC 5321 2.3.1). The
 * file is the message as stored: our Return-Path and Received fields first, LF line ends.
 *
 * @param sender the reverse path; null for {@code <>}
 * @param recipients the accepted forward paths, in order
 */
public record ReceivedMessage(
    String id, MailAddress sender, List<MailAddress> recipients, Path file, long size) {
  public ReceivedMessage {
    recipients = List.copyOf(recipients);
  }

  /** The message, from its first header field to its last line. */
  public InputStream open() throws IOException {
    return Files.newInputStream(file);
  }

  /** The header section, one physical line per entry (folded fields stay folded). */
  public List<String> header() throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }
}
