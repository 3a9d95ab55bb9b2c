package mxlab.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import mxlab.core.auth.LoginThrottle;
import mxlab.core.site.Site;
import mxlab.core.spec.Spec;
import mxlab.core.spec.SpecFixtures;
import mxlab.core.store.SyncBatcher;
import mxlab.core.tls.TlsMaterial;
import mxlab.store.Flags;
import mxlab.store.Folder;
import mxlab.store.delivery.MailDrop;
import mxlab.web.http.WebServer;

/**
 * A web listener on a real socket over a real mail store, with the facts a running instance would
 * give: the endpoints are what the test says is listening (the other services are not started here;
 * the server module's tests run them all).
 */
public final class WebFixture implements AutoCloseable {
  public final Spec spec;
  public final MailDrop drop;
  public final TlsMaterial tls;
  public final List<LabFacts.Endpoint> endpoints = new CopyOnWriteArrayList<>();
  public final List<LabFacts.Queued> queue = new CopyOnWriteArrayList<>();
  public final List<LabFacts.Zone> zones = new CopyOnWriteArrayList<>();
  public final WebServer http;
  public final WebServer https;
  public final LoginThrottle throttle;
  private final AtomicReference<Site> site = new AtomicReference<>();

  public WebFixture(Path dir, String domainLines) throws IOException {
    this(dir, SpecFixtures.spec(SpecFixtures.minimal(domainLines)), Duration.ofMillis(200));
  }

  /**
   * A lab that lets users log in over plain HTTP ({@code allow_plaintext_auth}), for tests about
   * what the pages show rather than how the password travels.
   */
  public static WebFixture plaintextLab(Path dir) throws IOException {
    String spec =
        SpecFixtures.minimal("").replaceFirst("\n", "\nserver:\n  allow_plaintext_auth: true\n");
    return new WebFixture(dir, SpecFixtures.spec(spec), Duration.ofMillis(200));
  }

  public WebFixture(Path dir, Spec spec, Duration authDelay) throws IOException {
    this.spec = spec;
    site.set(Site.of(spec));
    drop = new MailDrop(dir.resolve("data"), "mail.bann.com", new SyncBatcher());
    tls =
        TlsMaterial.load(
            spec.server().tls(), dir.resolve("data"), List.of("mail.bann.com", "127.0.0.1"));
    throttle = new LoginThrottle(authDelay, Clock.systemUTC());
    LabFacts facts =
        new LabFacts() {
          @Override
          public List<Endpoint> endpoints() {
            return endpoints;
          }

          @Override
          public List<Check> status() {
            return endpoints.stream()
                .map(e -> new Check(e.service(), e.address().toString(), true, "listening"))
                .toList();
          }

          @Override
          public List<Zone> zones() {
            return zones;
          }

          @Override
          public List<Queued> queue() {
            return queue;
          }
        };
    WebEnvironment env =
        new WebEnvironment(site::get, drop.mailStore(), throttle, facts, dir.resolve("data"));
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    // one Web for both listeners, as an instance has
    Web service = Web.of(env);
    http = service.start(any, null);
    https = service.start(any, tls.context());
    endpoints.add(new LabFacts.Endpoint("http", http.address()));
    endpoints.add(new LabFacts.Endpoint("https", https.address()));
  }

  public String httpBase() {
    return "http://127.0.0.1:" + http.address().getPort();
  }

  public String httpsBase() {
    return "https://127.0.0.1:" + https.address().getPort();
  }

  /** A client's TLS that trusts the listener's self-signed certificate and nothing else. */
  public SSLContext clientTls() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("lab", tls.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** A browser over HTTPS, where logins are allowed whatever the spec says. */
  public Browser browser() throws GeneralSecurityException, IOException {
    return new Browser(httpsBase(), clientTls());
  }

  public void listening(String service, int port) {
    endpoints.add(new LabFacts.Endpoint(service, new InetSocketAddress("127.0.0.1", port)));
  }

  /** A plain HTTP/1.1 exchange on a fresh socket, as written; the whole answer as text. */
  public String raw(String request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(http.address(), 2000);
      return exchange(s, request);
    }
  }

  /** The same over TLS to the HTTPS listener. */
  public String rawTls(String request) throws IOException, GeneralSecurityException {
    try (Socket s =
        clientTls().getSocketFactory().createSocket("127.0.0.1", https.address().getPort())) {
      return exchange(s, request);
    }
  }

  private static String exchange(Socket s, String request) throws IOException {
    s.setSoTimeout(15000);
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(StandardCharsets.UTF_8));
    out.flush();
    InputStream in = s.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** Appends {@code message} (LF lines, sent as CRLF) to {@code f}, unseen, as a delivery would. */
  public static void deliver(Folder f, String message) throws IOException {
    f.append(
        message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), Flags.NONE, Instant.now());
  }

  /** The INBOX of a bann.com user. */
  public Folder inbox(String user) throws IOException {
    return drop.mailStore().mailbox("bann.com", user).inbox();
  }

  public static List<String> lines(String text) {
    return new ArrayList<>(List.of(text.split("\r?\n")));
  }

  @Override
  public void close() {
    http.close();
    https.close();
  }
}
