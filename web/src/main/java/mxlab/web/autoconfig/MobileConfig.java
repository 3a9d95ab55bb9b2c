package mxlab.web.autoconfig;

import static mxlab.web.text.Escape.markup;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import mxlab.web.autoconfig.MailSettings.Server;
import mxlab.web.autoconfig.MailSettings.Type;

/**
 * An Apple configuration profile (.mobileconfig) with one com.apple.mail.managed payload: IMAP in,
 * SMTP out, for one address. It carries no password (the device asks for it), and its UUIDs are
 * derived from the address, so installing it twice replaces rather than duplicates the account.
 */
public final class MobileConfig {
  public static final String CONTENT_TYPE = "application/x-apple-aspen-config";

  private MobileConfig() {}

  public static String plist(MailSettings s, String address) {
    Server in = s.of(Type.IMAP).stream().findFirst().orElseThrow();
    Server out = s.of(Type.SMTP).stream().findFirst().orElseThrow();
    String domain = s.domain().name();
    String reverse = reverseDomain(domain);
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append(
        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""
            + " \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
    b.append("<plist version=\"1.0\">\n<dict>\n");
    b.append("  <key>PayloadContent</key>\n  <array>\n    <dict>\n");
    string(b, "EmailAccountDescription", address);
    string(b, "EmailAccountName", address);
    string(b, "EmailAccountType", "EmailTypeIMAP");
    string(b, "EmailAddress", address);
    string(b, "IncomingMailServerAuthentication", "EmailAuthPassword");
    string(b, "IncomingMailServerHostName", s.host());
    integer(b, "IncomingMailServerPortNumber", in.port());
    bool(b, "IncomingMailServerUseSSL", in.implicitTls());
    string(b, "IncomingMailServerUsername", address);
    string(b, "OutgoingMailServerAuthentication", "EmailAuthPassword");
    string(b, "OutgoingMailServerHostName", s.host());
    integer(b, "OutgoingMailServerPortNumber", out.port());
    bool(b, "OutgoingMailServerUseSSL", out.implicitTls());
    string(b, "OutgoingMailServerUsername", address);
    bool(b, "OutgoingPasswordSameAsIncomingPassword", true);
    string(b, "PayloadDisplayName", address);
    string(b, "PayloadIdentifier", reverse + ".mxlab.mail." + uuid("mail", address));
    string(b, "PayloadType", "com.apple.mail.managed");
    string(b, "PayloadUUID", uuid("mail", address));
    integer(b, "PayloadVersion", 1);
    b.append("    </dict>\n  </array>\n");
    string(b, "PayloadDescription", "Mail for " + address + " on the mxlab lab " + domain);
    string(b, "PayloadDisplayName", domain + " mail (mxlab)");
    string(b, "PayloadIdentifier", reverse + ".mxlab." + uuid("profile", address));
    bool(b, "PayloadRemovalDisallowed", false);
    string(b, "PayloadType", "Configuration");
    string(b, "PayloadUUID", uuid("profile", address));
    integer(b, "PayloadVersion", 1);
    b.append("</dict>\n</plist>\n");
    return b.toString();
  }

  /** Whether the domain serves what a profile needs: IMAP and SMTP submission. */
  public static boolean possible(MailSettings s) {
    return !s.of(Type.IMAP).isEmpty() && !s.of(Type.SMTP).isEmpty();
  }

  private static String uuid(String what, String address) {
    return UUID.nameUUIDFromBytes((what + ":" + address).getBytes(StandardCharsets.UTF_8))
        .toString()
        .toUpperCase(java.util.Locale.ROOT);
  }

  private static String reverseDomain(String domain) {
    String[] labels = domain.split("\\.");
    StringBuilder b = new StringBuilder();
    for (int i = labels.length - 1; i >= 0; i--) {
      b.append(labels[i]).append(i > 0 ? "." : "");
    }
    return b.toString();
  }

  private static void string(StringBuilder b, String key, String value) {
    b.append("      <key>").append(key).append("</key>\n");
    b.append("      <string>").append(markup(value)).append("</string>\n");
  }

  private static void integer(StringBuilder b, String key, int value) {
    b.append("      <key>").append(key).append("</key>\n");
    b.append("      <integer>").append(value).append("</integer>\n");
  }

  private static void bool(StringBuilder b, String key, boolean value) {
    b.append("      <key>").append(key).append("</key>\n");
    b.append("      <").append(value).append("/>\n");
  }
}
