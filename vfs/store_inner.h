/*
 * vfs/store_inner.h - what the files of the store share. Private to them;
 * the API is store.h, its design there. The files are layers, each calling
 * only those before it (store.c lists them; tests/vfs/store_layers.py
 * checks):
 *   store_util.c    the leaf: clock, keys, hashes, versions, paths
 *   store_recent.c  the scan cache: the last files' bytes read
 *   store_lru.c     the snapshots' memory: references, LRU, retired ring
 *   store_fent.c    the entries, reading SOURCE, revalidation
 *   store_obj.c     one object read from its file
 *   store_snap.c    the snapshots of an object: fields, parts, verify/
 *   store_walk.c    the walk feeding the index, the index's loader
 *   store_resolve.c a FUSE path to what it shows
 *   store.c         the operations of store.h
 *
 * What they keep:
 *  - entries (fent): one per path of SOURCE that was looked at and is
 *    there (a directory, a file holding N objects, or a regular file
 *    holding none), in a hash table: what the path is, the stat key it
 *    was decided at, and when; for a file, where each object lies in it
 *    (its index), kept while the key holds, so that an object is read,
 *    decoded and parsed alone; entries of gone paths are dropped
 *    (store_fent.c), so the table is bounded by SOURCE, not by lookups;
 *  - snapshots (snap): a sealed cfs_tree (the fields of one object, one
 *    of its lazy parts, each built when first asked for, or its verify/
 *    directory), reference-counted, in one LRU list with a byte cap;
 *  - the index (index.h), fed by walking SOURCE when verify/ or
 *    /.by-sha256 first needs it.
 * One mutex (lock) guards the first two. Reading files, scanning, parsing,
 * building trees and calling the index all happen with it released: an
 * entry is copied out, the work done, and the result installed only if the
 * entry still has the key the work started from. Beside each field of
 * struct cfs_store, what guards it.
 */
#ifndef CFS_STORE_INNER_H
#define CFS_STORE_INNER_H

#include "store.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "index.h"
#include "scan.h"
#include "tree.h"
#include "verify.h"

/* The mount root's directory of links by fingerprint (docs/ABI.md). */
#define BYSHA ".by-sha256"

/* What identifies one version of a file: any change of content, mode or
 * owner changes it (ctime moves with all of them; size and mtime catch
 * the writers that reset ctime's cousins, inode the rename over it). */
typedef struct fkey {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtim, ctim;
	mode_t mode;
	uid_t uid;
	gid_t gid;
} fkey;

/* A snapshot: one sealed tree, shared by the cache and its readers. */
typedef struct snap snap;
struct snap {
	cfs_tree *t;
	unsigned refs;          /* the cache's (when cached) + one per user */
	size_t bytes;
	bool cached;
	snap *prev, *next;      /* LRU, most recent first */
	snap **slot;            /* the entry's pointer to it, while cached */
	uint64_t ver;           /* the version of what it shows (cfs_st_ver_of) */
	int64_t from, until;    /* verify/: the seconds it holds for (index.h) */
};

/* What an entry caches for one of its file's objects. */
typedef struct objslot {
	cfs_scan_obj span;      /* where it lies in the file (scan.h) */
	uint64_t ver;           /* its fields' version (cfs_st_span_ver), 0 until
				 * its bytes were read: a listing that reads
				 * the file whole sets it, so that the entry
				 * can be listed with its attributes */
	snap *fields;           /* all but the lazy parts and verify/ */
	snap *part[CFS_PART_COUNT];     /* by cfs_part: the lazy parts (fields.h,
				 * cfs_lazy_parts) */
	snap *verify;
	uint64_t vgen;          /* index generation verify was built at */
} objslot;

/* What an entry's path is: not looked at yet, nothing shown, a directory,
 * a file holding objects. */
enum { FE_UNSEEN, FE_NONE, FE_DIR, FE_OBJ };

/* An entry: one path of SOURCE that was looked at (store_fent.c); every
 * field under st->lock. */
