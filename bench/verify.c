/*
 * bench/verify.c - signature verification: the core's xc_verify() against
 * OpenSSL's EVP_DigestVerify, per operation, hash included.
 *
 *   bench-verify [ROUNDS]
 *
 * Keys and signatures are made once at the start with OpenSSL, over one
 * fixed 1 KB message. Each operation starts from the DER
 * SubjectPublicKeyInfo, as a certificate check does: the core decodes it
 * on every call anyway, so OpenSSL gets the same work (d2i_PUBKEY, a
 * fresh EVP_MD_CTX, EVP_DigestVerifyInit, EVP_DigestVerify, the frees).
 * The two libraries alternate batch by batch, round by round, so drift in
 * the machine's clock speed hits both alike; the median batch is kept.
 * Allocations come from bench/alloc.c's interposed allocator.
 *
 * Prints a Markdown table (scripts/bench puts it in docs/performance.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/x509.h>

#include <xc/xc.h>

#include "bench.h"

#define MSG_LEN 1024
#define MAX_ROUNDS 201

struct vcase {
	const char *name;
	const char *type;       /* EVP_PKEY_Q_keygen's key type */
	const char *param;      /* curve name, or NULL for RSA */
	size_t bits;            /* RSA modulus size */
	const char *md;         /* NULL: Ed25519 hashes inside */
	const EVP_MD *evp_md;   /* fetched once at the start */
	const uint8_t *algid;   /* the signature AlgorithmIdentifier, DER */
	size_t algid_len;
	unsigned batch;         /* operations per timed batch */
	double ref_us;          /* OpenSSL's figure on this machine class, the one to beat */

	/* Made at the start. */
	EVP_PKEY *pkey;
	uint8_t *spki;
	size_t spki_len;
	uint8_t *sig;
	size_t sig_len;
};

/* sha256WithRSAEncryption, NULL parameters (RFC 4055). */
static const uint8_t alg_rsa256[] = {
	0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01,
	0x0b, 0x05, 0x00,
};
static const uint8_t alg_rsa512[] = {
	0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01,
	0x0d, 0x05, 0x00,
};
/* ecdsa-with-SHA256/384, parameters absent (RFC 5758). */
static const uint8_t alg_ec256[] = {
	0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
};
static const uint8_t alg_ec384[] = {
	0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03,
};
static const uint8_t alg_ed25519[] = {
	0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
};

