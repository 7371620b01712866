#!/usr/bin/python3
"""tests/verify/gen_pki.py - random PKIs for the OpenSSL differential.

One case is a root (the trust anchor), 0..3 intermediates, a leaf and
maybe CRLs, drawn from random.Random(seed): depth, pathLenConstraint,
CA:FALSE or missing basicConstraints on intermediates, keyUsage, EKU on
the leaf and on CAs, name constraints, certificate policies with
requireExplicitPolicy, inhibitAnyPolicy and mappings, expired and
not-yet-valid certificates, and CRLs of every scope (complete, revoking,
stale, without crlNumber, onlyContainsUserCerts, onlyContainsCACerts,
onlySomeReasons, a delta alone, indirect with certificateIssuer entries,
distribution-point names that match or not). Every choice that can
change a verdict is recorded as a trait, which diff_openssl.py uses to
classify a disagreement.

Keys are EC P-256, drawn from a small pool made once per process (key
generation is the slow part; which key a certificate gets is not what is
tested). The validation time is fixed (AT), so a seed gives the same
verdicts on every run.

    gen_pki.py SEED OUTDIR      write one case (its files and case.json)

pyca/cryptography 38 (Debian's): run with /usr/bin/python3.
"""
import datetime
import json
import os
import random
import sys

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier
except ImportError:
    print("SKIP: pyca/cryptography is absent (python3-cryptography)")
    sys.exit(77)

AT = datetime.datetime(2025, 6, 1, 0, 0, 0)
DAY = datetime.timedelta(days=1)
P1 = ObjectIdentifier("2.16.840.1.101.3.2.1.48.1")
P2 = ObjectIdentifier("2.16.840.1.101.3.2.1.48.2")
ANY_POLICY = ObjectIdentifier("2.5.29.32.0")
POLICY_MAPPINGS = ObjectIdentifier("2.5.29.33")
DOMAINS = ["example.com", "example.org", "test.net"]

_POOL = []


def key(rng):
    """A key of the pool (8 P-256 keys, made on first use)."""
    while len(_POOL) < 8:
        _POOL.append(ec.generate_private_key(ec.SECP256R1()))
    return _POOL[rng.randrange(len(_POOL))]


def der_oid(oid):
    arcs = [int(a) for a in oid.dotted_string.split(".")]
    body = bytes([arcs[0] * 40 + arcs[1]])
    for a in arcs[2:]:
        enc = [a & 0x7F]
        a >>= 7
        while a:
            enc.append(0x80 | (a & 0x7F))
            a >>= 7
        body += bytes(reversed(enc))
    return b"\x06" + bytes([len(body)]) + body


def der_seq(body):
    assert len(body) < 128
    return b"\x30" + bytes([len(body)]) + body


def policy_mappings(pairs):
    """PolicyMappings ::= SEQUENCE OF SEQUENCE { issuerDomainPolicy,
    subjectDomainPolicy } (pyca 38 has no builder for it)."""
    return der_seq(b"".join(der_seq(der_oid(a) + der_oid(b)) for a, b in pairs))


def pick(rng, weighted):
    """One value of [(weight, value), ...]."""
    total = sum(w for w, _ in weighted)
    r = rng.uniform(0, total)
    for w, v in weighted:
        r -= w
        if r <= 0:
            return v
    return weighted[-1][1]


class Node:
    def __init__(self, name, key_, is_ca):
        self.name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        self.cn = name
        self.key = key_
        self.is_ca = is_ca
        self.serial = None
        self.cert = None
        self.cdp = None         # the URI of its issuer's CRL it names


def validity(rng, traits, who):
    v = pick(rng, [(97, "ok"), (2, "expired"), (1, "future")])
    if v == "expired":
        traits.append("expired-" + who)
        return AT - 700 * DAY, AT - DAY
    if v == "future":
        traits.append("not-yet-valid-" + who)
        return AT + DAY, AT + 700 * DAY
    return AT - 365 * DAY, AT + 365 * DAY


