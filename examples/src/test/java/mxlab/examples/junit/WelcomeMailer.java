package mxlab.examples.junit;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Properties;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * "The code under test" of the example: mails a new user directly at their domain's best MX host,
 * as a small application without a smarthost would. Its resolver and SMTP port are injected, so a
 * test points them at a lab.
 */
final class WelcomeMailer {
  private final Resolver resolver;
  private final int smtpPort;

  WelcomeMailer(Resolver resolver, int smtpPort) {
    this.resolver = resolver;
    this.smtpPort = smtpPort;
  }

  /** Sends the welcome mail; returns the MX host it went to. */
  String welcome(String address) throws MessagingException, TextParseException {
    String domain = address.substring(address.indexOf('@') + 1);
    Lookup lookup = new Lookup(Name.fromString(domain, Name.root), Type.MX);
    lookup.setResolver(resolver);
    lookup.setCache(null);
    Record[] answers = lookup.run();
    if (answers == null) {
      throw new MessagingException("no MX for " + domain + ": " + lookup.getErrorString());
    }
    MXRecord best =
        Arrays.stream(answers)
            .map(MXRecord.class::cast)
            .min(Comparator.comparingInt(MXRecord::getPriority))
            .orElseThrow();
    Lookup a = new Lookup(best.getTarget(), Type.A);
    a.setResolver(resolver);
    a.setCache(null);
    Record[] addresses = a.run();
    if (addresses == null) {
      throw new MessagingException(
          "no address for " + best.getTarget() + ": " + a.getErrorString());
    }
    String ip = ((ARecord) addresses[0]).getAddress().getHostAddress(); // 127.0.0.1 in a lab

    Properties props = new Properties();
    props.put("mail.smtp.host", ip);
    props.put("mail.smtp.port", String.valueOf(smtpPort));
    props.put("mail.smtp.localhost", "app.example.org");
    Session session = Session.getInstance(props);
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("noreply@example.org"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
    m.setSubject("Welcome aboard", "UTF-8");
    m.setText("Hello and welcome.\n", "UTF-8");
    Transport.send(m);
    return best.getTarget().toString(true);
  }
}
