package mxlab.server.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import mxlab.core.spec.Domain;
import mxlab.core.spec.User;
import mxlab.server.Instance;
import mxlab.server.Listener;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The tutorial's `netstat -nlp | grep 25` check, end to end: every service is asked the way a
 * client would ask it, not just looked up in a socket table.
 */
public final class StatusProbe {
  private static final int TIMEOUT_MILLIS = 3000;

  private StatusProbe() {}

  /** One service's answer. */
  public record Check(String service, String address, boolean up, String detail) {}

  /** Everything probed, plus the queue and mailbox counts. */
  public record Report(String spec, List<Check> checks, int queued, int mailboxes, int messages) {
    public boolean allUp() {
      return checks.stream().allMatch(Check::up);
    }

    public String text() {
      StringBuilder b = new StringBuilder();
      b.append(allUp() ? "mxlab is up" : "mxlab is DEGRADED")
          .append(" (")
          .append(spec)
          .append(")\n");
      b.append(String.format("  %-12s %-22s %-5s %s%n", "SERVICE", "ADDRESS", "STATE", "DETAIL"));
      for (Check c : checks) {
        b.append(
            String.format(
                "  %-12s %-22s %-5s %s%n",
                c.service(), c.address(), c.up() ? "up" : "DOWN", c.detail()));
      }
      b.append(String.format("  queue: %d messages waiting%n", queued));
      b.append(String.format("  mailboxes: %d, holding %d messages%n", mailboxes, messages));
      return b.toString();
    }

    public String json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("spec", spec);
      m.put("up", allUp());
      m.put("services", checks);
      m.put("queued", queued);
      m.put("mailboxes", mailboxes);
      m.put("messages", messages);
      try {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m)
            + "\n";
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static Report probe(Instance instance) {
    List<Check> checks = new ArrayList<>();
    for (Listener l : instance.listeners()) {
      if (l.service().equals("dns") && l.protocol().equals("tcp")) {
        continue; // one DNS check covers both
      }
      InetSocketAddress target = reachable(l.address());
      String where = l.hostPort();
      try {
        String detail =
            switch (l.service()) {
              case "dns" -> dns(target, instance.spec().domains());
              case "smtp", "submission" -> smtp(target, false);
              case "submissions" -> smtp(target, true);
              case "pop3" -> banner(target, false, "+OK");
              case "pop3s" -> banner(target, true, "+OK");
              case "imap" -> banner(target, false, "* OK");
              case "imaps" -> banner(target, true, "* OK");
              case "http" -> http(target, false);
              case "https" -> http(target, true);
              case "ssh" -> banner(target, false, "SSH-2.0-");
              default -> "not probed";
            };
        checks.add(new Check(l.service(), where, true, detail));
      } catch (IOException | RuntimeException e) {
        checks.add(new Check(l.service(), where, false, e.getMessage()));
      }
    }
    int queued = 0;
    try {
      queued = instance.console().queue().list().size();
    } catch (IOException e) {
      checks.add(new Check("queue", "", false, e.getMessage()));
    }
    int mailboxes = 0;
    int messages = 0;
    for (Domain d : instance.spec().domains()) {
      for (User u : d.users()) {
        mailboxes++;
        try {
          messages +=
              instance.mailDrop().mailStore().mailbox(d.name(), u.name()).inbox().messages().size();
        } catch (IOException e) {
          // an unreadable mailbox counts as empty here
        }
      }
    }
    return new Report(instance.specFile().toString(), checks, queued, mailboxes, messages);
  }

  /** A wildcard listener is probed on loopback. */
  private static InetSocketAddress reachable(InetSocketAddress a) {
    return a.getAddress().isAnyLocalAddress()
        ? new InetSocketAddress(InetAddress.getLoopbackAddress(), a.getPort())
        : a;
  }

  private static String dns(InetSocketAddress target, List<Domain> domains) throws IOException {
    SimpleResolver resolver = new SimpleResolver(target);
    resolver.setTimeout(Duration.ofMillis(TIMEOUT_MILLIS));
    for (Domain d : domains) {
      for (int type : new int[] {Type.SOA, Type.MX}) {
        Message answer =
            resolver.send(
                Message.newQuery(
                    Record.newRecord(Name.fromString(d.name() + "."), type, DClass.IN)));
        if (answer.getRcode() != Rcode.NOERROR || !answer.getHeader().getFlag(Flags.AA)) {
          throw new IOException(
              d.name() + " " + Type.string(type) + ": " + Rcode.string(answer.getRcode()));
        }
      }
    }
    return domains.size() + " domains answer SOA and MX authoritatively";
  }

  private static String smtp(InetSocketAddress target, boolean tls) throws IOException {
    try (Socket s = connect(target, tls)) {
      BufferedReader in = reader(s);
      String greeting = expect(in, "220");
      OutputStream out = s.getOutputStream();
      out.write("EHLO status.probe\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line;
      do {
        line = expect(in, "250");
      } while (line.length() > 3 && line.charAt(3) == '-');
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return greeting + "; EHLO ok";
    }
  }

  private static String banner(InetSocketAddress target, boolean tls, String prefix)
      throws IOException {
    try (Socket s = connect(target, tls)) {
      String line = expect(reader(s), prefix);
      if (prefix.equals("+OK")) {
        s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      } else if (prefix.equals("* OK")) {
        s.getOutputStream().write("a LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      return line;
    }
  }

  /** The lab page's health route answers 200, as a browser would fetch it. */
  private static String http(InetSocketAddress target, boolean tls) throws IOException {
    try (Socket s = connect(target, tls)) {
      s.getOutputStream()
          .write(
              ("GET /healthz HTTP/1.1\r\nHost: status.probe\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return expect(reader(s), "HTTP/1.1 200");
    }
  }

  private static Socket connect(InetSocketAddress target, boolean tls) throws IOException {
    Socket plain = new Socket();
    plain.connect(target, TIMEOUT_MILLIS);
    plain.setSoTimeout(TIMEOUT_MILLIS);
    if (!tls) {
      return plain;
    }
    return anyCertificate()
        .getSocketFactory()
        .createSocket(plain, target.getHostString(), target.getPort(), true);
  }

  private static BufferedReader reader(Socket s) throws IOException {
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
  }

  private static String expect(BufferedReader in, String prefix) throws IOException {
    String line = in.readLine();
    if (line == null || !line.startsWith(prefix)) {
      throw new IOException("expected " + prefix + ", got " + line);
    }
    return line;
  }

  /** The probe checks that TLS works, not who signed the certificate. */
  private static SSLContext anyCertificate() throws IOException {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(
          null,
          new TrustManager[] {
            new X509TrustManager() {
              @Override
              public void checkClientTrusted(X509Certificate[] c, String a) {}

              @Override
              public void checkServerTrusted(X509Certificate[] c, String a) {}

              @Override
              public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
              }
            }
          },
          new SecureRandom());
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }
}
