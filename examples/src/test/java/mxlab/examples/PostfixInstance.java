package mxlab.examples;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A private Postfix (Debian's package) on a free port, delivering one virtual domain into Maildirs
 * with virtual(8); its own config, queue and data directories, stopped afterwards. Postfix's master
 * runs as root, so this needs root.
 */
final class PostfixInstance implements AutoCloseable {
  final Path dir;
  final int port;
  final String domain;

  private PostfixInstance(Path dir, int port, String domain) {
    this.dir = dir;
    this.port = port;
    this.domain = domain;
  }

  /** Starts Postfix in a new directory under /tmp: its unprivileged processes must reach it. */
  static PostfixInstance start(String domain, List<String> users) throws Exception {
    return start(domain, users, List.of());
  }

  /** As {@link #start(String, List)}, with EXTRA main.cf lines ("smtpd_milters = ...") last. */
  static PostfixInstance start(String domain, List<String> users, List<String> extra)
      throws Exception {
    Path dir = Files.createTempDirectory("mxlab-postfix-");
    Tools.require("postfix");
    String uid = Tools.run(List.of("id", "-u")).ok().out().trim();
    if (!uid.equals("0")) {
      if ("1".equals(System.getenv("MXLAB_REQUIRE_INTEROP"))) {
        throw new AssertionError("a private Postfix needs root");
      }
      org.junit.jupiter.api.Assumptions.abort("a private Postfix needs root");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.createDirectories(dir.resolve("etc"));
    Files.createDirectories(dir.resolve("queue"));
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("mail").resolve(domain));
    Tools.run(List.of("chmod", "755", dir.toString())).ok();
    Tools.run(List.of("chown", "-R", "postfix:postfix", dir.resolve("data").toString())).ok();
    Tools.run(List.of("chown", "-R", "nobody:nogroup", dir.resolve("mail").toString())).ok();
    Path stock = Path.of("/etc/postfix/master.cf"); // absent when Debian left Postfix unconfigured
    String master =
        Files.readString(Files.exists(stock) ? stock : Path.of("/usr/share/postfix/master.cf.dist"))
            .replaceFirst(
                "(?m)^smtp\\s+inet\\s+n\\s+-\\s+\\S+\\s+-\\s+-\\s+smtpd",
                "127.0.0.1:" + port + " inet n - n - - smtpd");
    Files.writeString(dir.resolve("etc/master.cf"), master);
    StringBuilder map = new StringBuilder();
    users.forEach(
        u ->
            map.append(u)
                .append('@')
                .append(domain)
                .append(' ')
                .append(domain)
                .append('/')
                .append(u)
                .append("/\n"));
    Files.writeString(dir.resolve("etc/vmailbox"), map);
    String nobody = Tools.run(List.of("id", "-u", "nobody")).ok().out().trim();
    String nogroup = Tools.run(List.of("getent", "group", "nogroup")).ok().out().split(":")[2];
    Files.writeString(
        dir.resolve("etc/main.cf"),
        String.join(
            "\n",
            "compatibility_level = 3.6",
            "queue_directory = " + dir.resolve("queue"),
            "data_directory = " + dir.resolve("data"),
            "mail_owner = postfix",
            "myhostname = mx." + domain,
            "mydestination =",
            "inet_interfaces = 127.0.0.1",
            "inet_protocols = ipv4",
            "mynetworks = 127.0.0.0/8",
            "smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination",
            "virtual_mailbox_domains = " + domain,
            "virtual_mailbox_base = " + dir.resolve("mail"),
            "virtual_mailbox_maps = texthash:" + dir.resolve("etc/vmailbox"),
            "virtual_uid_maps = static:" + nobody,
            "virtual_gid_maps = static:" + nogroup,
            "maillog_file_prefixes = " + dir,
            "maillog_file = " + dir.resolve("postfix.log"),
            String.join("\n", extra),
            ""));
    Tools.run(List.of("postfix", "-c", dir.resolve("etc").toString(), "start")).ok();
    PostfixInstance pf = new PostfixInstance(dir, port, domain);
    for (int i = 0; i < 100 && !pf.listening(); i++) {
      Thread.sleep(100);
    }
    return pf;
  }

  private boolean listening() {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Postfix's maillog, for failure messages. */
  String log() throws IOException {
    Path log = dir.resolve("postfix.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  List<String> mailbox(String user) throws IOException {
    Path newDir = dir.resolve("mail").resolve(domain).resolve(user).resolve("new");
    if (!Files.isDirectory(newDir)) {
      return List.of();
    }
    try (var files = Files.list(newDir)) {
      return files
          .map(
              f -> {
                try {
                  return Files.readString(f);
                } catch (IOException e) {
                  return "";
                }
              })
          .toList();
    }
  }

  @Override
  public void close() throws Exception {
    Tools.run(List.of("postfix", "-c", dir.resolve("etc").toString(), "stop"));
    Tools.run(List.of("rm", "-rf", dir.toString()));
  }
}
