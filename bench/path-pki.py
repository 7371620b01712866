#!/usr/bin/python3
"""The PKIs of the path benchmark (bench/path.c), made with pyca:

    bench/path-pki.py DIR

writes, for each of p256 and rsa2048, DIR/KIND-{root,int,leaf}.der (a root,
an intermediate with pathLen 0, a server end entity for www.example.com,
valid from now for 10 years), and for p256 DIR/p256-int.crl (10,000
revoked serials, the end entity's not among them) and DIR/p256-root.crl
(empty), both complete CRLs with a cRLNumber.
"""
import datetime
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = datetime.datetime.utcnow().replace(microsecond=0) - datetime.timedelta(days=1)
LATER = NOW + datetime.timedelta(days=3650)


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def key(kind):
    if kind == "p256":
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(65537, 2048)


def cert(subject, skey, issuer, ikey, serial, ca, pathlen=None, leaf=False):
    b = (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer))
         .public_key(skey.public_key()).serial_number(serial)
         .not_valid_before(NOW).not_valid_after(LATER)
         .add_extension(x509.BasicConstraints(ca, pathlen), True)
         .add_extension(x509.SubjectKeyIdentifier.from_public_key(skey.public_key()), False))
    if subject != issuer:
        b = b.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ikey.public_key()), False)
    if ca:
        b = b.add_extension(x509.KeyUsage(False, False, False, False, False, True, True,
                                          False, False), True)
    if leaf:
        b = b.add_extension(x509.KeyUsage(True, False, False, False, False, False, False,
                                          False, False), True)
        b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        b = b.add_extension(x509.SubjectAlternativeName([x509.DNSName("www.example.com")]),
                            False)
    return b.sign(ikey, hashes.SHA256())


def crl(issuer, ikey, n):
    b = (x509.CertificateRevocationListBuilder().issuer_name(name(issuer))
         .last_update(NOW).next_update(LATER)
         .add_extension(x509.CRLNumber(1), False))
    for s in range(1000, 1000 + n):
        b = b.add_revoked_certificate(x509.RevokedCertificateBuilder().serial_number(s)
                                      .revocation_date(NOW).build())
    return b.sign(ikey, hashes.SHA256())


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    der = serialization.Encoding.DER
    for kind in ("p256", "rsa2048"):
        rk, ik, lk = key(kind), key(kind), key(kind)
        root = cert("bench root " + kind, rk, "bench root " + kind, rk, 1, True)
        inter = cert("bench int " + kind, ik, "bench root " + kind, rk, 2, True, 0)
        leaf = cert("www.example.com", lk, "bench int " + kind, ik, 3, False, leaf=True)
        for part, c in (("root", root), ("int", inter), ("leaf", leaf)):
            with open(os.path.join(out, "%s-%s.der" % (kind, part)), "wb") as f:
                f.write(c.public_bytes(der))
        if kind == "p256":
            for part, c in (("int", crl("bench int p256", ik, 10000)),
                            ("root", crl("bench root p256", rk, 0))):
                with open(os.path.join(out, "p256-%s.crl" % part), "wb") as f:
                    f.write(c.public_bytes(der))


if __name__ == "__main__":
    main()