static struct vcase cases[] = {
	{ .name = "RSA-2048/SHA-256", .type = "RSA", .bits = 2048,
	  .md = "SHA256", .algid = alg_rsa256, .algid_len = sizeof(alg_rsa256),
	  .batch = 50, .ref_us = 31 },
	{ .name = "RSA-4096/SHA-512", .type = "RSA", .bits = 4096,
	  .md = "SHA512", .algid = alg_rsa512, .algid_len = sizeof(alg_rsa512),
	  .batch = 20, .ref_us = 97 },
	{ .name = "P-256/SHA-256", .type = "EC", .param = "P-256",
	  .md = "SHA256", .algid = alg_ec256, .algid_len = sizeof(alg_ec256),
	  .batch = 20, .ref_us = 108 },
	{ .name = "P-384/SHA-384", .type = "EC", .param = "P-384",
	  .md = "SHA384", .algid = alg_ec384, .algid_len = sizeof(alg_ec384),
	  .batch = 5, .ref_us = 1343 },
	{ .name = "Ed25519", .type = "ED25519",
	  .algid = alg_ed25519, .algid_len = sizeof(alg_ed25519),
	  .batch = 20, .ref_us = 176 },
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

static uint8_t msg[MSG_LEN];

volatile uint64_t bench_sink;

static void die(const char *what, const char *name)
{
	fprintf(stderr, "bench-verify: %s: %s\n", name, what);
	exit(1);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* One verification by the core; true if VALID. */
static bool run_xc(const struct vcase *c)
{
	xc_der d;
	xc_algid alg;
	xc_slice m = { msg, sizeof(msg) };
	xc_slice s = { c->sig, c->sig_len };
	xc_slice k = { c->spki, c->spki_len };

	/* The AlgorithmIdentifier is read each time as well: a caller has it
	 * as bytes in the certificate, not as a decoded structure. */
	xc_der_init(&d, c->algid, c->algid_len);
	if (xc_der_read_algid(&d, &alg) != XC_OK)
		return false;
	return xc_verify(&alg, m, s, k) == XC_VERIFY_VALID;
}

/* One verification by OpenSSL, from the DER key, freeing everything. */
static bool run_openssl(const struct vcase *c)
{
	const unsigned char *p = c->spki;
	EVP_PKEY *pk = d2i_PUBKEY(NULL, &p, (long)c->spki_len);
	EVP_MD_CTX *ctx;
	bool ok = false;

	if (!pk)
		return false;
	ctx = EVP_MD_CTX_new();
	if (ctx && EVP_DigestVerifyInit(ctx, NULL, c->evp_md, NULL, pk) == 1)
		ok = EVP_DigestVerify(ctx, c->sig, c->sig_len, msg,
				      sizeof(msg)) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(pk);
	return ok;
}

/* The same with the EVP_PKEY made once at the start: where OpenSSL's
 * time goes when decoding the key is taken out (not what a certificate
 * check does, but what most published figures measure). */
static bool run_openssl_kept(const struct vcase *c)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok = false;

	if (ctx && EVP_DigestVerifyInit(ctx, NULL, c->evp_md, NULL,
					c->pkey) == 1)
		ok = EVP_DigestVerify(ctx, c->sig, c->sig_len, msg,
				      sizeof(msg)) == 1;
	EVP_MD_CTX_free(ctx);
	return ok;
}

static void make(struct vcase *c)
{
	EVP_MD_CTX *ctx;
	unsigned char *p;
	int n;

	c->evp_md = c->md ? EVP_get_digestbyname(c->md) : NULL;
	if (c->md && !c->evp_md)
		die("no such digest", c->name);
	if (c->param)
		c->pkey = EVP_PKEY_Q_keygen(NULL, NULL, c->type, c->param);
	else if (c->bits)
		c->pkey = EVP_PKEY_Q_keygen(NULL, NULL, c->type, c->bits);
	else
		c->pkey = EVP_PKEY_Q_keygen(NULL, NULL, c->type);
	if (!c->pkey)
		die("key generation failed", c->name);

	n = i2d_PUBKEY(c->pkey, NULL);
	if (n <= 0)
		die("i2d_PUBKEY failed", c->name);
	c->spki = malloc((size_t)n);
	p = c->spki;
	if (!c->spki || i2d_PUBKEY(c->pkey, &p) != n)
		die("i2d_PUBKEY failed", c->name);
	c->spki_len = (size_t)n;

	ctx = EVP_MD_CTX_new();
	if (!ctx || EVP_DigestSignInit(ctx, NULL, c->evp_md, NULL,
				       c->pkey) != 1 ||
	    EVP_DigestSign(ctx, NULL, &c->sig_len, msg, sizeof(msg)) != 1)
		die("signing failed", c->name);
	c->sig = malloc(c->sig_len);
	if (!c->sig || EVP_DigestSign(ctx, c->sig, &c->sig_len, msg,
				      sizeof(msg)) != 1)
		die("signing failed", c->name);
	EVP_MD_CTX_free(ctx);

	/* Both must accept the signature, and reject a flipped bit, or the
	 * timings compare different work. */
	if (!run_xc(c))
		die("the core does not verify the signature", c->name);
	if (!run_openssl(c) || !run_openssl_kept(c))
		die("OpenSSL does not verify the signature", c->name);
	msg[0] ^= 1;
	if (run_xc(c) || run_openssl(c) || run_openssl_kept(c))
		die("a bad signature verifies", c->name);
	msg[0] ^= 1;
}

/* Mean µs per operation over one batch. */
static double batch(bool (*fn)(const struct vcase *), const struct vcase *c)
{
	double t0 = now_us();
	unsigned i;

	for (i = 0; i < c->batch; i++)
		bench_sink += fn(c);
	return (now_us() - t0) / c->batch;
}

static uint64_t allocs_of(bool (*fn)(const struct vcase *),
			  const struct vcase *c)
{
	uint64_t a = bench_allocs;

	bench_sink += fn(c);
	return bench_allocs - a;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Thousands separated, as the doc's other tables write them. */
static const char *fmt_us(char *buf, size_t cap, double us)
{
	if (us >= 1000)
		snprintf(buf, cap, "%d,%03d", (int)(us / 1000),
			 (int)(us + 0.5) % 1000);
	else if (us >= 100)
		snprintf(buf, cap, "%.0f", us);
	else
		snprintf(buf, cap, "%.1f", us);
	return buf;
}

int main(int argc, char **argv)
{
	static double t_xc[NCASES][MAX_ROUNDS], t_os[NCASES][MAX_ROUNDS];
	static double t_ok[NCASES][MAX_ROUNDS];
	int rounds = argc > 1 ? atoi(argv[1]) : 31;
	size_t i;
	int r;

	if (rounds < 1 || rounds > MAX_ROUNDS) {
		fprintf(stderr, "usage: bench-verify [ROUNDS 1..%d]\n", MAX_ROUNDS);
		return 2;
	}
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 131u + 7u);
	for (i = 0; i < NCASES; i++)
		make(&cases[i]);

	/* Warm-up: caches, lazy initialisation inside OpenSSL (fetching the
	 * digest and key-management implementations). */
	for (i = 0; i < NCASES; i++) {
		(void)batch(run_xc, &cases[i]);
		(void)batch(run_openssl, &cases[i]);
		(void)batch(run_openssl_kept, &cases[i]);
	}
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < NCASES; i++) {
			/* Alternate which goes first, so neither always runs
			 * with the other's data in the cache. */
			if (r % 2) {
				t_os[i][r] = batch(run_openssl, &cases[i]);
				t_xc[i][r] = batch(run_xc, &cases[i]);
			} else {
				t_xc[i][r] = batch(run_xc, &cases[i]);
				t_os[i][r] = batch(run_openssl, &cases[i]);
			}
			t_ok[i][r] = batch(run_openssl_kept, &cases[i]);
		}
	}

	printf("| Algorithm | certfs core µs | allocs | OpenSSL µs | allocs | "
	       "OpenSSL / core | OpenSSL, key kept, µs | allocs | "
	       "reference OpenSSL µs |\n");
	printf("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
	for (i = 0; i < NCASES; i++) {
		const struct vcase *c = &cases[i];
		double mx = median(t_xc[i], rounds), mo = median(t_os[i], rounds);
		double mk = median(t_ok[i], rounds);
		char a[32], b[32], k[32], e[32];

		printf("| %s | %s | %llu | %s | %llu | %.2f | %s | %llu | %s |\n",
		       c->name, fmt_us(a, sizeof(a), mx),
		       (unsigned long long)allocs_of(run_xc, c),
		       fmt_us(b, sizeof(b), mo),
		       (unsigned long long)allocs_of(run_openssl, c),
		       mo / mx, fmt_us(k, sizeof(k), mk),
		       (unsigned long long)allocs_of(run_openssl_kept, c),
		       fmt_us(e, sizeof(e), c->ref_us));
	}
	printf("\n%d rounds; %s.\n", rounds,
	       OpenSSL_version(OPENSSL_VERSION));

	for (i = 0; i < NCASES; i++) {
		EVP_PKEY_free(cases[i].pkey);
		free(cases[i].spki);
		free(cases[i].sig);
	}
	return 0;
}
