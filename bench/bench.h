/*
 * bench/bench.h - the parse benchmark's harness and its libraries.
 *
 * One entry per library: a parse function that does "full field access"
 * (docs/performance.md defines it per library) on one DER certificate. The
 * harness times them interleaved, counts their heap allocations and runs
 * one of them alone under callgrind.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a parse ended with. A field error is a certificate the library
 * parsed but could not give one of the fields of (e.g. a name it cannot
 * format): counted apart from the rejects. */
enum bench_res {
	BENCH_OK = 0,
	BENCH_REJECT,
	BENCH_FIELD_ERROR,
};

struct bench_lib {
	const char *name;       /* short name for the command line and tables */
	const char *version;    /* library version, for the report */
	void (*init)(void);     /* one-time setup outside any timing; may be NULL */
	/* Full field access (docs/performance.md defines it per library). */
	enum bench_res (*parse)(const uint8_t *der, size_t len);
	/* The parse call alone (and the free it needs): what the library does
	 * before the caller asks for anything. */
	enum bench_res (*parse_only)(const uint8_t *der, size_t len);
};

/* Everything parse functions read ends up folded in here, so the compiler
 * cannot drop the field accesses as dead code. */
extern volatile uint64_t bench_sink;

/* Allocations (malloc, calloc, realloc, and wolfSSL's allocator hooks)
 * since the program started; bench/alloc.c counts them. */
extern uint64_t bench_allocs;

/* Folds bytes into bench_sink (cheap: first, last byte and length). */
static inline void bench_eat(const void *p, size_t len)
{
	const uint8_t *b = p;

	bench_sink += len + (len ? (uint64_t)b[0] + b[len - 1] : 0u);
}

/* Instructions executed between start and stop, counted by single-stepping
 * (bench/icount.c says why and how). Start returns false where it cannot
 * count (not x86-64). Slow: never inside a timing. */
bool bench_icount_start(void);
uint64_t bench_icount_stop(void);

/* YYYY-MM-DDTHH:MM:SSZ into buf (21 bytes), for the libraries that give a
 * broken-down time but no formatter of their own. */
void bench_fmt_time(char *buf, int year, int mon, int day, int hour, int min,
                    int sec);

/*
 * The fingerprint benchmark (bench/fp.c): one SHA-256 of a certificate's
 * DER through a library's own call for it. prepare, outside the timing,
 * makes the object the call takes (OpenSSL's X509, GnuTLS's crt), or is
 * NULL when the call takes the DER itself; digest writes 32 bytes to out
 * and returns 0; release frees what prepare made.
 */
struct bench_fp {
	const char *name;       /* row name */
	const char *call;       /* what one operation is, for the table */
	void *(*prepare)(const uint8_t *der, size_t len);
	int (*digest)(void *obj, const uint8_t *der, size_t len, uint8_t out[32]);
	void (*release)(void *obj);
};

/* The corpus: DER certificates concatenated (bench/corpus.py). */
struct bench_cert {
	const uint8_t *der;
	size_t len;
};

struct bench_corpus {
	uint8_t *buf;
	struct bench_cert *c;
	size_t n;
};

/* Harness helpers shared by the benchmarks in bench/. */
void bench_load(struct bench_corpus *cp, const char *path);
double bench_now_ns(void);
double bench_pct(double *v, size_t n, double p);   /* nearest rank; sorts v */
size_t bench_typical(const struct bench_corpus *cp);
int bench_cmd_fp(const struct bench_corpus *cp, unsigned rounds, const char *list);

extern const struct bench_fp bench_fp_xc;
#ifdef BENCH_HAVE_MBEDTLS
extern const struct bench_fp bench_fp_mbedtls;
#endif
#ifdef BENCH_HAVE_WOLFSSL
extern const struct bench_fp bench_fp_wolfssl;
#endif
#ifdef BENCH_HAVE_OPENSSL
extern const struct bench_fp bench_fp_openssl, bench_fp_openssl_evp;
#endif
#ifdef BENCH_HAVE_GNUTLS
extern const struct bench_fp bench_fp_gnutls;
#endif
#ifdef BENCH_HAVE_NETTLE
extern const struct bench_fp bench_fp_nettle;
#endif

extern const struct bench_lib bench_xc;
#ifdef BENCH_HAVE_MBEDTLS
extern const struct bench_lib bench_mbedtls;
#endif
#ifdef BENCH_HAVE_WOLFSSL
extern const struct bench_lib bench_wolfssl;
#endif
#ifdef BENCH_HAVE_OPENSSL
extern const struct bench_lib bench_openssl;
#endif

#endif
