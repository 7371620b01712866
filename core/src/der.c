/* Strict DER reader: see xc/der.h. */
#include "inner.h"

void xc_der_init(xc_der *d, const uint8_t *buf, size_t len)
{
	d->p = buf;
	/* An absent field is a NULL slice of length 0, and NULL + 0 is
	 * undefined in C: an empty reader over NULL ends where it starts. */
	d->end = len ? buf + len : buf;
	d->base = buf;
	d->parent = NULL;
	d->err = XC_OK;
	d->err_at = NULL;
}

void xc_der_init_at(xc_der *d, xc_slice s, const uint8_t *base)
{
	xc_der_init(d, s.p, s.len);
	d->base = base ? base : s.p;
}

bool xc_der_more(const xc_der *d)
{
	return d->err == XC_OK && d->p < d->end;
}

size_t xc_der_offset(const xc_der *d)
{
	return (size_t)(d->p - d->base);
}

size_t xc_der_error_offset(const xc_der *d)
{
	return d->err_at ? (size_t)(d->err_at - d->base) : xc_der_offset(d);
}

xc_err xc_der_fail(xc_der *d, xc_err e, const uint8_t *at)
{
	/* Record in this reader and every reader it was entered from, so the
	 * outermost one can report the first failure's exact offset. */
	for (xc_der *r = d; r; r = r->parent) {
		if (r->err == XC_OK) {
			r->err = e;
			r->err_at = at;
		}
	}
	return e;
}

/*
 * Reads identifier and length octets at d->p (X.690 8.1.2, 8.1.3 with the
 * DER restrictions of 10.1): definite lengths only, in the fewest octets.
 * On success *tag, *hdr (header size) and *len are set; nothing is consumed.
 */
static xc_err read_header(xc_der *d, uint32_t *tag, size_t *hdr, size_t *len)
{
	const uint8_t *p = d->p;
	size_t avail = (size_t)(d->end - p);
	size_t i = 0;

	if (d->err)
		return d->err;
	if (avail < 2)
		return xc_der_fail(d, XC_ERR_TRUNCATED, p);

	uint8_t id = p[i++];
	if ((id & 0x1fu) != 0x1fu) {
		*tag = id;
	} else {
		/* High tag number form: base-128, no leading 0x80 octet, and
		 * only for numbers that do not fit the low form (>= 31). */
		uint32_t num = 0;
		uint8_t b;
		if (p[i] == 0x80u)
			return xc_der_fail(d, XC_ERR_TAG_NONMINIMAL, p);
		do {
			if (i >= avail)
				return xc_der_fail(d, XC_ERR_TRUNCATED, p);
			b = p[i++];
			if (num > (0xffffffu >> 7))
				return xc_der_fail(d, XC_ERR_TAG_OVERFLOW, p);
			num = (num << 7) | (b & 0x7fu);
		} while (b & 0x80u);
		if (num < 31)
			return xc_der_fail(d, XC_ERR_TAG_NONMINIMAL, p);
		*tag = ((uint32_t)id << 24) | num;
	}

	if (i >= avail)
		return xc_der_fail(d, XC_ERR_TRUNCATED, p);
	uint8_t l0 = p[i++];
	size_t n;
	if (l0 < 0x80u) {
		n = l0;
	} else if (l0 == 0x80u) {
		return xc_der_fail(d, XC_ERR_LEN_INDEFINITE, p + i - 1);
	} else {
		size_t k = l0 & 0x7fu;
		if (k > sizeof(size_t) || l0 == 0xffu)
			return xc_der_fail(d, XC_ERR_LEN_OVERFLOW, p + i - 1);
		if (avail - i < k)
			return xc_der_fail(d, XC_ERR_TRUNCATED, p + i - 1);
		if (p[i] == 0)
			return xc_der_fail(d, XC_ERR_LEN_NONMINIMAL, p + i - 1);
		n = 0;
		for (size_t j = 0; j < k; j++)
			n = (n << 8) | p[i + j];
		if (n < 0x80u)
			return xc_der_fail(d, XC_ERR_LEN_NONMINIMAL, p + i - 1);
		i += k;
	}
	if (n > avail - i)
		return xc_der_fail(d, XC_ERR_LEN_PAST_END, p + i - 1);
	*hdr = i;
	*len = n;
	return XC_OK;
}

