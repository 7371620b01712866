/* GeneralName and GeneralNames: see xc/gn.h. */
#include "inner.h"

/*
 * Strict UTF-8 (RFC 3629), as Rust's str::from_utf8, which pyca applies to
 * the IA5String forms: no overlong forms, no surrogates, nothing above
 * U+10FFFF.
 */
static bool utf8_valid(xc_slice s)
{
	size_t i = 0;

	while (i < s.len) {
		uint8_t c = s.p[i];
		size_t n;
		uint8_t lo = 0x80, hi = 0xbf;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			if (c == 0xe0)
				lo = 0xa0;      /* overlong below U+0800 */
			else if (c == 0xed)
				hi = 0x9f;      /* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			if (c == 0xf0)
				lo = 0x90;      /* overlong below U+10000 */
			else if (c == 0xf4)
				hi = 0x8f;      /* above U+10FFFF */
		} else {
			return false;
		}
		if (s.len - i - 1 < n)
			return false;
		if (s.p[i + 1] < lo || s.p[i + 1] > hi)
			return false;
		for (size_t k = 2; k <= n; k++)
			if ((s.p[i + k] & 0xc0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}

/*
 * An 8 or 32 byte iPAddress is an address and a netmask. pyca turns it into
 * "address/prefix" and hands that to ipaddress.ip_network(), which is
 * strict: the mask must be ones then zeros, and the address must have no
 * bit set under the zeros. Returns the prefix length, or -1.
 */
static int ip_prefix(xc_slice ip)
{
	size_t half = ip.len / 2;
	const uint8_t *addr = ip.p, *mask = ip.p + half;
	int prefix = 0;
	bool zeros = false;

	for (size_t i = 0; i < half; i++) {
		for (unsigned b = 0x80; b; b >>= 1) {
			if (mask[i] & b) {
				if (zeros)
					return -1;
				prefix++;
			} else {
				zeros = true;
				if (addr[i] & b)
					return -1;
			}
		}
	}
	return prefix;
}

/* True if an iPAddress's bytes are something pyca accepts (see xc/gn.h). */
static bool ip_valid(xc_slice ip)
{
	switch (ip.len) {
	case 4:
	case 16:
		return true;
	case 8:
	case 32:
		return ip_prefix(ip) >= 0;
	default:
		return false;
	}
}

/* otherName: type-id OID, then [0] EXPLICIT holding exactly one TLV. */
static xc_err read_other(xc_der *in, xc_gn *out)
{
	xc_der val;
	xc_tlv t;
	xc_err e;

	if ((e = xc_der_read_oid(in, &out->other_oid)))
		return e;
	if ((e = xc_der_enter(in, XC_TAG_CTX_CONS(0), &val)))
		return e;
	if ((e = xc_der_read(&val, &t)))
		return e;
	out->value = t.raw;
	if ((e = xc_der_finish(&val)))
		return e;
	return xc_der_finish(in);
}

/* directoryName: [4] EXPLICIT Name, the Name checked as everywhere else. */
static xc_err read_dirname(xc_der *in, xc_gn *out)
{
	size_t off = 0;
	xc_err e;

	if ((e = xc_der_expect(in, XC_TAG_SEQUENCE, &out->value)))
		return e;
	if ((e = xc_name_check(out->value, in->base, &off)))
		return xc_der_fail(in, e, in->base + off);
	return xc_der_finish(in);
}

/* see xc/gn.h */
xc_err xc_gn_read(xc_der *d, xc_gn *out)
{
	xc_tlv t;
	xc_der in;
	xc_err e;

	if ((e = xc_der_read(d, &t)))
		return e;
	memset(out, 0, sizeof(*out));
	out->raw = t.raw;
	out->value = t.value;
	/* The tagged reader for constructed choices, with d as parent so
	 * errors inside keep their offsets and reach the caller's reader. */
	xc_der_init_at(&in, t.value, d->base);
	in.parent = d;

	switch (t.tag) {
	case XC_TAG_CTX_CONS(0):
		out->type = XC_GN_OTHER_NAME;
		return read_other(&in, out);
	case XC_TAG_CTX(1):
	case XC_TAG_CTX(2):
	case XC_TAG_CTX(6):
		out->type = (xc_gn_type)(t.tag & 0x1fu);
		if (!utf8_valid(t.value))
			return xc_der_fail(d, XC_ERR_STRING, t.raw.p);
		return XC_OK;
	case XC_TAG_CTX_CONS(3):
		out->type = XC_GN_X400_ADDRESS;
		return XC_OK;
	case XC_TAG_CTX_CONS(4):
		out->type = XC_GN_DIRECTORY_NAME;
		return read_dirname(&in, out);
	case XC_TAG_CTX_CONS(5):
		out->type = XC_GN_EDI_PARTY_NAME;
		return XC_OK;
	case XC_TAG_CTX(7):
		out->type = XC_GN_IP_ADDRESS;
		if (!ip_valid(t.value))
			return xc_der_fail(d, XC_ERR_EXT_VALUE, t.raw.p);
		return XC_OK;
	case XC_TAG_CTX(8):
		out->type = XC_GN_REGISTERED_ID;
		if ((e = xc_der_check_oid(t.value)))
			return xc_der_fail(d, e, t.raw.p);
		return XC_OK;
	default:
		return xc_der_fail(d, XC_ERR_TAG, t.raw.p);
	}
}

/* see xc/gn.h */
xc_err xc_gns_check(xc_slice gns, const uint8_t *base, size_t *off, size_t *count)
{
	xc_der d;
	xc_gn g;
	size_t n = 0;
	xc_err e;

	xc_der_init_at(&d, gns, base);
	while (xc_der_more(&d)) {
		if ((e = xc_gn_read(&d, &g)))
			return xc__report(&d, e, off);
		n++;
	}
	if (count)
		*count = n;
	return xc__report(&d, XC_OK, off);
}

/* see xc/gn.h */
void xc_gn_iter_init(xc_gn_iter *it, xc_slice gns)
{
	xc_der_init(&it->d, gns.p, gns.len);
}

/* see xc/gn.h */
xc_err xc_gn_next(xc_gn_iter *it, xc_gn *out)
{
	if (it->d.err)
		return it->d.err;
	if (!xc_der_more(&it->d))
		return XC_END;
	return xc_gn_read(&it->d, out);
}

static const char *const gn_type_names[] = {
	[XC_GN_OTHER_NAME] = "other_name",
	[XC_GN_RFC822_NAME] = "rfc822_name",
	[XC_GN_DNS_NAME] = "dns_name",
	[XC_GN_X400_ADDRESS] = "x400_address",
	[XC_GN_DIRECTORY_NAME] = "directory_name",
	[XC_GN_EDI_PARTY_NAME] = "edi_party_name",
	[XC_GN_URI] = "uniform_resource_identifier",
	[XC_GN_IP_ADDRESS] = "ip_address",
	[XC_GN_REGISTERED_ID] = "registered_id",
};

/* see xc/gn.h */
const char *xc_gn_type_name(xc_gn_type t)
{
	size_t i = (size_t)t;

	if (i >= sizeof(gn_type_names) / sizeof(gn_type_names[0]))
		return NULL;
	return gn_type_names[i];
}

/* Decimal of a small number (a byte, a prefix length). */
static void put_uint(xc_out *o, unsigned v)
{
	char tmp[4];
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < sizeof(tmp));
	while (n)
		xc_out_c(o, tmp[--n]);
}

/* A 16-bit group in lowercase hex without leading zeros, as Python's "%x". */
static void put_hextet(xc_out *o, unsigned v)
{
	static const char hex[] = "0123456789abcdef";
	bool started = false;

	for (int sh = 12; sh >= 0; sh -= 4) {
		unsigned nib = (v >> sh) & 0xfu;
		if (nib || started || sh == 0) {
			xc_out_c(o, hex[nib]);
			started = true;
		}
	}
}

/* RFC 5952 section 4, which is also what Python's IPv6Address prints. */
static void put_ipv6(xc_out *o, const uint8_t *a)
{
	unsigned g[8];
	size_t best = 8, best_len = 0;

	for (size_t i = 0; i < 8; i++)
		g[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	/* Longest run of zero groups; strict > keeps the first on ties. */
	for (size_t i = 0; i < 8;) {
		size_t j = i;
		while (j < 8 && g[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j == i ? i + 1 : j;
	}
	/* A single zero group is not compressed (RFC 5952 4.2.2). */
	if (best_len < 2)
		best = 8;
	for (size_t i = 0; i < 8; i++) {
		if (i == best) {
			xc_out_s(o, "::");
			i += best_len - 1;
			continue;
		}
		if (i && i != best + best_len)
			xc_out_c(o, ':');
		put_hextet(o, g[i]);
	}
}

/* see xc/gn.h */
xc_err xc_gn_ip_format(xc_slice ip, bool network, char *buf, size_t cap, size_t *len)
{
	xc_out o;
	size_t alen;
	int prefix = -1;

	if (len)
		*len = 0;
	if (!buf && cap)
		return XC_ERR_ARG;
	switch (ip.len) {
	case 4:
	case 16:
		if (network)
			return XC_ERR_EXT_VALUE;
		alen = ip.len;
		break;
	case 8:
	case 32:
		prefix = ip_prefix(ip);
		if (prefix < 0)
			return XC_ERR_EXT_VALUE;
		alen = ip.len / 2;
		break;
	default:
		return XC_ERR_EXT_VALUE;
	}
	xc_out_init(&o, buf, cap);
	if (alen == 4) {
		for (size_t i = 0; i < 4; i++) {
			if (i)
				xc_out_c(&o, '.');
			put_uint(&o, ip.p[i]);
		}
	} else {
		put_ipv6(&o, ip.p);
	}
	if (prefix >= 0) {
		xc_out_c(&o, '/');
		put_uint(&o, (unsigned)prefix);
	}
	return xc_out_done(&o, len);
}
