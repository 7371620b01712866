/*
 * vfs/store_lru.c - the snapshots' memory: reference counts, the LRU list
 * with its byte cap, the ring of retired snapshots, and the list of
 * snapshots to free once the lock is released (store_inner.h, snap).
 * Separate because its concern is who holds a tree and when it may be
 * freed, not how a tree is built (store_snap.c) nor what the entries are
 * (store_fent.c): an entry that goes hands its slots here, which knows
 * slots, not entries, so the calls go one way.
 */
#include "store_inner.h"

#include <pthread.h>
#include <stdlib.h>

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

/* see store_inner.h */
snap *cfs_st_snap_new(cfs_tree *t)
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
void cfs_st_snap_free(snap *s)
{
	snap_free(s);
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

/* see store_inner.h
 *
 * Then releases the oldest others while the ring holds more than
 * RETIRED_SHARE of the cap: what is kept outside the cache stays a part
 * of cache_size, not 64 snapshots of any size. */
void cfs_st_retire(cfs_store *st, snap *s, freelist *fl)
{
	unsigned at = st->retired_next;

	drop_retired(st, at, fl);
	st->retired[at] = s;
	st->retired_bytes += s->bytes;
	st->retired_next = (at + 1) % RETIRED_MAX;
	for (unsigned i = 1; i < RETIRED_MAX && st->retired_bytes > st->cap / RETIRED_SHARE; i++)
		drop_retired(st, (at + i) % RETIRED_MAX, fl);
}

/* see store_inner.h */
void cfs_st_uncache(cfs_store *st, snap *s, freelist *fl)
{
	if (!s || !s->cached)
		return;
	lru_unlink(st, s);
	s->cached = false;
	st->cached -= s->bytes;
	if (s->slot && *s->slot == s)
		*s->slot = NULL;
	s->slot = NULL;
	cfs_st_retire(st, s, fl);
}

/* see store_inner.h */
void cfs_st_cache_put(cfs_store *st, snap *s, snap **slot, freelist *fl)
{
	s->refs++;
	s->cached = true;
	s->slot = slot;
	*slot = s;
	st->cached += s->bytes;
	lru_front(st, s);
	while (st->cached > st->cap && st->lru_tail && st->lru_tail != s)
		cfs_st_uncache(st, st->lru_tail, fl);
}

/* see store_inner.h */
void cfs_st_snap_use(cfs_store *st, snap *s)
{
	s->refs++;
	lru_unlink(st, s);
	lru_front(st, s);
}

/* see store_inner.h */
void cfs_st_drop_slots(cfs_store *st, objslot *objs, size_t n, freelist *fl)
{
	for (size_t i = 0; i < n; i++) {
		cfs_st_uncache(st, objs[i].fields, fl);
		for (size_t k = 0; k < CFS_PART_COUNT; k++)
			cfs_st_uncache(st, objs[i].part[k], fl);
		cfs_st_uncache(st, objs[i].verify, fl);
	}
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
