/*
 * bench/issue.c - the issuer benchmark's timed parts (scripts/bench issue;
 * bench/issue.py drives it and writes the report).
 *
 *   bench-issue spawn ROUNDS BATCH CMDFILE
 *       Certificates per second, one process per certificate. CMDFILE has
 *       one command per line, `name<TAB>argv0<TAB>argv1...`. Every round
 *       runs each command BATCH times in turn (posix_spawn, standard
 *       output and error to /dev/null, wait); a command that exits non-zero
 *       stops the benchmark. Prints `name<TAB>median ms per run<TAB>runs`.
 *
 *   bench-issue sign ROUNDS
 *       In-process signing of one leaf certificate, P-256 and RSA-2048:
 *       certissue's library against OpenSSL's X509_sign. Prints
 *       `case<TAB>lib<TAB>median us per certificate<TAB>allocs per certificate`.
 *
 * What one in-process operation is, for each:
 *  - certissue: the TBSCertificate written from the command's inputs with
 *    the issuer's DER writer (names from RFC 4514 text, times, a random
 *    serial from wolfCrypt's DRBG, the extensions through ci_exts: basic
 *    constraints, a SAN, the SKI and AKI computed from the keys),
 *    ci_sign_wrap, and the core's check that certissue makes before it
 *    writes anything (issuer/check.c: the core parses the result back and
 *    verifies its signature with the issuer's key);
 *  - OpenSSL: X509_sign of an X509 set up once with the same fields and
 *    extensions (X509_sign re-encodes the TBSCertificate and signs it),
 *    then i2d_X509: no check.
 * Both sign with their own keys of the same type, made once at the start.
 * certissue is also timed without the check, to show what it costs.
 * The two alternate batch by batch, round by round; the median batch's
 * time per certificate is kept, and bench/alloc.c counts allocations.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <xc/xc.h>

#include "bench.h"
#include "check.h"
#include "der.h"
#include "dn.h"
#include "ext.h"
#include "key.h"
#include "sign.h"

#define MAX_ROUNDS 201
#define MAX_CMDS 32
#define MAX_ARGS 64
#define CERT_MAX 8192

extern char **environ;
volatile uint64_t bench_sink;

static const char *const ISSUER_DN = "CN=Bench Issuing CA,O=certfs bench,C=CH";
static const char *const SUBJECT_DN = "CN=www.bench.example,O=certfs bench,C=CH";
static const char *const SAN = "dns:www.bench.example";

static void die(const char *a, const char *b)
{
	fprintf(stderr, "bench-issue: %s: %s\n", a, b);
	exit(1);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_d);
	return v[n / 2];
}

/* ---- one process per certificate ---- */

struct cmd {
	char *name;
	char *argv[MAX_ARGS];
	double t[MAX_ROUNDS];
};

static void run_once(const struct cmd *c, const posix_spawn_file_actions_t *fa)
{
	pid_t pid;
	int st;

	if (posix_spawn(&pid, c->argv[0], fa, NULL, c->argv, environ) != 0)
		die("cannot run", c->argv[0]);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		die("failed (run it by hand to see why)", c->name);
}

static int cmd_spawn(unsigned rounds, unsigned batch, const char *file)
{
	static struct cmd cmds[MAX_CMDS];
	static char line[8192];
	posix_spawn_file_actions_t fa;
	size_t n = 0;
	FILE *f = fopen(file, "r");

	if (!f)
		die("cannot open", file);
	while (fgets(line, sizeof(line), f)) {
		char *save = NULL, *tok;
		size_t k = 0;

		line[strcspn(line, "\n")] = '\0';
		if (!line[0])
			continue;
		if (n == MAX_CMDS)
			die("more commands than MAX_CMDS", file);
		cmds[n].name = strdup(strtok_r(line, "\t", &save));
		while ((tok = strtok_r(NULL, "\t", &save)) && k + 1 < MAX_ARGS)
			cmds[n].argv[k++] = strdup(tok);
		cmds[n].argv[k] = NULL;
		if (!k)
			die("no command", cmds[n].name);
		n++;
	}
	fclose(f);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	for (size_t i = 0; i < n; i++)          /* warm the page cache */
		run_once(&cmds[i], &fa);
	for (unsigned r = 0; r < rounds; r++) {
		for (size_t i = 0; i < n; i++) {
			double t0 = now_us();

			for (unsigned b = 0; b < batch; b++)
				run_once(&cmds[i], &fa);
			cmds[i].t[r] = (now_us() - t0) / batch / 1e3;
		}
	}
	for (size_t i = 0; i < n; i++)
		printf("%s\t%.3f\t%u\n", cmds[i].name, median(cmds[i].t, rounds),
		       rounds * batch);
	posix_spawn_file_actions_destroy(&fa);
	return 0;
}

/* ---- in-process signing ---- */

struct scase {
	const char *name;
	const char *ci_type;            /* ci_key_generate's type */
	int evp_id;                     /* 0: EC P-256, else EVP RSA bits */
	unsigned batch;

