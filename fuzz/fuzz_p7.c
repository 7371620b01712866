/*
 * fuzz_p7.c - xc_p7_parse() on any bytes, as one DER PKCS#7 ContentInfo;
 * on success the bundle's two sets are iterated and every certificate and
 * CRL in them goes through its own parser and walk (walk_obj.c).
 */
#include <string.h>

#include "fuzz.h"

/* The items of one set: as many as the parser counted, each a TLV inside
 * the set, one after the other; SEQUENCEs walked as objects. */
static void walk_set(const xc_p7 *p7, bool crls)
{
	xc_slice set = crls ? p7->crls : p7->certs;
	size_t want = crls ? p7->crl_count : p7->cert_count, n = 0;
	const uint8_t *next = set.p;
	xc_p7_iter it;
	xc_p7_item item;
	xc_err e;

	xc_p7_iter_init(&it, p7, crls);
	while ((e = xc_p7_next(&it, &item)) == XC_OK) {
		fz_within(set, item.raw);
		FZ_CHECK(item.raw.p == next);
		FZ_CHECK(item.index == n);
		next = item.raw.p + item.raw.len;
		if (item.tag == XC_TAG_SEQUENCE)
			(void)(crls ? fz_crl(item.raw.p, item.raw.len)
				    : fz_cert(item.raw.p, item.raw.len));
		n++;
	}
	FZ_CHECK(e == XC_END);
	FZ_CHECK(xc_p7_next(&it, &item) == XC_END);
	FZ_CHECK(n == want);
	FZ_CHECK(!set.p || next == set.p + set.len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_buf b = { data, size };
	xc_p7 p, p2;
	size_t off = SIZE_MAX, off2 = SIZE_MAX;
	xc_err e, e2;

	memset(&p, 0, sizeof(p));
	memset(&p2, 0xff, sizeof(p2));
	e = xc_p7_parse(&p, data, size, &off);
	e2 = xc_p7_parse(&p2, data, size, &off2);
	FZ_CHECK(e == e2);
	FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
	FZ_CHECK(off == off2);
	if (e != XC_OK) {
		fz_off(e, off, size);
		/* the type's error means the type was read: detect agrees */
		if (e == XC_ERR_P7_TYPE)
			FZ_CHECK(!xc_p7_detect(data, size));
		return 0;
	}
	FZ_CHECK(off == size);
	FZ_CHECK(xc_p7_detect(data, size));
	FZ_CHECK(p.der.p == data && p.der.len == size);
	FZ_CHECK(p.version == p2.version && p.has_content == p2.has_content);
	FZ_CHECK(p.cert_count == p2.cert_count && p.crl_count == p2.crl_count &&
		 p.signer_count == p2.signer_count);
	fz_in(&b, p.content_type);
	fz_in(&b, p.certs);
	fz_in(&b, p.crls);
	FZ_CHECK(xc_slice_eq(p.certs, p2.certs) && xc_slice_eq(p.crls, p2.crls));
	FZ_CHECK(xc_der_check_oid(p.content_type) == XC_OK);
	fz_walk_oid(p.content_type);
	walk_set(&p, false);
	walk_set(&p, true);
	return 0;
}
