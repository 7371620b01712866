#!/usr/bin/python3
"""oracle.py - what pyca/cryptography 38 says about every X.509 vector.

Run with Debian's /usr/bin/python3 (pyca/cryptography 38), not a venv's.

  oracle.py [--vectors DIR] [FILE...]

walks DIR (the pyca vectors' x509 directory; default the Debian one), or
only the FILEs given (paths relative to DIR), and prints one JSON object per
line per object, in the schema of `certdump --json` (see compare.py), plus
three keys of its own:

  "kind":     "pem" or "der", how the file was read
  "intended": whether this record is the object the file holds (False for
              the other loaders' tries on a DER file; see below)
  "pem_label": the PEM label of the block, or null

Which loaders apply to a file:

  - A file with a "-----BEGIN " line is PEM. Each block is split out here,
    and the block's own text goes to pyca's load_pem_x509_* chosen by its
    label, for the labels the core reads (xc/pem.h: CERTIFICATE, the legacy
    X509 CERTIFICATE, TRUSTED CERTIFICATE, X509 CRL, CERTIFICATE REQUEST,
    NEW CERTIFICATE REQUEST). Other labels (PRIVATE KEY, ...) are skipped by
    both. "index" counts these blocks only, as certdump does.
  - Any other file is DER, and ALL three DER loaders are tried on it; each
    try is a record (index 0). compare.py runs certdump with --type for each
    of the three types on the same files, so every try is compared: where
    pyca rejects, certdump must reject too. This covers the PKCS#12, S/MIME,
    certificate-pair and OCSP files (which every loader rejects) without a
    list of names to keep up to date. "intended" marks the try that says
    what the file is: the loader that accepted it, or, if none did, the type
    its name says (PKITS_data/certs/ or *.crt: certificate; PKITS_data/crls/
    or *.crl or a name starting with "crl": crl; requests/: csr); the other
    tries only count as cross-type rejections in the summary.

pyca is lazy: .subject, .extensions, .public_key() and friends can raise on
their own after the load succeeded. Each field is computed in its own
try/except and a field that raised is {"error": "<exception class>"}.

Where the pyca 38 API has no accessor for a field, the value comes from the
object's own DER (tbs bytes, which pyca did hand us) through the small
walker below, never re-encoded: the CRL version, the extensions' raw
extnValue bytes (pyca's public_bytes() re-encodes, and has no encoding for
unrecognised extensions in CRL entries). compare.py says which fields.
"""
import hashlib
import json
import os
import re
import sys
import warnings

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import (
	dh, dsa, ec, ed448, ed25519, rsa, x448, x25519)

VECTORS = "/usr/lib/python3/dist-packages/cryptography_vectors/x509"

TYPES = ("certificate", "crl", "csr")

# PEM label -> object type: the labels the core reads (xc/pem.h).
LABELS = {
	"CERTIFICATE": "certificate",
	"X509 CERTIFICATE": "certificate",
	"TRUSTED CERTIFICATE": "certificate",
	"X509 CRL": "crl",
	"CERTIFICATE REQUEST": "csr",
	"NEW CERTIFICATE REQUEST": "csr",
}

PEM_LOADERS = {
	"certificate": x509.load_pem_x509_certificate,
	"crl": x509.load_pem_x509_crl,
	"csr": x509.load_pem_x509_csr,
}
DER_LOADERS = {
	"certificate": x509.load_der_x509_certificate,
	"crl": x509.load_der_x509_crl,
	"csr": x509.load_der_x509_csr,
}

PEM_BLOCK = re.compile(
	rb"-----BEGIN ([^\r\n-]*)-----\r?\n(.*?)-----END \1-----", re.S)


# --- a minimal DER walker, for what the pyca 38 API does not expose --------
# Only ever run on bytes pyca already accepted, so it need not be strict.

def tlv(buf, off):
	"""(tag byte, content start, content end) of the element at off."""
	tag = buf[off]
	off += 1
	if tag & 0x1f == 0x1f:
		while buf[off] & 0x80:
			off += 1
		off += 1
	n = buf[off]
	off += 1
	if n & 0x80:
		k = n & 0x7f
		n = int.from_bytes(buf[off:off + k], "big")
		off += k
	return tag, off, off + n


def children(buf, start, end):
	"""[(tag, content start, content end)] of a constructed element."""
	out = []
	while start < end:
		t, s, e = tlv(buf, start)
		out.append((t, s, e))
		start = e
	return out


def raw_extensions(buf, start, end):
	"""[(dotted oid, critical, extnValue contents)] of an Extensions SEQUENCE."""
	out = []
	for _, s, e in children(buf, start, end):
		parts = children(buf, s, e)
		oid = decode_oid(buf[parts[0][1]:parts[0][2]])
		crit = len(parts) == 3 and buf[parts[1][1]] != 0
		out.append((oid, crit, buf[parts[-1][1]:parts[-1][2]]))
	return out


