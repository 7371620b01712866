#!/usr/bin/python3
"""test_key.py - certissue's keys, passphrases, signatures and output files,
checked with OpenSSL's CLI and pyca/cryptography 38 as oracles.

  test_key.py --certissue PATH --keytest PATH

- `certissue key` for every --type: the file opens with `openssl pkey` and
  pyca as the right type and size; encrypted ones only with the passphrase,
  and their parameters are PBES2 / PBKDF2 / hmacWithSHA256 / aes-256-cbc
  (`openssl asn1parse`); mode 0600 even under umask 000, created 0600
  (strace), no temporary left behind; an existing --out is refused unless
  --force; --der, --out -, --help, bad options.
- Keys made by OpenSSL in every form key.h lists load (keytest load), and
  the loaded public key is `openssl pkey -pubout`'s; a wrong passphrase
  is "wrong passphrase", for every encrypted form.
- ci_sign_wrap for every key type x hash x PSS: the core verifies it
  (keytest), and so do pyca's public_key().verify and the algorithm
  `openssl asn1parse` names.
Ends with "N passed, M failed"; exits 77 (skip) without pyca.
"""
import argparse
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile

try:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
except ImportError:
    print("SKIP: pyca/cryptography not installed")
    sys.exit(77)

PASS = b"correct horse battery staple"
TYPES = {
    "rsa2048": (rsa.RSAPrivateKey, 2048), "rsa3072": (rsa.RSAPrivateKey, 3072),
    "rsa4096": (rsa.RSAPrivateKey, 4096),
    "ec-p256": (ec.EllipticCurvePrivateKey, "secp256r1"),
    "ec-p384": (ec.EllipticCurvePrivateKey, "secp384r1"),
    "ec-p521": (ec.EllipticCurvePrivateKey, "secp521r1"),
    "ed25519": (ed25519.Ed25519PrivateKey, None), "ed448": (ed448.Ed448PrivateKey, None),
}
HASHES = {"sha224": hashes.SHA224, "sha256": hashes.SHA256, "sha384": hashes.SHA384,
          "sha512": hashes.SHA512}


class T:
    passed = 0
    failed = 0

    @classmethod
    def check(cls, ok, what):
        if ok:
            cls.passed += 1
        else:
            cls.failed += 1
            print("FAIL", what)


def run(cmd, env=None, **kw):
    return subprocess.run(cmd, capture_output=True, env=env, **kw)


def ossl(*args):
    r = run(["openssl"] + list(args))
    if r.returncode:
        raise RuntimeError("openssl %s: %s" % (" ".join(args), r.stderr.decode()))
    return r.stdout


def der_items(b):
    """The TLVs of a DER SEQUENCE's contents: [(tag, raw, value)]."""
    def hdr(b, i):
        tag, n = b[i], b[i + 1]
        i += 2
        if n & 0x80:
            k = n & 0x7f
            n = int.from_bytes(b[i:i + k], "big")
            i += k
        return tag, i, n
    tag, i, n = hdr(b, 0)
    assert tag == 0x30 and i + n == len(b)
    out = []
    while i < len(b):
        start = i
        tag, j, n = hdr(b, i)
        out.append((tag, b[start:j + n], b[j:j + n]))
        i = j + n
    return out


def load_priv(path, password=None):
    data = open(path, "rb").read()
    if data.startswith(b"-----"):
        return serialization.load_pem_private_key(data, password)
    return serialization.load_der_private_key(data, password)


def pubder(key):
    return key.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)


