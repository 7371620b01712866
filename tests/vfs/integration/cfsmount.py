"""cfsmount.py - what every certfs integration test shares.

Mounting for real: mounted() starts `certfs SOURCE MNT -f` as a child,
waits (at most 10 s) until MNT is a mount point, yields it, and always
unmounts (fusermount3 -u) and reaps the daemon afterwards, whatever the
test did. Checker collects failed checks so that one run reports every
spec violation it sees, not only the first.

Run with Debian's /usr/bin/python3 (pyca/cryptography 38 for the oracle).
"""
import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
VECTORS = "/usr/lib/python3/dist-packages/cryptography_vectors/x509"
MOUNT_WAIT = 10.0


def args(extra=None):
	"""The command line every script takes: --certfs, --srcdir."""
	ap = argparse.ArgumentParser()
	ap.add_argument("--certfs", required=True, help="the certfs executable")
	ap.add_argument("--srcdir", required=True, help="the project's source root")
	ap.add_argument("--vectors", default=VECTORS)
	ap.add_argument("--sanitize", default="none",
		help="meson's b_sanitize: a sanitizer's malloc replaces glibc's")
	ap.add_argument("-v", "--verbose", action="store_true")
	if extra:
		extra(ap)
	a = ap.parse_args()
	a.certfs = os.path.abspath(a.certfs)
	return a


def require_fuse():
	"""Skips the test (meson's 77) where no FUSE mount is possible."""
	why = fuse_missing()
	if why:
		print("SKIP: cannot mount a FUSE filesystem here: " + why)
		sys.exit(SKIP)


def require_pkits(a):
	"""The PKITS directory of the vectors; skips the test without it."""
	pk = os.path.join(a.vectors, "PKITS_data")
	if not os.path.isdir(pk):
		print("SKIP: %s absent (python3-cryptography-vectors)" % pk)
		sys.exit(SKIP)
	return pk


def fuse_missing():
	"""Why no FUSE mount is possible here, or None."""
	why = None
	if not os.path.exists("/dev/fuse"):
		why = "/dev/fuse is absent"
	elif not os.access("/dev/fuse", os.R_OK | os.W_OK):
		why = "/dev/fuse is not readable and writable by this user"
	elif shutil.which("fusermount3") is None:
		why = "fusermount3 is not installed"
	return why


class MountError(Exception):
	pass


def is_mounted(mnt):
	"""From /proc/self/mounts, not stat(): a dead daemon's mount point
	fails stat (ENOTCONN) but must still be unmounted."""
	mnt = os.path.realpath(mnt)
	try:
		with open("/proc/self/mounts") as f:
			for line in f:
				parts = line.split()
				if len(parts) > 1 and parts[1].replace("\\040", " ") == mnt:
					return True
	except OSError:
		pass
	return False


def unmount(mnt):
	"""fusermount3 -u, and the lazy form if the mount is busy."""
	if not is_mounted(mnt):
		return
	r = subprocess.run(["fusermount3", "-u", mnt], capture_output=True)
	if r.returncode != 0 and is_mounted(mnt):
		time.sleep(0.2)
		subprocess.run(["fusermount3", "-uz", mnt], capture_output=True)


@contextlib.contextmanager
def mounted(certfs, source, opts=None, mnt=None, extra=()):
	"""Mounts source with certfs; yields the mount point."""
	own = mnt is None
	if own:
		mnt = tempfile.mkdtemp(prefix="certfs-it-")
	log = tempfile.TemporaryFile()
	cmd = [certfs, source, mnt, "-f"] + list(extra)
	if opts:
		cmd += ["-o", opts]
	p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
	try:
		deadline = time.monotonic() + MOUNT_WAIT
		while not is_mounted(mnt):
			if p.poll() is not None:
				log.seek(0)
				raise MountError("%s exited with %d before mounting: %s" % (
					" ".join(cmd), p.returncode,
					log.read().decode(errors="replace").strip()))
			if time.monotonic() > deadline:
				raise MountError("%s: not mounted within %.0f s" % (
					" ".join(cmd), MOUNT_WAIT))
			time.sleep(0.02)
		yield mnt
	finally:
		unmount(mnt)
		try:
			p.wait(timeout=10)
		except subprocess.TimeoutExpired:
			p.kill()
			p.wait()
		if p.returncode not in (0, None) and p.returncode != -9:
			log.seek(0)
			out = log.read().decode(errors="replace").strip()
			print("note: certfs exited with %d%s" % (p.returncode,
				(": " + out[-2000:]) if out else ""))
		log.close()
		if own:
			try:
				os.rmdir(mnt)
			except OSError:
				pass