typedef struct fent fent;
struct fent {
	fent *hnext;
	char *rel;              /* path in SOURCE, "" its root */
	uint64_t hash;
	int kind;
	bool is_reg;            /* a regular file (FE_NONE: one with no object) */
	bool link;              /* reached through a symbolic link of SOURCE */
	bool counted;           /* FE_OBJ: objs (nobj, their spans) found; false
				 * when its head alone was read (a listing) */
	fkey key;
	double checked;         /* monotonic time key was taken */
	size_t nobj;
	objslot *objs;
	bool indexed;           /* the index holds this file's objects at ikey */
	fkey ikey;
	uint64_t seen;          /* last index walk that met it */
};

/* An entry as copied out of the lock. */
typedef struct finfo {
	int kind;
	fkey key;
	size_t nobj;
	bool link;              /* the fent's */
	uint64_t ver1;          /* a file of one object: that object's version
				 * if known (objslot), else 0 */
} finfo;

/* Bytes of a file read a moment ago, shared: the listing or the lookup
 * that read a small file, or the read of one object, hands them to the
 * builds that follow (a stat, then the fields), which would otherwise
 * read them again. */
typedef struct recent {
	char *rel;
	fkey key;
	size_t off, len;        /* the file's bytes [off, off + len) */
	uint8_t *b;
	unsigned refs;          /* the ring's + one per user */
} recent;

/* How many recent reads the store keeps, and the largest (store_recent.c):
 * at most RECENT_SLOTS * RECENT_MAX bytes outside the cache's cap. */
#define RECENT_SLOTS 8
#define RECENT_MAX ((size_t)256 << 10)
/* How much of a file a listing reads to classify it (store_fent.c). */
#define HEAD_BYTES 4096
#define RETIRED_MAX 64          /* snapshots kept after they leave the cache */
#define RETIRED_SHARE 8         /* ... in at most 1/8 of the cap's bytes */

/* The store. Guards, as libfuse's passthrough_ll.c notes them:
 * [const] set by cfs_store_open, read by any thread without a lock;
 * [lock], [walk_lock] that mutex; [atomic] atomics. */
struct cfs_store {
	char *src;              /* [const] realpath of SOURCE */
	size_t srclen;          /* [const] */
	bool single;            /* [const] SOURCE is a file: the root is its objects */
	bool shared;            /* [const] -o allow_other (cfs_store_opts) */
	bool nofollow;          /* [const] -o nofollow (cfs_store_opts) */
	size_t cap;             /* [const] cache cap, bytes */
	size_t obj_max;         /* [const] an object's bytes in its file, at most (cap / 4) */

	pthread_mutex_t lock;
	fent **tab;             /* [lock] the entries (store_fent.c) */
	size_t nb, n;           /* [lock] buckets, entries */
	size_t sweep;           /* [lock] the next bucket to re-check (store_fent.c) */
	snap *lru_head, *lru_tail;      /* [lock] the cached snapshots (store_lru.c) */
	size_t cached;          /* [lock] their bytes */
	uint64_t wgen;          /* [lock] the walk's count, for fent.seen (store_walk.c) */

	recent *recents[RECENT_SLOTS];  /* [lock] the scan cache (store_recent.c) */
	unsigned recent_next;           /* [lock] */
	atomic_size_t loads;            /* [atomic] whole files read (cfs_store_loads) */
	atomic_size_t heads;            /* [atomic] heads read by listings (cfs_store_heads) */

	/* The last snapshots to leave the cache, each with a reference:
	 * a version the kernel looked up a moment ago stays openable
	 * (cfs_store_open_version) though the file changed since. */
	snap *retired[RETIRED_MAX];     /* [lock] */
	unsigned retired_next;          /* [lock] */
	size_t retired_bytes;           /* [lock] */

