#!/usr/bin/python3
"""certissue csr / cert / crl, end to end (issue 14: Commands, Refusals, Tests).

    test_cmds.py CERTISSUE CERTDUMP [unittest args]

Every object certissue makes is read by three parties that do not share
code with it: the core (certdump --json prints every field it decodes),
pyca/cryptography 38 and the openssl CLI; each must load it, verify its
signature and report the values that were asked for. Every refusal of
the issue is run with the offending input, must exit 1 with a message
naming the problem and create no file, and is then run again without the
offence, which must succeed (so a refusal cannot pass by failing for some
other reason). Keys come from `openssl genpkey`, one per type per run.
"""
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtensionOID, NameOID

CERTISSUE = CERTDUMP = None
TMP = None
KEYS = {}          # type -> private key path
PUBS = {}          # type -> public key path

# openssl genpkey arguments per key type.
KEY_TYPES = {
    "rsa2048": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    "rsa3072": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"],
    "rsa4096": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096"],
    "ec-p256": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    "ec-p384": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    "ec-p521": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"],
    "ed25519": ["-algorithm", "ED25519"],
    "ed448": ["-algorithm", "ED448"],
    "rsa1024": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
}
SIG_HASHES = ["sha256", "sha384", "sha512"]
PYCA_HASH = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512,
             "sha1": hashes.SHA1, "md5": hashes.MD5}
# The hash certissue uses when none is given (sign.h).
DEFAULT_HASH = {"ec-p384": "sha384", "ec-p521": "sha512"}


def setUpModule():
    global TMP
    TMP = tempfile.mkdtemp(prefix="certissue-cmd-")
    for name, args in KEY_TYPES.items():
        KEYS[name] = os.path.join(TMP, name + ".key")
        PUBS[name] = os.path.join(TMP, name + ".pub")
        subprocess.run(["openssl", "genpkey", *args, "-out", KEYS[name]], check=True,
                       capture_output=True)
        subprocess.run(["openssl", "pkey", "-in", KEYS[name], "-pubout", "-out", PUBS[name]],
                       check=True, capture_output=True)
    # An encrypted key (PKCS#8, PBES2 AES-256) and its passphrase.
    KEYS["enc"] = os.path.join(TMP, "enc.key")
    with open(os.path.join(TMP, "pass"), "w") as f:
        f.write("correct horse\n")
    with open(os.path.join(TMP, "wrongpass"), "w") as f:
        f.write("battery staple\n")
    subprocess.run(["openssl", "pkcs8", "-topk8", "-in", KEYS["ec-p256"], "-out", KEYS["enc"],
                    "-v2", "aes-256-cbc", "-passout", "pass:correct horse"], check=True,
                   capture_output=True)


def tearDownModule():
    shutil.rmtree(TMP, ignore_errors=True)


_n = [0]


def fresh(ext="pem"):
    """A path that does not exist yet."""
    _n[0] += 1
    return os.path.join(TMP, "out%d.%s" % (_n[0], ext))


def certissue(*args, input=None, env=None):
    e = dict(os.environ)
    e.pop("CERTISSUE_PASSPHRASE", None)
    if env:
        e.update(env)
    p = subprocess.run([CERTISSUE, *args], capture_output=True, input=input, env=e,
                       stdin=None if input is not None else subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr.decode(errors="replace")


def dump(path, kind):
    p = subprocess.run([CERTDUMP, "--json", "--type", kind, path], capture_output=True,
                       check=True)
    objs = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
    assert len(objs) == 1, objs
    assert objs[0]["error"] is None, objs[0]
    return objs[0]


def ossl(*args):
    p = subprocess.run(["openssl", *args], capture_output=True)
    return p.returncode, p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def der_of(path):
    data = read(path)
    if data.startswith(b"-----BEGIN"):
        import base64
        body = b"".join(l for l in data.splitlines() if not l.startswith(b"-----"))
        return base64.b64decode(body)
    return data


def load(path, kind):
    data = read(path)
    pem = data.startswith(b"-----BEGIN")
    fn = {"certificate": (x509.load_pem_x509_certificate, x509.load_der_x509_certificate),
          "csr": (x509.load_pem_x509_csr, x509.load_der_x509_csr),
          "crl": (x509.load_pem_x509_crl, x509.load_der_x509_crl)}[kind]
    return fn[0 if pem else 1](data)


def pyca_verify(pub, sig, data, hash_name, pss):
    """pyca verifies a signature (raises if it does not)."""
    if isinstance(pub, rsa.RSAPublicKey):
        h = PYCA_HASH[hash_name]()
        pad = (padding.PSS(mgf=padding.MGF1(PYCA_HASH[hash_name]()),
                           salt_length=h.digest_size) if pss else padding.PKCS1v15())
        pub.verify(sig, data, pad, h)
    elif isinstance(pub, ec.EllipticCurvePublicKey):
        pub.verify(sig, data, ec.ECDSA(PYCA_HASH[hash_name]()))
    else:
        pub.verify(sig, data)


def ext_by_oid(d, oid):
    for e in d.get("extensions") or []:
        if e["oid"] == oid:
            return e
    return None


def ts(s):
    return datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")


class Base(unittest.TestCase):
    def ok(self, *args, **kw):
        rc, out, err = certissue(*args, **kw)
        self.assertEqual(rc, 0, "certissue %s: %s" % (" ".join(args), err))
        return out, err

    def ca(self, keytype="ec-p256", extra=()):
        """A self-signed CA certificate with the key of that type."""
        out = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS[keytype], "--subject",
                "CN=Test CA %s,O=certfs" % keytype, "--profile", "ca", *extra, "--out", out)
        return out

    def csr(self, keytype="ec-p256", subject="CN=leaf.example,O=certfs", extra=()):
        out = fresh()
        self.ok("csr", "--key", KEYS[keytype], "--subject", subject, *extra, "--out", out)
        return out

    def refuse(self, args, pattern, fix=None, out_index=None):
        """certissue ARGS must exit 1 with `pattern` (a regex) in its message
        and create no --out file; ARGS with fix applied (a function of the
        argument list) must then succeed."""
        args = list(args)
        out = args[args.index("--out") + 1]
        existed = os.path.exists(out)
        before = read(out) if existed else None
        rc, stdout, err = certissue(*args)
        self.assertEqual(rc, 1, "%s: exit %d: %s" % (args, rc, err))
        self.assertRegex(err, pattern, args)
        self.assertEqual(err.count("\n"), 1, "one line of message: %r" % err)
        if existed:
            self.assertEqual(read(out), before, "the existing file changed")
        else:
            self.assertFalse(os.path.exists(out), "%s was created" % out)
        self.assertEqual(stdout, b"")
        if fix:
            fixed = fix(list(args))
            rc, stdout, err = certissue(*fixed)
            self.assertEqual(rc, 0, "fixed %s: %s" % (fixed, err))


def drop(*names):
    """A fix that removes options (and the argument after a named one)."""
    def f(args):
        for n in names:
            i = args.index(n)
            takes = i + 1 < len(args) and not args[i + 1].startswith("--")
            del args[i:i + 2 if takes else i + 1]
        return args
    return f


def replace(old, new):
    def f(args):
        return [new if a == old else a for a in args]
    return f


def add(*more):
    def f(args):
        return args + list(more)
    return f


