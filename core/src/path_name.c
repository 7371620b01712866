/*
 * path_name.c - the peer name: xc_peer_name_parse (xc/path.h) and
 * xc__path_name_check (path_inner.h), with the host-name helpers of
 * path_dns.h that the name-constraint rules share.
 *
 * Matching rules, in both profiles unless said:
 *  - DNS: ASCII case-insensitive; IDNA A-labels compared as ASCII (a
 *    U-label in a certificate is no valid dNSName and matches nothing);
 *    a wildcard only as the whole leftmost label "*", standing for
 *    exactly one non-empty label, with at least two labels after it. No
 *    partial wildcards ("f*o", "xn--*"): RFC 9525 6.3 forbids them and
 *    RFC 6125's "MAY" is not taken in RFC 5280 mode either.
 *  - IP: byte for byte against 4- or 16-byte iPAddress entries.
 *  - Email: local part byte for byte, domain case-insensitive.
 *  - The subject is read only in RFC 5280 mode and only when the SAN has
 *    no entry of the peer's kind: CN as a DNS name or IP address,
 *    emailAddress as a mailbox (RFC 6125 6.4.4's fallback).
 */
#include "inner.h"
#include "path_dns.h"

/* ---- host names (path_dns.h) ---------------------------------------- */

static uint8_t lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c - 'A' + 'a') : c;
}

