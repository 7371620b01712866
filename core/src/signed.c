/*
 * signed.c - what certificates, CRLs and CSRs share (cert.c, crl.c,
 * csr.c): the signed wrapper around a to-be-signed structure, and the
 * Name, Extensions and SubjectPublicKeyInfo fields their TBS hold. Each
 * reads one TLV and checks it; declared in inner.h.
 */
#include "inner.h"

/* Reads a Name TLV: contents and whole encoding, structure checked. */
xc_err xc__read_name(xc_der *d, xc_slice *contents, xc_slice *raw)
{
	xc_err e;
	size_t off;

	if ((e = xc_der_expect_raw(d, XC_TAG_SEQUENCE, contents, raw)))
		return e;
	/* An empty RDN is the name's error, reported when it is read. */
	if ((e = xc_name_check(*contents, d->base, &off)) && e != XC_ERR_RDN_EMPTY)
		return xc_der_fail(d, e, d->base + off);
	return XC_OK;
}

/* Reads an Extensions SEQUENCE and checks every Extension in it. */
xc_err xc__read_exts(xc_der *d, xc_slice *exts, size_t *count)
{
	xc_err e;
	size_t off;

	if ((e = xc_der_expect(d, XC_TAG_SEQUENCE, exts)))
		return e;
	if ((e = xc_ext_check(*exts, d->base, &off, count)))
		return xc_der_fail(d, e, d->base + off);
	return XC_OK;
}

/* Reads the signed wrapper shared by certificates, CRLs and CSRs:
 *   SEQUENCE { tbs SEQUENCE, signatureAlgorithm, signature BIT STRING }
 * and opens a reader on the tbs contents. */
xc_err xc__read_signed(xc_der *d, xc_slice *whole, xc_slice *tbs, xc_der *tbs_in,
                       xc_algid *sig_alg, xc_slice *signature)
{
	xc_der outer;
	xc_err e;
	const uint8_t *start = d->p;
	const uint8_t *tbs_start;

	if ((e = xc_der_enter(d, XC_TAG_SEQUENCE, &outer)))
		return e;
	*whole = xc_slice_make(start, (size_t)(d->p - start));
	tbs_start = outer.p;
	if ((e = xc_der_enter(&outer, XC_TAG_SEQUENCE, tbs_in)))
		return e;
	*tbs = xc_slice_make(tbs_start, (size_t)(outer.p - tbs_start));
	if ((e = xc_der_read_algid(&outer, sig_alg)))
		return e;
	if ((e = xc_der_read_bits(&outer, signature, NULL)))
		return e;
	if ((e = xc_der_finish(&outer)))
		return e;
	/* outer lives on this stack frame: the tbs reader reports to d. */
	tbs_in->parent = d;
	return xc_der_finish(d);
}

/* Reads a SubjectPublicKeyInfo's outer structure (the key is decoded on
 * demand by xc_spki_parse, as pyca decodes it in public_key()). */
xc_err xc__read_spki(xc_der *d, xc_slice *spki)
{
	xc_der in;
	xc_algid alg;
	xc_slice bits;
	xc_err e;
	const uint8_t *start = d->p;

	if ((e = xc_der_enter(d, XC_TAG_SEQUENCE, &in)))
		return e;
	*spki = xc_slice_make(start, (size_t)(d->p - start));
	if ((e = xc_der_read_algid(&in, &alg)) ||
	    (e = xc_der_read_bits(&in, &bits, NULL)))
		return e;
	return xc_der_finish(&in);
}
