#!/usr/bin/python3
"""The issuer's names and extensions against pyca/cryptography 38 and the core.

    enc_diff.py ENC_DRIVER

For many option sets, enc_driver (tests/issuer/enc/enc_driver.c) writes a
certificate or CRL around the Name and Extensions the issuer's encoders
make. Each is checked three ways:
  1. pyca 38 loads it and its subject/issuer and every extension (and CRL
     entry extension) equal what was asked, written here with pyca's own
     classes (x509.Name, x509.SubjectAlternativeName, ...), criticality and
     order included;
  2. the core's decoders (`enc_driver --core`) give the same values as
     pyca does for the same bytes;
  3. names: pyca's own Name.rfc4514_string() of random names, given back
     as --subject, comes out as the same Name (pyca prints, we parse).
Refusals are checked too: a malformed value must be refused with a
message naming the problem. Exit status 1 on any difference.
"""
import datetime
import ipaddress
import json
import random
import subprocess
import sys

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.name import _ASN1Type
from cryptography.x509.oid import (AuthorityInformationAccessOID, ExtendedKeyUsageOID,
                                   ExtensionOID, NameOID, ObjectIdentifier,
                                   SubjectInformationAccessOID)

DRIVER = sys.argv[1]
failures = []
checked = 0

SUBJ_KEY = ec.generate_private_key(ec.SECP256R1()).public_key()
ISSUER_KEY = ed25519.Ed25519PrivateKey.generate().public_key()


def spki_hex(pub):
    return pub.public_bytes(serialization.Encoding.DER,
                            serialization.PublicFormat.SubjectPublicKeyInfo).hex()


# A tiny DER writer for the few values pyca 38 cannot build itself (an
# Extensions block to copy, PolicyMappings which pyca does not know).
def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        ln = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        ln = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + ln + body


def der_oid(dotted):
    return ObjectIdentifier(dotted).dotted_string and _oid_body(dotted)


def _oid_body(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    first = [arcs[0] * 40 + arcs[1]] + arcs[2:]
    out = b""
    for a in first:
        enc = [a & 0x7F]
        a >>= 7
        while a:
            enc.append(0x80 | (a & 0x7F))
            a >>= 7
        out += bytes(reversed(enc))
    return tlv(0x06, out)


def run(kind, args, core=False):
    cmd = [DRIVER] + (["--core"] if core else []) + [kind] + args
    return subprocess.run(cmd, capture_output=True)


def fail(what, detail):
    failures.append(f"{what}: {detail}")
    print(f"FAIL {what}: {detail}")


# ---- pyca values in the core's JSON form (enc_driver.c's jvalue) ----

REASON_BITS = {x509.ReasonFlags.key_compromise: 1, x509.ReasonFlags.ca_compromise: 2,
               x509.ReasonFlags.affiliation_changed: 3, x509.ReasonFlags.superseded: 4,
               x509.ReasonFlags.cessation_of_operation: 5, x509.ReasonFlags.certificate_hold: 6,
               x509.ReasonFlags.privilege_withdrawn: 7, x509.ReasonFlags.aa_compromise: 8}
KU_FLAGS = ["digital_signature", "content_commitment", "key_encipherment",
            "data_encipherment", "key_agreement", "key_cert_sign", "crl_sign",
            "encipher_only", "decipher_only"]


def j_gn(g):
    if isinstance(g, x509.DNSName):
        return "dns:" + g.value
    if isinstance(g, x509.RFC822Name):
        return "email:" + g.value
    if isinstance(g, x509.UniformResourceIdentifier):
        return "uri:" + g.value
    if isinstance(g, x509.IPAddress):
        return "ip:" + str(g.value)
    if isinstance(g, x509.DirectoryName):
        return "dirname:" + g.value.rfc4514_string()
    if isinstance(g, x509.RegisteredID):
        return "rid:" + g.value.dotted_string
    if isinstance(g, x509.OtherName):
        return "othername:" + g.type_id.dotted_string + ";" + g.value.hex()
    raise AssertionError(g)


def j_gns(gs):
    return None if gs is None else [j_gn(g) for g in gs]


def j_reasons(rs):
    return None if rs is None else [r.name for r in sorted(rs, key=lambda r: REASON_BITS[r])]


def j_name(name):
    out = []
    for i, rdn in enumerate(name.rdns):
        for a in rdn:
            out.append([i, a.oid.dotted_string, a._type.value, a.value])
    return sorted_rdns(out)


def sorted_rdns(rows):
    """pyca iterates an RDN's attributes in its own order, the core in DER
    order: compare each RDN as a set."""
    return sorted(rows, key=lambda r: (r[0], repr(r)))


def j_value(v):
    if isinstance(v, (x509.SubjectAlternativeName, x509.IssuerAlternativeName,
                      x509.CertificateIssuer)):
        return j_gns(list(v))
    if isinstance(v, x509.BasicConstraints):
        return {"ca": v.ca, "path_length": v.path_length}
    if isinstance(v, x509.KeyUsage):
        out = []
        for f in KU_FLAGS:
            if f in ("encipher_only", "decipher_only") and not v.key_agreement:
                continue
            if getattr(v, f):
                out.append(f)
        return out
    if isinstance(v, x509.ExtendedKeyUsage):
        return [o.dotted_string for o in v]
    if isinstance(v, x509.SubjectKeyIdentifier):
        return v.digest.hex()
    if isinstance(v, x509.AuthorityKeyIdentifier):
        return v.key_identifier.hex()
    if isinstance(v, x509.NameConstraints):
        return [j_gns(v.permitted_subtrees), j_gns(v.excluded_subtrees)]
    if isinstance(v, (x509.CRLDistributionPoints, x509.FreshestCRL)):
        return [{"full_name": j_gns(d.full_name), "reasons": j_reasons(d.reasons),
                 "crl_issuer": j_gns(d.crl_issuer)} for d in v]
    if isinstance(v, (x509.AuthorityInformationAccess, x509.SubjectInformationAccess)):
        return [[d.access_method.dotted_string, j_gn(d.access_location)] for d in v]
    if isinstance(v, x509.CertificatePolicies):
        out = []
        for p in v:
            qs = None
            if p.policy_qualifiers is not None:
                qs = []
                for q in p.policy_qualifiers:
                    if isinstance(q, str):
                        qs.append(q)
                    else:
                        ref = q.notice_reference
                        qs.append({"org": ref.organization if ref else None,
                                   "numbers": list(ref.notice_numbers) if ref else None,
                                   "text": q.explicit_text})
            out.append({"oid": p.policy_identifier.dotted_string, "qualifiers": qs})
        return out
    if isinstance(v, x509.PolicyConstraints):
        return {"require_explicit_policy": v.require_explicit_policy,
                "inhibit_policy_mapping": v.inhibit_policy_mapping}
    if isinstance(v, x509.InhibitAnyPolicy):
        return v.skip_certs
    if isinstance(v, (x509.OCSPNoCheck, x509.PrecertPoison)):
        return None
    if isinstance(v, x509.TLSFeature):
        return [f.value for f in v]
    if isinstance(v, (x509.CRLNumber, x509.DeltaCRLIndicator)):
        return v.crl_number
    if isinstance(v, x509.IssuingDistributionPoint):
        return {"full_name": j_gns(v.full_name),
                "only_contains_user_certs": v.only_contains_user_certs,
                "only_contains_ca_certs": v.only_contains_ca_certs,
                "indirect_crl": v.indirect_crl,
                "only_contains_attribute_certs": v.only_contains_attribute_certs,
                "only_some_reasons": j_reasons(v.only_some_reasons)}
    if isinstance(v, x509.CRLReason):
        return v.reason.name
    if isinstance(v, x509.InvalidityDate):
        return v.invalidity_date.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, x509.UnrecognizedExtension):
        return {"hex": v.value.hex()}
    raise AssertionError(type(v))


