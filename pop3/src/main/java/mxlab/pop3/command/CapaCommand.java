package mxlab.pop3.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import mxlab.core.auth.sasl.Mechanisms;
import mxlab.pop3.reply.Pop3Reply;
import mxlab.pop3.session.Pop3Session;
import mxlab.pop3.session.Pop3State;

/** CAPA (RFC 2449 5): what this connection can do now. */
final class CapaCommand implements Pop3Command {
  @Override
  public String verb() {
    return "CAPA";
  }

  @Override
  public Set<Pop3State> states() {
    return States.BOTH;
  }

  @Override
  public void handle(Pop3Session session, String argument) {
    List<String> caps = new ArrayList<>(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE"));
    caps.add("PIPELINING");
    caps.add("EXPIRE NEVER");
    caps.add("IMPLEMENTATION mxlab");
    if (session.state() == Pop3State.AUTHORIZATION) {
      if (session.plaintextAllowed()) {
        caps.add("USER");
        caps.add("SASL " + String.join(" ", Mechanisms.offered(session.site().credentials())));
      }
      if (session.tlsAvailable() && !session.tlsActive()) {
        caps.add("STLS");
      }
    }
    session.reply(Pop3Reply.ok("Capability list follows"));
    session.reply(Pop3Reply.line(String.join("\r\n", caps) + "\r\n."));
  }
}
