#!/usr/bin/python3
"""seed.py - certdump on the seed examples against the values the pyca
reference prints for them.

  seed.py --certdump PATH [--seed-dir DIR]

DIR (tests/data/seed/) holds copies of the PEM files of
/work/shared/testdata/seed-examples/; its README.md lists the values the
pyca/cryptography X.509 reference shows for each, and those values are the
spec here, written out below (EXPECT) exactly as the README gives them.
Extension values the README gives in decoded form (a key identifier, key
usage bits, DNS names) are decoded from certdump's raw extnValue hex with a
few lines of DER reading.

The CRL crl-version-2.pem holds version INTEGER 2, no valid CRL version:
pyca 38 refuses it, the reference shows its fields, and certdump must
report version 2 and every field.

Not checked, because certdump --json does not print them (they are pyca
computations, not fields of the objects): the key identifiers the README
computes from public keys (AuthorityKeyIdentifier.from_issuer_public_key,
SubjectKeyIdentifier.from_public_key), and whether signatures verify
(csr-rsa-sha1.pem, signed-by-issuer-rsa4096.pem). What certdump does print
about them (the algorithms, the public key's type) is checked; the values
themselves are checked with the core's functions in tests/core/test_seed.c.

Exit 0 if every value matches, 1 if not, 77 if the seed files are absent.
"""
import argparse
import json
import os
import subprocess
import sys

SKIP_EXIT = 77

# --- DER, just enough for the extension values below -------------------------


def tlv(buf, off):
	"""(tag, content start, content end) of the element at off."""
	tag = buf[off]
	n = buf[off + 1]
	off += 2
	if n & 0x80:
		k = n & 0x7f
		n = int.from_bytes(buf[off:off + k], "big")
		off += k
	return tag, off, off + n


def kids(buf, s=None, e=None):
	"""[(tag, contents)] of the elements in buf[s:e]."""
	s = 0 if s is None else s
	e = len(buf) if e is None else e
	out = []
	while s < e:
		t, cs, ce = tlv(buf, s)
		out.append((t, buf[cs:ce]))
		s = ce
	return out


def inner(hexval):
	"""[(tag, contents)] inside the one outer element of hexval."""
	b = bytes.fromhex(hexval)
	t, s, e = tlv(b, 0)
	return kids(b, s, e)


