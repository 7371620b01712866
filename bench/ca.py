#!/usr/bin/python3
"""ca.py - the CA directory benchmark (docs/performance.md, "CA directory
benchmark"; `scripts/bench ca` runs it).

  ca.py --certissue BIN --work DIR [--rounds N] [--certs N]
        [--procs 1,2,8] [--machine TEXT] > section.md

Certificates issued per second from one CA directory, one process per
certificate, with 1, 2 and 8 issuing processes at once:

  certissue cert --ca DIR --csr leaf.csr --profile server --copy-extensions
                 --days 90
  openssl ca -batch -config ca.cnf -in leaf.csr -days 90 -notext

Both CAs have a P-256 key (made by openssl for `openssl ca`, by
`certissue ca init --key-type ec-p256` for certissue), both sign with
ECDSA-SHA256, write the same extensions (basic constraints, key usage,
extended key usage, SKI, AKI, the CSR's SAN), draw a random serial,
record the certificate in their database and keep a copy in their
certs/ directory, and both read the same CSR (made once by openssl).
`openssl ca` has no locking: run concurrently it loses records (and may
fail); that is measured and written down, not hidden.

One batch is --certs certificates issued with N processes in flight
(os.posix_spawn, output to /dev/null, os.wait4 for any child, the next
one started as soon as one ends; the children's CPU time from wait4); the batches of every tool and N take
turns, round after round, and the table has each one's median batch.
After the runs: every certificate either tool wrote verifies with
`openssl verify`, certissue's database holds exactly as many records as
certificates it issued (`certissue list --ca DIR`), and `openssl ca`'s
index.txt is counted against its certs/ directory.
Progress goes to stderr, the Markdown section to stdout. Nothing asserts a
timing: a goal missed is written down as missed.

Run with Debian's /usr/bin/python3.
"""
import argparse
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from issue import fstype, loadavg, num    # bench/issue.py, the issuer benchmark