class Matrix(Base):
    """Every key type x every hash it supports x certificate, CSR and CRL."""

    def combos(self):
        for kt in ["rsa2048", "rsa3072", "rsa4096"]:
            for h in SIG_HASHES:
                yield kt, h, False
                yield kt, h, True
        for kt in ["ec-p256", "ec-p384", "ec-p521"]:
            for h in SIG_HASHES:
                yield kt, h, False
        yield "ed25519", None, False
        yield "ed448", None, False

    def check_sigalg(self, d, kt, h, pss):
        if kt.startswith("rsa"):
            want = "1.2.840.113549.1.1.10" if pss else {
                "sha256": "1.2.840.113549.1.1.11", "sha384": "1.2.840.113549.1.1.12",
                "sha512": "1.2.840.113549.1.1.13"}[h]
        elif kt.startswith("ec"):
            want = {"sha256": "1.2.840.10045.4.3.2", "sha384": "1.2.840.10045.4.3.3",
                    "sha512": "1.2.840.10045.4.3.4"}[h]
        else:
            want = {"ed25519": "1.3.101.112", "ed448": "1.3.101.113"}[kt]
        self.assertEqual(d["signature_algorithm_oid"], want)
        self.assertEqual(d["signature_hash_algorithm"], h)

    def test_matrix(self):
        for kt, h, pss in self.combos():
            with self.subTest(key=kt, hash=h, pss=pss):
                sig = (["--hash", h] if h else []) + (["--rsa-pss"] if pss else [])
                ca = fresh()
                self.ok("cert", "--self-signed", "--key", KEYS[kt], "--subject",
                        "CN=CA %s %s,O=certfs" % (kt, h), "--profile", "ca", *sig, "--out", ca)
                req = fresh()
                self.ok("csr", "--key", KEYS[kt], "--subject", "CN=req %s" % kt,
                        "--san", "dns:req.example", *sig, "--out", req)
                leaf = fresh()
                self.ok("cert", "--ca-cert", ca, "--ca-key", KEYS[kt], "--csr", req,
                        "--days", "30", *sig, "--out", leaf)
                crl = fresh()
                self.ok("crl", "--ca-cert", ca, "--ca-key", KEYS[kt], "--revoke", "12345",
                        *sig, "--out", crl)

                # The core.
                for path, kind in [(ca, "certificate"), (req, "csr"), (leaf, "certificate"),
                                   (crl, "crl")]:
                    self.check_sigalg(dump(path, kind), kt, h, pss)
                # pyca: loads and verifies every signature. pyca 38 knows no
                # RSASSA-PSS signature OID and checks no EdDSA CRL, so each
                # signature is checked on its TBS bytes with the key.
                c_ca, c_req, c_leaf, c_crl = (load(ca, "certificate"), load(req, "csr"),
                                              load(leaf, "certificate"), load(crl, "crl"))
                pub = c_ca.public_key()
                if not pss:
                    for o in (c_ca, c_req, c_leaf, c_crl):
                        got = o.signature_hash_algorithm
                        self.assertEqual(got.name if got else None, h)
                    self.assertTrue(c_req.is_signature_valid)
                pyca_verify(pub, c_ca.signature, c_ca.tbs_certificate_bytes, h, pss)
                pyca_verify(pub, c_leaf.signature, c_leaf.tbs_certificate_bytes, h, pss)
                pyca_verify(c_req.public_key(), c_req.signature, c_req.tbs_certrequest_bytes, h,
                            pss)
                pyca_verify(pub, c_crl.signature, c_crl.tbs_certlist_bytes, h, pss)
                # A flipped TBS bit fails: the checks above can fail. (A flip,
                # not a byte set to 0: the TBS ends with the CA's key id.)
                tbs = c_leaf.tbs_certificate_bytes
                with self.assertRaises(Exception):
                    pyca_verify(pub, c_leaf.signature, tbs[:-1] + bytes([tbs[-1] ^ 1]), h, pss)
                self.assertEqual(c_leaf.public_key().public_bytes(
                    serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo),
                    c_req.public_key().public_bytes(
                    serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo))
                # openssl.
                rc, text = ossl("verify", "-CAfile", ca, leaf)
                self.assertEqual(rc, 0, text)
                rc, text = ossl("verify", "-CAfile", ca, ca)
                self.assertEqual(rc, 0, text)
                rc, text = ossl("req", "-verify", "-noout", "-in", req)
                self.assertEqual(rc, 0, text)
                self.assertIn("verify OK", text)
                rc, text = ossl("crl", "-verify", "-noout", "-CAfile", ca, "-in", crl)
                self.assertEqual(rc, 0, text)
                self.assertIn("verify OK", text)

    def test_default_hash(self):
        """No --hash: SHA-256, SHA-384 for P-384, SHA-512 for P-521 (sign.h)."""
        for kt in ["rsa2048", "ec-p256", "ec-p384", "ec-p521"]:
            with self.subTest(key=kt):
                out = self.csr(kt)
                self.assertEqual(dump(out, "csr")["signature_hash_algorithm"],
                                 DEFAULT_HASH.get(kt, "sha256"))


class CertFields(Base):
    def test_fields_round_trip(self):
        out = fresh()
        subject = "CN=mysite.com,O=My Company,L=San Francisco,ST=CA,C=US"
        _, err = self.ok("cert", "--self-signed", "--key", KEYS["rsa2048"], "--subject", subject,
                         "--serial", "0x0123456789abcdef", "--not-before",
                         "2026-01-02T03:04:05Z", "--not-after", "2027-02-03T04:05:06Z",
                         "--out", out)
        d = dump(out, "certificate")
        self.assertEqual(d["version"], "v3")
        self.assertEqual(d["serial_number"], str(0x0123456789abcdef))
        self.assertEqual(d["subject"], subject)
        self.assertEqual(d["issuer"], subject)
        self.assertEqual(d["not_valid_before"], "2026-01-02T03:04:05Z")
        self.assertEqual(d["not_valid_after"], "2027-02-03T04:05:06Z")
        # PrintableString for C, UTF8String otherwise (pyca's choice).
        tags = {a["oid"]: a["tag"] for a in d["subject_attributes"]}
        self.assertEqual(tags["2.5.4.6"], 19)
        self.assertEqual(tags["2.5.4.3"], 12)
        c = load(out, "certificate")
        self.assertEqual(c.subject.rfc4514_string(), subject)
        self.assertEqual(c.serial_number, 0x0123456789abcdef)
        self.assertEqual(c.not_valid_before, datetime.datetime(2026, 1, 2, 3, 4, 5))
        self.assertEqual(c.not_valid_after, datetime.datetime(2027, 2, 3, 4, 5, 6))
        self.assertEqual(c.version, x509.Version.v3)
        rc, text = ossl("x509", "-in", out, "-noout", "-serial", "-subject", "-dates",
                        "-nameopt", "RFC2253")
        self.assertEqual(rc, 0, text)
        self.assertIn("serial=0123456789ABCDEF", text)
        self.assertIn("subject=" + subject, text)
        self.assertIn("notBefore=Jan  2 03:04:05 2026 GMT", text)
        self.assertIn("notAfter=Feb  3 04:05:06 2027 GMT", text)
        # The line on stderr: subject, serial, validity, SHA-256 of the DER.
        self.assertEqual(err.count("\n"), 1, err)
        self.assertIn(subject, err)
        self.assertIn(str(0x0123456789abcdef), err)
        self.assertIn("2026-01-02T03:04:05Z", err)
        self.assertIn("2027-02-03T04:05:06Z", err)
        self.assertIn(hashlib.sha256(der_of(out)).hexdigest(), err)

    def test_generalized_time_from_2050(self):
        out = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=t",
                "--not-before", "2049-12-31T23:59:59Z", "--not-after", "2050-01-01T00:00:00Z",
                "--out", out)
        der = der_of(out)
        self.assertIn(b"\x17\x0d491231235959Z", der)      # UTCTime
        self.assertIn(b"\x18\x0f20500101000000Z", der)    # GeneralizedTime
        c = load(out, "certificate")
        self.assertEqual(c.not_valid_after, datetime.datetime(2050, 1, 1))

    def test_defaults(self):
        """Default validity: now to now + 365 days; default serial random,
        positive, 159 bits at most, different each time."""
        serials = []
        for _ in range(6):
            out = fresh()
            t0 = datetime.datetime.utcnow().replace(microsecond=0)
            self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=d",
                    "--out", out)
            t1 = datetime.datetime.utcnow()
            c = load(out, "certificate")
            self.assertTrue(t0 <= c.not_valid_before <= t1)
            self.assertEqual(c.not_valid_after - c.not_valid_before, datetime.timedelta(365))
            serials.append(c.serial_number)
        self.assertEqual(len(set(serials)), len(serials))
        for s in serials:
            self.assertGreater(s, 0)
            self.assertLessEqual(s.bit_length(), 159)
        # 6 draws of 159 bits: the largest is below 2^150 with chance 2^-54.
        self.assertGreater(max(s.bit_length() for s in serials), 150)

    def test_days_and_relative_times(self):
        out = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=d",
                "--not-before", "2030-06-01T00:00:00Z", "--days", "10", "--out", out)
        c = load(out, "certificate")
        self.assertEqual(c.not_valid_after, datetime.datetime(2030, 6, 11))
        out = fresh()
        t0 = datetime.datetime.utcnow().replace(microsecond=0)
        self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=d",
                "--not-before", "-1h", "--not-after", "+30d", "--out", out)
        c = load(out, "certificate")
        self.assertLess(abs((c.not_valid_before - (t0 - datetime.timedelta(hours=1)))
                            .total_seconds()), 5)
        self.assertLess(abs((c.not_valid_after - (t0 + datetime.timedelta(30)))
                            .total_seconds()), 5)

    def test_der_and_stdout(self):
        out = fresh("der")
        self.ok("cert", "--self-signed", "--key", KEYS["ed25519"], "--subject", "CN=der",
                "--der", "--out", out)
        self.assertEqual(read(out)[0], 0x30)
        self.assertEqual(load(out, "certificate").subject.rfc4514_string(), "CN=der")
        stdout, err = self.ok("cert", "--self-signed", "--key", KEYS["ed25519"], "--subject",
                              "CN=stdout", "--out", "-")
        self.assertTrue(stdout.startswith(b"-----BEGIN CERTIFICATE-----\n"))
        c = x509.load_pem_x509_certificate(stdout)
        self.assertEqual(c.subject.rfc4514_string(), "CN=stdout")
        self.assertIn("standard output", err)
        stdout, _ = self.ok("csr", "--key", KEYS["ed25519"], "--subject", "CN=s", "--der",
                            "--out", "-")
        self.assertEqual(x509.load_der_x509_csr(stdout).subject.rfc4514_string(), "CN=s")

    def test_csr_line(self):
        out = fresh()
        _, err = self.ok("csr", "--key", KEYS["ec-p384"], "--subject", "CN=line,O=certfs",
                         "--out", out)
        self.assertEqual(err.count("\n"), 1, err)
        self.assertIn("CSR for CN=line,O=certfs", err)
        self.assertIn(hashlib.sha256(der_of(out)).hexdigest(), err)
        self.assertIn(out, err)

    def test_pem_labels(self):
        ca = self.ca()
        req = self.csr()
        crl = fresh()
        self.ok("crl", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--out", crl)
        self.assertTrue(read(ca).startswith(b"-----BEGIN CERTIFICATE-----\n"))
        self.assertTrue(read(req).startswith(
            b"-----BEGIN CERTIFICATE REQUEST-----\n"))
        self.assertTrue(read(crl).startswith(b"-----BEGIN X509 CRL-----\n"))

    def test_file_mode(self):
        old = os.umask(0o022)
        try:
            out = self.ca()
        finally:
            os.umask(old)
        self.assertEqual(os.stat(out).st_mode & 0o777, 0o644)

    def test_force(self):
        out = self.ca()
        before = read(out)
        self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=again",
                "--force", "--out", out)
        self.assertNotEqual(read(out), before)
        self.assertEqual(load(out, "certificate").subject.rfc4514_string(), "CN=again")


