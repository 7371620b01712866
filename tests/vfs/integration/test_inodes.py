#!/usr/bin/env python3
"""test_inodes.py - one inode per version (docs/ABI.md 1.6), at its edges:

- the root stays a directory when SOURCE is briefly gone before the first
  stat (a root of another type would be a bad inode until unmount);
- a /.by-sha256 link follows its object when the object's file is renamed
  (the kernel caches a link's target per inode);
- a descriptor opened on an old version and reopened through
  /proc/self/fd (which the kernel cannot look up again) still opens, and
  its fstat() size is what it reads;
- an open file whose pages the kernel dropped still reads its version,
  after many other versions left the store's cache, after its source
  was removed, and (a bundle's count) after its bundle grew;
- a file that became a directory in SOURCE's place is looked up anew.
"""
import hashlib
import os
import shutil
import tempfile
import time

from cryptography import x509

import cfsmount as cm

SETTLE = 1.1
RETIRED = 64           # vfs/store_inner.h RETIRED_MAX


def replace(path, data):
	tmp = path + ".tmp"
	with open(tmp, "wb") as f:
		f.write(data)
	os.rename(tmp, path)


def der_of(pem):
	import base64
	body = b"".join(l for l in pem.splitlines() if l and not l.startswith(b"-----"))
	return base64.b64decode(body)


