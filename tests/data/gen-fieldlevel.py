#!/usr/bin/python3
"""gen-fieldlevel.py - the objects of tests/data/fieldlevel/, made from
hand-built DER.

  gen-fieldlevel.py [--out DIR]    write them (default: tests/data/fieldlevel)
  gen-fieldlevel.py --check [DIR]  exit 1 if DIR differs from a fresh run

Each object is one field away from an ordinary one: a field that
pyca/cryptography 38 (Debian's /usr/bin/python3) loads the object with
and raises on only when that field is read (an empty RDN, a year-0000
GeneralizedTime, a name value that is no string of its type, an extension
value or a public key it refuses), a key it reads where older certfs did
not (rsaEncryption with parameters other than NULL, X.500's id-ea-rsa), or
an encoding DER forbids (an explicit DEFAULT). tests/diff/compare.py and
tests/vfs/integration/test_diff.py walk this directory like the pyca
vectors; certdump and certfs must agree with pyca on every field.

Everything is deterministic, so the committed files are this script's
output byte for byte (meson test `fieldlevel-fresh` checks it): the one
RSA key is derived from fixed seeds (primes found by a seeded search),
signatures are RSA PKCS#1 v1.5 with SHA-256, which has no randomness, and
all dates are fixed. Every object is signed for real by that key: the
certificates named cert-*.pem are issued by ca.pem (or self-signed where
their issuer is the field under test), so verify/ works on a mount of
this directory, and `openssl verify` accepts the ones whose key is the
unusual part (cert-rsa-params-*.pem, cert-x500-rsa.pem).
"""
import argparse
import base64
import hashlib
import os
import sys
import tempfile

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

# the differential test's DER writer (its oracle re-encodes names with it)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "diff"))
from oracle import der_tlv, oid_der  # noqa: E402

# --- DER ---------------------------------------------------------------------


def tlv(tag, *parts):
	return der_tlv(tag, b"".join(parts))


def seq(*p):
	return tlv(0x30, *p)


def set_of(*p):
	# DER (X.690 11.6): a SET OF is sorted by encoding
	return tlv(0x31, *sorted(p))


def oid(dotted):
	return tlv(0x06, oid_der(dotted))


