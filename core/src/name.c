/*
 * X.501 names: structure check, iteration, string decoding and RFC 4514
 * output: see xc/name.h.
 *
 * The RFC 4514 form is pyca/cryptography 38's Name.rfc4514_string(), byte
 * for byte, including its quirks:
 *
 *  - Values are decoded as pyca's Rust side does: BIT STRING is bytes
 *    (printed #hex of all its contents octets, the unused-bits octet
 *    included), BMPString is Python's strict utf_16_be, UniversalString its
 *    strict utf_32_be, every other tag must be strict UTF-8.
 *  - pyca refuses (KeyError, ValueError or TypeError) a value whose tag is
 *    not in its _ASN1Type enum, a high tag number, and a BIT STRING on any
 *    attribute other than x500UniqueIdentifier. All of those give
 *    XC_ERR_STRING here: the value cannot become a pyca string.
 *  - pyca collects an RDN's attributes in a Python set, so two attributes
 *    with the same OID and equal decoded values appear once; we print the
 *    first. The set also makes pyca's order inside a multi-valued RDN
 *    depend on the string hash seed; we use DER order, the only stable one.
 *  - Escaping is _escape_dn_value(): it works on code points but touches
 *    ASCII only, so it is done here code point by code point on the fly,
 *    without a decoded copy. Its order of replacements means a lone space
 *    comes out as backslash, backslash, space.
 */
#include "inner.h"

/*
 * Name structure
 */

/* See xc/name.h. */
xc_err xc_name_check(xc_slice name, const uint8_t *base, size_t *off)
{
	xc_der d, rdn, atav;
	xc_slice oid;
	xc_tlv v;
	const uint8_t *empty_at = NULL;

	xc_der_init_at(&d, name, base);
	while (xc_der_more(&d)) {
		const uint8_t *set_at = d.p;
		if (xc_der_enter(&d, XC_TAG_SET, &rdn))
			break;
		/* SET SIZE (1..MAX), but pyca loads the object and refuses
		 * only the name: remember the first, check the rest. */
		if (!xc_der_more(&rdn) && !empty_at)
			empty_at = set_at;
		xc_slice prev = { NULL, 0 };
		while (xc_der_more(&rdn)) {
			const uint8_t *at = rdn.p;
			if (xc_der_enter(&rdn, XC_TAG_SEQUENCE, &atav) ||
			    xc_der_read_oid(&atav, &oid) ||
			    xc_der_read(&atav, &v) ||
			    xc_der_finish(&atav))
				break;
			/* DER (X.690 11.6): a SET OF is sorted by encoding, as
			 * pyca 38 (rust-asn1) requires too. */
			xc_slice cur = xc_slice_make(at, (size_t)(rdn.p - at));
			if (prev.p && xc__set_of_less(cur, prev)) {
				xc_der_fail(&d, XC_ERR_SET_ORDER, at);
				break;
			}
			prev = cur;
		}
	}
	if (!d.err && empty_at)
		xc_der_fail(&d, XC_ERR_RDN_EMPTY, empty_at);
	return xc__report(&d, d.err, off);
}

/* See xc/name.h. */
void xc_name_iter_init(xc_name_iter *it, xc_slice name)
{
	memset(it, 0, sizeof(*it));
	xc_der_init(&it->outer, name.p, name.len);
}

/*
 * The RDN reader is started without a parent link: the iterator may be
 * copied by the caller, and a parent pointer into it would then dangle.
 * Errors are sticky in it all the same.
 */
