/*
 * vfs/inode.c - the FUSE inodes of a mount (inode.h).
 *
 * Two chained hash tables over the same nodes: by number (every request
 * names one) and by (path, version, type) (every lookup). Both grow by
 * doubling at load 1. One mutex: each operation is a few pointer steps.
 */
#include "inode.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct node node;
struct node {
	node *by_ino, *by_key;  /* hash chains */
	uint64_t ino, nlookup, ver, khash;
	mode_t type;            /* S_IFMT bits */
	unsigned tag;
	void *pin;
	struct stat attr;       /* the last attributes given for it */
	char path[];
};

struct cfs_itab {
	pthread_mutex_t lock;
	node **ino_tab, **key_tab;
	size_t nb, n;
	uint64_t next;
};

static uint64_t hash_key(const char *path, uint64_t ver, mode_t type)
{
	uint64_t h = 1469598103934665603ull;

	while (*path) {
		h ^= (uint8_t)*path++;
		h *= 1099511628211ull;
	}
	h ^= ver;
	h *= 1099511628211ull;
	h ^= (uint64_t)type;
	h *= 1099511628211ull;
	return h ^ (h >> 29);
}

static size_t ino_slot(const cfs_itab *t, uint64_t ino)
{
	return (size_t)((ino * 0x9e3779b97f4a7c15ull) >> 20) & (t->nb - 1);
}

static void link_node(cfs_itab *t, node *n)
{
	size_t i = ino_slot(t, n->ino), k = (size_t)n->khash & (t->nb - 1);

	n->by_ino = t->ino_tab[i];
	t->ino_tab[i] = n;
	n->by_key = t->key_tab[k];
	t->key_tab[k] = n;
}

/* Doubles both tables; on failure they stay as they are (longer chains). */
static void grow(cfs_itab *t)
{
	size_t old = t->nb;
	node **it = calloc(old * 2, sizeof(*it)), **kt = calloc(old * 2, sizeof(*kt));
	node **oi = t->ino_tab, **ok = t->key_tab;

	if (!it || !kt) {
		free(it);
		free(kt);
		return;
	}
	t->ino_tab = it;
	t->key_tab = kt;
	t->nb = old * 2;
	/* every node is on exactly one chain of the number table */
	for (size_t i = 0; i < old; i++) {
		node *n = oi[i], *next;

		for (; n; n = next) {
			next = n->by_ino;
			link_node(t, n);
		}
	}
	free(oi);
	free(ok);
}

static node *node_new(const char *path, uint64_t ino, uint64_t ver, mode_t type)
{
	size_t len = strlen(path);
	node *n = calloc(1, sizeof(*n) + len + 1);

	if (!n)
		return NULL;
	memcpy(n->path, path, len + 1);
	n->ino = ino;
	n->ver = ver;
	n->type = type;
	n->khash = hash_key(path, ver, type);
	return n;
}

static void node_free(node *n)
{
	if (n)
		free(n->pin);
	free(n);
}

/* see inode.h */
cfs_itab *cfs_itab_new(void)
{
	cfs_itab *t = calloc(1, sizeof(*t));
	node *root;

	if (!t)
		return NULL;
	t->nb = 1024;
	t->ino_tab = calloc(t->nb, sizeof(node *));
	t->key_tab = calloc(t->nb, sizeof(node *));
	root = node_new("/", CFS_ROOT_INO, 0, S_IFDIR);
	if (!t->ino_tab || !t->key_tab || !root) {
		free(root);
		free(t->ino_tab);
		free(t->key_tab);
		free(t);
		return NULL;
	}
	root->nlookup = 1;      /* never forgotten */
	/* what getattr says if "/" cannot be resolved before it ever was:
	 * a directory still (a root of another type is a bad inode for good) */
	root->attr.st_ino = CFS_ROOT_INO;
	root->attr.st_mode = S_IFDIR | 0555;
	root->attr.st_nlink = 2;
	pthread_mutex_init(&t->lock, NULL);
	link_node(t, root);
	t->n = 1;
	t->next = CFS_ROOT_INO + 1;
	return t;
}

/* see inode.h */
void cfs_itab_free(cfs_itab *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nb; i++) {
		node *n = t->ino_tab[i], *next;

		for (; n; n = next) {
			next = n->by_ino;
			node_free(n);
		}
	}
	free(t->ino_tab);
	free(t->key_tab);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

static node *find_ino(const cfs_itab *t, uint64_t ino)
{
	node *n = t->ino_tab[ino_slot(t, ino)];

	while (n && n->ino != ino)
		n = n->by_ino;
	return n;
}

static node *find_key(const cfs_itab *t, const char *path, uint64_t ver, mode_t type,
		      uint64_t h)
{
	node *n;

	if (strcmp(path, "/") == 0)
		return find_ino(t, CFS_ROOT_INO);
	for (n = t->key_tab[(size_t)h & (t->nb - 1)]; n; n = n->by_key)
		if (n->khash == h && n->ver == ver && n->type == type && strcmp(n->path, path) == 0)
			break;
	return n;
}

/* see inode.h */
uint64_t cfs_itab_find(cfs_itab *t, const char *path, uint64_t ver, mode_t type)
{
	uint64_t ino = 0;
	node *n;

	pthread_mutex_lock(&t->lock);
	n = find_key(t, path, ver, type & S_IFMT, hash_key(path, ver, type & S_IFMT));
	if (n)
		ino = n->ino;
	pthread_mutex_unlock(&t->lock);
	return ino;
}

