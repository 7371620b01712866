/*
 * vfs/scan.c - which objects a source file holds (see scan.h).
 *
 * The scan runs for every file a directory listing shows, so it only
 * finds and decodes: the core's PEM scanner, base64 into one buffer, and a
 * shape check for DER files. Parsing waits until an object is opened.
 */
#include "scan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* see scan.h */
void cfs_scan_free(cfs_scan *s)
{
	free(s->der);
	free(s->objs);
	memset(s, 0, sizeof(*s));
}

static int add_obj(cfs_scan *s, size_t *cap, const cfs_scan_obj *o)
{
	if (s->n == *cap) {
		size_t n = *cap ? 2 * *cap : 4;
		cfs_scan_obj *p = realloc(s->objs, n * sizeof(*p));

		if (!p)
			return -ENOMEM;
		s->objs = p;
		*cap = n;
	}
	s->objs[s->n++] = *o;
	return 0;
}

/* see scan.h */
bool cfs_scan_der_shape(const uint8_t *buf, size_t len)
{
	xc_der d, in;
	xc_tlv tlv;

	/* Tags only: what is inside is the parsers' business, and a
	 * candidate they reject is shown as invalid, not hidden. */
	xc_der_init(&d, buf, len);
	if (xc_der_enter(&d, XC_TAG_SEQUENCE, &in) != XC_OK ||
	    xc_der_finish(&d) != XC_OK)
		return false;
	if (xc_der_read(&in, &tlv) != XC_OK || tlv.tag != XC_TAG_SEQUENCE)
		return false;
	if (xc_der_read(&in, &tlv) != XC_OK || tlv.tag != XC_TAG_SEQUENCE)
		return false;
	if (xc_der_read(&in, &tlv) != XC_OK || tlv.tag != XC_TAG_BIT_STRING)
		return false;
	return xc_der_finish(&in) == XC_OK;
}

/* The label of the BEGIN line at buf[off]: xc_pem_next() gives no block
 * for a block it could not delimit, yet a known label still makes it an
 * (invalid) object. */
static xc_slice label_at(const uint8_t *buf, size_t len, size_t off)
{
	static const char begin[] = "-----BEGIN ";
	size_t b = off + sizeof(begin) - 1, i;
	xc_slice none = { NULL, 0 };

	if (off > len || len - off < sizeof(begin) - 1 ||
	    memcmp(buf + off, begin, sizeof(begin) - 1) != 0)
		return none;
	for (i = b; i + 5 <= len && buf[i] != '\n'; i++)
		if (memcmp(buf + i, "-----", 5) == 0)
			return xc_slice_make(buf + b, i - b);
	return none;
}

/* Room for `more` bytes after der_len. */
static int reserve(cfs_scan *s, size_t *cap, size_t more)
{
	size_t n = *cap ? *cap : 64;
	uint8_t *p;

	if (s->der_len + more <= *cap)
		return 0;
	while (n < s->der_len + more)
		n *= 2;
	p = realloc(s->der, n);
	if (!p)
		return -ENOMEM;
	s->der = p;
	*cap = n;
	return 0;
}

/* A TRUSTED CERTIFICATE is the certificate's TLV then OpenSSL's trust
 * data: the object is the first TLV (the whole if it is not one). */
static size_t first_tlv(const uint8_t *der, size_t len)
{
	xc_der d;
	xc_tlv tlv;

	xc_der_init(&d, der, len);
	if (xc_der_read(&d, &tlv) != XC_OK)
		return len;
	return tlv.raw.len;
}

static int scan_pem(const uint8_t *buf, size_t len, cfs_scan *s)
{
	size_t ocap = 0, dcap = 0;
	xc_pem_iter it;
	xc_pem_block b;
	size_t off;
	xc_err e;

	/* der is never NULL, so der + off is defined even for an object
	 * that gave no DER (a bad block: off 0, len 0). */
	if (reserve(s, &dcap, 1))
		return -ENOMEM;
	xc_pem_iter_init(&it, buf, len);
	for (;;) {
		cfs_scan_obj o = { CFS_UNKNOWN, 0, 0, XC_OK, 0 };
		size_t dlen = 0, boff = 0;

		off = 0;
		e = xc_pem_next(&it, &b, &off);
		if (e == XC_END)
			break;
		if (e != XC_OK) {
			o.hint = cfs_type_of_pem(xc_pem_kind_of(label_at(buf, len, off)));
			if (o.hint == CFS_UNKNOWN)
				continue;
			o.err = e;
			o.err_off = off;
			if (add_obj(s, &ocap, &o))
				return -ENOMEM;
			continue;
		}
		o.hint = cfs_type_of_pem(b.kind);
		if (o.hint == CFS_UNKNOWN)
			continue;       /* keys and the rest: never decoded */
		if (reserve(s, &dcap, XC_PEM_DECODED_MAX(b.body.len)))
			return -ENOMEM;
		e = xc_pem_decode(b.body, s->der + s->der_len, dcap - s->der_len, &dlen, &boff);
		if (e != XC_OK) {
			o.err = e;
			o.err_off = (size_t)(b.body.p - buf) + boff;
		} else {
			if (b.kind == XC_PEM_TRUSTED_CERTIFICATE)
				dlen = first_tlv(s->der + s->der_len, dlen);
			o.off = s->der_len;
			o.len = dlen;
			s->der_len += dlen;
		}
		if (add_obj(s, &ocap, &o))
			return -ENOMEM;
	}
	return 0;
}

/* see scan.h */
int cfs_scan_buf(const uint8_t *buf, size_t len, cfs_scan *s)
{
	size_t ocap = 0;
	cfs_scan_obj o = { CFS_UNKNOWN, 0, len, XC_OK, 0 };

	memset(s, 0, sizeof(*s));
	if (xc_pem_detect(buf, len))
		return scan_pem(buf, len, s);
	if (!cfs_scan_der_shape(buf, len))
		return 0;
	s->der = malloc(len);
	if (!s->der)
		return -ENOMEM;
	memcpy(s->der, buf, len);
	s->der_len = len;
	return add_obj(s, &ocap, &o);
}

/* see scan.h */
cfs_type cfs_scan_type(cfs_type hint, const uint8_t *der, size_t len)
{
	bool any = hint != CFS_CERT && hint != CFS_CRL && hint != CFS_CSR;
	union {
		xc_cert c;
		xc_crl crl;
		xc_csr csr;
	} u;

	if ((any || hint == CFS_CERT) && xc_cert_parse(&u.c, der, len, NULL) == XC_OK)
		return CFS_CERT;
	if ((any || hint == CFS_CRL) && xc_crl_parse(&u.crl, der, len, NULL) == XC_OK)
		return CFS_CRL;
	if ((any || hint == CFS_CSR) && xc_csr_parse(&u.csr, der, len, NULL) == XC_OK)
		return CFS_CSR;
	return CFS_INVALID;
}
