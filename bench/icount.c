/*
 * bench/icount.c - counts the instructions the CPU really executes, by
 * single-stepping the benchmark's own process.
 *
 * Why not callgrind alone: valgrind's simulated CPU does not have the SHA
 * extensions (its CPUID hides them), so under callgrind wolfSSL and OpenSSL
 * hash with their AVX2 code, while on this machine they run their SHA-NI
 * code: callgrind's count would describe a run that never happens. And no
 * hardware counter is there to ask: this VM exposes no PMU (`perf stat -e
 * instructions` says "not supported").
 *
 * How: setting the x86 trap flag (TF, bit 8 of RFLAGS) makes the CPU raise
 * a debug exception after every instruction; the kernel turns it into a
 * SIGTRAP, whose handler counts one. The handler runs with TF clear (the
 * kernel clears it on signal delivery and sigreturn restores it), so only
 * the code between bench_icount_start() and bench_icount_stop() is counted,
 * plus the few instructions of the two calls themselves (a constant the
 * caller cancels by also counting an empty region). Each iteration of a
 * REP string instruction traps on its own, so `rep movsb` counts per byte
 * moved, as callgrind counts it. It is slow (tens of microseconds per
 * instruction in a VM): for counting, never for timing.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "bench.h"

static volatile uint64_t steps;

static void on_trap(int sig)
{
	(void)sig;
	steps++;
}

#if defined(__x86_64__)
#define TF_SUPPORTED true
static inline void tf_set(void)
{
	__asm__ volatile("pushfq\n\torq $0x100, (%%rsp)\n\tpopfq" ::: "memory", "cc");
}

static inline void tf_clear(void)
{
	__asm__ volatile("pushfq\n\tandq $~0x100, (%%rsp)\n\tpopfq" ::: "memory", "cc");
}
#else
#define TF_SUPPORTED false
static inline void tf_set(void)
{
}

static inline void tf_clear(void)
{
}
#endif

/* bench.h */
bool bench_icount_start(void)
{
	struct sigaction sa;

	if (!TF_SUPPORTED)
		return false;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_trap;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTRAP, &sa, NULL) != 0)
		return false;
	steps = 0;
	tf_set();
	return true;
}

/* bench.h */
uint64_t bench_icount_stop(void)
{
	tf_clear();
	return steps;
}
