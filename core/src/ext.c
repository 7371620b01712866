/* Raw extensions: see xc/ext.h. */
#include "inner.h"

/* Reads one Extension from d (see the grammar in xc/ext.h). */
static xc_err read_ext(xc_der *d, xc_ext *out)
{
	xc_der in;
	xc_slice v;
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
	if ((e = xc_der_expect(&in, XC_TAG_OCTET_STRING, &v)))
		return e;
	out->value = v;
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