def j_exts(exts):
    return [{"oid": e.oid.dotted_string, "critical": e.critical, "value": j_value(e.value)}
            for e in exts]


def typed(name):
    """A Name as comparable rows: pyca's Name equality ignores string types."""
    return [[(a.oid.dotted_string, a._type, a.value) for a in rdn] for rdn in name.rdns]


def same_rdns(a, b):
    return [sorted(r, key=repr) for r in typed(a)] == [sorted(r, key=repr) for r in typed(b)]


# ---- one case ----

def cert_case(what, args, exts=None, name=None, ski=False):
    """args -> a certificate whose extensions are exactly `exts` (list of
    (value, critical)) and subject `name` (if given)."""
    global checked
    base = ["--spki", spki_hex(SUBJ_KEY)] + ([] if ski else ["--no-ski"])
    r = run("cert", base + args)
    if r.returncode:
        fail(what, "refused: " + r.stderr.decode(errors="replace").strip())
        return
    try:
        cert = x509.load_der_x509_certificate(r.stdout)
        got = [(e.value, e.critical) for e in cert.extensions]
        cert.subject.rdns
    except Exception as e:
        fail(what, f"pyca refuses it: {e!r}")
        return
    if exts is not None and got != exts:
        fail(what, f"pyca reads {got}, asked {exts}")
    if name is not None and not same_rdns(cert.subject, name):
        fail(what, f"pyca reads subject {typed(cert.subject)}, asked {typed(name)}")
    core_check(what, "cert", base + args, cert.subject, cert.extensions)
    checked += 1
    return cert


def core_check(what, kind, args, name, exts, revoked=None):
    r = run(kind, args, core=True)
    if r.returncode:
        fail(what, "core: " + r.stderr.decode(errors="replace").strip())
        return
    core = json.loads(r.stdout)
    if sorted_rdns(core["name"]) != j_name(name):
        fail(what, f"core name {core['name']} != pyca {j_name(name)}")
    if core["extensions"] != j_exts(exts):
        fail(what, f"core extensions {core['extensions']} != pyca {j_exts(exts)}")
    if revoked is not None:
        want = [{"serial": e.serial_number,
                 "date": e.revocation_date.strftime("%Y-%m-%dT%H:%M:%SZ"),
                 "extensions": j_exts(e.extensions)} for e in revoked]
        if core["revoked"] != want:
            fail(what, f"core entries {core['revoked']} != pyca {want}")


def crl_case(what, args, exts=None, entries=None):
    global checked
    r = run("crl", args)
    if r.returncode:
        fail(what, "refused: " + r.stderr.decode(errors="replace").strip())
        return
    try:
        crl = x509.load_der_x509_crl(r.stdout)
        got = [(e.value, e.critical) for e in crl.extensions]
        [list(e.extensions) for e in crl]
    except Exception as e:
        fail(what, f"pyca refuses it: {e!r}")
        return
    if exts is not None and got != exts:
        fail(what, f"pyca reads {got}, asked {exts}")
    if entries is not None:
        gote = [(e.serial_number, e.revocation_date,
                 [(x.value, x.critical) for x in e.extensions]) for e in crl]
        if gote != entries:
            fail(what, f"pyca reads entries {gote}, asked {entries}")
    core_check(what, "crl", args, crl.issuer, crl.extensions, list(crl))
    checked += 1


def refused(what, kind, args, words):
    global checked
    base = ["--spki", spki_hex(SUBJ_KEY)] if kind == "cert" else []
    r = run(kind, base + args)
    msg = r.stderr.decode(errors="replace")
    if r.returncode != 1 or not all(w in msg for w in words):
        fail(what, f"expected refusal naming {words}, got rc {r.returncode}: {msg.strip()}")
    checked += 1


# ---- names ----