class Issuing(Base):
    def test_ca_issued_from_csr(self):
        ca = self.ca("rsa2048")
        req = self.csr("ec-p384", "CN=leaf.example,O=Leaf Org,C=DE")
        out = fresh()
        self.ok("cert", "--ca-cert", ca, "--ca-key", KEYS["rsa2048"], "--csr", req,
                "--days", "20", "--out", out)
        c, cca = load(out, "certificate"), load(ca, "certificate")
        self.assertEqual(c.subject.rfc4514_string(), "CN=leaf.example,O=Leaf Org,C=DE")
        self.assertEqual(c.issuer, cca.subject)
        self.assertEqual(dump(out, "certificate")["issuer"], dump(ca, "certificate")["subject"])
        # The issuer Name is the CA's subject, byte for byte.
        self.assertIn(cca.subject.public_bytes(), der_of(out))
        # SKI by default (from_public_key), AKI from the CA's SKI.
        ski = c.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        self.assertEqual(ski, x509.SubjectKeyIdentifier.from_public_key(c.public_key()))
        aki = c.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
        ca_ski = cca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        self.assertEqual(aki.key_identifier, ca_ski.digest)
        self.assertIsNone(aki.authority_cert_issuer)
        rc, text = ossl("verify", "-CAfile", ca, out)
        self.assertEqual(rc, 0, text)

    def test_aki_without_ca_ski(self):
        """A CA certificate without an SKI: the AKI is computed from its key
        (pyca's from_issuer_public_key), in certificates and CRLs."""
        ca = self.ca("ed25519", ["--no-ski"])
        cca = load(ca, "certificate")
        with self.assertRaises(x509.ExtensionNotFound):
            cca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        want = x509.AuthorityKeyIdentifier.from_issuer_public_key(cca.public_key())
        out = fresh()
        self.ok("cert", "--ca-cert", ca, "--ca-key", KEYS["ed25519"], "--public-key",
                PUBS["ec-p256"], "--subject", "CN=x", "--out", out)
        self.assertEqual(load(out, "certificate").extensions.get_extension_for_class(
            x509.AuthorityKeyIdentifier).value, want)
        crl = fresh()
        self.ok("crl", "--ca-cert", ca, "--ca-key", KEYS["ed25519"], "--out", crl)
        self.assertEqual(load(crl, "crl").extensions.get_extension_for_class(
            x509.AuthorityKeyIdentifier).value, want)

    def test_public_key_and_subject_override(self):
        ca = self.ca()
        out = fresh()
        self.ok("cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--public-key",
                PUBS["ed448"], "--subject", "CN=from a public key", "--out", out)
        c = load(out, "certificate")
        self.assertEqual(c.subject.rfc4514_string(), "CN=from a public key")
        self.assertEqual(c.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo),
            read(PUBS["ed448"]))
        # --subject overrides the CSR's; a DER public key is read too.
        req = self.csr("rsa2048", "CN=asked")
        pub_der = fresh("der")
        subprocess.run(["openssl", "pkey", "-pubin", "-in", PUBS["rsa2048"], "-outform", "DER",
                        "-out", pub_der], check=True)
        out = fresh()
        self.ok("cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--csr", req,
                "--public-key", pub_der, "--subject", "CN=given", "--out", out)
        self.assertEqual(load(out, "certificate").subject.rfc4514_string(), "CN=given")

    def test_self_signed_from_csr(self):
        req = self.csr("ec-p256", "CN=self from csr")
        out = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--csr", req, "--out", out)
        c = load(out, "certificate")
        self.assertEqual(c.subject.rfc4514_string(), "CN=self from csr")
        self.assertEqual(c.issuer, c.subject)
        # A self-signed certificate gets no AKI unless asked.
        self.assertEqual(c.extensions.get_extension_for_class(
            x509.SubjectKeyIdentifier).value,
            x509.SubjectKeyIdentifier.from_public_key(c.public_key()))
        with self.assertRaises(x509.ExtensionNotFound):
            c.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier)

    def test_copy_extensions(self):
        ca = self.ca()
        req = self.csr("ec-p256", "CN=copy", ["--san", "dns:a.example", "--san",
                                              "ip:192.0.2.7", "--key-usage",
                                              "digital_signature"])
        out = fresh()
        self.ok("cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--csr", req,
                "--copy-extensions", "--out", out)
        c = load(out, "certificate")
        san = c.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        self.assertEqual(san.get_values_for_type(x509.DNSName), ["a.example"])
        self.assertEqual([str(i) for i in san.get_values_for_type(x509.IPAddress)],
                         ["192.0.2.7"])
        self.assertTrue(c.extensions.get_extension_for_class(x509.KeyUsage).value
                        .digital_signature)
        # Without --copy-extensions, the request's extensions are not taken.
        out = fresh()
        self.ok("cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--csr", req,
                "--out", out)
        with self.assertRaises(x509.ExtensionNotFound):
            load(out, "certificate").extensions.get_extension_for_class(
                x509.SubjectAlternativeName)
        # An explicit option wins over the copied extension.
        out = fresh()
        self.ok("cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--csr", req,
                "--copy-extensions", "--san", "dns:b.example", "--out", out)
        san = load(out, "certificate").extensions.get_extension_for_class(
            x509.SubjectAlternativeName).value
        self.assertEqual(san.get_values_for_type(x509.DNSName), ["b.example"])

    def test_profiles(self):
        ca = self.ca()
        want = {
            "server": x509.oid.ExtendedKeyUsageOID.SERVER_AUTH,
            "client": x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH,
            "code-signing": x509.oid.ExtendedKeyUsageOID.CODE_SIGNING,
            "email": x509.oid.ExtendedKeyUsageOID.EMAIL_PROTECTION,
        }
        for prof in ["server", "client", "code-signing", "email", "ca", "intermediate"]:
            with self.subTest(profile=prof):
                out = fresh()
                self.ok("cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--public-key",
                        PUBS["ec-p256"], "--subject", "CN=" + prof, "--profile", prof,
                        "--out", out)
                ex = load(out, "certificate").extensions
                bc = ex.get_extension_for_class(x509.BasicConstraints)
                ku = ex.get_extension_for_class(x509.KeyUsage).value
                if prof in ("ca", "intermediate"):
                    self.assertTrue(bc.value.ca)
                    self.assertTrue(bc.critical)
                    self.assertTrue(ku.key_cert_sign and ku.crl_sign)
                else:
                    self.assertFalse(bc.value.ca)
                    self.assertIn(want[prof], ex.get_extension_for_class(
                        x509.ExtendedKeyUsage).value)
        # Explicit options override the profile's defaults.
        out = fresh()
        self.ok("cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--public-key",
                PUBS["ec-p256"], "--subject", "CN=o", "--profile", "server", "--eku",
                "clientAuth", "--out", out)
        eku = load(out, "certificate").extensions.get_extension_for_class(
            x509.ExtendedKeyUsage).value
        self.assertEqual(list(eku), [x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH])

    def test_chain_of_three(self):
        root = self.ca("ec-p384")
        inter = fresh()
        self.ok("cert", "--ca-cert", root, "--ca-key", KEYS["ec-p384"], "--public-key",
                PUBS["rsa3072"], "--subject", "CN=Intermediate,O=certfs", "--profile",
                "intermediate", "--days", "100", "--out", inter)
        leaf = fresh()
        self.ok("cert", "--ca-cert", inter, "--ca-key", KEYS["rsa3072"], "--public-key",
                PUBS["ed25519"], "--subject", "CN=leaf", "--profile", "server", "--san",
                "dns:leaf.example", "--days", "10", "--out", leaf)
        rc, text = ossl("verify", "-CAfile", root, "-untrusted", inter, leaf)
        self.assertEqual(rc, 0, text)


