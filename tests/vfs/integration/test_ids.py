#!/usr/bin/python3
"""test_ids.py - the values users of openssl, certtool, curl and c_rehash
expect (docs/ABI.md 3.1-3.6, issue 18), each against its tool:

- subject_openssl and issuer_openssl against `openssl x509 -nameopt
  RFC2253 -subject -issuer` (and `openssl crl -issuer`), on the same
  certificates and names made for OpenSSL's escapes and short names;
- subject_hash and issuer_hash against `openssl x509 -subject_hash
  -issuer_hash` on every certificate of /etc/ssl/certs (mounted: its
  ca-certificates.crt bundle holds them all, found through /.by-sha256),
  and on made names that exercise each rule of OpenSSL's canonical form
  (case, whitespace, string types, multi-valued RDNs); the c_rehash links
  of /etc/ssl/certs are named by them; a CRL's issuer_hash against
  `openssl crl -hash`;
- serial_number_hex: `openssl x509 -serial`'s digits, in colon-separated
  pairs; revoked_hex/<hex> links to the CRL entry of that serial;
- fingerprint/<hash>_colon: `openssl x509 -fingerprint -<hash>`;
- public_key/pin-sha256: `openssl x509 -pubkey | openssl pkey -pubin
  -outform DER | openssl dgst -sha256 -binary | base64`;
- extended_key_usage/usage_names: pyca's ExtendedKeyUsageOID constant of
  each usage, line for line with usages;
- PKCS#7 bundles made by `openssl crl2pkcs7` (PEM and DER, with and
  without a CRL): each certificate and CRL as a bundle's object.
"""
import base64
import datetime
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.name import _ASN1Type
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

TRUST = "/etc/ssl/certs"


def openssl(*args, data=None):
	return subprocess.run(["openssl"] + list(args), input=data, capture_output=True,
		check=True).stdout


def colon(hexdigits):
	"""openssl's hex digits (uppercase, whole octets) in colon pairs."""
	neg = hexdigits.startswith("-")
	h = hexdigits.lstrip("-")
	return ("-" if neg else "") + ":".join(h[i:i + 2] for i in range(0, len(h), 2))


def pem_der(text):
	m = re.search(r"-----BEGIN CERTIFICATE-----\r?\n(.*?)-----END", text, re.S)
	return base64.b64decode("".join(m.group(1).split())) if m else None


def openssl_ids(pem, pipeline):
	"""What openssl prints for one certificate, in one run: the two name
	hashes, the serial, the SHA-256 fingerprint in openssl's own colon
	form, the public key; the SHA-1 colon form is hashlib's digest so
	written. The pin: with pipeline, through the commands curl's
	documentation gives (four more runs), else hashlib over openssl's
	SubjectPublicKeyInfo."""
	out = openssl("x509", "-noout", "-nameopt", "RFC2253", "-subject", "-issuer",
		"-subject_hash", "-issuer_hash", "-serial", "-fingerprint", "-sha256", "-pubkey",
		data=pem).decode()
	lines = out.split("\n")
	names = {"subject_openssl": lines.pop(0)[len("subject="):],
		"issuer_openssl": lines.pop(0)[len("issuer="):]}
	spki_pem = out[out.index("-----BEGIN PUBLIC KEY-----"):]
	der = pem_der(pem.decode(errors="replace"))
	if pipeline:
		spki = openssl("pkey", "-pubin", "-outform", "DER", data=spki_pem.encode())
		pin = base64.b64encode(openssl("dgst", "-sha256", "-binary", data=spki)).decode()
	else:
		spki = base64.b64decode("".join(spki_pem.split("-----")[2].split()))
		pin = base64.b64encode(hashlib.sha256(spki).digest()).decode()
	return {
		**names,
		"subject_hash": lines[0], "issuer_hash": lines[1],
		"serial_number_hex": colon(lines[2].split("=", 1)[1]),
		"fingerprint/sha256_colon": lines[3].split("=", 1)[1],
		"fingerprint/sha1_colon": colon(hashlib.sha1(der).hexdigest().upper()),
		"public_key/pin-sha256": pin,
	}


def check_ids(ck, objdir, pem, what, pipeline=False):
	for f, want in openssl_ids(pem, pipeline).items():
		ck.eq("%s: %s" % (what, f), cm.value(os.path.join(objdir, f)), want)


