package mxlab.imap.server;

import java.util.ArrayDeque;
import java.util.Queue;
import mxlab.imap.parse.CommandAssembler;
import mxlab.net.Framing;
import org.apache.mina.core.buffer.IoBuffer;

/** IMAP's units: whole commands with their literals, as the {@link CommandAssembler} makes them. */
final class ImapFraming implements Framing<CommandAssembler.Event> {
  private final CommandAssembler.Limits limits;
  private CommandAssembler assembler;
  private final Queue<CommandAssembler.Event> ready = new ArrayDeque<>();

  ImapFraming(CommandAssembler.Limits limits) {
    this.limits = limits;
    this.assembler = new CommandAssembler(limits);
  }

  @Override
  public void append(IoBuffer received) {
    byte[] octets = new byte[received.remaining()];
    received.get(octets);
    ready.addAll(assembler.feed(octets));
  }

  @Override
  public CommandAssembler.Event next() {
    return ready.poll();
  }

  @Override
  public void clear() {
    ready.clear();
    assembler = new CommandAssembler(limits); // a half-read command from before TLS is gone too
  }
}
