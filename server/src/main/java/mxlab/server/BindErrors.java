package mxlab.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import mxlab.core.spec.Service;

/** Says why a port could not be bound and how to fix it, instead of a bare exception. */
final class BindErrors {
  private BindErrors() {}

  static String explain(Service service, InetSocketAddress address, IOException e) {
    String where =
        service.specName()
            + " on "
            + address.getAddress().getHostAddress()
            + ":"
            + address.getPort();
    String reason = e.getMessage() == null ? e.toString() : e.getMessage();
    String lower = reason.toLowerCase();
    String fix =
        "choose another port with --ports " + service.specName() + "=N, or 'off' to skip it";
    if (lower.contains("permission denied") || lower.contains("access denied")) {
      return "cannot listen for "
          + where
          + ": permission denied (ports below 1024 need root).\n  Run as root, or "
          + fix.replace("N", String.valueOf(service.defaultPort() + 10000));
    }
    if (lower.contains("in use")) {
      return "cannot listen for "
          + where
          + ": the port is already in use by another program (see: ss -ltnup | grep :"
          + address.getPort()
          + ").\n  Stop that program, or "
          + fix;
    }
    if (e instanceof BindException || lower.contains("assign")) {
      return "cannot listen for "
          + where
          + ": "
          + reason
          + " (is "
          + address.getAddress().getHostAddress()
          + " an address of this machine?).\n  Use --listen with one of its addresses.";
    }
    return "cannot listen for " + where + ": " + reason;
  }
}