def open_then_replace(m, src, data):
	"""Opens a.pem/der and reads it, then replaces a.pem with data and
	waits until the mount shows the new version: (fd, the bytes read)."""
	p = os.path.join(m, "a.pem", "der")
	fd = os.open(p, os.O_RDONLY)
	try:
		old = os.pread(fd, 1 << 16, 0)
		replace(os.path.join(src, "a.pem"), data)
		time.sleep(SETTLE)
		os.stat(p)
	except BaseException:
		os.close(fd)
		raise
	return fd, old


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("inodes", a.verbose)
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	good = open(os.path.join(seed, "good-ca.pem"), "rb").read()
	cio = open(os.path.join(seed, "cryptography-io.pem"), "rb").read()
	top = tempfile.mkdtemp(prefix="certfs-it-inodes-")
	try:
		src = os.path.join(top, "src")
		os.mkdir(src)
		replace(os.path.join(src, "a.pem"), good)
		with cm.mounted(a.certfs, src) as m:
			# the root while SOURCE is away, before anything was asked
			os.rename(src, src + ".away")
			try:
				os.stat(m)
				gone = None
			except OSError as e:
				gone = e
			os.rename(src + ".away", src)
			time.sleep(SETTLE)
			try:
				ok = os.path.isdir(m) and "a.pem" in os.listdir(m)
				why = ""
			except OSError as e:
				ok, why = False, str(e)
			ck.ok(ok, "root usable once SOURCE is back (stat while away: %s) %s" % (gone, why))

			# a /.by-sha256 link follows a rename of its file
			hexd = hashlib.sha256(der_of(good)).hexdigest()
			link = os.path.join(m, ".by-sha256", hexd)
			ck.eq("by-sha256 link before", os.readlink(link), "../a.pem")
			for name, back in (("b.pem", "a.pem"), ("a.pem", "b.pem")):
				os.rename(os.path.join(src, back), os.path.join(src, name))
				deadline = time.monotonic() + 3 * SETTLE
				target = None
				while time.monotonic() < deadline:
					try:
						target = os.readlink(link)
					except OSError as e:
						target = str(e)
					if target == "../" + name:
						break
					time.sleep(0.05)
				ck.eq("by-sha256 link after renaming the file to " + name, target, "../" + name)
				ck.eq("subject through the link", cm.value(os.path.join(link, "subject")),
					"CN=Good CA,O=Test Certificates 2011,C=US")

			# A link looked up before its target moved, read after: the
			# kernel caches what readlink says per inode, so readlink
			# must never give an inode another version's target (timed
			# to the revalidation period, CFS_REVALIDATE = 0.4 s).
			def until(t):
				while time.monotonic() < t:
					time.sleep(0.005)
			sha_dir = os.path.join(m, ".by-sha256")
			cur = "a.pem"
			for r in range(3):
				# a name never shown before: a link inode nothing cached
				here = "r%d.pem" % r
				os.rename(os.path.join(src, cur), os.path.join(src, here))
				cur = here
				time.sleep(SETTLE)
				os.listdir(sha_dir)
				w = time.monotonic()
				until(w + 0.3)
				os.lstat(link)
				os.rename(os.path.join(src, here), os.path.join(src, "moved.pem"))
				until(w + 0.62)
				os.listdir(sha_dir)
				try:
					mid = os.readlink(link)
				except OSError as e:
					mid = str(e)
				if a.verbose:
					print("round %d: readlink while moved: %s" % (r, mid))
				os.rename(os.path.join(src, "moved.pem"), os.path.join(src, here))
				time.sleep(2 * SETTLE)
				try:
					got = os.readlink(link)
				except OSError as e:
					got = str(e)
				ck.eq("round %d: by-sha256 link after its file moved away and back" % r, got,
					"../" + here)
			os.rename(os.path.join(src, cur), os.path.join(src, "a.pem"))
			time.sleep(SETTLE)

			# an old descriptor reopened through /proc/self/fd
			fd, old = open_then_replace(m, src, cio)
			try:
				try:
					with open("/proc/self/fd/%d" % fd, "rb") as f:
						st = os.fstat(f.fileno())
						b = f.read()
					ck.ok(b in (old, der_of(cio)), "reopened old descriptor reads a whole version")
					ck.eq("reopened old descriptor: fstat size = bytes read", st.st_size, len(b))
				except OSError as e:
					ck.ok(False, "reopen of an old descriptor through /proc/self/fd: %s" % e)
				ck.eq("the old descriptor still reads its version", os.pread(fd, 1 << 16, 0), old)
			finally:
				os.close(fd)

			# An open file whose pages the kernel dropped reads its own
			# version again, whatever happened since its first read: its
			# source changed and more than RETIRED_MAX = 64 other
			# versions left the store's cache, its source is gone, or
			# (a bundle's count) its file holds more objects now.
			def pread_or_error(fd):
				os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
				try:
					return os.pread(fd, 1 << 16, 0)
				except OSError as e:
					return str(e)

			def shown(b):
				return b if isinstance(b, str) else "%d bytes" % len(b)

			names = ["f%d.pem" % i for i in range(RETIRED + 6)]

			def churn():
				"""Two versions of each of names, looked up: more
				than RETIRED_MAX snapshots leave the cache."""
				for data in (good, cio):
					for n in names:
						replace(os.path.join(src, n), data)
					time.sleep(SETTLE)
					for n in names:
						os.stat(os.path.join(m, n, "der"))

			replace(os.path.join(src, "a.pem"), good)
			time.sleep(SETTLE)
			fd, old = open_then_replace(m, src, cio)
			try:
				churn()
				got = pread_or_error(fd)
				ck.ok(got == old, "dropped pages after a change and %d more versions: %s"
					% (len(names), shown(got)))
				ck.eq("its fstat size", os.fstat(fd).st_size, len(old))
			finally:
				os.close(fd)
			for n in names:
				os.unlink(os.path.join(src, n))

			# A small file looked up but not read yet (open: no request,
			# files are not opened in the daemon) keeps the version it
			# was looked up as: its first read comes after its source
			# changed and more than RETIRED_MAX other versions left the
			# store's cache, and gives that version's bytes (it was
			# ESTALE: the bytes were taken at the first read).
			replace(os.path.join(src, "a.pem"), good)
			time.sleep(SETTLE)
			want = (x509.load_pem_x509_certificate(good).subject.rfc4514_string()
				+ "\n").encode()
			fd = os.open(os.path.join(m, "a.pem", "subject"), os.O_RDONLY)
			try:
				replace(os.path.join(src, "a.pem"), cio)
				time.sleep(SETTLE)
				os.stat(os.path.join(m, "a.pem", "subject"))    # the new version
				churn()
				got = pread_or_error(fd)
				ck.ok(got == want, "first read of a subject after a change and %d more "
					"versions: %s" % (len(names), shown(got)))
				ck.eq("its fstat size", os.fstat(fd).st_size, len(want))
			finally:
				os.close(fd)
			for n in names:
				os.unlink(os.path.join(src, n))

			replace(os.path.join(src, "b.pem"), good)
			time.sleep(SETTLE)
			fd = os.open(os.path.join(m, "b.pem", "der"), os.O_RDONLY)
			try:
				old = os.pread(fd, 1 << 16, 0)
				os.unlink(os.path.join(src, "b.pem"))
				time.sleep(SETTLE)
				ck.ok(not os.path.exists(os.path.join(m, "b.pem")), "b.pem gone")
				got = pread_or_error(fd)
				ck.ok(got == old, "dropped pages after its source was removed: %s" % shown(got))
			finally:
				os.close(fd)

			replace(os.path.join(src, "bun.pem"), good + cio)
			time.sleep(SETTLE)
			p = os.path.join(m, "bun.pem", "count")
			fd = os.open(p, os.O_RDONLY)
			try:
				old = os.pread(fd, 100, 0)
				replace(os.path.join(src, "bun.pem"), good + cio + good)
				time.sleep(SETTLE)
				ck.eq("bun.pem/count now", cm.value(p), "3")
				got = pread_or_error(fd)
				ck.ok(got == old == b"2\n", "an open count after its bundle grew: %s (was %s)"
					% (got, old))
			finally:
				os.close(fd)

			# a file whose path becomes a directory
			replace(os.path.join(src, "c.pem"), good)
			p = os.path.join(m, "c.pem", "subject")
			ck.ok(cm.value(p) is not None, "c.pem/subject readable")
			os.unlink(os.path.join(src, "c.pem"))
			os.mkdir(os.path.join(src, "c.pem"))
			replace(os.path.join(src, "c.pem", "subject"), cio)
			time.sleep(SETTLE)
			ck.ok(os.path.isdir(os.path.join(m, "c.pem", "subject")),
				"c.pem/subject is now the directory of c.pem/subject in SOURCE")
	finally:
		shutil.rmtree(top, ignore_errors=True)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
