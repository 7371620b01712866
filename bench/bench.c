/*
 * bench/bench.c - the parse benchmark's harness.
 *
 *   bench parse CORPUS [ROUNDS]        time every library on every
 *                                      certificate, interleaved; TSV out
 *   bench typical CORPUS               index of the typical certificate
 *   bench one LIB CORPUS INDEX N       parse certificate INDEX N times
 *                                      (after one warm-up parse), for
 *                                      callgrind
 *   bench icount LIB CORPUS INDEX N    instructions per parse of INDEX,
 *                                      single-stepped (bench/icount.c)
 *   bench fp CORPUS ROUNDS LIST        SHA-256 fingerprint of a certificate,
 *                                      every library (bench/fp.c); Markdown
 *   bench libs                         the libraries built in
 *
 * CORPUS is DER certificates concatenated (bench/corpus.py writes it).
 * docs/performance.md explains the method; scripts/bench runs it all.
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

volatile uint64_t bench_sink;

/* Each clock read costs tens of nanoseconds; a parse timed alone should
 * last at least this long, so a fast library repeats it between reads. */
#define MIN_SAMPLE_NS 4000.0
#define MAX_INNER 64
#define DEFAULT_ROUNDS 31

/* What is measured: a library in one of its two modes. */
struct entry {
	const char *key;        /* command-line name */
	const struct bench_lib *lib;
	bool full;              /* full field access, else the parse alone */
};

#define BOTH(key, lib) { key, lib, true }, { key "-parse", lib, false }
static const struct entry libs[] = {
	BOTH("xc", &bench_xc),
#ifdef BENCH_HAVE_MBEDTLS
	BOTH("mbedtls", &bench_mbedtls),
#endif
#ifdef BENCH_HAVE_WOLFSSL
	BOTH("wolfssl", &bench_wolfssl),
#endif
#ifdef BENCH_HAVE_OPENSSL
	BOTH("openssl", &bench_openssl),
#endif
};
#undef BOTH
#define NLIBS (sizeof(libs) / sizeof(libs[0]))


void bench_fmt_time(char *buf, int year, int mon, int day, int hour, int min,
                    int sec)
{
	static const char digits[] = "0123456789";
	int v[6] = { year, mon, day, hour, min, sec };
	static const char sep[6] = { '-', '-', 'T', ':', ':', 'Z' };
	char *p = buf;
	int i;

	year %= 10000;
	*p++ = digits[year / 1000];
	*p++ = digits[year / 100 % 10];
	*p++ = digits[year / 10 % 10];
	*p++ = digits[year % 10];
	*p++ = sep[0];
	for (i = 1; i < 6; i++) {
		*p++ = digits[v[i] / 10 % 10];
		*p++ = digits[v[i] % 10];
		*p++ = sep[i];
	}
	*p = '\0';
}

static void die(const char *what)
{
	fprintf(stderr, "bench: %s%s%s\n", what, errno ? ": " : "",
	        errno ? strerror(errno) : "");
	exit(1);
}

/* Length of the DER TLV at p (0 if it is not one that fits in left). */
static size_t tlv_len(const uint8_t *p, size_t left)
{
	size_t hdr = 2, len, i, k;

	if (left < 2 || p[0] != 0x30)
		return 0;
	len = p[1];
	if (len & 0x80) {
		k = len & 0x7f;
		if (k == 0 || k > 4 || left < 2 + k)
			return 0;
		for (len = 0, i = 0; i < k; i++)
			len = len << 8 | p[2 + i];
		hdr += k;
	}
	return len > left - hdr ? 0 : hdr + len;
}

