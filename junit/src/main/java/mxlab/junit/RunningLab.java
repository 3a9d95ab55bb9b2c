package mxlab.junit;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Problem;
import mxlab.core.spec.Server;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecException;
import mxlab.core.spec.User;
import mxlab.core.spec.read.SpecLoader;
import mxlab.core.tls.CertificateNames;
import mxlab.core.tls.TlsMaterial;
import mxlab.junit.maillog.LabThreads;
import mxlab.junit.maillog.MaillogCapture;
import mxlab.junit.remote.CapturingSmtpServer;
import mxlab.server.Instance;
import mxlab.server.SpecSource;
import mxlab.server.Starters;
import mxlab.server.control.AdminCommands;

/**
 * One started lab: a temporary directory (the spec, the data directory), the server {@link
 * Instance} and the capturing remote server, all on threads of the lab's own group.
 */
final class RunningLab implements AutoCloseable {
  private static final String REMOTE_HOST = "mx.remote.test";

  /** Labs have no console: tests use the extension's accessors instead. */
  private static final AdminCommands NO_CONSOLE =
      (args, context, out, err) -> {
        err.println("an mxlab-junit lab has no console; use lab.queue() and lab.mailbox()");
        return 2;
      };

  private final Path root;
  private final LabThreads threads;
  private final Instance instance;
  private final CapturingSmtpServer remote;
  private final LabTls tls;
  private final Maillog maillog;
  private final LabQueue queue;
  private final RemoteDomain remoteDomain;

  private RunningLab(
      Path root, LabThreads threads, Instance instance, CapturingSmtpServer remote, LabTls tls) {
    this.root = root;
    this.threads = threads;
    this.instance = instance;
    this.remote = remote;
    this.tls = tls;
    this.maillog = new Maillog(threads::maillog);
    this.queue = new LabQueue(instance.console().queue(), maillog);
    this.remoteDomain = new RemoteDomain(remote, queue, maillog);
  }

  static RunningLab start(LabOrigin origin) throws Exception {
    return start(origin, Files.createTempDirectory("mxlab-junit-"));
  }

  /** Starts a lab in {@code root}, which is deleted when the lab stops or fails to start. */
  static RunningLab start(LabOrigin origin, Path root) throws Exception {
    LabThreads threads = new LabThreads("mxlab-lab-" + root.getFileName());
    try {
      MaillogCapture.install();
      return threads.runInside(() -> startInside(root, threads, origin));
    } catch (Exception | Error e) {
      release(root, threads);
      throw e;
    }
  }

  private static RunningLab startInside(Path root, LabThreads threads, LabOrigin origin)
      throws Exception {
    Path specFile = origin.specFile(root);
    Spec read;
    try {
      read = SpecLoader.load(specFile).spec();
    } catch (SpecException e) {
      throw new IllegalArgumentException(
          "the lab's spec has mistakes:\n"
              + String.join("\n", e.problems().stream().map(Problem::toString).toList()),
          e);
    }
    Path dataDir = root.resolve("data");
    Server server = read.server();
    // the remote answers STARTTLS with the lab's own certificate: the outbound client checks none
    SSLContext remoteTls =
        server.tls().isSelfSigned()
            ? LabCertificate.write(
                    CertificateNames.of(read),
                    server.tls().certFile(dataDir),
                    server.tls().keyFile(dataDir))
                .serverContext()
            : TlsMaterial.load(server.tls(), dataDir, server.hostname()).context();
    CapturingSmtpServer remote = CapturingSmtpServer.start(REMOTE_HOST, remoteTls);
    Instance instance = null;
    try {
      LabOverrides overrides = new LabOverrides(dataDir, remote.address().getPort());
      instance =
          Instance.start(
              new SpecSource(specFile, overrides),
              overrides.apply(read),
              Starters.standard(),
              NO_CONSOLE);
      LabTls tls = LabTls.trusting(server.tls().certFile(dataDir));
      return new RunningLab(root, threads, instance, remote, tls);
    } catch (Exception | Error e) {
      // a start that failed half-way frees its ports and threads as a stop would
      if (instance != null) {
        instance.close();
      }
      remote.close();
      throw e;
    }
  }

  Endpoint endpoint(Service service) {
    return Endpoint.of(instance.boundAddress(service.specName()));
  }

  LabDns dns() {
    return new LabDns(instance.boundAddress(Service.DNS.specName()));
  }

  LabTls tls() {
    return tls;
  }

  Maillog maillog() {
    return maillog;
  }

  LabQueue queue() {
    return queue;
  }

  RemoteDomain remote() {
    return remoteDomain;
  }

  Spec spec() {
    return instance.spec();
  }

  Path dataDir() {
    return instance.spec().server().dataDir();
  }

  Mailbox mailbox(String address) {
    int at = address.lastIndexOf('@');
    String local = at > 0 ? address.substring(0, at) : "";
    String domainName = at > 0 ? address.substring(at + 1).toLowerCase(Locale.ROOT) : "";
    Spec spec = instance.spec();
    Optional<Domain> domain = spec.domain(domainName);
    Optional<User> user = domain.flatMap(d -> d.user(local));
    if (user.isEmpty()) {
      throw new IllegalArgumentException(
          address + " is not a user of this lab; its users are " + users(spec));
    }
    try {
      return new Mailbox(
          address,
          instance.mailDrop().mailStore().mailbox(domain.get().name(), user.get().name()),
          maillog);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot open the mailbox of " + address + ": " + e, e);
    }
  }

  private static List<String> users(Spec spec) {
    return spec.domains().stream()
        .flatMap(d -> d.users().stream().map(u -> u.name() + "@" + d.name()))
        .toList();
  }

  @Override
  public void close() {
    try {
      instance.close();
    } finally {
      remote.close();
      release(root, threads);
    }
  }

  /** What is left of a lab once its services are closed: its directory and its thread group. */
  @SuppressWarnings("removal") // ThreadGroup.setDaemon: see below
  private static void release(Path root, LabThreads threads) {
    delete(root);
    // Java 17 keeps a thread group until it is destroyed: as a daemon group it goes once its last
    // thread ends (pools wind down after close). Java 19 and later hold groups weakly and ignore
    // the call.
    threads.setDaemon(true);
  }

  private static void delete(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // a temporary directory; the system cleans up what is left
    }
  }
}
