/*
 * tests/issuer/cmd/test_cmd_parts.c - the commands' shared parts, below
 * the binary: the core's check of every output (check.c: a corrupted
 * signature, a duplicated extension or a broken structure is refused as
 * an internal error), the option parser (opt.c), periods, and random
 * serials (serial.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "opt.h"
#include "serial.h"
#include "ext.h"
#include "testutil.h"

/* --- check.c ----------------------------------------------------------- */

/* tests/data/cert/ec-p256.der is self-signed (CN=t); crl/ec-p256.der is
 * signed by the same key; csr/ec-p256.der is a CSR. */
static xc_slice cert_spki(const uint8_t *der, size_t len)
{
	xc_cert c;

	CU_ASSERT_EQUAL_FATAL(xc_cert_parse(&c, der, len, NULL), XC_OK);
	return c.spki;
}

static void test_check_accepts(void)
{
	size_t n, nc, nr;
	uint8_t *cert = tu_read_data("cert/ec-p256.der", &n);
	uint8_t *crl = tu_read_data("crl/ec-p256.der", &nc);
	uint8_t *csr = tu_read_data("csr/ec-p256.der", &nr);
	xc_slice spki = cert_spki(cert, n), none = { NULL, 0 };
	ci_checked out;
	ci_msg m = { "" };

	CU_ASSERT_EQUAL(ci_check(&out, CI_OBJ_CERT, xc_slice_make(cert, n), spki, &m), 0);
	CU_ASSERT_EQUAL(out.kind, CI_OBJ_CERT);
	CU_ASSERT_EQUAL(out.u.cert.der.len, n);
	CU_ASSERT_EQUAL(ci_check(&out, CI_OBJ_CRL, xc_slice_make(crl, nc), spki, &m), 0);
	CU_ASSERT_EQUAL(ci_check(&out, CI_OBJ_CSR, xc_slice_make(csr, nr), none, &m), 0);
	free(cert);
	free(crl);
	free(csr);
}

static void refused(ci_obj_kind kind, const uint8_t *der, size_t n, xc_slice spki,
		    const char *why)
{
	ci_checked out;
	ci_msg m = { "" };

	CU_ASSERT_EQUAL(ci_check(&out, kind, xc_slice_make(der, n), spki, &m), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(m.text, "internal error"));
	CU_ASSERT_PTR_NOT_NULL(strstr(m.text, why));
	if (!strstr(m.text, why))
		fprintf(stderr, "message: %s\n", m.text);
}

static void test_check_refuses(void)
{
	size_t n, nc, nr, no;
	uint8_t *cert = tu_read_data("cert/ec-p256.der", &n);
	uint8_t *crl = tu_read_data("crl/ec-p256.der", &nc);
	uint8_t *csr = tu_read_data("csr/ec-p256.der", &nr);
	uint8_t *other = tu_read_data("seed/good-ca.pem", &no);
	xc_slice spki = cert_spki(cert, n), none = { NULL, 0 };
	xc_pem_iter it;
	xc_pem_block b;
	size_t on;

	/* A signature byte flipped: parses, does not verify. */
	cert[n - 3] ^= 1;
	refused(CI_OBJ_CERT, cert, n, spki, "signature does not verify");
	cert[n - 3] ^= 1;
	crl[nc - 3] ^= 1;
	refused(CI_OBJ_CRL, crl, nc, spki, "signature does not verify");
	crl[nc - 3] ^= 1;
	csr[nr - 3] ^= 1;
	refused(CI_OBJ_CSR, csr, nr, none, "signature does not verify");
	csr[nr - 3] ^= 1;
	/* The right structure signed by another key. */
	xc_pem_iter_init(&it, other, no);
	CU_ASSERT_EQUAL_FATAL(xc_pem_next(&it, &b, NULL), XC_OK);
	CU_ASSERT_EQUAL_FATAL(xc_pem_decode(b.body, other, no, &on, NULL), XC_OK);
	refused(CI_OBJ_CERT, cert, n, cert_spki(other, on), "signature does not verify");
	/* Not the kind asked for; truncated. */
	refused(CI_OBJ_CRL, cert, n, spki, "does not parse");
	refused(CI_OBJ_CERT, cert, n - 1, spki, "does not parse");
	free(cert);
	free(crl);
	free(csr);
	free(other);
}

