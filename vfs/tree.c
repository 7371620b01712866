/*
 * vfs/tree.c - the in-memory field tree (see tree.h).
 *
 * Every node, name and byte of a tree lives in the tree's own arena: a
 * list of chunks filled front to back and freed together by
 * cfs_tree_free(). A tree is built once, read-only afterwards and freed
 * whole, so per-block malloc() bought nothing, and four heap blocks per
 * node were a quarter of the daemon's time in a cold `cat` of every
 * subject of a store (docs/performance.md). glibc's obstack
 * grows one object at a time, and a tree grows its directories' child
 * arrays and its list files interleaved, so the arena is written here.
 * A block that grows (a child array, a list file) moves to a bigger one
 * unless it is the arena's last allocation, where it grows in place; a
 * moved block's old space stays unused until the tree is freed (at most
 * the block's final size again, from the doubling).
 * A tree is built by one thread and read-only afterwards, so it needs no
 * lock.
 */
#include "tree.h"

#include <xc/int.h>

#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_FIRST 4096        /* in the tree's own block; then 8, 16, 32, 64 KiB */
#define CHUNK_MAX   65536       /* larger requests get a chunk of their own */

typedef struct chunk chunk;

struct chunk {
	chunk *next;
	size_t cap, used;
	alignas(max_align_t) unsigned char mem[];
};

struct cfs_tree {
	cfs_node *root;
	chunk *head;            /* the chunk being filled; older ones follow */
	size_t bytes;           /* sum of the chunks' sizes */
	size_t next_cap;
	void *last;             /* the head chunk's last block, which may grow in place */
	bool ok;
};

#define ALIGN sizeof(void *)

static size_t round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(ALIGN - 1);
}

static chunk *new_chunk(cfs_tree *t, size_t need)
{
	bool own = need > t->next_cap;
	size_t cap = own ? need : t->next_cap;
	chunk *c;

	if (cap > SIZE_MAX - sizeof(chunk))
		return NULL;
	c = malloc(sizeof(chunk) + cap);
	if (!c)
		return NULL;
	c->cap = cap;
	c->used = 0;
	t->bytes += sizeof(chunk) + cap;
	if (own && t->head) {
		/* A big block's chunk goes behind the head, whose free
		 * space stays in use. */
		c->next = t->head->next;
		t->head->next = c;
	} else {
		if (t->next_cap < CHUNK_MAX)
			t->next_cap *= 2;
		c->next = t->head;
		t->head = c;
	}
	return c;
}

static void *alloc(cfs_tree *t, size_t n)
{
	chunk *c = t->head;
	void *p;

	if (!t->ok || n > SIZE_MAX - ALIGN) {
		t->ok = false;
		return NULL;
	}
	n = round_up(n ? n : 1);
	if (!c || c->cap - c->used < n) {
		c = new_chunk(t, n);
		if (!c) {
			t->ok = false;
			return NULL;
		}
	}
	p = c->mem + c->used;
	c->used += n;
	/* only the head's last block can grow in place (regrow) */
	t->last = c == t->head ? p : NULL;
	return p;
}

/* Grows the block *p from old to n bytes (n > old): in place when it is
 * the head chunk's last block and there is room, else by a copy. */
static bool regrow(cfs_tree *t, void **p, size_t old, size_t n)
{
	chunk *c = t->head;
	void *q;

	if (!t->ok)
		return false;
	if (*p && *p == t->last) {
		size_t at = (size_t)((unsigned char *)*p - c->mem);

		if (round_up(n) <= c->cap - at) {
			c->used = at + round_up(n);
			return true;
		}
	}
	q = alloc(t, n);
	if (!q)
		return false;
	if (old)
		memcpy(q, *p, old);
	*p = q;
	return true;
}

/* Room for need elements in the block *p of *cap: exactly need when the
 * block is not expected to grow again (exact), else the next power of two
 * (list files and child arrays, which grow an item at a time). */