def test_generate(a, d):
    """Every --type, plain and encrypted (PEM and DER), against both oracles."""
    pw = os.path.join(d, "pw")
    open(pw, "wb").write(PASS + b"\n")
    for t, (kind, size) in TYPES.items():
        for enc in (False, True):
            for der in (False, True):
                if (enc or der) and t in ("rsa3072", "rsa4096"):
                    continue    # RSA keys are slow to make; rsa2048 covers them
                out = os.path.join(d, "%s-%d%d.key" % (t, enc, der))
                cmd = [a.certissue, "key", "--type", t, "--out", out]
                cmd += ["--passphrase-file", pw] if enc else []
                cmd += ["--der"] if der else []
                r = run(cmd)
                name = "key --type %s enc=%s der=%s" % (t, enc, der)
                T.check(r.returncode == 0, "%s: exit %d %s" % (name, r.returncode, r.stderr))
                if r.returncode:
                    continue
                line = r.stderr.decode()
                T.check(re.fullmatch(r"certissue key: .* key written to %s \(PKCS#8%s, %s\)\n"
                                     % (re.escape(out), " DER" if der else "",
                                        r"encrypted: PBES2 PBKDF2-HMAC-SHA256 600000 AES-256-CBC"
                                        if enc else "not encrypted"), line) is not None,
                        "%s: stderr %r" % (name, line))
                T.check(os.stat(out).st_mode & 0o777 == 0o600, "%s: mode %o" % (name, os.stat(out).st_mode))
                head = open(out, "rb").read(40)
                if not der:
                    want = b"-----BEGIN ENCRYPTED PRIVATE KEY-----" if enc else b"-----BEGIN PRIVATE KEY-----"
                    T.check(head.startswith(want), "%s: PEM label %r" % (name, head))
                    lines = open(out, "rb").read().split(b"\n")
                    body = [len(l) for l in lines[1:-2]]
                    T.check(lines[-1] == b"" and lines[-2] == want.replace(b"BEGIN", b"END") and
                            all(n == 64 for n in body[:-1]) and 0 < body[-1] <= 64,
                            "%s: PEM lines of %s" % (name, body))
                # OpenSSL opens it (only with the passphrase when encrypted).
                inform = ["-inform", "DER"] if der else []
                r = run(["openssl", "pkey", "-in", out, "-noout"] + inform +
                        (["-passin", "file:" + pw] if enc else []))
                T.check(r.returncode == 0, "%s: openssl pkey: %s" % (name, r.stderr))
                if enc:
                    open(pw + ".bad", "wb").write(b"wrong\n")
                    r = run(["openssl", "pkey", "-in", out, "-noout", "-passin",
                             "file:" + pw + ".bad"] + inform)
                    T.check(r.returncode != 0, "%s: openssl opened it with a wrong passphrase" % name)
                    asn = ossl("asn1parse", "-in", out, *inform).decode()
                    objs = re.findall(r"OBJECT\s+:(\S+)", asn)
                    T.check(objs == ["PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc"],
                            "%s: encryption OIDs %s" % (name, objs))
                    its = re.findall(r"INTEGER\s+:([0-9A-F]+)", asn)
                    T.check(its and int(its[0], 16) == 600000, "%s: iterations %s" % (name, its))
                # pyca opens it, as the right type and size.
                try:
                    key = load_priv(out, PASS if enc else None)
                    ok = isinstance(key, kind) and (
                        size is None or
                        (key.key_size == size if kind is rsa.RSAPrivateKey else key.curve.name == size))
                    T.check(ok, "%s: pyca reads %s" % (name, type(key).__name__))
                except Exception as e:
                    T.check(False, "%s: pyca: %s" % (name, e))
                # keytest (issuer/'s loader) reads it back, same public key.
                r = run([a.keytest, "load", out] + ([pw] if enc else []))
                T.check(r.returncode == 0 and
                        r.stdout.split()[-1].decode() == ossl("pkey", "-in", out, "-pubout", "-outform",
                                                              "DER", *inform,
                                                              *(["-passin", "file:" + pw] if enc else [])).hex(),
                        "%s: keytest load: %s" % (name, r.stderr))
                if enc:
                    r = run([a.keytest, "load", out, pw + ".bad"])
                    T.check(r.returncode == 1 and b"wrong passphrase for" in r.stderr,
                            "%s: wrong passphrase said as %r" % (name, r.stderr))