/* A certificate holding one extension twice: parses, and pyca would
 * refuse it, so the check does. The signature is never reached. */
static void test_check_duplicate_extension(void)
{
	/* Built with the issuer's own writer: a TBS with [3] { ext, ext }
	 * around the parts of a real certificate. */
	uint8_t buf[512];
	ci_der w;
	size_t n;
	uint8_t *cert = tu_read_data("cert/ec-p256.der", &n);
	xc_cert c;
	xc_slice spki;

	CU_ASSERT_EQUAL_FATAL(xc_cert_parse(&c, cert, n, NULL), XC_OK);
	spki = c.spki;
	ci_der_init(&w, buf, sizeof(buf));
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	ci_der_begin(&w, CI_TAG_CTX_CONS(0));
	ci_der_int(&w, 2);
	ci_der_end(&w);
	ci_der_int(&w, 1);
	ci_der_raw(&w, c.tbs_sig_alg.raw.p, c.tbs_sig_alg.raw.len);
	ci_der_raw(&w, c.issuer_raw.p, c.issuer_raw.len);
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	ci_der_time(&w, 0);
	ci_der_time(&w, 86400);
	ci_der_end(&w);
	ci_der_raw(&w, c.subject_raw.p, c.subject_raw.len);
	ci_der_raw(&w, spki.p, spki.len);
	ci_der_begin(&w, CI_TAG_CTX_CONS(3));
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	for (int i = 0; i < 2; i++) {
		ci_der_begin(&w, CI_TAG_SEQUENCE);
		ci_der_oid(&w, "1.3.6.1.5.5.7.48.1.5");
		ci_der_tlv(&w, CI_TAG_OCTET_STRING, "\x05\x00", 2);
		ci_der_end(&w);
	}
	ci_der_end(&w);
	ci_der_end(&w);
	ci_der_end(&w);
	ci_der_raw(&w, c.sig_alg.raw.p, c.sig_alg.raw.len);
	ci_der_bits(&w, c.signature.p, c.signature.len, 0);
	ci_der_end(&w);
	CU_ASSERT_EQUAL_FATAL(ci_der_finish(&w), CI_DER_OK);
	refused(CI_OBJ_CERT, ci_der_out(&w).p, ci_der_out(&w).len, spki,
		"extension 1.3.6.1.5.5.7.48.1.5 twice");
	free(cert);
}

/* --- opt.c ------------------------------------------------------------- */

enum { O_A = CI_O_OWN, O_B, O_R, O_F };

static const ci_opt own[] = {
	{ "alpha", "X", O_A, false, "a" },
	{ "alphabet", "X", O_B, false, "b" },
	{ "rep", "X", O_R, true, "r" },
	{ "flag", NULL, O_F, false, "f" },
	{ NULL, NULL, 0, false, NULL },
};
static const ci_cmd_def def = { "test", "[...]", NULL, own, CI_EXT_IN_CERT };

static int vparse(ci_args *a, ci_msg *m, va_list ap)
{
	char *argv[32];
	int argc = 0;

	argv[argc++] = (char *)"test";
	for (char *s; (s = va_arg(ap, char *)) != NULL;)
		argv[argc++] = s;
	argv[argc] = NULL;
	return ci_opt_parse(&def, argc, argv, a, m);
}

static int parse(ci_args *a, ci_msg *m, ...)
{
	va_list ap;
	int rc;

	va_start(ap, m);
	rc = vparse(a, m, ap);
	va_end(ap);
	return rc;
}

