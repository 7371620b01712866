/*
 * diff_ossl.c - the differential check against OpenSSL (fuzz.h,
 * fz_diff_ossl): the core and libcrypto's d2i_X509 / d2i_X509_CRL /
 * d2i_X509_REQ on the same bytes.
 *
 * Both accept, or both reject, or the difference is one the allow-list
 * below classifies (docs/fuzzing.md, "Allow-list"): OpenSSL's decoder is
 * BER-tolerant and checks little beyond the structure's shape, so where
 * the core refuses something DER (X.690 10-11) or RFC 5280 forbids, the
 * core's error names the rule, and the error is the allow-list's key. Any
 * other disagreement aborts, and so does any difference in the main
 * values of an object both accept: serial, names (the DER as read, each
 * attribute's RDN, type, string tag and value), validity times, the
 * extensions (OID and criticality, in order), the public key's and the
 * signature's algorithm OIDs, CRL entries, the CSR's attribute count.
 *
 * OpenSSL allocates: every libcrypto call runs between fz_allow_begin and
 * fz_allow_end, so the count (alloc.c) still covers every core call.
 */
#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fuzz.h"

/* The allow-list: core errors whose rule OpenSSL does not enforce, when the
 * core refuses and OpenSSL accepts. Each is a rule of DER or RFC 5280 that
 * the core keeps and d2i does not check (docs/fuzzing.md says why, one by
 * one). Anything the core refuses with another error must be refused by
 * OpenSSL too. */
static const xc_err refused_by_core_only[] = {
	XC_ERR_LEN_INDEFINITE,  /* BER indefinite lengths */
	XC_ERR_LEN_NONMINIMAL,  /* BER long-form lengths */
	XC_ERR_SET_ORDER,       /* SET OF not sorted (X.690 11.6) */
	XC_ERR_BOOL,            /* BOOLEAN other than 00/ff (X.690 11.1) */
	XC_ERR_DEFAULT,         /* DEFAULT value encoded (X.690 11.5) */
	XC_ERR_BITSTRING,       /* BIT STRING padding bits set (X.690 11.2.1) */
	XC_ERR_TIME,            /* time not as RFC 5280 4.1.2.5 requires */
	XC_ERR_TIME_RANGE,      /* impossible date (30 February) */
	XC_ERR_STRING,          /* string invalid for its type */
	XC_ERR_VERSION,         /* version not allowed (RFC 5280 4.1.2.1) */
	XC_ERR_EMPTY,           /* empty SEQUENCE OF (RFC 5280 4.1) */
	XC_ERR_ALGORITHM,       /* algorithm parameters wrong for it */
	XC_ERR_KEY,             /* public key malformed for its algorithm */
	XC_ERR_EXT_VALUE,       /* extension value violates its definition */
	XC_ERR_TAG_OVERFLOW,    /* tag number past 24 bits: the core's limit */
};

/* A constructed encoding of a universal string type (BER, X.690 8.21;
 * DER wants them primitive, 10.2): the core's XC_ERR_TAG at that byte. */
static bool constructed_string(const uint8_t *data, size_t size, size_t off)
{
	uint8_t id;

	if (off >= size)
		return false;
	id = data[off];
	if ((id & 0xe0) != 0x20)
		return false;
	switch (id & 0x1f) {
	case XC_TAG_BIT_STRING: case XC_TAG_OCTET_STRING: case XC_TAG_UTF8_STRING:
	case XC_TAG_NUMERIC_STRING: case XC_TAG_PRINTABLE_STRING: case XC_TAG_T61_STRING:
	case XC_TAG_VIDEOTEX_STRING: case XC_TAG_IA5_STRING: case XC_TAG_UTC_TIME:
	case XC_TAG_GENERALIZED_TIME: case XC_TAG_GRAPHIC_STRING: case XC_TAG_VISIBLE_STRING:
	case XC_TAG_GENERAL_STRING: case XC_TAG_UNIVERSAL_STRING: case XC_TAG_BMP_STRING:
		return true;
	}
	return false;
}

