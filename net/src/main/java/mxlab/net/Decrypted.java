package mxlab.net;

import org.apache.mina.core.buffer.IoBuffer;

/**
 * Bytes that came out of the TLS filter. Once TLS is on a session, only these are the client's
 * words: a plain buffer after that point was read before the handshake, sent in the clear, and must
 * be dropped (RFC 3207 4.2, RFC 2595 4, CVE-2011-0411).
 */
public record Decrypted(IoBuffer buffer) {}
