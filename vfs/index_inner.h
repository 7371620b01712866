/*
 * vfs/index_inner.h - what vfs/verify.c needs of the index's insides
 * (private to index.c and verify.c; the public API is index.h).
 *
 * The index answers "which certificates have this subject name" and
 * "which CRLs have this issuer name" as lists of candidates copied out
 * under its lock, loads a candidate's DER through the store, and keeps
 * the signature verdict cache. Deciding which candidate signed what is
 * verify.c's concern.
 */
#ifndef CFS_INDEX_INNER_H
#define CFS_INDEX_INNER_H

#include "index.h"

#define CFS_SHA_LEN 32

/* One candidate, copied out of the index: nothing points back into it,
 * so it stays usable after the lock is released (or the entry removed). */
typedef struct cfs_cand {
	char *path;             /* object path, malloc'd with file: one free */
	char *file;             /* its source file (cfs_index_add), inside path's block */
	size_t idx;             /* its index in that file */
	uint8_t sha[CFS_SHA_LEN];
	uint64_t seq;           /* order of recording */
	bool self_issued;
	int64_t this_update, next_update;       /* CRLs */
	bool has_next_update;
} cfs_cand;

typedef struct cfs_cands {
	cfs_cand *v;
	size_t n;
} cfs_cands;

void cfs_cands_free(cfs_cands *cs);

/* The certificates whose subject may equal `name` (Name contents), in a
 * fixed order (self-issued first, then in recording order), one per
 * distinct DER: `kid` (may be NULL) drops those whose subjectKeyIdentifier
 * differs, `skip` (may be NULL) the object of that SHA-256. The caller
 * still compares the names on the DER: the index keys by hash. */
void cfs_ix_cert_cands(cfs_index *ix, xc_slice name, const xc_slice *kid,
		       const uint8_t *skip, cfs_cands *out);

/* The CRLs whose issuer may equal `name`, in the same order. */
void cfs_ix_crl_cands(cfs_index *ix, xc_slice name, cfs_cands *out);

/* Loads a candidate's DER (malloc'd, the caller frees) and checks it is
 * still the one indexed (the file may have changed since): NULL otherwise. */
uint8_t *cfs_ix_load(cfs_index *ix, const cfs_cand *c, size_t *len);

/* The verdict cache, by (signed object's SHA-256, signer's SHA-256):
 * get returns whether it had one. */
bool cfs_ix_verdict_get(cfs_index *ix, const uint8_t subj[CFS_SHA_LEN],
			const uint8_t iss[CFS_SHA_LEN], xc_verify_result *r);
void cfs_ix_verdict_put(cfs_index *ix, const uint8_t subj[CFS_SHA_LEN],
			const uint8_t iss[CFS_SHA_LEN], xc_verify_result r);

/* SHA-256 of der into out; false if the core refused. */
bool cfs_sha256(const uint8_t *der, size_t len, uint8_t out[CFS_SHA_LEN]);

/* The digest of a subjectKeyIdentifier in exts: 1 found, 0 none, -1
 * malformed. */
int cfs_ski_digest(xc_slice exts, xc_slice *digest);

#endif