static bool allowed_refusal(xc_err e)
{
	for (size_t i = 0; i < sizeof(refused_by_core_only) / sizeof(*refused_by_core_only); i++)
		if (refused_by_core_only[i] == e)
			return true;
	return false;
}

/* An opaque value (ANY: a name's AttributeValue, an AlgorithmIdentifier's
 * parameters) that OpenSSL's decoder refuses while the core, like pyca,
 * keeps it as one TLV it does not look into: OpenSSL decodes the universal
 * types inside ANY, so universal tag 0 (the BER end-of-contents marker),
 * a BOOLEAN not one octet, a NULL with contents, an INTEGER or ENUMERATED
 * empty or padded, a malformed OBJECT IDENTIFIER or BIT STRING, a
 * BMPString or UniversalString of a length no character count gives, or a
 * constructed value whose contents are not a run of acceptable TLVs. */
static bool opaque_refused(uint32_t tag, xc_slice v, int depth)
{
	xc_der d;
	xc_tlv t;

	switch (tag) {
	case 0:
		return true;
	case XC_TAG_BOOLEAN:
		return v.len != 1;
	case XC_TAG_NULL:
		return v.len != 0;
	case XC_TAG_INTEGER:
	case XC_TAG_ENUMERATED:
		return xc_der_check_int(v) != XC_OK;
	case XC_TAG_OID:
		return xc_der_check_oid(v) != XC_OK;
	case XC_TAG_BIT_STRING:
		return v.len == 0 || v.p[0] > 7;
	case XC_TAG_BMP_STRING:
		return v.len % 2 != 0;
	case XC_TAG_UNIVERSAL_STRING:
		return v.len % 4 != 0;
	}
	if (!xc_tag_constructed(tag) || depth > 16)
		return false;
	xc_der_init(&d, v.p, v.len);
	while (xc_der_more(&d)) {
		if (xc_der_read(&d, &t) != XC_OK || opaque_refused(t.tag, t.value, depth + 1))
			return true;
	}
	return false;
}

static bool params_refused(const xc_algid *a)
{
	xc_der d;
	xc_tlv t;

	if (!a->params.p)
		return false;
	xc_der_init(&d, a->params.p, a->params.len);
	return xc_der_read(&d, &t) == XC_OK && opaque_refused(t.tag, t.value, 0);
}

/* The ways round the core accepts what OpenSSL refuses (docs/fuzzing.md,
 * "Allow-list"): a name with a field error (xc/name.h: a value that is no
 * string of its type, an empty RDN), which the core reports on the field
 * while OpenSSL refuses the object as it converts every value to UTF-8; a
 * name value of a type OpenSSL's names do not take (ossl_printable); a
 * public key the core decodes on demand only (its error is the field's,
 * docs/core.md "Field errors"); an opaque value OpenSSL refuses. */
/* The value types OpenSSL's X509_NAME_ENTRY takes (ASN1_PRINTABLE, as
 * ASN1_tag2bit maps tags): any other universal type, and any tag of
 * another class, it refuses. */
static bool ossl_printable(uint32_t tag)
{
	if (xc_tag_constructed(tag))
		return tag == XC_TAG_SEQUENCE;
	switch (tag) {
	case XC_TAG_BIT_STRING: case XC_TAG_UTF8_STRING: case XC_TAG_NUMERIC_STRING:
	case XC_TAG_PRINTABLE_STRING: case XC_TAG_T61_STRING: case XC_TAG_IA5_STRING:
	case XC_TAG_UNIVERSAL_STRING: case XC_TAG_BMP_STRING:
	case 7: case 8: case 9: case 10: case 11: case 13: case 14: case 15: case 29:
		return true;
	}
	return false;
}

static bool ossl_refuses_value(const xc_attr *a)
{
	return !ossl_printable(a->tag) || opaque_refused(a->tag, a->value, 0);
}

static bool name_allowed(xc_slice name)
{
	return fz_name_has(name, ossl_refuses_value);
}

static bool spki_allowed(xc_slice raw)
{
	xc_spki k;
	size_t off;

	return xc_spki_parse(&k, raw, raw.p, &off) != XC_OK || params_refused(&k.alg);
}