def trust_store(ck, a):
	"""Every certificate of /etc/ssl/certs, through the mount of it."""
	files = sorted(glob.glob(os.path.join(TRUST, "*.pem")))
	if not files:
		print("note: %s has no certificates (install ca-certificates): not checked" % TRUST)
		return
	with cm.mounted(a.certfs, TRUST) as m:
		n = 0
		for p in files:
			pem = open(p, "rb").read()
			der = pem_der(pem.decode(errors="replace"))
			if der is None:
				continue
			d = os.path.join(m, ".by-sha256", hashlib.sha256(der).hexdigest())
			if not ck.ok(os.path.isdir(d), "%s is in the mount (%s)" % (p, d)):
				continue
			check_ids(ck, d, pem, os.path.basename(p))
			n += 1
		# c_rehash names its links <subject_hash>.<N>
		links = 0
		for p in sorted(glob.glob(os.path.join(TRUST, "*.[0-9]"))):
			if not os.path.islink(p):
				continue
			der = pem_der(open(p, errors="replace").read())
			if der is None:
				continue
			d = os.path.join(m, ".by-sha256", hashlib.sha256(der).hexdigest())
			ck.eq("c_rehash link %s: subject_hash" % os.path.basename(p),
				cm.value(os.path.join(d, "subject_hash")), os.path.basename(p).split(".")[0])
			links += 1
		ck.ok(n >= 100, "the trust store's certificates were checked: %d" % n)
		print("trust store: %d certificates, %d c_rehash links" % (n, links))


def made_cert(key, subject, serial, eku=None):
	b = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
		.public_key(key.public_key()).serial_number(serial)
		.not_valid_before(datetime.datetime(2020, 1, 1))
		.not_valid_after(datetime.datetime(2040, 1, 1)))
	if eku:
		b = b.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
	return b.sign(key, hashes.SHA256())


def names():
	"""Names that exercise x509_name_canon's rules, each in the types
	pyca lets us choose."""
	A = x509.NameAttribute
	R = x509.RelativeDistinguishedName
	T = _ASN1Type
	return {
		"spaces-case": x509.Name([A(NameOID.COMMON_NAME, "  Mixed \t  CASE   Name  ")]),
		"printable": x509.Name([A(NameOID.COUNTRY_NAME, "DE"),
			A(NameOID.ORGANIZATION_NAME, "Some  Org", _type=T.PrintableString)]),
		"bmp": x509.Name([A(NameOID.COMMON_NAME, "\u00c9cole  \u20ac", _type=T.BMPString)]),
		"universal": x509.Name([A(NameOID.COMMON_NAME, "Grin \U0001F600", _type=T.UniversalString)]),
		"t61-latin1": x509.Name([A(NameOID.COMMON_NAME, "caf\u00e9", _type=T.T61String)]),
		"ia5-email": x509.Name([A(NameOID.EMAIL_ADDRESS, "Someone@Example.ORG"),
			A(NameOID.COMMON_NAME, "x")]),
		"numeric-kept": x509.Name([A(NameOID.SERIAL_NUMBER, "12  34", _type=T.NumericString)]),
		"multi-rdn": x509.Name([R([A(NameOID.COMMON_NAME, "b"),
			A(NameOID.COMMON_NAME, "A", _type=T.PrintableString),
			A(NameOID.ORGANIZATIONAL_UNIT_NAME, "Z")])]),
		"utf8-nonascii-case": x509.Name([A(NameOID.COMMON_NAME, "\u00c4RGER  \u00e4rger")]),
		"only-spaces": x509.Name([A(NameOID.COMMON_NAME, "   ", _type=T.PrintableString)]),
		"unknown-oid": x509.Name([A(x509.ObjectIdentifier("1.2.3.4.5"), "Val  UE")]),
		"empty": x509.Name([]),
		"escapes": x509.Name([A(NameOID.COMMON_NAME, "# a,b+c\"d\\e<f>g;h=i "),
			A(NameOID.ORGANIZATION_NAME, "tab\there\x7f"),
			A(NameOID.ORGANIZATIONAL_UNIT_NAME, " lead"),
			A(NameOID.LOCALITY_NAME, "M\u00fcnchen \u65e5\u672c")]),
		"short-names": x509.Name([A(x509.ObjectIdentifier(o), "DE" if o == "2.5.4.6" else "v" + o) for o in (
			"2.5.4.3", "2.5.4.4", "2.5.4.5", "2.5.4.6", "2.5.4.7", "2.5.4.8", "2.5.4.9",
			"2.5.4.10", "2.5.4.11", "2.5.4.12", "2.5.4.13", "2.5.4.15", "2.5.4.16",
			"2.5.4.17", "2.5.4.18", "2.5.4.20", "2.5.4.41", "2.5.4.42", "2.5.4.43",
			"2.5.4.44", "2.5.4.46", "2.5.4.65", "2.5.4.72", "2.5.4.97",
			"0.9.2342.19200300.100.1.1", "0.9.2342.19200300.100.1.25",
			"1.2.840.113549.1.9.1", "1.2.840.113549.1.9.2", "1.2.840.113549.1.9.8",
			"1.3.6.1.4.1.311.60.2.1.1", "1.3.6.1.4.1.311.60.2.1.2",
			"1.2.643.3.131.1.1", "1.2.643.100.1", "1.2.643.100.3", "1.2.643.100.5")]
			+ [A(NameOID.JURISDICTION_COUNTRY_NAME, "DE")]),
	}


