/*
 * walk_parts.c - walkers for the parts objects share (fuzz.h): extension
 * blocks, AlgorithmIdentifiers, SubjectPublicKeyInfo.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* xc_ext_find is a linear scan; checking it for every extension is
 * quadratic, so only the first ones are looked up. */
#define FIND_MAX 64

static void walk_duplicate(xc_slice exts, size_t count);

/* See fuzz.h. `exts` was accepted by a parser with `count` extensions. */
void fz_walk_exts(const fz_buf *b, xc_slice exts, size_t count)
{
	xc_ext_iter it, it2;
	xc_ext x, y, f;
	size_t n = 0, c = SIZE_MAX, off = SIZE_MAX;
	xc_err e;

	if (!exts.p) {
		FZ_CHECK(count == 0);
		return;
	}
	fz_in(b, exts);
	FZ_CHECK(xc_ext_check(exts, b->p, &off, &c) == XC_OK);
	FZ_CHECK(c == count);

	xc_ext_iter_init(&it, exts);
	while ((e = xc_ext_next(&it, &x)) == XC_OK) {
		xc_oid_id id;

		FZ_CHECK(n < count);
		fz_within(exts, x.raw);
		fz_within(x.raw, x.oid);
		fz_within(x.raw, x.value);
		FZ_CHECK(xc_der_check_oid(x.oid) == XC_OK);
		fz_walk_oid(x.oid);
		fz_walk_ext_value(b, &x);

		if (n < FIND_MAX) {
			/* find gives the first extension with this OID. */
			xc_ext_iter_init(&it2, exts);
			while (xc_ext_next(&it2, &y) == XC_OK && !xc_slice_eq(y.oid, x.oid))
				;
			FZ_CHECK(xc_ext_find(exts, x.oid, &f) == XC_OK);
			FZ_CHECK(f.raw.p == y.raw.p && f.raw.len == y.raw.len);
			FZ_CHECK(f.value.p == y.value.p && f.critical == y.critical);
			id = xc_oid_lookup(x.oid);
			if (id != XC_OID_UNKNOWN) {
				FZ_CHECK(xc_ext_find_id(exts, id, &f) == XC_OK);
				FZ_CHECK(f.raw.p == y.raw.p);
			}
		}
		n++;
	}
	FZ_CHECK(e == XC_END);
	FZ_CHECK(n == count);
	walk_duplicate(exts, count);
}

/* See fuzz.h. */
void fz_walk_algid(const fz_buf *b, const xc_algid *a)
{
	xc_sigalg s, s2;
	const char *hn;
	xc_err e;

	fz_in(b, a->raw);
	fz_within(a->raw, a->oid);
	if (a->params.p)
		fz_within(a->raw, a->params);
	else
		FZ_CHECK(a->params.len == 0);
	fz_walk_oid(a->oid);

	memset(&s, 0x5a, sizeof(s));
	memset(&s2, 0x5a, sizeof(s2));
	e = xc_sigalg_decode(a, &s);
	FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
	FZ_CHECK(xc_sigalg_decode(a, &s2) == e);
	if (e == XC_OK) {
		FZ_CHECK(s.id == s2.id && s.key == s2.key && s.hash == s2.hash &&
		         s.hash_oid == s2.hash_oid);
		FZ_CHECK(s.id > XC_OID_UNKNOWN && s.id < XC_OID_COUNT);
		FZ_CHECK(s.id == xc_oid_lookup(a->oid));
		FZ_CHECK(s.key != XC_KEY_UNKNOWN);
		FZ_CHECK(xc_key_type_name(s.key) != NULL);
		FZ_CHECK(s.hash >= XC_HASH_NONE && s.hash < XC_HASH_COUNT);
		FZ_CHECK((xc_hash_name(s.hash) != NULL) == (s.hash != XC_HASH_NONE));
		if (s.hash != XC_HASH_NONE)
			FZ_CHECK(xc_hash_size(s.hash) > 0);
		if (s.hash_oid != XC_OID_UNKNOWN)
			FZ_CHECK(xc_oid_info_of(s.hash_oid) != NULL);
	}
	FZ_CHECK(xc_key_type_name(XC_KEY_UNKNOWN) == NULL);
	hn = xc_sigalg_hash_name(a);
	if (hn)
		FZ_CHECK(hn[0] != '\0');
}

static void same_spki(const xc_spki *a, const xc_spki *b)
{
#define SAME(f) FZ_CHECK(a->f.p == b->f.p && a->f.len == b->f.len)
	SAME(raw);
	SAME(alg.raw);
	SAME(alg.oid);
	SAME(alg.params);
	SAME(key);
	SAME(curve_oid);
	SAME(rsa_n);
	SAME(rsa_e);
	SAME(dsa_p);
	SAME(dsa_q);
	SAME(dsa_g);
	SAME(dsa_y);
	SAME(ec_point);
#undef SAME
	FZ_CHECK(a->type == b->type && a->bits == b->bits && a->curve == b->curve);
}

