package mxlab.pop3.session;

/** RFC 1939 states; commands declare where they may run. */
public enum Pop3State {
  AUTHORIZATION,
  TRANSACTION,
  /** After QUIT in TRANSACTION: deletions are applied, then the connection closes. */
  UPDATE,
  /** STLS answered; the handshake is under way. */
  TLS_HANDSHAKE
}
