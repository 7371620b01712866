/*
 * vfs/store_resolve.c - path resolution: a FUSE path to what it shows (a
 * res: a directory of SOURCE, a bundle or its `count`, a node of an
 * object's tree, /.by-sha256 or one of its links), one component at a time
 * against the entries.
 * Separate because it is the one place that knows the mount's layout
 * (docs/ABI.md); the operations in store.c only act on what it finds.
 * It stands on every layer below (store.c lists them) and brings the index
 * up to date (store_walk.c) before it asks for what the index feeds.
 */
#include "store_inner.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* see store_inner.h */
void cfs_st_res_done(cfs_store *st, res *r)
{
	cfs_st_snap_unref(st, r->s);
	r->s = NULL;
}

static bool valid_hex(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == 64;
}

/* Whether rest, a path in an object's directory, is in or below the
 * directory dir, or is dir to be listed. */
static bool below(const char *rest, const char *dir, bool list)
{
	size_t n = strlen(dir);

	return strncmp(rest, dir, n) == 0 && (rest[n] == '/' || (rest[n] == '\0' && list));
}

/* The lazy part (fields.h, cfs_lazy_parts) that rest, a path in an
 * object's directory, is in: one of its files, or in or a listing of one
 * of its directories. Such a directory itself is the fields tree's empty
 * place, so a stat of it builds nothing. NULL for the rest. */
static const cfs_lazy *part_of(const char *rest, bool list)
{
	for (size_t i = 0; i < CFS_LAZY_COUNT; i++) {
		const cfs_lazy *l = &cfs_lazy_parts[i];

		if (l->dir ? below(rest, l->name, list) : strcmp(rest, l->name) == 0)
			return l;
	}
	return NULL;
}

/* see store_inner.h */
int cfs_st_walk(cfs_store *st, const char *path, char *rel, finfo *fi, const char **rest)
{
	const char *p = path;
	int rc = cfs_st_validate(st, "", fi);

	*rest = NULL;
	rel[0] = '\0';
	if (rc)
		return rc;
	if (fi->kind != FE_DIR)
		return -ENOENT;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - path) : strlen(path);

		memcpy(rel, path, n);
		rel[n] = '\0';
		rc = cfs_st_validate(st, rel, fi);
		if (rc)
			return rc;
		if (fi->kind == FE_OBJ) {
			*rest = slash ? slash + 1 : "";
			return 0;
		}
		if (fi->kind != FE_DIR)
			return -ENOENT;
		if (!slash)
			break;
		p = slash + 1;
		while (*p == '/')
			p++;
	}
	return 0;
}

/* The node at rest inside the objects of file rel. */
static int resolve_obj(cfs_store *st, const char *rel, const finfo *fi, const char *rest,
		       bool list, res *r)
{
	bool in_verify = false;
	const cfs_lazy *part;
	size_t idx = 0;
	const char *slash;
	cfs_node *root;
	snap *s;
	int rc;

	r->fi = *fi;
	if (fi->nobj > 1) {
		size_t n;

		if (!*rest) {
			r->kind = R_BUNDLE;
			return 0;
		}
		slash = strchr(rest, '/');
		n = slash ? (size_t)(slash - rest) : strlen(rest);
		if (n == 5 && strncmp(rest, "count", 5) == 0 && !slash) {
			r->kind = R_COUNT;
			return 0;
		}
		rc = cfs_st_obj_index(rest, n, fi->nobj, &idx);
		if (rc)
			return rc;
		rest = slash ? slash + 1 : "";
	}
	/* The object's directory itself: a stat of it needs the version of
	 * its tree, which the scan fixes, not the tree. A lookup of it, the
	 * first step into an object, so answers without waiting for the
	 * build (cfs_store_prepare). */
	if (!*rest && !list) {
		rc = cfs_st_fields_ver(st, rel, fi, idx, &r->ver);
		if (rc)
			return rc;
		r->kind = R_OBJDIR;
		return 0;
	}
	rc = cfs_st_fields_snap(st, rel, fi, idx, &s);
	if (rc)
		return rc;
	root = cfs_tree_root(s->t);
	/* verify/ itself is the fields tree's empty directory, so a stat of
	 * it does not build the index; what is inside comes from its tree. */
	if (below(rest, "verify", list) &&
	    cfs_lookup(root, "verify")) {
		cfs_st_snap_unref(st, s);
		cfs_st_ensure_index(st);
		rc = cfs_st_verify_snap(st, rel, fi, idx, &s);
		if (rc)
			return rc;
		root = cfs_tree_root(s->t);
		rest = rest[6] ? rest + 7 : "";
		in_verify = true;
	} else if ((part = part_of(rest, list)) && cfs_lookup(root, part->name)) {
		/* the fields tree only has their places (fields.h) */
		cfs_st_snap_unref(st, s);
		rc = cfs_st_part_snap(st, rel, fi, idx, part->part, &s);
		if (rc)
			return rc;
		root = cfs_tree_root(s->t);
	}
	r->n = cfs_walk(root, rest);
	if (!r->n) {
		cfs_st_snap_unref(st, s);
		return -ENOENT;
	}
	r->live = r->n->kind == CFS_DIR && (in_verify || strcmp(rest, "verify") == 0);
	r->rest = rest;
	r->s = s;
	r->kind = R_NODE;
	return 0;
}

/* see store_inner.h */
int cfs_st_resolve(cfs_store *st, const char *path, bool list, res *r)
{
	char rel[PATH_MAX];
	const char *rest;
	finfo fi;
	int rc;

	memset(r, 0, sizeof(*r));
	while (*path == '/')
		path++;
	if (strlen(path) >= sizeof(rel))
		return -ENAMETOOLONG;
	/* before a single file's fields: its root has /.by-sha256 too */
	if (strncmp(path, BYSHA, sizeof(BYSHA) - 1) == 0 &&
	    (path[sizeof(BYSHA) - 1] == '\0' || path[sizeof(BYSHA) - 1] == '/')) {
		const char *hex = path + sizeof(BYSHA) - 1;

		rc = cfs_st_validate(st, "", &r->fi);
		if (rc)
			return rc;
		if (!*hex) {
			r->kind = R_BYSHA;
			return 0;
		}
		hex++;
		if (!valid_hex(hex))
			return -ENOENT;
		cfs_st_ensure_index(st);
		if (!st->ix)
			return -ENOMEM;
		memcpy(r->target, "../", 3);
		rc = cfs_index_by_sha256(st->ix, hex, r->target + 3, sizeof(r->target) - 3);
		if (rc)
			return rc == -ERANGE ? -ENAMETOOLONG : rc;
		r->kind = R_BYSHA_LINK;
		return 0;
	}
	if (st->single) {
		rc = cfs_st_validate(st, "", &fi);
		if (rc)
			return rc;
		if (fi.kind == FE_OBJ)
			return resolve_obj(st, "", &fi, path, list, r);
		if (*path)
			return -ENOENT;
		r->fi = fi;
		r->kind = R_EMPTY;
		return 0;
	}
	rc = cfs_st_walk(st, path, rel, &fi, &rest);
	if (rc)
		return rc;
	if (rest)
		return resolve_obj(st, rel, &fi, rest, list, r);
	r->fi = fi;
	r->kind = R_DIR;
	return 0;
}
