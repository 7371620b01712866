/*
 * vfs/store_snap.c - snapshots (snap): sealed cfs_trees (the fields of one
 * object, its derived files, or its verify/ directory), reference-counted,
 * in one LRU list with a byte cap; the shared cache of recent scans they
 * are built from; and the builders that fill an entry's slots
 * (cfs_st_fields_snap, cfs_st_derived_snap, cfs_st_verify_snap).
 * Separate from the entries because its concern is memory: who holds a
 * tree, when it may be freed, what the cap evicts.
 */
#include "store_inner.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fields.h"

#define SCAN_CACHE_MAX ((size_t)4 << 20)   /* larger scans are not kept */

static uint64_t mix(uint64_t h, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8) {
		h ^= v & 0xff;
		h *= 1099511628211ull;
	}
	return h;
}

/* The version of a tree: the same file version, object and (for verify/)
 * index generation and span of time (its end, until: the spans a clock
 * going forward meets each end differently) always build the same bytes, so a tree
 * rebuilt after eviction keeps its version, and anything else changes it.
 * Never 0, the version of what has none (SOURCE's directories). The
 * object's bytes go in too (obj_ver): a file rewritten in place to the
 * same size within one tick of the filesystem's clock keeps its key, and
 * the kernel keeps a version's pages, so they must be the same bytes. */
uint64_t cfs_st_ver_of(const fkey *k, size_t idx, bool verify, uint64_t gen, int64_t until)
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
		h = mix(h, (uint64_t)until);
	}
	return h ? h : 1;
}

static uint64_t obj_ver(const fkey *k, const cfs_scan *sc, size_t idx, bool verify,
		       uint64_t gen, int64_t until)
{
	const cfs_scan_obj *o = &sc->objs[idx];
	uint64_t h = cfs_st_ver_of(k, idx, verify, gen, until);

	for (size_t i = 0; i < o->len; i++) {
		h ^= sc->der[o->off + i];
		h *= 1099511628211ull;
	}
	h = mix(h, (uint64_t)o->err);
	h = mix(h, (uint64_t)o->err_off);
	return h ? h : 1;
}

/* see store.h */
uint64_t cfs_store_link_version(const char *target)
{
	return cfs_st_hash_str(target) | 1;
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

/* Puts one reference of s in the retired ring, whose oldest one goes:
 * returns that one if it was its last reference. */
static snap *retire_locked(cfs_store *st, snap *s)
{
	snap *old = st->retired[st->retired_next];

	st->retired[st->retired_next] = s;
	st->retired_next = (st->retired_next + 1) % RETIRED_MAX;
	return old ? unref_locked(old) : NULL;
}

/* Takes a snapshot out of the cache (its entry forgets it); the cache's
 * reference goes to the retired ring. */
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
	return retire_locked(st, s);
}

/* see store_inner.h */
snap *cfs_st_retired_find(cfs_store *st, uint64_t ver)
{
	snap *s = NULL;

	pthread_mutex_lock(&st->lock);
	for (unsigned i = 0; i < RETIRED_MAX && !s; i++)
		if (st->retired[i] && st->retired[i]->ver == ver)
			s = st->retired[i];
	if (s)
		s->refs++;
	pthread_mutex_unlock(&st->lock);
	return s;
}

/* see store_inner.h */
void cfs_st_retired_free(cfs_store *st)
{
	for (unsigned i = 0; i < RETIRED_MAX; i++) {
		snap *s = st->retired[i];

		st->retired[i] = NULL;
		if (s && unref_locked(s))
			snap_free(s);
	}
}

static void defer(freelist *fl, snap *s)
{
	if (!s)
		return;
	if (fl->n < sizeof(fl->v) / sizeof(fl->v[0]))
		fl->v[fl->n++] = s;
	else
		snap_free(s);   /* rare: freeing under the lock is only slower */
}

/* see store_inner.h */
void cfs_st_flush(freelist *fl)
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

