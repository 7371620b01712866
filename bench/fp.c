/*
 * bench/fp.c - the fingerprint benchmark: one SHA-256 of a certificate's
 * DER, through each library's own call for it (bench.h's struct bench_fp;
 * the library files define them).
 *
 *   bench fp CORPUS ROUNDS LIST
 *
 * Two certificates of the corpus: the typical one of the parse benchmark
 * and the one closest to 2 KB. Every library's digest must equal the
 * core's before anything is timed. Then, per certificate, the libraries
 * take turns round by round (a different one first each round), each
 * timing a batch of digests sized to last at least MIN_SAMPLE_NS; the
 * median batch's time per digest is kept. Allocations are counted over
 * one digest (bench/alloc.c). Prints a Markdown table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define MIN_SAMPLE_NS 10000.0
#define MAX_INNER 256
#define BIG_TARGET 2048

static const struct bench_fp *const fps[] = {
	&bench_fp_xc,
#ifdef BENCH_HAVE_OPENSSL
	&bench_fp_openssl,
	&bench_fp_openssl_evp,
#endif
#ifdef BENCH_HAVE_GNUTLS
	&bench_fp_gnutls,
#endif
#ifdef BENCH_HAVE_NETTLE
	&bench_fp_nettle,
#endif
#ifdef BENCH_HAVE_MBEDTLS
	&bench_fp_mbedtls,
#endif
#ifdef BENCH_HAVE_WOLFSSL
	&bench_fp_wolfssl,
#endif
};
#define NFP (sizeof(fps) / sizeof(fps[0]))

/* Results for one certificate, per library. */
struct fp_res {
	double us;
	unsigned long long allocs;
};

static void fail(const char *what, const char *lib)
{
	fprintf(stderr, "bench fp: %s: %s\n", lib, what);
	exit(1);
}

/* True if every library that needs an object can make one of c. */
static bool all_prepare(struct bench_cert c)
{
	size_t l;

	for (l = 0; l < NFP; l++) {
		void *o;

		if (!fps[l]->prepare)
			continue;
		if ((o = fps[l]->prepare(c.der, c.len)) == NULL)
			return false;
		fps[l]->release(o);
	}
	return true;
}

/* The certificate closest to BIG_TARGET bytes that every library takes. */
static size_t pick_big(const struct bench_corpus *cp)
{
	size_t i, pick = 0;
	double best = INFINITY, d;

	for (i = 0; i < cp->n; i++) {
		d = fabs((double)cp->c[i].len - BIG_TARGET);
		if (d < best && all_prepare(cp->c[i])) {
			best = d;
			pick = i;
		}
	}
	return pick;
}

static void measure(struct bench_cert c, unsigned rounds, struct fp_res *res)
{
	void *obj[NFP];
	unsigned inner[NFP];
	uint8_t ref[32], out[32];
	double *t = malloc(NFP * rounds * sizeof(*t)), t0;
	size_t l, m, r, k;

	if (t == NULL)
		fail("out of memory", "harness");
	for (l = 0; l < NFP; l++) {
		obj[l] = fps[l]->prepare ? fps[l]->prepare(c.der, c.len) : NULL;
		if (fps[l]->prepare && obj[l] == NULL)
			fail("cannot load the certificate", fps[l]->name);
		/* Checked against the core's (row 0), and a warm-up. */
		if (fps[l]->digest(obj[l], c.der, c.len, l ? out : ref) != 0)
			fail("digest failed", fps[l]->name);
		if (l && memcmp(out, ref, sizeof(ref)) != 0)
			fail("digest differs from the core's", fps[l]->name);
	}
	for (l = 0; l < NFP; l++) {
		t0 = bench_now_ns();
		fps[l]->digest(obj[l], c.der, c.len, out);
		t0 = bench_now_ns() - t0;
		inner[l] = (unsigned)ceil(MIN_SAMPLE_NS / (t0 > 1 ? t0 : 1));
		inner[l] = inner[l] > MAX_INNER ? MAX_INNER : inner[l] ? inner[l] : 1;
	}
	for (r = 0; r < rounds; r++)
		for (m = 0; m < NFP; m++) {
			l = (m + r) % NFP;
			t0 = bench_now_ns();
			for (k = 0; k < inner[l]; k++) {
				fps[l]->digest(obj[l], c.der, c.len, out);
				bench_eat(out, sizeof(out));
			}
			t[l * rounds + r] = (bench_now_ns() - t0) / inner[l];
		}
	for (l = 0; l < NFP; l++) {
		uint64_t a = bench_allocs;

		fps[l]->digest(obj[l], c.der, c.len, out);
		res[l].allocs = (unsigned long long)(bench_allocs - a);
		res[l].us = bench_pct(&t[l * rounds], rounds, 50) / 1e3;
		if (fps[l]->release)
			fps[l]->release(obj[l]);
	}
	free(t);
}

