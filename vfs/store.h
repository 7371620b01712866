/*
 * vfs/store.h - certfs's view of SOURCE: path resolution, the object
 * cache, liveness, the index feed, /.by-sha256 and verify/ (docs/ABI.md).
 *
 * The API is path-based (the FUSE paths, "/" the mount root) so that the
 * FUSE operations (ops.c) is one line per operation. Every function returns 0
 * or -errno, and may be called from any number of threads at once.
 *
 * Design:
 *  - Lazy. Opening the store stats SOURCE and nothing else. A path is
 *    resolved one component at a time against the real SOURCE; each
 *    component's entry (a directory, a file holding objects, or nothing
 *    shown) is cached and re-stat'ed when older than CFS_REVALIDATE
 *    seconds, keyed by (dev, ino, size, mtime, ctime, mode, uid, gid): a
 *    changed key drops what was cached for that file, so a change in
 *    SOURCE shows within CFS_REVALIDATE plus the FUSE timeouts (< 1 s).
 *  - A listing decides what a file is from its head (4 KiB; a smaller
 *    file whole), a few files at once; a lookup finds its objects (scan.h)
 *    and keeps where each lies in the file (its index) while the file is
 *    unchanged, so that an object is read, decoded and parsed alone; its
 *    field trees (fields.h) are built when one of their nodes is
 *    first needed, then cached in an LRU list capped in bytes
 *    (cfs_tree_bytes(); cache_mb; the tree just built stays even when it
 *    alone is over the cap). An object over a quarter of the cap is not
 *    read (it shows as invalid). The lock around the cache is never held
 *    while reading a file, parsing, or building a tree.
 *  - Snapshots. A tree is reference-counted: cfs_store_open() hands back a
 *    handle holding the tree, so a reader sees the bytes of the moment it
 *    opened the file even if the cache evicts the tree or SOURCE changes.
 *  - Symlinks inside SOURCE are followed wherever they resolve
 *    (realpath), inside SOURCE or not (with nofollow: inside only); a
 *    dangling link is not shown, nor a directory link that leads back to
 *    one of the directories above it (a loop would make `find` endless).
 *    What a link shows is keyed by its target's stat, so a change of a
 *    target outside SOURCE, which no watch sees, shows at the next
 *    revalidation (CFS_REVALIDATE).
 *  - The index (index.h) is built on the first access to /.by-sha256 or
 *    to a verify/ directory, by walking all of SOURCE; later accesses first
 *    re-walk it (at most every CFS_REVALIDATE seconds; stat only, files
 *    re-read when their key changed) so added, changed and removed files
 *    reach the index. The re-walk runs in a thread of its own, waited for
 *    at most CFS_WALK_WAIT (0.2 s): re-reading one large file must not
 *    stall the verify/ reads of the others. A verify/ tree is cached like the fields, and rebuilt
 *    when the index's generation moved on or the clock left the span of
 *    time it holds for (index.h, cfs_verify_build).
 *  - SOURCE may be a single file: the mount root is then that file's
 *    object directory.
 */
#ifndef CFS_STORE_H
#define CFS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#define CFS_REVALIDATE 0.4      /* seconds a cached stat of SOURCE is trusted */

typedef struct cfs_store cfs_store;

typedef struct cfs_store_opts {
	const char *source;     /* SOURCE: a directory or a file */
	size_t cache_mb;        /* cap of the field-tree cache; 0: 64. An
				 * object whose bytes in its file are over a
				 * quarter of it is not read: it shows as
				 * invalid (docs/ABI.md) */
	bool shared;            /* -o allow_other: verify/ uses only what every
				 * reader of an object may read (docs/ABI.md 1.5) */
	bool nofollow;          /* -o nofollow: a link whose target lies
				 * outside SOURCE is not shown */
} cfs_store_opts;

/* Opens SOURCE (stat only). NULL with a message in err on failure. */
cfs_store *cfs_store_open(const cfs_store_opts *o, char *err, size_t errcap);
void cfs_store_close(cfs_store *st);

/* st_ino is not an inode number but the version of what path shows:
 * the same number as long as a read (or a directory's listing) would give
 * the same bytes (so a tree rebuilt after eviction keeps it), another one
 * otherwise; 0 for the directories whose entries may change under the
 * same version (SOURCE's own directories, /.by-sha256, verify/). ops.c
 * gives each (path, version) its own FUSE inode, so the kernel never mixes
 * the attributes or cached pages of two versions. */
