package mxlab.junit;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import mxlab.core.spec.Service;
import mxlab.core.spec.Spec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole mail domain inside a JUnit 5 test: authoritative DNS, SMTP, submission (STARTTLS and
 * implicit TLS), POP3 and IMAP (each also over implicit TLS), all on free ports of 127.0.0.1 with a
 * data directory of their own, so labs run side by side and in parallel.
 *
 * <pre>{@code
 * @RegisterExtension
 * static MxlabExtension lab = MxlabExtension.builder().domain("bann.com").user("test", "pw").build();
 * }</pre>
 *
 * A static field gives one lab for the whole class (started before the first test, stopped after
 * the last); an instance field gives a fresh lab to every test method (with
 * {@code @TestInstance(PER_CLASS)}, whose one instance lives for the class, it is one lab for the
 * class as well). Nested classes share their outer class's static lab, and subclasses their base
 * class's, until the last of them ends, also when they run in parallel.
 */
public final class MxlabExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AutoCloseable {
  private final LabOrigin origin;
  private volatile RunningLab lab;

  /**
   * The classes and tests between their before and after callbacks: the lab stops when the last one
   * ends. A static field of a base class is one extension for every subclass, and with JUnit's
   * parallel execution one subclass may end while another still runs.
   */
  private final Set<String> holders = new HashSet<>();

  MxlabExtension(LabOrigin origin) {
    this.origin = origin;
  }

  /**
   * A lab from a spec file of the project; its ports, listen address and data_dir are the lab's.
   */
  public static MxlabExtension fromSpec(Path spec) {
    return new MxlabExtension(LabOrigin.file(spec));
  }

  public static MxlabExtension fromSpec(String spec) {
    return fromSpec(Path.of(spec));
  }

  /** A lab spec written in code. */
  public static LabBuilder builder() {
    return new LabBuilder();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    acquire(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    acquire(context); // a per-class lab is already running: it is only held once more
  }

  @Override
  public void afterEach(ExtensionContext context) {
    release(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    release(context);
  }

  private synchronized void acquire(ExtensionContext context) throws Exception {
    start();
    holders.add(context.getUniqueId());
  }

  private synchronized void release(ExtensionContext context) {
    if (holders.remove(context.getUniqueId()) && holders.isEmpty()) {
      close();
    }
  }

  /** Starts the lab by hand (outside JUnit, e.g. a benchmark); {@link #close()} stops it. */
  public synchronized MxlabExtension start() throws Exception {
    if (lab == null) {
      lab = RunningLab.start(origin);
    }
    return this;
  }

  /** Stops every service and deletes the lab's directory; safe to call twice. */
  @Override
  public synchronized void close() {
    if (lab != null) {
      try {
        lab.close();
      } finally {
        lab = null;
        holders.clear();
      }
    }
  }

  private RunningLab lab() {
    RunningLab running = lab;
    if (running == null) {
      throw new IllegalStateException(
          "the lab is not running: register it with @RegisterExtension (static for one lab per"
              + " class, an instance field for one per test), or call start()");
    }
    return running;
  }

  /** The lab's DNS server, and a dnsjava resolver that asks it. */
  public LabDns dns() {
    return lab().dns();
  }

  /** Port 25's service: mail from other servers (and from 127.0.0.1, which may relay). */
  public Endpoint smtp() {
    return lab().endpoint(Service.SMTP);
  }

  /** Submission (RFC 6409): STARTTLS, then AUTH, then mail. */
  public Endpoint submission() {
    return lab().endpoint(Service.SUBMISSION);
  }

  /** Submission over implicit TLS (RFC 8314). */
  public Endpoint submissions() {
    return lab().endpoint(Service.SUBMISSIONS);
  }

  public Endpoint pop3() {
    return lab().endpoint(Service.POP3);
  }

  public Endpoint pop3s() {
    return lab().endpoint(Service.POP3S);
  }

  public Endpoint imap() {
    return lab().endpoint(Service.IMAP);
  }

  public Endpoint imaps() {
    return lab().endpoint(Service.IMAPS);
  }

  /** The certificate every TLS service presents, and a client context that trusts it. */
  public LabTls tls() {
    return lab().tls();
  }

  /** A user's INBOX, e.g. {@code mailbox("test@bann.com").awaitMessages(1, ofSeconds(5))}. */
  public Mailbox mailbox(String address) {
    return lab().mailbox(address);
  }

  /** This lab's maillog lines. */
  public Maillog maillog() {
    return lab().maillog();
  }

  /** The outbound queue. */
  public LabQueue queue() {
    return lab().queue();
  }

  /** Every domain the lab does not host: relayed mail is captured here; inject faults here. */
  public RemoteDomain remote() {
    return lab().remote();
  }

  /** The spec in force, with the lab's ports and data directory. */
  public Spec spec() {
    return lab().spec();
  }

  /** Where the lab keeps its mail, queue and keys; deleted when the lab stops. */
  public Path dataDir() {
    return lab().dataDir();
  }
}
