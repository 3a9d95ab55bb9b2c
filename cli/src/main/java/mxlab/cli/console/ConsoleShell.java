package mxlab.cli.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import mxlab.server.control.AdminContext;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/**
 * The interactive console: a prompt, line editing of what the client's terminal sends (echo,
 * backspace, Ctrl-C, Ctrl-D), and the console commands, on a thread of its own.
 */
final class ConsoleShell implements Command {
  static final String PROMPT = "mxlab> ";
  private static final int MAX_LINE = 4096;

  private final AdminContext context;
  private InputStream in;
  private OutputStream out;
  private ExitCallback exit;
  private volatile boolean done;

  ConsoleShell(AdminContext context) {
    this.context = context;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    Thread t = new Thread(this::loop, "ssh-shell");
    t.setDaemon(true);
    t.start();
  }

  private void loop() {
    int status = 0;
    try {
      write("mxlab console; 'help' lists the commands, 'exit' leaves.\r\n" + PROMPT);
      StringBuilder line = new StringBuilder();
      int c;
      while (!done && (c = in.read()) >= 0) {
        if (c == '\r' || c == '\n') {
          write("\r\n");
          String command = line.toString().trim();
          line.setLength(0);
          if (command.equals("exit") || command.equals("quit")) {
            break;
          }
          if (!command.isEmpty()) {
            run(command);
          }
          write(PROMPT);
        } else if (c == 0x7f || c == 0x08) { // backspace
          if (line.length() > 0) {
            line.setLength(line.length() - 1);
            write("\b \b");
          }
        } else if (c == 0x03) { // Ctrl-C: drop the line
          line.setLength(0);
          write("^C\r\n" + PROMPT);
        } else if (c == 0x04) { // Ctrl-D: leave on an empty line
          if (line.length() == 0) {
            write("\r\n");
            break;
          }
        } else if (c >= 0x20 && line.length() < MAX_LINE) {
          line.append((char) c);
          out.write(c);
          out.flush();
        }
      }
    } catch (IOException e) {
      status = 1;
    } finally {
      exit.onExit(status);
    }
  }

  private void run(String command) throws IOException {
    StringWriter text = new StringWriter();
    StringWriter errors = new StringWriter();
    String[] args =
        command.equals("help")
            ? new String[] {"--help"}
            : CommandFactory.split(command).toArray(new String[0]);
    Console.run(args, context, new PrintWriter(text), new PrintWriter(errors));
    write(terminal(text.toString()) + terminal(errors.toString()));
  }

  /** A terminal in raw mode needs CR LF for a new line. */
  private static String terminal(String s) {
    return s.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  private void write(String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void destroy(ChannelSession channel) {
    done = true;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {}

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }
}
