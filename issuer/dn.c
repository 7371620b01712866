/*
 * issuer/dn.c - RFC 4514 text into a DER Name (dn.h).
 *
 * The text is read left to right into a list of attributes (type, string
 * type, value bytes, RDN number), then written right to left, RDN by RDN:
 * RFC 4514 2.1 lists the last RDN of the DER sequence first. Each RDN's
 * attributes are encoded one by one and sorted as DER sorts a SET OF
 * (X.690 11.6) before they go out.
 */
#include "dn.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xc/der.h>

/* One attribute type by name. The RFC 4514 short names pyca prints (CN,
 * L, ST, O, OU, C, STREET, DC, UID), the names of pyca's NameOID in
 * OpenSSL's spelling, and OpenSSL's short names (SN, GN) that users type. */
static const struct {
	const char *name;
	const char *oid;
	uint8_t tag;    /* the string type pyca chooses (_NAMEOID_DEFAULT_TYPE) */
} attr_types[] = {
	{ "CN", "2.5.4.3", CI_TAG_UTF8 },
	{ "commonName", "2.5.4.3", CI_TAG_UTF8 },
	{ "C", "2.5.4.6", CI_TAG_PRINTABLE },
	{ "countryName", "2.5.4.6", CI_TAG_PRINTABLE },
	{ "L", "2.5.4.7", CI_TAG_UTF8 },
	{ "localityName", "2.5.4.7", CI_TAG_UTF8 },
	{ "ST", "2.5.4.8", CI_TAG_UTF8 },
	{ "stateOrProvinceName", "2.5.4.8", CI_TAG_UTF8 },
	{ "STREET", "2.5.4.9", CI_TAG_UTF8 },
	{ "streetAddress", "2.5.4.9", CI_TAG_UTF8 },
	{ "O", "2.5.4.10", CI_TAG_UTF8 },
	{ "organizationName", "2.5.4.10", CI_TAG_UTF8 },
	{ "OU", "2.5.4.11", CI_TAG_UTF8 },
	{ "organizationalUnitName", "2.5.4.11", CI_TAG_UTF8 },
	{ "serialNumber", "2.5.4.5", CI_TAG_PRINTABLE },
	{ "SN", "2.5.4.4", CI_TAG_UTF8 },      /* OpenSSL's short name of surname */
	{ "surname", "2.5.4.4", CI_TAG_UTF8 },
	{ "GN", "2.5.4.42", CI_TAG_UTF8 },
	{ "givenName", "2.5.4.42", CI_TAG_UTF8 },
	{ "title", "2.5.4.12", CI_TAG_UTF8 },
	{ "initials", "2.5.4.43", CI_TAG_UTF8 },
	{ "generationQualifier", "2.5.4.44", CI_TAG_UTF8 },
	{ "x500UniqueIdentifier", "2.5.4.45", CI_TAG_UTF8 },
	{ "dnQualifier", "2.5.4.46", CI_TAG_PRINTABLE },
	{ "pseudonym", "2.5.4.65", CI_TAG_UTF8 },
	{ "UID", "0.9.2342.19200300.100.1.1", CI_TAG_UTF8 },
	{ "userId", "0.9.2342.19200300.100.1.1", CI_TAG_UTF8 },
	{ "DC", "0.9.2342.19200300.100.1.25", CI_TAG_IA5 },
	{ "domainComponent", "0.9.2342.19200300.100.1.25", CI_TAG_IA5 },
	{ "emailAddress", "1.2.840.113549.1.9.1", CI_TAG_IA5 },
	{ "E", "1.2.840.113549.1.9.1", CI_TAG_IA5 },
	{ "jurisdictionC", "1.3.6.1.4.1.311.60.2.1.3", CI_TAG_PRINTABLE },
	{ "jurisdictionCountryName", "1.3.6.1.4.1.311.60.2.1.3", CI_TAG_PRINTABLE },
	{ "jurisdictionST", "1.3.6.1.4.1.311.60.2.1.2", CI_TAG_UTF8 },
	{ "jurisdictionStateOrProvinceName", "1.3.6.1.4.1.311.60.2.1.2", CI_TAG_UTF8 },
	{ "jurisdictionL", "1.3.6.1.4.1.311.60.2.1.1", CI_TAG_UTF8 },
	{ "jurisdictionLocalityName", "1.3.6.1.4.1.311.60.2.1.1", CI_TAG_UTF8 },
	{ "businessCategory", "2.5.4.15", CI_TAG_UTF8 },
	{ "postalAddress", "2.5.4.16", CI_TAG_UTF8 },
	{ "postalCode", "2.5.4.17", CI_TAG_UTF8 },
	{ "INN", "1.2.643.3.131.1.1", CI_TAG_UTF8 },
	{ "OGRN", "1.2.643.100.1", CI_TAG_UTF8 },
	{ "SNILS", "1.2.643.100.3", CI_TAG_UTF8 },
	{ "unstructuredName", "1.2.840.113549.1.9.2", CI_TAG_UTF8 },
};