class Checker:
	"""Counts checks; remembers the failed ones for the summary."""

	def __init__(self, name, verbose=False):
		self.name = name
		self.verbose = verbose
		self.n = 0
		self.failed = []
		self.prefix = ""        # put before every check's text

	def ok(self, cond, what):
		self.n += 1
		what = self.prefix + what
		if not cond:
			self.failed.append(what)
			print("FAIL: " + what, flush=True)
		elif self.verbose:
			print("ok: " + what)
		return cond

	def eq(self, what, got, want):
		return self.ok(got == want, "%s: got %r, want %r" % (what, got, want))

	def finish(self):
		print("%s: %d checks, %d failed" % (self.name, self.n, len(self.failed)))
		sys.exit(1 if self.failed else 0)


def read(path):
	with open(path, "rb") as f:
		return f.read()


def value(path):
	"""A text file's value: its content without the one final newline,
	or None when the file does not exist. A text file that does not end
	with exactly one newline is returned as is (so the check fails)."""
	try:
		b = read(path)
	except FileNotFoundError:
		return None
	except OSError as e:
		return "<%s: %s>" % (e.strerror, path)
	s = b.decode("utf-8", errors="replace")
	if s.endswith("\n") and not s.endswith("\n\n"):
		return s[:-1]
	return "<no single final newline>" + s


BINARY = {"der", "tbs_certificate_bytes", "tbs_certlist_bytes", "tbs_certrequest_bytes", "value"}
TIME_FILES = {"not_valid_before", "not_valid_after", "last_update", "next_update",
	"revocation_date", "invalidity_date"}
BOOL_FILES = {"critical", "ca", "digital_signature", "content_commitment", "key_encipherment",
	"data_encipherment", "key_agreement", "key_cert_sign", "crl_sign", "encipher_only",
	"decipher_only", "only_contains_user_certs", "only_contains_ca_certs", "indirect_crl",
	"only_contains_attribute_certs"}
