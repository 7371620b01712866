/*
 * vfs/text.c - the `text` file: one human-readable page of a whole object
 * (see fields.h, docs/ABI.md).
 *
 * The page follows the layout of `openssl x509 -noout -text` (and of
 * `openssl crl` and `openssl req`) because that is the page people already
 * know how to read: the same headings, indentation, names (OpenSSL's short
 * names in Names, its long names for algorithms and extensions) and number
 * formats. Where OpenSSL 3.0's output is plainly a bug (a missing newline
 * in CRL distribution points) or depends on what its own decoder accepts,
 * the page says the sane thing instead. It must never fail on odd input:
 * anything the core does not decode is shown as a hex dump with a note,
 * and OIDs OpenSSL would not know by name are shown dotted.
 *
 * The page is built in a growing buffer (the vfs may allocate); one
 * out-of-memory flag is checked once at the end.
 *
 * This file holds the object-level layout (certificate, CRL, CSR), keys
 * and signatures; the extension printers are in text_ext.c, the Name
 * printers in text_name.c (below both: text.c and text_ext.c print Names)
 * and the shared formatting helpers in text_fmt.c (text_inner.h).
 */
#include "text_inner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- algorithms and keys ------------------------------------------------ */

/* RSASSA-PSS-params as written: absent fields have a NULL .p (their
 * defaults are for the printers to say). */
typedef struct pss {
	xc_slice hash, mgf, mgf_hash, salt, trailer;
} pss;

/* Reads the parameters leniently, as a page shows what it can; false if
 * they are not even a SEQUENCE. */
static bool pss_read(const xc_algid *alg, pss *out)
{
	xc_der d, seq;
	xc_tlv t;

	memset(out, 0, sizeof(*out));
	if (!xc_slice_present(alg->params))
		return false;
	xc_der_init(&d, alg->params.p, alg->params.len);
	if (xc_der_enter(&d, XC_TAG_SEQUENCE, &seq) != XC_OK)
		return false;
	while (xc_der_more(&seq) && xc_der_read(&seq, &t) == XC_OK) {
		xc_der in, alg_d;
		xc_algid a;

		xc_der_init(&in, t.value.p, t.value.len);
		if (t.tag == XC_TAG_CTX_CONS(0) && xc_der_read_algid(&in, &a) == XC_OK) {
			out->hash = a.oid;
		} else if (t.tag == XC_TAG_CTX_CONS(1) && xc_der_read_algid(&in, &a) == XC_OK) {
			out->mgf = a.oid;
			if (xc_slice_present(a.params)) {
				xc_algid h;

				xc_der_init(&alg_d, a.params.p, a.params.len);
				if (xc_der_read_algid(&alg_d, &h) == XC_OK)
					out->mgf_hash = h.oid;
			}
		} else if (t.tag == XC_TAG_CTX_CONS(2)) {
			(void)xc_der_read_int(&in, &out->salt);
		} else if (t.tag == XC_TAG_CTX_CONS(3)) {
			(void)xc_der_read_int(&in, &out->trailer);
		}
	}
	return true;
}

/* The parameters of an RSASSA-PSS signature AlgorithmIdentifier, one per
 * line, as rsa_pss_param_print shows them. */
static void put_pss_params(cfs_tb *b, const xc_algid *alg, int ind)
{
	pss p;

	if (!pss_read(alg, &p)) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "(INVALID PSS PARAMETERS)\n");
		return;
	}
	cfs_t_indent(b, ind);
	cfs_t_puts(b, "Hash Algorithm: ");
	if (p.hash.p)
		cfs_t_put_ln(b, p.hash);
	else
		cfs_t_puts(b, "sha1 (default)");
	cfs_t_puts(b, "\n");
	cfs_t_indent(b, ind);
	cfs_t_puts(b, "Mask Algorithm: ");
	if (p.mgf.p) {
		cfs_t_put_ln(b, p.mgf);
		cfs_t_puts(b, " with ");
		if (p.mgf_hash.p)
			cfs_t_put_ln(b, p.mgf_hash);
		else
			cfs_t_puts(b, "INVALID");
	} else {
		cfs_t_puts(b, "mgf1 with sha1 (default)");
	}
	cfs_t_puts(b, "\n");
	cfs_t_indent(b, ind);
	cfs_t_puts(b, " Salt Length: 0x");
	if (p.salt.p)
		cfs_t_put_int_hex(b, p.salt);
	else
		cfs_t_puts(b, "14 (default)");
	cfs_t_puts(b, "\n");
	cfs_t_indent(b, ind);
	cfs_t_puts(b, "Trailer Field: 0x");
	if (p.trailer.p)
		cfs_t_put_int_hex(b, p.trailer);
	else
		cfs_t_puts(b, "01 (default)");
	cfs_t_puts(b, "\n");
}

