#!/usr/bin/python3
"""test_replace.py - SOURCE itself replaced (issue 13, item 8; docs/ABI.md
1.6): removed and made again, swapped by renames (the old one renamed
away, the new one renamed into its path, as deploy tools do), or swapped
in one atomic rename (renameat2 RENAME_EXCHANGE). With inotify the kernel
trusts names for a minute, and watches follow directories, not paths:
the mount must notice that SOURCE's path holds another directory, show
it, and go on showing its changes, each within BOUND seconds. A bound of
the spec's order (a second), polled, not a benchmark."""
import ctypes
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm

BOUND = 2.0
POLL = 0.05
RENAME_EXCHANGE = 2


def exchange(a, b):
	"""renameat2(a, b, RENAME_EXCHANGE); False where the C library or
	the filesystem lacks it."""
	libc = ctypes.CDLL(None, use_errno=True)
	f = getattr(libc, "renameat2", None)
	if f is None:
		return False
	AT_FDCWD = -100
	return f(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0


def shows(ck, what, fn, want):
	"""Polls fn() until it gives want, at most BOUND seconds: one check,
	with the time it took."""
	t0 = time.monotonic()
	got = fn()
	while got != want and time.monotonic() - t0 < BOUND:
		time.sleep(POLL)
		got = fn()
	took = time.monotonic() - t0
	ck.ok(got == want, "%s within %.1f s: got %r, want %r (%.2f s)" % (what, BOUND, got, want, took))
	return took


def fill(d, files):
	os.makedirs(os.path.join(d, "sub"), exist_ok=True)
	for rel, data in files.items():
		with open(os.path.join(d, rel), "w") as f:
			f.write(data)


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("replace", a.verbose)
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	good = open(os.path.join(seed, "good-ca.pem")).read()
	cio = open(os.path.join(seed, "cryptography-io.pem")).read()
	crl = open(os.path.join(seed, "crl-version-2.pem")).read()
	GOOD = "CN=Good CA,O=Test Certificates 2011,C=US"
	CIO = "certificate"
	times = []
	for how in ("remove-and-make", "rename-swap", "exchange", "noinotify"):
		ck.prefix = "[%s] " % how
		top = tempfile.mkdtemp(prefix="certfs-it-replace-")
		src = os.path.join(top, "src")
		os.mkdir(src)
		fill(src, {"a.pem": good, "sub/x.pem": good})
		try:
			with cm.mounted(a.certfs, src, opts="noinotify" if how == "noinotify" else None) as m:
				def v(rel):
					return cm.value(os.path.join(m, rel))

				def subject_of(rel):
					return lambda: v(rel + "/subject")

				def type_of(rel):
					return lambda: v(rel + "/type")

				# looked up, so the kernel holds them; again once the
				# root's watch is in place (and the first answers,
				# trusted briefly, expired): now it trusts them
				ck.eq("a.pem/subject at mount", v("a.pem/subject"), GOOD)
				time.sleep(0.6)
				ck.eq("a.pem/subject", v("a.pem/subject"), GOOD)
				ck.eq("sub/x.pem/subject", v("sub/x.pem/subject"), GOOD)

				new = os.path.join(top, "new")
				files = {"a.pem": cio, "sub/x.pem": cio, "b.pem": good}
				if how in ("remove-and-make", "noinotify"):
					shutil.rmtree(src)
					os.mkdir(src)
					fill(src, files)
				else:
					os.mkdir(new)
					fill(new, files)
				if how == "rename-swap":
					os.rename(src, os.path.join(top, "old"))
					os.rename(new, src)
				elif how == "exchange":
					if not exchange(new, src):
						print("note: no renameat2 RENAME_EXCHANGE here: swapped by renames")
						os.rename(src, os.path.join(top, "old"))
						os.rename(new, src)
				cio_subject = lambda rel: (v(rel + "/subject") or "").startswith("CN=www.cryptography.io")
				times.append(shows(ck, "a.pem shows the new SOURCE's", lambda: cio_subject("a.pem"), True))
				shows(ck, "sub/x.pem shows the new SOURCE's", lambda: cio_subject("sub/x.pem"), True)
				shows(ck, "b.pem (only in the new SOURCE)", subject_of("b.pem"), GOOD)

				# the new SOURCE is watched: its changes show too
				with open(os.path.join(src, "a.pem"), "w") as f:
					f.write(crl)
				times.append(shows(ck, "a.pem rewritten in the new SOURCE", type_of("a.pem"), "crl"))
				with open(os.path.join(src, "sub", "x.pem"), "w") as f:
					f.write(crl)
				times.append(shows(ck, "sub/x.pem rewritten in the new SOURCE", type_of("sub/x.pem"), "crl"))
				with open(os.path.join(src, "c.pem"), "w") as f:
					f.write(cio)
				shows(ck, "c.pem added to the new SOURCE", type_of("c.pem"), CIO)
				os.unlink(os.path.join(src, "b.pem"))
				shows(ck, "b.pem removed from the new SOURCE",
					lambda: os.path.lexists(os.path.join(m, "b.pem")), False)
				# and the old one, wherever it went, is not shown
				old = os.path.join(top, "old" if os.path.isdir(os.path.join(top, "old")) else "new")
				if os.path.isdir(old):
					with open(os.path.join(old, "a.pem"), "w") as f:
						f.write(good)
					time.sleep(1.0)
					ck.eq("a.pem after a change in the old SOURCE", v("a.pem/type"), "crl")
		finally:
			shutil.rmtree(top)
	ck.prefix = ""
	if times:
		print("replace: slowest change %.2f s, bound %.1f s" % (max(times), BOUND))
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