xc_err xc_name_next(xc_name_iter *it, xc_attr *out)
{
	xc_der atav;
	xc_tlv v;
	xc_slice oid, set;

	for (;;) {
		if (it->rdn.err)
			return it->rdn.err;
		if (it->in_rdn && it->rdn.p < it->rdn.end) {
			if (xc_der_enter(&it->rdn, XC_TAG_SEQUENCE, &atav) ||
			    xc_der_read_oid(&atav, &oid) ||
			    xc_der_read(&atav, &v) ||
			    xc_der_finish(&atav))
				return it->rdn.err;
			out->oid = oid;
			out->tag = v.tag;
			out->value = v.value;
			out->raw_value = v.raw;
			out->rdn = it->rdn_index;
			out->index_in_rdn = it->attr_index++;
			return XC_OK;
		}
		if (it->in_rdn) {
			it->in_rdn = false;
			it->rdn_index++;
		}
		if (it->outer.err)
			return it->outer.err;
		if (it->outer.p == it->outer.end)
			return XC_END;
		const uint8_t *set_at = it->outer.p;
		if (xc_der_expect(&it->outer, XC_TAG_SET, &set))
			return it->outer.err;
		if (set.len == 0)
			return xc_der_fail(&it->outer, XC_ERR_RDN_EMPTY, set_at);
		xc_der_init_at(&it->rdn, set, it->outer.base);
		it->in_rdn = true;
		it->attr_index = 0;
	}
}

/* See xc/name.h. */
size_t xc_name_rdn_count(xc_slice name)
{
	xc_der d;
	size_t n = 0;

	xc_der_init(&d, name.p, name.len);
	while (xc_der_more(&d) && xc_der_expect(&d, XC_TAG_SET, NULL) == XC_OK)
		n++;
	return n;
}

/* See xc/name.h. */
size_t xc_name_attr_count(xc_slice name)
{
	xc_name_iter it;
	xc_attr a;
	size_t n = 0;

	xc_name_iter_init(&it, name);
	while (xc_name_next(&it, &a) == XC_OK)
		n++;
	return n;
}

/*
 * String decoding
 */

/* How pyca turns a value's contents into a Python str (or bytes). */
enum str_kind {
	STR_BYTES,      /* BIT STRING: not a string */
	STR_UTF8,       /* every other tag: strict UTF-8 */
	STR_UTF16,      /* BMPString: utf_16_be */
	STR_UTF32,      /* UniversalString: utf_32_be */
};

static enum str_kind str_kind_of(uint32_t tag)
{
	switch (tag) {
	case XC_TAG_BIT_STRING:
		return STR_BYTES;
	case XC_TAG_BMP_STRING:
		return STR_UTF16;
	case XC_TAG_UNIVERSAL_STRING:
		return STR_UTF32;
	default:
		return STR_UTF8;
	}
}

/*
 * One strict UTF-8 sequence, as Python's decoder accepts it (Unicode 3.9
 * table 3-7): no overlong forms, no surrogates, nothing above U+10FFFF.
 * The minimum per length rules out overlongs; C0, C1 and F5..FF leads fail
 * through it or the length table.
 */
bool xc__utf8_next(const uint8_t *p, size_t n, size_t *i, uint32_t *cp)
{
	static const uint32_t min_of[4] = { 0, 0x80, 0x800, 0x10000 };
	uint8_t b = p[*i];
	size_t k;
	uint32_t c;

	if (b < 0x80) {
		*cp = b;
		*i += 1;
		return true;
	}
	if (b >= 0xc2 && b <= 0xdf) {
		k = 1;
		c = b & 0x1fu;
	} else if (b >= 0xe0 && b <= 0xef) {
		k = 2;
		c = b & 0x0fu;
	} else if (b >= 0xf0 && b <= 0xf4) {
		k = 3;
		c = b & 0x07u;
	} else {
		return false;
	}
	if (n - *i - 1 < k)
		return false;
	for (size_t j = 1; j <= k; j++) {
		uint8_t t = p[*i + j];
		if ((t & 0xc0u) != 0x80u)
			return false;
		c = (c << 6) | (t & 0x3fu);
	}
	if (c < min_of[k] || c > 0x10ffffu || (c >= 0xd800u && c <= 0xdfffu))
		return false;
	*cp = c;
	*i += k + 1;
	return true;
}