static bool is_alnum(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* See path_dns.h. */
bool xc__ascii_ieq(xc_slice a, xc_slice b)
{
	if (a.len != b.len)
		return false;
	for (size_t i = 0; i < a.len; i++)
		if (lower(a.p[i]) != lower(b.p[i]))
			return false;
	return true;
}

/* See path_dns.h. */
bool xc__dns_valid(xc_slice s, bool wildcard)
{
	size_t i = 0, labels = 0;

	if (s.len == 0 || s.len > 253)
		return false;
	if (wildcard && s.len >= 2 && s.p[0] == '*' && s.p[1] == '.') {
		i = 2;
		labels = 0;
		/* "*.com" would span a top-level domain: refused, so at
		 * least two labels are counted below. */
		wildcard = true;
	} else {
		wildcard = false;
	}
	while (i < s.len) {
		size_t start = i;

		while (i < s.len && s.p[i] != '.') {
			if (!is_alnum(s.p[i]) && s.p[i] != '-')
				return false;
			i++;
		}
		if (i == start || i - start > 63 || s.p[start] == '-' || s.p[i - 1] == '-')
			return false;
		labels++;
		if (i < s.len && ++i == s.len)
			return false; /* a trailing dot */
	}
	return !wildcard || labels >= 2;
}

/* See path_dns.h. */
bool xc__dns_within(xc_slice name, xc_slice suffix)
{
	xc_slice tail;

	if (suffix.len == 0)
		return true;
	if (name.len < suffix.len)
		return false;
	tail = xc_slice_make(name.p + name.len - suffix.len, suffix.len);
	if (!xc__ascii_ieq(tail, suffix))
		return false;
	return name.len == suffix.len || name.p[name.len - suffix.len - 1] == '.';
}

/* ---- xc_peer_name_parse --------------------------------------------- */

/* Dotted quad, strictly: four decimal numbers 0..255 without leading
 * zeros (RFC 3986 3.2.2's dec-octet), nothing else. */
static bool parse_ipv4(const char *s, size_t len, uint8_t out[4])
{
	size_t i = 0;

	for (int part = 0; part < 4; part++) {
		unsigned v = 0;
		size_t start = i;

		if (part > 0) {
			if (i >= len || s[i] != '.')
				return false;
			start = ++i;
		}
		while (i < len && s[i] >= '0' && s[i] <= '9' && i - start < 3)
			v = v * 10 + (unsigned)(s[i++] - '0');
		if (i == start || v > 255 || (s[start] == '0' && i - start > 1))
			return false;
		out[part] = (uint8_t)v;
	}
	return i == len;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* RFC 4291 2.2: eight groups of 1-4 hex digits, one "::" for a run of
 * one or more zero groups, and an optional dotted quad as the last 32
 * bits. No zone index. */
static bool parse_ipv6(const char *s, size_t len, uint8_t out[16])
{
	uint16_t g[8];
	size_t n = 0, i = 0, gap = SIZE_MAX;

	if (len >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
	} else if (len == 0 || s[0] == ':') {
		return false;
	}
	while (i < len) {
		size_t j = i;
		unsigned v = 0;

		while (j < len && s[j] != ':' && s[j] != '.')
			j++;
		if (j < len && s[j] == '.') {
			uint8_t q[4];

			if (n > 6 || !parse_ipv4(s + i, len - i, q))
				return false;
			g[n++] = (uint16_t)(q[0] << 8 | q[1]);
			g[n++] = (uint16_t)(q[2] << 8 | q[3]);
			i = len;
			break;
		}
		if (j == i || j - i > 4 || n == 8)
			return false;
		for (size_t k = i; k < j; k++) {
			int h = hexval(s[k]);
			if (h < 0)
				return false;
			v = v << 4 | (unsigned)h;
		}
		g[n++] = (uint16_t)v;
		if (j == len)
			break;
		i = j + 1; /* past ':' */
		if (i < len && s[i] == ':') {
			if (gap != SIZE_MAX)
				return false;
			gap = n;
			i++;
		} else if (i == len) {
			return false; /* a trailing single ':' */
		}
	}
	if (gap == SIZE_MAX ? n != 8 : n > 7)
		return false;
	memset(out, 0, 16);
	for (size_t k = 0; k < n; k++) {
		size_t at = gap == SIZE_MAX || k < gap ? k : 8 - (n - k);
		out[2 * at] = (uint8_t)(g[k] >> 8);
		out[2 * at + 1] = (uint8_t)g[k];
	}
	return true;
}

/* See xc/path.h. */
xc_err xc_peer_name_parse(xc_peer_name *out, const char *s, size_t len, uint8_t ip[16])
{
	const char *at = NULL;
	bool numeric = true, colon = false;

	out->kind = XC_PEER_NONE;
	out->value = xc_slice_make(NULL, 0);
	if (!s || len == 0)
		return XC_ERR_ARG;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c == 0x7f)
			return XC_ERR_ARG;
		if (c == '@')
			at = s + i;
		if (c == ':')
			colon = true;
		if (!(c == '.' || (c >= '0' && c <= '9')))
			numeric = false;
	}
	if (at) {
		if (at == s || at == s + len - 1)
			return XC_ERR_ARG;
		out->kind = XC_PEER_EMAIL;
		out->value = xc_slice_make(s, len);
		return XC_OK;
	}
	if (colon || numeric) {
		/* Only an address has a ':' or is all digits and dots: a
		 * malformed one is an error, not a host name. */
		bool v4 = !colon;

		if (v4 ? !parse_ipv4(s, len, ip) : !parse_ipv6(s, len, ip))
			return XC_ERR_ARG;
		out->kind = XC_PEER_IP;
		out->value = xc_slice_make(ip, v4 ? 4 : 16);
		return XC_OK;
	}
	if (s[len - 1] == '.')
		len--; /* the absolute form names the same host */
	if (len == 0)
		return XC_ERR_ARG;
	out->kind = XC_PEER_DNS;
	out->value = xc_slice_make(s, len);
	return XC_OK;
}

/* ---- xc__path_name_check -------------------------------------------- */

/* A presented identifier (SAN dNSName or CN) against the reference host,
 * which is valid and has no wildcard. */
static bool dns_match(xc_slice pattern, xc_slice host)
{
	size_t k = 0;

	if (!xc__dns_valid(pattern, true))
		return false;
	if (pattern.p[0] != '*')
		return xc__ascii_ieq(pattern, host);
	while (k < host.len && host.p[k] != '.')
		k++;
	if (k == host.len)
		return false;
	return xc__ascii_ieq(xc_slice_make(pattern.p + 2, pattern.len - 2),
	                     xc_slice_make(host.p + k + 1, host.len - k - 1));
}

/* Splits "local@domain" at its last '@'; false without one or with an
 * empty side. */
