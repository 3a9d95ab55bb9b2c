package mxlab.server.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** Runs a console command in the instance behind a control socket. */
public final class ControlClient {
  private ControlClient() {}

  /**
   * Sends {@code args}; prints the answer; returns the exit status, or empty when no instance
   * answers at {@code socket}.
   */
  public static OptionalInt run(Path socket, String[] args, PrintWriter out, PrintWriter err)
      throws IOException {
    if (!Files.exists(socket)) {
      return OptionalInt.empty();
    }
    SocketChannel channel;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      return OptionalInt.empty(); // a socket file left behind by a crash
    }
    try (channel) {
      OutputStream o = Channels.newOutputStream(channel);
      o.write((String.join("\0", args) + "\n").getBytes(StandardCharsets.UTF_8));
      o.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("O ")) {
          out.println(line.substring(2));
        } else if (line.startsWith("E ")) {
          err.println(line.substring(2));
        } else if (line.startsWith("X ")) {
          out.flush();
          err.flush();
          return OptionalInt.of(Integer.parseInt(line.substring(2).trim()));
        }
      }
      throw new IOException("the running mxlab closed the control socket without an answer");
    }
  }

  /** Whether an instance answers at {@code socket}. */
  static boolean answers(Path socket) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
