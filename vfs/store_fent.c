/*
 * vfs/store_fent.c - the entries (fent): one per path of SOURCE that was
 * looked at and is there, in a hash table, each saying what the path is (a
 * directory, a file holding N objects, or a regular file holding none),
 * the stat key it was decided at, and when; the sweep dropping those of
 * gone paths; the code that reads SOURCE (probe, cfs_st_load); and the
 * revalidation tying the two together (cfs_st_validate).
 * Separate because every layer above stands on it while it knows nothing
 * of trees: of the snapshots it only hands the slots of a file that
 * changed to the cache below it (cfs_st_drop_slots, store_lru.c).
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

static fent *fent_get(cfs_store *st, const char *rel, bool *added)
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
	*added = true;
	return fe;
}

/* Forgets fe's objects, their snapshots into fl. */
static void drop_objs(cfs_store *st, fent *fe, freelist *fl)
{
	cfs_st_drop_slots(st, fe->objs, fe->nobj, fl);
	free(fe->objs);
	fe->objs = NULL;
	fe->nobj = 0;
}

/* Takes fe out of the table and frees it, its snapshots into fl. */
static void fent_drop(cfs_store *st, fent *fe, freelist *fl)
{
	fent **pp = &st->tab[fe->hash & (st->nb - 1)];

	while (*pp != fe)
		pp = &(*pp)->hnext;
	*pp = fe->hnext;
	st->n--;
	drop_objs(st, fe, fl);
	free(fe->rel);
	free(fe);
}

static void copy_info(const fent *fe, finfo *fi)
{
	fi->kind = fe->kind;
	fi->key = fe->key;
	fi->nobj = fe->nobj;
	fi->link = fe->link;
	fi->ver1 = fe->nobj == 1 ? fe->objs[0].ver : 0;
}

/* see store_inner.h */
void cfs_st_fents_free(cfs_store *st)
{
	for (size_t i = 0; i < st->nb; i++) {
		fent *fe = st->tab[i], *next;

		for (; fe; fe = next) {
			freelist fl = { .n = 0 };

			next = fe->hnext;
			drop_objs(st, fe, &fl);
			cfs_st_flush(&fl);
			free(fe->rel);
			free(fe);
		}
		st->tab[i] = NULL;
	}
	st->n = 0;
}

/* ---- reading SOURCE (no lock held) ---- */

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

/* Under allow_other, a link whose target some users cannot reach (a
 * directory on the target's own path stops them, where none of the
 * link's stops them too) shows no permission bits, so that only root
 * reads it here: the mount shows the target at rel, past rel's
 * directories only (docs/ABI.md 1.5). A target outside SOURCE is
 * compared by its whole path from "/", as an open of the link would
 * search it. path is rel's in SOURCE, *sb its stat with links followed.
 * Both probe() and cfs_st_load() apply it, so the keys they take agree. */
static void link_mode(const cfs_store *st, const char *rel, const char *path, struct stat *sb)
{
	cfs_perm o[CFS_PERM_DEPTH], e[CFS_PERM_DEPTH];
	char rp[PATH_MAX];
	struct stat lsb;
	int no, ne;

	if (!st->shared || lstat(path, &lsb) != 0 || !S_ISLNK(lsb.st_mode))
		return;
	if (!realpath(path, rp) || (st->nofollow && !inside(st, rp))) {
		sb->st_mode &= S_IFMT;
		return;
	}
	no = cfs_perms_of(st->src, rel, o, CFS_PERM_DEPTH);
	if (inside(st, rp))
		ne = cfs_perms_of(st->src, rp + st->srclen + (strcmp(st->src, "/") != 0), e,
				  CFS_PERM_DEPTH);
	else
		ne = cfs_perms_of("", rp + 1, e, CFS_PERM_DEPTH);
	if (no <= 0 || ne <= 0 || !cfs_perms_cover(o, no, e, ne))
		sb->st_mode &= S_IFMT;
}

/* What rel is in SOURCE: FE_DIR, FE_OBJ for a regular file (objects not
 * counted yet), FE_NONE; *sb its stat (links followed), *link whether
 * rel itself is a symbolic link. */
