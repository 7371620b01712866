#!/usr/bin/python3
"""test_mount.py - a small PKI issued by certissue, mounted with certfs.

Issues a root CA (EC P-384), an intermediate (RSA-2048, by the root), a
server certificate (EC P-256, from a CSR, RSASSA-PSS by the intermediate),
an e-mail certificate (Ed25519, from a bare public key), a CSR, and the
intermediate's CRL revoking the e-mail certificate (reason, invalidity
date, CRL number). Then mounts the directory with certfs and checks:

  - every field tests/vfs/integration/test_diff.py compares (names, times,
    serial, algorithms, signature, der, tbs, fingerprints, public key, CRL
    entries) against what pyca 38 reads from the same files;
  - every extension: oid, critical, value (pyca's encoding of its own
    decoded value: equal only if certissue wrote DER) and the decoded
    files of each type issued (docs/ABI.md 3.5) against pyca's values;
  - verify/: every signature valid, the chains up to the root, the
    revocation of the revoked certificate from the issued CRL (date and
    reason as pyca reads the entry), not-revoked for the other leaf.
  - and, independently, `openssl verify -crl_check` on the same files.

  test_mount.py --certissue BIN --certfs BIN --srcdir DIR
Exits 77 (skip) without /dev/fuse.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args():
	ap = argparse.ArgumentParser()
	ap.add_argument("--certissue", required=True)
	ap.add_argument("--certfs", required=True)
	ap.add_argument("--srcdir", required=True)
	ap.add_argument("-v", "--verbose", action="store_true")
	return ap.parse_args()


a = parse_args()
sys.path.insert(0, os.path.join(a.srcdir, "tests", "vfs", "integration"))
sys.path.insert(0, os.path.join(a.srcdir, "tests", "diff"))
import cfsmount as cm                   # noqa: E402
try:
	from cryptography import x509                             # noqa: E402
	from cryptography.hazmat.primitives import serialization  # noqa: E402
	import test_diff as td                                    # noqa: E402
except ImportError as e:
	print("SKIP: pyca/cryptography not importable: %s" % e)
	sys.exit(cm.SKIP)

ROOT_DN = "CN=Mount Test Root CA,O=certfs tests,C=CH"
INT_DN = "CN=Mount Test Intermediate,O=certfs tests,C=CH"
WWW_DN = "CN=www.example.org,O=certfs tests"
MAIL_DN = "CN=Mail User,O=certfs tests"
API_DN = "CN=api.example.org,OU=Web+UID=api,O=certfs tests"


def issue(keys, *args):
	"""Runs certissue in the keys directory; fails the test on error."""
	cmd = [os.path.abspath(a.certissue)] + list(args)
	r = subprocess.run(cmd, cwd=keys, capture_output=True, text=True)
	if r.returncode != 0:
		print("FAIL: %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr.strip()))
		sys.exit(1)


def make_pki(keys, store):
	"""The PKI; store/ gets the public objects, keys/ the rest."""
	issue(keys, "key", "--type", "ec-p384", "--out", "root.key")
	issue(keys, "cert", "--self-signed", "--key", "root.key", "--subject", ROOT_DN,
		"--profile", "ca", "--days", "3650", "--out", "root.pem")
	issue(keys, "key", "--type", "rsa2048", "--out", "int.key")
	issue(keys, "csr", "--key", "int.key", "--subject", INT_DN, "--out", "int.csr")
	issue(keys, "cert", "--ca-cert", "root.pem", "--ca-key", "root.key", "--csr", "int.csr",
		"--profile", "intermediate", "--days", "1825",
		"--crl-distribution-point", "http://pki.example/int.crl",
		"--aia", "ca-issuers:http://pki.example/root.pem", "--out", "int.pem")
	issue(keys, "key", "--out", "www.key")
	issue(keys, "csr", "--key", "www.key", "--subject", WWW_DN, "--san", "dns:www.example.org",
		"--san", "ip:192.0.2.10", "--out", "www.csr")
	issue(keys, "cert", "--ca-cert", "int.pem", "--ca-key", "int.key", "--csr", "www.csr",
		"--copy-extensions", "--profile", "server", "--rsa-pss", "--hash", "sha384",
		"--aia", "ocsp:http://ocsp.pki.example/", "--policy", "2.23.140.1.2.2",
		"--days", "90", "--out", "www.pem")
	issue(keys, "key", "--type", "ed25519", "--out", "mail.key")
	r = subprocess.run(["openssl", "pkey", "-in", "mail.key", "-pubout", "-out", "mail.pub"],
		cwd=keys, capture_output=True, text=True)
	if r.returncode != 0:
		print("FAIL: openssl pkey -pubout of certissue's Ed25519 key: " + r.stderr.strip())
		sys.exit(1)
	issue(keys, "cert", "--ca-cert", "int.pem", "--ca-key", "int.key", "--public-key", "mail.pub",
		"--subject", MAIL_DN, "--profile", "email", "--san", "email:user@example.org",
		"--serial", "0x1234567890abcdef01", "--days", "365", "--out", "mail.pem")
	issue(keys, "key", "--type", "ec-p256", "--out", "api.key")
	issue(keys, "csr", "--key", "api.key", "--subject", API_DN, "--san", "dns:api.example.org",
		"--san", "uri:https://api.example.org/", "--der", "--out", "api.csr")
	mail = x509.load_pem_x509_certificate(cm.read(os.path.join(keys, "mail.pem")))
	issue(keys, "crl", "--ca-cert", "int.pem", "--ca-key", "int.key",
		"--revoke", "%d,reason=key_compromise,date=-1h,invalidity=-2d" % mail.serial_number,
		"--revoke", "4242,reason=superseded", "--crl-number", "7", "--days", "7",
		"--out", "int.crl")
	for src, dst in (("root.pem", "root-ca.pem"), ("int.pem", "intermediate-ca.pem"),
			("www.pem", "www.pem"), ("mail.pem", "mail.pem"), ("api.csr", "api.csr"),
			("int.crl", "intermediate-ca.crl")):
		shutil.copy(os.path.join(keys, src), os.path.join(store, dst))


def load(path, kind):
	data = cm.read(path)
	pem = b"-----BEGIN " in data
	obj = (td.PEM if pem else td.DER)[kind](data)
	return obj, obj.public_bytes(serialization.Encoding.DER)


def ext_files(e):
	"""{file under extensions/<name>/: text} for the decoded values of the
	extension types this PKI has (docs/ABI.md 3.5)."""
	v = e.value
	f = {}

	def gns(prefix, names):
		by = {}
		for g in names:
			t = {x509.DNSName: "dns_name", x509.RFC822Name: "rfc822_name",
				x509.UniformResourceIdentifier: "uniform_resource_identifier",
				x509.IPAddress: "ip_address", x509.DirectoryName: "directory_name",
				x509.RegisteredID: "registered_id"}[type(g)]
			val = g.value
			if t == "directory_name":
				val = td.oracle.rfc4514(val)
			elif t == "registered_id":
				val = val.dotted_string
			by.setdefault(prefix + t, []).append(str(val))
		f.update({k: "\n".join(x) for k, x in by.items()})

	if isinstance(v, x509.BasicConstraints):
		f["ca"] = "true" if v.ca else "false"
		f["path_length"] = None if v.path_length is None else str(v.path_length)
	elif isinstance(v, x509.KeyUsage):
		for flag in ("digital_signature", "content_commitment", "key_encipherment",
				"data_encipherment", "key_agreement", "key_cert_sign", "crl_sign"):
			f[flag] = "true" if getattr(v, flag) else "false"
	elif isinstance(v, x509.ExtendedKeyUsage):
		f["usages"] = "\n".join(u.dotted_string for u in v)
	elif isinstance(v, x509.SubjectKeyIdentifier):
		f["digest"] = v.digest.hex()
	elif isinstance(v, x509.AuthorityKeyIdentifier):
		f["key_identifier"] = v.key_identifier.hex()
	elif isinstance(v, x509.SubjectAlternativeName):
		gns("", v)
	elif isinstance(v, x509.CRLDistributionPoints):
		for i, dp in enumerate(v):
			gns("%d/full_name/" % i, dp.full_name)
	elif isinstance(v, x509.AuthorityInformationAccess):
		for i, ad in enumerate(v):
			f["%d/access_method" % i] = ad.access_method.dotted_string
			gns("%d/access_location/" % i, [ad.access_location])
	elif isinstance(v, x509.CertificatePolicies):
		for i, p in enumerate(v):
			f["%d/policy_identifier" % i] = p.policy_identifier.dotted_string
	elif isinstance(v, x509.CRLNumber):
		f["crl_number"] = str(v.crl_number)
	elif isinstance(v, x509.CRLReason):
		f["reason"] = v.reason.name
	elif isinstance(v, x509.InvalidityDate):
		f["invalidity_date"] = td.tm(v.invalidity_date)
	return f


def check_exts(ck, odir, exts, label):
	"""extensions/ of one object (or CRL entry) against pyca's list."""
	names = []
	for e in exts:
		name = td.EXT_NAMES.get(e.oid.dotted_string, e.oid.dotted_string)
		names.append(name)
		d = os.path.join(odir, "extensions", name)
		ck.eq("%s: extensions/%s/oid" % (label, name), cm.value(os.path.join(d, "oid")),
			e.oid.dotted_string)
		ck.eq("%s: extensions/%s/critical" % (label, name), cm.value(os.path.join(d, "critical")),
			"true" if e.critical else "false")
		ck.eq("%s: extensions/%s/value" % (label, name), cm.get(os.path.join(d, "value")),
			e.value.public_bytes())
		for f, want in ext_files(e).items():
			ck.eq("%s: extensions/%s/%s" % (label, name, f), cm.value(os.path.join(d, f)), want)
	ck.eq("%s: extensions/" % label, cm.ls(os.path.join(odir, "extensions"))
		if names else None, sorted(names) if names else None)