def openssl_keys(d, pw):
    """Keys in every form key.h reads, made by OpenSSL: (file, passfile or None, reference key file)."""
    keys = []
    ref = {}
    for name, args in (("rsa", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]),
                       ("p256", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]),
                       ("p384", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"]),
                       ("p521", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"]),
                       ("ed25519", ["-algorithm", "ED25519"]), ("ed448", ["-algorithm", "ED448"])):
        p = os.path.join(d, "ossl-%s.pem" % name)
        ossl("genpkey", *args, "-out", p)
        ref[name] = p
        keys.append((p, None, p))
        der = p + ".der"
        ossl("pkey", "-in", p, "-outform", "DER", "-out", der)
        keys.append((der, None, p))
        for cipher in ("-aes256", "-aes128"):
            e = p + cipher + ".pem"
            ossl("pkey", "-in", p, cipher, "-passout", "file:" + pw, "-out", e)
            keys.append((e, pw, p))
        e = p + ".sha1.der"   # PBES2 with the default PRF, HMAC-SHA1, and AES-192
        ossl("pkcs8", "-topk8", "-in", p, "-v2", "aes-192-cbc", "-v2prf", "hmacWithSHA1",
             "-passout", "file:" + pw, "-outform", "DER", "-out", e)
        keys.append((e, pw, p))
        e = p + ".sha512.pem"
        ossl("pkcs8", "-topk8", "-in", p, "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA512",
             "-passout", "file:" + pw, "-out", e)
        keys.append((e, pw, p))
    # Traditional forms: PKCS#1 and SEC 1, PEM and DER, plain and encrypted.
    t = os.path.join(d, "trad-rsa.pem")
    ossl("genrsa", "-traditional", "-out", t, "2048")
    keys.append((t, None, t))
    ossl("rsa", "-in", t, "-traditional", "-outform", "DER", "-out", t + ".der")
    keys.append((t + ".der", None, t))
    ossl("rsa", "-in", t, "-traditional", "-aes256", "-passout", "file:" + pw, "-out", t + ".enc")
    keys.append((t + ".enc", pw, t))
    for curve in ("prime256v1", "secp384r1", "secp521r1"):
        e = os.path.join(d, "trad-%s.pem" % curve)
        ossl("ecparam", "-genkey", "-name", curve, "-out", e)   # with an EC PARAMETERS block first
        keys.append((e, None, e))
        ossl("ec", "-in", e, "-outform", "DER", "-out", e + ".der")
        keys.append((e + ".der", None, e))
        ossl("ec", "-in", e, "-aes128", "-passout", "file:" + pw, "-out", e + ".enc")
        keys.append((e + ".enc", pw, e))
        ossl("ec", "-in", e, "-no_public", "-out", e + ".nopub")   # public key computed
        keys.append((e + ".nopub", None, e))
    # RFC 8410 OneAsymmetricKey v2, with the public key (OpenSSL writes v1 only).
    for name, oid, cls in (("ed25519", b"\x2b\x65\x70", ed25519), ("ed448", b"\x2b\x65\x71", ed448)):
        k = load_priv(ref[name])
        seed = k.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                               serialization.NoEncryption())
        pub = k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        v2 = os.path.join(d, "v2-%s.der" % name)
        open(v2, "wb").write(oak_v2(oid, seed, pub))
        keys.append((v2, None, ref[name]))
    return keys


def tlv(tag, body):
    n = len(body)
    if n < 128:
        return bytes([tag, n]) + body
    nb = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(nb)]) + nb + body


def oak_v2(oid, seed, pub):
    return tlv(0x30, tlv(2, b"\x01") + tlv(0x30, tlv(6, oid)) + tlv(4, tlv(4, seed)) +
               tlv(0x81, b"\x00" + pub))


