/*
 * vfs/scan_p7.c - PKCS#7 bundles in a source file (see scan.h): each
 * certificate and CRL a SignedData carries is an object of the file, as
 * each block of a PEM bundle is.
 *
 * Apart from scan.c because a bundle is the one kind of span that holds
 * several objects: the index opens it to count them (where scan.c only
 * delimits), and each object's decode picks its element out of it.
 */
#include "scan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* see scan.h */
bool cfs_scan_p7_label(xc_slice label)
{
	/* RFC 7468 7's label, and CMS, which OpenSSL's cms tool writes */
	return (label.len == 5 && memcmp(label.p, "PKCS7", 5) == 0) ||
	       (label.len == 3 && memcmp(label.p, "CMS", 3) == 0);
}

/* The n-th (from 1) certificate or CRL of a parsed bundle, in the order
 * of the certificates then the CRLs; the other choices of the sets
 * (attribute certificates, other revocation formats) are no objects and
 * are not counted. NULL slice and the count in *count when n is 0. */
static xc_slice nth(const xc_p7 *p7, size_t n, size_t *count, cfs_type *type)
{
	size_t k = 0;

	for (int crls = 0; crls < 2; crls++) {
		xc_p7_iter it;
		xc_p7_item item;

		xc_p7_iter_init(&it, p7, crls);
		while (xc_p7_next(&it, &item) == XC_OK) {
			if (item.tag != XC_TAG_SEQUENCE)
				continue;
			if (++k == n) {
				*type = crls ? CFS_CRL : CFS_CERT;
				return item.raw;
			}
		}
	}
	*count = k;
	return (xc_slice){ NULL, 0 };
}

/* see scan.h */
int cfs_scan_p7_add(const uint8_t *der, size_t len, bool pem, const cfs_scan_obj *o,
		    cfs_scan *s, size_t *ocap)
{
	xc_p7 p7;
	size_t off = 0, count = 0;
	cfs_scan_obj x = *o;
	cfs_type type;
	xc_err e = xc_p7_parse(&p7, der, len, &off);

	if (e != XC_OK) {
		/* shown, as an invalid object with the bundle's error */
		x.err = e;
		x.err_off = off;
		return cfs_scan_add(s, ocap, &x);
	}
	(void)nth(&p7, 0, &count, &type);
	for (size_t i = 1; i <= count; i++) {
		(void)nth(&p7, i, &count, &type);
		/* a PEM block's objects decode by their type; a DER file's
		 * have none, as any DER file's (scan.h) */
		x.hint = pem ? type : CFS_UNKNOWN;
		x.p7_item = i;
		if (cfs_scan_add(s, ocap, &x))
			return -ENOMEM;
	}
	return 0;
}

/* see scan.h */
int cfs_scan_p7_block(const uint8_t *buf, const xc_pem_block *b, const cfs_scan_obj *o,
		      cfs_scan *s, size_t *ocap)
{
	size_t cap = XC_PEM_DECODED_MAX(b->body.len), n = 0, off = 0;
	uint8_t *der = malloc(cap ? cap : 1);
	cfs_scan_obj x = *o;
	xc_err e;
	int rc;

	if (!der)
		return -ENOMEM;
	e = xc_pem_decode(b->body, der, cap, &n, &off);
	if (e != XC_OK) {
		x.err = e;
		x.err_off = o->src_off + (size_t)(b->body.p - (buf + b->begin)) + off;
		rc = cfs_scan_add(s, ocap, &x);
	} else {
		rc = cfs_scan_p7_add(der, n, true, o, s, ocap);
	}
	free(der);
	return rc;
}

/* see scan.h */
xc_err cfs_scan_p7_pick(uint8_t *der, size_t *len, size_t item, size_t *err_off)
{
	xc_p7 p7;
	size_t off = 0, count = 0;
	cfs_type type;
	xc_slice x;
	xc_err e = xc_p7_parse(&p7, der, *len, &off);

	*err_off = off;
	if (e != XC_OK)
		return e;
	x = nth(&p7, item, &count, &type);
	if (!x.p)
		return XC_NOT_FOUND;    /* the file changed since its index */
	memmove(der, x.p, x.len);
	*len = x.len;
	return XC_OK;
}
