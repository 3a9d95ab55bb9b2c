package mxlab.web.autoconfig;

import static mxlab.web.text.Escape.markup;

import mxlab.web.autoconfig.MailSettings.Server;
import mxlab.web.autoconfig.MailSettings.Type;

/**
 * Thunderbird's autoconfiguration file, clientConfig version 1.1 (the format of
 * https://wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat). Thunderbird takes the
 * first incomingServer and the first outgoingServer and offers the others as alternatives, so the
 * implicit-TLS ones come first. The user name is the whole address: that is what mxlab's logins
 * take, and the placeholder keeps the file the same for every user.
 */
public final class ThunderbirdConfig {
  private ThunderbirdConfig() {}

  public static String xml(MailSettings s) {
    StringBuilder b = new StringBuilder();
    String domain = s.domain().name();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<clientConfig version=\"1.1\">\n");
    b.append("  <emailProvider id=\"").append(markup(domain)).append("\">\n");
    b.append("    <domain>").append(markup(domain)).append("</domain>\n");
    b.append("    <displayName>").append(markup(domain)).append(" (mxlab)</displayName>\n");
    b.append("    <displayShortName>").append(markup(domain)).append("</displayShortName>\n");
    for (Type t : new Type[] {Type.IMAP, Type.POP3}) {
      for (Server server : s.of(t)) {
        server(b, "incomingServer", t.name().toLowerCase(java.util.Locale.ROOT), s.host(), server);
      }
    }
    for (Server server : s.of(Type.SMTP)) {
      server(b, "outgoingServer", "smtp", s.host(), server);
    }
    b.append("  </emailProvider>\n");
    b.append("</clientConfig>\n");
    return b.toString();
  }

  private static void server(StringBuilder b, String element, String type, String host, Server s) {
    b.append("    <").append(element).append(" type=\"").append(type).append("\">\n");
    b.append("      <hostname>").append(markup(host)).append("</hostname>\n");
    b.append("      <port>").append(s.port()).append("</port>\n");
    b.append("      <socketType>").append(s.socketType()).append("</socketType>\n");
    b.append("      <authentication>password-cleartext</authentication>\n");
    b.append("      <username>%EMAILADDRESS%</username>\n");
    if (type.equals("pop3")) {
      b.append("      <pop3>\n");
      b.append("        <leaveMessagesOnServer>true</leaveMessagesOnServer>\n");
      b.append("      </pop3>\n");
    }
    b.append("    </").append(element).append(">\n");
  }
}