def NA(oid, value, t=None):
    return x509.NameAttribute(oid, value, t) if t else x509.NameAttribute(oid, value)


def name_of(*rdns):
    """RDNs in DER order, each a list of NameAttributes."""
    return x509.Name([x509.RelativeDistinguishedName(r) for r in rdns])


def names():
    P, U8, IA5, BMP = (_ASN1Type.PrintableString, _ASN1Type.UTF8String, _ASN1Type.IA5String,
                       _ASN1Type.BMPString)
    cases = [
        ("tutorial", "CN=mysite.com,O=My Company,L=San Francisco,ST=CA,C=US",
         name_of([NA(NameOID.COUNTRY_NAME, "US")], [NA(NameOID.STATE_OR_PROVINCE_NAME, "CA")],
                 [NA(NameOID.LOCALITY_NAME, "San Francisco")],
                 [NA(NameOID.ORGANIZATION_NAME, "My Company")],
                 [NA(NameOID.COMMON_NAME, "mysite.com")])),
        ("multi-valued", "CN=a+O=b+OU=c,DC=example,DC=com",
         name_of([NA(NameOID.DOMAIN_COMPONENT, "com")], [NA(NameOID.DOMAIN_COMPONENT, "example")],
                 [NA(NameOID.COMMON_NAME, "a"), NA(NameOID.ORGANIZATION_NAME, "b"),
                  NA(NameOID.ORGANIZATIONAL_UNIT_NAME, "c")])),
        ("escapes", r"CN=a\,b\+c\"d\\e\<f\>g\;h\=i,O=\#x,OU=\ lead and trail\ ",
         name_of([NA(NameOID.ORGANIZATIONAL_UNIT_NAME, " lead and trail ")],
                 [NA(NameOID.ORGANIZATION_NAME, "#x")],
                 [NA(NameOID.COMMON_NAME, 'a,b+c"d\\e<f>g;h=i')])),
        ("hex escapes", r"CN=caf\C3\A9 \E2\82\AC",
         name_of([NA(NameOID.COMMON_NAME, "café €")])),
        ("every type by name",
         "serialNumber=1234,SN=Doe,GN=Jane,title=Dr,generationQualifier=III,"
         "x500UniqueIdentifier=u1,dnQualifier=q,pseudonym=pj,UID=jd,emailAddress=j@d.example,"
         "jurisdictionC=DE,jurisdictionST=Bayern,jurisdictionL=Munich,businessCategory=Private,"
         "postalAddress=1 Main St,postalCode=12345,INN=1234567890,OGRN=1027700132195,"
         "SNILS=11223344595,unstructuredName=host1,STREET=Main St,initials=JD",
         name_of(*[[a] for a in reversed([
             NA(NameOID.SERIAL_NUMBER, "1234"), NA(NameOID.SURNAME, "Doe"),
             NA(NameOID.GIVEN_NAME, "Jane"), NA(NameOID.TITLE, "Dr"),
             NA(NameOID.GENERATION_QUALIFIER, "III"),
             NA(NameOID.X500_UNIQUE_IDENTIFIER, "u1"), NA(NameOID.DN_QUALIFIER, "q"),
             NA(NameOID.PSEUDONYM, "pj"), NA(NameOID.USER_ID, "jd"),
             NA(NameOID.EMAIL_ADDRESS, "j@d.example"),
             NA(NameOID.JURISDICTION_COUNTRY_NAME, "DE"),
             NA(NameOID.JURISDICTION_STATE_OR_PROVINCE_NAME, "Bayern"),
             NA(NameOID.JURISDICTION_LOCALITY_NAME, "Munich"),
             NA(NameOID.BUSINESS_CATEGORY, "Private"),
             NA(NameOID.POSTAL_ADDRESS, "1 Main St"), NA(NameOID.POSTAL_CODE, "12345"),
             NA(NameOID.INN, "1234567890"), NA(NameOID.OGRN, "1027700132195"),
             NA(NameOID.SNILS, "11223344595"), NA(NameOID.UNSTRUCTURED_NAME, "host1"),
             NA(NameOID.STREET_ADDRESS, "Main St"),
             NA(ObjectIdentifier("2.5.4.43"), "JD")])])),
        ("long names, case-insensitive",
         "commonname=x,organizationName=y,COUNTRYNAME=FR,domainComponent=d,E=a@b",
         name_of([NA(NameOID.EMAIL_ADDRESS, "a@b")], [NA(NameOID.DOMAIN_COMPONENT, "d")],
                 [NA(NameOID.COUNTRY_NAME, "FR")], [NA(NameOID.ORGANIZATION_NAME, "y")],
                 [NA(NameOID.COMMON_NAME, "x")])),
        ("string type overrides",
         "CN/printable=P,O/bmp=B\u00e9,OU/ia5=i,L/t61=t,ST/visible=v,STREET/universal=\U0001F600,"
         "serialNumber/utf8=s,title/numeric=12 3",
         name_of([NA(NameOID.TITLE, "12 3", _ASN1Type.NumericString)],
                 [NA(NameOID.SERIAL_NUMBER, "s", U8)],
                 [NA(NameOID.STREET_ADDRESS, "\U0001F600", _ASN1Type.UniversalString)],
                 [NA(NameOID.STATE_OR_PROVINCE_NAME, "v", _ASN1Type.VisibleString)],
                 [NA(NameOID.LOCALITY_NAME, "t", _ASN1Type.T61String)],
                 [NA(NameOID.ORGANIZATIONAL_UNIT_NAME, "i", IA5)],
                 [NA(NameOID.ORGANIZATION_NAME, "B\u00e9", BMP)],
                 [NA(NameOID.COMMON_NAME, "P", P)])),
        ("dotted OID and #hex", "1.2.3.4=plain,2.5.4.3=#0c03616263",
         name_of([NA(NameOID.COMMON_NAME, "abc")], [NA(ObjectIdentifier("1.2.3.4"), "plain")])),
        ("spaces around separators", "CN = a , O = b",
         name_of([NA(NameOID.ORGANIZATION_NAME, "b")], [NA(NameOID.COMMON_NAME, "a")])),
        ("empty", "", x509.Name([])),
    ]
    for what, text, want in cases:
        args = ["--subject", text]
        if not text:
            args += ["--san", "dns:empty.example"]   # an empty subject needs a SAN
        cert_case("name " + what, args, name=want)

    # pyca's own parser (Debian's 38.0.4 reverses the RDNs as RFC 4514
    # says) on the names it knows.
    for text in ["CN=mysite.com,O=My Company,L=San Francisco,ST=CA,C=US",
                 r"CN=a\,b+O=c,DC=x,UID=u,STREET=s\+t", "1.2.3.4=x,CN=y",
                 r"CN=\#hash\ ,OU=a\;b\<c\>"]:
        want = x509.Name.from_rfc4514_string(text)
        cert_case("pyca-parsed name " + text, ["--subject", text], name=want)

    # Random names printed by pyca (rfc4514_string), parsed back by us.
    rnd = random.Random(14)
    alphabet = "aZ09 ,+\"\\<>;=#-_.*@é€\U0001F600\u00a0"
    types = [NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME, NameOID.ORGANIZATIONAL_UNIT_NAME,
             NameOID.LOCALITY_NAME, NameOID.STATE_OR_PROVINCE_NAME, NameOID.STREET_ADDRESS,
             NameOID.USER_ID, NameOID.TITLE, ObjectIdentifier("1.3.6.1.4.1.99999.1")]
    for i in range(150):
        rdns = []
        for _ in range(rnd.randint(1, 5)):
            attrs = []
            for t in rnd.sample(types, rnd.choice([1, 1, 1, 2, 3])):
                v = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 12)))
                if v == " ":
                    # pyca 38 prints a lone space as "\\\\ " (escaped twice:
                    # leading and trailing), which is a backslash and a space.
                    v = "x"
                attrs.append(NA(t, v))
            if rnd.random() < 0.2:
                attrs.append(NA(NameOID.COUNTRY_NAME, rnd.choice(["US", "DE", "JP"])))
            if rnd.random() < 0.2:
                attrs.append(NA(NameOID.DOMAIN_COMPONENT, rnd.choice(["a", "b.c", "x-y"])))
            rdns.append(attrs)
        want = name_of(*rdns)
        text = want.rfc4514_string()
        cert_case(f"random name {i} {text!r}", ["--subject", text], name=want)

    for text, words in [("C=USA", ["2 character"]), ("XX=1", ["unknown attribute type 'XX'"]),
                        ("CN", ["no '='"]), ("CN=a\\", ["bad escape"]),
                        ("CN=\"q\"", ["escaped"]), ("CN/bogus=x", ["unknown string type"]),
                        ("CN/printable=a*b", ["character"]), ("CN=a+CN=a", ["twice"]),
                        ("1.40=x", ["not a valid OID"]), ("1.2.3=#3000", ["primitive"]),
                        ("emailAddress=caf\u00e9", ["character"])]:
        refused("bad name " + text, "cert", ["--subject", text], words)