/* bench.h */
void bench_load(struct bench_corpus *cp, const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t size = 0, cap = 1 << 20, got, off, n, cap_c = 1024;

	if (f == NULL)
		die(path);
	cp->buf = malloc(cap);
	while (cp->buf && (got = fread(cp->buf + size, 1, cap - size, f)) > 0) {
		size += got;
		if (size == cap)
			cp->buf = realloc(cp->buf, cap *= 2);
	}
	fclose(f);
	cp->c = malloc(cap_c * sizeof(*cp->c));
	if (cp->buf == NULL || cp->c == NULL)
		die("out of memory");
	for (off = 0, cp->n = 0; off < size; off += n) {
		n = tlv_len(cp->buf + off, size - off);
		if (n == 0) {
			errno = 0;
			die("corpus: not a sequence of DER certificates");
		}
		if (cp->n == cap_c &&
		    (cp->c = realloc(cp->c, (cap_c *= 2) * sizeof(*cp->c))) == NULL)
			die("out of memory");
		cp->c[cp->n].der = cp->buf + off;
		cp->c[cp->n++].len = n;
	}
	if (cp->n == 0) {
		errno = 0;
		die("corpus: empty");
	}
}

static enum bench_res run(const struct entry *e, struct bench_cert c)
{
	return (e->full ? e->lib->parse : e->lib->parse_only)(c.der, c.len);
}

/* bench.h */
double bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* bench.h */
double bench_pct(double *v, size_t n, double p)
{
	size_t k;

	if (n == 0)
		return NAN;
	qsort(v, n, sizeof(*v), cmp_double);
	k = (size_t)ceil(p / 100.0 * (double)n);
	return v[k ? k - 1 : 0];
}

static void init_libs(void)
{
	size_t l;

	for (l = 0; l < NLIBS; l++)
		if (libs[l].lib->init && libs[l].full)
			libs[l].lib->init();
}

/* Results of one pass of every library over the corpus: res[l * n + i]. */
static enum bench_res *accept_pass(const struct bench_corpus *cp)
{
	enum bench_res *res = malloc(NLIBS * cp->n * sizeof(*res));
	size_t l, i;

	if (res == NULL)
		die("out of memory");
	for (l = 0; l < NLIBS; l++)
		for (i = 0; i < cp->n; i++)
			res[l * cp->n + i] = run(&libs[l], cp->c[i]);
	return res;
}

/* The typical certificate: one every library parses, of the size closest
 * to the corpus's median size (ties: the first). */
static size_t typical(const struct bench_corpus *cp, const enum bench_res *res)
{
	double *sizes = malloc(cp->n * sizeof(*sizes)), med, best = INFINITY, d;
	size_t i, l, pick = 0;

	if (sizes == NULL)
		die("out of memory");
	for (i = 0; i < cp->n; i++)
		sizes[i] = (double)cp->c[i].len;
	med = bench_pct(sizes, cp->n, 50);
	free(sizes);
	for (i = 0; i < cp->n; i++) {
		for (l = 0; l < NLIBS; l++)
			if (res[l * cp->n + i] != BENCH_OK)
				break;
		if (l < NLIBS)
			continue;
		d = fabs((double)cp->c[i].len - med);
		if (d < best) {
			best = d;
			pick = i;
		}
	}
	return pick;
}

/* bench.h */
size_t bench_typical(const struct bench_corpus *cp)
{
	init_libs();
	return typical(cp, accept_pass(cp));
}

