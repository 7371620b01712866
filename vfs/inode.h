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
 * made if new; counts one kernel lookup and keeps sb as its attributes.
 * *out gets them with st_ino the inode number. 0 if out of memory. */
uint64_t cfs_itab_lookup(cfs_itab *t, const char *path, const struct stat *sb,
			 struct stat *out);

/* Undoes n lookups; the inode goes when none is left. */
void cfs_itab_forget(cfs_itab *t, uint64_t ino, uint64_t n);

/* Path (into path[cap]), version and kept attributes of ino.
 * -ENOENT for an unknown inode, -ENAMETOOLONG if cap is too small. */
int cfs_itab_get(cfs_itab *t, uint64_t ino, char *path, size_t cap, uint64_t *ver,
		 struct stat *attr);

/* Keeps sb (st_ino the version) as ino's attributes if it is still
 * ino's version and file type (the root takes any directory's version);
 * returns whether it was. */
int cfs_itab_refresh(cfs_itab *t, uint64_t ino, const struct stat *sb);

/* Inodes held now (tests, statistics). */
size_t cfs_itab_count(cfs_itab *t);

#endif