static bool grow(cfs_tree *t, void **p, size_t *cap, size_t need, size_t elem, bool exact)
{
	size_t n = *cap ? *cap : 4;

	if (need <= *cap)
		return true;
	if (exact) {
		n = need;
	} else {
		while (n < need && n <= SIZE_MAX / 2)
			n *= 2;
	}
	if (n < need || n > (SIZE_MAX - ALIGN) / elem ||
	    !regrow(t, p, *cap * elem, n * elem)) {
		t->ok = false;
		return false;
	}
	*cap = n;
	return true;
}

static cfs_node *new_node(cfs_tree *t, const char *name, cfs_kind kind)
{
	size_t len = strlen(name) + 1;
	cfs_node *n = alloc(t, sizeof(*n) + len);

	if (!n)
		return NULL;
	memset(n, 0, sizeof(*n));
	n->name = (char *)(n + 1);
	memcpy(n->name, name, len);
	n->kind = kind;
	n->sorted = true;
	return n;
}

/* The first chunk shares the tree's heap block, after the tree. */
#define FIRST_AT ((sizeof(cfs_tree) + alignof(chunk) - 1) & ~(alignof(chunk) - 1))

static chunk *first_chunk(cfs_tree *t)
{
	return (chunk *)(void *)((unsigned char *)t + FIRST_AT);
}

cfs_tree *cfs_tree_new(void)
{
	cfs_tree *t = malloc(FIRST_AT + sizeof(chunk) + CHUNK_FIRST);
	chunk *c;

	if (!t)
		return NULL;
	c = first_chunk(t);
	c->next = NULL;
	c->cap = CHUNK_FIRST;
	c->used = 0;
	*t = (cfs_tree){ .ok = true, .head = c, .next_cap = 2 * CHUNK_FIRST,
			 .bytes = FIRST_AT + sizeof(chunk) + CHUNK_FIRST };
	t->root = new_node(t, "", CFS_DIR);
	if (!t->root) {
		free(t);
		return NULL;
	}
	return t;
}

void cfs_tree_free(cfs_tree *t)
{
	chunk *c, *next;

	if (!t)
		return;
	for (c = t->head; c; c = next) {
		next = c->next;
		if (c != first_chunk(t))
			free(c);
	}
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
	return t->bytes;
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(cfs_node *const *)a)->name, (*(cfs_node *const *)b)->name);
}

/* Sorts n's children, and below; a name used twice, now side by side,
 * fails the tree (add() leaves that check to here: a scan of the
 * directory for each child was a tenth of a cold object's build). */
static void seal(cfs_tree *t, cfs_node *n)
{
	if (!n->sorted) {
		qsort(n->kids, n->nkids, sizeof(*n->kids), by_name);
		n->sorted = true;
	}
	for (size_t i = 0; i < n->nkids; i++) {
		if (i && strcmp(n->kids[i - 1]->name, n->kids[i]->name) == 0)
			t->ok = false;
		if (n->kids[i]->kind == CFS_DIR)
			seal(t, n->kids[i]);    /* depth: a handful of levels */
	}
}

