/*
 * PKCS#7 SignedData bundles: see xc/p7.h.
 *
 * Read top-down as the grammar in the header; each certificate and CRL is
 * kept as a TLV for the caller's parser, as the kernel's pkcs7_parser.c
 * records them, without a second walk here.
 */
#include "inner.h"

/* id-signedData, 1.2.840.113549.1.7.2 (RFC 5652 5.1): its contents octets. */
static const uint8_t oid_signed_data[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02 };

static bool is_signed_data(xc_slice oid)
{
	return xc_slice_eq(oid, xc_slice_make(oid_signed_data, sizeof(oid_signed_data)));
}

/* Counts the TLVs of a SET OF's contents (each one read, so a malformed
 * element is the set's error). */
static xc_err count_set(xc_der *set, size_t *n)
{
	xc_tlv t;
	xc_err e;

	*n = 0;
	while (xc_der_more(set)) {
		if ((e = xc_der_read(set, &t)) != XC_OK)
			return e;
		(*n)++;
	}
	return set->err;
}

/* An optional [n] IMPLICIT SET OF: its contents and element count. */
static xc_err optional_set(xc_der *d, uint32_t tag, xc_slice *contents, size_t *n)
{
	xc_der in;
	xc_err e;

	*contents = (xc_slice){ NULL, 0 };
	*n = 0;
	if (!xc_der_peek(d, tag))
		return d->err;
	if ((e = xc_der_enter(d, tag, &in)) != XC_OK)
		return e;
	*contents = xc_slice_make(in.p, (size_t)(in.end - in.p));
	return count_set(&in, n);
}

/* see xc/p7.h */
xc_err xc_p7_parse(xc_p7 *p7, const uint8_t *der, size_t len, size_t *off)
{
	xc_der d, ci, explicit, sd, set, eci;
	xc_slice oid, version;
	bool present = false;
	xc_err e;

	memset(p7, 0, sizeof(*p7));
	xc_der_init(&d, der, len);
	if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &ci)) != XC_OK ||
	    (e = xc_der_read_oid(&ci, &oid)) != XC_OK)
		return xc__report(&d, e, off);
	if (!is_signed_data(oid))
		return xc__report(&d, xc_der_fail(&ci, XC_ERR_P7_TYPE, oid.p), off);
	if ((e = xc_der_enter(&ci, XC_TAG_CTX_CONS(0), &explicit)) != XC_OK ||
	    (e = xc_der_enter(&explicit, XC_TAG_SEQUENCE, &sd)) != XC_OK ||
	    (e = xc_der_read_int(&sd, &version)) != XC_OK)
		return xc__report(&d, e, off);
	if ((e = xc_der_int_to_i64(version, &p7->version)) != XC_OK)
		return xc__report(&d, xc_der_fail(&sd, e, version.p), off);
	/* digestAlgorithms: read as TLVs, for they name the signers' hashes */
	if ((e = xc_der_enter(&sd, XC_TAG_SET, &set)) != XC_OK ||
	    (e = count_set(&set, &(size_t){ 0 })) != XC_OK)
		return xc__report(&d, e, off);
	if ((e = xc_der_enter(&sd, XC_TAG_SEQUENCE, &eci)) != XC_OK ||
	    (e = xc_der_read_oid(&eci, &p7->content_type)) != XC_OK ||
	    (e = xc_der_optional(&eci, XC_TAG_CTX_CONS(0), NULL, &present)) != XC_OK ||
	    (e = xc_der_finish(&eci)) != XC_OK)
		return xc__report(&d, e, off);
	p7->has_content = present;
	if ((e = optional_set(&sd, XC_TAG_CTX_CONS(0), &p7->certs, &p7->cert_count)) != XC_OK ||
	    (e = optional_set(&sd, XC_TAG_CTX_CONS(1), &p7->crls, &p7->crl_count)) != XC_OK)
		return xc__report(&d, e, off);
	if ((e = xc_der_enter(&sd, XC_TAG_SET, &set)) != XC_OK ||
	    (e = count_set(&set, &p7->signer_count)) != XC_OK ||
	    (e = xc_der_finish(&sd)) != XC_OK || (e = xc_der_finish(&explicit)) != XC_OK ||
	    (e = xc_der_finish(&ci)) != XC_OK || (e = xc_der_finish(&d)) != XC_OK)
		return xc__report(&d, e, off);
	p7->der = xc_slice_make(der, len);
	return xc__report(&d, XC_OK, off);
}

/* see xc/p7.h */
bool xc_p7_detect(const uint8_t *der, size_t len)
{
	xc_der d, ci;
	xc_slice oid;

	xc_der_init(&d, der, len);
	return xc_der_enter(&d, XC_TAG_SEQUENCE, &ci) == XC_OK &&
	       xc_der_read_oid(&ci, &oid) == XC_OK && is_signed_data(oid);
}

/* see xc/p7.h */
void xc_p7_iter_init(xc_p7_iter *it, const xc_p7 *p7, bool crls)
{
	xc_slice s = crls ? p7->crls : p7->certs;

	xc_der_init(&it->d, s.p, s.len);
	it->index = 0;
}

/* see xc/p7.h */
xc_err xc_p7_next(xc_p7_iter *it, xc_p7_item *out)
{
	xc_tlv t;
	xc_err e;

	if (it->d.err)
		return it->d.err;
	if (!xc_der_more(&it->d))
		return XC_END;
	if ((e = xc_der_read(&it->d, &t)) != XC_OK)
		return e;
	out->raw = t.raw;
	out->tag = t.tag;
	out->index = it->index++;
	return XC_OK;
}