static int cmd_parse(const struct bench_corpus *cp, unsigned rounds)
{
	size_t n = cp->n, l, i, k, r, m, typ, ncommon = 0;
	enum bench_res *res;
	unsigned inner[NLIBS];
	double *t, *med, *v, t0, total;
	uint64_t *allocs, *av;
	bool *common;

	init_libs();
	/* Warm-up pass: caches, lazy initialisation, accept/reject. */
	res = accept_pass(cp);
	typ = typical(cp, res);
	common = malloc(n * sizeof(*common));
	t = malloc(NLIBS * n * rounds * sizeof(*t));
	med = malloc(NLIBS * n * sizeof(*med));
	v = malloc(n * sizeof(*v));
	allocs = malloc(NLIBS * n * sizeof(*allocs));
	av = malloc(n * sizeof(*av));
	if (!common || !t || !med || !v || !allocs || !av)
		die("out of memory");
	for (i = 0; i < n; i++) {
		common[i] = true;
		for (l = 0; l < NLIBS; l++)
			common[i] = common[i] && res[l * n + i] == BENCH_OK;
		ncommon += common[i];
	}

	/* Calibrate the repeat count per library from one timed pass. */
	for (l = 0; l < NLIBS; l++) {
		t0 = bench_now_ns();
		for (i = 0; i < n; i++)
			run(&libs[l], cp->c[i]);
		total = (bench_now_ns() - t0) / (double)n;
		inner[l] = (unsigned)ceil(MIN_SAMPLE_NS / (total > 1 ? total : 1));
		if (inner[l] > MAX_INNER)
			inner[l] = MAX_INNER;
		if (inner[l] < 1)
			inner[l] = 1;
	}

	/* Interleaved rounds: every library over every certificate, starting
	 * with a different library each round so none always runs first. */
	for (r = 0; r < rounds; r++) {
		for (m = 0; m < NLIBS; m++) {
			l = (m + r) % NLIBS;
			for (i = 0; i < n; i++) {
				t0 = bench_now_ns();
				for (k = 0; k < inner[l]; k++)
					run(&libs[l], cp->c[i]);
				t[(l * n + i) * rounds + r] = (bench_now_ns() - t0) / inner[l];
			}
		}
	}
	for (l = 0; l < NLIBS; l++)
		for (i = 0; i < n; i++)
			med[l * n + i] = bench_pct(&t[(l * n + i) * rounds], rounds, 50);

	/* Allocations, one parse at a time, after the warm-up. */
	for (l = 0; l < NLIBS; l++)
		for (i = 0; i < n; i++) {
			uint64_t a = bench_allocs;

			run(&libs[l], cp->c[i]);
			allocs[l * n + i] = bench_allocs - a;
		}

	printf("# certs\t%zu\n# common\t%zu\n# rounds\t%u\n", n, ncommon, rounds);
	printf("# typical\t%zu\t%zu\n", typ, cp->c[typ].len);
	printf("key\tname\tversion\tinner\taccepted\trejected\tfield_errors"
	       "\tmedian_us\tp90_us\tcommon_median_us\tcommon_p90_us"
	       "\ttypical_us\tallocs_median\tallocs_typical\tallocs_max\tallocs_total\n");
	for (l = 0; l < NLIBS; l++) {
		size_t acc = 0, rej = 0, ferr = 0, na = 0, nc = 0;
		uint64_t atot = 0;
		double all_med, all_p90, c_med, c_p90;

		for (i = 0; i < n; i++) {
			enum bench_res x = res[l * n + i];

			rej += x == BENCH_REJECT;
			ferr += x == BENCH_FIELD_ERROR;
			acc += x != BENCH_REJECT;
			atot += allocs[l * n + i];
			if (x != BENCH_REJECT) {
				v[na] = med[l * n + i];
				av[na++] = allocs[l * n + i];
			}
		}
		all_med = bench_pct(v, na, 50);
		all_p90 = bench_pct(v, na, 90);
		for (i = 0; i < n; i++)
			if (common[i])
				v[nc++] = med[l * n + i];
		c_med = bench_pct(v, nc, 50);
		c_p90 = bench_pct(v, nc, 90);
		qsort(av, na, sizeof(*av), cmp_u64);
		printf("%s\t%s%s\t%s\t%u\t%zu\t%zu\t%zu\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f"
		       "\t%llu\t%llu\t%llu\t%llu\n",
		       libs[l].key, libs[l].lib->name,
		       libs[l].full ? "" : " (parse only)", libs[l].lib->version,
		       inner[l], acc, rej, ferr, all_med / 1e3, all_p90 / 1e3,
		       c_med / 1e3, c_p90 / 1e3, med[l * n + typ] / 1e3,
		       na ? (unsigned long long)av[(na + 1) / 2 - 1] : 0ull,
		       (unsigned long long)allocs[l * n + typ],
		       na ? (unsigned long long)av[na - 1] : 0ull,
		       (unsigned long long)atot);
	}
	return 0;
}

