package mxlab.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import mxlab.core.queue.Envelope;
import mxlab.core.reply.SmtpReply;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * One attempt to hand a message to a destination's mail servers, like Postfix's smtp(8): the MX
 * hosts in order until one takes the transaction; EHLO (HELO if refused), opportunistic STARTTLS
 * (without certificate checks; if the handshake fails, once more without TLS), SIZE, 8BITMIME,
 * SMTPUTF8, and all recipients of the domain in one transaction, pipelined when the server offers
 * PIPELINING.
 */
final class SmtpDelivery {
  // RFC 5321 4.5.3.2
  private static final Duration CONNECT = Duration.ofSeconds(30);
  private static final Duration GREETING = Duration.ofMinutes(5);
  private static final Duration COMMAND = Duration.ofMinutes(5);
  private static final Duration DATA_START = Duration.ofMinutes(2);
  private static final Duration DATA_END = Duration.ofMinutes(10);
  private static final Duration TLS_HANDSHAKE = Duration.ofSeconds(30);

  private final NioSocketConnector connector;
  private final SSLContext tls;
  private final String heloName;
  private final InetAddress source;

  private static final SmtpReply NO_HOST_ANSWERED =
      SmtpReply.of(451, "4.4.1", "no mail host answered");

  /** The host failed before a transaction started: try the next one. */
  private static final class TryNext extends Exception {
    private static final long serialVersionUID = 1L;

    /** What the recipients are told if no other host does better. */
    final transient SmtpReply reply;

    TryNext(SmtpReply reply) {
      super(reply.toString(), null, false, false);
      this.reply = reply;
    }
  }

  /** STARTTLS was offered but the handshake failed. */
  private static final class TlsFailed extends Exception {
    private static final long serialVersionUID = 1L;

    TlsFailed() {
      super("TLS handshake failed", null, false, false);
    }
  }

  SmtpDelivery(NioSocketConnector connector, SSLContext tls, String heloName, InetAddress source) {
    this.connector = connector;
    this.tls = tls;
    this.heloName = heloName;
    this.source = source;
  }

  /**
   * @param data the message as transmitted: CRLF, dot-stuffed, ending with CRLF.CRLF
   */
  List<RecipientResult> deliver(
      Envelope envelope, byte[] data, List<String> recipients, List<MxResolver.Target> targets) {
    SmtpReply lastError = NO_HOST_ANSWERED;
    String lastHost = "";
    for (MxResolver.Target target : targets) {
      try {
        try {
          return converse(target, envelope, data, recipients, true);
        } catch (TlsFailed e) {
          return converse(target, envelope, data, recipients, false);
        }
      } catch (TryNext e) {
        lastError = e.reply;
        lastHost = target.host();
      } catch (TlsFailed e) {
        lastError = SmtpReply.of(451, "4.4.2", e.getMessage());
        lastHost = target.host();
      }
    }
    List<RecipientResult> out = new ArrayList<>();
    for (String r : recipients) {
      out.add(new RecipientResult(r, Envelope.Status.PENDING, lastHost, lastError));
    }
    return out;
  }

