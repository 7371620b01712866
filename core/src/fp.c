/*
 * Fingerprints with wolfCrypt: see xc/fp.h.
 *
 * Each hash runs init/update/final on a context on this file's stack
 * rather than through wolfCrypt's one-shot wc_*Hash(), which allocates its
 * context when wolfSSL is built with WOLFSSL_SMALL_STACK (a system build may
 * be). wolfCrypt's return codes stop here: callers see XC_ERR_CRYPTO.
 */
#include "inner.h"

#include <limits.h>

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/md5.h>
#include <wolfssl/wolfcrypt/sha.h>
#include <wolfssl/wolfcrypt/sha256.h>
#include <wolfssl/wolfcrypt/sha512.h>

/*
 * One function per hash, all alike: wolfCrypt's hashes share a shape but
 * not a context type, so a table of wolfCrypt functions would need casts
 * between function pointer types. The macro writes the one shape once.
 * Update takes a word32 length, so larger inputs go in slices. The Free
 * call releases nothing with our build but is part of the API contract
 * with builds (async, hardware) where it does.
 */
#define XC_DEFINE_HASH(fn, type, init, update, final, release)          \
	static int fn(xc_slice data, uint8_t *out)                       \
	{                                                                \
		type ctx;                                                \
		const uint8_t *p = data.p;                               \
		size_t left = data.len;                                  \
		int r = init(&ctx, NULL, INVALID_DEVID);                 \
                                                                         \
		if (r != 0)                                              \
			return r;                                        \
		while (r == 0 && left > 0) {                             \
			word32 n = left > UINT32_MAX ? UINT32_MAX        \
						     : (word32)left;     \
			r = update(&ctx, p, n);                          \
			p += n;                                          \
			left -= n;                                       \
		}                                                        \
		if (r == 0)                                              \
			r = final(&ctx, out);                            \
		release(&ctx);                                           \
		return r;                                                \
	}

#ifndef NO_MD5
XC_DEFINE_HASH(hash_md5, wc_Md5, wc_InitMd5_ex, wc_Md5Update, wc_Md5Final, wc_Md5Free)
#define HASH_MD5 hash_md5
#else
#define HASH_MD5 NULL
#endif

#ifndef NO_SHA
XC_DEFINE_HASH(hash_sha1, wc_Sha, wc_InitSha_ex, wc_ShaUpdate, wc_ShaFinal, wc_ShaFree)
#define HASH_SHA1 hash_sha1
#else
#define HASH_SHA1 NULL
#endif

#ifdef WOLFSSL_SHA224
XC_DEFINE_HASH(hash_sha224, wc_Sha224, wc_InitSha224_ex, wc_Sha224Update, wc_Sha224Final,
	       wc_Sha224Free)
#define HASH_SHA224 hash_sha224
#else
#define HASH_SHA224 NULL
#endif

#ifndef NO_SHA256
XC_DEFINE_HASH(hash_sha256, wc_Sha256, wc_InitSha256_ex, wc_Sha256Update, wc_Sha256Final,
	       wc_Sha256Free)
#define HASH_SHA256 hash_sha256
#else
#define HASH_SHA256 NULL
#endif

#ifdef WOLFSSL_SHA384
XC_DEFINE_HASH(hash_sha384, wc_Sha384, wc_InitSha384_ex, wc_Sha384Update, wc_Sha384Final,
	       wc_Sha384Free)
#define HASH_SHA384 hash_sha384
#else
#define HASH_SHA384 NULL
#endif

#ifdef WOLFSSL_SHA512
XC_DEFINE_HASH(hash_sha512, wc_Sha512, wc_InitSha512_ex, wc_Sha512Update, wc_Sha512Final,
	       wc_Sha512Free)
#define HASH_SHA512 hash_sha512
#else
#define HASH_SHA512 NULL
#endif

/* Indexed by xc_hash. The sizes are the standards' (FIPS 180-4, RFC 1321),
 * kept even for a hash this build lacks so the answer never depends on
 * the build. */
static const struct {
	const char *name;
	size_t size;
	int (*run)(xc_slice data, uint8_t *out);
} hashes[XC_HASH_COUNT] = {
	[XC_HASH_NONE] = { NULL, 0, NULL },
	[XC_HASH_MD5] = { "md5", 16, HASH_MD5 },
	[XC_HASH_SHA1] = { "sha1", 20, HASH_SHA1 },
	[XC_HASH_SHA224] = { "sha224", 28, HASH_SHA224 },
	[XC_HASH_SHA256] = { "sha256", 32, HASH_SHA256 },
	[XC_HASH_SHA384] = { "sha384", 48, HASH_SHA384 },
	[XC_HASH_SHA512] = { "sha512", 64, HASH_SHA512 },
};

static bool hash_valid(xc_hash h)
{
	return (unsigned)h < XC_HASH_COUNT;
}

/* xc/fp.h */
size_t xc_hash_size(xc_hash h)
{
	return hash_valid(h) ? hashes[h].size : 0;
}

/* xc/fp.h */
const char *xc_hash_name(xc_hash h)
{
	return hash_valid(h) ? hashes[h].name : NULL;
}

/* xc/fp.h */
xc_err xc_fingerprint(xc_hash h, xc_slice data, uint8_t *out, size_t cap)
{
	if (!hash_valid(h) || h == XC_HASH_NONE || (!data.p && data.len) || !out)
		return XC_ERR_ARG;
	if (!hashes[h].run)
		return XC_ERR_UNSUPPORTED;
	if (cap < hashes[h].size)
		return XC_ERR_BUFFER;
	return hashes[h].run(data, out) == 0 ? XC_OK : XC_ERR_CRYPTO;
}
