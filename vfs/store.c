/*
 * vfs/store.c - SOURCE as certfs shows it (see store.h for the design):
 * the operations of store.h. Each resolves its path (store_resolve.c) and
 * turns what it finds into attributes, directory entries or bytes.
 *
 * The rest of the store, its layers and its locks (store_inner.h), each
 * calling only those listed before it (tests/vfs/store_layers.py checks):
 *  - store_util.c: the leaf: clock, keys, hashes and versions, paths,
 *    directory listing, object paths;
 *  - store_recent.c: the scan cache (the last files' bytes read);
 *  - store_lru.c: the snapshots' memory (references, LRU, retired ring);
 *  - store_fent.c: the entries, reading SOURCE, revalidation;
 *  - store_obj.c: one object read from its file;
 *  - store_snap.c: the snapshots of an object (fields, parts, verify/);
 *  - store_walk.c: the walk over SOURCE feeding the index, its loader;
 *  - store_resolve.c: path resolution;
 *  - store.c: the operations of store.h.
 */
#include "store_inner.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access.h"

struct cfs_handle {
	snap *s;
	uint64_t ver;           /* what cfs_store_getattr's st_ino said */
	const uint8_t *data;
	size_t len;
	char small[32];
};

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

/* A directory of SOURCE: its own r and x, so that what stops a user at
 * SOURCE (a directory readable but not searchable) stops them here. */
static void dir_stat(const finfo *fi, struct stat *sb)
{
	fill_stat(fi, sb, true, 0);
	sb->st_mode = S_IFDIR | (fi->key.mode & 0555);
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

/* The version of a file of several objects' directory: all it shows is
 * the number of objects, so with it in, a file rewritten within one clock
 * tick (the same key) to another number never shows two counts under one
 * version. */
static uint64_t bundle_ver(const finfo *fi)
{
	return cfs_st_ver_of(&fi->key, fi->nobj, false, 0, 0);
}

/* The version of the directory a listing shows for file fi, if the
 * listing knows it (store.h, cfs_store_readdir), else 0. */
static uint64_t listed_ver(const finfo *fi)
{
	if (fi->link)
		return 0;
	return fi->nobj > 1 ? bundle_ver(fi) : fi->ver1;
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
		return bundle_ver(&r->fi);
	case R_NODE:
		/* a link's target is all it shows */
		if (r->n->kind == CFS_LINK)
			return cfs_store_link_version((const char *)r->n->data);
		return r->live ? 0 : r->s->ver;
	case R_BYSHA_LINK:
		return cfs_store_link_version(r->target);
	case R_OBJDIR:
		return r->ver;
	default:
		return 0;
	}
}