	ci_key ca, leaf;                /* certissue's keys (wolfCrypt) */
	EVP_PKEY *ossl_ca;              /* OpenSSL's */
	X509 *x;
	double t_ci[MAX_ROUNDS], t_nocheck[MAX_ROUNDS], t_ossl[MAX_ROUNDS];
	uint64_t a_ci, a_ossl;
};

static WC_RNG rng;
static ci_exts exts;            /* 40 KB: not on the stack */
static ci_checked checked;
static uint8_t tbs_buf[CERT_MAX], cert_buf[CERT_MAX];

/* The issuer's library: what `certissue cert --ca-cert ... --public-key
 * ...` does between reading its inputs and writing the file. */
static size_t issue_ci(struct scase *c, int64_t now, bool check)
{
	static const ci_sign_opts so = { .hash = "sha256" };
	ci_msg m;
	ci_der w, out;
	uint8_t serial[20];
	xc_slice ca_spki = ci_key_spki(&c->ca), leaf_spki = ci_key_spki(&c->leaf);
	xc_slice none = { NULL, 0 };

	if (wc_RNG_GenerateBlock(&rng, serial, sizeof(serial)) != 0)
		die("wolfCrypt", "RNG");
	serial[0] &= 0x7f;
	ci_exts_init(&exts, CI_EXT_IN_CERT);
	if (ci_exts_option(&exts, "basic-constraints", "ca=false", &m) != 1 ||
	    ci_exts_option(&exts, "san", SAN, &m) != 1)
		die("ci_exts_option", m.text);

	ci_der_init(&w, tbs_buf, sizeof(tbs_buf));
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	ci_der_begin(&w, CI_TAG_CTX_CONS(0));
	ci_der_int(&w, 2);
	ci_der_end(&w);
	ci_der_uint(&w, serial, sizeof(serial));
	if (ci_sign_algid(&c->ca, &so, &w, &m) != 0 ||
	    ci_dn_write(&w, ISSUER_DN, &m) != 0)
		die("issuer", m.text);
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	ci_der_time(&w, now);
	ci_der_time(&w, now + 90 * 86400);
	ci_der_end(&w);
	if (ci_dn_write(&w, SUBJECT_DN, &m) != 0)
		die("subject", m.text);
	ci_der_raw(&w, leaf_spki.p, leaf_spki.len);
	ci_der_begin(&w, CI_TAG_CTX_CONS(3));
	if (ci_exts_write(&exts, &w, leaf_spki, ca_spki, none, true, false, &m) != 0)
		die("extensions", m.text);
	ci_der_end(&w);
	ci_der_end(&w);
	if (ci_der_finish(&w) != CI_DER_OK)
		die("TBS", ci_der_err_name(ci_der_finish(&w)));

	ci_der_init(&out, cert_buf, sizeof(cert_buf));
	if (ci_sign_wrap(&c->ca, &so, &rng, ci_der_out(&w), &out, &m) != 0)
		die("ci_sign_wrap", m.text);
	/* The check certissue makes before writing (issuer/check.c). */
	if (check && ci_check(&checked, CI_OBJ_CERT, ci_der_out(&out), ca_spki, &m) != 0)
		die(c->name, m.text);
	bench_eat(ci_der_out(&out).p, ci_der_out(&out).len);
	return ci_der_out(&out).len;
}

/* OpenSSL: X509_sign + i2d_X509 of the X509 set up by setup_ossl. */
static size_t issue_ossl(struct scase *c)
{
	unsigned char *der = NULL;
	int n;

	if (X509_sign(c->x, c->ossl_ca, EVP_sha256()) <= 0)
		die(c->name, "X509_sign failed");
	n = i2d_X509(c->x, &der);
	if (n <= 0)
		die(c->name, "i2d_X509 failed");
	bench_eat(der, (size_t)n);
	OPENSSL_free(der);
	return (size_t)n;
}

static X509_NAME *ossl_name(const char *cn)
{
	X509_NAME *n = X509_NAME_new();

	X509_NAME_add_entry_by_txt(n, "C", MBSTRING_ASC, (const unsigned char *)"CH", -1, -1, 0);
	X509_NAME_add_entry_by_txt(n, "O", MBSTRING_UTF8, (const unsigned char *)"certfs bench", -1, -1, 0);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0);
	return n;
}

static void add_ext(X509 *x, X509V3_CTX *ctx, const char *name, const char *value)
{
	X509_EXTENSION *e = X509V3_EXT_conf(NULL, ctx, name, value);

	if (!e || !X509_add_ext(x, e, -1))
		die("OpenSSL extension", name);
	X509_EXTENSION_free(e);
}

/* The same certificate for OpenSSL: its CA certificate (for the AKI), and
 * the leaf's fields and extensions, set once. */