/* Everything a decoded key hands out, against the buffer it came from. */
static void check_key(const fz_buf *b, const xc_spki *k, bool pkcs1)
{
	const xc_slice *sl[] = { &k->raw, &k->alg.raw, &k->alg.oid, &k->alg.params,
	                         &k->key, &k->curve_oid, &k->rsa_n, &k->rsa_e,
	                         &k->dsa_p, &k->dsa_q, &k->dsa_g, &k->dsa_y,
	                         &k->ec_point };

	for (size_t i = 0; i < sizeof(sl) / sizeof(sl[0]); i++)
		fz_in(b, *sl[i]);
	if (pkcs1)
		FZ_CHECK(k->type == XC_KEY_RSA);
	else
		FZ_CHECK(k->type != XC_KEY_UNKNOWN);
	FZ_CHECK(xc_key_type_name(k->type) != NULL);
	if (!pkcs1)
		fz_walk_algid(b, &k->alg);
	if (k->type == XC_KEY_RSA || k->type == XC_KEY_RSA_PSS) {
		FZ_CHECK(k->rsa_n.p && k->rsa_e.p);
		FZ_CHECK(xc_der_check_int(k->rsa_n) == XC_OK);
		FZ_CHECK(xc_der_check_int(k->rsa_e) == XC_OK);
		FZ_CHECK(k->bits == xc_int_bits(k->rsa_n));
		fz_walk_int(b, k->rsa_n);
		fz_walk_int(b, k->rsa_e);
	}
	if (k->type == XC_KEY_DSA && k->dsa_y.p)
		fz_walk_int(b, k->dsa_y);
	if (k->type == XC_KEY_EC) {
		FZ_CHECK(k->curve_oid.p != NULL);
		FZ_CHECK(k->curve == xc_oid_lookup(k->curve_oid));
		fz_walk_oid(k->curve_oid);
	}
	if (k->type == XC_KEY_ED25519)
		FZ_CHECK(k->ec_point.len == 32);
	if (k->type == XC_KEY_ED448)
		FZ_CHECK(k->ec_point.len == 57);
}

/* xc_ski_from_spki: pyca's SubjectKeyIdentifier.from_public_key, the
 * SHA-1 of the key bits; written exactly XC_SKI_LEN bytes. */
static void walk_ski(const xc_spki *k)
{
	uint8_t id[XC_SKI_LEN + 8], id2[XC_SKI_LEN + 8], ref[XC_HASH_MAX];
	xc_err e;

	memset(id, 0xa5, sizeof(id));
	memset(id2, 0x5a, sizeof(id2));
	e = xc_ski_from_spki(k->raw, id);
	FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
	FZ_CHECK(xc_ski_from_spki(k->raw, id2) == e);
	for (size_t i = XC_SKI_LEN; i < sizeof(id); i++)
		FZ_CHECK(id[i] == 0xa5);
	if (e != XC_OK)
		return;
	FZ_CHECK(memcmp(id, id2, XC_SKI_LEN) == 0);
	if (xc_fingerprint(XC_HASH_SHA1, k->key, ref, sizeof(ref)) == XC_OK)
		FZ_CHECK(memcmp(id, ref, XC_SKI_LEN) == 0);
}

/* See fuzz.h. `raw` is an SPKI TLV inside b (a certificate's or CSR's). */
void fz_walk_spki(const fz_buf *b, xc_slice raw)
{
	xc_spki k, k2;
	size_t off = SIZE_MAX, off2 = SIZE_MAX;
	xc_err e, e2;

	fz_in(b, raw);
	memset(&k, 0, sizeof(k));
	memset(&k2, 0, sizeof(k2));
	e = xc_spki_parse(&k, raw, b->p, &off);
	e2 = xc_spki_parse(&k2, raw, b->p, &off2);
	FZ_CHECK(e == e2);
	FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
	if (e != XC_OK) {
		fz_off(e, off, b->len);
		FZ_CHECK(off == off2);
		return;
	}
	same_spki(&k, &k2);
	FZ_CHECK(k.raw.p == raw.p && k.raw.len == raw.len);
	check_key(b, &k, false);
	walk_ski(&k);
}

/* See fuzz.h. */
xc_err fz_spki(const uint8_t *p, size_t len)
{
	fz_buf b = { p, len };

	fz_walk_spki(&b, xc_slice_make(p, len));
	return XC_OK;
}

/* See fuzz.h. */
xc_err fz_spki_pkcs1(const uint8_t *p, size_t len)
{
	fz_buf b = { p, len };
	xc_spki k, k2;
	size_t off = SIZE_MAX, off2 = SIZE_MAX;
	xc_err e, e2;

	memset(&k, 0, sizeof(k));
	memset(&k2, 0, sizeof(k2));
	e = xc_spki_parse_pkcs1(&k, xc_slice_make(p, len), &off);
	e2 = xc_spki_parse_pkcs1(&k2, xc_slice_make(p, len), &off2);
	FZ_CHECK(e == e2);
	FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
	if (e != XC_OK) {
		fz_off(e, off, len);
		FZ_CHECK(off == off2);
		return e;
	}
	same_spki(&k, &k2);
	check_key(&b, &k, true);
	return e;
}

/* ---- decoded extensions ---------------------------------------------- */

#define SAME_SL(x, y) FZ_CHECK((x).p == (y).p && (x).len == (y).len)

/* A slice a decoder hands out: absent (.p NULL, empty) or inside `outer`.
 * Decoders may hand out empty but present slices, which fz_within would
 * also accept; absent ones it would not. */
static void inside(xc_slice outer, xc_slice inner)
{
	fz_buf o = { outer.p, outer.len };

	FZ_CHECK(outer.p != NULL || inner.p == NULL);
	fz_in(&o, inner);
}

