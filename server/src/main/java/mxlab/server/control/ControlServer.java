package mxlab.server.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running instance's door for admin commands from the same machine: a Unix socket in the data
 * directory, readable by its owner only. One request per connection: the console command's words
 * separated by NUL, a newline; the answer: lines of "O " (output), "E " (errors), then "X status".
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

  private final Path path;
  private final ServerSocketChannel channel;
  private final AdminContext context;
  private final AdminCommands commands;
  private final Thread thread;
  private volatile boolean running = true;

  private ControlServer(
      Path path, ServerSocketChannel channel, AdminContext context, AdminCommands commands) {
    this.path = path;
    this.channel = channel;
    this.context = context;
    this.commands = commands;
    this.thread = new Thread(this::serve, "control");
    this.thread.setDaemon(true);
  }

  /**
   * Opens the socket. A socket file left by a crashed run is replaced; one that answers means
   * another mxlab runs on this data directory, which would corrupt it: that is refused.
   */
  public static ControlServer start(Path path, AdminContext context, AdminCommands commands)
      throws IOException {
    if (Files.exists(path)) {
      if (ControlClient.answers(path)) {
        throw new IOException(
            "another mxlab is already running with this data directory (" + path + ")");
      }
      Files.delete(path);
    }
    ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    channel.bind(UnixDomainSocketAddress.of(path));
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not POSIX: the data directory's permissions protect it
    }
    ControlServer server = new ControlServer(path, channel, context, commands);
    server.thread.start();
    return server;
  }

  private void serve() {
    while (running) {
      try (SocketChannel client = channel.accept()) {
        handle(client);
      } catch (IOException e) {
        if (running) {
          log.debug("control: {}", e.toString());
        }
      } catch (RuntimeException e) {
        log.warn("control: command failed: {}", e.toString(), e);
      }
    }
  }

  private void handle(SocketChannel client) throws IOException {
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
    String request = in.readLine();
    if (request == null) {
      return;
    }
    String[] args = request.isEmpty() ? new String[0] : request.split("\0", -1);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = commands.run(args, context, new PrintWriter(out), new PrintWriter(err));
    StringBuilder answer = new StringBuilder();
    out.toString().lines().forEach(l -> answer.append("O ").append(l).append('\n'));
    err.toString().lines().forEach(l -> answer.append("E ").append(l).append('\n'));
    answer.append("X ").append(status).append('\n');
    OutputStream o = Channels.newOutputStream(client);
    o.write(answer.toString().getBytes(StandardCharsets.UTF_8));
    o.flush();
  }

  @Override
  public void close() {
    running = false;
    try {
      channel.close();
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.debug("control: close: {}", e.toString());
    }
  }
}