/* The name LIST gives certificate idx (corpus.py's "SIZE NAME" lines). */
static const char *name_of(const char *list, size_t idx, char *buf, size_t cap)
{
	FILE *f = fopen(list, "r");
	size_t i = 0;
	char *sp;

	snprintf(buf, cap, "#%zu", idx);
	if (f == NULL)
		return buf;
	while (fgets(buf, (int)cap, f) && i++ < idx)
		;
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	sp = strchr(buf, ' ');
	return sp ? sp + 1 : buf;
}

/* bench.h */
int bench_cmd_fp(const struct bench_corpus *cp, unsigned rounds, const char *list)
{
	size_t pick[2], l, j;
	struct fp_res res[2][NFP];
	char names[2][512];
	const char *nm[2];

	if (rounds == 0)
		rounds = 31;
	pick[0] = bench_typical(cp);
	pick[1] = pick_big(cp);
	for (j = 0; j < 2; j++) {
		measure(cp->c[pick[j]], rounds, res[j]);
		nm[j] = name_of(list, pick[j], names[j], sizeof(names[j]));
	}

	printf("Certificates: `%s` (%zu bytes, the parse benchmark's typical "
	       "certificate) and `%s` (%zu bytes, the corpus's closest to "
	       "%d bytes). %u rounds.\n\n", nm[0], cp->c[pick[0]].len, nm[1],
	       cp->c[pick[1]].len, BIG_TARGET, rounds);
	printf("| Library | One operation | µs, %zu bytes | µs, %zu bytes "
	       "| µs per KB (%zu bytes) | this / core (%zu bytes) "
	       "| Allocations |\n", cp->c[pick[0]].len, cp->c[pick[1]].len,
	       cp->c[pick[1]].len, cp->c[pick[1]].len);
	printf("|---|---|--:|--:|--:|--:|--:|\n");
	for (l = 0; l < NFP; l++)
		printf("| %s | %s | %.3f | %.3f | %.3f | %.2f | %llu |\n",
		       fps[l]->name, fps[l]->call, res[0][l].us, res[1][l].us,
		       res[1][l].us * 1024.0 / (double)cp->c[pick[1]].len,
		       res[1][l].us / res[1][0].us, res[1][l].allocs);
#ifdef BENCH_HAVE_OPENSSL
	for (l = 0; l < NFP && fps[l] != &bench_fp_openssl; l++)
		;
	printf("\n| Goal | Result | Met |\n|---|---|---|\n");
	printf("| the core at or below OpenSSL's `X509_digest` time "
	       "| %.3f vs %.3f µs (%zu bytes); %.3f vs %.3f µs (%zu bytes) "
	       "| %s |\n", res[0][0].us, res[0][l].us, cp->c[pick[0]].len,
	       res[1][0].us, res[1][l].us, cp->c[pick[1]].len,
	       res[0][0].us <= res[0][l].us && res[1][0].us <= res[1][l].us
	               ? "yes" : "no");
#endif
	return 0;
}
