package mxlab.dns.server;

import java.util.Arrays;

/**
 * A cache key in wire form: the lower-cased question name, type, class and EDNS flags. Probes are
 * reused per thread so a cache hit allocates nothing; stored keys are copies.
 */
final class WireKey {
  final byte[] bytes;
  int length;
  private int hash;

  WireKey(int capacity) {
    bytes = new byte[capacity];
  }

  private WireKey(byte[] bytes, int length, int hash) {
    this.bytes = bytes;
    this.length = length;
    this.hash = hash;
  }

  void seal() {
    int h = 1;
    for (int i = 0; i < length; i++) {
      h = 31 * h + bytes[i];
    }
    hash = h;
  }

  WireKey copy() {
    return new WireKey(Arrays.copyOf(bytes, length), length, hash);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WireKey k
        && k.hash == hash
        && Arrays.equals(bytes, 0, length, k.bytes, 0, k.length);
  }
}
