/*
 * vfs/store.c - SOURCE as certfs shows it (see store.h for the design).
 *
 * Three layers:
 *  - entries (fent): one per path of SOURCE that was looked at, in a hash
 *    table: what the path is (a directory, a file holding N objects, or
 *    nothing shown), the stat key it was decided at, and when;
 *  - snapshots (snap): a sealed cfs_tree (the fields of one object, or its
 *    verify/ directory), reference-counted, in one LRU list with a byte cap;
 *  - the index (index.h), fed by walking SOURCE when verify/ or
 *    /.by-sha256 first needs it.
 * One mutex guards the first two. Reading files, scanning, parsing,
 * building trees and calling the index all happen with it released: an
 * entry is copied out, the work done, and the result installed only if the
 * entry still has the key the work started from.
 */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fields.h"
#include "index.h"
#include "scan.h"
#include "tree.h"

#define BYSHA ".by-sha256"
#define FILE_MAX ((off_t)256 << 20)     /* larger files are not read (not shown) */

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

typedef struct snap snap;
struct snap {
	cfs_tree *t;
	unsigned refs;          /* the cache's (when cached) + one per user */
	size_t bytes;
	bool cached;
	snap *prev, *next;      /* LRU, most recent first */
	snap **slot;            /* the entry's pointer to it, while cached */
	uint64_t ver;           /* the version of what it shows (ver_of) */
};

typedef struct objslot {
	snap *fields;
	snap *verify;
	uint64_t vgen;          /* index generation verify was built at */
	time_t vsec;            /* and the second */
} objslot;

enum { FE_UNSEEN, FE_NONE, FE_DIR, FE_OBJ };

typedef struct fent fent;
struct fent {
	fent *hnext;
	char *rel;              /* path in SOURCE, "" its root */
	uint64_t hash;
	int kind;
	bool is_reg;            /* a regular file (FE_NONE: one with no object) */
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
} finfo;

/* A file's scan, shared: the objects of a bundle are built one by one
 * (each its own snapshot), and without this every one of them would read
 * and scan the whole bundle again, quadratic in its size. */
typedef struct scanref {
	cfs_scan sc;
	char *rel;
	fkey key;
	unsigned refs;          /* the cache's + one per user */
} scanref;

#define SCAN_SLOTS 8
#define SCAN_CACHE_MAX ((size_t)4 << 20)   /* larger scans are not kept */

struct cfs_store {
	char *src;              /* realpath of SOURCE */
	size_t srclen;
	bool single;            /* SOURCE is a file: the root is its objects */
	size_t cap;             /* cache cap, bytes */

	pthread_mutex_t lock;
	fent **tab;
	size_t nb, n;
	snap *lru_head, *lru_tail;
	size_t cached;

	scanref *scans[SCAN_SLOTS];     /* recent scans, under lock */
	unsigned scan_next;

	pthread_mutex_t walk_lock;      /* one index walk at a time */
	cfs_index *ix;
	double walked;
	uint64_t wgen;
};

struct cfs_handle {
	snap *s;
	uint64_t ver;           /* what cfs_store_getattr's st_ino said */
	const uint8_t *data;
	size_t len;
	char small[32];
};

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void key_of(const struct stat *sb, fkey *k)
{
	memset(k, 0, sizeof(*k));
	k->dev = sb->st_dev;
	k->ino = sb->st_ino;
	k->size = sb->st_size;
	k->mtim = sb->st_mtim;
	k->ctim = sb->st_ctim;
	k->mode = sb->st_mode;
	k->uid = sb->st_uid;
	k->gid = sb->st_gid;
}

static bool key_eq(const fkey *a, const fkey *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtim.tv_sec == b->mtim.tv_sec && a->mtim.tv_nsec == b->mtim.tv_nsec &&
	       a->ctim.tv_sec == b->ctim.tv_sec && a->ctim.tv_nsec == b->ctim.tv_nsec &&
	       a->mode == b->mode && a->uid == b->uid && a->gid == b->gid;
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s) {
		h ^= (uint8_t)*s++;
		h *= 1099511628211ull;
	}
	return h;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8) {
		h ^= v & 0xff;
		h *= 1099511628211ull;
	}
	return h;
}

/* The version of a tree: the same file version, object and (for verify/)
 * index generation and second always build the same bytes, so a tree
 * rebuilt after eviction keeps its version, and anything else changes it.
 * Never 0, the version of what has none (directories). */
static uint64_t ver_of(const fkey *k, size_t idx, bool verify, uint64_t gen, time_t sec)
{
	uint64_t h = 1469598103934665603ull;

	h = mix(h, (uint64_t)k->dev);
	h = mix(h, (uint64_t)k->ino);
	h = mix(h, (uint64_t)k->size);
	h = mix(h, (uint64_t)k->mtim.tv_sec);
	h = mix(h, (uint64_t)k->mtim.tv_nsec);
	h = mix(h, (uint64_t)k->ctim.tv_sec);
	h = mix(h, (uint64_t)k->ctim.tv_nsec);
	h = mix(h, (uint64_t)k->mode);
	h = mix(h, (uint64_t)k->uid);
	h = mix(h, (uint64_t)k->gid);
	h = mix(h, (uint64_t)idx);
	if (verify) {
		h = mix(h, gen);
		h = mix(h, (uint64_t)sec);
	}
	return h ? h : 1;
}

/* ---- snapshots and the LRU (callers hold st->lock) ---- */

static void lru_unlink(cfs_store *st, snap *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		st->lru_head = s->next;
	if (s->next)
		s->next->prev = s->prev;
	else
		st->lru_tail = s->prev;
	s->prev = s->next = NULL;
}

static void lru_front(cfs_store *st, snap *s)
{
	s->prev = NULL;
	s->next = st->lru_head;
	if (st->lru_head)
		st->lru_head->prev = s;
	st->lru_head = s;
	if (!st->lru_tail)
		st->lru_tail = s;
}

/* Drops one reference; returns the snapshot if it is now to be freed
 * (the caller frees it after unlocking). */
static snap *unref_locked(snap *s)
{
	if (--s->refs == 0)
		return s;
	return NULL;
}

