#!/usr/bin/python3
"""test_tutorial.py - pyca/cryptography's X.509 tutorial, replayed with
certissue (issue 14, Tests; docs/certissue.md, "Examples").

The tutorial's two workflows:

 1. an RSA-2048 key written encrypted with a passphrase; a CSR for
    C=US, ST=CA, L=San Francisco, O=My Company, CN=mysite.com with the SANs
    mysite.com, www.mysite.com, subdomain.mysite.com, signed with SHA-256;
 2. a self-signed certificate valid for 10 days with the SAN localhost
    (the tutorial's subject, ST=California).

Each output is checked with pyca 38 and with the openssl CLI. RSA PKCS#1
v1.5 signatures are deterministic, so pyca's own builders, given the same
key (and the serial and dates certissue chose), must make the very same
bytes: the CSR, and the certificate made with --no-ski (the tutorial adds
no SKI). The default certificate (with its SKI) is checked field by field.

  test_tutorial.py --certissue BIN --srcdir DIR
"""
import argparse
import datetime
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import warnings

warnings.simplefilter("ignore")
SKIP = 77
try:
	from cryptography import x509
	from cryptography.hazmat.primitives import hashes, serialization
	from cryptography.hazmat.primitives.asymmetric import padding, rsa
	from cryptography.x509.oid import NameOID
except ImportError as e:
	print("SKIP: pyca/cryptography not importable: %s" % e)
	sys.exit(SKIP)

PASS = b"passphrase"   # the tutorial's
CSR_DN = "CN=mysite.com,O=My Company,L=San Francisco,ST=CA,C=US"
CERT_DN = "CN=mysite.com,O=My Company,L=San Francisco,ST=California,C=US"
CSR_SANS = ["mysite.com", "www.mysite.com", "subdomain.mysite.com"]


def tutorial_name(st):
	"""The Name exactly as the tutorial builds it."""
	return x509.Name([
		x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
		x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, st),
		x509.NameAttribute(NameOID.LOCALITY_NAME, "San Francisco"),
		x509.NameAttribute(NameOID.ORGANIZATION_NAME, "My Company"),
		x509.NameAttribute(NameOID.COMMON_NAME, "mysite.com"),
	])


class Run:
	def __init__(self, certissue, work):
		self.bin = os.path.abspath(certissue)
		self.work = work

	def __call__(self, *args, env=None, check=True):
		e = dict(os.environ)
		e.pop("CERTISSUE_PASSPHRASE", None)
		e.update(env or {})
		r = subprocess.run([self.bin] + list(args), cwd=self.work, capture_output=True,
			text=True, env=e, stdin=subprocess.DEVNULL)
		if check and r.returncode != 0:
			print("FAIL: certissue %s: exit %d: %s" % (" ".join(args), r.returncode,
				r.stderr.strip()))
			sys.exit(1)
		return r

	def path(self, name):
		return os.path.join(self.work, name)

	def read(self, name):
		with open(self.path(name), "rb") as f:
			return f.read()

	def openssl(self, *args):
		return subprocess.run(["openssl"] + list(args), cwd=self.work, capture_output=True,
			text=True)


