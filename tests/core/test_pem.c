/*
 * test_pem.c - the PEM scanner and base64 decoder (xc/pem.h).
 *
 * Most cases are rows: a buffer and the blocks the iterator must give,
 * each with its scan result, label, kind and decode result. The seed
 * examples check real files against sha256 values that `openssl x509
 * -outform der | sha256sum` (and the pyca reference) give.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/fp.h>
#include <xc/pem.h>

#define C(s) "-----BEGIN CERTIFICATE-----\n" s "-----END CERTIFICATE-----\n"

/* One result of xc_pem_next, and of xc_pem_decode on its body. */
typedef struct exp_block {
	xc_err scan;            /* xc_pem_next's result */
	size_t scan_off;        /* its *off when scan is an error */
	const char *label;
	xc_pem_kind kind;
	xc_err dec;             /* xc_pem_decode's result */
	size_t dec_off;         /* its *off when dec is an error */
	const char *hex;        /* decoded bytes when dec is XC_OK */
} exp_block;

#define OK(label, kind, hex) { XC_OK, 0, label, kind, XC_OK, 0, hex }
#define SCAN_ERR(e, off) { e, off, NULL, XC_PEM_OTHER, XC_OK, 0, NULL }
#define DEC_ERR(label, kind, e, off) { XC_OK, 0, label, kind, e, off, NULL }
#define CERT(hex) OK("CERTIFICATE", XC_PEM_CERTIFICATE, hex)
#define CERT_ERR(e, off) DEC_ERR("CERTIFICATE", XC_PEM_CERTIFICATE, e, off)