def decode_oid(b):
	arcs = []
	v = 0
	for c in b:
		v = (v << 7) | (c & 0x7f)
		if not c & 0x80:
			arcs.append(v)
			v = 0
	first = min(arcs[0] // 40, 2)
	return ".".join(str(a) for a in [first, arcs[0] - 40 * first] + arcs[1:])


def cert_raw_extensions(tbs):
	_, s, e = tlv(tbs, 0)
	for t, cs, ce in children(tbs, s, e):
		if t == 0xa3:
			_, es, ee = tlv(tbs, cs)
			return raw_extensions(tbs, es, ee)
	return []


def crl_parts(tbs):
	"""(version, raw CRL extensions, [raw entry extensions])."""
	_, s, e = tlv(tbs, 0)
	parts = children(tbs, s, e)
	version = 0
	if parts[0][0] == 0x02:
		version = int.from_bytes(tbs[parts[0][1]:parts[0][2]], "big",
					 signed=True)
	exts = []
	entries = []
	for t, cs, ce in parts:
		if t == 0xa0:
			_, es, ee = tlv(tbs, cs)
			exts = raw_extensions(tbs, es, ee)
		elif t == 0x30 and ce > cs and tbs[cs] == 0x30:
			# revokedCertificates: the only SEQUENCE OF SEQUENCE here
			# (the signature AlgorithmIdentifier starts with an OID,
			# a Name with a SET)
			for _, rs, re_ in children(tbs, cs, ce):
				rp = children(tbs, rs, re_)
				entries.append(raw_extensions(tbs, rp[2][1], rp[2][2])
					       if len(rp) > 2 else [])
	return version, exts, entries


# --- field computations -----------------------------------------------------

def utc(dt):
	return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (
		dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second)


def attributes(name):
	out = []
	for a in name:
		v = a.value
		if isinstance(v, bytes):
			v = {"hex": v.hex()}
		out.append({"oid": a.oid.dotted_string, "tag": int(a._type.value),
			    "value": v})
	return out


def public_key(obj):
	k = obj.public_key()
	table = (
		(rsa.RSAPublicKey, "rsa"), (ec.EllipticCurvePublicKey, "ec"),
		(ed25519.Ed25519PublicKey, "ed25519"),
		(ed448.Ed448PublicKey, "ed448"), (dsa.DSAPublicKey, "dsa"),
		(x25519.X25519PublicKey, "x25519"),
		(x448.X448PublicKey, "x448"), (dh.DHPublicKey, "dh"),
	)
	alg = None
	for cls, n in table:
		if isinstance(k, cls):
			alg = n
	out = {"algorithm": alg, "key_size": getattr(k, "key_size", None),
	       "curve": None}
	if alg == "ec":
		out["curve"] = k.curve.name
	return out


def extensions(obj, raw):
	"""pyca's extension list (it raises on duplicates and bad known
	extensions), carrying the raw extnValue bytes found in the DER."""
	exts = list(obj.extensions)
	if [e.oid.dotted_string for e in exts] != [r[0] for r in raw]:
		raise AssertionError("oracle: extension walk disagrees with pyca")
	return [{"oid": e.oid.dotted_string, "critical": bool(e.critical),
		 "value": r[2].hex()} for e, r in zip(exts, raw)]


def sig_name(obj):
	n = obj.signature_algorithm_oid._name
	return None if n == "Unknown OID" else n


def sig_hash(obj):
	h = obj.signature_hash_algorithm
	return None if h is None else h.name


def common(obj, tbs):
	return {
		"signature_algorithm_oid":
			lambda: obj.signature_algorithm_oid.dotted_string,
		"signature_algorithm": lambda: sig_name(obj),
		"signature_hash_algorithm": lambda: sig_hash(obj),
		"signature": lambda: obj.signature.hex(),
		"tbs_bytes_sha256": lambda: hashlib.sha256(tbs()).hexdigest(),
		"fingerprint_sha256":
			lambda: obj.fingerprint(hashes.SHA256()).hex(),
		"fingerprint_sha1": lambda: obj.fingerprint(hashes.SHA1()).hex(),
	}


def cert_fields(c):
	f = {
		"version": lambda: c.version.value,
		"serial_number": lambda: str(c.serial_number),
	}
	f.update(common(c, lambda: c.tbs_certificate_bytes))
	f.update({
		"issuer": lambda: c.issuer.rfc4514_string(),
		"subject": lambda: c.subject.rfc4514_string(),
		"issuer_attributes": lambda: attributes(c.issuer),
		"subject_attributes": lambda: attributes(c.subject),
		"not_valid_before": lambda: utc(c.not_valid_before),
		"not_valid_after": lambda: utc(c.not_valid_after),
		"public_key": lambda: public_key(c),
		"extensions": lambda: extensions(
			c, cert_raw_extensions(c.tbs_certificate_bytes)),
	})
	return f


def revoked(crl):
	_, _, raw = crl_parts(crl.tbs_certlist_bytes)
	out = []
	for i, r in enumerate(crl):
		ent = {"serial_number": str(r.serial_number),
		       "revocation_date": utc(r.revocation_date)}
		ent["extensions"] = field(lambda: extensions(r, raw[i]))
		out.append(ent)
	return out


def crl_fields(c):
	f = {"version": lambda: crl_parts(c.tbs_certlist_bytes)[0]}
	f.update(common(c, lambda: c.tbs_certlist_bytes))
	f.update({
		"issuer": lambda: c.issuer.rfc4514_string(),
		"issuer_attributes": lambda: attributes(c.issuer),
		"last_update": lambda: utc(c.last_update),
		"next_update": lambda: (None if c.next_update is None
					else utc(c.next_update)),
		"extensions": lambda: extensions(
			c, crl_parts(c.tbs_certlist_bytes)[1]),
		"revoked": lambda: revoked(c),
	})
	return f


def csr_raw_extensions(r):
	for a in r.attributes:
		if a.oid.dotted_string == "1.2.840.113549.1.9.14":
			return raw_extensions(a.value, 0, len(a.value))
	return []


def csr_fields(r):
	# pyca 38 rejects CSR versions other than 0 at load, and has no
	# accessor: a loaded CSR is version 0.
	f = {"version": lambda: 0}
	f.update(common(r, lambda: r.tbs_certrequest_bytes))
	# No fingerprint() on a CSR in pyca 38: hash the DER it hands back
	# (public_bytes returns the bytes it loaded, not a re-encoding).
	der = lambda: r.public_bytes(serialization.Encoding.DER)
	f["fingerprint_sha256"] = lambda: hashlib.sha256(der()).hexdigest()
	f["fingerprint_sha1"] = lambda: hashlib.sha1(der()).hexdigest()
	f.update({
		"subject": lambda: r.subject.rfc4514_string(),
		"subject_attributes": lambda: attributes(r.subject),
		"public_key": lambda: public_key(r),
		"extensions": lambda: extensions(r, csr_raw_extensions(r)),
		"attributes": lambda: [{"oid": a.oid.dotted_string,
					"tag": int(a._type), "value": a.value.hex()}
				       for a in r.attributes],
	})
	return f


FIELDS = {"certificate": cert_fields, "crl": crl_fields, "csr": csr_fields}


def field(fn):
	try:
		return fn()
	except Exception as e:  # pyca raises many classes; record which
		return {"error": type(e).__name__}


def record(path, index, typ, loader, data, kind, intended, label):
	rec = {"file": path, "index": index, "type": typ, "kind": kind,
	       "intended": intended, "pem_label": label}
	try:
		obj = loader(data)
	except Exception as e:
		rec.update({"error": type(e).__name__, "offset": None})
		return rec
	rec.update({"error": None, "offset": None})
	for k, fn in FIELDS[typ](obj).items():
		rec[k] = field(fn)
	return rec


def name_type(path):
	"""The type a DER file's name says it holds, or None."""
	base = os.path.basename(path)
	if path.startswith("PKITS_data/certs/") or base.endswith(".crt"):
		return "certificate"
	if (path.startswith("PKITS_data/crls/") or base.endswith(".crl")
	    or base.startswith("crl")):
		return "crl"
	if path.startswith("requests/"):
		return "csr"
	return None


def is_pem(data):
	return b"-----BEGIN " in data


def file_records(root, path):
	with open(os.path.join(root, path), "rb") as f:
		data = f.read()
	out = []
	if is_pem(data):
		index = 0
		for m in PEM_BLOCK.finditer(data):
			label = m.group(1).decode("latin-1")
			if label not in LABELS:
				continue
			typ = LABELS[label]
			out.append(record(path, index, typ, PEM_LOADERS[typ],
					  m.group(0), "pem", True, label))
			index += 1
		return out
	for typ in TYPES:
		out.append(record(path, 0, typ, DER_LOADERS[typ], data, "der",
				  False, None))
	loaded = [r for r in out if r["error"] is None]
	want = loaded[0]["type"] if loaded else name_type(path)
	for r in out:
		r["intended"] = r["type"] == want
	return out


def walk(root):
	"""Every file under root, as sorted paths relative to root."""
	out = []
	for d, _, files in os.walk(root):
		for n in files:
			out.append(os.path.relpath(os.path.join(d, n), root))
	return sorted(out)


def collect(root, paths=None):
	"""All records for paths (default: every file under root)."""
	recs = []
	with warnings.catch_warnings():
		# negative serials and the like: pyca warns, we record
		warnings.simplefilter("ignore")
		for p in paths if paths is not None else walk(root):
			recs.extend(file_records(root, p))
	return recs


def main(argv):
	root = VECTORS
	args = argv[1:]
	if args[:1] == ["--vectors"]:
		root = args[1]
		args = args[2:]
	for r in collect(root, args or None):
		print(json.dumps(r, sort_keys=True))
	return 0


if __name__ == "__main__":
	sys.exit(main(sys.argv))