static void snap_free(snap *s)
{
	if (!s)
		return;
	cfs_tree_free(s->t);
	free(s);
}

/* Takes a snapshot out of the cache (its entry forgets it). */
static snap *uncache(cfs_store *st, snap *s)
{
	if (!s || !s->cached)
		return NULL;
	lru_unlink(st, s);
	s->cached = false;
	st->cached -= s->bytes;
	if (s->slot && *s->slot == s)
		*s->slot = NULL;
	s->slot = NULL;
	return unref_locked(s);
}

/* A list of snapshots to free once the lock is released. */
typedef struct freelist {
	snap *v[64];
	size_t n;
} freelist;

static void defer(freelist *fl, snap *s)
{
	if (!s)
		return;
	if (fl->n < sizeof(fl->v) / sizeof(fl->v[0]))
		fl->v[fl->n++] = s;
	else
		snap_free(s);   /* rare: freeing under the lock is only slower */
}

static void flush(freelist *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		snap_free(fl->v[i]);
	fl->n = 0;
}

static void cache_put(cfs_store *st, snap *s, snap **slot, freelist *fl)
{
	s->refs++;
	s->cached = true;
	s->slot = slot;
	*slot = s;
	st->cached += s->bytes;
	lru_front(st, s);
	while (st->cached > st->cap && st->lru_tail && st->lru_tail != s)
		defer(fl, uncache(st, st->lru_tail));
}

static void drop_objs(cfs_store *st, fent *fe, freelist *fl)
{
	for (size_t i = 0; i < fe->nobj; i++) {
		defer(fl, uncache(st, fe->objs[i].fields));
		defer(fl, uncache(st, fe->objs[i].verify));
	}
	free(fe->objs);
	fe->objs = NULL;
	fe->nobj = 0;
}

/* ---- entries (callers hold st->lock) ---- */

static fent *fent_find(cfs_store *st, const char *rel, uint64_t h)
{
	fent *fe;

	for (fe = st->tab[h & (st->nb - 1)]; fe; fe = fe->hnext)
		if (fe->hash == h && strcmp(fe->rel, rel) == 0)
			return fe;
	return NULL;
}

static void fent_grow(cfs_store *st)
{
	size_t nb = st->nb * 2;
	fent **tab = calloc(nb, sizeof(*tab));

	if (!tab)
		return;         /* longer chains, still correct */
	for (size_t i = 0; i < st->nb; i++) {
		fent *fe = st->tab[i], *next;

		for (; fe; fe = next) {
			next = fe->hnext;
			fe->hnext = tab[fe->hash & (nb - 1)];
			tab[fe->hash & (nb - 1)] = fe;
		}
	}
	free(st->tab);
	st->tab = tab;
	st->nb = nb;
}

static fent *fent_get(cfs_store *st, const char *rel)
{
	uint64_t h = hash_str(rel);
	fent *fe = fent_find(st, rel, h);

	if (fe)
		return fe;
	fe = calloc(1, sizeof(*fe));
	if (!fe)
		return NULL;
	fe->rel = strdup(rel);
	if (!fe->rel) {
		free(fe);
		return NULL;
	}
	fe->hash = h;
	if (st->n >= st->nb)
		fent_grow(st);
	fe->hnext = st->tab[h & (st->nb - 1)];
	st->tab[h & (st->nb - 1)] = fe;
	st->n++;
	return fe;
}

static void copy_info(const fent *fe, finfo *fi)
{
	fi->kind = fe->kind;
	fi->key = fe->key;
	fi->nobj = fe->nobj;
}

/* ---- reading SOURCE (no lock held) ---- */

/* SOURCE's path of rel into buf. */
static int real_path(const cfs_store *st, const char *rel, char *buf, size_t cap)
{
	int n = snprintf(buf, cap, "%s%s%s", st->src, *rel ? "/" : "", rel);

	return n < 0 || (size_t)n >= cap ? -ENAMETOOLONG : 0;
}

static bool inside(const cfs_store *st, const char *rp)
{
	if (strcmp(st->src, "/") == 0)
		return true;
	return strncmp(rp, st->src, st->srclen) == 0 &&
	       (rp[st->srclen] == '\0' || rp[st->srclen] == '/');
}

/* True if the directory rp is SOURCE's root or one of the directories
 * rel passes through: a link there would make an endless tree. */
static bool loops(const cfs_store *st, const char *rel, const char *rp)
{
	char path[PATH_MAX], anc[PATH_MAX];
	size_t i, len = strlen(rel);

	for (i = 0; i <= len; i++) {
		if (i != 0 && rel[i] != '/' && rel[i] != '\0')
			continue;
		if (i == len)
			break;          /* the link itself */
		if (snprintf(path, sizeof(path), "%s%s%.*s", st->src, i ? "/" : "", (int)i, rel)
		    >= (int)sizeof(path))
			return true;
		if (!realpath(path, anc))
			return true;
		if (strcmp(anc, rp) == 0)
			return true;
	}
	return false;
}

/* What rel is in SOURCE: FE_DIR, FE_OBJ for a regular file (objects not
 * counted yet), FE_NONE; *sb its stat (links followed). */
static int probe(const cfs_store *st, const char *rel, struct stat *sb)
{
	char path[PATH_MAX], rp[PATH_MAX];

	if (real_path(st, rel, path, sizeof(path)) || lstat(path, sb) != 0)
		return FE_NONE;
	if (S_ISLNK(sb->st_mode)) {
		if (!realpath(path, rp) || !inside(st, rp) || stat(path, sb) != 0)
			return FE_NONE;
		if (S_ISDIR(sb->st_mode) && loops(st, rel, rp))
			return FE_NONE;
	}
	if (S_ISDIR(sb->st_mode))
		return FE_DIR;
	if (S_ISREG(sb->st_mode))
		return FE_OBJ;
	return FE_NONE;
}

/* Reads the whole file rel (links followed) and scans it; *k is the key
 * of the bytes read (fstat of the same descriptor). */
