#!/usr/bin/python3
"""issue.py - the issuer benchmark (docs/performance.md, "Issuer
benchmark"; scripts/bench issue runs it).

  issue.py --certissue BIN --bench-issue BIN --work DIR [--rounds N]
           [--machine TEXT] > section.md

Measures, in one run:
  1  certificates issued per second, one process per certificate, on the
     same inputs (keys and CSRs made by openssl, so neither tool reads its
     own format), for P-256, RSA-2048 and Ed25519 keys:
       `certissue cert --ca-cert --ca-key --csr`  against `openssl x509 -req`
       `certissue cert --self-signed --key`       against `openssl req -x509`
     timed by bench-issue spawn (posix_spawn + waitpid, output files in
     WORK, interleaved, median of the rounds), with /bin/true for the
     floor any process pays;
  2  in-process signing of one leaf certificate (P-256 and RSA-2048, the
     same fields and extensions): certissue's library and OpenSSL's
     X509_sign (bench-issue sign), and pyca's CertificateBuilder.sign
     (timeit, here).
Progress goes to stderr, the Markdown section to stdout. Nothing asserts a
timing: a goal missed is written down as missed.

Run with Debian's /usr/bin/python3 (pyca/cryptography 38).
"""
import argparse
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import timeit
import warnings

from cryptography import x509
from cryptography import __version__ as pyca_version
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

KEYS = [("P-256", ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]),
	("RSA-2048", ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]),
	("Ed25519", ["-algorithm", "ED25519"])]
SPAWN_BATCH = 5


def log(msg):
	print("issue-bench: " + msg, file=sys.stderr, flush=True)


def run(cmd, cwd):
	r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
	if r.returncode != 0:
		sys.exit("issue-bench: %s failed: %s" % (" ".join(cmd), r.stderr.strip()))
	return r.stdout


def inputs(work, kt, genpkey):
	"""The CA (key, self-signed certificate) and the leaf (key, CSR), by
	openssl, in WORK/kt; returns that directory."""
	d = os.path.join(work, kt)
	os.makedirs(d, exist_ok=True)
	for k in ("ca.key", "leaf.key"):
		run(["openssl", "genpkey"] + genpkey + ["-out", k], d)
	run(["openssl", "req", "-x509", "-key", "ca.key", "-subj", "/C=CH/O=certfs bench/CN=Bench CA",
		"-days", "3650", "-addext", "basicConstraints=critical,CA:TRUE",
		"-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", "ca.pem"], d)
	run(["openssl", "req", "-new", "-key", "leaf.key", "-subj",
		"/C=CH/O=certfs bench/CN=www.bench.example", "-out", "leaf.csr"], d)
	return d


def spawn_rows(a, work, shm):
	"""Lines of bench-issue spawn's command file. certissue syncs what it
	writes (issuer/out.c): its rows are run again with the output on
	tmpfs (shm), where a sync costs nothing, to show that share."""
	rows = [("true", ["/bin/true"])]
	ci = a.certissue
	for kt, genpkey in KEYS:
		d = inputs(work, kt, genpkey)
		j = lambda n: os.path.join(d, n)   # noqa: E731
		if shm:
			rows += [
				("%s certissue ca tmpfs" % kt, [ci, "cert", "--ca-cert", j("ca.pem"), "--ca-key",
					j("ca.key"), "--csr", j("leaf.csr"), "--days", "90", "--force", "--out",
					os.path.join(shm, kt + "-ca.pem")]),
				("%s certissue self tmpfs" % kt, [ci, "cert", "--self-signed", "--key", j("leaf.key"),
					"--subject", "CN=www.bench.example,O=certfs bench,C=CH", "--days", "90",
					"--force", "--out", os.path.join(shm, kt + "-self.pem")]),
			]
		rows += [
			("%s certissue ca" % kt, [ci, "cert", "--ca-cert", j("ca.pem"), "--ca-key", j("ca.key"),
				"--csr", j("leaf.csr"), "--days", "90", "--force", "--out", j("ci-ca.pem")]),
			("%s openssl ca" % kt, ["/usr/bin/openssl", "x509", "-req", "-in", j("leaf.csr"),
				"-CA", j("ca.pem"), "-CAkey", j("ca.key"), "-days", "90", "-out", j("os-ca.pem")]),
			("%s certissue self" % kt, [ci, "cert", "--self-signed", "--key", j("leaf.key"),
				"--subject", "CN=www.bench.example,O=certfs bench,C=CH", "--days", "90",
				"--force", "--out", j("ci-self.pem")]),
			("%s openssl self" % kt, ["/usr/bin/openssl", "req", "-x509", "-key", j("leaf.key"),
				"-subj", "/C=CH/O=certfs bench/CN=www.bench.example", "-days", "90",
				"-out", j("os-self.pem")]),
		]
	return rows


