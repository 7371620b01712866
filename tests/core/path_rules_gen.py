#!/usr/bin/python3
"""Builds the certificates of the whole-path rule suites (test_path_nc.c,
test_path_policy.c, test_path_name.c) with pyca/cryptography, at test
time, and writes them with the table of cases into OUTDIR:

    OUTDIR/<cert>.der      one certificate each
    OUTDIR/cases.txt       kind|name|profile|options|error|failed|certs|peer
    OUTDIR/peers.txt       input|kind|value-hex (xc_peer_name_parse's oracle)

The rules look at names, extensions and the shape of the path only (the
path builder checks signatures before they run), so every certificate is
signed by one throwaway key. Each case's expected verdict is the RFC 5280
(or x509-limbo) rule named beside it; the peers.txt answers come from
Python's ipaddress module.

Usage: path_rules_gen.py OUTDIR
"""
import datetime
import ipaddress
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtensionOID, NameOID

KEY = ec.generate_private_key(ec.SECP256R1())
CERTS = {}
CASES = []

# ---- DER for the values pyca will not build: the differential oracle's
# writer (tests/diff/oracle.py), with OID TLVs and SEQUENCEs on top.

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "diff"))
from oracle import der_tlv as tlv, oid_der  # noqa: E402


def oid(dotted):
    return tlv(0x06, oid_der(dotted))


def seq(*parts):
    return tlv(0x30, b"".join(parts))


def gn_raw(kind, value):
    """A GeneralName, any bytes: ('dns'|'email'|'uri', str) or ('ip', bytes)."""
    tag = {"email": 0x81, "dns": 0x82, "uri": 0x86, "ip": 0x87}[kind]
    return tlv(tag, value.encode() if isinstance(value, str) else value)


def nc_raw(permitted=None, excluded=None):
    body = b""
    if permitted is not None:
        body += tlv(0xA0, b"".join(seq(gn_raw(*g)) for g in permitted))
    if excluded is not None:
        body += tlv(0xA1, b"".join(seq(gn_raw(*g)) for g in excluded))
    return seq(body)


def mappings_raw(pairs):
    return seq(*(seq(oid(a), oid(b)) for a, b in pairs))


# ---- certificates ------------------------------------------------------


def name(*rdns):
    """name(('CN', 'x'), ('O', 'y')): RDNs in DER order."""
    oids = {"CN": NameOID.COMMON_NAME, "O": NameOID.ORGANIZATION_NAME,
            "C": NameOID.COUNTRY_NAME, "OU": NameOID.ORGANIZATIONAL_UNIT_NAME,
            "E": NameOID.EMAIL_ADDRESS}
    out = []
    for r in rdns:
        if len(r) == 3:
            out.append(x509.NameAttribute(oids[r[0]], r[1], r[2]))
        else:
            out.append(x509.NameAttribute(oids[r[0]], r[1]))
    return x509.Name([x509.RelativeDistinguishedName([a]) for a in out])


def gn(spec):
    kind, v = spec.split(":", 1)
    if kind == "dns":
        return x509.DNSName(v)
    if kind == "email":
        return x509.RFC822Name(v)
    if kind == "uri":
        return x509.UniformResourceIdentifier(v)
    if kind == "ip":
        return x509.IPAddress(ipaddress.ip_network(v) if "/" in v else ipaddress.ip_address(v))
    if kind == "dn":
        return x509.DirectoryName(name(*[tuple(p.split("=", 1)) for p in v.split(",")]))
    if kind == "other":
        return x509.OtherName(x509.ObjectIdentifier(v), b"\x05\x00")
    raise ValueError(spec)