static int load(const cfs_store *st, const char *rel, cfs_scan *sc, fkey *k)
{
	char path[PATH_MAX];
	struct stat sb;
	uint8_t *buf;
	size_t len = 0, cap;
	int fd, rc;

	memset(sc, 0, sizeof(*sc));
	rc = real_path(st, rel, path, sizeof(path));
	if (rc)
		return rc;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > FILE_MAX) {
		close(fd);
		return -ENOENT;
	}
	key_of(&sb, k);
	cap = (size_t)sb.st_size + 1;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		ssize_t r;

		if (len == cap) {
			/* grew since fstat: read on, the next stat sees it */
			uint8_t *p = (size_t)FILE_MAX > cap ? realloc(buf, 2 * cap) : NULL;

			if (!p) {
				free(buf);
				close(fd);
				return -ENOMEM;
			}
			buf = p;
			cap *= 2;
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = -errno;
			free(buf);
			close(fd);
			return rc;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	rc = cfs_scan_buf(buf, len, sc);
	free(buf);
	return rc;
}

static void scan_unref(cfs_store *st, scanref *r)
{
	bool last;

	if (!r)
		return;
	pthread_mutex_lock(&st->lock);
	last = --r->refs == 0;
	pthread_mutex_unlock(&st->lock);
	if (last) {
		cfs_scan_free(&r->sc);
		free(r->rel);
		free(r);
	}
}

/* The scan of file rel: a recent one if it was taken at key *want,
 * else a fresh load() (kept for the next caller). *k is the key of the
 * bytes scanned. Release with scan_unref(). */
static int scan_get(cfs_store *st, const char *rel, const fkey *want, scanref **out, fkey *k)
{
	scanref *r, *old = NULL;
	int rc;

	pthread_mutex_lock(&st->lock);
	for (unsigned i = 0; want && i < SCAN_SLOTS; i++) {
		r = st->scans[i];
		if (r && key_eq(&r->key, want) && strcmp(r->rel, rel) == 0) {
			r->refs++;
			pthread_mutex_unlock(&st->lock);
			*out = r;
			*k = r->key;
			return 0;
		}
	}
	pthread_mutex_unlock(&st->lock);
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	rc = load(st, rel, &r->sc, &r->key);
	r->rel = rc ? NULL : strdup(rel);
	if (rc || !r->rel) {
		cfs_scan_free(&r->sc);
		free(r);
		return rc ? rc : -ENOMEM;
	}
	r->refs = 1;
	*out = r;
	*k = r->key;
	if (r->sc.der_len > SCAN_CACHE_MAX)
		return 0;
	pthread_mutex_lock(&st->lock);
	r->refs++;
	old = st->scans[st->scan_next];
	st->scans[st->scan_next] = r;
	st->scan_next = (st->scan_next + 1) % SCAN_SLOTS;
	pthread_mutex_unlock(&st->lock);
	scan_unref(st, old);
	return 0;
}

/* Brings rel's entry up to date (re-stat when older than CFS_REVALIDATE,
 * re-scan when its key changed) and copies it into *fi. */
static int validate(cfs_store *st, const char *rel, finfo *fi)
{
	double now = mono();
	struct stat sb;
	freelist fl = { .n = 0 };
	cfs_scan sc;
	fkey old, k;
	bool was_reg, scanned = false;
	size_t nobj = 0;
	int kind;
	fent *fe;

	pthread_mutex_lock(&st->lock);
	fe = fent_get(st, rel);
	if (!fe) {
		pthread_mutex_unlock(&st->lock);
		return -ENOMEM;
	}
	if (fe->kind != FE_UNSEEN && now - fe->checked < CFS_REVALIDATE) {
		copy_info(fe, fi);
		pthread_mutex_unlock(&st->lock);
		return 0;
	}
	old = fe->key;
	was_reg = fe->kind != FE_UNSEEN && fe->is_reg;
	pthread_mutex_unlock(&st->lock);

	kind = probe(st, rel, &sb);
	key_of(&sb, &k);
	if (kind == FE_OBJ && !(was_reg && key_eq(&old, &k))) {
		if (load(st, rel, &sc, &k) != 0)
			kind = FE_NONE;
		else
			nobj = sc.n;
		cfs_scan_free(&sc);
		scanned = true;
	}

	pthread_mutex_lock(&st->lock);
	fe = fent_get(st, rel);
	if (!fe) {
		pthread_mutex_unlock(&st->lock);
		return -ENOMEM;
	}
	if (kind == FE_NONE) {
		drop_objs(st, fe, &fl);
		fe->kind = FE_NONE;
		fe->is_reg = false;
		memset(&fe->key, 0, sizeof(fe->key));
	} else if (kind == FE_DIR) {
		drop_objs(st, fe, &fl);
		fe->kind = FE_DIR;
		fe->is_reg = false;
		fe->key = k;
	} else if (scanned) {
		/* a new version: what was cached for the old one goes */
		drop_objs(st, fe, &fl);
		fe->is_reg = true;
		fe->key = k;
		if (nobj) {
			fe->objs = calloc(nobj, sizeof(*fe->objs));
			if (fe->objs)
				fe->nobj = nobj;
		}
		fe->kind = fe->nobj ? FE_OBJ : FE_NONE;
	}
	fe->checked = now;
	copy_info(fe, fi);
	pthread_mutex_unlock(&st->lock);
	flush(&fl);
	return 0;
}

/* ---- object trees ---- */

/* Builds the tree of object idx of a scanned file. */
static cfs_tree *build_fields(const cfs_scan *sc, size_t idx, cfs_type *type)
{
	const cfs_scan_obj *o = &sc->objs[idx];
	cfs_tree *t = cfs_tree_new();
	cfs_node *root;

	if (!t)
		return NULL;
	root = cfs_tree_root(t);
	if (o->err != XC_OK) {
		/* a PEM block with no DER: the offset is in the file */
		cfs_printf(t, root, "type", "%s", cfs_type_name(CFS_INVALID));
		cfs_printf(t, root, "error", "%s at byte %zu", xc_strerror(o->err), o->err_off);
		*type = CFS_INVALID;
	} else {
		*type = cfs_fields_build(t, root, o->hint, sc->der + o->off, o->len);
		if (*type != CFS_INVALID)
			cfs_dir(t, root, "verify");     /* filled by its own tree */
	}
	cfs_tree_seal(t);
	return t;
}

