#!/usr/bin/python3
"""test_bounded.py - no user grows the daemon without limit, and one large
file does not stall the others (issue 13, item 4 and "also seen"; docs/ABI.md
1.6):

 - 200,000 lookups of names that do not exist, made by user nobody through
   `-o allow_other` (as this user on a plain mount when not root), leave
   the daemon's resident memory flat: before, each one left an entry in
   its table of names, about 500 bytes;
 - files added, looked up and removed, over and over, do not grow it
   either (the entries of gone files are dropped);
 - while a 200 MB file is being re-read (it changed), reads of other
   objects, their verify/ files included, stay fast: before, verify/ reads
   waited for the whole re-read, seconds.

Memory is VmRSS from /proc, checked only without a sanitizer (whose
allocator keeps freed memory). The bounds are generous: liveness and
growth checks, not benchmarks."""
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm

NOBODY = 65534
FLOOD = 200000
WARM = 20000
CYCLES = 30000
FLOOD_GROWTH_MB = 10.0  # growth allowed over the flood (before: +50 MB; now +1 to +3 MB)
CYCLE_GROWTH_MB = 4.5   # ... over the cycles (before: +6 to +9 MB; now 0 to +2 MB)
BIG_MB = 200
STALL = 0.5             # a read of another object while the big one is re-read
                        # (or 0.8 of the re-read's time, on a loaded machine)

FLOOD_CODE = """
import os, sys
m, start, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(start, start + n):
	try:
		os.lstat("%s/missing-%d.pem" % (m, i))
	except FileNotFoundError:
		pass
"""


def daemon_pid(certfs, mnt):
	"""The pid of the certfs serving mnt (cfsmount keeps its own)."""
	for d in os.listdir("/proc"):
		if not d.isdigit():
			continue
		try:
			argv = open("/proc/%s/cmdline" % d, "rb").read().split(b"\0")
		except OSError:
			continue
		if argv and os.fsencode(certfs) == argv[0] and os.fsencode(mnt) in argv:
			return int(d)
	return None


def rss_mb(pid):
	with open("/proc/%d/status" % pid) as f:
		for line in f:
			if line.startswith("VmRSS:"):
				return int(line.split()[1]) / 1024.0
	return 0.0


def flood(m, start, n, as_nobody):
	cmd = [sys.executable, "-c", FLOOD_CODE, m, str(start), str(n)]
	if as_nobody:
		cmd = ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"] + cmd
	return subprocess.run(cmd, capture_output=True, text=True)


def missing_names(a, ck, seed, measure):
	"""Part 1: the flood of missing names."""
	as_nobody = os.geteuid() == 0 and shutil.which("setpriv") is not None
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	os.chmod(src, 0o755)
	shutil.copy(os.path.join(seed, "good-ca.pem"), os.path.join(src, "a.pem"))
	try:
		with cm.mounted(a.certfs, src, opts="allow_other" if as_nobody else None) as m:
			pid = daemon_pid(a.certfs, m)
			ck.ok(pid is not None, "the daemon's pid")
			r = flood(m, 0, WARM, as_nobody)
			ck.ok(r.returncode == 0, "%d lookups of missing names as %s: %s" % (
				WARM, "nobody" if as_nobody else "this user", r.stderr.strip()[-300:]))
			before = rss_mb(pid) if pid else 0
			t0 = time.monotonic()
			r = flood(m, WARM, FLOOD, as_nobody)
			took = time.monotonic() - t0
			ck.ok(r.returncode == 0, "%d more: %s" % (FLOOD, r.stderr.strip()[-300:]))
			after = rss_mb(pid) if pid else 0
			print("missing names: %d lookups as %s in %.1f s; RSS %.1f -> %.1f MB" % (
				FLOOD, "nobody" if as_nobody else "this user", took, before, after))
			if measure:
				ck.ok(after - before < FLOOD_GROWTH_MB, "RSS after %d lookups of missing names grew "
					"%.1f MB (%.1f -> %.1f), at most %.0f allowed" % (
						FLOOD, after - before, before, after, FLOOD_GROWTH_MB))
			ck.eq("a.pem/subject after the flood", cm.value(os.path.join(m, "a.pem/subject")),
				"CN=Good CA,O=Test Certificates 2011,C=US")
	finally:
		shutil.rmtree(src)