def cert(label, subject, issuer=None, ca=True, san=None, san_raw=None, san_crit=False,
         nc=None, nc_raw_value=None, nc_crit=True, policies=None, mappings=None,
         pc=None, pc_crit=True, iap=None):
    """One certificate, written as OUTDIR/label.der. subject/issuer: x509.Name."""
    issuer = issuer or subject
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
         .public_key(KEY.public_key()).serial_number(len(CERTS) + 1)
         .not_valid_before(datetime.datetime(2020, 1, 1))
         .not_valid_after(datetime.datetime(2040, 1, 1)))
    if ca:
        b = b.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    if san is not None:
        b = b.add_extension(x509.SubjectAlternativeName([gn(s) for s in san]), critical=san_crit)
    if san_raw is not None:
        b = b.add_extension(x509.UnrecognizedExtension(
            ExtensionOID.SUBJECT_ALTERNATIVE_NAME, seq(*(gn_raw(*g) for g in san_raw))),
            critical=san_crit)
    if nc is not None:
        perm, excl = nc
        b = b.add_extension(x509.NameConstraints(
            permitted_subtrees=[gn(s) for s in perm] if perm is not None else None,
            excluded_subtrees=[gn(s) for s in excl] if excl is not None else None),
            critical=nc_crit)
    if nc_raw_value is not None:
        b = b.add_extension(x509.UnrecognizedExtension(
            ExtensionOID.NAME_CONSTRAINTS, nc_raw_value), critical=nc_crit)
    if policies is not None:
        b = b.add_extension(x509.CertificatePolicies(
            [x509.PolicyInformation(x509.ObjectIdentifier(p), None) for p in policies]),
            critical=False)
    if mappings is not None:
        b = b.add_extension(x509.UnrecognizedExtension(
            ExtensionOID.POLICY_MAPPINGS, mappings_raw(mappings)), critical=True)
    if pc is not None:
        b = b.add_extension(x509.PolicyConstraints(
            require_explicit_policy=pc[0], inhibit_policy_mapping=pc[1]), critical=pc_crit)
    if iap is not None:
        b = b.add_extension(x509.InhibitAnyPolicy(iap), critical=True)
    CERTS[label] = b.sign(KEY, hashes.SHA256()).public_bytes(serialization.Encoding.DER)
    return label


def case(kind, label, certs, error, failed=0, profile="rfc5280", options="", peer=""):
    CASES.append((kind, label, profile, options, error, str(failed), ",".join(certs), peer))


def cn(v):
    return name(("CN", v))


# ---- name constraints (test_path_nc.c) --------------------------------

ROOT = cn("NC Root")


def nc_pair(label, nc=None, nc_raw_value=None, ee_san=None, ee_subject=None, **kw):
    """root (with the constraints) -> ee: the two certificates."""
    root_kw = {k[5:]: v for k, v in kw.items() if k.startswith("root_")}
    ee_kw = {k[3:]: v for k, v in kw.items() if k.startswith("ee_")}
    r = cert(label + "-root", ROOT, nc=nc, nc_raw_value=nc_raw_value, **root_kw)
    e = cert(label + "-ee", ee_subject or cn("leaf"), ROOT, ca=False, san=ee_san, **ee_kw)
    return [r, e]


def nc_case(label, error, failed=None, profile="rfc5280", **kw):
    certs = nc_pair(label, **kw)
    if failed is None:
        failed = 1 if error != "OK" else 0
    case("nc", label, certs, error, failed, profile)


# dNSName: RFC 5280 4.2.1.10, "adding zero or more labels to the left".
nc_case("dns-permitted-exact", "OK", nc=(["dns:example.com"], None), ee_san=["dns:example.com"])
nc_case("dns-permitted-sub", "OK", nc=(["dns:example.com"], None), ee_san=["dns:a.b.Example.COM"])
nc_case("dns-label-boundary", "NC_NOT_PERMITTED", nc=(["dns:example.com"], None),
        ee_san=["dns:notexample.com"])
nc_case("dns-excluded", "NC_EXCLUDED", nc=(None, ["dns:bad.example.com"]),
        ee_san=["dns:ok.example.com", "dns:x.bad.example.com"])
nc_case("dns-excluded-beats-permitted", "NC_EXCLUDED",
        nc=(["dns:example.com"], ["dns:example.com"]), ee_san=["dns:example.com"])
nc_case("dns-empty-permits-all", "OK", nc_raw_value=nc_raw(permitted=[("dns", "")]),
        ee_san=["dns:anything.test"])
nc_case("dns-empty-excludes-all", "NC_EXCLUDED", nc_raw_value=nc_raw(excluded=[("dns", "")]),
        ee_san=["dns:anything.test"])
nc_case("dns-constraint-leading-dot", "NC_MALFORMED", failed=0,
        nc_raw_value=nc_raw(permitted=[("dns", ".example.com")]), ee_san=["dns:a.example.com"])
