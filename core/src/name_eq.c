/*
 * name_eq.c - comparing and hashing Names (RFC 5280 7.1), and walking one
 * RDN: see xc/name.h. xc_name_equal() is what chains issuers to subjects
 * (chain.c) and xc_name_hash() what indexes them (vfs/index.c), so both
 * live here and read a value through the one normal form.
 */
#include "inner.h"

static bool is_string_tag(uint32_t tag)
{
	switch (tag) {
	case XC_TAG_PRINTABLE_STRING:
	case XC_TAG_UTF8_STRING:
	case XC_TAG_IA5_STRING:
	case XC_TAG_T61_STRING:
	case XC_TAG_BMP_STRING:
	case XC_TAG_UNIVERSAL_STRING:
	case XC_TAG_VISIBLE_STRING:
		return true;
	default:
		return false;
	}
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* See xc/name.h. Decodes to UTF-8, then folds ASCII case and
 * compresses spaces in place. */
bool xc_attr_normal_form(const xc_attr *a, char *buf, size_t cap, size_t *len)
{
	size_t n, i, o = 0;
	bool pending = false;

	/* Longer values compare raw, whatever buffer the caller has. */
	if (cap > XC_NAME_VALUE_MAX + 1)
		cap = XC_NAME_VALUE_MAX + 1;
	if (!is_string_tag(a->tag) ||
	    xc_string_to_utf8(a->tag, a->value, buf, cap, &n) != XC_OK)
		return false;
	for (i = 0; i < n; i++) {
		char c = buf[i];

		if (is_space(c)) {
			pending = o > 0;
			continue;
		}
		if (pending)
			buf[o++] = ' ';
		pending = false;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		buf[o++] = c;
	}
	*len = o;
	return true;
}

static bool attr_equal(const xc_attr *a, const xc_attr *b)
{
	char ba[XC_NAME_VALUE_MAX + 1], bb[XC_NAME_VALUE_MAX + 1];
	size_t la, lb;

	if (!xc_slice_eq(a->oid, b->oid))
		return false;
	if (xc_slice_eq(a->raw_value, b->raw_value))
		return true;
	if (!xc_attr_normal_form(a, ba, sizeof(ba), &la) ||
	    !xc_attr_normal_form(b, bb, sizeof(bb), &lb))
		return false;
	return la == lb && memcmp(ba, bb, la) == 0;
}

/* The idx-th AttributeTypeAndValue of one RDN (a SET's contents); re-read
 * each time rather than stored, so no array sized by the input is needed. */
static bool rdn_attr(xc_slice set, size_t idx, xc_attr *out)
{
	xc_rdn_iter it;

	xc_rdn_iter_init(&it, set);
	while (xc_rdn_next(&it, out) == XC_OK)
		if (out->index_in_rdn == idx)
			return true;
	return false;
}

/* Number of attributes of an RDN equal to `x`. */
static size_t rdn_count_equal(xc_slice set, size_t n, const xc_attr *x)
{
	xc_attr a;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (rdn_attr(set, i, &a) && attr_equal(&a, x))
			k++;
	return k;
}

static size_t rdn_size(xc_slice set)
{
	xc_rdn_iter it;
	xc_attr a;
	size_t n = 0;

	xc_rdn_iter_init(&it, set);
	while (xc_rdn_next(&it, &a) == XC_OK)
		n++;
	return n;
}

/* Multiset equality: each attribute of a occurs as often in a as in b.
 * Quadratic, but RDNs hold a handful of attributes. */
static bool rdn_equal(xc_slice sa, xc_slice sb)
{
	size_t na = rdn_size(sa), nb = rdn_size(sb), i;
	xc_attr x;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		if (!rdn_attr(sa, i, &x))
			return false;
		if (rdn_count_equal(sa, na, &x) != rdn_count_equal(sb, nb, &x))
			return false;
	}
	return true;
}

/* See xc/name.h. */
bool xc_name_equal(xc_slice a, xc_slice b)
{
	xc_der da, db;
	xc_slice sa, sb;

	if (xc_slice_eq(a, b))
		return true;
	xc_der_init(&da, a.p, a.len);
	xc_der_init(&db, b.p, b.len);
	while (xc_der_more(&da) && xc_der_more(&db)) {
		if (xc_der_expect(&da, XC_TAG_SET, &sa) != XC_OK ||
		    xc_der_expect(&db, XC_TAG_SET, &sb) != XC_OK)
			return false;
		if (!rdn_equal(sa, sb))
			return false;
	}
	return !xc_der_more(&da) && !xc_der_more(&db);
}

/* see xc/name.h */
void xc_rdn_iter_init(xc_rdn_iter *it, xc_slice rdn)
{
	xc_der_init(&it->d, rdn.p, rdn.len);
	it->index = 0;
}

/* see xc/name.h */
xc_err xc_rdn_next(xc_rdn_iter *it, xc_attr *out)
{
	xc_der atv;
	xc_tlv t;
	xc_err e;

	if (it->d.err)
		return it->d.err;
	if (!xc_der_more(&it->d))
		return XC_END;
	memset(out, 0, sizeof(*out));
	if ((e = xc_der_enter(&it->d, XC_TAG_SEQUENCE, &atv)) ||
	    (e = xc_der_read_oid(&atv, &out->oid)) || (e = xc_der_read(&atv, &t)))
		return e;
	out->tag = t.tag;
	out->value = t.value;
	out->raw_value = t.raw;
	out->index_in_rdn = it->index++;
	return xc_der_finish(&atv);
}

/* FNV-1a over bytes, then a finaliser (splitmix64's) so that sums of
 * attribute hashes (an RDN, below) do not cancel out in low bits. */
#define FNV_BASIS 0xcbf29ce484222325ull

static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static uint64_t fnv(const void *p, size_t n, uint64_t h)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

/* An attribute by the normal form xc_name_equal() compares it by (a value
 * compared raw is hashed raw), so equal attributes hash alike. */
static uint64_t attr_hash(const xc_attr *a)
{
	char buf[XC_NAME_VALUE_MAX + 1];
	uint64_t h = fnv(a->oid.p, a->oid.len, FNV_BASIS);
	size_t n;

	if (!xc_attr_normal_form(a, buf, sizeof(buf), &n))
		return mix(fnv(a->raw_value.p, a->raw_value.len, h ^ 1));
	return mix(fnv(buf, n, h ^ 2));
}

/* See xc/name.h. RDNs in order; the attributes of one RDN summed, since
 * xc_name_equal() compares them as a multiset. */
uint64_t xc_name_hash(xc_slice name)
{
	xc_name_iter it;
	xc_attr a;
	uint64_t h = FNV_BASIS, rdn = 0;
	size_t cur = SIZE_MAX, count = 0;

	xc_name_iter_init(&it, name);
	while (xc_name_next(&it, &a) == XC_OK) {
		if (a.rdn != cur) {
			if (cur != SIZE_MAX)
				h = mix(h ^ rdn) + count;
			rdn = 0;
			cur = a.rdn;
			count++;
		}
		rdn += attr_hash(&a);
	}
	if (cur != SIZE_MAX)
		h = mix(h ^ rdn) + count;
	return mix(h ^ count);
}
