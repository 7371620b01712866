/*
 * vfs/thp.c - the daemon's heap on transparent huge pages (see thp.h).
 */
#include "thp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TUNABLE "glibc.malloc.hugetlb"
#define AGAIN "CERTFS_THP_AGAIN"        /* set for the second run only */

/* see thp.h */
void cfs_thp_reexec(char *argv[])
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
