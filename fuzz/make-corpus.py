#!/usr/bin/python3
"""Rebuild fuzz/corpus/<target>/ from python3-cryptography-vectors and
hand-made edge cases, and fuzz/x509.dict.

    fuzz/make-corpus.py [VECTORS_ROOT]

Deterministic: the same vectors give the same corpus, so a rebuild shows
up in git only when the selection changes. A few dozen small, diverse
files per target (the whole corpus stays well under 2 MB); libFuzzer grows
it from there (scripts/fuzz --merge).

PEM is turned into DER here by reading the base64 between the BEGIN and
END lines, not with openssl: openssl re-encodes what it parses, and a
seed that openssl cannot parse is often the most interesting one.
"""
import base64
import hashlib
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")
VEC = sys.argv[1] if len(sys.argv) > 1 else \
    "/usr/lib/python3/dist-packages/cryptography_vectors"
X509 = os.path.join(VEC, "x509")

PEM_RE = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----", re.S)

PER_TARGET = 40
MAX_FILE = 16384


def pem_blocks(data):
    """(label, der) of each well-formed PEM block in data."""
    out = []
    for m in PEM_RE.finditer(data):
        body = re.sub(rb"\s+", b"", m.group(2))
        try:
            out.append((m.group(1).decode(), base64.b64decode(body, validate=True)))
        except ValueError:
            pass
    return out


def load(path, labels):
    """DER objects of the given PEM labels in a file (a .der is one)."""
    data = open(path, "rb").read()
    if b"-----BEGIN" not in data:
        return [data]
    return [der for label, der in pem_blocks(data) if label in labels]


def spread(items, n):
    """n items spread evenly over a sorted list: diverse, not the first n."""
    items = sorted(items)
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def files_under(*dirs, exts=(".pem", ".der", ".crt", ".crl")):
    out = []
    for d in dirs:
        for root, _, names in os.walk(os.path.join(X509, d)):
            out += [os.path.join(root, f) for f in names if f.endswith(exts)]
    return out


# --- a minimal DER walker, for pulling Names and SPKIs out of certificates.

def tlv(buf, i):
    """(tag, start of contents, end) of the TLV at i."""
    tag = buf[i]
    n = buf[i + 1]
    j = i + 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(buf[j:j + k], "big")
        j += k
    return tag, j, j + n


def children(buf, start, end):
    out = []
    i = start
    while i < end:
        tag, s, e = tlv(buf, i)
        out.append((tag, i, s, e))
        i = e
    return out


def cert_parts(der):
    """(issuer contents, subject contents, SPKI TLV) of a certificate."""
    _, s, e = tlv(der, 0)
    _, ts, te = tlv(der, s)
    kids = children(der, ts, te)
    if kids[0][0] == 0xA0:
        kids = kids[1:]
    issuer, subject, spki = kids[2], kids[4], kids[5]
    return (der[issuer[2]:issuer[3]], der[subject[2]:subject[3]],
            der[spki[1]:spki[3]])


def rsa_pkcs1(spki):
    """The RSAPublicKey inside an RSA SPKI, or None."""
    _, s, e = tlv(spki, 0)
    kids = children(spki, s, e)
    if b"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01" not in spki[kids[0][2]:kids[0][3]]:
        return None
    bits = kids[1]
    return spki[bits[2] + 1:bits[3]]


# --- hand-made inputs for the small targets.