int cfs_store_getattr(cfs_store *st, const char *path, struct stat *sb);

/* A stat of an object's directory builds nothing: its version is fixed
 * by the file's scan. This builds the object's fields (if path is an
 * object's directory), for a caller that has just answered a lookup of
 * it: ops.c does it after the reply, while the reader wakes up and asks
 * for the next name, which is then found built. */
void cfs_store_prepare(cfs_store *st, const char *path);

/* Calls fill(ctx, name, stat) for each entry of the directory at path
 * (not "." and ".."); stops when fill returns non-zero. stat->st_ino is
 * 0 but for an object's directory (or a bundle's) in a directory of
 * SOURCE whose version the listing knows without reading more than it
 * reads anyway (a file it read whole: one of at most 4 KiB), and that is
 * no symbolic link: then it is the version, and stat all that
 * cfs_store_getattr would say of it at the time of the listing, so the
 * caller may hand it to the kernel as a lookup's answer. */
typedef int (*cfs_fill_fn)(void *ctx, const char *name, const struct stat *sb);
int cfs_store_readdir(cfs_store *st, const char *path, cfs_fill_fn fill, void *ctx);

/* The target of the symlink at path, NUL-terminated, into buf[cap]
 * (truncated as readlink(2) does). */
int cfs_store_readlink(cfs_store *st, const char *path, char *buf, size_t cap);

/* A regular file opened for reading: a snapshot of its bytes. */
typedef struct cfs_handle cfs_handle;
int cfs_store_open_file(cfs_store *st, const char *path, cfs_handle **h);
/* Opens path at version ver (a cfs_store_getattr st_ino): the path's
 * bytes if it still shows that version, else those of a snapshot of that
 * version among the last RETIRED_MAX to leave the cache (replaced by a
 * newer version, or evicted), else -ESTALE (or the path's error if it
 * no longer resolves). */
int cfs_store_open_version(cfs_store *st, const char *path, uint64_t ver, cfs_handle **h);
/* Up to size bytes at off into buf; returns the count (0 at the end). */
long cfs_store_read(cfs_handle *h, char *buf, size_t size, uint64_t off);
void cfs_store_release(cfs_store *st, cfs_handle *h);
/* The snapshot's size: what fstat() on the open file must say, whatever
 * the path holds now. */
size_t cfs_handle_size(const cfs_handle *h);
/* The version cfs_store_getattr gives a symlink whose target is target. */
uint64_t cfs_store_link_version(const char *target);

/* The snapshot's bytes (cfs_handle_size of them), valid until release. */
const uint8_t *cfs_handle_data(const cfs_handle *h);
/* The version (see cfs_store_getattr) of the bytes the handle reads. */
uint64_t cfs_handle_version(const cfs_handle *h);

/* Access under -o allow_other (docs/ABI.md 1.5, access.h). */
struct cfs_who;
/* The ACL (xattr form) that the node at path, of version ver (its
 * cfs_store_getattr st_ino; 0: the current one), shows: its source's,
 * changed as its mode is. The length, 0 for none, or -errno. A source
 * that changed since ver shows an ACL granting only the owner's bits. */
long cfs_store_acl(cfs_store *st, const char *path, uint64_t ver, void *buf, size_t cap);
/* Whether w may see the node at path: for /.by-sha256/<hex>, whether w
 * may read the source file of the object it leads to (every directory on
 * the way searchable, the file readable, as the kernel decides for w);
 * true for every other path, which the kernel checks itself. */
bool cfs_store_visible(cfs_store *st, const char *path, const struct cfs_who *w);

/* Bytes the tree cache holds now (tests, statistics). */
size_t cfs_store_cached_bytes(cfs_store *st);

/* Source files read whole and indexed so far (tests, statistics): a new
 * file is read once for its lookup and its fields together; an object of
 * a file already indexed is read alone, which this does not count. */
size_t cfs_store_loads(cfs_store *st);

/* Heads of source files read by listings so far, each HEAD_BYTES
 * (tests, statistics): a listing reads the head of a file larger than
 * that, and the whole of a smaller one (a load). */
size_t cfs_store_heads(cfs_store *st);

#endif
