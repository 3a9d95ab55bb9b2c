package mxlab.smtp.command;

import java.io.IOException;
import java.net.InetAddress;
import mxlab.core.address.MailAddress;
import mxlab.core.auth.sasl.SaslExchange;
import mxlab.core.reply.SmtpReply;
import mxlab.core.site.Site;
import mxlab.smtp.envelope.MailPath;
import mxlab.smtp.policy.HookResult;
import mxlab.smtp.policy.RecipientRoute;

/**
 * What a command may ask of the session and tell it: the facts it answers from, the replies, and
 * the state changes it causes. The session implements it; commands know nothing else of it.
 */
public interface CommandContext {
  // ------------------------------------------------------------------ facts

  Site site();

  InetAddress clientAddress();

  SmtpState state();

  /** What every command but QUIT is answered when the access map refused the client; or null. */
  SmtpReply refusal();

  // ------------------------------------------------------------------ replies

  /** Queues a reply; replies to pipelined commands go out together. */
  void reply(SmtpReply reply);

  /** Sends {@code reply} (221 or 421) and closes once it is out. */
  void closeWith(SmtpReply reply);

  // ------------------------------------------------------------------ greeting

  /** EHLO ({@code extended}) or HELO; ends any transaction (RFC 5321 4.1.4). */
  void greet(String name, boolean extended);

  /** RSET: ends the transaction, keeps the greeting and login. */
  void reset();

  // ------------------------------------------------------------------ TLS

  boolean tlsAvailable();

  boolean tlsActive();

  /** Answers 220 and starts the handshake (RFC 3207). */
  void startTls();

  // ------------------------------------------------------------------ AUTH

  /** Whether AUTH is offered: over TLS, or in the clear where the spec allows it. */
  boolean authAllowed();

  boolean authenticated();

  /** Starts a SASL exchange, with the (decoded) initial response if the client sent one. */
  void beginSasl(SaslExchange exchange, byte[] initialResponse);

  // ------------------------------------------------------------------ MAIL, RCPT, DATA

  /** The policy chain's answer for a sender. */
  HookResult checkSender(MailPath sender);

  /** The policy chain's answer for a recipient. */
  HookResult checkRecipient(MailPath recipient);

  void startTransaction(MailAddress sender, boolean eightBit, boolean utf8, boolean discard);

  /** Whether the transaction's MAIL said SMTPUTF8 (RFC 6531 3.4). */
  boolean smtpUtf8();

  void accept(MailAddress recipient, RecipientRoute route);

  /** One maillog line for a refused MAIL or RCPT. */
  void logRefusal(String command, String argument, SmtpReply reply);

  /** DATA: a spool file for the message, then 354. */
  void beginData() throws IOException;
}
