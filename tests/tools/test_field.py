#!/usr/bin/python3
"""test_field.py - `certdump --field PATH FILE` against a real certfs mount
(issue 18): for a few objects (a certificate with many extensions and SCTs,
a CA certificate, a CRL with entry extensions, two CSRs, a bundle), every
node of a single-file mount of the file: a file's bytes, a directory's
sorted names, a link's target must be what certdump prints for its path.
Also: a missing path, a file with no object, and standard input.

  test_field.py --certdump PATH --certfs PATH --srcdir DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
	extra = lambda ap: ap.add_argument("--certdump", required=True)
	sys.path.insert(0, os.path.join(HERE, "..", "vfs", "integration"))
	import cfsmount as cm
	a = cm.args(extra)
	cm.require_fuse()
	cd = os.path.abspath(a.certdump)
	ck = cm.Checker("test_field", a.verbose)
	data = os.path.join(a.srcdir, "tests", "data")
	tmp = tempfile.mkdtemp(prefix="certdump-field-")
	try:
		files = [os.path.join(data, "seed", n) for n in
			 ("cryptography-io.pem", "good-ca.pem", "crl-version-2.pem",
			  "csr-rsa-sha1.pem")]
		files.append(os.path.join(data, "csr", "ec-p256.der"))
		bundle = os.path.join(tmp, "bundle.pem")
		with open(bundle, "wb") as out:
			for f in files[:2]:
				with open(f, "rb") as i:
					out.write(i.read())
		files.append(bundle)
		for f in files:
			ck.prefix = os.path.basename(f) + ": "
			with cm.mounted(a.certfs, f) as mnt:
				n = compare_tree(ck, cd, f, mnt)
			ck.ok(n > 20, "%d nodes compared" % n)
		ck.prefix = ""
		misc(ck, cd, files[0], tmp)
	finally:
		shutil.rmtree(tmp)
	ck.finish()


def field(cd, path, f, stdin=None):
	return subprocess.run([cd, "--field", path, f], input=stdin, capture_output=True)


def compare_tree(ck, cd, f, mnt):
	"""Every node under mnt against certdump --field; the count."""
	n = 0
	for dirpath, dirs, names in os.walk(mnt):
		dirs[:] = [d for d in dirs if d != ".by-sha256"]
		for name in [""] + sorted(names + dirs):
			p = os.path.join(dirpath, name) if name else dirpath
			rel = os.path.relpath(p, mnt)
			rel = "" if rel == "." else rel
			if os.path.islink(p):
				want = (os.readlink(p) + "\n").encode()
			elif os.path.isdir(p):
				if name:
					continue        # compared as its own dirpath
				want = "".join(e + "\n" for e in sorted(os.listdir(p))).encode()
			else:
				with open(p, "rb") as fh:
					want = fh.read()
			r = field(cd, rel, f)
			n += 1
			if rel.endswith("verify/expires_in") and r.returncode == 0:
				# a live value (seconds until notAfter): the mount's read
				# and certdump's may fall in different seconds
				try:
					same = abs(int(r.stdout) - int(want)) <= 5
				except ValueError:
					same = False
				ck.ok(same, "--field %r: %r, the mount's %r (within 5 s)" % (
					rel, r.stdout, want))
				continue
			ck.ok(r.returncode == 0 and r.stdout == want,
			      "--field %r: rc %d, %r%s, want %r" % (
				      rel, r.returncode, r.stdout[:60], r.stderr.decode()[:100], want[:60]))
	return n


def misc(ck, cd, cert, tmp):
	r = field(cd, "extensions/no_such_extension", cert)
	ck.ok(r.returncode == 1 and b"no field extensions/no_such_extension" in r.stderr,
	      "a missing path: rc %d, %r" % (r.returncode, r.stderr))
	text = os.path.join(tmp, "text.txt")
	with open(text, "w") as f:
		f.write("no certificate here\n")
	r = field(cd, "type", text)
	ck.ok(r.returncode == 1 and b"no certificate, CRL or CSR found in" in r.stderr,
	      "a file with no object: rc %d, %r" % (r.returncode, r.stderr))
	with open(cert, "rb") as f:
		pem = f.read()
	r = field(cd, "subject", "-", stdin=pem)
	want = field(cd, "subject", cert).stdout
	ck.ok(r.returncode == 0 and r.stdout == want and want,
	      "--field from standard input: %r, want %r" % (r.stdout, want))
	r = subprocess.run([cd, cert, "--field", "type"], capture_output=True)
	ck.ok(r.stdout == b"certificate\n", "--field after the file: %r" % r.stdout)


main()