class Extensions(Base):
    """Each extension option through `cert` (and `csr`): the core, pyca
    and openssl see what was asked."""

    def issue(self, *opts, kind="cert"):
        out = fresh()
        if kind == "cert":
            self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=ext",
                    *opts, "--out", out)
            return out, load(out, "certificate"), dump(out, "certificate")
        self.ok("csr", "--key", KEYS["ec-p256"], "--subject", "CN=ext", *opts, "--out", out)
        return out, load(out, "csr"), dump(out, "csr")

    def test_san_every_type(self):
        for kind in ("cert", "csr"):
            with self.subTest(kind=kind):
                out, o, d = self.issue(
                    "--san", "dns:www.example.com", "--san", "email:a@example.com",
                    "--san", "uri:https://example.com/x", "--san", "ip:192.0.2.1",
                    "--san", "ip:2001:db8::1", "--san", "dirname:CN=Dir,O=Org",
                    "--san", "rid:1.2.3.4", "--san",
                    "othername:1.3.6.1.4.1.311.20.2.3;utf8:user@example.com", kind=kind)
                san = o.extensions.get_extension_for_class(x509.SubjectAlternativeName)
                self.assertFalse(san.critical)
                v = san.value
                self.assertEqual(v.get_values_for_type(x509.DNSName), ["www.example.com"])
                self.assertEqual(v.get_values_for_type(x509.RFC822Name), ["a@example.com"])
                self.assertEqual(v.get_values_for_type(x509.UniformResourceIdentifier),
                                 ["https://example.com/x"])
                self.assertEqual([str(i) for i in v.get_values_for_type(x509.IPAddress)],
                                 ["192.0.2.1", "2001:db8::1"])
                self.assertEqual([n.rfc4514_string() for n in
                                  v.get_values_for_type(x509.DirectoryName)], ["CN=Dir,O=Org"])
                self.assertEqual([r.dotted_string for r in
                                  v.get_values_for_type(x509.RegisteredID)], ["1.2.3.4"])
                on = v.get_values_for_type(x509.OtherName)
                self.assertEqual(on[0].type_id.dotted_string, "1.3.6.1.4.1.311.20.2.3")
                self.assertEqual(on[0].value, b"\x0c\x10user@example.com")
                core = ext_by_oid(d, "2.5.29.17")["decoded"]
                self.assertEqual([g["type"] for g in core],
                                 ["dns_name", "rfc822_name", "uniform_resource_identifier",
                                  "ip_address", "ip_address", "directory_name",
                                  "registered_id", "other_name"])
                if kind == "cert":
                    rc, text = ossl("x509", "-in", out, "-noout", "-ext", "subjectAltName")
                else:
                    rc, text = ossl("req", "-in", out, "-noout", "-text")
                self.assertEqual(rc, 0, text)
                for s in ["DNS:www.example.com", "email:a@example.com",
                          "URI:https://example.com/x", "IP Address:192.0.2.1",
                          "IP Address:2001:DB8:0:0:0:0:0:1", "Registered ID:1.2.3.4"]:
                    self.assertIn(s, text)

    def test_basic_constraints_key_usage_eku(self):
        out, c, d = self.issue("--basic-constraints", "ca=true,pathlen=2", "--key-usage",
                             "key_cert_sign,crl_sign,digital_signature", "--eku",
                             "serverAuth,clientAuth,1.2.3.4.5")
        bc = c.extensions.get_extension_for_class(x509.BasicConstraints)
        self.assertTrue(bc.critical)
        self.assertEqual((bc.value.ca, bc.value.path_length), (True, 2))
        ku = c.extensions.get_extension_for_class(x509.KeyUsage)
        self.assertTrue(ku.critical)
        self.assertEqual((ku.value.key_cert_sign, ku.value.crl_sign,
                          ku.value.digital_signature, ku.value.key_encipherment),
                         (True, True, True, False))
        eku = c.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        self.assertEqual([o.dotted_string for o in eku],
                         ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2", "1.2.3.4.5"])
        self.assertEqual(ext_by_oid(d, "2.5.29.19")["decoded"], {"ca": True, "path_length": 2})
        rc, text = ossl("x509", "-in", out, "-noout", "-text")
        self.assertEqual(rc, 0, text)
        for want in ["X509v3 Basic Constraints: critical", "CA:TRUE, pathlen:2",
                     "X509v3 Key Usage: critical",
                     "Digital Signature, Certificate Sign, CRL Sign",
                     "TLS Web Server Authentication, TLS Web Client Authentication, 1.2.3.4.5"]:
            self.assertIn(want, text)

    def test_ski_aki_switches(self):
        _, c, _ = self.issue("--no-ski")
        with self.assertRaises(x509.ExtensionNotFound):
            c.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        _, c, _ = self.issue("--aki")
        aki = c.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
        self.assertEqual(aki, x509.AuthorityKeyIdentifier.from_issuer_public_key(
            c.public_key()))
        ca = self.ca()
        out = fresh()
        self.ok("cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--public-key",
                PUBS["rsa2048"], "--subject", "CN=noaki", "--no-aki", "--out", out)
        with self.assertRaises(x509.ExtensionNotFound):
            load(out, "certificate").extensions.get_extension_for_class(
                x509.AuthorityKeyIdentifier)

    def test_distribution_points_access_policies(self):
        _, c, _ = self.issue(
            "--crl-distribution-point", "http://crl.example/ca.crl",
            "--freshest-crl", "http://crl.example/delta.crl",
            "--aia", "ocsp:http://ocsp.example", "--aia", "ca-issuers:http://ca.example/ca.der",
            "--policy", "2.23.140.1.2.1",
            "--policy", "1.3.6.1.4.1.99999.1,cps=https://cps.example,notice=Hello",
            "--ian", "dns:issuer.example", "--ocsp-no-check",
            "--sia", "ca-repository:http://repo.example/",
            "--tls-feature", "status_request", "--inhibit-any-policy", "3")
        ex = c.extensions
        dp = ex.get_extension_for_class(x509.CRLDistributionPoints).value
        self.assertEqual(dp[0].full_name[0].value, "http://crl.example/ca.crl")
        fc = ex.get_extension_for_class(x509.FreshestCRL).value
        self.assertEqual(fc[0].full_name[0].value, "http://crl.example/delta.crl")
        aia = ex.get_extension_for_class(x509.AuthorityInformationAccess).value
        self.assertEqual([(a.access_method._name, a.access_location.value) for a in aia],
                         [("OCSP", "http://ocsp.example"),
                          ("caIssuers", "http://ca.example/ca.der")])
        pol = ex.get_extension_for_class(x509.CertificatePolicies).value
        self.assertEqual(pol[0].policy_identifier.dotted_string, "2.23.140.1.2.1")
        self.assertEqual(pol[1].policy_identifier.dotted_string, "1.3.6.1.4.1.99999.1")
        self.assertEqual(pol[1].policy_qualifiers[0], "https://cps.example")
        self.assertEqual(pol[1].policy_qualifiers[1].explicit_text, "Hello")
        self.assertEqual(ex.get_extension_for_class(x509.IssuerAlternativeName).value
                         .get_values_for_type(x509.DNSName), ["issuer.example"])
        ex.get_extension_for_class(x509.OCSPNoCheck)
        self.assertEqual(list(ex.get_extension_for_class(x509.TLSFeature).value),
                         [x509.TLSFeatureType.status_request])
        sia = ex.get_extension_for_class(x509.SubjectInformationAccess).value
        self.assertEqual([(a.access_method.dotted_string, a.access_location.value)
                          for a in sia], [("1.3.6.1.5.5.7.48.5", "http://repo.example/")])
        iap = ex.get_extension_for_class(x509.InhibitAnyPolicy)
        self.assertEqual(iap.value.skip_certs, 3)
        self.assertTrue(iap.critical)

    def test_name_constraints_and_policy_extras(self):
        _, c, _ = self.issue("--basic-constraints", "ca=true", "--name-constraints",
                             "permitted:dns:example.com", "--name-constraints",
                             "permitted:ip:192.0.2.0/24", "--name-constraints",
                             "excluded:dns:bad.example.com",
                             "--policy-constraints", "require-explicit=1",
                             "--policy-mappings", "1.2.3.4:1.2.3.5")
        nc = c.extensions.get_extension_for_class(x509.NameConstraints)
        self.assertTrue(nc.critical)
        self.assertEqual([str(g.value) for g in nc.value.permitted_subtrees],
                         ["example.com", "192.0.2.0/24"])
        self.assertEqual([g.value for g in nc.value.excluded_subtrees], ["bad.example.com"])
        pc = c.extensions.get_extension_for_class(x509.PolicyConstraints).value
        self.assertEqual(pc.require_explicit_policy, 1)
        c.extensions.get_extension_for_oid(ExtensionOID.POLICY_MAPPINGS)

    def test_raw_ext_critical_and_poison(self):
        _, c, d = self.issue("--ext", "1.2.3.4.5.6,critical,0403010203", "--precert-poison",
                             "--critical", "san", "--san", "dns:x.example")
        e = c.extensions.get_extension_for_oid(x509.ObjectIdentifier("1.2.3.4.5.6"))
        self.assertTrue(e.critical)
        self.assertEqual(e.value.value, bytes.fromhex("0403010203"))
        self.assertTrue(c.extensions.get_extension_for_class(x509.PrecertPoison).critical)
        self.assertTrue(c.extensions.get_extension_for_class(
            x509.SubjectAlternativeName).critical)
        self.assertEqual(ext_by_oid(d, "1.2.3.4.5.6")["value"], "0403010203")

    def test_empty_subject_makes_san_critical(self):
        out = fresh()
        self.ok("csr", "--key", KEYS["ec-p256"], "--subject", "", "--san", "dns:only.example",
                "--out", out)
        r = load(out, "csr")
        self.assertEqual(len(r.subject), 0)
        self.assertTrue(r.extensions.get_extension_for_class(
            x509.SubjectAlternativeName).critical)

    def test_csr_ski_on_request(self):
        """A CSR gets an SKI only when asked (ext.h)."""
        _, r, _ = self.issue("--ski", kind="csr")
        self.assertEqual(r.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value,
                         x509.SubjectKeyIdentifier.from_public_key(r.public_key()))
        _, r, _ = self.issue("--san", "dns:x.example", kind="csr")
        with self.assertRaises(x509.ExtensionNotFound):
            r.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)

    def test_csr_attributes(self):
        """--attribute, as pyca's add_attribute: challengePassword,
        unstructuredName or any OID, UTF8String unless a type is asked for,
        beside the extensionRequest, the SET OF in DER order."""
        out = self.csr(extra=("--attribute", "challengePassword=s3cret",
                              "--attribute", "unstructuredName/printable=Box 1",
                              "--attribute", "1.2.3.4=h\u00e9llo",
                              "--san", "dns:x.example"))
        r = load(out, "csr")
        self.assertTrue(r.is_signature_valid)
        got = {a.oid.dotted_string: (a.value, a._type) for a in r.attributes}
        self.assertEqual(got["1.2.840.113549.1.9.7"], (b"s3cret", 12))
        self.assertEqual(got["1.2.840.113549.1.9.2"], (b"Box 1", 19))
        self.assertEqual(got["1.2.3.4"], ("h\u00e9llo".encode(), 12))
        self.assertIn("1.2.840.113549.1.9.14", got)
        self.assertEqual(r.extensions.get_extension_for_class(
            x509.SubjectAlternativeName).value.get_values_for_type(x509.DNSName),
            ["x.example"])
        _, text = ossl("req", "-in", out, "-noout", "-text")
        self.assertIn("challengePassword", text)
        self.assertIn(":s3cret", text)
        # The core reads them back (it refuses a SET OF out of order).
        self.assertIn("1.2.3.4", json.dumps(dump(out, "csr")))
        for bad, msg in (("challengePassword=a", "given twice"),
                         ("unstructuredName/printable=a@b", "cannot hold"),
                         ("1.2.840.113549.1.9.14=x", "extension options"),
                         ("notAnAttr=x", "neither"), ("=x", "NAME"),
                         ("challengePassword/nope=x", "unknown string type")):
            extra = ["--attribute", bad]
            if "twice" in msg:
                extra = ["--attribute", "challengepassword=b"] + extra
            self.refuse(["csr", "--key", KEYS["ec-p256"], "--subject", "CN=x", *extra,
                         "--out", fresh()], msg)

    def test_csr_without_extensions(self):
        out = self.csr()
        r = load(out, "csr")
        self.assertEqual(len(r.extensions), 0)
        # An empty [0] attributes field: a0 00 right after the key.
        self.assertIn(b"\xa0\x00\x30", der_of(out))
        self.assertTrue(r.is_signature_valid)


