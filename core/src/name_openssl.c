/*
 * OpenSSL's canonical name encoding and its name hash: see xc/name.h.
 *
 * `openssl x509 -subject_hash`, `c_rehash` and every OpenSSL CApath lookup
 * name a certificate by X509_NAME_hash_ex(): SHA-1 over the encoding that
 * OpenSSL's x509_name_canon() (crypto/x509/x_name.c) makes, the first four
 * digest bytes read little-endian. That encoding is, for each RDN in DER
 * order, the DER of its SET OF AttributeTypeAndValue (no outer SEQUENCE),
 * where each value of a string type is replaced (asn1_string_canon()) by a
 * UTF8String of its text converted to UTF-8, leading and trailing ASCII
 * whitespace removed, each inner run of it made one space, and ASCII
 * letters lowercased; other values are kept as they are. The SET is then
 * re-sorted in DER order, since canonical values sort differently from the
 * originals.
 *
 * Everything is written into the caller's buffer: each TLV gets a
 * reserved six-byte header that is shrunk with one memmove when its
 * length is known, and an RDN's entries are insertion-sorted in place by
 * rotating byte ranges (RDNs hold a handful of entries).
 */
#include "inner.h"

/* Room reserved for a header before its length is known: a tag byte and
 * a length of up to four bytes (0x84 + 4), enough for any size_t that
 * fits the bound XC_NAME_CANON_MAX leaves. */
#define HDR_MAX 6

/* The types asn1_string_canon() rewrites (ASN1_MASK_CANON); every other
 * value, NumericString and BIT STRING included, is kept byte for byte. */
static int canon_width(uint32_t tag)
{
	switch (tag) {
	case XC_TAG_UTF8_STRING: return 0;      /* already UTF-8, checked */
	case XC_TAG_PRINTABLE_STRING:
	case XC_TAG_T61_STRING:
	case XC_TAG_IA5_STRING:
	case XC_TAG_VISIBLE_STRING: return 1;   /* one byte a character */
	case XC_TAG_BMP_STRING: return 2;       /* UCS-2, no surrogates */
	case XC_TAG_UNIVERSAL_STRING: return 4; /* UCS-4 */
	default: return -1;
	}
}

typedef struct canon_out {
	uint8_t *buf;
	size_t cap;
	size_t len;
} canon_out;

static bool put(canon_out *o, const void *p, size_t n)
{
	if (n > o->cap - o->len)
		return false;
	if (n)
		memcpy(o->buf + o->len, p, n);
	o->len += n;
	return true;
}

/* OpenSSL's UTF8_putc() of a code point (no surrogate, at most
 * U+10FFFF: the caller checks, as UTF8_putc refuses those and with them
 * OpenSSL's load of the name). */
static bool put_cp(canon_out *o, uint32_t cp)
{
	uint8_t u[4];

	return put(o, u, xc__utf8_encode(cp, u));
}

/* The next character of a value read at `width` bytes a character (0:
 * UTF-8), as a_mbstr.c and a_strex.c read them. */
static bool next_char(int width, xc_slice v, size_t *i, uint32_t *c)
{
	const uint8_t *p = v.p + *i;
	size_t n = (size_t)width;

	if (width > 0) {
		*c = 0;
		for (size_t k = 0; k < n; k++)
			*c = *c << 8 | p[k];
		*i += n;
		return true;
	}
	/* UTF-8, strictly, as UTF8_getc() reads it */
	return xc__utf8_next(v.p, v.len, i, c);
}

/* ASN1_STRING_to_UTF8() of a value of `width` bytes a character (0:
 * UTF-8, validated as the core validates a UTF8String). */
static xc_err to_utf8(canon_out *o, uint32_t tag, int width, xc_slice v)
{
	size_t n = 0;

	if (width == 0) {
		/* xc_string_to_utf8 copies valid UTF-8 and adds a NUL: it
		 * must have room for it, which is then overwritten. */
		xc_err e = xc_string_to_utf8(tag, v, (char *)o->buf + o->len,
					     o->cap - o->len, &n);
		if (e == XC_OK)
			o->len += n;
		return e;
	}
	if (v.len % (size_t)width)
		return XC_ERR_STRING;
	for (size_t i = 0; i < v.len;) {
		uint32_t cp = 0;

		(void)next_char(width, v, &i, &cp);
		if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return XC_ERR_STRING;
		if (!put_cp(o, cp))
			return XC_ERR_BUFFER;
	}
	return XC_OK;
}

