package mxlab.core.spec;

/** An SSH console user and the OpenSSH public key ({@code ssh-ed25519 AAAA... comment}). */
public record Admin(String name, String publicKey) {}