/*
 * The common header, decided without read_header(): a low tag number and
 * a short-form length (X.690 8.1.3.4) that fits in the window, as are
 * most TLVs of a certificate (every name attribute, OID, time, small
 * integer). *len gets the contents length; the header is two octets.
 * The readers below take this path first and hand anything else, errors
 * included, to a general version kept out of line: apart, the common case
 * needs no stack frame and no saved registers (a merged version has
 * both: tried), and the header checks were a sixth of a certificate
 * parse.
 */
static inline bool short_header(const xc_der *d, size_t *len)
{
	const uint8_t *p = d->p;
	size_t avail = (size_t)(d->end - p);

	if (d->err != XC_OK || avail < 2 || (p[0] & 0x1fu) == 0x1fu ||
	    p[1] >= 0x80u || p[1] > avail - 2)
		return false;
	*len = p[1];
	return true;
}

/* The general cases, out of line (see short_header()). */
static XC_NOINLINE xc_err read_any(xc_der *d, xc_tlv *out)
{
	uint32_t tag;
	size_t hdr, len;
	xc_err e = read_header(d, &tag, &hdr, &len);
	if (e)
		return e;
	out->tag = tag;
	out->raw = xc_slice_make(d->p, hdr + len);
	out->value = xc_slice_make(d->p + hdr, len);
	d->p += hdr + len;
	return XC_OK;
}

static XC_NOINLINE xc_err expect_any(xc_der *d, uint32_t tag, xc_slice *value,
                                     xc_slice *raw)
{
	uint32_t t;
	size_t hdr, len;
	xc_err e = read_header(d, &t, &hdr, &len);
	if (e)
		return e;
	if (t != tag)
		return xc_der_fail(d, XC_ERR_TAG, d->p);
	if (value)
		*value = xc_slice_make(d->p + hdr, len);
	if (raw)
		*raw = xc_slice_make(d->p, hdr + len);
	d->p += hdr + len;
	return XC_OK;
}

xc_err xc_der_read(xc_der *d, xc_tlv *out)
{
	size_t len;

	if (!short_header(d, &len))
		return read_any(d, out);
	out->tag = d->p[0];
	out->raw = xc_slice_make(d->p, 2 + len);
	out->value = xc_slice_make(d->p + 2, len);
	d->p += 2 + len;
	return XC_OK;
}

xc_err xc_der_expect_raw(xc_der *d, uint32_t tag, xc_slice *value, xc_slice *raw)
{
	size_t len;

	if (!short_header(d, &len) || d->p[0] != tag)
		return expect_any(d, tag, value, raw);
	if (value)
		*value = xc_slice_make(d->p + 2, len);
	if (raw)
		*raw = xc_slice_make(d->p, 2 + len);
	d->p += 2 + len;
	return XC_OK;
}

xc_err xc_der_expect(xc_der *d, uint32_t tag, xc_slice *value)
{
	return xc_der_expect_raw(d, tag, value, NULL);
}

bool xc_der_peek(const xc_der *d, uint32_t tag)
{
	if (d->err || d->p >= d->end)
		return false;
	/* Low tags are one octet; a high tag is compared by a trial read on a
	 * copy so the caller's reader is untouched. */
	if ((tag & 0xffffff00u) == 0)
		return d->p[0] == tag;
	xc_der tmp = *d;
	uint32_t t;
	size_t hdr, len;
	tmp.parent = NULL;
	return read_header(&tmp, &t, &hdr, &len) == XC_OK && t == tag;
}

xc_err xc_der_optional(xc_der *d, uint32_t tag, xc_slice *value, bool *present)
{
	uint32_t t;
	size_t hdr, len;

	*present = false;
	if (d->err)
		return d->err;
	if (d->p >= d->end)
		return XC_OK;
	/* Read the header for real, so a malformed one is an error whatever
	 * its tag (der.h), and a high tag is compared whole. */
	xc_err e = read_header(d, &t, &hdr, &len);
	if (e)
		return e;
	if (t != tag)
		return XC_OK;
	if (value)
		*value = xc_slice_make(d->p + hdr, len);
	d->p += hdr + len;
	*present = true;
	return XC_OK;
}