/* "Signature Algorithm: X" and, for RSASSA-PSS, its parameters (after
 * the indentation OpenSSL leaves at the end of the line). */
static void put_sigalg(cfs_tb *b, const xc_algid *alg, int ind)
{
	cfs_t_indent(b, ind);
	cfs_t_puts(b, "Signature Algorithm: ");
	cfs_t_put_ln(b, alg->oid);
	if (xc_oid_is(alg->oid, XC_OID_RSASSA_PSS)) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "\n");
		put_pss_params(b, alg, ind);
	} else {
		cfs_t_puts(b, "\n");
	}
}

/* "Name: 65537 (0x10001)" for a small number, else "Name:" and hex lines
 * with a leading 00 when the top bit is set (ASN1_bn_print). */
static void put_bn(cfs_tb *b, const char *label, xc_slice v, int ind)
{
	uint8_t buf[1040];      /* 8192-bit numbers; longer negative ones print as stored */
	bool neg;
	xc_slice m = cfs_t_int_magnitude(v, buf, sizeof(buf), &neg);
	uint64_t x;

	cfs_t_indent(b, ind);
	if (m.len == 0 || (m.len == 1 && m.p[0] == 0)) {
		cfs_t_printf(b, "%s 0\n", label);
		return;
	}
	if (cfs_t_mag_u64(m, &x)) {
		cfs_t_printf(b, "%s %s%" PRIu64 " (%s0x%" PRIx64 ")\n", label, neg ? "-" : "", x,
			  neg ? "-" : "", x);
		return;
	}
	cfs_t_printf(b, "%s%s\n", label, neg ? " (Negative)" : "");
	/* the magnitude, with a 00 first when its top bit is set: for a
	 * positive number that is its (minimal) DER contents */
	if (neg && v.len <= sizeof(buf) && m.len < sizeof(buf) && (m.p[0] & 0x80)) {
		memmove(buf + 1, m.p, m.len);
		buf[0] = 0;
		m = xc_slice_make(buf, m.len + 1);
	} else if (!neg) {
		m = v;
	}
	cfs_t_put_hexlines(b, m, 15, ind + 4);
}

/* OpenSSL's NIST name and group order size (what "Public-Key: (N bit)"
 * shows for EC) of the named curves. */
static const struct {
	const char *dotted;
	const char *nist;
	unsigned order_bits;
} curves[] = {
	{ "1.2.840.10045.3.1.1", "P-192", 192 },
	{ "1.3.132.0.33", "P-224", 224 },
	{ "1.2.840.10045.3.1.7", "P-256", 256 },
	{ "1.3.132.0.34", "P-384", 384 },
	{ "1.3.132.0.35", "P-521", 521 },
	{ "1.3.132.0.10", NULL, 256 },
	{ "1.3.132.0.1", "K-163", 163 },
	{ "1.3.132.0.15", "B-163", 163 },
	{ "1.3.132.0.26", "K-233", 232 },
	{ "1.3.132.0.27", "B-233", 233 },
	{ "1.3.132.0.16", "K-283", 281 },
	{ "1.3.132.0.17", "B-283", 282 },
	{ "1.3.132.0.36", "K-409", 407 },
	{ "1.3.132.0.37", "B-409", 409 },
	{ "1.3.132.0.38", "K-571", 570 },
	{ "1.3.132.0.39", "B-571", 570 },
	{ "1.3.36.3.3.2.8.1.1.7", NULL, 256 },
	{ "1.3.36.3.3.2.8.1.1.11", NULL, 384 },
	{ "1.3.36.3.3.2.8.1.1.13", NULL, 512 },
};