/*
 * Two decodes of one value answer alike, and an error's offset (from
 * base = b->p, as the walkers pass it) lies inside the extension's value:
 * the decoder was given nothing else. True if the value decoded.
 */
static bool decoded(const fz_buf *b, xc_slice value, xc_err e, xc_err e2,
                    size_t off, size_t off2)
{
	size_t lo = (size_t)(value.p - b->p);

	FZ_CHECK(e == e2);
	FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
	if (e == XC_OK)
		return true;
	FZ_CHECK(off == off2);
	fz_off(e, off, b->len);
	FZ_CHECK(off >= lo && off <= lo + value.len);
	return false;
}

static xc_err hex_fmt(const void *arg, char *buf, size_t cap, size_t *len)
{
	xc_err e = xc_hex(*(const xc_slice *)arg, buf, cap);

	*len = e == XC_OK ? strlen(buf) : 0;
	return e;
}

/* Byte strings the vfs prints as hex (key ids, log ids, signatures). */
static void walk_hex(xc_slice v)
{
	char *s = NULL;
	size_t n = 0;

	if (!v.p || v.len > 4096)
		return;
	FZ_CHECK(fz_fmt(hex_fmt, &v, 2 * v.len + 1, true, true, &s, &n) == XC_OK);
	FZ_CHECK(n == 2 * v.len);
	free(s);
}

/* A non-negative INTEGER's contents a decoder checked. */
static void walk_uint(const fz_buf *b, xc_slice v)
{
	FZ_CHECK(v.p != NULL);
	FZ_CHECK(xc_der_check_int(v) == XC_OK);
	FZ_CHECK(!xc_int_negative(v));
	fz_walk_int(b, v);
}

/* A string the decoder promised decodes (IA5, Visible, BMP, UTF8). */
static void walk_text(uint32_t tag, xc_slice v)
{
	char *s = fz_malloc(2 * v.len + 8);
	size_t n = SIZE_MAX;

	if (!s)
		abort();
	FZ_CHECK(xc_string_to_utf8(tag, v, s, 2 * v.len + 8, &n) == XC_OK);
	free(s);
	fz_walk_string(tag, v);
}

struct ip_arg {
	xc_slice ip;
	bool network;
};

static xc_err ip_fmt(const void *arg, char *buf, size_t cap, size_t *len)
{
	const struct ip_arg *a = arg;

	return xc_gn_ip_format(a->ip, a->network, buf, cap, len);
}

/* One GeneralName a decoder accepted; `network`: a name constraint's
 * base, where an iPAddress must be a network. */
static void walk_gn(const fz_buf *b, xc_slice outer, const xc_gn *g, bool network)
{
	const char *tn = xc_gn_type_name(g->type);
	struct ip_arg ia;
	char *s = NULL;
	size_t n = 0;
	xc_err e;

	FZ_CHECK(tn != NULL && tn[0] != '\0');
	fz_within(outer, g->raw);
	inside(g->raw, g->value);
	switch (g->type) {
	case XC_GN_RFC822_NAME:
	case XC_GN_DNS_NAME:
	case XC_GN_URI:
		FZ_CHECK(fz_ref_utf8_valid(g->value.p, g->value.len));
		walk_text(XC_TAG_IA5_STRING, g->value);
		break;
	case XC_GN_DIRECTORY_NAME:
		fz_walk_name(b, g->value);
		break;
	case XC_GN_IP_ADDRESS:
		n = g->value.len;
		FZ_CHECK(n == 4 || n == 16 || n == 8 || n == 32);
		if (network)
			FZ_CHECK(n == 8 || n == 32);
		ia.ip = g->value;
		ia.network = network;
		FZ_CHECK(fz_fmt(ip_fmt, &ia, XC_GN_IP_STR, true, true, &s, &n) == XC_OK);
		FZ_CHECK((strchr(s, '/') != NULL) == (g->value.len == 8 || g->value.len == 32));
		free(s);
		/* The other mode: a network is also an address, an address
		 * is no network. */
		ia.network = !network;
		e = fz_fmt(ip_fmt, &ia, XC_GN_IP_STR, true, true, NULL, NULL);
		if (!ia.network || g->value.len == 8 || g->value.len == 32)
			FZ_CHECK(e == XC_OK);
		else
			FZ_CHECK(e == XC_ERR_EXT_VALUE);
		break;
	case XC_GN_REGISTERED_ID:
		FZ_CHECK(xc_der_check_oid(g->value) == XC_OK);
		fz_walk_oid(g->value);
		break;
	case XC_GN_OTHER_NAME:
		fz_within(g->raw, g->other_oid);
		FZ_CHECK(xc_der_check_oid(g->other_oid) == XC_OK);
		fz_walk_oid(g->other_oid);
		FZ_CHECK(g->value.p != NULL && g->value.len >= 2);
		walk_hex(g->value);
		break;
	case XC_GN_X400_ADDRESS:
	case XC_GN_EDI_PARTY_NAME:
		walk_hex(g->value);
		break;
	}
}

/* GeneralNames contents a decoder accepted with `count` names. */
static void walk_gns(const fz_buf *b, xc_slice gns, size_t count)
{
	xc_gn_iter it;
	xc_gn g;
	size_t n = 0, c = SIZE_MAX, off = SIZE_MAX;
	xc_err e;

	if (!gns.p) {
		FZ_CHECK(count == 0);
		return;
	}
	FZ_CHECK(xc_gns_check(gns, b->p, &off, &c) == XC_OK);
	FZ_CHECK(c == count);
	xc_gn_iter_init(&it, gns);
	while ((e = xc_gn_next(&it, &g)) == XC_OK) {
		FZ_CHECK(n < count);
		walk_gn(b, gns, &g, false);
		n++;
	}
	FZ_CHECK(e == XC_END);
	FZ_CHECK(n == count);
}

