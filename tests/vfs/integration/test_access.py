#!/usr/bin/python3
"""test_access.py - `-o allow_other` exposes nothing the source did not
(docs/ABI.md 1.5, issue 13 items 1-3), checked as real other users
(setpriv): POSIX ACLs that deny or grant, directories readable but not
searchable, /.by-sha256 listing and readlink, and verify/ of a readable
certificate whose issuer and CRL sit in a 0700 directory.

The oracle is the kernel itself: what a user may read in SOURCE is asked
of SOURCE as that user (open(2) through setpriv), never written down here.
Root reads everything first, so what the kernel caches from root's walk is
in place when the other users come."""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm

NOBODY = 65534
OTHER = 4242            # a user no file or ACL names


def as_user(uid, *cmd):
	return subprocess.run(["setpriv", "--reuid=%d" % uid, "--regid=%d" % uid,
		"--clear-groups"] + list(cmd), capture_output=True, text=True)


def py_as(uid, code, *args):
	"""Runs python code as uid; its stdout, stripped."""
	r = as_user(uid, "/usr/bin/python3", "-c", code, *args)
	return r.stdout.strip() + (("<stderr: %s>" % r.stderr.strip()) if r.stderr.strip() else "")


# What one user gets for each path: the content, or the errno's name.
READ = r"""
import errno, os, sys
for p in sys.argv[1:]:
	try:
		with open(p, "rb") as f:
			print("ok", len(f.read()))
	except OSError as e:
		print(errno.errorcode.get(e.errno, e.errno))
"""

LIST = r"""
import os, sys
try:
	print("\n".join(sorted(os.listdir(sys.argv[1]))))
except OSError as e:
	print("ERR", e.errno)
"""

READLINK = r"""
import errno, os, sys
for p in sys.argv[1:]:
	try:
		print("ok", os.readlink(p))
	except OSError as e:
		print(errno.errorcode.get(e.errno, e.errno))
"""

# path in SOURCE -> (PKITS certificate, mode, ACL entries for setfacl -m)
FILES = {
	"open.pem": ("ValidCertificatePathTest1EE", 0o644, None),
	"acl.pem": ("InvalidEESignatureTest3EE", 0o644, "u:%d:---" % NOBODY),
	"granted.pem": ("BadSignedCACert", 0o600, "u:%d:r--" % NOBODY),
	"secret.pem": ("InvalidEEnotAfterDateTest6EE", 0o600, None),
	"private/inner.pem": ("InvalidEEnotBeforeDateTest2EE", 0o644, None),
	"acldir/in.pem": ("RevokedsubCACert", 0o644, None),
	"noexec/in.pem": ("InvalidCASignatureTest2EE", 0o644, None),
	"pki/leaf.crt": ("InvalidRevokedEETest3EE", 0o644, None),
	"pki/private/ca.crt": ("GoodCACert", 0o644, None),
	"pki/private/root.crt": ("TrustAnchorRootCertificate", 0o644, None),
}
CRLS = {"pki/private/ca.crl": "GoodCACRL", "pki/private/root.crl": "TrustAnchorRootCRL"}
# links inside SOURCE: the mount shows the target at the link's path, so
# one into a directory nobody cannot pass must not let nobody by
LINKS = {"pub/link.pem": "../private/inner.pem", "pub/open-link.pem": "../open.pem"}
# links leaving SOURCE (followed, ABI 2): the target's whole path counts,
# so one into a 0700 directory outside lets nobody by, one into an open
# directory does (made by outside_links, beside SOURCE)
OUT_LINKS = {"pub/out-closed.pem": ("closed", "ValidpathLenConstraintTest13EE"),
	"pub/out-open.pem": ("open", "ValidpathLenConstraintTest14EE")}
DIRS = {"pub": (0o755, None), "private": (0o700, None), "acldir": (0o755, "u:%d:---" % NOBODY),
	"noexec": (0o744, None), "pki": (0o755, None), "pki/private": (0o700, None)}


