/* NameConstraints: see xc/ext_nc.h. */
#include "inner.h"

/*
 * An IMPLICIT [n] BaseDistance, if present: a DER INTEGER that must be
 * non-negative and fit 64 bits, the range of pyca's u64 fields.
 */
static xc_err read_distance(xc_der *d, uint32_t tag, bool *present, uint64_t *out)
{
	xc_slice v;
	size_t i = 0;
	xc_err e;

	*out = 0;
	if ((e = xc_der_optional(d, tag, &v, present)) || !*present)
		return e;
	if ((e = xc_der_check_int(v)))
		return xc_der_fail(d, e, v.p);
	if (xc_int_negative(v))
		return xc_der_fail(d, XC_ERR_INT_RANGE, v.p);
	/* One leading zero octet makes room for a set top bit. */
	if (v.len > 1 && v.p[0] == 0)
		i = 1;
	if (v.len - i > 8)
		return xc_der_fail(d, XC_ERR_INT_RANGE, v.p);
	for (; i < v.len; i++)
		*out = *out << 8 | v.p[i];
	return XC_OK;
}

/* One GeneralSubtree; only its base is kept, as pyca keeps only that. */
static xc_err read_subtree(xc_der *d, xc_gn *base)
{
	char ip[XC_GN_IP_STR];
	const uint8_t *at;
	xc_der in;
	bool present;
	uint64_t dist;
	xc_err e;

	if ((e = xc_der_enter(d, XC_TAG_SEQUENCE, &in)))
		return e;
	if ((e = xc_gn_read(&in, base)))
		return e;
	/* pyca wants networks here, not single addresses. */
	if (base->type == XC_GN_IP_ADDRESS &&
	    xc_gn_ip_format(base->value, true, ip, sizeof(ip), NULL) != XC_OK)
		return xc_der_fail(&in, XC_ERR_EXT_VALUE, base->raw.p);
	at = in.p;
	if ((e = read_distance(&in, XC_TAG_CTX(0), &present, &dist)))
		return e;
	/* DER omits a value equal to the DEFAULT. */
	if (present && dist == 0)
		return xc_der_fail(&in, XC_ERR_DEFAULT, at);
	if ((e = read_distance(&in, XC_TAG_CTX(1), &present, &dist)))
		return e;
	return xc_der_finish(&in);
}

/* An optional [n] GeneralSubtrees: when present, checked and non-empty. */
static xc_err read_subtrees(xc_der *d, uint32_t tag, xc_slice *list, size_t *count)
{
	const uint8_t *at = d->p;
	xc_der in;
	xc_gn g;
	xc_err e;

	if (!xc_der_peek(d, tag))
		return XC_OK;
	if ((e = xc_der_enter(d, tag, &in)))
		return e;
	*list = xc_slice_make(in.p, (size_t)(in.end - in.p));
	while (xc_der_more(&in)) {
		if ((e = read_subtree(&in, &g)))
			return e;
		(*count)++;
	}
	if (*count == 0)
		return xc_der_fail(d, XC_ERR_EMPTY, at);
	return XC_OK;
}

/* see xc/ext_nc.h */
xc_err xc_nc_decode(xc_nc *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d, in;
	xc_err e;

	memset(out, 0, sizeof(*out));
	xc_der_init_at(&d, value, base ? base : value.p);
	if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &in)))
		return xc__report(&d, e, off);
	if ((e = read_subtrees(&in, XC_TAG_CTX_CONS(0), &out->permitted, &out->permitted_count)) ||
	    (e = read_subtrees(&in, XC_TAG_CTX_CONS(1), &out->excluded, &out->excluded_count)) ||
	    (e = xc_der_finish(&in)))
		return xc__report(&d, e, off);
	if (!out->permitted.p && !out->excluded.p)
		return xc__report(&d, xc_der_fail(&d, XC_ERR_EXT_VALUE, value.p), off);
	return xc__report(&d, xc_der_finish(&d), off);
}

/* see xc/ext_nc.h */
void xc_subtree_iter_init(xc_subtree_iter *it, xc_slice subtrees)
{
	xc_der_init(&it->d, subtrees.p, subtrees.len);
}

/* see xc/ext_nc.h */
xc_err xc_subtree_next(xc_subtree_iter *it, xc_gn *base)
{
	if (it->d.err)
		return it->d.err;
	if (!xc_der_more(&it->d))
		return XC_END;
	return read_subtree(&it->d, base);
}
