/*
 * verify_ec.c - ECDSA verification (SEC 1 4.1.4, RFC 5758 3.2) with
 * wolfCrypt; the ecc_key lives on the stack.
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/ecc.h>

#include "inner.h"
#include "verify_inner.h"

/* The named curves and wolfCrypt's ids for them. Curves this wolfSSL
 * build lacks (secp256k1 and Brainpool need --enable-ecccustcurves=all)
 * are left out, so their keys verify as UNSUPPORTED. */
static const struct {
	xc_oid_id oid;
	int wc;
} curves[] = {
	{ XC_OID_SECP224R1, ECC_SECP224R1 },
	{ XC_OID_SECP256R1, ECC_SECP256R1 },
	{ XC_OID_SECP384R1, ECC_SECP384R1 },
	{ XC_OID_SECP521R1, ECC_SECP521R1 },
#ifdef HAVE_ECC_KOBLITZ
	{ XC_OID_SECP256K1, ECC_SECP256K1 },
#endif
#ifdef HAVE_ECC_BRAINPOOL
	{ XC_OID_BRAINPOOLP256R1, ECC_BRAINPOOLP256R1 },
	{ XC_OID_BRAINPOOLP384R1, ECC_BRAINPOOLP384R1 },
	{ XC_OID_BRAINPOOLP512R1, ECC_BRAINPOOLP512R1 },
#endif
};

/* verify_inner.h */
xc_verify_result xc__verify_ecdsa(const xc_spki *key, const uint8_t *digest,
				  size_t dlen, xc_slice sig)
{
	ecc_key ec;
	xc_slice r, s;
	xc_verify_result res = XC_VERIFY_INVALID;
	int wc = ECC_CURVE_INVALID, ok = 0;

	for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++)
		if (curves[i].oid == key->curve)
			wc = curves[i].wc;
	if (wc == ECC_CURVE_INVALID)
		return XC_VERIFY_UNSUPPORTED;
	/* Compressed points (SEC 1 2.3.3) need wolfSSL's HAVE_COMP_KEY,
	 * which this build lacks: not the key's fault. */
	if (key->ec_point.len && (key->ec_point.p[0] == 0x02 || key->ec_point.p[0] == 0x03))
		return XC_VERIFY_UNSUPPORTED;
	/* wolfCrypt's own DER reader is more lenient than DER (it is the
	 * BER-ish Wycheproof vectors that must fail), so the encoding is
	 * checked here first; wolfCrypt then reads what is strict DER. */
	if (!xc__sig_rs(sig, &r, &s))
		return XC_VERIFY_BAD_SIG;
	if (wc_ecc_init_ex(&ec, NULL, INVALID_DEVID) != 0)
		return XC_VERIFY_ERROR;
	if (wc_ecc_import_x963_ex(key->ec_point.p, (word32)key->ec_point.len, &ec, wc) != 0) {
		res = XC_VERIFY_BAD_KEY;
		goto done;
	}
	if (wc_ecc_verify_hash(sig.p, (word32)sig.len, digest, (word32)dlen, &ok, &ec) == 0 &&
	    ok == 1)
		res = XC_VERIFY_VALID;
done:
	wc_ecc_free(&ec);
	return res;
}