static void test_opt_parse(void)
{
	static ci_args a;
	ci_msg m = { "" };

	CU_ASSERT_EQUAL(parse(&a, &m, "--alpha", "1", "--san", "dns:a", "--rep=x", "--flag",
			      "--san", "dns:b", "--rep", "y", "--no-ski", "--alphabet=z", NULL), 0);
	CU_ASSERT_STRING_EQUAL(a.val[O_A], "1");
	CU_ASSERT_STRING_EQUAL(a.val[O_B], "z");
	CU_ASSERT_STRING_EQUAL(a.val[O_F], "");
	CU_ASSERT_EQUAL(a.all_count, 2);
	CU_ASSERT_STRING_EQUAL(a.all[0], "x");
	CU_ASSERT_STRING_EQUAL(a.all[1], "y");
	CU_ASSERT_EQUAL_FATAL(a.ext_count, 3);
	CU_ASSERT_STRING_EQUAL(a.ext[0].name, "san");
	CU_ASSERT_STRING_EQUAL(a.ext[0].value, "dns:a");
	CU_ASSERT_STRING_EQUAL(a.ext[1].value, "dns:b");
	CU_ASSERT_STRING_EQUAL(a.ext[2].name, "no-ski");
	CU_ASSERT_PTR_NULL(a.ext[2].value);
	CU_ASSERT_FALSE(a.help);
	CU_ASSERT_FALSE(ci_opt_has(&a, O_R) && a.count[O_R] != 2);

	/* The common options come with every command. */
	CU_ASSERT_EQUAL(parse(&a, &m, "--out", "f", "--der", "--hash", "sha384", "--rsa-pss",
			      "--force", "--allow-weak", "--passphrase-file", "p", NULL), 0);
	CU_ASSERT_STRING_EQUAL(a.val[CI_O_OUT], "f");
	CU_ASSERT_STRING_EQUAL(a.val[CI_O_HASH], "sha384");
	CU_ASSERT_STRING_EQUAL(a.val[CI_O_PASS], "p");
	CU_ASSERT_TRUE(ci_opt_has(&a, CI_O_DER) && ci_opt_has(&a, CI_O_PSS) &&
		       ci_opt_has(&a, CI_O_FORCE) && ci_opt_has(&a, CI_O_WEAK));
	CU_ASSERT_FALSE(ci_opt_has(&a, O_A));

	CU_ASSERT_EQUAL(parse(&a, &m, "--help", NULL), 0);
	CU_ASSERT_TRUE(a.help);
	CU_ASSERT_EQUAL(parse(&a, &m, "-h", NULL), 0);
	CU_ASSERT_TRUE(a.help);
}

static void refuse_opt(const char *why, ...)
{
	static ci_args a;
	ci_msg m = { "" };
	va_list ap;
	int rc;

	va_start(ap, why);
	rc = vparse(&a, &m, ap);
	va_end(ap);
	CU_ASSERT_EQUAL(rc, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(m.text, why));
	if (!strstr(m.text, why))
		fprintf(stderr, "wanted '%s', got '%s'\n", why, m.text);
}

static void test_opt_refusals(void)
{
	/* A prefix getopt_long would take ("--alphab" is only "alphabet"). */
	refuse_opt("unknown option '--alphab'", "--alphab", "x", NULL);
	refuse_opt("unknown option '--alp'", "--alp", "x", NULL);
	refuse_opt("unknown option '--nope'", "--nope", NULL);
	refuse_opt("unknown option '-x'", "-x", NULL);
	/* An extension option the object does not take (a CRL's). */
	refuse_opt("unknown option '--crl-number'", "--crl-number", "1", NULL);
	refuse_opt("--alpha needs an argument", "--alpha", NULL);
	refuse_opt("--alpha given twice", "--alpha", "1", "--alpha", "2", NULL);
	refuse_opt("--flag given twice", "--flag", "--flag", NULL);
	refuse_opt("unexpected argument 'stray'", "--flag", "stray", NULL);
	refuse_opt("unexpected argument 'stray'", "stray", "--flag", NULL);
}