def made(ck, a):
	key = ec.generate_private_key(ec.SECP256R1())
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	try:
		pems = {}
		serials = {"one": 1, "high-bit": 0x80, "twenty-octets": (1 << 158) + 12345,
			"odd-digits": 0xabc}
		for i, (k, subject) in enumerate(sorted(names().items())):
			pems["name-" + k] = made_cert(key, subject, 1000 + i)
		for k, s in serials.items():
			pems["serial-" + k] = made_cert(key, x509.Name([x509.NameAttribute(
				NameOID.COMMON_NAME, "serial " + k)]), s)
		ekus = [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH,
			x509.ObjectIdentifier("1.2.3.4"), ExtendedKeyUsageOID.CODE_SIGNING,
			ExtendedKeyUsageOID.EMAIL_PROTECTION, ExtendedKeyUsageOID.TIME_STAMPING,
			ExtendedKeyUsageOID.OCSP_SIGNING, ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,
			ExtendedKeyUsageOID.SMARTCARD_LOGON, ExtendedKeyUsageOID.KERBEROS_PKINIT_KDC,
			ExtendedKeyUsageOID.IPSEC_IKE, ExtendedKeyUsageOID.CERTIFICATE_TRANSPARENCY]
		pems["eku"] = made_cert(key, x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "eku")]),
			7, ekus)
		for k, c in pems.items():
			with open(os.path.join(src, k + ".pem"), "wb") as f:
				f.write(c.public_bytes(serialization.Encoding.PEM))
		# a CRL revoking serials that print differently in hex
		issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "  CRL  Issuer ")])
		revoked = [0x80, 5, (1 << 100) + 1, 0xabc]
		b = (x509.CertificateRevocationListBuilder().issuer_name(issuer)
			.last_update(datetime.datetime(2020, 1, 1))
			.next_update(datetime.datetime(2040, 1, 1)))
		for s in revoked:
			b = b.add_revoked_certificate(x509.RevokedCertificateBuilder().serial_number(s)
				.revocation_date(datetime.datetime(2020, 1, 1)).build())
		crl = b.sign(key, hashes.SHA256())
		crl_pem = crl.public_bytes(serialization.Encoding.PEM)
		with open(os.path.join(src, "revoked.crl"), "wb") as f:
			f.write(crl_pem)
		# PKCS#7 bundles
		certs_file = os.path.join(src, "..", os.path.basename(src) + "-certs.pem")
		order = ["serial-one", "name-bmp", "eku"]
		with open(certs_file, "wb") as f:
			for k in order:
				f.write(pems[k].public_bytes(serialization.Encoding.PEM))
		crl_file = os.path.join(src, "..", os.path.basename(src) + "-crl.pem")
		with open(crl_file, "wb") as f:
			f.write(crl_pem)
		try:
			openssl("crl2pkcs7", "-nocrl", "-certfile", certs_file, "-out",
				os.path.join(src, "bundle.p7b"))
			openssl("crl2pkcs7", "-nocrl", "-certfile", certs_file, "-outform", "DER", "-out",
				os.path.join(src, "bundle.p7c"))
			openssl("crl2pkcs7", "-in", crl_file, "-certfile", certs_file, "-outform", "DER",
				"-out", os.path.join(src, "with-crl.p7b"))
		finally:
			os.unlink(certs_file)
			os.unlink(crl_file)
		p7der = open(os.path.join(src, "bundle.p7c"), "rb").read()
		# a PKCS7 block whose SignedData is cut short: one invalid object
		with open(os.path.join(src, "cut.p7b"), "w") as f:
			f.write("-----BEGIN PKCS7-----\n" + base64.encodebytes(p7der[:-40]).decode()
				+ "-----END PKCS7-----\n")

		with cm.mounted(a.certfs, src) as m:
			for k, c in sorted(pems.items()):
				pem = c.public_bytes(serialization.Encoding.PEM)
				check_ids(ck, os.path.join(m, k + ".pem"), pem, k, True)
			# EKU names, line for line
			consts = {getattr(ExtendedKeyUsageOID, n).dotted_string: n.lower()
				for n in dir(ExtendedKeyUsageOID) if n.isupper()}
			ed = os.path.join(m, "eku.pem/extensions/extended_key_usage")
			usages = (cm.value(os.path.join(ed, "usages")) or "").split("\n")
			ck.eq("eku usages", usages, [o.dotted_string for o in ekus])
			ck.eq("eku usage_names", (cm.value(os.path.join(ed, "usage_names")) or "").split("\n"),
				[consts.get(u, u) for u in usages])
			# CRL: issuer_hash, and entries by hex serial
			crlhash = openssl("crl", "-noout", "-hash", data=crl_pem).decode().strip()
			ck.eq("revoked.crl/issuer_openssl", cm.value(os.path.join(m, "revoked.crl/issuer_openssl")),
				openssl("crl", "-noout", "-issuer", "-nameopt", "RFC2253",
					data=crl_pem).decode().rstrip("\n")[len("issuer="):])
			ck.eq("revoked.crl/issuer_hash", cm.value(os.path.join(m, "revoked.crl/issuer_hash")),
				crlhash)
			ck.eq("revoked.crl/revoked_hex listing", cm.ls(os.path.join(m, "revoked.crl/revoked_hex")),
				sorted(colon("%X" % s if len("%X" % s) % 2 == 0 else "0%X" % s) for s in revoked))
			for s in revoked:
				h = "%X" % s
				h = colon(h if len(h) % 2 == 0 else "0" + h)
				link = os.path.join(m, "revoked.crl/revoked_hex", h)
				ck.eq("revoked_hex/%s -> " % h, os.readlink(link) if os.path.islink(link) else None,
					"../revoked/%d" % s)
				ck.eq("revoked_hex/%s/serial_number" % h, cm.value(os.path.join(link, "serial_number")),
					str(s))
				ck.eq("revoked/%d/serial_number_hex" % s,
					cm.value(os.path.join(m, "revoked.crl/revoked", str(s), "serial_number_hex")), h)
			# PKCS#7
			want = [pems[k].public_bytes(serialization.Encoding.DER) for k in order]
			for f in ("bundle.p7b", "bundle.p7c"):
				ck.eq(f + " listing", cm.ls(os.path.join(m, f)), ["0", "1", "2", "count"])
				ck.eq(f + "/count", cm.value(os.path.join(m, f, "count")), "3")
				for i, der in enumerate(want):
					ck.ok(cm.get(os.path.join(m, f, str(i), "der")) == der,
						"%s/%d/der is the certificate %s given to crl2pkcs7" % (f, i, order[i]))
					ck.eq("%s/%d/type" % (f, i), cm.value(os.path.join(m, f, str(i), "type")),
						"certificate")
			ck.eq("with-crl.p7b/count", cm.value(os.path.join(m, "with-crl.p7b/count")), "4")
			ck.eq("with-crl.p7b/3/type", cm.value(os.path.join(m, "with-crl.p7b/3/type")), "crl")
			ck.ok(cm.get(os.path.join(m, "with-crl.p7b/3/der")) ==
				crl.public_bytes(serialization.Encoding.DER), "with-crl.p7b/3/der is the CRL")
			ck.eq("with-crl.p7b/3/issuer_hash", cm.value(os.path.join(m, "with-crl.p7b/3/issuer_hash")),
				crlhash)
			ck.eq("cut.p7b/type", cm.value(os.path.join(m, "cut.p7b/type")), "invalid")
			ck.ok(re.fullmatch(r"[^\n]+ at byte [0-9]+", cm.value(os.path.join(m, "cut.p7b/error")) or "")
				is not None, "cut.p7b/error: %r" % cm.value(os.path.join(m, "cut.p7b/error")))
	finally:
		shutil.rmtree(src, ignore_errors=True)


def main():
	a = cm.args()
	cm.require_fuse()
	if shutil.which("openssl") is None:
		print("SKIP: the openssl command is not installed")
		sys.exit(cm.SKIP)
	ck = cm.Checker("ids", a.verbose)
	made(ck, a)
	trust_store(ck, a)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
