/*
 * verify_ec.c - ECDSA verification (SEC 1 4.1.4, RFC 5758 3.2) with
 * wolfCrypt; the ecc_key, and every point and integer, live on the stack.
 *
 * P-256, P-384 and P-521 go to wolfCrypt's SP code, which is heap-free.
 * The other curves (P-224, secp256k1, Brainpool) have no SP code, and
 * wolfCrypt's generic verify allocates its Shamir table (ecc_mul2add: two
 * buffers and 16 points, ~20 XMALLOCs a call). For those the core does
 * SEC 1 4.1.4 itself on wolfCrypt's exported mp_int and Jacobian point
 * primitives (WOLFSSL_PUBLIC_ECC_ADD_DBL in the project's build), with a
 * four-entry table: nothing allocates. With a wolfSSL that does not export
 * them (Debian's), the generic curves fall back to wolfCrypt's verify.
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/ecc.h>

#include "inner.h"
#include "verify_inner.h"

#if defined(WOLFSSL_PUBLIC_ECC_ADD_DBL) && defined(WOLFSSL_PUBLIC_MP) && \
	!defined(WOLFSSL_SP_MATH)
#define XC_EC_GENERIC 1
#else
#define XC_EC_GENERIC 0
#endif

/* The named curves and wolfCrypt's ids for them; `sp` marks the curves
 * wolfCrypt's heap-free SP code verifies. Curves this wolfSSL build lacks
 * (secp256k1 and Brainpool need --enable-ecccustcurves=all) are left out,
 * so their keys verify as UNSUPPORTED. */
static const struct {
	xc_oid_id oid;
	int wc;
	bool sp;
} curves[] = {
	{ XC_OID_SECP224R1, ECC_SECP224R1, false },
#if defined(WOLFSSL_HAVE_SP_ECC) && !defined(WOLFSSL_SP_NO_256)
	{ XC_OID_SECP256R1, ECC_SECP256R1, true },
#else
	{ XC_OID_SECP256R1, ECC_SECP256R1, false },
#endif
#if defined(WOLFSSL_HAVE_SP_ECC) && defined(WOLFSSL_SP_384)
	{ XC_OID_SECP384R1, ECC_SECP384R1, true },
#else
	{ XC_OID_SECP384R1, ECC_SECP384R1, false },
#endif
#if defined(WOLFSSL_HAVE_SP_ECC) && defined(WOLFSSL_SP_521)
	{ XC_OID_SECP521R1, ECC_SECP521R1, true },
#else
	{ XC_OID_SECP521R1, ECC_SECP521R1, false },
#endif
#ifdef HAVE_ECC_KOBLITZ
	{ XC_OID_SECP256K1, ECC_SECP256K1, false },
#endif
#ifdef HAVE_ECC_BRAINPOOL
	{ XC_OID_BRAINPOOLP256R1, ECC_BRAINPOOLP256R1, false },
	{ XC_OID_BRAINPOOLP384R1, ECC_BRAINPOOLP384R1, false },
	{ XC_OID_BRAINPOOLP512R1, ECC_BRAINPOOLP512R1, false },
#endif
};

#if XC_EC_GENERIC

/* The curve's domain parameters as integers (wolfCrypt keeps them as hex
 * strings in its ecc_sets table). */
typedef struct ec_curve {
	mp_int p, a, n;
	mp_digit mp;            /* Montgomery constant of p */
} ec_curve;

/* The point at infinity, as wolfCrypt's "safe" add and double mark it. */
static bool is_infinity(const ecc_point *pt)
{
	return mp_iszero(pt->x) && mp_iszero(pt->y);
}

/* Copies an affine point into Montgomery form (what the Jacobian
 * primitives work in); mu is R mod p. */
static int to_mont(ecc_point *out, mp_int *x, mp_int *y, mp_int *mu, ec_curve *c)
{
	int err;

	err = mp_mulmod(x, mu, &c->p, out->x);
	if (err == MP_OKAY)
		err = mp_mulmod(y, mu, &c->p, out->y);
	if (err == MP_OKAY)
		err = mp_copy(mu, out->z);  /* 1 in Montgomery form */
	return err;
}

/* u1*G + u2*Q by Shamir's trick (one doubling a bit, an addition from
 * the table {G, Q, G+Q} where a bit of either is set), then mapped back to
 * affine; *inf tells the point at infinity. Public data only: verify needs
 * no constant time. t[0..2] are the caller's (G, Q, G+Q) in Montgomery form. */
