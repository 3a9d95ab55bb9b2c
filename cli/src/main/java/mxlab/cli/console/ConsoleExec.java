package mxlab.cli.console;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import mxlab.server.control.AdminContext;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/** `ssh -p 2222 teacher@host status`: one console command; its status is the exit status. */
final class ConsoleExec implements Command {
  private final AdminContext context;
  private final String command;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exit;

  ConsoleExec(AdminContext context, String command) {
    this.context = context;
    this.command = command;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    Thread t =
        new Thread(
            () -> {
              PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
              PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8));
              int status =
                  Console.run(CommandFactory.split(command).toArray(new String[0]), context, o, e);
              exit.onExit(status);
            },
            "ssh-exec");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void destroy(ChannelSession channel) {}

  @Override
  public void setInputStream(InputStream in) {}

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }
}
