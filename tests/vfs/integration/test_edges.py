#!/usr/bin/python3
"""test_edges.py - the rough edges of issue 18 (docs/ABI.md 1.1-1.3, 4;
certfs.1): a single-file mount's verify/issuer stays inside the mount and
it has /.by-sha256; DER that looks like an object but fails shows as
invalid (cut short, trailing bytes), DER followed by a newline reads as
openssl reads it, DER keys stay hidden; a single file with no object says
why on stderr; bad -o numbers and a mount over a certfs mount are refused
with a precise message; verify/expires_in, live, and the README's
one-line listing of what expires within 30 days."""
import datetime
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm

DER = serialization.Encoding.DER
PEM = serialization.Encoding.PEM


def name(cn):
	return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_cert(cn, key, issuer_cn, issuer_key, before, after, ca=False):
	b = (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(name(issuer_cn))
		.public_key(key.public_key()).serial_number(x509.random_serial_number())
		.not_valid_before(before).not_valid_after(after)
		.add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
	return b.sign(issuer_key, hashes.SHA256())


def run(cmd, timeout=10):
	try:
		return subprocess.run(cmd, capture_output=True, text=True, errors="replace",
			timeout=timeout)
	except subprocess.TimeoutExpired:
		return None


def refused(ck, what, cmd, mnt, words):
	r = run(cmd)
	if r is None:
		ck.ok(False, "%s: did not exit within 10 s" % what)
		cm.unmount(mnt)
		return
	ck.ok(r.returncode != 0, "%s: non-zero exit (got %d)" % (what, r.returncode))
	msg = r.stderr.strip()
	ck.ok(all(w in msg for w in words), "%s: message naming %r: %r" % (what, words, msg[:300]))
	ck.ok("not an empty directory" not in msg, "%s: not 'not an empty directory': %r" % (what, msg[:300]))


def single_file(ck, a, tmp, ca, ca_der, leaves):
	"""A self-signed certificate mounted alone, then a bundle."""
	path = os.path.join(tmp, "ca.pem")
	with open(path, "wb") as f:
		f.write(ca.public_bytes(PEM))
	with cm.mounted(a.certfs, path) as m:
		link = os.path.join(m, "verify", "issuer")
		ck.eq("single file: verify/signature", cm.value(os.path.join(m, "verify/signature")), "valid")
		ck.eq("single file: verify/issuer resolves to the mount root",
			os.path.realpath(link), os.path.realpath(m))
		ck.eq("single file: verify/issuer/subject", cm.value(os.path.join(link, "subject")), "CN=Test CA")
		ck.eq("single file: verify/chain", cm.value(os.path.join(m, "verify/chain")), ".")
		h = hashlib.sha256(ca_der).hexdigest()
		ck.eq("single file: /.by-sha256 listing", cm.ls(os.path.join(m, ".by-sha256")), [h])
		ck.ok(".by-sha256" in os.listdir(m), "single file: the root lists .by-sha256")
		ck.eq("single file: /.by-sha256/<sha> resolves to the root",
			os.path.realpath(os.path.join(m, ".by-sha256", h)), os.path.realpath(m))
		ck.eq("single file: /.by-sha256/<sha>/subject",
			cm.value(os.path.join(m, ".by-sha256", h, "subject")), "CN=Test CA")
	bundle = os.path.join(tmp, "bundle.pem")
	ders = [ca_der] + [c.public_bytes(DER) for c in leaves]
	with open(bundle, "wb") as f:
		f.write(b"".join(c.public_bytes(PEM) for c in [ca] + leaves))
	with cm.mounted(a.certfs, bundle) as m:
		bs = os.path.join(m, ".by-sha256")
		ck.eq("bundle file: /.by-sha256 listing", cm.ls(bs),
			sorted(hashlib.sha256(d).hexdigest() for d in ders))
		for i, d in enumerate(ders):
			h = hashlib.sha256(d).hexdigest()
			ck.eq("bundle file: /.by-sha256/<sha of %d>" % i,
				os.path.realpath(os.path.join(bs, h)), os.path.realpath(os.path.join(m, str(i))))
		ck.eq("bundle file: 1/verify/issuer resolves to 0",
			os.path.realpath(os.path.join(m, "1/verify/issuer")), os.path.realpath(os.path.join(m, "0")))
		ck.eq("bundle file: 0/verify/issuer (self-signed) resolves to 0",
			os.path.realpath(os.path.join(m, "0/verify/issuer")), os.path.realpath(os.path.join(m, "0")))


def der_files(ck, a, tmp, ca_der, key):
	"""The DER rule: what looks like a signed object is shown, invalid if
	it fails; keys never."""
	d = os.path.join(tmp, "der")
	os.mkdir(d)
	files = {
		"good.der": ca_der,
		"newline.der": ca_der + b"\n",
		"crlf.der": ca_der + b"\r\n",
		"cut.der": ca_der[:len(ca_der) // 2],
		"junk.der": ca_der + b"junk",
		"key.der": key.private_bytes(DER, serialization.PrivateFormat.PKCS8,
			serialization.NoEncryption()),
		"enckey.der": key.private_bytes(DER, serialization.PrivateFormat.PKCS8,
			serialization.BestAvailableEncryption(b"secret")),
		"pub.der": key.public_key().public_bytes(DER, serialization.PublicFormat.SubjectPublicKeyInfo),
	}
	files["enckey-cut.der"] = files["enckey.der"][:40]
	files["key-cut.der"] = files["key.der"][:30]
	for n, b in files.items():
		with open(os.path.join(d, n), "wb") as f:
			f.write(b)
	# the oracle: openssl reads a DER certificate followed by a newline
	r = run(["openssl", "x509", "-inform", "DER", "-in", os.path.join(d, "newline.der"),
		"-outform", "DER"])
	ck.ok(r is not None and r.returncode == 0, "openssl x509 -inform DER reads newline.der")
	with cm.mounted(a.certfs, d) as m:
		ck.eq("DER listing: keys hidden", sorted(n for n in os.listdir(m) if n != ".by-sha256"),
			["crlf.der", "cut.der", "good.der", "junk.der", "newline.der"])
		for n in ("newline.der", "crlf.der"):
			ck.eq(n + "/type", cm.value(os.path.join(m, n, "type")), "certificate")
			ck.ok(cm.get(os.path.join(m, n, "der")) == ca_der, n + "/der is the certificate alone")
		for n in ("cut.der", "junk.der"):
			ck.eq(n + "/type", cm.value(os.path.join(m, n, "type")), "invalid")
			err = cm.value(os.path.join(m, n, "error")) or ""
			ck.ok(re.fullmatch(r".+ at byte [0-9]+", err) is not None, "%s/error: %r" % (n, err))
		secret = files["key.der"][-32:]
		for root, dirs, fs in os.walk(m):
			for f in fs:
				b = cm.get(os.path.join(root, f)) or b""
				if secret in b or files["enckey.der"][-32:] in b:
					ck.ok(False, "a key's bytes in %s" % os.path.join(root, f))


def no_object(ck, a, tmp, key):
	"""A single file with no object: mounted, with a warning saying why."""
	for n, content, why in (
			("key.pem", key.private_bytes(PEM, serialization.PrivateFormat.PKCS8,
				serialization.NoEncryption()), "PRIVATE KEY"),
			("empty.pem", b"", "empty"),
			("key.der", key.private_bytes(DER, serialization.PrivateFormat.PKCS8,
				serialization.NoEncryption()), "DER")):
		path = os.path.join(tmp, n)
		with open(path, "wb") as f:
			f.write(content)
		mnt = tempfile.mkdtemp(prefix="certfs-it-")
		log = tempfile.TemporaryFile()
		p = subprocess.Popen([a.certfs, path, mnt, "-f"], stdin=subprocess.DEVNULL, stdout=log, stderr=log)
		try:
			deadline = time.monotonic() + cm.MOUNT_WAIT
			while not cm.is_mounted(mnt) and p.poll() is None and time.monotonic() < deadline:
				time.sleep(0.02)
			ck.ok(cm.is_mounted(mnt), "%s: mounted all the same" % n)
			time.sleep(0.1)
			log.seek(0)
			msg = log.read().decode(errors="replace")
			ck.ok("holds no certificate, CRL or CSR" in msg and why in msg,
				"%s: stderr says why (%s): %r" % (n, why, msg[:300]))
		finally:
			cm.unmount(mnt)
			try:
				p.wait(timeout=10)
			except subprocess.TimeoutExpired:
				p.kill()
				p.wait()
			log.close()
			os.rmdir(mnt)


def options(ck, a, tmp, store):
	mnt = tempfile.mkdtemp(prefix="certfs-it-")
	try:
		for v in ("-5", "0", "12x", "", "1e3", "99999999999999999999"):
			refused(ck, "-o cache_size=%s" % v, [a.certfs, store, mnt, "-f", "-o", "cache_size=" + v],
				mnt, ["cache_size=" + v, "from 1 to"])
			ck.ok(not cm.is_mounted(mnt), "-o cache_size=%s: nothing mounted" % v)
		refused(ck, "-o spin=-1", [a.certfs, store, mnt, "-f", "-o", "spin=-1"], mnt, ["spin=-1", "from 0 to"])
		with cm.mounted(a.certfs, store, mnt=mnt):
			refused(ck, "mount over a certfs mount", [a.certfs, store, mnt, "-f"], mnt,
				["already a certfs mount", "fusermount3 -u"])
			ck.ok(cm.is_mounted(mnt) and len(os.listdir(mnt)) > 0, "the first mount still serves")
	finally:
		cm.unmount(mnt)
		os.rmdir(mnt)


def expiry(ck, a, tmp, store, notafter):
	with cm.mounted(a.certfs, store) as m:
		now = time.time()
		for n, t in notafter.items():
			v = cm.value(os.path.join(m, n, "verify/expires_in"))
			ok = v is not None and re.fullmatch(r"-?[0-9]+", v) is not None
			ck.ok(ok and abs(int(v) - (t - now)) <= 2, "%s/verify/expires_in %r, want %d (+-2)" %
				(n, v, t - now))
		v1 = cm.value(os.path.join(m, "soon.pem/verify/expires_in"))
		time.sleep(2.1)
		v2 = cm.value(os.path.join(m, "soon.pem/verify/expires_in"))
		ck.ok(v1 and v2 and int(v1) - int(v2) >= 1, "expires_in is live: %r then %r, 2 s later" % (v1, v2))
		ck.ok(int(cm.value(os.path.join(m, "expired.pem/verify/expires_in")) or 0) < 0,
			"expired.pem: expires_in negative")
		# the README's line, as written there, over this mount
		readme = open(os.path.join(a.srcdir, "README.md")).read()
		line = re.search(r"^(find /mnt .*expires_in.*?\+)", readme, re.M)
		if not ck.ok(line is not None, "README shows the 30-day find line"):
			return
		cmd = line.group(1).replace("/mnt", m, 1)
		r = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, timeout=60)
		got = sorted(os.path.relpath(p, m) for p in r.stdout.split())
		ck.eq("README's 30-day line lists what expires within 30 days (or has)", got,
			["expired.pem/verify/expires_in", "soon.pem/verify/expires_in"])


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("edges", a.verbose)
	tmp = tempfile.mkdtemp(prefix="certfs-it-edges-")
	try:
		now = datetime.datetime.utcnow().replace(microsecond=0)
		day = datetime.timedelta(days=1)
		cakey = ec.generate_private_key(ec.SECP256R1())
		ca = make_cert("Test CA", cakey, "Test CA", cakey, now - day, now + 3650 * day, ca=True)
		lkey = ec.generate_private_key(ec.SECP256R1())
		soon = make_cert("soon", lkey, "Test CA", cakey, now - day, now + 10 * day)
		expired = make_cert("expired", lkey, "Test CA", cakey, now - 40 * day, now - 3 * day)
		later = make_cert("later", lkey, "Test CA", cakey, now - day, now + 90 * day)
		store = os.path.join(tmp, "store")
		os.mkdir(store)
		epoch = datetime.datetime(1970, 1, 1)
		notafter = {}
		for n, c in (("ca.pem", ca), ("soon.pem", soon), ("expired.pem", expired), ("later.pem", later)):
			with open(os.path.join(store, n), "wb") as f:
				f.write(c.public_bytes(PEM))
			notafter[n] = (c.not_valid_after - epoch).total_seconds()
		single_file(ck, a, tmp, ca, ca.public_bytes(DER), [soon, later])
		der_files(ck, a, tmp, ca.public_bytes(DER), lkey)
		no_object(ck, a, tmp, lkey)
		options(ck, a, tmp, store)
		expiry(ck, a, tmp, store, notafter)
	finally:
		shutil.rmtree(tmp, ignore_errors=True)
	ck.finish()


if __name__ == "__main__":
	main()
