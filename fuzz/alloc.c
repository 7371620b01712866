/*
 * alloc.c - the allocation count of every fuzz target (fuzz.h): the core
 * never allocates (xc/xc.h), and fuzzing proves it on every input, not
 * only on the corpora tests/alloc replays.
 *
 * The sanitizers own the allocator, so replacing malloc as tests/alloc
 * does would fight them; instead the sanitizer's own hooks
 * (__sanitizer_install_malloc_and_free_hooks, ASan and MSan) report every
 * allocation. LLVMFuzzerTestOneInput is defined here: it arms the count
 * and runs the target's body (fz_target, which fuzz.h makes every target's
 * LLVMFuzzerTestOneInput into). While armed, an allocation aborts with its
 * stack, unless it was made on purpose: the harness's own buffers
 * (fz_malloc) and the other libraries a target compares the core with
 * (between fz_allow_begin and fz_allow_end). So a count of zero means
 * zero allocations in the core calls, whatever the input.
 *
 * Without a sanitizer (the gcc replay build) the hooks do not exist and
 * nothing is counted; tests/alloc covers that build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#undef LLVMFuzzerTestOneInput
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Weak: present exactly when a sanitizer runtime is linked. */
int __sanitizer_install_malloc_and_free_hooks(
	void (*malloc_hook)(const volatile void *, size_t),
	void (*free_hook)(const volatile void *)) __attribute__((weak));
void __sanitizer_print_stack_trace(void) __attribute__((weak));

/* volatile: the compiler knows malloc touches no global of ours, and
 * would otherwise fold the ++/-- around it away. Thread-local: libFuzzer's
 * own threads (its RSS watcher) allocate while a target runs, and the hook
 * runs in the allocating thread. */
static _Thread_local volatile int armed;        /* inside fz_target */
static _Thread_local volatile int allowed;      /* nesting of fz_allow_begin */
static _Thread_local unsigned long counted;     /* allocations while armed, not allowed */
static _Thread_local bool selfcheck;            /* counting the self-check's allocation */
static int state;               /* 0 not set up, 1 counting, -1 no hooks */

static void on_malloc(const volatile void *p, size_t n)
{
	(void)p;
	if (!armed || allowed)
		return;
	counted++;
	if (selfcheck)
		return;
	armed = 0;      /* the crash handler allocates to save the input */
	fprintf(stderr, "fuzz invariant broken: the core allocated %zu bytes "
	        "(xc/xc.h: the core never allocates); stack:\n", n);
	if (__sanitizer_print_stack_trace)
		__sanitizer_print_stack_trace();
	fflush(stderr);
	abort();
}

/* The runtime installs a pair or nothing. */
static void on_free(const volatile void *p)
{
	(void)p;
}

/* A counter that cannot count proves nothing: one allocation made armed
 * must be counted, and one made allowed must not. The pointer goes through
 * a volatile so the compiler cannot drop the malloc/free pair. */
static void setup(void)
{
	void *volatile p;

	if (!__sanitizer_install_malloc_and_free_hooks ||
	    !__sanitizer_install_malloc_and_free_hooks(on_malloc, on_free)) {
		state = -1;
		if (getenv("FZ_ALLOC_CANARY")) {
			printf("no sanitizer hooks in this build: nothing counted, "
			       "the canary skips\n");
			exit(77);
		}
		return;
	}
	selfcheck = true;
	armed = 1;
	p = malloc(7);
	free(p);
	fz_allow_begin();
	p = malloc(7);
	free(p);
	fz_allow_end();
	armed = 0;
	selfcheck = false;
	if (counted != 1)
		fz_fail("allocation counter self-check (one counted, one allowed)",
		        __FILE__, __LINE__);
	counted = 0;
	state = 1;
	/* The canary: proves a test that replays this target can fail on an
	 * allocation (fuzz/meson.build, fuzz-alloc-canary). */
	if (getenv("FZ_ALLOC_CANARY")) {
		armed = 1;
		p = malloc(1);
		free(p);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (state == 0)
		setup();
	armed = state == 1 && &fz_alloc_exempt == NULL;
	fz_target(data, size);
	armed = 0;
	return 0;
}

/* See fuzz.h. */
void fz_alloc_stop(void)
{
	armed = 0;
}

/* See fuzz.h. */
void fz_allow_begin(void)
{
	allowed++;
}

/* See fuzz.h. */
void fz_allow_end(void)
{
	FZ_CHECK(allowed > 0);
	allowed--;
}

/* See fuzz.h. */
void *fz_malloc(size_t n)
{
	void *p;

	allowed++;
	p = malloc(n ? n : 1);
	allowed--;
	if (!p)
		abort();
	return p;
}

/* See fuzz.h. */
void *fz_calloc(size_t n, size_t size)
{
	void *p;

	allowed++;
	p = calloc(n ? n : 1, size ? size : 1);
	allowed--;
	if (!p)
		abort();
	return p;
}