def der_sha256(path):
	from cryptography import x509
	from cryptography.hazmat.primitives.serialization import Encoding
	b = cm.read(path)
	try:
		obj = x509.load_der_x509_certificate(b)
	except ValueError:
		obj = x509.load_der_x509_crl(b)
	return hashlib.sha256(obj.public_bytes(Encoding.DER)).hexdigest()


def make_store(pk, src):
	for d, (mode, acl) in sorted(DIRS.items()):
		os.makedirs(os.path.join(src, d), exist_ok=True)
	for rel, (name, mode, acl) in FILES.items():
		p = os.path.join(src, rel)
		shutil.copy(os.path.join(pk, "certs", name + ".crt"), p)
		os.chmod(p, mode)
		if acl:
			subprocess.run(["setfacl", "-m", acl, p], check=True)
	for rel, name in CRLS.items():
		p = os.path.join(src, rel)
		shutil.copy(os.path.join(pk, "crls", name + ".crl"), p)
		os.chmod(p, 0o644)
	for rel, target in LINKS.items():
		os.symlink(target, os.path.join(src, rel))
	for d, (mode, acl) in DIRS.items():
		p = os.path.join(src, d)
		os.chmod(p, mode)
		if acl:
			subprocess.run(["setfacl", "-m", acl, p], check=True)


def outside_links(pk, src, out):
	for rel, (d, name) in OUT_LINKS.items():
		os.makedirs(os.path.join(out, d), exist_ok=True)
		shutil.copy(os.path.join(pk, "certs", name + ".crt"), os.path.join(out, d, name + ".crt"))
		os.chmod(os.path.join(out, d, name + ".crt"), 0o644)
		os.chmod(os.path.join(out, d), 0o700 if d == "closed" else 0o755)
		os.symlink(os.path.join(out, d, name + ".crt"), os.path.join(src, rel))
		LINKS[rel] = os.path.join(out, d, name + ".crt")


def check_tree(ck, m, src, uid):
	"""Every object file: uid reads its subject (and lists its directory)
	through the mount exactly when it can read the file in SOURCE."""
	rels = sorted(FILES) + sorted(CRLS) + sorted(LINKS)
	want = py_as(uid, READ, *[os.path.join(src, r) for r in rels]).splitlines()
	got = py_as(uid, READ, *[os.path.join(m, r, "der") for r in rels]).splitlines()
	ck.eq("uid %d: %d files read" % (uid, len(rels)), len(got), len(rels))
	for r, w, g in zip(rels, want, got):
		ck.ok((w.startswith("ok")) == (g.startswith("ok")),
			"uid %d: %s in SOURCE: %s; %s/der through the mount: %s" % (uid, r, w, r, g))
		if not w.startswith("ok"):
			ck.ok(g in ("EACCES", "ENOENT"), "uid %d: %s/der denied with %s" % (uid, r, g))
			lst = py_as(uid, LIST, os.path.join(m, r))
			ck.ok(lst.startswith("ERR"), "uid %d: cannot list %s (got %r)" % (uid, r, lst[:80]))
	return {r for r, w in zip(rels, want) if w.startswith("ok")}


def check_by_sha(ck, m, src, uid, readable, shas):
	"""uid sees in /.by-sha256 the objects it can read in SOURCE, and only
	those: listing, readlink, stat."""
	lst = py_as(uid, LIST, os.path.join(m, ".by-sha256")).splitlines()
	want = sorted(shas[r] for r in readable if r in shas)
	ck.eq("uid %d: /.by-sha256 lists what it can read" % uid, sorted(lst), want)
	for r, h in sorted(shas.items()):
		got = py_as(uid, READLINK, os.path.join(m, ".by-sha256", h))
		if r in readable:
			ck.eq("uid %d: readlink /.by-sha256/<%s>" % (uid, r), got, "ok ../" + r)
		else:
			ck.eq("uid %d: readlink /.by-sha256/<%s> (unreadable)" % (uid, r), got, "ENOENT")