static XC_NOINLINE int mul2add(ecc_point *r, ecc_point t[3], mp_int *u1, mp_int *u2,
			       ec_curve *c, bool *inf)
{
	int bits1 = mp_count_bits(u1), bits2 = mp_count_bits(u2);
	int bits = bits1 > bits2 ? bits1 : bits2;
	int err, infinity = 0;

	err = ecc_projective_add_point_safe(&t[0], &t[1], &t[2], &c->a, &c->p, c->mp,
					    &infinity);
	if (err == MP_OKAY)
		err = mp_set(r->x, 0);
	if (err == MP_OKAY)
		err = mp_set(r->y, 0);
	if (err == MP_OKAY)
		err = mp_set(r->z, 1);
	for (int i = bits - 1; err == MP_OKAY && i >= 0; i--) {
		int idx = (mp_is_bit_set(u1, i) ? 1 : 0) | (mp_is_bit_set(u2, i) ? 2 : 0);

		err = ecc_projective_dbl_point_safe(r, r, &c->a, &c->p, c->mp);
		if (err == MP_OKAY && idx) {
			/* G + Q at infinity (Q = -G) leaves t[2] the infinity
			 * mark, which the safe add copies through. */
			err = ecc_projective_add_point_safe(r, &t[idx - 1], r, &c->a, &c->p,
							    c->mp, NULL);
		}
	}
	*inf = true;
	if (err == MP_OKAY && !is_infinity(r) && !mp_iszero(r->z)) {
		*inf = false;
		err = ecc_map(r, &c->p, c->mp);
	}
	return err;
}

/* SEC 1 4.1.4 steps 2-8 for the key ec (imported and checked on the
 * curve): r and s in [1, n-1], e the digest's leftmost bits of n's
 * length, (x1, y1) = e/s*G + r/s*Q, valid if x1 mod n equals r. */
static XC_NOINLINE xc_verify_result ecdsa_generic(ecc_key *ec, const uint8_t *digest,
						  size_t dlen, xc_slice rs, xc_slice ss)
{
	ec_curve c;
	ecc_point t[3], x;
	mp_int r, s, e, w, u1, u2, mu;
	const ecc_set_type *dp = ec->dp;
	xc_verify_result res = XC_VERIFY_INVALID;
	bool inf = true;
	int err, nbits;

	if (mp_init_multi(&c.p, &c.a, &c.n, &r, &s, &e) != MP_OKAY ||
	    mp_init_multi(&w, &u1, &u2, &mu, t[0].x, t[0].y) != MP_OKAY ||
	    mp_init_multi(t[0].z, t[1].x, t[1].y, t[1].z, t[2].x, t[2].y) != MP_OKAY ||
	    mp_init_multi(t[2].z, x.x, x.y, x.z, NULL, NULL) != MP_OKAY)
		return XC_VERIFY_ERROR;
	err = mp_read_radix(&c.p, dp->prime, MP_RADIX_HEX);
	if (err == MP_OKAY)
		err = mp_read_radix(&c.a, dp->Af, MP_RADIX_HEX);
	if (err == MP_OKAY)
		err = mp_read_radix(&c.n, dp->order, MP_RADIX_HEX);
	if (err == MP_OKAY)
		err = mp_montgomery_setup(&c.p, &c.mp);
	if (err != MP_OKAY)
		goto error;

	/* Step 1: r and s in [1, n-1]; anything longer than n cannot be. */
	if (rs.len > MAX_ECC_BYTES || ss.len > MAX_ECC_BYTES)
		goto done;
	if (mp_read_unsigned_bin(&r, rs.p, (word32)rs.len) != MP_OKAY ||
	    mp_read_unsigned_bin(&s, ss.p, (word32)ss.len) != MP_OKAY)
		goto error;
	if (mp_iszero(&r) || mp_iszero(&s) || mp_cmp(&r, &c.n) != MP_LT ||
	    mp_cmp(&s, &c.n) != MP_LT)
		goto done;

	/* Steps 2-3: e from the leftmost bits of the digest (4.1.4 step 3 and
	 * 4.1.3 step 5). */
	nbits = mp_count_bits(&c.n);
	if (dlen * 8 > (size_t)nbits)
		dlen = ((size_t)nbits + 7) / 8;
	err = mp_read_unsigned_bin(&e, digest, (word32)dlen);
	if (err == MP_OKAY && dlen * 8 > (size_t)nbits)
		err = mp_rshb(&e, (int)(dlen * 8 - (size_t)nbits));

	/* Step 4: u1 = e/s, u2 = r/s mod n. */
	if (err == MP_OKAY)
		err = mp_invmod(&s, &c.n, &w);
	if (err == MP_OKAY)
		err = mp_mulmod(&e, &w, &c.n, &u1);
	if (err == MP_OKAY)
		err = mp_mulmod(&r, &w, &c.n, &u2);

	/* Step 5: the table in Montgomery form; G from the curve, Q the key. */
	if (err == MP_OKAY)
		err = mp_montgomery_calc_normalization(&mu, &c.p);
	if (err == MP_OKAY)
		err = mp_read_radix(&e, dp->Gx, MP_RADIX_HEX);
	if (err == MP_OKAY)
		err = mp_read_radix(&w, dp->Gy, MP_RADIX_HEX);
	if (err == MP_OKAY)
		err = to_mont(&t[0], &e, &w, &mu, &c);
	if (err == MP_OKAY)
		err = to_mont(&t[1], ec->pubkey.x, ec->pubkey.y, &mu, &c);
	if (err == MP_OKAY)
		err = mul2add(&x, t, &u1, &u2, &c, &inf);
	if (err != MP_OKAY)
		goto error;

	/* Steps 6-8: not the point at infinity, x1 mod n == r. */
	if (!inf && mp_mod(x.x, &c.n, &w) == MP_OKAY && mp_cmp(&w, &r) == MP_EQ)
		res = XC_VERIFY_VALID;
	goto done;
error:
	res = XC_VERIFY_ERROR;
done:
	mp_clear(&c.p);
	mp_clear(&c.a);
	mp_clear(&c.n);
	mp_clear(&r);
	mp_clear(&s);
	mp_clear(&e);
	mp_clear(&w);
	mp_clear(&u1);
	mp_clear(&u2);
	mp_clear(&mu);
	for (int i = 0; i < 3; i++) {
		mp_clear(t[i].x);
		mp_clear(t[i].y);
		mp_clear(t[i].z);
	}
	mp_clear(x.x);
	mp_clear(x.y);
	mp_clear(x.z);
	return res;
}

