/*
 * path_nc.c - name constraints over a candidate path, RFC 5280 4.2.1.10
 * and 6.1.3 (b)(c), 6.1.4 (g): see path_inner.h.
 *
 * Instead of RFC 5280's running permitted_subtrees / excluded_subtrees
 * state (which would need memory sized by the input), every name of
 * certificate i is checked against the nameConstraints of every
 * certificate j < i directly. That is the same answer: the permitted
 * state after j is the intersection of the permitted lists so far, and a
 * name inside an intersection is inside each list; the excluded state is
 * the union. Per form, as 6.1.3 (b) reads: a name of a form that no
 * permitted subtree of one certificate has is not limited by that list.
 *
 * The rules, each from x509-limbo's nc cases or the RFC text quoted:
 *  - excluded beats permitted;
 *  - a constraint that is itself malformed (a dNSName with '*' or a
 *    leading '.', an rfc822Name with two '@', ...) fails the path
 *    (NC_MALFORMED), as does a name that cannot be compared with a
 *    constraint of its form (a dNSName ".example.com", an iPAddress with
 *    a mask, a mailbox with two '@');
 *  - a wildcard dNSName "*.X" is permitted only if X itself is, and is
 *    excluded if X is, or if an excluded subtree is exactly one label
 *    below X ("*.example.com" may stand for the excluded
 *    "bar.example.com": CVE-2025-61727);
 *  - the subject DN (when not empty) is a directoryName, each subject
 *    emailAddress an rfc822Name, and under the web PKI a subject CN that
 *    reads as a host name or an IP address is one too;
 *  - a critical constraint of a form this file does not compare
 *    (otherName, x400Address, ediPartyName, registeredID) fails a path
 *    that has a name of that form (NC_UNSUPPORTED; 4.2.1.10: "MUST
 *    either process the constraint or reject the certificate");
 *  - under RFC 5280 a non-critical nameConstraints is refused (4.2.1.10:
 *    "Conforming CAs MUST mark this extension as critical"); the web PKI
 *    allows it (BR 7.1.2.5.2);
 *  - nameConstraints in a certificate that is not a CA fails the path.
 *
 * Work: every (name, constraint) pair visited counts; past
 * XC__NC_MAX_CHECKS the answer is XC_PATH_WORK_LIMIT, which kills the
 * quadratic cases (x509-limbo's nc-dos: 4,097 constraints against 2,048
 * names) by design. Nothing is stored: no memory, bounded stack.
 */
#include "inner.h"
#include "path_dns.h"

/* Pairs checked per call: 2^20, as pyca/cryptography's verifier budgets
 * its name-constraint checks; a few milliseconds of work at most. */
#define XC__NC_MAX_CHECKS ((size_t)1 << 20)

typedef enum nc_match {
	NC_NO,
	NC_YES,
	NC_BAD, /* the name cannot be compared with a constraint of its form */
} nc_match;

/* A whole-label suffix match of RFC 5280's "host.example.com" or
 * ".example.com" forms (rfc822Name domains, URI hosts): with a leading
 * '.' only names strictly below the domain. */
static bool host_in(xc_slice host, xc_slice base)
{
	if (base.len > 0 && base.p[0] == '.') {
		xc_slice dom = xc_slice_make(base.p + 1, base.len - 1);
		return host.len > dom.len && xc__dns_within(host, dom);
	}
	return xc__ascii_ieq(host, base);
}

/* Splits a mailbox at its only '@'; false if it has none, two, or an
 * empty side. */
static bool mailbox(xc_slice m, xc_slice *local, xc_slice *domain)
{
	const uint8_t *at = memchr(m.p, '@', m.len);

	if (!at || at == m.p || at == m.p + m.len - 1 ||
	    memchr(at + 1, '@', (size_t)(m.p + m.len - at - 1)))
		return false;
	*local = xc_slice_make(m.p, (size_t)(at - m.p));
	*domain = xc_slice_make(at + 1, (size_t)(m.p + m.len - at - 1));
	return true;
}

/* The host of a URI with an authority ("scheme://[user@]host[:port]..."),
 * 4.2.1.10: "the constraint MUST be applied to the host part". False
 * for a URI without one (a URN, mailto:) or with an IP literal. */
