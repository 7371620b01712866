/*
 * vfs/inode.h - the FUSE inodes of a mount: one per version of a path.
 *
 * The kernel keeps attributes and cached pages per inode. With one inode
 * per path (libfuse's high-level API), a file opened before its source
 * changed shares them with the new version: fstat() of the old descriptor
 * reports the new size, and cached pages could mix versions. Here each
 * (path, version, file type) gets its own inode number (cfs_store_getattr
 * gives the version): a lookup that finds a new version hands the kernel
 * a new inode, the old one keeps its attributes for as long as the kernel
 * holds it, and a version's bytes never change, so they may stay in the
 * page cache. Directories have version 0 and keep one inode per path.
 *
 * Numbers are never reused (a 64-bit counter), so the FUSE generation is
 * always 0. The root is inode 1 (FUSE_ROOT_ID), path "/", never forgotten,
 * and one inode whatever version "/" shows (the kernel cannot replace it).
 * Thread-safe.
 */
#ifndef CFS_INODE_H
#define CFS_INODE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#define CFS_ROOT_INO 1  /* FUSE_ROOT_ID, without needing FUSE's headers */

typedef struct cfs_itab cfs_itab;

cfs_itab *cfs_itab_new(void);
void cfs_itab_free(cfs_itab *t);

/* The inode of path whose attributes are sb (sb->st_ino the version),
 * made if new; counts one kernel lookup and keeps sb as its attributes and
 * tag (the caller's: ops.c's trust class) as its tag. *out gets the
 * attributes with st_ino the inode number. 0 if out of memory. */
uint64_t cfs_itab_lookup(cfs_itab *t, const char *path, const struct stat *sb,
			 unsigned tag, struct stat *out);

/* The inode of (path, version, type) if the kernel holds it, else 0;
 * counts nothing. */
uint64_t cfs_itab_find(cfs_itab *t, const char *path, uint64_t ver, mode_t type);

/* Calls fn for every inode held (the root included), outside the lock:
 * what it gets is a copy taken first. -ENOMEM if that copy fails. */
int cfs_itab_each(cfs_itab *t, void (*fn)(void *ctx, uint64_t ino, const char *path,
					   unsigned tag), void *ctx);

/* The root's tag (0 until set). */
void cfs_itab_tag_root(cfs_itab *t, unsigned tag);

/* Undoes n lookups; the inode goes when none is left. */
void cfs_itab_forget(cfs_itab *t, uint64_t ino, uint64_t n);

/* Path (into path[cap]), version, kept attributes and tag of ino (tag
 * may be NULL). -ENOENT for an unknown inode, -ENAMETOOLONG if cap is too
 * small. */
int cfs_itab_get(cfs_itab *t, uint64_t ino, char *path, size_t cap, uint64_t *ver,
		 struct stat *attr, unsigned *tag);

/* Keeps sb (st_ino the version) as ino's attributes if it is still
 * ino's version and file type (the root takes any directory's version);
 * returns whether it was. */
int cfs_itab_refresh(cfs_itab *t, uint64_t ino, const struct stat *sb);

/* Pins: an inode may keep one pin (the caller's malloc'd block: ops.c's
 * copy of the inode's bytes) until the kernel forgets it, so the inode's
 * bytes stay readable while anything holds it open. cfs_itab_pin keeps
 * pin and returns 1 if the inode had none (else 0: the caller frees its
 * pin). cfs_itab_use_pin calls fn(ctx, pin) under the table's lock (fn
 * must not call back into the table) and returns what fn returns, or
 * -ENOENT if the inode has no pin. The table free()s a pin when its inode
 * is forgotten or the table freed. */
int cfs_itab_pin(cfs_itab *t, uint64_t ino, void *pin);
int cfs_itab_use_pin(cfs_itab *t, uint64_t ino, int (*fn)(void *ctx, void *pin), void *ctx);

/* Inodes held now (tests, statistics). */
size_t cfs_itab_count(cfs_itab *t);

#endif