static bool allowed_acceptance(enum fz_kind kind, const void *u)
{
	const xc_cert *c = u;
	const xc_crl *crl = u;
	const xc_csr *csr = u;

	switch (kind) {
	case FZ_CERT:
		return name_allowed(c->issuer) || name_allowed(c->subject) ||
		       spki_allowed(c->spki) || params_refused(&c->tbs_sig_alg) ||
		       params_refused(&c->sig_alg);
	case FZ_CRL:
		return name_allowed(crl->issuer) || params_refused(&crl->tbs_sig_alg) ||
		       params_refused(&crl->sig_alg);
	case FZ_CSR:
		return name_allowed(csr->subject) || spki_allowed(csr->spki) ||
		       params_refused(&csr->sig_alg);
	}
	return false;
}

static void same_bytes(xc_slice s, const uint8_t *p, size_t len)
{
	FZ_CHECK(s.len == len);
	FZ_CHECK(len == 0 || memcmp(s.p, p, len) == 0);
}

static void same_oid(xc_slice oid, const ASN1_OBJECT *o)
{
	fz_allow_begin();
	size_t len = OBJ_length(o);
	const uint8_t *p = OBJ_get0_data(o);
	fz_allow_end();

	same_bytes(oid, p, len);
}

/* An INTEGER's contents against OpenSSL's value, re-encoded. */
static void same_int(xc_slice v, const ASN1_INTEGER *a)
{
	uint8_t *der = NULL;
	const uint8_t *q;
	long len;
	int tag, cls, n;

	fz_allow_begin();
	n = i2d_ASN1_INTEGER(a, &der);
	fz_allow_end();
	FZ_CHECK(n > 0);
	q = der;
	FZ_CHECK(!(ASN1_get_object(&q, &len, &tag, &cls, n) & 0x80));
	same_bytes(v, q, (size_t)len);
	OPENSSL_free(der);
}

static void same_time(const xc_time *t, const ASN1_TIME *a)
{
	struct tm tm;
	int ok;

	if (t->err != XC_OK)    /* a field error (year 0000): no value */
		return;
	fz_allow_begin();
	ok = ASN1_TIME_to_tm(a, &tm);
	fz_allow_end();
	FZ_CHECK(ok == 1);
	FZ_CHECK(tm.tm_year + 1900 == t->year && tm.tm_mon + 1 == t->month &&
	         tm.tm_mday == t->day && tm.tm_hour == t->hour &&
	         tm.tm_min == t->minute && tm.tm_sec == t->second);
	FZ_CHECK(ASN1_STRING_type(a) == (int)t->tag);
}

/* The Name as read (OpenSSL keeps the input bytes), then every attribute:
 * its RDN, type and value. */
static void same_name(xc_slice raw, xc_slice name, const X509_NAME *n)
{
	const uint8_t *der;
	size_t len;
	xc_name_iter it;
	xc_attr a;
	int i = 0, count;

	fz_allow_begin();
	FZ_CHECK(X509_NAME_get0_der(n, &der, &len) == 1);
	count = X509_NAME_entry_count(n);
	fz_allow_end();
	same_bytes(raw, der, len);
	FZ_CHECK((size_t)count == xc_name_attr_count(name));

	xc_name_iter_init(&it, name);
	while (xc_name_next(&it, &a) == XC_OK) {
		const X509_NAME_ENTRY *e;
		const ASN1_STRING *v;

		FZ_CHECK(i < count);
		fz_allow_begin();
		e = X509_NAME_get_entry(n, i);
		v = X509_NAME_ENTRY_get_data(e);
		fz_allow_end();
		same_oid(a.oid, X509_NAME_ENTRY_get_object(e));
		FZ_CHECK((size_t)X509_NAME_ENTRY_set(e) == a.rdn);
		/* A string's tag and contents; other types OpenSSL keeps whole. */
		if (a.tag < 0x1f && a.tag != XC_TAG_NULL && a.tag != XC_TAG_BOOLEAN) {
			xc_slice val = a.value;

			/* OpenSSL keeps a BIT STRING's bits without the
			 * unused-bits octet. */
			if (a.tag == XC_TAG_BIT_STRING && val.len > 0) {
				val.p++;
				val.len--;
			}
			FZ_CHECK(ASN1_STRING_type(v) == (int)a.tag);
			same_bytes(val, ASN1_STRING_get0_data(v),
			           (size_t)ASN1_STRING_length(v));
		}
		i++;
	}
	FZ_CHECK(i == count);
}

