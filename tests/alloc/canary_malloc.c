/*
 * canary_malloc.c - a library that calls malloc, for nm-check.py to
 * reject: proves the static check can fail (tests/alloc/meson.build runs
 * it with should_fail). Never linked into anything.
 */
#include <stdlib.h>

void *canary_malloc(size_t n);

void *canary_malloc(size_t n)
{
	return malloc(n);
}
