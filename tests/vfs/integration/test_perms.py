#!/usr/bin/python3
"""test_perms.py - owner, group and read bits of the source file on every
node of its objects, enforced with default_permissions even under
allow_other (docs/ABI.md 1.5); no write bit anywhere; every write fails
with EROFS."""
import errno
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm

NOBODY = 65534


def as_nobody(*cmd):
	return subprocess.run(["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY,
		"--clear-groups"] + list(cmd), capture_output=True, text=True)


def main():
	a = cm.args()
	cm.require_fuse()
	if os.geteuid() != 0 or shutil.which("setpriv") is None:
		print("SKIP: needs root and setpriv (to own files as root and read as nobody)")
		sys.exit(cm.SKIP)
	ck = cm.Checker("perms", a.verbose)
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	os.chmod(src, 0o755)
	try:
		files = {"open.pem": (0o644, 0), "secret.pem": (0o600, 0), "group.pem": (0o640, NOBODY)}
		for n, (mode, gid) in files.items():
			p = os.path.join(src, n)
			shutil.copy(os.path.join(seed, "cryptography-io.pem" if n == "secret.pem"
				else "good-ca.pem"), p)
			os.chown(p, 0, gid)
			os.chmod(p, mode)
		with cm.mounted(a.certfs, src, opts="allow_other") as m:
			for n, (mode, gid) in files.items():
				d = os.path.join(m, n)
				st = os.stat(d)
				want = (mode & 0o444) | ((mode & 0o444) >> 2)
				ck.eq("%s: dir mode" % n, oct(stat.S_IMODE(st.st_mode)), oct(want))
				ck.eq("%s: dir uid/gid" % n, (st.st_uid, st.st_gid), (0, gid))
				for sub in ("subject", "fingerprint/sha256", "extensions/key_usage/critical",
						"public_key/der"):
					st = os.stat(os.path.join(d, sub))
					ck.eq("%s/%s: mode" % (n, sub), oct(stat.S_IMODE(st.st_mode)), oct(mode & 0o444))
					ck.eq("%s/%s: uid/gid" % (n, sub), (st.st_uid, st.st_gid), (0, gid))
				for sub in ("fingerprint", "extensions", "extensions/key_usage", "public_key", "verify"):
					st = os.stat(os.path.join(d, sub))
					ck.eq("%s/%s: dir mode" % (n, sub), oct(stat.S_IMODE(st.st_mode)), oct(want))
			# nobody through allow_other: the kernel enforces the modes
			r = as_nobody("cat", os.path.join(m, "open.pem/subject"))
			ck.ok(r.returncode == 0 and "Good CA" in r.stdout,
				"nobody reads open.pem/subject (0644): rc %d, %r" % (r.returncode, r.stderr.strip()))
			r = as_nobody("cat", os.path.join(m, "group.pem/subject"))
			ck.ok(r.returncode == 0 and "Good CA" in r.stdout,
				"nobody (gid %d) reads group.pem/subject (0640, group nobody): rc %d, %r"
				% (NOBODY, r.returncode, r.stderr.strip()))
			r = as_nobody("cat", os.path.join(m, "secret.pem/subject"))
			ck.ok(r.returncode != 0 and "Permission denied" in r.stderr and not r.stdout,
				"nobody gets EACCES on secret.pem/subject (0600): rc %d, %r %r"
				% (r.returncode, r.stdout.strip(), r.stderr.strip()))
			r = as_nobody("ls", os.path.join(m, "secret.pem"))
			ck.ok(r.returncode != 0 and "Permission denied" in r.stderr,
				"nobody cannot list secret.pem: rc %d, %r" % (r.returncode, r.stderr.strip()))
			r = as_nobody("/usr/bin/python3", "-c", "import os,sys\n"
				"try:\n os.open(sys.argv[1], os.O_RDONLY)\nexcept OSError as e: print(e.errno)\n",
				os.path.join(m, "secret.pem/der"))
			ck.eq("nobody: open secret.pem/der errno", r.stdout.strip(), str(errno.EACCES))
			# .by-sha256 must not lead nobody around the modes either: its
			# entry is not there for nobody (test_access.py has the rest)
			sha = cm.value(os.path.join(m, "secret.pem/fingerprint/sha256"))
			r = as_nobody("cat", "%s/.by-sha256/%s/serial_number" % (m, sha))
			ck.ok(r.returncode != 0 and "No such file" in r.stderr and not r.stdout,
				"nobody: no /.by-sha256 entry for secret.pem: %r" % r.stderr.strip())

			# no write bit anywhere
			cm.no_write_bits(ck, m)

			# writes, as root (no permission check stops root: the fs answers)
			f = os.path.join(m, "open.pem/subject")
			ops = {
				"create a file": lambda: os.open(os.path.join(m, "new.pem"), os.O_WRONLY | os.O_CREAT, 0o644),
				"create in object dir": lambda: os.open(os.path.join(m, "open.pem/new"), os.O_WRONLY | os.O_CREAT, 0o644),
				"open for writing": lambda: os.open(f, os.O_WRONLY),
				"open O_TRUNC": lambda: os.open(f, os.O_RDONLY | os.O_TRUNC),
				"truncate": lambda: os.truncate(f, 0),
				"mkdir": lambda: os.mkdir(os.path.join(m, "newdir")),
				"unlink": lambda: os.unlink(f),
				"rmdir": lambda: os.rmdir(os.path.join(m, "open.pem/fingerprint")),
				"rename": lambda: os.rename(os.path.join(m, "open.pem"), os.path.join(m, "x.pem")),
				"chmod": lambda: os.chmod(f, 0o666),
				"chown": lambda: os.chown(f, 1, 1),
				"symlink": lambda: os.symlink("open.pem", os.path.join(m, "l")),
				"link": lambda: os.link(f, os.path.join(m, "hard")),
				"utime": lambda: os.utime(f, (0, 0)),
			}
			for what, op in ops.items():
				try:
					fd = op()
					if isinstance(fd, int):
						os.close(fd)
					ck.ok(False, "%s on the mount succeeded" % what)
				except OSError as e:
					ck.ok(e.errno == errno.EROFS, "%s: errno %s, want EROFS"
						% (what, errno.errorcode.get(e.errno, e.errno)))
			for cmd in ("touch %s/t" % m, "echo x > %s" % f, "mkdir %s/d" % m, "rm -f %s" % f,
					"rm -rf %s/open.pem" % m):
				r = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True)
				ck.ok(r.returncode != 0 and ("Read-only" in r.stderr or "Permission denied" in r.stderr),
					"%r fails with EROFS/EACCES: rc %d, %r" % (cmd, r.returncode, r.stderr.strip()))
			for cmd in ("touch %s/t" % m, "echo x > %s" % f):
				r = as_nobody("sh", "-c", cmd)
				ck.ok(r.returncode != 0, "nobody: %r fails: %r" % (cmd, r.stderr.strip()))
			ck.ok(cm.value(f) == "CN=Good CA,O=Test Certificates 2011,C=US", "subject unchanged")

			# permission changes in SOURCE reach the mount within 1 s
			# (the live rule, docs/ABI.md 1.6; the safe direction first)
			os.chmod(os.path.join(src, "open.pem"), 0o600)
			time.sleep(1.1)
			r = as_nobody("cat", os.path.join(m, "open.pem/subject"))
			ck.ok(r.returncode != 0 and "Permission denied" in r.stderr,
				"after chmod 600 of the source, nobody is denied open.pem/subject: rc %d, %r"
				% (r.returncode, r.stderr.strip()))
			st = os.stat(os.path.join(m, "open.pem/subject"))
			ck.eq("open.pem/subject mode after chmod 600", oct(stat.S_IMODE(st.st_mode)), oct(0o400))
			os.chown(os.path.join(src, "secret.pem"), NOBODY, 0)
			time.sleep(1.1)
			r = as_nobody("cat", os.path.join(m, "secret.pem/subject"))
			ck.ok(r.returncode == 0 and "cryptography.io" in r.stdout,
				"after chown nobody of the source, nobody reads secret.pem/subject: rc %d, %r"
				% (r.returncode, r.stderr.strip()))
		ck.eq("source untouched", sorted(os.listdir(src)), sorted(files))
	finally:
		shutil.rmtree(src)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
