package mxlab.cli.console;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import mxlab.core.text.Printable;

/**
 * Console output with its control characters escaped ({@link Printable}), whatever a command
 * prints: only the line breaks between lines pass. A value that may hold a line break of its own (a
 * subject, a log line) is escaped whole by the command that prints it.
 */
final class PrintableWriter extends FilterWriter {
  PrintableWriter(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    write(new char[] {(char) c}, 0, 1);
  }

  @Override
  public void write(char[] text, int offset, int length) throws IOException {
    StringBuilder b = new StringBuilder(length);
    for (int i = offset; i < offset + length; i++) {
      if (text[i] == '\n' || text[i] == '\t') {
        b.append(text[i]);
      } else {
        Printable.append(b, text[i]);
      }
    }
    out.write(b.toString());
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    write(text.toCharArray(), offset, length);
  }
}
