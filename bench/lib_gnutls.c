/*
 * bench/lib_gnutls.c - GnuTLS in the fingerprint benchmark only:
 * gnutls_x509_crt_get_fingerprint(SHA-256) on an imported certificate
 * (GnuTLS hashes the DER it kept at import, with nettle).
 */
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "bench.h"

static void *gnutls_fp_prepare(const uint8_t *der, size_t len)
{
	gnutls_x509_crt_t crt;
	gnutls_datum_t d = { (unsigned char *)der, (unsigned)len };

	if (gnutls_x509_crt_init(&crt) < 0)
		return NULL;
	if (gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER) < 0) {
		gnutls_x509_crt_deinit(crt);
		return NULL;
	}
	return crt;
}

static int gnutls_fp(void *crt, const uint8_t *der, size_t len, uint8_t out[32])
{
	size_t n = 32;

	(void)der;
	(void)len;
	return gnutls_x509_crt_get_fingerprint(crt, GNUTLS_DIG_SHA256, out, &n) == 0 &&
	                       n == 32 ? 0 : -1;
}

static void gnutls_fp_release(void *crt)
{
	gnutls_x509_crt_deinit(crt);
}

const struct bench_fp bench_fp_gnutls = {
	.name = "GnuTLS " GNUTLS_VERSION,
	.call = "`gnutls_x509_crt_get_fingerprint(crt, GNUTLS_DIG_SHA256)` on an imported crt",
	.prepare = gnutls_fp_prepare,
	.digest = gnutls_fp,
	.release = gnutls_fp_release,
};