# ---- extensions ----

def DN(s):
    return x509.Name.from_rfc4514_string(s)


def ip(s):
    return x509.IPAddress(ipaddress.ip_address(s))


def net(s):
    return x509.IPAddress(ipaddress.ip_network(s))


def extensions():
    SAN = x509.SubjectAlternativeName
    KU = x509.KeyUsage
    ku_args = dict.fromkeys(["digital_signature", "content_commitment", "key_encipherment",
                             "data_encipherment", "key_agreement", "key_cert_sign", "crl_sign",
                             "encipher_only", "decipher_only"], False)

    def ku(**kw):
        return KU(**{**ku_args, **kw})

    upn = x509.OtherName(ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"), bytes.fromhex("0c03612062"))
    cert_case("san every type", [
        "--san", "dns:example.com", "--san", "dns:*.example.com", "--san", "ip:192.0.2.1",
        "--san", "ip:2001:db8::1", "--san", "email:a@example.com",
        "--san", "uri:https://example.com/x?y=1", "--san", "dirname:CN=x,O=y",
        "--san", "rid:1.2.3.4", "--san", "othername:1.3.6.1.4.1.311.20.2.3;utf8:a b",
        "--san", "OtherName:1.2.3;der:0101ff", "--san", "ip:::ffff:1.2.3.4"],
        [(SAN([x509.DNSName("example.com"), x509.DNSName("*.example.com"), ip("192.0.2.1"),
               ip("2001:db8::1"), x509.RFC822Name("a@example.com"),
               x509.UniformResourceIdentifier("https://example.com/x?y=1"),
               x509.DirectoryName(DN("CN=x,O=y")), x509.RegisteredID(ObjectIdentifier("1.2.3.4")),
               upn, x509.OtherName(ObjectIdentifier("1.2.3"), bytes.fromhex("0101ff")),
               ip("::ffff:1.2.3.4")]), False)])
    cert_case("san of the tutorial", ["--san", "dns:mysite.com", "--san", "dns:www.mysite.com",
                                      "--san", "dns:subdomain.mysite.com"],
              [(SAN([x509.DNSName("mysite.com"), x509.DNSName("www.mysite.com"),
                     x509.DNSName("subdomain.mysite.com")]), False)])
    cert_case("san critical with an empty subject", ["--subject", "", "--san", "dns:a.example"],
              [(SAN([x509.DNSName("a.example")]), True)])
    cert_case("san forced non-critical", ["--subject", "", "--san", "dns:a.example",
                                          "--critical", "san=false"],
              [(SAN([x509.DNSName("a.example")]), False)])
    cert_case("ian", ["--ian", "uri:http://ca.example/", "--ian", "email:ca@example.com"],
              [(x509.IssuerAlternativeName([x509.UniformResourceIdentifier("http://ca.example/"),
                                            x509.RFC822Name("ca@example.com")]), False)])
    cert_case("basic constraints ca", ["--basic-constraints", "ca=true,pathlen=3"],
              [(x509.BasicConstraints(True, 3), True)])
    cert_case("basic constraints, OpenSSL spelling", ["--basic-constraints", "CA:TRUE"],
              [(x509.BasicConstraints(True, None), True)])
    cert_case("basic constraints end entity", ["--basic-constraints", "ca=false"],
              [(x509.BasicConstraints(False, None), True)])
    cert_case("basic constraints pathlen 0", ["--basic-constraints", "ca=true,pathlen=0",
                                              "--critical", "basic-constraints=false"],
              [(x509.BasicConstraints(True, 0), False)])
    for flag in ku_args:
        extra = ["key_agreement"] if flag in ("encipher_only", "decipher_only") else []
        want = ku(**{flag: True, **{e: True for e in extra}})
        cert_case("key usage " + flag, ["--key-usage", ",".join([flag] + extra)], [(want, True)])
    cert_case("key usage, OpenSSL names, two options",
              ["--key-usage", "digitalSignature,keyEncipherment",
               "--key-usage", "cRLSign,keyCertSign,nonRepudiation"],
              [(ku(digital_signature=True, key_encipherment=True, crl_sign=True,
                   key_cert_sign=True, content_commitment=True), True)])
    cert_case("key usage every flag", ["--key-usage", ",".join(ku_args)],
              [(KU(*([True] * 9)), True)])
    cert_case("eku names and OIDs",
              ["--eku", "server-auth,clientAuth,code_signing,emailProtection,time-stamping",
               "--eku", "OCSPSigning,any-extended-key-usage,smartcard-logon,1.2.3.4.5"],
              [(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH,
                                       ExtendedKeyUsageOID.CLIENT_AUTH,
                                       ExtendedKeyUsageOID.CODE_SIGNING,
                                       ExtendedKeyUsageOID.EMAIL_PROTECTION,
                                       ExtendedKeyUsageOID.TIME_STAMPING,
                                       ExtendedKeyUsageOID.OCSP_SIGNING,
                                       ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,
                                       ExtendedKeyUsageOID.SMARTCARD_LOGON,
                                       ObjectIdentifier("1.2.3.4.5")]), False)])
    ski = x509.SubjectKeyIdentifier.from_public_key(SUBJ_KEY)
    cert_case("ski by default", [], [(ski, False)], ski=True)
    cert_case("ski and aki of a CA-issued certificate",
              ["--ca-issued", "--issuer-spki", spki_hex(ISSUER_KEY)],
              [(ski, False), (x509.AuthorityKeyIdentifier.from_issuer_public_key(ISSUER_KEY),
                              False)], ski=True)
    iski = x509.SubjectKeyIdentifier(bytes(range(7)))
    cert_case("aki from the issuer's ski",
              ["--ca-issued", "--issuer-spki", spki_hex(ISSUER_KEY),
               "--issuer-ski", iski.public_bytes().hex(), "--no-ski"],
              [(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(iski), False)])
    cert_case("aki on a self-signed certificate, ski critical", ["--aki", "--critical", "ski"],
              [(ski, True), (x509.AuthorityKeyIdentifier.from_issuer_public_key(SUBJ_KEY),
                             False)], ski=True)
    cert_case("no aki when asked", ["--ca-issued", "--no-aki", "--issuer-spki",
                                    spki_hex(ISSUER_KEY)], [])
    cert_case("name constraints", [
        "--name-constraints", "permitted:dns:example.com",
        "--name-constraints", "permitted:ip:10.0.0.0/8",
        "--name-constraints", "excluded:ip:2001:db8::/32",
        "--name-constraints", "excluded:email:.example.org",
        "--name-constraints", "permitted:dirname:O=Org,C=US",
        "--name-constraints", "permitted:uri:.example.com",
        "--name-constraints", "excluded:ip:192.0.2.7"],
        [(x509.NameConstraints(
            [x509.DNSName("example.com"), net("10.0.0.0/8"),
             x509.DirectoryName(DN("O=Org,C=US")), x509.UniformResourceIdentifier(".example.com")],
            [net("2001:db8::/32"), x509.RFC822Name(".example.org"), net("192.0.2.7/32")]),
          True)])
    cert_case("name constraints excluded only", ["--name-constraints", "excluded:dns:bad.example"],
              [(x509.NameConstraints(None, [x509.DNSName("bad.example")]), True)])

    def dp(*gns):
        return x509.DistributionPoint(list(gns), None, None, None)

    cert_case("crl distribution points", [
        "--crl-distribution-point", "http://crl.example/ca.crl",
        "--crl-distribution-point", "ldap://ldap.example/cn=ca?certificateRevocationList",
        "--crl-distribution-point", "dirname:CN=CRL1,O=Example"],
        [(x509.CRLDistributionPoints([
            dp(x509.UniformResourceIdentifier("http://crl.example/ca.crl")),
            dp(x509.UniformResourceIdentifier(
                "ldap://ldap.example/cn=ca?certificateRevocationList")),
            dp(x509.DirectoryName(DN("CN=CRL1,O=Example")))]), False)])
    cert_case("freshest crl", ["--freshest-crl", "http://crl.example/delta.crl"],
              [(x509.FreshestCRL([dp(x509.UniformResourceIdentifier(
                  "http://crl.example/delta.crl"))]), False)])
    AD = x509.AccessDescription
    cert_case("aia", ["--aia", "ocsp:http://ocsp.example/", "--aia",
                      "ca-issuers:http://ca.example/ca.crt", "--aia", "caIssuers:uri:http://b/",
                      "--aia", "1.2.3.4:dns:x.example"],
              [(x509.AuthorityInformationAccess([
                  AD(AuthorityInformationAccessOID.OCSP,
                     x509.UniformResourceIdentifier("http://ocsp.example/")),
                  AD(AuthorityInformationAccessOID.CA_ISSUERS,
                     x509.UniformResourceIdentifier("http://ca.example/ca.crt")),
                  AD(AuthorityInformationAccessOID.CA_ISSUERS,
                     x509.UniformResourceIdentifier("http://b/")),
                  AD(ObjectIdentifier("1.2.3.4"), x509.DNSName("x.example"))]), False)])
    cert_case("sia", ["--sia", "ca-repository:http://repo.example/",
                      "--sia", "1.3.6.1.5.5.7.48.3:http://tsa.example/"],
              [(x509.SubjectInformationAccess([
                  AD(SubjectInformationAccessOID.CA_REPOSITORY,
                     x509.UniformResourceIdentifier("http://repo.example/")),
                  AD(ObjectIdentifier("1.3.6.1.5.5.7.48.3"),
                     x509.UniformResourceIdentifier("http://tsa.example/"))]), False)])
    PI, UN, NR = x509.PolicyInformation, x509.UserNotice, x509.NoticeReference
    cert_case("policies", [
        "--policy", "2.23.140.1.2.1",
        "--policy", "1.3.6.1.4.1.99999.1,cps=http://cps.example/,cps=http://cps2.example/",
        "--policy", "1.3.6.1.4.1.99999.2,notice=Text, with commas; and é",
        "--policy", "1.3.6.1.4.1.99999.3,org=Org Inc,numbers=1:2:300,notice=t",
        "--policy", "1.3.6.1.4.1.99999.4,cps=http://c/,org=O,numbers=7",
        "--policy", "any-policy"],
        [(x509.CertificatePolicies([
            PI(ObjectIdentifier("2.23.140.1.2.1"), None),
            PI(ObjectIdentifier("1.3.6.1.4.1.99999.1"),
               ["http://cps.example/", "http://cps2.example/"]),
            PI(ObjectIdentifier("1.3.6.1.4.1.99999.2"),
               [UN(None, "Text, with commas; and é")]),
            PI(ObjectIdentifier("1.3.6.1.4.1.99999.3"), [UN(NR("Org Inc", [1, 2, 300]), "t")]),
            PI(ObjectIdentifier("1.3.6.1.4.1.99999.4"), ["http://c/", UN(NR("O", [7]), None)]),
            PI(ObjectIdentifier("2.5.29.32.0"), None)]), False)])
    cert_case("policy constraints", ["--policy-constraints", "require-explicit=0,inhibit-mapping=2"],
              [(x509.PolicyConstraints(0, 2), True)])
    cert_case("policy constraints, pyca names",
              ["--policy-constraints", "inhibit_policy_mapping=5"],
              [(x509.PolicyConstraints(None, 5), True)])
    mapping = tlv(0x30, tlv(0x30, _oid_body("1.2.3.1") + _oid_body("1.2.4.1")) +
                  tlv(0x30, _oid_body("1.2.3.2") + _oid_body("1.2.4.2")))
    cert_case("policy mappings (pyca 38 has no class: compared as bytes)",
              ["--policy-mappings", "1.2.3.1:1.2.4.1", "--policy-mappings", "1.2.3.2=1.2.4.2"],
              [(x509.UnrecognizedExtension(ExtensionOID.POLICY_MAPPINGS, mapping), True)])
    cert_case("inhibit any policy", ["--inhibit-any-policy", "0"],
              [(x509.InhibitAnyPolicy(0), True)])
    cert_case("ocsp no check", ["--ocsp-no-check"], [(x509.OCSPNoCheck(), False)])
    cert_case("tls feature", ["--tls-feature", "status_request,status_request_v2"],
              [(x509.TLSFeature([x509.TLSFeatureType.status_request,
                                 x509.TLSFeatureType.status_request_v2]), False)])
    cert_case("precert poison", ["--precert-poison"], [(x509.PrecertPoison(), True)])
    cert_case("--ext any extension", ["--ext", "1.2.3.4.5,critical,0c0568656c6c6f",
                                      "--ext", "1.2.3.4.6,noncritical,0500"],
              [(x509.UnrecognizedExtension(ObjectIdentifier("1.2.3.4.5"),
                                           bytes.fromhex("0c0568656c6c6f")), True),
               (x509.UnrecognizedExtension(ObjectIdentifier("1.2.3.4.6"), b"\x05\x00"), False)])
    cert_case("--critical by pyca's name and by OID",
              ["--eku", "server-auth", "--ocsp-no-check", "--critical", "extended_key_usage",
               "--critical", "1.3.6.1.5.5.7.48.1.5"],
              [(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), True),
               (x509.OCSPNoCheck(), True)])

    # profiles, and explicit options over them
    bc_ee = (x509.BasicConstraints(False, None), True)
    ds = ku(digital_signature=True)
    profiles = {
        "server": [bc_ee, (ds, True),
                   (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)],
        "client": [bc_ee, (ds, True),
                   (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False)],
        "ca": [(x509.BasicConstraints(True, None), True),
               (ku(digital_signature=True, key_cert_sign=True, crl_sign=True), True)],
        "intermediate": [(x509.BasicConstraints(True, 0), True),
                         (ku(digital_signature=True, key_cert_sign=True, crl_sign=True), True)],
        "code-signing": [bc_ee, (ds, True),
                         (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), False)],
        "email": [bc_ee, (ku(digital_signature=True, key_encipherment=True), True),
                  (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)],
    }
    for p, want in profiles.items():
        cert_case("profile " + p, ["--profile", p], want)
    cert_case("explicit key usage over the server profile",
              ["--key-usage", "key_encipherment", "--profile", "server",
               "--san", "dns:s.example"],
              [bc_ee, (ku(key_encipherment=True), True),
               (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False),
               (SAN([x509.DNSName("s.example")]), False)])

    # copied extensions (a CSR's): replaced by explicit options, above the profile
    def ext_der(value, critical):
        body = _oid_body(value.oid.dotted_string) + (tlv(0x01, b"\xff") if critical else b"")
        return tlv(0x30, body + tlv(0x04, value.public_bytes()))
    copied = (ext_der(SAN([x509.DNSName("copied.example")]), False) +
              ext_der(x509.BasicConstraints(True, None), True) +
              ext_der(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False))
    cert_case("copied extensions, one replaced, over a profile",
              ["--copy", copied.hex(), "--profile", "server", "--san", "dns:mine.example"],
              [(x509.BasicConstraints(True, None), True), (ds, True),
               (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False),
               (SAN([x509.DNSName("mine.example")]), False)])

    # random SAN lists
    rnd = random.Random(5280)
    for i in range(60):
        args, want = [], []
        for _ in range(rnd.randint(1, 8)):
            k = rnd.randrange(6)
            if k == 0:
                v = "".join(rnd.choice("abcxyz019-") for _ in range(rnd.randint(1, 10))) + ".example"
                args.append("dns:" + v)
                want.append(x509.DNSName(v))
            elif k == 1:
                a = ipaddress.IPv4Address(rnd.getrandbits(32))
                args.append(f"ip:{a}")
                want.append(x509.IPAddress(a))
            elif k == 2:
                a = ipaddress.IPv6Address(rnd.getrandbits(128) & rnd.choice(
                    [(1 << 128) - 1, ((1 << 64) - 1) << 64, 0xffff << 112 | 0xffff]))
                args.append(rnd.choice([f"ip:{a}", f"ip:{a.exploded}"]))
                want.append(x509.IPAddress(a))
            elif k == 3:
                v = f"u{rnd.randint(0, 999)}@mail{rnd.randint(0, 9)}.example"
                args.append("email:" + v)
                want.append(x509.RFC822Name(v))
            elif k == 4:
                v = f"https://h{rnd.randint(0, 99)}.example/p?q={rnd.randint(0, 9)}&r=%20"
                args.append("uri:" + v)
                want.append(x509.UniformResourceIdentifier(v))
            else:
                v = f"CN=n{rnd.randint(0, 99)},O=o\\,x,C=US"
                args.append("dirname:" + v)
                want.append(x509.DirectoryName(DN(v)))
        cert_case(f"random san {i}", sum((["--san", a] for a in args), []),
                  [(SAN(want), False)])

    bad = [
        (["--san", "ip:300.1.1.1"], ["--san ip:300.1.1.1", "not an IP address"]),
        (["--san", "ip:10.0.0.0/8"], ["name constraints"]),
        (["--san", "dns:caf\u00e9.example"], ["ASCII"]),
        (["--san", "dns:"], ["empty"]),
        (["--san", "foo:bar"], ["unknown name type"]),
        (["--san", "nocolon"], ["TYPE:VALUE"]),
        (["--san", "rid:1.2.x"], ["not a valid OID"]),
        (["--san", "othername:1.2.3;der:3000zz"], ["der:"]),
        (["--san", "othername:1.2.3;bogus:x"], ["unknown value type"]),
        (["--san", "dirname:XX=1"], ["dirname", "unknown attribute type"]),
        (["--basic-constraints", "ca=false,pathlen=1"], ["pathlen needs ca=true"]),
        (["--basic-constraints", "ca=maybe"], ["--basic-constraints"]),
        (["--basic-constraints", "ca=true", "--basic-constraints", "ca=true"], ["given twice"]),
        (["--key-usage", "signing"], ["unknown key usage 'signing'"]),
        (["--key-usage", "decipher_only"], ["key_agreement"]),
        (["--eku", "nope"], ["'nope'", "extended key usage"]),
        (["--eku", "1.40.1"], ["'1.40.1'"]),
        (["--name-constraints", "permitted:ip:10.0.0.1/8"], ["host bits"]),
        (["--name-constraints", "ip:10.0.0.0/8"], ["permitted:TYPE:VALUE"]),
        (["--name-constraints", "permitted:ip:10.0.0.0/33"], ["prefix"]),
        (["--aia", "bogus:http://x/"], ["METHOD"]),
        (["--policy", "notanoid"], ["policy OID"]),
        (["--policy", "1.2.3,cps=http://a b/"], ["ASCII"]),
        (["--policy", "1.2.3,org=x"], ["go together"]),
        (["--policy", "1.2.3", "--policy", "1.2.3,cps=http://x/"], ["given twice"]),
        (["--policy-constraints", "x=1"], ["require-explicit"]),
        (["--policy-mappings", "2.5.29.32.0:1.2.3"], ["anyPolicy"]),
        (["--policy-mappings", "1.2.3"], ["ISSUER_OID:SUBJECT_OID"]),
        (["--inhibit-any-policy", "-1"], ["--inhibit-any-policy"]),
        (["--tls-feature", "ocsp"], ["unknown TLS feature"]),
        (["--ext", "1.2.3,critical,zz"], ["hex"]),
        (["--ext", "1.2.3,maybe,0500"], ["critical or noncritical"]),
        (["--ext", "1.2.3,critical,3000ff"], ["exactly one DER value"]),
        (["--ext", "2.5.29.15,critical,03020780", "--key-usage", "crl_sign"],
         ["--key-usage crl_sign", "already set by --ext"]),
        (["--key-usage", "crl_sign", "--ext", "2.5.29.15,critical,03020780"],
         ["--ext", "already set"]),
        (["--critical", "nothing"], ["'nothing'"]),
        (["--critical", "key-usage"], ["--critical key-usage", "no such extension"]),
        (["--crl-number", "1"], ["--crl-number", "not allowed in a certificate"]),
        (["--where", "csr", "--precert-poison"], ["not allowed in a CSR"]),
        (["--profile", "web"], ["unknown"]),
    ]
    for args, words in bad:
        refused("refuses " + " ".join(args), "cert", args, words)


