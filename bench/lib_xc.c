/*
 * bench/lib_xc.c - the core, with full field access: parse, both names in
 * RFC 4514 form, the serial in decimal, both times formatted, every
 * extension's OID, criticality and value, and the SHA-256 fingerprint.
 * All output goes to buffers on the stack: the core never allocates.
 */
#include <xc/xc.h>

#include "bench.h"

/* Names far longer than any in the corpus; XC_ERR_BUFFER would show as a
 * field error, never as a silent truncation. */
#define NAME_MAX_LEN 4096

static enum bench_res xc_full(const uint8_t *der, size_t len)
{
	char name[NAME_MAX_LEN];
	char serial[XC_INT_DEC_MAX(64)];
	char when[XC_TIME_STR];
	uint8_t fp[32];
	xc_cert c;
	xc_ext_iter it;
	xc_ext e;
	xc_err err;
	size_t n;
	int res = BENCH_OK;

	if (xc_cert_parse(&c, der, len, NULL) != XC_OK)
		return BENCH_REJECT;

	if (xc_name_rfc4514(c.subject, name, sizeof(name), &n) == XC_OK)
		bench_eat(name, n);
	else
		res = BENCH_FIELD_ERROR;
	if (xc_name_rfc4514(c.issuer, name, sizeof(name), &n) == XC_OK)
		bench_eat(name, n);
	else
		res = BENCH_FIELD_ERROR;
	if (c.serial.len <= 64 &&
	    xc_int_to_dec(c.serial, serial, sizeof(serial), &n) == XC_OK)
		bench_eat(serial, n);
	else
		res = BENCH_FIELD_ERROR;
	xc_time_format(&c.not_before, when, sizeof(when));
	bench_eat(when, XC_TIME_STR - 1);
	xc_time_format(&c.not_after, when, sizeof(when));
	bench_eat(when, XC_TIME_STR - 1);

	xc_ext_iter_init(&it, c.extensions);
	while ((err = xc_ext_next(&it, &e)) == XC_OK) {
		bench_eat(e.oid.p, e.oid.len);
		bench_eat(e.value.p, e.value.len);
		bench_sink += e.critical;
	}
	if (err != XC_END)
		res = BENCH_FIELD_ERROR;

	if (xc_fingerprint(XC_HASH_SHA256, c.der, fp, sizeof(fp)) != XC_OK)
		return BENCH_FIELD_ERROR;
	bench_eat(fp, sizeof(fp));
	return (enum bench_res)res;
}

static enum bench_res xc_parse(const uint8_t *der, size_t len)
{
	xc_cert c;

	if (xc_cert_parse(&c, der, len, NULL) != XC_OK)
		return BENCH_REJECT;
	bench_eat(c.tbs.p, c.tbs.len);
	return BENCH_OK;
}

const struct bench_lib bench_xc = {
	.name = "certfs core",
	.version = XC_VERSION,
	.parse_only = xc_parse,
	.parse = xc_full,
};

static int xc_fp(void *obj, const uint8_t *der, size_t len, uint8_t out[32])
{
	(void)obj;
	return xc_fingerprint(XC_HASH_SHA256, xc_slice_make(der, len), out, 32) == XC_OK
	               ? 0 : -1;
}

const struct bench_fp bench_fp_xc = {
	.name = "certfs core",
	.call = "`xc_fingerprint(XC_HASH_SHA256, der)` (wolfCrypt's SHA-256)",
	.digest = xc_fp,
};
