/*
 * vfs/store_snap.c - snapshots (snap): sealed cfs_trees (the fields of one
 * object, its derived files, or its verify/ directory), reference-counted,
 * in one LRU list with a byte cap; and the builders that fill an entry's
 * slots from one object read alone (store_obj.c)
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

/* see store_inner.h */
uint64_t cfs_st_span_ver(const cfs_store *st, const fkey *k, size_t idx, const cfs_scan_obj *o,
			 const uint8_t *b)
{
	uint64_t h = cfs_st_ver_of(k, idx, false, 0, 0);

	if (o->src_len > st->obj_max || o->err != XC_OK) {
		/* all its tree shows (build_fields) */
		h = mix(h, (uint64_t)o->src_len);
		h = mix(h, (uint64_t)o->err);
		h = mix(h, (uint64_t)o->err_off);
	} else {
		for (size_t i = 0; i < o->src_len; i++) {
			h ^= b[i];
			h *= 1099511628211ull;
		}
	}
	return h ? h : 1;
}

/* The version of an object's fields (the span's), or of its verify/
 * tree at index generation gen for the span of time ending at until. */
static uint64_t obj_ver(const sobj *o, bool verify, uint64_t gen, int64_t until)
{
	uint64_t h = o->ver;

	if (verify) {
		h = mix(h, 0x766572696679ull);
		h = mix(h, gen);
		h = mix(h, (uint64_t)until);
	}
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

static void defer(freelist *fl, snap *s);

/* Releases the retired ring's slot i. */
static void drop_retired(cfs_store *st, unsigned i, freelist *fl)
{
	snap *o = st->retired[i];

	if (!o)
		return;
	st->retired[i] = NULL;
	st->retired_bytes -= o->bytes;
	defer(fl, unref_locked(o));
}

/* Puts one reference of s in the retired ring, in place of the oldest;
 * then releases the oldest others while the ring holds more than
 * RETIRED_SHARE of the cap: what is kept outside the cache stays a part
 * of cache_size, not 64 snapshots of any size. */
static void retire_locked(cfs_store *st, snap *s, freelist *fl)
{
	unsigned at = st->retired_next;

	drop_retired(st, at, fl);
	st->retired[at] = s;
	st->retired_bytes += s->bytes;
	st->retired_next = (at + 1) % RETIRED_MAX;
	for (unsigned i = 1; i < RETIRED_MAX && st->retired_bytes > st->cap / RETIRED_SHARE; i++)
		drop_retired(st, (at + i) % RETIRED_MAX, fl);
}

/* Takes a snapshot out of the cache (its entry forgets it); the cache's
 * reference goes to the retired ring. */
static void uncache(cfs_store *st, snap *s, freelist *fl)
{
	if (!s || !s->cached)
		return;
	lru_unlink(st, s);
	s->cached = false;
	st->cached -= s->bytes;
	if (s->slot && *s->slot == s)
		*s->slot = NULL;
	s->slot = NULL;
	retire_locked(st, s, fl);
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
	st->retired_bytes = 0;
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
		uncache(st, st->lru_tail, fl);
}

/* see store_inner.h */
void cfs_st_drop_objs(cfs_store *st, fent *fe, freelist *fl)
{
	for (size_t i = 0; i < fe->nobj; i++) {
		uncache(st, fe->objs[i].fields, fl);
		uncache(st, fe->objs[i].derived, fl);
		uncache(st, fe->objs[i].deep, fl);
		uncache(st, fe->objs[i].verify, fl);
	}
	free(fe->objs);
	fe->objs = NULL;
	fe->nobj = 0;
}

/* ---- object trees ---- */

/* Builds the tree of an object read from its file. */
static cfs_tree *build_fields(cfs_store *st, const sobj *o, cfs_type *type)
{
	cfs_tree *t = cfs_tree_new();
	cfs_node *root;

	if (!t)
		return NULL;
	root = cfs_tree_root(t);
	if (o->big) {
		/* its bytes alone would take more than the cache may
		 * (docs/ABI.md): not read */
		cfs_printf(t, root, "type", "%s", cfs_type_name(CFS_INVALID));
		cfs_printf(t, root, "error", "object too large: %zu bytes, over the limit of %zu",
			   o->src_len, st->obj_max);
		*type = CFS_INVALID;
	} else if (o->err != XC_OK) {
		/* a PEM block with no DER: the offset is in the file */
		cfs_printf(t, root, "type", "%s", cfs_type_name(CFS_INVALID));
		cfs_printf(t, root, "error", "%s at byte %zu", xc_strerror(o->err), o->err_off);
		*type = CFS_INVALID;
	} else {
		*type = cfs_fields_build_base(t, root, o->hint, o->der, o->len, true);
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
	s->bytes = cfs_tree_bytes(t) + sizeof(*s);
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
		s->refs++;
		retire_locked(st, s, &fl);
		pthread_mutex_unlock(&st->lock);
		cfs_st_flush(&fl);
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
	uncache(st, have, &fl);
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

/* The tree of the derived files or the deep directories (fields.h) of
 * an object read from its file. */
static cfs_tree *build_part(const sobj *o, slotkind kind)
{
	cfs_tree *t = cfs_tree_new();

	if (t && o->der) {
		cfs_type type = cfs_scan_type(o->hint, o->der, o->len);

		if (kind == SL_DEEP)
			cfs_fields_deep(t, cfs_tree_root(t), type, o->der, o->len);
		else
			cfs_fields_derived(t, cfs_tree_root(t), type, o->der, o->len);
	}
	return t;
}

/* The fields, derived or deep snapshot of object o, index idx (one
 * reference), made of the object's bytes alone. */
static int from_obj(cfs_store *st, const char *rel, size_t idx, const sobj *o, const fkey *k,
		    slotkind kind, snap **out)
{
	cfs_type type;
	cfs_tree *t;
	snap *s;

	t = kind == SL_FIELDS ? build_fields(st, o, &type) : build_part(o, kind);
	if (t && !whole(t))
		return -EIO;
	s = snap_new(t);
	if (!s)
		return -ENOMEM;
	s->ver = obj_ver(o, false, 0, 0);
	/* the derived files and the deep directories are other files than
	 * the fields': other versions, as fixed by the same bytes */
	if (kind != SL_FIELDS)
		s->ver = mix(s->ver, kind == SL_DERIVED ? 0x64657269ull : 0x64656570ull) | 1;
	*out = install(st, rel, idx, k, s, kind, 0, 0);
	return 0;
}

static int object_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx,
		       slotkind kind, snap **out)
{
	sobj o;
	fkey k;
	int rc;

	*out = cached(st, rel, idx, &fi->key, kind, 0, 0);
	if (*out)
		return 0;
	rc = cfs_st_obj_get(st, rel, fi, idx, &o, &k);
	if (rc)
		return rc;
	rc = from_obj(st, rel, idx, &o, &k, kind, out);
	cfs_st_obj_free(&o);
	return rc;
}

/* see store_inner.h */
int cfs_st_fields_ver(cfs_store *st, const char *rel, const finfo *fi, size_t idx,
		      uint64_t *ver)
{
	snap *s = cached(st, rel, idx, &fi->key, SL_FIELDS, 0, 0);
	sobj o;
	fkey k;
	int rc;

	if (s) {
		*ver = s->ver;
		cfs_st_snap_unref(st, s);
		return 0;
	}
	/* known from the listing, or from an earlier read of the object */
	if (idx == 0 && fi->nobj == 1 && fi->ver1) {
		*ver = fi->ver1;
		return 0;
	}
	rc = cfs_st_obj_get(st, rel, fi, idx, &o, &k);
	if (rc)
		return rc;
	*ver = obj_ver(&o, false, 0, 0);
	cfs_st_obj_free(&o);
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
	sobj o;
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
	rc = cfs_st_obj_get(st, rel, fi, idx, &o, &k);
	if (rc)
		return rc;
	t = cfs_tree_new();
	if (!t) {
		cfs_st_obj_free(&o);
		return -ENOMEM;
	}
	if (o.der) {
		type = cfs_scan_type(o.hint, o.der, o.len);
		cfs_st_objpath_of(rel, o.nobj, idx, objpath, sizeof(objpath));
		if (type != CFS_INVALID)
			cfs_verify_build(st->ix, t, cfs_tree_root(t), objpath, type, o.der, o.len,
					 now, st->shared ? &vf : NULL, &w);
	}
	ver = obj_ver(&o, true, gen, w.until);
	cfs_st_obj_free(&o);
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
