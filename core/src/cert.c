/* Certificates: see xc/cert.h. */
#include "inner.h"

/* [1] / [2] IMPLICIT UniqueIdentifier (a BIT STRING). */
static xc_err read_uid(xc_der *d, uint32_t tag, xc_slice *out)
{
	xc_slice v;
	bool present;
	xc_err e = xc_der_optional(d, tag, &v, &present);
	if (e || !present)
		return e;
	if (v.len == 0 || v.p[0] > 7 || (v.len == 1 && v.p[0] != 0) ||
	    (v.len > 1 && (v.p[v.len - 1] & ((1u << v.p[0]) - 1u))))
		return xc_der_fail(d, XC_ERR_BITSTRING, v.p);
	*out = xc_slice_make(v.p + 1, v.len - 1);
	return XC_OK;
}

/* see xc/cert.h */
xc_err xc_cert_parse(xc_cert *c, const uint8_t *der, size_t len, size_t *off)
{
	xc_der d, tbs, in;
	xc_slice v;
	bool present;
	xc_err e;

	memset(c, 0, sizeof *c);
	xc_der_init(&d, der, len);
	if ((e = xc__read_signed(&d, &c->der, &c->tbs, &tbs, &c->sig_alg, &c->signature)))
		return xc__report(&d, e, off);

	/* version [0] EXPLICIT INTEGER DEFAULT v1. DER never encodes a
	 * DEFAULT value (X.690 11.5): an explicit v1 is refused, as pyca 38
	 * refuses it (EncodedDefault). */
	if ((e = xc_der_optional(&tbs, XC_TAG_CTX_CONS(0), &v, &present)))
		return xc__report(&d, e, off);
	if (present) {
		xc_slice n;
		xc_der_init_at(&in, v, der);
		in.parent = &tbs;
		if ((e = xc_der_read_int(&in, &n)) || (e = xc_der_finish(&in)))
			return xc__report(&d, e, off);
		if ((e = xc_der_int_to_i64(n, &c->version)) || c->version < 0)
			return xc__report(&d, xc_der_fail(&tbs, XC_ERR_VERSION, n.p), off);
		if (c->version == 0)
			return xc__report(&d, xc_der_fail(&tbs, XC_ERR_DEFAULT, n.p), off);
	}
	if ((e = xc_der_read_int(&tbs, &c->serial)) ||
	    (e = xc_der_read_algid(&tbs, &c->tbs_sig_alg)) ||
	    (e = xc__read_name(&tbs, &c->issuer, &c->issuer_raw)))
		return xc__report(&d, e, off);

	/* Validity ::= SEQUENCE { notBefore Time, notAfter Time } */
	if ((e = xc_der_enter(&tbs, XC_TAG_SEQUENCE, &in)) ||
	    (e = xc_der_read_time(&in, &c->not_before)) ||
	    (e = xc_der_read_time(&in, &c->not_after)) ||
	    (e = xc_der_finish(&in)))
		return xc__report(&d, e, off);

	if ((e = xc__read_name(&tbs, &c->subject, &c->subject_raw)) ||
	    (e = xc__read_spki(&tbs, &c->spki)) ||
	    (e = read_uid(&tbs, XC_TAG_CTX(1), &c->issuer_uid)) ||
	    (e = read_uid(&tbs, XC_TAG_CTX(2), &c->subject_uid)))
		return xc__report(&d, e, off);

	if ((e = xc_der_optional(&tbs, XC_TAG_CTX_CONS(3), &v, &present)))
		return xc__report(&d, e, off);
	if (present) {
		xc_der_init_at(&in, v, der);
		in.parent = &tbs;
		if ((e = xc__read_exts(&in, &c->extensions, &c->ext_count)) ||
		    (e = xc_der_finish(&in)))
			return xc__report(&d, e, off);
	}
	if ((e = xc_der_finish(&tbs)))
		return xc__report(&d, e, off);
	return XC_OK;
}

/* see xc/cert.h */
const char *xc_version_name(int64_t version)
{
	static const char *const names[] = { "v1", "v2", "v3" };
	return version >= 0 && version < 3 ? names[version] : NULL;
}