/* ossl_isspace(): the ASCII whitespace of the C locale. */
static bool is_space(uint8_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* asn1_string_canon()'s in-place pass over s[0..n): returns the new length. */
static size_t squeeze(uint8_t *s, size_t n)
{
	size_t from = 0, to = 0;

	while (n > 0 && is_space(s[n - 1]))
		n--;
	while (from < n && is_space(s[from]))
		from++;
	while (from < n) {
		uint8_t c = s[from];

		if (c >= 0x80) {
			s[to++] = s[from++];
		} else if (is_space(c)) {
			s[to++] = ' ';
			while (is_space(s[from]))
				from++;
		} else {
			s[to++] = (uint8_t)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
			from++;
		}
	}
	return to;
}

/* Starts a TLV whose length is not known yet: returns where it starts. */
static bool open_tlv(canon_out *o, size_t *start)
{
	*start = o->len;
	if (HDR_MAX > o->cap - o->len)
		return false;
	o->len += HDR_MAX;
	return true;
}

/* Writes the header of the TLV opened at start (tag, DER length of what
 * follows the reserved header) and moves its contents down to it. */
static void close_tlv(canon_out *o, size_t start, uint8_t tag)
{
	size_t body = start + HDR_MAX, n = o->len - body, h = 0;
	uint8_t hdr[HDR_MAX];

	hdr[h++] = tag;
	if (n < 0x80) {
		hdr[h++] = (uint8_t)n;
	} else {
		size_t bytes = 0;

		for (size_t v = n; v; v >>= 8)
			bytes++;
		hdr[h++] = (uint8_t)(0x80 | bytes);
		while (bytes--)
			hdr[h++] = (uint8_t)(n >> (8 * bytes));
	}
	memmove(o->buf + start + h, o->buf + body, n);
	memcpy(o->buf + start, hdr, h);
	o->len = start + h + n;
}

/* Length of the whole TLV that close_tlv() wrote at p. */
static size_t tlv_size(const uint8_t *p)
{
	size_t n = p[1], h = 2;

	if (n & 0x80) {
		size_t bytes = n & 0x7f;

		n = 0;
		for (size_t i = 0; i < bytes; i++)
			n = n << 8 | p[2 + i];
		h += bytes;
	}
	return h + n;
}

static void reverse(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		uint8_t c = p[i];

		p[i] = p[n - 1 - i];
		p[n - 1 - i] = c;
	}
}

/* Moves the last `tail` bytes of p[0..n) to its front, in place. */
static void rotate(uint8_t *p, size_t n, size_t tail)
{
	reverse(p, n - tail);
	reverse(p + n - tail, tail);
	reverse(p, n);
}

/* Insertion sort of the TLVs in buf[from..to) into DER SET OF order. */
static void sort_set(uint8_t *buf, size_t from, size_t to)
{
	size_t j = from;

	while (j < to) {
		size_t lj = tlv_size(buf + j), i = from;
		xc_slice rj = xc_slice_make(buf + j, lj);

		while (i < j && !xc__set_of_less(rj, xc_slice_make(buf + i, tlv_size(buf + i))))
			i += tlv_size(buf + i);
		if (i < j)
			rotate(buf + i, j + lj - i, lj);
		j += lj;
	}
}

/* One AttributeTypeAndValue, canonical. */
static xc_err put_entry(canon_out *o, const xc_attr *a)
{
	int width = canon_width(a->tag);
	size_t seq, tlv, body;
	xc_err e;

	if (!open_tlv(o, &seq) || !open_tlv(o, &tlv) || !put(o, a->oid.p, a->oid.len))
		return XC_ERR_BUFFER;
	close_tlv(o, tlv, XC_TAG_OID);
	if (width < 0) {
		if (!put(o, a->raw_value.p, a->raw_value.len))
			return XC_ERR_BUFFER;
	} else {
		if (!open_tlv(o, &tlv))
			return XC_ERR_BUFFER;
		body = tlv + HDR_MAX;
		if ((e = to_utf8(o, a->tag, width, a->value)) != XC_OK)
			return e;
		o->len = body + squeeze(o->buf + body, o->len - body);
		close_tlv(o, tlv, XC_TAG_UTF8_STRING);
	}
	close_tlv(o, seq, XC_TAG_SEQUENCE);
	return XC_OK;
}

