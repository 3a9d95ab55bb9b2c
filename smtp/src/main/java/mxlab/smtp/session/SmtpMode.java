package mxlab.smtp.session;

import mxlab.core.spec.Service;

/** What a listener is for: receiving (25), or submission by users (587, 465 with TLS). */
public enum SmtpMode {
  /** Port 25: mail from other servers (and trusted clients, by the access map). */
  MX(Service.SMTP),
  /** Port 587 (RFC 6409): users submit mail; AUTH before MAIL. */
  SUBMISSION(Service.SUBMISSION),
  /** Port 465 (RFC 8314): submission over implicit TLS. */
  SUBMISSIONS(Service.SUBMISSIONS);

  private final Service service;

  SmtpMode(Service service) {
    this.service = service;
  }

  /** The mode that serves {@code service}. */
  public static SmtpMode of(Service service) {
    for (SmtpMode m : values()) {
      if (m.service == service) {
        return m;
      }
    }
    throw new IllegalArgumentException(service + " is not SMTP");
  }

  public Service service() {
    return service;
  }

  public boolean isSubmission() {
    return this != MX;
  }

  public boolean implicitTls() {
    return this == SUBMISSIONS;
  }
}