static bool mailbox_split(xc_slice m, xc_slice *local, xc_slice *domain)
{
	size_t k = m.len;

	while (k > 0 && m.p[k - 1] != '@')
		k--;
	if (k <= 1 || k == m.len)
		return false;
	*local = xc_slice_make(m.p, k - 1);
	*domain = xc_slice_make(m.p + k, m.len - k);
	return true;
}

static bool email_match(xc_slice presented, xc_slice peer)
{
	xc_slice pl, pd, rl, rd;

	return mailbox_split(presented, &pl, &pd) && mailbox_split(peer, &rl, &rd) &&
	       xc_slice_eq(pl, rl) && xc__ascii_ieq(pd, rd);
}

/* One presented identifier of the peer's kind against the peer. */
static bool presented_match(const xc_peer_name *peer, xc_slice v)
{
	switch (peer->kind) {
	case XC_PEER_DNS: return dns_match(v, peer->value);
	case XC_PEER_IP: return xc_slice_eq(v, peer->value);
	case XC_PEER_EMAIL: return email_match(v, peer->value);
	case XC_PEER_NONE: break;
	}
	return false;
}

static xc_gn_type san_type_of(xc_peer_kind k)
{
	return k == XC_PEER_IP ? XC_GN_IP_ADDRESS
	       : k == XC_PEER_EMAIL ? XC_GN_RFC822_NAME : XC_GN_DNS_NAME;
}

/* The subject attribute RFC 6125's fallback reads, as ASCII text in buf;
 * false for an attribute of another type or one that is no text. */
static bool subject_text(const xc_attr *a, xc_oid_id want, char *buf, size_t cap, xc_slice *out)
{
	size_t n;

	if (!xc_oid_is(a->oid, want) || xc_string_to_utf8(a->tag, a->value, buf, cap, &n) != XC_OK)
		return false;
	*out = xc_slice_make(buf, n);
	return true;
}

/* RFC 5280 mode only: the subject's CN (DNS, IP) or emailAddress. */
static bool subject_fallback(const xc_cert *ee, const xc_peer_name *peer)
{
	xc_oid_id want = peer->kind == XC_PEER_EMAIL ? XC_OID_EMAIL_ADDRESS : XC_OID_COMMON_NAME;
	xc_name_iter it;
	xc_attr a;
	char buf[256];

	xc_name_iter_init(&it, ee->subject);
	while (xc_name_next(&it, &a) == XC_OK) {
		xc_slice v;

		if (!subject_text(&a, want, buf, sizeof(buf), &v))
			continue;
		if (peer->kind == XC_PEER_IP) {
			xc_peer_name cn;
			uint8_t ip[16];

			if (xc_peer_name_parse(&cn, buf, v.len, ip) == XC_OK &&
			    cn.kind == XC_PEER_IP && xc_slice_eq(cn.value, peer->value))
				return true;
		} else if (presented_match(peer, v)) {
			return true;
		}
	}
	return false;
}

/* A CN that is meant as an address: it holds ':' (IPv6) or is made of
 * hex digits, 'x' and dots from a leading digit (inet_aton's decimal,
 * octal and hex forms: "192.168.001.001", "0xC0A80101"). */
static bool cn_ip_like(xc_slice cn)
{
	if (memchr(cn.p, ':', cn.len))
		return true;
	if (cn.len == 0 || cn.p[0] < '0' || cn.p[0] > '9')
		return false;
	for (size_t i = 0; i < cn.len; i++)
		if (cn.p[i] != '.' && cn.p[i] != 'x' && cn.p[i] != 'X' && hexval((char)cn.p[i]) < 0)
			return false;
	return true;
}

/* CA/Browser Forum BR 7.1.4.3 (x509-limbo's webpki::cn cases): a subject
 * CN must be a character-for-character copy of a SAN dNSName, or an
 * iPAddress SAN in its RFC 3986 / RFC 5952 text. Applied to a CN meant
 * as an address when the SAN has an address, and to a CN with a dot
 * when the SAN has a dNSName; a CN equal to the domain of a wildcard SAN
 * ("example.com" beside "*.example.com") passes. Those two allowances
 * keep x509-limbo's older webpki cases valid, whose leaves all carry
 * CN=example.com whatever their SAN. */
