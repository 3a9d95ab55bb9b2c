import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Asks a DNS server one query after another for SECONDS and reports the longest wait for an
 * answer, for bench/scale.sh: a reload must not pause DNS for more than 100 ms.
 *
 * <pre>java bench/DnsPause.java HOST PORT SECONDS NAME</pre>
 *
 * Prints "queries max_ms p99_ms timeouts".
 */
public class DnsPause {
  public static void main(String[] args) throws Exception {
    InetAddress host = InetAddress.getByName(args[0]);
    int port = Integer.parseInt(args[1]);
    long end = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
    byte[] query = query(args[3]);
    long[] latencies = new long[10_000_000];
    int n = 0;
    int timeouts = 0;
    long max = 0;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(2000);
      byte[] buf = new byte[4096];
      short id = 0;
      while (System.nanoTime() < end) {
        query[0] = (byte) (id >> 8);
        query[1] = (byte) id++;
        long start = System.nanoTime();
        socket.send(new DatagramPacket(query, query.length, host, port));
        try {
          DatagramPacket answer = new DatagramPacket(buf, buf.length);
          do {
            socket.receive(answer);
          } while (buf[0] != query[0] || buf[1] != query[1]);
        } catch (SocketTimeoutException e) {
          timeouts++;
        }
        long took = System.nanoTime() - start;
        max = Math.max(max, took);
        if (n < latencies.length) {
          latencies[n++] = took;
        }
      }
    }
    java.util.Arrays.sort(latencies, 0, n);
    System.out.printf("%d %.1f %.2f %d%n", n, max / 1e6, latencies[(int) (n * 0.99)] / 1e6, timeouts);
  }

  private static byte[] query(String name) {
    ByteBuffer b = ByteBuffer.allocate(512);
    b.putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 0);
    b.putShort((short) 0).putShort((short) 0);
    for (String label : name.split("\\.")) {
      byte[] l = label.getBytes(StandardCharsets.US_ASCII);
      b.put((byte) l.length).put(l);
    }
    b.put((byte) 0).putShort((short) 15).putShort((short) 1); // MX IN
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }
}