static const struct {
	const char *name;
	const char *text;
	exp_block blocks[6];    /* up to the first with a NULL label and XC_OK scan */
} cases[] = {
	{ "one block, LF", C("AQID\n"), { CERT("010203") } },
	{ "one block, CRLF",
	  "-----BEGIN CERTIFICATE-----\r\nAQID\r\nBAUG\r\n-----END CERTIFICATE-----\r\n",
	  { CERT("010203040506") } },
	{ "leading and trailing text",
	  "Subject: CN=x\nIssuer: CN=y\n\n" C("3q2+7w==\n") "trailing\ntext",
	  { CERT("deadbeef") } },
	{ "no newline at the end", "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----",
	  { CERT("010203") } },
	{ "several blocks with text between",
	  "a cert\n" C("AQID\n") "a crl\n"
	  "-----BEGIN X509 CRL-----\nBAUG\n-----END X509 CRL-----\n\n\nand a csr\n"
	  "-----BEGIN CERTIFICATE REQUEST-----\n/w==\n-----END CERTIFICATE REQUEST-----\n",
	  { CERT("010203"), OK("X509 CRL", XC_PEM_CRL, "040506"),
	    OK("CERTIFICATE REQUEST", XC_PEM_CSR, "ff") } },
	{ "private key between certs",
	  C("AQID\n") "-----BEGIN PRIVATE KEY-----\nBAUG\n-----END PRIVATE KEY-----\n"
	  C("BwgJ\n"),
	  { CERT("010203"), OK("PRIVATE KEY", XC_PEM_OTHER, "040506"), CERT("070809") } },
	{ "NEW CERTIFICATE REQUEST",
	  "-----BEGIN NEW CERTIFICATE REQUEST-----\nAQID\n-----END NEW CERTIFICATE REQUEST-----\n",
	  { OK("NEW CERTIFICATE REQUEST", XC_PEM_CSR, "010203") } },
	{ "TRUSTED CERTIFICATE",
	  "-----BEGIN TRUSTED CERTIFICATE-----\nAQID\n-----END TRUSTED CERTIFICATE-----\n",
	  { OK("TRUSTED CERTIFICATE", XC_PEM_TRUSTED_CERTIFICATE, "010203") } },
	{ "PUBLIC KEY and RSA PUBLIC KEY",
	  "-----BEGIN PUBLIC KEY-----\nAQID\n-----END PUBLIC KEY-----\n"
	  "-----BEGIN RSA PUBLIC KEY-----\nAQID\n-----END RSA PUBLIC KEY-----\n",
	  { OK("PUBLIC KEY", XC_PEM_PUBLIC_KEY, "010203"),
	    OK("RSA PUBLIC KEY", XC_PEM_RSA_PUBLIC_KEY, "010203") } },
	{ "labels are case-sensitive",
	  "-----BEGIN certificate-----\nAQID\n-----END certificate-----\n",
	  { OK("certificate", XC_PEM_OTHER, "010203") } },
	{ "empty label", "-----BEGIN -----\nAQID\n-----END -----\n",
	  { OK("", XC_PEM_OTHER, "010203") } },
	{ "text before BEGIN and after END on their lines",
	  "xx-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE----- yy\n",
	  { CERT("010203") } },
	{ "data on the BEGIN and END lines",
	  "-----BEGIN CERTIFICATE-----AQID\nBAUG-----END CERTIFICATE-----",
	  { CERT("010203040506") } },
	{ "whitespace inside lines, blank lines",
	  C("\n\n  AQ\tID \r\n\n BA UG\t\n\n"), { CERT("010203040506") } },
	{ "padding split over lines", C("/w=\n=\n"), { CERT("ff") } },
	{ "one pad", C("SGVsbG8=\n"), { CERT("48656c6c6f") } },
	/* pyca accepts a last quantum without padding (OpenSSL does not). */
	{ "missing == (pyca accepts)", C("/w\n"), { CERT("ff") } },
	{ "missing = (pyca accepts)", C("SGVsbG8\n"), { CERT("48656c6c6f") } },
	{ "no text at all", "", { { XC_END, 0, NULL, XC_PEM_OTHER, XC_OK, 0, NULL } } },
	{ "text without blocks", "hello\n-----END CERTIFICATE-----\n-----BEGIN",
	  { { XC_END, 0, NULL, XC_PEM_OTHER, XC_OK, 0, NULL } } },

	/* Scan errors: *off at the BEGIN line, and the scan goes on after it. */
	{ "mismatched END label",
	  "-----BEGIN CERTIFICATE-----\nAQID\n-----END X509 CRL-----\n" C("BAUG\n"),
	  { SCAN_ERR(XC_ERR_PEM_LABEL, 0), CERT("040506") } },
	{ "END label with a prefix",
	  "-----BEGIN CERTIFICATE-----\nAQID\n-----END X CERTIFICATE-----\n",
	  { SCAN_ERR(XC_ERR_PEM_LABEL, 0) } },
	{ "END label shorter",
	  "-----BEGIN CERTIFICATE REQUEST-----\nAQID\n-----END CERTIFICATE-----\n",
	  { SCAN_ERR(XC_ERR_PEM_LABEL, 0) } },
	{ "missing END", "text\n-----BEGIN CERTIFICATE-----\nAQID\n",
	  { SCAN_ERR(XC_ERR_PEM_UNTERMINATED, 5) } },
	{ "missing END before another block",
	  "-----BEGIN CERTIFICATE-----\nAQID\n" C("BAUG\n"),
	  { SCAN_ERR(XC_ERR_PEM_UNTERMINATED, 0), CERT("040506") } },
	{ "BEGIN line without closing dashes",
	  "-----BEGIN CERTIFICATE\nAQID\n-----END CERTIFICATE-----\n" C("BAUG\n"),
	  { SCAN_ERR(XC_ERR_PEM_UNTERMINATED, 0), CERT("040506") } },
	{ "END line without closing dashes",
	  "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE\n",
	  { SCAN_ERR(XC_ERR_PEM_UNTERMINATED, 0) } },
	{ "BEGIN at the very end", "x-----BEGIN ", { SCAN_ERR(XC_ERR_PEM_UNTERMINATED, 1) } },

	/* Decode errors: *off from body.p, which is just after the BEGIN
	 * line's "-----" (so the body starts with the line's "\n"). */
	{ "bad base64 character", C("AQ*D\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 3) } },
	{ "bad character on a later line", C("AQID\nBA.G\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 8) } },
	{ "non-ASCII byte", C("AQI\xc3\xa9\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 4) } },
	{ "padding in the middle", C("/w==AQID\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 5) } },
	{ "padding in the middle, next line", C("/w==\nAQID\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 6) } },
	{ "padding after a full quantum", C("AQID=\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 5) } },
	{ "padding after one symbol", C("AQIDB==\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 6) } },
	{ "three pads", C("/w===\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 5) } },
	{ "two pads after three symbols", C("SGVsbG8==\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 9) } },
	{ "one pad where two are due", C("/w=\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 3) } },
	{ "only padding", C("====\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 1) } },
	/* pyca refuses non-zero unused bits (OpenSSL accepts them). */
	{ "trailing bits, ==", C("/x==\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 2) } },
	{ "trailing bits, =", C("SGVsbG9=\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 7) } },
	{ "trailing bits, unpadded", C("/x\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 2) } },
	{ "a lone last symbol", C("AQIDB\n"), { CERT_ERR(XC_ERR_PEM_BASE64, 5) } },
	{ "RFC 1421 headers",
	  "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
	  "DEK-Info: AES-128-CBC,00\n\nAQID\n-----END RSA PRIVATE KEY-----\n",
	  { DEC_ERR("RSA PRIVATE KEY", XC_PEM_OTHER, XC_ERR_PEM_BASE64, 5) } },
	{ "empty body", C(""), { CERT_ERR(XC_ERR_PEM_EMPTY, 0) } },
	{ "whitespace-only body", C(" \r\n\t\n"), { CERT_ERR(XC_ERR_PEM_EMPTY, 0) } },
	{ "empty body on one line", "-----BEGIN CERTIFICATE----------END CERTIFICATE-----",
	  { CERT_ERR(XC_ERR_PEM_EMPTY, 0) } },
};

static bool is_last(const exp_block *b)
{
	return b->scan == XC_OK && !b->label;
}

static void check_case(size_t ci)
{
	const char *text = cases[ci].text;
	size_t len = strlen(text);
	xc_pem_iter it;
	xc_pem_block blk;
	size_t off;
	xc_err e;

	xc_pem_iter_init(&it, (const uint8_t *)text, len);
	for (const exp_block *x = cases[ci].blocks; !is_last(x); x++) {
		off = 12345;
		e = xc_pem_next(&it, &blk, &off);
		if (e != x->scan)
			fprintf(stderr, "%s: block %zu: scan %s, want %s\n", cases[ci].name,
				(size_t)(x - cases[ci].blocks), xc_errname(e), xc_errname(x->scan));
		CU_ASSERT_EQUAL(e, x->scan);
		if (e != x->scan)
			return;
		if (e == XC_END)
			return;
		if (e != XC_OK) {
			CU_ASSERT_EQUAL(off, x->scan_off);
			continue;
		}
		CU_ASSERT_EQUAL(blk.label.len, strlen(x->label));
		CU_ASSERT(memcmp(blk.label.p, x->label, blk.label.len) == 0);
		CU_ASSERT_EQUAL(blk.kind, x->kind);
		CU_ASSERT(blk.begin < blk.end && blk.end <= len);
		CU_ASSERT(memcmp(text + blk.begin, "-----BEGIN ", 11) == 0);
		CU_ASSERT(memcmp(text + blk.end - 5, "-----", 5) == 0);
		CU_ASSERT(blk.body.p > (const uint8_t *)text + blk.begin &&
			  blk.body.p + blk.body.len < (const uint8_t *)text + blk.end);

		uint8_t out[256];
		size_t n = 999, doff = 12345;

		CU_ASSERT_FATAL(XC_PEM_DECODED_MAX(blk.body.len) <= sizeof out);
		e = xc_pem_decode(blk.body, out, sizeof out, &n, &doff);
		if (e != x->dec)
			fprintf(stderr, "%s: decode %s at %zu, want %s\n", cases[ci].name,
				xc_errname(e), doff, xc_errname(x->dec));
		CU_ASSERT_EQUAL(e, x->dec);
		if (e != XC_OK) {
			if (e == x->dec && doff != x->dec_off)
				fprintf(stderr, "%s: decode offset %zu, want %zu\n",
					cases[ci].name, doff, x->dec_off);
			CU_ASSERT_EQUAL(doff, x->dec_off);
			CU_ASSERT_EQUAL(n, 0);
			continue;
		}
		size_t wl;
		uint8_t *want = tu_unhex(x->hex, &wl);
		CU_ASSERT_EQUAL(n, wl);
		CU_ASSERT(n == wl && memcmp(out, want, n) == 0);
		CU_ASSERT(n <= XC_PEM_DECODED_MAX(blk.body.len));
		free(want);
	}
	e = xc_pem_next(&it, &blk, NULL);
	if (e != XC_END)
		fprintf(stderr, "%s: extra block: %s\n", cases[ci].name, xc_errname(e));
	CU_ASSERT_EQUAL(e, XC_END);
	/* And it stays ended. */
	CU_ASSERT_EQUAL(xc_pem_next(&it, &blk, NULL), XC_END);
}

static void test_cases(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_case(i);
}

/* Exact offsets of one block in a known buffer. */
static void test_offsets(void)
{
	static const char text[] = "ab\r\n-----BEGIN X509 CRL-----\r\nAQID\r\n-----END X509 CRL-----\r\nz";
	xc_pem_iter it;
	xc_pem_block b;

	xc_pem_iter_init(&it, (const uint8_t *)text, sizeof text - 1);
	CU_ASSERT_EQUAL_FATAL(xc_pem_next(&it, &b, NULL), XC_OK);
	CU_ASSERT_EQUAL(b.begin, 4);
	CU_ASSERT_EQUAL(b.end, 4 + 24 + 8 + 22);
	CU_ASSERT(memcmp(text + b.end - 8, "CRL-----", 8) == 0);
	CU_ASSERT_PTR_EQUAL(b.label.p, (const uint8_t *)text + 15);
	CU_ASSERT_EQUAL(b.label.len, 8);
	CU_ASSERT_PTR_EQUAL(b.body.p, (const uint8_t *)text + 28);
	CU_ASSERT_EQUAL(b.body.len, 8);
	CU_ASSERT_EQUAL(xc_pem_next(&it, &b, NULL), XC_END);
}

/* The output buffer: exactly the decoded size fits, one less does not,
 * for whole and partial last quanta. */
static void test_buffer(void)
{
	static const struct {
		const char *b64;
		size_t n;
	} rows[] = {
		{ "AQIDBAUG", 6 }, { "AQIDBA==", 4 }, { "AQIDBAU=", 5 }, { "AQIDBAU", 5 }, { "/w==", 1 },
	};
	uint8_t out[8];
	size_t n, off;

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		xc_slice s = xc_slice_make(rows[i].b64, strlen(rows[i].b64));

		CU_ASSERT_EQUAL(xc_pem_decode(s, out, rows[i].n, &n, &off), XC_OK);
		CU_ASSERT_EQUAL(n, rows[i].n);
		CU_ASSERT_EQUAL(xc_pem_decode(s, out, rows[i].n - 1, &n, &off), XC_ERR_BUFFER);
		CU_ASSERT_EQUAL(n, 0);
	}
	/* len and off may be NULL; out may be NULL with cap 0. */
	CU_ASSERT_EQUAL(xc_pem_decode(xc_slice_make("AQID", 4), out, 3, NULL, NULL), XC_OK);
	CU_ASSERT_EQUAL(xc_pem_decode(xc_slice_make("AQ*D", 4), out, 3, NULL, NULL),
			XC_ERR_PEM_BASE64);
	CU_ASSERT_EQUAL(xc_pem_decode(xc_slice_make("AQID", 4), NULL, 0, &n, NULL), XC_ERR_BUFFER);
	CU_ASSERT_EQUAL(xc_pem_decode(xc_slice_make(NULL, 0), NULL, 0, &n, &off), XC_ERR_PEM_EMPTY);
	CU_ASSERT_EQUAL(xc_pem_decode(xc_slice_make(NULL, 4), out, 3, &n, &off), XC_ERR_ARG);
	/* A NUL is no whitespace. */
	CU_ASSERT_EQUAL(xc_pem_decode(xc_slice_make("AQ\0ID", 5), out, 3, &n, &off),
			XC_ERR_PEM_BASE64);
	CU_ASSERT_EQUAL(off, 2);
}

/* The seed examples: one block each, the DER openssl gives. */
static const struct {
	const char *file;
	const char *label;
	xc_pem_kind kind;
	size_t der_len;
	const char *sha256;
} seeds[] = {
	{ "seed/good-ca.pem", "CERTIFICATE", XC_PEM_CERTIFICATE, 896,
	  "86d218374763fce77d5b2b45398db48f10e553da1875be7d6103085baca0343f" },
	{ "seed/crl-version-2.pem", "X509 CRL", XC_PEM_CRL, 440,
	  "65cf2ec43a833f31dcf3fc95d7b387b38ef8b9332187079d1bb421b9e457f41f" },
	{ "seed/csr-rsa-sha1.pem", "CERTIFICATE REQUEST", XC_PEM_CSR, 727,
	  "800b075a937ef95d0c97809057a8beb6fd8c81347d7614f7f21adb9bb6520c46" },
	{ "seed/cryptography-io.pem", "CERTIFICATE", XC_PEM_CERTIFICATE, 1473,
	  "dc4f4d1400d4526052b5da693394dc8560b29cc21df90b9e2ec7416261c73888" },
	{ "seed/issuer-rsa4096.pub.pem", "RSA PUBLIC KEY", XC_PEM_RSA_PUBLIC_KEY, 526,
	  "f5a6e187b7e43d17f446387bd33067524e724490030c1d7913b44b7545e6d026" },
	{ "seed/signed-by-issuer-rsa4096.pem", "CERTIFICATE", XC_PEM_CERTIFICATE, 1202,
	  "060b406eb6c947b4deffcd399bcfb28eba6f890570a7f4ca03b8fa6dc9ab6333" },
};

static void check_der(size_t i, const uint8_t *der, size_t n)
{
	uint8_t h[32];

	CU_ASSERT_EQUAL(n, seeds[i].der_len);
	CU_ASSERT_EQUAL_FATAL(xc_fingerprint(XC_HASH_SHA256, xc_slice_make(der, n), h, sizeof h),
			      XC_OK);
	char *hex = tu_hex(h, sizeof h);
	CU_ASSERT_STRING_EQUAL(hex, seeds[i].sha256);
	free(hex);
}

static void test_seeds(void)
{
	for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
		size_t len, n, off;
		uint8_t *buf = tu_read_data(seeds[i].file, &len);
		xc_pem_iter it;
		xc_pem_block b;

		CU_ASSERT(xc_pem_detect(buf, len));
		xc_pem_iter_init(&it, buf, len);
		CU_ASSERT_EQUAL_FATAL(xc_pem_next(&it, &b, &off), XC_OK);
		CU_ASSERT_EQUAL(b.kind, seeds[i].kind);
		CU_ASSERT(b.label.len == strlen(seeds[i].label) &&
			  memcmp(b.label.p, seeds[i].label, b.label.len) == 0);
		CU_ASSERT_EQUAL(b.begin, 0);
		CU_ASSERT_EQUAL(b.end, len - 1);   /* all end in "-----\n" */
		CU_ASSERT_EQUAL(xc_pem_next(&it, &b, NULL), XC_END);

		/* Into a separate buffer of the documented size... */
		uint8_t *out = malloc(XC_PEM_DECODED_MAX(b.body.len));
		CU_ASSERT_EQUAL(xc_pem_decode(b.body, out, XC_PEM_DECODED_MAX(b.body.len), &n,
					      &off), XC_OK);
		check_der(i, out, n);
		free(out);

		/* ...and in place, over the body's own bytes. */
		uint8_t *inplace = buf + (b.body.p - buf);
		CU_ASSERT_EQUAL(xc_pem_decode(b.body, inplace, b.body.len, &n, &off), XC_OK);
		check_der(i, inplace, n);
		free(buf);
	}
}

/* All seed files in one bundle, with text around and between them. */
static void test_bundle(void)
{
	size_t cap = 1 << 16, len = 0, n;
	char *bundle = malloc(cap);
	xc_pem_iter it;
	xc_pem_block b;

	len += (size_t)snprintf(bundle, cap, "Bundle of %zu\r\n", sizeof seeds / sizeof seeds[0]);
	for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
		size_t fl;
		uint8_t *f = tu_read_data(seeds[i].file, &fl);

		CU_ASSERT_FATAL(len + fl + 64 < cap);
		memcpy(bundle + len, f, fl);
		len += fl;
		len += (size_t)snprintf(bundle + len, cap - len, "# after %s\n\n", seeds[i].file);
		free(f);
	}
	xc_pem_iter_init(&it, (uint8_t *)bundle, len);
	for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
		CU_ASSERT_EQUAL_FATAL(xc_pem_next(&it, &b, NULL), XC_OK);
		CU_ASSERT_EQUAL(b.kind, seeds[i].kind);
		uint8_t *inplace = (uint8_t *)bundle + (b.body.p - (uint8_t *)bundle);
		CU_ASSERT_EQUAL(xc_pem_decode(b.body, inplace, b.body.len, &n, NULL), XC_OK);
		check_der(i, inplace, n);
	}
	CU_ASSERT_EQUAL(xc_pem_next(&it, &b, NULL), XC_END);
	free(bundle);
}

/* A plain encoder for the round trips (the tests may have their own). */
static size_t b64enc(const uint8_t *p, size_t n, char *out, size_t width, bool pad)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0, col = 0;

	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		size_t k = n - i < 3 ? n - i : 3;

		if (k > 1)
			v |= (uint32_t)p[i + 1] << 8;
		if (k > 2)
			v |= p[i + 2];
		for (size_t j = 0; j < 4; j++) {
			if (j <= k)
				out[o++] = a[(v >> (18 - 6 * j)) & 63];
			else if (pad)
				out[o++] = '=';
			if (width && ++col == width) {
				out[o++] = '\r';
				out[o++] = '\n';
				col = 0;
			}
		}
	}
	return o;
}

/* In place over many lengths and line widths: every output byte lands on
 * input already read. */
static void test_inplace_roundtrip(void)
{
	uint8_t data[300];
	char text[1024];
	uint32_t x = 12345;

	for (size_t i = 0; i < sizeof data; i++) {
		x = x * 1103515245u + 12345u;
		data[i] = (uint8_t)(x >> 16);
	}
	for (size_t n = 1; n <= sizeof data; n++) {
		for (size_t w = 0; w <= 5; w++) {
			size_t width = w ? w * 4 - (w & 1) : 0;  /* 0, 3, 8, 11, 16, 19 */
			size_t len = b64enc(data, n, text, width, w != 3), got = 0, off;
			xc_err e = xc_pem_decode(xc_slice_make(text, len), (uint8_t *)text, len,
						 &got, &off);

			CU_ASSERT_EQUAL(e, XC_OK);
			CU_ASSERT(got == n && memcmp(text, data, n) == 0);
			if (e != XC_OK || got != n || memcmp(text, data, n) != 0) {
				fprintf(stderr, "round trip n=%zu width=%zu: %s\n", n, width,
					xc_errname(e));
				return;
			}
		}
	}
}

static void test_kind_of(void)
{
	static const struct {
		const char *label;
		xc_pem_kind kind;
	} rows[] = {
		{ "CERTIFICATE", XC_PEM_CERTIFICATE },
		{ "TRUSTED CERTIFICATE", XC_PEM_TRUSTED_CERTIFICATE },
		{ "X509 CRL", XC_PEM_CRL },
		{ "CERTIFICATE REQUEST", XC_PEM_CSR },
		{ "NEW CERTIFICATE REQUEST", XC_PEM_CSR },
		{ "PUBLIC KEY", XC_PEM_PUBLIC_KEY },
		{ "RSA PUBLIC KEY", XC_PEM_RSA_PUBLIC_KEY },
		{ "PRIVATE KEY", XC_PEM_OTHER },
		{ "ENCRYPTED PRIVATE KEY", XC_PEM_OTHER },
		{ "EC PRIVATE KEY", XC_PEM_OTHER },
		{ "X509 CERTIFICATE", XC_PEM_CERTIFICATE },
		{ "CERTIFICATE ", XC_PEM_OTHER },
		{ "CERTIFICAT", XC_PEM_OTHER },
		{ "Certificate", XC_PEM_OTHER },
		{ "", XC_PEM_OTHER },
	};

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		CU_ASSERT_EQUAL(xc_pem_kind_of(xc_slice_make(rows[i].label, strlen(rows[i].label))),
				rows[i].kind);
}

static void test_detect(void)
{
	static const struct {
		const char *text;
		bool pem;
	} rows[] = {
		{ "-----BEGIN CERTIFICATE-----\n", true },
		{ "junk\n-----BEGIN X", true },
		{ "-----BEGIN ", true },
		{ "-----BEGIN", false },
		{ "----BEGIN CERTIFICATE", false },
		{ "-----begin certificate-----", false },
		{ "\x30\x82\x03\x7c\x30\x82", false },
		{ "", false },
	};

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		CU_ASSERT_EQUAL(xc_pem_detect((const uint8_t *)rows[i].text, strlen(rows[i].text)),
				rows[i].pem);
	CU_ASSERT_FALSE(xc_pem_detect(NULL, 0));
}

static void test_null_iter(void)
{
	xc_pem_iter it;
	xc_pem_block b;

	xc_pem_iter_init(&it, NULL, 10);
	CU_ASSERT_EQUAL(xc_pem_next(&it, &b, NULL), XC_END);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "table of buffers", test_cases },
		{ "block offsets", test_offsets },
		{ "output buffer size", test_buffer },
		{ "seed examples", test_seeds },
		{ "bundle of the seed examples", test_bundle },
		{ "in-place round trips", test_inplace_roundtrip },
		{ "kind of a label", test_kind_of },
		{ "detect", test_detect },
		{ "NULL buffer", test_null_iter },
		{ NULL, NULL },
	};

	return tu_run("pem", tests);
}
