package mxlab.mailauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import mxlab.core.notice.NoticeSigner;
import mxlab.core.spec.Domain;
import mxlab.core.spec.Spec;
import mxlab.mailauth.dkim.DkimKey;
import mxlab.mailauth.dkim.DkimKeyStore;
import mxlab.mailauth.dkim.DkimSigner;

/**
 * DKIM-signs the mail mxlab writes itself for the hosted domain of its From address: the domain
 * itself, or the nearest hosted parent of it, so MAILER-DAEMON@mail.bann.com is signed d=bann.com
 * (aligned for DMARC's relaxed mode, RFC 7489 3.1.1). Only keys the zone already publishes sign.
 */
public final class NoticeDkimSigner implements NoticeSigner {
  private final Supplier<Spec> spec;

  public NoticeDkimSigner(Supplier<Spec> spec) {
    this.spec = spec;
  }

  @Override
  public List<String> fieldsFor(List<String> lines) throws IOException {
    Spec current = spec.get();
    MailMessage message = MailMessage.parse(crlf(lines));
    Optional<Domain> domain = signingDomain(current, message.fromDomain());
    if (domain.isEmpty()) {
      return List.of();
    }
    DkimKeyStore keys = DkimKeyStore.at(current.server().dataDir());
    List<DkimKey> signing = keys.signingKeys(domain.get(), false);
    long now = Instant.now().getEpochSecond();
    List<String> out = new ArrayList<>();
    for (String field : DkimSigner.sign(message, domain.get().name(), signing, now)) {
      out.addAll(List.of(field.split("\r\n")));
    }
    return out;
  }

  /**
   * The hosted domain that signs for {@code from}: it, or its nearest hosted parent, if it signs.
   */
  static Optional<Domain> signingDomain(Spec spec, String from) {
    for (String name = from; name != null && name.contains("."); name = parent(name)) {
      Optional<Domain> d = spec.domain(name);
      if (d.isPresent()) {
        return d.filter(x -> x.dkim().signs());
      }
    }
    return Optional.empty();
  }

  private static String parent(String name) {
    return name.substring(name.indexOf('.') + 1);
  }

  /** The lines as the spool will hold them and SMTP will carry them: UTF-8, CRLF. */
  private static byte[] crlf(List<String> lines) {
    StringBuilder b = new StringBuilder();
    for (String line : lines) {
      b.append(line).append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
