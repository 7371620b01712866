/*
 * vfs/store_snap.c - the snapshots of an object (snap): its fields, its
 * lazy parts (fields.h: the derived files, the deep directories) and its
 * verify/ directory, each a sealed cfs_tree built from the object read
 * alone (store_obj.c) and installed in its entry's slot if the entry is
 * still at the version it was built from (cfs_st_fields_snap,
 * cfs_st_part_snap, cfs_st_verify_snap); their memory is store_lru.c's.
 * Separate from the entries because it is the one layer that knows what
 * a tree holds; above the object reader, below the walk and resolution,
 * which bring the index up to date before asking for a verify/ tree.
 */
#include "store_inner.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "fields.h"

/* The version of an object's fields (the span's), or of its verify/
 * tree at index generation gen for the span of time ending at until. */
static uint64_t obj_ver(const sobj *o, bool verify, uint64_t gen, int64_t until)
{
	uint64_t h = o->ver;

	if (verify) {
		h = cfs_st_mix(h, 0x766572696679ull);
		h = cfs_st_mix(h, gen);
		h = cfs_st_mix(h, (uint64_t)until);
	}
	return h ? h : 1;
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

/* Which of an objslot's snapshots: the fields, verify/, or a lazy part
 * (SL_PART + its cfs_part). */
typedef enum slotkind { SL_FIELDS, SL_VERIFY, SL_PART } slotkind;

static snap **slot_of(objslot *o, unsigned kind)
{
	if (kind >= SL_PART)
		return &o->part[kind - SL_PART];
	return kind == SL_VERIFY ? &o->verify : &o->fields;
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
		     snap *s, unsigned kind, uint64_t gen, time_t sec)
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
		cfs_st_retire(st, s, &fl);
		pthread_mutex_unlock(&st->lock);
		cfs_st_flush(&fl);
		return s;
	}
	slot = slot_of(&fe->objs[idx], kind);
	have = *slot;
	if (have && (kind != SL_VERIFY || holds(&fe->objs[idx], gen, sec))) {
		/* another thread was quicker: share its tree */
		cfs_st_snap_use(st, have);
		pthread_mutex_unlock(&st->lock);
		cfs_st_snap_free(s);
		return have;
	}
	cfs_st_uncache(st, have, &fl);
	if (kind == SL_VERIFY)
		fe->objs[idx].vgen = gen;
	cfs_st_cache_put(st, s, slot, &fl);
	pthread_mutex_unlock(&st->lock);
	cfs_st_flush(&fl);
	return s;
}

/* The cached snapshot of slot idx (with a reference), or NULL. */
static snap *cached(cfs_store *st, const char *rel, size_t idx, const fkey *k,
		    unsigned kind, uint64_t gen, time_t sec)
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
		if (s)
			cfs_st_snap_use(st, s);
	}
	pthread_mutex_unlock(&st->lock);
	return s;
}

/* The tree of a lazy part (fields.h) of an object read from its file. */
static cfs_tree *build_part(const sobj *o, cfs_part part)
{
	cfs_tree *t = cfs_tree_new();

	if (t && o->der)
		cfs_fields_part(t, cfs_tree_root(t), part, cfs_scan_type(o->hint, o->der, o->len),
				o->der, o->len);
	return t;
}

/* The fields or a part's snapshot of object o, index idx (one
 * reference), made of the object's bytes alone. */
static int from_obj(cfs_store *st, const char *rel, size_t idx, const sobj *o, const fkey *k,
		    unsigned kind, snap **out)
{
	/* the parts are other files than the fields': other versions, as
	 * fixed by the same bytes */
	static const uint64_t part_tag[] = {
		[CFS_PART_DERIVED] = 0x64657269ull,
		[CFS_PART_DEEP] = 0x64656570ull,
	};
	cfs_type type;
	cfs_tree *t;
	snap *s;

	t = kind == SL_FIELDS ? build_fields(st, o, &type) : build_part(o, kind - SL_PART);
	if (t && !whole(t))
		return -EIO;
	s = cfs_st_snap_new(t);
	if (!s)
		return -ENOMEM;
	s->ver = obj_ver(o, false, 0, 0);
	if (kind != SL_FIELDS)
		s->ver = cfs_st_mix(s->ver, part_tag[kind - SL_PART]) | 1;
	*out = install(st, rel, idx, k, s, kind, 0, 0);
	return 0;
}

static int object_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx,
		       unsigned kind, snap **out)
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
int cfs_st_part_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx, cfs_part part,
		     snap **out)
{
	return object_snap(st, rel, fi, idx, SL_PART + (unsigned)part, out);
}

/* The generation a verify/ tree is built at: the index's, and under
 * allow_other the directories' too, since who may read what decides
 * what it may show (usable). */
static uint64_t verify_gen(cfs_store *st)
{
	uint64_t gen = cfs_index_generation(st->ix);

	return st->shared ? cfs_st_mix(gen, atomic_load(&st->dirsum)) : gen;
}

/* verify/'s filter under -o allow_other (cfs_vfilter's ctx): the object
 * being verified is one of file rel's. */
typedef struct vuse {
	cfs_store *st;
	const char *rel;
} vuse;

/* cfs_vfilter's usable: whether everyone who may read file u->rel may
 * read the objects of file too (docs/ABI.md 1.5): it is the same file, or
 * every component of its path is covered by one of rel's
 * (cfs_perms_cover). The index names the file, so nothing is walked: a
 * file gone since makes cfs_perms_of fail, and the load that would follow
 * finds it gone too. */
static bool usable(void *ctx, const char *file)
{
	const vuse *u = ctx;
	cfs_perm o[CFS_PERM_DEPTH], e[CFS_PERM_DEPTH];
	size_t shared = 0;
	int no, ne;
	finfo fi;

	if (strcmp(file, u->rel) == 0)
		return true;
	/* a link whose target lies past a directory that stops some of its
	 * readers shows no bits (link_mode): as if unreadable, to all */
	if (cfs_st_validate(u->st, file, &fi) != 0 || (fi.link && !(fi.key.mode & 0444)))
		return false;
	no = cfs_perms_of(u->st->src, u->rel, o, CFS_PERM_DEPTH);
	ne = cfs_perms_of(u->st->src, file, e, CFS_PERM_DEPTH);
	if (no < 0 || ne < 0)
		return false;
	/* the directories both pass through stop the same users */
	for (size_t i = 0; file[i] && file[i] == u->rel[i]; i++)
		if (file[i] == '/')
			shared++;
	return cfs_perms_cover(o, no, e + shared, ne - (int)shared);
}

/* see store_inner.h */
int cfs_st_verify_snap(cfs_store *st, const char *rel, const finfo *fi, size_t idx, snap **out)
{
	vuse u = { st, rel };
	cfs_vfilter vf = { usable, &u };
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

	if (!st->ix)
		return -ENOMEM;         /* the caller brings it up to date first */
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
	s = cfs_st_snap_new(t);
	if (!s)
		return -ENOMEM;
	s->ver = ver;
	s->from = w.from;
	s->until = w.until;
	*out = install(st, rel, idx, &k, s, SL_VERIFY, gen, now);
	return 0;
}
