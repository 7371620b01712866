/*
 * issuer/key_pbes2.c - encrypted PKCS#8: PBES2 (RFC 8018 6.2, A.2, A.4,
 * B.2) written and read here (key_int.h).
 *
 *   EncryptedPrivateKeyInfo ::= SEQUENCE {
 *       encryptionAlgorithm  AlgorithmIdentifier {{ PBES2 }},
 *       encryptedData        OCTET STRING }
 *   PBES2-params ::= SEQUENCE {
 *       keyDerivationFunc AlgorithmIdentifier {{ PBKDF2 }},
 *       encryptionScheme  AlgorithmIdentifier {{ AES-CBC: iv OCTET STRING }} }
 *   PBKDF2-params ::= SEQUENCE {
 *       salt OCTET STRING, iterationCount INTEGER,
 *       keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }
 *
 * Why not wolfCrypt's wc_EncryptPKCS8Key: 5.7.2 writes PBKDF2-params
 * without a prf, which means HMAC-SHA1 (docs/core.md, "wolfSSL"). Reading
 * is here too, so that what is unsupported, what is malformed and what is
 * a wrong passphrase are three different messages.
 */
#include "key_int.h"

#include <stdlib.h>
#include <string.h>

#include <wolfssl/wolfcrypt/aes.h>
#include <wolfssl/wolfcrypt/hash.h>
#include <wolfssl/wolfcrypt/pwdbased.h>

#include <xc/der.h>
#include <xc/oid.h>

#define OID_PBES2 "1.2.840.113549.1.5.13"
#define OID_PBKDF2 "1.2.840.113549.1.5.12"
#define OID_HMAC_SHA256 "1.2.840.113549.2.9"
#define OID_AES256_CBC "2.16.840.1.101.3.4.1.42"
#define OID_DES_EDE3_CBC "1.2.840.113549.3.7"

/* A passphrase-derived key costs CI_PBKDF2_ITER iterations to write; a
 * file asking for far more is refused rather than left to spin. */
#define PBKDF2_ITER_MAX 100000000

static const struct prf_row {
	const char *oid;
	int hash;               /* WC_SHA256, ... as wc_PBKDF2 takes it */
} prfs[] = {
	{ "1.2.840.113549.2.7", WC_SHA },
	{ "1.2.840.113549.2.8", WC_SHA224 },
	{ OID_HMAC_SHA256, WC_SHA256 },
	{ "1.2.840.113549.2.10", WC_SHA384 },
	{ "1.2.840.113549.2.11", WC_SHA512 },
};

static const struct cipher_row {
	const char *oid;
	word32 key_len;
} ciphers[] = {
	{ "2.16.840.1.101.3.4.1.2", 16 },
	{ "2.16.840.1.101.3.4.1.22", 24 },
	{ OID_AES256_CBC, 32 },
};

/* AES-CBC with PKCS#7 padding (RFC 8018 B.2.5 / 6.1.1 step 4) in place;
 * buf holds n bytes and has room for one more block. */
static int cbc(uint8_t *buf, size_t n, const uint8_t *key, word32 key_len,
	       const uint8_t *iv, int dir)
{
	Aes aes;
	int ret = wc_AesInit(&aes, NULL, INVALID_DEVID);

	if (ret == 0)
		ret = wc_AesSetKey(&aes, key, key_len, iv, dir);
	if (ret == 0)
		ret = dir == AES_ENCRYPTION ?
		      wc_AesCbcEncrypt(&aes, buf, buf, (word32)n) :
		      wc_AesCbcDecrypt(&aes, buf, buf, (word32)n);
	wc_AesFree(&aes);
	return ret;
}