static void test_opt_days_period(void)
{
	int64_t s, a, b;
	ci_msg m = { "" };

	CU_ASSERT_EQUAL(ci_opt_days("0", "--days", &s, &m), 0);
	CU_ASSERT_EQUAL(s, 0);
	CU_ASSERT_EQUAL(ci_opt_days("10", "--days", &s, &m), 0);
	CU_ASSERT_EQUAL(s, 864000);
	CU_ASSERT_EQUAL(ci_opt_days("3650000", "--days", &s, &m), 0);
	CU_ASSERT_EQUAL(ci_opt_days("3650001", "--days", &s, &m), -1);
	CU_ASSERT_EQUAL(ci_opt_days("-1", "--days", &s, &m), -1);
	CU_ASSERT_EQUAL(ci_opt_days("+1", "--days", &s, &m), -1);
	CU_ASSERT_EQUAL(ci_opt_days(" 1", "--days", &s, &m), -1);
	CU_ASSERT_EQUAL(ci_opt_days("1x", "--days", &s, &m), -1);
	CU_ASSERT_EQUAL(ci_opt_days("", "--days", &s, &m), -1);
	CU_ASSERT_EQUAL(ci_opt_days("99999999999999999999", "--days", &s, &m), -1);

	/* Defaults: now, now + default. */
	CU_ASSERT_EQUAL(ci_opt_period("--nb", NULL, "--na", NULL, NULL, 100, 5000, &a, &b, &m), 0);
	CU_ASSERT_EQUAL(a, 5000);
	CU_ASSERT_EQUAL(b, 5100);
	CU_ASSERT_EQUAL(ci_opt_period("--nb", "2000-01-01T00:00:00Z", "--na", NULL, "2", 100, 0,
				      &a, &b, &m), 0);
	CU_ASSERT_EQUAL(a, 946684800);
	CU_ASSERT_EQUAL(b, 946684800 + 2 * 86400);
	CU_ASSERT_EQUAL(ci_opt_period("--nb", NULL, "--na", "+1h", NULL, 100, 7200, &a, &b, &m), 0);
	CU_ASSERT_EQUAL(b, 10800);
	/* An end equal to the start is a (zero-length) period. */
	CU_ASSERT_EQUAL(ci_opt_period("--nb", NULL, "--na", "now", NULL, 100, 7200, &a, &b, &m), 0);
	CU_ASSERT_EQUAL(ci_opt_period("--nb", NULL, "--na", "-1s", NULL, 100, 7200, &a, &b, &m), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(m.text, "--na 1970-01-01T01:59:59Z is before --nb"));
	CU_ASSERT_EQUAL(ci_opt_period("--nb", NULL, "--na", "+1d", "1", 100, 0, &a, &b, &m), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(m.text, "--na and --days"));
	CU_ASSERT_EQUAL(ci_opt_period("--nb", "9999-01-01T00:00:00Z", "--na", NULL, "400", 0, 0,
				      &a, &b, &m), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(m.text, "9999-12-31T23:59:59Z"));
	CU_ASSERT_EQUAL(ci_opt_period("--nb", "9999-01-01T00:00:00Z", "--na", NULL, "364", 0, 0,
				      &a, &b, &m), 0);
	CU_ASSERT_EQUAL(ci_opt_period("--nb", "yesterday", "--na", NULL, NULL, 1, 0, &a, &b, &m),
			-1);
	CU_ASSERT_PTR_NOT_NULL(strstr(m.text, "--nb: "));
}

/* --- serial.c ---------------------------------------------------------- */

static void test_serial_random(void)
{
	WC_RNG rng;
	uint8_t s[CI_SERIAL_LEN], prev[CI_SERIAL_LEN] = { 0 };
	size_t len, full = 0, high = 0;
	ci_msg m = { "" };

	CU_ASSERT_EQUAL_FATAL(wc_InitRng(&rng), 0);
	for (int i = 0; i < 2000; i++) {
		CU_ASSERT_EQUAL_FATAL(ci_serial_random(&rng, s, &len, &m), 0);
		CU_ASSERT_TRUE(len >= 1 && len <= CI_SERIAL_LEN);
		CU_ASSERT_NOT_EQUAL(s[0], 0);           /* no leading zero octet */
		if (len == CI_SERIAL_LEN) {
			full++;
			CU_ASSERT_EQUAL(s[0] & 0x80, 0); /* positive without a sign octet */
			high += (s[0] & 0x40) != 0;
		}
		CU_ASSERT_NOT_EQUAL(memcmp(s, prev, sizeof(s)), 0);
		memcpy(prev, s, sizeof(s));
	}
	/* 159 bits: 20 octets with chance 1 - 2^-7, bit 158 set half the
	 * time. Bounds far outside any plausible draw. */
	CU_ASSERT_TRUE(full > 1900);
	CU_ASSERT_TRUE(high > 800 && high < 1200);
	wc_FreeRng(&rng);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "check accepts good objects", test_check_accepts },
		{ "check refuses bad signatures and structures", test_check_refuses },
		{ "check refuses a duplicated extension", test_check_duplicate_extension },
		{ "options parse", test_opt_parse },
		{ "options refused", test_opt_refusals },
		{ "days and periods", test_opt_days_period },
		{ "random serials", test_serial_random },
		{ NULL, NULL },
	};
	return tu_run("issuer_cmd_parts", tests);
}
