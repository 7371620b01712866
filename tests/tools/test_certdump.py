#!/usr/bin/python3
"""test_certdump.py - certdump's command line (issue 18, docs/certdump.1):
a file with no object, a directory, an unknown --type, options after the
files, "-" for standard input, --version, --json as JSON Lines (read with
Python's json), and certfs's names in both outputs: extension names,
version, the six fingerprints. Expected values come from openssl (the
objects are made here with it) and hashlib over the DER openssl gives.

  test_certdump.py --certdump PATH --version-want X.Y.Z
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

FAILED = []


def check(cond, what):
	if not cond:
		FAILED.append(what)
		print("FAIL: " + what, flush=True)


def run(*cmd, stdin=None):
	p = subprocess.run(list(cmd), input=stdin, capture_output=True)
	return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def openssl(*args):
	subprocess.run(["openssl", *args], check=True, capture_output=True)


def make_objects(d):
	"""A self-signed certificate with a subjectAltName, its key, a CSR,
	a CRL, and the certificate in DER."""
	p = lambda n: os.path.join(d, n)
	openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
		"-nodes", "-keyout", p("key.pem"), "-subj", "/CN=certdump test",
		"-addext", "subjectAltName=DNS:www.example.org", "-days", "30",
		"-out", p("cert.pem"))
	openssl("x509", "-in", p("cert.pem"), "-outform", "DER", "-out", p("cert.der"))
	openssl("req", "-new", "-key", p("key.pem"), "-subj", "/CN=csr",
		"-out", p("req.csr"))
	# a minimal CA layout for `openssl ca -gencrl`
	with open(p("index.txt"), "w"):
		pass
	with open(p("ca.cnf"), "w") as f:
		f.write("[ca]\ndefault_ca=c\n[c]\ndatabase=%s\ncrlnumber=%s\n"
			"default_md=sha256\ndefault_crl_days=7\n" % (p("index.txt"), p("crlnumber")))
	with open(p("crlnumber"), "w") as f:
		f.write("01\n")
	openssl("ca", "-config", p("ca.cnf"), "-gencrl", "-keyfile", p("key.pem"),
		"-cert", p("cert.pem"), "-out", p("ca.crl"))
	return p


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--certdump", required=True)
	ap.add_argument("--version-want", required=True, help="the project's version")
	a = ap.parse_args()
	if shutil.which("openssl") is None:
		print("SKIP: no openssl command to make the test objects")
		sys.exit(77)
	cd = os.path.abspath(a.certdump)
	d = tempfile.mkdtemp(prefix="certdump-test-")
	try:
		p = make_objects(d)
		cli(cd, p, d, a.version_want)
		names(cd, p)
		forms(cd, p)
	finally:
		shutil.rmtree(d)
	print("test_certdump: %d failed" % len(FAILED))
	sys.exit(1 if FAILED else 0)


def cli(cd, p, d, version):
	none = "no certificate, CRL or CSR found in "
	rc, out, err = run(cd, p("key.pem"))
	check(rc != 0 and none + p("key.pem") in err and out == "",
	      "a private key alone: %r, %r, rc %d" % (out, err, rc))
	rc, out, err = run(cd, "--type", "crl", p("cert.pem"))
	check(rc != 0 and none + p("cert.pem") in err and out == "",
	      "--type crl of a certificate PEM: %r, %r, rc %d" % (out, err, rc))
	rc, out, err = run(cd, "-", stdin=b"")
	check(rc != 0 and none + "standard input" in err,
	      "empty standard input: %r, rc %d" % (err, rc))
	rc, out, err = run(cd, d)
	check(rc == 2 and "directory" in err.lower() and out == "",
	      "a directory: %r, rc %d" % (err, rc))
	rc, out, err = run(cd, "--type", "foo", p("cert.pem"))
	check(rc == 2 and "unknown type" in err, "--type foo: %r, rc %d" % (err, rc))

	# options after the file names, and "-"
	rc, after, err = run(cd, p("cert.pem"), "--json")
	check(rc == 0 and after.startswith("{"), "--json after the file: %r %r" % (after[:80], err))
	with open(p("cert.pem"), "rb") as f:
		rc, stdin, err = run(cd, "--json", "-", stdin=f.read())
	check(rc == 0 and stdin.startswith("{"), "- reads standard input: %r %r" % (stdin[:80], err))
	if rc == 0 and after.startswith("{"):
		x, y = json.loads(after), json.loads(stdin)
		check(x.pop("file") == p("cert.pem") and y.pop("file") == "-" and x == y,
		      "the same record from the file and from standard input")
	with open(p("cert.der"), "rb") as f:
		rc, out, err = run(cd, "--type", "certificate", "-", stdin=f.read())
	check(rc == 0 and "certificate" in out, "DER on standard input: %r" % err)
	rc, out, err = run(cd, "--", p("cert.pem"))
	check(rc == 0, "-- before the files")

	rc, out, err = run(cd, "--version")
	check(rc == 0 and out.startswith("certdump %s (certfs; wolfSSL " % version) and
	      out.rstrip().endswith(")"), "--version: %r" % out)


def names(cd, p):
	"""certfs's names in --json and in the text output."""
	rc, out, err = run(cd, "--json", p("cert.pem"), p("ca.crl"), p("req.csr"))
	check(rc == 0, "--json of a certificate, a CRL, a CSR: rc %d %s" % (rc, err))
	lines = [l for l in out.split("\n") if l]
	recs = []
	for l in lines:
		try:
			recs.append(json.loads(l))
		except ValueError as e:
			check(False, "--json: a line that is no JSON (%s): %r" % (e, l[:80]))
	check(len(recs) == 3 and out.endswith("}\n"),
	      "--json is JSON Lines: one object a line, %d lines" % len(lines))
	if len(recs) != 3:
		return
	cert, crl, csr = recs
	check([r["type"] for r in recs] == ["certificate", "crl", "csr"], "types")
	check(cert.get("version") == "v3", "certificate version v3: %r" % cert.get("version"))
	check(crl.get("version") == "v2", "CRL version v2: %r" % crl.get("version"))
	hashes = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")
	ders = {}
	for name, rec, cmd in (("cert.pem", cert, "x509"), ("ca.crl", crl, "crl"),
			       ("req.csr", csr, "req")):
		der = subprocess.run(["openssl", cmd, "-in", p(name), "-outform", "DER"],
				     check=True, capture_output=True).stdout
		ders[name] = der
		want = {h: hashlib.new(h, der).hexdigest() for h in hashes}
		check(rec.get("fingerprint") == want,
		      "%s: fingerprint {md5 ... sha512}: %r" % (name, rec.get("fingerprint")))
	ext = {e.get("name"): e for e in cert.get("extensions", [])}
	check("subject_alternative_name" in ext and
	      ext["subject_alternative_name"]["oid"] == "2.5.29.17",
	      "extension names: %r" % list(ext))
	check(any(e.get("name") == "crl_number" for e in crl.get("extensions", [])),
	      "CRL extension names: %r" % [e.get("name") for e in crl.get("extensions", [])])

	rc, text, err = run(cd, p("cert.pem"))
	check(rc == 0, "text output: rc %d" % rc)
	check("subject_alternative_name" in text and "subjectAltName" not in text,
	      "text: extension names as certfs's")
	for h in hashes:
		want = hashlib.new(h, ders["cert.pem"]).hexdigest()
		check(any(l.split() == ["fingerprint/" + h, want] for l in text.splitlines()),
		      "text: fingerprint/%s %s" % (h, want))
	check(any(l.split() == ["version", "v3"] for l in text.splitlines()), "text: version v3")


