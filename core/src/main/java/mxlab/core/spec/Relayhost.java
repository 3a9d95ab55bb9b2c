package mxlab.core.spec;

/**
 * Postfix's relayhost: a smarthost for all outbound mail. {@code [host]} or an IP skips the MX
 * lookup (RFC 5321 5.1 address literal style), a bare name is looked up by MX.
 */
public record Relayhost(String host, int port, boolean mxLookup) {
  @Override
  public String toString() {
    return (mxLookup ? host : "[" + host + "]") + (port == 25 ? "" : ":" + port);
  }
}
