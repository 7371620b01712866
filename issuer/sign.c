/*
 * issuer/sign.c - signing with wolfCrypt (sign.h).
 *
 * One table row per hash: its wolfCrypt type and the signature OIDs it
 * makes with RSA and ECDSA. The AlgorithmIdentifiers are written with the
 * DER writer so that they are byte for byte what pyca and OpenSSL write
 * (and what the core's xc_sigalg_decode reads back).
 */
#include "sign.h"

#include <string.h>

#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/hash.h>

typedef struct hash_row {
	const char *name;
	enum wc_HashType type;
	int mgf;                /* WC_MGF1SHA*: 0 where PSS is not offered */
	const char *oid;        /* the hash itself (PSS parameters) */
	const char *rsa;        /* sha256WithRSAEncryption, ... */
	const char *ecdsa;      /* ecdsa-with-SHA256, ...; NULL: none */
	bool weak;              /* only with allow_weak */
} hash_row;

static const hash_row hashes[] = {
	{ "sha256", WC_HASH_TYPE_SHA256, WC_MGF1SHA256, "2.16.840.1.101.3.4.2.1",
	  "1.2.840.113549.1.1.11", "1.2.840.10045.4.3.2", false },
	{ "sha384", WC_HASH_TYPE_SHA384, WC_MGF1SHA384, "2.16.840.1.101.3.4.2.2",
	  "1.2.840.113549.1.1.12", "1.2.840.10045.4.3.3", false },
	{ "sha512", WC_HASH_TYPE_SHA512, WC_MGF1SHA512, "2.16.840.1.101.3.4.2.3",
	  "1.2.840.113549.1.1.13", "1.2.840.10045.4.3.4", false },
	{ "sha224", WC_HASH_TYPE_SHA224, 0, "2.16.840.1.101.3.4.2.4",
	  "1.2.840.113549.1.1.14", "1.2.840.10045.4.3.1", false },
	{ "sha1", WC_HASH_TYPE_SHA, 0, "1.3.14.3.2.26",
	  "1.2.840.113549.1.1.5", "1.2.840.10045.4.1", true },
	{ "md5", WC_HASH_TYPE_MD5, 0, "1.2.840.113549.2.5",
	  "1.2.840.113549.1.1.4", NULL, true },
};

#define OID_RSA_PSS "1.2.840.113549.1.1.10"
#define OID_MGF1 "1.2.840.113549.1.1.8"
#define OID_ED25519 "1.3.101.112"
#define OID_ED448 "1.3.101.113"

/* The hash the options name, or the key's default (sign.h). NULL for
 * EdDSA, which hashes inside. */
static const hash_row *pick_hash(const ci_key *k, const ci_sign_opts *o, ci_msg *m, int *rc)
{
	const char *name = o->hash;

	*rc = 0;
	if (k->type == CI_KEY_ED25519 || k->type == CI_KEY_ED448) {
		if (name) {
			*rc = ci_fail(m, "--hash %s: %s keys sign without a separate hash",
				      name, k->type == CI_KEY_ED25519 ? "Ed25519" : "Ed448");
		}
		return NULL;
	}
	if (!name)
		name = k->type == CI_KEY_EC && k->bits == 384 ? "sha384" :
		       k->type == CI_KEY_EC && k->bits == 521 ? "sha512" : "sha256";
	for (size_t i = 0; i < sizeof(hashes) / sizeof(hashes[0]); i++)
		if (!strcmp(hashes[i].name, name))
			return &hashes[i];
	*rc = ci_fail(m, "--hash %s: unknown hash (sha256, sha384, sha512, sha224;"
		      " sha1 and md5 with --allow-weak)", name);
	return NULL;
}

int ci_sign_check(const ci_key *k, const ci_sign_opts *o, ci_msg *m)
{
	int rc;
	const hash_row *h = pick_hash(k, o, m, &rc);

	if (rc)
		return rc;
	if (o->pss && k->type != CI_KEY_RSA)
		return ci_fail(m, "--rsa-pss: the key is not an RSA key");
	if (k->type == CI_KEY_RSA && k->bits < 2048 && !o->allow_weak)
		return ci_fail(m, "RSA key of %u bits: below 2048 is refused"
			       " (--allow-weak to sign anyway)", k->bits);
	if (!h)
		return 0;
	if (h->weak && !o->allow_weak)
		return ci_fail(m, "--hash %s: a weak hash is refused (--allow-weak to"
			       " use it anyway)", h->name);
	if (k->type == CI_KEY_EC && !h->ecdsa)
		return ci_fail(m, "--hash %s: there is no ECDSA with %s", h->name, h->name);
	if (o->pss && !h->mgf)
		return ci_fail(m, "--hash %s: RSASSA-PSS is offered with sha256, sha384"
			       " and sha512 only", h->name);
	return 0;
}

/* A hash AlgorithmIdentifier inside RSASSA-PSS-params, with NULL
 * parameters as OpenSSL 3 (and so pyca) writes them; RFC 4055 2.1 has
 * readers accept both NULL and absent. */
static void hash_algid(ci_der *w, const char *oid)
{
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_oid(w, oid);
	ci_der_null(w);
	ci_der_end(w);
}