static bool uri_host(xc_slice u, xc_slice *host)
{
	size_t i = 0, start, end;

	while (i < u.len && u.p[i] != ':' && u.p[i] != '/')
		i++;
	if (i == 0 || i + 2 >= u.len || u.p[i] != ':' || u.p[i + 1] != '/' || u.p[i + 2] != '/')
		return false;
	start = i + 3;
	end = start;
	while (end < u.len && u.p[end] != '/' && u.p[end] != '?' && u.p[end] != '#')
		end++;
	for (size_t k = start; k < end; k++)
		if (u.p[k] == '@')
			start = k + 1;
	if (start < end && u.p[start] == '[')
		return false;
	for (size_t k = start; k < end; k++)
		if (u.p[k] == ':') {
			end = k;
			break;
		}
	*host = xc_slice_make(u.p + start, end - start);
	return xc__dns_valid(*host, false);
}

static nc_match dns_match(xc_slice name, xc_slice base, bool excluded)
{
	xc_slice x;
	size_t k = 0;

	if (!xc__dns_valid(name, true))
		return NC_BAD;
	if (xc__dns_within(name, base))
		return NC_YES;
	if (!excluded || name.p[0] != '*')
		return NC_NO;
	/* "*.X" against an excluded "L.X": the wildcard may be L. */
	x = xc_slice_make(name.p + 2, name.len - 2);
	while (k < base.len && base.p[k] != '.')
		k++;
	return k < base.len && xc__ascii_ieq(xc_slice_make(base.p + k + 1, base.len - k - 1), x)
	               ? NC_YES
	               : NC_NO;
}

static nc_match email_match(xc_slice name, xc_slice base)
{
	xc_slice nl, nd, bl, bd;

	if (!mailbox(name, &nl, &nd) || !xc__dns_valid(nd, false))
		return NC_BAD;
	if (memchr(base.p, '@', base.len)) {
		/* A mailbox: the local part exact (RFC 5280 7.5), so '*' is
		 * a literal character too. */
		return mailbox(base, &bl, &bd) && xc_slice_eq(nl, bl) && xc__ascii_ieq(nd, bd) ? NC_YES
		                                                                           : NC_NO;
	}
	return host_in(nd, base) ? NC_YES : NC_NO;
}

static nc_match ip_match(xc_slice name, xc_slice base)
{
	if (name.len != 4 && name.len != 16)
		return NC_BAD;
	if (base.len != 2 * name.len)
		return NC_NO; /* IPv4 and IPv6 never match each other */
	for (size_t i = 0; i < name.len; i++)
		if ((name.p[i] & base.p[name.len + i]) != base.p[i])
			return NC_NO;
	return NC_YES;
}

/* The base's RDNs are the first RDNs of the name, compared as
 * xc_name_equal compares: the name's prefix of that many RDNs is a byte
 * range, handed to it whole. */
static nc_match dn_match(xc_slice name, xc_slice base)
{
	size_t k = xc_name_rdn_count(base);
	xc_der d;

	xc_der_init(&d, name.p, name.len);
	for (size_t i = 0; i < k; i++)
		if (xc_der_expect(&d, XC_TAG_SET, NULL) != XC_OK)
			return NC_NO;
	return xc_name_equal(xc_slice_make(name.p, (size_t)(d.p - name.p)), base) ? NC_YES : NC_NO;
}

static nc_match uri_match(xc_slice name, xc_slice base)
{
	xc_slice host;

	if (!uri_host(name, &host))
		return NC_BAD;
	return host_in(host, base) ? NC_YES : NC_NO;
}

static bool form_supported(xc_gn_type t)
{
	switch (t) {
	case XC_GN_DNS_NAME:
	case XC_GN_RFC822_NAME:
	case XC_GN_IP_ADDRESS:
	case XC_GN_DIRECTORY_NAME:
	case XC_GN_URI:
		return true;
	case XC_GN_OTHER_NAME:
	case XC_GN_X400_ADDRESS:
	case XC_GN_EDI_PARTY_NAME:
	case XC_GN_REGISTERED_ID:
		break;
	}
	return false;
}

static nc_match form_match(xc_gn_type t, xc_slice name, xc_slice base, bool excluded)
{
	switch (t) {
	case XC_GN_DNS_NAME: return dns_match(name, base, excluded);
	case XC_GN_RFC822_NAME: return email_match(name, base);
	case XC_GN_IP_ADDRESS: return ip_match(name, base);
	case XC_GN_DIRECTORY_NAME: return dn_match(name, base);
	case XC_GN_URI: return uri_match(name, base);
	case XC_GN_OTHER_NAME:
	case XC_GN_X400_ADDRESS:
	case XC_GN_EDI_PARTY_NAME:
	case XC_GN_REGISTERED_ID:
		break;
	}
	return NC_NO;
}

