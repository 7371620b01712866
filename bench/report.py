#!/usr/bin/python3
"""report.py - renders a benchmark section of docs/performance.md.

  report.py parse --tsv FILE --callgrind FILE --cg-n N --icount FILE
                  --list FILE --annotate-dir DIR --machine TEXT
                  [--load LOAD --load LOAD]

reads what scripts/bench measured (`bench parse` TSV; per key the callgrind
totals for N = 0 and N parses; per key the single-stepped instructions per
parse, `bench icount`; the corpus list; callgrind_annotate of every run,
DIR/KEY.N.txt and DIR/KEY.0.txt; the load average before and after the
timing) and prints the markdown that goes between the section markers.
"""
import argparse
import os
import re
import sys


def read_parse_tsv(path):
	meta, rows, header = {}, [], None
	for line in open(path):
		f = line.rstrip("\n").split("\t")
		if f[0].startswith("# "):
			meta[f[0][2:]] = f[1:]
		elif header is None:
			header = f
		else:
			rows.append(dict(zip(header, f)))
	return meta, rows


def fmt_us(s):
	v = float(s)
	if v != v:
		return "-"
	t = "%.2f" % v
	return t if float(t) < 100 else "%.0f" % v


def fmt_int(n):
	return "{:,}".format(n)


def annotate_counts(path):
	"""Self instructions per function from callgrind_annotate's function
	table ("Ir (pct) file:function [object]"), keyed "function (file)"
	so inlined copies stay apart."""
	counts = {}
	try:
		lines = open(path).read().splitlines()
	except OSError:
		return counts
	pat = re.compile(r"^\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(\S.*?)\s*$")
	state = 0       # 0 before the table, 1 in its header, 2 in its rows
	for line in lines:
		if state == 0 and re.match(r"^Ir\s+file:function", line):
			state = 1
		elif state == 1 and line.startswith("--"):
			state = 2
		elif state == 2:
			m = pat.match(line)
			if not m:
				if line.startswith("--"):
					break
				continue
			loc = re.sub(r"\s*\[[^\]]*\]$", "", m.group(2))
			f, _, fn = loc.rpartition(":")
			key = "%s (%s)" % (fn, os.path.basename(f)) if f and f != "???" else fn
			counts[key] = counts.get(key, 0) + int(m.group(1).replace(",", ""))
	return counts


def profile(path_n, path_0, n, top=12):
	"""Top functions by self instructions per parse: the N-parse run minus
	the 0-parse run, so the harness's startup cancels as in the totals."""
	a, b = annotate_counts(path_n), annotate_counts(path_0)
	if not a:
		return []
	diff = [((a[f] - b.get(f, 0)) / n, f) for f in a]
	diff.sort(reverse=True)
	return [d for d in diff[:top] if d[0] >= 1]


