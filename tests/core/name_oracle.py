#!/usr/bin/python3
"""name_oracle.py - what pyca/cryptography 38 says about X.501 names.

Run with Debian's /usr/bin/python3 (pyca 38), not a venv's python3.

  name_oracle.py [DIR]      walk DIR (default: the pyca x509 vectors); for
                            every certificate, CRL or CSR pyca loads, print
                            one line per name:
                              <file>#<block> <kind> <issuer|subject> <hex> <result>
                            <hex> is the Name's contents (inside its
                            SEQUENCE) as found in the file, not re-encoded;
                            <result> is "OK " + rfc4514_string() with
                            backslash, newline and CR escaped as \\\\, \\n,
                            \\r, or "ERR " + the exception's class.
  name_oracle.py --name HEX  the same result for one hand-made Name
                            (contents hex), parsed by pyca inside a
                            certificate template.

The C side (a throwaway program, or certdump) reads the same hex, runs
xc_name_check() and xc_name_rfc4514(), and compares the results.
"""
import base64
import os
import re
import sys

from cryptography import x509

VECTORS = "/usr/lib/python3/dist-packages/cryptography_vectors/x509"

PEM_RE = re.compile(
    rb"-----BEGIN ([A-Z0-9 ]+)-----\r?\n(.*?)-----END \1-----", re.S)


def tlv(buf, i):
    """(tag octet, contents start, end) of the TLV at buf[i]; low tags only."""
    tag = buf[i]
    n = buf[i + 1]
    j = i + 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(buf[j:j + k], "big")
        j += k
    return tag, j, j + n


def children(buf, start, end):
    out = []
    i = start
    while i < end:
        t, s, e = tlv(buf, i)
        out.append((t, s, e))
        i = e
    return out


def raw_names(der, kind):
    """{'issuer': bytes, 'subject': bytes} of Name contents, straight from
    the DER."""
    _, s, e = tlv(der, 0)
    _, ts, te = tlv(der, s)          # tbsCertificate / tbsCertList / info
    items = children(der, ts, te)
    res = {}
    if kind == "cert":
        if items[0][0] == 0xa0:
            items = items[1:]
        # serial, signature, issuer, validity, subject
        res["issuer"] = der[items[2][1]:items[2][2]]
        res["subject"] = der[items[4][1]:items[4][2]]
    elif kind == "crl":
        if items[0][0] == 0x02:
            items = items[1:]
        res["issuer"] = der[items[1][1]:items[1][2]]
    else:
        res["subject"] = der[items[1][1]:items[1][2]]
    return res


def esc(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def result(obj, which):
    try:
        return "OK " + esc(getattr(obj, which).rfc4514_string())
    except Exception as ex:  # pyca raises several classes; report which
        return "ERR " + type(ex).__name__


LOADERS = (
    ("cert", x509.load_der_x509_certificate),
    ("crl", x509.load_der_x509_crl),
    ("csr", x509.load_der_x509_csr),
)


def blocks(data):
    if b"-----BEGIN" in data:
        for m in PEM_RE.finditer(data):
            label = m.group(1).decode()
            if label not in ("CERTIFICATE", "X509 CRL",
                             "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST",
                             "TRUSTED CERTIFICATE"):
                continue
            body = re.sub(rb"[^A-Za-z0-9+/=]", b"", m.group(2))
            try:
                yield base64.b64decode(body)
            except Exception:
                continue
    else:
        yield data


def one(path, out):
    with open(path, "rb") as f:
        data = f.read()
    for bi, der in enumerate(blocks(data)):
        for kind, load in LOADERS:
            try:
                obj = load(der)
            except Exception:
                continue
            try:
                names = raw_names(der, kind)
            except Exception:
                break
            for which, raw in names.items():
                out.write("%s#%d %s %s %s %s\n" % (
                    path, bi, kind, which, raw.hex() or "-",
                    result(obj, which)))
            break


def template(name_hex):
    """A certificate whose issuer and subject are the given Name; the
    signature is junk, which pyca does not check on load."""
    name = bytes.fromhex(name_hex)

    def enc(tag, body):
        n = len(body)
        if n < 0x80:
            hdr = bytes([tag, n])
        else:
            b = n.to_bytes((n.bit_length() + 7) // 8, "big")
            hdr = bytes([tag, 0x80 | len(b)]) + b
        return hdr + body

    alg = bytes.fromhex("300d06092a864886f70d01010b0500")
    validity = enc(0x30, enc(0x17, b"200101000000Z") * 2)
    spki = bytes.fromhex(
        "302a300506032b6570032100" + "11" * 32)  # Ed25519
    tbs = enc(0x30, bytes.fromhex("a003020102") + bytes.fromhex("020101")
              + alg + enc(0x30, name) + validity + enc(0x30, name) + spki)
    return enc(0x30, tbs + alg + enc(0x03, b"\x00" + b"\x00" * 8))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--name":
        cert = x509.load_der_x509_certificate(template(sys.argv[2]))
        print(result(cert, "subject"))
        return
    top = sys.argv[1] if len(sys.argv) > 1 else VECTORS
    for d, _, files in sorted(os.walk(top)):
        for fn in sorted(files):
            one(os.path.join(d, fn), sys.stdout)


if __name__ == "__main__":
    main()