def check_pss(ck, odir, rel, store):
	"""pyca 38 has no signature_hash_algorithm for RSASSA-PSS (it raises):
	the hashes and salt length as openssl reads the parameters."""
	r = subprocess.run(["openssl", "x509", "-in", os.path.join(store, rel), "-noout", "-text"],
		capture_output=True, text=True)
	hashes = re.findall(r"Hash Algorithm: (\S+)", r.stdout)
	mgf = re.findall(r"Mask Algorithm: mgf1 with (\S+)", r.stdout)
	salt = re.findall(r"Salt Length: 0x([0-9A-Fa-f]+)", r.stdout)
	ck.ok(hashes and mgf and salt, "%s: openssl shows the PSS parameters" % rel)
	if hashes and mgf and salt:
		ck.eq(rel + ": signature_hash_algorithm", cm.value(os.path.join(odir, "signature_hash_algorithm")),
			hashes[0])
		p = os.path.join(odir, "signature_algorithm_parameters")
		ck.eq(rel + ": signature_algorithm_parameters/hash_algorithm",
			cm.value(os.path.join(p, "hash_algorithm")), hashes[0])
		ck.eq(rel + ": signature_algorithm_parameters/mgf1_hash_algorithm",
			cm.value(os.path.join(p, "mgf1_hash_algorithm")), mgf[0])
		ck.eq(rel + ": signature_algorithm_parameters/salt_length",
			cm.value(os.path.join(p, "salt_length")), str(int(salt[0], 16)))


