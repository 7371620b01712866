#!/usr/bin/python3
"""test_diff.py - the mounted pyca X.509 vectors against pyca/cryptography
38 and OpenSSL's CLI.

Every object of the vectors' x509 tree (and of /usr/share/ca-certificates)
that pyca 38 loads is compared, field by field, with what the mount shows
for it (expected() says which: the text fields, name attributes, CRL
entries, extension OIDs and directory names, and der, tbs_*_bytes and
public_key/der byte for byte). A
field pyca itself raises on is not comparable and only counted. Then, for
a sample of at least 100 single-certificate files, `openssl x509 -noout
-serial -fingerprint -sha1 -startdate -enddate` against serial_number
(hex -> decimal), fingerprint/sha1, not_valid_before and not_valid_after.

The objects of tests/data/fieldlevel (tests/data/gen-fieldlevel.py) are
compared the same way. Where pyca raises on a field certfs cannot decode
either, the mount must show the field's error instead (docs/ABI.md 2):
the file absent and `<field>_error` present (`error` inside subject.d/,
issuer.d/ and public_key/). And their signatures: each certificate there
that `openssl verify` accepts with its issuer (ca.pem, or itself) must
show verify/signature = valid.

Every difference must be listed in tests/known-differences.md, section
"certfs mount" (lines "- `file[#index]` `field`: reason"), else the test
fails. Prints the counts: objects compared, agreeing, differing.
"""
import datetime
import hashlib
import os
import re
import subprocess
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm
# the differential test's oracle: pyca's multi-valued RDNs in DER order
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "diff"))

warnings.simplefilter("ignore")
try:
	from cryptography import x509
	from cryptography.hazmat.primitives import serialization
	from cryptography.hazmat.primitives.asymmetric import (
		dsa, ec, ed448, ed25519, rsa, x448, x25519)
	from cryptography.x509.oid import (CRLEntryExtensionOID, ExtensionOID, NameOID,
		ObjectIdentifier)
	import oracle
except ImportError as e:
	print("SKIP: pyca/cryptography not importable: %s" % e)
	sys.exit(cm.SKIP)

LABELS = {
	"CERTIFICATE": "certificate",
	"X509 CERTIFICATE": "certificate",
	"TRUSTED CERTIFICATE": "certificate",
	"X509 CRL": "crl",
	"CERTIFICATE REQUEST": "csr",
	"NEW CERTIFICATE REQUEST": "csr",
}
PEM = {"certificate": x509.load_pem_x509_certificate,
	"crl": x509.load_pem_x509_crl, "csr": x509.load_pem_x509_csr}
DER = {"certificate": x509.load_der_x509_certificate,
	"crl": x509.load_der_x509_crl, "csr": x509.load_der_x509_csr}
BLOCK = re.compile(rb"-----BEGIN ([^\r\n-]*)-----\r?\n.*?-----END \1-----", re.S)

EXT_NAMES = {}
for cls in (ExtensionOID, CRLEntryExtensionOID):
	for k, v in vars(cls).items():
		if isinstance(v, ObjectIdentifier):
			EXT_NAMES.setdefault(v.dotted_string, k.lower())


NAME_NAMES = {v.dotted_string: k.lower() for k, v in vars(NameOID).items()
	if isinstance(v, ObjectIdentifier)}


CA_DIR = "/usr/share/ca-certificates"


class Listing(list):
	"""An expected directory listing (sorted names)."""


class Binary(bytes):
	"""An expected binary file (compared byte for byte, no newline)."""


class Raised(Exception):
	"""pyca raised computing a field: not comparable."""


class FieldError(Raised):
	"""pyca raised on a field certfs shows as an error: the file must be
	absent and its error file (the path given) present."""

	def __init__(self, cls, err_path):
		super().__init__(cls)
		self.err_path = err_path


def esc(s):
	"""A text value as certfs writes it (docs/ABI.md 2)."""
	return s.replace("\n", "\\n").replace("\0", "\\0") if isinstance(s, str) else s


