package mxlab.mailauth.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mxlab.core.spec.Dkim;
import mxlab.mailauth.MailDns;
import mxlab.mailauth.MailMessage;

/**
 * Verifies the DKIM-Signature fields of a message (RFC 6376 6), rsa-sha256 and ed25519-sha256;
 * rsa-sha1 and RSA keys under 1024 bits fail (RFC 8301).
 */
public final class DkimVerifier {
  /** More signatures than this are not looked at: each costs DNS lookups. */
  private static final int MAX_SIGNATURES = 5;

  private final MailDns dns;

  public DkimVerifier(MailDns dns) {
    this.dns = dns;
  }

  /** One result per signature, top to bottom; none when the message is unsigned. */
  public List<DkimResult> verify(MailMessage message, Instant now) {
    List<DkimResult> out = new ArrayList<>();
    // signatures with the same c= body half and l= share one body hash (a body is hashed once)
    Map<String, byte[]> bodyHashes = new HashMap<>();
    for (MailMessage.Field f : message.all("DKIM-Signature")) {
      if (out.size() == MAX_SIGNATURES) {
        break;
      }
      out.add(verifyOne(message, f, now, bodyHashes));
    }
    return out;
  }

  private DkimResult verifyOne(
      MailMessage message, MailMessage.Field field, Instant now, Map<String, byte[]> bodyHashes) {
    Optional<TagList> parsed = TagList.parse(field.value());
    if (parsed.isEmpty()) {
      return new DkimResult(
          DkimResult.Verdict.PERMERROR, null, null, null, "", "signature tags do not parse");
    }
    TagList sig = parsed.get();
    String d = lower(sig.get("d"));
    String s = lower(sig.get("s"));
    String a = lower(sig.get("a"));
    String b = sig.compact("b");
    String bShort = b == null ? "" : b.substring(0, Math.min(8, b.length()));
    Failing fail = (verdict, reason) -> new DkimResult(verdict, d, s, a, bShort, reason);
    // 6.1.1: the required tags, and what they must say
    if (!"1".equals(sig.get("v"))
        || d == null
        || s == null
        || a == null
        || b == null
        || sig.get("bh") == null
        || sig.get("h") == null) {
      return fail.of(DkimResult.Verdict.PERMERROR, "a required tag is missing");
    }
    Dkim.KeyType type =
        switch (a) {
          case "rsa-sha256" -> Dkim.KeyType.RSA;
          case "ed25519-sha256" -> Dkim.KeyType.ED25519;
          default -> null;
        };
    if (type == null) {
      return fail.of(DkimResult.Verdict.PERMERROR, "algorithm " + a + " is not accepted");
    }
    List<String> h = Arrays.stream(sig.get("h").split(":")).map(x -> lower(x.strip())).toList();
    if (!h.contains("from")) {
      return fail.of(DkimResult.Verdict.PERMERROR, "From is not signed");
    }
    String i = sig.get("i");
    if (i != null) {
      String iDomain = lower(i.substring(i.indexOf('@') + 1));
      if (!iDomain.equals(d) && !iDomain.endsWith("." + d)) {
        return fail.of(DkimResult.Verdict.PERMERROR, "i= is not within d=");
      }
    }
    String x = sig.get("x");
    if (x != null && x.matches("\\d{1,12}") && Long.parseLong(x) < now.getEpochSecond()) {
      return fail.of(DkimResult.Verdict.FAIL, "signature expired");
    }
    String[] cTags = sig.get("c", "simple/simple").split("/", -1);
    Canonicalization ch = Canonicalization.of(cTags[0].strip());
    Canonicalization cb = Canonicalization.of(cTags.length > 1 ? cTags[1].strip() : "simple");
    if (ch == null || cb == null || cTags.length > 2) {
      return fail.of(DkimResult.Verdict.PERMERROR, "canonicalization " + sig.get("c"));
    }
    long length = -1;
    if (sig.get("l") != null) {
      if (!sig.get("l").matches("\\d{1,18}")) {
        return fail.of(DkimResult.Verdict.PERMERROR, "l= is not a number");
      }
      length = Long.parseLong(sig.get("l"));
    }
    // 6.1.2: the key
    PublicKey key;
    try {
      Object found = key(s, d, type);
      if (found instanceof DkimResult.Verdict v) {
        return fail.of(
            v, v == DkimResult.Verdict.TEMPERROR ? "key lookup failed" : "no usable key");
      }
      key = (PublicKey) found;
    } catch (GeneralSecurityException e) {
      return fail.of(DkimResult.Verdict.PERMERROR, "key: " + e.getMessage());
    }
    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 1024) {
      return fail.of(DkimResult.Verdict.PERMERROR, "RSA key shorter than 1024 bits");
    }
    // 6.1.3: body hash, then signature
    byte[] bh;
    byte[] signature;
    try {
      bh = Base64.getDecoder().decode(sig.compact("bh"));
      signature = Base64.getDecoder().decode(b);
    } catch (IllegalArgumentException e) {
      return fail.of(DkimResult.Verdict.PERMERROR, "bh= or b= is not base64");
    }
    long l = length;
    byte[] computed =
        bodyHashes.computeIfAbsent(cb + "/" + l, k -> SignedData.bodyHash(message, cb, l));
    if (!MessageDigest.isEqual(bh, computed)) {
      return fail.of(DkimResult.Verdict.FAIL, "body hash did not verify");
    }
    try {
      byte[] data = SignedData.headerData(message, h, ch, field.raw());
      if (!SignedData.verify(type, key, data, signature)) {
        return fail.of(DkimResult.Verdict.FAIL, "signature did not verify");
      }
    } catch (GeneralSecurityException e) {
      return fail.of(DkimResult.Verdict.FAIL, "signature did not verify: " + e.getMessage());
    }
    return new DkimResult(DkimResult.Verdict.PASS, d, s, a, bShort, "");
  }

  /** The public key, or the verdict when there is none to use (RFC 6376 6.1.2, 3.6.1). */
  private Object key(String selector, String domain, Dkim.KeyType type)
      throws GeneralSecurityException {
    List<String> records;
    try {
      records = dns.txt(selector + "._domainkey." + domain);
    } catch (MailDns.DnsFailure e) {
      return DkimResult.Verdict.TEMPERROR;
    }
    if (records.size() != 1) {
      return DkimResult.Verdict.PERMERROR; // none, or ambiguous
    }
    Optional<TagList> tags = TagList.parse(records.get(0));
    if (tags.isEmpty()) {
      return DkimResult.Verdict.PERMERROR;
    }
    TagList k = tags.get();
    String v = k.get("v");
    String kType = lower(k.get("k", "rsa"));
    String p = k.compact("p");
    String hashes = k.get("h");
    if ((v != null && !v.equals("DKIM1"))
        || !kType.equals(type.tag())
        || p == null
        || p.isEmpty() // revoked
        || (hashes != null
            && !Arrays.asList(hashes.replace(" ", "").split(":")).contains("sha256"))) {
      return DkimResult.Verdict.PERMERROR;
    }
    return DkimKey.publicKey(type, p);
  }

  @FunctionalInterface
  private interface Failing {
    DkimResult of(DkimResult.Verdict verdict, String reason);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