/*
 * Next code point of a string value at v[*i]: XC_OK, XC_END at the end, or
 * XC_ERR_STRING where Python's strict codec would raise. A lone or
 * reversed UTF-16 surrogate, an odd BMPString length, a UniversalString
 * length not a multiple of 4, or a UTF-32 value that is a surrogate or
 * above U+10FFFF all raise in Python, so they are errors here.
 */
static xc_err cp_next(enum str_kind k, xc_slice v, size_t *i, uint32_t *cp)
{
	const uint8_t *p = v.p + *i;
	size_t left = v.len - *i;

	if (left == 0)
		return XC_END;
	switch (k) {
	case STR_UTF8:
		return xc__utf8_next(v.p, v.len, i, cp) ? XC_OK : XC_ERR_STRING;
	case STR_UTF16: {
		if (left < 2)
			return XC_ERR_STRING;
		uint32_t u = (uint32_t)p[0] << 8 | p[1];
		if (u >= 0xdc00u && u <= 0xdfffu)
			return XC_ERR_STRING;
		if (u >= 0xd800u && u <= 0xdbffu) {
			if (left < 4)
				return XC_ERR_STRING;
			uint32_t l = (uint32_t)p[2] << 8 | p[3];
			if (l < 0xdc00u || l > 0xdfffu)
				return XC_ERR_STRING;
			*cp = 0x10000u + ((u - 0xd800u) << 10) + (l - 0xdc00u);
			*i += 4;
			return XC_OK;
		}
		*cp = u;
		*i += 2;
		return XC_OK;
	}
	case STR_UTF32: {
		if (left < 4)
			return XC_ERR_STRING;
		uint32_t u = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		             (uint32_t)p[2] << 8 | p[3];
		if (u > 0x10ffffu || (u >= 0xd800u && u <= 0xdfffu))
			return XC_ERR_STRING;
		*cp = u;
		*i += 4;
		return XC_OK;
	}
	case STR_BYTES:
		break;
	}
	return XC_ERR_STRING;
}

/* see inner.h */
size_t xc__utf8_encode(uint32_t cp, uint8_t b[4])
{
	if (cp < 0x80) {
		b[0] = (uint8_t)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (uint8_t)(0xc0u | cp >> 6);
		b[1] = (uint8_t)(0x80u | (cp & 0x3fu));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (uint8_t)(0xe0u | cp >> 12);
		b[1] = (uint8_t)(0x80u | (cp >> 6 & 0x3fu));
		b[2] = (uint8_t)(0x80u | (cp & 0x3fu));
		return 3;
	}
	b[0] = (uint8_t)(0xf0u | cp >> 18);
	b[1] = (uint8_t)(0x80u | (cp >> 12 & 0x3fu));
	b[2] = (uint8_t)(0x80u | (cp >> 6 & 0x3fu));
	b[3] = (uint8_t)(0x80u | (cp & 0x3fu));
	return 4;
}

static void put_utf8(xc_out *o, uint32_t cp)
{
	uint8_t b[4];

	xc_out_put(o, b, xc__utf8_encode(cp, b));
}

/*
 * See xc/name.h. U+0000 is a valid character and is written as a NUL byte,
 * so *len, not strlen(), is the decoded length. Decoding goes on past a
 * full buffer so that a bad string says XC_ERR_STRING whatever the size.
 */
xc_err xc_string_to_utf8(uint32_t tag, xc_slice value, char *buf, size_t cap, size_t *len)
{
	enum str_kind k = str_kind_of(tag);
	xc_out o;
	size_t i = 0;
	uint32_t cp;
	xc_err e;

	xc_out_init(&o, buf, cap);
	if (len)
		*len = 0;
	if (k == STR_BYTES)
		return XC_ERR_STRING;
	while ((e = cp_next(k, value, &i, &cp)) == XC_OK)
		put_utf8(&o, cp);
	if (e != XC_END)
		return e;
	return xc_out_done(&o, len);
}

