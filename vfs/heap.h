/*
 * vfs/heap.h - the daemon's heap: one malloc arena, on transparent huge
 * pages.
 *
 * Every object certfs shows is a tree built into fresh heap memory on
 * first access, and on a virtual machine the first touch of a fresh page
 * is expensive: a fault in the guest, and often one in the host. Two
 * settings of glibc's malloc cut that down:
 *  - glibc.malloc.hugetlb=1 (glibc 2.35 and later) advises the heap it
 *    grows with brk MADV_HUGEPAGE, so one fault maps 2 MiB;
 *  - one arena (M_ARENA_MAX 1): glibc gives each thread an arena of its
 *    own, grown a page at a time with mprotect and not advised, so the
 *    workers' trees missed the first setting. In a cold `cat` of one field
 *    of each of 967 objects the daemon made 2,100 mprotect calls and
 *    2,900 page faults with an arena per thread, 1 and about 500 with one.
 * What each setting saves is measured in docs/performance.md ("Where the
 * store's time and memory go", the daemon's heap).
 *
 * A tunable is read by the dynamic loader at start-up only, from the
 * environment; there is no call to set it later. So certfs, first thing,
 * runs itself again (its own file, by the path /proc/self/exe names, so
 * its process name stays) with it added to GLIBC_TUNABLES, unless that
 * variable already sets glibc.malloc.hugetlb (the user's choice, e.g. 0
 * to turn it off). The second run puts GLIBC_TUNABLES back as it was, so
 * what certfs starts (fusermount3) sees the user's environment. It does
 * not run itself again when /proc/self/exe is another file than its own
 * (started through the dynamic loader, or under valgrind: that would run
 * the loader or the tool), nor when the exec fails (no /proc): it goes on
 * as it is. The kernel decides the rest: with THP `never`, the
 * advice does nothing. The arena count is a plain mallopt(), made before
 * any thread exists, unless the user set one (glibc.malloc.arena_max in
 * GLIBC_TUNABLES, or MALLOC_ARENA_MAX).
 */
#ifndef CFS_HEAP_H
#define CFS_HEAP_H

/* Returns only in the process that is to serve: after the re-exec, or if
 * none was needed or possible. argv: main's, NULL-terminated. */
void cfs_heap_init(char *argv[]);

#endif
