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

Each extension pyca decodes carries "decoded", pyca's value in certdump's
JSON (DECODERS below). pyca decodes a whole block at once and raises for
one bad extension; the field is then {"error": class, "isolated": [...]},
the list with each extension decoded alone in a rebuilt copy of the
object, so the refused one says {"error": class} (see isolated()).
"""
import base64
import datetime
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


# pyca 38 builds each RDN from a Python set, so the order of a multi-valued
# RDN's attributes (in rfc4514_string() and in iteration) depends on the
# string hash seed. The core uses DER order, the only stable one; the
# oracle puts pyca's attributes back into DER order (a SET OF is sorted by
# encoding, X.690 11.6, re-encoded here from pyca's values) so that the
# two compare whatever the seed. The set itself is pyca's: an attribute
# equal to another of its RDN is there once.

STR_CODECS = {30: "utf_16_be", 28: "utf_32_be"}


def der_order(rdn):
	attrs = list(rdn)
	if len(attrs) < 2:
		return attrs
	encs = [der_atv(a) for a in attrs]
	width = max(len(e) for e in encs)
	keyed = sorted(zip(encs, range(len(attrs))),
		       key=lambda x: x[0] + b"\0" * (width - len(x[0])))
	return [attrs[i] for _, i in keyed]


def der_atv(a):
	"""The AttributeTypeAndValue's DER, from pyca's oid, _type and value."""
	t = int(a._type.value)
	v = a.value
	if isinstance(v, str):
		v = v.encode(STR_CODECS.get(t, "utf-8"))
	return der_tlv(0x30, der_tlv(0x06, oid_der(a.oid.dotted_string)) +
		       der_tlv(t, v))


def oid_der(dotted):
	a = [int(x) for x in dotted.split(".")]
	out = bytes([40 * a[0] + a[1]])
	for x in a[2:]:
		b = [x & 0x7f]
		x >>= 7
		while x:
			b.append(0x80 | (x & 0x7f))
			x >>= 7
		out += bytes(reversed(b))
	return out


def der_tlv(tag, contents):
	return bytes([tag]) + der_len(len(contents)) + contents


def rfc4514(name):
	"""pyca's Name.rfc4514_string(), each RDN in DER order."""
	return ",".join("+".join(a.rfc4514_string() for a in der_order(r))
			for r in reversed(name.rdns))


def attributes(name):
	out = []
	for a in (a for r in name.rdns for a in der_order(r)):
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


# --- decoded extension values ------------------------------------------------
# The same JSON as certdump's "decoded" (see tools/certdump.c): pyca's
# attribute names, general names as {"type", "value"}, big integers where
# certdump prints decimal strings as strings.

GN_TYPES = (
	(x509.OtherName, "other_name"), (x509.RFC822Name, "rfc822_name"),
	(x509.DNSName, "dns_name"), (x509.DirectoryName, "directory_name"),
	(x509.UniformResourceIdentifier, "uniform_resource_identifier"),
	(x509.IPAddress, "ip_address"), (x509.RegisteredID, "registered_id"),
)


def general_name(g):
	for cls, n in GN_TYPES:
		if isinstance(g, cls):
			break
	else:
		raise AssertionError("oracle: unknown GeneralName %r" % g)
	if n == "other_name":
		return {"type": n, "type_id": g.type_id.dotted_string,
			"value": g.value.hex()}
	if n == "directory_name":
		return {"type": n, "value": rfc4514(g.value)}
	if n == "ip_address":
		return {"type": n, "value": str(g.value)}
	if n == "registered_id":
		return {"type": n, "value": g.value.dotted_string}
	return {"type": n, "value": g.value}


def general_names(gns):
	return None if gns is None else [general_name(g) for g in gns]


KU_BITS = ("digital_signature", "content_commitment", "key_encipherment",
	   "data_encipherment", "key_agreement", "key_cert_sign", "crl_sign",
	   "encipher_only", "decipher_only")


def key_usage(v):
	out = {}
	for n in KU_BITS:
		try:
			out[n] = getattr(v, n)
		except ValueError:
			# encipher_only/decipher_only without key_agreement
			out[n] = None
	return out


def opt_str(v):
	return None if v is None else str(v)