/*
 * RFC 4514
 */

/* pyca's _NAMEOID_TO_NAME: the only short names it prints. */

/*
 * The tags of pyca's _ASN1Type enum (x509/name.py); any other tag makes
 * its _ASN1_TYPE_TO_ENUM lookup raise KeyError while reading the name.
 */
static bool pyca_tag(uint32_t tag)
{
	switch (tag) {
	case XC_TAG_BIT_STRING:
	case XC_TAG_OCTET_STRING:
	case XC_TAG_UTF8_STRING:
	case XC_TAG_NUMERIC_STRING:
	case XC_TAG_PRINTABLE_STRING:
	case XC_TAG_T61_STRING:
	case XC_TAG_IA5_STRING:
	case XC_TAG_UTC_TIME:
	case XC_TAG_GENERALIZED_TIME:
	case XC_TAG_VISIBLE_STRING:
	case XC_TAG_UNIVERSAL_STRING:
	case XC_TAG_BMP_STRING:
		return true;
	default:
		return false;
	}
}

/* Whether pyca can make a NameAttribute of this value at all. */
static bool pyca_accepts(const xc_attr *a)
{
	if (!pyca_tag(a->tag))
		return false;
	/* NameAttribute() raises TypeError for a BIT STRING elsewhere. */
	return a->tag != XC_TAG_BIT_STRING ||
	       xc_oid_is(a->oid, XC_OID_X500_UNIQUE_IDENTIFIER);
}

/*
 * RFC 4514's short name of an attribute type, or NULL. The nine types are
 * 2.5.4.x (contents 55 04 x) and two under 0.9.2342.19200300.100.1: matched
 * on the bytes directly, since this runs for every attribute printed.
 */
static const char *short_name(xc_slice oid)
{
	static const uint8_t pilot[9] = { 0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01 };

	if (oid.len == 3 && oid.p[0] == 0x55 && oid.p[1] == 0x04) {
		switch (oid.p[2]) {
		case 3: return "CN";
		case 6: return "C";
		case 7: return "L";
		case 8: return "ST";
		case 9: return "STREET";
		case 10: return "O";
		case 11: return "OU";
		default: return NULL;
		}
	}
	if (oid.len == 10 && memcmp(oid.p, pilot, sizeof pilot) == 0)
		return oid.p[9] == 25 ? "DC" : oid.p[9] == 1 ? "UID" : NULL;
	return NULL;
}

static xc_err put_key(xc_out *o, xc_slice oid)
{
	const char *key = short_name(oid);
	size_t n = 0;
	xc_err e;

	if (key) {
		xc_out_s(o, key);
		return XC_OK;
	}
	/* The dotted form goes straight into the output: no stack copy and
	 * no length limit beyond the caller's buffer. It also validates the
	 * OID (xc_oid_to_dotted checks before it writes). */
	if (o->overflow) {
		char tmp[XC_OID_DOTTED_MAX];
		e = xc_oid_to_dotted(oid, tmp, sizeof tmp, NULL);
		return e == XC_ERR_BUFFER ? XC_OK : e;
	}
	e = xc_oid_to_dotted(oid, o->buf + o->len, o->cap - o->len, &n);
	if (e == XC_ERR_BUFFER) {
		o->buf[o->len] = '\0';
		o->overflow = true;
		return XC_OK;
	}
	if (e)
		return e;
	o->len += n;
	return XC_OK;
}

static void put_hex(xc_out *o, xc_slice v)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < v.len; i++) {
		char b[2] = { hex[v.p[i] >> 4], hex[v.p[i] & 15u] };
		xc_out_put(o, b, 2);
	}
}