def integer(n):
	return tlv(0x02, n.to_bytes(n.bit_length() // 8 + 1, "big", signed=True))


NULL = b"\x05\x00"
TRUE = b"\x01\x01\xff"
FALSE = b"\x01\x01\x00"


def bits(b):
	return tlv(0x03, b"\x00" + b)


def octets(b):
	return tlv(0x04, b)


def utf8(s):
	return tlv(0x0c, s.encode() if isinstance(s, str) else s)


def printable(s):
	return tlv(0x13, s.encode())


def utc(s):
	return tlv(0x17, s.encode())


def gen_time(s):
	return tlv(0x18, s.encode())


def ctx(n, *p):
	return tlv(0xa0 | n, *p)


CN, O, C = "2.5.4.3", "2.5.4.10", "2.5.4.6"


def atv(t, v):
	return seq(oid(t), v)


def name(*rdns):
	"""A Name; each RDN a list of AttributeTypeAndValue (may be empty)."""
	return seq(*[set_of(*r) for r in rdns])


def ext(o, value, critical=None):
	return seq(oid(o), *([critical] if critical else []), octets(value))


def pem(label, der):
	b = base64.b64encode(der).decode()
	lines = [b[i:i + 64] for i in range(0, len(b), 64)]
	return ("-----BEGIN %s-----\n%s\n-----END %s-----\n" % (
		label, "\n".join(lines), label)).encode()


# --- the key -----------------------------------------------------------------


def stream(seed):
	"""Endless deterministic bytes: SHA-256 in counter mode."""
	i = 0
	while True:
		yield from hashlib.sha256(seed + i.to_bytes(8, "big")).digest()
		i += 1


def probable_prime(n):
	"""Miller-Rabin with the first 20 primes as bases: deterministic."""
	small = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53,
		 59, 61, 67, 71)
	if n < 2:
		return False
	for p in small:
		if n % p == 0:
			return n == p
	d, r = n - 1, 0
	while d % 2 == 0:
		d //= 2
		r += 1
	for a in small:
		x = pow(a, d, n)
		if x in (1, n - 1):
			continue
		for _ in range(r - 1):
			x = pow(x, 2, n)
			if x == n - 1:
				break
		else:
			return False
	return True


def seeded_prime(seed, nbits):
	s = stream(seed)
	n = int.from_bytes(bytes(next(s) for _ in range(nbits // 8)), "big")
	n |= (3 << (nbits - 2)) | 1      # top two bits: n = p*q has 2*nbits bits
	while not probable_prime(n) or (n - 1) % 65537 == 0:
		n += 2
	return n


def rsa_key():
	p = seeded_prime(b"certfs fieldlevel p", 1024)
	q = seeded_prime(b"certfs fieldlevel q", 1024)
	e = 65537
	d = pow(e, -1, (p - 1) * (q - 1))
	pub = rsa.RSAPublicNumbers(e, p * q)
	return rsa.RSAPrivateNumbers(
		p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q),
		rsa.rsa_crt_iqmp(p, q), pub).private_key()


KEY = rsa_key()
NUMS = KEY.public_key().public_numbers()
RSA_PUB = seq(integer(NUMS.n), integer(NUMS.e))
RSA_OID = "1.2.840.113549.1.1.1"


def spki(alg_params=NULL, alg=RSA_OID):
	return seq(seq(oid(alg), *([alg_params] if alg_params is not None else [])),
		   bits(RSA_PUB))


SHA256_RSA = seq(oid("1.2.840.113549.1.1.11"), NULL)


def signed(tbs):
	sig = KEY.sign(tbs, padding.PKCS1v15(), hashes.SHA256())
	return seq(tbs, SHA256_RSA, bits(sig))


# --- objects -----------------------------------------------------------------

CA_NAME = name([atv(CN, utf8("certfs fieldlevel CA"))], [atv(O, utf8("certfs"))])
NB, NA = utc("260101000000Z"), utc("360101000000Z")


def cert(serial, subject, issuer=CA_NAME, nb=NB, na=NA, key=None, exts=(),
	 version=ctx(0, integer(2))):
	tbs = seq(*([version] if version else []), integer(serial), SHA256_RSA,
		  issuer, seq(nb, na), subject, key or spki(),
		  *([ctx(3, seq(*exts))] if exts else []))
	return "CERTIFICATE", signed(tbs)


def leaf(serial, cn):
	return name([atv(CN, utf8(cn))])


def crl(issuer=CA_NAME, this=utc("260101000000Z"), nxt=utc("260201000000Z"),
	entry_date=utc("260115000000Z"), exts=()):
	entry = seq(integer(5), entry_date)
	tbs = seq(integer(1), SHA256_RSA, issuer, this, *([nxt] if nxt else []),
		  seq(entry), *([ctx(0, seq(*exts))] if exts else []))
	return "X509 CRL", signed(tbs)


def csr(subject, key=None):
	tbs = seq(integer(0), subject, key or spki(), ctx(0))
	return "CERTIFICATE REQUEST", signed(tbs)


def subject_value(serial, value):
	"""A certificate whose subject CN holds `value` (a whole TLV)."""
	return cert(serial, name([atv(CN, value)]))


EMPTY_RDN = name([atv(CN, utf8("has an empty RDN"))], [])
YEAR0 = gen_time("00000101000000Z")
BC = "2.5.29.19"
SAN = "2.5.29.17"


def objects():
	"""{file name: (PEM label, DER)}."""
	o = {}
	o["ca.pem"] = cert(1, CA_NAME, issuer=CA_NAME,
			   exts=[ext(BC, seq(TRUE), TRUE)])

	# An empty RDN: pyca loads, raises on .subject / .issuer.
	o["cert-subject-empty-rdn.pem"] = cert(2, EMPTY_RDN)
	o["cert-issuer-empty-rdn.pem"] = cert(3, leaf(3, "issuer has an empty RDN"),
					      issuer=EMPTY_RDN)
	o["crl-issuer-empty-rdn.pem"] = crl(issuer=EMPTY_RDN)
	o["csr-subject-empty-rdn.pem"] = csr(EMPTY_RDN)

	# Year 0000: pyca loads, raises on that time only ("year 0 is out of
	# range"). Every other impossible date it refuses at load: so does
	# the core, and one such object shows it.
	o["cert-not-before-year0.pem"] = cert(4, leaf(4, "notBefore year 0"), nb=YEAR0)
	o["cert-not-after-year0.pem"] = cert(5, leaf(5, "notAfter year 0"), na=YEAR0)
	o["cert-not-after-feb30.pem"] = cert(6, leaf(6, "notAfter 30 February"),
					     na=gen_time("20360230000000Z"))
	o["crl-last-update-year0.pem"] = crl(this=YEAR0)
	o["crl-next-update-year0.pem"] = crl(nxt=YEAR0)
	o["crl-revocation-date-year0.pem"] = crl(entry_date=YEAR0)

	# Name values that are no string of their type: pyca raises on the
	# name. And values it does take, whatever X.680 says of the type.
	for i, (label, value) in enumerate([
		("bad-utf8", utf8(b"\xff")),
		("bmp-odd-length", tlv(0x1e, b"\x00a\x00")),
		("universal-truncated", tlv(0x1c, b"\x00\x00\x00")),
		("ia5-not-utf8", tlv(0x16, b"\xe9")),
		("t61-latin1", tlv(0x14, b"caf\xe9")),
		("integer", integer(5)),
		("bit-string", bits(b"a")),
		("printable-asterisk", printable("a*b")),
		("visible-control", tlv(0x1a, b"a\x01")),
		("octet-string", octets(b"ab")),
		("numeric-letters", tlv(0x12, b"ab")),
	]):
		o["cert-subject-%s.pem" % label] = subject_value(10 + i, value)

	# A newline in a value (ABI section 2: written as \n in text files).
	o["cert-subject-newline.pem"] = cert(30, name([atv(CN, utf8("two\nlines"))],
						      [atv(O, utf8("a\\b,c"))]))
	# Multi-valued RDNs: one type twice with different values (both
	# shown), and the same text twice in two string types (pyca's set
	# keeps one).
	o["cert-subject-multivalued.pem"] = cert(31, name(
		[atv(C, printable("DE"))],
		[atv(CN, utf8("a")), atv(O, utf8("b")), atv(CN, utf8("c"))]))
	o["cert-subject-repeated-value.pem"] = cert(32, name(
		[atv(CN, utf8("same")), atv(CN, printable("same")), atv(O, utf8("o"))]))

	# RSA keys pyca and OpenSSL read whatever the parameters: self-signed,
	# so the key under test verifies its own signature.
	for label, params in (("absent", None), ("integer", integer(0)),
			      ("oid", oid("1.2.3.4"))):
		n = name([atv(CN, utf8("rsaEncryption parameters " + label))])
		o["cert-rsa-params-%s.pem" % label] = cert(
			40, n, issuer=n, key=spki(params),
			exts=[ext(BC, seq(TRUE), TRUE)])
	n = name([atv(CN, utf8("X.500 id-ea-rsa key"))])
	o["cert-x500-rsa.pem"] = cert(44, n, issuer=n,
				      key=spki(integer(2048), alg="2.5.8.1.1"),
				      exts=[ext(BC, seq(TRUE), TRUE)])
	o["csr-rsa-params-integer.pem"] = csr(leaf(45, "CSR key with INTEGER parameters"),
					      key=spki(integer(0)))

	# Public keys pyca refuses on public_key() only.
	o["cert-key-unknown-algorithm.pem"] = cert(50, leaf(50, "unknown key algorithm"),
						   key=seq(seq(oid("1.2.3.4.5")), bits(b"\x01\x02")))
	o["cert-key-ec-point-short.pem"] = cert(51, leaf(51, "EC point too short"),
						key=seq(seq(oid("1.2.840.10045.2.1"),
							    oid("1.2.840.10045.3.1.7")),
							bits(b"\x04\x01\x02")))

	# Encoded DEFAULT values (X.690 11.5): critical FALSE and an explicit
	# v1 make pyca refuse the object; cA FALSE, its BasicConstraints.
	o["cert-critical-false.pem"] = cert(60, leaf(60, "critical FALSE"),
					    exts=[ext(BC, seq(), FALSE)])
	o["cert-version-v1-explicit.pem"] = cert(61, leaf(61, "explicit v1"),
						 version=ctx(0, integer(0)))
	o["cert-ca-false.pem"] = cert(62, leaf(62, "cA FALSE"),
				      exts=[ext(BC, seq(FALSE))])
	# An extension pyca refuses: a directoryName with an empty RDN.
	o["cert-san-dirname-empty-rdn.pem"] = cert(63, leaf(63, "SAN with an empty RDN"),
						   exts=[ext(SAN, seq(ctx(4, EMPTY_RDN)))])
	return o


def write(out):
	for fname, (label, der) in sorted(objects().items()):
		with open(os.path.join(out, fname), "wb") as f:
			f.write(pem(label, der))


def check(d):
	want = {f: pem(l, der) for f, (l, der) in objects().items()}
	bad = []
	for f, data in sorted(want.items()):
		p = os.path.join(d, f)
		if not os.path.exists(p) or open(p, "rb").read() != data:
			bad.append(f)
	have = {f for f in os.listdir(d) if f.endswith(".pem")}
	bad += sorted(have - set(want))
	for f in bad:
		print("stale or missing: %s (run tests/data/gen-fieldlevel.py)" % f)
	print("%d passed, %d failed" % (len(want) - len(bad), len(bad)))
	return 1 if bad else 0


def main():
	here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fieldlevel")
	ap = argparse.ArgumentParser()
	ap.add_argument("--out", default=here)
	ap.add_argument("--check", nargs="?", const=here)
	a = ap.parse_args()
	if a.check:
		return check(a.check)
	write(a.out)
	return 0


if __name__ == "__main__":
	sys.exit(main())