def check_fields(ck, m, rel, kind, store):
	obj, der = load(os.path.join(store, rel), kind)
	odir = os.path.join(m, rel)
	for field, want in td.expected(obj, kind, der).items():
		if isinstance(want, td.Raised):
			if field == "signature_hash_algorithm" and obj.signature_algorithm_oid._name == "RSASSA-PSS":
				check_pss(ck, odir, rel, store)
			else:
				ck.ok(False, "%s: pyca raised on %s (%s)" % (rel, field, want))
			continue
		if isinstance(want, td.Listing):
			got = [x for x in cm.ls(os.path.join(odir, field)) if x != "der"]
		elif isinstance(want, td.Binary):
			got = cm.get(os.path.join(odir, field))
			want = bytes(want)
		elif field == "extensions":
			got = td.mount_exts(odir)[0]
		else:
			got = cm.value(os.path.join(odir, field))
		ck.eq("%s: %s" % (rel, field), got, want)
	check_exts(ck, odir, obj.extensions, rel)
	if kind == "crl":
		for r in obj:
			check_exts(ck, os.path.join(odir, "revoked", str(r.serial_number)),
				r.extensions, "%s: revoked/%d" % (rel, r.serial_number))
	return obj


def check_verify(ck, m, objs):
	def v(rel, f):
		return cm.value(os.path.join(m, rel, "verify", f))

	root, inter = "root-ca.pem", "intermediate-ca.pem"
	for rel in ("root-ca.pem", "intermediate-ca.pem", "www.pem", "mail.pem",
			"intermediate-ca.crl", "api.csr"):
		ck.eq(rel + ": verify/signature", v(rel, "signature"), "valid")
	for rel, issuer in ((root, root), (inter, root), ("www.pem", inter), ("mail.pem", inter),
			("intermediate-ca.crl", inter)):
		p = os.path.join(m, rel, "verify", "issuer")
		ck.ok(os.path.isdir(p) and os.path.samefile(p, os.path.join(m, issuer)),
			"%s: verify/issuer leads to %s" % (rel, issuer))
	ck.eq(root + ": verify/chain", v(root, "chain"), root)
	ck.eq(inter + ": verify/chain", v(inter, "chain"), "\n".join([inter, root]))
	for leaf in ("www.pem", "mail.pem"):
		ck.eq(leaf + ": verify/chain", v(leaf, "chain"), "\n".join([leaf, inter, root]))
		ck.eq(leaf + ": verify/validity", v(leaf, "validity"), "valid")
	crl = objs["intermediate-ca.crl"]
	entry = crl.get_revoked_certificate_by_serial_number(objs["mail.pem"].serial_number)
	ck.ok(entry is not None, "pyca finds mail.pem's serial in the issued CRL")
	ck.eq("mail.pem: verify/revocation", v("mail.pem", "revocation"), "revoked")
	if entry is not None:
		ck.eq("mail.pem: verify/revocation_date", v("mail.pem", "revocation_date"),
			td.tm(entry.revocation_date))
		reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason.name
		ck.eq("mail.pem: verify/revocation_reason", v("mail.pem", "revocation_reason"), reason)
	ck.eq("www.pem: verify/revocation", v("www.pem", "revocation"), "not-revoked")
	ck.eq("www.pem: verify/revocation_reason absent", v("www.pem", "revocation_reason"), None)
	# the root is listed by no CRL of its issuer (itself)
	ck.eq(root + ": verify/revocation", v(root, "revocation"), "unknown")


