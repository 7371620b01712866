/*
 * verify_rsa.c - RSA PKCS#1 v1.5 and RSASSA-PSS verification (RFC 8017
 * 8.1.2 and 8.2.2) with wolfCrypt; the RsaKey lives on the stack.
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/rsa.h>
#include <wolfssl/wolfcrypt/hash.h>

#include "inner.h"
#include "verify_inner.h"

/* The largest modulus wolfCrypt's fixed-size integers hold in this build
 * (RSA_MAX_SIZE follows SP_INT_BITS): longer keys are UNSUPPORTED, not
 * BAD_KEY. */
#define RSA_MAX_BYTES (RSA_MAX_SIZE / 8)

/* DigestInfo prefixes (RFC 8017 9.2 note 1), indexed by xc_hash: what
 * precedes the digest in a PKCS#1 v1.5 encoded message. */
static const struct {
	uint8_t len;
	uint8_t der[19];
} digest_info[XC_HASH_COUNT] = {
	[XC_HASH_MD5] = { 18, { 0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48,
		0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00, 0x04, 0x10 } },
	[XC_HASH_SHA1] = { 15, { 0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03,
		0x02, 0x1a, 0x05, 0x00, 0x04, 0x14 } },
	[XC_HASH_SHA224] = { 19, { 0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
		0x01, 0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00, 0x04, 0x1c } },
	[XC_HASH_SHA256] = { 19, { 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
		0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20 } },
	[XC_HASH_SHA384] = { 19, { 0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
		0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30 } },
	[XC_HASH_SHA512] = { 19, { 0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48,
		0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40 } },
};

/* wolfCrypt's names for the hashes and for MGF1 over them, by xc_hash. */
static const struct {
	enum wc_HashType type;
	int mgf;
} wc_hashes[XC_HASH_COUNT] = {
	[XC_HASH_SHA1] = { WC_HASH_TYPE_SHA, WC_MGF1SHA1 },
	[XC_HASH_SHA224] = { WC_HASH_TYPE_SHA224, WC_MGF1SHA224 },
	[XC_HASH_SHA256] = { WC_HASH_TYPE_SHA256, WC_MGF1SHA256 },
	[XC_HASH_SHA384] = { WC_HASH_TYPE_SHA384, WC_MGF1SHA384 },
	[XC_HASH_SHA512] = { WC_HASH_TYPE_SHA512, WC_MGF1SHA512 },
};

/* Drops the INTEGER's sign octet: the modulus length in bytes is what
 * the signature's length must equal (RFC 8017 8.1.2 step 1). */
static xc_slice unsigned_of(xc_slice v)
{
	while (v.len > 1 && v.p[0] == 0) {
		v.p++;
		v.len--;
	}
	return v;
}

/* The modulus size in bits, from its big-endian bytes. */
static size_t rsa_bits(xc_slice n)
{
	n = unsigned_of(n);
	if (!n.len)
		return 0;
	size_t bits = n.len * 8;
	for (uint8_t top = n.p[0]; !(top & 0x80); top = (uint8_t)(top << 1))
		bits--;
	return bits;
}

/* Imports n and e; XC_VERIFY_VALID when the key is ready. */
static xc_verify_result load_key(RsaKey *rsa, const xc_spki *key, xc_slice sig)
{
	xc_slice n = unsigned_of(key->rsa_n), e = unsigned_of(key->rsa_e);

	if (!n.len || !e.len || (n.p[0] == 0))
		return XC_VERIFY_BAD_KEY;
	if (n.len > RSA_MAX_BYTES)
		return XC_VERIFY_UNSUPPORTED;
	if (sig.len != n.len)
		return XC_VERIFY_BAD_SIG;
	/* s must be below n (RFC 8017 5.2.2 step 1): wolfCrypt reduces it
	 * instead, which lets s + n verify too (Wycheproof's malleability
	 * vectors). Same lengths, so big-endian bytes compare as numbers. */
	if (memcmp(sig.p, n.p, n.len) >= 0)
		return XC_VERIFY_INVALID;
	if (wc_RsaPublicKeyDecodeRaw(n.p, (word32)n.len, e.p, (word32)e.len, rsa) != 0)
		return XC_VERIFY_BAD_KEY;
	return XC_VERIFY_VALID;
}

/* verify_inner.h */
xc_verify_result xc__verify_rsa_pkcs1(const xc_spki *key, xc_hash h,
				      const uint8_t *digest, xc_slice sig)
{
	RsaKey rsa;
	uint8_t in[RSA_MAX_BYTES], *out = NULL;
	size_t dlen = xc_hash_size(h);
	xc_verify_result r;
	int n;

	if ((unsigned)h >= XC_HASH_COUNT || !digest_info[h].len)
		return XC_VERIFY_UNSUPPORTED;
	if (wc_InitRsaKey_ex(&rsa, NULL, INVALID_DEVID) != 0)
		return XC_VERIFY_ERROR;
	r = load_key(&rsa, key, sig);
	if (r != XC_VERIFY_VALID)
		goto done;
	/* The inline call works in a copy on our stack: the caller's
	 * signature is const, and the copying variant allocates its own. */
	memcpy(in, sig.p, sig.len);
	n = wc_RsaSSL_VerifyInline(in, (word32)sig.len, &out, &rsa);
	/* Comparing the whole encoded DigestInfo (rather than parsing it)
	 * is what RFC 8017 8.2.2 step 4 asks and leaves no BER leeway. */
	if (n < 0 || (size_t)n != digest_info[h].len + dlen ||
	    memcmp(out, digest_info[h].der, digest_info[h].len) != 0 ||
	    memcmp(out + digest_info[h].len, digest, dlen) != 0)
		r = XC_VERIFY_INVALID;
done:
	wc_FreeRsaKey(&rsa);
	return r;
}