def opt_names(flags):
	"""A set of ReasonFlags as sorted member names, or None."""
	return None if flags is None else sorted(f.name for f in flags)


def opt_rdn(rdn):
	return None if rdn is None else "+".join(
		a.rfc4514_string() for a in der_order(rdn))


def qualifier(q):
	if isinstance(q, str):
		return q
	ref = q.notice_reference
	return {"notice_reference": None if ref is None else {
			"organization": ref.organization,
			"notice_numbers": list(ref.notice_numbers)},
		"explicit_text": q.explicit_text}


def policy(p):
	return {"policy_identifier": p.policy_identifier.dotted_string,
		"policy_qualifiers": (None if p.policy_qualifiers is None else
				      [qualifier(q) for q in p.policy_qualifiers])}


def distribution_point(d):
	return {"full_name": general_names(d.full_name),
		"relative_name": opt_rdn(d.relative_name),
		"reasons": opt_names(d.reasons),
		"crl_issuer": general_names(d.crl_issuer)}


def idp(v):
	return {"full_name": general_names(v.full_name),
		"relative_name": opt_rdn(v.relative_name),
		"only_contains_user_certs": v.only_contains_user_certs,
		"only_contains_ca_certs": v.only_contains_ca_certs,
		"only_some_reasons": opt_names(v.only_some_reasons),
		"indirect_crl": v.indirect_crl,
		"only_contains_attribute_certs":
			v.only_contains_attribute_certs}


def sct(t):
	# the timestamp as the milliseconds the SCT holds (pyca makes a
	# naive UTC datetime of them)
	td = t.timestamp - datetime.datetime(1970, 1, 1)
	ms = (td.days * 86400 + td.seconds) * 1000 + td.microseconds // 1000
	return {"version": t.version.name, "log_id": t.log_id.hex(),
		"timestamp": ms, "entry_type": t.entry_type.name,
		"signature_hash_algorithm": t.signature_hash_algorithm.name,
		"signature_algorithm": t.signature_algorithm.name,
		"signature": t.signature.hex(),
		"extension_bytes": t.extension_bytes.hex()}


DECODERS = (
	(x509.BasicConstraints,
	 lambda v: {"ca": v.ca, "path_length": v.path_length}),
	(x509.KeyUsage, key_usage),
	(x509.ExtendedKeyUsage, lambda v: [o.dotted_string for o in v]),
	(x509.SubjectKeyIdentifier, lambda v: {"digest": v.digest.hex()}),
	(x509.AuthorityKeyIdentifier, lambda v: {
		"key_identifier": (None if v.key_identifier is None
				   else v.key_identifier.hex()),
		"authority_cert_issuer": general_names(v.authority_cert_issuer),
		"authority_cert_serial_number":
			opt_str(v.authority_cert_serial_number)}),
	(x509.SubjectAlternativeName, general_names),
	(x509.IssuerAlternativeName, general_names),
	(x509.CertificateIssuer, general_names),
	(x509.PolicyConstraints, lambda v: {
		"require_explicit_policy": v.require_explicit_policy,
		"inhibit_policy_mapping": v.inhibit_policy_mapping}),
	(x509.InhibitAnyPolicy, lambda v: {"skip_certs": v.skip_certs}),
	(x509.OCSPNoCheck, lambda v: {}),
	(x509.PrecertPoison, lambda v: {}),
	(x509.TLSFeature, lambda v: [f.name for f in v]),
	(x509.CRLNumber, lambda v: {"crl_number": str(v.crl_number)}),
	(x509.DeltaCRLIndicator, lambda v: {"crl_number": str(v.crl_number)}),
	(x509.CRLReason, lambda v: {"reason": v.reason.name}),
	(x509.InvalidityDate, lambda v: {"invalidity_date":
					 utc(v.invalidity_date)}),
	(x509.CertificatePolicies, lambda v: [policy(p) for p in v]),
	(x509.CRLDistributionPoints,
	 lambda v: [distribution_point(d) for d in v]),
	(x509.FreshestCRL, lambda v: [distribution_point(d) for d in v]),
	(x509.IssuingDistributionPoint, idp),
	(x509.NameConstraints, lambda v: {
		"permitted_subtrees": general_names(v.permitted_subtrees),
		"excluded_subtrees": general_names(v.excluded_subtrees)}),
	(x509.AuthorityInformationAccess, lambda v: [
		{"access_method": a.access_method.dotted_string,
		 "access_location": general_name(a.access_location)}
		for a in v]),
	(x509.SubjectInformationAccess, lambda v: [
		{"access_method": a.access_method.dotted_string,
		 "access_location": general_name(a.access_location)}
		for a in v]),
	(x509.PrecertificateSignedCertificateTimestamps,
	 lambda v: [sct(t) for t in v]),
	# OCSP-only types: should pyca ever decode them in these objects,
	# compare.py counts them as not decoded by certdump
	(x509.SignedCertificateTimestamps, lambda v: [sct(t) for t in v]),
	(x509.OCSPNonce, lambda v: {"nonce": v.nonce.hex()}),
)