def parse_section(a):
	meta, rows = read_parse_tsv(a.tsv)
	cg = {}
	for line in open(a.callgrind):
		k, z, t = line.split("\t")
		if z.strip() and t.strip():
			cg[k] = (int(t) - int(z)) / a.cg_n
	real = {}
	for line in open(a.icount):
		k, v = line.rstrip("\n").split("\t")
		if v.strip():
			real[k] = float(v)
	names = [l.split(" ", 1)[1].strip() for l in open(a.list)]
	ncert = int(meta["certs"][0])
	ncommon = int(meta["common"][0])
	typ, typ_len = int(meta["typical"][0]), int(meta["typical"][1])
	by = {r["key"]: r for r in rows}

	def ann(key):
		return (os.path.join(a.annotate_dir, "%s.%d.txt" % (key, a.cg_n)),
			os.path.join(a.annotate_dir, "%s.0.txt" % key))

	# Instructions per parse in SHA-256 code (any function whose name
	# says sha256, whatever the library calls it).
	sha = {}
	for r in rows:
		p = profile(*ann(r["key"]), a.cg_n, top=None)
		if p:
			sha[r["key"]] = sum(ir for ir, fn in p
				if re.search(r"sha256|sha_256", fn, re.I))

	o = []
	o.append("Measured %s." % a.machine
		+ (" Load average (1, 5, 15 min) %s before the timing, %s after it."
		   % (a.load[0], a.load[-1]) if a.load else ""))
	o.append("")
	o.append("Corpus: %d certificates (every certificate in the pyca vectors' "
		"`x509/` that pyca/cryptography 38 loads); %d of them are accepted by "
		"every library below (the *common* set). %s interleaved rounds. "
		"Typical certificate for callgrind and the allocation column: `%s` "
		"(%d bytes, the common certificate closest to the corpus's median "
		"size)." % (ncert, ncommon, meta["rounds"][0], names[typ], typ_len))
	o.append("")
	o.append("| Library | Rejected | Field errors | Median µs | p90 µs "
		"| Median µs (common) | p90 µs (common) | Instructions / parse "
		"| callgrind's count | of which SHA-256 (callgrind) "
		"| Allocations / parse (typical; median; max) |")
	o.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	for r in rows:
		ins = cg.get(r["key"])
		ri = real.get(r["key"])
		o.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s; %s; %s |" % (
			r["name"],
			r["rejected"], r["field_errors"],
			fmt_us(r["median_us"]), fmt_us(r["p90_us"]),
			fmt_us(r["common_median_us"]), fmt_us(r["common_p90_us"]),
			fmt_int(round(ri)) if ri is not None else "-",
			fmt_int(round(ins)) if ins is not None else "-",
			fmt_int(round(sha[r["key"]])) if r["key"] in sha else "-",
			r["allocs_typical"], r["allocs_median"], r["allocs_max"]))
	o.append("")
	o.append("Versions: " + "; ".join(sorted({r["version"]
		if not r["key"].startswith("xc") else "certfs core " + r["version"]
		for r in rows})) + ".")
	o.append("")

	xc, mb = by.get("xc"), by.get("mbedtls")
	xp, mp = by.get("xc-parse"), by.get("mbedtls-parse")
	if xc and mb:
		sp = float(mb["common_median_us"]) / float(xc["common_median_us"])
		ir = real.get("xc", 0) / real["mbedtls"] if real.get("mbedtls") else float("nan")
		acc = int(xc["rejected"]) == 0
		o.append("Goals for the core (full field access, against mbedTLS's "
			"full field access on the common set; instructions as this CPU "
			"runs them, single-stepped):")
		o.append("")
		o.append("| Goal | Result | Met |")
		o.append("|---|---|---|")
		o.append("| at least 4x faster than mbedTLS | %.2fx (%s µs vs %s µs median) | %s |"
			% (sp, fmt_us(xc["common_median_us"]), fmt_us(mb["common_median_us"]),
			   "yes" if sp >= 4 else "no"))
		o.append("| under a fifth of mbedTLS's instructions | %.3f of them (%s vs %s) | %s |"
			% (ir, fmt_int(round(real.get("xc", 0))), fmt_int(round(real.get("mbedtls", 0))),
			   "yes" if ir < 1 / 5 else "no"))
		if xp and mp:
			spp = float(mp["common_median_us"]) / float(xp["common_median_us"])
			o.append("| parse only: at least 2.5x faster than mbedTLS's parse "
				"| %.2fx (%s µs vs %s µs median) | %s |"
				% (spp, fmt_us(xp["common_median_us"]), fmt_us(mp["common_median_us"]),
				   "yes" if spp >= 2.5 else "no"))
		if cg.get("xc") and cg.get("mbedtls"):
			o.append("| (for information) callgrind's count, AVX2 SHA-256 "
				"| %.3f of mbedTLS's (%s vs %s) | - |"
				% (cg["xc"] / cg["mbedtls"], fmt_int(round(cg["xc"])),
				   fmt_int(round(cg["mbedtls"]))))
		if "xc" in sha and "mbedtls" in sha:
			xs, ms = cg["xc"] - sha["xc"], cg["mbedtls"] - sha["mbedtls"]
			o.append("| (for information) callgrind, without SHA-256 "
				"| %.3f of mbedTLS's (%s vs %s) | - |"
				% (xs / ms, fmt_int(round(xs)), fmt_int(round(ms))))
		o.append("| zero allocations | %s over the whole corpus | %s |"
			% (xc["allocs_total"], "yes" if xc["allocs_total"] == "0" else "no"))
		if xp:
			o.append("| zero allocations, parse only | %s over the whole corpus | %s |"
				% (xp["allocs_total"], "yes" if xp["allocs_total"] == "0" else "no"))
		o.append("| accepts everything pyca accepts | %s rejected, %s field errors of %d | %s |"
			% (xc["rejected"], xc["field_errors"], ncert, "yes" if acc else "no"))
		o.append("")

	prof = profile(*ann("xc"), a.cg_n)
	if prof:
		o.append("Where the core's instructions go: callgrind's self "
			"instructions per function for one full-field-access parse of "
			"the typical certificate ((run of %d parses - run of 0) / %d; "
			"SHA-256 as valgrind's CPU runs it, with AVX2, not SHA-NI):"
			% (a.cg_n, a.cg_n))
		o.append("")
		o.append("| Instructions | Function |")
		o.append("|--:|---|")
		for ir, fn in prof:
			o.append("| %s | `%s` |" % (fmt_int(round(ir)), fn))
	return "\n".join(o)


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("section", choices=["parse"])
	ap.add_argument("--tsv", required=True)
	ap.add_argument("--callgrind", required=True)
	ap.add_argument("--cg-n", type=int, required=True)
	ap.add_argument("--icount", required=True)
	ap.add_argument("--load", action="append", default=[])
	ap.add_argument("--list", required=True)
	ap.add_argument("--annotate-dir", default="")
	ap.add_argument("--machine", default="")
	a = ap.parse_args()
	print(parse_section(a))


if __name__ == "__main__":
	main()
