#!/usr/bin/python3
"""test_camount.py - certfs on certissue's CA directories (issue 15).

Makes a root CA directory and an intermediate issued by it
(`certissue ca init`, `--parent`), issues leaves from both
(`certissue cert --ca`), makes each CA's CRL (`certissue crl --ca`), and
mounts each CA directory with certfs (`certfs DIR MNT`, as the issue
says), then the directory that holds both. In every mount:

  - certs/ shows every certificate the CA issued (its database's records,
    `certissue list --ca DIR --json`, and the files of DIR/certs), each a
    certificate whose serial is its file's name, and private/ shows
    nothing (no key ever appears in a mount);
  - each one's verify/signature is valid and verify/issuer leads to the
    CA's ca.pem (the same DER);
  - verify/chain: up to the root when the root is in the mount (each
    element's DER the certificate expected, and `openssl verify` of the
    same files builds that chain), no file when it is not (the root of an
    intermediate's own directory is elsewhere: docs/ABI.md 4);
  - verify/revocation: what `openssl verify -crl_check` says of it with
    the CA's crl.pem (not-revoked), or unknown without one.

Then, with the intermediate's directory mounted, `certissue revoke --ca`
and `certissue crl --ca`: the leaf's verify/revocation must turn to
`revoked` within one second of `crl` returning (polled every 5 ms; the
time it took is printed), with verify/revocation_date and
verify/revocation_reason as pyca reads the new CRL's entry, while the
other leaf stays not-revoked. Exits 77 (skip) without /dev/fuse.

  test_camount.py --certissue BIN --certfs BIN --srcdir DIR
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

warnings.simplefilter("ignore")
LIVE_BOUND = 1.0        # seconds: issue 15, "within a second"


# cfsmount.py (the certfs integration tests' mount helper) and
# test_diff.py (pyca's view of every field), found from this file.
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
sys.path.insert(0, os.path.join(SRC, "tests", "vfs", "integration"))
sys.path.insert(0, os.path.join(SRC, "tests", "diff"))
import cfsmount as cm                   # noqa: E402
a = cm.args(lambda ap: ap.add_argument("--certissue", required=True))
try:
	from cryptography import x509       # noqa: E402
	import test_diff as td              # noqa: E402
except ImportError as e:
	print("SKIP: pyca/cryptography not importable: %s" % e)
	sys.exit(cm.SKIP)

ROOT_DN = "CN=CA Mount Root,O=certfs tests,C=CH"
INT_DN = "CN=CA Mount Issuing CA,O=certfs tests,C=CH"


def ci(cwd, *args):
	"""Runs certissue; fails the test on error. Returns its stdout."""
	cmd = [os.path.abspath(a.certissue)] + list(args)
	r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
	if r.returncode != 0:
		print("FAIL: certissue %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr.strip()))
		sys.exit(1)
	return r.stdout


def make(work):
	"""pki/root and pki/int (issued by root), leaves from both, both
	CRLs. Returns the two CA directories and {leaf name: its file in
	its CA's certs/}."""
	keys = os.path.join(work, "keys")
	os.mkdir(keys)
	os.mkdir(os.path.join(work, "pki"))
	root, inter = os.path.join(work, "pki", "root"), os.path.join(work, "pki", "int")
	ci(work, "ca", "init", root, "--subject", ROOT_DN, "--key-type", "ec-p384", "--days", "3650")
	ci(work, "ca", "init", inter, "--subject", INT_DN, "--parent", root, "--days", "1825")
	leaves = {}
	for name, ca, dns in (("www", inter, "www.example.org"), ("api", inter, "api.example.org"),
			("ops", root, "ops.example.org")):
		ci(keys, "key", "--out", name + ".key")
		ci(keys, "csr", "--key", name + ".key", "--subject", "CN=%s,O=certfs tests" % dns,
			"--san", "dns:" + dns, "--out", name + ".csr")
		before = set(os.listdir(os.path.join(ca, "certs")))
		ci(keys, "cert", "--ca", ca, "--csr", name + ".csr", "--copy-extensions",
			"--profile", "server", "--days", "90", "--out", name + ".pem")
		new = set(os.listdir(os.path.join(ca, "certs"))) - before
		if len(new) != 1:
			print("FAIL: cert --ca %s added %d files to certs/, not one: %s" % (ca, len(new), sorted(new)))
			sys.exit(1)
		leaves[name] = os.path.join(ca, "certs", new.pop())
		if cm.read(leaves[name]) != cm.read(os.path.join(keys, name + ".pem")):
			print("FAIL: %s differs from the --out copy %s.pem" % (leaves[name], name))
			sys.exit(1)
	for ca in (root, inter):
		ci(work, "crl", "--ca", ca, "--days", "7")
	return root, inter, leaves


def load_cert(path):
	return x509.load_pem_x509_certificate(cm.read(path))


def der_of(path):
	from cryptography.hazmat.primitives.serialization import Encoding
	return load_cert(path).public_bytes(Encoding.DER)


def records(ca):
	"""The serials (ints) of `certissue list --ca DIR --json` (hex
	strings, docs/certissue.md)."""
	return sorted(int(r["serial"], 16) for r in json.loads(ci(".", "list", "--ca", ca, "--json")))


def openssl_verify(anchors, untrusted, target):
	"""openssl verify's verdict on target: 'ok' or what it says."""
	cmd = ["openssl", "verify", "-CAfile", anchors]
	if untrusted:
		cmd += ["-untrusted", untrusted]
	r = subprocess.run(cmd + [target], capture_output=True, text=True)
	return "ok" if r.returncode == 0 else (r.stdout + r.stderr).strip()


def check_ca_mount(ck, m, ca, rel, chain_to):
	"""One CA directory, mounted at m/rel: every issued certificate.
	chain_to: the object paths (in the mount) of the CA's own chain, from
	its ca.pem up to the root, or None when the root is not in the mount."""
	odir = os.path.join(m, rel) if rel else m
	pre = (rel + "/") if rel else ""
	label = "%s mounted%s" % (os.path.basename(ca), " as " + rel if rel else "")
	files = sorted(f for f in os.listdir(os.path.join(ca, "certs")) if f.endswith(".pem"))
	serials = records(ca)
	ck.eq("%s: certs/ files against list --json records" % label,
		sorted(int(f[:-4], 16) for f in files), serials)
	ck.eq("%s: the mount's certs/" % label, cm.ls(os.path.join(odir, "certs")), files)
	ck.eq("%s: the mount's private/ shows no key" % label, cm.ls(os.path.join(odir, "private")), [])
	ck.eq("%s: ca.pem's type" % label, cm.value(os.path.join(odir, "ca.pem", "type")), "certificate")
	ca_der = der_of(os.path.join(ca, "ca.pem"))
	crl = os.path.join(ca, "crl.pem")
	ck.ok(os.path.exists(crl), "%s: crl.pem exists after crl --ca" % label)
	root_pem = None
	if chain_to is not None:
		root_pem = os.path.join(m, chain_to[-1], "der")
	for f in files:
		path = os.path.join(ca, "certs", f)
		obj = os.path.join(odir, "certs", f)
		what = "%s: %scerts/%s" % (label, pre, f)

		def v(name, obj=obj):
			return cm.value(os.path.join(obj, "verify", name))
		cert = load_cert(path)
		ck.eq(what + ": type", cm.value(os.path.join(obj, "type")), "certificate")
		ck.eq(what + ": serial_number (the file's name)", cm.value(os.path.join(obj, "serial_number")),
			str(int(f[:-4], 16)))
		ck.eq(what + ": serial_number (pyca)", cm.value(os.path.join(obj, "serial_number")),
			str(cert.serial_number))
		ck.eq(what + ": verify/signature", v("signature"), "valid")
		issuer = os.path.join(obj, "verify", "issuer")
		ck.ok(os.path.isdir(issuer) and cm.get(os.path.join(issuer, "der")) == ca_der,
			what + ": verify/issuer is the CA's certificate")
		ck.eq(what + ": verify/validity", v("validity"), "valid")
		if chain_to is None:
			ck.eq(what + ": no verify/chain without the root in the mount", v("chain"), None)
		else:
			chain = v("chain")
			want = [pre + "certs/" + f] + chain_to
			if der_of(path) == ca_der:
				want = [pre + "certs/" + f] + chain_to[1:]     # the CA's own certificate
			ck.ok(chain is not None, what + ": verify/chain exists")
			if chain is not None:
				got = chain.split("\n")
				# The same certificates (by DER: the intermediate is both
				# int/ca.pem and root/certs/SERIAL.pem).
				ck.eq(what + ": verify/chain's certificates",
					[hashlib.sha256(cm.read(os.path.join(m, p, "der"))).hexdigest() for p in got],
					[hashlib.sha256(cm.read(os.path.join(m, p, "der"))).hexdigest() for p in want])
			with tempfile.NamedTemporaryFile(suffix=".pem") as root_f, \
					tempfile.NamedTemporaryFile(suffix=".pem") as mid:
				root_f.write(pem(cm.read(root_pem)))
				root_f.flush()
				for p in chain_to[:-1]:
					mid.write(pem(cm.read(os.path.join(m, p, "der"))))
				mid.flush()
				ck.eq(what + ": openssl verify of the same chain",
					openssl_verify(root_f.name, mid.name if len(chain_to) > 1 else None,
					path), "ok")
		# revocation against OpenSSL on crl.pem; the CA's own chain is
		# not checked there (-partial_chain: ca.pem is the anchor).
		r = subprocess.run(["openssl", "verify", "-partial_chain", "-CAfile",
			os.path.join(ca, "ca.pem"), "-CRLfile", crl, "-crl_check", path],
			capture_output=True, text=True)
		want = "not-revoked" if r.returncode == 0 else \
			"revoked" if "certificate revoked" in r.stdout + r.stderr else \
			"openssl: " + (r.stdout + r.stderr).strip()
		ck.eq(what + ": verify/revocation", v("revocation"), want)


def pem(der):
	import base64
	b = base64.encodebytes(der).decode().replace("\n", "")
	return ("-----BEGIN CERTIFICATE-----\n" + "\n".join(b[i:i + 64] for i in range(0, len(b), 64))
		+ "\n-----END CERTIFICATE-----\n").encode()


def poll_revoked(path):
	"""Reads path (a verify/revocation) every 5 ms until it says revoked
	or LIVE_BOUND + 4 s have passed; returns (last value, seconds)."""
	t0 = time.monotonic()
	while True:
		got = cm.value(path)
		dt = time.monotonic() - t0
		if got == "revoked" or dt > LIVE_BOUND + 4:
			return got, dt
		time.sleep(0.005)


def check_live_revocation(ck, m, inter, leaves):
	"""revoke + crl with the intermediate's directory mounted, for one
	leaf and then the other: the mount must say revoked within LIVE_BOUND
	of crl returning, and the other leaf not, until it is revoked too."""
	objs = {n: os.path.join(m, "certs", os.path.basename(leaves[n])) for n in ("www", "api")}
	for n in objs:
		ck.eq(n + ": verify/revocation before revoke", cm.value(os.path.join(objs[n], "verify",
			"revocation")), "not-revoked")
	for n, other, reason in (("www", "api", "key_compromise"), ("api", None, "superseded")):
		rev = os.path.join(objs[n], "verify", "revocation")
		serial = load_cert(leaves[n]).serial_number
		ci(".", "revoke", "--ca", inter, str(serial), "--reason", reason)
		# The CRL is not made yet: the mount must still say not-revoked.
		ck.eq(n + ": verify/revocation after revoke, before crl", cm.value(rev), "not-revoked")
		ci(".", "crl", "--ca", inter, "--days", "7")
		got, dt = poll_revoked(rev)
		print("%s: revocation shown in the mount %.3f s after certissue crl returned (bound %.1f s)"
			% (n, dt, LIVE_BOUND))
		ck.eq(n + ": verify/revocation after crl", got, "revoked")
		ck.ok(dt <= LIVE_BOUND, "%s: revoked shown within %.1f s of crl (took %.3f s)"
			% (n, LIVE_BOUND, dt))
		crl = x509.load_pem_x509_crl(cm.read(os.path.join(inter, "crl.pem")))
		entry = crl.get_revoked_certificate_by_serial_number(serial)
		ck.ok(entry is not None, "pyca finds %s's serial in the new crl.pem" % n)
		if entry is not None:
			ck.eq(n + ": verify/revocation_date", cm.value(os.path.join(objs[n], "verify",
				"revocation_date")), td.tm(entry.revocation_date))
			got = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason.name
			ck.eq(n + ": the CRL entry's reason (pyca)", got, reason)
			ck.eq(n + ": verify/revocation_reason", cm.value(os.path.join(objs[n], "verify",
				"revocation_reason")), got)
		if other:
			ck.eq(other + ": verify/revocation after %s's crl" % n,
				cm.value(os.path.join(objs[other], "verify", "revocation")), "not-revoked")


def main():
	cm.require_fuse()
	ck = cm.Checker("issuer-camount", a.verbose)
	work = tempfile.mkdtemp(prefix="certissue-camount-")
	certfs = os.path.abspath(a.certfs)
	try:
		root, inter, leaves = make(work)
		int_serial = "%X" % load_cert(os.path.join(inter, "ca.pem")).serial_number
		ck.ok(any(int(f[:-4], 16) == int(int_serial, 16) for f in os.listdir(os.path.join(root, "certs"))),
			"the intermediate's certificate is in the root's certs/")
		ck.eq("the intermediate's ca.pem, issued by the root: openssl verify",
			openssl_verify(os.path.join(root, "ca.pem"), None,
			os.path.join(inter, "ca.pem")), "ok")
		# The root's directory: the root is in it, so chains are complete.
		with cm.mounted(certfs, root) as m:
			check_ca_mount(ck, m, root, "", ["ca.pem"])
		# Both CA directories in one mount: the intermediate's leaves
		# chain up to the root.
		with cm.mounted(certfs, os.path.join(work, "pki")) as m:
			check_ca_mount(ck, m, root, "root", ["root/ca.pem"])
			check_ca_mount(ck, m, inter, "int", ["int/ca.pem", "root/ca.pem"])
		# The intermediate's directory alone, and the live revocation.
		with cm.mounted(certfs, inter) as m:
			check_ca_mount(ck, m, inter, "", None)
			check_live_revocation(ck, m, inter, leaves)
	finally:
		shutil.rmtree(work, ignore_errors=True)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
