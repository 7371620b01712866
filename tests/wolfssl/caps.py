#!/usr/bin/python3
"""caps.py - the project's wolfSSL can do what the issuer needs (caps.c).

  caps.py --caps PATH

Runs caps (wolfCrypt) into a temporary directory and checks its output with
independent implementations: every generated private key is loaded by
pyca/cryptography 38 and is of the right type and size, and signs a message
that its public key verifies (pyca, OpenSSL underneath); PBKDF2-HMAC-SHA256
matches Python's hashlib; AES-256-CBC matches pyca's cipher. Ends with
"N passed, M failed"; exits 77 (skip) without pyca.
"""
import argparse
import hashlib
import os
import subprocess
import sys
import tempfile

try:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
except ImportError:
    print("SKIP: pyca/cryptography not installed")
    sys.exit(77)

KEYS = {
    "rsa2048.der": (rsa.RSAPrivateKey, 2048),
    "ec-p256.der": (ec.EllipticCurvePrivateKey, "secp256r1"),
    "ec-p384.der": (ec.EllipticCurvePrivateKey, "secp384r1"),
    "ec-p521.der": (ec.EllipticCurvePrivateKey, "secp521r1"),
    "ed25519.der": (ed25519.Ed25519PrivateKey, None),
    "ed448.der": (ed448.Ed448PrivateKey, None),
}


def check_key(path, kind, size):
    key = serialization.load_der_private_key(open(path, "rb").read(), None)
    if not isinstance(key, kind):
        return "is %s" % type(key).__name__
    msg = b"certissue"
    if isinstance(key, rsa.RSAPrivateKey):
        if key.key_size != size:
            return "key_size %d" % key.key_size
        sig = key.sign(msg, padding.PKCS1v15(), hashes.SHA256())
        key.public_key().verify(sig, msg, padding.PKCS1v15(), hashes.SHA256())
    elif isinstance(key, ec.EllipticCurvePrivateKey):
        if key.curve.name != size:
            return "curve %s" % key.curve.name
        sig = key.sign(msg, ec.ECDSA(hashes.SHA256()))
        key.public_key().verify(sig, msg, ec.ECDSA(hashes.SHA256()))
    else:
        key.public_key().verify(key.sign(msg), msg)
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--caps", required=True)
    args = ap.parse_args()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as d:
        r = subprocess.run([args.caps, d])
        if r.returncode != 0:
            print("caps exited %d" % r.returncode)
            failed += 1
        for name, (kind, size) in KEYS.items():
            path = os.path.join(d, name)
            try:
                why = check_key(path, kind, size) if os.path.exists(path) else "missing"
            except Exception as e:  # pyca refused it: that is the finding
                why = "%s: %s" % (type(e).__name__, e)
            print("%-14s %s" % (name, why or "ok"))
            passed, failed = (passed + 1, failed) if why is None else (passed, failed + 1)

        want = hashlib.pbkdf2_hmac("sha256", b"passphrase", b"saltsaltsaltsalt", 2048, 32)
        got = open(os.path.join(d, "pbkdf2.bin"), "rb").read() if os.path.exists(os.path.join(d, "pbkdf2.bin")) else b""
        ok = got == want
        print("%-14s %s" % ("pbkdf2.bin", "ok" if ok else "differs from hashlib"))
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)

        enc = Cipher(algorithms.AES(bytes(range(32))), modes.CBC(bytes(range(0x40, 0x50)))).encryptor()
        want = enc.update(bytes(range(48))) + enc.finalize()
        p = os.path.join(d, "aes256cbc.bin")
        got = open(p, "rb").read() if os.path.exists(p) else b""
        ok = got == want
        print("%-14s %s" % ("aes256cbc.bin", "ok" if ok else "differs from pyca"))
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
