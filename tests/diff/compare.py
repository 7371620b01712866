#!/usr/bin/python3
"""compare.py - certdump against pyca/cryptography 38, on every X.509 vector.

  compare.py --certdump PATH [--vectors DIR] [--known FILE] [-v]

DIR is the pyca vectors' x509 directory; FILE is tests/known-differences.md.
oracle.py (imported) says what pyca makes of every file; certdump --json is
run on the same files, once per way of reading them (PEM files without
--type, the other files with each of the three --type values: four runs in
all, side by side with pyca), its records matched by (file, type, index),
and compared field by field:

  - pyca loads and certdump parses: every field pyca has an accessor for
    must be equal; a field where pyca raised must be {"error": ...} in
    certdump, and the other way round. The exceptions are below (SKIP and
    the rules in same()).
  - extensions: the lists must match (OID, criticality, raw value) and,
    where pyca decodes the type, so must certdump's "decoded" value (see
    same_extensions(); a type certdump does not decode yet is counted,
    per type, as "not decoded", and is a disagreement only where pyca
    refuses the value). A value pyca refuses (ValueError and friends)
    must be an error in certdump, UnsupportedGeneralNameType may instead
    be an x400Address or ediPartyName certdump reads, DuplicateExtension
    must be certdump's {"error": "DUPLICATE"}.
  - pyca rejects the object at load: certdump must reject it too (any
    error name).
  - an object only one side reports (a PEM block only one side reads, a
    record certdump prints that pyca has no object for) disagrees in field
    "*".

A disagreement is forgiven only if tests/known-differences.md lists it: a
markdown table with columns file (relative to DIR, optionally "#index"),
field (or "*"), reason. An entry that forgives nothing is stale: a warning.

Prints the agreement figures and ends with "N passed, M failed" (N: objects
that agree plus objects whose every disagreement is listed). Exits 1 on any
unlisted disagreement, 77 (meson's skip) if the vectors or pyca are absent.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import threading

SKIP_EXIT = 77

# Our keys, not certdump's schema.
META = {"file", "index", "type", "kind", "intended", "pem_label", "error",
	"offset"}

# Fields certdump prints that pyca 38 has no accessor for are not in the
# oracle's records and so never compared (e.g. certdump's offset). Fields
# where the oracle's value does not come from pyca's API are derived from
# the DER pyca handed back (see oracle.py): crl version, csr version (0:
# pyca rejects any other at load), the raw extnValue bytes.

RSASSA_PSS = "1.2.840.113549.1.1.10"

# Fields same() skipped (pyca has no equivalent value), for the summary.
SKIPPED = collections.Counter()

TYPE_NAMES = {"certificate": "certificates", "crl": "CRLs", "csr": "CSRs"}


def die_skip(msg):
	print("SKIP: " + msg)
	sys.exit(SKIP_EXIT)


def load_known(path):
	"""{(file, index or None, field): reason} from the markdown table."""
	known = {}
	if not path or not os.path.exists(path):
		return known
	with open(path, encoding="utf-8") as f:
		for line in f:
			line = line.strip()
			if not line.startswith("|"):
				continue
			# split at unescaped pipes: "\|" is a pipe inside a reason
			cells = [c.strip().strip("`") for c in
				 re.split(r"(?<!\\)\|", line.strip("|"))]
			if len(cells) < 3 or cells[0] in ("file", "") or \
			   set(cells[0]) <= set("-: "):
				continue
			fname, _, idx = cells[0].partition("#")
			known[(fname, int(idx) if idx else None, cells[1])] = cells[2]
	return known


NO_OBJECT = "certdump: no certificate, CRL or CSR found in "
NO_RECORD = set()       # the files certdump said hold no object


def oracle_names(r):
	"""certdump's record in oracle.py's names: certdump --json uses
	certfs's (docs/certdump.1): "version" as its `version` file ("v3",
	"unknown(N)"), where pyca's is the number, and "fingerprint" as the
	fingerprint/ directory, where pyca has one accessor per hash."""
	v = r.get("version")
	if isinstance(v, str):
		m = re.fullmatch(r"v(\d+)|unknown\((-?\d+)\)", v)
		if m:
			r["version"] = int(m.group(1)) - 1 if m.group(1) else int(m.group(2))
	fp = r.pop("fingerprint", None)
	if isinstance(fp, dict):
		r["fingerprint_sha256"] = fp.get("sha256")
		r["fingerprint_sha1"] = fp.get("sha1")
	return r


def run_certdump(certdump, root, files, typ, out, key):
	"""certdump --json [--type typ] files, run in root; records into
	out[key] (a thread: pyca runs meanwhile)."""
	cmd = [certdump, "--json"]
	if typ:
		cmd += ["--type", typ]
	recs = []
	if files:
		p = subprocess.run(cmd + files, cwd=root, stdout=subprocess.PIPE,
				   stderr=subprocess.PIPE)
		for line in p.stdout.decode("utf-8", "replace").splitlines():
			if not line.strip():
				continue
			try:
				recs.append(oracle_names(json.loads(line)))
			except ValueError:
				recs.append({"_bad_line": line})
		# A file with no object (a DER file that does not start as a
		# SEQUENCE, text) is a message, not a record (docs/certdump.1).
		for line in p.stderr.decode("utf-8", "replace").splitlines():
			if line.startswith(NO_OBJECT):
				NO_RECORD.add(line[len(NO_OBJECT):])
		if p.returncode < 0:
			recs.append({"_crash": " ".join(cmd[:4]) +
				     " died with signal %d" % -p.returncode})
	out[key] = recs


# --- extensions --------------------------------------------------------------
# oracle.py gives pyca's list of extensions, each with "decoded" where pyca
# decodes the type; where pyca refuses the whole block, {"error": class}
# and, but for DuplicateExtension, "isolated": the same list with each
# extension decoded on its own ({"error": class} for the ones pyca
# refuses). certdump gives its list, each with "decoded" where the core
# decodes the type, or {"error": "DUPLICATE"}.

# Per extension type (pyca's OID constant, lowercased): how many pyca
# decodes (or refuses) in objects it loads, how many certdump agrees on,
# and how many certdump does not decode (no decoder for the type yet).
EXT_STATS = collections.defaultdict(collections.Counter)

EXT_NAMES = {}


def ext_name(oid):
	if not EXT_NAMES:
		from cryptography.x509.oid import (CRLEntryExtensionOID,
						   ExtensionOID)
		for cls in (ExtensionOID, CRLEntryExtensionOID):
			for n in dir(cls):
				o = getattr(cls, n)
				if hasattr(o, "dotted_string"):
					EXT_NAMES[o.dotted_string] = n.lower()
	return EXT_NAMES.get(oid, oid)


# GeneralName types pyca 38 has no class for (UnsupportedGeneralNameType).
UNSUPPORTED_GN = {"x400_address", "edi_party_name"}


def has_unsupported_gn(v):
	if isinstance(v, dict):
		if v.get("type") in UNSUPPORTED_GN:
			return True
		return any(has_unsupported_gn(x) for x in v.values())
	if isinstance(v, list):
		return any(has_unsupported_gn(x) for x in v)
	return False


def is_err(v):
	return isinstance(v, dict) and "error" in v


def same_decoded(pd, cd):
	"""Whether certdump's decoded value cd says what pyca's pd does."""
	if is_err(pd):
		if pd["error"] == "UnsupportedGeneralNameType":
			# the core reads x400Address and ediPartyName
			return is_err(cd) or has_unsupported_gn(cd)
		# a refusal: the core must refuse too (any error)
		return is_err(cd)
	return pd == cd


def same_ext_list(pl, cl):
	if not isinstance(cl, list) or len(pl) != len(cl):
		return False
	ok = True
	for pe, ce in zip(pl, cl):
		if not isinstance(ce, dict) or any(
				pe[k] != ce.get(k) for k in ("oid", "critical", "value")):
			return False
		st = EXT_STATS[ext_name(pe["oid"])]
		if "decoded" not in pe:
			if "decoded" in ce:
				# certdump decodes what pyca leaves unrecognised
				st["certdump only"] += 1
				ok = False
			continue
		st["pyca"] += 1
		if "decoded" not in ce:
			# the core has a decoder for every type pyca decodes
			# (xc_ext_kind_of): one left raw is a disagreement
			st["not decoded"] += 1
			ok = False
			continue
		if same_decoded(pe["decoded"], ce["decoded"]):
			st["agree"] += 1
		else:
			ok = False
	return ok


def same_extensions(pv, cv):
	if not is_err(pv):
		return not is_err(cv) and same_ext_list(pv, cv)
	if pv["error"] == "DuplicateExtension":
		st = EXT_STATS["(duplicate extension)"]
		st["pyca"] += 1
		ok = cv == {"error": "DUPLICATE"}
		st["agree"] += ok
		return ok
	if is_err(cv):
		# certdump refuses the block's structure (the core checks a
		# CSR's extensionRequest on access): a refusal on both sides
		return cv["error"] != "DUPLICATE"
	iso = pv.get("isolated")
	if iso is None:
		# could not say which extension pyca refuses: certdump must
		# refuse at least one
		return any(isinstance(c, dict) and is_err(c.get("decoded"))
			   for c in cv)
	# pyca refused the block but none of its extensions alone: only a
	# decode error certdump also reports will do
	if not any(is_err(e.get("decoded")) for e in iso):
		return False
	return same_ext_list(iso, cv)


def print_ext_stats():
	if not EXT_STATS:
		return
	print("extension values (in objects pyca loads), certdump agreeing "
	      "with pyca per type:")
	for n in sorted(EXT_STATS):
		st = EXT_STATS[n]
		if not st["pyca"] and not st["certdump only"]:
			continue
		line = "  %s: %d/%d" % (n, st["agree"], st["pyca"])
		if st["not decoded"]:
			line += " (%d not decoded by certdump)" % st["not decoded"]
		if st["certdump only"]:
			line += " (%d decoded by certdump only)" % st["certdump only"]
		print(line)


def same(field, pv, cv, prec):
	"""Whether pyca's value pv and certdump's cv agree for field; None to
	skip the field."""
	if field == "signature_hash_algorithm" and \
	   isinstance(pv, dict) and pv.get("error") == "UnsupportedAlgorithm":
		# pyca 38 raises for RSASSA-PSS (certdump reports the PSS
		# parameters' hash, as newer pyca does): skip. For an algorithm
		# it does not know at all, certdump says null.
		if prec.get("signature_algorithm_oid") == RSASSA_PSS:
			return None
		return cv is None
	if field == "extensions":
		return same_extensions(pv, cv)
	if isinstance(pv, dict) and "error" in pv:
		return isinstance(cv, dict) and "error" in cv
	if isinstance(cv, dict) and "error" in cv:
		return False
	if field == "signature_algorithm" and pv is None:
		# pyca's "Unknown OID": its name table is not a spec, and
		# certdump may know more names: skip.
		return None
	if field == "public_key" and isinstance(pv, dict) and \
	   isinstance(cv, dict):
		pv = dict(pv)
		cv = dict(cv)
		if pv.get("key_size") is None:
			# pyca 38 has no key_size for Ed25519/Ed448/X25519/X448
			cv.pop("key_size", None)
			pv.pop("key_size", None)
	if field == "revoked" and isinstance(pv, list) and isinstance(cv, list):
		if len(pv) != len(cv):
			return False
		ok = True
		for pe, ce in zip(pv, cv):
			for k in pe:
				# no early return: every entry's extensions
				# count in the per-type figures
				if same(k, pe[k], ce.get(k), prec) is False:
					ok = False
		return ok
	return pv == cv


def short(v, n=160):
	s = json.dumps(v, sort_keys=True)
	return s if len(s) <= n else s[:n] + "..."


def compare_all(orecs, crecs):
	"""[(key, oracle record or None, certdump record or None, diffs)]"""
	cmap = {}
	extra = []
	for r in crecs:
		if "_bad_line" in r or "_crash" in r:
			extra.append(r)
			continue
		k = (r.get("file"), r.get("type"), r.get("index"))
		if k in cmap:
			extra.append(r)
		else:
			cmap[k] = r
	out = []
	seen = set()
	for p in orecs:
		k = (p["file"], p["type"], p["index"])
		c = cmap.get(k)
		seen.add(k)
		diffs = []
		if c is None and p["error"] is not None and p["file"] in NO_RECORD:
			pass    # pyca rejects it, certdump finds no object in it
		elif c is None:
			diffs.append(("*", "object " + ("loaded" if p["error"] is None
				      else "rejected (%s)" % p["error"]) +
				      (" [PEM label %s]" % p["pem_label"]
				       if p["pem_label"] else ""),
				      "no record"))
		elif p["error"] is not None:
			if c.get("error") is None:
				diffs.append(("*", "rejects: " + p["error"],
					      "parses"))
		elif c.get("error") is not None:
			diffs.append(("*", "loads", "rejects: %s at %s" %
				      (c.get("error"), c.get("offset"))))
		else:
			for f, pv in p.items():
				if f in META:
					continue
				cv = c.get(f, "<absent>")
				ok = same(f, pv, cv, p)
				if ok is None:
					SKIPPED[f] += 1
				if ok is False:
					diffs.append((f, pv, cv))
		out.append((k, p, c, diffs))
	for k, c in cmap.items():
		if k not in seen:
			out.append((k, None, c, [("*", "no object",
				    "record (error %s)" % c.get("error"))]))
	for c in extra:
		out.append(((None, None, None), None, c,
			    [("*", "-", short(c))]))
	return out


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--certdump", required=True)
	ap.add_argument("--vectors",
			default="/usr/lib/python3/dist-packages/cryptography_vectors/x509")
	ap.add_argument("--known")
	ap.add_argument("-v", "--verbose", action="store_true")
	args = ap.parse_args()

	root = args.vectors
	if not os.path.isdir(root):
		die_skip("no pyca vectors at %s (install python3-cryptography-vectors)"
			 % root)
	sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
	try:
		import oracle
	except ImportError as e:
		die_skip("pyca/cryptography not importable by %s (%s)"
			 % (sys.executable, e))
	import cryptography
	if cryptography.__version__.split(".")[0] != "38":
		# known-differences.md and the rules above are pyca 38's
		die_skip("%s has pyca/cryptography %s, the oracle is 38 (run "
			 "Debian's /usr/bin/python3)" % (sys.executable,
							 cryptography.__version__))
	if not os.access(args.certdump, os.X_OK):
		print("FAIL: certdump not found at " + args.certdump)
		return 1
	certdump = os.path.abspath(args.certdump)

	files = oracle.walk(root)
	pem, der = [], []
	for f in files:
		with open(os.path.join(root, f), "rb") as fh:
			(pem if oracle.is_pem(fh.read()) else der).append(f)

	cout = {}
	threads = [threading.Thread(target=run_certdump,
				    args=(certdump, root, pem, None, cout, "pem"))]
	for t in oracle.TYPES:
		threads.append(threading.Thread(
			target=run_certdump, args=(certdump, root, der, t, cout, t)))
	for t in threads:
		t.start()
	orecs = oracle.collect(root, files)
	for t in threads:
		t.join()
	crecs = [r for k in ("pem",) + oracle.TYPES for r in cout[k]]

	known = load_known(args.known)
	used = set()
	results = compare_all(orecs, crecs)

	passed = failed = 0
	field_counts = collections.Counter()
	cat = collections.defaultdict(collections.Counter)
	failures = []
	forgiven = []
	for key, p, c, diffs in results:
		fname, typ, idx = key
		label = TYPE_NAMES.get(typ, "other")
		if p is not None and not p["intended"]:
			label = "cross-type tries"
		if p is not None and p["error"] is None:
			cat[label]["loaded"] += 1
		elif p is not None:
			cat[label]["rejected"] += 1
		else:
			cat[label]["certdump only"] += 1
		if not diffs:
			passed += 1
			if p is not None and p["error"] is None:
				cat[label]["agree"] += 1
			elif p is not None:
				cat[label]["both reject"] += 1
			continue
		unlisted = []
		for d in diffs:
			field_counts[d[0]] += 1
			hit = None
			for k in ((fname, idx, d[0]), (fname, None, d[0]),
				  (fname, idx, "*"), (fname, None, "*")):
				if k in known:
					hit = k
					break
			if hit:
				used.add(hit)
			else:
				unlisted.append(d)
		if unlisted:
			failed += 1
			failures.append((key, unlisted))
		else:
			passed += 1
			cat[label]["known"] += 1
			forgiven.append((key, diffs))

	for key, diffs in failures:
		for f, pv, cv in diffs:
			print("DIFF %s#%s (%s) %s: pyca %s, certdump %s" % (
				key[0], key[2], key[1], f, short(pv), short(cv)))
	if args.verbose:
		for key, diffs in forgiven:
			for f, pv, cv in diffs:
				print("known %s#%s (%s) %s: pyca %s, certdump %s" % (
					key[0], key[2], key[1], f, short(pv),
					short(cv)))
	for k in sorted(set(known) - used, key=str):
		# one list serves several trees: only this tree's entries
		if not os.path.exists(os.path.join(root, k[0])):
			continue
		print("WARNING: stale known difference: %s%s field %s" % (
			k[0], "" if k[1] is None else "#%d" % k[1], k[2]))

	print()
	print("files: %d (%d PEM, %d DER); objects compared: %d" % (
		len(files), len(pem), len(der), len(results)))
	for label in ("certificates", "CRLs", "CSRs", "cross-type tries",
		      "other"):
		c = cat.get(label)
		if not c:
			continue
		parts = []
		if c["loaded"]:
			parts.append("%d loaded by pyca, %d agree (%.1f%%)" % (
				c["loaded"], c["agree"],
				100.0 * c["agree"] / c["loaded"]))
		if c["rejected"]:
			parts.append("%d rejected by pyca, %d rejected by "
				     "certdump too" % (c["rejected"],
						       c["both reject"]))
		if c["certdump only"]:
			parts.append("%d only in certdump" % c["certdump only"])
		if c["known"]:
			parts.append("%d known differences" % c["known"])
		print("%s: %s" % (label, "; ".join(parts)))
	if field_counts:
		print("disagreements per field (listed or not): " + ", ".join(
			"%s %d" % kv for kv in sorted(field_counts.items())))
	print_ext_stats()
	if SKIPPED:
		print("fields skipped where pyca 38 has no equivalent: " + ", ".join(
			"%s %d" % kv for kv in sorted(SKIPPED.items())))
	print("%d passed, %d failed" % (passed, failed))
	return 1 if failed else 0


if __name__ == "__main__":
	sys.exit(main())
