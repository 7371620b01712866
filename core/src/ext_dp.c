/* CRLDistributionPoints, FreshestCRL, IssuingDistributionPoint: see xc/ext_dp.h. */
#include "inner.h"

/* The named reasons are bits 1..8; pyca drops bit 0 and anything later. */
#define REASONS_MASK 0x1feu

static const char *const reason_names[] = {
	[1] = "key_compromise",
	[2] = "ca_compromise",
	[3] = "affiliation_changed",
	[4] = "superseded",
	[5] = "cessation_of_operation",
	[6] = "certificate_hold",
	[7] = "privilege_withdrawn",
	[8] = "aa_compromise",
};

/* see xc/ext_dp.h */
const char *xc_reason_flag_name(unsigned bit)
{
	if (bit >= sizeof(reason_names) / sizeof(reason_names[0]))
		return NULL;
	return reason_names[bit];
}

/*
 * An optional IMPLICIT [n] ReasonFlags. The BIT STRING contents are
 * checked here, as xc_der_read_bits wants the universal tag: an unused
 * count of at most 7, none with no bytes, and zero padding bits (DER).
 */
static xc_err read_reasons(xc_der *d, uint32_t tag, bool *has, uint16_t *mask)
{
	xc_slice v;
	unsigned unused;
	uint16_t m = 0;
	xc_err e;

	*mask = 0;
	if ((e = xc_der_optional(d, tag, &v, has)) || !*has)
		return e;
	if (v.len == 0 || v.p[0] > 7 || (v.len == 1 && v.p[0] != 0))
		return xc_der_fail(d, XC_ERR_BITSTRING, v.p);
	unused = v.p[0];
	if (v.len > 1 && (v.p[v.len - 1] & ((1u << unused) - 1u)))
		return xc_der_fail(d, XC_ERR_BITSTRING, v.p);
	for (unsigned bit = 1; bit <= 8; bit++) {
		size_t byte = 1 + bit / 8;
		if (byte < v.len && (v.p[byte] & (0x80u >> (bit % 8))))
			m = (uint16_t)(m | 1u << bit);
	}
	*mask = m;
	return XC_OK;
}

/* An RDN's contents: a non-empty SET OF AttributeTypeAndValue in DER order. */
static xc_err check_rdn(xc_der *d, xc_tlv *t, size_t *count)
{
	xc_der r, atv;
	xc_slice prev = { NULL, 0 }, v, raw, oid;
	xc_tlv val;
	xc_err e;

	*count = 0;
	xc_der_init_at(&r, t->value, d->base);
	r.parent = d;
	while (xc_der_more(&r)) {
		if ((e = xc_der_expect_raw(&r, XC_TAG_SEQUENCE, &v, &raw)))
			return e;
		xc_der_init_at(&atv, v, d->base);
		atv.parent = &r;
		if ((e = xc_der_read_oid(&atv, &oid)) || (e = xc_der_read(&atv, &val)) ||
		    (e = xc_der_finish(&atv)))
			return e;
		if (prev.p && xc__set_of_less(raw, prev))
			return xc_der_fail(&r, XC_ERR_SET_ORDER, raw.p);
		prev = raw;
		(*count)++;
	}
	if (r.err)
		return r.err;
	/* pyca: "a relative distinguished name cannot be empty". */
	if (*count == 0)
		return xc_der_fail(d, XC_ERR_EMPTY, t->raw.p);
	return XC_OK;
}

/* Checks a GeneralNames found inside d, recording errors in d. */
static xc_err check_gns(xc_der *d, xc_slice gns, size_t *count)
{
	size_t eoff = 0;
	xc_err e;

	if ((e = xc_gns_check(gns, d->base, &eoff, count)))
		return xc_der_fail(d, e, d->base + eoff);
	return XC_OK;
}

/* An optional [0] EXPLICIT DistributionPointName. */
static xc_err read_dp_name(xc_der *d, xc_dp_name *out)
{
	xc_der in;
	xc_tlv t;
	xc_err e;

	memset(out, 0, sizeof(*out));
	if (!xc_der_peek(d, XC_TAG_CTX_CONS(0)))
		return d->err;
	if ((e = xc_der_enter(d, XC_TAG_CTX_CONS(0), &in)) || (e = xc_der_read(&in, &t)))
		return e;
	switch (t.tag) {
	case XC_TAG_CTX_CONS(0):
		out->type = XC_DP_FULL_NAME;
		out->full_name = t.value;
		e = check_gns(&in, t.value, &out->full_name_count);
		break;
	case XC_TAG_CTX_CONS(1):
		out->type = XC_DP_RELATIVE_NAME;
		out->relative_name = t.value;
		e = check_rdn(&in, &t, &out->relative_name_count);
		break;
	default:
		e = xc_der_fail(&in, XC_ERR_TAG, t.raw.p);
		break;
	}
	if (e)
		return e;
	/* A CHOICE holds one name: a second one is trailing data. */
	return xc_der_finish(&in);
}

