package mxlab.core.spec.read;

import java.time.Duration;
import mxlab.core.spec.Durations;
import mxlab.core.spec.Limits;
import mxlab.core.spec.Problems;
import mxlab.core.spec.QueueSettings;

/** {@code server.queue} and {@code server.limits}: numbers and durations with their bounds. */
record LimitsReader(Problems problems) {

  QueueSettings readQueue(Fields server) {
    Fields f = Fields.of(server.node("queue"), server.location(), "server.queue", problems);
    QueueSettings d = QueueSettings.defaults();
    Duration warn = f.duration("warn_after", d.warnAfter());
    Duration ret = f.duration("return_after", d.returnAfter());
    Duration min = f.duration("min_backoff", d.minBackoff());
    Duration max = f.duration("max_backoff", d.maxBackoff());
    int per = f.integer("per_destination", d.perDestination(), 1, 100);
    if (ret.compareTo(warn) <= 0 && f.has("warn_after")) {
      problems.error(
          f.at("warn_after"),
          "server.queue.warn_after ("
              + Durations.format(warn)
              + ") is not before return_after ("
              + Durations.format(ret)
              + ")",
          "a delay warning must come before the bounce, like warn_after: 4h, return_after: 5d");
    }
    if (max.compareTo(min) < 0) {
      problems.error(
          f.at("max_backoff"),
          "server.queue.max_backoff is shorter than min_backoff",
          "write e.g. min_backoff: 5m, max_backoff: 67m");
    }
    f.finish();
    return new QueueSettings(warn, ret, min, max, per);
  }

  Limits readLimits(Fields server) {
    Fields f = Fields.of(server.node("limits"), server.location(), "server.limits", problems);
    Limits d = Limits.defaults();
    Limits limits =
        new Limits(
            f.integer("connections", d.connections(), 1, 100_000),
            f.integer("connections_per_ip", d.connectionsPerIp(), 1, 100_000),
            f.integer("max_recipients", d.maxRecipients(), 1, 100_000),
            f.integer("max_errors", d.maxErrors(), 1, 1000),
            f.integer("auth_failures", d.authFailures(), 1, 100),
            f.duration("command_timeout", d.commandTimeout()),
            f.duration("data_timeout", d.dataTimeout()),
            f.duration("session_timeout", d.sessionTimeout()),
            f.duration("pop3_timeout", d.pop3Timeout()),
            f.duration("preauth_timeout", d.preauthTimeout()),
            f.duration("auth_delay", d.authDelay()));
    f.finish();
    return limits;
  }
}