/* "host.example.com" or ".example.com". */
static bool host_base_valid(xc_slice v)
{
	if (v.len > 0 && v.p[0] == '.')
		return xc__dns_valid(xc_slice_make(v.p + 1, v.len - 1), false);
	return xc__dns_valid(v, false);
}

/* A constraint's own syntax (the decoder has checked iPAddress masks and
 * directoryName structure already). */
static bool base_valid(const xc_gn *b)
{
	xc_slice l, d;

	switch (b->type) {
	case XC_GN_DNS_NAME:
		/* Empty: every name. No leading '.' (that is the URI form),
		 * no '*' (x509-limbo invalid-dnsname-*). */
		return b->value.len == 0 || xc__dns_valid(b->value, false);
	case XC_GN_RFC822_NAME:
		if (memchr(b->value.p, '@', b->value.len))
			return mailbox(b->value, &l, &d) && xc__dns_valid(d, false);
		return host_base_valid(b->value);
	case XC_GN_URI:
		return host_base_valid(b->value);
	case XC_GN_IP_ADDRESS:
	case XC_GN_DIRECTORY_NAME:
	case XC_GN_OTHER_NAME:
	case XC_GN_X400_ADDRESS:
	case XC_GN_EDI_PARTY_NAME:
	case XC_GN_REGISTERED_ID:
		break;
	}
	return true;
}

/* One certificate's decoded constraints. */
typedef struct nc_set {
	xc_nc nc;
	bool critical;
} nc_set;

/* Counts one (name, constraint) visit; false once the budget is spent. */
static bool spend(size_t *budget)
{
	if (*budget == 0)
		return false;
	(*budget)--;
	return true;
}

/* One name of form t against one certificate's constraints. */
static xc_path_err name_check(const nc_set *s, xc_gn_type t, xc_slice name, size_t *budget)
{
	bool have_permitted = false;

	for (int k = 0; k < 2; k++) {
		bool excluded = k == 0;
		xc_slice list = excluded ? s->nc.excluded : s->nc.permitted;
		xc_subtree_iter it;
		xc_gn b;

		if (!list.p)
			continue;
		xc_subtree_iter_init(&it, list);
		while (xc_subtree_next(&it, &b) == XC_OK) {
			nc_match m;

			if (!spend(budget))
				return XC_PATH_WORK_LIMIT;
			if (b.type != t)
				continue;
			if (!form_supported(t)) {
				if (s->critical)
					return XC_PATH_NC_UNSUPPORTED;
				continue;
			}
			m = form_match(t, name, b.value, excluded);
			if (m == NC_BAD)
				return XC_PATH_NC_MALFORMED;
			if (m == NC_YES)
				return excluded ? XC_PATH_NC_EXCLUDED : XC_PATH_OK;
			if (!excluded)
				have_permitted = true;
		}
	}
	return have_permitted ? XC_PATH_NC_NOT_PERMITTED : XC_PATH_OK;
}

/* Under the web PKI, a subject CN that reads as an IP address or a host
 * name (with a dot, a last label that is not all digits) is one. */
static bool cn_as_name(const xc_attr *a, xc_gn_type *t, xc_slice *v, uint8_t ip[16])
{
	xc_peer_name pn;
	size_t last;

	if (!xc_oid_is(a->oid, XC_OID_COMMON_NAME))
		return false;
	if (a->tag != XC_TAG_PRINTABLE_STRING && a->tag != XC_TAG_UTF8_STRING &&
	    a->tag != XC_TAG_IA5_STRING)
		return false;
	if (xc_peer_name_parse(&pn, (const char *)a->value.p, a->value.len, ip) == XC_OK &&
	    pn.kind == XC_PEER_IP) {
		*t = XC_GN_IP_ADDRESS;
		*v = pn.value;
		return true;
	}
	if (!xc__dns_valid(a->value, true) || !memchr(a->value.p, '.', a->value.len))
		return false;
	for (last = a->value.len; last > 0 && a->value.p[last - 1] != '.'; last--)
		;
	for (size_t i = last; i < a->value.len; i++)
		if (a->value.p[i] < '0' || a->value.p[i] > '9') {
			*t = XC_GN_DNS_NAME;
			*v = a->value;
			return true;
		}
	return false;
}

