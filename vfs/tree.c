/*
 * vfs/tree.c - the in-memory field tree (see tree.h).
 *
 * Nodes and their bytes are separate heap blocks, each recorded in the
 * tree's list so cfs_tree_free() releases them in one pass; list files
 * (cfs_line) grow their data in place. A tree is built by one thread and
 * read-only afterwards, so it needs no lock.
 */
#include "tree.h"

#include <xc/int.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cfs_tree {
	cfs_node *root;
	cfs_node **all;         /* every node, for freeing */
	size_t nall, capall;
	size_t bytes;
	bool ok;
};

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 8;
	void *q;

	if (need <= *cap)
		return true;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * elem);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}

static cfs_node *new_node(cfs_tree *t, const char *name, cfs_kind kind)
{
	cfs_node *n;

	if (!t->ok || !grow((void **)&t->all, &t->capall, t->nall + 1, sizeof(*t->all)))
		goto fail;
	n = calloc(1, sizeof(*n));
	if (!n)
		goto fail;
	n->name = strdup(name);
	if (!n->name) {
		free(n);
		goto fail;
	}
	n->kind = kind;
	n->sorted = true;
	t->all[t->nall++] = n;
	t->bytes += sizeof(*n) + strlen(name) + 1;
	return n;
fail:
	t->ok = false;
	return NULL;
}

cfs_tree *cfs_tree_new(void)
{
	cfs_tree *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->ok = true;
	t->root = new_node(t, "", CFS_DIR);
	if (!t->root) {
		cfs_tree_free(t);
		return NULL;
	}
	return t;
}

void cfs_tree_free(cfs_tree *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nall; i++) {
		free(t->all[i]->name);
		free(t->all[i]->data);
		free(t->all[i]->kids);
		free(t->all[i]);
	}
	free(t->all);
	free(t);
}

cfs_node *cfs_tree_root(cfs_tree *t)
{
	return t->root;
}

bool cfs_tree_ok(const cfs_tree *t)
{
	return t->ok;
}

void cfs_tree_fail(cfs_tree *t)
{
	t->ok = false;
}

size_t cfs_tree_bytes(const cfs_tree *t)
{
	return sizeof(*t) + t->capall * sizeof(*t->all) + t->bytes;
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(cfs_node *const *)a)->name, (*(cfs_node *const *)b)->name);
}

void cfs_tree_seal(cfs_tree *t)
{
	for (size_t i = 0; i < t->nall; i++) {
		cfs_node *n = t->all[i];

		if (n->kind == CFS_DIR && !n->sorted) {
			qsort(n->kids, n->nkids, sizeof(*n->kids), by_name);
			n->sorted = true;
		}
	}
}

cfs_node *cfs_lookup(const cfs_node *dir, const char *name)
{
	if (!dir || dir->kind != CFS_DIR)
		return NULL;
	if (dir->sorted) {
		size_t lo = 0, hi = dir->nkids;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(name, dir->kids[mid]->name);

			if (c == 0)
				return dir->kids[mid];
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		return NULL;
	}
	for (size_t i = 0; i < dir->nkids; i++)
		if (strcmp(dir->kids[i]->name, name) == 0)
			return dir->kids[i];
	return NULL;
}

cfs_node *cfs_walk(cfs_node *root, const char *path)
{
	cfs_node *n = root;
	char part[256];

	while (n && *path) {
		const char *slash = strchr(path, '/');
		size_t len = slash ? (size_t)(slash - path) : strlen(path);

		if (n->kind != CFS_DIR || len >= sizeof(part))
			return NULL;
		if (len) {
			memcpy(part, path, len);
			part[len] = '\0';
			n = cfs_lookup(n, part);
		}
		path += len + (slash ? 1 : 0);
	}
	return n;
}

/* Adds a child; a name used twice is a builder bug, and a tree with two
 * files of one name would give a directory listing FUSE cannot serve. */