static void put_ec_key(cfs_tb *b, const xc_spki *k, int ind)
{
	char buf[DOTTED_MAX];
	const char *nist = NULL;
	size_t bits = k->bits;

	cfs_t_dotted(k->curve_oid, buf);
	for (size_t i = 0; i < sizeof(curves) / sizeof(curves[0]); i++) {
		if (strcmp(curves[i].dotted, buf) == 0) {
			nist = curves[i].nist;
			bits = curves[i].order_bits;
		}
	}
	cfs_t_indent(b, ind);
	cfs_t_printf(b, "Public-Key: (%zu bit)\n", bits);
	cfs_t_indent(b, ind);
	cfs_t_puts(b, "pub:\n");
	cfs_t_put_hexlines(b, k->ec_point, 15, ind + 4);
	cfs_t_indent(b, ind);
	cfs_t_puts(b, "ASN1 OID: ");
	cfs_t_put_sn(b, k->curve_oid);
	cfs_t_puts(b, "\n");
	if (nist) {
		cfs_t_indent(b, ind);
		cfs_t_printf(b, "NIST CURVE: %s\n", nist);
	}
}

/* OpenSSL 3's provider names of the hashes, which its PSS key printer
 * uses. */
static void put_provider_hash(cfs_tb *b, xc_slice oid)
{
	static const struct {
		xc_oid_id id;
		const char *name;
	} names[] = {
		{ XC_OID_SHA1, "SHA1" }, { XC_OID_SHA224, "SHA2-224" },
		{ XC_OID_SHA256, "SHA2-256" }, { XC_OID_SHA384, "SHA2-384" },
		{ XC_OID_SHA512, "SHA2-512" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (xc_oid_is(oid, names[i].id)) {
			cfs_t_puts(b, names[i].name);
			return;
		}
	}
	cfs_t_put_ln(b, oid);
}

/* The restrictions of an RSASSA-PSS key, as OpenSSL 3 prints them. */
static void put_pss_key_params(cfs_tb *b, const xc_algid *alg, int ind)
{
	pss p;
	uint64_t x = 0;
	bool neg;
	uint8_t buf[1];

	cfs_t_indent(b, ind);
	if (!pss_read(alg, &p)) {
		cfs_t_puts(b, "No PSS parameter restrictions\n");
		return;
	}
	cfs_t_puts(b, "PSS parameter restrictions:\n");
	cfs_t_indent(b, ind + 2);
	cfs_t_puts(b, "Hash Algorithm: ");
	if (p.hash.p)
		put_provider_hash(b, p.hash);
	else
		cfs_t_puts(b, "SHA1 (default)");
	cfs_t_puts(b, "\n");
	cfs_t_indent(b, ind + 2);
	cfs_t_puts(b, "Mask Algorithm: MGF1 with ");
	if (p.mgf_hash.p)
		put_provider_hash(b, p.mgf_hash);
	else
		cfs_t_puts(b, "SHA1 (default)");
	cfs_t_puts(b, "\n");
	cfs_t_indent(b, ind + 2);
	cfs_t_puts(b, "Minimum Salt Length: ");
	if (p.salt.p)
		cfs_t_put_int_dec(b, p.salt);
	else
		cfs_t_puts(b, "20 (default)");
	cfs_t_puts(b, "\n");
	cfs_t_indent(b, ind + 2);
	if (p.trailer.p && (!cfs_t_mag_u64(cfs_t_int_magnitude(p.trailer, buf, 0, &neg), &x) || x != 1)) {
		cfs_t_puts(b, "Trailer Field: 0x");
		cfs_t_put_int_hex(b, p.trailer);
		cfs_t_puts(b, "\n");
	} else {
		cfs_t_puts(b, "Trailer Field: 0x1 (default)\n");
	}
}

/* "Subject Public Key Info:" and the key, as OpenSSL's key printers do. */
static void put_spki(cfs_tb *b, xc_slice spki_raw)
{
	xc_spki k;
	xc_err e;
	size_t off = 0;
	const int ind = 16;

	cfs_t_puts(b, "        Subject Public Key Info:\n");
	e = xc_spki_parse(&k, spki_raw, spki_raw.p, &off);
	cfs_t_puts(b, "            Public Key Algorithm: ");
	if (e == XC_OK || e == XC_ERR_UNSUPPORTED || e == XC_ERR_KEY) {
		cfs_t_put_ln(b, k.alg.oid);
	} else {
		xc_der d;
		xc_der seq;
		xc_algid a;

		/* the SPKI's algorithm may still be readable */
		xc_der_init(&d, spki_raw.p, spki_raw.len);
		if (xc_der_enter(&d, XC_TAG_SEQUENCE, &seq) == XC_OK &&
		    xc_der_read_algid(&seq, &a) == XC_OK)
			cfs_t_put_ln(b, a.oid);
		else
			cfs_t_puts(b, "<unreadable>");
	}
	cfs_t_puts(b, "\n");
	if (e != XC_OK) {
		cfs_t_indent(b, ind);
		cfs_t_printf(b, "Unable to load Public Key: %s at byte %zu\n", xc_strerror(e), off);
		cfs_t_put_dump(b, spki_raw, ind);
		return;
	}
	switch (k.type) {
	case XC_KEY_RSA:
	case XC_KEY_RSA_PSS:
		cfs_t_indent(b, ind);
		cfs_t_printf(b, "Public-Key: (%zu bit)\n", k.bits);
		put_bn(b, "Modulus:", k.rsa_n, ind);
		put_bn(b, "Exponent:", k.rsa_e, ind);
		if (k.type == XC_KEY_RSA_PSS)
			put_pss_key_params(b, &k.alg, ind);
		break;
	case XC_KEY_EC:
		put_ec_key(b, &k, ind);
		break;
	case XC_KEY_ED25519:
	case XC_KEY_ED448:
	case XC_KEY_X25519:
	case XC_KEY_X448:
		cfs_t_indent(b, ind);
		cfs_t_put_ln(b, k.alg.oid);
		cfs_t_puts(b, " Public-Key:\n");
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "pub:\n");
		cfs_t_put_hexlines(b, k.ec_point, 15, ind + 4);
		break;
	case XC_KEY_DSA:
		cfs_t_indent(b, ind);
		cfs_t_printf(b, "Public-Key: (%zu bit)\n", k.bits);
		put_bn(b, "pub: ", k.dsa_y, ind);
		if (xc_slice_present(k.dsa_p)) {
			put_bn(b, "P:   ", k.dsa_p, ind);
			put_bn(b, "Q:   ", k.dsa_q, ind);
			put_bn(b, "G:   ", k.dsa_g, ind);
		}
		break;
	case XC_KEY_DH:
	case XC_KEY_UNKNOWN:
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "Public Key:\n");
		cfs_t_put_dump(b, k.key, ind + 4);
		break;
	}
}

