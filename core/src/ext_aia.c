/* AuthorityInformationAccess and SubjectInformationAccess: see xc/ext_aia.h. */
#include "inner.h"

/* One AccessDescription; errors land in d with their position. */
static xc_err read_desc(xc_der *d, void *item)
{
	xc_access_desc *out = item;
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
	xc_der d;
	xc_access_desc a;
	xc_err e;

	memset(out, 0, sizeof(*out));
	xc_der_init_at(&d, value, base ? base : value.p);
	if ((e = xc_der_seq_of(&d, read_desc, &a, &out->list, &out->count)))
		return xc__report(&d, e, off);
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
	return xc_der_seq_next(&it->d, read_desc, out);
}
