/* Raw extensions: see xc/ext.h. */
#include "inner.h"

/* Reads one Extension from d (see the grammar in xc/ext.h). */
static xc_err read_ext(xc_der *d, xc_ext *out)
{
	xc_der in;
	xc_err e;
	const uint8_t *start = d->p;

	if ((e = xc_der_enter(d, XC_TAG_SEQUENCE, &in)))
		return e;
	out->raw = xc_slice_make(start, (size_t)(d->p - start));
	if ((e = xc_der_read_oid(&in, &out->oid)))
		return e;
	out->critical = false;
	if (xc_der_peek(&in, XC_TAG_BOOLEAN)) {
		const uint8_t *at = in.p;
		if ((e = xc_der_read_bool(&in, &out->critical)))
			return e;
		/* DER (X.690 11.5): a DEFAULT value is never encoded. */
		if (!out->critical)
			return xc_der_fail(&in, XC_ERR_DEFAULT, at);
	}
	/* Straight into out (xc_der_expect() writes only on success): a
	 * slice copied from a local just stored is a 16-byte load the CPU
	 * cannot forward from the two 8-byte stores (der.c, read_prim()). */
	if ((e = xc_der_expect(&in, XC_TAG_OCTET_STRING, &out->value)))
		return e;
	return xc_der_finish(&in);
}

/* see xc/ext.h */
xc_err xc_ext_check(xc_slice exts, const uint8_t *base, size_t *off, size_t *count)
{
	xc_der d;
	xc_ext x;
	size_t n = 0;
	xc_err e;

	xc_der_init_at(&d, exts, base);
	while (xc_der_more(&d)) {
		if ((e = read_ext(&d, &x)))
			return xc__report(&d, e, off);
		n++;
	}
	if (count)
		*count = n;
	return XC_OK;
}

/* see xc/ext.h */
void xc_ext_iter_init(xc_ext_iter *it, xc_slice exts)
{
	xc_der_init(&it->d, exts.p, exts.len);
}

/* see xc/ext.h */
xc_err xc_ext_next(xc_ext_iter *it, xc_ext *out)
{
	if (it->d.err)
		return it->d.err;
	if (!xc_der_more(&it->d))
		return XC_END;
	return read_ext(&it->d, out);
}

/* see xc/ext.h */
xc_err xc_ext_find(xc_slice exts, xc_slice oid, xc_ext *out)
{
	xc_ext_iter it;
	xc_ext x;
	xc_err e;

	xc_ext_iter_init(&it, exts);
	while ((e = xc_ext_next(&it, &x)) == XC_OK) {
		if (xc_slice_eq(x.oid, oid)) {
			*out = x;
			return XC_OK;
		}
	}
	return e == XC_END ? XC_NOT_FOUND : e;
}

/* see xc/ext.h */
xc_err xc_ext_find_id(xc_slice exts, xc_oid_id id, xc_ext *out)
{
	const xc_oid_info *info = xc_oid_info_of(id);
	if (!info)
		return XC_ERR_ARG;
	return xc_ext_find(exts, xc_slice_make(info->der, info->der_len), out);
}

#define CERT (1u << XC_EXT_IN_CERT)
#define CRL (1u << XC_EXT_IN_CRL)
#define ENTRY (1u << XC_EXT_IN_CRL_ENTRY)

/* pyca 38's per-place sets (its x509 parsers' extension match arms). */
static const struct {
	xc_oid_id id;
	unsigned places;
	xc_ext_kind kind;
} kinds[] = {
	{ XC_OID_BASIC_CONSTRAINTS, CERT, XC_EXTK_BASIC_CONSTRAINTS },
	{ XC_OID_KEY_USAGE, CERT, XC_EXTK_KEY_USAGE },
	{ XC_OID_EXTENDED_KEY_USAGE, CERT, XC_EXTK_EKU },
	{ XC_OID_SUBJECT_KEY_IDENTIFIER, CERT, XC_EXTK_SKI },
	{ XC_OID_AUTHORITY_KEY_IDENTIFIER, CERT | CRL, XC_EXTK_AKI },
	{ XC_OID_SUBJECT_ALTERNATIVE_NAME, CERT, XC_EXTK_GENERAL_NAMES },
	{ XC_OID_ISSUER_ALTERNATIVE_NAME, CERT | CRL, XC_EXTK_GENERAL_NAMES },
	{ XC_OID_POLICY_CONSTRAINTS, CERT, XC_EXTK_POLICY_CONSTRAINTS },
	{ XC_OID_INHIBIT_ANY_POLICY, CERT, XC_EXTK_INHIBIT_ANY_POLICY },
	{ XC_OID_OCSP_NO_CHECK, CERT, XC_EXTK_NULL_VALUE },
	{ XC_OID_PRECERT_POISON, CERT, XC_EXTK_NULL_VALUE },
	{ XC_OID_TLS_FEATURE, CERT, XC_EXTK_TLS_FEATURE },
	{ XC_OID_CERTIFICATE_POLICIES, CERT, XC_EXTK_POLICIES },
	{ XC_OID_CRL_DISTRIBUTION_POINTS, CERT, XC_EXTK_DIST_POINTS },
	{ XC_OID_FRESHEST_CRL, CERT | CRL, XC_EXTK_DIST_POINTS },
	{ XC_OID_NAME_CONSTRAINTS, CERT, XC_EXTK_NAME_CONSTRAINTS },
	{ XC_OID_AUTHORITY_INFORMATION_ACCESS, CERT | CRL, XC_EXTK_ACCESS },
	{ XC_OID_SUBJECT_INFORMATION_ACCESS, CERT, XC_EXTK_ACCESS },
	{ XC_OID_PRECERT_SIGNED_CERTIFICATE_TIMESTAMPS, CERT, XC_EXTK_PRECERT_SCTS },
	{ XC_OID_CRL_NUMBER, CRL, XC_EXTK_CRL_NUMBER },
	{ XC_OID_DELTA_CRL_INDICATOR, CRL, XC_EXTK_CRL_NUMBER },
	{ XC_OID_ISSUING_DISTRIBUTION_POINT, CRL, XC_EXTK_IDP },
	{ XC_OID_CRL_REASON, ENTRY, XC_EXTK_CRL_REASON },
	{ XC_OID_INVALIDITY_DATE, ENTRY, XC_EXTK_INVALIDITY_DATE },
	{ XC_OID_CERTIFICATE_ISSUER, ENTRY, XC_EXTK_GENERAL_NAMES },
};

/* xc/ext.h */
xc_ext_kind xc_ext_kind_of(xc_oid_id id, xc_ext_place place)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].id == id && (kinds[i].places & (1u << place)))
			return kinds[i].kind;
	return XC_EXTK_NONE;
}

/* xc/ext.h */
const char *xc_ext_kind_name(xc_ext_kind k)
{
	switch (k) {
#define XC_EXT_KIND_NAME(name) case XC_EXTK_##name: return #name;
	XC_EXT_KINDS(XC_EXT_KIND_NAME)
#undef XC_EXT_KIND_NAME
	case XC_EXTK_COUNT: break;
	}
	return "UNKNOWN";
}

