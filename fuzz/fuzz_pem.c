/*
 * fuzz_pem.c - the PEM scanner and decoder on any text: every block
 * xc_pem_next() finds is checked against the buffer, decoded into a
 * buffer of the promised size and again in place (the two must agree),
 * and its DER handed to the parser of its kind, which walks it.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static void parse_kind(xc_pem_kind kind, const uint8_t *der, size_t len)
{
	xc_der d;
	xc_tlv tlv;

	switch (kind) {
	case XC_PEM_CERTIFICATE:
		(void)fz_cert(der, len);
		break;
	case XC_PEM_TRUSTED_CERTIFICATE:
		/* A certificate followed by OpenSSL's trust settings. */
		xc_der_init(&d, der, len);
		if (xc_der_read(&d, &tlv) == XC_OK)
			(void)fz_cert(tlv.raw.p, tlv.raw.len);
		break;
	case XC_PEM_CRL:
		(void)fz_crl(der, len);
		break;
	case XC_PEM_CSR:
		(void)fz_csr(der, len);
		break;
	case XC_PEM_PUBLIC_KEY:
		(void)fz_spki(der, len);
		break;
	case XC_PEM_RSA_PUBLIC_KEY:
		(void)fz_spki_pkcs1(der, len);
		break;
	case XC_PEM_OTHER:
		break;
	}
}

static void one_block(const fz_buf *b, const xc_pem_block *blk)
{
	size_t cap = XC_PEM_DECODED_MAX(blk->body.len), len = SIZE_MAX, len2 = SIZE_MAX;
	size_t off = SIZE_MAX, off2 = SIZE_MAX;
	size_t room = cap > blk->body.len ? cap : blk->body.len;
	uint8_t *out, *inplace;
	xc_err e, e2;

	FZ_CHECK(blk->begin < blk->end && blk->end <= b->len);
	fz_in(b, blk->label);
	fz_in(b, blk->body);
	FZ_CHECK(blk->label.p != NULL && blk->body.p != NULL);
	FZ_CHECK((size_t)(blk->label.p - b->p) > blk->begin);
	FZ_CHECK((size_t)(blk->body.p - b->p) >= blk->begin);
	FZ_CHECK((size_t)(blk->body.p - b->p) + blk->body.len <= blk->end);
	FZ_CHECK(memcmp(b->p + blk->begin, "-----BEGIN", 10) == 0);
	FZ_CHECK(memcmp(b->p + blk->end - 5, "-----", 5) == 0);
	FZ_CHECK(blk->kind == xc_pem_kind_of(blk->label));

	/* Exact-size buffers, so ASan sees any write past the promise. */
	out = fz_malloc(cap ? cap : 1);
	inplace = fz_malloc(room);
	if (!out || !inplace)
		abort();
	e = xc_pem_decode(blk->body, out, cap, &len, &off);
	FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
	FZ_CHECK(e != XC_ERR_BUFFER);
	memcpy(inplace, blk->body.p, blk->body.len);
	e2 = xc_pem_decode(xc_slice_make(inplace, blk->body.len), inplace,
	                   room, &len2, &off2);
	FZ_CHECK(e2 == e);
	if (e == XC_OK) {
		FZ_CHECK(len <= cap && len <= blk->body.len);
		FZ_CHECK(len2 == len && memcmp(out, inplace, len) == 0);
		parse_kind(blk->kind, out, len);
	} else {
		FZ_CHECK(off <= blk->body.len && off2 == off);
		if (blk->body.len == 0)
			FZ_CHECK(e == XC_ERR_PEM_EMPTY);
	}
	free(out);
	free(inplace);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_buf b = { data, size };
	xc_pem_iter it;
	xc_pem_block blk;
	size_t off, n = 0, last = 0;
	bool any = false;
	xc_err e;

	xc_pem_iter_init(&it, data, size);
	for (;;) {
		off = SIZE_MAX;
		memset(&blk, 0, sizeof(blk));
		e = xc_pem_next(&it, &blk, &off);
		if (e == XC_END)
			break;
		/* Every call consumes at least one BEGIN line (11 bytes). */
		FZ_CHECK(++n <= size / 11 + 1);
		any = true;
		if (e != XC_OK) {
			FZ_CHECK(e == XC_ERR_PEM_UNTERMINATED || e == XC_ERR_PEM_LABEL);
			FZ_CHECK(off < size);
			FZ_CHECK(off >= last);
			last = off + 1;
			continue;
		}
		FZ_CHECK(blk.begin >= last);
		last = blk.end;
		one_block(&b, &blk);
	}
	FZ_CHECK(xc_pem_next(&it, &blk, NULL) == XC_END);
	if (any)
		FZ_CHECK(xc_pem_detect(data, size));
	return 0;
}