def spawn(a, work, shm):
	rows = spawn_rows(a, work, shm)
	cmdfile = os.path.join(work, "cmds.tsv")
	with open(cmdfile, "w") as f:
		for name, argv in rows:
			f.write("\t".join([name] + argv) + "\n")
	log("one process per certificate: %d rounds of %d runs each" % (a.rounds, SPAWN_BATCH))
	out = run([a.bench_issue, "spawn", str(a.rounds), str(SPAWN_BATCH), cmdfile], work)
	ms = {}
	for line in out.splitlines():
		name, t, n = line.split("\t")
		ms[name] = float(t)
	# Instructions of one run of each (callgrind, the dynamic loader and
	# process start-up included): what the load of this shared machine
	# cannot move.
	if shutil.which("valgrind"):
		log("one process per certificate: callgrind, one run each")
		for name, argv in rows:
			if "tmpfs" in name:
				continue
			r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv,
				cwd=work, capture_output=True, text=True)
			m = re.search(r"I\s+refs:\s+([0-9,]+)", r.stderr)
			if r.returncode == 0 and m:
				ms["icount " + name] = int(m.group(1).replace(",", ""))
	# Every output must be a certificate that verifies with its issuer.
	for kt, _ in KEYS:
		d = os.path.join(work, kt)
		for f, ca in (("ci-ca.pem", "ca.pem"), ("os-ca.pem", "ca.pem"),
				("ci-self.pem", "ci-self.pem"), ("os-self.pem", "os-self.pem")):
			run(["openssl", "verify", "-CAfile", ca, f], d)
	return ms


def pyca_builder(kind):
	"""A leaf certificate's builder and the CA key that signs it, as
	bench-issue sign builds it."""
	def name(cn):
		return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CH"),
			x509.NameAttribute(NameOID.ORGANIZATION_NAME, "certfs bench"),
			x509.NameAttribute(NameOID.COMMON_NAME, cn)])

	def gen():
		return ec.generate_private_key(ec.SECP256R1()) if kind == "P-256" \
			else rsa.generate_private_key(65537, 2048)
	ca, leaf = gen(), gen()
	now = datetime.datetime.utcnow()
	b = x509.CertificateBuilder().subject_name(name("www.bench.example")).issuer_name(
		name("Bench Issuing CA")).public_key(leaf.public_key()).serial_number(
		x509.random_serial_number()).not_valid_before(now).not_valid_after(
		now + datetime.timedelta(days=90)).add_extension(
		x509.BasicConstraints(ca=False, path_length=None), critical=True).add_extension(
		x509.SubjectAlternativeName([x509.DNSName("www.bench.example")]), critical=False).add_extension(
		x509.SubjectKeyIdentifier.from_public_key(leaf.public_key()), critical=False).add_extension(
		x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.public_key()), critical=False)
	return b, ca


