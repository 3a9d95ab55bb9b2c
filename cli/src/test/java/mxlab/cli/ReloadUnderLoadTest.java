package mxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mxlab.core.spec.SpecFixtures;
import mxlab.core.spec.read.SpecLoader;
import mxlab.server.Instance;
import mxlab.server.SpecSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** A reload while mail and DNS queries keep coming: nothing dropped, nothing lost. */
class ReloadUnderLoadTest {
  @TempDir Path dir;

  private static String spec(boolean after) {
    return """
        version: 1
        server:
          data_dir: data
          limits: { connections_per_ip: 100 }
          ports: { dns: 0, smtp: 0, submission: off, submissions: off, pop3: off, pop3s: off, imap: off, imaps: off, http: off, https: off, ssh: off }
        domains:
          - name: bann.com
            hosts: { mail: 192.168.0.100 }
            users:
              - { name: test, password: "%s" }
        %s
        """
        .formatted(
            SpecFixtures.PASSWORD_HASH,
            after
                ? "      - { name: newbie }\n"
                : "  - name: gone.lab\n    hosts: { mail: 10.0.0.9 }\n    users: [ { name: x } ]\n");
  }

  @Test
  void reloadKeepsServingAndLosesNothing() throws Exception {
    Path file = dir.resolve("lab.yaml");
    Files.writeString(file, spec(false));
    Instance instance = Instances.start(new SpecSource(file, s -> s), SpecLoader.load(file).spec());
    try (instance) {
      InetSocketAddress smtp = instance.boundAddress("smtp");
      InetSocketAddress dns = instance.boundAddress("dns");
      AtomicBoolean running = new AtomicBoolean(true);
      Set<String> accepted = ConcurrentHashMap.newKeySet();
      AtomicInteger failures = new AtomicInteger();
      AtomicLong slowestDns = new AtomicLong();
      List<Thread> load = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int client = t;
        load.add(
            new Thread(
                () -> {
                  for (int n = 0; running.get(); n++) {
                    String token = client + "-" + n;
                    try {
                      if (send(smtp, "test@bann.com", token)) {
                        accepted.add(token);
                      } else {
                        failures.incrementAndGet();
                      }
                    } catch (IOException e) {
                      failures.incrementAndGet();
                    }
                  }
                }));
      }
      load.add(
          new Thread(
              () -> {
                while (running.get()) {
                  long start = System.nanoTime();
                  try {
                    if (rcode(dns, "bann.com.") != Rcode.NOERROR) {
                      failures.incrementAndGet();
                    }
                  } catch (IOException e) {
                    failures.incrementAndGet();
                  }
                  slowestDns.accumulateAndGet(System.nanoTime() - start, Math::max);
                }
              }));
      load.forEach(Thread::start);
      Thread.sleep(500);

      // A session that began before the reload finishes on the spec it began with.
      try (Socket early = new Socket(smtp.getAddress(), smtp.getPort())) {
        BufferedReader earlyIn = reader(early);
        // its greeting: the session has begun (on a busy machine accepting can lag the connect)
        assertThat(earlyIn.readLine()).startsWith("220");
        Files.writeString(file, spec(true));
        assertThat(instance.reload().applied()).isTrue();
        assertThat(send(early, earlyIn, "x@gone.lab", "early")).isTrue();
      }
      assertThat(rcode(dns, "gone.lab.")).isEqualTo(Rcode.REFUSED);
      assertThat(send(smtp, "newbie@bann.com", "welcome")).isTrue();

      Files.writeString(file, spec(true) + "oops: [\n");
      Instance.ReloadReport refused = instance.reload();
      assertThat(refused.applied()).isFalse();
      assertThat(String.join("\n", refused.lines()))
          .contains("lab.yaml:")
          .contains("not valid YAML");
      assertThat(send(smtp, "newbie@bann.com", "still-served")).isTrue();
      Thread.sleep(500);
      running.set(false);
      for (Thread t : load) {
        t.join(10_000);
      }

      assertThat(failures.get()).as("dropped sessions or failed queries").isZero();
      assertThat(accepted).hasSizeGreaterThan(10);
      Set<String> stored = subjects(instance, "bann.com", "test");
      assertThat(stored).as("every accepted message is stored").containsAll(accepted);
      assertThat(subjects(instance, "bann.com", "newbie")).contains("welcome", "still-served");
      assertThat(subjects(instance, "gone.lab", "x")).contains("early");
      assertThat(Duration.ofNanos(slowestDns.get())).isLessThan(Duration.ofSeconds(1));
    }
  }

  private static Set<String> subjects(Instance instance, String domain, String user)
      throws IOException {
    Set<String> out = ConcurrentHashMap.newKeySet();
    for (mxlab.store.Message m :
        instance.mailDrop().mailStore().mailbox(domain, user).inbox().messages()) {
      String text = Files.readString(m.path());
      out.add(text.replaceAll("(?s).*\nSubject: (\\S+).*", "$1"));
    }
    return out;
  }

  private static int rcode(InetSocketAddress dns, String name) throws IOException {
    SimpleResolver r = new SimpleResolver(dns);
    r.setTimeout(Duration.ofSeconds(2));
    return r.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.MX, DClass.IN)))
        .getRcode();
  }

  private static boolean send(InetSocketAddress smtp, String to, String subject)
      throws IOException {
    try (Socket s = new Socket(smtp.getAddress(), smtp.getPort())) {
      return send(s, to, subject);
    }
  }

  private static boolean send(Socket s, String to, String subject) throws IOException {
    BufferedReader in = reader(s);
    if (!in.readLine().startsWith("220")) {
      return false;
    }
    return send(s, in, to, subject);
  }

  private static BufferedReader reader(Socket s) throws IOException {
    s.setSoTimeout(10_000);
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
  }

  /** After the greeting: one message. */
  private static boolean send(Socket s, BufferedReader in, String to, String subject)
      throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(
        ("HELO c\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<" + to + ">\r\nDATA\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 3; i++) {
      if (!in.readLine().startsWith("250")) {
        return false;
      }
    }
    if (!in.readLine().startsWith("354")) {
      return false;
    }
    out.write(
        ("Subject: " + subject + "\r\n\r\nbody\r\n.\r\nQUIT\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    return in.readLine().startsWith("250");
  }
}
