package mxlab.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A full-screen program (mutt) on a terminal of tmux's, on a private tmux server (its own socket,
 * no configuration): keys are typed with send-keys and the screen read with capture-pane. Every
 * wait has a deadline, and closing kills the server and what runs on it, so nothing can hang.
 */
final class Tmux implements AutoCloseable {
  private final Path socket;

  private Tmux(Path socket) {
    this.socket = socket;
  }

  /** COMMAND (one shell command line) on a new 150x40 terminal. */
  static Tmux start(Path socket, String command) throws IOException, InterruptedException {
    Tools.require("tmux");
    Tmux t = new Tmux(socket);
    t.tmux("-f", "/dev/null", "new-session", "-d", "-x", "150", "-y", "40", command).ok();
    return t;
  }

  /** Types KEYS, each a tmux key name ("Enter", "C-u") or literal text. */
  void keys(String... keys) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", "0"));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new)).ok();
  }

  /** What the terminal shows now. */
  String screen() throws IOException, InterruptedException {
    return tmux("capture-pane", "-p", "-t", "0").ok().out();
  }

  /** Waits up to SECONDS until the screen shows TEXT; returns the screen. */
  String await(String text, int seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    String screen;
    while (!(screen = screen()).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the terminal did not show \"" + text + "\":\n" + screen);
      }
      Thread.sleep(100);
    }
    return screen;
  }

  /** Whether the program still runs (the session ends with it). */
  boolean running() throws IOException, InterruptedException {
    return tmux("has-session", "-t", "0").exit() == 0;
  }

  private Tools.Result tmux(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
    command.addAll(List.of(args));
    return Tools.run(command, null, 10);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    tmux("kill-server");
  }
}
