/*
 * issuer/key.c - making keys, their public half, comparing and naming
 * them (key.h). Reading is key_load.c, writing key_pkcs8.c.
 */
#include "key_int.h"

#include <stdio.h>
#include <string.h>

#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/error-crypt.h>

#include <xc/spki.h>

/* The --type names, one row each. */
static const struct key_kind {
	const char *name;
	ci_key_type type;
	unsigned bits;
	int curve;
	int size;               /* EC: the field's size in bytes */
} kinds[] = {
	{ "rsa2048", CI_KEY_RSA, 2048, 0, 0 },
	{ "rsa3072", CI_KEY_RSA, 3072, 0, 0 },
	{ "rsa4096", CI_KEY_RSA, 4096, 0, 0 },
	{ "ec-p256", CI_KEY_EC, 256, ECC_SECP256R1, 32 },
	{ "ec-p384", CI_KEY_EC, 384, ECC_SECP384R1, 48 },
	{ "ec-p521", CI_KEY_EC, 521, ECC_SECP521R1, 66 },
	{ "ed25519", CI_KEY_ED25519, 255, 0, 0 },
	{ "ed448", CI_KEY_ED448, 448, 0, 0 },
};

const char *ci_curve_oid(int curve)
{
	switch (curve) {
	case ECC_SECP256R1: return CI_OID_P256;
	case ECC_SECP384R1: return CI_OID_P384;
	case ECC_SECP521R1: return CI_OID_P521;
	default: return NULL;
	}
}

const char *ci_wc_error(int ret)
{
	return wc_GetErrorString(ret);
}

void ci_wipe(void *p, size_t n)
{
	volatile uint8_t *v = p;

	while (n--)
		*v++ = 0;
}

static const struct key_kind *kind_of(const char *type, ci_msg *m)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].name, type))
			return &kinds[i];
	ci_fail(m, "--type %s: unknown key type (rsa2048, rsa3072, rsa4096,"
		" ec-p256, ec-p384, ec-p521, ed25519, ed448)", type);
	return NULL;
}

int ci_key_type_valid(const char *type, ci_msg *m)
{
	return kind_of(type, m) ? 0 : -1;
}

int ci_key_generate(ci_key *k, const char *type, WC_RNG *rng, ci_msg *m)
{
	const struct key_kind *kind = kind_of(type, m);
	int ret;

	memset(k, 0, sizeof(*k));
	if (!kind)
		return -1;
	k->type = kind->type;
	k->bits = kind->bits;
	k->curve = kind->curve;
	switch (kind->type) {
	case CI_KEY_RSA:
		ret = wc_InitRsaKey(&k->k.rsa, NULL);
		k->live = ret == 0;
		if (ret == 0)
			ret = wc_MakeRsaKey(&k->k.rsa, (int)kind->bits, WC_RSA_EXPONENT, rng);
		break;
	case CI_KEY_EC:
		ret = wc_ecc_init(&k->k.ec);
		k->live = ret == 0;
		if (ret == 0)
			ret = wc_ecc_make_key_ex(rng, kind->size, &k->k.ec, kind->curve);
		break;
	case CI_KEY_ED25519:
		ret = wc_ed25519_init(&k->k.ed25519);
		k->live = ret == 0;
		if (ret == 0)
			ret = wc_ed25519_make_key(rng, ED25519_KEY_SIZE, &k->k.ed25519);
		break;
	case CI_KEY_ED448:
		ret = wc_ed448_init(&k->k.ed448);
		k->live = ret == 0;
		if (ret == 0)
			ret = wc_ed448_make_key(rng, ED448_KEY_SIZE, &k->k.ed448);
		break;
	default:
		ret = BAD_FUNC_ARG;
		break;
	}
	if (ret != 0) {
		ci_key_free(k);
		return ci_fail(m, "%s key generation failed in wolfCrypt (%s)", type,
			       ci_wc_error(ret));
	}
	return ci_key_finish(k, m);
}