/* see xc/name.h */
xc_err xc_name_canon_openssl(xc_slice name, uint8_t *buf, size_t cap, size_t *len)
{
	canon_out o = { buf, cap, 0 };
	xc_der d;
	xc_slice set;
	xc_err e;

	if (len)
		*len = 0;
	xc_der_init(&d, name.p, name.len);
	while (xc_der_more(&d)) {
		xc_rdn_iter it;
		xc_attr a;
		size_t start, first, n = 0;

		if ((e = xc_der_expect(&d, XC_TAG_SET, &set)) != XC_OK)
			return e;
		if (!open_tlv(&o, &start))
			return XC_ERR_BUFFER;
		first = o.len;
		xc_rdn_iter_init(&it, set);
		while ((e = xc_rdn_next(&it, &a)) == XC_OK) {
			if ((e = put_entry(&o, &a)) != XC_OK)
				return e;
			n++;
		}
		if (e != XC_END)
			return e;
		if (!n)
			return XC_ERR_RDN_EMPTY;
		sort_set(o.buf, first, o.len);
		close_tlv(&o, start, XC_TAG_SET);
	}
	if (len)
		*len = o.len;
	return XC_OK;
}

/* see xc/name.h */
xc_err xc_name_hash_openssl(xc_slice name, uint8_t *buf, size_t cap, uint32_t *hash)
{
	uint8_t md[XC_HASH_MAX];
	size_t n = 0;
	xc_err e = xc_name_canon_openssl(name, buf, cap, &n);

	*hash = 0;
	if (e != XC_OK)
		return e;
	if ((e = xc_fingerprint(XC_HASH_SHA1, xc_slice_make(n ? buf : md, n), md, sizeof(md))) != XC_OK)
		return e;
	*hash = (uint32_t)md[0] | (uint32_t)md[1] << 8 | (uint32_t)md[2] << 16 |
		(uint32_t)md[3] << 24;
	return XC_OK;
}

/*
 * OpenSSL's one-line name, `-nameopt RFC2253` (X509_NAME_print_ex with
 * XN_FLAG_RFC2253, crypto/x509/x_name.c and crypto/asn1/a_strex.c):
 *  - attributes last to first (XN_FLAG_DN_REV), the whole flattened list
 *    reversed, so a multi-valued RDN's attributes too; "+" between two of
 *    one RDN, "," otherwise;
 *  - each "SN=value", SN OpenSSL's short name of the type, else its dotted
 *    OID, whose value is then dumped whatever its type
 *    (XN_FLAG_DUMP_UNKNOWN_FIELDS);
 *  - a value of a type a_strex.c's tag2nbyte has no width for (BIT
 *    STRING, SEQUENCE, ...) as "#" and the uppercase hex of its whole DER
 *    (ASN1_STRFLGS_DUMP_UNKNOWN | DUMP_DER);
 *  - other values read at that width (one-byte types as Latin-1), each
 *    character written as UTF-8, each of its bytes escaped
 *    (ASN1_STRFLGS_RFC2253): ",+\"\\<>;" with a backslash, '#' and ' '
 *    first and ' ' last likewise, control bytes and every byte of a
 *    non-ASCII character as "\XX".
 */

/* OpenSSL 3's short names (objects.txt) of the attribute types found in
 * names; a type missing here prints dotted, where OpenSSL may know it. */
static const struct {
	const char *dotted;
	const char *sn;
} short_names[] = {
	{ "2.5.4.3", "CN" }, { "2.5.4.4", "SN" }, { "2.5.4.5", "serialNumber" },
	{ "2.5.4.6", "C" }, { "2.5.4.7", "L" }, { "2.5.4.8", "ST" },
	{ "2.5.4.9", "street" }, { "2.5.4.10", "O" }, { "2.5.4.11", "OU" },
	{ "2.5.4.12", "title" }, { "2.5.4.13", "description" },
	{ "2.5.4.15", "businessCategory" }, { "2.5.4.16", "postalAddress" },
	{ "2.5.4.17", "postalCode" }, { "2.5.4.18", "postOfficeBox" },
	{ "2.5.4.20", "telephoneNumber" }, { "2.5.4.41", "name" }, { "2.5.4.42", "GN" },
	{ "2.5.4.43", "initials" }, { "2.5.4.44", "generationQualifier" },
	{ "2.5.4.45", "x500UniqueIdentifier" }, { "2.5.4.46", "dnQualifier" },
	{ "2.5.4.65", "pseudonym" }, { "2.5.4.72", "role" },
	{ "2.5.4.97", "organizationIdentifier" },
	{ "0.9.2342.19200300.100.1.1", "UID" }, { "0.9.2342.19200300.100.1.25", "DC" },
	{ "1.2.840.113549.1.9.1", "emailAddress" },
	{ "1.2.840.113549.1.9.2", "unstructuredName" },
	{ "1.2.840.113549.1.9.8", "unstructuredAddress" },
	{ "1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL" },
	{ "1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST" },
	{ "1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC" },
	{ "1.2.643.3.131.1.1", "INN" }, { "1.2.643.100.1", "OGRN" },
	{ "1.2.643.100.3", "SNILS" }, { "1.2.643.100.5", "OGRNIP" },
};

