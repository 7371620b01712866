/*
 * vfs/ops.h - certfs's FUSE operations (ops.c) and the state they share,
 * for the daemon (main.c), which mounts and serves them.
 */
#ifndef CFS_OPS_H
#define CFS_OPS_H

#define FUSE_USE_VERSION 312

#include <fuse_lowlevel.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "inode.h"
#include "store.h"
#include "watch.h"

#define CFS_PUSH_SLOTS 8        /* ops.c, push_pages */

typedef struct cfs_fs {
	cfs_store *st;
	cfs_itab *it;
	struct fuse_session *se;
	cfs_watch *w;           /* NULL: nothing is trusted for long */
	char *src;              /* realpath of SOURCE */
	atomic_int degraded;    /* inotify lost events: trust nothing for long */
	/* small files looked up, whose bytes go to the kernel's page cache
	 * at a later lookup (ops.c, push_pages); 0 an empty slot */
	_Atomic uint64_t push[CFS_PUSH_SLOTS];
	bool no_open;           /* the kernel can do without OPEN (cfs_open) */
	bool shared;            /* -o allow_other: other users reach the mount */
	uid_t self;             /* the daemon's user */
} cfs_fs;

/* The operations (fuse_session_new's), their userdata a cfs_fs. */
extern const struct fuse_lowlevel_ops cfs_ops;

/* cfs_watch_new's callback (watch.h, cfs_inval_fn): tells the kernel to
 * forget what a change in SOURCE made stale; ctx a cfs_fs. */
void cfs_ops_inval(void *ctx, const char *dir, const char *name, bool lost);

/* cfs_watch_start's callback: the root's names are trusted for long once
 * its watch exists (ok), else briefly; ctx a cfs_fs. */
void cfs_ops_watch_ready(void *ctx, bool ok);

#endif
