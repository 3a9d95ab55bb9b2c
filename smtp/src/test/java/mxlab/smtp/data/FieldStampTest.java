package mxlab.smtp.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mxlab.core.store.SpoolWriter;
import mxlab.smtp.policy.FieldRemoval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stamped copy of a spool file: fields on top, removals gone, every other octet kept. */
class FieldStampTest {
  @TempDir Path dir;

  @Test
  void fieldsGoOnTopAfterReturnPathAndLinesLongerThanTheBufferSurvive() throws Exception {
    String longLine = "x".repeat(200_000); // crosses the 64 KiB read buffer several times
    String message =
        "Return-Path: <a@north.lab>\n"
            + "Authentication-Results: mail.north.lab; forged\n"
            + "Subject: "
            + longLine
            + "\n"
            + "\tfolded\n"
            + "Authentication-Results: other.example; spf=pass\n"
            + "\n"
            + "body "
            + longLine
            + "\n"
            + "\n"
            + "last\n";
    SpoolWriter original = SpoolWriter.create(dir, "m");
    for (String line : message.split("\n")) {
      original.line(line.getBytes(StandardCharsets.UTF_8));
    }
    SpoolWriter.Spooled spooled = original.finishUnsynced();

    SpoolWriter.Spooled stamped =
        FieldStamp.onTop(
            spooled,
            List.of("First: 1", "Second: 2\n\tfolded"),
            List.of(new FieldRemoval("Authentication-Results", "mail.north.lab")),
            SpoolWriter.create(dir, "m.stamped"));

    String expected =
        "Return-Path: <a@north.lab>\n"
            + "Second: 2\n\tfolded\n"
            + "First: 1\n"
            + "Subject: "
            + longLine
            + "\n"
            + "\tfolded\n"
            + "Authentication-Results: other.example; spf=pass\n"
            + "\n"
            + "body "
            + longLine
            + "\n"
            + "\n"
            + "last\n";
    assertThat(Files.readString(stamped.file())).isEqualTo(expected);
    assertThat(stamped.size()).isEqualTo(expected.length());
    assertThat(stamped.crlfSize()).isEqualTo(expected.length() + expected.split("\n").length);
    assertThat(spooled.file()).doesNotExist();
  }
}
