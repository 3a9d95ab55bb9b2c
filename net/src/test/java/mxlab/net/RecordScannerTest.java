package mxlab.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mina.core.buffer.IoBuffer;
import org.junit.jupiter.api.Test;

/** Record boundaries survive any split into buffers; a 22 inside a body is no handshake. */
class RecordScannerTest {
  private static final byte[] APP_DATA = {23, 3, 3, 0, 3, 22, 22, 22};
  private static final byte[] HANDSHAKE = {22, 3, 3, 0, 1, 1};

  @Test
  void findsAHandshakeRecordAfterApplicationDataHoweverTheOctetsAreSplit() {
    byte[] stream = new byte[APP_DATA.length * 2 + HANDSHAKE.length];
    System.arraycopy(APP_DATA, 0, stream, 0, APP_DATA.length);
    System.arraycopy(APP_DATA, 0, stream, APP_DATA.length, APP_DATA.length);
    System.arraycopy(HANDSHAKE, 0, stream, APP_DATA.length * 2, HANDSHAKE.length);
    int handshakeAt = APP_DATA.length * 2;
    for (int split = 1; split < stream.length; split++) {
      RecordScanner scanner = new RecordScanner();
      IoBuffer first = IoBuffer.wrap(stream, 0, split);
      IoBuffer rest = IoBuffer.wrap(stream, split, stream.length - split);
      boolean inFirst = scanner.handshakeStartsIn(first);
      boolean inRest = scanner.handshakeStartsIn(rest);
      assertThat(inFirst).as("split at %d, first part", split).isEqualTo(split > handshakeAt);
      assertThat(inRest).as("split at %d, second part", split).isEqualTo(split <= handshakeAt);
      assertThat(first.position()).as("nothing consumed").isZero();
    }
  }

  @Test
  void applicationDataAloneIsNoHandshake() {
    RecordScanner scanner = new RecordScanner();
    for (int i = 0; i < 3; i++) {
      assertThat(scanner.handshakeStartsIn(IoBuffer.wrap(APP_DATA))).isFalse();
    }
  }
}