static bool webpki_cn_ok(const xc_cert *ee, xc_slice sans)
{
	xc_name_iter it;
	xc_attr a;
	char buf[256];

	xc_name_iter_init(&it, ee->subject);
	while (xc_name_next(&it, &a) == XC_OK) {
		xc_gn_iter gi;
		xc_gn g;
		xc_slice cn;
		bool ip, found = false, kind_seen = false;

		if (!xc_oid_is(a.oid, XC_OID_COMMON_NAME))
			continue;
		if (!subject_text(&a, XC_OID_COMMON_NAME, buf, sizeof(buf), &cn))
			return false;
		ip = cn_ip_like(cn);
		if (!ip && !memchr(cn.p, '.', cn.len))
			continue; /* a label, not a host name */
		xc_gn_iter_init(&gi, sans);
		while (!found && xc_gn_next(&gi, &g) == XC_OK) {
			char txt[XC_GN_IP_STR];
			size_t n;

			if (ip && g.type == XC_GN_IP_ADDRESS) {
				kind_seen = true;
				found = xc_gn_ip_format(g.value, false, txt, sizeof(txt), &n) == XC_OK &&
				        xc_slice_eq(xc_slice_make(txt, n), cn);
			} else if (!ip && g.type == XC_GN_DNS_NAME) {
				kind_seen = true;
				found = xc_slice_eq(g.value, cn) ||
				        (g.value.len == cn.len + 2 && g.value.p[0] == '*' &&
				         g.value.p[1] == '.' && memcmp(g.value.p + 2, cn.p, cn.len) == 0);
			}
		}
		if (kind_seen && !found)
			return false;
	}
	return true;
}

/* See path_inner.h. Also the end entity's own name rules, checked with or
 * without a peer name: RFC 5280 4.2.1.6 (an empty subject needs a
 * critical SAN) and, under the web PKI, BR 7.1.2.7.12 (a non-empty
 * subject needs a non-critical SAN) and BR 7.1.4.3 (the CN above). */
xc_path_err xc__path_name_check(const xc__path_view *p, size_t *failed)
{
	const xc_cert *ee = p->cert[p->n - 1];
	const xc_peer_name *peer = &p->pol->peer;
	xc_alt_names san = { { NULL, 0 }, 0 };
	xc_ext ext;
	bool has_san = false, seen_kind = false;
	xc_gn_iter gi;
	xc_gn g;

	*failed = p->n - 1;
	if (xc_ext_find_id(ee->extensions, XC_OID_SUBJECT_ALTERNATIVE_NAME, &ext) == XC_OK) {
		if (xc_alt_names_decode(&san, ext.value, NULL, NULL) != XC_OK)
			return XC_PATH_NAME_MALFORMED;
		has_san = true;
	}
	if (ee->subject.len == 0 && (!has_san || !ext.critical))
		return XC_PATH_NAME_MALFORMED;
	if (p->pol->profile == XC_PROFILE_WEBPKI) {
		if (has_san && ext.critical && ee->subject.len != 0)
			return XC_PATH_WEBPKI;
		if (!webpki_cn_ok(ee, san.gns))
			return XC_PATH_WEBPKI;
	}
	if (peer->kind == XC_PEER_NONE)
		return XC_PATH_OK;
	if (peer->kind == XC_PEER_DNS && !xc__dns_valid(peer->value, false))
		return XC_PATH_NAME_MALFORMED;
	if (peer->kind == XC_PEER_IP && peer->value.len != 4 && peer->value.len != 16)
		return XC_PATH_NAME_MALFORMED;

	xc_gn_iter_init(&gi, san.gns);
	while (xc_gn_next(&gi, &g) == XC_OK) {
		if (g.type != san_type_of(peer->kind))
			continue;
		seen_kind = true;
		if (presented_match(peer, g.value))
			return XC_PATH_OK;
	}
	if (!seen_kind && p->pol->profile == XC_PROFILE_RFC5280 && subject_fallback(ee, peer))
		return XC_PATH_OK;
	return XC_PATH_NAME_MISMATCH;
}