def check_key(ck, run):
	"""Step 1: the encrypted RSA-2048 key."""
	run("key", "--type", "rsa2048", "--passphrase-file", "pass.txt", "--out", "key.pem")
	mode = stat.S_IMODE(os.stat(run.path("key.pem")).st_mode)
	ck.eq("key.pem mode", oct(mode), oct(0o600))
	pem = run.read("key.pem")
	ck.ok(pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
		"key.pem is an ENCRYPTED PRIVATE KEY: %r" % pem[:40])
	key = serialization.load_pem_private_key(pem, password=PASS)
	ck.ok(isinstance(key, rsa.RSAPrivateKey) and key.key_size == 2048,
		"pyca opens key.pem with the passphrase: an RSA-2048 key (%r)" % key)
	for pw, exc in ((b"wrong", ValueError), (None, TypeError)):
		try:
			serialization.load_pem_private_key(pem, password=pw)
			ck.ok(False, "pyca opens key.pem with password %r" % pw)
		except exc:
			ck.ok(True, "pyca refuses key.pem with password %r" % pw)
	r = run.openssl("pkey", "-in", "key.pem", "-passin", "file:pass.txt", "-noout", "-text")
	ck.ok(r.returncode == 0 and "2048 bit" in r.stdout,
		"openssl pkey -passin opens key.pem: %s" % r.stderr.strip())
	r = run.openssl("pkey", "-in", "key.pem", "-passin", "pass:wrong", "-noout")
	ck.ok(r.returncode != 0, "openssl pkey refuses a wrong passphrase")
	# The PBES2 parameters (issue 14): PBKDF2-HMAC-SHA256, AES-256-CBC, a
	# sound iteration count.
	r = run.openssl("asn1parse", "-in", "key.pem")
	objs = re.findall(r"OBJECT\s+:(\S+)", r.stdout)
	ck.eq("key.pem's PBES2 algorithms", objs[:4], ["PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc"])
	ints = re.findall(r"INTEGER\s+:([0-9A-F]+)", r.stdout)
	iters = int(ints[0], 16) if ints else 0
	ck.ok(iters >= 100000, "PBKDF2 iterations %d >= 100000" % iters)
	return key


def check_csr(ck, run, key):
	"""Step 2: the CSR, its passphrase from the environment this time."""
	args = ["csr", "--key", "key.pem", "--subject", CSR_DN, "--hash", "sha256", "--out", "csr.pem"]
	for s in CSR_SANS:
		args[-2:-2] = ["--san", "dns:" + s]
	r = run(*args, env={"CERTISSUE_PASSPHRASE": "wrong"}, check=False)
	ck.ok(r.returncode == 1 and "passphrase" in r.stderr and not os.path.exists(run.path("csr.pem")),
		"a wrong passphrase is refused as such, nothing written: exit %d, %r"
		% (r.returncode, r.stderr.strip()))
	run(*args, env={"CERTISSUE_PASSPHRASE": PASS.decode()})
	pem = run.read("csr.pem")
	csr = x509.load_pem_x509_csr(pem)
	ck.ok(csr.is_signature_valid, "pyca: the CSR's signature is valid")
	ck.eq("CSR subject (DER)", csr.subject.public_bytes(), tutorial_name("CA").public_bytes())
	ck.eq("CSR subject", csr.subject.rfc4514_string(), CSR_DN)
	ck.eq("CSR hash", csr.signature_hash_algorithm.name, "sha256")
	ck.eq("CSR public key", csr.public_key().public_numbers(), key.public_key().public_numbers())
	san = csr.extensions.get_extension_for_class(x509.SubjectAlternativeName)
	ck.eq("CSR SAN", san.value.get_values_for_type(x509.DNSName), CSR_SANS)
	ck.eq("CSR SAN critical", san.critical, False)
	ck.eq("CSR extensions", [e.oid for e in csr.extensions], [san.oid])
	# The tutorial's own code with the same key: the same bytes.
	want = x509.CertificateSigningRequestBuilder().subject_name(tutorial_name("CA")).add_extension(
		x509.SubjectAlternativeName([x509.DNSName(s) for s in CSR_SANS]), critical=False,
	).sign(key, hashes.SHA256())
	ck.eq("CSR DER = pyca tutorial's CSR from the same key",
		csr.public_bytes(serialization.Encoding.DER).hex(),
		want.public_bytes(serialization.Encoding.DER).hex())
	r = run.openssl("req", "-in", "csr.pem", "-verify", "-noout", "-subject", "-nameopt", "rfc2253")
	ck.ok(r.returncode == 0 and "verify OK" in r.stdout + r.stderr,
		"openssl req -verify: %s" % (r.stdout + r.stderr).strip())
	ck.eq("openssl req -subject", r.stdout.strip().splitlines()[-1:], ["subject=" + CSR_DN])
	r = run.openssl("req", "-in", "csr.pem", "-noout", "-text")
	ck.ok(", ".join("DNS:" + s for s in CSR_SANS) in r.stdout,
		"openssl req -text lists the three SANs")