static int probe(const cfs_store *st, const char *rel, struct stat *sb, bool *link)
{
	char path[PATH_MAX], rp[PATH_MAX];

	*link = false;
	if (cfs_st_real_path(st, rel, path, sizeof(path)) || lstat(path, sb) != 0)
		return FE_NONE;
	if (S_ISLNK(sb->st_mode)) {
		*link = true;
		/* dangling (or a loop of links: ELOOP) */
		if (!realpath(path, rp) || (st->nofollow && !inside(st, rp)) ||
		    stat(path, sb) != 0)
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

/* see store_inner.h */
int cfs_st_open(cfs_store *st, const char *rel, int *fd, fkey *k)
{
	char path[PATH_MAX];
	struct stat sb;
	int rc = cfs_st_real_path(st, rel, path, sizeof(path));

	if (rc)
		return rc;
	*fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (*fd < 0)
		return -errno;
	if (fstat(*fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > FILE_MAX) {
		close(*fd);
		return -ENOENT;
	}
	link_mode(st, rel, path, &sb);
	cfs_st_key_of(&sb, k);
	return 0;
}

/* see store_inner.h */
int cfs_st_load(cfs_store *st, int fd, const fkey *k, cfs_scan *sc, uint8_t **whole,
		size_t *wlen)
{
	int rc;

	atomic_fetch_add(&st->loads, 1);
	rc = cfs_scan_fd(fd, (size_t)k->size, st->obj_max, sc, whole, wlen);
	if (rc) {
		cfs_scan_free(sc);
		free(*whole);
		*whole = NULL;
	}
	return rc;
}

/* Entries of paths gone from SOURCE (removed, renamed away) are dropped
 * when they are looked up again (cfs_st_validate), but nothing asks again
 * for most of them. So each entry added re-checks those of the next
 * SWEEP_STEP buckets of the table (a cursor going round it) and drops the
 * ones whose path no longer exists: the cursor goes round once per
 * nb / SWEEP_STEP entries added, and the table grows (nb doubles) only
 * when it holds nb entries, so entries of gone paths never outnumber the
 * live ones by more than a small factor, however many files come and go.
 * The check is an lstat, made without the lock. */
#define SWEEP_STEP 2
#define SWEEP_MAX 16    /* entries checked at once (buckets hold ~1) */

static void sweep(cfs_store *st)
{
	char *rel[SWEEP_MAX], path[PATH_MAX];
	double when[SWEEP_MAX], now = cfs_st_mono();
	freelist fl = { .n = 0 };
	struct stat sb;
	size_t k = 0;

	pthread_mutex_lock(&st->lock);
	for (unsigned b = 0; b < SWEEP_STEP; b++) {
		fent *fe = st->tab[st->sweep++ & (st->nb - 1)];

		/* SOURCE's root stays; an entry the index holds goes with the
		 * walk that finds it gone (store_walk.c) */
		for (; fe && k < SWEEP_MAX; fe = fe->hnext)
			if (*fe->rel && !fe->indexed && now - fe->checked >= CFS_REVALIDATE &&
			    (rel[k] = strdup(fe->rel)) != NULL)
				when[k++] = fe->checked;
	}
	pthread_mutex_unlock(&st->lock);
	for (size_t i = 0; i < k; i++)
		if (cfs_st_real_path(st, rel[i], path, sizeof(path)) != 0 ||
		    lstat(path, &sb) == 0 || (errno != ENOENT && errno != ENOTDIR)) {
			free(rel[i]);
			rel[i] = NULL;
		}
	pthread_mutex_lock(&st->lock);
	for (size_t i = 0; i < k; i++) {
		fent *fe = rel[i] ? cfs_st_fent_find(st, rel[i], cfs_st_hash_str(rel[i])) : NULL;

		/* unless it was validated meanwhile */
		if (fe && fe->checked == when[i] && !fe->indexed)
			fent_drop(st, fe, &fl);
	}
	pthread_mutex_unlock(&st->lock);
	cfs_st_flush(&fl);
	for (size_t i = 0; i < k; i++)
		free(rel[i]);
}

/* What reading file rel found: its objects (counted), or only that its
 * head shows it holds some (a listing); and, when it read the file
 * whole, each object's version (cfs_st_span_ver; else NULL). */
typedef struct found {
	bool counted;
	cfs_scan sc;
	uint64_t *vers;
} found;

static void found_free(found *f)
{
	cfs_scan_free(&f->sc);
	free(f->vers);
	f->vers = NULL;
}

/* Reads file rel to decide what it is: its head alone when head is set
 * and the head decides (scan.h, cfs_scan_head), else all of it. *k the
 * key of the bytes read. */
static int examine(cfs_store *st, const char *rel, bool head, found *f, fkey *k)
{
	uint8_t *whole = NULL, *b;
	size_t wlen = 0, n = 0;
	int fd, rc;

	memset(f, 0, sizeof(*f));
	rc = cfs_st_open(st, rel, &fd, k);
	if (rc)
		return rc;
	if (head && (size_t)k->size > HEAD_BYTES) {
		b = malloc(HEAD_BYTES);
		if (!b) {
			close(fd);
			return -ENOMEM;
		}
		atomic_fetch_add(&st->heads, 1);
		for (;;) {
			ssize_t r = pread(fd, b + n, HEAD_BYTES - n, (off_t)n);

			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0 || (n += (size_t)r) == HEAD_BYTES)
				break;
		}
		if (cfs_scan_head(b, n, (size_t)k->size)) {
			free(b);
			close(fd);
			return 0;       /* shown; its objects counted at its lookup */
		}
		free(b);
	}
	rc = cfs_st_load(st, fd, k, &f->sc, &whole, &wlen);
	close(fd);
	if (rc)
		return rc;
	f->counted = true;
	if (whole) {
		/* the versions cost a pass over bytes at hand, and let a
		 * listing give the objects' attributes with their names */
		f->vers = f->sc.n ? malloc(f->sc.n * sizeof(*f->vers)) : NULL;
		for (size_t i = 0; f->vers && i < f->sc.n; i++)
			f->vers[i] = cfs_st_span_ver(st->obj_max, k, i, &f->sc.objs[i],
						     whole + f->sc.objs[i].src_off);
		/* the build of its first field takes these instead of a read */
		cfs_st_recent_put(st, rel, k, 0, whole, wlen);
	}
	free(whole);
	return 0;
}

/* Brings rel's entry up to date (re-stat when older than CFS_REVALIDATE,
 * re-read when its key changed, or when its objects are wanted and only
 * its head was read) and copies it into *fi. A path that shows nothing
 * and is not a regular file (absent, a FIFO, a link leading out) gets no
 * entry: one lstat decides it again, and an entry for it would let any
 * user grow the table without bound with lookups of names that do not
 * exist. A regular file with no object keeps its entry, since deciding
 * that took a read. */
static int revalidate(cfs_store *st, const char *rel, bool head, finfo *fi)
{
	double now = cfs_st_mono();
	uint64_t h = cfs_st_hash_str(rel);
	struct stat sb;
	freelist fl = { .n = 0 };
	fkey old, k;
	bool was_reg = false, counted, examined = false, added = false;
	found f = { .counted = false };
	bool link;
	int kind;
	fent *fe;

	memset(&old, 0, sizeof(old));
	pthread_mutex_lock(&st->lock);
	fe = cfs_st_fent_find(st, rel, h);
	counted = fe && (fe->kind != FE_OBJ || fe->counted);
	if (fe && fe->kind != FE_UNSEEN && now - fe->checked < CFS_REVALIDATE && (head || counted)) {
		copy_info(fe, fi);
		pthread_mutex_unlock(&st->lock);
		return 0;
	}
	if (fe) {
		old = fe->key;
		was_reg = fe->kind != FE_UNSEEN && fe->is_reg;
	}
	pthread_mutex_unlock(&st->lock);

	kind = probe(st, rel, &sb, &link);
	cfs_st_key_of(&sb, &k);
	if (kind == FE_OBJ && !(was_reg && cfs_st_key_eq(&old, &k) && (head || counted))) {
		int rc = examine(st, rel, head, &f, &k);

		/* Out of descriptors or memory, an I/O error: the file is not
		 * known to hold nothing, so the entry stays as it was and the
		 * caller gets the error, instead of the file vanishing from
		 * its directory until the next revalidation. */
		if (rc == -EMFILE || rc == -ENFILE || rc == -ENOMEM || rc == -EIO ||
		    rc == -EAGAIN || rc == -EINTR)
			return rc;
		if (rc != 0)
			kind = FE_NONE;
		examined = true;
	}

	pthread_mutex_lock(&st->lock);
	fe = cfs_st_fent_find(st, rel, h);
	/* an entry the index holds stays until the walk forgets it */
	if (kind == FE_NONE && !(fe && fe->indexed)) {
		if (fe)
			fent_drop(st, fe, &fl);
		pthread_mutex_unlock(&st->lock);
		cfs_st_flush(&fl);
		memset(fi, 0, sizeof(*fi));
		fi->kind = FE_NONE;
		return 0;
	}
	if (!fe)
		fe = fent_get(st, rel, &added);
	if (!fe) {
		pthread_mutex_unlock(&st->lock);
		found_free(&f);
		return -ENOMEM;
	}
	fe->link = link;
	if (kind == FE_NONE) {
		drop_objs(st, fe, &fl);
		fe->kind = FE_NONE;
		fe->is_reg = false;
		memset(&fe->key, 0, sizeof(fe->key));
	} else if (kind == FE_DIR) {
		drop_objs(st, fe, &fl);
		fe->kind = FE_DIR;
		fe->is_reg = false;
		fe->key = k;
	} else if (examined) {
		/* a new version, or the count of this one: what was cached
		 * for the old one goes */
		drop_objs(st, fe, &fl);
		fe->is_reg = true;
		fe->key = k;
		fe->counted = f.counted;
		if (f.sc.n) {
			fe->objs = calloc(f.sc.n, sizeof(*fe->objs));
			if (fe->objs) {
				fe->nobj = f.sc.n;
				for (size_t i = 0; i < f.sc.n; i++) {
					fe->objs[i].span = f.sc.objs[i];
					fe->objs[i].ver = f.vers ? f.vers[i] : 0;
				}
			}
		}
		fe->kind = fe->nobj || !f.counted ? FE_OBJ : FE_NONE;
	}
	fe->checked = now;
	copy_info(fe, fi);
	pthread_mutex_unlock(&st->lock);
	found_free(&f);
	cfs_st_flush(&fl);
	if (added)
		sweep(st);
	return 0;
}

/* see store_inner.h */
int cfs_st_validate(cfs_store *st, const char *rel, finfo *fi)
{
	return revalidate(st, rel, false, fi);
}

/* How many threads a listing classifies its files with, from how many
 * files on: a cold listing waits on the disk, which serves several reads
 * at once (`xargs -P4 head` of the 100,000-file store: 11.4 s, against
 * 16.4 s one at a time). */
#define CLASSIFY_THREADS 4
#define CLASSIFY_MIN 64

typedef struct cjob {
	cfs_store *st;
	char *const *rels;
	size_t n;
	finfo *fi;
	int *rc;
	atomic_size_t next;
} cjob;

static void *classify_worker(void *arg)
{
	cjob *j = arg;
	size_t i;

	while ((i = atomic_fetch_add(&j->next, 1)) < j->n)
		j->rc[i] = j->rels[i] ? revalidate(j->st, j->rels[i], true, &j->fi[i]) : -ENOMEM;
	return NULL;
}

/* see store_inner.h */
void cfs_st_classify_many(cfs_store *st, char *const *rels, size_t n, finfo *fi, int *rc)
{
	cjob j = { .st = st, .rels = rels, .n = n, .fi = fi, .rc = rc };
	pthread_t t[CLASSIFY_THREADS - 1];
	unsigned k = 0;

	atomic_init(&j.next, 0);
	if (n >= CLASSIFY_MIN)
		for (; k < CLASSIFY_THREADS - 1; k++)
			if (pthread_create(&t[k], NULL, classify_worker, &j) != 0)
				break;  /* fewer helpers, same result */
	classify_worker(&j);
	while (k--)
		pthread_join(t[k], NULL);
}