xc_err xc_der_enter(xc_der *d, uint32_t tag, xc_der *inner)
{
	xc_slice v;
	xc_err e = xc_der_expect(d, tag, &v);
	if (e)
		return e;
	xc_der_init_at(inner, v, d->base);
	inner->parent = d;
	return XC_OK;
}

xc_err xc_der_finish(xc_der *d)
{
	if (d->err)
		return d->err;
	if (d->p != d->end)
		return xc_der_fail(d, XC_ERR_TRAILING, d->p);
	return XC_OK;
}

/* X.690 8.3.2: the first nine bits must not be all zeros or all ones. */
xc_err xc_der_check_int(xc_slice v)
{
	if (v.len == 0)
		return XC_ERR_INT;
	if (v.len > 1 && ((v.p[0] == 0x00 && !(v.p[1] & 0x80u)) ||
	                  (v.p[0] == 0xff && (v.p[1] & 0x80u))))
		return XC_ERR_INT;
	return XC_OK;
}

/* X.690 8.19: arcs in base 128, no arc starting with a 0x80 octet, the
 * last octet without the continuation bit. Arcs above 64 bits are refused
 * (the dotted form and lookups need them as integers). */
xc_err xc_der_check_oid(xc_slice v)
{
	if (v.len == 0)
		return XC_ERR_OID;
	if (v.p[v.len - 1] & 0x80u)
		return XC_ERR_OID;
	size_t digits = 0;
	for (size_t i = 0; i < v.len; i++) {
		if (digits == 0 && v.p[i] == 0x80u)
			return XC_ERR_OID;
		digits++;
		/* 9 base-128 digits hold 63 bits; a 10th is only allowed with
		 * a first digit of 1 (the 64th bit). */
		if (digits == 10 && v.p[i + 1 - 10] > 0x81u)
			return XC_ERR_OID_OVERFLOW;
		if (digits > 10)
			return XC_ERR_OID_OVERFLOW;
		if (!(v.p[i] & 0x80u))
			digits = 0;
	}
	return XC_OK;
}

/*
 * xc_der_expect() for the typed readers below, with short_header()'s
 * common case inline. The general case fills a local of its own: v is
 * never passed to a function out of sight, so the typed reader's slice
 * stays in registers. Written to memory, it was stored as two 8-byte
 * halves and read back as one 16-byte copy into the caller's slice, a
 * load the CPU cannot forward from those stores (it waits for them:
 * the costliest instruction of xc_der_read_oid()).
 */
static inline xc_err read_prim(xc_der *d, uint32_t tag, xc_slice *v)
{
	size_t len;
	xc_slice t;
	xc_err e;

	if (short_header(d, &len) && d->p[0] == tag) {
		*v = xc_slice_make(d->p + 2, len);
		d->p += 2 + len;
		return XC_OK;
	}
	if ((e = expect_any(d, tag, &t, NULL)) == XC_OK)
		*v = t;
	return e;
}

xc_err xc_der_read_int(xc_der *d, xc_slice *value)
{
	xc_slice v;
	xc_err e = read_prim(d, XC_TAG_INTEGER, &v);
	if (e)
		return e;
	if ((e = xc_der_check_int(v)))
		return xc_der_fail(d, e, v.p);
	*value = v;
	return XC_OK;
}

xc_err xc_der_read_bool(xc_der *d, bool *value)
{
	xc_slice v;
	xc_err e = read_prim(d, XC_TAG_BOOLEAN, &v);
	if (e)
		return e;
	/* DER (X.690 11.1): TRUE is 0xff. */
	if (v.len != 1 || (v.p[0] != 0x00 && v.p[0] != 0xff))
		return xc_der_fail(d, XC_ERR_BOOL, v.p);
	*value = v.p[0] != 0;
	return XC_OK;
}