/* see store_inner.h */
void cfs_st_drop_objs(cfs_store *st, fent *fe, freelist *fl)
{
	for (size_t i = 0; i < fe->nobj; i++) {
		defer(fl, uncache(st, fe->objs[i].fields));
		defer(fl, uncache(st, fe->objs[i].derived));
		defer(fl, uncache(st, fe->objs[i].deep));
		defer(fl, uncache(st, fe->objs[i].verify));
	}
	free(fe->objs);
	fe->objs = NULL;
	fe->nobj = 0;
}

/* ---- the shared scan cache ---- */

/* see store_inner.h */
void cfs_st_scan_unref(cfs_store *st, scanref *r)
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
 * else a fresh cfs_st_load() (kept for the next caller). *k is the key
 * of the bytes scanned. Release with cfs_st_scan_unref(). */
int cfs_st_scan_get(cfs_store *st, const char *rel, const fkey *want, scanref **out, fkey *k)
{
	scanref *r, *old = NULL;
	int rc;

	pthread_mutex_lock(&st->lock);
	for (unsigned i = 0; want && i < SCAN_SLOTS; i++) {
		r = st->scans[i];
		if (r && cfs_st_key_eq(&r->key, want) && strcmp(r->rel, rel) == 0) {
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
	rc = cfs_st_load(st, rel, &r->sc, &r->key);
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
	cfs_st_scan_unref(st, old);
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
		*type = cfs_fields_build_base(t, root, o->hint, sc->der + o->off, o->len, true);
		if (*type != CFS_INVALID)
			cfs_dir(t, root, "verify");     /* filled by its own tree */
	}
	return t;
}

/* Seals a built tree; whether it is whole. One that is not (out of memory
 * during the build, or a builder's bug such as a name used twice, which
 * sealing finds) is freed, and its readers get EIO rather than a
 * directory that misses files or lists a name twice. */
static bool whole(cfs_tree *t)
{
	cfs_tree_seal(t);
	if (cfs_tree_ok(t))
		return true;
	cfs_tree_free(t);
	return false;
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

/* see store_inner.h */
void cfs_st_snap_unref(cfs_store *st, snap *s)
{
	snap *dead;

	if (!s)
		return;
	pthread_mutex_lock(&st->lock);
	dead = unref_locked(s);
	pthread_mutex_unlock(&st->lock);
	snap_free(dead);
}

/* Which of an objslot's snapshots. */
typedef enum slotkind { SL_FIELDS, SL_DERIVED, SL_DEEP, SL_VERIFY } slotkind;

static snap **slot_of(objslot *o, slotkind kind)
{
	switch (kind) {
	case SL_DERIVED:
		return &o->derived;
	case SL_DEEP:
		return &o->deep;
	case SL_VERIFY:
		return &o->verify;
	default:
		return &o->fields;
	}
}

/* Whether o's verify snapshot is what a build at generation gen and
 * second sec would give. */
static bool holds(const objslot *o, uint64_t gen, time_t sec)
{
	return o->verify && o->vgen == gen && (int64_t)sec >= o->verify->from &&
	       (int64_t)sec < o->verify->until;
}

/* Installs s in rel's slot idx if the entry is still at key k; else s
 * stays a private snapshot of a version the entry has not caught up with.
 * Returns the snapshot to use (one reference for the caller). */
static snap *install(cfs_store *st, const char *rel, size_t idx, const fkey *k,
		     snap *s, slotkind kind, uint64_t gen, time_t sec)
{
	freelist fl = { .n = 0 };
	snap **slot, *have;
	fent *fe;

	pthread_mutex_lock(&st->lock);
	fe = cfs_st_fent_find(st, rel, cfs_st_hash_str(rel));
	if (!fe || fe->kind != FE_OBJ || !cfs_st_key_eq(&fe->key, k) || idx >= fe->nobj) {
		/* The file changed under the entry: this version is not
		 * cached, but the kernel may be told of it (a lookup) and open
		 * it next: among the retired, that open finds it. */
		snap *dead;

		s->refs++;
		dead = retire_locked(st, s);
		pthread_mutex_unlock(&st->lock);
		snap_free(dead);
		return s;
	}
	slot = slot_of(&fe->objs[idx], kind);
	have = *slot;
	if (have && (kind != SL_VERIFY || holds(&fe->objs[idx], gen, sec))) {
		/* another thread was quicker: share its tree */
		have->refs++;
		lru_unlink(st, have);
		lru_front(st, have);
		pthread_mutex_unlock(&st->lock);
		snap_free(s);
		return have;
	}
	defer(&fl, uncache(st, have));
	if (kind == SL_VERIFY)
		fe->objs[idx].vgen = gen;
	cache_put(st, s, slot, &fl);
	pthread_mutex_unlock(&st->lock);
	cfs_st_flush(&fl);
	return s;
}

/* The cached snapshot of slot idx (with a reference), or NULL. */
static snap *cached(cfs_store *st, const char *rel, size_t idx, const fkey *k,
		    slotkind kind, uint64_t gen, time_t sec)
{
	snap *s = NULL;
	fent *fe;

	pthread_mutex_lock(&st->lock);
	fe = cfs_st_fent_find(st, rel, cfs_st_hash_str(rel));
	if (fe && fe->kind == FE_OBJ && cfs_st_key_eq(&fe->key, k) && idx < fe->nobj) {
		objslot *o = &fe->objs[idx];

		s = *slot_of(o, kind);
		if (s && kind == SL_VERIFY && !holds(o, gen, sec))
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

/* The scan of file rel (cfs_st_scan_get) if it still has object idx. */
static int obj_scan(cfs_store *st, const char *rel, const finfo *fi, size_t idx,
		    scanref **r, fkey *k)
{
	int rc = cfs_st_scan_get(st, rel, &fi->key, r, k);

	if (rc == 0 && idx >= (*r)->sc.n)
		rc = -ENOENT;   /* changed under us: fewer objects now */
	if (rc) {
		cfs_st_scan_unref(st, *r);
		*r = NULL;
	}
	return rc;
}

/* The tree of the derived files or the deep directories (fields.h) of
 * object idx of a scanned file. */
static cfs_tree *build_part(const cfs_scan *sc, size_t idx, slotkind kind)
{
	const cfs_scan_obj *o = &sc->objs[idx];
	cfs_tree *t = cfs_tree_new();

	if (t && o->err == XC_OK) {
		const uint8_t *der = sc->der + o->off;
		cfs_type type = cfs_scan_type(o->hint, der, o->len);

		if (kind == SL_DEEP)
			cfs_fields_deep(t, cfs_tree_root(t), type, der, o->len);
		else
			cfs_fields_derived(t, cfs_tree_root(t), type, der, o->len);
	}
	return t;
}

/* The fields, derived or deep snapshot of object idx (one reference):
 * made of the object's bytes alone. */
static int from_scan(cfs_store *st, const char *rel, size_t idx, scanref *r, const fkey *k,
		     slotkind kind, snap **out);

static int object_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx,
		       slotkind kind, snap **out)
{
	scanref *r = NULL;
	fkey k;
	int rc;

	*out = cached(st, rel, idx, &fi->key, kind, 0, 0);
	if (*out)
		return 0;
	rc = obj_scan(st, rel, fi, idx, &r, &k);
	if (rc)
		return rc;
	return from_scan(st, rel, idx, r, &k, kind, out);
}

/* object_snap's build, from the scan r (whose reference it drops). */
static int from_scan(cfs_store *st, const char *rel, size_t idx, scanref *r, const fkey *k,
		     slotkind kind, snap **out)
{
	cfs_type type;
	cfs_tree *t;
	snap *s;

	t = kind == SL_FIELDS ? build_fields(&r->sc, idx, &type) : build_part(&r->sc, idx, kind);
	if (t && !whole(t)) {
		cfs_st_scan_unref(st, r);
		return -EIO;
	}
	s = snap_new(t);
	if (s)
		s->ver = obj_ver(k, &r->sc, idx, false, 0, 0);
	/* the derived files and the deep directories are other files than
	 * the fields': other versions, as fixed by the same bytes */
	if (s && kind != SL_FIELDS)
		s->ver = mix(s->ver, kind == SL_DERIVED ? 0x64657269ull : 0x64656570ull) | 1;
	cfs_st_scan_unref(st, r);
	if (!s)
		return -ENOMEM;
	*out = install(st, rel, idx, k, s, kind, 0, 0);
	return 0;
}

/* see store_inner.h */
int cfs_st_fields_ver(cfs_store *st, const char *rel, const finfo *fi, size_t idx,
		      uint64_t *ver)
{
	snap *s = cached(st, rel, idx, &fi->key, SL_FIELDS, 0, 0);
	scanref *r = NULL;
	fkey k;
	int rc;

	if (s) {
		*ver = s->ver;
		cfs_st_snap_unref(st, s);
		return 0;
	}
	rc = obj_scan(st, rel, fi, idx, &r, &k);
	if (rc)
		return rc;
	/* A scan too big for the scan cache would be read again by the
	 * build: build now, from this one. */
	if (r->sc.der_len > SCAN_CACHE_MAX) {
		rc = from_scan(st, rel, idx, r, &k, SL_FIELDS, &s);
		if (rc)
			return rc;
		*ver = s->ver;
		cfs_st_snap_unref(st, s);
		return 0;
	}
	*ver = obj_ver(&k, &r->sc, idx, false, 0, 0);
	cfs_st_scan_unref(st, r);
	return 0;
}

/* see store_inner.h */
int cfs_st_fields_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx, snap **out)
{
	return object_snap(st, rel, fi, idx, SL_FIELDS, out);
}

/* see store_inner.h */
int cfs_st_derived_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx, snap **out)
{
	return object_snap(st, rel, fi, idx, SL_DERIVED, out);
}

/* see store_inner.h */
int cfs_st_deep_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx, snap **out)
{
	return object_snap(st, rel, fi, idx, SL_DEEP, out);
}

