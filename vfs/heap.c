/*
 * vfs/heap.c - the daemon's heap (see heap.h).
 */
#include "heap.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TUNABLE "glibc.malloc.hugetlb"
#define AGAIN "CERTFS_THP_AGAIN"        /* set for the second run only */

/* Runs certfs again with the tunable, if it is not set (heap.h). */
static void reexec(char *argv[])
{
	const char *old = getenv("GLIBC_TUNABLES");
	char *val;
	int n;

	/* The loader may rewrite GLIBC_TUNABLES as it parses it, so the
	 * second run is told apart by a variable of its own as well. */
	if (getenv(AGAIN)) {
		unsetenv(AGAIN);
		return;
	}
	if (old && strstr(old, TUNABLE))
		return;
	n = old && *old ? asprintf(&val, "%s:%s=1", old, TUNABLE)
			: asprintf(&val, "%s=1", TUNABLE);
	if (n < 0)
		return;
	if (setenv(AGAIN, "1", 1) == 0 && setenv("GLIBC_TUNABLES", val, 1) == 0)
		execv("/proc/self/exe", argv);
	/* still here: go on with the environment as it was */
	unsetenv(AGAIN);
	if (old)
		setenv("GLIBC_TUNABLES", old, 1);
	else
		unsetenv("GLIBC_TUNABLES");
	free(val);
}

/* see heap.h */
void cfs_heap_init(char *argv[])
{
	const char *t;

	reexec(argv);
	/* unless the user chose a number of arenas */
	t = getenv("GLIBC_TUNABLES");
	if (!getenv("MALLOC_ARENA_MAX") && !(t && strstr(t, "glibc.malloc.arena_max")))
		(void)mallopt(M_ARENA_MAX, 1);
}