	pthread_mutex_t walk_lock;
	pthread_cond_t walk_done;       /* a walk ended (with walk_lock) */
	bool walking;                   /* [walk_lock] a walker thread is walking */
	bool walker_made;               /* [walk_lock] walker is to be joined */
	pthread_t walker;               /* [walk_lock] */
	uint64_t walks;                 /* [walk_lock] walks ended */
	double walk_began;              /* [walk_lock] when the walker started */
	double walked;                  /* [walk_lock] when the last walk ended */
	/* [walk_lock] to create; then never changes until close, so read
	 * without a lock by whoever called cfs_st_ensure_index; the index
	 * has its own lock (index.h) */
	cfs_index *ix;
	/* [atomic], written by the walker: a digest of every directory's
	 * key at the last walk: under allow_other, who may read an object
	 * depends on its directories too, and with it what verify/ may
	 * show (store_snap.c, usable). */
	_Atomic uint64_t dirsum;
};

/* A list of snapshots to free once the lock is released. */
typedef struct freelist {
	snap *v[64];
	size_t n;
} freelist;

/* What a FUSE path resolves to (store_resolve.c). */
enum {
	R_DIR,          /* a directory of SOURCE */
	R_EMPTY,        /* a single-file SOURCE with no object: an empty root */
	R_BUNDLE,       /* a file of several objects */
	R_COUNT,        /* its `count` */
	R_OBJDIR,       /* an object's directory, for a stat (no tree built) */
	R_NODE,         /* a node of an object's tree */
	R_BYSHA,        /* /.by-sha256 */
	R_BYSHA_LINK,   /* /.by-sha256/<hex> */
};

/* A resolved path: its kind and what it holds (cfs_st_resolve). */
typedef struct res {
	int kind;
	finfo fi;               /* the directory or file it belongs to */
	snap *s;                /* R_NODE: a reference, release with cfs_st_res_done */
	cfs_node *n;
	const char *rest;       /* R_NODE: n's path inside its tree */
	bool live;              /* R_NODE: verify/ itself, whose entries change
				 * with the store, not with the file */
	uint64_t ver;           /* R_OBJDIR: its version, the fields tree's */
	char target[PATH_MAX + 64];     /* R_BYSHA_LINK */
} res;

/* ---- store_util.c: the leaf (no lock taken, none needed) ---- */
/* The monotonic clock, in seconds. */
double cfs_st_mono(void);
/* The key of a file whose stat is *sb. */
void cfs_st_key_of(const struct stat *sb, fkey *k);
/* Whether two keys are the same version of a file. */
bool cfs_st_key_eq(const fkey *a, const fkey *b);
/* The hash of an entry's path (FNV-1a). */
uint64_t cfs_st_hash_str(const char *s);
/* h with the 8 bytes of v mixed in (FNV-1a): the versions' hash. */
uint64_t cfs_st_mix(uint64_t h, uint64_t v);
/* The version of a tree (see store.h's cfs_store_getattr); never 0. */
uint64_t cfs_st_ver_of(const fkey *k, size_t idx, bool verify, uint64_t gen, int64_t until);
/* The version of the fields of object idx of a file at key k, whose span
 * is o and the span's bytes b (o->src_len of them; not read, so not
 * looked at, when the span is over obj_max or has its own error): all
 * the object's files are made of those bytes, so whoever has read them
 * (a listing that read the file whole, or the read of the object) can
 * tell the version without decoding or parsing anything. Never 0. */
uint64_t cfs_st_span_ver(size_t obj_max, const fkey *k, size_t idx, const cfs_scan_obj *o,
			 const uint8_t *b);
/* SOURCE's path of rel into buf; -ENAMETOOLONG if it does not fit. */
int cfs_st_real_path(const cfs_store *st, const char *rel, char *buf, size_t cap);
/* "rel/name" (or "name" at the root), malloc'ed; NULL when out of memory. */
char *cfs_st_join(const char *rel, const char *name);
/* The sorted names in directory rel (not "." "..", nor the root's
 * .by-sha256); free with cfs_st_free_list. */
