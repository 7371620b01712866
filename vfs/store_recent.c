/*
 * vfs/store_recent.c - the scan cache: the ring of the last few files'
 * bytes read (a listing or a lookup that read a small file whole, the
 * read of one object), kept so that the stat and the build that follow
 * take them instead of reading the file again (store_inner.h, recent).
 * Separate because both the entries (store_fent.c, which put what a
 * classification read) and the object reader (store_obj.c, which takes
 * it) use it, and it uses neither: it knows paths and keys, not entries.
 */
#include "store_inner.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* see store_inner.h */
void cfs_st_recent_unref(cfs_store *st, recent *r)
{
	bool last;

	if (!r)
		return;
	pthread_mutex_lock(&st->lock);
	last = --r->refs == 0;
	pthread_mutex_unlock(&st->lock);
	if (last) {
		free(r->rel);
		free(r->b);
		free(r);
	}
}

/* see store_inner.h */
void cfs_st_recent_put(cfs_store *st, const char *rel, const fkey *k, size_t off,
		       const uint8_t *b, size_t len)
{
	recent *r, *old;

	if (len > RECENT_MAX)
		return;
	r = calloc(1, sizeof(*r));
	if (!r)
		return;
	r->rel = strdup(rel);
	r->b = malloc(len ? len : 1);
	if (!r->rel || !r->b) {
		free(r->rel);
		free(r->b);
		free(r);
		return;
	}
	memcpy(r->b, b, len);
	r->key = *k;
	r->off = off;
	r->len = len;
	r->refs = 1;
	pthread_mutex_lock(&st->lock);
	old = st->recents[st->recent_next];
	st->recents[st->recent_next] = r;
	st->recent_next = (st->recent_next + 1) % RECENT_SLOTS;
	pthread_mutex_unlock(&st->lock);
	cfs_st_recent_unref(st, old);
}

/* see store_inner.h */
void cfs_st_recent_free(cfs_store *st)
{
	for (unsigned i = 0; i < RECENT_SLOTS; i++) {
		cfs_st_recent_unref(st, st->recents[i]);
		st->recents[i] = NULL;
	}
}

/* see store_inner.h */
recent *cfs_st_recent_find(cfs_store *st, const char *rel, const fkey *k,
			   const cfs_scan_obj *o)
{
	for (unsigned i = 0; i < RECENT_SLOTS; i++) {
		recent *r = st->recents[i];

		if (r && r->off <= o->src_off && o->src_len <= r->len &&
		    o->src_off - r->off <= r->len - o->src_len && cfs_st_key_eq(&r->key, k) &&
		    strcmp(r->rel, rel) == 0) {
			r->refs++;
			return r;
		}
	}
	return NULL;
}