def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def t(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def oid_der(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    out = b""
    for x in [arcs[0] * 40 + arcs[1]] + arcs[2:]:
        chunk = [x & 0x7F]
        x >>= 7
        while x:
            chunk.append(0x80 | (x & 0x7F))
            x >>= 7
        out += bytes(reversed(chunk))
    return out


def atv(dotted, tag, value):
    return t(0x30, t(0x06, oid_der(dotted)) + t(tag, value))


def rdn(*atvs):
    return t(0x31, b"".join(atvs))


def table_oids():
    """Dotted OIDs of the core's table (core/include/xc/oid.h)."""
    hdr = open(os.path.join(HERE, "..", "core", "include", "xc", "oid.h")).read()
    return re.findall(r'X\(\w+, "([0-9.]+)"', hdr)


def edge_names():
    cn, o, c = "2.5.4.3", "2.5.4.10", "2.5.4.6"
    return {
        "empty": b"",
        "cn": rdn(atv(cn, 0x0C, b"Good CA")),
        "multi-rdn": rdn(atv(cn, 0x0C, b"a"), atv(o, 0x13, b"b")) + rdn(atv(c, 0x13, b"US")),
        "escapes": rdn(atv(cn, 0x0C, b' #lead,+"\\<>;=trail ')),
        "nul": rdn(atv(cn, 0x0C, b"a\x00b")),
        "bmp": rdn(atv(cn, 0x1E, "h\u00e9\U0001F600".encode("utf-16-be"))),
        "bmp-odd": rdn(atv(cn, 0x1E, b"\x00a\x00")),
        "bmp-lone-surrogate": rdn(atv(cn, 0x1E, b"\xd8\x00\x00a")),
        "universal": rdn(atv(cn, 0x1C, "x\u00e9\U0001F600".encode("utf-32-be"))),
        "bitstring": rdn(atv("0.9.2342.19200300.100.1.1", 0x03, b"\x00\xde\xad")),
        "bad-utf8": rdn(atv(cn, 0x0C, b"\xc0\xaf")),
        "unknown-oid": rdn(atv("1.2.3.4.5.6.7.8", 0x0C, b"v")),
        "dc-uid-street": rdn(atv("0.9.2342.19200300.100.1.25", 0x16, b"example"))
        + rdn(atv("2.5.4.9", 0x0C, b"Main St")),
        "dup-in-rdn": rdn(atv(cn, 0x13, b"a"), atv(cn, 0x13, b"a")),
        "dup-in-rdn-across-tags": rdn(atv(cn, 0x0C, b"a"), atv(cn, 0x1E, b"\x00a"), atv(o, 0x0C, b"a")),
        "empty-set": t(0x31, b""),
        "truncated": rdn(atv(cn, 0x0C, b"abc"))[:-2],
        "long-form-len": b"\x31\x81\x09" + atv(cn, 0x0C, b"ab"),
        "high-tag": rdn(t(0x30, t(0x06, oid_der(cn)) + b"\x1f\x81\x00\x01x")),
    }


def edge_times():
    out = {}
    utc = ["500101000000Z", "491231235959Z", "000229120000Z", "010229120000Z",
           "991231235959Z", "700101000000Z", "201301000000Z", "200230000000Z",
           "200101240000Z", "200101006000Z", "200101000060Z", "2001010000Z",
           "200101000000+0000", "20010100000Z", "2001010000000Z", " 00101000000Z"]
    gen = ["19500101000000Z", "20000229000000Z", "21000229000000Z", "99991231235959Z",
           "00000101000000Z", "16000229000000Z", "19700101000000Z",
           "20200101000000.5Z", "2020010100000Z", "20201301000000Z", "20200431000000Z",
           "20200101000000", "2020-1-1000000Z"]
    for i, s in enumerate(utc):
        out["utc-%02d" % i] = s.encode()
    for i, s in enumerate(gen):
        out["gen-%02d" % i] = s.encode()
    out["tlv-utc"] = t(0x17, b"250101000000Z")
    out["tlv-gen"] = t(0x18, b"20250101000000Z")
    out["tlv-bad-tag"] = t(0x04, b"250101000000Z")
    return out


def edge_ints():
    hexes = ["", "00", "01", "7f", "80", "ff", "0080", "00ff", "ff7f", "ff80",
             "0001", "ffff", "7fffffffffffffff", "8000000000000000",
             "00ffffffffffffffff", "ff0000000000000000", "0100000000000000000000",
             "123456789abcdef0123456789abcdef012345678", "00" + "ff" * 20,
             "80" + "00" * 31, "01" + "00" * 64]
    return {"int-%02d" % i: bytes.fromhex(h) for i, h in enumerate(hexes)}


def edge_oids():
    out = {"table-%03d" % i: oid_der(d) for i, d in enumerate(table_oids())}
    out.update({
        "empty": b"",
        "trailing-high-bit": b"\x2a\x86",
        "leading-0x80": b"\x2a\x80\x01",
        "first-arc-2-big": oid_der("2.999.3"),
        "arc-2^64-1": oid_der("1.2.18446744073709551615"),
        "arc-2^64": oid_der("1.2.18446744073709551616"),
        "first-subid-2^64": b"\x82\x80\x80\x80\x80\x80\x80\x80\x80\x00",
        "long-65": oid_der("1.2." + ".".join(["1"] * 63)),
        "zero": b"\x00",
    })
    return out


# --- the libFuzzer dictionary, x509.dict.

DICT_FRAGMENTS = [
    ("seq_long2", b"\x30\x82"), ("seq_long1", b"\x30\x81"), ("seq_empty", b"\x30\x00"),
    ("set", b"\x31"), ("set_long1", b"\x31\x81"),
    ("version_v3", b"\xa0\x03\x02\x01\x02"), ("version_v1", b"\xa0\x03\x02\x01\x00"),
    ("version_v2_crl", b"\x02\x01\x01"), ("ext_wrapper", b"\xa3\x82"), ("ctx0", b"\xa0"),
    ("ctx0_implicit_empty", b"\xa0\x00"), ("ctx1_uid", b"\x81"), ("ctx2_uid", b"\x82"),
    ("utctime", b"\x17\x0d"), ("gentime", b"\x18\x0f"),
    ("utc_value", b"\x17\x0d250101000000Z"), ("gen_value", b"\x18\x0f20250101000000Z"),
    ("int1", b"\x02\x01"), ("int_zero", b"\x02\x01\x00"), ("int_neg", b"\x02\x01\xff"),
    ("int20", b"\x02\x14"), ("null", b"\x05\x00"), ("bool_true", b"\x01\x01\xff"),
    ("bool_false", b"\x01\x01\x00"), ("bitstring", b"\x03\x82"),
    ("bitstring_short", b"\x03\x01\x00"), ("octet", b"\x04\x82"), ("octet_short", b"\x04\x02"),
    ("oid_tag", b"\x06\x03"), ("utf8", b"\x0c"), ("printable", b"\x13"), ("ia5", b"\x16"),
    ("t61", b"\x14"), ("bmp", b"\x1e\x02"), ("universal", b"\x1c\x04"),
    ("high_tag", b"\x1f\x81\x00"), ("indefinite", b"\x80"),
    ("len_long4", b"\x84\xff\xff\xff\xff"), ("len_long8", b"\x88"), ("eoc", b"\x00\x00"),
    ("algid_sha256rsa_null", b"\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0b\x05\x00"),
    ("algid_ecdsa256", b"\x30\x0a\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x02"),
    ("pss_params", b"\x30\x34\xa0\x0f\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00"),
    ("bmp_surrogate", b"\xd8\x3d\xde\x00"), ("utf8_overlong", b"\xc0\xaf"),
    ("utf8_4byte", b"\xf0\x9f\x98\x80"),
]

PEM_LABELS = ["CERTIFICATE", "X509 CRL", "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST",
              "TRUSTED CERTIFICATE", "PUBLIC KEY", "RSA PUBLIC KEY", "PRIVATE KEY"]


def write_dict():
    def esc(b):
        return "".join("\\x%02x" % c for c in b)

    hdr = open(os.path.join(HERE, "..", "core", "include", "xc", "oid.h")).read()
    lines = ["# libFuzzer dictionary for the certfs fuzz targets (-dict=fuzz/x509.dict).",
             "# Written by fuzz/make-corpus.py: the OIDs come from core/include/xc/oid.h,",
             "# so rerun it when the table grows.", "",
             "# OBJECT IDENTIFIER TLVs of the core's OID table."]
    for name, dotted in re.findall(r'X\((\w+), "([0-9.]+)"', hdr):
        d = oid_der(dotted)
        lines.append('oid_%s="%s"' % (name.lower(), esc(bytes([6, len(d)]) + d)))
    lines += ["", "# DER tags, lengths and common fragments"]
    lines += ['%s="%s"' % (k, esc(v)) for k, v in DICT_FRAGMENTS]
    lines += ["", "# PEM"]
    for lab in PEM_LABELS:
        k = lab.lower().replace(" ", "_")
        lines.append('pem_begin_%s="-----BEGIN %s-----"' % (k, lab))
        lines.append('pem_end_%s="-----END %s-----"' % (k, lab))
    lines += ['pem_dashes="-----"', 'pem_pad="=="', 'pem_crlf="\\x0d\\x0a"', 'b64_seq="MII"',
              "", "# RFC 4514 specials"]
    for i, c in enumerate(["\\\\", '\\"', "+", ",", ";", "<", ">", "#", " ", "="]):
        lines.append('rfc4514_%d="%s"' % (i, c))
    with open(os.path.join(HERE, "x509.dict"), "w") as f:
        f.write("\n".join(lines) + "\n")


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def p7_corpus():
    """PKCS#7 bundles (fuzz_p7): pyca's PKCS#7 vectors (DER, and PEM
    unwrapped), a degenerate SignedData built here around a certificate
    and a CRL of the x509 vectors, and broken ones."""
    d7 = os.path.join(VEC, "pkcs7")
    for name in ("amazon-roots.der", "isrg.pem", "enveloped.pem"):
        path = os.path.join(d7, name)
        if not os.path.exists(path):
            continue
        data = open(path, "rb").read()
        if name.endswith(".pem"):
            for i, (_, der) in enumerate(pem_blocks(data)):
                write("p7", "%s-%d.der" % (name, i), der)
        else:
            write("p7", name, data)
    cert = load(os.path.join(X509, "cryptography.io.pem"), {"CERTIFICATE"})[0]
    crl = load(os.path.join(X509, "custom", "crl_empty.pem"), {"X509 CRL"})[0]
    signed_data = t(0x06, oid_der("1.2.840.113549.1.7.2"))
    data_oid = t(0x30, t(0x06, oid_der("1.2.840.113549.1.7.1")))

    def bundle(certs, crls, ctype=signed_data, signers=b""):
        sd = t(0x02, b"\x01") + t(0x31, b"") + data_oid
        if certs is not None:
            sd += t(0xa0, certs)
        if crls is not None:
            sd += t(0xa1, crls)
        return t(0x30, ctype + t(0xa0, t(0x30, sd + t(0x31, signers))))

    good = bundle(cert + cert, crl)
    write("p7", "edge-certs-and-crl", good)
    write("p7", "edge-no-sets", bundle(None, None))
    write("p7", "edge-attr-cert", bundle(t(0xa1, b"\x02\x01\x01") + cert, None))
    write("p7", "edge-not-signed-data", bundle(cert, None, t(0x06, oid_der("1.2.840.113549.1.7.3"))))
    write("p7", "edge-truncated", good[:-9])
    write("p7", "edge-trailing", good + b"\x00")
    write("p7", "edge-indefinite", b"\x30\x80" + signed_data + b"\xa0\x80\x00\x00\x00\x00")
    write("p7", "edge-empty", b"")


def main():
    write_dict()
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)

    certs = {}
    for path in files_under(".", exts=(".pem", ".der")):
        rel = os.path.relpath(path, X509)
        if rel.startswith(("PKITS_data", "ocsp", "requests")) or "crl" in rel:
            continue
        for i, der in enumerate(load(path, {"CERTIFICATE"})):
            certs["%s-%d" % (rel.replace("/", "-"), i)] = der
    for path in spread(files_under("PKITS_data/certs"), 15):
        certs[os.path.basename(path)] = open(path, "rb").read()
    certs = {k: v for k, v in certs.items() if len(v) <= MAX_FILE}
    for k in spread(certs, PER_TARGET):
        write("cert", k + ".der", certs[k])
    some = spread(certs, 8)
    write("cert", "edge-empty", b"")
    write("cert", "edge-seq-empty", b"\x30\x00")
    write("cert", "edge-indefinite", b"\x30\x80\x00\x00")
    write("cert", "edge-truncated", certs[some[0]][:-7])
    write("cert", "edge-trailing", certs[some[1]] + b"\x00")

    crls = {}
    for path in files_under("custom", exts=(".pem", ".der")):
        if "crl" in os.path.basename(path):
            for i, der in enumerate(load(path, {"X509 CRL"})):
                crls["%s-%d" % (os.path.basename(path), i)] = der
    for path in spread(files_under("PKITS_data/crls"), 20):
        crls[os.path.basename(path)] = open(path, "rb").read()
    crls = {k: v for k, v in crls.items() if len(v) <= 4 * MAX_FILE}
    for k in spread(crls, PER_TARGET):
        write("crl", k + ".der", crls[k])
    write("crl", "edge-empty", b"")
    write("crl", "edge-truncated", crls[sorted(crls)[0]][:-3])

    csrs = {}
    for path in files_under("requests"):
        for i, der in enumerate(load(path, {"CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"})):
            csrs["%s-%d" % (os.path.basename(path), i)] = der
    for k in sorted(csrs):
        write("csr", k + ".der", csrs[k])
    write("csr", "edge-empty", b"")
    write("csr", "edge-truncated", csrs[sorted(csrs)[0]][:-5])

    # SPKIs and Names of the chosen certificates, and PKCS#1 keys inside
    # the RSA ones (fuzz_spki reads each input both ways).
    spkis, names = {}, {}
    for k in sorted(certs):
        try:
            issuer, subject, spki = cert_parts(certs[k])
        except (IndexError, ValueError):
            continue
        h = hashlib.sha1(spki).hexdigest()[:12]
        spkis.setdefault(h, spki)
        names.setdefault(hashlib.sha1(subject).hexdigest()[:12], subject)
        names.setdefault(hashlib.sha1(issuer).hexdigest()[:12], issuer)
    for h in spread(spkis, 30):
        write("spki", "spki-" + h, spkis[h])
        p1 = rsa_pkcs1(spkis[h])
        if p1 and len(os.listdir(os.path.join(OUT, "spki"))) < 40:
            write("spki", "pkcs1-" + h, p1)
    write("spki", "edge-empty", b"")
    write("spki", "edge-ed25519-short",
          t(0x30, t(0x30, t(0x06, oid_der("1.3.101.112"))) + t(0x03, b"\x00" + b"\x11" * 31)))
    for h in spread(names, 30):
        write("name", "name-" + h, names[h])
    for k, v in edge_names().items():
        write("name", "edge-" + k, v)

    for k, v in edge_times().items():
        write("time", k, v)
    for k, v in edge_ints().items():
        write("int", k, v)
    for k, v in edge_oids().items():
        write("oid", k, v)

    # PEM: whole files as they come (chains, garbage around blocks, other
    # labels), then broken framing.
    pems = ["cryptography.io.chain.pem", "cryptography.io.with_garbage.pem",
            "cryptography.io.old_header.pem", "ed25519/root-ed25519.pem",
            "custom/crl_all_reasons.pem", "custom/crl_empty.pem",
            "requests/ec_sha256.pem", "requests/ec_sha256_old_header.pem",
            "requests/challenge.pem", "custom/dsa_selfsigned_ca.pem",
            "v1_cert.pem", "custom/ca/ca.pem", "custom/ca/ca_key.pem"]
    for p in pems:
        path = os.path.join(X509, p)
        if os.path.exists(path):
            write("pem", p.replace("/", "-"), open(path, "rb").read())
    pub = os.path.join(VEC, "asymmetric", "public", "PKCS1", "rsa.pub.pem")
    if os.path.exists(pub):
        write("pem", "rsa-public-key.pem", open(pub, "rb").read())
    cert_b64 = base64.encodebytes(certs[some[2]])
    write("pem", "edge-unterminated", b"-----BEGIN CERTIFICATE-----\n" + cert_b64)
    write("pem", "edge-label-mismatch", b"-----BEGIN CERTIFICATE-----\n" + cert_b64
          + b"-----END X509 CRL-----\n")
    write("pem", "edge-bad-base64", b"-----BEGIN CERTIFICATE-----\nMII*\n-----END CERTIFICATE-----\n")
    write("pem", "edge-empty-body", b"-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
    write("pem", "edge-bad-padding", b"-----BEGIN CERTIFICATE-----\nMA=A\n-----END CERTIFICATE-----\n")
    write("pem", "edge-crlf", b"-----BEGIN CERTIFICATE-----\r\n" + cert_b64.replace(b"\n", b"\r\n")
          + b"-----END CERTIFICATE-----\r\n")
    write("pem", "edge-public-key", b"-----BEGIN PUBLIC KEY-----\n"
          + base64.encodebytes(spkis[sorted(spkis)[0]]) + b"-----END PUBLIC KEY-----\n")
    write("pem", "edge-trusted", b"-----BEGIN TRUSTED CERTIFICATE-----\n"
          + base64.encodebytes(certs[some[3]] + t(0x30, t(0x30, t(0x06, oid_der("1.3.6.1.5.5.7.3.1")))))
          + b"-----END TRUSTED CERTIFICATE-----\n")

    p7_corpus()

    total = 0
    for root, _, names_ in os.walk(OUT):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in names_)
    for tg in sorted(os.listdir(OUT)):
        print("%-5s %3d files" % (tg, len(os.listdir(os.path.join(OUT, tg)))))
    print("total %d bytes" % total)


if __name__ == "__main__":
    main()
