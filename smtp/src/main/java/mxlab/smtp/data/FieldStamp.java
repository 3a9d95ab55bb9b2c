package mxlab.smtp.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import mxlab.core.store.SpoolWriter;
import mxlab.smtp.policy.FieldRemoval;

/**
 * Puts header fields that need the whole message (DKIM-Signature, Authentication-Results) on top of
 * a spooled message, after its Return-Path line: a spool file is written front to back, so this is
 * one copy, made durable before the 250.
 */
public final class FieldStamp {
  private FieldStamp() {}

  /**
   * Copies {@code spooled} into {@code copy} with {@code fields} (the last one on top), finishes
   * the copy and removes the original; on failure the copy is gone and the original stays.
   */
  public static SpoolWriter.Spooled onTop(
      SpoolWriter.Spooled spooled,
      List<String> fields,
      List<FieldRemoval> removals,
      SpoolWriter copy)
      throws IOException {
    try (InputStream old = new BufferedInputStream(Files.newInputStream(spooled.file()))) {
      copy.line(readLine(old)); // Return-Path: it stays first, and is cut before relaying
      for (int i = fields.size() - 1; i >= 0; i--) {
        for (String physical : fields.get(i).split("\n")) {
          copy.line(physical.getBytes(StandardCharsets.UTF_8));
        }
      }
      copyHeader(old, removals, copy);
      byte[] line;
      while ((line = readLine(old)) != null) {
        copy.line(line);
      }
      SpoolWriter.Spooled stamped = copy.finish();
      Files.deleteIfExists(spooled.file());
      return stamped;
    } catch (IOException e) {
      copy.discard();
      throw e;
    }
  }

  /** The header section up to and with its empty line, each field kept unless removed. */
  private static void copyHeader(InputStream old, List<FieldRemoval> removals, SpoolWriter copy)
      throws IOException {
    List<byte[]> field = new ArrayList<>();
    byte[] line;
    while ((line = readLine(old)) != null) {
      boolean continuation = line.length > 0 && (line[0] == ' ' || line[0] == '\t');
      if (!continuation) {
        keepUnlessRemoved(field, removals, copy);
        field.clear();
      }
      if (line.length == 0) {
        copy.line(line);
        return;
      }
      field.add(line);
    }
    keepUnlessRemoved(field, removals, copy);
  }

  private static void keepUnlessRemoved(
      List<byte[]> lines, List<FieldRemoval> removals, SpoolWriter copy) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(new String(l, StandardCharsets.ISO_8859_1)));
    if (removals.stream().anyMatch(r -> r.matches(text.toString()))) {
      return;
    }
    for (byte[] l : lines) {
      copy.line(l);
    }
  }

  /** One LF-ended line without its LF; null at the end. */
  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      b.write(c);
    }
    return c == -1 && b.size() == 0 ? null : b.toByteArray();
  }
}
