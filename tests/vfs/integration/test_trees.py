#!/usr/bin/python3
"""test_trees.py - mount whole real stores and read every file: the pyca
vectors' x509 tree, /etc/ssl/certs (and the bundle
/etc/ssl/certs/ca-certificates.crt mounted as a single file). `find` and
`cat` must run without an error, and every file must give exactly st_size
bytes (read fully, compared with lstat)."""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm


def find_cat(ck, m):
	r = subprocess.run(["find", m], capture_output=True, text=True)
	ck.eq("find %s: exit status (stderr %r)" % (m, r.stderr.strip()[:500]), r.returncode, 0)
	n = len(r.stdout.splitlines())
	r = subprocess.run("find '%s' -type f -exec cat {} + >/dev/null" % m, shell=True,
		capture_output=True, text=True)
	ck.eq("find %s -type f -exec cat: exit status (stderr %r)" % (m, r.stderr.strip()[:500]),
		r.returncode, 0)
	return n


def one(ck, certfs, src, label):
	if not os.path.exists(src):
		print("%s: absent, not mounted" % src)
		return
	t0 = time.monotonic()
	with cm.mounted(certfs, src) as m:
		n = find_cat(ck, m)
		fm = cm.Formats()
		nd, nf, nl = cm.walk(ck, m, formats=fm)
		fm.report(ck, label)
		print("%s: find lists %d paths; walked %d dirs, %d files, %d links in %.1f s"
			% (label, n, nd, nf, nl, time.monotonic() - t0), flush=True)
		ck.ok(nf > 0, "%s: the mount shows files" % label)
		if os.path.isfile(src):
			blocks = len(re.findall(rb"-----BEGIN CERTIFICATE-----", cm.read(src)))
			if blocks > 1:
				ck.eq("%s: count" % label, cm.value(os.path.join(m, "count")), str(blocks))


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("trees", a.verbose)
	if not os.path.isdir(a.vectors):
		print("SKIP: %s absent (python3-cryptography-vectors)" % a.vectors)
		sys.exit(cm.SKIP)
	one(ck, a.certfs, a.vectors, "vectors x509")
	one(ck, a.certfs, "/etc/ssl/certs", "/etc/ssl/certs")
	one(ck, a.certfs, "/etc/ssl/certs/ca-certificates.crt", "ca-certificates.crt")
	one(ck, a.certfs, "/usr/share/ca-certificates", "/usr/share/ca-certificates")
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