/* True if the name gives pyca a non-empty full_name or a relative_name. */
static bool has_name(const xc_dp_name *n)
{
	return n->full_name_count > 0 || n->type == XC_DP_RELATIVE_NAME;
}

/* One DistributionPoint with pyca's consistency rule. */
static xc_err read_dp(xc_der *d, void *item)
{
	xc_dp *out = item;
	const uint8_t *at = d->p;
	xc_der in;
	xc_err e;

	memset(out, 0, sizeof(*out));
	if ((e = xc_der_enter(d, XC_TAG_SEQUENCE, &in)) || (e = read_dp_name(&in, &out->name)) ||
	    (e = read_reasons(&in, XC_TAG_CTX(1), &out->has_reasons, &out->reasons)))
		return e;
	if (xc_der_peek(&in, XC_TAG_CTX_CONS(2))) {
		out->has_crl_issuer = true;
		if ((e = xc_der_expect(&in, XC_TAG_CTX_CONS(2), &out->crl_issuer)) ||
		    (e = check_gns(&in, out->crl_issuer, &out->crl_issuer_count)))
			return e;
	}
	if ((e = xc_der_finish(&in)))
		return e;
	/* pyca: "You must supply crl_issuer, full_name, or relative_name
	 * when reasons is not None" (empty sets and lists count as none). */
	if (out->reasons && !has_name(&out->name) && out->crl_issuer_count == 0)
		return xc_der_fail(d, XC_ERR_EXT_VALUE, at);
	return XC_OK;
}

/* see xc/ext_dp.h */
xc_err xc_dps_decode(xc_dps *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d;
	xc_dp dp;
	xc_err e;

	memset(out, 0, sizeof(*out));
	xc_der_init_at(&d, value, base ? base : value.p);
	if ((e = xc_der_seq_of(&d, read_dp, &dp, &out->list, &out->count)))
		return xc__report(&d, e, off);
	return xc__report(&d, xc_der_finish(&d), off);
}

/* see xc/ext_dp.h */
void xc_dp_iter_init(xc_dp_iter *it, xc_slice list)
{
	xc_der_init(&it->d, list.p, list.len);
}

/* see xc/ext_dp.h */
xc_err xc_dp_next(xc_dp_iter *it, xc_dp *out)
{
	return xc_der_seq_next(&it->d, read_dp, out);
}

/* An optional IMPLICIT [n] BOOLEAN DEFAULT FALSE: DER omits FALSE. */
static xc_err read_flag(xc_der *d, uint32_t tag, bool *flag)
{
	xc_slice v;
	xc_err e;

	*flag = false;
	if ((e = xc_der_optional(d, tag, &v, flag)) || !*flag)
		return e;
	if (v.len == 1 && v.p[0] == 0x00)
		return xc_der_fail(d, XC_ERR_DEFAULT, v.p);
	if (v.len != 1 || v.p[0] != 0xff)
		return xc_der_fail(d, XC_ERR_BOOL, v.p);
	return XC_OK;
}

/* see xc/ext_dp.h */
xc_err xc_idp_decode(xc_idp *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d, in;
	unsigned flags;
	xc_err e;

	memset(out, 0, sizeof(*out));
	xc_der_init_at(&d, value, base ? base : value.p);
	if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &in)) || (e = read_dp_name(&in, &out->name)) ||
	    (e = read_flag(&in, XC_TAG_CTX(1), &out->only_contains_user_certs)) ||
	    (e = read_flag(&in, XC_TAG_CTX(2), &out->only_contains_ca_certs)) ||
	    (e = read_reasons(&in, XC_TAG_CTX(3), &out->has_only_some_reasons,
	                      &out->only_some_reasons)) ||
	    (e = read_flag(&in, XC_TAG_CTX(4), &out->indirect_crl)) ||
	    (e = read_flag(&in, XC_TAG_CTX(5), &out->only_contains_attribute_certs)) ||
	    (e = xc_der_finish(&in)) || (e = xc_der_finish(&d)))
		return xc__report(&d, e, off);
	flags = (unsigned)out->only_contains_user_certs + (unsigned)out->only_contains_ca_certs +
	        (unsigned)out->indirect_crl + (unsigned)out->only_contains_attribute_certs;
	/* pyca: "Only one of the following can be set to True", and
	 * "Cannot create empty extension". */
	if (flags > 1 || (flags == 0 && !has_name(&out->name) && !out->only_some_reasons))
		return xc__report(&d, xc_der_fail(&d, XC_ERR_EXT_VALUE, value.p), off);
	return xc__report(&d, XC_OK, off);
}
