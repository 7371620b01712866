/*
 * bench/lib_openssl.c - OpenSSL: d2i_X509, both names printed RFC 2253
 * style (X509_NAME_print_ex, the closest to RFC 4514) into a memory BIO,
 * the serial in decimal (ASN1_INTEGER_to_BN + BN_bn2dec), both times
 * (ASN1_TIME_to_tm, formatted), every extension (X509_get_ext: object,
 * critical, data) and X509_digest with SHA-256.
 */
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/opensslv.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <time.h>

#include "bench.h"

/* One memory BIO for the names, made once and reset per use, so the
 * numbers count printing a name, not making a BIO. */
static BIO *name_bio;
static const EVP_MD *sha256;

static void ossl_init(void)
{
	name_bio = BIO_new(BIO_s_mem());
	/* Fetch once: a lookup per digest would be the harness's cost. */
	sha256 = EVP_sha256();
}

static int name_out(const X509_NAME *nm)
{
	char *p;
	long n;

	(void)BIO_reset(name_bio);
	if (X509_NAME_print_ex(name_bio, nm, 0, XN_FLAG_RFC2253) < 0)
		return -1;
	n = BIO_get_mem_data(name_bio, &p);
	bench_eat(p, (size_t)n);
	return 0;
}

static int time_out(const ASN1_TIME *t)
{
	struct tm tm;
	char buf[21];

	if (!ASN1_TIME_to_tm(t, &tm))
		return -1;
	bench_fmt_time(buf, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	               tm.tm_hour, tm.tm_min, tm.tm_sec);
	bench_eat(buf, 20);
	return 0;
}

static enum bench_res ossl_full(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen;
	enum bench_res res = BENCH_OK;
	X509 *x;
	BIGNUM *bn;
	char *dec;
	int i, n;

	x = d2i_X509(NULL, &p, (long)len);
	if (x == NULL)
		return BENCH_REJECT;
	if (p != der + len) {
		X509_free(x);
		return BENCH_REJECT;
	}

	if (name_out(X509_get_subject_name(x)) || name_out(X509_get_issuer_name(x)))
		res = BENCH_FIELD_ERROR;

	bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
	dec = bn ? BN_bn2dec(bn) : NULL;
	if (dec) {
		bench_eat(dec, strlen(dec));
		OPENSSL_free(dec);
	} else {
		res = BENCH_FIELD_ERROR;
	}
	BN_free(bn);

	if (time_out(X509_get0_notBefore(x)) || time_out(X509_get0_notAfter(x)))
		res = BENCH_FIELD_ERROR;

	n = X509_get_ext_count(x);
	for (i = 0; i < n; i++) {
		X509_EXTENSION *e = X509_get_ext(x, i);
		const ASN1_OBJECT *o = X509_EXTENSION_get_object(e);
		const ASN1_OCTET_STRING *v = X509_EXTENSION_get_data(e);

		bench_eat(OBJ_get0_data(o), OBJ_length(o));
		bench_eat(ASN1_STRING_get0_data(v), (size_t)ASN1_STRING_length(v));
		bench_sink += (uint64_t)X509_EXTENSION_get_critical(e);
	}

	if (!X509_digest(x, sha256, md, &mdlen))
		res = BENCH_FIELD_ERROR;
	else
		bench_eat(md, mdlen);

	X509_free(x);
	return res;
}

static enum bench_res ossl_parse(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509 *x = d2i_X509(NULL, &p, (long)len);

	if (x == NULL)
		return BENCH_REJECT;
	X509_free(x);
	return p == der + len ? BENCH_OK : BENCH_REJECT;
}

const struct bench_lib bench_openssl = {
	.name = "OpenSSL",
	.version = OPENSSL_VERSION_TEXT,
	.init = ossl_init,
	.parse_only = ossl_parse,
	.parse = ossl_full,
};

static void *ossl_fp_prepare(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;

	return d2i_X509(NULL, &p, (long)len);
}

static int ossl_fp(void *x, const uint8_t *der, size_t len, uint8_t out[32])
{
	unsigned int n;

	(void)der;
	(void)len;
	return X509_digest(x, EVP_sha256(), out, &n) == 1 && n == 32 ? 0 : -1;
}

static void ossl_fp_release(void *x)
{
	X509_free(x);
}

const struct bench_fp bench_fp_openssl = {
	.name = "OpenSSL",
	.call = "`X509_digest(x, EVP_sha256())` on a parsed X509",
	.prepare = ossl_fp_prepare,
	.digest = ossl_fp,
	.release = ossl_fp_release,
};

static int ossl_evp(void *obj, const uint8_t *der, size_t len, uint8_t out[32])
{
	unsigned int n;

	(void)obj;
	return EVP_Digest(der, len, out, &n, EVP_sha256(), NULL) == 1 && n == 32 ? 0 : -1;
}

/* OpenSSL's hash alone, for scale: X509_digest re-encodes the
 * certificate (i2d) before it hashes. */
const struct bench_fp bench_fp_openssl_evp = {
	.name = "OpenSSL, hash alone",
	.call = "`EVP_Digest(der, EVP_sha256())`",
	.digest = ossl_evp,
};
