#!/usr/bin/env python3
"""fstat() of a file opened before its source changed must give the size of
the version it reads (docs/ABI.md 1.6).

Deterministic: open a.pem/der and read it; replace a.pem with a
certificate of another size; wait past the revalidation and attribute
timeouts; stat() the same path (the kernel now caches the new version's
size for attr_timeout); at once fstat() the old descriptor and read it
again from offset 0. The read gives the old version (the handle holds its
snapshot); fstat() must give that version's size too. Five rounds, each
way round.

Each version of a file is its own inode (vfs/inode.h): with one inode per
path (libfuse's high-level API, which certfs used at first), the kernel kept one
set of attributes per path, and this failed 5 rounds out of 5.
"""
import os
import shutil
import tempfile
import time

import cfsmount as cm

ROUNDS = 5
SETTLE = 1.1	# > revalidation (0.4 s) + attr/entry timeouts (0.4 s)


def replace(path, data):
	tmp = path + ".tmp"
	with open(tmp, "wb") as f:
		f.write(data)
	os.rename(tmp, path)


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("fstat-race", a.verbose)
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	vers = [open(os.path.join(seed, n), "rb").read() for n in ("good-ca.pem", "cryptography-io.pem")]
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	try:
		replace(os.path.join(src, "a.pem"), vers[0])
		with cm.mounted(a.certfs, src) as m:
			der = os.path.join(m, "a.pem", "der")
			bad = []
			for r in range(ROUNDS):
				old = cm.get(der)
				with open(der, "rb") as f:
					first = f.read()
					replace(os.path.join(src, "a.pem"), vers[(r + 1) % 2])
					time.sleep(SETTLE)
					new_size = os.stat(der).st_size
					st = os.fstat(f.fileno())
					again = os.pread(f.fileno(), len(first) + 4096, 0)
				ck.ok(first == old and again == old, "round %d: the open file keeps reading "
					"its version (%d bytes), got %d then %d" % (r, len(old), len(first), len(again)))
				ck.ok(new_size != len(old), "round %d: the test needs versions of different "
					"sizes (%d, %d)" % (r, len(old), new_size))
				if st.st_size != len(again):
					bad.append("round %d: fstat st_size %d, read %d" % (r, st.st_size, len(again)))
			print("fstat after replacement: %d of %d rounds wrong%s"
				% (len(bad), ROUNDS, (": " + "; ".join(bad)) if bad else ""))
			ck.ok(not bad, "fstat() of the open file gives the size read returns "
				"(ABI 1.6 'st_size is always the exact number of bytes read returns'): %s" % bad)
	finally:
		shutil.rmtree(src, ignore_errors=True)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
