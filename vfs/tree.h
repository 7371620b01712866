/*
 * vfs/tree.h - the in-memory tree of one object's fields.
 *
 * certfs shows a certificate, CRL or CSR as a directory of small files.
 * The field builders (fields*.c, verify.c) decode an object once and put
 * every file of its directory into a cfs_tree; FUSE requests are then
 * answered from the tree with no further parsing, and the whole tree is
 * freed in one call when the cache evicts the object.
 *
 * Unlike the core, the vfs allocates: a tree owns every node, name and
 * byte it holds (copies, so the source buffer may go away). Builders do
 * not check each call for failure: an allocation failure marks the tree
 * (cfs_tree_ok() is false) and later calls do nothing, so a builder checks
 * once at the end.
 */
#ifndef CFS_TREE_H
#define CFS_TREE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xc/slice.h>

typedef enum cfs_kind {
	CFS_DIR,
	CFS_FILE,
	CFS_LINK,
} cfs_kind;

typedef struct cfs_node cfs_node;

struct cfs_node {
	char *name;
	cfs_kind kind;
	uint8_t *data;          /* file bytes; link target (NUL-terminated) */
	size_t len;             /* bytes of data (a link: without the NUL) */
	size_t cap;
	cfs_node **kids;        /* directory: children, sorted by name once sealed */
	size_t nkids;
	size_t kcap;
	bool sorted;
};

typedef struct cfs_tree cfs_tree;

/* A new tree with an empty root directory; NULL if out of memory. */
cfs_tree *cfs_tree_new(void);
void cfs_tree_free(cfs_tree *t);
cfs_node *cfs_tree_root(cfs_tree *t);

/* False once any call on the tree failed (out of memory), or once
 * cfs_tree_seal() found a name used twice in one directory (a builder
 * bug, logged by the caller). */
bool cfs_tree_ok(const cfs_tree *t);

/* Marks the tree failed: for a builder whose own allocation failed. */
void cfs_tree_fail(cfs_tree *t);

/* Bytes the tree holds (its arena's chunks): what the cache's cap counts. */
size_t cfs_tree_bytes(const cfs_tree *t);

/* Sorts every directory's children so cfs_lookup() is a binary search,
 * and fails the tree if a directory has a name twice. Call once when the
 * tree is built; adding afterwards unseals the directory it touches
 * (lookups stay correct, only slower). */
void cfs_tree_seal(cfs_tree *t);

/* The directory `name` in parent, created if absent. */
cfs_node *cfs_dir(cfs_tree *t, cfs_node *parent, const char *name);

/* A file with a copy of data[0..len). A name already in parent fails. */
cfs_node *cfs_file(cfs_tree *t, cfs_node *parent, const char *name,
		   const void *data, size_t len);

/* A text file: the formatted string plus one newline. Every text value
 * is one line (docs/ABI.md 2): a newline inside it is written as the two
 * characters \n, a NUL as \0 (here, for cfs_printf, cfs_line and
 * cfs_text_line alike). */
cfs_node *cfs_printf(cfs_tree *t, cfs_node *parent, const char *name,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
cfs_node *cfs_vprintf(cfs_tree *t, cfs_node *parent, const char *name,
		      const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

/* Appends one line (formatted string plus newline) to the text file
 * `name`, creating it: list files, one item per line. */
cfs_node *cfs_line(cfs_tree *t, cfs_node *parent, const char *name,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* cfs_line for a value of known length, which may hold NUL bytes. */
cfs_node *cfs_text_line(cfs_tree *t, cfs_node *parent, const char *name,
			const char *s, size_t len);

/* A text file holding bytes as lowercase hex, no separators, newline. */
cfs_node *cfs_hex(cfs_tree *t, cfs_node *parent, const char *name, xc_slice bytes);

/* A symbolic link to target (kept as given: certfs makes relative ones). */
cfs_node *cfs_link(cfs_tree *t, cfs_node *parent, const char *name,
		   const char *target);

/* The child `name` of dir, or NULL. */
cfs_node *cfs_lookup(const cfs_node *dir, const char *name);

/* Follows a relative path of names ("a/b/c"; "" is root itself) from
 * root, through directories only. NULL if a component is missing or not
 * a directory on the way. */
cfs_node *cfs_walk(cfs_node *root, const char *path);

#endif