HEX_LEN = {"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128}


class Formats:
	"""docs/ABI.md 2 on every file a walk reads: text files end with
	exactly one newline and are UTF-8; times, booleans, integers and
	digests have their format. Failures are grouped per rule (one check
	each, with a count and examples) so a systematic bug is one line."""

	def __init__(self):
		self.bad = {}
		self.n = 0
		self.invalid = set()     # object dirs of type invalid
		self.errors = {}         # dir -> its error line

	def _no(self, rule, rel, b):
		self.bad.setdefault(rule, []).append("%s: %r" % (rel, b[:80]))

	def check(self, rel, b):
		self.n += 1
		parts = rel.split("/")
		name = parts[-1]
		if name in BINARY or (len(parts) > 1 and parts[-2] == "attributes"):
			return
		if not b.endswith(b"\n"):
			self._no("text file ends with a newline", rel, b)
			return
		if name != "text" and b.endswith(b"\n\n"):
			self._no("text file ends with exactly one newline", rel, b)
		try:
			t = b.decode("utf-8")[:-1]
		except UnicodeDecodeError:
			self._no("text file is UTF-8", rel, b)
			return
		if name in TIME_FILES and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", t):
			self._no("time YYYY-MM-DDTHH:MM:SSZ", rel, b)
		if name in BOOL_FILES and t not in ("true", "false"):
			self._no("boolean true/false", rel, b)
		in_name = len(parts) > 1 and parts[-2].endswith(".d")
		if not in_name and name in ("serial_number", "revoked_count", "count", "key_size", "path_length",
				"crl_number", "public_exponent", "skip_certs") and not re.fullmatch(r"-?[0-9]+", t):
			self._no("decimal integer", rel, b)
		if len(parts) > 1 and parts[-2] == "fingerprint" and name in HEX_LEN and \
				not re.fullmatch(r"[0-9a-f]{%d}" % HEX_LEN[name], t):
			self._no("lowercase hex digest", rel, b)
		if name in ("signature", "digest", "key_identifier", "modulus") and "verify" not in parts and \
				not re.fullmatch(r"[0-9a-f]*", t):
			self._no("lowercase hex", rel, b)
		if name in ("oid", "signature_algorithm_oid", "policy_identifier", "access_method") and \
				not re.fullmatch(r"[0-9]+(\.[0-9]+)+", t):
			self._no("dotted OID", rel, b)
		if name == "version" and not re.fullmatch(r"v[123]|unknown\(-?[0-9]+\)", t):
			self._no("version v1/v2/v3/unknown(N)", rel, b)
		d = os.path.dirname(rel)
		if name == "type" and t == "invalid":
			self.invalid.add(d)
		if name == "error":
			self.errors[d] = t
		if name == "type" and t not in ("certificate", "crl", "csr", "invalid") and \
				"attributes" not in parts:
			self._no("type", rel, b)

	def report(self, ck, label):
		for d in sorted(self.invalid):
			e = self.errors.get(d)
			if e is None or not re.fullmatch(r"[^\n]+ at byte [0-9]+", e):
				self._no("invalid object: error is one line '<reason> at byte <N>'", d, (e or "<none>").encode())
		if self.invalid:
			print("%s: %d invalid objects, e.g. %s" % (label, len(self.invalid),
				["%s: %s" % (d, self.errors.get(d)) for d in sorted(self.invalid)[:3]]))
		for rule, ex in sorted(self.bad.items()):
			ck.ok(False, "%s: %s: %d files break it, e.g. %s" % (label, rule, len(ex), ex[:4]))
		ck.ok(True, "%s: formats of %d files" % (label, self.n))


def walk(ck, root, follow_by_sha=True, formats=None):
	"""Reads every file under root (lstat, then the whole content, which
	must be st_size bytes), readlinks every link. Returns (dirs, files,
	links) counts. Errors are checks that fail."""
	nd = nf = nl = 0
	for d, dirs, files in os.walk(root, onerror=lambda e: ck.ok(False,
			"walk: %s: %s" % (e.filename, e.strerror))):
		nd += 1
		for name in dirs + files:
			p = os.path.join(d, name)
			try:
				st = os.lstat(p)
			except OSError as e:
				ck.ok(False, "lstat %s: %s" % (p, e.strerror))
				continue
			import stat as S
			if S.S_ISLNK(st.st_mode):
				nl += 1
				try:
					os.readlink(p)
				except OSError as e:
					ck.ok(False, "readlink %s: %s" % (p, e.strerror))
					continue
				if follow_by_sha or os.path.basename(d) != ".by-sha256":
					ck.ok(os.path.isdir(p), "link %s -> %s does not resolve to a directory"
						% (p, os.readlink(p)))
			elif S.S_ISREG(st.st_mode):
				nf += 1
				try:
					b = read(p)
				except OSError as e:
					ck.ok(False, "read %s: %s" % (p, e.strerror))
					continue
				if len(b) != st.st_size:
					ck.ok(False, "%s: st_size %d, read %d bytes" % (p, st.st_size, len(b)))
				if formats is not None:
					formats.check(os.path.relpath(p, root), b)
	return nd, nf, nl


def ls(path):
	"""Sorted directory listing, or the error as a string (so a check
	shows it instead of the script stopping)."""
	try:
		return sorted(os.listdir(path))
	except OSError as e:
		return "<%s: %s>" % (path, e.strerror)


def get(path):
	"""A file's bytes, or None if it cannot be read."""
	try:
		return read(path)
	except OSError:
		return None


def no_write_bits(ck, root):
	"""One check: no node under root (links aside) has a write bit."""
	import stat as S
	bad = []
	for d, dirs, files in os.walk(root):
		for n in [d] + [os.path.join(d, x) for x in dirs + files]:
			try:
				st = os.lstat(n)
			except OSError:
				continue
			if not S.S_ISLNK(st.st_mode) and st.st_mode & 0o222:
				bad.append("%s (%o)" % (os.path.relpath(n, root), st.st_mode))
	ck.ok(not bad, "no write bits under %s: %d nodes have some, e.g. %s" % (root, len(bad), bad[:5]))


def run(main):
	"""Runs a script's main(): a mount that never came up is one clear
	failure line, not a traceback."""
	import errno
	try:
		main()
	except MountError as e:
		print("FAIL: mount: %s" % e)
		sys.exit(1)
	except OSError as e:
		if e.errno in (errno.ENOTCONN, errno.ECONNABORTED):
			print("FAIL: the certfs daemon died (%s); see its exit status above" % e)
			sys.exit(1)
		raise
