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