static snap *snap_new(cfs_tree *t)
{
	snap *s;

	if (!t)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s) {
		cfs_tree_free(t);
		return NULL;
	}
	s->t = t;
	s->refs = 1;
	s->bytes = cfs_tree_bytes(t);
	return s;
}

static void snap_unref(cfs_store *st, snap *s)
{
	snap *dead;

	if (!s)
		return;
	pthread_mutex_lock(&st->lock);
	dead = unref_locked(s);
	pthread_mutex_unlock(&st->lock);
	snap_free(dead);
}

/* Installs s in rel's slot idx if the entry is still at key k; else s
 * stays a private snapshot of a version the entry has not caught up with.
 * Returns the snapshot to use (one reference for the caller). */
static snap *install(cfs_store *st, const char *rel, size_t idx, const fkey *k,
		     snap *s, bool verify, uint64_t gen, time_t sec)
{
	freelist fl = { .n = 0 };
	snap **slot, *have;
	fent *fe;

	pthread_mutex_lock(&st->lock);
	fe = fent_find(st, rel, hash_str(rel));
	if (!fe || fe->kind != FE_OBJ || !key_eq(&fe->key, k) || idx >= fe->nobj) {
		pthread_mutex_unlock(&st->lock);
		return s;
	}
	slot = verify ? &fe->objs[idx].verify : &fe->objs[idx].fields;
	have = *slot;
	if (have && (!verify || (fe->objs[idx].vgen == gen && fe->objs[idx].vsec == sec))) {
		/* another thread was quicker: share its tree */
		have->refs++;
		lru_unlink(st, have);
		lru_front(st, have);
		pthread_mutex_unlock(&st->lock);
		snap_free(s);
		return have;
	}
	defer(&fl, uncache(st, have));
	if (verify) {
		fe->objs[idx].vgen = gen;
		fe->objs[idx].vsec = sec;
	}
	cache_put(st, s, slot, &fl);
	pthread_mutex_unlock(&st->lock);
	flush(&fl);
	return s;
}

/* The cached snapshot of slot idx (with a reference), or NULL. */
static snap *cached(cfs_store *st, const char *rel, size_t idx, const fkey *k,
		    bool verify, uint64_t gen, time_t sec)
{
	snap *s = NULL;
	fent *fe;

	pthread_mutex_lock(&st->lock);
	fe = fent_find(st, rel, hash_str(rel));
	if (fe && fe->kind == FE_OBJ && key_eq(&fe->key, k) && idx < fe->nobj) {
		objslot *o = &fe->objs[idx];

		s = verify ? o->verify : o->fields;
		if (s && verify && (o->vgen != gen || o->vsec != sec))
			s = NULL;
		if (s) {
			s->refs++;
			lru_unlink(st, s);
			lru_front(st, s);
		}
	}
	pthread_mutex_unlock(&st->lock);
	return s;
}

static int fields_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx, snap **out)
{
	scanref *r = NULL;
	cfs_type type;
	fkey k;
	snap *s;
	int rc;

	*out = cached(st, rel, idx, &fi->key, false, 0, 0);
	if (*out)
		return 0;
	rc = scan_get(st, rel, &fi->key, &r, &k);
	if (rc == 0 && idx >= r->sc.n)
		rc = -ENOENT;   /* changed under us: fewer objects now */
	if (rc) {
		scan_unref(st, r);
		return rc;
	}
	s = snap_new(build_fields(&r->sc, idx, &type));
	scan_unref(st, r);
	if (!s)
		return -ENOMEM;
	s->ver = ver_of(&k, idx, false, 0, 0);
	*out = install(st, rel, idx, &k, s, false, 0, 0);
	return 0;
}

static void objpath_of(const char *rel, size_t nobj, size_t idx, char *buf, size_t cap)
{
	if (nobj > 1)
		snprintf(buf, cap, "%s%s%zu", rel, *rel ? "/" : "", idx);
	else
		snprintf(buf, cap, "%s", rel);
}

static void ensure_index(cfs_store *st);

static int verify_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx, snap **out)
{
	char objpath[PATH_MAX + 32];
	uint64_t gen;
	time_t now;
	scanref *r = NULL;
	const cfs_scan *sc;
	cfs_type type;
	cfs_tree *t;
	fkey k;
	snap *s;
	int rc;

	ensure_index(st);
	if (!st->ix)
		return -ENOMEM;
	gen = cfs_index_generation(st->ix);
	now = time(NULL);
	*out = cached(st, rel, idx, &fi->key, true, gen, now);
	if (*out)
		return 0;
	rc = scan_get(st, rel, &fi->key, &r, &k);
	if (rc == 0 && idx >= r->sc.n)
		rc = -ENOENT;
	if (rc) {
		scan_unref(st, r);
		return rc;
	}
	sc = &r->sc;
	t = cfs_tree_new();
	if (!t) {
		scan_unref(st, r);
		return -ENOMEM;
	}
	if (sc->objs[idx].err == XC_OK) {
		const uint8_t *der = sc->der + sc->objs[idx].off;
		size_t len = sc->objs[idx].len;

		type = cfs_scan_type(sc->objs[idx].hint, der, len);
		objpath_of(rel, sc->n, idx, objpath, sizeof(objpath));
		if (type != CFS_INVALID)
			cfs_verify_build(st->ix, t, cfs_tree_root(t), objpath, type, der, len, now);
	}
	scan_unref(st, r);
	cfs_tree_seal(t);
	s = snap_new(t);
	if (!s)
		return -ENOMEM;
	s->ver = ver_of(&k, idx, true, gen, now);
	*out = install(st, rel, idx, &k, s, true, gen, now);
	return 0;
}

/* ---- the index ---- */

/* Copies the DER of object idx of the scanned file. */
static int copy_der(const cfs_scan *sc, size_t idx, uint8_t **der, size_t *len)
{
	const cfs_scan_obj *o = &sc->objs[idx];

	if (o->err != XC_OK)
		return -ENOENT;
	*der = malloc(o->len ? o->len : 1);
	if (!*der)
		return -ENOMEM;
	memcpy(*der, sc->der + o->off, o->len);
	*len = o->len;
	return 0;
}