/* RFC 4055 3.1 RSASSA-PSS-params with everything but the default trailer
 * spelled out: hash, MGF1 with the same hash, salt = hash length. */
static void pss_algid(ci_der *w, const hash_row *h)
{
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_oid(w, OID_RSA_PSS);
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_begin(w, CI_TAG_CTX_CONS(0));
	hash_algid(w, h->oid);
	ci_der_end(w);
	ci_der_begin(w, CI_TAG_CTX_CONS(1));
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_oid(w, OID_MGF1);
	hash_algid(w, h->oid);
	ci_der_end(w);
	ci_der_end(w);
	ci_der_begin(w, CI_TAG_CTX_CONS(2));
	ci_der_int(w, wc_HashGetDigestSize(h->type));
	ci_der_end(w);
	ci_der_end(w);
	ci_der_end(w);
}

int ci_sign_algid(const ci_key *k, const ci_sign_opts *o, ci_der *w, ci_msg *m)
{
	int rc;
	const hash_row *h;

	if (ci_sign_check(k, o, m))
		return -1;
	h = pick_hash(k, o, m, &rc);
	if (k->type == CI_KEY_RSA && o->pss) {
		pss_algid(w, h);
		return 0;
	}
	ci_der_begin(w, CI_TAG_SEQUENCE);
	switch (k->type) {
	case CI_KEY_RSA:
		ci_der_oid(w, h->rsa);
		ci_der_null(w);         /* RFC 4055 5: NULL, not absent */
		break;
	case CI_KEY_EC:
		ci_der_oid(w, h->ecdsa);  /* RFC 5758 3.2: parameters absent */
		break;
	case CI_KEY_ED25519:
		ci_der_oid(w, OID_ED25519);   /* RFC 8410 3: absent */
		break;
	case CI_KEY_ED448:
		ci_der_oid(w, OID_ED448);
		break;
	}
	ci_der_end(w);
	return 0;
}

/* The signature value of `tbs` into sig (cap bytes); its length or -1. */
static int sign_raw(const ci_key *k, const ci_sign_opts *o, const hash_row *h,
		    WC_RNG *rng, xc_slice tbs, uint8_t *sig, word32 cap, ci_msg *m)
{
	/* wolfCrypt's signing calls take non-const keys but signing does not
	 * change them (RSA blinding uses the rng given). */
	ci_key *kk = (ci_key *)k;
	uint8_t digest[WC_MAX_DIGEST_SIZE], info[WC_MAX_DIGEST_SIZE + 32];
	word32 dlen = 0, n = cap;
	int ret;

	if (h) {
		ret = wc_HashGetDigestSize(h->type);
		if (ret <= 0 || wc_Hash(h->type, tbs.p, (word32)tbs.len, digest,
					(word32)ret) != 0)
			return ci_fail(m, "%s: hashing failed in wolfCrypt", h->name);
		dlen = (word32)ret;
	}
	switch (k->type) {
	case CI_KEY_RSA:
		if (o->pss) {
			ret = wc_RsaPSS_Sign_ex(digest, dlen, sig, cap, h->type, h->mgf,
						(int)dlen, &kk->k.rsa, rng);
		} else {
			word32 il = wc_EncodeSignature(info, digest, dlen,
						       wc_HashGetOID(h->type));
			ret = wc_RsaSSL_Sign(info, il, sig, cap, &kk->k.rsa, rng);
		}
		if (ret > 0)
			return ret;
		break;
	case CI_KEY_EC:
		ret = wc_ecc_sign_hash(digest, dlen, sig, &n, rng, &kk->k.ec);
		break;
	case CI_KEY_ED25519:
		ret = wc_ed25519_sign_msg(tbs.p, (word32)tbs.len, sig, &n, &kk->k.ed25519);
		break;
	case CI_KEY_ED448:
		ret = wc_ed448_sign_msg(tbs.p, (word32)tbs.len, sig, &n, &kk->k.ed448,
					NULL, 0);
		break;
	default:
		ret = -1;
		break;
	}
	if (ret == 0)
		return (int)n;
	return ci_fail(m, "signing failed in wolfCrypt (%s)", ci_wc_error(ret));
}

int ci_sign_wrap(const ci_key *k, const ci_sign_opts *o, WC_RNG *rng,
		 xc_slice tbs, ci_der *out, ci_msg *m)
{
	/* The largest signature: RSA-8192 (1024 bytes). */
	uint8_t sig[1024];
	const hash_row *h;
	int rc, n;

	if (ci_sign_check(k, o, m))
		return -1;
	h = pick_hash(k, o, m, &rc);
	n = sign_raw(k, o, h, rng, tbs, sig, sizeof(sig), m);
	if (n < 0)
		return -1;
	ci_der_begin(out, CI_TAG_SEQUENCE);
	ci_der_raw(out, tbs.p, tbs.len);
	ci_sign_algid(k, o, out, m);
	ci_der_bits(out, sig, (size_t)n, 0);
	ci_der_end(out);
	if (out->err != CI_DER_OK)
		return ci_fail(m, "writing the signed object: %s", ci_der_err_name(out->err));
	return 0;
}
