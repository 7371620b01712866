#!/usr/bin/python3
"""test_verify.py - verify/ on a PKITS subset (vectors x509/PKITS_data)
copied into a store laid out as certs/ and crls/: good chain, bad EE
signature, bad CA signature, revoked EE and CA via a CRL, a CRL with a bad
signature, validity dates; plus a certificate without issuer and a CSR
(docs/ABI.md 4)."""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfsmount as cm

CERTS = ["TrustAnchorRootCertificate", "GoodCACert", "ValidCertificatePathTest1EE",
	"InvalidEESignatureTest3EE", "BadSignedCACert", "InvalidCASignatureTest2EE",
	"RevokedsubCACert", "InvalidRevokedCATest2EE", "InvalidRevokedEETest3EE",
	"InvalidEEnotAfterDateTest6EE", "InvalidEEnotBeforeDateTest2EE",
	"BadCRLSignatureCACert", "InvalidBadCRLSignatureTest4EE"]
CRLS = ["TrustAnchorRootCRL", "GoodCACRL", "BadSignedCACRL", "RevokedsubCACRL",
	"BadCRLSignatureCACRL"]


def C(n):
	return "certs/%s.crt" % n


def L(n):
	return "crls/%s.crl" % n


def main():
	a = cm.args()
	cm.require_fuse()
	pk = cm.require_pkits(a)
	ck = cm.Checker("verify", a.verbose)
	seed = os.path.join(a.srcdir, "tests", "data", "seed")
	src = tempfile.mkdtemp(prefix="certfs-it-src-")
	try:
		os.mkdir(os.path.join(src, "certs"))
		os.mkdir(os.path.join(src, "crls"))
		os.mkdir(os.path.join(src, "other"))
		for n in CERTS:
			shutil.copy(os.path.join(pk, C(n)), os.path.join(src, C(n)))
		for n in CRLS:
			shutil.copy(os.path.join(pk, L(n)), os.path.join(src, L(n)))
		shutil.copy(os.path.join(seed, "cryptography-io.pem"), os.path.join(src, "other/cio.pem"))
		shutil.copy(os.path.join(seed, "csr-rsa-sha1.pem"), os.path.join(src, "other/req.pem"))

		with cm.mounted(a.certfs, src) as m:
			def v(obj, f):
				return cm.value(os.path.join(m, obj, "verify", f))

			def eq(obj, f, want):
				ck.eq("%s/verify/%s" % (obj, f), v(obj, f), want)

			def absent(obj, f):
				ck.ok(not os.path.lexists(os.path.join(m, obj, "verify", f)),
					"%s/verify/%s must not exist (it reads %r)" % (obj, f, v(obj, f)))

			def link(obj, target):
				p = os.path.join(m, obj, "verify", "issuer")
				want = "../" * (obj.count("/") + 2) + target
				try:
					got = os.readlink(p)
				except OSError as e:
					ck.ok(False, "readlink %s/verify/issuer: %s" % (obj, e))
					return
				ck.eq("%s/verify/issuer" % obj, got, want)
				ck.ok(os.path.isdir(p) and os.path.samefile(p, os.path.join(m, target)),
					"%s/verify/issuer resolves to %s" % (obj, target))
				ck.eq("%s/verify/issuer/ subject through the link" % obj,
					cm.value(os.path.join(p, "subject")), cm.value(os.path.join(m, target, "subject")))

			TA, GOOD = C("TrustAnchorRootCertificate"), C("GoodCACert")
			# the trust anchor: self-signed
			eq(TA, "signature", "valid")
			link(TA, TA)
			eq(TA, "chain", TA)
			eq(TA, "validity", "valid")
			# good chain
			eq(GOOD, "signature", "valid")
			link(GOOD, TA)
			eq(GOOD, "chain", "\n".join([GOOD, TA]))
			eq(GOOD, "revocation", "not-revoked")
			ee = C("ValidCertificatePathTest1EE")
			eq(ee, "signature", "valid")
			link(ee, GOOD)
			eq(ee, "chain", "\n".join([ee, GOOD, TA]))
			eq(ee, "validity", "valid")
			eq(ee, "revocation", "not-revoked")
			absent(ee, "revocation_date")
			absent(ee, "revocation_reason")
			# bad EE signature
			bad = C("InvalidEESignatureTest3EE")
			eq(bad, "signature", "invalid")
			absent(bad, "issuer")
			absent(bad, "chain")
			# bad CA signature: the CA invalid, its EE valid but no chain
			bca = C("BadSignedCACert")
			eq(bca, "signature", "invalid")
			absent(bca, "issuer")
			absent(bca, "chain")
			bee = C("InvalidCASignatureTest2EE")
			eq(bee, "signature", "valid")
			link(bee, bca)
			absent(bee, "chain")
			# revoked EE
			rev = C("InvalidRevokedEETest3EE")
			eq(rev, "signature", "valid")
			eq(rev, "revocation", "revoked")
			eq(rev, "revocation_date", "2010-01-01T08:30:01Z")
			eq(rev, "revocation_reason", "key_compromise")
			# revoked CA; its EE is listed by no CRL (verify/ checks one
			# link, not the path)
			rca = C("RevokedsubCACert")
			eq(rca, "revocation", "revoked")
			eq(rca, "revocation_date", "2010-01-01T08:30:00Z")
			eq(rca, "revocation_reason", "key_compromise")
			rcee = C("InvalidRevokedCATest2EE")
			eq(rcee, "signature", "valid")
			eq(rcee, "chain", "\n".join([rcee, rca, GOOD, TA]))
			eq(rcee, "revocation", "not-revoked")
			# the only CRL of this issuer has a bad signature
			bcrl = C("InvalidBadCRLSignatureTest4EE")
			eq(bcrl, "signature", "valid")
			eq(bcrl, "revocation", "unknown")
			eq(L("BadCRLSignatureCACRL"), "signature", "invalid")
			absent(L("BadCRLSignatureCACRL"), "issuer")
			# validity
			eq(C("InvalidEEnotAfterDateTest6EE"), "validity", "expired")
			eq(C("InvalidEEnotBeforeDateTest2EE"), "validity", "not-yet-valid")
			# CRLs
			for crl, iss in ((L("GoodCACRL"), GOOD), (L("TrustAnchorRootCRL"), TA),
					(L("BadSignedCACRL"), bca), (L("RevokedsubCACRL"), rca)):
				eq(crl, "signature", "valid")
				link(crl, iss)
				absent(crl, "chain")
				absent(crl, "revocation")
			# no issuer in the store
			eq("other/cio.pem", "signature", "unknown-issuer")
			absent("other/cio.pem", "issuer")
			absent("other/cio.pem", "chain")
			eq("other/cio.pem", "revocation", "unknown")
			eq("other/cio.pem", "validity", "expired")
			# CSR: its own key
			eq("other/req.pem", "signature", "valid")
			absent("other/req.pem", "issuer")
			absent("other/req.pem", "chain")
			# the whole verify/ of every object reads cleanly
			fm = cm.Formats()
			nd, nf, nl = cm.walk(ck, m, formats=fm)
			fm.report(ck, "verify")
			print("walked %d dirs, %d files, %d links" % (nd, nf, nl))
	finally:
		shutil.rmtree(src)
	ck.finish()


if __name__ == "__main__":
	cm.run(main)
