/*
 * vfs/watch.h - inotify on SOURCE's directories, so the kernel may trust
 * what certfs told it for long and still see a change within a second.
 *
 * Without it every name the kernel caches expires after CFS_REVALIDATE
 * (0.4 s) and is looked up again: a walk of a large store pays one lookup
 * round trip per file, every time. With it, names in a watched directory
 * are given CFS_TRUST seconds, and a change of one of them (created,
 * written, closed after writing, chmod/chown, renamed, removed) calls
 * back at once, and again CFS_SETTLE seconds later: by then the store's
 * own cached stat (trusted for CFS_REVALIDATE) has expired and a lookup
 * that raced the change has been answered, so the second call clears
 * whatever the first could not.
 *
 * Second calls wait in a list of at most CFS_SETTLE_MAX names; a burst
 * of changes beyond (an rsync of the whole store) makes one second call
 * for everything instead.
 *
 * Used only where inotify sees every change: SOURCE on a local filesystem
 * (cfs_watch_local_fs). Watches are added lazily, one per directory the
 * kernel looks up, so mounting stays O(1). A queue overflow calls back
 * with dir == NULL: forget everything.
 *
 * SOURCE itself may be replaced: removed and made again, or another
 * directory renamed over its path (a deploy's swap). Watches follow
 * directories, not paths, so the root's watch then hears nothing of the
 * new SOURCE. The root's own events (removed, moved, link count changed)
 * have the thread compare SOURCE's path with the identity (device and
 * inode) of the directory it watches: another one, and every watch goes,
 * the new root is watched, and it calls back with dir == NULL (now and
 * CFS_SETTLE later); none, and it calls back with dir == NULL once and
 * looks again, every 50 ms to every second, until one comes.
 */
#ifndef CFS_WATCH_H
#define CFS_WATCH_H

#include <stdbool.h>

#define CFS_TRUST 60.0          /* seconds a watched name is trusted */
#define CFS_SETTLE 0.5          /* the second call back, after a change */
#define CFS_SETTLE_MAX 1024     /* names waiting for their second call */

typedef struct cfs_watch cfs_watch;

/* Called from the watch thread: name in the directory shown at mount
 * path dir ("/" the root) changed, or, with dir NULL, anything may have
 * (a burst of changes); lost: events were lost, so from now on nothing
 * may be trusted for long. */
typedef void (*cfs_inval_fn)(void *ctx, const char *dir, const char *name, bool lost);

/* Whether SOURCE (a directory) is on a filesystem whose changes inotify
 * sees: the local ones (ext2/3/4, xfs, btrfs, tmpfs, f2fs, overlay). */
bool cfs_watch_local_fs(const char *source);

/* A watcher of the directory tree at source (a realpath); NULL if inotify
 * cannot be used (then nothing is trusted for long). */
cfs_watch *cfs_watch_new(const char *source, cfs_inval_fn fn, void *ctx);

#define CFS_WATCH_DELAY_MS 100     /* from the thread's start to the root's watch */

/* Starts the thread that reads events; CFS_WATCH_DELAY_MS later it
 * watches SOURCE's root, then calls ready(ctx, ok). Adding a watch walks
 * the directory's cached entries in the kernel (10 ms for 100,000, with
 * the directory's dentry locked), which mounting must not wait for:
 * until ready, nothing is trusted for long. */
int cfs_watch_start(cfs_watch *w, void (*ready)(void *ctx, bool ok));
void cfs_watch_free(cfs_watch *w);

/* Watches SOURCE's directory shown at mount path (no symlink on the way:
 * the caller checks). 0, or -errno (e.g. -ENOSPC past the user's watch
 * limit): then names in it must not be trusted for long. */
int cfs_watch_dir(cfs_watch *w, const char *path);

#endif
