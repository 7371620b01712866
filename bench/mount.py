#!/usr/bin/python3
"""mount.py - the certfs mount benchmark (docs/performance.md, "Mount
benchmark"; scripts/bench mount runs it).

  mount.py --certfs BIN --work DIR --store-1k DIR --store-100k DIR
           [--vectors DIR] [--machine TEXT] [--field PATH]
           [--only big,field,subjects,grep,bundle,cold] > section.md

Mounts for real (needs /dev/fuse and fusermount3) and measures, in one run:
  1  reading one field (open + read + close from this process): first read
     after a fresh mount (one mount per sample) and warm (the same file
     again and again);
  2  the subject of every certificate of a store (/etc/ssl/certs,
     dereferenced, plus the pyca vectors' x509/ tree, copied once into
     WORK): `find | xargs cat` over the mount (also with the per-object
     subdirectories pruned, and as a `cat` of a list made beforehand),
     against a shell loop of `openssl x509 -noout -subject` per file and
     one /usr/bin/python3 process loading every file with pyca;
  3  `grep -r . MOUNT` over the mounted vectors tree, cold and warm (three
     mounts, three walks each);
  4  the daemon's peak RSS (VmHWM) after that walk;
  5  mount time (process start to mountpoint live) and `ls` of the root, for
     generated stores of 1,000 and 100,000 certificates (bench/gen-store.py);
  6  the subject of every object of a bundle of 10,000 of those
     certificates, against the same certificates as 10,000 files;
  7  the 100,000-certificate store with the page cache dropped: the first
     `ls` and the walk of every subject, against `head -c 4096` and `cat`
     of every source file (root only: it writes /proc/sys/vm/drop_caches).
Progress goes to stderr, the Markdown section to stdout. Nothing here
asserts a timing: a goal missed is written down as missed.

Run with Debian's /usr/bin/python3 (pyca/cryptography 38).
"""
import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

from cryptography import x509

PEM_RE = re.compile(rb"-----BEGIN ([^-\r\n]+)-----\r?\n(.*?)-----END \1-----",
		re.S)
CERT_LABELS = {b"CERTIFICATE", b"X509 CERTIFICATE"}

COLD_SAMPLES = 20
WARM_READS = 10000
MOUNT_SAMPLES = 7
SUBJECT_RUNS = 3
# The cat of a list and pyca take a tenth of a second each, and this VM's
# timings move by a quarter from one second to the next: they alternate,
# more times, so both see the same machine.
LIST_RUNS = 15
BUNDLE_N = 10000        # (6): certificates in the bundle
BUNDLE_RUNS = 3
GREP_RUNS = 3
FIELD = "x509/cryptography.io.pem/subject"
# An object directory's subdirectories: an object's own `subject` is never
# below them, so the pruned walk of (2) skips them (and *.d).
PRUNE = ("verify", "extensions", "public_key", "fingerprint", "revoked",
	"attributes")


def log(msg):
	print("mount-bench: " + msg, file=sys.stderr, flush=True)


def median(xs):
	return statistics.median(xs)


def pct(xs, p):
	"""Nearest-rank percentile."""
	s = sorted(xs)
	return s[max(1, math.ceil(p / 100 * len(s))) - 1]


def us(ns):
	return "%.1f" % (ns / 1e3)


def ms(s):
	return "%.1f" % (s * 1e3) if s < 10 else "%.0f" % (s * 1e3)


def num(n):
	return "{:,}".format(n)