class Crl(Base):
    def test_entries_and_fields(self):
        ca = self.ca("rsa2048")
        out = fresh()
        _, err = self.ok(
            "crl", "--ca-cert", ca, "--ca-key", KEYS["rsa2048"],
            "--revoke", "1000",
            "--revoke", "0x0a0b,reason=key_compromise,date=2026-03-04T05:06:07Z",
            "--revoke", "77,reason=superseded,invalidity=2026-01-01T00:00:00Z,issuer=CN=Other CA",
            "--last-update", "2026-03-05T00:00:00Z", "--next-update", "2026-04-05T00:00:00Z",
            "--crl-number", "42", "--out", out)
        crl = load(out, "crl")
        self.assertEqual(crl.last_update, datetime.datetime(2026, 3, 5))
        self.assertEqual(crl.next_update, datetime.datetime(2026, 4, 5))
        self.assertEqual(crl.issuer, load(ca, "certificate").subject)
        self.assertEqual(len(crl), 3)
        r = crl.get_revoked_certificate_by_serial_number(0x0a0b)
        self.assertEqual(r.revocation_date, datetime.datetime(2026, 3, 4, 5, 6, 7))
        self.assertEqual(r.extensions.get_extension_for_class(x509.CRLReason).value.reason,
                         x509.ReasonFlags.key_compromise)
        r = crl.get_revoked_certificate_by_serial_number(77)
        self.assertEqual(r.extensions.get_extension_for_class(x509.InvalidityDate)
                         .value.invalidity_date, datetime.datetime(2026, 1, 1))
        self.assertEqual(r.extensions.get_extension_for_class(x509.CertificateIssuer)
                         .value.get_values_for_type(x509.DirectoryName)[0].rfc4514_string(),
                         "CN=Other CA")
        r = crl.get_revoked_certificate_by_serial_number(1000)
        self.assertEqual(len(r.extensions), 0)
        self.assertEqual(crl.extensions.get_extension_for_class(x509.CRLNumber)
                         .value.crl_number, 42)
        aki = crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
        ca_ski = load(ca, "certificate").extensions.get_extension_for_class(
            x509.SubjectKeyIdentifier).value
        self.assertEqual(aki.key_identifier, ca_ski.digest)
        d = dump(out, "crl")
        self.assertEqual(d["last_update"], "2026-03-05T00:00:00Z")
        self.assertEqual(d["next_update"], "2026-04-05T00:00:00Z")
        rc, text = ossl("crl", "-in", out, "-noout", "-text")
        self.assertEqual(rc, 0, text)
        self.assertIn("Serial Number: 0A0B", text)
        self.assertIn("Key Compromise", text)
        self.assertIn("X509v3 CRL Number: \n                42", text)
        self.assertIn("CRL of", err)
        self.assertIn("number 42", err)
        self.assertIn(hashlib.sha256(der_of(out)).hexdigest(), err)

    def test_defaults(self):
        """Default: thisUpdate now, nextUpdate + 7 days, cRLNumber the time,
        AKI, v2, no entries."""
        ca = self.ca()
        out = fresh()
        t0 = int(datetime.datetime.now(datetime.timezone.utc).timestamp())
        self.ok("crl", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--out", out)
        t1 = int(datetime.datetime.now(datetime.timezone.utc).timestamp())
        crl = load(out, "crl")
        self.assertEqual(len(crl), 0)
        self.assertEqual(crl.next_update - crl.last_update, datetime.timedelta(7))
        n = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
        self.assertTrue(t0 <= n <= t1, (t0, n, t1))
        crl.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier)
        self.assertEqual(dump(out, "crl")["version"], "v2")
        out = fresh()
        self.ok("crl", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--days", "30",
                "--out", out)
        crl = load(out, "crl")
        self.assertEqual(crl.next_update - crl.last_update, datetime.timedelta(30))

    def test_delta_and_idp(self):
        ca = self.ca()
        out = fresh()
        self.ok("crl", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--crl-number", "9",
                "--delta-crl-indicator", "8", "--issuing-distribution-point",
                "full=http://crl.example/ca.crl,only-user", "--out", out)
        ex = load(out, "crl").extensions
        self.assertEqual(ex.get_extension_for_class(x509.DeltaCRLIndicator).value.crl_number, 8)
        self.assertTrue(ex.get_extension_for_class(x509.DeltaCRLIndicator).critical)
        idp = ex.get_extension_for_class(x509.IssuingDistributionPoint)
        self.assertTrue(idp.critical)
        self.assertEqual(idp.value.full_name[0].value, "http://crl.example/ca.crl")
        self.assertTrue(idp.value.only_contains_user_certs)

    def test_crl_extension_options(self):
        ca = self.ca()
        out = fresh()
        self.ok("crl", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--no-aki", "--ian",
                "uri:http://ca.example/", "--aia", "ca-issuers:http://ca.example/ca.der",
                "--freshest-crl", "http://crl.example/delta.crl", "--ext",
                "1.2.3.4.5,noncritical,0500", "--out", out)
        ex = load(out, "crl").extensions
        with self.assertRaises(x509.ExtensionNotFound):
            ex.get_extension_for_class(x509.AuthorityKeyIdentifier)
        self.assertEqual(ex.get_extension_for_class(x509.IssuerAlternativeName).value
                         .get_values_for_type(x509.UniformResourceIdentifier),
                         ["http://ca.example/"])
        self.assertEqual(ex.get_extension_for_class(x509.AuthorityInformationAccess)
                         .value[0].access_location.value, "http://ca.example/ca.der")
        self.assertEqual(ex.get_extension_for_class(x509.FreshestCRL).value[0]
                         .full_name[0].value, "http://crl.example/delta.crl")
        self.assertEqual(ex.get_extension_for_oid(x509.ObjectIdentifier("1.2.3.4.5"))
                         .value.value, b"\x05\x00")
        ex.get_extension_for_class(x509.CRLNumber)

    def test_revocation_seen_by_openssl(self):
        ca = self.ca()
        leaf = fresh()
        self.ok("cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--public-key",
                PUBS["ed25519"], "--subject", "CN=revoked", "--days", "5", "--out", leaf)
        serial = load(leaf, "certificate").serial_number
        crl = fresh()
        self.ok("crl", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--revoke", str(serial),
                "--out", crl)
        rc, text = ossl("verify", "-crl_check", "-CAfile", ca, "-CRLfile", crl, leaf)
        self.assertNotEqual(rc, 0)
        self.assertIn("certificate revoked", text)


