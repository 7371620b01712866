#!/usr/bin/python3
"""test_push.py - a walk of small files costs one request per file (issue
13 goal 7, vfs/ops.c push_pages): a glob of every object's subject, then a
read of each, as `cat */subject` does. Each subject's bytes, pinned at its
lookup, reach the kernel's page cache at the lookups after it, so the
reads are answered by the kernel: the daemon (-d) sees one LOOKUP per
subject and almost no READ (the last lookup's file has no later lookup to
push it). Before, it saw a READ per subject. What is read is each
certificate's subject as pyca formats it, in both walks."""
import datetime
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

N = 40


def make(src):
	"""N self-signed certificates, one a file; {file: subject line}."""
	key = ec.generate_private_key(ec.SECP256R1())
	now = datetime.datetime(2020, 1, 1)
	want = {}
	for i in range(N):
		name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "push %02d" % i),
				  x509.NameAttribute(NameOID.ORGANIZATION_NAME, "certfs")])
		c = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
			.public_key(key.public_key()).serial_number(i + 1)
			.not_valid_before(now).not_valid_after(now + datetime.timedelta(days=3650))
			.sign(key, hashes.SHA256()))
		f = "c%02d.pem" % i
		with open(os.path.join(src, f), "wb") as out:
			out.write(c.public_bytes(serialization.Encoding.PEM))
		want[f] = name.rfc4514_string() + "\n"
	return want


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("test_push", a.verbose)
	tmp = tempfile.mkdtemp(prefix="certfs-push-")
	src, mnt = os.path.join(tmp, "src"), os.path.join(tmp, "mnt")
	os.mkdir(src)
	os.mkdir(mnt)
	want = make(src)
	logp = os.path.join(tmp, "debug.log")
	log = open(logp, "w")
	p = subprocess.Popen([a.certfs, src, mnt, "-f", "-d"], stdin=subprocess.DEVNULL,
		stdout=log, stderr=log)
	try:
		t0 = time.monotonic()
		while not cm.is_mounted(mnt) and p.poll() is None and time.monotonic() - t0 < cm.MOUNT_WAIT:
			time.sleep(0.02)
		if not cm.is_mounted(mnt):
			raise cm.MountError("certfs -d did not mount")
		for walk in ("first", "second"):
			# as a shell's glob: every name looked up (lstat), then read
			paths = sorted(glob.glob(os.path.join(mnt, "*", "subject")))
			ck.eq("%s walk: subjects found" % walk, len(paths), N)
			got = {}
			for q in paths:
				with open(q, "rb") as f:
					got[os.path.basename(os.path.dirname(q))] = f.read().decode()
			ck.ok(got == want, "%s walk: every subject is pyca's (%d differ)" % (
				walk, sum(got.get(k) != v for k, v in want.items())))
	finally:
		cm.unmount(mnt)
		try:
			p.wait(timeout=10)
		except subprocess.TimeoutExpired:
			p.kill()
			p.wait()
		log.close()
	with open(logp, errors="replace") as f:
		text = f.read()
	lookups = len(re.findall(r"opcode: LOOKUP \(", text))
	reads = len(re.findall(r"opcode: READ \(", text))
	ck.ok(lookups >= N, "the daemon saw the walk's lookups: %d (at least %d)" % (lookups, N))
	# a few may miss their push (the last file; a lookup the kernel had
	# not finished); before, every subject was a READ
	ck.ok(reads <= N // 4, "reads of the %d subjects answered by the kernel: "
		"the daemon saw %d READ requests (at most %d)" % (N, reads, N // 4))
	shutil.rmtree(tmp, ignore_errors=True)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
