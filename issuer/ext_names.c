/*
 * issuer/ext_names.c - names of flags, reasons and OIDs on the command
 * line, and the small parsers the extension options share (ext_inner.h).
 */
#include <ctype.h>
#include <string.h>

#include <xc/ext_basic.h>
#include <xc/ext_dp.h>
#include <xc/oid.h>

#include "ext_inner.h"

static bool ignorable(char c)
{
	return c == '-' || c == '_' || c == ' ';
}

bool ci_name_eq(const char *a, size_t alen, const char *b)
{
	size_t i = 0;

	for (;;) {
		while (i < alen && ignorable(a[i]))
			i++;
		while (*b && ignorable(*b))
			b++;
		if (i == alen || !*b)
			return i == alen && !*b;
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)*b))
			return false;
		i++;
		b++;
	}
}

int ci_ku_bit(const char *name, size_t len)
{
	/* OpenSSL's names where they differ from pyca's (xc_ku_name). */
	static const char *const openssl[] = {
		"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
		"keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly",
	};

	for (unsigned b = 0; b < XC_KU_COUNT; b++)
		if (ci_name_eq(name, len, xc_ku_name(b)) || ci_name_eq(name, len, openssl[b]))
			return (int)b;
	return -1;
}

int ci_reason_value(const char *name, size_t len)
{
	/* OpenSSL's names (openssl ca -crl_reason) beside pyca's. */
	static const char *const openssl[] = {
		"unspecified", "keyCompromise", "CACompromise", "affiliationChanged",
		"superseded", "cessationOfOperation", "certificateHold", NULL,
		"removeFromCRL", "privilegeWithdrawn", "AACompromise",
	};

	for (int r = 0; r <= 10; r++) {
		const char *py = xc_crl_reason_name((xc_crl_reason)r);

		if ((py && ci_name_eq(name, len, py)) ||
		    (openssl[r] && ci_name_eq(name, len, openssl[r])))
			return r;
	}
	return -1;
}

size_t ci_oid_by_name(const char *name, size_t len, unsigned kind, uint8_t *out, size_t cap)
{
	char dotted[256];

	for (int id = 1; id < XC_OID_COUNT; id++) {
		const xc_oid_info *o = xc_oid_info_of((xc_oid_id)id);

		if (!(o->kind & kind) || o->der_len > cap)
			continue;
		if (ci_name_eq(name, len, o->constant) || ci_name_eq(name, len, o->name)) {
			memcpy(out, o->der, o->der_len);
			return o->der_len;
		}
	}
	if (len >= sizeof(dotted))
		return 0;
	memcpy(dotted, name, len);
	dotted[len] = 0;
	return ci_der_oid_encode(dotted, out, cap);
}

bool ci_next_item(const char **pp, const char **key, size_t *klen, const char **val,
		  size_t *vlen)
{
	const char *p = *pp, *end = strchr(p, ','), *sep;

	if (!*p)
		return false;
	if (!end)
		end = p + strlen(p);
	sep = p;
	while (sep < end && *sep != '=' && *sep != ':')
		sep++;
	*key = p;
	*klen = (size_t)(sep - p);
	*val = sep < end ? sep + 1 : NULL;
	*vlen = sep < end ? (size_t)(end - sep - 1) : 0;
	*pp = *end ? end + 1 : end;
	return true;
}

size_t ci_items(const char *const *v, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const char *p = v[i], *key, *val;
		size_t kl, vl;

		while (ci_next_item(&p, &key, &kl, &val, &vl))
			k++;
	}
	return k;
}

int ci_parse_u63(const char *s, size_t len, int64_t *out)
{
	int64_t v = 0;

	if (!len || len > 18)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int ci_bigint_parse(const char *t, uint8_t out[20], size_t *len)
{
	/* Worked in 21 bytes, right-aligned: an overflow past 20 shows. */
	uint8_t b[21] = { 0 };
	size_t n, first;
	bool hex = false, colons = strchr(t, ':') != NULL;

	if (!t[0])
		return -1;
	if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
		t += 2;
		hex = true;
		if (!t[0])
			return -1;
	}
	if (hex || colons) {
		for (const char *p = t; *p; p++) {
			int d;

			if (*p == ':' && colons)
				continue;
			d = ci_hex_digit(*p);
			if (d < 0 || b[0] & 0xf0)
				return -1;
			for (size_t i = 0; i < 20; i++)
				b[i] = (uint8_t)(b[i] << 4 | b[i + 1] >> 4);
			b[20] = (uint8_t)(b[20] << 4 | d);
		}
	} else {
		for (const char *p = t; *p; p++) {
			unsigned carry;

			if (*p < '0' || *p > '9')
				return -1;
			carry = (unsigned)(*p - '0');
			for (size_t i = 21; i-- > 0;) {
				unsigned v = b[i] * 10u + carry;

				b[i] = (uint8_t)v;
				carry = v >> 8;
			}
			if (carry || b[0])
				return -1;
		}
	}
	for (first = 0; first < 21 && !b[first]; first++)
		;
	n = 21 - first;
	/* DER adds a 0x00 before a set top bit: 20 octets at most in all. */
	if (n > 20 || (n == 20 && (b[first] & 0x80)))
		return -1;
	memcpy(out, b + first, n);
	*len = n;
	return 0;
}
