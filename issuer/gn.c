/*
 * issuer/gn.c - a GeneralName from TYPE:VALUE text (gn.h).
 */
#include "gn.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xc/der.h>

#include "dn.h"

/* pyca's DNSName, RFC822Name and UniformResourceIdentifier take ASCII
 * only (IDNA A-labels, RFC 5280 4.2.1.6): printable ASCII, no space. */
static int ia5_name(ci_der *w, uint8_t tag, const char *what, const char *v, ci_msg *m)
{
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return ci_fail(m, "%s '%s': only printable ASCII without spaces "
				       "(an internationalised name goes in its A-label form)", what, v);
	ci_der_tlv(w, tag, v, strlen(v));
	return 0;
}

/* An address, or with allow_net an address/prefix (a plain address is
 * then the one-host network /32 or /128). */
static int ip(ci_der *w, const char *v, bool allow_net, ci_msg *m)
{
	char addr[64];
	const char *slash = strchr(v, '/');
	size_t n = slash ? (size_t)(slash - v) : strlen(v), alen;
	uint8_t b[32];
	long prefix;
	char *end;

	if (n >= sizeof(addr))
		return ci_fail(m, "'%s': not an IP address", v);
	memcpy(addr, v, n);
	addr[n] = 0;
	if (inet_pton(AF_INET, addr, b) == 1)
		alen = 4;
	else if (inet_pton(AF_INET6, addr, b) == 1)
		alen = 16;
	else
		return ci_fail(m, "'%s': not an IP address", v);
	if (!allow_net) {
		if (slash)
			return ci_fail(m, "'%s': a network (address/prefix) only goes in name "
				       "constraints", v);
		ci_der_tlv(w, CI_TAG_CTX(7), b, alen);
		return 0;
	}
	prefix = (long)alen * 8;
	if (slash) {
		prefix = strtol(slash + 1, &end, 10);
		if (!slash[1] || *end || slash[1] == '-' || slash[1] == '+' ||
		    prefix > (long)alen * 8)
			return ci_fail(m, "'%s': bad prefix length (0..%zu)", v, alen * 8);
	}
	for (size_t i = 0; i < alen; i++) {
		long bits = prefix - (long)i * 8;
		uint8_t mask = (uint8_t)(bits >= 8 ? 0xff : bits <= 0 ? 0 : 0xff << (8 - bits));

		if (b[i] & (uint8_t)~mask)
			return ci_fail(m, "'%s': host bits set (the network is not %s)", v, v);
		b[alen + i] = mask;
	}
	ci_der_tlv(w, CI_TAG_CTX(7), b, alen * 2);
	return 0;
}

/* otherName: OID;TYPE:VALUE. */
static int other_name(ci_der *w, const char *v, ci_msg *m)
{
	static const struct {
		const char *name;
		uint8_t tag;
	} types[] = { { "utf8", CI_TAG_UTF8 }, { "ia5", CI_TAG_IA5 }, { "printable", CI_TAG_PRINTABLE } };
	const char *semi = strchr(v, ';'), *val, *colon;
	char oid[256];
	uint8_t der[1024];
	size_t n;

	if (!semi || (size_t)(semi - v) >= sizeof(oid))
		return ci_fail(m, "'%s': not OID;TYPE:VALUE (othername:1.3.6.1.4.1.311.20.2.3;utf8:a@b)", v);
	memcpy(oid, v, (size_t)(semi - v));
	oid[semi - v] = 0;
	if (!ci_der_oid_valid(oid))
		return ci_fail(m, "'%s': '%s' is not a valid OID", v, oid);
	colon = strchr(semi + 1, ':');
	if (!colon)
		return ci_fail(m, "'%s': the value needs a type (utf8:, ia5:, printable:, der:)", v);
	val = colon + 1;
	ci_der_begin(w, CI_TAG_CTX_CONS(0));
	ci_der_oid(w, oid);
	ci_der_begin(w, CI_TAG_CTX_CONS(0));
	if ((size_t)(colon - semi - 1) == 3 && !strncasecmp(semi + 1, "der", 3)) {
		if (ci_hex_decode(val, der, sizeof(der), &n) || !ci_der_is_one_tlv(der, n))
			return ci_fail(m, "'%s': der: must be the hex of exactly one DER value", v);
		ci_der_raw(w, der, n);
	} else {
		size_t i;

		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (strlen(types[i].name) == (size_t)(colon - semi - 1) &&
			    !strncasecmp(semi + 1, types[i].name, strlen(types[i].name)))
				break;
		if (i == sizeof(types) / sizeof(types[0]))
			return ci_fail(m, "'%s': unknown value type '%.*s' (utf8, ia5, printable, der)",
				       v, (int)(colon - semi - 1), semi + 1);
		ci_der_string(w, types[i].tag, val, strlen(val));
		if (w->err == CI_DER_CHARSET)
			return ci_fail(m, "'%s': a character %s cannot hold", v, types[i].name);
	}
	ci_der_end(w);
	ci_der_end(w);
	return 0;
}

int ci_gn_write(ci_der *w, const char *text, bool allow_net, ci_msg *m)
{
	const char *colon = text ? strchr(text, ':') : NULL;
	const char *v;
	size_t tn;

	if (!colon)
		return ci_fail(m, "'%s': not TYPE:VALUE (dns, email, uri, ip, dirname, rid, othername)",
			       text ? text : "");
	v = colon + 1;
	tn = (size_t)(colon - text);
	if (!*v)
		return ci_fail(m, "'%s': empty value", text);
#define IS(name) (tn == strlen(name) && !strncasecmp(text, name, tn))
	if (IS("dns"))
		return ia5_name(w, CI_TAG_CTX(2), "dns", v, m);
	if (IS("email"))
		return ia5_name(w, CI_TAG_CTX(1), "email", v, m);
	if (IS("uri"))
		return ia5_name(w, CI_TAG_CTX(6), "uri", v, m);
	if (IS("ip"))
		return ip(w, v, allow_net, m);
	if (IS("dirname")) {
		int rc;

		ci_der_begin(w, CI_TAG_CTX_CONS(4));
		rc = ci_dn_write(w, v, m);
		ci_der_end(w);
		return rc ? ci_fail_ctx(m, "dirname: ") : 0;
	}
	if (IS("rid")) {
		uint8_t oid[256];
		size_t n = ci_der_oid_encode(v, oid, sizeof(oid));

		if (!n)
			return ci_fail(m, "rid '%s': not a valid OID", v);
		ci_der_tlv(w, CI_TAG_CTX(8), oid, n);
		return 0;
	}
	if (IS("othername"))
		return other_name(w, v, m);
#undef IS
	return ci_fail(m, "'%s': unknown name type '%.*s' (dns, email, uri, ip, dirname, rid, "
		       "othername)", text, (int)tn, text);
}