class Refusals(Base):
    """issue 14, Refusals: each with its message, exit 1, nothing written."""

    def test_output_exists(self):
        out = self.ca()
        crl = fresh()
        self.ok("crl", "--ca-cert", out, "--ca-key", KEYS["ec-p256"], "--out", crl)
        self.refuse(["crl", "--ca-cert", out, "--ca-key", KEYS["ec-p256"], "--out", crl],
                    r"exists", add("--force"))
        self.refuse(["cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=x",
                     "--out", out], r"exists", add("--force"))
        req = self.csr()
        self.refuse(["csr", "--key", KEYS["ec-p256"], "--subject", "CN=x", "--out", req],
                    r"exists", add("--force"))

    def test_subject_key_not_csr(self):
        req = self.csr("ec-p256")
        self.refuse(["cert", "--self-signed", "--key", KEYS["ec-p384"], "--csr", req,
                     "--out", fresh()], r"--key .* is not the key of --csr",
                    replace(KEYS["ec-p384"], KEYS["ec-p256"]))
        ca = self.ca()
        self.refuse(["cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--csr", req,
                     "--public-key", PUBS["rsa2048"], "--out", fresh()],
                    r"--public-key .* is not the key of --csr",
                    replace(PUBS["rsa2048"], PUBS["ec-p256"]))

    def test_ca_not_a_ca(self):
        leaf = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=not ca",
                "--out", leaf)
        self.refuse(["cert", "--ca-cert", leaf, "--ca-key", KEYS["ec-p256"], "--public-key",
                     PUBS["ed25519"], "--subject", "CN=x", "--out", fresh()],
                    r"not a CA certificate", replace(leaf, self.ca()))
        self.refuse(["crl", "--ca-cert", leaf, "--ca-key", KEYS["ec-p256"], "--out", fresh()],
                    r"not a CA certificate", replace(leaf, self.ca()))
        # basicConstraints ca=false explicitly (the server profile).
        srv = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=srv",
                "--profile", "server", "--out", srv)
        self.refuse(["cert", "--ca-cert", srv, "--ca-key", KEYS["ec-p256"], "--public-key",
                     PUBS["ed25519"], "--subject", "CN=x", "--out", fresh()],
                    r"not a CA certificate")

    def test_ca_without_key_cert_sign(self):
        ca = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=crl only",
                "--basic-constraints", "ca=true", "--key-usage", "crl_sign", "--out", ca)
        good = self.ca()
        self.refuse(["cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--public-key",
                     PUBS["ed25519"], "--subject", "CN=x", "--out", fresh()],
                    r"keyUsage does not allow keyCertSign", replace(ca, good))
        # ... which may still sign CRLs; a CA without cRLSign may not.
        self.ok("crl", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--out", fresh())
        ca2 = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=certs only",
                "--basic-constraints", "ca=true", "--key-usage", "key_cert_sign", "--out", ca2)
        self.refuse(["crl", "--ca-cert", ca2, "--ca-key", KEYS["ec-p256"], "--out", fresh()],
                    r"keyUsage does not allow cRLSign", replace(ca2, good))
        # A CA certificate without any keyUsage is accepted (ca.h).
        ca3 = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=no ku",
                "--basic-constraints", "ca=true", "--out", ca3)
        self.ok("cert", "--ca-cert", ca3, "--ca-key", KEYS["ec-p256"], "--public-key",
                PUBS["ed25519"], "--subject", "CN=x", "--out", fresh())

    def test_issuer_key_mismatch(self):
        ca = self.ca("ec-p256")
        self.refuse(["cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p384"], "--public-key",
                     PUBS["ed25519"], "--subject", "CN=x", "--out", fresh()],
                    r"--ca-key .* is not the key of --ca-cert",
                    replace(KEYS["ec-p384"], KEYS["ec-p256"]))
        self.refuse(["crl", "--ca-cert", ca, "--ca-key", KEYS["rsa2048"], "--out", fresh()],
                    r"--ca-key .* is not the key of --ca-cert",
                    replace(KEYS["rsa2048"], KEYS["ec-p256"]))

    def test_not_after_before_not_before(self):
        self.refuse(["cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=x",
                     "--not-before", "2030-01-02T00:00:00Z", "--not-after",
                     "2030-01-01T00:00:00Z", "--out", fresh()],
                    r"--not-after 2030-01-01T00:00:00Z is before --not-before",
                    replace("2030-01-01T00:00:00Z", "2030-01-03T00:00:00Z"))
        ca = self.ca()
        self.refuse(["crl", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--last-update",
                     "2030-01-02T00:00:00Z", "--next-update", "2030-01-01T00:00:00Z",
                     "--out", fresh()], r"--next-update .* is before --last-update",
                    replace("2030-01-01T00:00:00Z", "2030-01-03T00:00:00Z"))

    def test_outliving_the_ca(self):
        # Absolute times: a test that issues "now" twice can straddle a second.
        ca = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=short CA",
                "--profile", "ca", "--not-before", "2030-01-01T00:00:00Z", "--not-after",
                "2030-02-01T00:00:00Z", "--out", ca)
        leaf = ["cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--public-key",
                PUBS["ed25519"], "--subject", "CN=x", "--not-before", "2030-01-10T00:00:00Z"]
        self.refuse(leaf + ["--not-after", "2030-02-01T00:00:01Z", "--out", fresh()],
                    r"end at 2030-02-01T00:00:01Z, after its CA's certificate "
                    r"\(2030-02-01T00:00:00Z; --allow-outlive", add("--allow-outlive"))
        self.refuse(leaf + ["--days", "23", "--out", fresh()],
                    r"after its CA's certificate.*--allow-outlive", add("--allow-outlive"))
        self.ok(*leaf, "--days", "22", "--out", fresh())
        self.ok(*leaf, "--not-after", "2030-02-01T00:00:00Z", "--out", fresh())
        # The default end (365 days) is shortened to the CA's end.
        out = fresh()
        self.ok(*leaf, "--out", out)
        self.assertEqual(load(out, "certificate").not_valid_after,
                         datetime.datetime(2030, 2, 1))
        # ... but a CA that ends before the certificate starts is refused.
        self.refuse(leaf[:-1] + ["2030-02-02T00:00:00Z", "--out", fresh()],
                    r"after its CA's certificate", add("--allow-outlive"))

    def test_weak(self):
        # RSA below 2048 as the signer, for each command.
        self.refuse(["csr", "--key", KEYS["rsa1024"], "--subject", "CN=x", "--out", fresh()],
                    r"(?i)1024", add("--allow-weak"))
        self.refuse(["cert", "--self-signed", "--key", KEYS["rsa1024"], "--subject", "CN=x",
                     "--out", fresh()], r"(?i)1024", add("--allow-weak"))
        weak_ca = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS["rsa1024"], "--subject", "CN=weak",
                "--profile", "ca", "--allow-weak", "--out", weak_ca)
        self.refuse(["crl", "--ca-cert", weak_ca, "--ca-key", KEYS["rsa1024"], "--out",
                     fresh()], r"(?i)1024", add("--allow-weak"))
        # RSA below 2048 as the subject's key.
        ca = self.ca()
        self.refuse(["cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--public-key",
                     PUBS["rsa1024"], "--subject", "CN=x", "--out", fresh()],
                    r"RSA 1024.*--allow-weak", add("--allow-weak"))
        # SHA-1 and MD5.
        for h in ("sha1", "md5"):
            self.refuse(["cert", "--self-signed", "--key", KEYS["rsa2048"], "--subject", "CN=x",
                         "--hash", h, "--out", fresh()], r"(?i)" + h.replace("sha", "sha-?"),
                        add("--allow-weak"))
        self.refuse(["csr", "--key", KEYS["ec-p256"], "--subject", "CN=x", "--hash", "sha1",
                     "--out", fresh()], r"(?i)sha-?1", add("--allow-weak"))
        self.refuse(["crl", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--hash", "sha1",
                     "--out", fresh()], r"(?i)sha-?1", add("--allow-weak"))
        # What --allow-weak let through still verifies.
        out = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS["rsa2048"], "--subject", "CN=sha1",
                "--hash", "sha1", "--allow-weak", "--out", out)
        self.assertEqual(load(out, "certificate").signature_hash_algorithm.name, "sha1")

    def test_csr_bad_signature(self):
        req = self.csr()
        der = bytearray(der_of(req))
        der[-5] ^= 0x01
        bad = fresh("der")
        with open(bad, "wb") as f:
            f.write(bytes(der))
        ca = self.ca()
        self.refuse(["cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--csr", bad,
                     "--out", fresh()], r"CSR's signature does not verify", replace(bad, req))
        self.refuse(["cert", "--self-signed", "--key", KEYS["ec-p256"], "--csr", bad,
                     "--out", fresh()], r"CSR's signature does not verify", replace(bad, req))

    def test_malformed_inputs(self):
        base = ["cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=x"]
        cases = [
            (["--subject", "CN"], r"--subject", ("CN", "CN=ok")),
            (["--subject", "XX=y"], r"--subject.*XX", ("XX=y", "CN=ok")),
            (["--not-before", "2026-13-01T00:00:00Z"], r"--not-before",
             ("2026-13-01T00:00:00Z", "2026-12-01T00:00:00Z")),
            (["--not-after", "tomorrow"], r"--not-after", ("tomorrow", "+1d")),
            (["--days", "ten"], r"--days", ("ten", "10")),
            (["--san", "ip:300.1.1.1"], r"--san.*300\.1\.1\.1", ("ip:300.1.1.1", "ip:1.1.1.1")),
            (["--eku", "1.2.x"], r"--eku", ("1.2.x", "1.2.3")),
            (["--ext", "1..2,critical,0500"], r"--ext", ("1..2,critical,0500",
                                                          "1.2.3.9,critical,0500")),
            (["--serial", "-5"], r"--serial", ("-5", "5")),
            (["--serial", "0x" + "11" * 21], r"--serial", ("0x" + "11" * 21, "0x" + "11" * 20)),
        ]
        for extra, pattern, (old, new) in cases:
            with self.subTest(extra=extra):
                args = list(base)
                if extra[0] == "--subject":
                    args[args.index("--subject") + 1] = extra[1]
                else:
                    args += extra
                self.refuse(args + ["--out", fresh()], pattern, replace(old, new))
        # In a CRL: a malformed serial, reason, date.
        ca = self.ca()
        for spec, pattern, good in [("12,reason=bogus", r"--revoke.*bogus", "12,reason=superseded"),
                                    ("xyz", r"--revoke", "12"),
                                    ("12,date=2026-02-30T00:00:00Z", r"--revoke",
                                     "12,date=2026-02-28T00:00:00Z")]:
            with self.subTest(spec=spec):
                self.refuse(["crl", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--revoke",
                             spec, "--out", fresh()], pattern, replace(spec, good))
        self.refuse(["crl", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--revoke", "5",
                     "--revoke", "0x05", "--out", fresh()], r"listed twice",
                    replace("0x05", "6"))

    def test_unknown_option(self):
        self.refuse(["cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=x",
                     "--bogus", "--out", fresh()], r"unknown option '--bogus'", drop("--bogus"))
        # Abbreviations are refused, not guessed.
        self.refuse(["csr", "--key", KEYS["ec-p256"], "--subj", "CN=x", "--out", fresh()],
                    r"unknown option '--subj'", replace("--subj", "--subject"))
        # An option of another command.
        self.refuse(["csr", "--key", KEYS["ec-p256"], "--subject", "CN=x", "--days", "3",
                     "--out", fresh()], r"unknown option '--days'", drop("--days"))
        self.refuse(["crl", "--ca-cert", self.ca(), "--ca-key", KEYS["ec-p256"], "--san",
                     "dns:x", "--out", fresh()], r"unknown option '--san'", drop("--san"))
        # Stray arguments and options given twice.
        self.refuse(["csr", "--key", KEYS["ec-p256"], "--subject", "CN=x", "stray", "--out",
                     fresh()], r"unexpected argument 'stray'", drop("stray"))
        self.refuse(["csr", "--key", KEYS["ec-p256"], "--subject", "CN=x", "--subject", "CN=y",
                     "--out", fresh()], r"--subject given twice", drop("--subject"))
        rc, _, err = certissue("frobnicate")
        self.assertEqual(rc, 1)
        self.assertIn("unknown command 'frobnicate'", err)

    def test_wrong_passphrase(self):
        self.refuse(["csr", "--key", KEYS["enc"], "--subject", "CN=x", "--passphrase-file",
                     os.path.join(TMP, "wrongpass"), "--out", fresh()], r"wrong passphrase",
                    replace(os.path.join(TMP, "wrongpass"), os.path.join(TMP, "pass")))
        # The passphrase from the environment, for a CA key.
        ca = fresh()
        self.ok("cert", "--self-signed", "--key", KEYS["enc"], "--subject", "CN=enc CA",
                "--profile", "ca", "--out", ca, env={"CERTISSUE_PASSPHRASE": "correct horse"})
        rc, _, err = certissue("crl", "--ca-cert", ca, "--ca-key", KEYS["enc"], "--out",
                               fresh(), env={"CERTISSUE_PASSPHRASE": "nope"})
        self.assertEqual(rc, 1)
        self.assertIn("wrong passphrase", err)
        self.ok("crl", "--ca-cert", ca, "--ca-key", KEYS["enc"], "--passphrase-file",
                os.path.join(TMP, "pass"), "--out", fresh())

    def test_missing_inputs(self):
        self.refuse(["cert", "--key", KEYS["ec-p256"], "--subject", "CN=x", "--out", fresh()],
                    r"--self-signed --key FILE, or --ca-cert", add("--self-signed"))
        ca = self.ca()
        self.refuse(["cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--subject", "CN=x",
                     "--out", fresh()], r"--csr FILE or --public-key FILE",
                    add("--public-key", PUBS["ec-p256"]))
        self.refuse(["cert", "--ca-cert", ca, "--ca-key", KEYS["ec-p256"], "--public-key",
                     PUBS["ec-p256"], "--out", fresh()], r"--subject DN is needed",
                    add("--subject", "CN=x"))
        self.refuse(["cert", "--self-signed", "--key", KEYS["ec-p256"], "--subject", "CN=x",
                     "--not-after", "+2d", "--days", "3", "--out", fresh()],
                    r"--not-after and --days", drop("--days"))
        self.refuse(["csr", "--key", KEYS["ec-p256"], "--subject", "CN=x", "--out",
                     os.path.join(TMP, "no such dir", "x.pem")], r"no such dir|No such")
        self.refuse(["cert", "--ca-cert", os.path.join(TMP, "nonexistent.pem"), "--ca-key",
                     KEYS["ec-p256"], "--public-key", PUBS["ec-p256"], "--subject", "CN=x",
                     "--out", fresh()], r"--ca-cert .*nonexistent", replace(
                         os.path.join(TMP, "nonexistent.pem"), ca))