static xc_err attr_fmt(const void *arg, char *buf, size_t cap, size_t *len)
{
	return xc_attr_rfc4514(arg, buf, cap, len);
}

/* A DistributionPointName: full name, or one RDN relative to the issuer. */
static void walk_dp_name(const fz_buf *b, xc_slice outer, const xc_dp_name *dn)
{
	xc_rdn_iter it;
	xc_attr a;
	size_t n = 0;
	xc_err e;

	inside(outer, dn->full_name);
	inside(outer, dn->relative_name);
	switch (dn->type) {
	case XC_DP_NAME_NONE:
		FZ_CHECK(!dn->full_name.p && !dn->relative_name.p);
		break;
	case XC_DP_FULL_NAME:
		FZ_CHECK(dn->full_name.p != NULL);
		walk_gns(b, dn->full_name, dn->full_name_count);
		break;
	case XC_DP_RELATIVE_NAME:
		FZ_CHECK(dn->relative_name.p != NULL);
		FZ_CHECK(dn->relative_name_count >= 1);
		xc_rdn_iter_init(&it, dn->relative_name);
		while ((e = xc_rdn_next(&it, &a)) == XC_OK) {
			FZ_CHECK(n < dn->relative_name_count);
			FZ_CHECK(a.rdn == 0 && a.index_in_rdn == n);
			fz_within(dn->relative_name, a.oid);
			fz_within(dn->relative_name, a.raw_value);
			fz_within(a.raw_value, a.value);
			FZ_CHECK(xc_der_check_oid(a.oid) == XC_OK);
			fz_walk_oid(a.oid);
			fz_walk_string(a.tag, a.value);
			e = fz_fmt(attr_fmt, &a, 8 * (a.oid.len + a.raw_value.len) + 64,
			           true, true, NULL, NULL);
			FZ_CHECK(e == XC_OK || e == XC_ERR_STRING);
			n++;
		}
		FZ_CHECK(e == XC_END);
		FZ_CHECK(n == dn->relative_name_count);
		break;
	}
}

/* ReasonFlags: bits 1..8 only, each named. */
static void walk_reasons(uint16_t r)
{
	FZ_CHECK((r & ~0x1feu) == 0);
	FZ_CHECK(xc_reason_flag_name(0) == NULL && xc_reason_flag_name(9) == NULL);
	for (unsigned i = 1; i <= 8; i++)
		if (r & (1u << i))
			FZ_CHECK(xc_reason_flag_name(i) != NULL);
}

/* The decoders' shared shape: decode into two structs (the second filled
 * with garbage first, so a field left unset shows as a difference). */
#define DECODE2(fn, T, b, v)                                                   \
	T o, o2;                                                               \
	size_t off = SIZE_MAX, off2 = SIZE_MAX;                                \
	xc_err de, de2;                                                        \
	memset(&o, 0, sizeof(o));                                              \
	memset(&o2, 0xa5, sizeof(o2));                                         \
	de = fn(&o, v, (b)->p, &off);                                          \
	de2 = fn(&o2, v, (b)->p, &off2);                                       \
	if (!decoded(b, v, de, de2, off, off2))                                \
		return;

static void ext_bc(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_bc_decode, xc_bc, b, v);
	FZ_CHECK(o.ca == o2.ca && o.has_path_length == o2.has_path_length);
	if (o.has_path_length) {
		FZ_CHECK(o.ca);
		FZ_CHECK(o.path_length == o2.path_length);
	}
}

static void ext_ku(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_ku_decode, xc_ku, b, v);
	FZ_CHECK(o.bits == o2.bits);
	FZ_CHECK(o.bits < (1u << XC_KU_COUNT));
	if (o.bits & (XC_KU_ENCIPHER_ONLY | XC_KU_DECIPHER_ONLY))
		FZ_CHECK(o.bits & XC_KU_KEY_AGREEMENT);
	for (unsigned i = 0; i < XC_KU_COUNT; i++)
		FZ_CHECK(xc_ku_name(i) != NULL);
	FZ_CHECK(xc_ku_name(XC_KU_COUNT) == NULL);
}

static void ext_eku(const fz_buf *b, xc_slice v)
{
	xc_oids_iter it;
	xc_slice oid;
	size_t n = 0;
	xc_err e;

	DECODE2(xc_eku_decode, xc_eku, b, v);
	SAME_SL(o.oids, o2.oids);
	FZ_CHECK(o.count == o2.count);
	inside(v, o.oids);
	xc_oids_iter_init(&it, o.oids);
	while ((e = xc_oids_next(&it, &oid)) == XC_OK) {
		FZ_CHECK(n < o.count);
		fz_within(o.oids, oid);
		FZ_CHECK(xc_der_check_oid(oid) == XC_OK);
		fz_walk_oid(oid);
		n++;
	}
	FZ_CHECK(e == XC_END && n == o.count);
}

static void ext_ski(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_ski_decode, xc_ski, b, v);
	SAME_SL(o.digest, o2.digest);
	inside(v, o.digest);
	walk_hex(o.digest);
}

