/* CSRs: see xc/csr.h. */
#include "inner.h"

/* Reads one Attribute ::= SEQUENCE { type OID, values SET OF ANY }. */
static xc_err read_attr(xc_der *d, xc_csr_attr *out)
{
	xc_der in, set;
	xc_tlv t;
	xc_err e;
	const uint8_t *start = d->p;

	if ((e = xc_der_enter(d, XC_TAG_SEQUENCE, &in)))
		return e;
	out->raw = xc_slice_make(start, (size_t)(d->p - start));
	if ((e = xc_der_read_oid(&in, &out->oid)))
		return e;
	const uint8_t *set_start = in.p;
	if ((e = xc_der_enter(&in, XC_TAG_SET, &set)))
		return e;
	out->values = xc_slice_make(set.p, (size_t)(set.end - set.p));
	out->value_count = 0;
	while (xc_der_more(&set)) {
		if ((e = xc_der_read(&set, &t)))
			return e;
		if (out->value_count++ == 0) {
			out->tag = t.tag;
			out->value = t.value;
			out->value_raw = t.raw;
		}
	}
	/* RFC 2986: values SET SIZE(1..MAX). */
	if (out->value_count == 0)
		return xc_der_fail(&in, XC_ERR_EMPTY, set_start);
	return xc_der_finish(&in);
}

/* Is this attribute the extension request (PKCS#9 or Microsoft's)? */
static bool is_ext_request(const xc_csr_attr *a)
{
	return xc_oid_is(a->oid, XC_OID_EXTENSION_REQUEST) ||
	       xc_oid_is(a->oid, XC_OID_MS_EXTENSION_REQUEST);
}

/* see xc/csr.h */
xc_err xc_csr_parse(xc_csr *csr, const uint8_t *der, size_t len, size_t *off)
{
	xc_der d, tbs, in;
	xc_slice n;
	xc_err e;

	memset(csr, 0, sizeof *csr);
	xc_der_init(&d, der, len);
	if ((e = xc__read_signed(&d, &csr->der, &csr->tbs, &tbs, &csr->sig_alg, &csr->signature)))
		return xc__report(&d, e, off);
	if ((e = xc_der_read_int(&tbs, &n)))
		return xc__report(&d, e, off);
	if (xc_der_int_to_i64(n, &csr->version) || csr->version < 0)
		return xc__report(&d, xc_der_fail(&tbs, XC_ERR_VERSION, n.p), off);
	if ((e = xc__read_name(&tbs, &csr->subject, &csr->subject_raw)) ||
	    (e = xc__read_spki(&tbs, &csr->spki)) ||
	    (e = xc_der_enter(&tbs, XC_TAG_CTX_CONS(0), &in)))
		return xc__report(&d, e, off);
	csr->attributes = xc_slice_make(in.p, (size_t)(in.end - in.p));
	xc_slice prev = { NULL, 0 };
	while (xc_der_more(&in)) {
		xc_csr_attr a;
		if ((e = read_attr(&in, &a)))
			return xc__report(&d, e, off);
		/* [0] IMPLICIT SET OF Attribute: DER order, as pyca 38 requires. */
		if (prev.p && xc__set_of_less(a.raw, prev))
			return xc__report(&d, xc_der_fail(&in, XC_ERR_SET_ORDER, a.raw.p), off);
		prev = a.raw;
		csr->attr_count++;
	}
	if ((e = xc_der_finish(&tbs)))
		return xc__report(&d, e, off);
	return XC_OK;
}

/* see xc/csr.h */
const char *xc_csr_version_name(const xc_csr *csr)
{
	return csr->version == 0 ? "v1" : NULL;
}

/* see xc/csr.h */
void xc_csr_attr_iter_init(xc_csr_attr_iter *it, const xc_csr *csr)
{
	xc_der_init(&it->d, csr->attributes.p, csr->attributes.len);
}

/* see xc/csr.h */
xc_err xc_csr_attr_next(xc_csr_attr_iter *it, xc_csr_attr *out)
{
	if (it->d.err)
		return it->d.err;
	if (!xc_der_more(&it->d))
		return XC_END;
	return read_attr(&it->d, out);
}

/* see xc/csr.h */
xc_err xc_csr_extensions(const xc_csr *csr, xc_slice *exts, size_t *count, size_t *off)
{
	xc_csr_attr_iter it;
	xc_csr_attr a;
	xc_err e;

	xc_csr_attr_iter_init(&it, csr);
	while ((e = xc_csr_attr_next(&it, &a)) == XC_OK) {
		if (!is_ext_request(&a))
			continue;
		/* Checked here, not at parse time: pyca too loads a CSR whose
		 * extension request is malformed and fails on .extensions. */
		xc_der v;
		xc_der_init_at(&v, a.value_raw, csr->der.p);
		if (a.value_count != 1)
			e = xc_der_fail(&v, XC_ERR_TAG, a.raw.p);
		else if (!(e = xc__read_exts(&v, exts, count)))
			e = xc_der_finish(&v);
		return xc__report(&v, e, off);
	}
	return e == XC_END ? XC_NOT_FOUND : e;
}