/* Splits objpath into the file's rel and the object's index, validating
 * the path's components as a lookup would. */
static int find_obj(cfs_store *st, const char *objpath, char *rel, size_t cap, size_t *idx,
		    fkey *key)
{
	const char *p = objpath, *rest = NULL;
	finfo fi;
	int rc;

	if (strlen(objpath) >= cap)
		return -ENAMETOOLONG;
	if (st->single) {
		rel[0] = '\0';
		rest = objpath;
	} else {
		for (;;) {
			const char *slash = strchr(p, '/');
			size_t n = slash ? (size_t)(slash - objpath) : strlen(objpath);

			memcpy(rel, objpath, n);
			rel[n] = '\0';
			rc = validate(st, rel, &fi);
			if (rc)
				return rc;
			if (fi.kind == FE_OBJ) {
				rest = slash ? slash + 1 : "";
				break;
			}
			if (fi.kind != FE_DIR || !slash)
				return -ENOENT;
			p = slash + 1;
		}
	}
	rc = validate(st, rel, &fi);
	if (rc)
		return rc;
	if (fi.kind != FE_OBJ)
		return -ENOENT;
	*key = fi.key;
	if (fi.nobj == 1) {
		*idx = 0;
		return *rest ? -ENOENT : 0;
	} else {
		char *end;
		unsigned long v;

		if (!*rest || (rest[0] == '0' && rest[1]) || rest[0] < '0' || rest[0] > '9')
			return -ENOENT;
		v = strtoul(rest, &end, 10);
		if (*end || v >= fi.nobj)
			return -ENOENT;
		*idx = v;
	}
	return 0;
}

/* cfs_load_fn: the index wants a candidate's DER. */
static int loader(void *ctx, const char *objpath, uint8_t **der, size_t *len)
{
	cfs_store *st = ctx;
	char rel[PATH_MAX];
	scanref *r = NULL;
	size_t idx;
	fkey want, k;
	int rc;

	rc = find_obj(st, objpath, rel, sizeof(rel), &idx, &want);
	if (rc)
		return rc;
	rc = scan_get(st, rel, &want, &r, &k);
	if (rc == 0)
		rc = idx < r->sc.n ? copy_der(&r->sc, idx, der, len) : -ENOENT;
	scan_unref(st, r);
	return rc;
}

/* (Re-)records the objects of file rel when the index holds an older
 * version (or none). */
