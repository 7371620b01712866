/*
 * bench/alloc.c - counts heap allocations by interposing the allocator.
 *
 * The bench executable defines malloc, calloc, realloc and free; the
 * dynamic linker binds every shared library (libcrypto, libmbedx509) to
 * these, and they forward to glibc's own entry points (__libc_malloc...).
 * wolfSSL, linked statically, calls malloc through its XMALLOC hooks and
 * so lands here as well; bench_wolfssl also installs counting hooks
 * (wolfSSL_SetAllocators) in case a build routes them elsewhere.
 *
 * Single-threaded program: a plain counter is enough.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "bench.h"

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

uint64_t bench_allocs;

void *malloc(size_t size)
{
	bench_allocs++;
	return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	bench_allocs++;
	return __libc_calloc(n, size);
}

/* realloc(NULL, n) is an allocation; growing a block counts too, since it
 * may move (it is a call into the allocator either way). */
void *realloc(void *p, size_t size)
{
	bench_allocs++;
	return __libc_realloc(p, size);
}

void free(void *p)
{
	__libc_free(p);
}