def adds_and_removes(a, ck, seed, measure):
	"""Part 2: files come, are looked up, and go. A 1 MB cache, so the
	cache's own growth does not hide the table's."""
	good = open(os.path.join(seed, "good-ca.pem")).read()
	src = tempfile.mkdtemp(prefix="certfs-it-src-")

	def cycles(m, start, n):
		for i in range(start, start + n):
			p = os.path.join(src, "f%d.pem" % i)
			with open(p, "w") as f:
				f.write(good)
			os.lstat(os.path.join(m, "f%d.pem" % i))
			os.unlink(p)
	try:
		with cm.mounted(a.certfs, src, opts="cache_size=1") as m:
			pid = daemon_pid(a.certfs, m)
			cycles(m, 0, CYCLES // 4)
			before = rss_mb(pid) if pid else 0
			t0 = time.monotonic()
			cycles(m, CYCLES // 4, CYCLES)
			after = rss_mb(pid) if pid else 0
			print("adds and removes: %d in %.1f s; RSS %.1f -> %.1f MB" % (
				CYCLES, time.monotonic() - t0, before, after))
			if measure:
				ck.ok(after - before < CYCLE_GROWTH_MB, "RSS after %d files added, looked up and "
					"removed grew %.1f MB (%.1f -> %.1f), at most %.0f allowed" % (
						CYCLES, after - before, before, after, CYCLE_GROWTH_MB))
			ck.eq("root listing at the end", sorted(os.listdir(m)), [".by-sha256"])
	finally:
		shutil.rmtree(src)


def big_rescan(a, ck, seed):
	"""Part 3: reads of other objects while a 200 MB bundle is re-read,
	both by a lookup of it and by the walk that verify/ makes."""
	good = open(os.path.join(seed, "good-ca.pem")).read()
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	shutil.copy(os.path.join(seed, "good-ca.pem"), os.path.join(src, "other.pem"))
	shutil.copy(os.path.join(seed, "cryptography-io.pem"), os.path.join(src, "cio.pem"))
	big = os.path.join(src, "big.pem")
	with open(big, "w") as f:
		f.write(good * (BIG_MB * 1024 * 1024 // len(good)))
	rels = ["other.pem/subject", "other.pem/verify/signature", "cio.pem/verify/signature"]
	try:
		with cm.mounted(a.certfs, src) as m:
			# the first walk, which verify/ waits for, and the scans
			for rel in rels + ["big.pem/count"]:
				cm.value(os.path.join(m, rel))
			time.sleep(0.5)
			os.utime(big)           # a new version: to be read again
			time.sleep(0.5)
			worst = {}
			stop = threading.Event()

			def reader(rel):
				while not stop.is_set():
					t = time.monotonic()
					cm.get(os.path.join(m, rel))
					d = time.monotonic() - t
					if d > worst.get(rel, 0):
						worst[rel] = d
					time.sleep(0.01)
			ths = [threading.Thread(target=reader, args=(rel,)) for rel in rels]
			for th in ths:
				th.start()
			time.sleep(0.1)
			t0 = time.monotonic()
			n = cm.value(os.path.join(m, "big.pem/count"))
			rescan = time.monotonic() - t0
			time.sleep(1.0)
			stop.set()
			for th in ths:
				th.join()
			print("big rescan: %s objects re-read in %.2f s; slowest reads of others: %s" % (
				n, rescan, ", ".join("%s %.2f s" % (k, v) for k, v in sorted(worst.items()))))
			if rescan < 2 * STALL:
				# a read that waited for the whole re-read would look like
				# one slowed by the load: nothing to tell apart, so no
				# verdict (a timing of the machine, not of certfs)
				print("note: the re-read took only %.2f s: this run could not show a stall; "
				      "not checked" % rescan)
				return
			# A read may wait for CPU on a loaded machine (two cores busy
			# re-reading), never for the whole re-read: before, verify/
			# reads waited for the walk that re-reads the file and then
			# indexes it, longer than the re-read itself.
			bound = max(STALL, 0.8 * rescan)
			for rel in rels:
				ck.ok(worst.get(rel, 99) < bound, "%s while big.pem is re-read (%.2f s): "
					"slowest %.2f s, bound %.2f s" % (rel, rescan, worst.get(rel, 99), bound))
	finally:
		shutil.rmtree(src)


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("bounded", a.verbose)
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	measure = a.sanitize in ("", "none")
	if not measure:
		print("note: -Db_sanitize=%s: memory growth is printed, not checked" % a.sanitize)
	missing_names(a, ck, seed, measure)
	adds_and_removes(a, ck, seed, measure)
	big_rescan(a, ck, seed)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