def check_openssl(ck, store):
	"""The same PKI through OpenSSL's verifier, with the issued CRL."""
	def run(*args):
		return subprocess.run(["openssl", "verify"] + list(args), cwd=store,
			capture_output=True, text=True)
	base = ["-CAfile", "root-ca.pem", "-untrusted", "intermediate-ca.pem"]
	r = run(*base, "-CRLfile", "intermediate-ca.crl", "-crl_check", "www.pem")
	ck.ok(r.returncode == 0, "openssl verify -crl_check www.pem: %s" % (r.stdout + r.stderr).strip())
	r = run(*base, "-CRLfile", "intermediate-ca.crl", "-crl_check", "mail.pem")
	ck.ok(r.returncode != 0 and "revoked" in (r.stdout + r.stderr),
		"openssl verify -crl_check mail.pem says revoked: %s" % (r.stdout + r.stderr).strip())
	r = subprocess.run(["openssl", "crl", "-in", "intermediate-ca.crl", "-CAfile",
		"intermediate-ca.pem", "-noout"], cwd=store, capture_output=True, text=True)
	ck.ok(r.returncode == 0 and "verify OK" in r.stderr + r.stdout,
		"openssl crl -CAfile verifies the CRL: %s" % (r.stdout + r.stderr).strip())


def main():
	cm.require_fuse()
	ck = cm.Checker("issuer-mount", a.verbose)
	work = tempfile.mkdtemp(prefix="certissue-mount-")
	try:
		keys, store = os.path.join(work, "keys"), os.path.join(work, "store")
		os.mkdir(keys)
		os.mkdir(store)
		make_pki(keys, store)
		check_openssl(ck, store)
		kinds = {"root-ca.pem": "certificate", "intermediate-ca.pem": "certificate",
			"www.pem": "certificate", "mail.pem": "certificate",
			"intermediate-ca.crl": "crl", "api.csr": "csr"}
		with cm.mounted(os.path.abspath(a.certfs), store) as m:
			ck.eq("the mount's listing", [n for n in cm.ls(m) if n != ".by-sha256"], sorted(kinds))
			objs = {rel: check_fields(ck, m, rel, kind, store) for rel, kind in kinds.items()}
			check_verify(ck, m, objs)
	finally:
		shutil.rmtree(work, ignore_errors=True)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
