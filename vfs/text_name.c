/*
 * vfs/text_name.c - the Name printers of the `text` page: OpenSSL's one-line
 * form ("C=US, O=Example, CN=a") and its slash form (the dirName of a
 * GeneralName), and attribute values as OpenSSL escapes them.
 *
 * Below text.c (the subject and issuer) and text_ext.c (Names inside
 * extensions): both call it, it calls neither.
 */
#include "text_inner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Names -------------------------------------------------------------- */

/* Latin-1 octets (PrintableString, IA5String, T61String, ...: OpenSSL's
 * one-byte string types) into UTF-8. */
static size_t latin1_to_utf8(xc_slice v, char *out, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < v.len && n + 3 < cap; i++) {
		uint8_t c = v.p[i];

		if (c < 0x80) {
			out[n++] = (char)c;
		} else {
			out[n++] = (char)(0xc0 | c >> 6);
			out[n++] = (char)(0x80 | (c & 0x3f));
		}
	}
	out[n] = '\0';
	return n;
}

bool cfs_t_one_byte_string(uint32_t tag)
{
	switch (tag) {
	case XC_TAG_NUMERIC_STRING:
	case XC_TAG_PRINTABLE_STRING:
	case XC_TAG_T61_STRING:
	case XC_TAG_VIDEOTEX_STRING:
	case XC_TAG_IA5_STRING:
	case XC_TAG_UTC_TIME:
	case XC_TAG_GENERALIZED_TIME:
	case XC_TAG_GRAPHIC_STRING:
	case XC_TAG_VISIBLE_STRING:
	case XC_TAG_GENERAL_STRING:
		return true;
	default:
		return false;
	}
}

/*
 * One attribute value as OpenSSL's default name format prints it (RFC 2253
 * character rules, quotes instead of backslashes where that suffices,
 * every non-ASCII byte of the UTF-8 form and every control byte as \XX);
 * a value that is not a string type as #<hex of its DER>.
 */
void cfs_t_put_name_value(cfs_tb *b, const xc_attr *a)
{
	char stack[512];
	char *s = stack;
	size_t cap = sizeof(stack);
	size_t n = 0;
	bool quote = false;

	if (a->tag != XC_TAG_UTF8_STRING && a->tag != XC_TAG_BMP_STRING &&
	    a->tag != XC_TAG_UNIVERSAL_STRING && !cfs_t_one_byte_string(a->tag)) {
		cfs_t_puts(b, "#");
		for (size_t i = 0; i < a->raw_value.len; i++)
			cfs_t_printf(b, "%02X", a->raw_value.p[i]);
		return;
	}
	if (a->value.len * 4 + 4 > cap) {
		cap = a->value.len * 4 + 4;
		s = malloc(cap);
		if (!s) {
			b->fail = true;
			return;
		}
	}
	if (cfs_t_one_byte_string(a->tag)) {
		n = latin1_to_utf8(a->value, s, cap);
	} else if (xc_string_to_utf8(a->tag, a->value, s, cap, &n) != XC_OK) {
		/* not decodable: show the octets themselves, escaped below */
		memcpy(s, a->value.p, a->value.len);
		n = a->value.len;
	}
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (strchr(",+<>;", c) || ((c == ' ' || c == '#') && i == 0) ||
		    (c == ' ' && i + 1 == n))
			quote = true;
	}
	if (quote)
		cfs_t_puts(b, "\"");
	for (size_t i = 0; i < n; i++) {
		uint8_t c = (uint8_t)s[i];

		if (c >= 0x80 || c < 0x20 || c == 0x7f)
			cfs_t_printf(b, "\\%02X", c);
		else if (c == '"' || c == '\\')
			cfs_t_printf(b, "\\%c", c);
		else
			cfs_t_put(b, (const char *)&s[i], 1);
	}
	if (quote)
		cfs_t_puts(b, "\"");
	if (s != stack)
		free(s);
}

/* "C = US, O = Org, CN = name" in DER order, " + " inside an RDN. */
void cfs_t_put_name(cfs_tb *b, xc_slice name)
{
	xc_name_iter it;
	xc_attr a;
	bool first = true;

	xc_name_iter_init(&it, name);
	while (xc_name_next(&it, &a) == XC_OK) {
		if (!first)
			cfs_t_puts(b, a.index_in_rdn ? " + " : ", ");
		first = false;
		cfs_t_put_sn(b, a.oid);
		cfs_t_puts(b, " = ");
		cfs_t_put_name_value(b, &a);
	}
}

/* "/C=US/O=Org/CN=name" (X509_NAME_oneline: AKI's DirName). */
void cfs_t_put_name_slash(cfs_tb *b, xc_slice name)
{
	xc_name_iter it;
	xc_attr a;

	xc_name_iter_init(&it, name);
	while (xc_name_next(&it, &a) == XC_OK) {
		cfs_t_puts(b, "/");
		cfs_t_put_sn(b, a.oid);
		cfs_t_puts(b, "=");
		for (size_t i = 0; i < a.value.len; i++) {
			uint8_t c = a.value.p[i];

			if (c < 0x20 || c > 0x7e)
				cfs_t_printf(b, "\\x%02X", c);
			else
				cfs_t_put(b, (const char *)&a.value.p[i], 1);
		}
	}
}
