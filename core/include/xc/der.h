/*
 * xc/der.h - a strict DER reader (X.690 section 10).
 *
 * A reader is a cursor over a window of the caller's buffer. It reads one
 * TLV at a time and never looks past the window's end. It accepts DER only:
 * indefinite lengths, lengths and tag numbers not in their shortest form,
 * and lengths past the window are errors.
 *
 * Tags are uint32_t. A low tag number (0..30) is the identifier octet
 * itself, so the usual constants work (0x30 SEQUENCE, 0xa3 [3] constructed).
 * A high tag number (31 and up) is (identifier octet << 24) | number.
 *
 * Errors are sticky and travel up: a reader opened inside another with
 * xc_der_enter() records its first error, with the position where it
 * happened, in every reader above it, so the outermost reader knows the
 * precise offset of the first failure (xc_der_error_offset()).
 */
#ifndef XC_DER_H
#define XC_DER_H

#include "err.h"
#include "slice.h"

/* Universal tags, as identifier octets. */
enum {
	XC_TAG_BOOLEAN = 0x01,
	XC_TAG_INTEGER = 0x02,
	XC_TAG_BIT_STRING = 0x03,
	XC_TAG_OCTET_STRING = 0x04,
	XC_TAG_NULL = 0x05,
	XC_TAG_OID = 0x06,
	XC_TAG_ENUMERATED = 0x0a,
	XC_TAG_UTF8_STRING = 0x0c,
	XC_TAG_NUMERIC_STRING = 0x12,
	XC_TAG_PRINTABLE_STRING = 0x13,
	XC_TAG_T61_STRING = 0x14,
	XC_TAG_VIDEOTEX_STRING = 0x15,
	XC_TAG_IA5_STRING = 0x16,
	XC_TAG_UTC_TIME = 0x17,
	XC_TAG_GENERALIZED_TIME = 0x18,
	XC_TAG_GRAPHIC_STRING = 0x19,
	XC_TAG_VISIBLE_STRING = 0x1a,
	XC_TAG_GENERAL_STRING = 0x1b,
	XC_TAG_UNIVERSAL_STRING = 0x1c,
	XC_TAG_BMP_STRING = 0x1e,
	XC_TAG_SEQUENCE = 0x30,
	XC_TAG_SET = 0x31,
};

/* Context-specific tags [n], primitive and constructed (n < 31). */
#define XC_TAG_CTX(n) ((uint32_t)(0x80u | (n)))
#define XC_TAG_CTX_CONS(n) ((uint32_t)(0xa0u | (n)))

/* The constructed bit of a tag's identifier octet. */
static inline bool xc_tag_constructed(uint32_t tag)
{
	return ((tag > 0xffu ? tag >> 24 : tag) & 0x20u) != 0;
}

typedef struct xc_der xc_der;
struct xc_der {
	const uint8_t *p;       /* next unread byte */
	const uint8_t *end;     /* end of this reader's window */
	const uint8_t *base;    /* start of the outermost input: offsets count from here */
	xc_der *parent;         /* reader this one was entered from, or NULL */
	xc_err err;             /* first error seen by this reader or one inside it */
	const uint8_t *err_at;  /* where that error happened */
};

/* One TLV as read: its tag, its contents, and the whole encoding. */
typedef struct xc_tlv {
	uint32_t tag;
	xc_slice value;         /* contents octets */
	xc_slice raw;           /* tag + length + contents */
} xc_tlv;

/* Starts a reader over buf[0..len). */
void xc_der_init(xc_der *d, const uint8_t *buf, size_t len);

/* Starts a reader over a slice taken from an outer input, keeping offsets
 * relative to `base` (the outer input's start). */
void xc_der_init_at(xc_der *d, xc_slice s, const uint8_t *base);

/* True while unread bytes remain and no error happened. */
bool xc_der_more(const xc_der *d);

/* Offset of the next unread byte from the base. */
size_t xc_der_offset(const xc_der *d);