/*
 * _escape_dn_value() on a UTF-8 value, the common case (PrintableString,
 * UTF8String, IA5String, ...): every character it escapes is ASCII, so the
 * value is copied in runs between escapes, each multi-byte sequence checked
 * and copied as it stands rather than decoded and encoded again. Same
 * output as the code-point loop in put_value(), at a fraction of its cost.
 * '#' and ' ' are escaped only at the ends of a value, so they are dealt
 * with before and after the loop, which looks for nothing but the ASCII
 * bytes escaped wherever they are (dn_special) and non-ASCII ones.
 */
static const bool dn_special[128] = {
	[0] = true, ['\\'] = true, ['"'] = true, ['+'] = true, [','] = true,
	[';'] = true, ['<'] = true, ['>'] = true,
};

static xc_err put_utf8_value(xc_out *o, xc_slice v)
{
	const uint8_t *p = v.p;
	size_t n = v.len, i = 0, run = 0, end;
	uint32_t cp;

	if (n == 0)
		return XC_OK;
	if (p[0] == '#' || p[0] == ' ')
		xc_out_c(o, '\\');
	/* A trailing space is written escaped after the loop; with a lone
	 * space both rules apply, as in pyca. */
	end = p[n - 1] == ' ' ? n - 1 : n;
	while (i < end) {
		uint8_t c = p[i];
		if (c >= 0x80) {
			if (!xc__utf8_next(p, n, &i, &cp))
				return XC_ERR_STRING;
			continue;
		}
		if (dn_special[c]) {
			xc_out_put(o, p + run, i - run);
			xc_out_put(o, c ? "\\" : "\\00", c ? 1 : 3);
			run = c ? i : i + 1;
		}
		i++;
	}
	xc_out_put(o, p + run, end - run);
	if (end < n)
		xc_out_put(o, "\\ ", 2);
	return XC_OK;
}

/* _escape_dn_value() on a decoded string, one code point at a time. */
static xc_err put_value(xc_out *o, const xc_attr *a)
{
	enum str_kind k = str_kind_of(a->tag);
	size_t i = 0;
	uint32_t cp;
	xc_err e;

	if (k == STR_BYTES) {
		/* `if not val: return ""` comes before the "#" prefix. */
		if (a->value.len) {
			xc_out_c(o, '#');
			put_hex(o, a->value);
		}
		return XC_OK;
	}
	if (k == STR_UTF8)
		return put_utf8_value(o, a->value);
	for (size_t n = 0; (e = cp_next(k, a->value, &i, &cp)) == XC_OK; n++) {
		bool last = i == a->value.len;

		if (n == 0 && (cp == '#' || cp == ' '))
			xc_out_c(o, '\\');
		switch (cp) {
		case '\\': case '"': case '+': case ',': case ';': case '<': case '>':
			xc_out_c(o, '\\');
			xc_out_c(o, (char)cp);
			break;
		case 0:
			xc_out_s(o, "\\00");
			break;
		case ' ':
			/* The trailing-space rule runs after the leading one,
			 * so a lone space gets both backslashes. */
			if (last)
				xc_out_c(o, '\\');
			xc_out_c(o, ' ');
			break;
		default:
			put_utf8(o, cp);
			break;
		}
	}
	return e == XC_END ? XC_OK : e;
}

static xc_err put_attr(xc_out *o, const xc_attr *a)
{
	if (!pyca_accepts(a))
		return XC_ERR_STRING;
	xc_err e = put_key(o, a->oid);
	if (e)
		return e;
	xc_out_c(o, '=');
	return put_value(o, a);
}

/*
 * pyca's NameAttribute.__eq__: same OID and equal value (str == str, bytes
 * == bytes). Not RFC 5280's comparison (xc_name_equal, name_eq.c, which
 * folds case and spaces): this one decides what pyca's RDN, a set, keeps,
 * so what we print matches what pyca prints. Within one decoding kind the codecs are one-to-one, so equal
 * values are equal contents; across kinds the code points are compared.
 * A value that does not decode equals nothing (it fails on its own).
 */