def tm(d):
	return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (d.year, d.month, d.day, d.hour, d.minute, d.second)


def key_fields(pk):
	out = {}
	if isinstance(pk, rsa.RSAPublicKey):
		out["public_key/algorithm"] = "rsa"
		out["public_key/key_size"] = str(pk.key_size)
		out["public_key/public_exponent"] = str(pk.public_numbers().e)
	elif isinstance(pk, ec.EllipticCurvePublicKey):
		out["public_key/algorithm"] = "ec"
		out["public_key/key_size"] = str(pk.key_size)
		out["public_key/curve"] = pk.curve.name
	elif isinstance(pk, dsa.DSAPublicKey):
		out["public_key/algorithm"] = "dsa"
		out["public_key/key_size"] = str(pk.key_size)
	else:
		for cls, name in ((ed25519.Ed25519PublicKey, "ed25519"), (ed448.Ed448PublicKey, "ed448"),
				(x25519.X25519PublicKey, "x25519"), (x448.X448PublicKey, "x448")):
			if isinstance(pk, cls):
				out["public_key/algorithm"] = name
				out["public_key/key_size"] = None
	if "public_key/algorithm" in out and out["public_key/algorithm"] != "ec":
		out["public_key/curve"] = None
	return out


def name_files(f, dname, get):
	"""<dname>/: one file per attribute type, values one per line in DER
	order; the listing (without der)."""
	try:
		name = get()
		files = {}
		for rdn in name.rdns:
			for at in oracle.der_order(rdn):
				v = at.value
				v = v.hex() if isinstance(v, bytes) else esc(v)
				files.setdefault(NAME_NAMES.get(at.oid.dotted_string, at.oid.dotted_string), []).append(v)
	except Exception as e:
		f[dname + "/"] = FieldError(type(e).__name__, dname + "/error")
		return
	f[dname + "/"] = Listing(sorted(files))
	for k, vs in files.items():
		f[dname + "/" + k] = "\n".join(vs)


def revoked_files(f, crl):
	try:
		entries = [(str(r.serial_number), r) for r in crl]
	except Exception as e:
		f["revoked/"] = Raised(type(e).__name__)
		return
	seen = {}
	names = []
	for ser, r in entries:
		n = seen.get(ser, 0)
		seen[ser] = n + 1
		name = ser if n == 0 else "%s.%d" % (ser, n)
		names.append(name)
		f["revoked/%s/serial_number" % name] = ser
		field = "revoked/%s/revocation_date" % name
		try:
			f[field] = tm(r.revocation_date)
		except Exception as e:
			f[field] = FieldError(type(e).__name__, field + "_error")
	f["revoked/"] = Listing(sorted(names))


# The fields whose pyca error certfs shows as <field>_error (docs/ABI.md 2).
FIELD_ERRORS = {"subject", "issuer", "not_valid_before", "not_valid_after",
		"last_update", "next_update"}