static void ext_aki(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_aki_decode, xc_aki, b, v);
	SAME_SL(o.key_id, o2.key_id);
	SAME_SL(o.issuer, o2.issuer);
	SAME_SL(o.serial, o2.serial);
	FZ_CHECK(o.issuer_count == o2.issuer_count);
	inside(v, o.key_id);
	inside(v, o.issuer);
	inside(v, o.serial);
	FZ_CHECK((o.issuer.p == NULL) == (o.serial.p == NULL));
	walk_hex(o.key_id);
	walk_gns(b, o.issuer, o.issuer_count);
	if (o.serial.p)
		walk_uint(b, o.serial);
}

static void ext_alt_names(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_alt_names_decode, xc_alt_names, b, v);
	SAME_SL(o.gns, o2.gns);
	FZ_CHECK(o.count == o2.count);
	inside(v, o.gns);
	FZ_CHECK(o.gns.p != NULL);
	walk_gns(b, o.gns, o.count);
}

static void ext_policy_constraints(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_policy_constraints_decode, xc_policy_constraints, b, v);
	FZ_CHECK(o.has_require_explicit_policy == o2.has_require_explicit_policy);
	FZ_CHECK(o.has_inhibit_policy_mapping == o2.has_inhibit_policy_mapping);
	FZ_CHECK(o.has_require_explicit_policy || o.has_inhibit_policy_mapping);
	if (o.has_require_explicit_policy)
		FZ_CHECK(o.require_explicit_policy == o2.require_explicit_policy);
	if (o.has_inhibit_policy_mapping)
		FZ_CHECK(o.inhibit_policy_mapping == o2.inhibit_policy_mapping);
}

static void ext_inhibit_any_policy(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_inhibit_any_policy_decode, xc_inhibit_any_policy, b, v);
	SAME_SL(o.skip_certs, o2.skip_certs);
	FZ_CHECK(o.fits == o2.fits);
	inside(v, o.skip_certs);
	walk_uint(b, o.skip_certs);
	if (o.fits) {
		FZ_CHECK(o.value == o2.value);
		FZ_CHECK(xc_int_bits(o.skip_certs) <= 64);
	} else {
		FZ_CHECK(xc_int_bits(o.skip_certs) > 64);
	}
}

static void ext_null(const fz_buf *b, xc_slice v)
{
	size_t off = SIZE_MAX, off2 = SIZE_MAX;
	xc_err e = xc_null_ext_decode(v, b->p, &off);
	xc_err e2 = xc_null_ext_decode(v, b->p, &off2);

	(void)decoded(b, v, e, e2, off, off2);
}

static void ext_tls_feature(const fz_buf *b, xc_slice v)
{
	xc_tls_feature_iter it;
	unsigned f = 0;
	size_t n = 0;
	xc_err e;

	DECODE2(xc_tls_feature_decode, xc_tls_feature, b, v);
	SAME_SL(o.list, o2.list);
	FZ_CHECK(o.count == o2.count && o.count >= 1);
	inside(v, o.list);
	xc_tls_feature_iter_init(&it, o.list);
	while ((e = xc_tls_feature_next(&it, &f)) == XC_OK) {
		FZ_CHECK(n < o.count);
		FZ_CHECK(f == XC_TLS_FEATURE_STATUS_REQUEST ||
		         f == XC_TLS_FEATURE_STATUS_REQUEST_V2);
		FZ_CHECK(xc_tls_feature_name(f) != NULL);
		n++;
	}
	FZ_CHECK(e == XC_END && n == o.count);
	FZ_CHECK(xc_tls_feature_name(0) == NULL);
}

static void ext_crl_number(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_crl_number_decode, xc_crl_number, b, v);
	SAME_SL(o.number, o2.number);
	inside(v, o.number);
	walk_uint(b, o.number);
}

static void ext_crl_reason(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_crl_reason_decode, xc_crl_reason, b, v);
	FZ_CHECK(o == o2);
	FZ_CHECK(xc_crl_reason_name(o) != NULL);
}

static void ext_invalidity_date(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_invalidity_date_decode, xc_time, b, v);
	FZ_CHECK(o.epoch == o2.epoch && o.tag == o2.tag);
	FZ_CHECK(o.tag == XC_TAG_GENERALIZED_TIME);
	fz_walk_time(&o);
}

static void ext_nonce(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_nonce_decode, xc_slice, b, v);
	SAME_SL(o, o2);
	inside(v, o);
	walk_hex(o);
}

static void walk_display_text(xc_slice outer, const xc_display_text *t)
{
	FZ_CHECK(t->tag == XC_TAG_IA5_STRING || t->tag == XC_TAG_VISIBLE_STRING ||
	         t->tag == XC_TAG_BMP_STRING || t->tag == XC_TAG_UTF8_STRING);
	inside(outer, t->value);
	walk_text(t->tag, t->value);
}