int ci_pbes2_encrypt(const uint8_t *plain, size_t n, const char *pass,
		     WC_RNG *rng, ci_der *w, ci_msg *m)
{
	uint8_t salt[16], iv[AES_BLOCK_SIZE], key[32];
	size_t padded = (n / AES_BLOCK_SIZE + 1) * AES_BLOCK_SIZE;
	uint8_t *buf = malloc(padded);
	int ret;

	if (!buf)
		return ci_fail(m, "out of memory");
	memcpy(buf, plain, n);
	memset(buf + n, (int)(padded - n), padded - n);
	ret = wc_RNG_GenerateBlock(rng, salt, sizeof(salt));
	if (ret == 0)
		ret = wc_RNG_GenerateBlock(rng, iv, sizeof(iv));
	if (ret == 0)
		ret = wc_PBKDF2(key, (const byte *)pass, (int)strlen(pass), salt,
				(int)sizeof(salt), CI_PBKDF2_ITER, (int)sizeof(key),
				WC_SHA256);
	if (ret == 0)
		ret = cbc(buf, padded, key, sizeof(key), iv, AES_ENCRYPTION);
	ci_wipe(key, sizeof(key));
	if (ret != 0) {
		ci_wipe(buf, padded);
		free(buf);
		return ci_fail(m, "encrypting the key failed in wolfCrypt (%s)",
			       ci_wc_error(ret));
	}
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_oid(w, OID_PBES2);
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_oid(w, OID_PBKDF2);
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_tlv(w, CI_TAG_OCTET_STRING, salt, sizeof(salt));
	ci_der_int(w, CI_PBKDF2_ITER);
	ci_der_begin(w, CI_TAG_SEQUENCE);       /* prf: not the SHA-1 default */
	ci_der_oid(w, OID_HMAC_SHA256);
	ci_der_null(w);                         /* as OpenSSL writes it */
	ci_der_end(w);
	ci_der_end(w);
	ci_der_end(w);
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_oid(w, OID_AES256_CBC);
	ci_der_tlv(w, CI_TAG_OCTET_STRING, iv, sizeof(iv));
	ci_der_end(w);
	ci_der_end(w);
	ci_der_end(w);
	ci_der_tlv(w, CI_TAG_OCTET_STRING, buf, padded);
	ci_der_end(w);
	free(buf);
	if (ci_der_finish(w) != CI_DER_OK)
		return ci_fail(m, "writing the encrypted key: %s",
			       ci_der_err_name(ci_der_finish(w)));
	return 0;
}

/* Enters an AlgorithmIdentifier: `alg` is left after its OID (at the
 * parameters), the OID is given as dotted text. */
static bool enter_algid(xc_der *d, xc_der *alg, char *oid, size_t cap)
{
	xc_slice o;
	size_t len;

	return !xc_der_enter(d, XC_TAG_SEQUENCE, alg) && !xc_der_read_oid(alg, &o) &&
	       !xc_oid_to_dotted(o, oid, cap, &len);
}

/* The passphrase-derived key of PBKDF2-params (RFC 8018 A.2), of the
 * cipher's key length. */
static int pbkdf2(xc_der *kdf_params, const struct cipher_row *c, const char *pass,
		  uint8_t *key, ci_msg *m)
{
	xc_slice salt, iter_v, kl_v;
	int64_t iter, kl;
	int hash = WC_SHA;      /* the DEFAULT prf: hmacWithSHA1 */
	char oid[XC_OID_DOTTED_MAX];
	bool has_kl;
	int ret;

	if (xc_der_expect(kdf_params, XC_TAG_OCTET_STRING, &salt) ||
	    xc_der_read_int(kdf_params, &iter_v) || xc_der_int_to_i64(iter_v, &iter) ||
	    xc_der_optional(kdf_params, XC_TAG_INTEGER, &kl_v, &has_kl))
		return ci_fail(m, "malformed PBKDF2 parameters");
	if (iter < 1 || iter > PBKDF2_ITER_MAX)
		return ci_fail(m, "PBKDF2 iteration count %lld out of range (1..%d)",
			       (long long)iter, PBKDF2_ITER_MAX);
	if (has_kl && (xc_der_int_to_i64(kl_v, &kl) || kl != (int64_t)c->key_len))
		return ci_fail(m, "PBKDF2 key length does not fit the cipher");
	if (xc_der_more(kdf_params)) {
		xc_der prf;
		size_t i;

		if (!enter_algid(kdf_params, &prf, oid, sizeof(oid)))
			return ci_fail(m, "malformed PBKDF2 prf");
		for (i = 0; i < sizeof(prfs) / sizeof(prfs[0]); i++)
			if (!strcmp(prfs[i].oid, oid))
				break;
		if (i == sizeof(prfs) / sizeof(prfs[0]))
			return ci_fail(m, "PBKDF2 prf %s is not supported (HMAC with"
				       " SHA-1, SHA-224, SHA-256, SHA-384, SHA-512)", oid);
		hash = prfs[i].hash;
	}
	ret = wc_PBKDF2(key, (const byte *)pass, (int)strlen(pass), salt.p,
			(int)salt.len, (int)iter, (int)c->key_len, hash);
	if (ret != 0)
		return ci_fail(m, "PBKDF2 failed in wolfCrypt (%s)", ci_wc_error(ret));
	return 0;
}