static bool is_dsa_sig(xc_slice oid)
{
	return xc_oid_is(oid, XC_OID_DSA_WITH_SHA1) || xc_oid_is(oid, XC_OID_DSA_WITH_SHA224) ||
	       xc_oid_is(oid, XC_OID_DSA_WITH_SHA256) || xc_oid_is(oid, XC_OID_DSA_WITH_SHA384) ||
	       xc_oid_is(oid, XC_OID_DSA_WITH_SHA512);
}

/* A DSA signature as OpenSSL shows it: r and s. False if it is not the
 * SEQUENCE of two INTEGERs it should be (then it is dumped as bytes). */
static bool put_dsa_sig(cfs_tb *b, xc_slice sig)
{
	xc_der d, seq;
	xc_slice r, s;

	xc_der_init(&d, sig.p, sig.len);
	/* like OpenSSL, ignore bytes after the SEQUENCE */
	if (xc_der_enter(&d, XC_TAG_SEQUENCE, &seq) != XC_OK || xc_der_read_int(&seq, &r) != XC_OK ||
	    xc_der_read_int(&seq, &s) != XC_OK || xc_der_finish(&seq) != XC_OK)
		return false;
	put_bn(b, "r:   ", r, 8);
	put_bn(b, "s:   ", s, 8);
	return true;
}

/* "    Signature Algorithm: ..." then "    Signature Value:" and the
 * signature's bytes, 18 per line (X509_signature_print). */