static void index_file(cfs_store *st, const char *rel)
{
	char objpath[PATH_MAX + 32];
	cfs_scan sc;
	fkey k;
	fent *fe;
	bool need;

	pthread_mutex_lock(&st->lock);
	fe = fent_find(st, rel, hash_str(rel));
	if (!fe) {
		pthread_mutex_unlock(&st->lock);
		return;
	}
	fe->seen = st->wgen;
	need = !fe->indexed || !key_eq(&fe->ikey, &fe->key);
	pthread_mutex_unlock(&st->lock);
	if (!need)
		return;
	cfs_index_remove_file(st->ix, rel);
	if (load(st, rel, &sc, &k) == 0) {
		for (size_t i = 0; i < sc.n; i++) {
			const cfs_scan_obj *o = &sc.objs[i];
			const uint8_t *der = sc.der + o->off;

			if (o->err != XC_OK)
				continue;       /* no DER, no fingerprint */
			objpath_of(rel, sc.n, i, objpath, sizeof(objpath));
			cfs_index_add(st->ix, rel, objpath, cfs_scan_type(o->hint, der, o->len),
				      der, o->len);
		}
	}
	cfs_scan_free(&sc);
	pthread_mutex_lock(&st->lock);
	fe = fent_find(st, rel, hash_str(rel));
	if (fe) {
		fe->indexed = true;
		fe->ikey = k;
	}
	pthread_mutex_unlock(&st->lock);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in directory rel (not "." "..", nor the root's .by-sha256),
 * sorted: the index records objects in a stable order (the first of two
 * objects with one DER is the one /.by-sha256 shows). */
static char **list_dir(const cfs_store *st, const char *rel, size_t *n)
{
	char path[PATH_MAX];
	char **v = NULL;
	size_t cap = 0;
	struct dirent *de;
	DIR *d;

	*n = 0;
	if (real_path(st, rel, path, sizeof(path)))
		return NULL;
	d = opendir(path);
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    (!*rel && strcmp(de->d_name, BYSHA) == 0))
			continue;
		if (*n == cap) {
			char **p = realloc(v, (cap ? 2 * cap : 16) * sizeof(*v));

			if (!p)
				break;
			v = p;
			cap = cap ? 2 * cap : 16;
		}
		v[*n] = strdup(de->d_name);
		if (v[*n])
			(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), by_str);
	return v;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char *join(const char *rel, const char *name)
{
	size_t a = strlen(rel), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (!p)
		return NULL;
	if (a) {
		memcpy(p, rel, a);
		p[a++] = '/';
	}
	memcpy(p + a, name, b + 1);
	return p;
}

/* Walks all of SOURCE (depth first, names sorted) and brings the index up
 * to date: files whose key moved are re-recorded, files not met any more
 * are forgotten. */
static void walk(cfs_store *st)
{
	char **stack = NULL;
	size_t sn = 0, scap = 0;
	char **gone = NULL;
	size_t ng = 0, gcap = 0;
	finfo fi;

	pthread_mutex_lock(&st->lock);
	st->wgen++;
	pthread_mutex_unlock(&st->lock);

	if (st->single) {
		if (validate(st, "", &fi) == 0 && fi.kind == FE_OBJ)
			index_file(st, "");
	} else {
		stack = malloc(16 * sizeof(*stack));
		scap = 16;
		if (stack)
			stack[sn++] = strdup("");
	}
	while (sn) {
		char *rel = stack[--sn];
		char **names;
		size_t n, first;

		if (!rel)
			continue;
		names = list_dir(st, rel, &n);
		first = sn;
		for (size_t i = 0; i < n; i++) {
			char *c = join(rel, names[i]);

			if (!c)
				continue;
			if (validate(st, c, &fi) != 0) {
				free(c);
				continue;
			}
			if (fi.kind == FE_OBJ)
				index_file(st, c);
			if (fi.kind == FE_DIR) {
				if (sn == scap) {
					char **p = realloc(stack, 2 * scap * sizeof(*stack));

					if (!p) {
						free(c);
						continue;
					}
					stack = p;
					scap *= 2;
				}
				stack[sn++] = c;
			} else {
				free(c);
			}
		}
		/* popped in name order */
		for (size_t i = first, j = sn ? sn - 1 : 0; i < j; i++, j--) {
			char *x = stack[i];

			stack[i] = stack[j];
			stack[j] = x;
		}
		free_list(names, n);
		free(rel);
	}
	free(stack);

	pthread_mutex_lock(&st->lock);
	for (size_t i = 0; i < st->nb; i++) {
		for (fent *fe = st->tab[i]; fe; fe = fe->hnext) {
			if (!fe->indexed || fe->seen == st->wgen)
				continue;
			if (ng == gcap) {
				char **p = realloc(gone, (gcap ? 2 * gcap : 16) * sizeof(*gone));

				if (!p)
					continue;
				gone = p;
				gcap = gcap ? 2 * gcap : 16;
			}
			gone[ng] = strdup(fe->rel);
			if (gone[ng]) {
				ng++;
				fe->indexed = false;
			}
		}
	}
	pthread_mutex_unlock(&st->lock);
	for (size_t i = 0; i < ng; i++)
		cfs_index_remove_file(st->ix, gone[i]);
	free_list(gone, ng);
}

static void ensure_index(cfs_store *st)
{
	pthread_mutex_lock(&st->walk_lock);
	if (!st->ix) {
		st->ix = cfs_index_new(loader, st);
		st->walked = -1e9;
	}
	if (st->ix && mono() - st->walked >= CFS_REVALIDATE) {
		walk(st);
		st->walked = mono();
	}
	pthread_mutex_unlock(&st->walk_lock);
}

/* ---- resolving a FUSE path ---- */

enum {
	R_DIR,          /* a directory of SOURCE */
	R_EMPTY,        /* a single-file SOURCE with no object: an empty root */
	R_BUNDLE,       /* a file of several objects */
	R_COUNT,        /* its `count` */
	R_NODE,         /* a node of an object's tree */
	R_BYSHA,        /* /.by-sha256 */
	R_BYSHA_LINK,   /* /.by-sha256/<hex> */
};

typedef struct res {
	int kind;
	finfo fi;               /* the directory or file it belongs to */
	snap *s;                /* R_NODE: a reference, release with res_done */
	cfs_node *n;
	bool live;              /* R_NODE: verify/ itself, whose entries change
				 * with the store, not with the file */
	char target[PATH_MAX + 64];     /* R_BYSHA_LINK */
} res;

static void res_done(cfs_store *st, res *r)
{
	snap_unref(st, r->s);
	r->s = NULL;
}

static bool valid_hex(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == 64;
}

/* The node at rest inside the objects of file rel. */
static int resolve_obj(cfs_store *st, const char *rel, const finfo *fi, const char *rest,
		       bool list, res *r)
{
	bool in_verify = false;
	size_t idx = 0;
	const char *slash;
	cfs_node *root;
	snap *s;
	int rc;

	r->fi = *fi;
	if (fi->nobj > 1) {
		char num[32], *end;
		size_t n;
		unsigned long v;

		if (!*rest) {
			r->kind = R_BUNDLE;
			return 0;
		}
		slash = strchr(rest, '/');
		n = slash ? (size_t)(slash - rest) : strlen(rest);
		if (n == 5 && strncmp(rest, "count", 5) == 0 && !slash) {
			r->kind = R_COUNT;
			return 0;
		}
		if (n == 0 || n >= sizeof(num) || (rest[0] == '0' && n > 1))
			return -ENOENT;
		memcpy(num, rest, n);
		num[n] = '\0';
		if (num[0] < '0' || num[0] > '9')
			return -ENOENT;
		v = strtoul(num, &end, 10);
		if (*end || v >= fi->nobj)
			return -ENOENT;
		idx = v;
		rest = slash ? slash + 1 : "";
	}
	rc = fields_snap(st, rel, fi, idx, &s);
	if (rc)
		return rc;
	root = cfs_tree_root(s->t);
	/* verify/ itself is the fields tree's empty directory, so a stat of
	 * it does not build the index; what is inside comes from its tree. */
	if (strncmp(rest, "verify", 6) == 0 && (rest[6] == '/' || (rest[6] == '\0' && list)) &&
	    cfs_lookup(root, "verify")) {
		snap_unref(st, s);
		rc = verify_snap(st, rel, fi, idx, &s);
		if (rc)
			return rc;
		root = cfs_tree_root(s->t);
		rest = rest[6] ? rest + 7 : "";
		in_verify = true;
	}
	r->n = cfs_walk(root, rest);
	if (!r->n) {
		snap_unref(st, s);
		return -ENOENT;
	}
	r->live = r->n->kind == CFS_DIR && (in_verify || strcmp(rest, "verify") == 0);
	r->s = s;
	r->kind = R_NODE;
	return 0;
}

static int resolve(cfs_store *st, const char *path, bool list, res *r)
{
	char rel[PATH_MAX];
	const char *p;
	finfo fi;
	int rc;

	memset(r, 0, sizeof(*r));
	while (*path == '/')
		path++;
	if (strlen(path) >= sizeof(rel))
		return -ENAMETOOLONG;
	if (st->single) {
		rc = validate(st, "", &fi);
		if (rc)
			return rc;
		if (fi.kind == FE_OBJ)
			return resolve_obj(st, "", &fi, path, list, r);
		if (*path)
			return -ENOENT;
		r->fi = fi;
		r->kind = R_EMPTY;
		return 0;
	}
	if (strncmp(path, BYSHA, sizeof(BYSHA) - 1) == 0 &&
	    (path[sizeof(BYSHA) - 1] == '\0' || path[sizeof(BYSHA) - 1] == '/')) {
		const char *hex = path + sizeof(BYSHA) - 1;

		rc = validate(st, "", &r->fi);
		if (rc)
			return rc;
		if (!*hex) {
			r->kind = R_BYSHA;
			return 0;
		}
		hex++;
		if (!valid_hex(hex))
			return -ENOENT;
		ensure_index(st);
		if (!st->ix)
			return -ENOMEM;
		memcpy(r->target, "../", 3);
		rc = cfs_index_by_sha256(st->ix, hex, r->target + 3, sizeof(r->target) - 3);
		if (rc)
			return rc == -ERANGE ? -ENAMETOOLONG : rc;
		r->kind = R_BYSHA_LINK;
		return 0;
	}
	rc = validate(st, "", &fi);
	if (rc)
		return rc;
	if (fi.kind != FE_DIR)
		return -ENOENT;
	p = path;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - path) : strlen(path);

		memcpy(rel, path, n);
		rel[n] = '\0';
		rc = validate(st, rel, &fi);
		if (rc)
			return rc;
		if (fi.kind == FE_OBJ)
			return resolve_obj(st, rel, &fi, slash ? slash + 1 : "", list, r);
		if (fi.kind != FE_DIR)
			return -ENOENT;
		if (!slash)
			break;
		p = slash + 1;
		while (*p == '/')
			p++;
	}
	r->fi = fi;
	r->kind = R_DIR;
	return 0;
}

