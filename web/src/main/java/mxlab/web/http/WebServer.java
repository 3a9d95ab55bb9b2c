package mxlab.web.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import mxlab.core.tls.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP or HTTPS listener on the JDK's server (com.sun.net.httpserver), with the limits of
 * {@link WebLimits} and a bounded pool of handler threads: when every thread is busy and the queue
 * is full, the JDK closes the new connection instead of queueing without end.
 *
 * <p>Every answer our dispatcher writes, errors included, carries {@link SecurityHeaders}. A few
 * the JDK writes itself cannot: its ServerImpl.Exchange checks a request before any filter or
 * handler runs and, when it fails, writes status line, Content-Length, Content-Type: text/html and
 * Connection: close straight to the socket (ServerImpl.Exchange.reject, JDK 17); the API has no
 * hook there. They are 400 for a request line without two spaces, a request-target that is no URI,
 * a header name with illegal characters, both Content-Length and Transfer-Encoding or two
 * Content-Lengths, a negative or non-numeric Content-Length; 501 for a Transfer-Encoding other than
 * chunked; 404 for a target outside our one context "/" ("*", or absolute-form without a path).
 * Their bodies are fixed text ("&lt;h1&gt;400 Bad Request&lt;/h1&gt;Bad request line") that echo
 * nothing the client sent, so there is nothing for a missing policy to stop, and the connection is
 * closed after them. Too many or too large header fields, and a request slower than {@link
 * WebLimits#MAX_REQUEST_TIME}, get no answer at all: the JDK just closes. ErrorRepliesTest pins all
 * of this.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  static {
    WebLimits.apply();
  }

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final boolean secure;

  private WebServer(HttpServer server, ThreadPoolExecutor executor, boolean secure) {
    this.server = server;
    this.executor = executor;
    this.secure = secure;
  }

  /** Starts on {@code address}; with {@code tls} it is HTTPS (TLS 1.2 and 1.3 only). */
  public static WebServer start(InetSocketAddress address, Routes routes, SSLContext tls)
      throws IOException {
    HttpServer server;
    if (tls != null) {
      HttpsServer https = HttpsServer.create(address, 128);
      https.setHttpsConfigurator(
          new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
              params.setProtocols(TlsMaterial.PROTOCOLS);
              params.setWantClientAuth(false);
            }
          });
      server = https;
    } else {
      server = HttpServer.create(address, 128);
    }
    String name = tls != null ? "https" : "http";
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            // core = max: a pool grows past its core only when the queue is full, so a smaller
            // core would leave requests queued behind a few live streams
            WebLimits.THREADS,
            WebLimits.THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WebLimits.QUEUED_REQUESTS),
            r -> {
              Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    WebServer web = new WebServer(server, executor, tls != null);
    server.createContext("/", new Dispatcher(routes, tls != null));
    server.start();
    log.info("{}: listening on {}", name, web.address());
    return web;
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  public boolean secure() {
    return secure;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Checks the path, sets the headers every answer carries, routes, and never leaks a trace. */
  private record Dispatcher(Routes routes, boolean secure)
      implements com.sun.net.httpserver.HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        Request request = null;
        try {
          SecurityHeaders.apply(exchange.getResponseHeaders());
          String path = Paths.checked(exchange.getRequestURI().getRawPath());
          request = new Request(exchange, path, secure);
          routes.find(exchange.getRequestMethod(), path).handle(request);
        } catch (HttpError e) {
          if (request == null || !request.answered()) {
            plain(exchange, e.status(), e.getMessage());
          }
        } catch (IOException e) {
          log.debug(
              "web: {} {}: {}",
              exchange.getRequestMethod(),
              exchange.getRequestURI(),
              e.toString());
        } catch (RuntimeException e) {
          log.warn("web: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
          if (request == null || !request.answered()) {
            plain(exchange, 500, "internal error");
          }
        }
      }
    }

    private static void plain(HttpExchange exchange, int status, String text) throws IOException {
      byte[] body = (text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
  }
}