/* Extensions in order: OID and criticality. */
static void same_exts(xc_slice exts, size_t count,
                      const STACK_OF(X509_EXTENSION) *sk)
{
	xc_ext_iter it;
	xc_ext x;
	int i = 0, n;

	fz_allow_begin();
	n = sk ? sk_X509_EXTENSION_num(sk) : 0;
	fz_allow_end();
	FZ_CHECK((size_t)n == count);
	xc_ext_iter_init(&it, exts);
	while (xc_ext_next(&it, &x) == XC_OK) {
		X509_EXTENSION *e;

		FZ_CHECK(i < n);
		fz_allow_begin();
		e = sk_X509_EXTENSION_value(sk, i);
		fz_allow_end();
		same_oid(x.oid, X509_EXTENSION_get_object(e));
		FZ_CHECK(x.critical == (X509_EXTENSION_get_critical(e) == 1));
		i++;
	}
	FZ_CHECK(i == n);
}

/* The SubjectPublicKeyInfo's algorithm OID. */
static void same_key_alg(xc_slice spki, const X509_PUBKEY *pk)
{
	ASN1_OBJECT *o = NULL;
	xc_der d, in;
	xc_algid alg;

	xc_der_init(&d, spki.p, spki.len);
	FZ_CHECK(xc_der_enter(&d, XC_TAG_SEQUENCE, &in) == XC_OK);
	FZ_CHECK(xc_der_read_algid(&in, &alg) == XC_OK);
	fz_allow_begin();
	FZ_CHECK(X509_PUBKEY_get0_param(&o, NULL, NULL, NULL, pk) == 1);
	fz_allow_end();
	same_oid(alg.oid, o);
}

static void same_sig_alg(const xc_algid *a, const X509_ALGOR *alg)
{
	const ASN1_OBJECT *o;

	X509_ALGOR_get0(&o, NULL, NULL, alg);
	same_oid(a->oid, o);
}

static void cmp_cert(const xc_cert *c, const X509 *x)
{
	const X509_ALGOR *sa;

	same_int(c->serial, X509_get0_serialNumber(x));
	same_name(c->issuer_raw, c->issuer, X509_get_issuer_name(x));
	same_name(c->subject_raw, c->subject, X509_get_subject_name(x));
	same_time(&c->not_before, X509_get0_notBefore(x));
	same_time(&c->not_after, X509_get0_notAfter(x));
	same_exts(c->extensions, c->ext_count, X509_get0_extensions(x));
	same_key_alg(c->spki, X509_get_X509_PUBKEY(x));
	X509_get0_signature(NULL, &sa, x);
	same_sig_alg(&c->sig_alg, sa);
	FZ_CHECK(X509_get_version(x) == c->version);
}

static void cmp_crl(const xc_crl *c, const X509_CRL *x)
{
	STACK_OF(X509_REVOKED) *rev;
	const X509_ALGOR *sa;
	xc_revoked_iter it;
	xc_revoked r;
	int i = 0, n;

	same_name(c->issuer_raw, c->issuer, X509_CRL_get_issuer(x));
	same_time(&c->last_update, X509_CRL_get0_lastUpdate(x));
	FZ_CHECK(c->has_next_update == (X509_CRL_get0_nextUpdate(x) != NULL));
	if (c->has_next_update)
		same_time(&c->next_update, X509_CRL_get0_nextUpdate(x));
	same_exts(c->extensions, c->ext_count, X509_CRL_get0_extensions(x));
	X509_CRL_get0_signature(x, NULL, &sa);
	same_sig_alg(&c->sig_alg, sa);
	FZ_CHECK(X509_CRL_get_version(x) == c->version);

	fz_allow_begin();
	rev = X509_CRL_get_REVOKED((X509_CRL *)x);
	n = rev ? sk_X509_REVOKED_num(rev) : 0;
	fz_allow_end();
	FZ_CHECK((size_t)n == c->revoked_count);
	xc_revoked_iter_init(&it, c);
	while (xc_revoked_next(&it, &r) == XC_OK) {
		const X509_REVOKED *e;

		FZ_CHECK(i < n);
		fz_allow_begin();
		e = sk_X509_REVOKED_value(rev, i);
		fz_allow_end();
		same_int(r.serial, X509_REVOKED_get0_serialNumber(e));
		same_time(&r.revocation_date, X509_REVOKED_get0_revocationDate(e));
		same_exts(r.extensions, r.ext_count, X509_REVOKED_get0_extensions(e));
		i++;
	}
	FZ_CHECK(i == n);
}

