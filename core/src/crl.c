/* CRLs: see xc/crl.h. */
#include "inner.h"

/* Reads one revoked entry:
 *   SEQUENCE { userCertificate INTEGER, revocationDate Time,
 *              crlEntryExtensions Extensions OPTIONAL } */
static xc_err read_entry(xc_der *d, xc_revoked *out)
{
	xc_der in;
	xc_err e;
	const uint8_t *start = d->p;

	if ((e = xc_der_enter(d, XC_TAG_SEQUENCE, &in)))
		return e;
	out->raw = xc_slice_make(start, (size_t)(d->p - start));
	out->extensions = xc_slice_make(NULL, 0);
	out->ext_count = 0;
	if ((e = xc_der_read_int(&in, &out->serial)) ||
	    (e = xc_der_read_time(&in, &out->revocation_date)))
		return e;
	if (xc_der_more(&in) && (e = xc__read_exts(&in, &out->extensions, &out->ext_count)))
		return e;
	return xc_der_finish(&in);
}

/* see xc/crl.h */
xc_err xc_crl_parse(xc_crl *crl, const uint8_t *der, size_t len, size_t *off)
{
	xc_der d, tbs, in;
	xc_slice v;
	bool present;
	xc_err e;

	memset(crl, 0, sizeof *crl);
	xc_der_init(&d, der, len);
	if ((e = xc__read_signed(&d, &crl->der, &crl->tbs, &tbs, &crl->sig_alg, &crl->signature)))
		return xc__report(&d, e, off);

	/* version Version OPTIONAL: kept as read (see xc/crl.h). */
	if (xc_der_peek(&tbs, XC_TAG_INTEGER)) {
		xc_slice n;
		if ((e = xc_der_read_int(&tbs, &n)))
			return xc__report(&d, e, off);
		if (xc_der_int_to_i64(n, &crl->version) || crl->version < 0)
			return xc__report(&d, xc_der_fail(&tbs, XC_ERR_VERSION, n.p), off);
		crl->version_present = true;
	}
	if ((e = xc_der_read_algid(&tbs, &crl->tbs_sig_alg)) ||
	    (e = xc__read_name(&tbs, &crl->issuer, &crl->issuer_raw)) ||
	    (e = xc_der_read_time(&tbs, &crl->last_update)))
		return xc__report(&d, e, off);
	if (xc_der_peek(&tbs, XC_TAG_UTC_TIME) || xc_der_peek(&tbs, XC_TAG_GENERALIZED_TIME)) {
		if ((e = xc_der_read_time(&tbs, &crl->next_update)))
			return xc__report(&d, e, off);
		crl->has_next_update = true;
	}

	/* revokedCertificates: every entry checked now, so iteration and
	 * lookups cannot fail later. */
	if (xc_der_peek(&tbs, XC_TAG_SEQUENCE)) {
		xc_revoked r;
		if ((e = xc_der_enter(&tbs, XC_TAG_SEQUENCE, &in)))
			return xc__report(&d, e, off);
		crl->revoked = xc_slice_make(in.p, (size_t)(in.end - in.p));
		while (xc_der_more(&in)) {
			if ((e = read_entry(&in, &r)))
				return xc__report(&d, e, off);
			crl->revoked_count++;
		}
	}

	if ((e = xc_der_optional(&tbs, XC_TAG_CTX_CONS(0), &v, &present)))
		return xc__report(&d, e, off);
	if (present) {
		xc_der_init_at(&in, v, der);
		in.parent = &tbs;
		if ((e = xc__read_exts(&in, &crl->extensions, &crl->ext_count)) ||
		    (e = xc_der_finish(&in)))
			return xc__report(&d, e, off);
	}
	if ((e = xc_der_finish(&tbs)))
		return xc__report(&d, e, off);
	return XC_OK;
}

/* see xc/crl.h */
const char *xc_crl_version_name(const xc_crl *crl)
{
	/* The CRL Version field counts like a certificate's: v1 is 0. */
	return crl->version <= 1 ? xc_version_name(crl->version) : NULL;
}

/* see xc/crl.h */
void xc_revoked_iter_init(xc_revoked_iter *it, const xc_crl *crl)
{
	xc_der_init(&it->d, crl->revoked.p, crl->revoked.len);
}

/* see xc/crl.h */
xc_err xc_revoked_next(xc_revoked_iter *it, xc_revoked *out)
{
	if (it->d.err)
		return it->d.err;
	if (!xc_der_more(&it->d))
		return XC_END;
	return read_entry(&it->d, out);
}

/* see xc/crl.h */
xc_err xc_crl_find_revoked(const xc_crl *crl, xc_slice serial, xc_revoked *out)
{
	xc_revoked_iter it;
	xc_revoked r;
	xc_err e;

	/* DER integers are minimal, so equal values have equal contents. */
	xc_revoked_iter_init(&it, crl);
	while ((e = xc_revoked_next(&it, &r)) == XC_OK) {
		if (xc_slice_eq(r.serial, serial)) {
			*out = r;
			return XC_OK;
		}
	}
	return e == XC_END ? XC_NOT_FOUND : e;
}
