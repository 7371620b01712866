/*
 * bench/lib_wolfssl.c - wolfSSL's own certificate parser (the project's
 * static wolfCrypt build): InitDecodedCert + ParseCert(CERT_TYPE,
 * NO_VERIFY) + FreeDecodedCert. ParseCert decodes the fields itself; full
 * field access reads what it decoded: the subject and issuer strings it
 * formats during the parse ("/C=US/O=..."), the serial (in decimal, via
 * its mp_int), both dates (wc_GetDateInfo + wc_GetDateAsCalendarTime,
 * formatted), the extension fields it decoded (the raw block, key usage,
 * extended key usage bits, basic constraints, key identifiers,
 * subjectAltName list) and wc_Sha256Hash of the DER.
 *
 * wolfSSL walks the known extensions during ParseCert and keeps no list of
 * them, so there is no per-extension OID/critical iteration to call.
 */
#include <wolfssl/options.h>
#include <wolfssl/version.h>
#include <wolfssl/wolfcrypt/asn.h>
#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/memory.h>
#include <wolfssl/wolfcrypt/sha256.h>
#include <wolfssl/wolfcrypt/wolfmath.h>
#include <string.h>
#include <time.h>

#include "bench.h"

extern void *__libc_malloc(size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

/* wolfSSL's allocator hooks: counted like malloc (bench/alloc.c). */
static void *wolf_malloc(size_t size)
{
	bench_allocs++;
	return __libc_malloc(size);
}

static void wolf_free(void *p)
{
	__libc_free(p);
}

static void *wolf_realloc(void *p, size_t size)
{
	bench_allocs++;
	return __libc_realloc(p, size);
}

static void wolf_init(void)
{
	wolfSSL_SetAllocators(wolf_malloc, wolf_free, wolf_realloc);
}

static int date_out(const byte *date, int len)
{
	const byte *d;
	byte format;
	int dlen;
	struct tm tm;
	char buf[21];

	if (date == NULL || wc_GetDateInfo(date, len, &d, &format, &dlen) != 0 ||
	    wc_GetDateAsCalendarTime(d, dlen, format, &tm) != 0)
		return -1;
	bench_fmt_time(buf, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	               tm.tm_hour, tm.tm_min, tm.tm_sec);
	bench_eat(buf, 20);
	return 0;
}

static int serial_out(const byte *serial, int len)
{
	mp_int m;
	char dec[200];

	if (mp_init(&m) != MP_OKAY)
		return -1;
	if (mp_read_unsigned_bin(&m, serial, (word32)len) != MP_OKAY ||
	    mp_todecimal(&m, dec) != MP_OKAY) {
		mp_clear(&m);
		return -1;
	}
	bench_eat(dec, strlen(dec));
	mp_clear(&m);
	return 0;
}

static enum bench_res wolf_full(const uint8_t *der, size_t len)
{
	DecodedCert dc;
	byte md[WC_SHA256_DIGEST_SIZE];
	enum bench_res res = BENCH_OK;
	const DNS_entry *alt;

	InitDecodedCert(&dc, der, (word32)len, NULL);
	if (ParseCert(&dc, CERT_TYPE, NO_VERIFY, NULL) != 0) {
		FreeDecodedCert(&dc);
		return BENCH_REJECT;
	}

	bench_eat(dc.subject, strlen(dc.subject));
	bench_eat(dc.issuer, strlen(dc.issuer));
	if (serial_out(dc.serial, dc.serialSz))
		res = BENCH_FIELD_ERROR;
	if (date_out(dc.beforeDate, dc.beforeDateLen) ||
	    date_out(dc.afterDate, dc.afterDateLen))
		res = BENCH_FIELD_ERROR;

	if (dc.extensions != NULL)
		bench_eat(dc.extensions, (size_t)dc.extensionsSz);
	for (alt = dc.altNames; alt != NULL; alt = alt->next)
		bench_eat(alt->name, (size_t)alt->len);
	bench_eat(dc.extSubjKeyId, sizeof(dc.extSubjKeyId));
	bench_eat(dc.extAuthKeyId, sizeof(dc.extAuthKeyId));
	bench_sink += dc.extKeyUsage + dc.extExtKeyUsage + dc.pathLength +
	              (uint64_t)dc.isCA;

	if (wc_Sha256Hash(der, (word32)len, md) != 0)
		res = BENCH_FIELD_ERROR;
	else
		bench_eat(md, sizeof(md));

	FreeDecodedCert(&dc);
	return res;
}

static enum bench_res wolf_parse(const uint8_t *der, size_t len)
{
	DecodedCert dc;
	int ret;

	InitDecodedCert(&dc, der, (word32)len, NULL);
	ret = ParseCert(&dc, CERT_TYPE, NO_VERIFY, NULL);
	FreeDecodedCert(&dc);
	return ret == 0 ? BENCH_OK : BENCH_REJECT;
}

const struct bench_lib bench_wolfssl = {
	.name = "wolfSSL",
	.version = "wolfSSL " LIBWOLFSSL_VERSION_STRING,
	.init = wolf_init,
	.parse_only = wolf_parse,
	.parse = wolf_full,
};

static int wolf_fp(void *obj, const uint8_t *der, size_t len, uint8_t out[32])
{
	(void)obj;
	return wc_Sha256Hash(der, (word32)len, out);
}

const struct bench_fp bench_fp_wolfssl = {
	.name = "wolfSSL",
	.call = "`wc_Sha256Hash(der)`",
	.digest = wolf_fp,
};