def test_load_openssl(a, d):
    pw = os.path.join(d, "ossl-pw")
    open(pw, "wb").write(PASS + b"\n")
    bad = os.path.join(d, "ossl-bad")
    open(bad, "wb").write(b"not it\n")
    for path, passfile, ref in openssl_keys(d, pw):
        name = os.path.basename(path)
        want = ossl("pkey", "-in", ref, "-pubout", "-outform", "DER").hex()
        r = run([a.keytest, "load", path] + ([passfile] if passfile else []))
        got = r.stdout.split()[-1].decode() if r.returncode == 0 else r.stderr.decode()
        T.check(got == want, "load %s: %s" % (name, got[:200]))
        if passfile:
            r = run([a.keytest, "load", path, bad])
            T.check(r.returncode == 1 and r.stderr.decode() == "keytest: wrong passphrase for %s\n" % path,
                    "load %s with a wrong passphrase: %r" % (name, r.stderr))
            # No passphrase at all, no terminal (a new session has none).
            r = run([a.keytest, "load", path], env={"PATH": os.environ.get("PATH", "")},
                    start_new_session=True, stdin=subprocess.DEVNULL)
            T.check(r.returncode == 1 and b"--passphrase-file" in r.stderr,
                    "load %s without a passphrase: %r" % (name, r.stderr))
            env = dict(os.environ, CERTISSUE_PASSPHRASE=PASS.decode())
            r = run([a.keytest, "load", path], env=env, start_new_session=True)
            T.check(r.returncode == 0 and r.stdout.split()[-1].decode() == want,
                    "load %s with CERTISSUE_PASSPHRASE: %r" % (name, r.stderr))
        # ci_key_matches: its own public key (and the compressed point of an
        # EC key) matches, another key's does not.
        spki = os.path.join(d, "spki.der")
        ossl("pkey", "-in", ref, "-pubout", "-outform", "DER", "-out", spki)
        r = run([a.keytest, "matches", path, spki] + ([] if not passfile else []),
                env=dict(os.environ, CERTISSUE_PASSPHRASE=PASS.decode()))
        T.check(r.stdout == b"yes\n", "matches %s: %r %r" % (name, r.stdout, r.stderr))
    # Mismatches, compressed points, refusals.
    ref = os.path.join(d, "ossl-p256.pem")
    comp = os.path.join(d, "comp.der")
    ossl("ec", "-in", ref, "-pubout", "-conv_form", "compressed", "-outform", "DER", "-out", comp)
    r = run([a.keytest, "matches", ref, comp])
    T.check(r.stdout == b"yes\n", "matches a compressed point: %r" % r.stdout)
    for other in ("ossl-p384.pem", "trad-prime256v1.pem", "ossl-rsa.pem", "ossl-ed25519.pem"):
        ossl("pkey", "-in", os.path.join(d, other), "-pubout", "-outform", "DER", "-out", comp)
        r = run([a.keytest, "matches", ref, comp])
        T.check(r.stdout == b"no\n", "matches %s: %r" % (other, r.stdout))
    k = load_priv(os.path.join(d, "ossl-ed25519.pem"))
    seed = k.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                           serialization.NoEncryption())
    wrong = os.path.join(d, "v2-wrong.der")
    open(wrong, "wb").write(oak_v2(b"\x2b\x65\x70", seed, bytes(32)))
    r = run([a.keytest, "load", wrong])
    T.check(r.returncode == 1 and b"not the private key's" in r.stderr, "v2 with another public key: %r" % r.stderr)
    des = os.path.join(d, "des3.pem")
    ossl("pkcs8", "-topk8", "-in", ref, "-v2", "des3", "-passout", "file:" + pw, "-out", des)
    r = run([a.keytest, "load", des, pw])
    T.check(r.returncode == 1 and b"DES-EDE3-CBC" in r.stderr, "DES3 PKCS#8: %r" % r.stderr)
    ossl("rsa", "-in", os.path.join(d, "trad-rsa.pem"), "-traditional", "-des3", "-passout", "file:" + pw,
         "-out", des)
    r = run([a.keytest, "load", des, pw])
    T.check(r.returncode == 1 and b"encrypted with DES-EDE3-CBC" in r.stderr, "DES3 traditional PEM: %r" % r.stderr)
    for junk, what in ((b"hello\n", "text"), (b"\x30\x03\x02\x01\x00", "short DER"),
                       (open(os.path.join(d, "spki.der"), "rb").read(), "a public key")):
        p = os.path.join(d, "junk")
        open(p, "wb").write(junk)
        r = run([a.keytest, "load", p])
        T.check(r.returncode == 1 and r.stderr.startswith(b"keytest: " + p.encode() + b": "),
                "load %s: %r" % (what, r.stderr))
    # Our PKCS#8 writer over keys OpenSSL made (traditional in, PKCS#8 out).
    for src in ("trad-rsa.pem", "trad-secp384r1.pem", "v2-ed448.der"):
        out = os.path.join(d, "rewritten.pem")
        r = run([a.keytest, "write", os.path.join(d, src), pw, "pem", out])
        T.check(r.returncode == 0, "write %s: %r" % (src, r.stderr))
        try:
            k = load_priv(out, PASS)
            T.check(pubder(k).hex() == run([a.keytest, "load", os.path.join(d, src)]).stdout.split()[-1].decode(),
                    "write %s: another key came back" % src)
        except Exception as e:
            T.check(False, "write %s: pyca: %s" % (src, e))


