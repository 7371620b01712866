/*
 * vfs/verify.h - the verify/ directory of an object (docs/ABI.md
 * "verify/"), built from the store-wide index (index.h) by verify.c: the
 * core's issuer search over the index's candidates, then the files.
 */
#ifndef CFS_VERIFY_H
#define CFS_VERIFY_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "fields.h"
#include "index.h"
#include "tree.h"

/* Builds the verify/ directory of the object at objpath into dir (created
 * by the caller), per docs/ABI.md: for a certificate `signature`, `issuer`
 * (relative symlink), `chain`, `validity` (at `now`), `revocation`,
 * `revocation_date`, `revocation_reason`; for a CRL `signature` and
 * `issuer`; for a CSR `signature`. der is the object's DER. The result
 * depends on the index's generation and on `now` (validity, whether a CRL
 * is current), though only on which side of a few instants now is (the
 * certificate's not_before and not_after, the CRLs' this_update and
 * next_update): *w is set to the seconds [from, until) around now
 * through which it stays the same. The caller rebuilds when the
 * generation moved on or the clock left *w. */
typedef struct cfs_vwin {
	int64_t from, until;
} cfs_vwin;
/* Which other objects of the store the build may use, as issuers, chain
 * links and CRLs: those of the source files for which usable(ctx, file)
 * is true. NULL: all (docs/ABI.md 1.5: a shared mount's verify/ shows
 * nothing its readers may not read). The object's own self-signature
 * needs no filter. */
typedef struct cfs_vfilter {
	bool (*usable)(void *ctx, const char *file);
	void *ctx;
} cfs_vfilter;
void cfs_verify_build(cfs_index *ix, cfs_tree *t, cfs_node *dir, const char *objpath,
		      cfs_type type, const uint8_t *der, size_t len, time_t now,
		      const cfs_vfilter *vf, cfs_vwin *w);

#endif