uint8_t ci_dn_default_type(const uint8_t *oid, size_t len)
{
	for (size_t i = 0; i < sizeof(attr_types) / sizeof(attr_types[0]); i++) {
		uint8_t o[64];
		size_t n = ci_der_oid_encode(attr_types[i].oid, o, sizeof(o));

		if (n == len && !memcmp(o, oid, len))
			return attr_types[i].tag;
	}
	return CI_TAG_UTF8;
}

static const struct {
	const char *name;
	uint8_t tag;
} str_types[] = {
	{ "utf8", CI_TAG_UTF8 }, { "printable", CI_TAG_PRINTABLE },
	{ "ia5", CI_TAG_IA5 }, { "bmp", CI_TAG_BMP }, { "t61", CI_TAG_T61 },
	{ "visible", CI_TAG_VISIBLE }, { "universal", CI_TAG_UNIVERSAL },
	{ "numeric", CI_TAG_NUMERIC },
};

/* dn.h */
uint8_t ci_str_type(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(str_types) / sizeof(str_types[0]); i++)
		if (strlen(str_types[i].name) == len && !strncasecmp(name, str_types[i].name, len))
			return str_types[i].tag;
	return 0;
}

/* Limits of one Name: far beyond any real one, and small enough to keep
 * the parse on the stack. */
#define DN_ATTRS 64
#define DN_VALUE 1024

typedef struct dn_attr {
	uint8_t oid[64];
	size_t oid_len;
	uint8_t tag;            /* 0: `value` is a whole TLV (#HEX) */
	size_t rdn;
	size_t off, len;        /* the value in the parse's byte pool */
	size_t at;              /* position in the text, for messages */
} dn_attr;

typedef struct dn_parse {
	dn_attr a[DN_ATTRS];
	size_t n;
	uint8_t pool[DN_ATTRS * 64 + DN_VALUE * 4];
	size_t used;
} dn_parse;

/* The attribute type up to '=': a name of the table or a dotted OID, with
 * an optional /stringtype suffix. */
static int read_type(const char *text, const char **pp, dn_attr *a, ci_msg *m)
{
	const char *p = *pp, *start = p, *slash = NULL;
	char name[128];
	size_t n;
	uint8_t deftag = CI_TAG_UTF8;
	bool found = false;

	while (*p && *p != '=' && *p != ',' && *p != '+') {
		if (*p == '/' && !slash)
			slash = p;
		p++;
	}
	if (*p != '=')
		return ci_fail(m, "at %zu: '%.*s' has no '=' (TYPE=value)", (size_t)(start - text),
			       (int)(p - start), start);
	n = (size_t)((slash ? slash : p) - start);
	while (n && start[n - 1] == ' ')
		n--;
	if (!n || n >= sizeof(name))
		return ci_fail(m, "at %zu: missing attribute type", (size_t)(start - text));
	memcpy(name, start, n);
	name[n] = 0;
	if (isdigit((unsigned char)name[0])) {
		a->oid_len = ci_der_oid_encode(name, a->oid, sizeof(a->oid));
		if (!a->oid_len)
			return ci_fail(m, "at %zu: '%s' is not a valid OID", (size_t)(start - text), name);
		/* By OID, the type pyca gives that OID (1.2.840.113549.1.9.1,
		 * emailAddress, is an IA5String however it is named). */
		deftag = ci_dn_default_type(a->oid, a->oid_len);
		found = true;
	}
	for (size_t i = 0; !found && i < sizeof(attr_types) / sizeof(attr_types[0]); i++) {
		if (strcasecmp(name, attr_types[i].name))
			continue;
		a->oid_len = ci_der_oid_encode(attr_types[i].oid, a->oid, sizeof(a->oid));
		deftag = attr_types[i].tag;
		found = true;
	}
	if (!found)
		return ci_fail(m, "at %zu: unknown attribute type '%s'", (size_t)(start - text), name);
	a->tag = deftag;
	if (slash) {
		size_t k = (size_t)(p - slash - 1);

		a->tag = ci_str_type(slash + 1, k);
		found = a->tag != 0;
		if (!found)
			return ci_fail(m, "at %zu: unknown string type '%.*s' (utf8, printable, ia5, "
				       "bmp, t61, visible, universal, numeric)",
				       (size_t)(slash + 1 - text), (int)k, slash + 1);
	}
	*pp = p + 1;
	return 0;
}

