package mxlab.cli.command;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import mxlab.cli.CliFailure;
import mxlab.cli.ExitCode;
import mxlab.core.auth.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** Prints a password hash for a spec's users: password: "{SHA512-CRYPT}$6$...". */
@Command(
    name = "passwd",
    mixinStandardHelpOptions = true,
    description = {
      "Hash a password for a spec (SHA512-CRYPT: salted, 5000 rounds of SHA-512, as glibc's",
      "crypt and Dovecot read it). Asks twice on a terminal; reads one line from a pipe."
    })
public final class PasswdCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec self;

  @Override
  public Integer call() throws IOException {
    String password = read();
    if (password.isEmpty()) {
      throw new CliFailure(ExitCode.BAD_INPUT, "an empty password would let anyone in");
    }
    self.commandLine().getOut().println(PasswordHash.hash(password));
    return ExitCode.OK;
  }

  private String read() throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password: ");
      char[] second = console.readPassword("Again: ");
      if (first == null || second == null || !Arrays.equals(first, second)) {
        throw new CliFailure(ExitCode.BAD_INPUT, "the two passwords differ");
      }
      return new String(first);
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    return line == null ? "" : line;
  }
}