def ca_extensions(rng, traits, who, is_root, leaf_domain):
    """(extension, critical) pairs of a CA certificate."""
    exts = []
    bc = pick(rng, [(96, "ca"), (2, "noca"), (2, "none")]) if not is_root else \
        pick(rng, [(98, "ca"), (2, "noncrit")])
    pathlen = pick(rng, [(75, None), (8, 0), (9, 1), (8, 2)])
    if bc == "ca":
        exts.append((x509.BasicConstraints(ca=True, path_length=pathlen), True))
        if pathlen is not None:
            traits.append("pathlen-%s" % who)
    elif bc == "noncrit":
        exts.append((x509.BasicConstraints(ca=True, path_length=None), False))
        traits.append("bc-noncritical-" + who)
    elif bc == "noca":
        exts.append((x509.BasicConstraints(ca=False, path_length=None), True))
        traits.append("ca-false-" + who)
    else:
        traits.append("no-bc-" + who)
    ku = pick(rng, [(90, "sign+crl"), (4, "sign"), (3, "crl"), (3, "absent")])
    if ku != "absent":
        exts.append((x509.KeyUsage(digital_signature=False, content_commitment=False,
                                   key_encipherment=False, data_encipherment=False,
                                   key_agreement=False, key_cert_sign="sign" in ku,
                                   crl_sign="crl" in ku, encipher_only=False,
                                   decipher_only=False), True))
    if ku != "sign+crl":
        traits.append("ku-%s-%s" % (ku, who))
    eku = pick(rng, [(91, None), (3, "server"), (3, "client"), (3, "any")])
    if eku:
        oid = {"server": ExtendedKeyUsageOID.SERVER_AUTH,
               "client": ExtendedKeyUsageOID.CLIENT_AUTH,
               "any": ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE}[eku]
        exts.append((x509.ExtendedKeyUsage([oid]), False))
        traits.append("ca-eku-%s-%s" % (eku, who))
    nc = pick(rng, [(90, None), (4, "permit-match"), (2, "permit-other"),
                    (2, "exclude-match"), (2, "exclude-other")])
    if nc:
        dom = leaf_domain if nc.endswith("match") else \
            rng.choice([d for d in DOMAINS if d != leaf_domain])
        sub = [x509.DNSName(dom)]
        exts.append((x509.NameConstraints(
            permitted_subtrees=sub if nc.startswith("permit") else None,
            excluded_subtrees=sub if nc.startswith("exclude") else None), True))
        traits.append("nc-%s-%s" % (nc, who))
    return exts


def policy_extensions(rng, traits, who, is_ca):
    exts = []
    pol = pick(rng, [(70, None), (12, [P1]), (6, [P2]), (6, [P1, P2]), (6, [ANY_POLICY])])
    if pol:
        exts.append((x509.CertificatePolicies(
            [x509.PolicyInformation(p, None) for p in pol]), False))
        traits.append("policies-" + who)
    if is_ca:
        if rng.random() < 0.06:
            exts.append((x509.PolicyConstraints(require_explicit_policy=rng.choice([0, 1]),
                                                inhibit_policy_mapping=None), True))
            traits.append("require-explicit-" + who)
        if rng.random() < 0.03:
            exts.append((x509.InhibitAnyPolicy(0), True))
            traits.append("inhibit-any-" + who)
        if pol and rng.random() < 0.05:
            exts.append((x509.UnrecognizedExtension(POLICY_MAPPINGS,
                                                    policy_mappings([(P1, P2)])), True))
            traits.append("policy-mapping-" + who)
    return exts


def leaf_extensions(rng, traits, domain):
    exts = [(x509.SubjectAlternativeName([x509.DNSName("www." + domain)]), False)]
    eku = pick(rng, [(45, ["server"]), (15, ["client"]), (10, ["server", "client"]),
                     (25, None), (5, ["any"])])
    if eku:
        oids = {"server": ExtendedKeyUsageOID.SERVER_AUTH,
                "client": ExtendedKeyUsageOID.CLIENT_AUTH,
                "any": ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE}
        exts.append((x509.ExtendedKeyUsage([oids[e] for e in eku]), False))
        traits.append("leaf-eku-" + "+".join(eku))
    else:
        traits.append("leaf-no-eku")
    if rng.random() < 0.7:
        exts.append((x509.KeyUsage(digital_signature=True, content_commitment=False,
                                   key_encipherment=False, data_encipherment=False,
                                   key_agreement=False, key_cert_sign=False, crl_sign=False,
                                   encipher_only=False, decipher_only=False), True))
    if rng.random() < 0.03:
        exts.append((x509.BasicConstraints(ca=True, path_length=None), True))
        traits.append("leaf-is-ca")
    return exts