xc_err xc_der_read_oid(xc_der *d, xc_slice *value)
{
	xc_slice v;
	xc_err e = read_prim(d, XC_TAG_OID, &v);
	if (e)
		return e;
	if ((e = xc_der_check_oid(v)))
		return xc_der_fail(d, e, v.p);
	*value = v;
	return XC_OK;
}

xc_err xc_der_read_null(xc_der *d)
{
	xc_slice v;
	xc_err e = read_prim(d, XC_TAG_NULL, &v);
	if (e)
		return e;
	if (v.len != 0)
		return xc_der_fail(d, XC_ERR_NULL, v.p);
	return XC_OK;
}

xc_err xc_der_read_bits(xc_der *d, xc_slice *bytes, unsigned *unused)
{
	xc_slice v;
	xc_err e = read_prim(d, XC_TAG_BIT_STRING, &v);
	if (e)
		return e;
	/* X.690 8.6.2 and DER 11.2: unused bits 0..7, none in an empty
	 * string, and the unused bits themselves zero. */
	if (v.len == 0 || v.p[0] > 7 || (v.len == 1 && v.p[0] != 0))
		return xc_der_fail(d, XC_ERR_BITSTRING, v.p);
	if (v.len > 1 && (v.p[v.len - 1] & ((1u << v.p[0]) - 1u)))
		return xc_der_fail(d, XC_ERR_BITSTRING, v.p + v.len - 1);
	if (unused)
		*unused = v.p[0];
	*bytes = xc_slice_make(v.p + 1, v.len - 1);
	return XC_OK;
}

xc_err xc_der_int_to_i64(xc_slice v, int64_t *out)
{
	xc_err e = xc_der_check_int(v);
	if (e)
		return e;
	if (v.len > 8)
		return XC_ERR_INT_RANGE;
	uint64_t u = (v.p[0] & 0x80u) ? UINT64_MAX : 0;
	for (size_t i = 0; i < v.len; i++)
		u = (u << 8) | v.p[i];
	*out = (int64_t)u;
	return XC_OK;
}

/* Reads one INTEGER's contents and drops the sign octet; a negative or
 * zero value is never a valid r or s, so it is malformed here. */
static bool read_positive(xc_der *d, xc_slice *v)
{
	if (xc_der_read_int(d, v) != XC_OK)
		return false;
	if (v->p[0] & 0x80)
		return false;
	if (v->p[0] == 0) {
		v->p++;
		v->len--;
	}
	return v->len > 0;
}

/* inner.h */
bool xc__sig_rs(xc_slice sig, xc_slice *r, xc_slice *s)
{
	xc_der d, seq;

	xc_der_init(&d, sig.p, sig.len);
	if (xc_der_enter(&d, 0x30, &seq) != XC_OK)
		return false;
	if (!read_positive(&seq, r) || !read_positive(&seq, s))
		return false;
	if (xc_der_finish(&seq) != XC_OK || xc_der_finish(&d) != XC_OK)
		return false;
	return true;
}

/* xc/der.h */
xc_err xc_der_each(xc_der *in, xc_der_elem_fn read, void *scratch, size_t *count)
{
	xc_err e;

	*count = 0;
	while (xc_der_more(in)) {
		if ((e = read(in, scratch)))
			return e;
		(*count)++;
	}
	return XC_OK;
}

/* xc/der.h */
xc_err xc_der_seq_of(xc_der *d, xc_der_elem_fn read, void *scratch,
		     xc_slice *list, size_t *count)
{
	xc_der in;
	xc_err e;

	*count = 0;
	if ((e = xc_der_enter(d, XC_TAG_SEQUENCE, &in)))
		return e;
	*list = xc_slice_make(in.p, (size_t)(in.end - in.p));
	return xc_der_each(&in, read, scratch, count);
}

/* xc/der.h */
xc_err xc_der_seq_next(xc_der *it, xc_der_elem_fn read, void *item)
{
	if (it->err)
		return it->err;
	if (!xc_der_more(it))
		return XC_END;
	return read(it, item);
}