  private List<RecipientResult> converse(
      MxResolver.Target target,
      Envelope envelope,
      byte[] data,
      List<String> recipients,
      boolean useTls)
      throws TryNext, TlsFailed {
    String host = target.host();
    String where = host + "[" + target.address().getAddress().getHostAddress() + "]";
    ClientConnection c;
    try {
      c = ClientConnection.open(connector, target.address(), source, CONNECT);
    } catch (IOException e) {
      throw new TryNext(SmtpReply.of(451, "4.4.1", where + ": " + e.getMessage()));
    }
    boolean dataSent = false;
    try (c) {
      SmtpReply greeting = c.read(GREETING);
      if (!greeting.isPositive()) {
        throw new TryNext(greeting.withText(where + " greeted us with: " + greeting.text()));
      }
      SmtpReply ehlo = hello(c, where);
      if (useTls && tls != null && EhloKeywords.offers(ehlo, "STARTTLS")) {
        c.send("STARTTLS");
        if (c.read(COMMAND).code() == 220) {
          try {
            c.startTls(tls, TLS_HANDSHAKE);
          } catch (IOException e) {
            throw new TlsFailed();
          }
          ehlo = hello(c, where);
        }
      }
      String limit = EhloKeywords.parameter(ehlo, "SIZE");
      if (limit != null
          && limit.matches("\\d{1,18}")
          && Long.parseLong(limit) > 0
          && envelope.size() > Long.parseLong(limit)) {
        return all(
            recipients,
            Envelope.Status.FAILED,
            host,
            SmtpReply.of(
                552, "5.3.4", "message too big for " + where + " (limit " + limit + " octets)"));
      }
      if (envelope.smtpUtf8() && !EhloKeywords.offers(ehlo, "SMTPUTF8")) {
        return all(
            recipients,
            Envelope.Status.FAILED,
            host,
            SmtpReply.of(
                553, "5.6.7", where + " does not support SMTPUTF8, which the message needs"));
      }
      String mail =
          "MAIL FROM:<"
              + envelope.sender()
              + ">"
              + (EhloKeywords.offers(ehlo, "SIZE") ? " SIZE=" + envelope.size() : "")
              + (envelope.eightBit() && EhloKeywords.offers(ehlo, "8BITMIME")
                  ? " BODY=8BITMIME"
                  : "")
              + (envelope.smtpUtf8() ? " SMTPUTF8" : "");
      boolean pipelining = EhloKeywords.offers(ehlo, "PIPELINING");
      List<RecipientResult> results = new ArrayList<>();
      List<String> accepted = new ArrayList<>();
      SmtpReply dataReply;
      if (pipelining) {
        List<String> batch = new ArrayList<>();
        batch.add(mail);
        recipients.forEach(r -> batch.add("RCPT TO:<" + r + ">"));
        batch.add("DATA");
        c.send(batch.toArray(new String[0]));
        SmtpReply mailReply = c.read(COMMAND);
        for (String r : recipients) {
          SmtpReply rr = c.read(COMMAND);
          collect(r, mailReply.isPositive() ? rr : mailReply, host, results, accepted);
        }
        dataReply = c.read(DATA_START);
      } else {
        c.send(mail);
        SmtpReply mailReply = c.read(COMMAND);
        if (!mailReply.isPositive()) {
          c.send("QUIT");
          return byReply(recipients, mailReply, host);
        }
        for (String r : recipients) {
          c.send("RCPT TO:<" + r + ">");
          collect(r, c.read(COMMAND), host, results, accepted);
        }
        if (accepted.isEmpty()) {
          c.send("QUIT");
          return results;
        }
        c.send("DATA");
        dataReply = c.read(DATA_START);
      }
      if (accepted.isEmpty()) {
        c.send("QUIT");
        return results;
      }
      if (dataReply.code() != 354) {
        results.addAll(byReply(accepted, dataReply, host));
        c.send("QUIT");
        return results;
      }
      c.write(data);
      dataSent = true;
      SmtpReply end = c.read(DATA_END);
      results.addAll(byReply(accepted, end, host));
      c.send("QUIT");
      return results;
    } catch (IOException e) {
      if (!dataSent) {
        throw new TryNext(SmtpReply.of(451, "4.4.2", where + ": " + e.getMessage()));
      }
      // The server may have the message; we cannot know. Retry later (at most one repeat).
      return all(
          recipients,
          Envelope.Status.PENDING,
          host,
          SmtpReply.of(
              451, "4.4.2", "lost connection with " + where + " after sending the message"));
    }
  }

  private SmtpReply hello(ClientConnection c, String where) throws IOException, TryNext {
    c.send("EHLO " + heloName);
    SmtpReply ehlo = c.read(COMMAND);
    if (ehlo.isPositive()) {
      return ehlo;
    }
    c.send("HELO " + heloName); // RFC 5321 4.1.4: an old server may not know EHLO
    SmtpReply helo = c.read(COMMAND);
    if (!helo.isPositive()) {
      throw new TryNext(helo.withText(where + " refused HELO: " + helo.text()));
    }
    return helo;
  }

  private static void collect(
      String rcpt,
      SmtpReply reply,
      String host,
      List<RecipientResult> results,
      List<String> accepted) {
    if (reply.isPositive()) {
      accepted.add(rcpt);
    } else {
      results.add(RecipientResult.by(rcpt, reply, host));
    }
  }

  private static List<RecipientResult> byReply(List<String> rcpts, SmtpReply reply, String host) {
    return rcpts.stream().map(r -> RecipientResult.by(r, reply, host)).toList();
  }

  private static List<RecipientResult> all(
      List<String> rcpts, Envelope.Status status, String host, SmtpReply diagnostic) {
    return rcpts.stream().map(r -> new RecipientResult(r, status, host, diagnostic)).toList();
  }
}