static void setup_ossl(struct scase *c)
{
	EVP_PKEY *leaf = c->evp_id ? EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)c->evp_id)
		: EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	X509 *ca = X509_new();
	X509_NAME *in = ossl_name("Bench Issuing CA"), *sn = ossl_name("www.bench.example");
	X509V3_CTX ctx;
	BIGNUM *bn = BN_new();

	c->ossl_ca = c->evp_id ? EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)c->evp_id)
		: EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	if (!leaf || !c->ossl_ca)
		die(c->name, "OpenSSL key generation failed");
	X509_set_version(ca, 2);
	X509_set_subject_name(ca, in);
	X509_set_issuer_name(ca, in);
	X509_set_pubkey(ca, c->ossl_ca);
	X509V3_set_ctx(&ctx, ca, ca, NULL, NULL, 0);
	add_ext(ca, &ctx, "subjectKeyIdentifier", "hash");

	c->x = X509_new();
	X509_set_version(c->x, 2);
	BN_rand(bn, 159, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
	BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(c->x));
	X509_set_issuer_name(c->x, in);
	X509_set_subject_name(c->x, sn);
	X509_gmtime_adj(X509_getm_notBefore(c->x), 0);
	X509_gmtime_adj(X509_getm_notAfter(c->x), 90L * 86400);
	X509_set_pubkey(c->x, leaf);
	X509V3_set_ctx(&ctx, ca, c->x, NULL, NULL, 0);
	add_ext(c->x, &ctx, "basicConstraints", "critical,CA:FALSE");
	add_ext(c->x, &ctx, "subjectAltName", "DNS:www.bench.example");
	add_ext(c->x, &ctx, "subjectKeyIdentifier", "hash");
	add_ext(c->x, &ctx, "authorityKeyIdentifier", "keyid");
	BN_free(bn);
	X509_NAME_free(in);
	X509_NAME_free(sn);
	X509_free(ca);
	EVP_PKEY_free(leaf);
}

static struct scase scases[] = {
	{ .name = "P-256/SHA-256", .ci_type = "ec-p256", .evp_id = 0, .batch = 20 },
	{ .name = "RSA-2048/SHA-256", .ci_type = "rsa2048", .evp_id = 2048, .batch = 10 },
};

static int cmd_sign(unsigned rounds)
{
	ci_msg m;
	int64_t now = (int64_t)time(NULL);

	if (wc_InitRng(&rng) != 0)
		die("wolfCrypt", "wc_InitRng");
	for (size_t i = 0; i < sizeof(scases) / sizeof(scases[0]); i++) {
		struct scase *c = &scases[i];

		if (ci_key_generate(&c->ca, c->ci_type, &rng, &m) != 0 ||
		    ci_key_generate(&c->leaf, c->ci_type, &rng, &m) != 0)
			die(c->name, m.text);
		setup_ossl(c);
		issue_ci(c, now, true); /* both must work before anything is timed */
		issue_ossl(c);
	}
	for (unsigned r = 0; r < rounds; r++) {
		for (size_t i = 0; i < sizeof(scases) / sizeof(scases[0]); i++) {
			struct scase *c = &scases[i];
			uint64_t a0 = bench_allocs;
			double t0 = now_us();

			for (unsigned b = 0; b < c->batch; b++)
				issue_ci(c, now, true);
			c->t_ci[r] = (now_us() - t0) / c->batch;
			c->a_ci = (bench_allocs - a0) / c->batch;
			t0 = now_us();
			for (unsigned b = 0; b < c->batch; b++)
				issue_ci(c, now, false);
			c->t_nocheck[r] = (now_us() - t0) / c->batch;
			a0 = bench_allocs;
			t0 = now_us();
			for (unsigned b = 0; b < c->batch; b++)
				issue_ossl(c);
			c->t_ossl[r] = (now_us() - t0) / c->batch;
			c->a_ossl = (bench_allocs - a0) / c->batch;
		}
	}
	for (size_t i = 0; i < sizeof(scases) / sizeof(scases[0]); i++) {
		struct scase *c = &scases[i];

		printf("%s\tcertissue\t%.1f\t%llu\n", c->name, median(c->t_ci, rounds),
		       (unsigned long long)c->a_ci);
		printf("%s\tcertissue-nocheck\t%.1f\t0\n", c->name, median(c->t_nocheck, rounds));
		printf("%s\topenssl\t%.1f\t%llu\n", c->name, median(c->t_ossl, rounds),
		       (unsigned long long)c->a_ossl);
		ci_key_free(&c->ca);
		ci_key_free(&c->leaf);
		X509_free(c->x);
		EVP_PKEY_free(c->ossl_ca);
	}
	wc_FreeRng(&rng);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned rounds = argc > 2 ? (unsigned)atoi(argv[2]) : 31;

	if (rounds < 1 || rounds > MAX_ROUNDS)
		die("rounds", "1 to 201");
	if (argc == 5 && !strcmp(argv[1], "spawn"))
		return cmd_spawn(rounds, (unsigned)atoi(argv[3]), argv[4]);
	if (argc >= 2 && !strcmp(argv[1], "sign"))
		return cmd_sign(rounds);
	fprintf(stderr, "usage: bench-issue spawn ROUNDS BATCH CMDFILE | sign [ROUNDS]\n");
	return 2;
}
