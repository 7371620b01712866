/*
 * chain.c - one step of a chain: signatures by an issuer, name matching.
 */
#include "inner.h"

/* The checks common to certificates and CRLs: the algorithm the signer put
 * inside the TBS must be the one outside, or the outer one is not signed.
 * `params` (maybe empty) is where a DSA key without parameters finds them. */
static xc_verify_result verify_signed(const xc_algid *inner, const xc_algid *outer,
				      xc_slice tbs, xc_slice sig, xc_slice spki,
				      xc_slice params)
{
	if (!xc_slice_eq(inner->raw, outer->raw))
		return XC_VERIFY_INVALID;
	return xc_verify_inherit(outer, tbs, sig, spki, params);
}

/* See xc/chain.h. */
xc_verify_result xc_cert_verify(const xc_cert *c, xc_slice issuer_spki)
{
	return xc_cert_verify_inherit(c, issuer_spki, xc_slice_make(NULL, 0));
}

/* See xc/chain.h. */
xc_verify_result xc_crl_verify(const xc_crl *crl, xc_slice issuer_spki)
{
	return xc_crl_verify_inherit(crl, issuer_spki, xc_slice_make(NULL, 0));
}

/* See xc/chain.h. */
xc_verify_result xc_cert_verify_inherit(const xc_cert *c, xc_slice issuer_spki,
					xc_slice params_spki)
{
	return verify_signed(&c->tbs_sig_alg, &c->sig_alg, c->tbs, c->signature,
			     issuer_spki, params_spki);
}

/* See xc/chain.h. */
xc_verify_result xc_crl_verify_inherit(const xc_crl *crl, xc_slice issuer_spki,
				       xc_slice params_spki)
{
	return verify_signed(&crl->tbs_sig_alg, &crl->sig_alg, crl->tbs,
			     crl->signature, issuer_spki, params_spki);
}

/* See xc/chain.h. */
xc_verify_result xc_csr_verify(const xc_csr *csr)
{
	/* A CSR has no inner algorithm field to compare with. */
	return xc_verify(&csr->sig_alg, csr->tbs, csr->signature, csr->spki);
}