static void put_signature(cfs_tb *b, const xc_algid *alg, xc_slice sig)
{
	cfs_t_puts(b, "    Signature Algorithm: ");
	cfs_t_put_ln(b, alg->oid);
	cfs_t_puts(b, "\n    Signature Value:");
	if (xc_oid_is(alg->oid, XC_OID_RSASSA_PSS)) {
		cfs_t_puts(b, "        \n");
		put_pss_params(b, alg, 8);
	} else {
		cfs_t_puts(b, "\n");
	}
	if (is_dsa_sig(alg->oid) && put_dsa_sig(b, sig))
		return;
	cfs_t_put_hexlines(b, sig, 18, 8);
}

/* ---- the three pages ---------------------------------------------------- */

static void put_serial(cfs_tb *b, xc_slice serial)
{
	uint8_t buf[64];
	bool neg;
	xc_slice m = cfs_t_int_magnitude(serial, buf, sizeof(buf), &neg);
	uint64_t x;

	cfs_t_puts(b, "        Serial Number:");
	/* OpenSSL shows a serial that fits a long in decimal and hex; -1 is
	 * its error value, so it falls to the long form too */
	if (cfs_t_mag_u64(m, &x) && (neg ? x <= (uint64_t)INT64_MAX + 1 : x <= INT64_MAX) &&
	    !(neg && x == 1)) {
		cfs_t_printf(b, " %s%" PRIu64 " (%s0x%" PRIx64 ")\n", neg ? "-" : "", x,
			  neg ? "-" : "", x);
		return;
	}
	cfs_t_printf(b, "\n            %s", neg ? " (Negative)" : "");
	for (size_t i = 0; i < m.len; i++)
		cfs_t_printf(b, "%02x%c", m.p[i], i + 1 == m.len ? '\n' : ':');
	if (m.len == 0)
		cfs_t_puts(b, "\n");
}

static void put_uid(cfs_tb *b, const char *label, xc_slice uid)
{
	if (!xc_slice_present(uid))
		return;
	/* OpenSSL's line: the label, then the dump's first indentation */
	cfs_t_printf(b, "        %s: ", label);
	cfs_t_put_hexlines(b, uid, 18, 12);
}

static void cert_page(cfs_tb *b, const xc_cert *c)
{
	cfs_t_puts(b, "Certificate:\n    Data:\n");
	if (c->version >= 0 && c->version <= 2)
		cfs_t_printf(b, "        Version: %d (0x%x)\n", (int)c->version + 1, (unsigned)c->version);
	else
		cfs_t_printf(b, "        Version: Unknown (%" PRId64 ")\n", c->version);
	put_serial(b, c->serial);
	put_sigalg(b, &c->tbs_sig_alg, 8);
	cfs_t_puts(b, "        Issuer: ");
	cfs_t_put_name(b, c->issuer);
	cfs_t_puts(b, "\n        Validity\n            Not Before: ");
	cfs_t_put_time(b, &c->not_before);
	cfs_t_puts(b, "\n            Not After : ");
	cfs_t_put_time(b, &c->not_after);
	cfs_t_puts(b, "\n        Subject: ");
	cfs_t_put_name(b, c->subject);
	cfs_t_puts(b, "\n");
	put_spki(b, c->spki);
	put_uid(b, "Issuer Unique ID", c->issuer_uid);
	put_uid(b, "Subject Unique ID", c->subject_uid);
	cfs_t_put_exts(b, "X509v3 extensions", c->extensions, 8, 12);
	put_signature(b, &c->sig_alg, c->signature);
}

