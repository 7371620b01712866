/*
 * verify_dsa.c - DSA verification (FIPS 186-4 4.7) on wolfCrypt's
 * fixed-size integers, on the stack.
 *
 * wolfCrypt 5.5's wc_DsaVerify reads only the first 20 bytes of the
 * digest (SHA-1 sized), so DSA with SHA-224/SHA-256 and a 224- or 256-bit
 * q would fail; the few lines of arithmetic are done here instead, with
 * the digest truncated to q's length as 4.6 says.
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/types.h>
#include <wolfssl/wolfcrypt/integer.h>

#include "inner.h"
#include "verify_inner.h"

/* Reads big-endian bytes (an INTEGER without its sign octet, or a
 * digest) into a; false if it does not fit. */
static bool load(mp_int *a, xc_slice v)
{
	while (v.len > 1 && v.p[0] == 0) {
		v.p++;
		v.len--;
	}
	if (v.len > SP_INT_BITS / 8)
		return false;
	return mp_read_unsigned_bin(a, v.p, (word32)v.len) == MP_OKAY;
}

/* 0 < a < m (and, with one set, 1 < a: g and y of 0 or 1 make every
 * signature or none verify). */
static bool in_range(mp_int *a, mp_int *m, bool above_one)
{
	return mp_cmp_d(a, above_one ? 1 : 0) == MP_GT && mp_cmp(a, m) == MP_LT;
}

/* verify_inner.h */
xc_verify_result xc__verify_dsa(const xc_spki *key, const uint8_t *digest,
				size_t dlen, xc_slice sig)
{
	mp_int p, q, g, y, r, s, w, u1, u2, v;
	xc_slice rs, ss, z;
	xc_verify_result res = XC_VERIFY_INVALID;
	size_t qlen;

	/* Parameters inherited from the issuer (RFC 3279 2.3.2) must have
	 * been filled in already (xc_spki_inherit(), xc_verify_inherit()):
	 * this key alone cannot say which they are. */
	if (!key->dsa_p.p || !key->dsa_q.p || !key->dsa_g.p || !key->dsa_y.p)
		return XC_VERIFY_UNSUPPORTED;
	if (!xc__sig_rs(sig, &rs, &ss))
		return XC_VERIFY_BAD_SIG;
	if (mp_init_multi(&p, &q, &g, &y, &r, &s) != MP_OKAY ||
	    mp_init_multi(&w, &u1, &u2, &v, NULL, NULL) != MP_OKAY)
		return XC_VERIFY_ERROR;
	if (!load(&p, key->dsa_p) || !load(&q, key->dsa_q) || !load(&g, key->dsa_g) ||
	    !load(&y, key->dsa_y)) {
		res = XC_VERIFY_UNSUPPORTED;
		goto done;
	}
	if (mp_iszero(&q) || !in_range(&g, &p, true) || !in_range(&y, &p, true) ||
	    mp_count_bits(&q) % 8 != 0) {
		res = XC_VERIFY_BAD_KEY;
		goto done;
	}
	qlen = (size_t)mp_count_bits(&q) / 8;
	if (!load(&r, rs) || !load(&s, ss) || !in_range(&r, &q, false) ||
	    !in_range(&s, &q, false))
		goto done;
	/* z: the leftmost min(N, outlen) bits of the digest (4.6); q is a
	 * whole number of bytes (checked above), so bytes suffice. */
	z = xc_slice_make(digest, dlen < qlen ? dlen : qlen);
	if (!load(&u1, z) ||
	    mp_invmod(&s, &q, &w) != MP_OKAY ||
	    mp_mulmod(&u1, &w, &q, &u1) != MP_OKAY ||
	    mp_mulmod(&r, &w, &q, &u2) != MP_OKAY ||
	    mp_exptmod(&g, &u1, &p, &w) != MP_OKAY ||
	    mp_exptmod(&y, &u2, &p, &v) != MP_OKAY ||
	    mp_mulmod(&w, &v, &p, &v) != MP_OKAY ||
	    mp_mod(&v, &q, &v) != MP_OKAY) {
		res = XC_VERIFY_ERROR;
		goto done;
	}
	if (mp_cmp(&v, &r) == MP_EQ)
		res = XC_VERIFY_VALID;
done:
	mp_clear(&p);
	mp_clear(&q);
	mp_clear(&g);
	mp_clear(&y);
	mp_clear(&r);
	mp_clear(&s);
	mp_clear(&w);
	mp_clear(&u1);
	mp_clear(&u2);
	mp_clear(&v);
	return res;
}