nc_case("dns-constraint-wildcard", "NC_MALFORMED", failed=0,
        nc_raw_value=nc_raw(permitted=[("dns", "*.example.com")]), ee_san=["dns:a.example.com"])
nc_case("dns-san-leading-dot", "NC_MALFORMED", nc=(["dns:example.com"], None),
        ee_san=["dns:.example.com"])
nc_case("dns-other-form-unconstrained", "OK", nc=(["ip:192.0.2.0/24"], ["ip:10.0.0.0/8"]),
        ee_san=["dns:example.com"])
# Wildcard SANs (x509-limbo nc-permits-dns-san-pattern, CVE-2025-61727).
nc_case("dns-wildcard-permitted", "OK", nc=(["dns:example.com"], None),
        ee_san=["dns:*.example.com"])
nc_case("dns-wildcard-narrower-permit", "NC_NOT_PERMITTED", nc=(["dns:foo.example.com"], None),
        ee_san=["dns:*.example.com"])
nc_case("dns-wildcard-may-be-excluded", "NC_EXCLUDED",
        nc=(["dns:example.com"], ["dns:bar.example.com"]), ee_san=["dns:*.example.com"])
nc_case("dns-wildcard-deeper-exclusion", "OK", nc=(None, ["dns:a.bar.example.com"]),
        ee_san=["dns:*.example.com"])
# rfc822Name: a mailbox, a host, or ".domain" (4.2.1.10).
nc_case("email-mailbox", "OK", nc=(["email:foo@example.com"], None),
        ee_san=["email:foo@EXAMPLE.com"])
nc_case("email-mailbox-local-case", "NC_NOT_PERMITTED", nc=(["email:foo@example.com"], None),
        ee_san=["email:Foo@example.com"])
nc_case("email-literal-star", "NC_NOT_PERMITTED", nc=(["email:*@example.com"], None),
        ee_san=["email:user@example.com"])
nc_case("email-host", "OK", nc=(["email:example.com"], None), ee_san=["email:a@example.com"])
nc_case("email-host-not-sub", "NC_NOT_PERMITTED", nc=(["email:example.com"], None),
        ee_san=["email:a@sub.example.com"])
nc_case("email-domain-sub", "OK", nc=(["email:.example.com"], None),
        ee_san=["email:a@sub.example.com"])
nc_case("email-domain-not-host", "NC_NOT_PERMITTED", nc=(["email:.example.com"], None),
        ee_san=["email:a@example.com"])
nc_case("email-san-two-at", "NC_MALFORMED", nc=(["email:example.com"], None),
        ee_san_raw=[("email", "a@b@example.com")])
nc_case("email-constraint-two-at", "NC_MALFORMED", failed=0,
        nc_raw_value=nc_raw(permitted=[("email", "a@b@example.com")]),
        ee_san=["email:a@example.com"])
nc_case("email-subject-attr", "NC_NOT_PERMITTED", nc=(["email:example.com"], None),
        ee_subject=name(("CN", "leaf"), ("E", "x@other.com")), ee_san=["dns:a.test"])
nc_case("email-subject-attr-ok", "OK", nc=(["email:example.com"], None),
        ee_subject=name(("CN", "leaf"), ("E", "x@example.com")))
# iPAddress: address and mask; v4 and v6 never match each other.
nc_case("ip4-in", "OK", nc=(["ip:192.0.2.0/24"], None), ee_san=["ip:192.0.2.77"])
nc_case("ip4-out", "NC_NOT_PERMITTED", nc=(["ip:192.0.2.0/24"], None), ee_san=["ip:192.0.3.1"])
nc_case("ip6-in", "OK", nc=(["ip:2001:db8::/32"], None), ee_san=["ip:2001:db8:1::1"])
nc_case("ip4-vs-ip6", "NC_NOT_PERMITTED", nc=(["ip:::/0"], None), ee_san=["ip:192.0.2.1"])
nc_case("ip4-excluded", "NC_EXCLUDED", nc=(None, ["ip:10.0.0.0/8"]), ee_san=["ip:10.1.2.3"])
nc_case("ip-san-with-mask", "NC_MALFORMED", nc=(["ip:192.0.2.0/24"], None),
        ee_san=["ip:192.0.2.0/24"])
# directoryName: the subject's first RDNs (4.2.1.10), compared as 7.1.
nc_case("dn-prefix", "OK", nc=(["dn:C=US,O=Org"], None),
        ee_subject=name(("C", "US"), ("O", "org"), ("CN", "leaf")))
