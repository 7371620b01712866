#!/usr/bin/python3
"""test_concurrency.py - 16 concurrent readers see the same bytes as a
single reader (docs/ABI.md 1.6): a store of PKITS objects (every third
certificate and CRL of vectors x509/PKITS_data, copied) is read whole by one reader on a first mount, then by 16 threads at once,
each in its own order, on a fresh (cold) mount, then by 16 processes at
once on the same, now warm, mount; again by 16 threads with a 1 MB cache
(eviction all the time), and with libfuse's request loop instead of
certfs's (spin=0). Then 16 readers while a file is replaced over and
over: each read is one whole version."""
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm

N = 16

# A reader process: the sha256 of (path, content) of every file, in order.
PROC = r"""
import hashlib, os, sys
h = hashlib.sha256()
root = sys.argv[1]
for rel in sys.stdin.read().split("\n"):
	if rel:
		with open(os.path.join(root, rel), "rb") as f:
			h.update(rel.encode() + b"\0" + f.read() + b"\0")
print(h.hexdigest())
"""


def listing(m):
	out = []
	for d, dirs, files in os.walk(m):
		dirs.sort()
		if os.path.relpath(d, m) == ".":
			dirs[:] = [x for x in dirs if x != ".by-sha256"]
		# verify/expires_in counts seconds (ABI 4): no two reads agree
		for n in sorted(f for f in files if f != "expires_in"):
			out.append(os.path.relpath(os.path.join(d, n), m))
	return out


def read_all(m, paths):
	out = {}
	for rel in paths:
		with open(os.path.join(m, rel), "rb") as f:
			out[rel] = f.read()
	return out


def digest(ref, paths):
	h = hashlib.sha256()
	for rel in paths:
		h.update(rel.encode() + b"\0" + ref[rel] + b"\0")
	return h.hexdigest()


def cold(ck, certfs, src, paths, ref, opts, processes):
	"""N threads reading everything at once from a fresh mount, then N
	processes on the same (warm) mount."""
	with cm.mounted(certfs, src, opts=opts) as m:
		errors = [[] for _ in range(N)]
		start = threading.Barrier(N)

		def reader(i):
			order = list(paths)
			random.Random(i).shuffle(order)
			start.wait()
			for rel in order:
				try:
					with open(os.path.join(m, rel), "rb") as f:
						b = f.read()
				except OSError as e:
					errors[i].append("%s: %s" % (rel, e.strerror))
					continue
				if b != ref[rel]:
					errors[i].append("%s: %d bytes differ from the single reader's %d"
						% (rel, len(b), len(ref[rel])))
		ts = [threading.Thread(target=reader, args=(i,)) for i in range(N)]
		for t in ts:
			t.start()
		for t in ts:
			t.join()
		for i, e in enumerate(errors):
			ck.ok(not e, "%s: thread %d: %d errors, first: %s" % (opts or "default", i, len(e), e[:3]))

		if not processes:
			return
		want = digest(ref, paths)
		listing_in = "\n".join(paths)
		procs = [subprocess.Popen(["/usr/bin/python3", "-c", PROC, m], stdin=subprocess.PIPE,
			stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(N)]
		for p in procs:
			p.stdin.write(listing_in)
			p.stdin.close()
		for i, p in enumerate(procs):
			out = p.stdout.read().strip()
			err = p.stderr.read().strip()
			p.wait()
			ck.ok(p.returncode == 0 and out == want,
				"process %d: rc %d, digest %s (want %s) %s" % (i, p.returncode, out[:16], want[:16], err[-300:]))
		ck.eq("listing after the concurrent reads", listing(m), paths)


def main():
	a = cm.args()
	cm.require_fuse()
	pk = cm.require_pkits(a)
	ck = cm.Checker("concurrency", a.verbose)
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	try:
		for sub in ("certs", "crls"):
			os.mkdir(os.path.join(src, sub))
			for n in sorted(os.listdir(os.path.join(pk, sub)))[::3]:
				shutil.copy(os.path.join(pk, sub, n), os.path.join(src, sub, n))
		run_all(ck, a, src)
	finally:
		shutil.rmtree(src)
	during_changes(ck, a)
	ck.finish()


def during_changes(ck, a):
	"""Readers while SOURCE changes: a.pem is replaced (rename over it)
	by one of two certificates every 20 ms for 3 s; every read of its
	subject, serial_number and der must give one whole version, never a
	mix, a cut or an error other than a short ENOENT."""
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	vers = [open(os.path.join(seed, n), "rb").read() for n in ("good-ca.pem", "cryptography-io.pem")]
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	try:
		with open(os.path.join(src, "a.pem"), "wb") as f:
			f.write(vers[0])
		with cm.mounted(a.certfs, src) as m:
			good = {}
			for i, v in enumerate(vers):
				with open(os.path.join(src, "b.pem"), "wb") as f:
					f.write(v)
				time.sleep(1.1)
				for n in ("subject", "serial_number", "der"):
					good.setdefault(n, set()).add(cm.get(os.path.join(m, "b.pem", n)))
			os.unlink(os.path.join(src, "b.pem"))
			stop = threading.Event()
			bad = []
			badsize = []
			count = [0]

			def writer():
				i = 0
				while not stop.is_set():
					i ^= 1
					tmp = os.path.join(src, ".a.tmp")
					with open(tmp, "wb") as f:
						f.write(vers[i])
					os.rename(tmp, os.path.join(src, "a.pem"))
					time.sleep(0.02)

			def reader(k):
				n = ("subject", "serial_number", "der")[k % 3]
				p = os.path.join(m, "a.pem", n)
				while not stop.is_set():
					try:
						with open(p, "rb") as f:
							st = os.fstat(f.fileno())
							b = f.read()
					except FileNotFoundError:
						continue
					except OSError as e:
						bad.append("%s: %s" % (n, e))
						continue
					count[0] += 1
					if b not in good[n]:
						bad.append("%s: %r is neither version" % (n, b[:60]))
					elif st.st_size != len(b):
						badsize.append("%s: fstat st_size %d, read %d" % (n, st.st_size, len(b)))
			ts = [threading.Thread(target=writer)] + [threading.Thread(target=reader, args=(k,))
				for k in range(N)]
			for t in ts:
				t.start()
			time.sleep(3)
			stop.set()
			for t in ts:
				t.join()
			print("during changes: %d reads, %d not one whole version, %d with st_size != bytes read"
				% (count[0], len(bad), len(badsize)))
			ck.ok(count[0] > 0 and not bad, "reads during changes give one whole version: "
				"%d of %d bad, e.g. %s" % (len(bad), count[0], bad[:3]))
			ck.ok(not badsize, "reads during changes: fstat() of the open file gives the size "
				"read returns (ABI 1.6): %d of %d differ, e.g. %s"
				% (len(badsize), count[0], badsize[:3]))
	finally:
		shutil.rmtree(src)


def run_all(ck, a, src):
	with cm.mounted(a.certfs, src) as m:
		paths = listing(m)
		ref = read_all(m, paths)
	print("reference: %d files, %d bytes" % (len(paths), sum(map(len, ref.values()))), flush=True)
	ck.ok(len(paths) > 1000, "the store shows more than 1000 files (%d)" % len(paths))

	cold(ck, a.certfs, src, paths, ref, None, processes=True)
	# a cache of 1 MB: eviction all the time, under the same readers
	cold(ck, a.certfs, src, paths, ref, "cache_size=1", processes=False)
	# libfuse's own loop (spin=0) under the same readers
	cold(ck, a.certfs, src, paths, ref, "spin=0", processes=False)


if __name__ == "__main__":
	cm.run(main)