class Mount:
	"""A certfs daemon in the foreground (-f) on a fresh mountpoint."""

	def __init__(self, certfs, source, work, extra=()):
		self.certfs, self.source, self.work = certfs, source, work
		self.extra = list(extra)

	def __enter__(self):
		self.mnt = tempfile.mkdtemp(prefix="mnt-", dir=self.work)
		self.logf = open(self.mnt + ".log", "w+")
		dev = os.stat(self.mnt).st_dev
		t0 = time.perf_counter()
		self.proc = subprocess.Popen(
			[self.certfs, self.source, self.mnt, "-f"] + self.extra,
			stdin=subprocess.DEVNULL, stdout=self.logf, stderr=self.logf)
		# Live = a stat of the mountpoint is answered by the daemon; the
		# 0.2 ms poll is the resolution of the figure.
		while os.stat(self.mnt).st_dev == dev:
			if self.proc.poll() is not None:
				self.logf.seek(0)
				raise RuntimeError("certfs exited with %d before mounting: %s"
					% (self.proc.returncode, self.logf.read().strip()))
			if time.perf_counter() - t0 > 60:
				self._stop()
				raise RuntimeError("certfs did not mount within 60 s")
			time.sleep(0.0002)
		self.mount_s = time.perf_counter() - t0
		return self

	def vm(self, key):
		"""A /proc/PID/status figure of the daemon, in KiB."""
		with open("/proc/%d/status" % self.proc.pid) as f:
			for line in f:
				if line.startswith(key + ":"):
					return int(line.split()[1])
		return None

	def cpu(self):
		"""The daemon's CPU time so far (user + system), in seconds."""
		with open("/proc/%d/stat" % self.proc.pid) as f:
			fields = f.read().rsplit(")", 1)[1].split()
		return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

	def _stop(self):
		r = subprocess.run(["fusermount3", "-u", self.mnt],
			stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
		if r.returncode != 0:
			subprocess.run(["fusermount3", "-uz", self.mnt],
				stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
		try:
			self.proc.wait(timeout=20)
		except subprocess.TimeoutExpired:
			self.proc.kill()
			self.proc.wait()
		self.logf.close()
		try:
			os.rmdir(self.mnt)
		except OSError:
			pass

	def __exit__(self, *exc):
		self._stop()


def timed(cmd, **kw):
	"""Wall time of a shell command, end to end, and its result."""
	t0 = time.perf_counter()
	kw.setdefault("stdin", subprocess.DEVNULL)
	r = subprocess.run(["bash", "-c", "set -o pipefail; " + cmd], **kw)
	return time.perf_counter() - t0, r


def read_ns(path):
	t0 = time.perf_counter_ns()
	fd = os.open(path, os.O_RDONLY)
	b = os.read(fd, 65536)
	os.close(fd)
	return time.perf_counter_ns() - t0, b


def warm_source(path):
	"""Reads every file under path, so that the source is in the page
	cache: this VM's kernel reclaims idle pages (DAMON), and disk reads
	are not certfs's cost."""
	for root, _, files in os.walk(path):
		for n in files:
			try:
				with open(os.path.join(root, n), "rb") as f:
					f.read()
			except OSError:
				pass


def drop_caches():
	"""Drops the kernel's page cache (root only); whether it could."""
	subprocess.run(["sync"])
	try:
		with open("/proc/sys/vm/drop_caches", "w") as f:
			f.write("3\n")
		return True
	except OSError:
		return False


def grep_errors(path):
	"""grep's complaints, less its "binary file matches" notes (stderr
	since grep 3.5)."""
	with open(path, "rb") as f:
		return sum(1 for l in f if not l.rstrip().endswith(b"binary file matches"))


def certs_in(path):
	"""The certificates pyca loads from a file, and whether it is PEM."""
	with open(path, "rb") as f:
		data = f.read()
	out = []
	if b"-----BEGIN " in data:
		for m in PEM_RE.finditer(data):
			if m.group(1) in CERT_LABELS:
				try:
					out.append(x509.load_pem_x509_certificate(m.group(0)))
				except Exception:
					pass
		return out, True
	try:
		out.append(x509.load_der_x509_certificate(data))
	except Exception:
		pass
	return out, False


def files_of(top):
	for d, dirs, files in os.walk(top):
		dirs.sort()
		for f in sorted(files):
			p = os.path.join(d, f)
			if os.path.isfile(p) and not os.path.islink(p):
				yield p


# The pyca side of (2): what a Python program does without certfs. Same
# walk and the same PEM rule as certs_in(), printing each subject.
PYCA_PROG = r'''
import os, re, sys, warnings
from cryptography import x509
warnings.simplefilter("ignore")
pem = re.compile(rb"-----BEGIN ([^-\r\n]+)-----\r?\n(.*?)-----END \1-----", re.S)
out = []
for d, dirs, files in os.walk(sys.argv[1]):
	for f in files:
		with open(os.path.join(d, f), "rb") as fh:
			data = fh.read()
		if b"-----BEGIN " in data:
			ders = [m.group(0) for m in pem.finditer(data)
				if m.group(1) in (b"CERTIFICATE", b"X509 CERTIFICATE")]
			load = x509.load_pem_x509_certificate
		else:
			ders, load = [data], x509.load_der_x509_certificate
		for der in ders:
			try:
				out.append(load(der).subject.rfc4514_string())
			except Exception:
				pass
sys.stdout.write("\n".join(out) + "\n")
'''


class Bench:
	def __init__(self, a):
		self.a = a
		self.work = a.work
		self.res = {}
		self.err = {}

	# -- the combined store of (1) and (2) ----------------------------

	def make_store(self):
		self.store = os.path.join(self.work, "store")
		if os.path.isdir(self.store):
			shutil.rmtree(self.store)
		os.makedirs(self.store)
		# /etc/ssl/certs is mostly symlinks into /usr/share: copied
		# dereferenced, or the mount would not show them (links out of
		# SOURCE are hidden).
		subprocess.run(["cp", "-rL", "/etc/ssl/certs",
			os.path.join(self.store, "ssl-certs")], check=True)
		shutil.copytree(os.path.join(self.a.vectors, "x509"),
			os.path.join(self.store, "x509"), symlinks=False)
		# The openssl loop's list: each file pyca finds a certificate
		# in, with its encoding; and the number of certificates pyca
		# loads, for the table.
		self.ossl_pem, self.ossl_der = [], []
		self.store_files = 0
		self.store_certs = 0
		warnings.simplefilter("ignore")
		for p in files_of(self.store):
			self.store_files += 1
			certs, is_pem = certs_in(p)
			if not certs:
				continue
			self.store_certs += len(certs)
			(self.ossl_pem if is_pem else self.ossl_der).append(p)
		for name, lst in (("pem", self.ossl_pem), ("der", self.ossl_der)):
			with open(os.path.join(self.work, "ossl-%s.lst" % name), "w") as f:
				f.write("".join(p + "\n" for p in lst))
		# What the field must read: pyca's subject string and a newline.
		self.field_want = None
		if self.a.field == FIELD:
			with open(os.path.join(self.store, "x509/cryptography.io.pem"),
					"rb") as f:
				self.field_want = (x509.load_pem_x509_certificate(f.read())
					.subject.rfc4514_string() + "\n").encode()
		log("store: %d files, %d certificates pyca loads, %d files "
			"for the openssl loop" % (self.store_files, self.store_certs,
			len(self.ossl_pem) + len(self.ossl_der)))

	# -- (1) one field -------------------------------------------------

	def field(self):
		cold, bad = [], 0
		for i in range(COLD_SAMPLES):
			with Mount(self.a.certfs, self.store, self.work) as m:
				p = os.path.join(m.mnt, self.a.field)
				t, b = read_ns(p)
				cold.append(t)
				bad += self.field_want not in (None, b)
				if i == COLD_SAMPLES - 1:
					warm = []
					for _ in range(WARM_READS):
						t, b = read_ns(p)
						warm.append(t)
						bad += self.field_want not in (None, b)
		# The floor: the same loop on a file of the page cache, which is
		# what this process's own open/read/close costs.
		floor_path = os.path.join(self.work, "floor")
		with open(floor_path, "wb") as f:
			f.write(b)
		floor = [read_ns(floor_path)[0] for _ in range(WARM_READS)]
		self.res["field"] = dict(cold=cold, warm=warm, floor=floor, bad=bad)
		log("field: cold median %s us, warm median %s us, wrong %d"
			% (us(median(cold)), us(median(warm)), bad))

	# -- (2) every subject ------------------------------------------

	def subjects(self):
		out = os.path.join(self.work, "subjects.out")
		# The subject files, and how many are certificates' (CSRs have
		# one too): found once on a mount of their own, outside the
		# timing, for the list variant and the table.
		paths, ncert, nother = [], 0, 0
		with Mount(self.a.certfs, self.store, self.work) as m:
			for d, dirs, files in os.walk(m.mnt):
				dirs[:] = [x for x in dirs if x not in PRUNE and
					not x.endswith(".d")]
				if "subject" in files:
					paths.append(os.path.relpath(
						os.path.join(d, "subject"), m.mnt))
					with open(os.path.join(d, "type")) as f:
						t = f.read().strip()
					if t == "certificate":
						ncert += 1
					else:
						nother += 1
		lst = os.path.join(self.work, "subjects.lst")
		with open(lst, "w") as f:
			f.write("".join(x + "\0" for x in paths))
		cmds = {
			"all": "find . -type f -name subject -print0 | xargs -0r cat",
			"pruned": "find . \\( %s -o -name '*.d' \\) -prune -o "
				"-type f -name subject -print0 | xargs -0r cat"
				% " -o ".join("-name " + x for x in PRUNE),
			"list": 'xargs -0r cat <"%s"' % lst,
		}
		mnt_res = dict(certs=ncert, others=nother)
		pyca = []

		def pyca_run():
			with open(out, "wb") as f:
				t0 = time.perf_counter()
				subprocess.run(["/usr/bin/python3", "-c", PYCA_PROG,
					self.store], stdout=f, stderr=subprocess.DEVNULL,
					check=True)
				pyca.append(time.perf_counter() - t0)
			with open(out, "rb") as f:
				return f.read().count(b"\n")

		for key, cmd in cmds.items():
			cold, warm, lines = [], [], None
			for _ in range(LIST_RUNS if key == "list" else SUBJECT_RUNS):
				warm_source(self.store)
				with Mount(self.a.certfs, self.store, self.work) as m:
					for acc in (cold, warm):
						with open(out, "wb") as f:
							t, r = timed(cmd, cwd=m.mnt, stdout=f,
								stderr=subprocess.PIPE)
						if r.returncode != 0:
							raise RuntimeError("%s: exit %d: %s" % (cmd,
								r.returncode, r.stderr[:300]))
						acc.append(t)
					with open(out, "rb") as f:
						lines = f.read().count(b"\n")
				if key == "list":
					pyca_lines = pyca_run()
			mnt_res[key] = dict(cold=cold, warm=warm, lines=lines)
			log("subjects %s: cold %s ms, warm %s ms, %d subjects"
				% (key, ms(median(cold)), ms(median(warm)), lines))

		# openssl, one process per file.
		loop = ('while IFS= read -r f; do openssl x509 -noout -subject '
			'-in "$f"; done <"$0"; while IFS= read -r f; do openssl x509 '
			'-noout -subject -inform DER -in "$f"; done <"$1"')
		with open(out, "wb") as f:
			t0 = time.perf_counter()
			r = subprocess.run(["bash", "-c", loop,
				os.path.join(self.work, "ossl-pem.lst"),
				os.path.join(self.work, "ossl-der.lst")],
				stdout=f, stderr=subprocess.DEVNULL)
			t_ossl = time.perf_counter() - t0
		with open(out, "rb") as f:
			ossl_lines = f.read().count(b"\n")
		log("subjects openssl loop: %s ms, %d subjects" % (ms(t_ossl),
			ossl_lines))

		# pyca, one process: run above, after each cat of a list.
		log("subjects pyca: %s ms, %d subjects" % (ms(median(pyca)),
			pyca_lines))
		self.res["subjects"] = dict(mnt=mnt_res, ossl=t_ossl,
			ossl_lines=ossl_lines, pyca=pyca, pyca_lines=pyca_lines,
			ossl_files=len(self.ossl_pem) + len(self.ossl_der))

	# -- (3) grep -r and (4) RSS --------------------------------------

	def grep(self):
		src = os.path.join(self.a.vectors, "x509")
		errf = os.path.join(self.work, "grep.err")
		cold, warm, errs = [], [], [0, 0]
		# The same walks with -o spin=0 (libfuse's own request loop), the
		# mounts alternating with the default's: what the polling buys.
		cold0, warm0 = [], []
		cpu, cpu0 = [], []      # the daemon's CPU seconds over a mount's walks
		for _ in range(GREP_RUNS):
			for extra, cw in (((), (cold, warm)), (("-o", "spin=0"),
					(cold0, warm0))):
				warm_source(src)
				with Mount(self.a.certfs, src, self.work, extra) as m:
					for i, acc in enumerate((cw[0], cw[1], cw[1])):
						with open(errf, "wb") as e:
							t, r = timed('grep -r . "%s" | wc -c' % m.mnt,
								stdout=subprocess.PIPE, stderr=e)
						acc.append(t)
						errs[min(i, 1)] += grep_errors(errf)
					(cpu0 if extra else cpu).append(m.cpu())
					if extra:
						continue
					hwm, rss = m.vm("VmHWM"), m.vm("VmRSS")
					nfiles = ndirs = 0
					for d, dirs, files in os.walk(m.mnt):
						ndirs += 1
						for f in files:
							if not os.path.islink(os.path.join(d, f)):
								nfiles += 1
		# The same walk on the source itself, no FUSE: what grep and
		# the kernel cost on their own (with the source's own files, so
		# not the same bytes).
		with open(errf, "wb") as e:
			t_src, r = timed('grep -r . "%s" | wc -c' % src,
				stdout=subprocess.PIPE, stderr=e)
		src_files = sum(1 for _ in files_of(src))
		self.res["grep"] = dict(cold=median(cold), warm=median(warm), errs=errs,
			cold0=median(cold0), warm0=median(warm0),
			cpu=median(cpu), cpu0=median(cpu0),
			runs=GREP_RUNS,
			files=nfiles, dirs=ndirs, hwm=hwm, rss=rss, src=t_src,
			src_files=src_files)
		log("grep: %d files, cold %s ms, warm %s ms (medians), VmHWM %s KiB, "
			"errors %s" % (nfiles, ms(median(cold)), ms(median(warm)), hwm, errs))

	# -- (5) mount time and ls of a large store -----------------------

	def big(self):
		out = {}
		for key, store in (("1k", self.a.store_1k), ("100k", self.a.store_100k)):
			n = sum(1 for _ in os.scandir(store))
			mounts = []
			for i in range(MOUNT_SAMPLES):
				with Mount(self.a.certfs, store, self.work) as m:
					mounts.append(m.mount_s)
					if i == MOUNT_SAMPLES - 1:
						warm_source(store)
						ls = []
						for _ in range(2):
							t, r = timed('ls "%s" | wc -l' % m.mnt,
								stdout=subprocess.PIPE,
								stderr=subprocess.PIPE, timeout=600)
							ls.append(t)
						entries = int(r.stdout.split()[0])
						hwm = m.vm("VmHWM")
			out[key] = dict(files=n, mounts=mounts, ls=ls, entries=entries,
				hwm=hwm)
			log("store %s: mount median %s ms, ls %s / %s ms, %d entries"
				% (key, ms(median(mounts)), ms(ls[0]), ms(ls[1]), entries))
		self.res["big"] = out

	# -- (6) a bundle against the same certificates as files ----------

	def bundle(self):
		"""The subject of every object of a 10,000-certificate bundle,
		against the same certificates as 10,000 files (the bundle goal): a fresh mount each, the source in the page cache."""
		store = self.a.store_100k
		names = sorted(n for n in os.listdir(store) if n.endswith(".pem"))[:BUNDLE_N]
		sep = os.path.join(self.work, "sep-%d" % len(names))
		bdir = os.path.join(self.work, "bundle-%d" % len(names))
		if not os.path.isdir(sep):
			os.makedirs(sep + ".tmp", exist_ok=True)
			for n in names:
				shutil.copy(os.path.join(store, n), os.path.join(sep + ".tmp", n))
			os.rename(sep + ".tmp", sep)
		os.makedirs(bdir, exist_ok=True)
		bpath = os.path.join(bdir, "bundle.pem")
		with open(bpath, "wb") as out:
			for n in names:
				with open(os.path.join(sep, n), "rb") as f:
					out.write(f.read())
		out = {"n": len(names), "bytes": os.path.getsize(bpath)}
		for key, src, glob in (("files", sep, "*/subject"),
				("bundle", bdir, "bundle.pem/[0-9]*/subject")):
			cold, warm, hwm = [], [], []
			for _ in range(BUNDLE_RUNS):
				warm_source(src)
				with Mount(self.a.certfs, src, self.work) as m:
					cmd = 'printf "%%s\\0" "%s"/%s | xargs -0r cat | wc -l' % (m.mnt, glob)
					for acc in (cold, warm):
						t, r = timed(cmd, stdout=subprocess.PIPE, timeout=1800)
						acc.append(t)
						lines = int(r.stdout.split()[0])
					hwm.append(m.vm("VmHWM"))
			out[key] = dict(cold=median(cold), warm=median(warm), lines=lines,
				hwm=max(hwm))
			log("bundle %s: cold %s ms, warm %s ms, %d subjects, VmHWM %s KiB" %
				(key, ms(median(cold)), ms(median(warm)), lines, max(hwm)))
		self.res["bundle"] = out

	# -- (7) the 100,000-certificate store cold -----------------------

	def cold(self):
		"""The 100,000-certificate store with the page cache dropped
		before each command (the cold goals): `head -c 4096` and `cat`
		of every source file, the first `ls` of a fresh mount, and the
		subject of every certificate on a fresh mount; the same walk with
		the source in the page cache and again on that mount, to split
		the cold time into disk, the daemon's work and FUSE round trips."""
		store = self.a.store_100k
		if not drop_caches():
			raise RuntimeError("cannot drop the page cache (needs root)")
		srcs = 'find "%s" -type f -print0 | xargs -0r' % store
		res = {}
		drop_caches()
		res["head"], _ = timed(srcs + " head -qc 4096 >/dev/null", timeout=1800)
		drop_caches()
		res["cat"], _ = timed(srcs + " cat >/dev/null", timeout=1800)
		drop_caches()
		with Mount(self.a.certfs, store, self.work) as m:
			t, r = timed('ls "%s" | wc -l' % m.mnt, stdout=subprocess.PIPE, timeout=1800)
			res["ls"], res["entries"] = t, int(r.stdout.split()[0])
		walk = 'printf "%%s\\0" "%s"/*/subject | xargs -0r cat | wc -l'
		drop_caches()
		with Mount(self.a.certfs, store, self.work) as m:
			t, r = timed(walk % m.mnt, stdout=subprocess.PIPE, timeout=1800)
			res["walk"], res["subjects"] = t, int(r.stdout.split()[0])
			res["walk_hwm"] = m.vm("VmHWM")
		warm_source(store)
		with Mount(self.a.certfs, store, self.work) as m:
			res["walk_pc"], _ = timed(walk % m.mnt, stdout=subprocess.PIPE, timeout=1800)
			res["walk_warm"], _ = timed(walk % m.mnt, stdout=subprocess.PIPE, timeout=1800)
			res["warm_hwm"], res["warm_rss"] = m.vm("VmHWM"), m.vm("VmRSS")
		log("cold: head %s ms, cat %s ms, ls %s ms, walk %s ms (page cache %s, "
			"warm %s), VmHWM %s KiB" % (ms(res["head"]), ms(res["cat"]), ms(res["ls"]),
			ms(res["walk"]), ms(res["walk_pc"]), ms(res["walk_warm"]), res["walk_hwm"]))
		self.res["cold"] = res

	def run(self, only):
		steps = [("big", self.big), ("store", self.make_store),
			("field", self.field), ("subjects", self.subjects),
			("grep", self.grep), ("bundle", self.bundle), ("cold", self.cold)]
		for key, fn in steps:
			if only and key not in only and not (key == "store" and
					only & {"field", "subjects"}):
				continue
			log("running " + key)
			try:
				fn()
			except Exception as e:
				self.err[key] = "%s: %s" % (type(e).__name__, e)
				log("%s failed: %s" % (key, self.err[key]))


def loadavg():
	with open("/proc/loadavg") as f:
		return " ".join(f.read().split()[:3])


def yesno(b):
	return "yes" if b else "no"


def version(certfs):
	try:
		r = subprocess.run([certfs, "-V"], stdout=subprocess.PIPE,
			stderr=subprocess.STDOUT, timeout=10)
		return r.stdout.decode(errors="replace").strip().splitlines()[0]
	except Exception:
		return "unknown"


def report(b, machine):
	a, res, err = b.a, b.res, b.err
	w = []
	p = w.append
	p("## Mount benchmark\n")
	p("Generated by `scripts/bench mount` (bench/mount.py) on %s; `%s`, "
		"release build (`-Dbuildtype=release -Db_lto=true`), daemon "
		"started as `certfs SOURCE MOUNTPOINT -f` (multi-threaded, "
		"default options).\n" % (machine, version(a.certfs)))
	p("Every figure is wall-clock time from this machine in one run. "
		"*Cold* means a daemon started for the sample (a fresh mount, "
		"nothing parsed or cached by certfs); the source files themselves "
		"are read just before each cold walk, so they are in the kernel's "
		"page cache (this VM's kernel reclaims idle pages; the benchmark "
		"never drops caches). Nothing here is a test: a goal missed is "
		"written down as missed. The run took %.0f s; load average "
		"(1, 5, 15 min) %s at its start and %s at its end, so other work "
		"on the machine at the time shows.\n" % (b.secs, b.load[0],
		b.load[1]))
	p("Most of these figures are kernel-daemon round trips (a small file "
		"read through FUSE is a lookup and a read, each a request to the "
		"daemon and a reply: certfs lets the kernel open files without "
		"asking it, FUSE's no-open; a warm read skips the read, since "
		"each version of a file is its own inode and its bytes stay in "
		"the kernel's page cache, and skips the lookup while the kernel "
		"may trust it: 0.4 s, or until inotify reports a change where "
		"SOURCE is on a local filesystem, as here; listing a directory "
		"is still an opendir, a readdir and a releasedir), so they move with the "
		"machine's scheduling more than parse times do. On a virtual "
		"machine a round trip that finds the other side's CPU idle waits "
		"for the hypervisor to wake it, which is why certfs's worker "
		"polls for the next request for 50 µs before it sleeps (-o spin, "
		"certfs(1), vfs/loop.h; the `grep -r` table has both). On the 2-vCPU "
		"virtual machine of 2026-11-23, runs on the idle machine differed "
		"by up to 3x in the warm read and the `grep -r` walk. Compare the "
		"rows of one run rather than runs.\n")
	goals = []

	def failed(key):
		if key in err:
			p("Not measured: `%s`.\n" % err[key])
			return True
		return key not in res

	p("### Reading one field\n")
	if not failed("field"):
		f = res["field"]
		p("`open` + `read` + `close` of `%s` from the Python process "
			"(`os.open`/`os.read`/`os.close`, timed with "
			"`perf_counter_ns`), in a store of /etc/ssl/certs plus the "
			"vectors' x509/ tree (below). Cold: the first read after a "
			"fresh mount, one mount per sample, so it includes the "
			"lookups of the path and the parse of the certificate. Warm: "
			"the same file read again on the last mount. The floor row "
			"is the same loop on an ordinary file in the page cache: "
			"what Python's side of the loop costs.\n" % a.field)
		p("| Read | Samples | Median µs | p99 µs |")
		p("|---|--:|--:|--:|")
		for key, label in (("cold", "cold (fresh mount)"),
				("warm", "warm"), ("floor", "floor (page-cache file)")):
			xs = f[key]
			p("| %s | %s | %s | %s |" % (label, num(len(xs)),
				us(median(xs)), us(pct(xs, 99))))
		p("")
		p("With %d cold samples the p99 is the slowest of them. "
			"Reads that returned something else than pyca's "
			"`rfc4514_string()` plus a newline: %d.\n"
			% (len(f["cold"]), f["bad"]))

	p("### The subject of every certificate\n")
	if not failed("subjects"):
		s = res["subjects"]
		mr = s["mnt"]
		p("The store: /etc/ssl/certs copied with its symlinks dereferenced "
			"(each CA certificate by name, by hash and in "
			"ca-certificates.crt) plus the pyca vectors' x509/ tree: %s "
			"files, %s certificates that pyca loads. Each way prints every "
			"subject it finds, end to end (processes started, output to a "
			"file):\n" % (num(b.store_files), num(b.store_certs)))
		p("- **certfs, find**: a fresh mount, then `find . -type f -name "
			"subject -print0 | xargs -0r cat` in it (*cold*; *warm* is the "
			"same command again on that mount). The walk enters every "
			"directory of every object (extensions/, verify/, ...), and "
			"the first verify/ makes the daemon index the whole store.\n")
		p("- **certfs, pruned find**: the same with `-prune` of the "
			"per-object subdirectories (%s, *.d), where an object's own "
			"subject never is.\n" % ", ".join(PRUNE))
		p("- **certfs, cat of a list**: `xargs -0r cat <LIST`, LIST being "
			"the paths of the subject files, found beforehand on another "
			"mount: the cost of one `cat` of every subject without the "
			"discovery.\n")
		p("- **openssl loop**: a bash loop of `openssl x509 -noout "
			"-subject -in FILE` (`-inform DER` for DER files) over the %s "
			"files in which pyca finds a certificate; openssl prints the "
			"first certificate of a file only.\n" % num(s["ossl_files"]))
		p("- **pyca**: one `/usr/bin/python3` process walking the store, "
			"loading every certificate (every CERTIFICATE block of a PEM "
			"file, else the file as DER) and printing "
			"`subject.rfc4514_string()`.\n")
		p("certfs's subject files are those of %s certificates and %s "
			"other objects (CSRs, which have a subject too). Median of %d "
			"runs (a fresh mount each) for the two finds; of %d for the cat "
			"of a list and pyca, which alternate (a cat of the list cold "
			"and warm on a fresh mount, then a pyca run): each takes about "
			"a tenth of a second, and on this VM a timing moves by a "
			"quarter from one second to the next. The openssl loop runs "
			"once.\n"
			% (num(mr["certs"]), num(mr["others"]), SUBJECT_RUNS, LIST_RUNS))
		p("| Way | Subjects printed | Time ms | openssl loop / this | "
			"pyca / this |")
		p("|---|--:|--:|--:|--:|")
		pyca = median(s["pyca"])
		rows = []
		for key, label in (("all", "find"), ("pruned", "pruned find"),
				("list", "cat of a list")):
			for temp in ("cold", "warm"):
				rows.append(("certfs, %s, %s" % (label, temp),
					mr[key]["lines"], median(mr[key][temp])))
		rows.append(("openssl loop", s["ossl_lines"], s["ossl"]))
		rows.append(("pyca, one process", s["pyca_lines"], pyca))
		for label, n, t in rows:
			p("| %s | %s | %s | %.1f | %.2f |" % (label, num(n), ms(t),
				s["ossl"] / t, pyca / t))
		p("")
		q = lambda xs: "%s / %s / %s" % tuple(ms(x) for x in
			statistics.quantiles(xs, n=4)) if len(xs) > 1 else ms(xs[0])
		wins = sum(c < y for c, y in zip(mr["list"]["cold"], s["pyca"]))
		p("The spread of the alternating runs, ms (quartiles: 25%% / median "
			"/ 75%%): cat of a list cold %s, warm %s; pyca %s. The cold cat "
			"beat the pyca run right after it in %d of %d rounds.\n"
			% (q(mr["list"]["cold"]), q(mr["list"]["warm"]), q(s["pyca"]),
			wins, len(s["pyca"])))
		for temp in ("cold", "warm"):
			t = dict((k, median(mr[k][temp])) for k in ("all", "pruned", "list"))
			goals.append(("`cat` over the mount ≥ 100x faster than the "
				"openssl loop (%s)" % temp, "%.0fx find, %.0fx pruned find, %.0fx "
				"cat of a list" % tuple(s["ossl"] / t[k] for k in
				("all", "pruned", "list")), "find %s, pruned %s, list %s"
				% tuple(yesno(s["ossl"] / t[k] >= 100) for k in
				("all", "pruned", "list"))))
			goals.append(("faster than the pyca process (%s)" % temp,
				"pyca %s ms; certfs %s ms find, %s ms pruned find, %s ms cat "
				"of a list" % ((ms(pyca),) + tuple(ms(t[k]) for k in
				("all", "pruned", "list"))), "find %s, pruned %s, list %s"
				% tuple(yesno(t[k] < pyca) for k in
				("all", "pruned", "list"))))

	p("### grep -r over the vectors tree, and the daemon's memory\n")
	if not failed("grep"):
		g = res["grep"]
		p("`grep -r . MOUNT | wc -c` with the pyca vectors' x509/ tree "
			"(%s) mounted directly: %s files in %s directories "
			"(symlinks, which `grep -r` does not follow, not counted). Cold: "
			"the first walk after a fresh mount, the median of %d mounts; "
			"warm: the median of the second and third walks of each. The "
			"`-o spin=0` rows: as many mounts of a daemon that does not poll "
			"for the next request (certfs(1)), alternating with the "
			"default's. Errors "
			"are grep's complaints on stderr over all walks (cold, warm): "
			"%s, %s.\n"
			% (os.path.join(a.vectors, "x509"), num(g["files"]),
			num(g["dirs"]), g["runs"], g["errs"][0], g["errs"][1]))
		p("| Walk | Time ms | Files / s |")
		p("|---|--:|--:|")
		for key, what in (("cold", "cold"), ("warm", "warm"),
				("cold0", "cold, `-o spin=0` (libfuse's request loop)"),
				("warm0", "warm, `-o spin=0`")):
			p("| %s | %s | %s |" % (what, ms(g[key]),
				num(int(g["files"] / g[key]))))
		p("| for scale: `grep -r .` of the source directory itself "
			"(%s files, no FUSE) | %s | %s |" % (num(g["src_files"]),
			ms(g["src"]), num(int(g["src_files"] / g["src"]))))
		p("")
		p("The daemon's CPU time (user + system) over a mount's three walks, "
			"median of the mounts: %.2f s by default, %.2f s with `-o spin=0`: "
			"polling for the next request costs CPU while requests come, "
			"nothing when the mount is idle.\n" % (g["cpu"], g["cpu0"]))
		p("The daemon of the last mount after its walks: peak RSS (VmHWM) %s KiB "
			"(%.1f MiB), RSS %s KiB.\n" % (num(g["hwm"]), g["hwm"] / 1024,
			num(g["rss"])))
		rate = g["files"] / g["warm"]
		goals.append(("`grep -r` warm ≥ 20,000 files/s",
			"%s files/s (cold %s)" % (num(int(rate)),
			num(int(g["files"] / g["cold"]))), yesno(rate >= 20000)))

	p("### Mounting a large store\n")
	if not failed("big"):
		bg = res["big"]
		p("Stores made by bench/gen-store.py (once, kept in "
			"~/.cache/certfs/): a flat directory of one self-signed "
			"Ed25519 CA and its leaves, one small PEM certificate per "
			"file, distinct serials and subjects. Mount: from just before "
			"the daemon process is started to the first `stat` of the "
			"mountpoint that the daemon answers (polled every 0.2 ms), "
			"median and worst of %d mounts. `ls`: `ls MOUNT | wc -l` on "
			"the last mount, first and second time; the first lists a "
			"directory nothing has looked at yet. Not in the mount time: "
			"0.1 s after mounting, certfs adds its inotify watch on "
			"SOURCE's root, for which the kernel marks every cached entry "
			"of the directory (about 10 ms for 100,000, stalling lookups "
			"in SOURCE meanwhile; vfs/watch.h).\n" % MOUNT_SAMPLES)
		p("| Store | Files | Mount median ms | Mount max ms | `ls` first ms "
			"| `ls` second ms | Entries | Daemon VmHWM KiB |")
		p("|---|--:|--:|--:|--:|--:|--:|--:|")
		for key in ("1k", "100k"):
			x = bg[key]
			p("| %s | %s | %s | %s | %s | %s | %s | %s |" % (key,
				num(x["files"]), ms(median(x["mounts"])),
				ms(max(x["mounts"])), ms(x["ls"][0]), ms(x["ls"][1]),
				num(x["entries"]), num(x["hwm"])))
		p("")
		m1, m100 = median(bg["1k"]["mounts"]), median(bg["100k"]["mounts"])
		goals.append(("mount of 100,000 certificates under 100 ms",
			"%s ms median (worst %s)" % (ms(m100),
			ms(max(bg["100k"]["mounts"]))), yesno(m100 < 0.1)))
		goals.append(("mount time independent of the store's size",
			"%s ms for 1,000, %s ms for 100,000 (medians; *yes* if "
			"within 2x + 5 ms)" % (ms(m1),
			ms(m100)), yesno(m100 < 2 * m1 + 0.005)))

	p("### A bundle against the same certificates as files\n")
	if not failed("bundle"):
		bu = res["bundle"]
		f, b_ = bu["files"], bu["bundle"]
		p("The first %s certificates of the 100,000-certificate store, once as "
			"%s files in one directory and once concatenated into one bundle "
			"(%s bytes). `printf '%%s\\0' MOUNT/*/subject | xargs -0r cat` (for the "
			"bundle `MOUNT/bundle.pem/[0-9]*/subject`) on a fresh mount (*cold*) and "
			"again on it (*warm*), median of %d mounts, the source in the page "
			"cache; the daemon's peak RSS (VmHWM) the largest of the mounts.\n"
			% (num(bu["n"]), num(bu["n"]), num(bu["bytes"]), BUNDLE_RUNS))
		p("| Source | Subjects | Cold ms | Warm ms | Daemon VmHWM KiB |")
		p("|---|--:|--:|--:|--:|")
		for key, what in (("files", "%s files" % num(bu["n"])),
				("bundle", "one bundle")):
			x = bu[key]
			p("| %s | %s | %s | %s | %s |" % (what, num(x["lines"]), ms(x["cold"]),
				ms(x["warm"]), num(x["hwm"])))
		p("")
		goals.append(("a field of every object of a 10,000-certificate bundle "
			"under 2x the same certificates as files (cold)",
			"%s ms against %s ms (%.2fx)" % (ms(b_["cold"]), ms(f["cold"]),
			b_["cold"] / f["cold"]), yesno(b_["cold"] < 2 * f["cold"])))

	p("### The 100,000-certificate store, cold\n")
	if not failed("cold"):
		c = res["cold"]
		p("The page cache dropped (`sync; echo 3 > /proc/sys/vm/drop_caches`) "
			"before each of: `head -qc 4096` of every source file and `cat` of "
			"every source file (`find SOURCE -type f -print0 | xargs -0r ...`), "
			"the first `ls MOUNT | wc -l` of a fresh mount, and the subject of every "
			"certificate on a fresh mount (`printf '%s\\0' MOUNT/*/subject | "
			"xargs -0r cat`, which lists the root first). Then the same walk on a "
			"fresh mount with the source in the page cache, and again on that "
			"mount: the difference between the first two is the disk, between "
			"the last two the daemon's reading and parsing; the last is FUSE's "
			"round trips and what the kernel caches. One run each.\n")
		p("| Command | ms |")
		p("|---|--:|")
		for key, what in (("head", "`head -c 4096` of every source file"),
				("cat", "`cat` of every source file"),
				("ls", "first `ls` of a fresh mount (%s entries)" % num(c["entries"])),
				("walk", "every subject, fresh mount (%s)" % num(c["subjects"])),
				("walk_pc", "every subject, fresh mount, source in the page cache"),
				("walk_warm", "every subject again on that mount")):
			p("| %s | %s |" % (what, ms(c[key])))
		p("")
		p("The daemon's peak RSS (VmHWM) after the cold walk: %s KiB (%.1f MiB); "
			"after the two walks of the last mount %s KiB, RSS %s KiB (default "
			"`-o cache_size=64`).\n" % (num(c["walk_hwm"]), c["walk_hwm"] / 1024,
			num(c["warm_hwm"]), num(c["warm_rss"])))
		goals.append(("first `ls` of 100,000 cold at most 2x `head -c 4096` "
			"of every file", "%s ms against %s ms (%.2fx)" % (ms(c["ls"]),
			ms(c["head"]), c["ls"] / c["head"]), yesno(c["ls"] <= 2 * c["head"])))
		goals.append(("every subject of 100,000 cold at most 1.5x `cat` of "
			"every file", "%s ms against %s ms (%.2fx)" % (ms(c["walk"]),
			ms(c["cat"]), c["walk"] / c["cat"]), yesno(c["walk"] <= 1.5 * c["cat"])))

	p("### Goals\n")
	p("| Goal | Result | Met |")
	p("|---|---|---|")
	for goal, result, met in goals:
		p("| %s | %s | %s |" % (goal, result, met))
	for key in sorted(err):
		p("| (%s) | not measured | no |" % key)
	return "\n".join(w).rstrip() + "\n"


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--certfs", required=True)
	ap.add_argument("--work", required=True)
	ap.add_argument("--store-1k", required=True)
	ap.add_argument("--store-100k", required=True)
	ap.add_argument("--vectors",
		default="/usr/lib/python3/dist-packages/cryptography_vectors")
	ap.add_argument("--machine", default="this machine")
	ap.add_argument("--field", default=FIELD,
		help="the file of (1), relative to the store's mount")
	ap.add_argument("--only", default="",
		help="comma-separated subset of big,field,subjects,grep,bundle,cold")
	a = ap.parse_args()
	a.certfs = os.path.abspath(a.certfs)
	if not os.path.exists("/dev/fuse") or not shutil.which("fusermount3"):
		sys.exit("mount.py: needs /dev/fuse and fusermount3")
	only = set(x for x in a.only.split(",") if x)
	b = Bench(a)
	t0 = time.perf_counter()
	b.load = [loadavg()]
	b.run(only)
	b.load.append(loadavg())
	b.secs = time.perf_counter() - t0
	log("done in %.0f s" % b.secs)
	sys.stdout.write(report(b, a.machine))


if __name__ == "__main__":
	main()
