/*
 * verify.c - signature verification: the algorithm is checked against the
 * key, the message hashed, and the work handed to the file for that
 * primitive (verify_rsa.c, verify_ec.c, verify_ed.c, verify_dsa.c).
 */
#include "inner.h"
#include "verify_inner.h"

/* xc/verify.h */
const char *xc_verify_result_name(xc_verify_result r)
{
	switch (r) {
#define XC_VERIFY_NAME(name) case XC_VERIFY_##name: return #name;
	XC_VERIFY_RESULTS(XC_VERIFY_NAME)
#undef XC_VERIFY_NAME
	}
	return "UNKNOWN";
}

/* Which key types an algorithm may run with: PSS runs with a plain RSA
 * key too (RFC 4055 allows rsaEncryption keys for PSS), but a key
 * restricted to PSS must not sign PKCS#1 v1.5. */
static bool key_fits(const xc_sigalg *sa, xc_key_type key)
{
	if (sa->id == XC_OID_RSASSA_PSS)
		return key == XC_KEY_RSA || key == XC_KEY_RSA_PSS;
	return sa->key == key;
}

/* Where an empty slice with no pointer points instead. */
static const uint8_t nothing[1];

/* xc/verify.h */
xc_verify_result xc_verify_key(const xc_algid *alg, xc_slice msg, xc_slice sig,
			       const xc_spki *key)
{
	xc_sigalg sa;
	uint8_t digest[XC_HASH_MAX];
	size_t dlen = 0;
	xc_err e;

	if (!alg || !key || (!msg.p && msg.len) || (!sig.p && sig.len))
		return XC_VERIFY_ERROR;
	/* wolfCrypt refuses a NULL pointer even for no bytes, and an empty
	 * message is a message (Ed25519 signs them too). */
	if (!msg.p)
		msg.p = nothing;
	if (!sig.p)
		sig.p = nothing;
	e = xc_sigalg_decode(alg, &sa);
	if (e == XC_ERR_UNSUPPORTED)
		return XC_VERIFY_UNSUPPORTED;
	if (e != XC_OK)
		return XC_VERIFY_KEY_MISMATCH;
	if (!key_fits(&sa, key->type))
		return XC_VERIFY_KEY_MISMATCH;

	if (sa.key == XC_KEY_ED25519)
		return xc__verify_ed25519(key, msg, sig);
	if (sa.key == XC_KEY_ED448)
		return xc__verify_ed448(key, msg, sig);

	/* Every other algorithm signs a digest. */
	if (sa.hash == XC_HASH_NONE)
		return XC_VERIFY_UNSUPPORTED;
	dlen = xc_hash_size(sa.hash);
	e = xc_fingerprint(sa.hash, msg, digest, sizeof digest);
	if (e == XC_ERR_UNSUPPORTED)
		return XC_VERIFY_UNSUPPORTED;
	if (e != XC_OK)
		return XC_VERIFY_ERROR;

	switch (sa.key) {
	case XC_KEY_RSA:
		if (sa.id == XC_OID_RSASSA_PSS)
			return xc__verify_rsa_pss(key, &sa.pss, digest, sig);
		return xc__verify_rsa_pkcs1(key, sa.hash, digest, sig);
	case XC_KEY_EC:
		return xc__verify_ecdsa(key, digest, dlen, sig);
	case XC_KEY_DSA:
		return xc__verify_dsa(key, digest, dlen, sig);
	case XC_KEY_UNKNOWN:
	case XC_KEY_RSA_PSS:
	case XC_KEY_ED25519:
	case XC_KEY_ED448:
	case XC_KEY_X25519:
	case XC_KEY_X448:
	case XC_KEY_DH:
		break;
	}
	return XC_VERIFY_UNSUPPORTED;
}

/* xc/verify.h */
xc_verify_result xc_verify(const xc_algid *alg, xc_slice msg, xc_slice sig,
			   xc_slice spki_raw)
{
	xc_spki key;
	size_t off;
	xc_err e;

	e = xc_spki_parse(&key, spki_raw, spki_raw.p, &off);
	if (e == XC_ERR_UNSUPPORTED)
		return XC_VERIFY_UNSUPPORTED;
	if (e != XC_OK)
		return XC_VERIFY_BAD_KEY;
	return xc_verify_key(alg, msg, sig, &key);
}

/* xc/verify.h */
xc_verify_result xc_verify_inherit(const xc_algid *alg, xc_slice msg, xc_slice sig,
				   xc_slice spki_raw, xc_slice params_spki)
{
	xc_spki key, from;
	size_t off;
	xc_err e;

	e = xc_spki_parse(&key, spki_raw, spki_raw.p, &off);
	if (e == XC_ERR_UNSUPPORTED)
		return XC_VERIFY_UNSUPPORTED;
	if (e != XC_OK)
		return XC_VERIFY_BAD_KEY;
	if (key.type == XC_KEY_DSA && !key.dsa_p.p && params_spki.len) {
		if (xc_spki_parse(&from, params_spki, params_spki.p, &off) != XC_OK)
			return XC_VERIFY_BAD_KEY;
		if (xc_spki_inherit(&key, &from) != XC_OK)
			return XC_VERIFY_KEY_MISMATCH;
	}
	return xc_verify_key(alg, msg, sig, &key);
}