nc_case("dn-printable-vs-utf8", "OK", nc=(["dn:C=US,O=Org"], None),
        ee_subject=name(("C", "US"), ("O", "ORG", x509.name._ASN1Type.PrintableString),
                        ("CN", "leaf")))
nc_case("dn-not-prefix", "NC_NOT_PERMITTED", nc=(["dn:C=US,O=Org"], None),
        ee_subject=name(("C", "US"), ("O", "Other"), ("CN", "leaf")))
nc_case("dn-excluded-subject", "NC_EXCLUDED", nc=(None, ["dn:CN=foo"]), ee_subject=cn("foo"),
        ee_san=["dn:CN=bar"])
nc_case("dn-permitted-san-not-subject", "NC_NOT_PERMITTED", nc=(["dn:CN=foo"], None),
        ee_subject=cn("not-foo"), ee_san=["dn:CN=foo"])
# URI: the host part, ".domain" for the names below it.
nc_case("uri-domain", "OK", nc=(["uri:.example.com"], None),
        ee_san=["uri:https://user@www.example.com:8443/x?y"])
nc_case("uri-domain-not-host", "NC_NOT_PERMITTED", nc=(["uri:.example.com"], None),
        ee_san=["uri:https://example.com/"])
nc_case("uri-host", "OK", nc=(["uri:example.com"], None), ee_san=["uri:http://EXAMPLE.com"])
nc_case("uri-no-host", "NC_MALFORMED", nc=(["uri:example.com"], None),
        ee_san=["uri:urn:example:a"])
# Forms not compared: x509-limbo nc-forbids-othername(-noop).
nc_case("othername-critical", "NC_UNSUPPORTED",
        nc=(["dns:example.com"], ["other:1.3.6.1.4.1.55738.666.3"]),
        ee_san=["dns:example.com", "other:1.3.6.1.4.1.55738.666.3"])
nc_case("othername-noop", "OK", nc=(["dns:example.com"], ["other:1.3.6.1.4.1.55738.666.3"]),
        ee_san=["dns:example.com"])
nc_case("othername-noncritical-webpki", "OK", profile="webpki", root_nc_crit=False,
        nc=(None, ["other:1.3.6.1.4.1.55738.666.3"]),
        ee_san=["dns:example.com", "other:1.3.6.1.4.1.55738.666.3"])
# Criticality: x509-limbo permitted-dns-match-noncritical, both profiles.
nc_case("noncritical-rfc5280", "NC_MALFORMED", failed=0, root_nc_crit=False,
        nc=(["dns:example.com"], None), ee_san=["dns:example.com"])
nc_case("noncritical-webpki", "OK", profile="webpki", root_nc_crit=False,
        nc=(["dns:example.com"], None), ee_san=["dns:example.com"])
# Under the web PKI a host-like CN is a dNSName too.
nc_case("cn-webpki", "NC_NOT_PERMITTED", profile="webpki", nc=(["dns:example.com"], None),
        ee_subject=cn("www.other.com"), ee_san=["dns:www.example.com"])
nc_case("cn-rfc5280", "OK", nc=(["dns:example.com"], None),
        ee_subject=cn("www.other.com"), ee_san=["dns:www.example.com"])
nc_case("cn-ip-webpki", "NC_NOT_PERMITTED", profile="webpki", nc=(["ip:192.0.2.0/24"], None),
        ee_subject=cn("10.0.0.1"), ee_san=["ip:192.0.2.1"])

# Longer paths: self-issued intermediates, the anchor's constraints, an
# end entity with nameConstraints.
r = cert("nc-si-root", cn("si"), nc=(["dns:example.com"], None))
i = cert("nc-si-ica", cn("si"), cn("si"), san=["dns:other.com"])
e = cert("nc-si-ee", cn("leaf"), cn("si"), ca=False, san=["dns:www.example.com"])
case("nc", "self-issued-intermediate-exempt", [r, i, e], "OK")
e2 = cert("nc-si-ee2", cn("si"), cn("si"), ca=False, san=["dns:other.com"])
case("nc", "self-issued-leaf-checked", [r, i, e2], "NC_NOT_PERMITTED", 2)
i2 = cert("nc-anchor-ica", cn("ica"), cn("si"), san=["dns:other.com"])
e3 = cert("nc-anchor-ee", cn("leaf"), cn("ica"), ca=False, san=["dns:www.example.com"])
case("nc", "anchor-binds-intermediate", [r, i2, e3], "NC_NOT_PERMITTED", 1)
r2 = cert("nc-narrow-root", cn("nr"), nc=(["dns:bar.example.com"], None))
i3 = cert("nc-narrow-ica", cn("ni"), cn("nr"),
          nc=(["dns:foo.example.com", "dns:bar.example.com"], None))
