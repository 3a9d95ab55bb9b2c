package mxlab.smtp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS server over UDP that answers from a few records it is given (NXDOMAIN for anything else),
 * or, when silent, never answers at all: the resolver that makes lookups wait.
 */
final class FakeDns implements AutoCloseable {
  private final DatagramSocket socket;
  private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
  private final boolean silent;
  private final Thread thread;

  FakeDns(String address, boolean silent) throws SocketException {
    this.socket = new DatagramSocket(new InetSocketAddress(address, 0));
    this.silent = silent;
    this.thread = new Thread(this::serve, "fake-dns");
    thread.setDaemon(true);
    thread.start();
  }

  /** Answers queries for the record's name and type with it. */
  FakeDns add(Record r) {
    records
        .computeIfAbsent(key(r.getName().toString(), r.getType()), k -> new ArrayList<>())
        .add(r);
    return this;
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** How often {@code name} was asked for with {@code type}. */
  int asked(String name, int type) {
    AtomicInteger n = asked.get(key(name, type));
    return n == null ? 0 : n.get();
  }

  /** How many queries arrived in all. */
  int asked() {
    return asked.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private static String key(String name, int type) {
    return name.toLowerCase() + "/" + Type.string(type);
  }

  private void serve() {
    byte[] buf = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        socket.receive(in);
        Message query = new Message(Arrays.copyOf(buf, in.getLength()));
        Record question = query.getQuestion();
        String key = key(question.getName().toString(), question.getType());
        asked.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (silent) {
          continue;
        }
        Message answer = new Message(query.getHeader().getID());
        answer.getHeader().setFlag(Flags.QR);
        answer.getHeader().setFlag(Flags.AA);
        answer.addRecord(question, Section.QUESTION);
        List<Record> found = records.get(key);
        if (found == null) {
          answer.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
          found.forEach(r -> answer.addRecord(r, Section.ANSWER));
        }
        byte[] wire = answer.toWire();
        socket.send(new DatagramPacket(wire, wire.length, in.getSocketAddress()));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(2000);
  }
}
