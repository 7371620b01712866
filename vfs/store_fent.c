/*
 * vfs/store_fent.c - the entries (fent): one per path of SOURCE that was
 * looked at, in a hash table, each saying what the path is (a directory, a
 * file holding N objects, or nothing shown), the stat key it was decided
 * at, and when; the code that reads SOURCE (probe, cfs_st_load); and the
 * revalidation tying the two together (cfs_st_validate).
 * Separate because every other layer stands on it while it knows nothing
 * of trees: of the snapshots it only drops those of a file that changed
 * (cfs_st_drop_objs, store_snap.c).
 */
#include "store_inner.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "access.h"

#define FILE_MAX ((off_t)256 << 20)     /* larger files are not read (not shown) */

/* see store_inner.h */
double cfs_st_mono(void)
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

/* ---- entries (callers hold st->lock) ---- */

/* see store_inner.h */
fent *cfs_st_fent_find(cfs_store *st, const char *rel, uint64_t h)
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
	uint64_t h = cfs_st_hash_str(rel);
	fent *fe = cfs_st_fent_find(st, rel, h);

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
int cfs_st_real_path(const cfs_store *st, const char *rel, char *buf, size_t cap)
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

/* Under allow_other, a link whose target some users cannot reach in
 * SOURCE (a directory on the target's own path stops them, where none of
 * the link's stops them too) shows no permission bits, so that only root
 * reads it here: the mount shows the target at rel, past rel's
 * directories only (docs/ABI.md 1.5). path is rel's in SOURCE, *sb its
 * stat with links followed. Both probe() and cfs_st_load() apply it, so
 * the keys they take agree. */
static void link_mode(const cfs_store *st, const char *rel, const char *path, struct stat *sb)
{
	cfs_perm o[CFS_PERM_DEPTH], e[CFS_PERM_DEPTH];
	char rp[PATH_MAX];
	struct stat lsb;
	int no, ne;

	if (!st->shared || lstat(path, &lsb) != 0 || !S_ISLNK(lsb.st_mode))
		return;
	if (!realpath(path, rp) || !inside(st, rp)) {
		sb->st_mode &= S_IFMT;
		return;
	}
	no = cfs_perms_of(st->src, rel, o, CFS_PERM_DEPTH);
	ne = cfs_perms_of(st->src, rp + st->srclen + (strcmp(st->src, "/") != 0), e,
			  CFS_PERM_DEPTH);
	if (no <= 0 || ne <= 0 || !cfs_perms_cover(o, no, e, ne))
		sb->st_mode &= S_IFMT;
}

/* What rel is in SOURCE: FE_DIR, FE_OBJ for a regular file (objects not
 * counted yet), FE_NONE; *sb its stat (links followed). */
static int probe(const cfs_store *st, const char *rel, struct stat *sb)
{
	char path[PATH_MAX], rp[PATH_MAX];

	if (cfs_st_real_path(st, rel, path, sizeof(path)) || lstat(path, sb) != 0)
		return FE_NONE;
	if (S_ISLNK(sb->st_mode)) {
		if (!realpath(path, rp) || !inside(st, rp) || stat(path, sb) != 0)
			return FE_NONE;
		if (S_ISDIR(sb->st_mode) && loops(st, rel, rp))
			return FE_NONE;
		link_mode(st, rel, path, sb);
	}
	if (S_ISDIR(sb->st_mode))
		return FE_DIR;
	if (S_ISREG(sb->st_mode))
		return FE_OBJ;
	return FE_NONE;
}

/* Reads the whole file rel (links followed) and scans it; *k is the key
 * of the bytes read (fstat of the same descriptor). */
int cfs_st_load(cfs_store *st, const char *rel, cfs_scan *sc, fkey *k)
{
	char path[PATH_MAX];
	struct stat sb;
	uint8_t *buf;
	size_t len = 0, cap;
	int fd, rc;

	memset(sc, 0, sizeof(*sc));
	atomic_fetch_add(&st->loads, 1);
	rc = cfs_st_real_path(st, rel, path, sizeof(path));
	if (rc)
		return rc;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > FILE_MAX) {
		close(fd);
		return -ENOENT;
	}
	link_mode(st, rel, path, &sb);
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

/* Brings rel's entry up to date (re-stat when older than CFS_REVALIDATE,
 * re-scan when its key changed) and copies it into *fi. */
int cfs_st_validate(cfs_store *st, const char *rel, finfo *fi)
{
	double now = cfs_st_mono();
	struct stat sb;
	freelist fl = { .n = 0 };
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
	if (kind == FE_OBJ && !(was_reg && cfs_st_key_eq(&old, &k))) {
		/* Through the shared scan cache: the object's first field is
		 * built from this scan next, not from a second read. */
		scanref *r;
		int rc = cfs_st_scan_get(st, rel, NULL, &r, &k);

		/* Out of descriptors or memory, an I/O error: the file is not
		 * known to hold nothing, so the entry stays as it was and the
		 * caller gets the error, instead of the file vanishing from
		 * its directory until the next revalidation. */
		if (rc == -EMFILE || rc == -ENFILE || rc == -ENOMEM || rc == -EIO ||
		    rc == -EAGAIN || rc == -EINTR)
			return rc;
		if (rc != 0) {
			kind = FE_NONE;
		} else {
			nobj = r->sc.n;
			cfs_st_scan_unref(st, r);
		}
		scanned = true;
	}

	pthread_mutex_lock(&st->lock);
	fe = fent_get(st, rel);
	if (!fe) {
		pthread_mutex_unlock(&st->lock);
		return -ENOMEM;
	}
	if (kind == FE_NONE) {
		cfs_st_drop_objs(st, fe, &fl);
		fe->kind = FE_NONE;
		fe->is_reg = false;
		memset(&fe->key, 0, sizeof(fe->key));
	} else if (kind == FE_DIR) {
		cfs_st_drop_objs(st, fe, &fl);
		fe->kind = FE_DIR;
		fe->is_reg = false;
		fe->key = k;
	} else if (scanned) {
		/* a new version: what was cached for the old one goes */
		cfs_st_drop_objs(st, fe, &fl);
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
	cfs_st_flush(&fl);
	return 0;
}