char **cfs_st_list_dir(const cfs_store *st, const char *rel, size_t *n);
void cfs_st_free_list(char **v, size_t n);
/* The path the index knows object idx of file rel by ("rel" or "rel/idx"). */
void cfs_st_objpath_of(const char *rel, size_t nobj, size_t idx, char *buf, size_t cap);
/* The object index that the bundle directory name s[0..n) names
 * (decimal, no leading zero, below nobj), or -ENOENT. */
int cfs_st_obj_index(const char *s, size_t n, size_t nobj, size_t *idx);

/* ---- store_recent.c: the scan cache (takes st->lock) ---- */
/* Keeps b[0..len), the bytes of file rel at key k from off, for the next
 * cfs_st_obj_get (copied; nothing if larger than RECENT_MAX). */
void cfs_st_recent_put(cfs_store *st, const char *rel, const fkey *k, size_t off,
		       const uint8_t *b, size_t len);
/* The recent read of file rel at key k holding span o (a reference), or
 * NULL; st->lock held. */
recent *cfs_st_recent_find(cfs_store *st, const char *rel, const fkey *k,
			   const cfs_scan_obj *o);
/* Drops a reference (NULL: nothing); no lock held. */
void cfs_st_recent_unref(cfs_store *st, recent *r);
/* Drops the recent reads (closing the store). */
void cfs_st_recent_free(cfs_store *st);

/* ---- store_lru.c: the snapshots' memory ---- */
/* A snapshot of t, one reference (the caller's), not cached; NULL (t
 * freed) when out of memory. */
snap *cfs_st_snap_new(cfs_tree *t);
/* Frees a snapshot no one else holds. */
void cfs_st_snap_free(snap *s);
/* Caches s in *slot (the cache's reference), evicting from the LRU's
 * tail while over the cap (not s: the tree just built stays); st->lock
 * held, what goes into fl. */
void cfs_st_cache_put(cfs_store *st, snap *s, snap **slot, freelist *fl);
/* A reference to cached s, which moves to the LRU's front; st->lock held. */
void cfs_st_snap_use(cfs_store *st, snap *s);
/* Takes s out of the cache (its slot forgets it; NULL or uncached:
 * nothing); the cache's reference goes to the retired ring; st->lock held. */
void cfs_st_uncache(cfs_store *st, snap *s, freelist *fl);
/* Puts one reference of s in the retired ring, in place of the oldest;
 * st->lock held. */
void cfs_st_retire(cfs_store *st, snap *s, freelist *fl);
/* Uncaches the snapshots of objs[0..n) (a file that changed or went);
 * st->lock held. */
void cfs_st_drop_slots(cfs_store *st, objslot *objs, size_t n, freelist *fl);
/* Frees what fl holds; st->lock released. */
void cfs_st_flush(freelist *fl);
/* Drops a reference to a snapshot (NULL: nothing); no lock held. */
void cfs_st_snap_unref(cfs_store *st, snap *s);
/* The retired snapshot of version ver, with a reference, or NULL. */
snap *cfs_st_retired_find(cfs_store *st, uint64_t ver);
/* Drops the retired snapshots (closing the store). */
void cfs_st_retired_free(cfs_store *st);

/* ---- store_fent.c: entries and SOURCE ---- */
/* The entry of rel (h its hash), or NULL; st->lock held. */
fent *cfs_st_fent_find(cfs_store *st, const char *rel, uint64_t h);
/* Frees every entry and its snapshots (closing the store). */
void cfs_st_fents_free(cfs_store *st);
/* Opens file rel of SOURCE for reading (links followed): *fd, and *k the
 * key of what it reads (fstat); -ENOENT if it is no regular file or too
 * big to be shown. No lock held. */
int cfs_st_open(cfs_store *st, const char *rel, int *fd, fkey *k);
/* Indexes the file open at fd (cfs_scan_fd; counted in loads). */
int cfs_st_load(cfs_store *st, int fd, const fkey *k, cfs_scan *sc, uint8_t **whole,
		size_t *wlen);