def sign(a):
	log("in-process signing: bench-issue sign, %d rounds" % a.rounds)
	out = run([a.bench_issue, "sign", str(a.rounds)], ".")
	us = {}
	for line in out.splitlines():
		case, lib, t, allocs = line.split("\t")
		us[(case, lib)] = (float(t), int(allocs))
	log("in-process signing: pyca timeit")
	for case, kind, number in (("P-256/SHA-256", "P-256", 20), ("RSA-2048/SHA-256", "RSA-2048", 10)):
		b, ca = pyca_builder(kind)
		b.sign(ca, hashes.SHA256())
		ts = timeit.repeat(lambda: b.sign(ca, hashes.SHA256()), number=number, repeat=a.rounds)
		us[(case, "pyca")] = (statistics.median(ts) / number * 1e6, None)
	return us


def loadavg():
	with open("/proc/loadavg") as f:
		return " ".join(f.read().split()[:3])


def fstype(path):
	r = subprocess.run(["df", "--output=fstype", path], capture_output=True, text=True)
	return r.stdout.split()[-1] if r.returncode == 0 else "unknown"


def num(x):
	return "%.0f" % x if x >= 100 else "%.1f" % x if x >= 10 else "%.2f" % x


def yesno(b):
	return "**met**" if b else "**not met**"


