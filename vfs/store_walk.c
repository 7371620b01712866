/*
 * vfs/store_walk.c - the store's side of the index (index.h): the walk
 * over all of SOURCE that brings the index up to date (cfs_st_ensure_index),
 * and the loader the index calls back for a candidate's DER, keyed by
 * (file, object index) as the walk recorded it.
 * Separate because it is the one part that looks at all of SOURCE at once:
 * in a thread of its own (the walker, one at a time), which readers wait
 * for only briefly (cfs_st_ensure_index). It stands on the entries and the
 * object reader; resolution (store_resolve.c) and the API (store.c) call
 * it before they use the index, and nothing below it does.
 */
#include "store_inner.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "thread.h"

#define WALK_NICE 10

/* cfs_load_fn: the index wants the DER of object idx of file (a path it
 * recorded, index_file). The file's entry brought up to date says where
 * the object lies; nothing is walked: the index checks that what is
 * loaded is what it recorded (cfs_ix_load), and the next walk forgets a
 * file that went. */
static int loader(void *ctx, const char *file, size_t idx, uint8_t **der, size_t *len)
{
	cfs_store *st = ctx;
	finfo fi;
	sobj o;
	fkey k;
	int rc;

	rc = cfs_st_validate(st, file, &fi);
	if (rc)
		return rc;
	if (fi.kind != FE_OBJ || idx >= fi.nobj)
		return -ENOENT;
	rc = cfs_st_obj_get(st, file, &fi, idx, &o, &k);
	if (rc)
		return rc;
	if (!o.der)
		return -ENOENT;
	*der = o.der;   /* the index frees it */
	*len = o.len;
	return 0;
}

/* (Re-)records the objects of file rel when the index holds an older
 * version (or none). */