def decoded(value):
	"""certdump's "decoded" for pyca's ext.value, or None where certdump
	has no such key (an unrecognised extension, a type not mapped yet)."""
	for cls, fn in DECODERS:
		if isinstance(value, cls):
			return fn(value)
	return None


def ext_record(e, raw):
	out = {"oid": e.oid.dotted_string, "critical": bool(e.critical),
	       "value": raw.hex()}
	d = decoded(e.value)
	if d is not None:
		out["decoded"] = d
	return out


# --- one extension at a time -------------------------------------------------
# pyca decodes a whole extensions block at once and one bad extension makes
# it raise. To say which extension pyca refuses, and why, the object is
# rebuilt with that extension alone in the block (lengths of the enclosing
# TLVs fixed up; the signature no longer matches, which loading ignores)
# and loaded again.

def node(buf, hs):
	"""(header start, tag, content start, content end) of a TLV."""
	t, s, e = tlv(buf, hs)
	return (hs, t, s, e)


def kids(buf, n):
	out = []
	off = n[2]
	while off < n[3]:
		k = node(buf, off)
		out.append(k)
		off = k[3]
	return out


def der_len(n):
	if n < 0x80:
		return bytes([n])
	b = n.to_bytes((n.bit_length() + 7) // 8, "big")
	return bytes([0x80 | len(b)]) + b


def splice(buf, chain, contents):
	"""buf with the contents of chain[-1] replaced; chain lists the
	enclosing TLVs, outermost first, each inside the one before (all
	with one-byte tags, as everything on the way is)."""
	new = buf[chain[-1][0]:chain[-1][0] + 1] + der_len(len(contents)) + contents
	for i in range(len(chain) - 2, -1, -1):
		p, n = chain[i], chain[i + 1]
		inner = buf[p[2]:n[0]] + new + buf[n[3]:p[3]]
		new = buf[p[0]:p[0] + 1] + der_len(len(inner)) + inner
	return new


EXT_REQ = bytes.fromhex("2a864886f70d01090e")  # extensionRequest


def ext_chain(der, typ, entry):
	"""The TLVs from the object down to its Extensions SEQUENCE (a CRL
	entry's when entry is not None), or None."""
	top = node(der, 0)
	tbs = kids(der, top)[0]
	chain = [top, tbs]
	if typ == "certificate":
		wrap = [k for k in kids(der, tbs) if k[1] == 0xa3]
	elif typ == "crl" and entry is None:
		wrap = [k for k in kids(der, tbs) if k[1] == 0xa0]
	elif typ == "crl":
		lists = [k for k in kids(der, tbs) if k[1] == 0x30 and k[3] > k[2]
			 and der[k[2]] == 0x30]
		ent = kids(der, lists[0])[entry]
		return chain + [lists[0], ent, kids(der, ent)[2]]
	else:
		attrs = [k for k in kids(der, tbs) if k[1] == 0xa0]
		if not attrs:
			return None
		for a in kids(der, attrs[0]):
			parts = kids(der, a)
			if der[parts[0][2]:parts[0][3]] == EXT_REQ:
				vals = kids(der, parts[1])
				return chain + [attrs[0], a, parts[1], vals[0]]
		return None
	if not wrap:
		return None
	return chain + [wrap[0], kids(der, wrap[0])[0]]


def isolated(der, typ, entry):
	"""[ext record] of a block pyca refuses, each extension decoded on its
	own: "decoded" is {"error": exception class} where pyca refuses it."""
	chain = ext_chain(der, typ, entry)
	if chain is None:
		return None
	out = []
	for k in kids(der, chain[-1]):
		one = der[k[0]:k[3]]
		parts = kids(der, k)
		oid = decode_oid(der[parts[0][2]:parts[0][3]])
		crit = len(parts) == 3 and der[parts[1][2]] != 0
		raw = der[parts[-1][2]:parts[-1][3]]
		obj = DER_LOADERS[typ](splice(der, chain, one))
		holder = obj if entry is None else obj[entry]
		try:
			e = holder.extensions[0]
		except Exception as ex:
			out.append({"oid": oid, "critical": crit, "value": raw.hex(),
				    "decoded": {"error": type(ex).__name__}})
			continue
		out.append(ext_record(e, raw))
	return out


def extensions_of(obj, raw, der, typ, entry=None):
	"""The extensions field: pyca's list, or where pyca refuses the block,
	{"error": class, "isolated": each extension on its own}."""
	try:
		exts = list(obj.extensions)
	except Exception as ex:
		out = {"error": type(ex).__name__}
		if der is not None and type(ex).__name__ != "DuplicateExtension":
			try:
				out["isolated"] = isolated(der, typ, entry)
			except Exception:
				out["isolated"] = None
		return out
	if [e.oid.dotted_string for e in exts] != [r[0] for r in raw]:
		raise AssertionError("oracle: extension walk disagrees with pyca")
	return [ext_record(e, r[2]) for e, r in zip(exts, raw)]


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


def cert_fields(c, der):
	f = {
		"version": lambda: c.version.value,
		"serial_number": lambda: str(c.serial_number),
	}
	f.update(common(c, lambda: c.tbs_certificate_bytes))
	f.update({
		"issuer": lambda: rfc4514(c.issuer),
		"subject": lambda: rfc4514(c.subject),
		"issuer_attributes": lambda: attributes(c.issuer),
		"subject_attributes": lambda: attributes(c.subject),
		"not_valid_before": lambda: utc(c.not_valid_before),
		"not_valid_after": lambda: utc(c.not_valid_after),
		"public_key": lambda: public_key(c),
		"extensions": lambda: extensions_of(
			c, cert_raw_extensions(c.tbs_certificate_bytes), der,
			"certificate"),
	})
	return f


def revoked(crl, der):
	_, _, raw = crl_parts(crl.tbs_certlist_bytes)
	out = []
	for i, r in enumerate(crl):
		ent = {"serial_number": str(r.serial_number),
		       "revocation_date": field(lambda: utc(r.revocation_date))}
		ent["extensions"] = field(lambda: extensions_of(
			r, raw[i], der, "crl", i))
		out.append(ent)
	return out


def crl_fields(c, der):
	f = {"version": lambda: crl_parts(c.tbs_certlist_bytes)[0]}
	f.update(common(c, lambda: c.tbs_certlist_bytes))
	f.update({
		"issuer": lambda: rfc4514(c.issuer),
		"issuer_attributes": lambda: attributes(c.issuer),
		"last_update": lambda: utc(c.last_update),
		"next_update": lambda: (None if c.next_update is None
					else utc(c.next_update)),
		"extensions": lambda: extensions_of(
			c, crl_parts(c.tbs_certlist_bytes)[1], der, "crl"),
		"revoked": lambda: revoked(c, der),
	})
	return f


def csr_raw_extensions(r):
	for a in r.attributes:
		if a.oid.dotted_string == "1.2.840.113549.1.9.14":
			return raw_extensions(a.value, 0, len(a.value))
	return []


def csr_fields(r, der):
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
		"subject": lambda: rfc4514(r.subject),
		"subject_attributes": lambda: attributes(r.subject),
		"public_key": lambda: public_key(r),
		"extensions": lambda: extensions_of(
			r, csr_raw_extensions(r), der, "csr"),
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
	der = data if kind == "der" else pem_der(data)
	for k, fn in FIELDS[typ](obj, der).items():
		rec[k] = field(fn)
	return rec


def pem_der(block):
	"""The DER of a PEM block (for rebuilding it, see isolated()), or
	None."""
	lines = block.splitlines()[1:-1]
	try:
		return base64.b64decode(b"".join(l for l in lines
						 if b":" not in l))
	except ValueError:
		return None


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