static void walk_qualifiers(const fz_buf *b, const xc_policy_info *pi)
{
	xc_qualifier_iter it;
	xc_notice_number_iter nit;
	xc_qualifier q;
	xc_slice num;
	size_t n = 0, k;
	xc_err e;

	if (!pi->has_qualifiers) {
		FZ_CHECK(pi->qualifier_count == 0);
		return;
	}
	xc_qualifier_iter_init(&it, pi->qualifiers);
	while ((e = xc_qualifier_next(&it, &q)) == XC_OK) {
		FZ_CHECK(n < pi->qualifier_count);
		fz_within(pi->qualifiers, q.oid);
		FZ_CHECK(xc_der_check_oid(q.oid) == XC_OK);
		fz_walk_oid(q.oid);
		switch (q.type) {
		case XC_QUALIFIER_CPS_URI:
			inside(pi->qualifiers, q.cps_uri);
			for (size_t i = 0; i < q.cps_uri.len; i++)
				FZ_CHECK(q.cps_uri.p[i] < 0x80);
			walk_text(XC_TAG_IA5_STRING, q.cps_uri);
			break;
		case XC_QUALIFIER_USER_NOTICE:
			if (q.has_notice_ref) {
				walk_display_text(pi->qualifiers, &q.organization);
				inside(pi->qualifiers, q.notice_numbers);
				k = 0;
				xc_notice_number_iter_init(&nit, q.notice_numbers);
				while ((e = xc_notice_number_next(&nit, &num)) == XC_OK) {
					FZ_CHECK(k < q.notice_number_count);
					fz_within(q.notice_numbers, num);
					walk_uint(b, num);
					k++;
				}
				FZ_CHECK(e == XC_END && k == q.notice_number_count);
			}
			if (q.has_explicit_text)
				walk_display_text(pi->qualifiers, &q.explicit_text);
			break;
		default:
			FZ_CHECK(!"qualifier type");
		}
		n++;
	}
	FZ_CHECK(e == XC_END && n == pi->qualifier_count);
}

static void ext_policies(const fz_buf *b, xc_slice v)
{
	xc_policy_iter it;
	xc_policy_info pi;
	size_t n = 0;
	xc_err e;

	DECODE2(xc_policies_decode, xc_policies, b, v);
	SAME_SL(o.list, o2.list);
	FZ_CHECK(o.count == o2.count);
	inside(v, o.list);
	xc_policy_iter_init(&it, o.list);
	while ((e = xc_policy_next(&it, &pi)) == XC_OK) {
		FZ_CHECK(n < o.count);
		fz_within(o.list, pi.oid);
		FZ_CHECK(xc_der_check_oid(pi.oid) == XC_OK);
		fz_walk_oid(pi.oid);
		inside(o.list, pi.qualifiers);
		walk_qualifiers(b, &pi);
		n++;
	}
	FZ_CHECK(e == XC_END && n == o.count);
}

static void ext_dps(const fz_buf *b, xc_slice v)
{
	xc_dp_iter it;
	xc_dp dp;
	size_t n = 0;
	xc_err e;

	DECODE2(xc_dps_decode, xc_dps, b, v);
	SAME_SL(o.list, o2.list);
	FZ_CHECK(o.count == o2.count);
	inside(v, o.list);
	xc_dp_iter_init(&it, o.list);
	while ((e = xc_dp_next(&it, &dp)) == XC_OK) {
		FZ_CHECK(n < o.count);
		walk_dp_name(b, o.list, &dp.name);
		if (dp.has_reasons)
			walk_reasons(dp.reasons);
		inside(o.list, dp.crl_issuer);
		if (dp.has_crl_issuer)
			walk_gns(b, dp.crl_issuer, dp.crl_issuer_count);
		else
			FZ_CHECK(dp.crl_issuer_count == 0);
		n++;
	}
	FZ_CHECK(e == XC_END && n == o.count);
}

static void ext_idp(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_idp_decode, xc_idp, b, v);
	FZ_CHECK(o.name.type == o2.name.type);
	SAME_SL(o.name.full_name, o2.name.full_name);
	SAME_SL(o.name.relative_name, o2.name.relative_name);
	FZ_CHECK(o.only_contains_user_certs + o.only_contains_ca_certs +
	         o.indirect_crl + o.only_contains_attribute_certs <= 1);
	walk_dp_name(b, v, &o.name);
	if (o.has_only_some_reasons)
		walk_reasons(o.only_some_reasons);
}

static void walk_subtrees(const fz_buf *b, xc_slice v, xc_slice list, size_t count)
{
	xc_subtree_iter it;
	xc_gn g;
	size_t n = 0;
	xc_err e;

	if (!list.p) {
		FZ_CHECK(count == 0);
		return;
	}
	inside(v, list);
	FZ_CHECK(count >= 1);
	xc_subtree_iter_init(&it, list);
	while ((e = xc_subtree_next(&it, &g)) == XC_OK) {
		FZ_CHECK(n < count);
		walk_gn(b, list, &g, true);
		n++;
	}
	FZ_CHECK(e == XC_END && n == count);
}

static void ext_nc(const fz_buf *b, xc_slice v)
{
	DECODE2(xc_nc_decode, xc_nc, b, v);
	SAME_SL(o.permitted, o2.permitted);
	SAME_SL(o.excluded, o2.excluded);
	FZ_CHECK(o.permitted.p || o.excluded.p);
	walk_subtrees(b, v, o.permitted, o.permitted_count);
	walk_subtrees(b, v, o.excluded, o.excluded_count);
}

static void ext_aia(const fz_buf *b, xc_slice v)
{
	xc_aia_iter it;
	xc_access_desc ad;
	size_t n = 0;
	xc_err e;

	DECODE2(xc_aia_decode, xc_aia, b, v);
	SAME_SL(o.list, o2.list);
	FZ_CHECK(o.count == o2.count);
	inside(v, o.list);
	xc_aia_iter_init(&it, o.list);
	while ((e = xc_aia_next(&it, &ad)) == XC_OK) {
		FZ_CHECK(n < o.count);
		fz_within(o.list, ad.method);
		FZ_CHECK(xc_der_check_oid(ad.method) == XC_OK);
		fz_walk_oid(ad.method);
		walk_gn(b, o.list, &ad.location, false);
		n++;
	}
	FZ_CHECK(e == XC_END && n == o.count);
}

