package mxlab.junit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a lab's spec comes from: a file of the project, or text written by {@link LabBuilder}. */
record LabOrigin(Path file, String text) {
  static LabOrigin file(Path file) {
    return new LabOrigin(file, null);
  }

  static LabOrigin text(String yaml) {
    return new LabOrigin(null, yaml);
  }

  /** The spec file to read: the given one, or the text written into {@code dir}. */
  Path specFile(Path dir) throws IOException {
    if (file != null) {
      return file.toAbsolutePath();
    }
    Path out = dir.resolve("lab.yaml");
    Files.writeString(out, text, StandardCharsets.UTF_8);
    return out;
  }
}
