/*
 * vfs/index.h - the store-wide index, and the verify/ directory it feeds.
 *
 * verify/ and /.by-sha256 need to know the whole store: which certificate
 * names this one's issuer, which CRL covers it, which object has this
 * fingerprint. The index records, per object, only what those questions
 * need (its path, type, SHA-256, a canonical key of its subject and issuer
 * names, key identifiers, CRL serials are NOT kept): no DER. When it must
 * verify a signature it asks the store to load the candidate's DER
 * (cfs_load_fn), so its memory is small per object and bounded by the
 * store's size, not by its bytes.
 *
 * Paths: an object's path is relative to the mount root, no leading
 * slash: "certs/site.pem" (a file with one object) or "ca-bundle.crt/12"
 * (the 13th object of a bundle). A file's path is the same without the
 * "/N".
 *
 * Thread safety: every function may be called from any thread; the index
 * has its own lock, and never holds it while calling the loader, so the
 * loader may take the store's locks.
 *
 * The verify/ directory the index feeds is built by verify.c (verify.h).
 */
#ifndef CFS_INDEX_H
#define CFS_INDEX_H

#include <stdbool.h>
#include <stdint.h>

#include "fields.h"

typedef struct cfs_index cfs_index;

/* Loads the DER of object idx of the source file `file` (as recorded by
 * cfs_index_add) into a malloc'd buffer the caller frees; 0, or -errno
 * (-ENOENT if it is gone). Keyed so, the store finds the object from the
 * file's entry without parsing an object path. */
typedef int (*cfs_load_fn)(void *ctx, const char *file, size_t idx, uint8_t **der,
			   size_t *len);

cfs_index *cfs_index_new(cfs_load_fn load, void *ctx);
void cfs_index_free(cfs_index *ix);

/* Records object idx (from 0, in file order) of the source file `file`,
 * shown at objpath (its type as built by cfs_fields_build: CFS_INVALID
 * objects are recorded for /.by-sha256 only). 0 or -errno. */
int cfs_index_add(cfs_index *ix, const char *file, size_t idx, const char *objpath,
		  cfs_type type, const uint8_t *der, size_t len);

/* Forgets every object of `file` (changed, renamed or removed). */
void cfs_index_remove_file(cfs_index *ix, const char *file);

/* Counts every add and remove: a cached verify/ directory built at another
 * generation is stale. */
uint64_t cfs_index_generation(cfs_index *ix);

/* /.by-sha256: the path of the object whose DER has SHA-256 `hex` (64
 * lowercase hex digits) into buf; 0, -ENOENT, or -ERANGE if cap is short.
 * With several objects of the same DER, the first recorded. */
int cfs_index_by_sha256(cfs_index *ix, const char *hex, char *buf, size_t cap);

/* Calls fn with every distinct SHA-256 (hex) in the index; stops early
 * when fn returns non-zero, and returns that value. */
int cfs_index_each_sha256(cfs_index *ix, int (*fn)(void *ctx, const char *hex), void *ctx);

#endif
