#!/usr/bin/python3
"""Checks the name (and constant) columns of XC_OID_LIST against pyca.

    oid_names.py path/to/xc/oid.h

Run with Debian's /usr/bin/python3, whose cryptography 38 is the oracle:
  - every OID pyca names in _OID_NAMES has exactly pyca's name;
  - every curve OID pyca knows has pyca's curve name;
  - every hash OID has pyca's hash .name;
  - every OID that is a constant of one of pyca's *OID classes has the
    lowercased constant name in the constant column.
Exits 1 listing every mismatch.
"""
import re
import sys

from cryptography.hazmat import _oid
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

ROW = re.compile(r'^\s*X\((\w+),\s*"([0-9.]+)",\s*"([^"]*)",\s*"([^"]*)",')

# pyca has no hash OID table of its own: the OIDs are NIST's and RSA's.
HASH_OIDS = {
    "1.2.840.113549.2.5": hashes.MD5,
    "1.3.14.3.2.26": hashes.SHA1,
    "2.16.840.1.101.3.4.2.4": hashes.SHA224,
    "2.16.840.1.101.3.4.2.1": hashes.SHA256,
    "2.16.840.1.101.3.4.2.2": hashes.SHA384,
    "2.16.840.1.101.3.4.2.3": hashes.SHA512,
    "2.16.840.1.101.3.4.2.7": hashes.SHA3_224,
    "2.16.840.1.101.3.4.2.8": hashes.SHA3_256,
    "2.16.840.1.101.3.4.2.9": hashes.SHA3_384,
    "2.16.840.1.101.3.4.2.10": hashes.SHA3_512,
}


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [m.groups() for m in map(ROW.match, f) if m]


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    table = rows(argv[1])
    if not table:
        sys.exit("oid_names: no XC_OID_LIST rows in " + argv[1])

    want_name = {o.dotted_string: n for o, n in _oid._OID_NAMES.items()}
    for o, cls in ec._OID_TO_CURVE.items():
        want_name.setdefault(o.dotted_string, cls.name)
    for dotted, cls in HASH_OIDS.items():
        want_name.setdefault(dotted, cls.name)

    want_const = {}
    for cname in dir(_oid):
        cls = getattr(_oid, cname)
        if not (isinstance(cls, type) and cname.endswith("OID")):
            continue
        for attr, o in vars(cls).items():
            if isinstance(o, _oid.ObjectIdentifier):
                want_const.setdefault(o.dotted_string, set()).add(attr.lower())

    bad = []
    checked = 0
    for ident, dotted, name, const in table:
        if dotted in want_name:
            checked += 1
            if name != want_name[dotted]:
                bad.append("%s %s: name %r, pyca %r"
                           % (ident, dotted, name, want_name[dotted]))
        if dotted in want_const and const not in want_const[dotted]:
            bad.append("%s %s: constant %r, pyca %s"
                       % (ident, dotted, const, sorted(want_const[dotted])))

    # Everything pyca names must be in the table at all.
    ours = {r[1] for r in table}
    for dotted in sorted(set(want_name) - ours):
        bad.append("%s (%s) named by pyca, missing from XC_OID_LIST"
                   % (dotted, want_name[dotted]))

    for b in bad:
        print(b)
    print("oid_names: %d rows, %d named by pyca, %d mismatches"
          % (len(table), checked, len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