def expected(obj, kind, der):
	"""{relative path in the object directory: text value, or None for
	'no file', or Raised} of everything compared."""
	f = {}

	def put(name, fn):
		try:
			f[name] = esc(fn())
		except Exception as e:
			f[name] = (FieldError(type(e).__name__, name + "_error")
				   if name in FIELD_ERRORS else Raised(type(e).__name__))

	f["type"] = kind
	put("signature_algorithm_oid", lambda: obj.signature_algorithm_oid.dotted_string)

	def signame():
		n = obj.signature_algorithm_oid._name
		if n == "Unknown OID":
			raise Raised("no name")
		return n
	put("signature_algorithm", signame)

	def hashname():
		h = obj.signature_hash_algorithm
		return None if h is None else h.name
	put("signature_hash_algorithm", hashname)
	put("signature", lambda: obj.signature.hex())
	f["der"] = Binary(der)
	tbs = {"certificate": "tbs_certificate_bytes", "crl": "tbs_certlist_bytes",
		"csr": "tbs_certrequest_bytes"}[kind]
	put(tbs, lambda: Binary(getattr(obj, tbs)))
	f["fingerprint/sha256"] = hashlib.sha256(der).hexdigest()
	f["fingerprint/sha1"] = hashlib.sha1(der).hexdigest()

	def exts():
		return sorted(e.oid.dotted_string for e in obj.extensions)
	put("extensions", exts)
	if kind == "certificate":
		put("version", lambda: obj.version.name)
		put("serial_number", lambda: str(obj.serial_number))
		put("subject", lambda: oracle.rfc4514(obj.subject))
		put("issuer", lambda: oracle.rfc4514(obj.issuer))
		put("not_valid_before", lambda: tm(obj.not_valid_before))
		put("not_valid_after", lambda: tm(obj.not_valid_after))
		name_files(f, "subject.d", lambda: obj.subject)
		name_files(f, "issuer.d", lambda: obj.issuer)
	elif kind == "crl":
		put("issuer", lambda: oracle.rfc4514(obj.issuer))
		put("last_update", lambda: tm(obj.last_update))
		put("next_update", lambda: None if obj.next_update is None else tm(obj.next_update))
		put("revoked_count", lambda: str(len(obj)))
		name_files(f, "issuer.d", lambda: obj.issuer)
		revoked_files(f, obj)
	else:
		put("subject", lambda: oracle.rfc4514(obj.subject))
		name_files(f, "subject.d", lambda: obj.subject)
	if kind in ("certificate", "csr"):
		try:
			pk = obj.public_key()
			f.update(key_fields(pk))
			f["public_key/der"] = Binary(pk.public_bytes(serialization.Encoding.DER,
				serialization.PublicFormat.SubjectPublicKeyInfo))
		except Exception as e:
			# the directory stays (der, pem, the OID as algorithm)
			f["public_key/"] = FieldError(type(e).__name__, "public_key/error")
	return f


def objects(vectors):
	"""(rel file, index or None, kind, pyca object, DER, nblocks) of every
	object pyca loads; plus the number of objects it refuses."""
	out = []
	refused = 0
	for d, dirs, files in os.walk(vectors):
		dirs.sort()
		for name in sorted(files):
			p = os.path.join(d, name)
			rel = os.path.relpath(p, vectors)
			data = cm.read(p)
			if b"-----BEGIN " in data:
				blocks = [m for m in BLOCK.finditer(data)
					if m.group(1).decode(errors="replace") in LABELS]
				for i, m in enumerate(blocks):
					kind = LABELS[m.group(1).decode()]
					try:
						obj = PEM[kind](m.group(0))
						der = obj.public_bytes(serialization.Encoding.DER)
					except Exception:
						refused += 1
						continue
					out.append((rel, i, kind, obj, der, len(blocks)))
			else:
				for kind in ("certificate", "crl", "csr"):
					try:
						obj = DER[kind](data)
						der = obj.public_bytes(serialization.Encoding.DER)
					except Exception:
						continue
					out.append((rel, None, kind, obj, der, 1))
					break
	return out, refused


def known(path):
	"""{(file[#index], field): reason} of the section "## certfs mount":
	lines "- `FILE[#INDEX]` `FIELD`: reason" (a list, not a table, so
	that tests/diff/compare.py, which reads every table row of the file,
	does not take them for its own entries)."""
	out = {}
	on = False
	for line in open(path, encoding="utf-8"):
		if line.startswith("## "):
			on = line.startswith("## certfs mount")
			continue
		mm = re.match(r"^- `([^`]+)` `([^`]+)`: (.+)", line) if on else None
		if mm:
			out[(mm.group(1), mm.group(2))] = mm.group(3)
	return out


def mount_exts(odir):
	"""Sorted dotted OIDs of extensions/*/oid, and the directory names that
	are not the pyca constant name (+ .N) of their OID."""
	e = os.path.join(odir, "extensions")
	if not os.path.isdir(e):
		return [], []
	oids, bad = [], []
	for n in sorted(os.listdir(e)):
		oid = cm.value(os.path.join(e, n, "oid"))
		oids.append(oid)
		base = re.sub(r"\.[0-9]+$", "", n) if not re.match(r"^[0-9.]+$", n) else n
		want = EXT_NAMES.get(oid, oid)
		if base != want and n != want:
			bad.append("%s (oid %s, want %s)" % (n, oid, want))
	return sorted(oids), bad