int ci_key_finish(ci_key *k, ci_msg *m)
{
	xc_spki spki;
	size_t off = 0;
	int ret;

	switch (k->type) {
	case CI_KEY_RSA:
		ret = wc_RsaKeyToPublicDer(&k->k.rsa, k->spki, sizeof(k->spki));
		break;
	case CI_KEY_EC:
		ret = wc_EccPublicKeyToDer(&k->k.ec, k->spki, sizeof(k->spki), 1);
		break;
	case CI_KEY_ED25519:
		ret = wc_Ed25519PublicKeyToDer(&k->k.ed25519, k->spki, sizeof(k->spki), 1);
		break;
	case CI_KEY_ED448:
		ret = wc_Ed448PublicKeyToDer(&k->k.ed448, k->spki, sizeof(k->spki), 1);
		break;
	default:
		ret = BAD_FUNC_ARG;
		break;
	}
	if (ret <= 0)
		return ci_fail(m, "writing the public key failed in wolfCrypt (%s)",
			       ci_wc_error(ret));
	k->spki_len = (size_t)ret;
	/* What goes into a certificate must be what the core reads. */
	if (xc_spki_parse(&spki, ci_key_spki(k), k->spki, &off) != XC_OK)
		return ci_fail(m, "the public key wolfCrypt wrote does not parse");
	if (k->type == CI_KEY_RSA)
		k->bits = (unsigned)spki.bits;
	return 0;
}

xc_slice ci_key_spki(const ci_key *k)
{
	return xc_slice_make(k->spki, k->spki_len);
}

/* An EC point against another encoding of it: equal bytes, or `b`
 * compressed (SEC 1 2.3.3) with the x and the parity of y of `a`. */
static bool same_point(xc_slice a, xc_slice b)
{
	size_t half;

	if (xc_slice_eq(a, b))
		return true;
	if (a.len < 3 || a.p[0] != 0x04 || (a.len - 1) % 2 || b.len < 2)
		return false;
	half = (a.len - 1) / 2;
	if ((b.p[0] != 0x02 && b.p[0] != 0x03) || b.len != half + 1)
		return false;
	return !memcmp(a.p + 1, b.p + 1, half) && (a.p[a.len - 1] & 1) == (b.p[0] & 1);
}

bool ci_key_matches(const ci_key *k, xc_slice spki)
{
	xc_spki a, b;
	size_t off = 0;

	if (xc_spki_parse(&a, ci_key_spki(k), k->spki, &off) != XC_OK ||
	    xc_spki_parse(&b, spki, spki.p, &off) != XC_OK)
		return false;
	switch (a.type) {
	case XC_KEY_RSA:
		/* An id-RSASSA-PSS key is the same RSA key, restricted. */
		return (b.type == XC_KEY_RSA || b.type == XC_KEY_RSA_PSS) &&
		       xc_slice_eq(a.rsa_n, b.rsa_n) && xc_slice_eq(a.rsa_e, b.rsa_e);
	case XC_KEY_EC:
		return b.type == XC_KEY_EC && xc_slice_eq(a.curve_oid, b.curve_oid) &&
		       same_point(a.ec_point, b.ec_point);
	case XC_KEY_ED25519:
	case XC_KEY_ED448:
		return b.type == a.type && xc_slice_eq(a.ec_point, b.ec_point);
	default:
		return false;
	}
}

const char *ci_key_describe(const ci_key *k, char *buf, size_t cap)
{
	switch (k->type) {
	case CI_KEY_RSA:
		snprintf(buf, cap, "RSA %u", k->bits);
		break;
	case CI_KEY_EC:
		snprintf(buf, cap, "EC P-%u", k->bits);
		break;
	case CI_KEY_ED25519:
		snprintf(buf, cap, "Ed25519");
		break;
	case CI_KEY_ED448:
		snprintf(buf, cap, "Ed448");
		break;
	default:
		snprintf(buf, cap, "unknown key");
		break;
	}
	return buf;
}

void ci_key_free(ci_key *k)
{
	if (k->live) {
		switch (k->type) {
		case CI_KEY_RSA:
			wc_FreeRsaKey(&k->k.rsa);
			break;
		case CI_KEY_EC:
			wc_ecc_free(&k->k.ec);
			break;
		case CI_KEY_ED25519:
			wc_ed25519_free(&k->k.ed25519);
			break;
		case CI_KEY_ED448:
			wc_ed448_free(&k->k.ed448);
			break;
		}
	}
	ci_wipe(&k->k, sizeof(k->k));
	k->live = false;
}
