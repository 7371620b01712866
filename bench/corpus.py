#!/usr/bin/python3
"""corpus.py - the benchmark corpus: every certificate pyca loads.

  corpus.py VECTORS_X509_DIR OUT_DER OUT_LIST

Walks the pyca X.509 vectors as the differential test does (a file with a
"-----BEGIN " line is PEM, each CERTIFICATE block a certificate; any other
file is tried as one DER certificate) and keeps each certificate
pyca/cryptography loads. OUT_DER gets their DER concatenated (each a
self-delimiting TLV, so the bench splits them without an index); OUT_LIST
gets one line per certificate: its length and where it came from
(file#index). The bytes are the file's own, never re-encoded by pyca.

Run with Debian's /usr/bin/python3 (pyca/cryptography 38).
"""
import base64
import os
import re
import sys
import warnings

from cryptography import x509

PEM_RE = re.compile(rb"-----BEGIN ([^-\r\n]+)-----\r?\n(.*?)-----END \1-----",
		re.S)
LABELS = {b"CERTIFICATE", b"X509 CERTIFICATE"}


def certs_of(path):
	"""(name, DER) of each certificate in a file that pyca loads."""
	with open(path, "rb") as f:
		data = f.read()
	if b"-----BEGIN " in data:
		i = 0
		for m in PEM_RE.finditer(data):
			if m.group(1) not in LABELS:
				continue
			try:
				der = base64.b64decode(re.sub(rb"\s", b"", m.group(2)))
				x509.load_pem_x509_certificate(m.group(0))
			except Exception:
				continue
			finally:
				i += 1
			yield "%d" % (i - 1), der
		return
	try:
		x509.load_der_x509_certificate(data)
	except Exception:
		return
	yield "0", data


def main():
	if len(sys.argv) != 4:
		sys.exit(__doc__.strip())
	top, out_der, out_list = sys.argv[1:]
	warnings.simplefilter("ignore")
	n = 0
	with open(out_der, "wb") as d, open(out_list, "w") as lst:
		for root, dirs, files in os.walk(top):
			dirs.sort()
			for name in sorted(files):
				path = os.path.join(root, name)
				rel = os.path.relpath(path, top)
				for idx, der in certs_of(path):
					d.write(der)
					lst.write("%d %s#%s\n" % (len(der), rel, idx))
					n += 1
	print(n)


if __name__ == "__main__":
	main()
