/*
 * verify_ed.c - Ed25519 and Ed448 verification (RFC 8032, pure variants
 * with no context, as RFC 8410 uses them) with wolfCrypt; the keys live
 * on the stack.
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/ed25519.h>
#include <wolfssl/wolfcrypt/ed448.h>

#include "inner.h"
#include "verify_inner.h"

/* The group order L = 2^252 + 27742317777372353535851937790883648493,
 * little-endian as signatures store S. */
static const uint8_t ed25519_order[32] = {
	0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2,
	0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
};

/* RFC 8032 5.1.7 step 1 rejects S >= L; wolfCrypt 5.5 only checks the top
 * bits, so S + L would verify (signature malleability). */
static bool s_below_order(const uint8_t *s)
{
	for (size_t i = 32; i-- > 0;) {
		if (s[i] != ed25519_order[i])
			return s[i] < ed25519_order[i];
	}
	return false;
}

/* verify_inner.h */
xc_verify_result xc__verify_ed25519(const xc_spki *key, xc_slice msg, xc_slice sig)
{
	ed25519_key ed;
	xc_verify_result res = XC_VERIFY_INVALID;
	int ok = 0;

	if (key->ec_point.len != ED25519_PUB_KEY_SIZE)
		return XC_VERIFY_BAD_KEY;
	if (sig.len != ED25519_SIG_SIZE)
		return XC_VERIFY_BAD_SIG;
	if (!s_below_order(sig.p + 32))
		return XC_VERIFY_INVALID;
	if (wc_ed25519_init(&ed) != 0)
		return XC_VERIFY_ERROR;
	if (wc_ed25519_import_public(key->ec_point.p, ED25519_PUB_KEY_SIZE, &ed) != 0) {
		res = XC_VERIFY_BAD_KEY;
		goto done;
	}
	if (wc_ed25519_verify_msg(sig.p, ED25519_SIG_SIZE, msg.p, (word32)msg.len,
				  &ok, &ed) == 0 && ok == 1)
		res = XC_VERIFY_VALID;
done:
	wc_ed25519_free(&ed);
	return res;
}

/* verify_inner.h */
xc_verify_result xc__verify_ed448(const xc_spki *key, xc_slice msg, xc_slice sig)
{
	ed448_key ed;
	xc_verify_result res = XC_VERIFY_INVALID;
	int ok = 0;

	if (key->ec_point.len != ED448_PUB_KEY_SIZE)
		return XC_VERIFY_BAD_KEY;
	if (sig.len != ED448_SIG_SIZE)
		return XC_VERIFY_BAD_SIG;
	if (wc_ed448_init(&ed) != 0)
		return XC_VERIFY_ERROR;
	if (wc_ed448_import_public(key->ec_point.p, ED448_PUB_KEY_SIZE, &ed) != 0) {
		res = XC_VERIFY_BAD_KEY;
		goto done;
	}
	if (wc_ed448_verify_msg(sig.p, ED448_SIG_SIZE, msg.p, (word32)msg.len,
				&ok, &ed, NULL, 0) == 0 && ok == 1)
		res = XC_VERIFY_VALID;
done:
	wc_ed448_free(&ed);
	return res;
}