SUBJECT = "/C=CH/O=certfs bench/CN=www.bench.example"
OPENSSL = "/usr/bin/openssl"
# openssl ca's configuration: what certissue's server profile and
# --copy-extensions write, a random serial (as certissue's), any subject
# (certissue's CA directory without a policy file takes any), and the same
# subject issued again and again (unique_subject = no).
CNF = """[ ca ]
default_ca = bench
[ bench ]
dir = %(dir)s
database = $dir/index.txt
new_certs_dir = $dir/certs
certificate = $dir/ca.pem
private_key = $dir/private/ca.key
rand_serial = yes
default_md = sha256
default_days = 90
policy = anything
unique_subject = no
copy_extensions = copy
x509_extensions = server
[ anything ]
commonName = supplied
organizationName = optional
countryName = optional
[ server ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


def log(msg):
	print("ca-bench: " + msg, file=sys.stderr, flush=True)


def run(cmd, cwd=None):
	r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
	if r.returncode != 0:
		sys.exit("ca-bench: %s failed: %s" % (" ".join(cmd), r.stderr.strip()))
	return r.stdout


def openssl_ca(o):
	"""An `openssl ca` directory at o: P-256 key, self-signed CA, ca.cnf."""
	os.makedirs(os.path.join(o, "certs"))
	os.makedirs(os.path.join(o, "private"), mode=0o700)
	open(os.path.join(o, "index.txt"), "w").close()
	run([OPENSSL, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
		"-out", os.path.join(o, "private", "ca.key")])
	run([OPENSSL, "req", "-x509", "-key", os.path.join(o, "private", "ca.key"),
		"-subj", "/C=CH/O=certfs bench/CN=Bench CA", "-days", "3650",
		"-addext", "basicConstraints=critical,CA:TRUE",
		"-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", os.path.join(o, "ca.pem")])
	with open(os.path.join(o, "ca.cnf"), "w") as f:
		f.write(CNF % {"dir": o})
	return o


def certissue_ca(a, c):
	run([a.certissue, "ca", "init", c, "--subject", "CN=Bench CA,O=certfs bench,C=CH",
		"--key-type", "ec-p256", "--days", "3650"])
	return c


def setup(a):
	"""The leaf's CSR, the openssl CA directory and certissue's (and
	certissue's on tmpfs)."""
	w = a.work
	run([OPENSSL, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
		"-out", os.path.join(w, "leaf.key")])
	run([OPENSSL, "req", "-new", "-key", os.path.join(w, "leaf.key"), "-subj", SUBJECT,
		"-addext", "subjectAltName=DNS:www.bench.example", "-out", os.path.join(w, "leaf.csr")])
	return (openssl_ca(os.path.join(w, "openssl-ca")), certissue_ca(a, os.path.join(w, "certissue-ca")),
		certissue_ca(a, os.path.join(a.shm, "certissue-ca")) if a.shm else None)


def commands(a, o, c, shm):
	"""name -> argv. The certificate goes to the CA's certs/ (and
	openssl's copy to its standard output, /dev/null)."""
	csr = os.path.join(a.work, "leaf.csr")
	ci = lambda d: [a.certissue, "cert", "--ca", d, "--csr", csr, "--profile", "server",   # noqa: E731
		"--copy-extensions", "--days", "90"]
	return {
		"certissue": ci(c),
		"certissue-tmpfs": ci(shm) if shm else None,
		"openssl": [OPENSSL, "ca", "-batch", "-config", os.path.join(o, "ca.cnf"),
			"-in", csr, "-days", "90", "-notext"],
		"true": ["/bin/true"],
	}


def batch(argv, procs, n):
	"""Issues n certificates with procs processes in flight; returns the
	wall time in seconds, the number of processes that failed and their
	CPU time (user + system) in seconds."""
	null = [(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
		(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
		(os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)]
	env = dict(os.environ)
	started = running = failed = 0
	cpu = 0.0
	t0 = time.perf_counter()
	while started < n or running:
		while running < procs and started < n:
			os.posix_spawn(argv[0], argv, env, file_actions=null)
			started += 1
			running += 1
		_, status, ru = os.wait4(-1, 0)
		running -= 1
		cpu += ru.ru_utime + ru.ru_stime
		if os.waitstatus_to_exitcode(status) != 0:
			failed += 1
	return time.perf_counter() - t0, failed, cpu


def census(o):
	"""openssl ca's files in certs/ and records in index.txt (None when
	concurrent runs left no index.txt at all)."""
	files = len(os.listdir(os.path.join(o, "certs")))
	try:
		with open(os.path.join(o, "index.txt")) as f:
			return files, sum(1 for _ in f)
	except FileNotFoundError:
		return files, None


def measure(a, cmds):
	"""Per (tool, procs): the median batch's rate (processes that
	succeeded per second), CPU time per process, and the failed
	processes of every batch. `openssl ca` runs one at a time only (a
	loop): it has no locking, see unsafe()."""
	rates, cpus, fails = {}, {}, {}
	for r in range(a.rounds):
		log("round %d of %d" % (r + 1, a.rounds))
		for p in a.procs:
			for tool in ("true", "certissue", "certissue-tmpfs", "openssl"):
				if cmds[tool] is None or (tool == "openssl" and p != 1):
					continue
				t, f, cpu = batch(cmds[tool], p, a.certs)
				rates.setdefault((tool, p), []).append((a.certs - f) / t)
				cpus.setdefault((tool, p), []).append(cpu / a.certs)
				fails[(tool, p)] = fails.get((tool, p), 0) + f
	med = lambda d: {k: statistics.median(v) for k, v in d.items()}    # noqa: E731
	return med(rates), med(cpus), fails


def unsafe(a):
	"""`openssl ca` run concurrently, as certissue is: for each N > 1 of
	procs, one batch on a new openssl CA directory. Returns {N: (failed
	runs, files in certs/, records in index.txt or None)}."""
	out = {}
	for p in a.procs:
		if p == 1:
			continue
		o = openssl_ca(os.path.join(a.work, "openssl-ca-%d" % p))
		_, f, _ = batch(commands(a, o, o, None)["openssl"], p, a.certs)
		out[p] = (f,) + census(o)
	return out


def verify_all(ca, files):
	"""openssl verify of every file (in groups: one command line each);
	returns how many did not verify."""
	bad = 0
	for i in range(0, len(files), 200):
		group = files[i:i + 200]
		r = subprocess.run([OPENSSL, "verify", "-CAfile", ca] + group, capture_output=True, text=True)
		bad += len(group) - sum(1 for line in r.stdout.splitlines() if line.endswith(": OK"))
	return bad


def per_process(cmds):
	"""One run of each tool under valgrind's callgrind (instructions,
	from the dynamic loader on) and one under strace (its sync and lock
	calls): measures of the work the machine's load cannot move."""
	out = {}
	for tool in ("certissue", "openssl"):
		out[(tool, "instr")] = callgrind(cmds[tool])
		r = subprocess.run(["strace", "-f", "-c", "-U", "name,calls", "-e",
			"trace=fsync,fdatasync,sync_file_range,flock,fcntl"] + cmds[tool],
			capture_output=True, text=True)
		calls = dict((m.group(1), int(m.group(2))) for m in
			re.finditer(r"^\s*(\w+)\s+([0-9]+)\s*$", r.stderr, re.M))
		if r.returncode == 0:
			out[(tool, "syncs")] = sum(calls.get(k, 0) for k in ("fsync", "fdatasync", "sync_file_range"))
			out[(tool, "locks")] = calls.get("flock", 0)
	return out


def callgrind(argv):
	"""Instructions of one run of argv (None if it failed)."""
	r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv,
		capture_output=True, text=True)
	m = re.search(r"I\s+refs:\s+([0-9,]+)", r.stderr)
	return int(m.group(1).replace(",", "")) if r.returncode == 0 and m else None


def db_scaling(a, sizes):
	"""Instructions (callgrind) of one issuance from a CA whose database
	holds n records, for each n of sizes and each tool: a new CA, one
	certificate issued for real, its record (the database's line that has
	its serial) copied n - 1 times with other serials. The copies have no
	files: only the database's size matters here."""
	out = {}
	for tool, make, db in (("certissue", lambda d: certissue_ca(a, d), "database"),
			("openssl", openssl_ca, "index.txt")):
		base = make(os.path.join(a.work, "scale-" + tool))
		argv = lambda d: commands(a, d, d, None)[tool]    # noqa: E731
		run(argv(base))
		serial = os.listdir(os.path.join(base, "certs"))[0][:-len(".pem")]
		with open(os.path.join(base, db)) as f:
			line = [ln for ln in f.read().splitlines() if serial in ln.split()][0]
		for n in sizes:
			d = os.path.join(a.work, "scale-%s-%d" % (tool, n))
			shutil.copytree(base, d)
			if tool == "openssl":
				with open(os.path.join(d, "ca.cnf"), "w") as f:
					f.write(CNF % {"dir": d})
			with open(os.path.join(d, db), "a") as f:
				for i in range(1, n):
					f.write(line.replace(serial, "%040X" % (0x7000000000000000 + i)) + "\n")
			out[(tool, n)] = callgrind(argv(d))
			shutil.rmtree(d)
	return out


def checks(a, o, c):
	"""What each CA directory holds after the runs."""
	ci_files = sorted(glob.glob(os.path.join(c, "certs", "*.pem")))
	os_files = sorted(glob.glob(os.path.join(o, "certs", "*.pem")))
	os_records = census(o)[1]
	return {
		"ci_files": len(ci_files),
		"ci_records": len(json.loads(run([a.certissue, "list", "--ca", c, "--json"]))),
		"ci_bad": verify_all(os.path.join(c, "ca.pem"), ci_files),
		"ci_check": subprocess.run([a.certissue, "ca", "check", c], capture_output=True).returncode,
		"os_files": len(os_files),
		"os_records": os_records,
		"os_bad": verify_all(os.path.join(o, "ca.pem"), os_files),
	}


def report(a, m, uns, pp, dbs, ck, load0, load1, fs):
	rate, cpu, fails = m
	p = print
	n = a.certs
	p("## CA directory benchmark\n")
	p("Generated by `scripts/bench ca` (bench/ca.py) on %s; load average %s at its start, "
		"%s at its end (the machine is shared: other builds ran meanwhile, so "
		"compare the rows of one run, which take turns, rather than runs).\n"
		% (a.machine, load0, load1))
	p("Certificates issued per second from one CA directory, one process per "
		"certificate, with %s processes issuing at once, against an "
		"`openssl ca -batch` loop. *certissue* is `certissue cert --ca DIR --csr "
		"leaf.csr --profile server --copy-extensions --days 90`, from a CA directory "
		"made by `certissue ca init --key-type ec-p256`. *OpenSSL* is `openssl ca "
		"-batch -config ca.cnf -in leaf.csr -days 90 -notext` (OpenSSL %s), one at a "
		"time (it has no locking: run concurrently it fails and loses records, "
		"below), configured as the equivalent: a P-256 CA key, SHA-256, a random "
		"serial (`rand_serial`), the server profile's extensions (basic "
		"constraints, key usage, serverAuth, SKI, AKI) and the CSR's SAN "
		"(`copy_extensions`), `unique_subject = no`, its database index.txt and "
		"every certificate in its certs/. Both read the same CSR (P-256, made once "
		"by openssl) and write the certificate into the CA's certs/ (OpenSSL also to "
		"its standard output, /dev/null here). certissue locks its database for "
		"each update and syncs the certificate file, the directory and the database "
		"(crash safety); `openssl ca` neither locks nor syncs. "
		"Everything is on %s. A batch is %d certificates with N processes in "
		"flight (`posix_spawn`, output to /dev/null, the next one started when "
		"any ends); the batches take turns, tool after tool and N after N, over "
		"%d rounds, and the table has each one's median batch: certificates per "
		"second (processes that succeeded) and *CPU ms*, the children's user + "
		"system time per certificate (wait4), which the load moves far less than "
		"the rates. *tmpfs* is certissue again with a CA directory of its own on "
		"/dev/shm, where a sync costs nothing: the share of the three syncs. "
		"`/bin/true` in the same harness is the floor: what starting and reaping "
		"a process costs here.\n"
		% (", ".join(str(x) for x in a.procs), openssl_version(), fs, n, a.rounds))
	o1 = rate[("openssl", 1)]
	c1 = rate[("certissue", 1)]
	p("| Processes | certissue certs/s | vs 1 process | CPU ms | tmpfs certs/s | "
		"`/bin/true` per s | `openssl ca` loop certs/s | CPU ms | certissue / loop | goal ≥ 10× |")
	p("|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|")
	met10 = True
	for pr in a.procs:
		c = rate[("certissue", pr)]
		met10 &= c / o1 >= 10
		tm = rate.get(("certissue-tmpfs", pr))
		p("| %d | %s | %.2f× | %s | %s | %s | %s | %s | %.2f | %s |" % (pr, num(c), c / c1,
			num(cpu[("certissue", pr)] * 1e3), num(tm) if tm else "-", num(rate[("true", pr)]),
			num(o1) if pr == 1 else "″", num(cpu[("openssl", 1)] * 1e3) if pr == 1 else "″",
			c / o1, "met" if c / o1 >= 10 else "not met"))
	scale = rate[("certissue", 2)] / c1 if 2 in a.procs and 1 in a.procs else None
	p("")
	p("Goals: ≥ 10× the `openssl ca` loop: %s. ≥ 1.6× from 1 to 2 "
		"processes: %s." % ("**met**" if met10 else "**not met**", "not measured" if scale is None
		else ("**met** (%.2f×)" if scale >= 1.6 else "**not met** (%.2f×)") % scale))
	p("")
	if uns:
		p("`openssl ca` run as certissue is, N at a time on one CA directory (a new one "
			"for each N, one batch of %d): %s.\n" % (n, "; ".join(
			"%d processes: %d runs failed, %d certificates in certs/, %s" % (pr, f, files,
			"index.txt gone" if recs is None else "%d records in index.txt" % recs)
			for pr, (f, files, recs) in sorted(uns.items()))))
	if pp:
		def g(t, k):
			v = pp.get((t, k))
			return "-" if v is None else num(v / 1e6) if k == "instr" else str(v)
		p("One process of each, counted (not timed): certissue runs %s million instructions "
			"(valgrind's callgrind, from the dynamic loader on; its CPU lacks the SHA and ADX "
			"extensions the real runs use), %s syncs and %s flock calls (strace); `openssl ca` "
			"%s million instructions, %s syncs, %s flock calls.\n" % (g("certissue", "instr"),
			g("certissue", "syncs"), g("certissue", "locks"), g("openssl", "instr"),
			g("openssl", "syncs"), g("openssl", "locks")))
	if dbs:
		p("One issuance against the size of the CA's database (callgrind, million "
			"instructions; a new CA of each, one certificate issued, its record copied "
			"under other serials to make the size, in certissue's database and in "
			"index.txt):\n")
		sizes = sorted(set(k for _, k in dbs))
		p("| Records | " + " | ".join("%d" % k for k in sizes) + " |")
		p("|---|" + "--:|" * len(sizes))
		for tool, label in (("certissue", "certissue Minstr"), ("openssl", "`openssl ca` Minstr")):
			p("| %s | " % label + " | ".join(num(dbs[(tool, k)] / 1e6) if dbs.get((tool, k)) else "-"
				for k in sizes) + " |")
		p("")
	p("After the runs: certissue had %d processes fail and `openssl ca` %d; certissue's "
		"certs/ holds %d files, `certissue list --ca --json` %d records, %d of its files "
		"do not verify with `openssl verify`, and `certissue ca check` exits %d; the "
		"`openssl ca` loop's certs/ holds %d files, its index.txt %s records, and %d of "
		"its files do not verify."
		% (sum(v for (t, _), v in fails.items() if t.startswith("certissue")),
			fails[("openssl", 1)], ck["ci_files"], ck["ci_records"], ck["ci_bad"], ck["ci_check"],
			ck["os_files"], ck["os_records"], ck["os_bad"]))


def openssl_version():
	return run([OPENSSL, "version"]).split()[1]


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--certissue", required=True)
	ap.add_argument("--work", required=True)
	ap.add_argument("--rounds", type=int, default=5)
	ap.add_argument("--certs", type=int, default=100, help="certificates per batch")
	ap.add_argument("--procs", default="1,2,8")
	ap.add_argument("--machine", default="")
	ap.add_argument("--db-sizes", default="1,1000,3000,10000",
		help="database sizes for the instructions of one issuance")
	a = ap.parse_args()
	a.db_sizes = [int(x) for x in a.db_sizes.split(",") if x]
	a.certissue = os.path.abspath(a.certissue)
	a.work = os.path.abspath(a.work)
	a.procs = [int(x) for x in a.procs.split(",")]
	os.makedirs(a.work, exist_ok=True)
	if os.listdir(a.work):
		sys.exit("ca-bench: %s is not empty" % a.work)
	load0 = loadavg()
	a.shm = tempfile.mkdtemp(prefix="certissue-ca-bench-", dir="/dev/shm") \
		if os.path.isdir("/dev/shm") else None
	try:
		o, c, shm = setup(a)
		cmds = commands(a, o, c, shm)
		m = measure(a, cmds)
		log("openssl ca run concurrently")
		uns = unsafe(a)
	finally:
		if a.shm:
			shutil.rmtree(a.shm, ignore_errors=True)
	pp, dbs = {}, {}
	if shutil.which("valgrind") and shutil.which("strace"):
		log("one process of each under callgrind and strace")
		pp = per_process(cmds)
		log("one issuance under callgrind with databases of %s records" % a.db_sizes)
		dbs = db_scaling(a, a.db_sizes)
	ck = checks(a, o, c)
	report(a, m, uns, pp, dbs, ck, load0, loadavg(), fstype(a.work))


if __name__ == "__main__":
	main()
