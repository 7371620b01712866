/*
 * caps.c - what the issuer (issuer/) needs from the project's wolfSSL build,
 * made with it and handed to pyca/cryptography to check (caps.py).
 *
 *   caps OUTDIR
 *
 * Writes, into OUTDIR:
 *   rsa2048.der, ec-p256.der, ec-p384.der, ec-p521.der   private keys
 *       (PKCS#1 RSAPrivateKey, SEC 1 ECPrivateKey) from wolfCrypt's key
 *       generation;
 *   ed25519.der, ed448.der                               PKCS#8 EdDSA keys
 *       (wc_Ed*PrivateKeyToDer: wc_Ed*KeyToDer of 5.7.2 adds the public key
 *       as [1] under version 0, which RFC 8410 7 and OpenSSL refuse);
 *   pbkdf2.bin     PBKDF2-HMAC-SHA256("passphrase", "saltsaltsaltsalt",
 *                  2048 iterations, 32 bytes);
 *   aes256cbc.bin  AES-256-CBC of 48 bytes 0x00..0x2f under key 0x00..0x1f
 *                  and IV 0x40..0x4f (no padding: a whole number of blocks).
 *
 * The issuer writes the PBES2 structure of an encrypted PKCS#8 file itself:
 * wolfSSL's wc_EncryptPKCS8Key writes PBKDF2 parameters without a PRF, which
 * means HMAC-SHA1 (RFC 8018 A.2); the issue asks for HMAC-SHA256. So what
 * must be in the build is PBKDF2 with SHA-256 and AES-256-CBC, checked here
 * against independent implementations, not wolfSSL's PKCS#8 writer.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/aes.h>
#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/ecc.h>
#include <wolfssl/wolfcrypt/ed25519.h>
#include <wolfssl/wolfcrypt/ed448.h>
#include <wolfssl/wolfcrypt/pwdbased.h>
#include <wolfssl/wolfcrypt/random.h>
#include <wolfssl/wolfcrypt/rsa.h>
#include <wolfssl/wolfcrypt/sha256.h>

#include <stdio.h>
#include <string.h>

static const char *outdir;
static int failures;

static void put(const char *name, const byte *p, int len, const char *what)
{
	char path[4096];
	FILE *f;

	if (len <= 0) {
		fprintf(stderr, "caps: %s: wolfCrypt error %d\n", what, len);
		failures++;
		return;
	}
	snprintf(path, sizeof path, "%s/%s", outdir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, (size_t)len, f) != (size_t)len || fclose(f)) {
		perror(path);
		failures++;
	}
}

static void rsa(WC_RNG *rng)
{
	static RsaKey key;
	static byte der[4096];
	int ret = wc_InitRsaKey(&key, NULL);

	if (ret == 0)
		ret = wc_MakeRsaKey(&key, 2048, WC_RSA_EXPONENT, rng);
	if (ret == 0)
		ret = wc_RsaKeyToDer(&key, der, sizeof der);
	put("rsa2048.der", der, ret, "RSA-2048 key generation");
	wc_FreeRsaKey(&key);
}

static void ec(WC_RNG *rng, int size, int curve, const char *name)
{
	static ecc_key key;
	static byte der[512];
	int ret = wc_ecc_init(&key);

	if (ret == 0)
		ret = wc_ecc_make_key_ex(rng, size, &key, curve);
	if (ret == 0)
		ret = wc_EccKeyToDer(&key, der, sizeof der);
	put(name, der, ret, name);
	wc_ecc_free(&key);
}

static void eddsa(WC_RNG *rng)
{
	static ed25519_key k25519;
	static ed448_key k448;
	static byte der[256];
	int ret = wc_ed25519_init(&k25519);

	if (ret == 0)
		ret = wc_ed25519_make_key(rng, ED25519_KEY_SIZE, &k25519);
	if (ret == 0)
		ret = wc_Ed25519PrivateKeyToDer(&k25519, der, sizeof der);
	put("ed25519.der", der, ret, "Ed25519 key generation");
	wc_ed25519_free(&k25519);

	ret = wc_ed448_init(&k448);
	if (ret == 0)
		ret = wc_ed448_make_key(rng, ED448_KEY_SIZE, &k448);
	if (ret == 0)
		ret = wc_Ed448PrivateKeyToDer(&k448, der, sizeof der);
	put("ed448.der", der, ret, "Ed448 key generation");
	wc_ed448_free(&k448);
}

static void kdf_and_cipher(void)
{
	static const char pass[] = "passphrase";
	static const char salt[] = "saltsaltsaltsalt";
	byte dk[32], key[32], iv[16], in[48], out[48];
	Aes aes;
	int ret;

	ret = wc_PBKDF2(dk, (const byte *)pass, (int)strlen(pass),
	                (const byte *)salt, (int)strlen(salt), 2048,
	                (int)sizeof dk, WC_SHA256);
	put("pbkdf2.bin", dk, ret == 0 ? (int)sizeof dk : (ret < 0 ? ret : -1),
	    "PBKDF2-HMAC-SHA256");

	for (int i = 0; i < 32; i++)
		key[i] = (byte)i;
	for (int i = 0; i < 16; i++)
		iv[i] = (byte)(0x40 + i);
	for (int i = 0; i < 48; i++)
		in[i] = (byte)i;
	ret = wc_AesInit(&aes, NULL, INVALID_DEVID);
	if (ret == 0)
		ret = wc_AesSetKey(&aes, key, sizeof key, iv, AES_ENCRYPTION);
	if (ret == 0)
		ret = wc_AesCbcEncrypt(&aes, out, in, sizeof in);
	put("aes256cbc.bin", out, ret == 0 ? (int)sizeof out : (ret < 0 ? ret : -1),
	    "AES-256-CBC");
	wc_AesFree(&aes);
}

int main(int argc, char **argv)
{
	WC_RNG rng;

	if (argc != 2) {
		fprintf(stderr, "usage: caps OUTDIR\n");
		return 2;
	}
	outdir = argv[1];
	if (wc_InitRng(&rng) != 0) {
		fprintf(stderr, "caps: wc_InitRng failed\n");
		return 1;
	}
	rsa(&rng);
	ec(&rng, 32, ECC_SECP256R1, "ec-p256.der");
	ec(&rng, 48, ECC_SECP384R1, "ec-p384.der");
	ec(&rng, 66, ECC_SECP521R1, "ec-p521.der");
	eddsa(&rng);
	kdf_and_cipher();
	wc_FreeRng(&rng);
	return failures ? 1 : 0;
}