static int wrong_pass(ci_msg *m)
{
	ci_fail(m, "wrong passphrase");
	return CI_WRONG_PASS;
}

int ci_pbes2_decrypt(xc_slice epki, const char *pass, uint8_t *out, size_t cap,
		     size_t *n, ci_msg *m)
{
	xc_der top, epki_d, alg, pbes2, kdf_alg, kdf, enc;
	xc_slice iv, data;
	char oid[XC_OID_DOTTED_MAX];
	const struct cipher_row *c = NULL;
	uint8_t key[32];
	size_t pad;
	int ret;

	xc_der_init(&top, epki.p, epki.len);
	if (xc_der_enter(&top, XC_TAG_SEQUENCE, &epki_d) ||
	    !enter_algid(&epki_d, &alg, oid, sizeof(oid)))
		return ci_fail(m, "malformed EncryptedPrivateKeyInfo");
	if (strcmp(oid, OID_PBES2))
		return ci_fail(m, "key encryption %s is not supported (PBES2 only)", oid);
	if (xc_der_enter(&alg, XC_TAG_SEQUENCE, &pbes2) ||
	    !enter_algid(&pbes2, &kdf_alg, oid, sizeof(oid)))
		return ci_fail(m, "malformed PBES2 parameters");
	if (strcmp(oid, OID_PBKDF2))
		return ci_fail(m, "PBES2 key derivation %s is not supported (PBKDF2 only)", oid);
	if (xc_der_enter(&kdf_alg, XC_TAG_SEQUENCE, &kdf) ||
	    !enter_algid(&pbes2, &enc, oid, sizeof(oid)))
		return ci_fail(m, "malformed PBES2 parameters");
	for (size_t i = 0; i < sizeof(ciphers) / sizeof(ciphers[0]); i++)
		if (!strcmp(ciphers[i].oid, oid))
			c = &ciphers[i];
	if (!c && !strcmp(oid, OID_DES_EDE3_CBC))
		return ci_fail(m, "the key is encrypted with DES-EDE3-CBC, which this"
			       " wolfSSL build does not have (re-encrypt it with AES)");
	if (!c)
		return ci_fail(m, "key cipher %s is not supported (AES-128/192/256-CBC)", oid);
	if (xc_der_expect(&enc, XC_TAG_OCTET_STRING, &iv) || iv.len != AES_BLOCK_SIZE)
		return ci_fail(m, "malformed AES-CBC IV");
	if (xc_der_expect(&epki_d, XC_TAG_OCTET_STRING, &data) ||
	    data.len == 0 || data.len % AES_BLOCK_SIZE || data.len > cap)
		return ci_fail(m, "malformed encrypted key data");
	if (pbkdf2(&kdf, c, pass, key, m))
		return -1;
	memcpy(out, data.p, data.len);
	ret = cbc(out, data.len, key, c->key_len, iv.p, AES_DECRYPTION);
	ci_wipe(key, sizeof(key));
	if (ret != 0)
		return ci_fail(m, "decrypting the key failed in wolfCrypt (%s)",
			       ci_wc_error(ret));
	/* A wrong passphrase shows as bad padding (all but about 1/256 of the
	 * time) or, past that, as plaintext that is not one DER SEQUENCE. */
	pad = out[data.len - 1];
	if (pad == 0 || pad > AES_BLOCK_SIZE)
		return wrong_pass(m);
	for (size_t i = data.len - pad; i < data.len; i++)
		if (out[i] != pad)
			return wrong_pass(m);
	*n = data.len - pad;
	xc_der_init(&top, out, *n);
	if (xc_der_expect(&top, XC_TAG_SEQUENCE, NULL) || xc_der_finish(&top))
		return wrong_pass(m);
	return 0;
}