static void crl_page(cfs_tb *b, const xc_crl *crl)
{
	xc_revoked_iter it;
	xc_revoked r;

	cfs_t_puts(b, "Certificate Revocation List (CRL):\n");
	if (crl->version >= 0 && crl->version <= 1)
		cfs_t_printf(b, "        Version %d (0x%x)\n", (int)crl->version + 1,
			  (unsigned)crl->version);
	else
		cfs_t_printf(b, "        Version unknown (%" PRId64 ")\n", crl->version);
	put_sigalg(b, &crl->tbs_sig_alg, 8);
	cfs_t_puts(b, "        Issuer: ");
	cfs_t_put_name(b, crl->issuer);
	cfs_t_puts(b, "\n        Last Update: ");
	cfs_t_put_time(b, &crl->last_update);
	cfs_t_puts(b, "\n        Next Update: ");
	if (crl->has_next_update)
		cfs_t_put_time(b, &crl->next_update);
	else
		cfs_t_puts(b, "NONE");
	cfs_t_puts(b, "\n");
	cfs_t_put_exts(b, "CRL extensions", crl->extensions, 8, 12);
	cfs_t_puts(b, crl->revoked_count ? "Revoked Certificates:\n" : "No Revoked Certificates.\n");
	xc_revoked_iter_init(&it, crl);
	while (xc_revoked_next(&it, &r) == XC_OK) {
		cfs_t_puts(b, "    Serial Number: ");
		cfs_t_put_int_hex(b, r.serial);
		cfs_t_puts(b, "\n        Revocation Date: ");
		cfs_t_put_time(b, &r.revocation_date);
		cfs_t_puts(b, "\n");
		cfs_t_put_exts(b, "CRL entry extensions", r.extensions, 8, 12);
	}
	put_signature(b, &crl->sig_alg, crl->signature);
}

/* One CSR attribute other than the extension request: "name   :value"
 * padded to 25 columns as X509_REQ_print_ex does, one line per value
 * (later ones under the first, without the name). */
static void put_csr_attr(cfs_tb *b, const xc_csr_attr *a)
{
	size_t start = b->len;
	xc_der d;
	xc_tlv t;
	size_t i = 0;

	cfs_t_indent(b, 12);
	cfs_t_put_ln(b, a->oid);
	if (!b->fail)
		for (size_t n = b->len - start - 12; n < 25; n++)
			cfs_t_puts(b, " ");
	xc_der_init(&d, a->values.p, a->values.len);
	while (xc_der_more(&d) && xc_der_read(&d, &t) == XC_OK) {
		if (i++)
			cfs_t_indent(b, 25);
		cfs_t_puts(b, ":");
		switch (t.tag) {
		case XC_TAG_PRINTABLE_STRING:
		case XC_TAG_T61_STRING:
		case XC_TAG_NUMERIC_STRING:
		case XC_TAG_UTF8_STRING:
		case XC_TAG_IA5_STRING:
			cfs_t_put(b, (const char *)t.value.p, t.value.len);
			cfs_t_puts(b, "\n");
			break;
		default:
			cfs_t_puts(b, "unable to print attribute\n");
			break;
		}
	}
	if (i == 0)
		cfs_t_puts(b, ":\n");
}

/*
 * The extension request of a CSR the core refuses, read leniently: some
 * tools write an explicit critical FALSE, which DER forbids (the core,
 * like pyca, refuses the whole request), yet every extension in it reads.
 * Shown as far as it reads, with the core's reason after it.
 */
static void put_csr_exts_lenient(cfs_tb *b, const xc_csr *csr, xc_err why, size_t why_off)
{
	xc_csr_attr_iter it;
	xc_csr_attr a;
	xc_der d, seq;

	cfs_t_puts(b, "            Requested Extensions:\n");
	xc_csr_attr_iter_init(&it, csr);
	while (xc_csr_attr_next(&it, &a) == XC_OK) {
		if (xc_oid_is(a.oid, XC_OID_EXTENSION_REQUEST) ||
		    xc_oid_is(a.oid, XC_OID_MS_EXTENSION_REQUEST))
			break;
	}
	xc_der_init_at(&d, a.value_raw, csr->der.p);
	if (a.value_raw.p && xc_der_enter(&d, XC_TAG_SEQUENCE, &seq) == XC_OK) {
		while (xc_der_more(&seq)) {
			xc_der x;
			xc_ext ext = { 0 };

			if (xc_der_enter(&seq, XC_TAG_SEQUENCE, &x) != XC_OK ||
			    xc_der_read_oid(&x, &ext.oid) != XC_OK ||
			    (xc_der_peek(&x, XC_TAG_BOOLEAN) &&
			     xc_der_read_bool(&x, &ext.critical) != XC_OK) ||
			    xc_der_expect(&x, XC_TAG_OCTET_STRING, &ext.value) != XC_OK)
				break;
			cfs_t_put_ext(b, &ext, 16);
		}
	}
	cfs_t_printf(b, "                <Not DER: %s at byte %zu>\n", xc_strerror(why), why_off);
}

