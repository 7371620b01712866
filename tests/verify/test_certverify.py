#!/usr/bin/python3
"""tests/verify/test_certverify.py - certverify's command line: each rule
issue 17 gives it, its output forms and exit codes, on PKIs made here
with pyca/cryptography 38 (Debian's; run with /usr/bin/python3).

    test_certverify.py CERTVERIFY
"""
import datetime
import ipaddress
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
except ImportError:
    print("SKIP: pyca/cryptography is absent (python3-cryptography)")
    sys.exit(77)

CV = None
AT = datetime.datetime(2025, 6, 1)
DAY = datetime.timedelta(days=1)
LINE = re.compile(r"^(?P<file>[^:]+): (?P<who>.+): (?P<check>[A-Z_]+): (?P<text>.+)$")


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


class Cert:
    """A certificate and its key; issue() makes one signed by self."""

    def __init__(self, cert, key):
        self.cert, self.key = cert, key

    def pem(self):
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def der(self):
        return self.cert.public_bytes(serialization.Encoding.DER)

    def issue(self, cn, **kw):
        return make(cn, issuer=self, **kw)


def make(cn, issuer=None, ca=True, key=None, san=None, eku=None, nb=None, na=None,
         hash_=None, pathlen=None, serial=None, extra=()):
    key = key or ec.generate_private_key(ec.SECP256R1())
    subject = name(cn)
    b = (x509.CertificateBuilder().subject_name(subject)
         .issuer_name(issuer.cert.subject if issuer else subject)
         .public_key(key.public_key()).serial_number(serial or x509.random_serial_number())
         .not_valid_before(nb or AT - 365 * DAY).not_valid_after(na or AT + 365 * DAY)
         .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False))
    if issuer:
        b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            issuer.key.public_key()), False)
    if ca:
        b = b.add_extension(x509.BasicConstraints(ca=True, path_length=pathlen), True)
        b = b.add_extension(x509.KeyUsage(False, False, False, False, False, True, True,
                                          False, False), True)
    else:
        b = b.add_extension(x509.KeyUsage(True, False, False, False, False, False, False,
                                          False, False), True)
    if san:
        b = b.add_extension(x509.SubjectAlternativeName(san), False)
    if eku:
        b = b.add_extension(x509.ExtendedKeyUsage(eku), False)
    for e, crit in extra:
        b = b.add_extension(e, crit)
    signer = issuer.key if issuer else key
    return Cert(b.sign(signer, hash_ or hashes.SHA256()), key)


def crl(issuer, revoked=(), number=1, next_update=None):
    b = (x509.CertificateRevocationListBuilder().issuer_name(issuer.cert.subject)
         .last_update(AT - 10 * DAY).next_update(next_update or AT + 10 * DAY)
         .add_extension(x509.CRLNumber(number), False)
         .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
             issuer.key.public_key()), False))
    for c, reason in revoked:
        rb = (x509.RevokedCertificateBuilder().serial_number(c.cert.serial_number)
              .revocation_date(AT - 5 * DAY))
        if reason:
            rb = rb.add_extension(x509.CRLReason(reason), False)
        b = b.add_revoked_certificate(rb.build())
    return b.sign(issuer.key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)


SERVER = [ExtendedKeyUsageOID.SERVER_AUTH]


class CertverifyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="certverify-")
        cls.root = make("Root")
        cls.ca = cls.root.issue("Issuing CA")
        cls.leaf = cls.ca.issue("www.example.com", ca=False, eku=SERVER, san=[
            x509.DNSName("www.example.com"), x509.IPAddress(ipaddress.ip_address("192.0.2.7")),
            x509.RFC822Name("admin@example.com")])

    def path(self, fname, data):
        p = os.path.join(self.tmp.name, fname)
        with open(p, "wb") as f:
            f.write(data)
        return p

    def run_cv(self, *args, at="2025-06-01T00:00:00Z"):
        argv = [CV] + (["--at", at] if at else []) + list(args)
        return subprocess.run(argv, capture_output=True, text=True)

    def chain_args(self):
        return ["--anchors", self.path("root.pem", self.root.pem()),
                "--untrusted", self.path("ca.pem", self.ca.pem())]

    def assert_fails(self, p, check, who=None):
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        lines = p.stdout.splitlines()
        self.assertEqual(len(lines), 1, p.stdout)
        m = LINE.match(lines[0])
        self.assertTrue(m, lines[0])
        self.assertEqual(m.group("check"), check, lines[0])
        if who:
            self.assertEqual(m.group("who"), who, lines[0])
        return m

    # The plain cases and the output forms.

    def test_valid(self):
        leaf = self.path("leaf.pem", self.leaf.pem())
        p = self.run_cv(*self.chain_args(), leaf)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertEqual(p.stdout, leaf + ": valid\n")

    def test_missing_intermediate_one_line(self):
        p = self.run_cv("--anchors", self.path("root.pem", self.root.pem()),
                        self.path("leaf.pem", self.leaf.pem()))
        self.assert_fails(p, "NO_ISSUER")

    def test_json_chain_and_verdict(self):
        p = self.run_cv(*self.chain_args(), "--json", self.path("leaf.pem", self.leaf.pem()))
        self.assertEqual(p.returncode, 0, p.stderr)
        v = json.loads(p.stdout)
        self.assertEqual(v["verdict"], "valid")
        self.assertEqual(v["error"], "OK")
        self.assertEqual([c["subject"] for c in v["chain"]],
                         ["CN=www.example.com", "CN=Issuing CA", "CN=Root"])
        self.assertEqual(int(v["chain"][0]["serial"], 16), self.leaf.cert.serial_number)
        self.assertEqual(v["at"], "2025-06-01T00:00:00Z")
        self.assertEqual(v["chain"][0]["sha256"],
                         self.leaf.cert.fingerprint(hashes.SHA256()).hex())

    def test_json_failure(self):
        p = self.run_cv("--json", "--anchors", self.path("root.pem", self.root.pem()),
                        self.path("leaf.pem", self.leaf.pem()))
        self.assertEqual(p.returncode, 1)
        v = json.loads(p.stdout)
        self.assertEqual((v["verdict"], v["error"]), ("invalid", "NO_ISSUER"))

    def test_chain_file_and_der(self):
        # A CERT file's other certificates are intermediates; DER works.
        bundle = self.path("bundle.pem", self.leaf.pem() + self.ca.pem())
        p = self.run_cv("--anchors", self.path("root.der", self.root.der()), bundle)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        p = self.run_cv(*self.chain_args(), self.path("leaf.der", self.leaf.der()))
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)

    def test_anchors_dir(self):
        d = os.path.join(self.tmp.name, "anchors")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "root.pem"), "wb") as f:
            f.write(self.root.pem())
        with open(os.path.join(d, "README"), "w") as f:
            f.write("not a certificate\n")
        p = self.run_cv("--anchors", d, "--untrusted", self.path("ca.pem", self.ca.pem()),
                        self.path("leaf.pem", self.leaf.pem()))
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)

    def test_several_certs_worst_exit(self):
        good = self.path("leaf.pem", self.leaf.pem())
        other = make("Other Root").issue("x", ca=False)
        bad = self.path("other.pem", other.pem())
        p = self.run_cv(*self.chain_args(), good, bad)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout.splitlines()[0], good + ": valid")
        self.assertTrue(p.stdout.splitlines()[1].startswith(bad + ": "))

    def test_usage(self):
        leaf = self.path("leaf.pem", self.leaf.pem())
        for args in ([], ["--purpose", "mail", leaf], ["--profile", "x", leaf],
                     ["--frobnicate", leaf], ["--at", "yesterday", leaf], ["--anchors"],
                     ["--anchors", "/nonexistent", leaf],
                     ["--anchors", self.path("leaf.pem", self.leaf.pem()), "/nonexistent"],
                     ["--crl", leaf, leaf]):
            p = self.run_cv(*args, at=None)
            self.assertEqual(p.returncode, 2, (args, p.stdout, p.stderr))
            self.assertTrue(p.stderr, args)
            self.assertEqual(p.stdout, "", args)

    def test_manual_lists_every_check(self):
        # docs/certverify.1 names every check of xc/path.h's list.
        top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
        with open(os.path.join(top, "core", "include", "xc", "path.h")) as f:
            names = re.findall(r"^\s*X\((\w+),", f.read(), re.M)
        with open(os.path.join(top, "docs", "certverify.1")) as f:
            manual = f.read()
        self.assertGreater(len(names), 20)
        missing = [n for n in names if n != "OK" and not re.search(r"\b%s\b" % n, manual)]
        self.assertEqual(missing, [])

    # The rules of issue 17.

    def test_any_anchor_is_trusted(self):
        # RFC 5280 6.1.1 (d): an anchor need not be self-signed.
        p = self.run_cv("--anchors", self.path("ca.pem", self.ca.pem()),
                        self.path("leaf.pem", self.leaf.pem()))
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)

    def test_at_is_the_only_clock(self):
        # The anchor's validity is checked too (limbo's expired-root):
        # one of 2010-2030 issues a leaf of 2019 only.
        ca = make("Old CA", nb=datetime.datetime(2010, 1, 1), na=datetime.datetime(2030, 1, 1))
        old = ca.issue("old.example.com", ca=False, nb=datetime.datetime(2019, 1, 1),
                       na=datetime.datetime(2020, 1, 1))
        f = self.path("old.pem", old.pem())
        args = ["--anchors", self.path("oldca.pem", ca.pem())]
        self.assertEqual(self.run_cv(*args, f, at="2019-06-01T00:00:00Z").returncode, 0)
        self.assertEqual(self.run_cv(*args, f, at="2019-06-01T02:00:00+02:00").returncode, 0)
        self.assert_fails(self.run_cv(*args, f, at="2020-01-01T00:00:01Z"), "EXPIRED",
                          "CN=old.example.com")
        self.assert_fails(self.run_cv(*args, f, at="2018-12-31T23:59:59Z"), "NOT_YET_VALID")
        # Without --at: now, years after 2020.
        self.assert_fails(self.run_cv(*args, f, at=None), "EXPIRED")
        # Relative times count from now.
        self.assert_fails(self.run_cv(*args, f, at="+1d"), "EXPIRED")

    def test_name_finds_its_kind(self):
        args = self.chain_args() + ["--at", "2025-06-01T00:00:00Z"]
        leaf = self.path("leaf.pem", self.leaf.pem())
        for good in ("www.example.com", "192.0.2.7", "admin@example.com"):
            p = self.run_cv(*args, "--name", good, leaf, at=None)
            self.assertEqual(p.returncode, 0, (good, p.stdout, p.stderr))
        for bad in ("www.example.org", "192.0.2.8", "root@example.com", "2001:db8::7"):
            self.assert_fails(self.run_cv(*args, "--name", bad, leaf, at=None), "NAME_MISMATCH")

    def test_crl_checks_every_cert_but_anchor(self):
        leaf = self.path("leaf.pem", self.leaf.pem())
        root_crl = self.path("root.crl", crl(self.root))
        ca_crl = self.path("ca.crl", crl(self.ca))
        p = self.run_cv(*self.chain_args(), "--crl", root_crl, "--crl", ca_crl, leaf)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        # No CRL for the leaf's issuer: its status cannot be determined.
        self.assert_fails(self.run_cv(*self.chain_args(), "--crl", root_crl, leaf),
                          "REVOCATION_UNKNOWN", "CN=www.example.com")
        # No CRL from the root: the intermediate's cannot.
        self.assert_fails(self.run_cv(*self.chain_args(), "--crl", ca_crl, leaf),
                          "REVOCATION_UNKNOWN", "CN=Issuing CA")
        # The anchor needs none: with the CA as the anchor, its CRL suffices.
        p = self.run_cv("--anchors", self.path("ca.pem", self.ca.pem()), "--crl", ca_crl, leaf)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)

    def test_revoked_line_has_date_and_reason(self):
        leaf = self.path("leaf.pem", self.leaf.pem())
        rev = self.path("rev.crl", crl(self.ca, [(self.leaf, x509.ReasonFlags.key_compromise)]))
        p = self.run_cv(*self.chain_args(), "--crl", self.path("root.crl", crl(self.root)),
                        "--crl", rev, leaf)
        m = self.assert_fails(p, "REVOKED", "CN=www.example.com")
        self.assertIn("2025-05-27T00:00:00Z", m.group("text"))
        self.assertIn("key_compromise", m.group("text"))
        p = self.run_cv(*self.chain_args(), "--crl", self.path("root.crl", crl(self.root)),
                        "--crl", rev, "--json", leaf)
        v = json.loads(p.stdout)
        self.assertEqual(v["chain"][0]["revocation"], "revoked")
        self.assertEqual(v["chain"][0]["revocation_reason"], "key_compromise")
        self.assertEqual(v["chain"][1]["revocation"], "good")

    def test_purpose(self):
        leaf = self.path("leaf.pem", self.leaf.pem())
        self.assertEqual(self.run_cv(*self.chain_args(), "--purpose", "server", leaf).returncode, 0)
        self.assert_fails(self.run_cv(*self.chain_args(), "--purpose", "client", leaf), "EKU")

    def test_webpki_sha1(self):
        ca = self.root.issue("SHA-1 CA", hash_=hashes.SHA1())
        leaf = ca.issue("www.example.com", ca=False, eku=SERVER,
                        san=[x509.DNSName("www.example.com")])
        args = ["--anchors", self.path("root.pem", self.root.pem()),
                "--untrusted", self.path("sha1ca.pem", ca.pem()),
                self.path("sha1leaf.pem", leaf.pem())]
        self.assertEqual(self.run_cv(*args).returncode, 0)
        self.assert_fails(self.run_cv("--profile", "webpki", *args), "WEBPKI_SIG_ALG")

    def test_webpki_small_rsa(self):
        small = rsa.generate_private_key(65537, 1024)
        leaf = self.ca.issue("www.example.com", ca=False, eku=SERVER, key=small,
                             san=[x509.DNSName("www.example.com")])
        args = self.chain_args() + [self.path("rsa1024.pem", leaf.pem())]
        self.assertEqual(self.run_cv(*args).returncode, 0)
        self.assert_fails(self.run_cv("--profile", "webpki", *args), "WEBPKI_KEY")

    def test_webpki_eku_through_intermediates(self):
        ca = self.root.issue("Client-only CA", extra=[(x509.ExtendedKeyUsage(
            [ExtendedKeyUsageOID.CLIENT_AUTH]), False)])
        leaf = ca.issue("www.example.com", ca=False, eku=SERVER,
                        san=[x509.DNSName("www.example.com")])
        args = ["--anchors", self.path("root.pem", self.root.pem()),
                "--untrusted", self.path("clientca.pem", ca.pem()), "--purpose", "server",
                self.path("ekuleaf.pem", leaf.pem())]
        self.assertEqual(self.run_cv(*args).returncode, 0)
        self.assert_fails(self.run_cv("--profile", "webpki", *args), "EKU")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_certverify.py CERTVERIFY")
    CV = sys.argv.pop(1)
    unittest.main(verbosity=1)
