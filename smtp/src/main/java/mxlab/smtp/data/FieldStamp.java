package mxlab.smtp.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
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
    try (Lines old = new Lines(Files.newInputStream(spooled.file()))) {
      copy.line(old.next()); // Return-Path: it stays first, and is cut before relaying
      for (int i = fields.size() - 1; i >= 0; i--) {
        for (String physical : fields.get(i).split("\n")) {
          copy.line(physical.getBytes(StandardCharsets.UTF_8));
        }
      }
      copyHeader(old, removals, copy);
      old.copyRest(copy);
      SpoolWriter.Spooled stamped = copy.finish();
      Files.deleteIfExists(spooled.file());
      return stamped;
    } catch (IOException e) {
      copy.discard();
      throw e;
    }
  }

  /** The header section up to and with its empty line, each field kept unless removed. */
  private static void copyHeader(Lines old, List<FieldRemoval> removals, SpoolWriter copy)
      throws IOException {
    List<byte[]> field = new ArrayList<>();
    byte[] line;
    while ((line = old.next()) != null) {
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
    if (!removals.isEmpty()) {
      StringBuilder text = new StringBuilder();
      lines.forEach(l -> text.append(new String(l, StandardCharsets.ISO_8859_1)));
      if (removals.stream().anyMatch(r -> r.matches(text.toString()))) {
        return;
      }
    }
    for (byte[] l : lines) {
      copy.line(l);
    }
  }

  /**
   * LF-ended lines out of a buffer of our own: a byte-at-a-time read costs a lock each, and every
   * signed or checked message is copied here once.
   */
  private static final class Lines implements AutoCloseable {
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;

    Lines(InputStream in) {
      this.in = in;
    }

    /** The next line without its LF; null at the end. */
    byte[] next() throws IOException {
      ByteArrayOutputStream carry = null; // a line longer than what the buffer holds
      while (fill()) {
        int lf = lineFeed();
        if (lf < limit) {
          byte[] line = Arrays.copyOfRange(buffer, pos, lf);
          pos = lf + 1;
          if (carry == null) {
            return line;
          }
          carry.writeBytes(line);
          return carry.toByteArray();
        }
        if (carry == null) {
          carry = new ByteArrayOutputStream(2 * (limit - pos));
        }
        carry.write(buffer, pos, limit - pos);
        pos = limit;
      }
      return carry == null ? null : carry.toByteArray();
    }

    /** Every line left, each written straight from the buffer when it lies in it whole. */
    void copyRest(SpoolWriter copy) throws IOException {
      while (fill()) {
        int lf = lineFeed();
        if (lf < limit) {
          copy.line(buffer, pos, lf - pos);
          pos = lf + 1;
        } else {
          byte[] line = next();
          copy.line(line);
        }
      }
    }

    private int lineFeed() {
      int i = pos;
      while (i < limit && buffer[i] != '\n') {
        i++;
      }
      return i;
    }

    /** Whether there is something to read, refilling the buffer once it is used up. */
    private boolean fill() throws IOException {
      if (pos < limit) {
        return true;
      }
      pos = 0;
      limit = Math.max(0, in.read(buffer));
      return limit > 0;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