static void csr_page(cfs_tb *b, const xc_csr *csr)
{
	xc_csr_attr_iter it;
	xc_csr_attr a;
	xc_slice exts;
	size_t off = 0;
	xc_err e;

	cfs_t_puts(b, "Certificate Request:\n    Data:\n");
	if (csr->version == 0)
		cfs_t_puts(b, "        Version: 1 (0x0)\n");
	else
		cfs_t_printf(b, "        Version: Unknown (%" PRId64 ")\n", csr->version);
	cfs_t_puts(b, "        Subject: ");
	cfs_t_put_name(b, csr->subject);
	cfs_t_puts(b, "\n");
	put_spki(b, csr->spki);
	cfs_t_puts(b, "        Attributes:\n");
	if (csr->attr_count == 0)
		cfs_t_puts(b, "            (none)\n");
	xc_csr_attr_iter_init(&it, csr);
	while (xc_csr_attr_next(&it, &a) == XC_OK) {
		if (xc_oid_is(a.oid, XC_OID_EXTENSION_REQUEST) ||
		    xc_oid_is(a.oid, XC_OID_MS_EXTENSION_REQUEST))
			continue;
		put_csr_attr(b, &a);
	}
	/* OpenSSL 3.0 shows the heading even with no extension request */
	e = xc_csr_extensions(csr, &exts, NULL, &off);
	if (e == XC_OK) {
		cfs_t_put_exts(b, "Requested Extensions", exts, 12, 16);
		if (exts.len == 0)
			cfs_t_puts(b, "            Requested Extensions:\n");
	} else if (e == XC_NOT_FOUND) {
		cfs_t_puts(b, "            Requested Extensions:\n");
	} else {
		put_csr_exts_lenient(b, csr, e, off);
	}
	put_signature(b, &csr->sig_alg, csr->signature);
}

/* What does not parse: the reason, and the bytes. */
static void invalid_page(cfs_tb *b, xc_err e, size_t off, const uint8_t *der, size_t len)
{
	cfs_t_printf(b, "Invalid object: %s at byte %zu\n", xc_strerror(e), off);
	cfs_t_puts(b, "    DER:\n");
	cfs_t_put_dump(b, xc_slice_make(der, len), 8);
}

/* Keeps the error of the parser that got furthest. */
static void keep_furthest(xc_err e, size_t off, xc_err *best, size_t *best_off)
{
	if (e != XC_OK && (*best == XC_ERR_ARG || off > *best_off)) {
		*best = e;
		*best_off = off;
	}
}

/* see fields.h */
char *cfs_text_page(cfs_type type, const uint8_t *der, size_t len, size_t *out_len)
{
	cfs_tb b = { 0 };
	xc_cert c;
	xc_crl crl;
	xc_csr csr;
	xc_err best = XC_ERR_ARG;
	size_t off, best_off = 0;
	/* no hint: every parser; invalid: every parser, for the reason only */
	bool any = type == CFS_UNKNOWN || type == CFS_INVALID;
	bool render = type != CFS_INVALID;
	xc_err e;

	if (!der)
		len = 0;
	if (type == CFS_CERT || any) {
		off = 0;
		e = xc_cert_parse(&c, der, len, &off);
		if (e == XC_OK && render) {
			cert_page(&b, &c);
			goto done;
		}
		keep_furthest(e, off, &best, &best_off);
	}
	if (type == CFS_CRL || any) {
		off = 0;
		e = xc_crl_parse(&crl, der, len, &off);
		if (e == XC_OK && render) {
			crl_page(&b, &crl);
			goto done;
		}
		keep_furthest(e, off, &best, &best_off);
	}
	if (type == CFS_CSR || any) {
		off = 0;
		e = xc_csr_parse(&csr, der, len, &off);
		if (e == XC_OK && render) {
			csr_page(&b, &csr);
			goto done;
		}
		keep_furthest(e, off, &best, &best_off);
	}
	invalid_page(&b, best, best_off, der, len);
done:
	if (b.fail || b.len == 0 || b.p[b.len - 1] != '\n') {
		free(b.p);
		return NULL;
	}
	if (out_len)
		*out_len = b.len;
	return b.p;
}