def openssl_sample(ck, m, vectors, objs, diffs):
	single = [o for o in objs if o[2] == "certificate" and o[5] == 1]
	step = max(1, len(single) // 150)
	sample = single[::step]
	n = agree = 0
	for rel, idx, kind, obj, der, nb in sample:
		src = os.path.join(vectors, rel)
		form = "PEM" if b"-----BEGIN " in cm.read(src) else "DER"
		r = subprocess.run(["openssl", "x509", "-inform", form, "-in", src, "-noout",
			"-serial", "-fingerprint", "-sha1", "-startdate", "-enddate"],
			capture_output=True, text=True)
		if r.returncode != 0:
			continue
		o = dict(l.split("=", 1) for l in r.stdout.splitlines() if "=" in l)
		o = {k.lower(): x for k, x in o.items()}
		try:
			ser = o["serial"]
			neg = ser.startswith("-")
			ser = int(ser.lstrip("-"), 16) * (-1 if neg else 1)
			want = {
				"serial_number": str(ser),
				"fingerprint/sha1": o["sha1 fingerprint"].replace(":", "").lower(),
				"not_valid_before": tm(datetime.datetime.strptime(o["notbefore"], "%b %d %H:%M:%S %Y %Z")),
				"not_valid_after": tm(datetime.datetime.strptime(o["notafter"], "%b %d %H:%M:%S %Y %Z")),
			}
		except (KeyError, ValueError):
			continue
		n += 1
		same = True
		for field, w in want.items():
			got = cm.value(os.path.join(m, rel, field))
			if got != w:
				same = False
				diffs.append((rel, "openssl:" + field, got, w))
		agree += same
	print("openssl: %d certificates compared (of %d single-certificate files), %d agree, %d differ"
		% (n, len(single), agree, n - agree))
	ck.ok(n >= 100, "openssl sample has >= 100 certificates (%d)" % n)


def signatures(ck, m, root, objs, diffs):
	"""verify/signature of each certificate of root that `openssl verify`
	accepts with ca.pem or itself as its trust anchor: must be valid."""
	n = 0
	for rel, idx, kind, obj, der, nb in objs:
		if kind != "certificate":
			continue
		src = os.path.join(root, rel)
		for anchor in (os.path.join(root, "ca.pem"), src):
			r = subprocess.run(["openssl", "verify", "-no_check_time", "-CAfile", anchor, src],
				capture_output=True, text=True)
			if r.returncode == 0:
				break
		else:
			continue
		n += 1
		got = cm.value(os.path.join(m, rel, "verify", "signature"))
		if got != "valid":
			diffs.append((rel, "verify/signature", got, "valid (openssl verify)"))
	print("openssl verify: %d certificates of %s, each must be verify/signature = valid" % (n, root))
	ck.ok(n >= 5, "openssl verify accepts >= 5 certificates (%d)" % n)


def compare_tree(ck, a, root, diffs, tot, openssl, sigs=False):
	"""Mounts root and compares every object pyca loads from it."""
	objs, refused = objects(root)
	print("pyca 38 loads %d objects of %s (refuses %d PEM blocks)" % (len(objs), root, refused), flush=True)
	ncmp = nagree = nraised = 0
	with cm.mounted(a.certfs, root) as m:
		for rel, idx, kind, obj, der, nb in objs:
			fdir = os.path.join(m, rel)
			bundle = os.path.exists(os.path.join(fdir, "count"))
			odir = os.path.join(fdir, str(idx)) if bundle and idx is not None else fdir
			key = rel if idx is None or nb == 1 else "%s#%d" % (rel, idx)
			ncmp += 1
			mine = []
			if (nb > 1) != bundle:
				mine.append((key, "count", cm.value(os.path.join(fdir, "count")), str(nb)))
			if not os.path.isdir(odir):
				mine.append((key, "*", "absent", "loaded"))
			else:
				t = cm.value(os.path.join(odir, "type"))
				if t != kind:
					mine.append((key, "*", "type %s (%s)" % (t, cm.value(os.path.join(odir, "error"))), kind))
				else:
					for field, want in expected(obj, kind, der).items():
						if isinstance(want, FieldError):
							nraised += 1
							path = os.path.join(odir, field.rstrip("/"))
							got = (os.path.exists(path) and not field.endswith("/"),
							       cm.value(os.path.join(odir, want.err_path)))
							if got[0] or not re.match(r".* at byte [0-9]+$", got[1] or ""):
								mine.append((key, field, got, "absent, %s: ... at byte N"
									     % want.err_path))
							continue
						if isinstance(want, Raised):
							nraised += 1
							continue
						if isinstance(want, Listing):
							d = os.path.join(odir, field)
							got = cm.ls(d) if os.path.isdir(d) else []
							if isinstance(got, list):
								got = [x for x in got if x != "der"]
						elif isinstance(want, Binary):
							got = cm.get(os.path.join(odir, field))
							if got is not None and got != want:
								got = "%d bytes, sha256 %s" % (len(got), hashlib.sha256(got).hexdigest()[:16])
								want = "%d bytes, sha256 %s" % (len(want), hashlib.sha256(want).hexdigest()[:16])
						elif field == "extensions":
							got, bad = mount_exts(odir)
							for b in bad:
								mine.append((key, "extensions/name", b, "pyca constant name"))
						else:
							got = cm.value(os.path.join(odir, field))
						if got != want:
							mine.append((key, field, got, want))
			nagree += not mine
			diffs += mine
		if openssl:
			openssl_sample(ck, m, root, objs, diffs)
		if sigs:
			signatures(ck, m, root, objs, diffs)
	print("%s: %d objects compared, %d agree, %d differ" % (root, ncmp, nagree, ncmp - nagree))
	tot[0] += ncmp
	tot[1] += nagree
	tot[2] += nraised


def main():
	a = cm.args(lambda ap: ap.add_argument("--known"))
	cm.require_fuse()
	if not os.path.isdir(a.vectors):
		print("SKIP: %s absent (python3-cryptography-vectors)" % a.vectors)
		sys.exit(cm.SKIP)
	knownf = a.known or os.path.join(a.srcdir, "tests", "known-differences.md")
	kn = known(knownf)
	ck = cm.Checker("diff", a.verbose)
	diffs = []      # (file[#index], field, mount value, pyca value)
	tot = [0, 0, 0]
	compare_tree(ck, a, a.vectors, diffs, tot, openssl=True)
	# objects made for the field-level classes (tests/data/gen-fieldlevel.py)
	compare_tree(ck, a, os.path.join(a.srcdir, "tests", "data", "fieldlevel"), diffs, tot,
		     openssl=False, sigs=True)
	# the system's CA store, the other real store of issue #5
	if os.path.isdir(CA_DIR):
		compare_tree(ck, a, CA_DIR, diffs, tot, openssl=False)
	ncmp, nagree, nraised = tot
	unexplained = 0
	used = set()
	for key, field, got, want in diffs:
		k = None
		for cand in ((key, field), (key.split("#")[0], field), (key, "*"), (key.split("#")[0], "*")):
			if cand in kn:
				k = cand
				break
		if k:
			used.add(k)
			if a.verbose:
				print("known: %s %s: mount %r, oracle %r" % (key, field, got, want))
			continue
		unexplained += 1
		ck.ok(False, "%s: %s: mount %r, oracle %r" % (key, field, got, want))
	for k in sorted(set(kn) - used):
		print("warning: stale known difference: %s %s" % k)
	print("pyca: %d objects compared, %d agree, %d differ (%d field differences, %d unexplained); "
		"%d fields not comparable (pyca raised)" % (ncmp, nagree, ncmp - nagree,
		len(diffs), unexplained, nraised))
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
