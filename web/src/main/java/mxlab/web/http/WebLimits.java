package mxlab.web.http;

import java.time.Duration;

/**
 * The limits of the JDK's HTTP server. It reads them once, from system properties, when the first
 * server of the JVM is made, so they are set here before that (a value given on the command line
 * wins). A lab page needs no more than this; a hostile client gets no more.
 */
public final class WebLimits {
  /** Header fields per request (the JDK's default is 200). */
  public static final int MAX_HEADERS = 64;

  /** Octets of request line and header fields together (the JDK's default is 380 KiB). */
  public static final int MAX_HEADER_OCTETS = 16 * 1024;

  /** A request must arrive whole within this, or the connection is closed (a slow client). */
  public static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(10);

  /** A response must be written within this; the live views end their streams before it. */
  public static final Duration MAX_RESPONSE_TIME = Duration.ofSeconds(120);

  /** Open connections per listener; past it the JDK closes new ones at once. */
  public static final int MAX_CONNECTIONS = 256;

  /** Threads that run handlers, and requests that may wait for one. */
  public static final int THREADS = 16;

  public static final int QUEUED_REQUESTS = 64;

  /** Octets of a request body we read (login forms, Autodiscover requests). */
  public static final int MAX_BODY = 16 * 1024;

  /** Live streams (Server-Sent Events) at once, so that they never take every thread. */
  public static final int MAX_STREAMS = 8;

  /** Live streams of one session: a few tabs, so that one browser cannot take every slot. */
  public static final int STREAMS_PER_SESSION = MAX_STREAMS / 2;

  /** How long one live stream lasts before the browser reconnects (EventSource does so). */
  public static final Duration STREAM_TIME = Duration.ofSeconds(60);

  private WebLimits() {}

  static void apply() {
    set("sun.net.httpserver.maxReqHeaders", MAX_HEADERS);
    set("sun.net.httpserver.maxReqHeaderSize", MAX_HEADER_OCTETS);
    set("sun.net.httpserver.maxReqTime", MAX_REQUEST_TIME.toSeconds());
    set("sun.net.httpserver.maxRspTime", MAX_RESPONSE_TIME.toSeconds());
    set("jdk.httpserver.maxConnections", MAX_CONNECTIONS);
    // the timer that enforces the two times ticks once a second by default: fine
  }

  private static void set(String property, long value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Long.toString(value));
    }
  }
}
