#!/usr/bin/python3
"""test_cli.py - the command line (issue #5, docs/certfs.1): --help and
--version; clear errors, non-zero exit and nothing mounted for a missing
SOURCE, a non-empty or missing MOUNTPOINT, no arguments; a single file as
SOURCE; the daemon mode (no -f); /.by-sha256/<sha256 of the DER> links."""
import base64
import concurrent.futures
import hashlib
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm


def run(cmd, timeout=10):
	try:
		return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
	except subprocess.TimeoutExpired:
		return None


def elf_interp(path):
	"""The program interpreter (PT_INTERP) of a 64-bit little-endian ELF
	file, or None."""
	with open(path, "rb") as f:
		elf = f.read()
	if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
		return None
	phoff, = struct.unpack_from("<Q", elf, 0x20)
	phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
	for i in range(phnum):
		ptype, = struct.unpack_from("<I", elf, phoff + i * phentsize)
		if ptype == 3:
			off, = struct.unpack_from("<Q", elf, phoff + i * phentsize + 8)
			size, = struct.unpack_from("<Q", elf, phoff + i * phentsize + 32)
			return elf[off:off + size].rstrip(b"\0").decode()
	return None


def pem_ders(path):
	return [base64.b64decode(b"".join(b.split())) for b in
		re.findall(rb"-----BEGIN CERTIFICATE-----\r?\n(.*?)-----END", cm.read(path), re.S)]