#endif /* XC_EC_GENERIC */

/* verify_inner.h */
xc_verify_result xc__verify_ecdsa(const xc_spki *key, const uint8_t *digest,
				  size_t dlen, xc_slice sig)
{
	ecc_key ec;
	xc_slice r, s;
	xc_verify_result res = XC_VERIFY_INVALID;
	int wc = ECC_CURVE_INVALID, ok = 0;
	bool sp = false;

	for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++)
		if (curves[i].oid == key->curve) {
			wc = curves[i].wc;
			sp = curves[i].sp;
		}
	if (wc == ECC_CURVE_INVALID)
		return XC_VERIFY_UNSUPPORTED;
#ifndef HAVE_COMP_KEY
	/* Compressed points (SEC 1 2.3.4) need wolfSSL's HAVE_COMP_KEY: a
	 * wolfSSL without it cannot read them, not the key's fault. */
	if (key->ec_point.len && (key->ec_point.p[0] == 0x02 || key->ec_point.p[0] == 0x03))
		return XC_VERIFY_UNSUPPORTED;
#endif
	/* wolfCrypt's own DER reader is more lenient than DER (it is the
	 * BER-ish Wycheproof vectors that must fail), so the encoding is
	 * checked here first; wolfCrypt then reads what is strict DER. */
	if (!xc__sig_rs(sig, &r, &s))
		return XC_VERIFY_BAD_SIG;
	if (wc_ecc_init_ex(&ec, NULL, INVALID_DEVID) != 0)
		return XC_VERIFY_ERROR;
	/* The import decompresses a compressed point without checking it
	 * (nor x < p); the SP verify does not check the point either: a key
	 * off its curve is malformed, whatever the signature. */
	if (wc_ecc_import_x963_ex(key->ec_point.p, (word32)key->ec_point.len, &ec, wc) != 0 ||
	    wc_ecc_point_is_on_curve(&ec.pubkey, ec.idx) != 0) {
		res = XC_VERIFY_BAD_KEY;
		goto done;
	}
#if XC_EC_GENERIC
	if (!sp) {
		res = ecdsa_generic(&ec, digest, dlen, r, s);
		goto done;
	}
#else
	(void)sp;
#endif
	if (wc_ecc_verify_hash(sig.p, (word32)sig.len, digest, (word32)dlen, &ok, &ec) == 0 &&
	    ok == 1)
		res = XC_VERIFY_VALID;
done:
	wc_ecc_free(&ec);
	return res;
}