/* see inode.h */
void cfs_itab_tag_root(cfs_itab *t, unsigned tag)
{
	pthread_mutex_lock(&t->lock);
	find_ino(t, CFS_ROOT_INO)->tag = tag;
	pthread_mutex_unlock(&t->lock);
}

/* see inode.h */
int cfs_itab_each(cfs_itab *t, void (*fn)(void *ctx, uint64_t ino, const char *path,
					   unsigned tag), void *ctx)
{
	node **copy;
	size_t k = 0;

	pthread_mutex_lock(&t->lock);
	copy = calloc(t->n ? t->n : 1, sizeof(*copy));
	for (size_t i = 0; copy && i < t->nb; i++)
		for (node *n = t->ino_tab[i]; n; n = n->by_ino) {
			node *c = node_new(n->path, n->ino, n->ver, n->type);

			if (!c)
				continue;
			c->tag = n->tag;
			copy[k++] = c;
		}
	pthread_mutex_unlock(&t->lock);
	if (!copy)
		return -ENOMEM;
	for (size_t i = 0; i < k; i++) {
		fn(ctx, copy[i]->ino, copy[i]->path, copy[i]->tag);
		free(copy[i]);
	}
	free(copy);
	return 0;
}

/* see inode.h */
uint64_t cfs_itab_lookup(cfs_itab *t, const char *path, const struct stat *sb,
			 unsigned tag, struct stat *out)
{
	uint64_t ver = (uint64_t)sb->st_ino;
	mode_t type = sb->st_mode & S_IFMT;
	uint64_t h = hash_key(path, ver, type), ino;
	node *n;

	pthread_mutex_lock(&t->lock);
	n = find_key(t, path, ver, type, h);
	if (!n) {
		n = node_new(path, t->next, ver, type);
		if (!n) {
			pthread_mutex_unlock(&t->lock);
			return 0;
		}
		t->next++;
		if (t->n >= t->nb)
			grow(t);
		link_node(t, n);
		t->n++;
	}
	n->nlookup++;
	if (n->ino != CFS_ROOT_INO)
		n->tag = tag;
	n->attr = *sb;
	n->attr.st_ino = (ino_t)n->ino;
	*out = n->attr;
	ino = n->ino;
	pthread_mutex_unlock(&t->lock);
	return ino;
}

static void unlink_node(cfs_itab *t, node *n)
{
	node **p = &t->ino_tab[ino_slot(t, n->ino)];

	while (*p != n)
		p = &(*p)->by_ino;
	*p = n->by_ino;
	p = &t->key_tab[(size_t)n->khash & (t->nb - 1)];
	while (*p != n)
		p = &(*p)->by_key;
	*p = n->by_key;
	t->n--;
}

/* see inode.h */
void cfs_itab_forget(cfs_itab *t, uint64_t ino, uint64_t count)
{
	node *n;

	if (ino == CFS_ROOT_INO)
		return;
	pthread_mutex_lock(&t->lock);
	n = find_ino(t, ino);
	if (n) {
		n->nlookup = count < n->nlookup ? n->nlookup - count : 0;
		if (n->nlookup == 0)
			unlink_node(t, n);
		else
			n = NULL;
	}
	pthread_mutex_unlock(&t->lock);
	node_free(n);
}

/* see inode.h */
int cfs_itab_get(cfs_itab *t, uint64_t ino, char *path, size_t cap, uint64_t *ver,
		 struct stat *attr, unsigned *tag)
{
	int rc = -ENOENT;
	node *n;

	pthread_mutex_lock(&t->lock);
	n = find_ino(t, ino);
	if (n) {
		size_t len = strlen(n->path);

		rc = -ENAMETOOLONG;
		if (len < cap) {
			memcpy(path, n->path, len + 1);
			*ver = n->ver;
			*attr = n->attr;
			if (tag)
				*tag = n->tag;
			rc = 0;
		}
	}
	pthread_mutex_unlock(&t->lock);
	return rc;
}

/* see inode.h */
int cfs_itab_refresh(cfs_itab *t, uint64_t ino, const struct stat *sb)
{
	int same = 0;
	node *n;

	pthread_mutex_lock(&t->lock);
	n = find_ino(t, ino);
	if (n && ino == CFS_ROOT_INO && S_ISDIR(sb->st_mode))
		n->ver = (uint64_t)sb->st_ino;  /* the root follows "/" */
	if (n && n->ver == (uint64_t)sb->st_ino && n->type == (sb->st_mode & S_IFMT)) {
		n->attr = *sb;
		n->attr.st_ino = (ino_t)ino;
		same = 1;
	}
	pthread_mutex_unlock(&t->lock);
	return same;
}

/* see inode.h */
int cfs_itab_pin(cfs_itab *t, uint64_t ino, void *pin)
{
	int kept = 0;
	node *n;

	pthread_mutex_lock(&t->lock);
	n = find_ino(t, ino);
	if (n && !n->pin) {
		n->pin = pin;
		kept = 1;
	}
	pthread_mutex_unlock(&t->lock);
	return kept;
}

/* see inode.h */
int cfs_itab_use_pin(cfs_itab *t, uint64_t ino, int (*fn)(void *ctx, void *pin), void *ctx)
{
	int rc = -ENOENT;
	node *n;

	pthread_mutex_lock(&t->lock);
	n = find_ino(t, ino);
	if (n && n->pin)
		rc = fn(ctx, n->pin);
	pthread_mutex_unlock(&t->lock);
	return rc;
}

/* see inode.h */
size_t cfs_itab_count(cfs_itab *t)
{
	size_t n;

	pthread_mutex_lock(&t->lock);
	n = t->n;
	pthread_mutex_unlock(&t->lock);
	return n;
}
