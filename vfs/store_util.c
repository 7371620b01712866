/*
 * vfs/store_util.c - the store's leaf: the helpers every layer above uses
 * and that call nothing of the store (store_inner.h): the monotonic clock,
 * file keys and their equality, hashing and the versions made of it, path
 * joins, directory listing, and object paths ("rel" or "rel/idx").
 * Separate so that the layers above call each other in one direction only
 * (store.c lists them): what all of them need sits here, below them all.
 */
#include "store_inner.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* see store_inner.h */
double cfs_st_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* see store_inner.h */
void cfs_st_key_of(const struct stat *sb, fkey *k)
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

/* see store_inner.h */
bool cfs_st_key_eq(const fkey *a, const fkey *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtim.tv_sec == b->mtim.tv_sec && a->mtim.tv_nsec == b->mtim.tv_nsec &&
	       a->ctim.tv_sec == b->ctim.tv_sec && a->ctim.tv_nsec == b->ctim.tv_nsec &&
	       a->mode == b->mode && a->uid == b->uid && a->gid == b->gid;
}

/* see store_inner.h */
uint64_t cfs_st_hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s) {
		h ^= (uint8_t)*s++;
		h *= 1099511628211ull;
	}
	return h;
}

/* see store_inner.h */
uint64_t cfs_st_mix(uint64_t h, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8) {
		h ^= v & 0xff;
		h *= 1099511628211ull;
	}
	return h;
}

/* see store_inner.h
 *
 * The same file version, object and (for verify/) index generation and
 * span of time (its end, until: the spans a clock going forward meets
 * each end differently) always build the same bytes, so a tree rebuilt
 * after eviction keeps its version, and anything else changes it. Never
 * 0, the version of what has none (SOURCE's directories). */
uint64_t cfs_st_ver_of(const fkey *k, size_t idx, bool verify, uint64_t gen, int64_t until)
{
	uint64_t h = 1469598103934665603ull;

	h = cfs_st_mix(h, (uint64_t)k->dev);
	h = cfs_st_mix(h, (uint64_t)k->ino);
	h = cfs_st_mix(h, (uint64_t)k->size);
	h = cfs_st_mix(h, (uint64_t)k->mtim.tv_sec);
	h = cfs_st_mix(h, (uint64_t)k->mtim.tv_nsec);
	h = cfs_st_mix(h, (uint64_t)k->ctim.tv_sec);
	h = cfs_st_mix(h, (uint64_t)k->ctim.tv_nsec);
	h = cfs_st_mix(h, (uint64_t)k->mode);
	h = cfs_st_mix(h, (uint64_t)k->uid);
	h = cfs_st_mix(h, (uint64_t)k->gid);
	h = cfs_st_mix(h, (uint64_t)idx);
	if (verify) {
		h = cfs_st_mix(h, gen);
		h = cfs_st_mix(h, (uint64_t)until);
	}
	return h ? h : 1;
}

/* see store_inner.h
 *
 * The object's bytes go in too: a file rewritten in place to the same
 * size within one tick of the filesystem's clock keeps its key, and the
 * kernel keeps a version's pages, so they must be the same bytes. */
uint64_t cfs_st_span_ver(size_t obj_max, const fkey *k, size_t idx, const cfs_scan_obj *o,
			 const uint8_t *b)
{
	uint64_t h = cfs_st_ver_of(k, idx, false, 0, 0);

	if (o->src_len > obj_max || o->err != XC_OK) {
		/* all its tree shows (store_snap.c, build_fields) */
		h = cfs_st_mix(h, (uint64_t)o->src_len);
		h = cfs_st_mix(h, (uint64_t)o->err);
		h = cfs_st_mix(h, (uint64_t)o->err_off);
	} else {
		for (size_t i = 0; i < o->src_len; i++) {
			h ^= b[i];
			h *= 1099511628211ull;
		}
	}
	return h ? h : 1;
}

/* ---- paths ---- */

/* see store_inner.h */
int cfs_st_real_path(const cfs_store *st, const char *rel, char *buf, size_t cap)
{
	int n = snprintf(buf, cap, "%s%s%s", st->src, *rel ? "/" : "", rel);

	return n < 0 || (size_t)n >= cap ? -ENAMETOOLONG : 0;
}

/* see store_inner.h */
char *cfs_st_join(const char *rel, const char *name)
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

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* see store_inner.h
 *
 * Sorted: the index records objects in a stable order (the first of two
 * objects with one DER is the one /.by-sha256 shows). */
char **cfs_st_list_dir(const cfs_store *st, const char *rel, size_t *n)
{
	char path[PATH_MAX];
	char **v = NULL;
	size_t cap = 0;
	struct dirent *de;
	DIR *d;

	*n = 0;
	if (cfs_st_real_path(st, rel, path, sizeof(path)))
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

/* see store_inner.h */
void cfs_st_free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- object paths ---- */

/* see store_inner.h */
void cfs_st_objpath_of(const char *rel, size_t nobj, size_t idx, char *buf, size_t cap)
{
	if (nobj > 1)
		snprintf(buf, cap, "%s%s%zu", rel, *rel ? "/" : "", idx);
	else
		snprintf(buf, cap, "%s", rel);
}

/* see store_inner.h */
int cfs_st_obj_index(const char *s, size_t n, size_t nobj, size_t *idx)
{
	char num[32], *end;
	unsigned long v;

	if (n == 0 || n >= sizeof(num) || (s[0] == '0' && n > 1) || s[0] < '0' || s[0] > '9')
		return -ENOENT;
	memcpy(num, s, n);
	num[n] = '\0';
	v = strtoul(num, &end, 10);
	if (*end || v >= nobj)
		return -ENOENT;
	*idx = v;
	return 0;
}
