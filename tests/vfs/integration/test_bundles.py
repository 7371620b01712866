#!/usr/bin/python3
"""test_bundles.py - what counts as an object (docs/ABI.md 1.1-1.2): a
bundle of 3 certificates with a private key among them (0 1 2 + count=3,
no key anywhere), a single object with a key beside it, TRUSTED
CERTIFICATE, invalid PEM (bad DER, bad base64) and invalid DER, a DER
private key and a text file (not shown), symlinks in and out of SOURCE
(both followed), a dangling one (not shown)."""
import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm


def pem(label, der):
	b = base64.b64encode(der).decode()
	return ("-----BEGIN %s-----\n" % label + "\n".join(b[i:i + 64] for i in range(0, len(b), 64))
		+ "\n-----END %s-----\n" % label)


def pem_der(text):
	m = re.search(r"-----BEGIN [^-]+-----\r?\n(.*?)-----END", text, re.S)
	return base64.b64decode("".join(m.group(1).split()))


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("bundles", a.verbose)
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	certs = [open(os.path.join(seed, n)).read() for n in
		("good-ca.pem", "cryptography-io.pem", "signed-by-issuer-rsa4096.pem")]
	ders = [pem_der(c) for c in certs]
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	outside = tempfile.mkdtemp(prefix="certfs-it-out-")
	try:
		def w(name, data, mode="w"):
			with open(os.path.join(src, name), mode) as f:
				f.write(data)

		key = subprocess.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
			"ec_paramgen_curve:P-256"], capture_output=True, text=True, check=True).stdout
		keyder = pem_der(key)
		rsakey = subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt",
			"rsa_keygen_bits:1024", "-outform", "DER"], capture_output=True, check=True).stdout
		w("bundle.pem", "some text first\n" + certs[0] + key + "between\n" + certs[1]
			+ certs[2] + "trailing text\n")
		w("one-with-key.pem", key + certs[0])
		w("key.der", rsakey, "wb")
		w("key.pem", key)
		w("notes.txt", "no objects here, not even -----BEGIN-less ones\n")
		w("cert.der", ders[1], "wb")
		w("crlf.pem", certs[1].replace("\n", "\r\n"), "w")
		trusted = subprocess.run(["openssl", "x509", "-in", os.path.join(seed, "good-ca.pem"),
			"-addtrust", "serverAuth", "-trustout"], capture_output=True, text=True, check=True).stdout
		ck.ok("TRUSTED CERTIFICATE" in trusted, "openssl wrote a TRUSTED CERTIFICATE block")
		w("trusted.pem", trusted)
		garbage = b"\x30\x82\x01\x00this is no certificate at all"
		w("bad-der.pem", pem("CERTIFICATE", garbage))
		w("bad-b64.pem", "-----BEGIN CERTIFICATE-----\nMIIB!!!!not*base64@@@\n-----END CERTIFICATE-----\n")
		# shaped like a signed object, parses as nothing
		w("bad.der", bytes.fromhex("300b3002050030020500030100"), "wb")
		os.mkdir(os.path.join(src, "sub"))
		w("sub/inner.crt", certs[2])
		os.symlink("bundle.pem", os.path.join(src, "link-in.pem"))
		with open(os.path.join(outside, "out.pem"), "w") as f:
			f.write(certs[0])
		os.symlink(os.path.join(outside, "out.pem"), os.path.join(src, "link-out.pem"))
		os.symlink("nowhere.pem", os.path.join(src, "dangling.pem"))

		with cm.mounted(a.certfs, src) as m:
			def v(rel):
				return cm.value(os.path.join(m, rel))

			names = sorted(n for n in os.listdir(m) if n != ".by-sha256")
			ck.eq("root listing", names, sorted(["bundle.pem", "one-with-key.pem", "cert.der",
				"trusted.pem", "bad-der.pem", "bad-b64.pem", "bad.der", "sub", "link-in.pem", "crlf.pem",
				"link-out.pem"]))
			for gone in ("key.der", "key.pem", "notes.txt", "dangling.pem"):
				ck.ok(not os.path.lexists(os.path.join(m, gone)), "%s is not shown" % gone)
			# links leaving SOURCE are followed (ABI 2; test_links.py has the rest)
			ck.ok(cm.get(os.path.join(m, "link-out.pem/der")) == ders[0],
				"link-out.pem (link leaving SOURCE followed)/der")
			# bundle
			ck.eq("bundle.pem listing", cm.ls(os.path.join(m, "bundle.pem")),
				["0", "1", "2", "count"])
			ck.eq("bundle.pem/count", v("bundle.pem/count"), "3")
			for i in range(3):
				ck.eq("bundle.pem/%d/type" % i, v("bundle.pem/%d/type" % i), "certificate")
				ck.ok(cm.get(os.path.join(m, "bundle.pem/%d/der" % i)) == ders[i],
					"bundle.pem/%d/der is certificate %d of the file" % (i, i))
			ck.eq("bundle.pem/1/subject", v("bundle.pem/1/subject").split(",")[0],
				"CN=www.cryptography.io")
			ck.eq("link-in.pem/count (link inside SOURCE followed)", v("link-in.pem/count"), "3")
			# one object beside a key: fields directly inside
			ck.eq("one-with-key.pem/type", v("one-with-key.pem/type"), "certificate")
			ck.ok(not os.path.exists(os.path.join(m, "one-with-key.pem/count")),
				"one-with-key.pem has no count")
			ck.ok(cm.get(os.path.join(m, "one-with-key.pem/der")) == ders[0], "one-with-key.pem/der")
			ck.eq("cert.der/type", v("cert.der/type"), "certificate")
			ck.eq("cert.der/fingerprint/sha256", v("cert.der/fingerprint/sha256"),
				hashlib.sha256(ders[1]).hexdigest())
			ck.ok(cm.get(os.path.join(m, "crlf.pem/der")) == ders[1], "crlf.pem (CRLF line ends)/der")
			ck.eq("sub/inner.crt/type", v("sub/inner.crt/type"), "certificate")
			# TRUSTED CERTIFICATE: the certificate alone
			ck.eq("trusted.pem/type", v("trusted.pem/type"), "certificate")
			ck.ok(cm.get(os.path.join(m, "trusted.pem/der")) == ders[0],
				"trusted.pem/der is the certificate's TLV alone")
			ck.eq("trusted.pem/fingerprint/sha256", v("trusted.pem/fingerprint/sha256"),
				hashlib.sha256(ders[0]).hexdigest())
			# invalid objects
			for rel, hasder in (("bad-der.pem", True), ("bad-b64.pem", False), ("bad.der", True)):
				ck.eq(rel + "/type", v(rel + "/type"), "invalid")
				e = v(rel + "/error") or ""
				ck.ok(re.fullmatch(r"[^\n]+ at byte [0-9]+", e) is not None,
					"%s/error is one line '<reason> at byte <N>': %r" % (rel, e))
				ck.eq(rel + "/der exists", os.path.exists(os.path.join(m, rel, "der")), hasder)
			if os.path.exists(os.path.join(m, "bad-der.pem/der")):
				ck.ok(cm.get(os.path.join(m, "bad-der.pem/der")) == garbage, "bad-der.pem/der is the decoded bytes")
			if os.path.exists(os.path.join(m, "bad.der/der")):
				ck.ok(cm.get(os.path.join(m, "bad.der/der")) == bytes.fromhex("300b3002050030020500030100"),
					"bad.der/der is the file")
			# the key nowhere
			keyb64 = key.splitlines()[1].encode()
			hits = []
			for d, dirs, files in os.walk(m):
				for n in files:
					p = os.path.join(d, n)
					b = cm.get(p) or b""
					if b"PRIVATE KEY" in b or keyb64 in b or keyder[8:40] in b or rsakey[8:40] in b:
						hits.append(os.path.relpath(p, m))
			ck.eq("files holding (part of) a private key", hits, [])
			# /.by-sha256 has every object, and no key
			bs = os.path.join(m, ".by-sha256")
			links = sorted(os.listdir(bs)) if os.path.isdir(bs) else []
			for d in ders:
				h = hashlib.sha256(d).hexdigest()
				ck.ok(h in links, "/.by-sha256/%s present" % h)
			ck.ok(hashlib.sha256(keyder).hexdigest() not in links, "no /.by-sha256 entry for the key")
	finally:
		shutil.rmtree(src)
		shutil.rmtree(outside)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