class Help(Base):
    SYNOPSIS = {
        "csr": ["--key", "--subject", "--hash", "--out", "--san", "--rsa-pss", "--der",
                "--force", "--allow-weak", "--passphrase-file"],
        "cert": ["--self-signed", "--key", "--ca-cert", "--ca-key", "--csr", "--public-key",
                 "--subject", "--serial", "--not-before", "--not-after", "--days", "--hash",
                 "--rsa-pss", "--copy-extensions", "--profile", "--out", "--der", "--force",
                 "--allow-outlive", "--allow-weak", "--passphrase-file", "--san", "--ian",
                 "--basic-constraints", "--key-usage", "--eku", "--ski", "--no-ski", "--aki",
                 "--no-aki", "--name-constraints", "--crl-distribution-point",
                 "--freshest-crl", "--aia", "--sia", "--policy", "--policy-constraints",
                 "--policy-mappings", "--inhibit-any-policy", "--ocsp-no-check",
                 "--tls-feature", "--precert-poison", "--ext", "--critical"],
        "crl": ["--ca-cert", "--ca-key", "--revoke", "--last-update", "--next-update",
                "--days", "--crl-number", "--delta-crl-indicator",
                "--issuing-distribution-point", "--hash", "--out"],
    }

    def test_help(self):
        for cmd, opts in self.SYNOPSIS.items():
            with self.subTest(cmd=cmd):
                rc, out, err = certissue(cmd, "--help")
                self.assertEqual(rc, 0, err)
                text = out.decode()
                self.assertTrue(text.startswith("usage: certissue %s " % cmd), text)
                listed = set(re.findall(r"^\s+(--[a-z0-9-]+)", text, re.M))
                for o in opts:
                    self.assertIn(o, listed, "%s --help" % cmd)
        rc, out, _ = certissue("--help")
        self.assertEqual(rc, 0)
        for cmd in ("key", "csr", "cert", "crl"):
            self.assertIn("  %s " % cmd, out.decode())

    def test_version(self):
        rc, out, _ = certissue("--version")
        self.assertEqual(rc, 0)
        # The wolfSSL it was built with: 5.7.2 (the project's), or Debian's 5.5.4 with -Dwolfssl=system.
        self.assertRegex(out.decode(), r"^certissue \d+\.\d+\.\d+ .*wolfSSL \d+\.\d+\.\d+")


if __name__ == "__main__":
    CERTISSUE, CERTDUMP = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)
