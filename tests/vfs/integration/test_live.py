#!/usr/bin/python3
"""test_live.py - a file added, changed (in place and by rename over it),
renamed or removed in SOURCE shows in the mount within 1 s (docs/ABI.md
1.6). Each change is checked after 1.1 s: a functional bound of the spec,
not a benchmark. Also: a file opened before a change keeps reading the
value it had when opened; verify/ follows the store (an issuer added)."""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm

WAIT = 1.1


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("live", a.verbose)
	# by default SOURCE (a local filesystem here) is watched with inotify
	# and names are trusted until a change; -o noinotify re-asks every 0.4 s
	for opts in (None, "noinotify"):
		ck.prefix = "[-o %s] " % opts if opts else ""
		run(a, ck, opts)
	ck.finish()


def run(a, ck, opts):
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	good = open(os.path.join(seed, "good-ca.pem")).read()
	cio = open(os.path.join(seed, "cryptography-io.pem")).read()
	crl = open(os.path.join(seed, "crl-version-2.pem")).read()
	ta = os.path.join(a.vectors, "PKITS_data", "certs", "TrustAnchorRootCertificate.crt")
	GOOD = "CN=Good CA,O=Test Certificates 2011,C=US"
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	try:
		def w(name, data, mode="w"):
			with open(os.path.join(src, name), mode) as f:
				f.write(data)

		w("a.pem", good)
		os.symlink("a.pem", os.path.join(src, "l.pem"))
		with cm.mounted(a.certfs, src, opts=opts) as m:
			def v(rel):
				return cm.value(os.path.join(m, rel))

			def exists(rel):
				return os.path.lexists(os.path.join(m, rel))

			ck.eq("a.pem/subject at mount", v("a.pem/subject"), GOOD)
			ck.ok(not exists("b.pem"), "b.pem absent before it is added")
			ck.eq("a.pem/verify/signature before the issuer exists",
				v("a.pem/verify/signature"), "unknown-issuer")
			held = open(os.path.join(m, "a.pem/subject"), "rb")
			# listed twice: the kernel may keep an object directory's listing
			for _ in range(2):
				ck.ok("subject_alternative_name" not in os.listdir(os.path.join(m, "a.pem/extensions")),
					"a.pem/extensions (Good CA) lists no subject_alternative_name")

			# add
			w("b.pem", cio)
			time.sleep(WAIT)
			ck.ok(exists("b.pem"), "added b.pem visible after %.1f s" % WAIT)
			ck.eq("b.pem/type", v("b.pem/type"), "certificate")
			ck.ok((v("b.pem/subject") or "").startswith("CN=www.cryptography.io"),
				"b.pem/subject after add: %r" % v("b.pem/subject"))
			ck.ok("b.pem" in os.listdir(m), "b.pem in readdir of the root")

			# change in place (another certificate)
			w("a.pem", cio)
			time.sleep(WAIT)
			ck.ok((v("a.pem/subject") or "").startswith("CN=www.cryptography.io"),
				"a.pem/subject after rewriting in place: %r" % v("a.pem/subject"))
			ck.ok((v("l.pem/subject") or "").startswith("CN=www.cryptography.io"),
				"l.pem (a symlink to a.pem)/subject follows: %r" % v("l.pem/subject"))
			ck.eq("held a.pem/subject (opened before the change)", held.read().decode(), GOOD + "\n")
			ck.ok("subject_alternative_name" in os.listdir(os.path.join(m, "a.pem/extensions")),
				"a.pem/extensions lists the new certificate's subject_alternative_name")
			held.close()

			# change by rename over it (what editors and package managers do)
			w("a.pem.new", good)
			os.rename(os.path.join(src, "a.pem.new"), os.path.join(src, "a.pem"))
			time.sleep(WAIT)
			ck.eq("a.pem/subject after atomic replace", v("a.pem/subject"), GOOD)
			ck.ok(not exists("a.pem.new"), "a.pem.new gone after the rename")

			# one object -> a bundle of two, and a CRL in its place
			w("a.pem", good + cio)
			time.sleep(WAIT)
			ck.eq("a.pem/count after it became a bundle", v("a.pem/count"), "2")
			ck.eq("a.pem listing as a bundle", sorted(os.listdir(os.path.join(m, "a.pem"))),
				["0", "1", "count"])
			ck.ok(not exists("a.pem/subject"), "a.pem/subject gone once a bundle")
			w("a.pem", crl)
			time.sleep(WAIT)
			ck.eq("a.pem/type after becoming a CRL", v("a.pem/type"), "crl")
			ck.ok("count" not in os.listdir(os.path.join(m, "a.pem")) and
				"revoked_count" in os.listdir(os.path.join(m, "a.pem")), "a.pem listing as a CRL")
			ck.ok(not exists("a.pem/count"), "a.pem/count gone again")

			# rename
			os.rename(os.path.join(src, "b.pem"), os.path.join(src, "c.pem"))
			time.sleep(WAIT)
			ck.ok(not exists("b.pem"), "renamed-away b.pem gone")
			ck.ok(exists("c.pem") and (v("c.pem/subject") or "").startswith("CN=www.cryptography.io"),
				"renamed-to c.pem visible")

			# a new directory with a file in it
			os.mkdir(os.path.join(src, "sub"))
			w("sub/x.pem", good)
			time.sleep(WAIT)
			ck.eq("sub/x.pem/subject (new directory)", v("sub/x.pem/subject"), GOOD)

			# verify/ follows the store: the issuer of Good CA arrives
			if os.path.exists(ta):
				ck.ok("issuer" not in os.listdir(os.path.join(m, "sub/x.pem/verify")),
					"sub/x.pem/verify lists no issuer before it is added")
				shutil.copy(ta, os.path.join(src, "ta.crt"))
				time.sleep(WAIT)
				ck.eq("sub/x.pem/verify/signature after its issuer was added",
					v("sub/x.pem/verify/signature"), "valid")
				try:
					ck.eq("sub/x.pem/verify/issuer", os.readlink(os.path.join(m, "sub/x.pem/verify/issuer")),
						"../../../ta.crt")
				except OSError as e:
					ck.ok(False, "readlink sub/x.pem/verify/issuer: %s" % e)
				ck.eq("sub/x.pem/verify/chain", v("sub/x.pem/verify/chain"), "sub/x.pem\nta.crt")
				ck.ok("issuer" in os.listdir(os.path.join(m, "sub/x.pem/verify")),
					"sub/x.pem/verify lists the issuer once it is added")
				os.unlink(os.path.join(src, "ta.crt"))
				time.sleep(WAIT)
				ck.eq("sub/x.pem/verify/signature after its issuer was removed",
					v("sub/x.pem/verify/signature"), "unknown-issuer")

			# a burst of changes (more than watch.h's CFS_SETTLE_MAX names),
			# then one more: still seen in time
			# (in the root, which is watched: every one is an event)
			for i in range(1500):
				w("burst-%d.txt" % i, "not a certificate\n")
			w("a.pem", cio)
			time.sleep(WAIT)
			ck.ok((v("a.pem/subject") or "").startswith("CN=www.cryptography.io"),
				"a.pem/subject after a burst of 1,500 other changes: %r" % v("a.pem/subject"))
			w("a.pem", crl)
			for i in range(1500):
				os.unlink(os.path.join(src, "burst-%d.txt" % i))
			time.sleep(WAIT)
			ck.eq("a.pem/type after the burst", v("a.pem/type"), "crl")

			# remove
			os.unlink(os.path.join(src, "c.pem"))
			shutil.rmtree(os.path.join(src, "sub"))
			time.sleep(WAIT)
			ck.ok(not exists("c.pem"), "removed c.pem gone")
			ck.ok(not exists("sub"), "removed sub/ gone")
			ck.eq("root listing at the end", sorted(n for n in os.listdir(m) if n != ".by-sha256"),
				["a.pem", "l.pem"])
	finally:
		shutil.rmtree(src)


if __name__ == "__main__":
	cm.run(main)
