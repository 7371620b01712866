/*
 * vfs/store_obj.c - one object read from its file (cfs_st_obj_get): the
 * entry's index says where it lies, so opening one object of a bundle
 * reads, decodes and parses that object alone, or takes its bytes from the
 * scan cache (store_recent.c) when a stat or a listing just read them.
 * Separate because it is the one place an object's bytes come from; above
 * the entries, below the snapshots built from it.
 */
#include "store_inner.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* see store_inner.h */
void cfs_st_obj_free(sobj *o)
{
	free(o->der);
	o->der = NULL;
}

/* Decodes span o (its bytes at b), object idx of a file at key k, into
 * *out. */
static int decode(cfs_store *st, const fkey *k, size_t idx, const cfs_scan_obj *o,
		  const uint8_t *b, size_t nobj, sobj *out)
{
	memset(out, 0, sizeof(*out));
	out->hint = o->hint;
	out->src_len = o->src_len;
	out->nobj = nobj;
	out->ver = cfs_st_span_ver(st->obj_max, k, idx, o, b);
	if (o->src_len > st->obj_max) {
		out->big = true;
		return 0;
	}
	return cfs_scan_decode(o, b, &out->der, &out->len, &out->err, &out->err_off);
}

/* Reads span o from fd and decodes it; keeps the bytes for the next
 * caller (a stat is followed by the build of the same object). */
static int read_span(cfs_store *st, const char *rel, int fd, const fkey *k, size_t idx,
		     const cfs_scan_obj *o, size_t nobj, sobj *out)
{
	uint8_t *b;
	size_t n = 0;
	int rc;

	if (o->src_len > st->obj_max || o->err != XC_OK)
		return decode(st, k, idx, o, NULL, nobj, out);
	b = malloc(o->src_len ? o->src_len : 1);
	if (!b)
		return -ENOMEM;
	while (n < o->src_len) {
		ssize_t r = pread(fd, b + n, o->src_len - n, (off_t)(o->src_off + n));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			/* shorter than its key said: changed under us */
			free(b);
			return r < 0 ? -errno : -EAGAIN;
		}
		n += (size_t)r;
	}
	rc = decode(st, k, idx, o, b, nobj, out);
	if (rc == 0)
		cfs_st_recent_put(st, rel, k, o->src_off, b, o->src_len);
	free(b);
	return rc;
}

/* Keeps ver, the version of object idx of file rel read at key k, in its
 * entry if the entry is still at k: the next stat of the object's
 * directory then needs no read (cfs_st_fields_ver). */
static void note_ver(cfs_store *st, const char *rel, const fkey *k, size_t idx, uint64_t ver)
{
	fent *fe;

	pthread_mutex_lock(&st->lock);
	fe = cfs_st_fent_find(st, rel, cfs_st_hash_str(rel));
	if (fe && fe->kind == FE_OBJ && idx < fe->nobj && cfs_st_key_eq(&fe->key, k))
		fe->objs[idx].ver = ver;
	pthread_mutex_unlock(&st->lock);
}

/* see store_inner.h */
int cfs_st_obj_get(cfs_store *st, const char *rel, const finfo *fi, size_t idx, sobj *o,
		   fkey *k)
{
	cfs_scan_obj span;
	cfs_scan sc;
	recent *r = NULL;
	uint8_t *whole = NULL;
	size_t nobj = 0, wlen = 0;
	bool have = false;
	fent *fe;
	int fd, rc;

	memset(o, 0, sizeof(*o));
	pthread_mutex_lock(&st->lock);
	fe = cfs_st_fent_find(st, rel, cfs_st_hash_str(rel));
	if (fe && fe->kind == FE_OBJ && fe->counted && idx < fe->nobj &&
	    cfs_st_key_eq(&fe->key, &fi->key)) {
		span = fe->objs[idx].span;
		nobj = fe->nobj;
		have = true;
		r = cfs_st_recent_find(st, rel, &fi->key, &span);
	}
	pthread_mutex_unlock(&st->lock);
	if (r) {
		*k = r->key;
		rc = decode(st, k, idx, &span, r->b + (span.src_off - r->off), nobj, o);
		cfs_st_recent_unref(st, r);
		return rc;
	}
	rc = cfs_st_open(st, rel, &fd, k);
	if (rc)
		return rc;
	if (have && cfs_st_key_eq(k, &fi->key)) {
		rc = read_span(st, rel, fd, k, idx, &span, nobj, o);
		close(fd);
		if (rc == 0)
			note_ver(st, rel, k, idx, o->ver);
		return rc;
	}
	/* no index of this version: index the file again */
	rc = cfs_st_load(st, fd, k, &sc, &whole, &wlen);
	if (rc == 0 && idx >= sc.n)
		rc = -ENOENT;   /* changed under us: fewer objects now */
	if (rc == 0 && whole) {
		rc = decode(st, k, idx, &sc.objs[idx], whole + sc.objs[idx].src_off, sc.n, o);
		cfs_st_recent_put(st, rel, k, 0, whole, wlen);
	} else if (rc == 0) {
		rc = read_span(st, rel, fd, k, idx, &sc.objs[idx], sc.n, o);
	}
	close(fd);
	free(whole);
	cfs_scan_free(&sc);
	return rc;
}
