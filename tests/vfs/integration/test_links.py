#!/usr/bin/python3
"""test_links.py - symbolic links of SOURCE (docs/ABI.md 1.1, 1.5, 1.6):
links into another directory followed by default, as Debian's
/etc/ssl/certs needs (a store of links into a directory beside it; and
a real mount of /etc/ssl/certs, its *.pem entries counted against the
directory's); a loop of links, a link to a directory above it, and a
dangling link not shown; the object behind a link with its target's
mode; a change of a target outside SOURCE seen through the link, and by
/.by-sha256; -o nofollow shows only what lies inside SOURCE."""
import base64
import glob
import hashlib
import os
import re
import shutil
import stat
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm


def pem_der(b):
	m = re.search(rb"-----BEGIN CERTIFICATE-----\r?\n(.*?)-----END", b, re.S)
	return base64.b64decode(b"".join(m.group(1).split()))


def mode(path):
	try:
		return stat.S_IMODE(os.stat(path).st_mode)
	except OSError as e:
		return "<%s>" % e.strerror


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("links", a.verbose)
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	certs = {n: cm.read(os.path.join(seed, n)) for n in
		("good-ca.pem", "cryptography-io.pem", "signed-by-issuer-rsa4096.pem")}
	tmp = tempfile.mkdtemp(prefix="certfs-it-links-")
	try:
		# like /etc/ssl/certs -> /usr/share/ca-certificates/...
		share = os.path.join(tmp, "share", "mozilla")
		src = os.path.join(tmp, "certs")
		os.makedirs(share)
		os.makedirs(os.path.join(src, "local"))
		for n, b in certs.items():
			with open(os.path.join(share, n.replace(".pem", ".crt")), "wb") as f:
				f.write(b)
		os.chmod(os.path.join(share, "good-ca.crt"), 0o640)
		os.symlink(os.path.join(share, "good-ca.crt"), os.path.join(src, "good-ca.pem"))
		os.symlink("../share/mozilla/cryptography-io.crt", os.path.join(src, "cryptography-io.pem"))
		os.symlink("good-ca.pem", os.path.join(src, "5ad8a5d6.0"))   # a c_rehash link to a link
		os.symlink(share, os.path.join(src, "mozilla"))                # a directory outside
		with open(os.path.join(src, "local", "own.pem"), "wb") as f:
			f.write(certs["signed-by-issuer-rsa4096.pem"])
		os.symlink("local/own.pem", os.path.join(src, "inside.pem"))
		os.symlink("loop-b.pem", os.path.join(src, "loop-a.pem"))      # a loop of links
		os.symlink("loop-a.pem", os.path.join(src, "loop-b.pem"))
		os.symlink("..", os.path.join(src, "local", "up"))             # a loop of directories
		os.symlink(src, os.path.join(share, "back"))                   # back into SOURCE
		os.symlink(os.path.join(tmp, "nowhere.pem"), os.path.join(src, "dangling.pem"))
		shown = ["5ad8a5d6.0", "cryptography-io.pem", "good-ca.pem", "inside.pem", "local", "mozilla"]
		sha = {n: hashlib.sha256(pem_der(b)).hexdigest() for n, b in certs.items()}

		with cm.mounted(a.certfs, src) as m:
			names = sorted(n for n in os.listdir(m) if n != ".by-sha256")
			ck.eq("listing: links followed, the loop and the dangling link not", names, shown)
			for gone in ("loop-a.pem", "loop-b.pem", "dangling.pem", "local/up"):
				ck.ok(not os.path.lexists(os.path.join(m, gone)), "%s is not shown" % gone)
			ck.eq("good-ca.pem (link leaving SOURCE)/fingerprint/sha256",
				cm.value(os.path.join(m, "good-ca.pem/fingerprint/sha256")), sha["good-ca.pem"])
			ck.eq("5ad8a5d6.0 (link to a link)/fingerprint/sha256",
				cm.value(os.path.join(m, "5ad8a5d6.0/fingerprint/sha256")), sha["good-ca.pem"])
			# mozilla/back leads to SOURCE's root: a loop through a
			# directory outside, not shown
			ck.eq("mozilla/ (directory outside) listing", cm.ls(os.path.join(m, "mozilla")),
				["cryptography-io.crt", "good-ca.crt", "signed-by-issuer-rsa4096.crt"])
			ck.eq("good-ca.pem/subject mode: the target's read bits",
				mode(os.path.join(m, "good-ca.pem/subject")), 0o440)
			ck.eq("cryptography-io.pem/subject mode", mode(os.path.join(m, "cryptography-io.pem/subject")),
				mode(os.path.join(share, "cryptography-io.crt")) & 0o444)
			by = sorted(os.listdir(os.path.join(m, ".by-sha256")))
			ck.ok(set(sha.values()) <= set(by), "/.by-sha256 holds the objects behind the links")
			ck.ok(cm.value(os.path.join(m, "good-ca.pem/verify/signature")) in
				("valid", "invalid", "unknown-issuer", "unsupported-algorithm"),
				"verify/signature through a link leaving SOURCE")

			# the target outside changes: seen through the link, and by
			# /.by-sha256 at its next walk (ABI 1.6), within 2 s
			with open(os.path.join(share, "good-ca.crt.new"), "wb") as f:
				f.write(certs["signed-by-issuer-rsa4096.pem"])
			os.rename(os.path.join(share, "good-ca.crt.new"), os.path.join(share, "good-ca.crt"))
			want = sha["signed-by-issuer-rsa4096.pem"]
			deadline = time.monotonic() + 2.0
			got = None
			while time.monotonic() < deadline:
				got = cm.value(os.path.join(m, "good-ca.pem/fingerprint/sha256"))
				if got == want:
					break
				time.sleep(0.1)
			ck.eq("a change of the target outside SOURCE shows within 2 s", got, want)
			deadline = time.monotonic() + 2.0
			while time.monotonic() < deadline:
				links = {os.readlink(os.path.join(m, ".by-sha256", h))
					for h in os.listdir(os.path.join(m, ".by-sha256")) if h == want}
				if "../good-ca.pem" in links or "../5ad8a5d6.0" in links or \
						"../mozilla/good-ca.crt" in links:
					break
				time.sleep(0.1)
			ck.ok(want in os.listdir(os.path.join(m, ".by-sha256")),
				"/.by-sha256 sees the changed target")

		with cm.mounted(a.certfs, src, opts="nofollow") as m:
			names = sorted(n for n in os.listdir(m) if n != ".by-sha256")
			ck.eq("-o nofollow: only links inside SOURCE", names, ["inside.pem", "local"])
			ck.eq("-o nofollow: inside.pem/fingerprint/sha256",
				cm.value(os.path.join(m, "inside.pem/fingerprint/sha256")),
				sha["signed-by-issuer-rsa4096.pem"])

		# Debian's trust store: the first thing people mount
		etc = "/etc/ssl/certs"
		want = sorted(os.path.basename(p) for p in glob.glob(os.path.join(etc, "*.pem")))
		if not want:
			print("note: %s has no *.pem (ca-certificates not installed): not checked" % etc)
		else:
			with cm.mounted(a.certfs, etc) as m:
				got = sorted(os.path.basename(p) for p in glob.glob(os.path.join(m, "*.pem")))
				ck.eq("mount of %s: as many *.pem as `ls %s/*.pem | wc -l`" % (etc, etc),
					len(got), len(want))
				ck.eq("mount of %s: the same *.pem names" % etc, got, want)
				bad = [n for n in got if cm.value(os.path.join(m, n, "type")) != "certificate"]
				ck.eq("mount of %s: every *.pem a certificate" % etc, bad, [])
	finally:
		shutil.rmtree(tmp, ignore_errors=True)
	ck.finish()


if __name__ == "__main__":
	main()