/* ---- attributes ---- */

static void fill_stat(const finfo *fi, struct stat *sb, bool dir, size_t size)
{
	mode_t r = fi->key.mode & 0444;

	memset(sb, 0, sizeof(*sb));
	sb->st_mode = dir ? (S_IFDIR | r | (r >> 2)) : (S_IFREG | r);
	sb->st_nlink = dir ? 2 : 1;
	sb->st_uid = fi->key.uid;
	sb->st_gid = fi->key.gid;
	sb->st_size = (off_t)size;
	sb->st_blksize = 4096;
	sb->st_blocks = (blkcnt_t)((size + 511) / 512);
	sb->st_atim = fi->key.mtim;
	sb->st_mtim = fi->key.mtim;
	sb->st_ctim = fi->key.ctim;
}

static void link_stat(const finfo *fi, struct stat *sb, size_t len)
{
	fill_stat(fi, sb, false, len);
	sb->st_mode = S_IFLNK | 0777;
}

static void node_stat(const finfo *fi, const cfs_node *n, struct stat *sb)
{
	if (n->kind == CFS_LINK)
		link_stat(fi, sb, n->len);
	else
		fill_stat(fi, sb, n->kind == CFS_DIR, n->kind == CFS_DIR ? 0 : n->len);
}

static size_t count_text(size_t n, char *buf, size_t cap)
{
	int len = snprintf(buf, cap, "%zu\n", n);

	return len < 0 ? 0 : (size_t)len;
}

/* The version of what a resolved path shows (store.h). An object's
 * directories are versions like its files (their entries come from the
 * same tree); a bundle's directory lists what its file holds. 0 for the
 * directories whose entries change otherwise: SOURCE's own and verify/. */
static uint64_t res_version(const res *r)
{
	switch (r->kind) {
	case R_BUNDLE:
	case R_COUNT:
		return ver_of(&r->fi.key, 0, false, 0, 0);
	case R_NODE:
		return r->live ? 0 : r->s->ver;
	case R_BYSHA_LINK:
		return hash_str(r->target) | 1;
	default:
		return 0;
	}
}

/* see store.h */
int cfs_store_getattr(cfs_store *st, const char *path, struct stat *sb)
{
	char num[32];
	res r;
	int rc = resolve(st, path, false, &r);

	if (rc)
		return rc;
	switch (r.kind) {
	case R_DIR:
	case R_EMPTY:
	case R_BUNDLE:
		fill_stat(&r.fi, sb, true, 0);
		break;
	case R_BYSHA:
		fill_stat(&r.fi, sb, true, 0);
		sb->st_mode = S_IFDIR | 0555;
		break;
	case R_COUNT:
		fill_stat(&r.fi, sb, false, count_text(r.fi.nobj, num, sizeof(num)));
		break;
	case R_NODE:
		node_stat(&r.fi, r.n, sb);
		break;
	case R_BYSHA_LINK:
		link_stat(&r.fi, sb, strlen(r.target));
		break;
	default:
		rc = -EIO;
	}
	sb->st_ino = (ino_t)res_version(&r);
	res_done(st, &r);
	return rc;
}

struct sha_fill {
	cfs_fill_fn fill;
	void *ctx;
	struct stat sb;
};

static int sha_cb(void *ctx, const char *hex)
{
	struct sha_fill *f = ctx;

	return f->fill(f->ctx, hex, &f->sb);
}

/* see store.h */
int cfs_store_readdir(cfs_store *st, const char *path, cfs_fill_fn fill, void *ctx)
{
	struct stat sb;
	res r;
	int rc = resolve(st, path, true, &r);

	if (rc)
		return rc;
	switch (r.kind) {
	case R_DIR: {
		char *rel = NULL, **names;
		size_t n;
		const char *q = path;

		while (*q == '/')
			q++;
		rel = strdup(q);
		if (!rel)
			return -ENOMEM;
		/* strip a trailing slash, if any */
		for (size_t l = strlen(rel); l && rel[l - 1] == '/'; l--)
			rel[l - 1] = '\0';
		if (!*rel) {
			fill_stat(&r.fi, &sb, true, 0);
			sb.st_mode = S_IFDIR | 0555;
			if (fill(ctx, BYSHA, &sb)) {
				free(rel);
				break;
			}
		}
		names = list_dir(st, rel, &n);
		for (size_t i = 0; i < n; i++) {
			char *c = join(rel, names[i]);
			finfo fi;

			if (!c || validate(st, c, &fi) != 0 ||
			    (fi.kind != FE_DIR && fi.kind != FE_OBJ)) {
				free(c);
				continue;
			}
			free(c);
			fill_stat(&fi, &sb, true, 0);
			if (fill(ctx, names[i], &sb))
				break;
		}
		free_list(names, n);
		free(rel);
		break;
	}
	case R_EMPTY:
		break;
	case R_BUNDLE: {
		char num[32];

		fill_stat(&r.fi, &sb, false, count_text(r.fi.nobj, num, sizeof(num)));
		if (fill(ctx, "count", &sb))
			break;
		fill_stat(&r.fi, &sb, true, 0);
		for (size_t i = 0; i < r.fi.nobj; i++) {
			snprintf(num, sizeof(num), "%zu", i);
			if (fill(ctx, num, &sb))
				break;
		}
		break;
	}
	case R_NODE:
		if (r.n->kind != CFS_DIR) {
			rc = -ENOTDIR;
			break;
		}
		for (size_t i = 0; i < r.n->nkids; i++) {
			node_stat(&r.fi, r.n->kids[i], &sb);
			if (fill(ctx, r.n->kids[i]->name, &sb))
				break;
		}
		break;
	case R_BYSHA: {
		struct sha_fill f = { fill, ctx, { 0 } };

		ensure_index(st);
		if (!st->ix) {
			rc = -ENOMEM;
			break;
		}
		link_stat(&r.fi, &f.sb, 0);
		cfs_index_each_sha256(st->ix, sha_cb, &f);
		break;
	}
	default:
		rc = -ENOTDIR;
	}
	res_done(st, &r);
	return rc;
}