static bool pyca_attr_eq(const xc_attr *a, const xc_attr *b)
{
	enum str_kind ka = str_kind_of(a->tag), kb = str_kind_of(b->tag);
	size_t i = 0, j = 0;

	if (!xc_slice_eq(a->oid, b->oid))
		return false;
	if (ka == kb)
		return xc_slice_eq(a->value, b->value);
	if (ka == STR_BYTES || kb == STR_BYTES)
		return false;
	for (;;) {
		uint32_t ca = 0, cb = 0;
		xc_err ea = cp_next(ka, a->value, &i, &ca);
		xc_err eb = cp_next(kb, b->value, &j, &cb);
		if (ea != eb || ea >= XC_ERR_FIRST)
			return false;
		if (ea == XC_END)
			return true;
		if (ca != cb)
			return false;
	}
}

/* True if an earlier attribute of a's RDN equals it (pyca's set drops it). */
static bool dup_in_rdn(xc_slice rdn, const xc_attr *a)
{
	xc_rdn_iter it;
	xc_attr b;

	xc_rdn_iter_init(&it, rdn);
	while (xc_rdn_next(&it, &b) == XC_OK) {
		if (b.raw_value.p >= a->raw_value.p)
			break;
		if (pyca_accepts(&b) && pyca_attr_eq(&b, a))
			return true;
	}
	return false;
}

/* See xc/name.h. */
bool xc_name_attr_repeats(xc_slice name, const xc_attr *a)
{
	xc_der d;
	xc_slice set = { NULL, 0 };

	if (a->index_in_rdn == 0 || !pyca_accepts(a))
		return false;
	xc_der_init(&d, name.p, name.len);
	for (size_t i = 0; i <= a->rdn; i++)
		if (xc_der_expect(&d, XC_TAG_SET, &set))
			return false;
	return dup_in_rdn(set, a);
}

/*
 * One RDN's attributes in DER order, joined by "+", after a "," unless it
 * is the first RDN printed. Later duplicates are skipped as pyca's set
 * drops them.
 */
static xc_err put_rdn(xc_out *o, xc_slice set, bool first_rdn)
{
	xc_der rdn, atav;
	xc_tlv v;
	xc_attr a;
	bool first = true;
	xc_err e;

	memset(&a, 0, sizeof(a));
	if (set.len == 0)
		return XC_ERR_RDN_EMPTY;
	xc_der_init(&rdn, set.p, set.len);
	while (xc_der_more(&rdn)) {
		/* They succeed on a checked name; the checks are for the rest. */
		/* The OID is not validated again: a known one matches a table
		 * row byte for byte, and an unknown one is validated by
		 * xc_oid_to_dotted() as it is printed. */
		if ((e = xc_der_enter(&rdn, XC_TAG_SEQUENCE, &atav)) ||
		    (e = xc_der_expect(&atav, XC_TAG_OID, &a.oid)))
			return e;
		const uint8_t *at = atav.p;
		if ((e = xc_der_read(&atav, &v)) || (e = xc_der_finish(&atav)))
			return e;
		/* The slices are rebuilt from the reader's position and one
		 * length rather than copied from v: a slice copied whole
		 * right after it was stored is a 16-byte load the CPU cannot
		 * forward from two 8-byte stores (der.c, read_prim()). */
		a.tag = v.tag;
		a.raw_value = xc_slice_make(at, (size_t)(atav.p - at));
		a.value = xc_slice_make(atav.p - v.value.len, v.value.len);
		if (!first && pyca_accepts(&a) && dup_in_rdn(set, &a))
			continue;
		if (!first)
			xc_out_c(o, '+');
		else if (!first_rdn)
			xc_out_c(o, ',');
		first = false;
		if ((e = put_attr(o, &a)))
			return e;
	}
	return XC_OK;
}