/* The value after '=' up to an unescaped ',' or '+' or the end, with its
 * escapes undone (RFC 4514 2.4, 3), or #HEX as a whole TLV. */
static int read_value(const char *text, const char **pp, dn_parse *d, dn_attr *a, ci_msg *m)
{
	const char *p = *pp;
	uint8_t *out = d->pool + d->used;
	size_t cap = sizeof(d->pool) - d->used, n = 0, keep = 0;

	while (*p == ' ')       /* unescaped leading spaces: not part of it */
		p++;
	a->at = (size_t)(p - text);
	if (*p == '#') {
		for (p++; ci_hex_digit(p[0]) >= 0 && ci_hex_digit(p[1]) >= 0; p += 2) {
			if (n >= cap)
				return ci_fail(m, "at %zu: value too long", a->at);
			out[n++] = (uint8_t)(ci_hex_digit(p[0]) * 16 + ci_hex_digit(p[1]));
		}
		while (*p == ' ')
			p++;
		if (*p && *p != ',' && *p != '+')
			return ci_fail(m, "at %zu: '#' starts a hex value (#0c0161): "
				       "'%c' is no hex pair", (size_t)(p - text), *p);
		if (!ci_der_is_one_tlv(out, n) || xc_tag_constructed(out[0]))
			return ci_fail(m, "at %zu: #HEX must be the DER of one primitive value",
				       a->at);
		a->tag = 0;
		a->off = d->used;
		a->len = n;
		d->used += n;
		*pp = p;
		return 0;
	}
	while (*p && *p != ',' && *p != '+') {
		uint8_t c = (uint8_t)*p;

		if (n >= cap || n >= DN_VALUE)
			return ci_fail(m, "at %zu: value too long", a->at);
		if (c == '\\') {
			if (ci_hex_digit(p[1]) >= 0 && ci_hex_digit(p[2]) >= 0) {
				out[n++] = (uint8_t)(ci_hex_digit(p[1]) * 16 + ci_hex_digit(p[2]));
				p += 3;
			} else if (p[1] && strchr(",+\"\\<>;= #", p[1])) {
				out[n++] = (uint8_t)p[1];
				p += 2;
			} else {
				return ci_fail(m, "at %zu: bad escape (\\, \\+ \\\" \\\\ \\< \\> \\; "
					       "\\= \\# '\\ ' or \\XX)", (size_t)(p - text));
			}
			keep = n;       /* an escaped space is kept at the end */
			continue;
		}
		if (c == '"' || c == ';' || c == '<' || c == '>')
			return ci_fail(m, "at %zu: '%c' must be escaped (\\%c)", (size_t)(p - text),
				       c, c);
		out[n++] = c;
		if (c != ' ')
			keep = n;
		p++;
	}
	a->off = d->used;
	a->len = keep;          /* unescaped trailing spaces dropped */
	d->used += keep;
	*pp = p;
	return 0;
}

static int parse(const char *text, dn_parse *d, ci_msg *m)
{
	const char *p = text;
	size_t rdn = 0;

	d->n = 0;
	d->used = 0;
	while (*p == ' ')
		p++;
	if (!*p)
		return 0;
	for (;;) {
		dn_attr *a;

		if (d->n == DN_ATTRS)
			return ci_fail(m, "more than %d attributes", DN_ATTRS);
		a = &d->a[d->n++];
		a->rdn = rdn;
		while (*p == ' ')
			p++;
		if (read_type(text, &p, a, m) || read_value(text, &p, d, a, m))
			return -1;
		if (!*p)
			return 0;
		if (*p == ',')
			rdn++;
		p++;
	}
}