/* MGF1 (RFC 8017 B.2.1) XORed into db[0..len): the mask is made and
 * applied a block at a time, so no mask buffer is needed. */
static bool mgf1_xor(xc_hash h, const uint8_t *seed, size_t slen, uint8_t *db, size_t len)
{
	uint8_t in[XC_HASH_MAX + 4], block[XC_HASH_MAX];
	size_t hlen = xc_hash_size(h);
	uint32_t counter = 0;

	memcpy(in, seed, slen);
	for (size_t done = 0; done < len; counter++) {
		in[slen] = (uint8_t)(counter >> 24);
		in[slen + 1] = (uint8_t)(counter >> 16);
		in[slen + 2] = (uint8_t)(counter >> 8);
		in[slen + 3] = (uint8_t)counter;
		if (xc_fingerprint(h, xc_slice_make(in, slen + 4), block, sizeof block) != XC_OK)
			return false;
		for (size_t i = 0; i < hlen && done < len; i++)
			db[done++] ^= block[i];
	}
	return true;
}

/* EMSA-PSS-VERIFY (RFC 8017 9.1.2) on the encoded message em (the
 * modulus' length k; mod_bits the modulus size). Done here rather than by
 * wolfCrypt, whose unpadding allocates the mask, and so that the salt
 * length is the parameters' exactly. */
static bool emsa_pss_ok(const xc_pss_params *pss, const uint8_t *mhash, uint8_t *em,
			size_t k, size_t mod_bits)
{
	size_t hlen = xc_hash_size(pss->hash), slen = (size_t)pss->salt_len;
	size_t em_bits = mod_bits - 1, em_len = (em_bits + 7) / 8, db_len, zeros;
	uint8_t mprime[8 + XC_HASH_MAX + RSA_MAX_BYTES], h2[XC_HASH_MAX];
	uint8_t top_mask;
	uint8_t *db, *hh;

	/* A modulus of 8n+1 bits gives an encoded message a byte shorter
	 * than the signature: the extra leading byte must be zero. */
	if (em_len < k) {
		if (em[0] != 0)
			return false;
		em++;
	}
	if (em_len < hlen + slen + 2 || em[em_len - 1] != 0xbc)
		return false;
	db = em;
	db_len = em_len - hlen - 1;
	hh = em + db_len;
	top_mask = (uint8_t)(0xff >> (8 * em_len - em_bits));
	if (db[0] & (uint8_t)~top_mask)
		return false;
	if (!mgf1_xor(pss->mgf1_hash, hh, hlen, db, db_len))
		return false;
	db[0] &= top_mask;
	zeros = em_len - hlen - slen - 2;
	for (size_t i = 0; i < zeros; i++)
		if (db[i] != 0)
			return false;
	if (db[zeros] != 0x01)
		return false;
	memset(mprime, 0, 8);
	memcpy(mprime + 8, mhash, hlen);
	memcpy(mprime + 8 + hlen, db + db_len - slen, slen);
	if (xc_fingerprint(pss->hash, xc_slice_make(mprime, 8 + hlen + slen), h2,
			   sizeof h2) != XC_OK)
		return false;
	return memcmp(h2, hh, hlen) == 0;
}

/* verify_inner.h */
xc_verify_result xc__verify_rsa_pss(const xc_spki *key, const xc_pss_params *pss,
				    const uint8_t *digest, xc_slice sig)
{
	RsaKey rsa;
	uint8_t em[RSA_MAX_BYTES];
	word32 em_len = sizeof em;
	xc_verify_result r;
	size_t bits;

	if ((unsigned)pss->hash >= XC_HASH_COUNT || !wc_hashes[pss->hash].mgf ||
	    (unsigned)pss->mgf1_hash >= XC_HASH_COUNT || !wc_hashes[pss->mgf1_hash].mgf)
		return XC_VERIFY_UNSUPPORTED;
	if (pss->trailer != 1 || pss->salt_len < 0 || pss->salt_len > RSA_MAX_BYTES)
		return XC_VERIFY_KEY_MISMATCH;
	if (wc_InitRsaKey_ex(&rsa, NULL, INVALID_DEVID) != 0)
		return XC_VERIFY_ERROR;
	r = load_key(&rsa, key, sig);
	if (r != XC_VERIFY_VALID)
		goto done;
	/* The raw public operation s^e mod n; the padding is checked above. */
	if (wc_RsaFunction(sig.p, (word32)sig.len, em, &em_len, RSA_PUBLIC_DECRYPT, &rsa,
			   NULL) != 0 || em_len != sig.len) {
		r = XC_VERIFY_INVALID;
		goto done;
	}
	bits = rsa_bits(key->rsa_n);
	if (!emsa_pss_ok(pss, digest, em, em_len, bits))
		r = XC_VERIFY_INVALID;
done:
	wc_FreeRsaKey(&rsa);
	return r;
}