void cfs_tree_seal(cfs_tree *t)
{
	if (t->ok)
		seal(t, t->root);
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

/* Adds a child. A name used twice is a builder bug, and a tree with two
 * files of one name would give a directory listing FUSE cannot serve:
 * cfs_tree_seal() finds it and fails the tree. */
static cfs_node *add(cfs_tree *t, cfs_node *parent, const char *name, cfs_kind kind)
{
	cfs_node *n;

	if (!t->ok || !parent || parent->kind != CFS_DIR) {
		t->ok = false;
		return NULL;
	}
	if (!grow(t, (void **)&parent->kids, &parent->kcap, parent->nkids + 1,
		  sizeof(*parent->kids), false))
		return NULL;
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

/* Room for `need` bytes of data: exactly that for a file written once,
 * doubling for a list file that grows a line at a time. */
static bool reserve(cfs_tree *t, cfs_node *n, size_t need, bool exact)
{
	return grow(t, (void **)&n->data, &n->cap, need, 1, exact);
}

/* Appends data to n's bytes. */
static bool put(cfs_tree *t, cfs_node *n, const void *data, size_t len, bool exact)
{
	/* +1: a NUL after the bytes, so a link target is a C string. */
	if (len > SIZE_MAX - n->len - 1 || !reserve(t, n, n->len + len + 1, exact))
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

	if (n && !put(t, n, data, len, true))
		return NULL;
	return n;
}

/*
 * The one rule for text values (docs/ABI.md 2): a value is one line, so a
 * newline inside it is written as the two characters \n, and a NUL as \0.
 * Every text file's value comes through here (cfs_printf, cfs_line,
 * cfs_text_line), whatever field it is. Appends s[0..len) so escaped and
 * the line's newline.
 */
static bool put_line(cfs_tree *t, cfs_node *n, const char *s, size_t len, bool exact)
{
	const char *run = s;

	/* room for the plain case at once, so no put() moves the bytes */
	if (len > SIZE_MAX - n->len - 2 || !reserve(t, n, n->len + len + 2, exact))
		return false;
	/* nearly every value: two vectorised scans, then one copy */
	if (!memchr(s, '\n', len) && !memchr(s, '\0', len))
		return put(t, n, s, len, exact) && put(t, n, "\n", 1, exact);
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '\n' && s[i] != '\0')
			continue;
		if (!put(t, n, run, (size_t)(s + i - run), exact) ||
		    !put(t, n, s[i] ? "\\n" : "\\0", 2, exact))
			return false;
		run = s + i + 1;
	}
	return put(t, n, run, (size_t)(s + len - run), exact) && put(t, n, "\n", 1, exact);
}

/* Appends the formatted string as one line to n's bytes (put_line). */
__attribute__((format(printf, 4, 0)))
static bool vput(cfs_tree *t, cfs_node *n, bool exact, const char *fmt, va_list ap)
{
	char small[256], *big;
	va_list ap2;
	int len;
	bool ok;

	/* A plain "%s", most of the fields' files: no vsnprintf, which was a
	 * tenth of a cold object's build. */
	if (fmt[0] == '%' && fmt[1] == 's' && !fmt[2]) {
		const char *str = va_arg(ap, const char *);

		if (!str) {             /* a builder bug, which the fuzzer looks for */
			t->ok = false;
			return false;
		}
		return put_line(t, n, str, strlen(str), exact);
	}

	va_copy(ap2, ap);
	len = vsnprintf(small, sizeof(small), fmt, ap2);
	va_end(ap2);
	if (len < 0) {
		t->ok = false;
		return false;
	}
	if ((size_t)len < sizeof(small))
		return put_line(t, n, small, (size_t)len, exact);
	big = malloc((size_t)len + 1);
	if (!big) {
		t->ok = false;
		return false;
	}
	vsnprintf(big, (size_t)len + 1, fmt, ap);
	ok = put_line(t, n, big, (size_t)len, exact);
	free(big);
	return ok;
}

cfs_node *cfs_text_line(cfs_tree *t, cfs_node *parent, const char *name,
			const char *s, size_t len)
{
	cfs_node *n = cfs_lookup(parent, name);

	if (n && n->kind != CFS_FILE) {
		t->ok = false;
		return NULL;
	}
	if (!n)
		n = add(t, parent, name, CFS_FILE);
	if (n && !put_line(t, n, s, len, false))
		return NULL;
	return n;
}

cfs_node *cfs_vprintf(cfs_tree *t, cfs_node *parent, const char *name,
		      const char *fmt, va_list ap)
{
	cfs_node *n = add(t, parent, name, CFS_FILE);

	if (n && !vput(t, n, true, fmt, ap))
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
	if (!vput(t, n, false, fmt, ap))
		n = NULL;
	va_end(ap);
	return n;
}

cfs_node *cfs_hex(cfs_tree *t, cfs_node *parent, const char *name, xc_slice bytes)
{
	cfs_node *n = add(t, parent, name, CFS_FILE);

	if (!n || bytes.len > (SIZE_MAX - 2) / 2 || !reserve(t, n, 2 * bytes.len + 2, true))
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

	if (n && !put(t, n, target, strlen(target), true))
		return NULL;
	return n;
}