def ossl_out(*args):
	return subprocess.run(["openssl", *args], check=True,
			      capture_output=True).stdout.decode().strip()


def forms(cd, p):
	"""The forms other tools print, in --json and in the text output,
	against openssl: the serial in hex, the name hashes, the names as
	-nameopt RFC2253, the colon fingerprints, the SPKI pin; and the EKU's
	names."""
	c = p("cert.pem")
	serial = ossl_out("x509", "-in", c, "-noout", "-serial").split("=", 1)[1]
	serial = ":".join(serial[i:i + 2] for i in range(0, len(serial), 2))
	pin = subprocess.run("openssl x509 -in '%s' -noout -pubkey | openssl pkey -pubin -outform DER"
			     " | openssl dgst -sha256 -binary | openssl base64" % c, shell=True,
			     check=True, capture_output=True).stdout.decode().strip()
	want = {
		"serial_number_hex": serial,
		"subject_hash": ossl_out("x509", "-in", c, "-noout", "-subject_hash"),
		"issuer_hash": ossl_out("x509", "-in", c, "-noout", "-issuer_hash"),
		"subject_openssl": ossl_out("x509", "-in", c, "-noout", "-subject", "-nameopt",
					    "RFC2253").split("=", 1)[1],
		"issuer_openssl": ossl_out("x509", "-in", c, "-noout", "-issuer", "-nameopt",
					   "RFC2253").split("=", 1)[1],
		"public_key/pin-sha256": pin,
	}
	for h in ("md5", "sha1", "sha256", "sha384", "sha512"):
		want["fingerprint/%s_colon" % h] = ossl_out("x509", "-in", c, "-noout",
							    "-fingerprint", "-" + h).split("=", 1)[1]
	rc, out, err = run(cd, "--json", c)
	rec = json.loads(out.split("\n")[0]) if rc == 0 else {}
	for k, v in want.items():
		check(rec.get(k) == v, "--json %s: %r, openssl says %r" % (k, rec.get(k), v))
	rc, text, err = run(cd, c)
	lines = text.splitlines()
	for k, v in want.items():
		check(any(l.split(None, 1) == [k, v] for l in lines),
		      "text: %s %s" % (k, v))
	# a CRL's issuer_hash is `openssl crl -hash`
	rc, out, err = run(cd, "--json", p("ca.crl"))
	rec = json.loads(out.split("\n")[0]) if rc == 0 else {}
	want_crl = ossl_out("crl", "-in", p("ca.crl"), "-noout", "-hash")
	check(rec.get("issuer_hash") == want_crl,
	      "CRL issuer_hash %r, openssl crl -hash %r" % (rec.get("issuer_hash"), want_crl))
	# EKU names: pyca's ExtendedKeyUsageOID names, in one certificate
	openssl("req", "-x509", "-key", p("key.pem"), "-subj", "/CN=eku", "-days", "1",
		"-addext", "extendedKeyUsage=serverAuth,clientAuth", "-out", p("eku.pem"))
	rc, out, err = run(cd, "--json", p("eku.pem"))
	rec = json.loads(out.split("\n")[0]) if rc == 0 else {}
	try:
		from cryptography.x509.oid import ExtendedKeyUsageOID as K
	except ImportError:
		print("pyca/cryptography absent: EKU names not checked")
		return
	names = "\n".join(n.lower() for n in ("SERVER_AUTH", "CLIENT_AUTH") if hasattr(K, n))
	check(rec.get("extensions/extended_key_usage/usage_names") == names,
	      "EKU usage_names %r, pyca's names %r" % (rec.get("extensions/extended_key_usage/usage_names"), names))


main()