static void walk_scts(const fz_buf *b, xc_slice v, xc_sct_entry_type t)
{
	xc_scts o, o2;
	xc_sct_iter it;
	xc_sct s;
	size_t off = SIZE_MAX, off2 = SIZE_MAX, n = 0;
	xc_err e, e2;

	memset(&o, 0, sizeof(o));
	memset(&o2, 0xa5, sizeof(o2));
	e = xc_scts_decode(&o, v, t, b->p, &off);
	e2 = xc_scts_decode(&o2, v, t, b->p, &off2);
	if (!decoded(b, v, e, e2, off, off2))
		return;
	SAME_SL(o.list, o2.list);
	FZ_CHECK(o.count == o2.count && o.entry_type == t && o2.entry_type == t);
	inside(v, o.list);
	xc_sct_iter_init(&it, &o);
	while ((e = xc_sct_next(&it, &s)) == XC_OK) {
		FZ_CHECK(n < o.count);
		fz_within(o.list, s.raw);
		fz_within(s.raw, s.log_id);
		inside(s.raw, s.extensions);
		inside(s.raw, s.signature);
		FZ_CHECK(s.version == 0);
		FZ_CHECK(s.log_id.len == XC_SCT_LOG_ID_LEN);
		FZ_CHECK(s.entry_type == t);
		FZ_CHECK(xc_sct_hash_name(s.hash_alg) != NULL);
		FZ_CHECK(xc_sct_sig_name(s.sig_alg) != NULL);
		FZ_CHECK(xc_sct_entry_type_name(s.entry_type) != NULL);
		walk_hex(s.log_id);
		walk_hex(s.extensions);
		walk_hex(s.signature);
		n++;
	}
	FZ_CHECK(e == XC_END && n == o.count);
	FZ_CHECK(xc_sct_hash_name(0) == NULL && xc_sct_sig_name(0) == NULL);
}

static void ext_precert_scts(const fz_buf *b, xc_slice v)
{
	walk_scts(b, v, XC_SCT_PRECERTIFICATE);
}

static void ext_scts(const fz_buf *b, xc_slice v)
{
	walk_scts(b, v, XC_SCT_X509_CERTIFICATE);
}

/*
 * Every decoder, by OID. pyca decodes some types only in some places (a
 * CRL's set, an entry's, a certificate's: tools/certdump.c); the fuzzers
 * ignore the place and run a type's decoder wherever its OID appears, since
 * a decoder must hold up on any bytes.
 */
static const struct ext_walker {
	xc_oid_id id;
	void (*walk)(const fz_buf *b, xc_slice value);
} ext_walkers[] = {
	{ XC_OID_BASIC_CONSTRAINTS, ext_bc },
	{ XC_OID_KEY_USAGE, ext_ku },
	{ XC_OID_EXTENDED_KEY_USAGE, ext_eku },
	{ XC_OID_SUBJECT_KEY_IDENTIFIER, ext_ski },
	{ XC_OID_AUTHORITY_KEY_IDENTIFIER, ext_aki },
	{ XC_OID_SUBJECT_ALTERNATIVE_NAME, ext_alt_names },
	{ XC_OID_ISSUER_ALTERNATIVE_NAME, ext_alt_names },
	{ XC_OID_CERTIFICATE_ISSUER, ext_alt_names },
	{ XC_OID_POLICY_CONSTRAINTS, ext_policy_constraints },
	{ XC_OID_INHIBIT_ANY_POLICY, ext_inhibit_any_policy },
	{ XC_OID_OCSP_NO_CHECK, ext_null },
	{ XC_OID_PRECERT_POISON, ext_null },
	{ XC_OID_TLS_FEATURE, ext_tls_feature },
	{ XC_OID_CRL_NUMBER, ext_crl_number },
	{ XC_OID_DELTA_CRL_INDICATOR, ext_crl_number },
	{ XC_OID_CRL_REASON, ext_crl_reason },
	{ XC_OID_INVALIDITY_DATE, ext_invalidity_date },
	{ XC_OID_NONCE, ext_nonce },
	{ XC_OID_CERTIFICATE_POLICIES, ext_policies },
	{ XC_OID_CRL_DISTRIBUTION_POINTS, ext_dps },
	{ XC_OID_FRESHEST_CRL, ext_dps },
	{ XC_OID_ISSUING_DISTRIBUTION_POINT, ext_idp },
	{ XC_OID_NAME_CONSTRAINTS, ext_nc },
	{ XC_OID_AUTHORITY_INFORMATION_ACCESS, ext_aia },
	{ XC_OID_SUBJECT_INFORMATION_ACCESS, ext_aia },
	{ XC_OID_PRECERT_SIGNED_CERTIFICATE_TIMESTAMPS, ext_precert_scts },
	{ XC_OID_SIGNED_CERTIFICATE_TIMESTAMPS, ext_scts },
};

