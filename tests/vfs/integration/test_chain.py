#!/usr/bin/python3
"""test_chain.py - verify/chain backtracks (docs/ABI.md 4): certificates
made at test time with pyca (EC P-256): roots A and B, an intermediate I
issued twice with the same subject and key (I_A by A, I_B by B), a leaf L
signed by I's key. The store's file names set the order in which the
issuers are tried (sorted names, first recorded first).

(a) A absent, I_A tried first, then the names swapped: L's chain is
    L, I_B, B either way, and verify/issuer points to I_B;
(b) neither root: no chain, verify/signature still valid;
(c) CAs that cross-sign each other with no root (two, then five with
    every pair): no chain, and the read returns promptly (with no bound
    on the search's tries, a read took 0.5 s with four CAs and over 200 s
    with five);
(d) both roots: a chain, each consecutive pair verified by pyca."""
import datetime
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

PROMPT = 2.0    # seconds a verify/chain read may take in case (c)


def name(cn):
	return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def key():
	return ec.generate_private_key(ec.SECP256R1())


def make(subject, subject_key, issuer, issuer_key, ca=True):
	"""A certificate of subject (name, key) signed by issuer_key, with the
	key identifiers a real CA would put in it."""
	now = datetime.datetime(2020, 1, 1)
	b = (x509.CertificateBuilder()
		.subject_name(name(subject))
		.issuer_name(name(issuer))
		.public_key(subject_key.public_key())
		.serial_number(x509.random_serial_number())
		.not_valid_before(now)
		.not_valid_after(now + datetime.timedelta(days=36500))
		.add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
		.add_extension(x509.SubjectKeyIdentifier.from_public_key(subject_key.public_key()),
			critical=False)
		.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
			issuer_key.public_key()), critical=False))
	return b.sign(issuer_key, hashes.SHA256())


def signed_by(cert, issuer):
	"""The oracle: does issuer's key verify cert's signature?"""
	try:
		issuer.public_key().verify(cert.signature, cert.tbs_certificate_bytes,
			ec.ECDSA(cert.signature_hash_algorithm))
		return True
	except Exception:
		return False


def store(files):
	"""A new SOURCE directory holding {file name: certificate} as PEM."""
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	for fn, c in files.items():
		with open(os.path.join(src, fn), "wb") as f:
			f.write(c.public_bytes(serialization.Encoding.PEM))
	return src


def main():
	a = cm.args()
	cm.require_fuse()
	ck = cm.Checker("chain", a.verbose)

	ka, kb, ki, kl = key(), key(), key(), key()
	A = make("Root A", ka, "Root A", ka)
	B = make("Root B", kb, "Root B", kb)
	IA = make("Inter I", ki, "Root A", ka)
	IB = make("Inter I", ki, "Root B", kb)
	L = make("Leaf L", kl, "Inter I", ki, ca=False)
	# the oracle agrees with the set-up
	for c, i in ((A, A), (B, B), (IA, A), (IB, B), (L, IA), (L, IB)):
		ck.ok(signed_by(c, i), "set-up: %s signed by %s" % (
			c.subject.rfc4514_string(), i.subject.rfc4514_string()))

	def mount(files, body):
		src = store(files)
		try:
			with cm.mounted(a.certfs, src) as m:
				body(m)
		finally:
			shutil.rmtree(src)

	def v(m, obj, f):
		return cm.value(os.path.join(m, obj, "verify", f))

	def issuer_link(m, obj, target, case):
		p = os.path.join(m, obj, "verify", "issuer")
		try:
			got = os.readlink(p)
		except OSError as e:
			ck.ok(False, "%s: readlink %s/verify/issuer: %s" % (case, obj, e))
			return
		ck.eq("%s: %s/verify/issuer" % (case, obj), got, "../../" + target)

	# (a) A absent: the first issuer tried is a dead end
	for first, second in (("1-ia.pem", "2-ib.pem"), ("2-ia.pem", "1-ib.pem")):
		case = "(a) I_A as %s, I_B as %s" % (first, second)

		def check_a(m):
			ck.eq(case + ": leaf.pem/verify/signature", v(m, "leaf.pem", "signature"), "valid")
			ck.eq(case + ": leaf.pem/verify/chain", v(m, "leaf.pem", "chain"),
				"leaf.pem\n%s\nroot-b.pem" % second)
			issuer_link(m, "leaf.pem", second, case)
			ck.eq(case + ": I_A has no chain", v(m, first, "chain"), None)
			ck.eq(case + ": I_A's signature", v(m, first, "signature"), "unknown-issuer")
			ck.eq(case + ": I_B's chain", v(m, second, "chain"), "%s\nroot-b.pem" % second)

		mount({first: IA, second: IB, "leaf.pem": L, "root-b.pem": B}, check_a)

	# (b) neither root
	def check_b(m):
		ck.eq("(b) leaf.pem/verify/signature", v(m, "leaf.pem", "signature"), "valid")
		ck.eq("(b) leaf.pem/verify/chain", v(m, "leaf.pem", "chain"), None)
		issuer_link(m, "leaf.pem", "1-ia.pem", "(b)")

	mount({"1-ia.pem": IA, "2-ib.pem": IB, "leaf.pem": L}, check_b)

	# (c) cross-signed CAs, no root: two, then five, each certified by
	# every other (5 * 4 certificates: paths without a repeat abound)
	for n in (2, 5):
		keys = [key() for _ in range(n)]
		files = {}
		for i in range(n):
			for j in range(n):
				if i != j:
					files["x%d-by-%d.pem" % (i, j)] = make(
						"CA %d" % i, keys[i], "CA %d" % j, keys[j])
		files["leaf.pem"] = make("Leaf", kl, "CA 0", keys[0], ca=False)
		case = "(c) %d CAs" % n

		def check_c(m):
			for obj in sorted(files):
				t0 = time.monotonic()
				got = v(m, obj, "chain")
				dt = time.monotonic() - t0
				ck.eq("%s: %s/verify/chain" % (case, obj), got, None)
				ck.ok(dt < PROMPT, "%s: %s/verify/chain answered in %.2f s (< %.0f s)" % (
					case, obj, dt, PROMPT))
				ck.eq("%s: %s/verify/signature" % (case, obj), v(m, obj, "signature"), "valid")

		mount(files, check_c)

	# (d) both roots: some chain, every link checked by the oracle
	def check_d(m):
		got = v(m, "leaf.pem", "chain")
		if not ck.ok(got is not None, "(d) leaf.pem/verify/chain exists"):
			return
		objs = got.split("\n")
		ck.ok(len(objs) == 3, "(d) leaf.pem/verify/chain has 3 elements: %r" % objs)
		certs = [x509.load_der_x509_certificate(cm.read(os.path.join(m, o, "der")))
			for o in objs]
		for k in range(len(certs) - 1):
			ck.ok(signed_by(certs[k], certs[k + 1]), "(d) %s signed by %s" % (objs[k], objs[k + 1]))
		ck.ok(signed_by(certs[-1], certs[-1]) and certs[-1].subject == certs[-1].issuer,
			"(d) %s is a self-signed root" % objs[-1])
		if len(objs) > 1:
			issuer_link(m, "leaf.pem", objs[1], "(d)")

	mount({"1-ia.pem": IA, "2-ib.pem": IB, "leaf.pem": L, "root-a.pem": A,
		"root-b.pem": B}, check_d)

	ck.finish()


if __name__ == "__main__":
	cm.run(main)