def verify_pyca(pub, alg_name, hash_name, pss, sig, tbs):
    h = HASHES[hash_name]() if hash_name else None
    if isinstance(pub, rsa.RSAPublicKey):
        pad = padding.PSS(padding.MGF1(h), h.digest_size) if pss else padding.PKCS1v15()
        pub.verify(sig, tbs, pad, h)
    elif isinstance(pub, ec.EllipticCurvePublicKey):
        pub.verify(sig, tbs, ec.ECDSA(h))
    else:
        pub.verify(sig, tbs)


def test_sign(a, d):
    keys = {t: os.path.join(d, "%s-00.key" % t) for t in TYPES}
    want_alg = {("rsa", "sha224"): "sha224WithRSAEncryption", ("rsa", "sha256"): "sha256WithRSAEncryption",
                ("rsa", "sha384"): "sha384WithRSAEncryption", ("rsa", "sha512"): "sha512WithRSAEncryption",
                ("ec", "sha224"): "ecdsa-with-SHA224", ("ec", "sha256"): "ecdsa-with-SHA256",
                ("ec", "sha384"): "ecdsa-with-SHA384", ("ec", "sha512"): "ecdsa-with-SHA512"}
    default = {"ec-p256": "sha256", "ec-p384": "sha384", "ec-p521": "sha512"}
    for t, path in keys.items():
        fam = t.split("-")[0].rstrip("0123456789")
        cases = []
        if fam in ("rsa", "ec"):
            cases = [(h, False) for h in HASHES] + [("-", False)]
            if fam == "rsa":
                cases += [(h, True) for h in ("sha256", "sha384", "sha512")]
        else:
            cases = [("-", False)]
        for hname, pss in cases:
            out = os.path.join(d, "signed.der")
            name = "sign %s %s%s" % (t, hname, " pss" if pss else "")
            r = run([a.keytest, "sign", path, hname, "pss" if pss else "pkcs1", out])
            T.check(r.returncode == 0, "%s: keytest (core verify): %r" % (name, r.stderr))
            if r.returncode:
                continue
            blob = open(out, "rb").read()
            tbs, alg, bits = der_items(blob)
            real = hname if hname != "-" else default.get(t, "sha256" if fam == "rsa" else None)
            try:
                verify_pyca(load_priv(path).public_key(), alg, real, pss, bits[2][1:], tbs[1])
                T.check(bits[2][0] == 0, "%s: unused bits" % name)
            except Exception as e:
                T.check(False, "%s: pyca: %s %s" % (name, type(e).__name__, e))
            objs = re.findall(r"OBJECT\s+:(\S+)", ossl("asn1parse", "-inform", "DER", "-in", out).decode())
            if pss:
                want = ["rsassaPss", real, "mgf1", real]
            elif fam in ("rsa", "ec"):
                want = [want_alg[(fam, real)]]
            else:
                want = [t.upper()]
            T.check(objs == want, "%s: algorithm %s" % (name, objs))
            nulls = ossl("asn1parse", "-inform", "DER", "-in", out).decode().count("NULL")
            T.check(nulls == (2 if pss else 1 if fam == "rsa" else 0), "%s: %d NULLs" % (name, nulls))
    # Refusals: no separate hash for EdDSA, PSS only with RSA, weak hashes.
    for path, h, mode, why in ((keys["ed25519"], "sha256", "pkcs1", b"without a separate hash"),
                               (keys["ec-p256"], "sha256", "pss", b"not an RSA key"),
                               (keys["rsa2048"], "sha1", "pkcs1", b"weak hash"),
                               (keys["ec-p256"], "md5", "pkcs1", b"weak hash"),
                               (keys["rsa2048"], "sha224", "pss", b"RSASSA-PSS is offered"),
                               (keys["rsa2048"], "sha3", "pkcs1", b"unknown hash")):
        r = run([a.keytest, "sign", path, h, mode, os.path.join(d, "no.der")])
        T.check(r.returncode == 1 and why in r.stderr, "sign refusal %s %s: %r" % (h, mode, r.stderr))
    small = os.path.join(d, "rsa1024.pem")
    ossl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", small)
    r = run([a.keytest, "sign", small, "sha256", "pkcs1", os.path.join(d, "no.der")])
    T.check(r.returncode == 1 and b"below 2048" in r.stderr, "RSA-1024 refused: %r" % r.stderr)


