/* Objects of any kind: see xc/obj.h. */
#include "inner.h"

static xc_err parse_as(xc_obj *o, xc_obj_kind k, const uint8_t *der, size_t len,
		       size_t *off)
{
	switch (k) {
	case XC_OBJ_CERT: return xc_cert_parse(&o->u.cert, der, len, off);
	case XC_OBJ_CRL: return xc_crl_parse(&o->u.crl, der, len, off);
	case XC_OBJ_CSR: return xc_csr_parse(&o->u.csr, der, len, off);
	case XC_OBJ_ANY: break;
	}
	return XC_ERR_ARG;
}

/* xc/obj.h */
xc_err xc_obj_parse(xc_obj *o, xc_obj_kind hint, const uint8_t *der, size_t len,
		    size_t *off)
{
	static const xc_obj_kind order[] = { XC_OBJ_CERT, XC_OBJ_CRL, XC_OBJ_CSR };
	xc_obj_kind best_kind = XC_OBJ_CERT;
	xc_err e, best = XC_ERR_TRUNCATED;
	size_t at, best_off = 0;

	if (hint != XC_OBJ_ANY) {
		o->kind = hint;
		at = 0;
		e = parse_as(o, hint, der, len, &at);
		if (off)
			*off = at;
		return e;
	}
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		at = 0;
		e = parse_as(o, order[i], der, len, &at);
		if (e == XC_OK) {
			o->kind = order[i];
			return XC_OK;
		}
		if (i == 0 || at > best_off) {
			best = e;
			best_off = at;
			best_kind = order[i];
		}
	}
	o->kind = best_kind;
	if (off)
		*off = best_off;
	return best;
}

/* xc/obj.h */
xc_obj_kind xc_obj_kind_of_pem(xc_pem_kind k)
{
	switch (k) {
	case XC_PEM_CERTIFICATE:
	case XC_PEM_TRUSTED_CERTIFICATE: return XC_OBJ_CERT;
	case XC_PEM_CRL: return XC_OBJ_CRL;
	case XC_PEM_CSR: return XC_OBJ_CSR;
	case XC_PEM_OTHER:
	case XC_PEM_PUBLIC_KEY:
	case XC_PEM_RSA_PUBLIC_KEY: break;
	}
	return XC_OBJ_ANY;
}

/* xc/obj.h */
const char *xc_obj_kind_name(xc_obj_kind k)
{
	switch (k) {
	case XC_OBJ_CERT: return "certificate";
	case XC_OBJ_CRL: return "crl";
	case XC_OBJ_CSR: return "csr";
	case XC_OBJ_ANY: break;
	}
	return "object";
}
