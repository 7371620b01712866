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

/* YYYY-MM-DDTHH:MM:SSZ into buf (21 bytes), for the libraries that give a
 * broken-down time but no formatter of their own. */
void bench_fmt_time(char *buf, int year, int mon, int day, int hour, int min,
                    int sec);

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
