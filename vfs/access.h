/*
 * vfs/access.h - who may read what through a shared (-o allow_other)
 * mount: docs/ABI.md 1.5, the rule in full.
 *
 * Three tools, each for one place where the kernel cannot decide alone:
 *  - the ACL a node shows (cfs_acl_shown): the source's POSIX ACL with
 *    the same change as its mode (read bits kept, x where r for an
 *    object's directory), which the kernel then enforces itself
 *    (FUSE_CAP_POSIX_ACL with default_permissions: the caller's groups,
 *    capabilities and user namespace, as on the source's filesystem);
 *  - a check as the calling user (cfs_as_begin/cfs_as_end around
 *    faccessat(2)), for /.by-sha256, whose entries are the daemon's to
 *    show or not: the fs credentials of the calling thread only;
 *  - a comparison of two paths' readers (cfs_perm_covers), for verify/,
 *    whose answers are one per object for all its readers (the kernel
 *    keeps their pages per inode).
 * No state: the caller owns every struct.
 */
#ifndef CFS_ACCESS_H
#define CFS_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Supplementary groups a check carries; a caller in more is refused
 * (fewer groups could grant more: a group entry can deny what others
 * may). 64 is more than any login session holds in practice. */
#define CFS_WHO_GROUPS 64

/* The user a request comes from (fuse_req_ctx, fuse_req_getgroups). */
typedef struct cfs_who {
	uid_t uid;
	gid_t gid;
	int ngroups;
	gid_t groups[CFS_WHO_GROUPS];
} cfs_who;

/* How a source's permission is shown (store.c's modes): a file's read
 * bits; an object's directory, made from a file, x wherever r; a
 * directory of SOURCE its own r and x. */
enum cfs_acl_kind { CFS_ACL_FILE, CFS_ACL_OBJDIR, CFS_ACL_SRCDIR };

/* The ACL (xattr system.posix_acl_access format) the node of that kind
 * made from the source `real` shows, into buf[cap]: its length, 0 when
 * the source has none (the mode says all), or -errno (-ERANGE: cap is
 * short). */
long cfs_acl_shown(const char *real, enum cfs_acl_kind kind, void *buf, size_t cap);

/* An ACL that grants nothing to anyone but the owner's mode bits: what a
 * node shows when its source changed between the stat and the read. */
size_t cfs_acl_none(void *buf, size_t cap);

/* The calling thread's fs credentials, saved while it acts as another. */
typedef struct cfs_as {
	uid_t fsuid;
	gid_t fsgid;
	int ngroups;
	gid_t groups[CFS_WHO_GROUPS];
} cfs_as;

/* Makes the calling thread (only it: raw setfsuid, setfsgid, setgroups,
 * not glibc's setgroups, which changes every thread) check files as w.
 * false when it cannot (a daemon without CAP_SETUID/CAP_SETGID), and
 * nothing is changed then. Call nothing between begin and end but the
 * checks: the store's caches must never see the caller's view. */
bool cfs_as_begin(const cfs_who *w, cfs_as *saved);
void cfs_as_end(const cfs_as *saved);

/* Between begin and end: whether the user acted as may read rel, from
 * the directory dirfd (every directory on the way searchable, the file
 * readable), as the kernel decides for the thread's fs credentials. */
bool cfs_as_may_read(int dirfd, const char *rel);

/* What decides who reaches one component of a path: stat and whether an
 * ACL is there. */
typedef struct cfs_perm {
	bool dir;               /* what it needs: x for a directory, else r */
	bool acl;
	mode_t mode;
	uid_t uid;
	gid_t gid;
} cfs_perm;

/* The perm of the source `real` (links followed); -errno. */
int cfs_perm_of(const char *real, cfs_perm *p);

/* Whether everyone who gets past o also gets past e (a sufficient
 * condition, never a guess): e lets everyone by (no ACL, the bit for
 * owner, group and others), or o only root (root's, no ACL, no bit for
 * group or others: only capable processes), or, neither having an ACL,
 * the same owner and group with e's bits a superset of o's. */
bool cfs_perm_covers(const cfs_perm *o, const cfs_perm *e);

/* Path components the comparisons below look at: a deeper path is taken
 * to let no one by (a store is rarely 32 directories deep). */
#define CFS_PERM_DEPTH 32

/* The perms of the components of rel, a path below the directory root
 * (each directory, then the last component), into p[max]: their count,
 * or -1 (one cannot be had, or more than max). */
int cfs_perms_of(const char *root, const char *rel, cfs_perm *p, int max);

/* Whether everyone who gets past all of o[0..no) gets past every one of
 * e[0..ne): each e is covered by one o (cfs_perm_covers). */
bool cfs_perms_cover(const cfs_perm *o, int no, const cfs_perm *e, int ne);

#endif