e4 = cert("nc-narrow-ee", cn("leaf"), cn("ni"), ca=False, san=["dns:foo.example.com"])
case("nc", "intermediate-cannot-widen", [r2, i3, e4], "NC_NOT_PERMITTED", 2)
e5 = cert("nc-in-ee", cn("leaf"), ROOT, ca=False, san=["dns:example.com"],
          nc=(["dns:example.com"], None))
case("nc", "ee-with-name-constraints", ["dns-permitted-exact-root", e5], "NC_MALFORMED", 1)
# The work bound (x509-limbo nc-dos's shape): 1,100 permitted and 1,100
# excluded subtrees against 1,000 names, each name read against every
# excluded one.
big_root = cert("nc-big-root", cn("big"),
                nc=([f"dns:t{k}.test" for k in range(1100)],
                    [f"dns:x{k}.test" for k in range(1100)]))
big_ee = cert("nc-big-ee", cn("leaf"), cn("big"), ca=False,
              san=[f"dns:t{k}.test" for k in range(1000)])
case("nc", "work-limit", [big_root, big_ee], "WORK_LIMIT", 1)
small_ee = cert("nc-small-ee", cn("leaf"), cn("big"), ca=False,
                san=[f"dns:t{k}.test" for k in range(0, 1100, 100)])
case("nc", "many-constraints-few-names", [big_root, small_ee], "OK")

# ---- certificate policies (test_path_policy.c) ------------------------
# Small paths with the shapes of PKITS 4.8 to 4.12 (the PKITS document
# names the rule each mirrors).

P1, P2, P3 = "2.16.840.1.101.3.2.1.48.1", "2.16.840.1.101.3.2.1.48.2", "2.16.840.1.101.3.2.1.48.3"
ANY = "2.5.29.32.0"
PROOT = cn("Policy Root")


def chain(label, specs):
    """specs: one dict of cert() arguments per certificate below the
    anchor, the last the end entity. Returns the labels, anchor first."""
    out = [cert(label + "-0", PROOT)]
    prev = PROOT
    for k, kw in enumerate(specs):
        last = k == len(specs) - 1
        subj = kw.pop("subject", cn("leaf") if last else cn(f"{label} CA{k + 1}"))
        out.append(cert(f"{label}-{k + 1}", subj, prev, ca=not last, **kw))
        prev = subj
    return out


def pol_case(label, specs, error, failed=0, options="", variants=()):
    certs = chain(label, specs)
    case("policy", label, certs, error, failed, options=options)
    for suffix, err, fail, opts in variants:
        case("policy", label + suffix, certs, err, fail, options=opts)


def oidhex(*dotted):
    """The user-initial-policy-set option: OID contents in hex, '+'-joined."""
    return "set=" + "+".join(oid(d)[2:].hex() for d in dotted)


# options: "explicit", "map-inhibit", "any-inhibit", "set=HEX+HEX"
pol_case("all-p1", [dict(policies=[P1]), dict(policies=[P1]), dict(policies=[P1])], "OK",
         variants=[(":explicit", "OK", 0, "explicit"),
                   (":set-p1", "OK", 0, "explicit," + oidhex(P1)),
                   (":set-p2", "POLICY", 3, "explicit," + oidhex(P2)),
                   (":set-p2-implicit", "OK", 0, oidhex(P2))])
pol_case("ee-no-policies", [dict(policies=[P1]), dict(policies=[P1]), dict()], "OK",
         variants=[(":explicit", "POLICY", 3, "explicit")])
pol_case("ca-no-policies", [dict(policies=[P1]), dict(), dict(policies=[P1])], "OK",
         variants=[(":explicit", "POLICY", 2, "explicit")])
pol_case("disjoint", [dict(policies=[P1]), dict(policies=[P2])], "OK",
         variants=[(":explicit", "POLICY", 2, "explicit")])