def test_output(a, d):
    out = os.path.join(d, "exists.pem")
    open(out, "w").write("keep me\n")
    r = run([a.certissue, "key", "--out", out])
    T.check(r.returncode == 1 and b"exists" in r.stderr and open(out).read() == "keep me\n",
            "existing --out refused: %r" % r.stderr)
    r = run([a.certissue, "key", "--force", "--type", "ed25519", "--out", out])
    T.check(r.returncode == 0 and isinstance(load_priv(out), ed25519.Ed25519PrivateKey) and
            os.stat(out).st_mode & 0o777 == 0o600, "--force replaces: %r" % r.stderr)
    # umask 000: still 0600, and nothing else left in the directory.
    sub = os.path.join(d, "umask")
    os.mkdir(sub)
    r = run(["sh", "-c", 'umask 000 && exec "$@"', "sh", a.certissue, "key", "--out",
             os.path.join(sub, "k.pem")])
    T.check(r.returncode == 0 and os.listdir(sub) == ["k.pem"] and
            os.stat(os.path.join(sub, "k.pem")).st_mode & 0o777 == 0o600,
            "umask 000: %s %r" % (os.listdir(sub), r.stderr))
    # Created 0600 from the first instant: every file creation certissue
    # makes in the directory is O_EXCL with mode 0600 (strace).
    if shutil.which("strace"):
        log = os.path.join(d, "strace.log")
        target = os.path.join(sub, "k2.pem")
        r = run(["sh", "-c", 'umask 000 && exec "$@"', "sh", "strace", "-f", "-o", log,
                 "-e", "trace=open,openat,creat,chmod,fchmod,link,linkat,rename,renameat,renameat2",
                 a.certissue, "key", "--out", target],
                # LeakSanitizer (scripts/test --strict) cannot run under ptrace.
                env=dict(os.environ, ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") +
                         ":detect_leaks=0"))
        calls = [l for l in open(log) if sub in l or "chmod" in l]
        creates = [l for l in calls if "O_CREAT" in l or "creat(" in l]
        T.check(r.returncode == 0 and creates and
                all("O_EXCL" in l and re.search(r", 0600\)", l) for l in creates) and
                not any(re.search(r"chmod\(.*, 0[0-7]*[1-7][0-7]?\)", l) and ", 0600)" not in l for l in calls),
                "creation mode: exit %d %r %s" % (r.returncode, r.stderr, "".join(calls)))
    # Two runs for one name: exactly one wins (link(2) does not replace).
    race = os.path.join(d, "race.pem")
    ps = [subprocess.Popen([a.certissue, "key", "--out", race], stderr=subprocess.PIPE) for _ in range(4)]
    codes = [p.wait() for p in ps]
    for p in ps:
        p.stderr.close()
    T.check(sorted(codes) == [0, 1, 1, 1] or (codes.count(0) == 1),
            "four runs on one --out: exits %s" % codes)
    # --out - writes PEM to standard output.
    r = run([a.certissue, "key", "--type", "ec-p384", "--out", "-"])
    T.check(r.returncode == 0 and
            isinstance(serialization.load_pem_private_key(r.stdout, None), ec.EllipticCurvePrivateKey),
            "--out -: %r" % r.stderr)
    # Options.
    for args, code, why in ((["--help"], 0, b""), (["--type", "rsa1024", "--out", os.path.join(d, "x")], 1,
                                                       b"--type rsa1024: unknown key type"),
                            (["--bogus", "--out", os.path.join(d, "x")], 1, b"--bogus"),
                            ([], 1, b"--out FILE is required"),
                            (["--passphrase-file", os.path.join(d, "missing"), "--out", os.path.join(d, "x")], 1,
                             b"--passphrase-file"),
                            (["--encrypt", "--out", os.path.join(d, "x")], 1, b"no terminal")):
        r = run([a.certissue, "key"] + args, start_new_session=True,
                env={"PATH": os.environ.get("PATH", "")})
        T.check(r.returncode == code and why in r.stderr and not os.path.exists(os.path.join(d, "x")),
                "key %s: exit %d %r" % (args, r.returncode, r.stderr))
    r = run([a.certissue, "key", "--help"])
    T.check(b"--passphrase-file" in r.stdout, "--help text")
    # --encrypt with the variable.
    out = os.path.join(d, "envenc.pem")
    r = run([a.certissue, "key", "--encrypt", "--out", out],
            env=dict(os.environ, CERTISSUE_PASSPHRASE=PASS.decode()), start_new_session=True)
    T.check(r.returncode == 0 and load_priv(out, PASS) is not None, "--encrypt: %r" % r.stderr)