def verify_of(m, obj):
	d = os.path.join(m, obj, "verify")
	out = {}
	for f in ("signature", "chain", "revocation", "revocation_date", "revocation_reason"):
		out[f] = cm.value(os.path.join(d, f))
	try:
		out["issuer"] = os.readlink(os.path.join(d, "issuer"))
	except OSError:
		out["issuer"] = None
	return out


VERIFY_AS = r"""
import os, sys
d = sys.argv[1]
for f in ("signature", "chain", "revocation", "revocation_date", "revocation_reason"):
	try:
		with open(os.path.join(d, f)) as fh:
			print(f, repr(fh.read()))
	except OSError as e:
		print(f, "ERR", e.errno)
try:
	print("issuer", repr(os.readlink(os.path.join(d, "issuer"))))
except OSError as e:
	print("issuer", "ERR", e.errno)
"""


def main():
	a = cm.args()
	cm.require_fuse()
	pk = cm.require_pkits(a)
	if os.geteuid() != 0 or shutil.which("setpriv") is None or shutil.which("setfacl") is None:
		print("SKIP: needs root, setpriv and setfacl (the acl package) to read as other users")
		sys.exit(cm.SKIP)
	ck = cm.Checker("access", a.verbose)
	# Under /tmp: every user can reach it, as the other users must.
	src = tempfile.mkdtemp(prefix="certfs-it-acc-", dir="/tmp")
	os.chmod(src, 0o755)
	out = src + "-out"
	try:
		try:
			make_store(pk, src)
			outside_links(pk, src, out)
		except (subprocess.CalledProcessError, OSError) as e:
			print("SKIP: SOURCE's filesystem takes no POSIX ACL here: %s" % e)
			sys.exit(cm.SKIP)
		shas = {r: der_sha256(os.path.join(src, r)) for r in list(FILES) + list(CRLS) + list(OUT_LINKS)}
		# a private mount: only root reads it, verify/ uses the whole store
		with cm.mounted(a.certfs, src) as m:
			full = verify_of(m, "pki/leaf.crt")
			ck.eq("private mount: leaf verify/revocation", full["revocation"], "revoked")
			ck.eq("private mount: leaf verify/issuer", full["issuer"], "../../../pki/private/ca.crt")
		with cm.mounted(a.certfs, src, opts="allow_other") as m:
			# root first: the kernel caches what root's walk found
			for r in sorted(FILES) + sorted(CRLS) + sorted(LINKS):
				ck.ok(cm.read(os.path.join(m, r, "der")) == cm.read(os.path.join(src, r)),
					"root reads %s/der" % r)
			ck.eq("root: /.by-sha256 lists every object",
				sorted(os.listdir(os.path.join(m, ".by-sha256"))), sorted(shas.values()))
			leaf = verify_of(m, "pki/leaf.crt")
			rootv = verify_of(m, "pki/private/ca.crt")
			readable = {}
			for uid in (NOBODY, OTHER):
				readable[uid] = check_tree(ck, m, src, uid)
			# the oracle's own sanity: the ACLs and modes did what they say
			ck.ok("acl.pem" not in readable[NOBODY] and "acl.pem" in readable[OTHER],
				"SOURCE: the ACL denies nobody acl.pem, not uid %d" % OTHER)
			ck.ok("granted.pem" in readable[NOBODY] and "granted.pem" not in readable[OTHER],
				"SOURCE: the ACL grants nobody granted.pem (0600), not uid %d" % OTHER)
			ck.ok("pub/link.pem" not in readable[NOBODY] and "pub/open-link.pem" in readable[NOBODY],
				"SOURCE: a link into private/ stops nobody, one to open.pem does not")
			ck.ok("pub/out-closed.pem" not in readable[NOBODY] and "pub/out-open.pem" in readable[NOBODY],
				"SOURCE: a link into a 0700 directory outside stops nobody, one into an open one does not")
			ck.ok("noexec/in.pem" not in readable[NOBODY] and "pki/leaf.crt" in readable[NOBODY]
				and "pki/private/ca.crt" not in readable[NOBODY],
				"SOURCE: 0744 and 0700 directories stop nobody")
			for uid in (NOBODY, OTHER):
				check_by_sha(ck, m, src, uid, readable[uid], shas)

			# verify/ of the readable leaf: its issuer and CRL are in a
			# 0700 directory, so nothing of them shows, to anyone (the
			# answer is one for all its readers, docs/ABI.md 4)
			nothing = {"signature": "unknown-issuer", "chain": None, "issuer": None,
				"revocation": "unknown", "revocation_date": None, "revocation_reason": None}
			ck.eq("allow_other: root: leaf verify/", leaf, nothing)
			for uid in (NOBODY, OTHER):
				got = py_as(uid, VERIFY_AS, os.path.join(m, "pki/leaf.crt/verify"))
				want = "\n".join([
					"signature %r" % "unknown-issuer\n", "chain ERR 2", "revocation %r" % "unknown\n",
					"revocation_date ERR 2", "revocation_reason ERR 2", "issuer ERR 2"])
				ck.eq("allow_other: uid %d: leaf verify/" % uid, got, want)
			# an object only root can read may name anything root can
			ck.eq("allow_other: root: verify/issuer of a CA in a 0700 root directory",
				rootv["issuer"], "../../../../pki/private/root.crt")
			ck.eq("allow_other: root: its chain", rootv["chain"],
				"pki/private/ca.crt\npki/private/root.crt")

			# Changes of permission reach the mount within a second
			# (docs/ABI.md 1.6), in both directions.
			def nobody_reads(rel):
				return py_as(NOBODY, READ, os.path.join(m, rel, "subject")).startswith("ok")

			def nobody_issuer():
				return py_as(NOBODY, READLINK, os.path.join(m, "pki/leaf.crt/verify/issuer"))

			ck.ok(nobody_reads("open.pem"), "nobody reads open.pem before setfacl")
			subprocess.run(["setfacl", "-m", "u:%d:---" % NOBODY, os.path.join(src, "open.pem")],
				check=True)
			subprocess.run(["setfacl", "-m", "u:%d:---" % NOBODY, os.path.join(src, "pki")],
				check=True)
			time.sleep(1.1)
			ck.ok(not nobody_reads("open.pem"), "an ACL set on open.pem denies nobody within 1 s")
			ck.ok(not nobody_reads("pki/leaf.crt"),
				"an ACL set on the directory pki denies nobody within 1 s")
			subprocess.run(["setfacl", "-b", os.path.join(src, "open.pem")], check=True)
			subprocess.run(["setfacl", "-b", os.path.join(src, "pki")], check=True)
			time.sleep(1.1)
			ck.ok(nobody_reads("open.pem") and nobody_reads("pki/leaf.crt"),
				"the ACLs removed, nobody reads open.pem and pki/leaf.crt again")
			# the issuer's directory opened to all: verify/ may name it
			os.chmod(os.path.join(src, "pki/private"), 0o755)
			time.sleep(1.1)
			ck.eq("pki/private made 0755: nobody's leaf verify/issuer", nobody_issuer(),
				"ok ../../../pki/private/ca.crt")
			os.chmod(os.path.join(src, "pki/private"), 0o700)
			time.sleep(1.1)
			ck.eq("pki/private back to 0700: nobody's leaf verify/issuer", nobody_issuer(),
				"ENOENT")
			ck.eq("pki/private back to 0700: root's leaf verify/issuer",
				verify_of(m, "pki/leaf.crt")["issuer"], None)
	finally:
		shutil.rmtree(src)
		shutil.rmtree(out, ignore_errors=True)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