pol_case("overlap", [dict(policies=[P1, P2]), dict(policies=[P2, P3])], "OK",
         variants=[(":set-p2", "OK", 0, "explicit," + oidhex(P2)),
                   (":set-p1", "POLICY", 2, "explicit," + oidhex(P1))])
pol_case("any-ca", [dict(policies=[ANY]), dict(policies=[P1])], "OK",
         variants=[(":set-p1", "OK", 0, "explicit," + oidhex(P1)),
                   (":any-inhibit", "POLICY", 1, "explicit,any-inhibit")])
pol_case("any-leaf", [dict(policies=[P1]), dict(policies=[ANY])], "OK",
         variants=[(":set-p1", "OK", 0, "explicit," + oidhex(P1)),
                   (":set-p2", "POLICY", 2, "explicit," + oidhex(P2))])
# 4.9 requireExplicitPolicy.
pol_case("require-0", [dict(pc=(0, None)), dict()], "POLICY", 2)
pol_case("require-2-short", [dict(pc=(2, None)), dict()], "OK")
pol_case("require-1", [dict(pc=(1, None), policies=[P1]), dict(policies=[P1]), dict(), dict()],
         "POLICY", 3)
# A self-issued certificate does not count (6.1.4 (h)): the same path
# fails one certificate later.
pol_case("require-1-self-issued",
         [dict(pc=(1, None), policies=[P1], subject=cn("si")),
          dict(policies=[P1], subject=cn("si")), dict(), dict()], "POLICY", 4)
pol_case("require-in-leaf-0", [dict(policies=[P1]), dict(pc=(0, None))], "POLICY", 2)
# Non-critical policyConstraints is read like a critical one (PKITS's
# PoliciesP1234CA): require 0 in it fails a path without policies.
pol_case("pc-noncritical", [dict(pc=(0, None), pc_crit=False), dict()], "POLICY", 2)
# 4.10 policy mappings.
pol_case("map", [dict(policies=[P1], mappings=[(P1, P2)]), dict(policies=[P2])], "OK",
         variants=[(":set-p1", "OK", 0, "explicit," + oidhex(P1)),
                   (":set-p2", "POLICY", 2, "explicit," + oidhex(P2)),
                   (":map-inhibit", "POLICY", 2, "explicit,map-inhibit")])
pol_case("map-unmapped-policy-gone", [dict(policies=[P1], mappings=[(P1, P2)]),
                                      dict(policies=[P1])], "OK",
         variants=[(":explicit", "POLICY", 2, "explicit")])
pol_case("map-under-any", [dict(policies=[ANY], mappings=[(P1, P2)]), dict(policies=[P2])],
         "OK", variants=[(":set-p1", "OK", 0, "explicit," + oidhex(P1)),
                         (":set-p3", "POLICY", 2, "explicit," + oidhex(P3))])
pol_case("map-any", [dict(policies=[P1], mappings=[(ANY, P2)]), dict(policies=[P2])],
         "POLICY_MALFORMED", 1)
pol_case("inhibit-mapping-0", [dict(policies=[P1], pc=(None, 0)),
                               dict(policies=[P1], mappings=[(P1, P2)]), dict(policies=[P2])],
         "OK", variants=[(":explicit", "POLICY", 3, "explicit")])
pol_case("inhibit-mapping-1", [dict(policies=[P1], pc=(None, 1)),
                               dict(policies=[P1], mappings=[(P1, P2)]), dict(policies=[P2])],
         "OK", variants=[(":explicit", "OK", 0, "explicit")])
# 4.12 inhibitAnyPolicy.
pol_case("inhibit-any-0", [dict(policies=[ANY], iap=0), dict(policies=[ANY]),
                           dict(policies=[P1])], "OK",
         variants=[(":explicit", "POLICY", 2, "explicit")])
pol_case("inhibit-any-1", [dict(policies=[ANY], iap=1), dict(policies=[ANY]),
                           dict(policies=[P1])], "OK",
         variants=[(":explicit", "OK", 0, "explicit")])
pol_case("inhibit-any-1-leaf-any", [dict(policies=[ANY], iap=1), dict(policies=[ANY]),
                                    dict(policies=[ANY])], "OK",
         variants=[(":explicit", "POLICY", 3, "explicit")])