/*
 * Checkpoints for walking RDNs backwards without a list of them: the start
 * of every stride-th RDN. Reaching RDN j costs at most `stride` reads, so a
 * name of n RDNs prints in O(n * n / MARKS) reads, with a fixed stack.
 */
#define MARKS 64

/* Names of up to this many RDNs (nearly all) keep each RDN's SET from the
 * counting pass and print without reading any header twice. */
#define FEW_RDNS 16

/*
 * See xc/name.h. Formatting goes on past a full buffer, so that a bad value
 * says XC_ERR_STRING whatever the buffer's size. The name was checked when
 * its object was parsed, so it is not checked again here (that was half
 * the cost of formatting); an unchecked, malformed name still cannot make
 * this read outside it: every read is bounded, and a failed one ends the
 * walk with its error.
 */
xc_err xc_name_rfc4514(xc_slice name, char *buf, size_t cap, size_t *len)
{
	const uint8_t *mark[MARKS];
	xc_slice sets[FEW_RDNS];
	size_t n = 0, stride = 1;
	xc_out o;
	xc_der d;
	xc_slice set = { NULL, 0 };
	xc_err e;

	xc_out_init(&o, buf, cap);
	if (len)
		*len = 0;

	/* One pass marks every RDN of a name of up to MARKS RDNs (all real
	 * ones); a longer name is counted first and marked every stride. */
	xc_der_init(&d, name.p, name.len);
	while (xc_der_more(&d)) {
		if (n < MARKS)
			mark[n] = d.p;
		if ((e = xc_der_expect(&d, XC_TAG_SET, &set)))
			return e;
		if (n < FEW_RDNS)
			sets[n] = set;
		n++;
	}
	if (n <= FEW_RDNS) {
		/* The common case: every RDN's SET kept from the first pass. */
		for (size_t r = n; r-- > 0;)
			if ((e = put_rdn(&o, sets[r], r == n - 1)))
				return e;
		return xc_out_done(&o, len);
	}
	if (n > MARKS) {
		stride = n / MARKS + 1;
		xc_der_init(&d, name.p, name.len);
		for (size_t r = 0; r < n; r++) {
			if (r % stride == 0)
				mark[r / stride] = d.p;
			xc_der_expect(&d, XC_TAG_SET, NULL);
		}
	}

	/* RFC 4514 2.1: the last RDN of the sequence comes first. */
	for (size_t r = n; r-- > 0;) {
		const uint8_t *p = mark[r / stride];
		xc_der_init(&d, p, (size_t)(name.p + name.len - p));
		for (size_t s = r % stride; s > 0; s--)
			xc_der_expect(&d, XC_TAG_SET, NULL);
		if ((e = xc_der_expect(&d, XC_TAG_SET, &set)) ||
		    (e = put_rdn(&o, set, r == n - 1)))
			return e;
	}
	return xc_out_done(&o, len);
}

/* See xc/name.h. */
xc_err xc_attr_rfc4514(const xc_attr *a, char *buf, size_t cap, size_t *len)
{
	xc_out o;
	xc_err e;

	xc_out_init(&o, buf, cap);
	if (len)
		*len = 0;
	if ((e = put_attr(&o, a)))
		return e;
	return xc_out_done(&o, len);
}

/* See xc/name.h. Formatting into no room at all still checks the value. */
xc_err xc_name_error(xc_slice name, const uint8_t *base, size_t *off)
{
	xc_name_iter it;
	xc_attr a;
	xc_err e;

	if ((e = xc_name_check(name, base, off)))
		return e;
	xc_name_iter_init(&it, name);
	while ((e = xc_name_next(&it, &a)) == XC_OK) {
		if ((e = xc_attr_rfc4514(&a, NULL, 0, NULL)) != XC_ERR_STRING)
			continue;
		if (off)
			*off = (size_t)(a.raw_value.p - (base ? base : name.p));
		return e;
	}
	return e == XC_END ? XC_OK : e;
}
