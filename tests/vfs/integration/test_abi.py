#!/usr/bin/python3
"""test_abi.py - details of docs/ABI.md the other scripts do not reach:
unique names (an extension twice, a CRL serial twice: ".1" suffixes in
DER order), the PEM labels of `pem` files, public_key/ consistency, reads
at offsets and the usual tools over the mount (cp -r, tar, grep -r, wc -c,
head -c, diff -r), a symlink loop in SOURCE, the offsets in `error`."""
import base64
import datetime
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm


def dup_serial_crl():
	"""A CRL listing serial 5 twice (and 7), signed by a fresh key."""
	from cryptography import x509
	from cryptography.hazmat.primitives import hashes, serialization
	from cryptography.hazmat.primitives.asymmetric import ec
	from cryptography.x509.oid import NameOID
	key = ec.generate_private_key(ec.SECP256R1())
	name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dup CA")])
	t = datetime.datetime(2020, 1, 1)
	b = x509.CertificateRevocationListBuilder().issuer_name(name).last_update(t) \
		.next_update(t + datetime.timedelta(days=1))
	for ser, day in ((5, 1), (7, 2), (5, 3)):
		b = b.add_revoked_certificate(x509.RevokedCertificateBuilder().serial_number(ser)
			.revocation_date(t + datetime.timedelta(days=day)).build())
	return b.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("abi", a.verbose)
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	out = tempfile.mkdtemp(prefix="certfs-it-out-")
	try:
		for n in ("good-ca.pem", "crl-version-2.pem", "csr-rsa-sha1.pem"):
			shutil.copy(os.path.join(seed, n), os.path.join(src, n))
		two = os.path.join(a.vectors, "custom", "two_basic_constraints.pem")
		if os.path.exists(two):
			shutil.copy(two, os.path.join(src, "two-bc.pem"))
		try:
			with open(os.path.join(src, "dup.crl"), "wb") as f:
				f.write(dup_serial_crl())
		except Exception as e:
			print("note: no duplicate-serial CRL (%s)" % e)
		os.mkdir(os.path.join(src, "loop"))
		os.symlink("..", os.path.join(src, "loop", "up"))
		with open(os.path.join(src, "bad-b64.pem"), "w") as f:
			f.write("junk line\n-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n")

		with cm.mounted(a.certfs, src) as m:
			def v(rel):
				return cm.value(os.path.join(m, rel))

			# unique names
			if os.path.exists(os.path.join(src, "two-bc.pem")):
				ext = cm.ls(os.path.join(m, "two-bc.pem/extensions"))
				ck.ok(isinstance(ext, list) and "basic_constraints" in ext and
					"basic_constraints.1" in ext,
					"two-bc.pem/extensions: basic_constraints and basic_constraints.1: %r" % (ext,))
				ck.eq("two-bc.pem/extensions/basic_constraints.1/oid",
					v("two-bc.pem/extensions/basic_constraints.1/oid"), "2.5.29.19")
			if os.path.exists(os.path.join(src, "dup.crl")):
				ck.eq("dup.crl/revoked listing", cm.ls(os.path.join(m, "dup.crl/revoked")),
					["5", "5.1", "7"])
				ck.eq("dup.crl/revoked_count", v("dup.crl/revoked_count"), "3")
				ck.eq("dup.crl/revoked/5/revocation_date", v("dup.crl/revoked/5/revocation_date"),
					"2020-01-02T00:00:00Z")
				ck.eq("dup.crl/revoked/5.1/revocation_date", v("dup.crl/revoked/5.1/revocation_date"),
					"2020-01-04T00:00:00Z")
				ck.eq("dup.crl/revoked/5.1/serial_number", v("dup.crl/revoked/5.1/serial_number"), "5")
				ck.ok(not os.path.exists(os.path.join(m, "dup.crl/revoked/6")), "dup.crl/revoked/6 absent")
				ck.ok(not os.path.exists(os.path.join(m, "dup.crl/revoked/5.2")), "dup.crl/revoked/5.2 absent")

			# pem labels, public_key/ consistency
			for obj, label in (("good-ca.pem", "CERTIFICATE"), ("crl-version-2.pem", "X509 CRL"),
					("csr-rsa-sha1.pem", "CERTIFICATE REQUEST")):
				p = (cm.get(os.path.join(m, obj, "pem")) or b"").decode()
				ck.ok(p.startswith("-----BEGIN %s-----\n" % label) and p.endswith("-----END %s-----\n" % label),
					"%s/pem labelled %s: %r" % (obj, label, p[:40]))
				der = cm.get(os.path.join(m, obj, "der")) or b""
				body = "".join(p.splitlines()[1:-1])
				ck.ok(base64.b64decode(body or "=") == der and der != b"", "%s/pem decodes to der" % obj)
			for obj in ("good-ca.pem", "csr-rsa-sha1.pem"):
				spki = cm.get(os.path.join(m, obj, "public_key/der")) or b""
				ck.eq("%s/public_key/fingerprint/sha256 = sha256(public_key/der)" % obj,
					v(obj + "/public_key/fingerprint/sha256"), hashlib.sha256(spki).hexdigest())
				p = (cm.get(os.path.join(m, obj, "public_key/pem")) or b"").decode()
				ck.ok(p.startswith("-----BEGIN PUBLIC KEY-----\n") and
					base64.b64decode("".join(p.splitlines()[1:-1]) or "=") == spki,
					"%s/public_key/pem is the SPKI as PUBLIC KEY" % obj)
			r = subprocess.run(["openssl", "x509", "-in", os.path.join(seed, "good-ca.pem"), "-noout",
				"-pubkey"], capture_output=True, text=True)
			ck.eq("good-ca.pem/public_key/pem = openssl x509 -pubkey",
				(cm.get(os.path.join(m, "good-ca.pem/public_key/pem")) or b"").decode(), r.stdout)
			r = subprocess.run(["openssl", "x509", "-in", os.path.join(seed, "good-ca.pem"), "-noout",
				"-modulus"], capture_output=True, text=True)
			ck.eq("good-ca.pem/public_key/modulus = openssl -modulus (lowercase)",
				v("good-ca.pem/public_key/modulus"), r.stdout.strip().split("=", 1)[-1].lower())

			# reads at offsets
			f = os.path.join(m, "good-ca.pem/der")
			whole = cm.get(f) or b""
			fd = os.open(f, os.O_RDONLY)
			try:
				for off, n in ((0, 1), (1, 10), (100, 7), (len(whole) - 3, 10), (len(whole), 10),
						(len(whole) + 100, 10), (0, 1 << 20)):
					ck.eq("pread(der, %d, %d)" % (n, off), os.pread(fd, n, off), whole[off:off + n])
			finally:
				os.close(fd)

			# tools
			def sh(cmd):
				r = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True)
				ck.ok(r.returncode == 0, "%r: rc %d, %r" % (cmd, r.returncode, r.stderr.strip()[:300]))
				return r.stdout
			sh("cp -r '%s/good-ca.pem' '%s/copy'" % (m, out))
			sh("diff -r '%s/good-ca.pem' '%s/copy'" % (m, out))
			sh("tar cf /dev/null -C '%s' good-ca.pem crl-version-2.pem" % m)
			g = sh("grep -r 'Good CA' '%s/good-ca.pem' | head -3" % m)
			ck.ok("subject" in g, "grep -r finds the subject: %r" % g[:200])
			ck.eq("wc -c der", sh("wc -c < '%s/good-ca.pem/der'" % m).strip(), str(len(whole)))
			ck.eq("head -c 5 serial_number", sh("head -c 5 '%s/good-ca.pem/serial_number'" % m), "2\n")
			ck.eq("stat -c %%s subject", sh("stat -c %%s '%s/good-ca.pem/subject'" % m).strip(),
				str(len("CN=Good CA,O=Test Certificates 2011,C=US\n")))

			# a symlink loop in SOURCE is not shown; find ends cleanly
			ck.ok(not os.path.lexists(os.path.join(m, "loop/up")), "loop/up (a link to ..) not shown")
			r = subprocess.run(["timeout", "30", "find", m], capture_output=True, text=True)
			ck.eq("find over a store with a symlink loop: rc (%r)" % r.stderr.strip()[:200], r.returncode, 0)

			# offsets in error: a base64 error is an offset into the file
			e = v("bad-b64.pem/error") or ""
			mm = re.search(r" at byte ([0-9]+)$", e)
			size = os.path.getsize(os.path.join(src, "bad-b64.pem"))
			start = len("junk line\n-----BEGIN CERTIFICATE-----\n")
			ck.ok(mm is not None and start <= int(mm.group(1)) < size,
				"bad-b64.pem/error points into the block's base64 (bytes %d..%d of the file): %r"
				% (start, size, e))
	finally:
		shutil.rmtree(src)
		shutil.rmtree(out)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
