package mxlab.server.control;

import java.io.PrintWriter;

/**
 * The admin commands (status, queue, reload, ...) as the command line defines them: what the
 * control socket and the SSH console run for each request. Supplied by the cli, which owns their
 * grammar.
 */
@FunctionalInterface
public interface AdminCommands {
  /** Runs one command's words against {@code context}; returns its exit status. */
  int run(String[] args, AdminContext context, PrintWriter out, PrintWriter err);
}