def on_tty(argv, answers):
    """Runs argv with a new pseudo-terminal as its controlling terminal,
    answering each prompt in turn; (exit status, everything the terminal
    showed)."""
    pid, fd = pty.fork()
    if pid == 0:
        env = {k: v for k, v in os.environ.items() if k != "CERTISSUE_PASSPHRASE"}
        os.execve(argv[0], argv, env)
    seen, answers, answered = b"", list(answers), 0
    while True:
        # A hung prompt fails the test instead of hanging it.
        if not select.select([fd], [], [], 30)[0]:
            os.kill(pid, signal.SIGKILL)
            seen += b"[no output for 30 s: killed]"
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        # Answer each prompt once it is shown: the program flushes the
        # terminal's input when it turns echo off, before the prompt.
        if answers and seen.count(b"Passphrase for") > answered and seen.rstrip().endswith(b":"):
            os.write(fd, answers.pop(0) + b"\n")
            answered += 1
    os.close(fd)
    return os.waitpid(pid, 0)[1] >> 8, seen


def test_prompt(a, d):
    """The passphrase asked on the terminal, echo off."""
    path = os.path.join(d, "ec-p256-10.key")        # from test_generate
    want = ossl("pkey", "-in", path, "-pubout", "-outform", "DER", "-passin",
                "pass:" + PASS.decode()).hex()
    code, seen = on_tty([a.keytest, "load", path], [PASS])
    T.check(code == 0 and b"Passphrase for " + path.encode() in seen and want.encode() in seen
            and PASS not in seen, "prompt: exit %d, terminal showed %r" % (code, seen))
    code, seen = on_tty([a.keytest, "load", path], [b"wrong"])
    T.check(code == 1 and b"wrong passphrase for" in seen, "prompt, wrong: %r" % seen)
    out = os.path.join(d, "asked.pem")
    code, seen = on_tty([a.certissue, "key", "--encrypt", "--out", out], [PASS, PASS])
    T.check(code == 0 and seen.count(b"Passphrase for") == 2 and PASS not in seen and
            load_priv(out, PASS) is not None, "key --encrypt on a terminal: %r" % seen)
    code, seen = on_tty([a.certissue, "key", "--encrypt", "--out", out + "2"], [PASS, b"other"])
    T.check(code == 1 and b"differ" in seen and not os.path.exists(out + "2"),
            "key --encrypt, two different answers: %r" % seen)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--certissue", required=True)
    ap.add_argument("--keytest", required=True)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        for t in (test_generate, test_prompt, test_load_openssl, test_sign, test_output):
            try:
                t(a, d)
            except Exception as e:
                T.check(False, "%s: %s: %s" % (t.__name__, type(e).__name__, e))
    print("%d passed, %d failed" % (T.passed, T.failed))
    return 1 if T.failed else 0


if __name__ == "__main__":
    sys.exit(main())