/* a_strex.c's tag2nbyte: bytes a character, 0 for UTF-8, -1: dumped. */
static int print_width(uint32_t tag)
{
	switch (tag) {
	case XC_TAG_UTF8_STRING: return 0;
	case XC_TAG_NUMERIC_STRING:
	case XC_TAG_PRINTABLE_STRING:
	case XC_TAG_T61_STRING:
	case XC_TAG_IA5_STRING:
	case XC_TAG_UTC_TIME:
	case XC_TAG_GENERALIZED_TIME:
	case XC_TAG_VISIBLE_STRING: return 1;
	case XC_TAG_BMP_STRING: return 2;
	case XC_TAG_UNIVERSAL_STRING: return 4;
	default: return -1;
	}
}

static void put_hex_byte(xc_out *o, uint8_t b, bool backslash)
{
	static const char up[] = "0123456789ABCDEF";
	char h[3] = { '\\', up[b >> 4], up[b & 15] };

	xc_out_put(o, backslash ? h : h + 1, backslash ? 3 : 2);
}

/* One byte of a value, escaped as do_esc_char() escapes it. */
static void put_esc(xc_out *o, uint8_t b, bool first, bool last)
{
	if (b > 0x7f || b < 0x20 || b == 0x7f) {
		put_hex_byte(o, b, true);
		return;
	}
	if (strchr(",+\"\\<>;", b) || (first && (b == '#' || b == ' ')) || (last && b == ' '))
		xc_out_c(o, '\\');
	xc_out_c(o, (char)b);
}

static xc_err put_value_2253(xc_out *o, const xc_attr *a, bool dump)
{
	int width = print_width(a->tag);
	size_t i = 0;

	if (dump || width < 0) {
		xc_out_c(o, '#');
		for (size_t k = 0; k < a->raw_value.len; k++)
			put_hex_byte(o, a->raw_value.p[k], false);
		return XC_OK;
	}
	if (width > 0 && a->value.len % (size_t)width)
		return XC_ERR_STRING;
	while (i < a->value.len) {
		uint8_t u[4];
		size_t n;
		bool first = i == 0;
		uint32_t c;

		if (!next_char(width, a->value, &i, &c) || (c >= 0xd800 && c <= 0xdfff) ||
		    c > 0x10ffff)
			return XC_ERR_STRING;
		n = xc__utf8_encode(c, u);
		for (size_t k = 0; k < n; k++)
			put_esc(o, u[k], first, i == a->value.len);
	}
	return XC_OK;
}

/* The k-th attribute of a checked name, in DER order (from 0). */
static xc_err nth_attr(xc_slice name, size_t k, xc_attr *a)
{
	xc_name_iter it;
	xc_err e;

	xc_name_iter_init(&it, name);
	while ((e = xc_name_next(&it, a)) == XC_OK)
		if (k-- == 0)
			return XC_OK;
	return e == XC_END ? XC_ERR_ARG : e;
}

/* see xc/name.h */
xc_err xc_name_openssl_rfc2253(xc_slice name, char *buf, size_t cap, size_t *len)
{
	size_t n = xc_name_attr_count(name), prev_rdn = 0;
	xc_out o;
	xc_err e;

	xc_out_init(&o, buf, cap);
	if (len)
		*len = 0;
	if ((e = xc_name_check(name, NULL, NULL)) != XC_OK)
		return e;
	for (size_t k = n; k-- > 0;) {
		char dotted[XC_OID_DOTTED_MAX];
		const char *sn = NULL;
		xc_attr a;

		if ((e = nth_attr(name, k, &a)) != XC_OK ||
		    (e = xc_oid_to_dotted(a.oid, dotted, sizeof(dotted), NULL)) != XC_OK)
			return e;
		for (size_t r = 0; r < sizeof(short_names) / sizeof(short_names[0]); r++)
			if (strcmp(short_names[r].dotted, dotted) == 0)
				sn = short_names[r].sn;
		if (k != n - 1)
			xc_out_c(&o, a.rdn == prev_rdn ? '+' : ',');
		prev_rdn = a.rdn;
		xc_out_s(&o, sn ? sn : dotted);
		xc_out_c(&o, '=');
		if ((e = put_value_2253(&o, &a, sn == NULL)) != XC_OK)
			return e;
	}
	return xc_out_done(&o, len);
}
