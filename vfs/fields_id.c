/*
 * vfs/fields_id.c - the forms other tools print identifiers in, beside
 * certfs's own (see fields.h): colon-separated hex as `openssl x509
 * -fingerprint` and `-serial` print it, curl's SPKI pin, and OpenSSL's
 * name hash (`-subject_hash`, c_rehash's file names).
 *
 * Apart from fields.c because each of these copies another tool's
 * format, not pyca's: the one place to look when one of those tools is
 * the reference.
 */
#include "fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/coding.h>

/* Uppercase hex digits of s (lowercase hex, maybe a leading '-'), in
 * colon-separated pairs, into out (cap >= 3 * strlen(s) / 2 + 3). */
static void colon_pairs(const char *s, char *out)
{
	static const char up[] = "0123456789ABCDEF";
	size_t o = 0;

	if (*s == '-')
		out[o++] = *s++;
	for (size_t i = 0; s[i] && s[i + 1]; i += 2) {
		if (i)
			out[o++] = ':';
		out[o++] = up[strchr("0123456789abcdef", s[i]) - "0123456789abcdef"];
		out[o++] = up[strchr("0123456789abcdef", s[i + 1]) - "0123456789abcdef"];
	}
	out[o] = '\0';
}

/* see fields.h */
cfs_node *cfs_colon_hex(cfs_tree *t, cfs_node *parent, const char *name, xc_slice bytes)
{
	size_t cap = 2 * bytes.len + 1;
	char *hex = malloc(cap), *out = malloc(3 * bytes.len + 3);
	cfs_node *n = NULL;

	if (hex && out && xc_hex(bytes, hex, cap) == XC_OK) {
		colon_pairs(hex, out);
		n = cfs_printf(t, parent, name, "%s", out);
	} else {
		cfs_tree_fail(t);
	}
	free(hex);
	free(out);
	return n;
}

/* see fields.h */
char *cfs_serial_hex(xc_slice serial)
{
	size_t cap = XC_INT_HEX_MAX(serial.len) + 1;
	char *hex = malloc(cap), *out = malloc(3 * cap / 2 + 3);

	if (!hex || !out || xc_int_to_hex(serial, hex, cap, NULL) != XC_OK) {
		free(hex);
		free(out);
		return NULL;
	}
	/* OpenSSL prints zero as "00": always whole octets */
	colon_pairs(strcmp(hex, "0") ? hex : "00", out);
	free(hex);
	return out;
}

/* see fields.h */
void cfs_serial_hex_file(cfs_tree *t, cfs_node *dir, xc_slice serial)
{
	char *s = cfs_serial_hex(serial);

	if (s)
		cfs_printf(t, dir, "serial_number_hex", "%s", s);
	free(s);
}

/* see fields.h */
void cfs_name_hash_file(cfs_tree *t, cfs_node *dir, const char *file, xc_slice name,
			const uint8_t *base)
{
	size_t cap = XC_NAME_CANON_MAX(name.len);
	uint8_t *buf = malloc(cap);
	uint32_t h = 0;
	xc_err e;

	if (!buf) {
		cfs_tree_fail(t);
		return;
	}
	e = xc_name_hash_openssl(name, buf, cap, &h);
	if (e == XC_OK) {
		cfs_printf(t, dir, file, "%08x", h);
	} else {
		size_t off = (size_t)(name.p - base);

		/* where: the value the name's own error names, if any */
		(void)xc_name_error(name, base, &off);
		cfs_field_error(t, dir, file, e, off);
	}
	free(buf);
}

/* see fields.h */
void cfs_name_openssl_file(cfs_tree *t, cfs_node *dir, const char *file, xc_slice name,
			   const uint8_t *base)
{
	size_t cap = XC_NAME_RFC2253_MAX(name.len);
	char *buf = malloc(cap);
	xc_err e;

	if (!buf) {
		cfs_tree_fail(t);
		return;
	}
	e = xc_name_openssl_rfc2253(name, buf, cap, NULL);
	if (e == XC_OK) {
		cfs_printf(t, dir, file, "%s", buf);
	} else {
		size_t off = (size_t)(name.p - base);

		(void)xc_name_error(name, base, &off);
		cfs_field_error(t, dir, file, e, off);
	}
	free(buf);
}

/* see fields.h */
void cfs_pin_file(cfs_tree *t, cfs_node *dir, xc_slice spki_raw)
{
	uint8_t md[XC_HASH_MAX];
	byte b64[64];
	word32 n = sizeof(b64);

	if (xc_fingerprint(XC_HASH_SHA256, spki_raw, md, sizeof(md)) != XC_OK ||
	    Base64_Encode(md, 32, b64, &n) != 0)
		return;
	/* Base64_Encode ends its last line with a newline: a text value
	 * has its own */
	while (n && (b64[n - 1] == '\n' || b64[n - 1] == '\r'))
		n--;
	cfs_printf(t, dir, "pin-sha256", "%.*s", (int)n, (const char *)b64);
}
