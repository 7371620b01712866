#!/usr/bin/python3
"""test_seed.py - mount tests/data/seed, walk it with find and cat, and
check the values the pyca reference prints for its examples
(tests/data/seed/README.md)."""
import base64
import hashlib
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm


def pem_der(path):
	m = re.search(rb"-----BEGIN [^-]+-----\r?\n(.*?)-----END", cm.read(path), re.S)
	return base64.b64decode(b"".join(m.group(1).split()))


def main():
	a = cm.args()
	cm.require_fuse()
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	ck = cm.Checker("seed", a.verbose)
	with cm.mounted(a.certfs, seed) as m:
		# find and cat, as a user would.
		r = subprocess.run(["find", m], capture_output=True, text=True)
		ck.eq("find %s exit status (stderr %r)" % (m, r.stderr.strip()), r.returncode, 0)
		r = subprocess.run("find %s -type f -exec cat {} + >/dev/null" % m, shell=True,
			capture_output=True, text=True)
		ck.eq("find -type f -exec cat exit status (stderr %r)" % r.stderr.strip(),
			r.returncode, 0)
		fm = cm.Formats()
		nd, nf, nl = cm.walk(ck, m, formats=fm)
		fm.report(ck, "seed")
		print("walked %d dirs, %d files, %d links" % (nd, nf, nl))

		top = cm.ls(m)
		want = ["crl-version-2.pem", "cryptography-io.pem", "csr-rsa-sha1.pem",
			"good-ca.pem", "signed-by-issuer-rsa4096.pem"]
		ck.eq("root listing (no README.md, no public-key file)",
			[n for n in top if not n.startswith(".")], want)
		ck.ok(".by-sha256" in os.listdir(m) or os.path.isdir(os.path.join(m, ".by-sha256")),
			"/.by-sha256 exists")

		def v(rel):
			return cm.value(os.path.join(m, rel))

		def eq(rel, want):
			ck.eq(rel, v(rel), want)

		def absent(rel):
			ck.ok(not os.path.lexists(os.path.join(m, rel)), "%s must not exist" % rel)

		# good-ca.pem
		g = "good-ca.pem/"
		eq(g + "type", "certificate")
		eq(g + "serial_number", "2")
		eq(g + "version", "v3")
		eq(g + "not_valid_before", "2010-01-01T08:30:00Z")
		eq(g + "not_valid_after", "2030-12-31T08:30:00Z")
		eq(g + "subject", "CN=Good CA,O=Test Certificates 2011,C=US")
		eq(g + "issuer", "CN=Trust Anchor,O=Test Certificates 2011,C=US")
		eq(g + "subject.d/common_name", "Good CA")
		eq(g + "subject.d/organization_name", "Test Certificates 2011")
		eq(g + "subject.d/country_name", "US")
		eq(g + "fingerprint/sha256",
			"86d218374763fce77d5b2b45398db48f10e553da1875be7d6103085baca0343f")
		eq(g + "signature_algorithm", "sha256WithRSAEncryption")
		eq(g + "signature_algorithm_oid", "1.2.840.113549.1.1.11")
		eq(g + "signature_hash_algorithm", "sha256")
		eq(g + "public_key/algorithm", "rsa")
		eq(g + "public_key/key_size", "2048")
		eq(g + "public_key/public_exponent", "65537")
		der = pem_der(os.path.join(seed, "good-ca.pem"))
		ck.ok(cm.get(os.path.join(m, g + "der")) == der, g + "der equals the PEM's DER")
		for h in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512"):
			eq(g + "fingerprint/" + h, hashlib.new(h, der).hexdigest())
		eq(g + "extensions/authority_key_identifier/key_identifier",
			"e47d5fd15c9586082c05aebe75b665a7d95da866")
		eq(g + "extensions/authority_key_identifier/oid", "2.5.29.35")
		eq(g + "extensions/authority_key_identifier/critical", "false")
		eq(g + "extensions/subject_key_identifier/digest",
			"580184241bbc2b52944a3da510721451f5af3ac9")
		eq(g + "extensions/key_usage/critical", "true")
		for bit in ("digital_signature", "content_commitment", "key_encipherment",
				"data_encipherment", "key_agreement"):
			eq(g + "extensions/key_usage/" + bit, "false")
		eq(g + "extensions/key_usage/key_cert_sign", "true")
		eq(g + "extensions/key_usage/crl_sign", "true")
		absent(g + "extensions/key_usage/encipher_only")
		eq(g + "extensions/certificate_policies/0/policy_identifier",
			"2.16.840.1.101.3.2.1.48.1")
		absent(g + "extensions/certificate_policies/0/policy_qualifiers")
		absent(g + "extensions/certificate_policies/1")
		eq(g + "extensions/basic_constraints/ca", "true")
		eq(g + "extensions/basic_constraints/critical", "true")
		absent(g + "extensions/basic_constraints/path_length")
		ck.eq(g + "extensions/ listing", cm.ls(os.path.join(m, g, "extensions")),
			sorted(["authority_key_identifier", "subject_key_identifier", "key_usage",
				"certificate_policies", "basic_constraints"]))
		# the seed has no trust anchor: no issuer in the mount
		eq(g + "verify/signature", "unknown-issuer")
		absent(g + "verify/issuer")
		absent(g + "verify/chain")
		p = (cm.get(os.path.join(m, g + "pem")) or b"").decode()
		ck.ok(p.startswith("-----BEGIN CERTIFICATE-----\n") and
			p.endswith("-----END CERTIFICATE-----\n"), g + "pem is a CERTIFICATE block")
		ck.ok(all(len(l) <= 64 for l in p.splitlines()), g + "pem: 64-column base64")
		ck.ok(p.startswith("-----BEGIN") and pem_der(os.path.join(m, g + "pem")) == der, g + "pem decodes to der")
		txt = (cm.get(os.path.join(m, g + "text")) or b"").decode()
		ck.ok("Good CA" in txt and txt.endswith("\n"), g + "text mentions the subject")

		# .by-sha256
		sha = "86d218374763fce77d5b2b45398db48f10e553da1875be7d6103085baca0343f"
		bp = os.path.join(m, ".by-sha256", sha)
		try:
			ck.eq("readlink /.by-sha256/" + sha, os.readlink(bp), "../good-ca.pem")
		except OSError as e:
			ck.ok(False, "readlink %s: %s" % (bp, e))
		ck.eq("/.by-sha256/<sha>/serial_number", cm.value(os.path.join(bp, "serial_number")), "2")

		# crl-version-2.pem
		c = "crl-version-2.pem/"
		eq(c + "type", "crl")
		eq(c + "version", "unknown(2)")
		eq(c + "issuer", "CN=cryptography.io,C=US")
		eq(c + "issuer.d/common_name", "cryptography.io")
		eq(c + "issuer.d/country_name", "US")
		eq(c + "last_update", "2015-01-01T00:00:00Z")
		eq(c + "next_update", "2016-01-01T00:00:00Z")
		eq(c + "revoked_count", "1")
		eq(c + "signature_algorithm", "sha256WithRSAEncryption")
		eq(c + "fingerprint/sha256",
			"65cf2ec43a833f31dcf3fc95d7b387b38ef8b9332187079d1bb421b9e457f41f")
		ck.eq(c + "revoked/ listing", cm.ls(os.path.join(m, c, "revoked")), ["0"])
		eq(c + "revoked/0/serial_number", "0")
		eq(c + "revoked/0/revocation_date", "2015-01-01T00:00:00Z")
		eq(c + "revoked/0/extensions/invalidity_date/invalidity_date", "2015-01-01T00:00:00Z")
		eq(c + "revoked/0/extensions/crl_reason/reason", "key_compromise")
		ck.ok(os.path.exists(os.path.join(m, c, "tbs_certlist_bytes")), c + "tbs_certlist_bytes exists")
		absent(c + "serial_number")

		# csr-rsa-sha1.pem
		r_ = "csr-rsa-sha1.pem/"
		eq(r_ + "type", "csr")
		eq(r_ + "subject", "CN=hello.com,O=r509 LLC,L=Chicago,ST=Illinois,C=US")
		eq(r_ + "signature_algorithm", "sha1WithRSAEncryption")
		eq(r_ + "signature_algorithm_oid", "1.2.840.113549.1.1.5")
		eq(r_ + "signature_hash_algorithm", "sha1")
		eq(r_ + "public_key/algorithm", "rsa")
		eq(r_ + "verify/signature", "valid")
		dns = v(r_ + "extensions/subject_alternative_name/dns_name")
		ck.eq(r_ + "extensions/subject_alternative_name/dns_name (as a set)",
			sorted((dns or "").split("\n")), ["whatever.com", "world.com"])
		ck.ok(os.path.exists(os.path.join(m, r_, "tbs_certrequest_bytes")),
			r_ + "tbs_certrequest_bytes exists")

		# cryptography-io.pem
		eq("cryptography-io.pem/extensions/subject_alternative_name/dns_name",
			"www.cryptography.io\ncryptography.io")

		# signed-by-issuer-rsa4096.pem: self-signed (its key is the one in
		# issuer-rsa4096.pub.pem, which is no object and not shown).
		s_ = "signed-by-issuer-rsa4096.pem/"
		eq(s_ + "type", "certificate")
		eq(s_ + "signature_hash_algorithm", "sha512")
		eq(s_ + "public_key/key_size", "4096")
		eq(s_ + "verify/signature", "valid")
		eq(s_ + "verify/chain", "signed-by-issuer-rsa4096.pem")
		try:
			ck.eq(s_ + "verify/issuer (self)", os.readlink(os.path.join(m, s_, "verify/issuer")),
				"../../signed-by-issuer-rsa4096.pem")
		except OSError as e:
			ck.ok(False, "readlink %sverify/issuer: %s" % (s_, e))
		eq(s_ + "verify/validity", "expired")

		# read-only view: no write bit anywhere
		cm.no_write_bits(ck, m)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