def self_signed(ck, run, key, name, extra):
	run("cert", "--self-signed", "--key", "key.pem", "--passphrase-file", "pass.txt",
		"--subject", CERT_DN, "--san", "dns:localhost", "--days", "10", "--hash", "sha256",
		*extra, "--out", name)
	t0 = datetime.datetime.utcnow()
	cert = x509.load_pem_x509_certificate(run.read(name))
	ck.eq(name + " subject (DER)", cert.subject.public_bytes(), tutorial_name("California").public_bytes())
	ck.eq(name + " issuer = subject", cert.issuer, cert.subject)
	ck.eq(name + " validity", cert.not_valid_after - cert.not_valid_before, datetime.timedelta(days=10))
	ck.ok(abs(cert.not_valid_before - t0) < datetime.timedelta(minutes=5),
		"%s not before is now: %s" % (name, cert.not_valid_before))
	ck.ok(0 < cert.serial_number < 2**159 and cert.serial_number.bit_length() > 64,
		"%s serial is random and positive: %x" % (name, cert.serial_number))
	san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
	ck.eq(name + " SAN", san.value.get_values_for_type(x509.DNSName), ["localhost"])
	ck.eq(name + " SAN critical", san.critical, False)
	cert.public_key().verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(),
		cert.signature_hash_algorithm)
	ck.eq(name + " hash", cert.signature_hash_algorithm.name, "sha256")
	r = run.openssl("verify", "-CAfile", name, name)
	ck.ok(r.returncode == 0, "openssl verify -CAfile %s %s: %s" % (name, name, (r.stdout + r.stderr).strip()))
	r = run.openssl("x509", "-in", name, "-noout", "-subject", "-issuer", "-nameopt", "rfc2253",
		"-ext", "subjectAltName")
	ck.ok(r.returncode == 0 and "subject=" + CERT_DN in r.stdout and "issuer=" + CERT_DN in r.stdout
		and "DNS:localhost" in r.stdout, "openssl x509 shows subject, issuer, SAN: %s" % r.stdout)
	return cert


def check_cert(ck, run, key):
	"""Step 3: the self-signed certificate, as certissue writes it by
	default (with an SKI) and in the tutorial's exact form (--no-ski)."""
	cert = self_signed(ck, run, key, "certificate.pem", [])
	ski = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
	ck.eq("certificate.pem SKI", ski.value, x509.SubjectKeyIdentifier.from_public_key(key.public_key()))
	ck.eq("certificate.pem extensions", [e.oid._name for e in cert.extensions],
		["subjectAltName", "subjectKeyIdentifier"])
	cert = self_signed(ck, run, key, "tutorial.pem", ["--no-ski"])
	want = x509.CertificateBuilder().subject_name(tutorial_name("California")).issuer_name(
		tutorial_name("California")).public_key(key.public_key()).serial_number(
		cert.serial_number).not_valid_before(cert.not_valid_before).not_valid_after(
		cert.not_valid_after).add_extension(
		x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False,
	).sign(key, hashes.SHA256())
	ck.eq("tutorial.pem DER = pyca tutorial's certificate from the same key, serial and dates",
		cert.public_bytes(serialization.Encoding.DER).hex(),
		want.public_bytes(serialization.Encoding.DER).hex())


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--certissue", required=True)
	ap.add_argument("--srcdir", required=True)
	ap.add_argument("-v", "--verbose", action="store_true")
	a = ap.parse_args()
	sys.path.insert(0, os.path.join(a.srcdir, "tests", "vfs", "integration"))
	import cfsmount
	ck = cfsmount.Checker("issuer-tutorial", a.verbose)
	work = tempfile.mkdtemp(prefix="certissue-tutorial-")
	try:
		with open(os.path.join(work, "pass.txt"), "wb") as f:
			f.write(PASS + b"\n")
		run = Run(a.certissue, work)
		key = check_key(ck, run)
		check_csr(ck, run, key)
		check_cert(ck, run, key)
	finally:
		shutil.rmtree(work, ignore_errors=True)
	ck.finish()


if __name__ == "__main__":
	main()