static void cmp_csr(const xc_csr *c, X509_REQ *x)
{
	const X509_ALGOR *sa;
	int n;

	same_name(c->subject_raw, c->subject, X509_REQ_get_subject_name(x));
	same_key_alg(c->spki, X509_REQ_get_X509_PUBKEY(x));
	X509_REQ_get0_signature(x, NULL, &sa);
	same_sig_alg(&c->sig_alg, sa);
	FZ_CHECK(X509_REQ_get_version(x) == c->version);
	fz_allow_begin();
	n = X509_REQ_get_attr_count(x);
	fz_allow_end();
	FZ_CHECK((size_t)n == c->attr_count);
}

/* See fuzz.h. */
void fz_diff_ossl(enum fz_kind kind, const uint8_t *data, size_t size)
{
	const uint8_t *q = data;
	void *o = NULL;
	xc_err e = XC_ERR_ARG;
	size_t off;
	union {
		xc_cert cert;
		xc_crl crl;
		xc_csr csr;
	} u;

	/* d2i takes a long; an input that long is no use anyway. */
	if (size > 1u << 20)
		return;
	fz_allow_begin();
	switch (kind) {
	case FZ_CERT:
		o = d2i_X509(NULL, &q, (long)size);
		break;
	case FZ_CRL:
		o = d2i_X509_CRL(NULL, &q, (long)size);
		break;
	case FZ_CSR:
		o = d2i_X509_REQ(NULL, &q, (long)size);
		break;
	}
	fz_allow_end();
	switch (kind) {
	case FZ_CERT:
		e = xc_cert_parse(&u.cert, data, size, &off);
		break;
	case FZ_CRL:
		e = xc_crl_parse(&u.crl, data, size, &off);
		break;
	case FZ_CSR:
		e = xc_csr_parse(&u.csr, data, size, &off);
		break;
	}

	/* OpenSSL reads one object from the front; trailing bytes are the
	 * caller's business. The core's input is one whole object. */
	if (o && q != data + size) {
		FZ_CHECK(e != XC_OK);
	} else if (!o) {
		if (e == XC_OK && !allowed_acceptance(kind, &u)) {
			if (!getenv("FZ_DIFF_REPORT")) {
				fz_alloc_stop();        /* OpenSSL's error print allocates */
				fprintf(stderr, "core accepts, OpenSSL refuses:\n");
				ERR_print_errors_fp(stderr);
			}
			fz_unlisted_difference("acceptance");
		}
		fz_allow_begin();
		ERR_clear_error();
		fz_allow_end();
	} else if (e != XC_OK) {
		if (!allowed_refusal(e) &&
		    !(e == XC_ERR_TAG && constructed_string(data, size, off))) {
			if (!getenv("FZ_DIFF_REPORT"))
				fprintf(stderr, "core refuses (%s at byte %zu), OpenSSL accepts\n",
				        xc_strerror(e), off);
			fz_unlisted_difference("refusal");
		}
	} else if (kind == FZ_CERT) {
		cmp_cert(&u.cert, o);
	} else if (kind == FZ_CRL) {
		cmp_crl(&u.crl, o);
	} else {
		cmp_csr(&u.csr, o);
	}

	fz_allow_begin();
	switch (kind) {
	case FZ_CERT:
		X509_free(o);
		break;
	case FZ_CRL:
		X509_CRL_free(o);
		break;
	case FZ_CSR:
		X509_REQ_free(o);
		break;
	}
	fz_allow_end();
}
