/*
 * bench/lib_nettle.c - nettle's SHA-256 (GnuTLS's hash) in the fingerprint
 * benchmark only: sha256_init, sha256_update, sha256_digest on the DER.
 */
#include <nettle/sha2.h>
#include <nettle/version.h>

#include "bench.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static int nettle_fp(void *obj, const uint8_t *der, size_t len, uint8_t out[32])
{
	struct sha256_ctx ctx;

	(void)obj;
	sha256_init(&ctx);
	sha256_update(&ctx, len, der);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
	return 0;
}

const struct bench_fp bench_fp_nettle = {
	.name = "nettle " STR(NETTLE_VERSION_MAJOR) "." STR(NETTLE_VERSION_MINOR),
	.call = "`sha256_init` + `sha256_update(der)` + `sha256_digest`",
	.digest = nettle_fp,
};
