/*
 * fuzz_vfs.c - certfs's own parser entry point: a source file's bytes,
 * as the store reads them. cfs_scan_buf() finds the objects (PEM among
 * text, or one DER object), cfs_fields_build() builds each one's tree,
 * every object goes into a store-wide index and gets its verify/ tree.
 * The file is the whole store here, so issuers and CRLs come from the
 * same input.
 *
 * Invariants: the scan's slices lie inside its buffer; every tree builds
 * (cfs_tree_ok: a failure here is a builder bug, since nothing runs out of
 * memory at these sizes) with a `type`; an invalid object has a one-line
 * `error` ending in "at byte N"; every text page ends with a newline; the
 * store's lazy parts (a base with places, then the deep directories)
 * build, and fill only places the base has; the index finds each object
 * again by its SHA-256.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "index.h"
#include "scan.h"
#include "verify.h"

/* alloc.c: certfs builds trees and an index on the heap and calls the
 * core from inside; the other targets count the core's own calls. */
const char *const fz_alloc_exempt = "certfs allocates, and calls the core";

typedef struct store {
	const cfs_scan *s;
} store;

/* The loader index.c calls: object i of file "f" is the scan's i-th. */
static int load(void *ctx, const char *file, size_t i, uint8_t **der, size_t *len)
{
	const cfs_scan *s = ((store *)ctx)->s;

	(void)file;
	if (i >= s->n)
		return -2;
	*len = s->objs[i].len;
	*der = malloc(*len ? *len : 1);
	if (!*der)
		return -12;
	memcpy(*der, s->der + s->objs[i].off, *len);
	return 0;
}

/* The store's three parts of object o (fields.h): the lazy base and the
 * deep directories build, and each deep directory built is one the base
 * has an empty place for. */
static void check_parts(const cfs_scan *s, const cfs_scan_obj *o, cfs_type want)
{
	cfs_tree *base = cfs_tree_new(), *deep = cfs_tree_new();
	cfs_node *rd;
	cfs_type ty;

	FZ_CHECK(base && deep);
	ty = cfs_fields_build_base(base, cfs_tree_root(base), o->hint, s->der + o->off, o->len,
				   true);
	FZ_CHECK(ty == want);
	cfs_fields_deep(deep, cfs_tree_root(deep), ty, s->der + o->off, o->len);
	cfs_tree_seal(base);
	cfs_tree_seal(deep);
	FZ_CHECK(cfs_tree_ok(base) && cfs_tree_ok(deep));
	rd = cfs_tree_root(deep);
	for (size_t i = 0; i < rd->nkids; i++) {
		cfs_node *place = cfs_lookup(cfs_tree_root(base), rd->kids[i]->name);

		FZ_CHECK(place && place->kind == CFS_DIR && place->nkids == 0);
	}
	cfs_tree_free(base);
	cfs_tree_free(deep);
}

static void check_invalid(cfs_node *root)
{
	cfs_node *err = cfs_lookup(root, "error");
	const char *at;

	FZ_CHECK(err && err->kind == CFS_FILE && err->len > 0);
	FZ_CHECK(err->data[err->len - 1] == '\n');
	FZ_CHECK(memchr(err->data, '\n', err->len) == err->data + err->len - 1);
	at = strstr((const char *)err->data, " at byte ");
	FZ_CHECK(at != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cfs_scan s;
	store st;
	cfs_index *ix;
	char path[32], found[32];

	if (cfs_scan_buf(data, size, &s) != 0)
		return 0;
	st.s = &s;
	ix = cfs_index_new(load, &st);
	FZ_CHECK(ix != NULL);
	for (size_t i = 0; i < s.n; i++) {
		const cfs_scan_obj *o = &s.objs[i];
		cfs_tree *t = cfs_tree_new();
		cfs_type ty;
		size_t tlen = 0;
		char *text;

		FZ_CHECK(o->off <= s.der_len && o->len <= s.der_len - o->off);
		FZ_CHECK(t != NULL);
		ty = cfs_fields_build(t, cfs_tree_root(t), o->hint, s.der + o->off, o->len);
		cfs_tree_seal(t);       /* which finds a name used twice */
		FZ_CHECK(cfs_tree_ok(t));
		FZ_CHECK(cfs_lookup(cfs_tree_root(t), "type") != NULL);
		if (ty == CFS_INVALID)
			check_invalid(cfs_tree_root(t));
		check_parts(&s, o, ty);
		text = cfs_text_page(ty, s.der + o->off, o->len, &tlen);
		FZ_CHECK(text != NULL && tlen > 0 && text[tlen - 1] == '\n');
		free(text);
		cfs_tree_free(t);
		snprintf(path, sizeof(path), "%zu", i);
		FZ_CHECK(cfs_index_add(ix, "f", i, path, ty, s.der + o->off, o->len) == 0);
	}
	for (size_t i = 0; i < s.n; i++) {
		const cfs_scan_obj *o = &s.objs[i];
		cfs_type ty = cfs_scan_type(o->hint, s.der + o->off, o->len);
		cfs_tree *t = cfs_tree_new();
		cfs_vwin w;
		cfs_node *v;

		FZ_CHECK(t != NULL);
		v = cfs_dir(t, cfs_tree_root(t), "verify");
		snprintf(path, sizeof(path), "%zu", i);
		cfs_verify_build(ix, t, v, path, ty, s.der + o->off, o->len, 1700000000, NULL, &w);
		cfs_tree_seal(t);
		FZ_CHECK(cfs_tree_ok(t));
		FZ_CHECK(w.from <= 1700000000 && 1700000000 < w.until);
		cfs_tree_free(t);
	}
	if (s.n) {
		uint8_t sha[32];
		char hex[65];

		FZ_CHECK(xc_fingerprint(XC_HASH_SHA256, xc_slice_make(s.der + s.objs[0].off,
			 s.objs[0].len), sha, sizeof(sha)) == XC_OK);
		FZ_CHECK(xc_hex(xc_slice_make(sha, sizeof(sha)), hex, sizeof(hex)) == XC_OK);
		FZ_CHECK(cfs_index_by_sha256(ix, hex, found, sizeof(found)) == 0);
	}
	cfs_index_free(ix);
	cfs_scan_free(&s);
	return 0;
}