def issue(subject, issuer, exts, rng, traits, who, serial):
    nb, na = validity(rng, traits, who)
    b = (x509.CertificateBuilder().subject_name(subject.name).issuer_name(issuer.name)
         .public_key(subject.key.public_key()).serial_number(serial)
         .not_valid_before(nb).not_valid_after(na))
    for e, crit in exts:
        b = b.add_extension(e, critical=crit)
    b = b.add_extension(x509.SubjectKeyIdentifier.from_public_key(subject.key.public_key()), False)
    if subject is not issuer:
        b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            issuer.key.public_key()), False)
    if subject.cdp:
        b = b.add_extension(x509.CRLDistributionPoints([subject.cdp]), False)
    subject.serial = serial
    subject.cert = b.sign(issuer.key, hashes.SHA256())


def crl_of(issuer, entries, rng, traits, who, idp=None, delta=False, number=True,
           stale=False, signer=None):
    """A CRL of `issuer` listing entries [(serial, reason, cert_issuer_name)]."""
    b = (x509.CertificateRevocationListBuilder().issuer_name(issuer.name)
         .last_update(AT - 30 * DAY)
         .next_update(AT - DAY if stale else AT + 30 * DAY))
    if number:
        b = b.add_extension(x509.CRLNumber(rng.randrange(1, 1000)), False)
    if delta:
        b = b.add_extension(x509.DeltaCRLIndicator(1), True)
    if idp:
        b = b.add_extension(idp, True)
    b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
        issuer.key.public_key()), False)
    for serial, reason, cert_issuer in entries:
        rb = x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(AT - 10 * DAY)
        if reason:
            rb = rb.add_extension(x509.CRLReason(reason), False)
        if cert_issuer is not None:
            rb = rb.add_extension(x509.CertificateIssuer([x509.DirectoryName(cert_issuer)]), True)
        b = b.add_revoked_certificate(rb.build())
    return b.sign((signer or issuer).key, hashes.SHA256())


def idp(full_name=None, user=False, ca=False, reasons=None, indirect=False):
    return x509.IssuingDistributionPoint(
        full_name=full_name, relative_name=None, only_contains_user_certs=user,
        only_contains_ca_certs=ca, only_some_reasons=reasons, indirect_crl=indirect,
        only_contains_attribute_certs=False)


def make_crls(rng, nodes, traits):
    """The CRLs of the case: one per issuing CA (root first), each of a
    randomly drawn scope; a CA may have none. nodes[0] is the root."""
    crls = []
    indirect = None
    if len(nodes) > 2 and rng.random() < 0.08:
        # The root issues an indirect CRL for the leaf's issuer; the leaf
        # names the root as cRLIssuer in its distribution point.
        indirect = nodes[-2]
        nodes[-1].cdp = x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier("http://crl.test/indirect.crl")],
            relative_name=None, reasons=None, crl_issuer=[x509.DirectoryName(nodes[0].name)])
        traits.append("crl-indirect")
    for i, ca in enumerate(nodes[:-1]):
        child = nodes[i + 1]
        if ca is indirect:
            revoke = rng.random() < 0.4
            if revoke:
                traits.append("revoked-leaf")
            crls.append(crl_of(nodes[0], [(child.serial, x509.ReasonFlags.key_compromise,
                                           indirect.name)] if revoke else [],
                               rng, traits, "indirect",
                               idp=idp([x509.UniformResourceIdentifier(
                                   "http://crl.test/indirect.crl")], indirect=True)))
            continue
        who = "crl%d" % i
        scope = pick(rng, [(70, "complete"), (6, "missing"), (5, "stale"), (4, "no-number"),
                           (5, "user-only"), (5, "ca-only"), (4, "some-reasons"),
                           (4, "delta-only"), (5, "dp-match"), (4, "dp-other"),
                           (3, "wrong-signer")])
        revoke = rng.random() < 0.12
        entries = [(child.serial, pick(rng, [(1, None), (1, x509.ReasonFlags.key_compromise),
                                             (1, x509.ReasonFlags.superseded)]), None)] \
            if revoke else []
        # Someone else's serial, so an empty-looking CRL is not always empty.
        entries.append((child.serial + 1000, None, None))
        if revoke:
            traits.append("revoked-%s" % ("leaf" if i == len(nodes) - 2 else "ca%d" % (i + 1)))
        if scope != "complete":
            traits.append("crl-%s-%s" % (scope, who))
        if scope == "missing":
            continue
        kw = {}
        if scope == "stale":
            kw["stale"] = True
        elif scope == "no-number":
            kw["number"] = False
        elif scope == "user-only":
            kw["idp"] = idp(user=True)
        elif scope == "ca-only":
            kw["idp"] = idp(ca=True)
        elif scope == "some-reasons":
            kw["idp"] = idp(reasons=frozenset([x509.ReasonFlags.key_compromise]))
        elif scope == "delta-only":
            kw["delta"] = True
        elif scope in ("dp-match", "dp-other"):
            uri = "http://crl.test/%s.crl" % ca.cn.replace(" ", "")
            if child.cdp is None:
                child.cdp = x509.DistributionPoint(
                    full_name=[x509.UniformResourceIdentifier(uri)], relative_name=None,
                    reasons=None, crl_issuer=None)
            kw["idp"] = idp([x509.UniformResourceIdentifier(
                uri if scope == "dp-match" else "http://crl.test/other.crl")])
        elif scope == "wrong-signer":
            kw["signer"] = nodes[-1]
        crls.append(crl_of(ca, entries, rng, traits, who, **kw))
    return crls


