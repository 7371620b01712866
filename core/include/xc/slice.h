/*
 * xc/slice.h - a view into the caller's buffer.
 *
 * Every field the core hands back is a slice: a pointer into the buffer the
 * caller passed in, and a length. Nothing is copied; a slice lives as long
 * as that buffer and must not be used after the caller frees or changes it.
 */
#ifndef XC_SLICE_H
#define XC_SLICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct xc_slice {
	const uint8_t *p;
	size_t len;
} xc_slice;

static inline xc_slice xc_slice_make(const void *p, size_t len)
{
	xc_slice s = { (const uint8_t *)p, len };
	return s;
}

static inline bool xc_slice_eq(xc_slice a, xc_slice b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

/* True if the slice is set (a present field), even if empty. */
static inline bool xc_slice_present(xc_slice s)
{
	return s.p != NULL;
}

#endif
