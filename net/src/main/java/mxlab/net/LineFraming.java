package mxlab.net;

import java.util.function.IntSupplier;
import org.apache.mina.core.buffer.IoBuffer;

/** Lines of at most {@code maxLine} octets, a limit that may change with the protocol's state. */
public final class LineFraming implements Framing<Line> {
  private final LineBuffer lines = new LineBuffer();
  private final IntSupplier maxLine;

  public LineFraming(IntSupplier maxLine) {
    this.maxLine = maxLine;
  }

  @Override
  public void append(IoBuffer received) {
    lines.append(received);
  }

  @Override
  public Line next() {
    return lines.next(maxLine.getAsInt());
  }

  @Override
  public void clear() {
    lines.clear();
  }
}
