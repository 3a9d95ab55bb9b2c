package mxlab.net;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.filter.ssl.DisableEncryptWriteRequest;
import org.apache.mina.filter.ssl.SslFilter;

/** TLS on MINA sessions: implicit (SMTPS 465, POP3S 995) and upgraded (STARTTLS, STLS). */
public final class Tls {
  static final String FILTER = "tls";

  /**
   * A client may not start a new handshake on an established session: renegotiation costs the
   * server far more than the client, and TLS 1.3 dropped it (RFC 8446 4.2). The JDK reads this
   * once, when the first server handshake starts, and every server handshake starts from this
   * class.
   */
  static {
    System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
  }

  private Tls() {}

  public static SslFilter filter(SSLContext context) {
    return new MarkingSslFilter(context);
  }

  /**
   * Upgrades {@code session}: {@code clearReply} (the 220 or +OK) goes out in the clear and
   * everything after it is TLS. The caller must drop whatever it had buffered from the client, and
   * from then on take only {@link Decrypted} input: plain bytes read before the handshake were sent
   * in the clear and must never be taken as commands (RFC 3207 4.2, CVE-2011-0411).
   */
  public static void start(IoSession session, SSLContext context, byte[] clearReply) {
    session.getFilterChain().addFirst(FILTER, filter(context));
    writeClear(session, clearReply);
  }

  /** Writes {@code bytes} past the TLS filter, unencrypted. */
  static void writeClear(IoSession session, byte[] bytes) {
    session.getFilterChain().fireFilterWrite(new ClearWrite(IoBuffer.wrap(bytes)));
  }

  public static boolean isActive(IoSession session) {
    return session.getFilterChain().contains(SslFilter.class);
  }

  /** The negotiated session once the handshake is done, else null. */
  public static SSLSession sslSession(IoSession session) {
    return (SSLSession) session.getAttribute(SslFilter.SSL_SECURED);
  }

  /** "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384", for Received: headers; empty without TLS. */
  public static String describe(IoSession session) {
    SSLSession ssl = sslSession(session);
    return ssl == null ? "" : ssl.getProtocol() + " with cipher " + ssl.getCipherSuite();
  }

  /** A write the TLS filter lets through unencrypted: the reply that starts the handshake. */
  private static final class ClearWrite extends DefaultWriteRequest
      implements DisableEncryptWriteRequest {
    ClearWrite(IoBuffer message) {
      super(message);
    }
  }
}