/* Brings rel's entry up to date and copies it into *fi: its objects
 * counted and indexed. No lock held. */
int cfs_st_validate(cfs_store *st, const char *rel, finfo *fi);
/* The same for a listing, for each of rels[0..n) (a NULL one is -ENOMEM)
 * into fi[i], its result into rc[i]: what it is, decided from the head of
 * the file when the head can decide (a PEM block of an object's label in
 * it, or a DER header spanning the file), its objects counted only when
 * the head is the whole file; a few threads at once for a large
 * directory. No lock held. */
void cfs_st_classify_many(cfs_store *st, char *const *rels, size_t n, finfo *fi, int *rc);

/* ---- store_obj.c: one object read from its file ---- */
/* An object of a file as a build takes it. */
typedef struct sobj {
	cfs_type hint;
	uint8_t *der;           /* malloc'ed; NULL with err or big */
	size_t len;
	xc_err err;             /* why a PEM block gave no DER */
	size_t err_off;         /* with err: the offset in the file */
	bool big;               /* over obj_max: not read (ABI: invalid) */
	size_t src_len;         /* its bytes in the file */
	size_t nobj;            /* the file's objects, by the index used */
	uint64_t ver;           /* its fields' version (cfs_st_span_ver) */
} sobj;
/* Object idx of file rel at fi's key, read alone when the entry's index
 * holds it (else the file is indexed again); *k the key of the bytes
 * read. Free with cfs_st_obj_free. No lock held. */
int cfs_st_obj_get(cfs_store *st, const char *rel, const finfo *fi, size_t idx, sobj *o,
		   fkey *k);
void cfs_st_obj_free(sobj *o);

/* ---- store_snap.c: the snapshots of an object (no lock held) ---- */
/* The version of the fields snapshot of object idx of file rel, which
 * its scan fixes: the cached snapshot's, else the scan's, without a
 * build. */
int cfs_st_fields_ver(cfs_store *st, const char *rel, const finfo *fi, size_t idx,
		      uint64_t *ver);
/* The snapshot of the fields of object idx of file rel (one reference). */
int cfs_st_fields_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx, snap **out);
/* The snapshot of one of its lazy parts (fields.h, cfs_lazy_parts: the
 * derived files, the deep directories; one reference), which the fields
 * snapshot only holds the places of. */
int cfs_st_part_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx, cfs_part part,
		     snap **out);
/* The snapshot of its verify/ directory (one reference), from the index
 * as it stands: the caller brings it up to date first
 * (cfs_st_ensure_index); -ENOMEM if there is none. */
int cfs_st_verify_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx, snap **out);

/* ---- store_walk.c: the index walk ---- */
/* Creates the index, or re-walks SOURCE if the last walk is stale; waits
 * for that walk until CFS_WALK_WAIT seconds after it began, but for the
 * first one to its end. */
#define CFS_WALK_WAIT 0.2
void cfs_st_ensure_index(cfs_store *st);
/* Waits for the last walk to end (closing the store). */
void cfs_st_walker_join(cfs_store *st);

/* ---- store_resolve.c: paths ---- */
/* Resolves a FUSE path into *r (list: it is to be listed, so verify/ is
 * its own tree's root); release with cfs_st_res_done. */
int cfs_st_resolve(cfs_store *st, const char *path, bool list, res *r);
/* Drops what r holds. */
void cfs_st_res_done(cfs_store *st, res *r);
/* Walks path (relative, '/'-separated, shorter than rel's PATH_MAX) one
 * component at a time as a lookup does, from SOURCE's root: stops at the
 * first file of objects, with its path in rel and what follows it in
 * *rest, or at the end of path, with *rest NULL and rel the directory.
 * *fi is what rel is. -ENOENT when a component is neither a directory
 * nor a file of objects. */
int cfs_st_walk(cfs_store *st, const char *path, char *rel, finfo *fi, const char **rest);

#endif
