package mxlab.dns.server;

import static mxlab.core.spec.SpecFixtures.minimal;
import static mxlab.core.spec.SpecFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mxlab.core.address.AddressRange;
import mxlab.core.spec.Spec;
import mxlab.dns.zone.CompiledZone;
import mxlab.dns.zone.SerialStore;
import mxlab.dns.zone.ZoneCompiler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

/** The server over real UDP and TCP sockets on port 0. */
class DnsServerTest {
  private static final String RECORDS =
      """
          records:
            - { name: www, type: CNAME, value: web }
            - { name: web, type: A, value: 192.168.0.80 }
            - { name: ext, type: CNAME, value: "www.example.net." }
            - { name: loop1, type: CNAME, value: loop2 }
            - { name: loop2, type: CNAME, value: loop1 }
      """;

  private DnsServer server;
  private InetSocketAddress address;

  private static List<CompiledZone> zones(String extra) {
    StringBuilder big = new StringBuilder("      - { name: big, type: TXT, value: \"");
    big.append("a".repeat(200)).append("\" }\n");
    for (int i = 0; i < 9; i++) {
      big.append("      - { name: big, type: TXT, value: \"t")
          .append(i)
          .append("-")
          .append("b".repeat(200))
          .append("\" }\n");
    }
    Spec spec = spec(minimal(RECORDS + big + extra));
    return ZoneCompiler.compile(spec, SerialStore.inMemory());
  }