def oid(b):
	arcs, v = [], 0
	for c in b:
		v = (v << 7) | (c & 0x7f)
		if not c & 0x80:
			arcs.append(v)
			v = 0
	first = min(arcs[0] // 40, 2)
	return ".".join(map(str, [first, arcs[0] - 40 * first] + arcs[1:]))


def aki_keyid(v):
	return [c.hex() for t, c in inner(v) if t == 0x80]


def ski(v):
	t, c = kids(bytes.fromhex(v))[0]
	return c.hex() if t == 0x04 else None


KU_BITS = ("digital_signature", "content_commitment", "key_encipherment",
	   "data_encipherment", "key_agreement", "key_cert_sign", "crl_sign",
	   "encipher_only", "decipher_only")


def key_usage(v):
	t, c = kids(bytes.fromhex(v))[0]
	bits = int.from_bytes(c[1:], "big") if len(c) > 1 else 0
	width = 8 * (len(c) - 1)
	return sorted(KU_BITS[i] for i in range(min(width, len(KU_BITS)))
		      if bits >> (width - 1 - i) & 1)


def policies(v):
	"""[(policy oid, number of qualifiers)]"""
	out = []
	for _, pi in inner(v):
		parts = kids(pi)
		out.append((oid(parts[0][1]),
			    len(kids(parts[1][1])) if len(parts) > 1 else 0))
	return out


def basic_constraints(v):
	parts = inner(v)
	ca = bool(parts and parts[0][0] == 0x01 and parts[0][1] != b"\x00")
	plen = [int.from_bytes(c, "big") for t, c in parts if t == 0x02]
	return {"ca": ca, "path_length": plen[0] if plen else None}


def san_dns(v):
	return [c.decode("ascii") for t, c in inner(v) if t == 0x82]


def gen_time(v):
	t, c = kids(bytes.fromhex(v))[0]
	return c.decode("ascii") if t == 0x18 else None


CRL_REASONS = ("unspecified", "key_compromise", "ca_compromise",
	       "affiliation_changed", "superseded", "cessation_of_operation",
	       "certificate_hold", "7", "remove_from_crl", "privilege_withdrawn",
	       "aa_compromise")


def crl_reason(v):
	t, c = kids(bytes.fromhex(v))[0]
	return CRL_REASONS[c[0]] if t == 0x0a and len(c) == 1 else None


# --- the README's values ------------------------------------------------------

def ext(rec, field="extensions"):
	return rec.get(field) if isinstance(rec.get(field), list) else []


def ext_value(exts, dotted):
	for e in exts:
		if e.get("oid") == dotted:
			return e.get("value")
	return None


def good_ca(r, check):
	check("type", r.get("type"), "certificate")
	check("serial_number", r.get("serial_number"), "2")
	check("version (v3)", r.get("version"), "v3")
	check("not_valid_before", r.get("not_valid_before"),
	      "2010-01-01T08:30:00Z")
	check("not_valid_after", r.get("not_valid_after"),
	      "2030-12-31T08:30:00Z")
	check("subject", r.get("subject"), "CN=Good CA,O=Test Certificates 2011,C=US")
	check("subject_attributes (C, O, CN in DER order)",
	      [(a.get("oid"), a.get("value")) for a in ext(r, "subject_attributes")],
	      [("2.5.4.6", "US"), ("2.5.4.10", "Test Certificates 2011"),
	       ("2.5.4.3", "Good CA")])
	check("fingerprint/sha256", (r.get("fingerprint") or {}).get("sha256"),
	      "86d218374763fce77d5b2b45398db48f10e553da1875be7d6103085baca0343f")
	check("signature_algorithm", r.get("signature_algorithm"),
	      "sha256WithRSAEncryption")
	check("signature_algorithm_oid", r.get("signature_algorithm_oid"),
	      "1.2.840.113549.1.1.11")
	exts = ext(r)
	check("extension order and criticality",
	      [(e.get("oid"), e.get("critical")) for e in exts],
	      [("2.5.29.35", False), ("2.5.29.14", False), ("2.5.29.15", True),
	       ("2.5.29.32", False), ("2.5.29.19", True)])
	dec = [
		("AKI key_identifier", "2.5.29.35", aki_keyid,
		 ["e47d5fd15c9586082c05aebe75b665a7d95da866"]),
		("SKI", "2.5.29.14", ski,
		 "580184241bbc2b52944a3da510721451f5af3ac9"),
		("key_usage", "2.5.29.15", key_usage,
		 ["crl_sign", "key_cert_sign"]),
		("certificate_policies", "2.5.29.32", policies,
		 [("2.16.840.1.101.3.2.1.48.1", 0)]),
		("basic_constraints", "2.5.29.19", basic_constraints,
		 {"ca": True, "path_length": None}),
	]
	for what, dotted, fn, want in dec:
		v = ext_value(exts, dotted)
		check(what, fn(v) if v else None, want)


def crl_v2(r, check):
	check("type", r.get("type"), "crl")
	check("error (pyca 38 refuses it; certdump must not)", r.get("error"),
	      None)
	check("version (the raw INTEGER 2)", r.get("version"), "unknown(2)")
	check("issuer", r.get("issuer"), "CN=cryptography.io,C=US")
	check("last_update", r.get("last_update"), "2015-01-01T00:00:00Z")
	check("next_update", r.get("next_update"), "2016-01-01T00:00:00Z")
	rev = ext(r, "revoked")
	check("one revoked entry", len(rev), 1)
	e = rev[0] if rev else {}
	check("revoked serial_number", e.get("serial_number"), "0")
	check("revoked revocation_date", e.get("revocation_date"),
	      "2015-01-01T00:00:00Z")
	ee = e.get("extensions") if isinstance(e.get("extensions"), list) else []
	check("entry extensions (invalidity_date, crl_reason)",
	      [x.get("oid") for x in ee], ["2.5.29.24", "2.5.29.21"])
	v = ext_value(ee, "2.5.29.24")
	check("invalidity_date", gen_time(v) if v else None, "20150101000000Z")
	v = ext_value(ee, "2.5.29.21")
	check("crl_reason", crl_reason(v) if v else None, "key_compromise")
	check("signature_algorithm", r.get("signature_algorithm"),
	      "sha256WithRSAEncryption")
	check("fingerprint/sha256", (r.get("fingerprint") or {}).get("sha256"),
	      "65cf2ec43a833f31dcf3fc95d7b387b38ef8b9332187079d1bb421b9e457f41f")


def csr_sha1(r, check):
	check("type", r.get("type"), "csr")
	check("subject", r.get("subject"),
	      "CN=hello.com,O=r509 LLC,L=Chicago,ST=Illinois,C=US")
	check("signature_algorithm", r.get("signature_algorithm"),
	      "sha1WithRSAEncryption")
	check("signature_algorithm_oid", r.get("signature_algorithm_oid"),
	      "1.2.840.113549.1.1.5")
	pk = r.get("public_key") if isinstance(r.get("public_key"), dict) else {}
	check("public key type", pk.get("algorithm"), "rsa")
	v = ext_value(ext(r), "2.5.29.17")
	check("extension request SAN dns_name", san_dns(v) if v else None,
	      ["world.com", "whatever.com"])


def cryptography_io(r, check):
	check("type", r.get("type"), "certificate")
	v = ext_value(ext(r), "2.5.29.17")
	check("SAN dns_name", san_dns(v) if v else None,
	      ["www.cryptography.io", "cryptography.io"])


def signed_by_4096(r, check):
	# PKCS#1 v1.5 with sha512; that it verifies is not in certdump's
	# output (see the docstring).
	check("type", r.get("type"), "certificate")
	check("signature_algorithm_oid (sha512WithRSAEncryption)",
	      r.get("signature_algorithm_oid"), "1.2.840.113549.1.1.13")
	check("signature_hash_algorithm", r.get("signature_hash_algorithm"),
	      "sha512")


# file -> the checks of its one object
EXPECT = {
	"good-ca.pem": good_ca,
	"crl-version-2.pem": crl_v2,
	"csr-rsa-sha1.pem": csr_sha1,
	"cryptography-io.pem": cryptography_io,
	"signed-by-issuer-rsa4096.pem": signed_by_4096,
}
# An "RSA PUBLIC KEY" block: no certificate, CRL or CSR, so no records.
NO_OBJECTS = ["issuer-rsa4096.pub.pem"]


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--certdump", required=True)
	ap.add_argument("--seed-dir", required=True)
	args = ap.parse_args()

	names = list(EXPECT) + NO_OBJECTS
	have = [n for n in names
		if os.path.exists(os.path.join(args.seed_dir, n))]
	if not have:
		print("SKIP: no seed examples in " + args.seed_dir)
		return SKIP_EXIT
	missing = sorted(set(names) - set(have))

	p = subprocess.run([os.path.abspath(args.certdump), "--json"] + have,
			   cwd=args.seed_dir, stdout=subprocess.PIPE,
			   stderr=subprocess.PIPE)
	if p.returncode < 0:
		print("FAIL: certdump died with signal %d" % -p.returncode)
		return 1
	recs = {}
	for line in p.stdout.decode("utf-8", "replace").splitlines():
		if line.strip():
			r = json.loads(line)
			recs.setdefault(os.path.basename(r.get("file", "")),
					[]).append(r)

	passed = failed = 0
	for name in have:
		got = recs.get(name, [])
		if name in NO_OBJECTS:
			ok = not got
			print("%s %s: no records (got %d)" % (
				"ok  " if ok else "FAIL", name, len(got)))
			passed, failed = passed + ok, failed + (not ok)
			continue
		if len(got) != 1:
			print("FAIL %s: %d records, want 1" % (name, len(got)))
			failed += 1
			continue

		def check(what, value, want, name=name):
			nonlocal passed, failed
			if value == want:
				passed += 1
				print("ok   %s: %s" % (name, what))
			else:
				failed += 1
				print("FAIL %s: %s: got %s, want %s" % (
					name, what, json.dumps(value),
					json.dumps(want)))

		if name != "crl-version-2.pem":
			check("error", got[0].get("error"), None)
		EXPECT[name](got[0], check)
	for name in missing:
		print("FAIL %s: not in %s" % (name, args.seed_dir))
		failed += 1
	print("%d passed, %d failed" % (passed, failed))
	return 1 if failed else 0


if __name__ == "__main__":
	sys.exit(main())
