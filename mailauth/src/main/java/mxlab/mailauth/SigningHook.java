package mxlab.mailauth;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Spec;
import mxlab.mailauth.dkim.DkimKey;
import mxlab.mailauth.dkim.DkimKeyStore;
import mxlab.mailauth.dkim.DkimSigner;
import mxlab.smtp.policy.HookResult;
import mxlab.smtp.policy.MessageHook;
import mxlab.smtp.policy.PolicyContext;
import mxlab.smtp.policy.ReceivedMessage;

/**
 * Signs mail from our own users (authenticated, or sent by a client the access map trusts to relay)
 * for the hosted domain of its From address, or else of its envelope sender: in the message hook,
 * so the signature is in the one spool file that local delivery and the queue both take, and it
 * goes on top of our Received field.
 */
public final class SigningHook implements MessageHook {
  private final DkimKeyStore keys;

  public SigningHook(DkimKeyStore keys) {
    this.keys = keys;
  }

  /** Whether the client is one of ours: its mail is signed, not checked. */
  static boolean trusted(PolicyContext client) {
    return client.authenticatedUser() != null
        || client.site().access().relaysFor(client.clientAddress(), client.clientName());
  }

  @Override
  public HookResult onMessage(PolicyContext client, ReceivedMessage received) throws IOException {
    Spec spec = client.site().spec();
    // no signing domain, nothing to read the spool file for
    if (!trusted(client) || spec.domains().stream().noneMatch(d -> d.dkim().signs())) {
      return HookResult.declined();
    }
    MailMessage message;
    try (InputStream in = received.open()) {
      message = MailMessage.read(in, true);
    }
    Optional<Domain> domain = Optional.ofNullable(message.fromDomain()).flatMap(spec::domain);
    if (domain.isEmpty() && received.sender() != null) {
      domain = spec.domain(received.sender().domain());
    }
    if (domain.isEmpty() || !domain.get().dkim().signs()) {
      return HookResult.declined();
    }
    long now = Instant.now().getEpochSecond();
    List<DkimKey> signing = keys.signingKeys(domain.get(), false); // published ones only
    List<String> fields = new ArrayList<>();
    for (String field : DkimSigner.sign(message, domain.get().name(), signing, now)) {
      fields.add(field.replace("\r\n", "\n"));
    }
    List<String> notes = new ArrayList<>();
    for (DkimKey key : signing) {
      notes.add("dkim-signed=" + domain.get().name() + "/" + key.selector());
    }
    return HookResult.declinedAdding(fields, notes);
  }
}