pol_case("inhibit-any-self-issued", [dict(policies=[ANY], iap=0, subject=cn("si")),
                                     dict(policies=[ANY], subject=cn("si")),
                                     dict(policies=[P1])], "OK",
         variants=[(":explicit", "OK", 0, "explicit")])
# Bounds: a mapping mesh (CVE-2023-0464's shape) stays small as a graph;
# a level wider than the bound is refused.
MESH = [f"1.3.6.1.4.1.55738.{k}" for k in range(16)]
pol_case("mapping-mesh", [dict(policies=MESH, mappings=[(a, b) for a in MESH for b in MESH])
                          for _ in range(6)] + [dict(policies=MESH[:1])], "OK",
         variants=[(":explicit", "OK", 0, "explicit")])
WIDE = [f"1.3.6.1.4.1.55738.9.{k}" for k in range(300)]
pol_case("too-wide", [dict(policies=WIDE), dict(policies=WIDE[:1])], "WORK_LIMIT", 1)

# ---- the peer name (test_path_name.c) ----------------------------------

NROOT = cn("Name Root")
nroot = cert("name-root", NROOT)


def name_case(label, error, peer, profile="rfc5280", **kw):
    subject = kw.pop("subject", cn("leaf"))
    e = cert("name-" + label, subject, NROOT, ca=False, **kw)
    case("name", label, [nroot, e], error, 1 if error != "OK" else 0, profile, peer=peer)


name_case("dns-exact", "OK", "www.example.com", san=["dns:www.example.com"])
name_case("dns-case", "OK", "WWW.Example.COM", san=["dns:www.example.com"])
name_case("dns-trailing-dot", "OK", "www.example.com.", san=["dns:www.example.com"])
name_case("dns-mismatch", "NAME_MISMATCH", "example2.com", san=["dns:example.com"])
name_case("dns-apex-vs-sub", "NAME_MISMATCH", "abc.example.com", san=["dns:example.com"])
name_case("wildcard", "OK", "foo.example.com", san=["dns:*.example.com"])
name_case("wildcard-two-labels", "NAME_MISMATCH", "a.b.example.com", san=["dns:*.example.com"])
name_case("wildcard-apex", "NAME_MISMATCH", "example.com", san=["dns:*.example.com"])
name_case("wildcard-partial", "NAME_MISMATCH", "baz.example.com", san=["dns:ba*.example.com"])
name_case("wildcard-not-leftmost", "NAME_MISMATCH", "a.b.example.com",
          san=["dns:a.*.example.com"])
name_case("wildcard-tld", "NAME_MISMATCH", "example.com", san=["dns:*.com"])
name_case("wildcard-alone", "NAME_MISMATCH", "com", san=["dns:*"])
name_case("idna-a-label", "OK", "xn--bcher-kva.example", san=["dns:XN--BCHER-KVA.example"])
name_case("underscore-peer", "NAME_MALFORMED", "foo_bar.example.com",
          san=["dns:foo_bar.example.com"])
name_case("ip4", "OK", "192.0.2.1", san=["dns:example.com", "ip:192.0.2.1"])
name_case("ip6", "OK", "2001:db8::1", san=["ip:2001:db8:0:0:0:0:0:1"])
name_case("ip-in-dns-san", "NAME_MISMATCH", "8.8.8.8", san=["dns:8.8.8.8"])
name_case("ip4-vs-mapped-ip6", "NAME_MISMATCH", "192.0.2.1", san=["ip:::ffff:192.0.2.1"])
name_case("email", "OK", "user@EXAMPLE.com", san=["email:user@example.com"])
name_case("email-local-case", "NAME_MISMATCH", "User@example.com", san=["email:user@example.com"])
# The subject: RFC 5280 mode only, and only without a SAN of the kind.
name_case("cn-fallback", "OK", "www.example.com", subject=cn("www.example.com"))
name_case("cn-fallback-webpki", "NAME_MISMATCH", "www.example.com", profile="webpki",
          subject=cn("www.example.com"))
name_case("webpki-no-san", "NAME_MISMATCH", "www.example.com", profile="webpki",
          subject=name(("O", "org")))
name_case("cn-not-with-dns-san", "NAME_MISMATCH", "www.example.com",
          subject=cn("www.example.com"), san=["dns:other.example.com"])