/* See fuzz.h. */
void fz_walk_ext_value(const fz_buf *b, const xc_ext *x)
{
	xc_oid_id id = xc_oid_lookup(x->oid);

	if (id == XC_OID_UNKNOWN)
		return;
	for (size_t i = 0; i < sizeof(ext_walkers) / sizeof(ext_walkers[0]); i++)
		if (ext_walkers[i].id == id)
			ext_walkers[i].walk(b, x->value);
}

/*
 * xc_ext_find_duplicate against a quadratic reference: XC_NOT_FOUND exactly
 * when no OID repeats, otherwise the FIRST extension in block order whose
 * OID appeared earlier, the one pyca's DuplicateExtension names ([A, B, B,
 * A] gives the second B).
 */
static void walk_duplicate(xc_slice exts, size_t count)
{
	xc_ext_iter it, it2;
	xc_ext x, y, dup, dup2;
	bool found = false, dup_ok = false;
	xc_err e;

	memset(&dup, 0, sizeof(dup));
	memset(&dup2, 0, sizeof(dup2));
	e = xc_ext_find_duplicate(exts, &dup);
	FZ_CHECK(e == XC_OK || e == XC_NOT_FOUND);
	FZ_CHECK(xc_ext_find_duplicate(exts, &dup2) == e);
	if (e == XC_OK) {
		fz_within(exts, dup.raw);
		FZ_CHECK(dup.raw.p == dup2.raw.p);
	}
	/* The reference is quadratic too, but in the walker's own loops:
	 * keep it to blocks a certificate might really have. */
	if (count > 256)
		return;
	xc_ext_iter_init(&it, exts);
	while (xc_ext_next(&it, &x) == XC_OK) {
		bool earlier = false;

		xc_ext_iter_init(&it2, exts);
		while (xc_ext_next(&it2, &y) == XC_OK && y.raw.p < x.raw.p)
			if (xc_slice_eq(y.oid, x.oid)) {
				earlier = true;
				break;
			}
		/* The first later occurrence is the answer. */
		if (earlier && !found && e == XC_OK)
			FZ_CHECK(x.raw.p == dup.raw.p);
		found |= earlier;
		if (e == XC_OK && x.raw.p == dup.raw.p) {
			FZ_CHECK(earlier);
			FZ_CHECK(dup.raw.len == x.raw.len && dup.value.p == x.value.p &&
			         dup.value.len == x.value.len && dup.critical == x.critical);
			SAME_SL(dup.oid, x.oid);
			dup_ok = true;
		}
	}
	FZ_CHECK(found == (e == XC_OK));
	FZ_CHECK(dup_ok == (e == XC_OK));
}

/* See fuzz.h. */
xc_err fz_ext_decode(xc_oid_id id, xc_slice v)
{
	union {
		xc_bc bc;
		xc_ku ku;
		xc_eku eku;
		xc_ski ski;
		xc_aki aki;
		xc_alt_names an;
		xc_nc nc;
		xc_dps dps;
		xc_aia aia;
		xc_policies pol;
		xc_policy_constraints pc;
		xc_inhibit_any_policy iap;
		xc_tls_feature tf;
		xc_crl_number cn;
		xc_idp idp;
	} u;

	switch (id) {
	case XC_OID_BASIC_CONSTRAINTS: return xc_bc_decode(&u.bc, v, NULL, NULL);
	case XC_OID_KEY_USAGE: return xc_ku_decode(&u.ku, v, NULL, NULL);
	case XC_OID_EXTENDED_KEY_USAGE: return xc_eku_decode(&u.eku, v, NULL, NULL);
	case XC_OID_SUBJECT_KEY_IDENTIFIER: return xc_ski_decode(&u.ski, v, NULL, NULL);
	case XC_OID_AUTHORITY_KEY_IDENTIFIER: return xc_aki_decode(&u.aki, v, NULL, NULL);
	case XC_OID_SUBJECT_ALTERNATIVE_NAME:
	case XC_OID_ISSUER_ALTERNATIVE_NAME: return xc_alt_names_decode(&u.an, v, NULL, NULL);
	case XC_OID_NAME_CONSTRAINTS: return xc_nc_decode(&u.nc, v, NULL, NULL);
	case XC_OID_CRL_DISTRIBUTION_POINTS:
	case XC_OID_FRESHEST_CRL: return xc_dps_decode(&u.dps, v, NULL, NULL);
	case XC_OID_AUTHORITY_INFORMATION_ACCESS:
	case XC_OID_SUBJECT_INFORMATION_ACCESS: return xc_aia_decode(&u.aia, v, NULL, NULL);
	case XC_OID_CERTIFICATE_POLICIES: return xc_policies_decode(&u.pol, v, NULL, NULL);
	case XC_OID_POLICY_CONSTRAINTS: return xc_policy_constraints_decode(&u.pc, v, NULL, NULL);
	case XC_OID_INHIBIT_ANY_POLICY: return xc_inhibit_any_policy_decode(&u.iap, v, NULL, NULL);
	case XC_OID_OCSP_NO_CHECK:
	case XC_OID_PRECERT_POISON: return xc_null_ext_decode(v, NULL, NULL);
	case XC_OID_TLS_FEATURE: return xc_tls_feature_decode(&u.tf, v, NULL, NULL);
	case XC_OID_CRL_NUMBER:
	case XC_OID_DELTA_CRL_INDICATOR: return xc_crl_number_decode(&u.cn, v, NULL, NULL);
	case XC_OID_ISSUING_DISTRIBUTION_POINT: return xc_idp_decode(&u.idp, v, NULL, NULL);
	default: return XC_OK;
	}
}