  @BeforeEach
  void start() throws IOException {
    server =
        DnsServer.start(
            new InetSocketAddress("127.0.0.1", 0), Authority.of(zones(""), List.of()), 2);
    address = server.address();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Message query(String name, int type) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  private static Message withEdns(Message q, int payload, int version, int flags) {
    q.addRecord(new OPTRecord(payload, 0, version, flags), Section.ADDITIONAL);
    return q;
  }

  private byte[] udpRaw(byte[] packet) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(1000);
      socket.send(new DatagramPacket(packet, packet.length, address));
      byte[] buf = new byte[65535];
      DatagramPacket in = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(in);
      } catch (SocketTimeoutException e) {
        return null;
      }
      return Arrays.copyOf(buf, in.getLength());
    }
  }

  private Message udp(Message q) throws IOException {
    byte[] answer = udpRaw(q.toWire());
    assertThat(answer).as("an answer over UDP").isNotNull();
    return new Message(answer);
  }

  private List<Message> tcp(Message q) throws IOException {
    try (Socket s = new Socket(address.getAddress(), address.getPort())) {
      s.setSoTimeout(2000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      byte[] wire = q.toWire();
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      List<Message> answers = new ArrayList<>();
      int length = in.readUnsignedShort();
      byte[] buf = new byte[length];
      in.readFully(buf);
      answers.add(new Message(buf));
      return answers;
    }
  }

  private static List<String> section(Message m, int section) {
    return m.getSection(section).stream().map(r -> r.toString().replaceAll("\\s+", " ")).toList();
  }

  @Test
  void answersMxWithGlueAuthoritativelyAndNeverRecursive() throws IOException {
    Message q = query("bann.com.", Type.MX);
    q.getHeader().setFlag(Flags.RD);
    Message r = udp(q);
    assertThat(r.getHeader().getID()).isEqualTo(q.getHeader().getID());
    assertThat(r.getHeader().getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(r.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(r.getHeader().getFlag(Flags.RA)).isFalse();
    assertThat(section(r, Section.ANSWER))
        .containsExactly("bann.com. 3600 IN MX 10 mail.bann.com.");
    assertThat(section(r, Section.ADDITIONAL))
        .containsExactly("mail.bann.com. 3600 IN A 192.168.0.100");
  }

  @Test
  void dnsjavaResolverFindsTheMx() throws IOException {
    SimpleResolver resolver = new SimpleResolver(address);
    resolver.setTimeout(Duration.ofSeconds(2));
    Lookup lookup = new Lookup("bann.com.", Type.MX);
    lookup.setResolver(resolver);
    lookup.setCache(null);
    Record[] records = lookup.run();
    assertThat(lookup.getResult()).isEqualTo(Lookup.SUCCESSFUL);
    assertThat(((MXRecord) records[0]).getTarget()).isEqualTo(Name.fromString("mail.bann.com."));
  }

  @Test
  void nxdomainAndNodataCarryTheSoa() throws IOException {
    Message nx = udp(query("nobody.bann.com.", Type.A));
    assertThat(nx.getHeader().getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(nx.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(nx.getSection(Section.ANSWER)).isEmpty();
    Record soa = nx.getSection(Section.AUTHORITY).get(0);
    assertThat(soa).isInstanceOf(SOARecord.class);
    assertThat(soa.getTTL()).isEqualTo(300); // min(TTL, SOA minimum), RFC 2308

    Message nodata = udp(query("mail.bann.com.", Type.MX));
    assertThat(nodata.getHeader().getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
    assertThat(nodata.getSection(Section.AUTHORITY).get(0)).isInstanceOf(SOARecord.class);

    Message emptyNonTerminal = udp(query("_tcp.bann.com.", Type.A));
    assertThat(emptyNonTerminal.getHeader().getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void refusesEverythingOutsideItsZones() throws IOException {
    Message q = query("example.com.", Type.A);
    q.getHeader().setFlag(Flags.RD);
    Message r = udp(q);
    assertThat(r.getHeader().getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(r.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(r.getHeader().getFlag(Flags.RA)).isFalse();
    assertThat(r.getSection(Section.ANSWER)).isEmpty();
    Message chaos =
        Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));
    assertThat(udp(chaos).getHeader().getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void chasesCnamesInsideTheZone() throws IOException {
    assertThat(section(udp(query("www.bann.com.", Type.A)), Section.ANSWER))
        .containsExactly(
            "www.bann.com. 3600 IN CNAME web.bann.com.", "web.bann.com. 3600 IN A 192.168.0.80");
    assertThat(section(udp(query("ext.bann.com.", Type.A)), Section.ANSWER))
        .containsExactly("ext.bann.com. 3600 IN CNAME www.example.net.");
    Message loop = udp(query("loop1.bann.com.", Type.A));
    assertThat(loop.getHeader().getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(loop.getSection(Section.ANSWER)).hasSize(2);
    assertThat(section(udp(query("www.bann.com.", Type.CNAME)), Section.ANSWER))
        .containsExactly("www.bann.com. 3600 IN CNAME web.bann.com.");
  }

  @Test
  void answersAnyMinimally() throws IOException {
    Message r = udp(query("bann.com.", Type.ANY));
    assertThat(r.getHeader().getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.getSection(Section.ANSWER)).isNotEmpty();
    assertThat(r.getSection(Section.ANSWER).stream().map(Record::getType).distinct()).hasSize(1);
  }

  @Test
  void echoesEdnsAndTheDoBit() throws IOException {
    Message r = udp(withEdns(query("bann.com.", Type.MX), 4096, 0, ExtendedFlags.DO));
    OPTRecord opt = r.getOPT();
    assertThat(opt).isNotNull();
    assertThat(opt.getPayloadSize()).isEqualTo(1232);
    assertThat(opt.getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
    Message plain = udp(withEdns(query("bann.com.", Type.MX), 4096, 0, 0));
    assertThat(plain.getOPT().getFlags() & ExtendedFlags.DO).isZero();
    assertThat(udp(query("bann.com.", Type.MX)).getOPT()).isNull();
  }

  @Test
  void unknownEdnsVersionGetsBadvers() throws IOException {
    Message r = udp(withEdns(query("bann.com.", Type.MX), 4096, 1, 0));
    assertThat(r.getRcode()).isEqualTo(Rcode.BADVERS);
    assertThat(r.getOPT()).isNotNull();
  }

  @Test
  void truncatesOverUdpAndAnswersInFullOverTcp() throws IOException {
    Message small = udp(query("big.bann.com.", Type.TXT));
    assertThat(small.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(small.getSection(Section.ANSWER)).isEmpty();
    assertThat(small.getQuestion().getName()).isEqualTo(Name.fromString("big.bann.com."));

    Message large = udp(withEdns(query("big.bann.com.", Type.TXT), 4096, 0, 0));
    assertThat(large.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(large.getSection(Section.ANSWER)).hasSize(10);

    Message smallEdns = udp(withEdns(query("big.bann.com.", Type.TXT), 1000, 0, 0));
    assertThat(smallEdns.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(smallEdns.getOPT()).isNotNull();

    Message viaTcp = tcp(query("big.bann.com.", Type.TXT)).get(0);
    assertThat(viaTcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(viaTcp.getSection(Section.ANSWER)).hasSize(10);
  }

  @Test
  void keepsTheClientsSpellingOfTheName() throws IOException {
    for (int i = 0; i < 2; i++) { // the second answer comes from the cache
      Message r = udp(query("BaNn.CoM.", Type.MX));
      assertThat(r.getQuestion().getName().toString()).isEqualTo("BaNn.CoM.");
      assertThat(r.getSection(Section.ANSWER)).hasSize(1);
    }
  }

  @Test
  void axfrIsRefusedUnlessAllowed() throws Exception {
    Message refused = tcp(query("bann.com.", Type.AXFR)).get(0);
    assertThat(refused.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(udp(query("bann.com.", Type.AXFR)).getRcode()).isEqualTo(Rcode.REFUSED);

    server.update(
        Authority.of(zones(""), List.of(AddressRange.parse("127.0.0.0/8").orElseThrow())));
    ZoneTransferIn xfr =
        ZoneTransferIn.newAXFR(
            Name.fromString("bann.com."), address.getHostString(), address.getPort(), null);
    xfr.setTimeout(Duration.ofSeconds(3));
    xfr.run();
    List<Record> records = xfr.getAXFR();
    assertThat(records.get(0)).isInstanceOf(SOARecord.class);
    assertThat(records.get(records.size() - 1)).isInstanceOf(SOARecord.class);
    assertThat(records).anyMatch(r -> r.getType() == Type.MX);
    assertThat(records.size()).isGreaterThan(20);
  }

  @Test
  void malformedPacketsGetFormerrAndResponsesAreIgnored() throws IOException {
    byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'a', 'b'};
    byte[] answer = udpRaw(garbage);
    assertThat(answer).isNotNull();
    Message r = new Message(answer);
    assertThat(r.getHeader().getID()).isEqualTo(0x1234);
    assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);

    assertThat(udpRaw(new byte[] {1, 2, 3})).isNull();
    byte[] response = query("bann.com.", Type.MX).toWire();
    response[2] |= (byte) 0x80;
    assertThat(udpRaw(response)).isNull();

    Message two = query("bann.com.", Type.MX);
    two.addRecord(
        Record.newRecord(Name.fromString("bann.com."), Type.A, DClass.IN), Section.QUESTION);
    assertThat(udp(two).getRcode()).isEqualTo(Rcode.FORMERR);

    // and the server still answers afterwards
    assertThat(udp(query("bann.com.", Type.MX)).getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void unsupportedOpcodesGetNotimp() throws IOException {
    Message notify = query("bann.com.", Type.SOA);
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    assertThat(udp(notify).getRcode()).isEqualTo(Rcode.NOTIMP);
    Message update = new Message();
    update.getHeader().setOpcode(Opcode.UPDATE);
    assertThat(udp(update).getRcode()).isEqualTo(Rcode.NOTIMP);
  }

  @Test
  void reloadSwapsZonesAtomically() throws IOException {
    assertThat(udp(query("new.bann.com.", Type.A)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    server.update(
        Authority.of(zones("      - { name: new, type: A, value: 192.168.0.7 }\n"), List.of()));
    Message r = udp(query("new.bann.com.", Type.A));
    assertThat(section(r, Section.ANSWER)).containsExactly("new.bann.com. 3600 IN A 192.168.0.7");
  }

  @Test
  void answersManyQueriesOnOneTcpConnection() throws IOException {
    try (Socket s = new Socket(address.getAddress(), address.getPort())) {
      s.setSoTimeout(2000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      for (int i = 0; i < 3; i++) {
        byte[] wire = query("bann.com.", Type.NS).toWire();
        out.writeShort(wire.length);
        out.write(wire);
      }
      out.flush();
      for (int i = 0; i < 3; i++) {
        byte[] buf = new byte[in.readUnsignedShort()];
        in.readFully(buf);
        assertThat(new Message(buf).getSection(Section.ANSWER)).hasSize(1);
      }
    }
  }

  /** Whether the server has closed {@code s}: EOF or reset, not just silence. */
  private static boolean closedByServer(Socket s) throws IOException {
    s.setSoTimeout(50);
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static Socket connectFrom(InetSocketAddress to, String from) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(from, 0));
    s.connect(to, 2000);
    return s;
  }

  @Test
  void aTcpClientDribblingItsQueryIsCutAtTheDeadline() throws Exception {
    try (DnsServer strict =
            DnsServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                Authority.of(zones(""), List.of()),
                1,
                new DnsServer.TcpLimits(Duration.ofSeconds(1), 8));
        Socket s = new Socket(strict.address().getAddress(), strict.address().getPort())) {
      byte[] wire = query("bann.com.", Type.NS).toWire();
      long start = System.nanoTime();
      boolean closed = false;
      s.getOutputStream().write(new byte[] {0, (byte) wire.length});
      for (int i = 0; i < wire.length && !closed; i++) {
        try {
          s.getOutputStream().write(wire[i]); // an octet at a time, each well within an idle time
        } catch (IOException e) {
          closed = true;
          break;
        }
        Thread.sleep(150);
        closed = closedByServer(s);
      }
      assertThat(closed).as("cut before the query was complete").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void oneTcpClientHoldsAtMostItsShareOfConnections() throws Exception {
    try (DnsServer capped =
            DnsServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                Authority.of(zones(""), List.of()),
                1,
                new DnsServer.TcpLimits(Duration.ofSeconds(5), 2));
        Socket first = connectFrom(capped.address(), "127.0.10.1");
        Socket second = connectFrom(capped.address(), "127.0.10.1");
        Socket third = connectFrom(capped.address(), "127.0.10.1")) {
      third.setSoTimeout(2000);
      assertThat(third.getInputStream().read()).as("closed at once").isEqualTo(-1);
      assertThat(closedByServer(first)).isFalse();
      try (Socket other = connectFrom(capped.address(), "127.0.10.2")) {
        other.setSoTimeout(2000);
        byte[] wire = query("bann.com.", Type.NS).toWire();
        DataOutputStream out = new DataOutputStream(other.getOutputStream());
        out.writeShort(wire.length);
        out.write(wire);
        DataInputStream in = new DataInputStream(other.getInputStream());
        byte[] buf = new byte[in.readUnsignedShort()];
        in.readFully(buf);
        assertThat(new Message(buf).getSection(Section.ANSWER)).hasSize(1);
      }
    }
  }
}