/* see store.h */
int cfs_store_getattr(cfs_store *st, const char *path, struct stat *sb)
{
	char num[32];
	res r;
	int rc = cfs_st_resolve(st, path, false, &r);

	if (rc)
		return rc;
	switch (r.kind) {
	case R_DIR:
		dir_stat(&r.fi, sb);
		break;
	case R_EMPTY:
	case R_BUNDLE:
	case R_OBJDIR:
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
	cfs_st_res_done(st, &r);
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
	int rc = cfs_st_resolve(st, path, true, &r);

	if (rc)
		return rc;
	/* a single file's root: its fields, and /.by-sha256 as a
	 * directory's root has it (R_DIR below) */
	if (st->single && path[strspn(path, "/")] == '\0') {
		fill_stat(&r.fi, &sb, true, 0);
		sb.st_mode = S_IFDIR | 0555;
		if (fill(ctx, BYSHA, &sb)) {
			cfs_st_res_done(st, &r);
			return 0;
		}
	}
	switch (r.kind) {
	case R_DIR: {
		char *rel = NULL, **names, **paths;
		finfo *fis;
		int *rcs;
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
		names = cfs_st_list_dir(st, rel, &n);
		paths = calloc(n ? n : 1, sizeof(*paths));
		fis = calloc(n ? n : 1, sizeof(*fis));
		rcs = calloc(n ? n : 1, sizeof(*rcs));
		if (!paths || !fis || !rcs)
			rc = -ENOMEM;
		for (size_t i = 0; i < n && !rc; i++)
			paths[i] = cfs_st_join(rel, names[i]);
		/* what each entry is, from the head of its file */
		if (!rc)
			cfs_st_classify_many(st, paths, n, fis, rcs);
		for (size_t i = 0; i < n && !rc; i++) {
			if (rcs[i] != 0 || (fis[i].kind != FE_DIR && fis[i].kind != FE_OBJ))
				continue;
			if (fis[i].kind == FE_DIR) {
				dir_stat(&fis[i], &sb);
			} else {
				fill_stat(&fis[i], &sb, true, 0);
				sb.st_ino = (ino_t)listed_ver(&fis[i]);
			}
			if (fill(ctx, names[i], &sb))
				break;
		}
		cfs_st_free_list(paths, paths ? n : 0);
		free(fis);
		free(rcs);
		cfs_st_free_list(names, n);
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

		cfs_st_ensure_index(st);
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
	cfs_st_res_done(st, &r);
	return rc;
}

/* see store.h */
void cfs_store_prepare(cfs_store *st, const char *path)
{
	res r;

	if (cfs_st_resolve(st, path, false, &r) != 0)
		return;
	if (r.kind == R_OBJDIR) {
		/* a listing of it is what builds its tree */
		if (cfs_st_resolve(st, path, true, &r) == 0)
			cfs_st_res_done(st, &r);
		return;
	}
	cfs_st_res_done(st, &r);
}

/* see store.h */
int cfs_store_readlink(cfs_store *st, const char *path, char *buf, size_t cap)
{
	const char *target = NULL;
	res r;
	int rc = cfs_st_resolve(st, path, false, &r);

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
	cfs_st_res_done(st, &r);
	return rc;
}

/* ---- access under -o allow_other (access.h) ---- */

/* The source of a resolved path: SOURCE's path of the directory or file
 * it shows into real[PATH_MAX], and how its mode is shown; false for
 * what has no source of its own (/.by-sha256, links). */
static bool source_of(cfs_store *st, const char *path, const res *r, char *real,
		      enum cfs_acl_kind *kind)
{
	char rel[PATH_MAX];
	const char *rest = NULL;
	finfo fi;

	switch (r->kind) {
	case R_DIR:
		*kind = CFS_ACL_SRCDIR;
		break;
	case R_EMPTY:
	case R_BUNDLE:
	case R_OBJDIR:
		*kind = CFS_ACL_OBJDIR;
		break;
	case R_COUNT:
		*kind = CFS_ACL_FILE;
		break;
	case R_NODE:
		if (r->n->kind == CFS_LINK)
			return false;
		*kind = r->n->kind == CFS_DIR ? CFS_ACL_OBJDIR : CFS_ACL_FILE;
		break;
	default:
		return false;
	}
	while (*path == '/')
		path++;
	rel[0] = '\0';
	if (!st->single && cfs_st_walk(st, path, rel, &fi, &rest) != 0)
		return false;
	return cfs_st_real_path(st, rel, real, PATH_MAX) == 0;
}

static bool same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_mode == b->st_mode &&
	       a->st_uid == b->st_uid && a->st_gid == b->st_gid &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* see store.h */
long cfs_store_acl(cfs_store *st, const char *path, uint64_t ver, void *buf, size_t cap)
{
	char real[PATH_MAX];
	enum cfs_acl_kind kind;
	struct stat before, after;
	long n;
	res r;
	int rc = cfs_st_resolve(st, path, false, &r);

	if (rc)
		return rc;
	if (!source_of(st, path, &r, real, &kind)) {
		cfs_st_res_done(st, &r);
		return 0;
	}
	/* The ACL read must be the one of the version the kernel holds:
	 * ctime moves with every change of an ACL, so the same stat on both
	 * sides of the read, and (for a versioned node) the version still
	 * the path's, say it is. Else the node is an old version, and gets
	 * nothing past its owner's bits. */
	if (stat(real, &before) != 0) {
		n = -errno;
	} else {
		n = cfs_acl_shown(real, kind, buf, cap);
		if (n >= 0 && (stat(real, &after) != 0 || !same_stat(&before, &after) ||
			       (ver != 0 && res_version(&r) != ver) ||
			       (ver != 0 && (before.st_ctim.tv_sec != r.fi.key.ctim.tv_sec ||
					     before.st_ctim.tv_nsec != r.fi.key.ctim.tv_nsec))))
			n = (long)cfs_acl_none(buf, cap);
	}
	cfs_st_res_done(st, &r);
	return n;
}

/* see store.h */
bool cfs_store_visible(cfs_store *st, const char *path, const cfs_who *w)
{
	char rel[PATH_MAX];
	const char *rest = NULL;
	bool ok = false;
	cfs_as as;
	finfo fi;
	res r;

	while (*path == '/')
		path++;
	if (strncmp(path, BYSHA "/", sizeof(BYSHA)) != 0 || st->single)
		return true;
	if (cfs_st_resolve(st, path, false, &r) != 0)
		return false;
	/* "../<object path>": its file is where the walk stops */
	if (r.kind == R_BYSHA_LINK &&
	    cfs_st_walk(st, r.target + 3, rel, &fi, &rest) == 0 && rest) {
		/* As w, from SOURCE's root, which the mount root shows with its
		 * mode: SOURCE's own parents are not the mount's. A daemon that
		 * cannot act as w shows w nothing here. */
		/* SOURCE is opened for each check, not kept open: an open
		 * descriptor would keep a removed SOURCE alive, delaying the
		 * inotify event its replacement is noticed by (watch.h), and
		 * would point at the old directory after a rename swap. */
		int srcfd = open(st->src, O_PATH | O_DIRECTORY | O_CLOEXEC);

		if (srcfd >= 0 && cfs_as_begin(w, &as)) {
			ok = cfs_as_may_read(srcfd, rel);
			cfs_as_end(&as);
		}
		if (srcfd >= 0)
			close(srcfd);
	}
	cfs_st_res_done(st, &r);
	return ok;
}

/* see store.h */
int cfs_store_open_file(cfs_store *st, const char *path, cfs_handle **hp)
{
	cfs_handle *h;
	res r;
	int rc = cfs_st_resolve(st, path, false, &r);

	if (rc)
		return rc;
	if (r.kind != R_COUNT && (r.kind != R_NODE || r.n->kind != CFS_FILE)) {
		rc = r.kind == R_NODE && r.n->kind == CFS_LINK ? -ELOOP : -EISDIR;
		cfs_st_res_done(st, &r);
		return rc;
	}
	h = calloc(1, sizeof(*h));
	if (!h) {
		cfs_st_res_done(st, &r);
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
int cfs_store_open_version(cfs_store *st, const char *path, uint64_t ver, cfs_handle **hp)
{
	cfs_handle *h;
	cfs_node *n;
	snap *s;
	res r;
	int rc = cfs_store_open_file(st, path, hp);

	if (rc != 0 || cfs_handle_version(*hp) == ver)
		return rc;
	/* the path shows another version now: the one asked for may be
	 * among the snapshots that just left the cache */
	cfs_store_release(st, *hp);
	*hp = NULL;
	rc = cfs_st_resolve(st, path, false, &r);
	if (rc)
		return -ESTALE;
	s = r.kind == R_NODE ? cfs_st_retired_find(st, ver) : NULL;
	n = s ? cfs_walk(cfs_tree_root(s->t), r.rest) : NULL;
	cfs_st_res_done(st, &r);
	if (!n || n->kind != CFS_FILE) {
		cfs_st_snap_unref(st, s);
		return -ESTALE;
	}
	h = calloc(1, sizeof(*h));
	if (!h) {
		cfs_st_snap_unref(st, s);
		return -ENOMEM;
	}
	h->ver = ver;
	h->s = s;
	h->data = n->data;
	h->len = n->len;
	*hp = h;
	return 0;
}

/* see store.h */
uint64_t cfs_store_link_version(const char *target)
{
	return cfs_st_hash_str(target) | 1;
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
	cfs_st_snap_unref(st, h->s);
	free(h);
}

/* see store.h */
size_t cfs_store_loads(cfs_store *st)
{
	return atomic_load(&st->loads);
}

/* see store.h */
size_t cfs_store_heads(cfs_store *st)
{
	return atomic_load(&st->heads);
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
	atomic_init(&st->loads, 0);
	atomic_init(&st->heads, 0);
	st->src = strdup(rp);
	st->nb = 256;
	st->tab = calloc(st->nb, sizeof(*st->tab));
	if (!st->src || !st->tab)
		goto oom;
	st->srclen = strlen(st->src);
	st->single = S_ISREG(sb.st_mode);
	st->shared = o->shared;
	st->nofollow = o->nofollow;
	st->cap = (o->cache_mb ? o->cache_mb : 64) << 20;
	st->obj_max = st->cap / 4;
	pthread_mutex_init(&st->lock, NULL);
	pthread_mutex_init(&st->walk_lock, NULL);
	pthread_cond_init(&st->walk_done, NULL);
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
	cfs_st_walker_join(st);
	cfs_st_fents_free(st);
	cfs_st_recent_free(st);
	cfs_st_retired_free(st);
	cfs_index_free(st->ix);
	free(st->tab);
	free(st->src);
	pthread_mutex_destroy(&st->lock);
	pthread_mutex_destroy(&st->walk_lock);
	pthread_cond_destroy(&st->walk_done);
	free(st);
}
