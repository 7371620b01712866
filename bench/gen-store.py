#!/usr/bin/python3
"""gen-store.py - a generated certificate store for the mount benchmark.

  gen-store.py COUNT DIR

Makes DIR, a flat directory of COUNT certificates, one PEM file each:
ca.pem (a self-signed Ed25519 CA) and leaf-NNNNNN.pem for the other
COUNT - 1, issued by the CA, each with its own serial number and subject
(CN=bench-NNNNNN). One Ed25519 key signs and is certified everywhere: a
key per certificate would cost minutes and tell the mount nothing more.
The leaves carry an authority key identifier matching the CA's subject key
identifier, so verify/ finds their issuer in the store.

Generated once and reused (scripts/bench keeps it under
~/.cache/certfs/): if DIR exists, it is trusted as it is. It is built in
DIR.tmp and renamed, so an interrupted run never leaves a short store.
The dates are fixed, so two runs make stores of the same shape; the key is
random, so not the same bytes.

Run with Debian's /usr/bin/python3 (pyca/cryptography 38).
"""
import datetime
import os
import shutil
import sys

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import NameOID

NOT_BEFORE = datetime.datetime(2026, 1, 1)
NOT_AFTER = datetime.datetime(2036, 1, 1)


def name(cn):
	return x509.Name([
		x509.NameAttribute(NameOID.ORGANIZATION_NAME, "certfs bench"),
		x509.NameAttribute(NameOID.COMMON_NAME, cn),
	])


def pem(cert):
	return cert.public_bytes(serialization.Encoding.PEM)


def main():
	if len(sys.argv) != 3:
		sys.exit(__doc__.strip())
	count, top = int(sys.argv[1]), sys.argv[2]
	if count < 1:
		sys.exit("gen-store.py: COUNT must be at least 1")
	if os.path.isdir(top):
		return
	tmp = top + ".tmp"
	shutil.rmtree(tmp, ignore_errors=True)
	os.makedirs(tmp)

	key = ed25519.Ed25519PrivateKey.generate()
	pub = key.public_key()
	ski = x509.SubjectKeyIdentifier.from_public_key(pub)
	aki = x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)
	ca_name = name("certfs bench CA")

	ca = (x509.CertificateBuilder()
		.subject_name(ca_name).issuer_name(ca_name)
		.public_key(pub).serial_number(1)
		.not_valid_before(NOT_BEFORE).not_valid_after(NOT_AFTER)
		.add_extension(x509.BasicConstraints(ca=True, path_length=None),
			critical=True)
		.add_extension(ski, critical=False)
		.sign(key, None))
	with open(os.path.join(tmp, "ca.pem"), "wb") as f:
		f.write(pem(ca))

	for i in range(1, count):
		cert = (x509.CertificateBuilder()
			.subject_name(name("bench-%06d" % i)).issuer_name(ca_name)
			.public_key(pub).serial_number(1000000 + i)
			.not_valid_before(NOT_BEFORE).not_valid_after(NOT_AFTER)
			.add_extension(aki, critical=False)
			.sign(key, None))
		with open(os.path.join(tmp, "leaf-%06d.pem" % i), "wb") as f:
			f.write(pem(cert))
	os.rename(tmp, top)


if __name__ == "__main__":
	main()