/* Every name of certificate c against one certificate's constraints. */
static xc_path_err cert_check(const xc_cert *c, const nc_set *s, xc_path_profile profile,
                              size_t *budget)
{
	xc_path_err e;
	xc_ext ext;
	xc_name_iter it;
	xc_attr a;

	if (c->subject.len > 0 &&
	    (e = name_check(s, XC_GN_DIRECTORY_NAME, c->subject, budget)) != XC_PATH_OK)
		return e;
	if (xc_ext_find_id(c->extensions, XC_OID_SUBJECT_ALTERNATIVE_NAME, &ext) == XC_OK) {
		xc_alt_names san;
		xc_gn_iter gi;
		xc_gn g;

		if (xc_alt_names_decode(&san, ext.value, NULL, NULL) != XC_OK)
			return XC_PATH_NC_MALFORMED;
		xc_gn_iter_init(&gi, san.gns);
		while (xc_gn_next(&gi, &g) == XC_OK)
			if ((e = name_check(s, g.type, g.value, budget)) != XC_PATH_OK)
				return e;
	}
	xc_name_iter_init(&it, c->subject);
	while (xc_name_next(&it, &a) == XC_OK) {
		xc_gn_type t;
		xc_slice v;
		uint8_t ip[16];

		e = XC_PATH_OK;
		if (xc_oid_is(a.oid, XC_OID_EMAIL_ADDRESS))
			e = name_check(s, XC_GN_RFC822_NAME, a.value, budget);
		else if (profile == XC_PROFILE_WEBPKI && cn_as_name(&a, &t, &v, ip))
			e = name_check(s, t, v, budget);
		else if (!spend(budget))
			e = XC_PATH_WORK_LIMIT;
		if (e != XC_PATH_OK)
			return e;
	}
	return XC_PATH_OK;
}

/* Reads certificate c's nameConstraints into *s; *present false without
 * one. */
static xc_path_err nc_load(const xc_cert *c, nc_set *s, bool *present)
{
	xc_ext ext;

	*present = xc_ext_find_id(c->extensions, XC_OID_NAME_CONSTRAINTS, &ext) == XC_OK;
	if (!*present)
		return XC_PATH_OK;
	s->critical = ext.critical;
	if (xc_nc_decode(&s->nc, ext.value, NULL, NULL) != XC_OK)
		return XC_PATH_NC_MALFORMED;
	return XC_PATH_OK;
}

/* The extension's own checks, once per certificate. */
static xc_path_err nc_validate(const xc__path_view *p, size_t j, const nc_set *s, size_t *budget)
{
	xc_ext ext;
	xc_bc bc = { false, false, 0 };

	if (j == p->n - 1) {
		if (xc_ext_find_id(p->cert[j]->extensions, XC_OID_BASIC_CONSTRAINTS, &ext) == XC_OK)
			(void)xc_bc_decode(&bc, ext.value, NULL, NULL);
		if (!bc.ca)
			return XC_PATH_NC_MALFORMED;
	}
	if (p->pol->profile == XC_PROFILE_RFC5280 && !s->critical)
		return XC_PATH_NC_MALFORMED;
	for (int k = 0; k < 2; k++) {
		xc_subtree_iter it;
		xc_gn b;

		if (!(k ? s->nc.excluded : s->nc.permitted).p)
			continue;
		xc_subtree_iter_init(&it, k ? s->nc.excluded : s->nc.permitted);
		while (xc_subtree_next(&it, &b) == XC_OK) {
			if (!spend(budget))
				return XC_PATH_WORK_LIMIT;
			if (!base_valid(&b))
				return XC_PATH_NC_MALFORMED;
		}
	}
	return XC_PATH_OK;
}

/* See path_inner.h. */
xc_path_err xc__path_nc_check(const xc__path_view *p, size_t *failed)
{
	size_t budget = XC__NC_MAX_CHECKS;
	nc_set s;
	xc_path_err e;
	bool present;

	for (size_t j = 0; j < p->n; j++) {
		e = nc_load(p->cert[j], &s, &present);
		if (e == XC_PATH_OK && present)
			e = nc_validate(p, j, &s, &budget);
		if (e != XC_PATH_OK) {
			*failed = j;
			return e;
		}
	}
	for (size_t i = 1; i < p->n; i++) {
		/* 6.1.4 (g)'s exemption: a self-issued CA is not held to
		 * the constraints, the end entity always is. */
		if (i < p->n - 1 && xc__self_issued(p->cert[i]))
			continue;
		for (size_t j = 0; j < i; j++) {
			if (nc_load(p->cert[j], &s, &present) != XC_PATH_OK || !present)
				continue;
			e = cert_check(p->cert[i], &s, p->pol->profile, &budget);
			if (e != XC_PATH_OK) {
				*failed = i;
				return e;
			}
		}
	}
	return XC_PATH_OK;
}