/* see store.h */
int cfs_store_readlink(cfs_store *st, const char *path, char *buf, size_t cap)
{
	const char *target = NULL;
	res r;
	int rc = resolve(st, path, false, &r);

	if (rc)
		return rc;
	if (r.kind == R_BYSHA_LINK)
		target = r.target;
	else if (r.kind == R_NODE && r.n->kind == CFS_LINK)
		target = (const char *)r.n->data;
	if (!target) {
		rc = -EINVAL;
	} else if (cap) {
		strncpy(buf, target, cap - 1);
		buf[cap - 1] = '\0';
	}
	res_done(st, &r);
	return rc;
}

/* see store.h */
int cfs_store_open_file(cfs_store *st, const char *path, cfs_handle **hp)
{
	cfs_handle *h;
	res r;
	int rc = resolve(st, path, false, &r);

	if (rc)
		return rc;
	if (r.kind != R_COUNT && (r.kind != R_NODE || r.n->kind != CFS_FILE)) {
		rc = r.kind == R_NODE && r.n->kind == CFS_LINK ? -ELOOP : -EISDIR;
		res_done(st, &r);
		return rc;
	}
	h = calloc(1, sizeof(*h));
	if (!h) {
		res_done(st, &r);
		return -ENOMEM;
	}
	h->ver = res_version(&r);
	if (r.kind == R_COUNT) {
		h->len = count_text(r.fi.nobj, h->small, sizeof(h->small));
		h->data = (const uint8_t *)h->small;
	} else {
		/* the handle keeps the snapshot's reference */
		h->s = r.s;
		r.s = NULL;
		h->data = r.n->data;
		h->len = r.n->len;
	}
	*hp = h;
	return 0;
}

/* see store.h */
size_t cfs_handle_size(const cfs_handle *h)
{
	return h->len;
}

/* see store.h */
const uint8_t *cfs_handle_data(const cfs_handle *h)
{
	return h->data;
}

/* see store.h */
uint64_t cfs_handle_version(const cfs_handle *h)
{
	return h->ver;
}

/* see store.h */
long cfs_store_read(cfs_handle *h, char *buf, size_t size, uint64_t off)
{
	size_t n;

	if (off >= h->len)
		return 0;
	n = h->len - (size_t)off;
	if (n > size)
		n = size;
	if (n > LONG_MAX)
		n = LONG_MAX;
	memcpy(buf, h->data + off, n);
	return (long)n;
}

/* see store.h */
void cfs_store_release(cfs_store *st, cfs_handle *h)
{
	if (!h)
		return;
	snap_unref(st, h->s);
	free(h);
}

/* see store.h */
size_t cfs_store_cached_bytes(cfs_store *st)
{
	size_t n;

	pthread_mutex_lock(&st->lock);
	n = st->cached;
	pthread_mutex_unlock(&st->lock);
	return n;
}

/* see store.h */
cfs_store *cfs_store_open(const cfs_store_opts *o, char *err, size_t errcap)
{
	char rp[PATH_MAX];
	struct stat sb;
	cfs_store *st;

	if (!realpath(o->source, rp) || stat(rp, &sb) != 0) {
		snprintf(err, errcap, "%s: %s", o->source, strerror(errno));
		return NULL;
	}
	if (!S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode)) {
		snprintf(err, errcap, "%s: not a directory or a regular file", o->source);
		return NULL;
	}
	if (access(rp, S_ISDIR(sb.st_mode) ? R_OK | X_OK : R_OK) != 0) {
		snprintf(err, errcap, "%s: %s", o->source, strerror(errno));
		return NULL;
	}
	st = calloc(1, sizeof(*st));
	if (!st)
		goto oom;
	st->src = strdup(rp);
	st->nb = 256;
	st->tab = calloc(st->nb, sizeof(*st->tab));
	if (!st->src || !st->tab)
		goto oom;
	st->srclen = strlen(st->src);
	st->single = S_ISREG(sb.st_mode);
	st->cap = (o->cache_mb ? o->cache_mb : 64) << 20;
	pthread_mutex_init(&st->lock, NULL);
	pthread_mutex_init(&st->walk_lock, NULL);
	return st;
oom:
	if (st) {
		free(st->src);
		free(st->tab);
		free(st);
	}
	snprintf(err, errcap, "%s", strerror(ENOMEM));
	return NULL;
}

/* see store.h */
void cfs_store_close(cfs_store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->nb; i++) {
		fent *fe = st->tab[i], *next;

		for (; fe; fe = next) {
			freelist fl = { .n = 0 };

			next = fe->hnext;
			drop_objs(st, fe, &fl);
			flush(&fl);
			free(fe->rel);
			free(fe);
		}
	}
	for (unsigned i = 0; i < SCAN_SLOTS; i++)
		scan_unref(st, st->scans[i]);
	cfs_index_free(st->ix);
	free(st->tab);
	free(st->src);
	pthread_mutex_destroy(&st->lock);
	pthread_mutex_destroy(&st->walk_lock);
	free(st);
}
