package mxlab.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import mxlab.cli.console.Console;
import mxlab.cli.console.SshConsole;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.server.Instance;
import mxlab.server.Listening;
import mxlab.server.ServiceStarter;
import mxlab.server.Services;
import mxlab.server.SpecSource;
import mxlab.server.StartFailure;
import mxlab.server.Starters;

/**
 * An instance as `mxlab up` runs it: the protocol modules' services, plus what only the command
 * line has: the SSH console (MINA SSHD) and the admin commands (picocli) behind the control socket.
 */
public final class Instances {
  private Instances() {}

  public static Instance start(Spec spec) throws StartFailure {
    return start(SpecSource.fixed(spec), spec);
  }

  public static Instance start(SpecSource source, Spec spec) throws StartFailure {
    List<ServiceStarter.Factory> starters = new ArrayList<>(Starters.standard());
    starters.add(Instances::sshConsole);
    return Instance.start(source, spec, starters, Console::run);
  }

  private static ServiceStarter sshConsole(Services shared) {
    return ServiceStarter.of(
        EnumSet.of(Service.SSH),
        (service, address) -> {
          SshConsole ssh =
              SshConsole.start(address, shared.dataDir(), shared.site(), shared.admin());
          return new Listening() {
            @Override
            public InetSocketAddress address() {
              return ssh.address();
            }

            @Override
            public void close() {
              try {
                ssh.close();
              } catch (IOException e) {
                // closing: nothing left to do with it
              }
            }
          };
        });
  }
}