def make_case(seed, outdir):
    """Writes one case into outdir: root.pem, untrusted.pem (maybe empty),
    leaf.pem, crls.pem (maybe absent), case.json."""
    rng = random.Random(seed)
    traits = []
    n_int = pick(rng, [(2, 0), (4, 1), (3, 2), (1, 3)])
    domain = rng.choice(DOMAINS)
    nodes = [Node("Root %d" % seed, key(rng), True)]
    for i in range(n_int):
        nodes.append(Node("CA %d-%d" % (seed, i + 1), key(rng), True))
    nodes.append(Node("www." + domain, key(rng), False))
    traits.append("depth-%d" % n_int)
    with_crls = rng.random() < 0.4
    serials = rng.sample(range(1, 1 << 30), len(nodes))
    for n, s in zip(nodes, serials):
        n.serial = s
    crls = make_crls(rng, nodes, traits) if with_crls else []
    # The CRLs named the serials; the CDPs they chose go into the
    # certificates, so certificates are issued after, CRLs signed again
    # after them (a CRL only needs the serials, which stay the same).
    for i, n in enumerate(nodes):
        who = "root" if i == 0 else "leaf" if i == len(nodes) - 1 else "ca%d" % i
        issuer = nodes[i - 1] if i else n
        if n.is_ca:
            exts = ca_extensions(rng, traits, who, i == 0, domain)
        else:
            exts = leaf_extensions(rng, traits, domain)
        exts += policy_extensions(rng, traits, who, n.is_ca)
        issue(n, issuer, exts, rng, traits, who, n.serial)
    purpose = pick(rng, [(40, "any"), (40, "server"), (20, "client")])
    name = None
    if rng.random() < 0.5:
        name = "www." + domain if rng.random() < 0.85 else "www.other.invalid"
        if not name.endswith(domain):
            traits.append("name-mismatch")
    os.makedirs(outdir, exist_ok=True)
    pem = lambda c: c.public_bytes(serialization.Encoding.PEM)
    with open(os.path.join(outdir, "root.pem"), "wb") as f:
        f.write(pem(nodes[0].cert))
    inter = nodes[1:-1]
    rng.shuffle(inter)
    with open(os.path.join(outdir, "untrusted.pem"), "wb") as f:
        f.write(b"".join(pem(n.cert) for n in inter))
    with open(os.path.join(outdir, "leaf.pem"), "wb") as f:
        f.write(pem(nodes[-1].cert))
    if crls:
        with open(os.path.join(outdir, "crls.pem"), "wb") as f:
            f.write(b"".join(pem(c) for c in crls))
    elif with_crls:
        traits.append("no-crl-at-all")
    case = {"seed": seed, "at": AT.strftime("%Y-%m-%dT%H:%M:%SZ"), "purpose": purpose,
            "name": name, "intermediates": len(inter), "crls": len(crls), "traits": traits}
    with open(os.path.join(outdir, "case.json"), "w") as f:
        json.dump(case, f)
    return case


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: gen_pki.py SEED OUTDIR")
    print(json.dumps(make_case(int(sys.argv[1]), sys.argv[2])))
