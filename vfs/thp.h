/*
 * vfs/thp.h - the daemon's heap on transparent huge pages.
 *
 * Every object certfs shows is a tree built into fresh heap memory on
 * first access, and on a virtual machine the first touch of a fresh page
 * is expensive: a fault in the guest, and often one in the host. With
 * glibc's malloc asking for transparent huge pages (the tunable
 * glibc.malloc.hugetlb=1, since glibc 2.35, which madvises its heaps
 * MADV_HUGEPAGE) a cold `cat` of one field of each of 967 objects took
 * about a sixth less time on the benchmark machine (medians of 10
 * alternating runs: 118.6 ms against 97.1 ms; docs/performance.md).
 *
 * A tunable is read by the dynamic loader at start-up only, from the
 * environment; there is no call to set it later. So certfs, first thing,
 * runs itself again with it added to GLIBC_TUNABLES, unless that variable
 * already names glibc.malloc.hugetlb (the user's choice, e.g. 0 to turn
 * it off; or this is the second run). If the exec fails (no /proc), it
 * goes on as it is. The kernel decides the rest: with THP `never`, the
 * advice does nothing.
 */
#ifndef CFS_THP_H
#define CFS_THP_H

/* Returns only if certfs already runs with the tunable, or could not run
 * itself again. argv: main's, NULL-terminated. */
void cfs_thp_reexec(char *argv[]);

#endif
