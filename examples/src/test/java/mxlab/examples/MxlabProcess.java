package mxlab.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mxlab.core.spec.Service;

/**
 * `mxlab up` in its own JVM, from the jar the build just made, as a user runs it. Ports are chosen
 * by the system (--ports NAME=0) and read back from the listener table it prints.
 */
final class MxlabProcess implements AutoCloseable {
  static final Path JAR = Path.of("../cli/target/mxlab.jar").toAbsolutePath().normalize();
  private static final Pattern LISTENER =
      Pattern.compile("^\\s+(\\w+)\\s+(tcp|udp)\\s+([0-9.:a-f]+):(\\d+)\\s*$");

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> ports = new HashMap<>();

  private MxlabProcess(Process process) {
    this.process = process;
  }

  /**
   * A --ports value that runs only the given services ("smtp=0", ...) and turns every other one
   * off, so that a test never binds a default port, whatever services mxlab gains.
   */
  static String ports(String... enabled) {
    Map<String, String> ports = new LinkedHashMap<>();
    for (Service s : Service.values()) {
      ports.put(s.specName(), "off");
    }
    for (String e : enabled) {
      String[] nameAndPort = e.split("=", 2);
      if (ports.put(nameAndPort[0], nameAndPort[1]) == null) {
        throw new IllegalArgumentException("no service " + nameAndPort[0]);
      }
    }
    return String.join(
        ",", ports.entrySet().stream().map(p -> p.getKey() + "=" + p.getValue()).toList());
  }

  /** The tutorial's spec (examples/bann.com.yaml) on ADDRESS with PORTS ("smtp: 2525, ..."). */
  static String tutorialSpec(String address, String ports) throws IOException {
    String tutorial = Files.readString(Path.of("bann.com.yaml"));
    String listen = "  listen: 127.0.0.1\n";
    if (!tutorial.contains(listen)) {
      throw new IllegalStateException("bann.com.yaml no longer has " + listen);
    }
    return tutorial.replace(listen, "  listen: " + address + "\n  ports: { " + ports + " }\n");
  }

  /** `mxlab export --to TARGET` of SPEC into OUT, for an instance on DATA_DIR; returns OUT. */
  static Path export(String target, Path spec, Path out, Path dataDir)
      throws IOException, InterruptedException {
    Tools.run(
            List.of(
                "java",
                "-jar",
                JAR.toString(),
                "export",
                "--to",
                target,
                "--out",
                out.toString(),
                "--install-dir",
                out.toString(),
                "--data-dir",
                dataDir.toString(),
                spec.toString()))
        .ok();
    return out;
  }

  /**
   * `mxlab up` of the tutorial's spec (examples/bann.com.yaml) with its data in DATA_DIR, running
   * only SERVICES ("smtp=0", ..., as for {@link #ports}).
   */
  static MxlabProcess tutorial(Path dataDir, String... services)
      throws IOException, InterruptedException {
    return up(
        Path.of("bann.com.yaml"), "--ports", ports(services), "--data-dir", dataDir.toString());
  }

  /** Starts `mxlab up SPEC ARGS...` and waits until it prints its listener table. */
  static MxlabProcess up(Path spec, String... args) throws IOException, InterruptedException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run mvn package first");
    }
    List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString(), "up"));
    command.add(spec.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    MxlabProcess mx = new MxlabProcess(p);
    mx.readUntilUp();
    return mx;
  }

  private void readUntilUp() throws IOException, InterruptedException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while ((line = reader.readLine()) != null) {
      output.add(line);
      Matcher m = LISTENER.matcher(line);
      if (m.matches()) {
        ports.putIfAbsent(m.group(1) + "/" + m.group(2), Integer.parseInt(m.group(4)));
      }
      if (line.startsWith("Stop with Ctrl-C")) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    String l;
                    while ((l = reader.readLine()) != null) {
                      output.add(l);
                    }
                  } catch (IOException ignored) {
                    // process ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return;
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    process.waitFor(5, TimeUnit.SECONDS);
    throw new IllegalStateException("mxlab up did not come up:\n" + String.join("\n", output));
  }

  /** Mail from alice@example.org to the tutorial's test@bann.com, sent by swaks over smtp. */
  void sendToTest(String subject, String body) throws IOException, InterruptedException {
    Tools.run(
            List.of(
                "swaks",
                "--server",
                "127.0.0.1:" + port("smtp"),
                "--to",
                "test@bann.com",
                "--from",
                "alice@example.org",
                "--header",
                "Subject: " + subject,
                "--body",
                body))
        .ok();
  }

  int port(String service) {
    Integer port = ports.getOrDefault(service + "/tcp", ports.get(service + "/udp"));
    if (port == null) {
      throw new IllegalStateException(service + " is not listening: " + ports);
    }
    return port;
  }

  String output() {
    return String.join("\n", output);
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook runs, as in a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM, then wait for the clean stop. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}
