/*
 * der_build.h - a small DER writer the object suites (test_cert.c,
 * test_crl.c, test_csr.c) use to rebuild a template object with one field
 * replaced, lengths recomputed.
 */
#ifndef DER_BUILD_H
#define DER_BUILD_H

#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* A fixed-size output: the builder needs no allocation to re-encode. */
typedef struct blob {
	uint8_t b[4096];
	size_t len;
} blob;

static inline void put(blob *o, const void *p, size_t n)
{
	CU_ASSERT_FATAL(o->len + n <= sizeof o->b);
	memcpy(o->b + o->len, p, n);
	o->len += n;
}

static inline void put_hex(blob *o, const char *hex)
{
	size_t n;
	uint8_t *p = tu_unhex(hex, &n);
	put(o, p, n);
	free(p);
}

static inline size_t hdr_len(size_t n)
{
	return n < 0x80 ? 2 : n < 0x100 ? 3 : n < 0x10000 ? 4 : 5;
}

static inline void put_hdr(blob *o, uint8_t tag, size_t n)
{
	uint8_t h[5] = { tag };
	size_t k = hdr_len(n);
	if (k == 2) {
		h[1] = (uint8_t)n;
	} else {
		h[1] = (uint8_t)(0x80u | (k - 2));
		for (size_t i = 0; i < k - 2; i++)
			h[k - 1 - i] = (uint8_t)(n >> (8 * i));
	}
	put(o, h, k);
}

#endif
