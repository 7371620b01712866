/*
 * vfs/heap.c - the daemon's heap (see heap.h).
 */
#include "heap.h"

#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define TUNABLE "glibc.malloc.hugetlb"
/* Set for the second run only: "-" if GLIBC_TUNABLES was unset, else
 * "+" and its value, which the second run puts back, so that what certfs
 * starts (fusermount3) sees the user's environment. */
#define WAS "CERTFS_TUNABLES_WAS"

/* Whether the tunables string t sets tunable name. */
static bool sets(const char *t, const char *name)
{
	size_t n = strlen(name);
	const char *p = t;

	while (p) {
		if (strncmp(p, name, n) == 0 && p[n] == '=')
			return true;
		p = strchr(p, ':');
		if (p)
			p++;
	}
	return false;
}

/* The path of the executable this code was loaded from, into buf, if
 * /proc/self/exe is that file: not when certfs was started through the
 * dynamic loader (/lib64/ld-linux-x86-64.so.2 certfs ...) or under
 * valgrind, where /proc/self/exe is the loader or the tool. */
static bool own_exe(char *buf, size_t cap)
{
	uintptr_t at = (uintptr_t)&own_exe;
	unsigned long lo, hi, ino;
	unsigned maj, mnr;
	char line[4096];
	struct stat sb;
	bool same = false;
	ssize_t n;
	FILE *f;

	if (stat("/proc/self/exe", &sb) != 0 || !(f = fopen("/proc/self/maps", "re")))
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %*s %*s %x:%x %lu", &lo, &hi, &maj, &mnr, &ino) == 5 &&
		    lo <= at && at < hi) {
			same = ino == sb.st_ino && maj == (unsigned)major(sb.st_dev) &&
			       mnr == (unsigned)minor(sb.st_dev);
			break;
		}
	}
	fclose(f);
	if (!same || (n = readlink("/proc/self/exe", buf, cap - 1)) <= 0)
		return false;
	buf[n] = '\0';
	return buf[0] == '/' && !strstr(buf, " (deleted)");
}

/* Runs certfs again with the tunable, if it is not set (heap.h); in the
 * second run, puts GLIBC_TUNABLES back as it was. */
static void reexec(char *argv[])
{
	const char *old = getenv("GLIBC_TUNABLES"), *was = getenv(WAS);
	char exe[4096], *val = NULL, *mark = NULL;

	if (was) {
		if (was[0] == '+')
			setenv("GLIBC_TUNABLES", was + 1, 1);
		else
			unsetenv("GLIBC_TUNABLES");
		unsetenv(WAS);
		return;
	}
	if ((old && sets(old, TUNABLE)) || !own_exe(exe, sizeof(exe)))
		return;
	if ((old && *old ? asprintf(&val, "%s:%s=1", old, TUNABLE)
			 : asprintf(&val, "%s=1", TUNABLE)) < 0)
		return;
	if (asprintf(&mark, "%s%s", old ? "+" : "-", old ? old : "") >= 0 &&
	    setenv(WAS, mark, 1) == 0 && setenv("GLIBC_TUNABLES", val, 1) == 0)
		execv(exe, argv);
	/* still here: go on with the environment as it was */
	unsetenv(WAS);
	if (old)
		setenv("GLIBC_TUNABLES", old, 1);
	else
		unsetenv("GLIBC_TUNABLES");
	free(mark);
	free(val);
}

/* see heap.h */
void cfs_heap_init(char *argv[])
{
	const char *t;

	reexec(argv);
	/* unless the user chose a number of arenas */
	t = getenv("GLIBC_TUNABLES");
	if (!getenv("MALLOC_ARENA_MAX") && !(t && sets(t, "glibc.malloc.arena_max")))
		(void)mallopt(M_ARENA_MAX, 1);
}