/* Offset of the first error from the base (meaningful when d->err != 0). */
size_t xc_der_error_offset(const xc_der *d);

/* Records an error at position `at` (the first error wins) and returns it.
 * Parsers use it for semantic errors found after a read succeeded. */
xc_err xc_der_fail(xc_der *d, xc_err e, const uint8_t *at);

/* Reads the next TLV, whatever its tag. */
xc_err xc_der_read(xc_der *d, xc_tlv *out);

/* Reads the next TLV, which must have tag `tag`; `value` gets its contents
 * (may be NULL). */
xc_err xc_der_expect(xc_der *d, uint32_t tag, xc_slice *value);

/* Like xc_der_expect() but also returns the whole encoding in `raw`. */
xc_err xc_der_expect_raw(xc_der *d, uint32_t tag, xc_slice *value, xc_slice *raw);

/* If the next TLV has tag `tag`, reads it into `value` and sets *present;
 * otherwise leaves the reader as it was and clears *present. A malformed
 * header is an error either way. */
xc_err xc_der_optional(xc_der *d, uint32_t tag, xc_slice *value, bool *present);

/* True if a TLV follows and its tag is `tag` (reads nothing). */
bool xc_der_peek(const xc_der *d, uint32_t tag);

/* Reads a constructed TLV with tag `tag` and starts `inner` over its
 * contents; inner's errors are recorded in d too. */
xc_err xc_der_enter(xc_der *d, uint32_t tag, xc_der *inner);

/* Requires that every byte of the window was read (else XC_ERR_TRAILING). */
xc_err xc_der_finish(xc_der *d);

/* SEQUENCE OF, read and walked by one pair of helpers (as Mbed TLS's
 * mbedtls_asn1_traverse_sequence_of): `read` reads one element from the
 * reader into `item` and checks it, with errors in that reader. */
typedef xc_err (*xc_der_elem_fn)(xc_der *d, void *item);

/* Enters the SEQUENCE OF at d and reads every element with `read` (into
 * `scratch`, overwritten each time), so the whole list is checked once;
 * *list gets its contents (for an iterator), *count the elements. */
xc_err xc_der_seq_of(xc_der *d, xc_der_elem_fn read, void *scratch,
		     xc_slice *list, size_t *count);

/* The same over a reader already inside the list (`in`): reads every
 * element to its end. For a SEQUENCE OF whose contents a caller entered
 * itself (xc_der_enter), or a SET OF. */
xc_err xc_der_each(xc_der *in, xc_der_elem_fn read, void *scratch, size_t *count);

/* The next element of a list walked by `it` (a reader made by
 * xc_der_init() over the contents *list gave): XC_END after the last one,
 * and the first error again on every call after one. */
xc_err xc_der_seq_next(xc_der *it, xc_der_elem_fn read, void *item);

/* Typed reads: the next TLV must have the universal tag of the type, and
 * its contents must be valid DER for it. */
xc_err xc_der_read_int(xc_der *d, xc_slice *value);      /* shortest form, non-empty */
xc_err xc_der_read_bool(xc_der *d, bool *value);         /* 0x00 or 0xff */
xc_err xc_der_read_oid(xc_der *d, xc_slice *value);      /* well-formed arcs */
xc_err xc_der_read_null(xc_der *d);                      /* empty */
/* BIT STRING: `bytes` gets the contents after the unused-bits octet; the
 * unused bits of the last byte must be zero (DER). */
xc_err xc_der_read_bits(xc_der *d, xc_slice *bytes, unsigned *unused);

/* Checks on contents octets alone (for values found by other means). */
xc_err xc_der_check_int(xc_slice v);
xc_err xc_der_check_oid(xc_slice v);

/* An INTEGER's contents as a signed 64-bit value; XC_ERR_INT_RANGE if it
 * does not fit. */
xc_err xc_der_int_to_i64(xc_slice v, int64_t *out);

#endif