def report(a, ms, us, load0, load1, fs):
	p = print
	p("## Issuer benchmark\n")
	p("Generated by `scripts/bench issue` (bench/issue.py, bench/issue.c) on %s; "
		"load average %s at its start, %s at its end.\n" % (a.machine, load0, load1))
	p("### Certificates per second, one process per certificate\n")
	p("Each command issues one certificate in a process of its own, as a "
		"script or a provisioning line runs it: started with `posix_spawn`, "
		"standard output and error to /dev/null, waited for. Keys and CSRs "
		"are made by openssl beforehand (PKCS#8 keys, a CA certificate with "
		"basic constraints and key usage, the leaf's CSR), the same files for "
		"both tools. *CA* is `certissue cert --ca-cert ca.pem --ca-key ca.key "
		"--csr leaf.csr --days 90 --force --out F` against `openssl x509 -req "
		"-in leaf.csr -CA ca.pem -CAkey ca.key -days 90 -out F` (both with a "
		"random serial, SKI and AKI); *self-signed* is `certissue cert "
		"--self-signed --key leaf.key --subject DN --days 90 --force --out F` "
		"against `openssl req -x509 -key leaf.key -subj DN -days 90 -out F`. "
		"certissue also parses its certificate back and checks its signature "
		"with the core before writing it, and writes through a synced "
		"temporary file; the outputs are on %s (and, in the column *output on "
		"tmpfs*, certissue's again on /dev/shm, where the syncs cost nothing). Rows take turns, %d runs a "
		"turn, over %d rounds; the table has the median turn's time per "
		"certificate, and every output is checked with `openssl verify` "
		"afterwards. `/bin/true` is the floor: what starting and reaping any "
		"process costs here. *Minstr* are the millions of instructions one "
		"run executes (valgrind's callgrind, one run, from the dynamic loader "
		"on): not moved by the load of the machine, but valgrind's CPU lacks "
		"some extensions the real runs use (SHA, ADX), so they are a measure "
		"of the work, not a time.\n" % (fs, SPAWN_BATCH, a.rounds))
	p("| Key | Way | certissue ms | certs/s | output on tmpfs ms | OpenSSL ms | certs/s | "
		"OpenSSL / certissue | goal ≥ 10× | certissue Minstr | OpenSSL Minstr | OpenSSL / certissue |")
	p("|---|---|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|")
	met_all = True
	for kt, _ in KEYS:
		for way, label in (("ca", "CA (`x509 -req`)"), ("self", "self-signed (`req -x509`)")):
			c, o = ms["%s certissue %s" % (kt, way)], ms["%s openssl %s" % (kt, way)]
			met_all &= o / c >= 10
			t = ms.get("%s certissue %s tmpfs" % (kt, way))
			ic = ms.get("icount %s certissue %s" % (kt, way))
			io = ms.get("icount %s openssl %s" % (kt, way))
			p("| %s | %s | %s | %s | %s | %s | %s | %.2f | %s | %s | %s | %s |" % (kt, label, num(c),
				num(1000 / c), num(t) if t else "-", num(o), num(1000 / o), o / c,
				"met" if o / c >= 10 else "not met", num(ic / 1e6) if ic else "-",
				num(io / 1e6) if io else "-", "%.1f" % (io / ic) if ic and io else "-"))
	p("\n`/bin/true`: %s ms a process%s. Goal: ≥ 10× OpenSSL's CLI in "
		"certificates per second: %s.\n" % (num(ms["true"]), ", %s Minstr" % num(ms["icount true"] / 1e6)
		if "icount true" in ms else "", yesno(met_all)))
	p("### In-process signing\n")
	p("One operation issues one leaf certificate (subject and issuer "
		"`C=CH, O=certfs bench, CN=...`, a random 159-bit serial, 90 days, "
		"basic constraints, a SAN, SKI and AKI) signed by a CA key of the "
		"same type with SHA-256. *certissue* is its library "
		"(bench/issue.c, linking `issuer_dep`): the TBSCertificate written "
		"with the issuer's DER writer from the command's inputs (names from "
		"RFC 4514 text, the extensions through `ci_exts`, SKI and AKI "
		"hashed from the keys), `ci_sign_wrap`, and the core's check that "
		"certissue makes before it writes (issuer/check.c: the core parses "
		"the certificate back and verifies its signature with the CA's key); "
		"*without the check* is the same with that step left out, to show "
		"its share. *OpenSSL* is `X509_sign` (which re-encodes the "
		"TBSCertificate and signs it) and `i2d_X509` of an `X509` set up "
		"once with the same fields and extensions, and no check. *pyca* is "
		"`CertificateBuilder.sign` of a builder made once (pyca %s, on "
		"OpenSSL), timed with `timeit`. Each signs with its own keys, made "
		"at the start. The median round's time per certificate; allocations "
		"per certificate by bench/alloc.c (not for pyca).\n" % pyca_version)
	p("| Certificate | certissue µs | allocs | without the check µs | OpenSSL X509_sign µs | allocs | "
		"pyca µs | OpenSSL / certissue | pyca / certissue | goal: faster than both |")
	p("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|")
	met_all = True
	for case in ("P-256/SHA-256", "RSA-2048/SHA-256"):
		c, ca = us[(case, "certissue")]
		o, oa = us[(case, "openssl")]
		y = us[(case, "pyca")][0]
		nc = us[(case, "certissue-nocheck")][0]
		met = c < o and c < y
		met_all &= met
		p("| %s | %s | %d | %s | %s | %d | %s | %.2f | %.2f | %s |" % (case, num(c), ca, num(nc), num(o), oa, num(y),
			o / c, y / c, "met" if met else "not met"))
	p("\nGoal: faster than both (OpenSSL's `X509_sign` and pyca): %s.\n" % yesno(met_all))


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--certissue", required=True)
	ap.add_argument("--bench-issue", required=True)
	ap.add_argument("--work", required=True)
	ap.add_argument("--rounds", type=int, default=31)
	ap.add_argument("--machine", default="")
	a = ap.parse_args()
	a.certissue = os.path.abspath(a.certissue)
	a.bench_issue = os.path.abspath(a.bench_issue)
	a.work = os.path.abspath(a.work)
	warnings.simplefilter("ignore")
	os.makedirs(a.work, exist_ok=True)
	load0 = loadavg()
	shm = None
	if os.path.isdir("/dev/shm"):
		shm = tempfile.mkdtemp(prefix="certissue-bench-", dir="/dev/shm")
	try:
		ms = spawn(a, a.work, shm)
	finally:
		if shm:
			shutil.rmtree(shm, ignore_errors=True)
	us = sign(a)
	report(a, ms, us, load0, loadavg(), fstype(a.work))


if __name__ == "__main__":
	main()
