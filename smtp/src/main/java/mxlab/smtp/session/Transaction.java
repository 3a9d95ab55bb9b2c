package mxlab.smtp.session;

import java.util.ArrayList;
import java.util.List;
import mxlab.core.address.MailAddress;
import mxlab.smtp.policy.RecipientRoute;

/** One mail transaction: MAIL, the accepted RCPTs, then DATA (RFC 5321 3.3). RSET ends it. */
public final class Transaction {
  /** A recipient that got 250, and where its copy goes. */
  public record Accepted(MailAddress address, RecipientRoute route) {}

  private final MailAddress sender;
  private final boolean eightBit;
  private final boolean smtpUtf8;
  private final boolean discard;
  private final List<Accepted> recipients = new ArrayList<>();

  public Transaction(MailAddress sender, boolean eightBit, boolean smtpUtf8, boolean discard) {
    this.sender = sender;
    this.eightBit = eightBit;
    this.smtpUtf8 = smtpUtf8;
    this.discard = discard;
  }

  /** The reverse path; null for {@code <>}. */
  public MailAddress sender() {
    return sender;
  }

  public String senderText() {
    return sender == null ? "" : sender.toString();
  }

  public boolean eightBit() {
    return eightBit;
  }

  public boolean smtpUtf8() {
    return smtpUtf8;
  }

  public boolean discard() {
    return discard;
  }

  public List<Accepted> recipients() {
    return recipients;
  }

  void add(Accepted accepted) {
    recipients.add(accepted);
  }
}