static const struct entry *find_lib(const char *key)
{
	size_t l;

	for (l = 0; l < NLIBS; l++)
		if (strcmp(libs[l].key, key) == 0)
			return &libs[l];
	return NULL;
}

/* The library KEY, initialised, after one warm-up parse of certificate
 * IDX (lazy initialisation and first-call binding out of the way); NULL
 * if there is no such library or certificate. */
static const struct entry *warm_lib(const struct bench_corpus *cp, const char *key,
                                    size_t idx)
{
	const struct entry *e = find_lib(key);

	if (e == NULL || idx >= cp->n) {
		fprintf(stderr, "bench: no library %s or certificate %zu\n", key, idx);
		return NULL;
	}
	if (e->lib->init)
		e->lib->init();
	if (run(e, cp->c[idx]) == BENCH_REJECT)
		fprintf(stderr, "bench: %s rejects certificate %zu\n", key, idx);
	return e;
}

static int cmd_one(const struct bench_corpus *cp, const char *key, size_t idx,
                   unsigned long count)
{
	/* The warm-up parse runs for N = 0 too, so it cancels out of
	 * total(N) - total(0) along with the startup. */
	const struct entry *e = warm_lib(cp, key, idx);
	unsigned long k;

	if (e == NULL)
		return 2;
	for (k = 0; k < count; k++)
		run(e, cp->c[idx]);
	return 0;
}

/* Instructions per parse as the CPU runs them (bench/icount.c): N parses
 * single-stepped, less an empty counted region, divided by N. */
static int cmd_icount(const struct bench_corpus *cp, const char *key, size_t idx,
                      unsigned long count)
{
	const struct entry *e = warm_lib(cp, key, idx);
	uint64_t empty, total;
	unsigned long k;

	if (e == NULL || count == 0)
		return 2;
	if (!bench_icount_start()) {
		fprintf(stderr, "bench: cannot single-step on this machine\n");
		return 1;
	}
	empty = bench_icount_stop();
	bench_icount_start();
	for (k = 0; k < count; k++)
		run(e, cp->c[idx]);
	total = bench_icount_stop();
	printf("%.1f\n", (double)(total - empty) / (double)count);
	return 0;
}

static void usage(void)
{
	fputs("usage: bench parse CORPUS [ROUNDS]\n"
	      "       bench typical CORPUS\n"
	      "       bench one LIB CORPUS INDEX N\n"
	      "       bench icount LIB CORPUS INDEX N\n"
	      "       bench fp CORPUS ROUNDS LIST\n"
	      "       bench libs\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	struct bench_corpus cp;
	size_t l;

	if (argc >= 2 && strcmp(argv[1], "libs") == 0) {
		for (l = 0; l < NLIBS; l++)
			printf("%s\t%s%s\t%s\n", libs[l].key, libs[l].lib->name,
			       libs[l].full ? "" : " (parse only)",
			       libs[l].lib->version);
		return 0;
	}
	if (argc == 3 || argc == 4) {
		bench_load(&cp, argv[2]);
		if (strcmp(argv[1], "parse") == 0)
			return cmd_parse(&cp, argc == 4 ? (unsigned)atoi(argv[3])
			                                : DEFAULT_ROUNDS);
		if (strcmp(argv[1], "typical") == 0 && argc == 3) {
			printf("%zu\n", bench_typical(&cp));
			return 0;
		}
	}
	if (argc == 5 && strcmp(argv[1], "fp") == 0) {
		bench_load(&cp, argv[2]);
		return bench_cmd_fp(&cp, (unsigned)atoi(argv[3]), argv[4]);
	}
	if (argc == 6 && (strcmp(argv[1], "one") == 0 ||
	                  strcmp(argv[1], "icount") == 0)) {
		bench_load(&cp, argv[3]);
		return (strcmp(argv[1], "one") == 0 ? cmd_one : cmd_icount)(
			&cp, argv[2], strtoul(argv[4], NULL, 10),
			strtoul(argv[5], NULL, 10));
	}
	usage();
}
