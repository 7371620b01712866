#!/usr/bin/python3
"""test_scale.py - the daemon's memory follows -o cache_size (issue 13,
items 5 and 6; docs/ABI.md 1.2, certfs.1):

- an object whose bytes in its file are over a quarter of cache_size (a
  96 MiB DER file, two versions of it) is not read: type invalid, an
  error that says so, no der; the daemon's peak RSS (VmHWM) stays far
  below the file's size;
- a bundle over one scan window is indexed once: the subject of each of
  its objects reads that object alone, and is the subject pyca gives;
  peak RSS bounded with -o cache_size=4.

Memory bounds are read from /proc/PID/status with a generous margin; they
are skipped under a sanitizer, whose shadow memory is no heap.
"""
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm

MiB = 1 << 20


def daemon_pid(src, mnt):
	"""The pid of the certfs serving mnt (its command line names both)."""
	for d in os.listdir("/proc"):
		if not d.isdigit():
			continue
		try:
			with open("/proc/%s/cmdline" % d, "rb") as f:
				argv = f.read().split(b"\0")
		except OSError:
			continue
		if src.encode() in argv and mnt.encode() in argv:
			return int(d)
	return None


def status_kib(pid, field):
	with open("/proc/%d/status" % pid) as f:
		for line in f:
			if line.startswith(field + ":"):
				return int(line.split()[1])
	return None


def der_shaped(path, body):
	"""A sparse file shaped like a signed object: SEQUENCE { SEQUENCE {
	OCTET STRING of body bytes }, SEQUENCE {}, BIT STRING }."""
	def tlv_head(tag, n):
		return bytes([tag, 0x84]) + n.to_bytes(4, "big")
	inner = 6 + body
	outer = 6 + inner + 5
	with open(path, "wb") as f:
		f.write(tlv_head(0x30, outer) + tlv_head(0x30, inner) + tlv_head(0x04, body))
		f.truncate(6 + 6 + 6 + body)
		f.seek(0, os.SEEK_END)
		f.write(b"\x30\x00\x03\x01\x00")


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("scale", a.verbose)
	measure = a.sanitize == "none"
	if not measure:
		print("note: memory bounds not checked under -Db_sanitize=%s" % a.sanitize)
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	os.chmod(src, 0o755)
	try:
		# 1. one oversized file, two versions of it
		big = os.path.join(src, "huge.der")
		der_shaped(big, 96 * MiB)
		shutil.copy(os.path.join(seed, "good-ca.pem"), os.path.join(src, "ca.pem"))
		with cm.mounted(a.certfs, src) as mnt:
			pid = daemon_pid(src, mnt)
			ck.ok(pid is not None, "the daemon's pid found")
			for version in (1, 2):
				d = os.path.join(mnt, "huge.der")
				ck.eq("v%d huge.der/type" % version, cm.value(os.path.join(d, "type")), "invalid")
				err = cm.value(os.path.join(d, "error")) or ""
				ck.ok("too large" in err, "v%d huge.der/error says too large: %r" % (version, err))
				ck.ok(not os.path.exists(os.path.join(d, "der")), "v%d no huge.der/der" % version)
				ck.eq("ca.pem/type", cm.value(os.path.join(mnt, "ca.pem", "type")), "certificate")
				if version == 1:
					os.unlink(big)
					der_shaped(big, 97 * MiB)
					time.sleep(1.0)     # past the revalidation and FUSE timeouts
			if pid and measure:
				hwm = status_kib(pid, "VmHWM")
				ck.ok(hwm is not None and hwm < 48 * 1024,
					"VmHWM after two versions of a 96 MiB object: %s KiB, under 48 MiB" % hwm)

		# 2. a bundle over one window, cache_size=4
		os.unlink(big)
		certs = [open(os.path.join(seed, n)).read() for n in
			("good-ca.pem", "cryptography-io.pem", "signed-by-issuer-rsa4096.pem")]
		n = 3000
		with open(os.path.join(src, "bundle.pem"), "w") as f:
			for i in range(n):
				f.write(certs[i % 3])
		size = os.path.getsize(os.path.join(src, "bundle.pem"))
		ck.ok(size > 2 * MiB, "the bundle is %d bytes, over two scan windows" % size)
		want = []
		try:
			from cryptography import x509
			want = [x509.load_pem_x509_certificate(c.encode()).subject.rfc4514_string()
				for c in certs]
		except ImportError:
			print("note: no pyca: subjects compared among themselves")
		with cm.mounted(a.certfs, src, opts="cache_size=4") as mnt:
			pid = daemon_pid(src, mnt)
			got = [cm.value(os.path.join(mnt, "bundle.pem", str(i), "subject")) for i in range(n)]
			ck.eq("bundle.pem/count", cm.value(os.path.join(mnt, "bundle.pem", "count")), str(n))
			bad = [i for i in range(n) if got[i] != got[i % 3] or got[i] is None]
			ck.ok(not bad, "every object's subject is its certificate's: %d differ, e.g. %s" %
				(len(bad), bad[:5]))
			if want:
				ck.eq("subjects as pyca gives them", got[:3], want)
			if pid and measure:
				hwm = status_kib(pid, "VmHWM")
				ck.ok(hwm is not None and hwm < 40 * 1024,
					"VmHWM after every subject of %d objects, cache_size=4: %s KiB, "
					"under 40 MiB" % (n, hwm))
	finally:
		shutil.rmtree(src, ignore_errors=True)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
