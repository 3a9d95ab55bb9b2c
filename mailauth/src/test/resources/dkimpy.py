"""dkimpy (Debian python3-dkim) on mxlab's side of the wire, for the cross-checks.

  dkimpy.py verify RECORDS.json    < message  -> one line per signature: True or False
  dkimpy.py verify-dns HOST PORT   < message  -> the same, keys asked of a DNS server (dnspython)
  dkimpy.py sign SELECTOR DOMAIN ALGORITHM KEYFILE CANON < message -> the DKIM-Signature field
"""
import json
import sys

import dkim


def signatures(message):
    d = dkim.DKIM(message)
    headers = dkim.rfc822_parse(message)[0]
    count = sum(1 for name, _ in headers if name.lower() == b"dkim-signature")
    return d, count


def verify(message, dnsfunc):
    d, count = signatures(message)
    for i in range(count):
        try:
            print(bool(d.verify(idx=i, dnsfunc=dnsfunc)))
        except dkim.ValidationError:  # dkimpy 1.1 raises on a body hash mismatch
            print(False)


def main():
    mode = sys.argv[1]
    message = sys.stdin.buffer.read()
    if mode == "verify":
        with open(sys.argv[2]) as f:
            records = json.load(f)
        verify(message, lambda name, timeout=5: records.get(name.decode().rstrip("."), "").encode())
    elif mode == "verify-dns":
        import dns.resolver

        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [sys.argv[2]]
        resolver.port = int(sys.argv[3])

        def ask(name, timeout=5):
            try:
                answer = resolver.resolve(name.decode(), "TXT", lifetime=timeout)
            except Exception:
                return None
            return b"".join(list(answer)[0].strings)

        verify(message, ask)
    elif mode == "sign":
        selector, domain, algorithm, keyfile, canon = sys.argv[2:7]
        with open(keyfile, "rb") as f:
            key = f.read().strip()
        header, body = canon.split("/")
        sig = dkim.sign(
            message,
            selector.encode(),
            domain.encode(),
            key,
            signature_algorithm=algorithm.encode(),
            canonicalize=(header.encode(), body.encode()),
            include_headers=[b"from", b"to", b"subject", b"date"],
        )
        sys.stdout.buffer.write(sig)
    else:
        sys.exit("unknown mode " + mode)


main()
