/*
 * tools/field.c - `certdump --field` (see field.h).
 */
#include "field.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store.h"

/* A directory's entry names, gathered to be sorted. */
typedef struct names {
	char **v;
	size_t n, cap;
} names;

static int add_name(void *ctx, const char *name, const struct stat *sb)
{
	names *ns = ctx;
	(void)sb;
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 32;
		char **v = realloc(ns->v, cap * sizeof *v);
		if (!v)
			return -ENOMEM;
		ns->v = v;
		ns->cap = cap;
	}
	if (!(ns->v[ns->n] = strdup(name)))
		return -ENOMEM;
	ns->n++;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int print_dir(cfs_store *st, const char *p, FILE *out)
{
	names ns = { 0 };
	int rc = cfs_store_readdir(st, p, add_name, &ns);

	if (rc == 0) {
		qsort(ns.v, ns.n, sizeof *ns.v, by_name);
		for (size_t i = 0; i < ns.n; i++)
			fprintf(out, "%s\n", ns.v[i]);
	}
	for (size_t i = 0; i < ns.n; i++)
		free(ns.v[i]);
	free(ns.v);
	return rc;
}

static int print_file(cfs_store *st, const char *p, FILE *out)
{
	cfs_handle *h;
	int rc = cfs_store_open_file(st, p, &h);

	if (rc)
		return rc;
	fwrite(cfs_handle_data(h), 1, cfs_handle_size(h), out);
	cfs_store_release(st, h);
	return 0;
}

/* See field.h. */
field_result field_print(const char *source, const char *path, FILE *out, char *err,
			 size_t errcap)
{
	cfs_store_opts o = { .source = source };
	cfs_store *st;
	struct stat sb;
	char *p, link[4096];
	size_t n;
	int rc;

	/* The store's paths are the mount's: "/" and then PATH, its extra
	 * slashes dropped ("extensions/" names the directory). */
	while (*path == '/')
		path++;
	n = strlen(path);
	while (n && path[n - 1] == '/')
		n--;
	if (!(p = malloc(n + 2))) {
		snprintf(err, errcap, "%s", strerror(ENOMEM));
		return FIELD_IO_ERROR;
	}
	p[0] = '/';
	memcpy(p + 1, path, n);
	p[n + 1] = '\0';

	if (!(st = cfs_store_open(&o, err, errcap))) {
		free(p);
		return FIELD_IO_ERROR;
	}
	/* A file with no object has neither an object's `type` nor a
	 * bundle's `count` at its root (which may hold /.by-sha256). */
	if (cfs_store_getattr(st, "/type", &sb) != 0 && cfs_store_getattr(st, "/count", &sb) != 0) {
		cfs_store_close(st);
		free(p);
		return FIELD_NO_OBJECT;
	}
	rc = cfs_store_getattr(st, p, &sb);
	if (rc == 0) {
		if (S_ISDIR(sb.st_mode))
			rc = print_dir(st, p, out);
		else if (S_ISLNK(sb.st_mode)) {
			if ((rc = cfs_store_readlink(st, p, link, sizeof link)) == 0)
				fprintf(out, "%s\n", link);
		} else
			rc = print_file(st, p, out);
	}
	cfs_store_close(st);
	free(p);
	if (rc == -ENOENT || rc == -ENOTDIR)
		return FIELD_NO_SUCH_PATH;
	if (rc) {
		snprintf(err, errcap, "%s", strerror(-rc));
		return FIELD_IO_ERROR;
	}
	return FIELD_OK;
}