static cfs_node *add(cfs_tree *t, cfs_node *parent, const char *name, cfs_kind kind)
{
	cfs_node *n;

	if (!t->ok || !parent || parent->kind != CFS_DIR || cfs_lookup(parent, name)) {
		t->ok = false;
		return NULL;
	}
	if (!grow((void **)&parent->kids, &parent->kcap, parent->nkids + 1,
		  sizeof(*parent->kids))) {
		t->ok = false;
		return NULL;
	}
	n = new_node(t, name, kind);
	if (!n)
		return NULL;
	if (parent->nkids && strcmp(parent->kids[parent->nkids - 1]->name, name) > 0)
		parent->sorted = false;
	parent->kids[parent->nkids++] = n;
	return n;
}

cfs_node *cfs_dir(cfs_tree *t, cfs_node *parent, const char *name)
{
	cfs_node *n = cfs_lookup(parent, name);

	if (n && n->kind == CFS_DIR)
		return n;
	return add(t, parent, name, CFS_DIR);
}

/* Room for `need` bytes of data, counted in the tree's size. */
static bool reserve(cfs_tree *t, cfs_node *n, size_t need)
{
	size_t cap = n->cap;

	if (!grow((void **)&n->data, &n->cap, need, 1)) {
		t->ok = false;
		return false;
	}
	t->bytes += n->cap - cap;
	return true;
}

static bool put(cfs_tree *t, cfs_node *n, const void *data, size_t len)
{
	/* +1: a NUL after the bytes, so a link target is a C string. */
	if (!reserve(t, n, n->len + len + 1))
		return false;
	if (len)
		memcpy(n->data + n->len, data, len);
	n->len += len;
	n->data[n->len] = '\0';
	return true;
}

cfs_node *cfs_file(cfs_tree *t, cfs_node *parent, const char *name,
		   const void *data, size_t len)
{
	cfs_node *n = add(t, parent, name, CFS_FILE);

	if (n && !put(t, n, data, len))
		return NULL;
	return n;
}

static bool vput(cfs_tree *t, cfs_node *n, const char *fmt, va_list ap)
{
	char small[256];
	va_list ap2;
	int len;

	va_copy(ap2, ap);
	len = vsnprintf(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (len < 0) {
		t->ok = false;
		return false;
	}
	if ((size_t)len < sizeof(small))
		return put(t, n, small, (size_t)len) && put(t, n, "\n", 1);
	if (!reserve(t, n, n->len + (size_t)len + 2))
		return false;
	vsnprintf((char *)n->data + n->len, (size_t)len + 1, fmt, ap);
	n->len += (size_t)len;
	return put(t, n, "\n", 1);
}

cfs_node *cfs_vprintf(cfs_tree *t, cfs_node *parent, const char *name,
		      const char *fmt, va_list ap)
{
	cfs_node *n = add(t, parent, name, CFS_FILE);

	if (n && !vput(t, n, fmt, ap))
		return NULL;
	return n;
}

cfs_node *cfs_printf(cfs_tree *t, cfs_node *parent, const char *name,
		     const char *fmt, ...)
{
	va_list ap;
	cfs_node *n;

	va_start(ap, fmt);
	n = cfs_vprintf(t, parent, name, fmt, ap);
	va_end(ap);
	return n;
}

cfs_node *cfs_line(cfs_tree *t, cfs_node *parent, const char *name,
		   const char *fmt, ...)
{
	cfs_node *n = cfs_lookup(parent, name);
	va_list ap;

	if (n && n->kind != CFS_FILE) {
		t->ok = false;
		return NULL;
	}
	if (!n)
		n = add(t, parent, name, CFS_FILE);
	if (!n)
		return NULL;
	va_start(ap, fmt);
	if (!vput(t, n, fmt, ap))
		n = NULL;
	va_end(ap);
	return n;
}

cfs_node *cfs_hex(cfs_tree *t, cfs_node *parent, const char *name, xc_slice bytes)
{
	cfs_node *n = add(t, parent, name, CFS_FILE);

	if (!n || !reserve(t, n, 2 * bytes.len + 2))
		return NULL;
	(void)xc_hex(bytes, (char *)n->data, 2 * bytes.len + 1);
	n->len = 2 * bytes.len;
	n->data[n->len++] = '\n';
	n->data[n->len] = '\0';
	return n;
}

cfs_node *cfs_link(cfs_tree *t, cfs_node *parent, const char *name,
		   const char *target)
{
	cfs_node *n = add(t, parent, name, CFS_LINK);

	if (n && !put(t, n, target, strlen(target)))
		return NULL;
	return n;
}