/* Writes one attribute's AttributeTypeAndValue, checking the rules pyca
 * adds to the string type's: C and jurisdictionC are two characters. */
static int write_attr(ci_der *w, const dn_parse *d, const dn_attr *a, const char *text,
		      ci_msg *m)
{
	static const uint8_t c_oid[] = { 0x55, 0x04, 0x06 };
	static const uint8_t jc_oid[] = { 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3c, 0x02, 0x01, 0x03 };
	const uint8_t *v = d->pool + a->off;
	bool country = (a->oid_len == sizeof(c_oid) && !memcmp(a->oid, c_oid, sizeof(c_oid))) ||
		       (a->oid_len == sizeof(jc_oid) && !memcmp(a->oid, jc_oid, sizeof(jc_oid)));

	(void)text;
	if (country && a->tag && a->len != 2)
		return ci_fail(m, "at %zu: a country name must be a 2 character code", a->at);
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_oid_raw(w, a->oid, a->oid_len);
	if (a->tag)
		ci_der_string(w, a->tag, (const char *)v, a->len);
	else
		ci_der_raw(w, v, a->len);
	ci_der_end(w);
	if (w->err == CI_DER_CHARSET)
		return ci_fail(m, "at %zu: '%.*s' holds a character its string type cannot",
			       a->at, (int)a->len, (const char *)v);
	if (w->err)
		return ci_fail(m, "%s", ci_der_err_name(w->err));
	return 0;
}

typedef struct seg {
	size_t off, len;
} seg;

/* X.690 11.6: SET OF components in ascending order of their encodings,
 * the shorter one as if padded with zeros. */
static int seg_cmp(const uint8_t *buf, const seg *a, const seg *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(buf + a->off, buf + b->off, n);

	if (c)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

/* Sorts the just-written attributes of one RDN (at w->buf + start) in place. */
static int sort_rdn(ci_der *w, size_t start, seg *s, size_t n, ci_msg *m)
{
	uint8_t *tmp;
	size_t total = w->len - start, pos = 0;

	/* Insertion sort: an RDN has a handful of attributes. */
	for (size_t i = 1; i < n; i++) {
		seg k = s[i];
		size_t j = i;

		while (j && seg_cmp(w->buf, &s[j - 1], &k) > 0) {
			s[j] = s[j - 1];
			j--;
		}
		s[j] = k;
	}
	for (size_t i = 1; i < n; i++)
		if (!seg_cmp(w->buf, &s[i - 1], &s[i]))
			return ci_fail(m, "an RDN holds the same attribute twice");
	tmp = malloc(total ? total : 1);
	if (!tmp)
		return ci_fail(m, "out of memory");
	for (size_t i = 0; i < n; i++) {
		memcpy(tmp + pos, w->buf + s[i].off, s[i].len);
		pos += s[i].len;
	}
	memcpy(w->buf + start, tmp, total);
	free(tmp);
	return 0;
}

int ci_dn_write(ci_der *w, const char *text, ci_msg *m)
{
	dn_parse *d = malloc(sizeof(*d));
	seg segs[DN_ATTRS];
	size_t i;
	int rc = -1;

	if (!d)
		return ci_fail(m, "out of memory");
	if (parse(text ? text : "", d, m))
		goto out;
	ci_der_begin(w, CI_TAG_SEQUENCE);
	/* The last RDN of the text is the first of the DER. */
	i = d->n;
	while (i > 0) {
		size_t last = i, first = i, start, ns = 0;

		while (first > 0 && d->a[first - 1].rdn == d->a[last - 1].rdn)
			first--;
		ci_der_begin(w, CI_TAG_SET);
		start = w->len;
		for (size_t k = first; k < last; k++) {
			size_t before = w->len;

			if (write_attr(w, d, &d->a[k], text, m))
				goto out;
			segs[ns].off = before;
			segs[ns].len = w->len - before;
			ns++;
		}
		if (ns > 1 && sort_rdn(w, start, segs, ns, m))
			goto out;
		ci_der_end(w);
		i = first;
	}
	ci_der_end(w);
	if (w->err) {
		ci_fail(m, "%s", ci_der_err_name(w->err));
		goto out;
	}
	rc = 0;
out:
	free(d);
	return rc;
}