def crls():
    t = datetime.datetime(2025, 12, 6, 5, 46, 40)   # enc_driver's NOW
    cn = x509.CRLNumber
    crl_case("crl number", ["--crl-number", "1", "--ian", "dns:ca.example"],
             [(cn(1), False), (x509.IssuerAlternativeName([x509.DNSName("ca.example")]), False)])
    big = "1461501637330902918203684832716283019655932542975"[:-1]   # < 2^159
    crl_case("crl number, 20 octets", ["--crl-number", big], [(cn(int(big)), False)])
    crl_case("crl number zero and hex delta", ["--crl-number", "0",
                                               "--delta-crl-indicator", "0x10"],
             [(cn(0), False), (x509.DeltaCRLIndicator(16), True)])
    IDP = x509.IssuingDistributionPoint
    U = x509.UniformResourceIdentifier
    RF = x509.ReasonFlags
    crl_case("idp full name", ["--issuing-distribution-point", "full=http://crl.example/a.crl"],
             [(IDP([U("http://crl.example/a.crl")], None, False, False, None, False, False),
               True)])
    crl_case("idp only-user with reasons",
             ["--issuing-distribution-point",
              "full=http://a/,full=dirname:CN=b,only-user,reasons=key-compromise:superseded"],
             [(IDP([U("http://a/"), x509.DirectoryName(DN("CN=b"))], None, True, False,
                   frozenset([RF.key_compromise, RF.superseded]), False, False), True)])
    crl_case("idp only-ca", ["--issuing-distribution-point", "only-ca"],
             [(IDP(None, None, False, True, None, False, False), True)])
    crl_case("idp indirect", ["--issuing-distribution-point", "full=http://i/,indirect"],
             [(IDP([U("http://i/")], None, False, False, None, True, False), True)])
    crl_case("idp only-attribute, every reason",
             ["--issuing-distribution-point",
              "only-attribute,reasons=keyCompromise:CACompromise:affiliation_changed:superseded:"
              "cessation-of-operation:certificate-hold:privilege-withdrawn:aa-compromise"],
             [(IDP(None, None, False, False, frozenset(REASON_BITS), False, True), True)])
    crl_case("crl aki from the issuer key, aia, freshest",
             ["--issuer-spki", spki_hex(ISSUER_KEY), "--aia", "ca-issuers:http://ca/",
              "--freshest-crl", "http://delta/"],
             [(x509.AuthorityInformationAccess([x509.AccessDescription(
                 AuthorityInformationAccessOID.CA_ISSUERS, U("http://ca/"))]), False),
              (x509.FreshestCRL([x509.DistributionPoint([U("http://delta/")], None, None,
                                                        None)]), False),
              (x509.AuthorityKeyIdentifier.from_issuer_public_key(ISSUER_KEY), False)])
    d = datetime.datetime(2025, 1, 2, 3, 4, 5)
    entries = [
        (1, t, []),
        (0x1234, d, [(x509.CRLReason(RF.key_compromise), False)]),
        (999, t, [(x509.CRLReason(RF.remove_from_crl), False),
                  (x509.InvalidityDate(datetime.datetime(2024, 6, 1)), False)]),
        (0x0102ab, datetime.datetime(2051, 1, 1), [(x509.CRLReason(RF.unspecified), False)]),
        (5, t, [(x509.CertificateIssuer([x509.DirectoryName(DN("CN=Other CA,O=X,C=US"))]),
                 True)]),
        (6, d, [(x509.CRLReason(RF.aa_compromise), False),
                (x509.InvalidityDate(datetime.datetime(2051, 2, 3, 4, 5, 6)), False),
                (x509.CertificateIssuer([x509.DirectoryName(DN("CN=y"))]), True)]),
    ]
    crl_case("revoked entries", [
        "--crl-number", "7",
        "--revoke", "1",
        "--revoke", "0x1234,reason=keyCompromise,date=2025-01-02T03:04:05Z",
        "--revoke", "999,reason=remove_from_crl,invalidity=2024-06-01T00:00:00Z",
        "--revoke", "01:02:ab,reason=unspecified,date=2051-01-01T00:00:00Z",
        "--revoke", "5,issuer=CN=Other CA,O=X,C=US",
        "--revoke", "6,date=2025-01-02T03:04:05Z,reason=aa-compromise,"
        "invalidity=2051-02-03T04:05:06Z,issuer=CN=y"],
        [(cn(7), False)], entries)
    for args, words in [
        (["--crl-number", "-1"], ["--crl-number", "not a number"]),
        (["--crl-number", "0x" + "ff" * 20], ["20 octets"]),
        (["--issuing-distribution-point", "only-user,only-ca"], ["only one of"]),
        (["--issuing-distribution-point", "reasons=unspecified"], ["not a reason flag"]),
        (["--issuing-distribution-point", "full="], ["expected full=URI"]),
        (["--issuing-distribution-point", "x"], ["expected full=URI"]),
        (["--revoke", "0"], ["positive"]),
        (["--revoke", "1,reason=fired"], ["reason=fired"]),
        (["--revoke", "1,date=yesterday"], ["date="]),
        (["--revoke", "1,issuer=XX=y"], ["issuer=", "unknown attribute type"]),
        (["--revoke", "1,color=red"], ["'color'"]),
        (["--san", "dns:x"], ["--san", "not allowed in a CRL"]),
    ]:
        refused("crl refuses " + " ".join(args), "crl", args, words)


names()
extensions()
crls()
print(f"{checked} cases, {len(failures)} failures")
sys.exit(1 if failures else 0)