static void index_file(cfs_store *st, const char *rel)
{
	char objpath[PATH_MAX + 32];
	finfo fi = { .kind = FE_OBJ };
	fkey k;
	fent *fe;
	bool need, whole = true;

	pthread_mutex_lock(&st->lock);
	fe = cfs_st_fent_find(st, rel, cfs_st_hash_str(rel));
	if (!fe) {
		pthread_mutex_unlock(&st->lock);
		return;
	}
	fe->seen = st->wgen;
	need = !fe->indexed || !cfs_st_key_eq(&fe->ikey, &fe->key);
	fi.key = fe->key;
	fi.nobj = fe->nobj;
	pthread_mutex_unlock(&st->lock);
	if (!need)
		return;
	cfs_index_remove_file(st->ix, rel);
	/* Each object as the entry's index places it (validation just
	 * took it, walk). Not read, or changed since: the next walk tries
	 * again (a file gone by then is dropped). */
	for (size_t i = 0; i < fi.nobj && whole; i++) {
		sobj o;

		if (cfs_st_obj_get(st, rel, &fi, i, &o, &k) != 0 || !cfs_st_key_eq(&k, &fi.key)) {
			whole = false;
		} else if (o.der) {     /* no DER, no fingerprint */
			cfs_st_objpath_of(rel, fi.nobj, i, objpath, sizeof(objpath));
			cfs_index_add(st->ix, rel, i, objpath,
				      cfs_scan_type(o.hint, o.der, o.len), o.der, o.len);
		}
		cfs_st_obj_free(&o);
	}
	if (!whole)
		return;
	pthread_mutex_lock(&st->lock);
	fe = cfs_st_fent_find(st, rel, cfs_st_hash_str(rel));
	if (fe) {
		fe->indexed = true;
		fe->ikey = fi.key;
	}
	pthread_mutex_unlock(&st->lock);
	/* the file went meanwhile, and its entry with it (store_fent.c): no
	 * entry would tell a later walk to forget what was just recorded */
	if (!fe)
		cfs_index_remove_file(st->ix, rel);
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
	uint64_t dsum = 1469598103934665603ull;
	finfo fi;

	pthread_mutex_lock(&st->lock);
	st->wgen++;
	pthread_mutex_unlock(&st->lock);

	if (st->single) {
		if (cfs_st_validate(st, "", &fi) == 0 && fi.kind == FE_OBJ)
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
		names = cfs_st_list_dir(st, rel, &n);
		first = sn;
		for (size_t i = 0; i < n; i++) {
			char *c = cfs_st_join(rel, names[i]);

			if (!c)
				continue;
			if (cfs_st_validate(st, c, &fi) != 0) {
				free(c);
				continue;
			}
			if (fi.kind == FE_OBJ)
				index_file(st, c);
			if (fi.kind == FE_DIR) {
				/* in name order: the same keys, the same sum */
				dsum = (dsum ^ cfs_st_ver_of(&fi.key, 0, false, 0, 0)) *
				       1099511628211ull;
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
		cfs_st_free_list(names, n);
		free(rel);
	}
	free(stack);
	atomic_store(&st->dirsum, dsum);

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
	cfs_st_free_list(gone, ng);
}

/* The walker thread: one walk, then tells the waiting readers. At a
 * lower priority (nice 10, this thread only): it re-reads and parses
 * whatever changed, and with a large file that is seconds of CPU, which
 * the requests of the other readers should not wait behind. */
static void *walker(void *arg)
{
	cfs_store *st = arg;

	(void)setpriority(PRIO_PROCESS, (id_t)gettid(), WALK_NICE);
	walk(st);
	pthread_mutex_lock(&st->walk_lock);
	st->walked = cfs_st_mono();
	st->walking = false;
	st->walks++;
	pthread_cond_broadcast(&st->walk_done);
	pthread_mutex_unlock(&st->walk_lock);
	return NULL;
}

/* Starts a walk in its own thread (walk_lock held); false if no thread
 * could be made. */
static bool start_walker(cfs_store *st)
{
	int rc;

	if (st->walker_made)
		pthread_join(st->walker, NULL);         /* done: walking was false */
	st->walk_began = cfs_st_mono();
	rc = cfs_thread_start(&st->walker, walker, st);
	st->walker_made = rc == 0;
	st->walking = rc == 0;
	return rc == 0;
}

/* see store_inner.h
 *
 * A walk re-reads every file that changed, which for a large one takes
 * seconds (a 200 MB bundle: 3-5 s). Readers must not wait for that (issue
 * 13): the walk runs in a thread of its own, and is waited for only until
 * CFS_WALK_WAIT after it began (time enough for a walk that re-reads
 * nothing); a reader then answers from the index as it stands, which is
 * the store as of the last walk, changed files being recorded as the walk
 * reaches them. The wait is from the walk's start, not the reader's: one
 * read is several requests (lookups, getattr), and each waiting its own
 * 0.2 s made a second of it. Only the first walk, before which the index
 * knows nothing, is waited for to its end. */
void cfs_st_ensure_index(cfs_store *st)
{
	struct timespec until;
	double wait;

	pthread_mutex_lock(&st->walk_lock);
	if (!st->ix) {
		st->ix = cfs_index_new(loader, st);
		st->walked = -1e9;
	}
	if (st->ix && !st->walking && cfs_st_mono() - st->walked >= CFS_REVALIDATE &&
	    !start_walker(st)) {
		walk(st);       /* no thread: the reader walks */
		st->walked = cfs_st_mono();
		st->walks++;
	}
	clock_gettime(CLOCK_REALTIME, &until);
	wait = st->walk_began + CFS_WALK_WAIT - cfs_st_mono();
	wait = (double)until.tv_nsec / 1e9 + (wait > 0 ? wait : 0);
	until.tv_sec += (time_t)wait;
	until.tv_nsec = (long)((wait - (double)(time_t)wait) * 1e9);
	while (st->walking) {
		if (st->walks == 0)
			pthread_cond_wait(&st->walk_done, &st->walk_lock);
		else if (pthread_cond_timedwait(&st->walk_done, &st->walk_lock, &until) != 0)
			break;
	}
	pthread_mutex_unlock(&st->walk_lock);
}

/* see store_inner.h */
void cfs_st_walker_join(cfs_store *st)
{
	if (st->walker_made)
		pthread_join(st->walker, NULL);
	st->walker_made = false;
}
