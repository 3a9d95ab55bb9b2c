package mxlab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One CLI invocation in-process, as picocli's testing guide does it. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(exit, out.toString(), err.toString());
  }
}