name_case("cn-fallback-ip", "OK", "192.0.2.1", subject=cn("192.0.2.1"), san=["dns:a.test"])
name_case("email-subject-fallback", "OK", "x@example.com",
          subject=name(("CN", "leaf"), ("E", "x@example.com")))
# The end entity's own name rules.
name_case("empty-subject-noncritical-san", "NAME_MALFORMED", "", subject=x509.Name([]),
          san=["dns:example.com"])
name_case("empty-subject-critical-san", "OK", "example.com", subject=x509.Name([]),
          san=["dns:example.com"], san_crit=True)
name_case("webpki-critical-san", "WEBPKI", "example.com", profile="webpki",
          subject=cn("example.com"), san=["dns:example.com"], san_crit=True)
name_case("webpki-cn-not-in-san", "WEBPKI", "valid.example.com", profile="webpki",
          subject=cn("other.example.com"), san=["dns:valid.example.com"])
name_case("webpki-cn-case", "WEBPKI", "example.com", profile="webpki",
          subject=cn("Example.COM"), san=["dns:example.com"])
name_case("webpki-cn-copy", "OK", "example.com", profile="webpki",
          subject=cn("example.com"), san=["dns:example.com"])
name_case("webpki-cn-wildcard-domain", "OK", "foo.example.com", profile="webpki",
          subject=cn("example.com"), san=["dns:*.example.com"])
name_case("webpki-cn-host-beside-ip-san", "OK", "127.0.0.1", profile="webpki",
          subject=cn("example.com"), san=["ip:127.0.0.1"])
name_case("webpki-cn-label", "OK", "example.com", profile="webpki",
          subject=cn("some-ca-name"), san=["dns:example.com"])
name_case("webpki-cn-hex-ip", "WEBPKI", "192.168.1.1", profile="webpki",
          subject=cn("0xC0A80101"), san=["ip:192.168.1.1"])
name_case("webpki-cn-ip-rfc5952", "OK", "2001:db8::1", profile="webpki",
          subject=cn("2001:db8::1"), san=["ip:2001:db8::1"])
name_case("webpki-cn-ip-uncompressed", "WEBPKI", "2001:db8::1", profile="webpki",
          subject=cn("2001:0db8:0:0:0:0:0:1"), san=["ip:2001:db8::1"])
name_case("san-malformed", "NAME_MALFORMED", "example.com",
          san_raw=[("dns", "example.com"), ("ip", b"\x01\x02\x03")])

# ---- xc_peer_name_parse's oracle: Python's ipaddress -------------------

PEERS = ["example.com", "example.com.", ".", "a..b", "192.0.2.1", "0.0.0.0",
         "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1.2.3.",
         "::", "::1", "2001:db8::1", "2001:DB8:0:0:0:0:0:1", "::ffff:192.0.2.1",
         "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9",
         "1::2::3", "1:2:3:4:5:6:7::8", ":1::", "1::2:", "12345::", "fe80::1%eth0",
         "::ffff:1.2.3.04", "1.2.3.4::", "user@example.com", "@example.com", "user@",
         "xn--bcher-kva.example", "localhost", "exa mple.com", "tab\tname"]


def peer_oracle(s):
    # A zone index ("%eth0", RFC 6874) scopes no certificate's name: refused
    # although ipaddress reads it.
    # No name holds a space or a control character.
    if not s or "%" in s or any(ord(c) <= 0x20 or ord(c) == 0x7F for c in s):
        return "error", ""
    if "@" in s:
        local, _, dom = s.rpartition("@")
        return ("email", s.encode().hex()) if local and dom else ("error", "")
    if ":" in s or all(c in "0123456789." for c in s):
        try:
            return "ip", ipaddress.ip_address(s).packed.hex()
        except ValueError:
            return "error", ""
    host = s[:-1] if s.endswith(".") else s
    return ("dns", host.encode().hex()) if host else ("error", "")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for label, der in CERTS.items():
        with open(os.path.join(out, label + ".der"), "wb") as f:
            f.write(der)
    with open(os.path.join(out, "cases.txt"), "w") as f:
        for c in CASES:
            f.write("|".join(c) + "\n")
    with open(os.path.join(out, "peers.txt"), "w") as f:
        for p in PEERS:
            kind, value = peer_oracle(p)
            f.write(f"{p}|{kind}|{value}\n")


main()
