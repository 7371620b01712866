/*
 * bench/lib_mbedtls.c - mbedTLS 2.x: mbedtls_x509_crt_parse_der_nocopy
 * (the DER stays in the caller's buffer, as with the core), both names
 * with mbedtls_x509_dn_gets, the serial with mbedtls_x509_serial_gets (hex:
 * mbedTLS has no decimal form), both times (its broken-down
 * mbedtls_x509_time, formatted), every extension walked with its own ASN.1
 * reader over crt.v3_ext (OID, critical, value), the lists it decoded
 * (subjectAltName, extKeyUsage, policies), and mbedtls_sha256 of the raw.
 */
#include <mbedtls/asn1.h>
#include <mbedtls/sha256.h>
#include <mbedtls/version.h>
#include <mbedtls/x509_crt.h>

#include "bench.h"

#define NAME_MAX_LEN 4096

static int time_out(const mbedtls_x509_time *t)
{
	char buf[21];

	bench_fmt_time(buf, t->year, t->mon, t->day, t->hour, t->min, t->sec);
	bench_eat(buf, 20);
	return 0;
}

static void seq_out(const mbedtls_x509_sequence *s)
{
	for (; s != NULL && s->buf.p != NULL; s = s->next)
		bench_eat(s->buf.p, s->buf.len);
}

/* Extensions ::= SEQUENCE OF Extension; v3_ext is the SEQUENCE TLV (the
 * parser already checked it, so a failure here is a field error). */
static int exts_out(const mbedtls_x509_buf *v3)
{
	unsigned char *p = v3->p, *end = v3->p + v3->len, *ext_end;
	size_t len;
	int crit;

	if (v3->p == NULL || v3->len == 0)
		return 0;
	if (mbedtls_asn1_get_tag(&p, end, &len,
	                         MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE))
		return -1;
	end = p + len;
	while (p < end) {
		if (mbedtls_asn1_get_tag(&p, end, &len,
		                         MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE))
			return -1;
		ext_end = p + len;
		if (mbedtls_asn1_get_tag(&p, ext_end, &len, MBEDTLS_ASN1_OID))
			return -1;
		bench_eat(p, len);
		p += len;
		crit = 0;
		if (p < ext_end && *p == MBEDTLS_ASN1_BOOLEAN &&
		    mbedtls_asn1_get_bool(&p, ext_end, &crit))
			return -1;
		bench_sink += (uint64_t)crit;
		if (mbedtls_asn1_get_tag(&p, ext_end, &len, MBEDTLS_ASN1_OCTET_STRING))
			return -1;
		bench_eat(p, len);
		p += len;
		if (p != ext_end)
			return -1;
	}
	return 0;
}

static enum bench_res mbed_full(const uint8_t *der, size_t len)
{
	char buf[NAME_MAX_LEN];
	unsigned char md[32];
	mbedtls_x509_crt crt;
	enum bench_res res = BENCH_OK;
	int n;

	mbedtls_x509_crt_init(&crt);
	if (mbedtls_x509_crt_parse_der_nocopy(&crt, der, len) != 0) {
		mbedtls_x509_crt_free(&crt);
		return BENCH_REJECT;
	}

	n = mbedtls_x509_dn_gets(buf, sizeof(buf), &crt.subject);
	if (n < 0)
		res = BENCH_FIELD_ERROR;
	else
		bench_eat(buf, (size_t)n);
	n = mbedtls_x509_dn_gets(buf, sizeof(buf), &crt.issuer);
	if (n < 0)
		res = BENCH_FIELD_ERROR;
	else
		bench_eat(buf, (size_t)n);
	n = mbedtls_x509_serial_gets(buf, sizeof(buf), &crt.serial);
	if (n < 0)
		res = BENCH_FIELD_ERROR;
	else
		bench_eat(buf, (size_t)n);
	time_out(&crt.valid_from);
	time_out(&crt.valid_to);

	if (exts_out(&crt.v3_ext))
		res = BENCH_FIELD_ERROR;
	seq_out(&crt.subject_alt_names);
	seq_out(&crt.ext_key_usage);
	seq_out(&crt.certificate_policies);
	bench_sink += crt.key_usage + (uint64_t)crt.max_pathlen +
	              (uint64_t)crt.ca_istrue + crt.ns_cert_type;

	if (mbedtls_sha256_ret(crt.raw.p, crt.raw.len, md, 0) != 0)
		res = BENCH_FIELD_ERROR;
	else
		bench_eat(md, sizeof(md));

	mbedtls_x509_crt_free(&crt);
	return res;
}

static enum bench_res mbed_parse(const uint8_t *der, size_t len)
{
	mbedtls_x509_crt crt;
	int ret;

	mbedtls_x509_crt_init(&crt);
	ret = mbedtls_x509_crt_parse_der_nocopy(&crt, der, len);
	mbedtls_x509_crt_free(&crt);
	return ret == 0 ? BENCH_OK : BENCH_REJECT;
}

const struct bench_lib bench_mbedtls = {
	.name = "mbedTLS",
	.version = "mbedTLS " MBEDTLS_VERSION_STRING,
	.parse_only = mbed_parse,
	.parse = mbed_full,
};

static int mbed_fp(void *obj, const uint8_t *der, size_t len, uint8_t out[32])
{
	(void)obj;
	return mbedtls_sha256_ret(der, len, out, 0);
}

const struct bench_fp bench_fp_mbedtls = {
	.name = "mbedTLS",
	.call = "`mbedtls_sha256_ret(der)`",
	.digest = mbed_fp,
};