def main():
	a = cm.args()
	ck = cm.Checker("cli", a.verbose)
	for opt in ("--help", "-h", "--version", "-V"):
		r = run([a.certfs, opt])
		if r is None:
			ck.ok(False, "certfs %s did not exit within 10 s" % opt)
			continue
		out = r.stdout + r.stderr
		ck.eq("certfs %s exit status" % opt, r.returncode, 0)
		if opt in ("--help", "-h"):
			ck.ok("SOURCE" in out and "MOUNTPOINT" in out.upper(),
				"certfs %s shows the usage (SOURCE MOUNTPOINT): %r" % (opt, out[:200]))
		else:
			ck.ok(re.search(r"[0-9]+\.[0-9]+", out) is not None,
				"certfs %s prints a version: %r" % (opt, out[:200]))
	if ck.failed and cm.fuse_missing():
		ck.finish()     # what failed already, rather than a skip
	cm.require_fuse()
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	tmp = tempfile.mkdtemp(prefix="certfs-it-cli-")
	try:
		empty = os.path.join(tmp, "empty")
		full = os.path.join(tmp, "full")
		os.mkdir(empty)
		os.mkdir(full)
		open(os.path.join(full, "x"), "w").close()

		def refused(what, cmd, mnt, word=None):
			r = run(cmd)
			if r is None:
				ck.ok(False, "%s: %s did not exit within 10 s" % (what, " ".join(cmd)))
				cm.unmount(mnt)
				return
			ck.ok(r.returncode != 0, "%s: non-zero exit (got %d)" % (what, r.returncode))
			msg = r.stderr.strip()
			ck.ok(msg != "" and (word is None or word in msg),
				"%s: a clear message on stderr%s: %r" % (what,
				" naming %s" % word if word else "", msg[:300]))
			if os.path.isdir(mnt):
				ck.ok(not cm.is_mounted(mnt), "%s: nothing mounted on %s" % (what, mnt))
				cm.unmount(mnt)

		missing = os.path.join(tmp, "no-such-store")
		refused("missing SOURCE", [a.certfs, missing, empty, "-f"], empty, missing)
		refused("missing SOURCE (daemon mode)", [a.certfs, missing, empty], empty, missing)
		refused("non-empty MOUNTPOINT", [a.certfs, seed, full, "-f"], full, full)
		refused("missing MOUNTPOINT", [a.certfs, seed, os.path.join(tmp, "nomnt"), "-f"],
			os.path.join(tmp, "nomnt"))
		refused("no arguments", [a.certfs], empty)
		refused("only SOURCE", [a.certfs, seed], empty)
		refused("-o spin above a second", [a.certfs, seed, empty, "-f", "-o", "spin=1000001"],
			empty, "spin")
		ck.eq("non-empty MOUNTPOINT left as it was", os.listdir(full), ["x"])

		# no /dev/fuse: an empty /dev in a private mount namespace
		if os.geteuid() == 0 and shutil.which("unshare"):
			r = run(["unshare", "-m", "sh", "-c", 'mount -t tmpfs tmpfs /dev || exit 99; '
				'"$0" "$1" "$2" -f; echo "rc=$?"; grep -c " $2 " /proc/self/mounts || true',
				a.certfs, seed, empty], timeout=20)
			if r is None:
				ck.ok(False, "no /dev/fuse: certfs did not exit within 20 s")
			elif "rc=" not in r.stdout:
				print("note: cannot hide /dev/fuse here (%r), not checked" % r.stderr.strip()[:200])
			else:
				rc = int(re.search(r"rc=([0-9]+)", r.stdout).group(1))
				ck.ok(rc != 0, "no /dev/fuse: non-zero exit (got %d)" % rc)
				ck.ok("/dev/fuse" in r.stderr, "no /dev/fuse: a message naming /dev/fuse: %r"
					% r.stderr.strip()[:300])
				ck.eq("no /dev/fuse: mounts on the mount point", r.stdout.strip().splitlines()[-1], "0")

		# daemon mode: returns once mounted
		r = run([a.certfs, seed, empty])
		if r is None:
			ck.ok(False, "daemon mode: certfs did not return within 10 s")
		else:
			ck.eq("daemon mode: exit status (%r)" % r.stderr.strip()[:200], r.returncode, 0)
			t0 = time.monotonic()
			while not cm.is_mounted(empty) and time.monotonic() - t0 < 10:
				time.sleep(0.05)
			ck.ok(cm.is_mounted(empty), "daemon mode: mounted")
			ck.eq("daemon mode: good-ca.pem/serial_number",
				cm.value(os.path.join(empty, "good-ca.pem/serial_number")), "2")
			cm.unmount(empty)
			ck.ok(not cm.is_mounted(empty), "daemon mode: fusermount3 -u unmounts")

		# as /etc/fstab would: mount(8) runs `mount.fuse3 SOURCE MNT -o OPTS
		# -t fuse.certfs`, which runs certfs from PATH (called here directly,
		# as mount(8) resets PATH and certfs is not installed)
		if os.geteuid() == 0 and shutil.which("mount.fuse3"):
			env = dict(os.environ, PATH=os.path.dirname(a.certfs) + ":" + os.environ["PATH"])
			try:
				r = subprocess.run(["mount.fuse3", seed, empty, "-o", "ro,allow_other", "-t", "fuse.certfs"],
					capture_output=True, text=True, timeout=10, env=env)
				ck.eq("mount.fuse3 -t fuse.certfs: exit status (%r)" % r.stderr.strip()[:300], r.returncode, 0)
				t0 = time.monotonic()
				while not cm.is_mounted(empty) and time.monotonic() - t0 < 10:
					time.sleep(0.05)
				ck.eq("mount.fuse3 -t fuse.certfs: good-ca.pem/serial_number",
					cm.value(os.path.join(empty, "good-ca.pem/serial_number")), "2")
			except subprocess.TimeoutExpired:
				ck.ok(False, "mount.fuse3 -t fuse.certfs did not return within 10 s")
			cm.unmount(empty)

		# -s (single-threaded), -d (debug, foreground), -o cache_size; the
		# request loops: certfs's (vfs/loop.h) threaded and single, and
		# libfuse's, threaded and single (spin=0) and with clone_fd
		for extra in (["-s"], ["-d"], ["-o", "cache_size=2"], ["-o", "spin=0"],
				["-s", "-o", "spin=0"], ["-o", "clone_fd"], ["-o", "spin=1000000"]):
			try:
				with cm.mounted(a.certfs, seed, extra=extra) as m:
					ck.eq("certfs %s: good-ca.pem/serial_number" % " ".join(extra),
						cm.value(os.path.join(m, "good-ca.pem/serial_number")), "2")
			except cm.MountError as e:
				ck.ok(False, "certfs %s: %s" % (" ".join(extra), e))

		# SIGTERM and SIGINT: the daemon unmounts and exits cleanly, from
		# each loop; after a threaded read, so that idle workers are
		# asleep when the signal comes
		for extra, sig in (([], signal.SIGTERM), ([], signal.SIGINT),
				(["-s"], signal.SIGTERM), (["-o", "spin=0"], signal.SIGTERM)):
			what = "certfs -f %s, %s" % (" ".join(extra), sig.name)
			p = subprocess.Popen([a.certfs, seed, empty, "-f"] + extra,
				stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
			t0 = time.monotonic()
			while not cm.is_mounted(empty) and time.monotonic() - t0 < 10 and p.poll() is None:
				time.sleep(0.05)
			ck.ok(cm.is_mounted(empty), "%s: mounted" % what)
			with concurrent.futures.ThreadPoolExecutor(8) as pool:
				vals = list(pool.map(lambda _: cm.value(os.path.join(empty,
					"good-ca.pem/serial_number")), range(64)))
			ck.eq("%s: 64 reads from 8 threads" % what, vals, ["2"] * 64)
			time.sleep(0.2)
			p.send_signal(sig)
			try:
				p.wait(timeout=10)
				# libfuse's loop reports the signal (fuse_main gives 8),
				# certfs's gives 0: not a spec matter, only said
				print("%s: exit status %d" % (what, p.returncode))
			except subprocess.TimeoutExpired:
				ck.ok(False, "%s: did not exit within 10 s" % what)
				p.kill()
				p.wait()
			ck.ok(not cm.is_mounted(empty), "%s: no mount left" % what)
			cm.unmount(empty)

		# vfs/heap.h: the daemon runs itself again with glibc's malloc on
		# transparent huge pages (madvise: its heap's VmFlags say "hg"),
		# keeping the user's other tunables, and leaves an explicit
		# glibc.malloc.hugetlb alone. What the loader leaves of the
		# variable in /proc/PID/environ varies (it rewrites it as it
		# parses it), so the advice is looked for where it shows. And
		# one malloc arena, unless the user set a number: no thread heap
		# (glibc's: 64 MiB aligned, read-write then reserved) after
		# reads from 8 threads.
		thp = os.path.exists("/sys/kernel/mm/transparent_hugepage/enabled")
		if not thp:
			print("SKIP: huge-page heap: this kernel has no transparent huge pages")
		elif a.sanitize != "none":
			print("SKIP: huge-page heap: -Db_sanitize=%s, whose malloc is not glibc's" % a.sanitize)
		def thread_heaps(pid):
			maps = [l.split() for l in open("/proc/%d/maps" % pid)]
			n = 0
			for x, y in zip(maps, maps[1:]):
				s1, e1 = (int(v, 16) for v in x[0].split("-"))
				s2, e2 = (int(v, 16) for v in y[0].split("-"))
				n += (x[1] == "rw-p" and y[1] == "---p" and len(x) == 5 and
					len(y) == 5 and e1 == s2 and s1 % (64 << 20) == 0 and
					e2 - s1 == 64 << 20)
			return n

		for given, advised in ((None, True), ("glibc.malloc.arena_max=2", True),
				("glibc.malloc.hugetlb=0", False)):
			if not thp or a.sanitize != "none":
				break
			env = dict(os.environ)
			env.pop("GLIBC_TUNABLES", None)
			if given is not None:
				env["GLIBC_TUNABLES"] = given
			p = subprocess.Popen([a.certfs, seed, empty, "-f"], env=env,
				stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
			t0 = time.monotonic()
			while not cm.is_mounted(empty) and time.monotonic() - t0 < 10 and p.poll() is None:
				time.sleep(0.05)
			ck.ok(cm.is_mounted(empty), "GLIBC_TUNABLES=%s: mounted" % given)
			ck.eq("GLIBC_TUNABLES=%s: good-ca.pem/serial_number" % given,
				cm.value(os.path.join(empty, "good-ca.pem/serial_number")), "2")
			with open("/proc/%d/smaps" % p.pid) as f:
				hg = any(l.startswith("VmFlags:") and " hg" in l for l in f)
			ck.eq("GLIBC_TUNABLES=%s: a heap advised MADV_HUGEPAGE" % given, hg, advised)
			with concurrent.futures.ThreadPoolExecutor(8) as pool:
				list(pool.map(lambda _: cm.value(os.path.join(empty,
					"cryptography-io.pem/subject")), range(64)))
			with open("/proc/%d/comm" % p.pid) as f:
				ck.eq("GLIBC_TUNABLES=%s: the daemon's name" % given, f.read().strip(),
					os.path.basename(a.certfs)[:15])
			heaps = thread_heaps(p.pid)
			if given and "arena_max" in given:
				print("GLIBC_TUNABLES=%s: %d thread heaps" % (given, heaps))
			else:
				ck.eq("GLIBC_TUNABLES=%s: thread heaps (one arena)" % given, heaps, 0)
			subprocess.run(["fusermount3", "-u", empty], capture_output=True)
			try:
				p.wait(timeout=10)
			except subprocess.TimeoutExpired:
				ck.ok(False, "GLIBC_TUNABLES=%s: did not exit" % given)
				p.kill()
				p.wait()
			cm.unmount(empty)

		# started through the dynamic loader, /proc/self/exe is the loader:
		# certfs must not run that again (vfs/heap.c)
		loader = elf_interp(a.certfs)
		if loader:
			r = subprocess.run([loader, a.certfs, "--version"], capture_output=True,
				text=True, timeout=10)
			ck.ok(r.returncode == 0 and "certfs version" in r.stdout,
				"%s certfs --version: %d %r" % (loader, r.returncode,
				(r.stdout + r.stderr)[:200]))
		else:
			print("SKIP: certfs through the dynamic loader: no PT_INTERP in %s" % a.certfs)

		# docs/certfs.1: "0 after a clean unmount"
		p = subprocess.Popen([a.certfs, seed, empty, "-f"], stdout=subprocess.DEVNULL,
			stderr=subprocess.PIPE, text=True)
		t0 = time.monotonic()
		while not cm.is_mounted(empty) and time.monotonic() - t0 < 10 and p.poll() is None:
			time.sleep(0.05)
		os.listdir(empty)
		r = subprocess.run(["fusermount3", "-u", empty], capture_output=True, text=True)
		ck.eq("fusermount3 -u: exit status (%r)" % r.stderr.strip(), r.returncode, 0)
		try:
			p.wait(timeout=10)
			ck.eq("certfs exit status after fusermount3 -u (%r)" % p.stderr.read().strip()[:200],
				p.returncode, 0)
		except subprocess.TimeoutExpired:
			ck.ok(False, "certfs did not exit within 10 s of fusermount3 -u")
			p.kill()
			p.wait()
		cm.unmount(empty)

		# a single file as SOURCE: the root is its object directory
		with cm.mounted(a.certfs, os.path.join(seed, "good-ca.pem")) as m:
			ck.eq("single-file mount: type", cm.value(os.path.join(m, "type")), "certificate")
			ck.eq("single-file mount: serial_number", cm.value(os.path.join(m, "serial_number")), "2")
		bundle = os.path.join(tmp, "bundle.pem")
		with open(bundle, "w") as f:
			for n in ("good-ca.pem", "cryptography-io.pem"):
				f.write(open(os.path.join(seed, n)).read())
		with cm.mounted(a.certfs, bundle) as m:
			ck.eq("single bundle mount: count", cm.value(os.path.join(m, "count")), "2")
			ck.eq("single bundle mount: 0/serial_number",
				cm.value(os.path.join(m, "0/serial_number")), "2")

		# /.by-sha256
		store = os.path.join(tmp, "store")
		os.makedirs(os.path.join(store, "sub"))
		shutil.copy(os.path.join(seed, "good-ca.pem"), os.path.join(store, "ca.pem"))
		shutil.copy(bundle, os.path.join(store, "sub", "b.pem"))
		shutil.copy(os.path.join(seed, "crl-version-2.pem"), os.path.join(store, "sub", "c.crl"))
		ders = {"sub/b.pem/1": pem_ders(bundle)[1], "ca.pem": pem_ders(bundle)[0]}
		crl = cm.read(os.path.join(seed, "crl-version-2.pem"))
		crl = base64.b64decode(b"".join(re.search(rb"CRL-----\r?\n(.*?)-----END", crl, re.S).group(1).split()))
		ders["sub/c.crl"] = crl
		with cm.mounted(a.certfs, store) as m:
			bs = os.path.join(m, ".by-sha256")
			names = sorted(os.listdir(bs)) if os.path.isdir(bs) else []
			ck.eq("/.by-sha256 listing", names,
				sorted({hashlib.sha256(d).hexdigest() for d in ders.values()}))
			for obj, der in ders.items():
				h = hashlib.sha256(der).hexdigest()
				p = os.path.join(bs, h)
				try:
					ck.eq("readlink /.by-sha256/%s" % h, os.readlink(p), "../" + obj)
				except OSError as e:
					ck.ok(False, "readlink /.by-sha256/%s (%s): %s" % (h, obj, e))
					continue
				ck.ok(os.path.samefile(p, os.path.join(m, obj)), "/.by-sha256/%s resolves to %s" % (h, obj))
				ck.ok(cm.get(os.path.join(p, "der")) == der, "/.by-sha256/%s/der is the DER" % h)
			ck.ok(not os.path.lexists(os.path.join(bs, "0" * 64)), "/.by-sha256/<unknown> does not exist")
			ck.ok(not os.path.lexists(os.path.join(bs, "xyz")), "/.by-sha256/xyz does not exist")
	finally:
		for d in ("empty", "full"):
			cm.unmount(os.path.join(tmp, d))
		shutil.rmtree(tmp, ignore_errors=True)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
