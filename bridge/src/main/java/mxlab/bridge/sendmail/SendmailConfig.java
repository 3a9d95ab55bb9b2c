package mxlab.bridge.sendmail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mxlab.core.spec.Ports;

/**
 * What sendmail's configuration says that a spec can hold: the defines of sendmail.mc (or the same
 * options read back from sendmail.cf where there is no .mc), the daemons (listen address and
 * ports), and what has no place in a spec.
 */
record SendmailConfig(
    Map<String, String> defines,
    Optional<String> listen,
    Map<String, Integer> ports,
    List<String> unmapped) {

  private static final Pattern MACRO = Pattern.compile("(\\w+)\\(([^)]*)\\)");

  /** Macros that mxlab does itself or that change nothing a spec says. */
  private static final Set<String> KNOWN =
      Set.of(
          "include",
          "VERSIONID",
          "OSTYPE",
          "DOMAIN",
          "MAILER",
          "TRUST_AUTH_MECH",
          "divert",
          "undefine",
          "FEATURE",
          "DAEMON_OPTIONS",
          "define",
          "LOCAL_CONFIG");

  /** FEATUREs that the spec's model already has (local-host-names, access, virtusertable). */
  private static final Set<String> KNOWN_FEATURES =
      Set.of(
          "use_cw_file",
          "use_ct_file",
          "access_db",
          "virtusertable",
          "smrsh",
          "local_procmail",
          "always_add_domain",
          "redirect",
          "blacklist_recipients",
          "blocklist_recipients",
          "no_default_msa",
          "lookupdotdomain",
          "delay_checks",
          "conncontrol");

  /** Defines the import maps (SendmailImport.server) or that only name sendmail's own paths. */
  private static final Set<String> MAPPED =
      Set.of(
          "confDOMAIN_NAME",
          "confMAX_MESSAGE_SIZE",
          "confTO_QUEUEWARN",
          "confTO_QUEUERETURN",
          "confMIN_QUEUE_AGE",
          "confMAILER_NAME",
          "confAUTH_OPTIONS",
          "SMART_HOST",
          "ESMTP_MAILER_ARGS",
          "SMTP_MAILER_ARGS",
          "SMTP8_MAILER_ARGS",
          "DSMTP_MAILER_ARGS",
          "RELAY_MAILER_ARGS",
          "confMAX_RCPTS_PER_MESSAGE",
          "confMAX_DAEMON_CHILDREN",
          "confTO_COMMAND",
          "confTO_DATABLOCK",
          "confSERVER_CERT",
          "confSERVER_KEY",
          "QUEUE_DIR",
          "ALIAS_FILE",
          "confCW_FILE",
          "confCR_FILE",
          "confDOUBLE_BOUNCE_ADDRESS",
          "confPRIVACY_FLAGS",
          "confAUTH_MECHANISMS",
          "confCACERT",
          "confCACERT_PATH",
          "confCLIENT_CERT",
          "confCLIENT_KEY",
          "PROCMAIL_MAILER_PATH",
          "LOCAL_MAILER_PATH",
          "LOCAL_MAILER_ARGS",
          "LOCAL_MAILER_FLAGS",
          "STATUS_FILE",
          "confLOG_LEVEL",
          "confTO_IDENT",
          "confBIND_OPTS",
          "_USE_CT_FILE_",
          "_USE_ETC_MAIL_",
          "confCT_FILE",
          "UUCP_MAILER_MAX",
          "confTRUSTED_USERS",
          "MSP_QUEUE_DIR",
          "confDEF_USER_ID");

  /** sendmail.cf options and macros, by the sendmail.mc define that writes them. */
  private static final Map<String, String> CF_OPTIONS =
      Map.ofEntries(
          Map.entry("Dj", "confDOMAIN_NAME"),
          Map.entry("Dn", "confMAILER_NAME"),
          Map.entry("DS", "SMART_HOST"),
          Map.entry("O MaxMessageSize", "confMAX_MESSAGE_SIZE"),
          Map.entry("O Timeout.queuewarn", "confTO_QUEUEWARN"),
          Map.entry("O Timeout.queuereturn", "confTO_QUEUERETURN"),
          Map.entry("O MinQueueAge", "confMIN_QUEUE_AGE"),
          Map.entry("O MaxRecipientsPerMessage", "confMAX_RCPTS_PER_MESSAGE"),
          Map.entry("O MaxDaemonChildren", "confMAX_DAEMON_CHILDREN"),
          Map.entry("O Timeout.command", "confTO_COMMAND"),
          Map.entry("O Timeout.datablock", "confTO_DATABLOCK"),
          Map.entry("O AuthOptions", "confAUTH_OPTIONS"),
          Map.entry("O ServerCertFile", "confSERVER_CERT"),
          Map.entry("O ServerKeyFile", "confSERVER_KEY"),
          Map.entry("Mesmtp", "ESMTP_MAILER_ARGS"),
          Map.entry("Mrelay", "RELAY_MAILER_ARGS"));

  private static final Pattern CF_LINE =
      Pattern.compile("(D[a-zA-Z]|O [\\w.]+|M\\w+)[=,]?\\s*(.*)", Pattern.DOTALL);
  private static final Pattern MAILER_ARGS = Pattern.compile("A=([^,]*)$");

  /** sendmail.mc in DIR, else sendmail.cf; neither says nothing. */
  static SendmailConfig read(Path dir) throws IOException {
    Path mc = dir.resolve("sendmail.mc");
    Path cf = dir.resolve("sendmail.cf");
    if (Files.exists(mc)) {
      return fromMc(Files.readString(mc, StandardCharsets.UTF_8));
    }
    if (Files.exists(cf)) {
      return fromCf(Files.readString(cf, StandardCharsets.UTF_8));
    }
    return new SendmailConfig(Map.of(), Optional.empty(), Map.of(), List.of());
  }

  /** The options of a sendmail.cf that a spec has; the rest of it is sendmail's own. */
  private static SendmailConfig fromCf(String text) {
    Map<String, String> defines = new LinkedHashMap<>();
    List<String> daemons = new ArrayList<>();
    // a line starting with white space continues the one before (mailer definitions do)
    for (String line : text.replaceAll("\n[ \t]+", " ").split("\n")) {
      Matcher m = CF_LINE.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      String value = m.group(2).strip();
      if (m.group(1).equals("O DaemonPortOptions")) {
        daemons.add(value);
      } else if (m.group(1).startsWith("M")) {
        Matcher args = MAILER_ARGS.matcher(value);
        if (CF_OPTIONS.containsKey(m.group(1)) && args.find()) {
          defines.put(CF_OPTIONS.get(m.group(1)), args.group(1).strip());
        }
      } else if (CF_OPTIONS.containsKey(m.group(1))) {
        defines.put(CF_OPTIONS.get(m.group(1)), value);
      }
    }
    List<String> unmapped = new ArrayList<>();
    unmapped.add("there is no sendmail.mc: only the options of sendmail.cf a spec has were read");
    return daemons(defines, daemons, unmapped);
  }

  private static SendmailConfig fromMc(String text) {
    Map<String, String> defines = new LinkedHashMap<>();
    List<String> daemons = new ArrayList<>();
    List<String> unmapped = new ArrayList<>();
    Matcher m = MACRO.matcher(uncommented(text));
    while (m.find()) {
      String macro = m.group(1);
      List<String> args = arguments(m.group(2));
      switch (macro) {
        case "define" -> {
          if (!args.isEmpty()) {
            defines.put(args.get(0), args.size() > 1 ? args.get(1) : "");
            if (!MAPPED.contains(args.get(0))) {
              unmapped.add("sendmail.mc: define(" + args.get(0) + ") has no place in a spec");
            }
          }
        }
        case "DAEMON_OPTIONS" -> daemons.add(args.isEmpty() ? "" : args.get(0));
        case "FEATURE" -> {
          if (!args.isEmpty() && !KNOWN_FEATURES.contains(args.get(0))) {
            unmapped.add("sendmail.mc: FEATURE(" + args.get(0) + ") has no place in a spec");
          }
        }
        default -> {
          if (!KNOWN.contains(macro) && macro.matches("[A-Z_]+")) {
            unmapped.add("sendmail.mc: " + macro + " has no place in a spec");
          }
        }
      }
    }
    return daemons(defines, daemons, unmapped);
  }

  /**
   * DaemonPortOptions as the listen address (the first IPv4 daemon's; none means all) and ports.
   */
  private static SendmailConfig daemons(
      Map<String, String> defines, List<String> daemons, List<String> unmapped) {
    Optional<String> listen = Optional.empty();
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String d : daemons) {
      Map<String, String> options = options(d);
      if (options.getOrDefault("family", "inet").equals("inet6")) {
        unmapped.add("the IPv6 daemon " + d + " (mxlab listens on one address)");
        continue;
      }
      if (listen.isEmpty()) {
        listen = Optional.of(options.getOrDefault("addr", "0.0.0.0"));
      }
      String name = options.getOrDefault("name", "MTA");
      String service =
          name.startsWith("TLSMSA") || options.getOrDefault("m", "").contains("s")
              ? "submissions"
              : name.startsWith("MSA") ? "submission" : "smtp";
      String port = options.getOrDefault("port", "smtp");
      if (port.matches("smtp|submission|smtps|\\d+")) {
        ports.put(service, port(port));
      } else {
        unmapped.add("the port " + port + " of " + name + " (write a number)");
      }
    }
    if (!ports.isEmpty()) {
      for (String service : List.of("smtp", "submission", "submissions")) {
        ports.putIfAbsent(service, Ports.OFF);
      }
    }
    return new SendmailConfig(defines, listen, ports, unmapped);
  }

  /**
   * The text without m4 comments: "dnl" to the end of its line, and "#" lines, where they are not
   * inside `quotes'.
   */
  private static String uncommented(String text) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean wordStart = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
      if (depth == 0 && (c == '#' || wordStart && text.startsWith("dnl", i))) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end;
        if (c == '#') {
          out.append('\n');
        }
        continue;
      }
      depth += c == '`' ? 1 : c == '\'' && depth > 0 ? -1 : 0;
      out.append(c);
    }
    return out.toString();
  }

  /** `a', ``b'', c as [a, b, c]: split at the commas outside quotes, then unquoted. */
  private static List<String> arguments(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder arg = new StringBuilder();
    int depth = 0;
    for (char c : (text + ",").toCharArray()) {
      if (c == ',' && depth == 0) {
        out.add(arg.toString().strip().replaceAll("^`+|'+$", ""));
        arg.setLength(0);
        continue;
      }
      depth += c == '`' ? 1 : c == '\'' && depth > 0 ? -1 : 0;
      arg.append(c);
    }
    return out.size() == 1 && out.get(0).isEmpty() ? List.of() : out;
  }

  /** "Port=smtp, Addr=127.0.0.1, Name=MTA" as a map with lower-case keys. */
  private static Map<String, String> options(String text) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      String[] kv = part.strip().split("=", 2);
      if (kv.length == 2) {
        options.put(kv[0].strip().toLowerCase(Locale.ROOT), kv[1].strip());
      }
    }
    return options;
  }

  private static int port(String name) {
    return switch (name) {
      case "smtp" -> 25;
      case "submission" -> 587;
      case "smtps" -> 465;
      default -> Integer.parseInt(name); // checked by the caller
    };
  }
}
