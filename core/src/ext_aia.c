/* AuthorityInformationAccess and SubjectInformationAccess: see xc/ext_aia.h. */
#include "inner.h"

/* One AccessDescription; errors land in d with their position. */
static xc_err read_desc(xc_der *d, xc_access_desc *out)
{
	xc_der in;
	xc_err e;

	if ((e = xc_der_enter(d, XC_TAG_SEQUENCE, &in)))
		return e;
	if ((e = xc_der_read_oid(&in, &out->method)))
		return e;
	if ((e = xc_gn_read(&in, &out->location)))
		return e;
	return xc_der_finish(&in);
}

/* see xc/ext_aia.h */
xc_err xc_aia_decode(xc_aia *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d, in;
	xc_access_desc a;
	xc_err e;

	memset(out, 0, sizeof(*out));
	xc_der_init_at(&d, value, base ? base : value.p);
	if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &in)))
		return xc__report(&d, e, off);
	out->list = xc_slice_make(in.p, (size_t)(in.end - in.p));
	while (xc_der_more(&in)) {
		if ((e = read_desc(&in, &a)))
			return xc__report(&d, e, off);
		out->count++;
	}
	return xc__report(&d, xc_der_finish(&d), off);
}

/* see xc/ext_aia.h */
void xc_aia_iter_init(xc_aia_iter *it, xc_slice list)
{
	xc_der_init(&it->d, list.p, list.len);
}

/* see xc/ext_aia.h */
xc_err xc_aia_next(xc_aia_iter *it, xc_access_desc *out)
{
	if (it->d.err)
		return it->d.err;
	if (!xc_der_more(&it->d))
		return XC_END;
	return read_desc(&it->d, out);
}