/* see store_inner.h */
/* The generation a verify/ tree is built at: the index's, and under
 * allow_other the directories' too, since who may read what decides
 * what it may show (cfs_st_usable). */
static uint64_t verify_gen(cfs_store *st)
{
	uint64_t gen = cfs_index_generation(st->ix);

	return st->shared ? mix(gen, atomic_load(&st->dirsum)) : gen;
}

int cfs_st_verify_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx, snap **out)
{
	vuse u = { st, rel };
	cfs_vfilter vf = { cfs_st_usable, &u };
	char objpath[PATH_MAX + 32];
	cfs_vwin w;
	uint64_t gen, ver;
	time_t now;
	scanref *r = NULL;
	const cfs_scan *sc;
	cfs_type type;
	cfs_tree *t;
	unsigned tries = 0;
	fkey k;
	snap *s;
	int rc;

	cfs_st_ensure_index(st);
	if (!st->ix)
		return -ENOMEM;
again:
	w.from = INT64_MIN;
	w.until = INT64_MAX;
	gen = verify_gen(st);
	now = time(NULL);
	*out = cached(st, rel, idx, &fi->key, SL_VERIFY, gen, now);
	if (*out)
		return 0;
	rc = obj_scan(st, rel, fi, idx, &r, &k);
	if (rc)
		return rc;
	sc = &r->sc;
	t = cfs_tree_new();
	if (!t) {
		cfs_st_scan_unref(st, r);
		return -ENOMEM;
	}
	if (sc->objs[idx].err == XC_OK) {
		const uint8_t *der = sc->der + sc->objs[idx].off;
		size_t len = sc->objs[idx].len;

		type = cfs_scan_type(sc->objs[idx].hint, der, len);
		cfs_st_objpath_of(rel, sc->n, idx, objpath, sizeof(objpath));
		if (type != CFS_INVALID)
			cfs_verify_build(st->ix, t, cfs_tree_root(t), objpath, type, der, len,
					 now, st->shared ? &vf : NULL, &w);
	}
	ver = obj_ver(&k, sc, idx, true, gen, w.until);
	cfs_st_scan_unref(st, r);
	/* the index moved on during the build (another thread re-walked
	 * SOURCE): the tree may hold some of the next generation, so it is
	 * not generation gen's; build again (the rare race of a change) */
	if (verify_gen(st) != gen && ++tries < 4) {
		cfs_tree_free(t);
		goto again;
	}
	if (!whole(t))
		return -EIO;
	s = snap_new(t);
	if (!s)
		return -ENOMEM;
	s->ver = ver;
	s->from = w.from;
	s->until = w.until;
	*out = install(st, rel, idx, &k, s, SL_VERIFY, gen, now);
	return 0;
}