static bool is_string_tag(uint32_t tag)
{
	switch (tag) {
	case XC_TAG_PRINTABLE_STRING:
	case XC_TAG_UTF8_STRING:
	case XC_TAG_IA5_STRING:
	case XC_TAG_T61_STRING:
	case XC_TAG_BMP_STRING:
	case XC_TAG_UNIVERSAL_STRING:
	case XC_TAG_VISIBLE_STRING:
		return true;
	default:
		return false;
	}
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* See xc/chain.h. Decodes to UTF-8, then folds ASCII case and
 * compresses spaces in place. */
bool xc_attr_normal_form(const xc_attr *a, char *buf, size_t cap, size_t *len)
{
	size_t n, i, o = 0;
	bool pending = false;

	/* Longer values compare raw, whatever buffer the caller has. */
	if (cap > XC_NAME_VALUE_MAX + 1)
		cap = XC_NAME_VALUE_MAX + 1;
	if (!is_string_tag(a->tag) ||
	    xc_string_to_utf8(a->tag, a->value, buf, cap, &n) != XC_OK)
		return false;
	for (i = 0; i < n; i++) {
		char c = buf[i];

		if (is_space(c)) {
			pending = o > 0;
			continue;
		}
		if (pending)
			buf[o++] = ' ';
		pending = false;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		buf[o++] = c;
	}
	*len = o;
	return true;
}

static bool attr_equal(const xc_attr *a, const xc_attr *b)
{
	char ba[XC_NAME_VALUE_MAX + 1], bb[XC_NAME_VALUE_MAX + 1];
	size_t la, lb;

	if (!xc_slice_eq(a->oid, b->oid))
		return false;
	if (xc_slice_eq(a->raw_value, b->raw_value))
		return true;
	if (!xc_attr_normal_form(a, ba, sizeof(ba), &la) ||
	    !xc_attr_normal_form(b, bb, sizeof(bb), &lb))
		return false;
	return la == lb && memcmp(ba, bb, la) == 0;
}

/* The idx-th AttributeTypeAndValue of one RDN (a SET's contents); re-read
 * each time rather than stored, so no array sized by the input is needed. */
static bool rdn_attr(xc_slice set, size_t idx, xc_attr *out)
{
	xc_der d, seq;
	xc_slice oid;
	xc_tlv v;
	size_t i = 0;

	xc_der_init(&d, set.p, set.len);
	while (xc_der_more(&d)) {
		if (xc_der_enter(&d, XC_TAG_SEQUENCE, &seq) != XC_OK)
			return false;
		if (xc_der_read_oid(&seq, &oid) != XC_OK ||
		    xc_der_read(&seq, &v) != XC_OK)
			return false;
		if (i++ == idx) {
			out->oid = oid;
			out->tag = v.tag;
			out->value = v.value;
			out->raw_value = v.raw;
			return true;
		}
	}
	return false;
}

/* Number of attributes of an RDN equal to `x`. */
static size_t rdn_count_equal(xc_slice set, size_t n, const xc_attr *x)
{
	xc_attr a;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (rdn_attr(set, i, &a) && attr_equal(&a, x))
			k++;
	return k;
}

static size_t rdn_size(xc_slice set)
{
	xc_der d;
	xc_tlv t;
	size_t n = 0;

	xc_der_init(&d, set.p, set.len);
	while (xc_der_more(&d) && xc_der_read(&d, &t) == XC_OK)
		n++;
	return n;
}

/* Multiset equality: each attribute of a occurs as often in a as in b.
 * Quadratic, but RDNs hold a handful of attributes. */
static bool rdn_equal(xc_slice sa, xc_slice sb)
{
	size_t na = rdn_size(sa), nb = rdn_size(sb), i;
	xc_attr x;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		if (!rdn_attr(sa, i, &x))
			return false;
		if (rdn_count_equal(sa, na, &x) != rdn_count_equal(sb, nb, &x))
			return false;
	}
	return true;
}

/* See xc/chain.h. */
bool xc_name_equal(xc_slice a, xc_slice b)
{
	xc_der da, db;
	xc_slice sa, sb;

	if (xc_slice_eq(a, b))
		return true;
	xc_der_init(&da, a.p, a.len);
	xc_der_init(&db, b.p, b.len);
	while (xc_der_more(&da) && xc_der_more(&db)) {
		if (xc_der_expect(&da, XC_TAG_SET, &sa) != XC_OK ||
		    xc_der_expect(&db, XC_TAG_SET, &sb) != XC_OK)
			return false;
		if (!rdn_equal(sa, sb))
			return false;
	}
	return !xc_der_more(&da) && !xc_der_more(&db);
}

/* See xc/chain.h. */
bool xc_cert_names_issuer(const xc_cert *issuer, const xc_cert *subject)
{
	xc_ext ext;
	xc_aki aki;
	xc_ski ski;

	if (!xc_name_equal(subject->issuer, issuer->subject))
		return false;
	if (xc_ext_find_id(subject->extensions, XC_OID_AUTHORITY_KEY_IDENTIFIER,
			   &ext) != XC_OK)
		return true;
	if (xc_aki_decode(&aki, ext.value, NULL, NULL) != XC_OK)
		return false;
	if (!xc_slice_present(aki.key_id))
		return true;
	if (xc_ext_find_id(issuer->extensions, XC_OID_SUBJECT_KEY_IDENTIFIER,
			   &ext) != XC_OK)
		return true;
	if (xc_ski_decode(&ski, ext.value, NULL, NULL) != XC_OK)
		return false;
	return xc_slice_eq(aki.key_id, ski.digest);
}

/* See xc/chain.h. */
xc_verify_result xc_cert_issued_by(const xc_cert *subject, const xc_cert *issuer)
{
	if (!xc_cert_names_issuer(issuer, subject))
		return XC_VERIFY_KEY_MISMATCH;
	return xc_cert_verify(subject, issuer->spki);
}
