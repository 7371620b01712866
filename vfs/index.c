/*
 * vfs/index.c - the store-wide index (see index.h; what verify.c uses of
 * it, index_inner.h).
 *
 * Every object is one small record in four chained hash tables: by
 * SHA-256 (/.by-sha256), by a canonical key of the subject name
 * (certificates only: who may have issued this?), by the issuer name
 * (CRLs only: which CRL covers this?) and by source file (removal). The
 * name keys are hashes, consistent with xc_name_equal(): two names it
 * calls equal always get the same key, so a bucket holds every candidate
 * and the real comparison happens on the DER, loaded through the store.
 *
 * Signature verdicts are pure functions of the two DERs, so they are
 * cached by (signed object's SHA-256, signer's SHA-256) in a direct-mapped
 * table of fixed size: a store with long chains does not redo the same
 * RSA operations every time a verify/ directory is rebuilt, and the table
 * never grows.
 */
#define _POSIX_C_SOURCE 200809L

#include "index_inner.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VCACHE_SLOTS 16384      /* verdict cache: ~1 MiB */

enum { T_SHA, T_SUBJ, T_ISS, T_FILE, T_COUNT };

typedef struct ent {
	struct ent *next[T_COUNT];
	uint64_t key[T_COUNT];
	bool in[T_COUNT];
	uint64_t seq;           /* order of recording: "the first recorded" */
	char *file;
	char *path;
	size_t idx;             /* in file (cfs_load_fn) */
	cfs_type type;
	uint8_t sha[CFS_SHA_LEN];
	uint8_t *ski;           /* certificate's subjectKeyIdentifier, if any */
	size_t ski_len;
	bool has_ski;
	bool self_issued;       /* subject = issuer: tried first as an issuer */
	int64_t this_update;    /* CRL: currency is checked before loading */
	int64_t next_update;
	bool has_next_update;
} ent;

typedef struct vslot {
	uint8_t subj[CFS_SHA_LEN];
	uint8_t iss[CFS_SHA_LEN];
	bool used;
	xc_verify_result r;
} vslot;

struct cfs_index {
	pthread_mutex_t lock;
	cfs_load_fn load;
	void *ctx;
	uint64_t gen;
	uint64_t seq;
	ent **b[T_COUNT];
	size_t nb;              /* buckets per table, a power of two */
	size_t n;
	vslot *vcache;          /* allocated on first use */
};

/* ---- hashing ---- */

static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static uint64_t fnv(const void *p, size_t n, uint64_t h)
{
	const uint8_t *s = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#define FNV_BASIS 0xcbf29ce484222325ULL

static uint64_t str_key(const char *s)
{
	return mix(fnv(s, strlen(s), FNV_BASIS));
}

static uint64_t sha_key(const uint8_t sha[CFS_SHA_LEN])
{
	uint64_t k;

	memcpy(&k, sha, sizeof(k));
	return k;
}

/* The core's hash agrees with xc_name_equal(), the comparison the
 * verify walk then makes. */
static uint64_t name_key(xc_slice name)
{
	return xc_name_hash(name);
}

/* see index_inner.h */
bool cfs_sha256(const uint8_t *der, size_t len, uint8_t out[CFS_SHA_LEN])
{
	return xc_fingerprint(XC_HASH_SHA256, xc_slice_make(der, len), out, CFS_SHA_LEN) == XC_OK;
}

static void sha_hex(const uint8_t sha[CFS_SHA_LEN], char hex[2 * CFS_SHA_LEN + 1])
{
	(void)xc_hex(xc_slice_make(sha, CFS_SHA_LEN), hex, 2 * CFS_SHA_LEN + 1);
}

static bool hex_sha(const char *hex, uint8_t sha[CFS_SHA_LEN])
{
	size_t i;

	if (strlen(hex) != 2 * CFS_SHA_LEN)
		return false;
	for (i = 0; i < 2 * CFS_SHA_LEN; i++) {
		char c = hex[i];
		unsigned v;

		if (c >= '0' && c <= '9')
			v = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = (unsigned)(c - 'a' + 10);
		else
			return false;   /* the ABI's names are lowercase only */
		if (i % 2 == 0)
			sha[i / 2] = (uint8_t)(v << 4);
		else
			sha[i / 2] |= (uint8_t)v;
	}
	return true;
}

/* see index_inner.h */
int cfs_ski_digest(xc_slice exts, xc_slice *digest)
{
	xc_ext ext;
	xc_ski ski;

	if (!xc_slice_present(exts) ||
	    xc_ext_find_id(exts, XC_OID_SUBJECT_KEY_IDENTIFIER, &ext) != XC_OK)
		return 0;
	if (xc_ski_decode(&ski, ext.value, NULL, NULL) != XC_OK)
		return -1;
	*digest = ski.digest;
	return 1;
}

/* ---- the tables ---- */

/* see index.h */
cfs_index *cfs_index_new(cfs_load_fn load, void *ctx)
{
	cfs_index *ix = calloc(1, sizeof(*ix));
	size_t t;

	if (!ix)
		return NULL;
	ix->load = load;
	ix->ctx = ctx;
	ix->nb = 256;
	for (t = 0; t < T_COUNT; t++) {
		ix->b[t] = calloc(ix->nb, sizeof(ent *));
		if (!ix->b[t]) {
			while (t--)
				free(ix->b[t]);
			free(ix);
			return NULL;
		}
	}
	pthread_mutex_init(&ix->lock, NULL);
	return ix;
}

static void ent_free(ent *e)
{
	free(e->file);
	free(e->path);
	free(e->ski);
	free(e);
}

/* see index.h */
void cfs_index_free(cfs_index *ix)
{
	size_t i, t;

	if (!ix)
		return;
	/* Every entry is in the file table exactly once. */
	for (i = 0; i < ix->nb; i++) {
		ent *e = ix->b[T_FILE][i];

		while (e) {
			ent *nx = e->next[T_FILE];

			ent_free(e);
			e = nx;
		}
	}
	for (t = 0; t < T_COUNT; t++)
		free(ix->b[t]);
	free(ix->vcache);
	pthread_mutex_destroy(&ix->lock);
	free(ix);
}

static void link_in(ent **b, size_t nb, ent *e, int t)
{
	size_t i = (size_t)(e->key[t] & (nb - 1));

	e->next[t] = b[i];
	b[i] = e;
}

/* Doubles the tables when they average more than one entry a bucket; on
 * out of memory the chains just get longer. */
static void grow(cfs_index *ix)
{
	size_t nb = ix->nb * 2, i;
	ent **nbk[T_COUNT];
	int t;

	for (t = 0; t < T_COUNT; t++) {
		nbk[t] = calloc(nb, sizeof(ent *));
		if (!nbk[t]) {
			while (t--)
				free(nbk[t]);
			return;
		}
	}
	for (i = 0; i < ix->nb; i++) {
		ent *e = ix->b[T_FILE][i];

		while (e) {
			ent *nx = e->next[T_FILE];

			for (t = 0; t < T_COUNT; t++)
				if (e->in[t])
					link_in(nbk[t], nb, e, t);
			e = nx;
		}
	}
	for (t = 0; t < T_COUNT; t++) {
		free(ix->b[t]);
		ix->b[t] = nbk[t];
	}
	ix->nb = nb;
}

/* Fills the name keys and key identifiers of a parsed object. */
static void ent_describe(ent *e, const uint8_t *der, size_t len)
{
	xc_slice d;

	if (e->type == CFS_CERT) {
		xc_cert c;

		if (xc_cert_parse(&c, der, len, NULL) != XC_OK) {
			e->type = CFS_INVALID;
			return;
		}
		e->key[T_SUBJ] = name_key(c.subject);
		e->in[T_SUBJ] = true;
		e->self_issued = xc_name_equal(c.subject, c.issuer);
		if (cfs_ski_digest(c.extensions, &d) == 1) {
			e->ski = malloc(d.len ? d.len : 1);
			if (e->ski) {
				memcpy(e->ski, d.p, d.len);
				e->ski_len = d.len;
				e->has_ski = true;
			}
		}
	} else if (e->type == CFS_CRL) {
		xc_crl crl;

		if (xc_crl_parse(&crl, der, len, NULL) != XC_OK) {
			e->type = CFS_INVALID;
			return;
		}
		e->key[T_ISS] = name_key(crl.issuer);
		e->in[T_ISS] = true;
		e->this_update = crl.last_update.epoch;
		e->next_update = crl.next_update.epoch;
		e->has_next_update = crl.has_next_update;
		/* A date that is a field error (year 0000) is not known: such
		 * a CRL is never current (verify.c). */
		if (crl.last_update.err || (crl.has_next_update && crl.next_update.err))
			e->this_update = INT64_MAX;
	} else if (e->type == CFS_CSR) {
		xc_csr csr;

		if (xc_csr_parse(&csr, der, len, NULL) != XC_OK)
			e->type = CFS_INVALID;
	}
}

/* see index.h */
int cfs_index_add(cfs_index *ix, const char *file, size_t idx, const char *objpath,
		  cfs_type type, const uint8_t *der, size_t len)
{
	ent *e = calloc(1, sizeof(*e));
	int t;

	if (!e)
		return -ENOMEM;
	e->file = strdup(file);
	e->path = strdup(objpath);
	if (!e->file || !e->path || !cfs_sha256(der, len, e->sha)) {
		ent_free(e);
		return -ENOMEM;
	}
	e->idx = idx;
	e->type = type;
	ent_describe(e, der, len);
	e->key[T_SHA] = sha_key(e->sha);
	e->in[T_SHA] = true;
	e->key[T_FILE] = str_key(file);
	e->in[T_FILE] = true;

	pthread_mutex_lock(&ix->lock);
	if (ix->n >= ix->nb)
		grow(ix);
	e->seq = ix->seq++;
	for (t = 0; t < T_COUNT; t++)
		if (e->in[t])
			link_in(ix->b[t], ix->nb, e, t);
	ix->n++;
	ix->gen++;
	pthread_mutex_unlock(&ix->lock);
	return 0;
}

static void unlink_from(cfs_index *ix, ent *e, int t)
{
	ent **pp = &ix->b[t][e->key[t] & (ix->nb - 1)];

	while (*pp && *pp != e)
		pp = &(*pp)->next[t];
	if (*pp)
		*pp = e->next[t];
}

/* see index.h */
void cfs_index_remove_file(cfs_index *ix, const char *file)
{
	uint64_t k = str_key(file);
	ent *gone = NULL;
	ent **pp;
	int t;

	pthread_mutex_lock(&ix->lock);
	pp = &ix->b[T_FILE][k & (ix->nb - 1)];
	while (*pp) {
		ent *e = *pp;

		if (e->key[T_FILE] != k || strcmp(e->file, file) != 0) {
			pp = &e->next[T_FILE];
			continue;
		}
		*pp = e->next[T_FILE];
		for (t = 0; t < T_COUNT; t++)
			if (t != T_FILE && e->in[t])
				unlink_from(ix, e, t);
		e->next[T_FILE] = gone;
		gone = e;
		ix->n--;
	}
	ix->gen++;
	pthread_mutex_unlock(&ix->lock);
	while (gone) {
		ent *nx = gone->next[T_FILE];

		ent_free(gone);
		gone = nx;
	}
}

/* see index.h */
uint64_t cfs_index_generation(cfs_index *ix)
{
	uint64_t g;

	pthread_mutex_lock(&ix->lock);
	g = ix->gen;
	pthread_mutex_unlock(&ix->lock);
	return g;
}

/* The first recorded entry with this SHA-256; lock held. */
static ent *find_sha(cfs_index *ix, const uint8_t sha[CFS_SHA_LEN])
{
	uint64_t k = sha_key(sha);
	ent *e, *best = NULL;

	for (e = ix->b[T_SHA][k & (ix->nb - 1)]; e; e = e->next[T_SHA])
		if (memcmp(e->sha, sha, CFS_SHA_LEN) == 0 && (!best || e->seq < best->seq))
			best = e;
	return best;
}

/* see index.h */
int cfs_index_by_sha256(cfs_index *ix, const char *hex, char *buf, size_t cap)
{
	uint8_t sha[CFS_SHA_LEN];
	ent *e;
	int rc = -ENOENT;

	if (!hex_sha(hex, sha))
		return -ENOENT;
	pthread_mutex_lock(&ix->lock);
	e = find_sha(ix, sha);
	if (e) {
		size_t n = strlen(e->path);

		rc = -ERANGE;
		if (n < cap) {
			memcpy(buf, e->path, n + 1);
			rc = 0;
		}
	}
	pthread_mutex_unlock(&ix->lock);
	return rc;
}

static int cmp_hex(const void *a, const void *b)
{
	return memcmp(a, b, 2 * CFS_SHA_LEN + 1);
}

/* see index.h */
int cfs_index_each_sha256(cfs_index *ix, int (*fn)(void *ctx, const char *hex), void *ctx)
{
	char (*list)[2 * CFS_SHA_LEN + 1];
	size_t i, n = 0;
	int rc = 0;

	/* Copied out under the lock, called back without it: fn may well be
	 * FUSE's filler, or call into the index again. */
	pthread_mutex_lock(&ix->lock);
	list = malloc((ix->n ? ix->n : 1) * sizeof(*list));
	if (!list) {
		pthread_mutex_unlock(&ix->lock);
		return -ENOMEM;
	}
	for (i = 0; i < ix->nb; i++) {
		ent *e;

		for (e = ix->b[T_SHA][i]; e; e = e->next[T_SHA])
			sha_hex(e->sha, list[n++]);
	}
	pthread_mutex_unlock(&ix->lock);
	/* Sorted, then each distinct value once: a store holding one
	 * certificate many times stays O(n log n), not quadratic. */
	qsort(list, n, sizeof(*list), cmp_hex);
	for (i = 0; i < n && rc == 0; i++)
		if (i == 0 || strcmp(list[i], list[i - 1]) != 0)
			rc = fn(ctx, list[i]);
	free(list);
	return rc;
}

/* ---- the verdict cache ---- */

static vslot *vslot_of(cfs_index *ix, const uint8_t subj[CFS_SHA_LEN],
		       const uint8_t iss[CFS_SHA_LEN])
{
	uint64_t k = mix(sha_key(subj) ^ mix(sha_key(iss)));

	if (!ix->vcache)
		ix->vcache = calloc(VCACHE_SLOTS, sizeof(vslot));
	if (!ix->vcache)
		return NULL;
	return &ix->vcache[k & (VCACHE_SLOTS - 1)];
}

/* see index_inner.h */
bool cfs_ix_verdict_get(cfs_index *ix, const uint8_t subj[CFS_SHA_LEN],
			const uint8_t iss[CFS_SHA_LEN], xc_verify_result *r)
{
	vslot *s;
	bool hit = false;

	pthread_mutex_lock(&ix->lock);
	s = vslot_of(ix, subj, iss);
	if (s && s->used && memcmp(s->subj, subj, CFS_SHA_LEN) == 0 &&
	    memcmp(s->iss, iss, CFS_SHA_LEN) == 0) {
		*r = s->r;
		hit = true;
	}
	pthread_mutex_unlock(&ix->lock);
	return hit;
}

/* see index_inner.h */
void cfs_ix_verdict_put(cfs_index *ix, const uint8_t subj[CFS_SHA_LEN],
			const uint8_t iss[CFS_SHA_LEN], xc_verify_result r)
{
	vslot *s;

	pthread_mutex_lock(&ix->lock);
	s = vslot_of(ix, subj, iss);
	if (s) {
		memcpy(s->subj, subj, CFS_SHA_LEN);
		memcpy(s->iss, iss, CFS_SHA_LEN);
		s->r = r;
		s->used = true;
	}
	pthread_mutex_unlock(&ix->lock);
}

/* ---- candidates ---- */

/* see index_inner.h */
void cfs_cands_free(cfs_cands *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		free(cs->v[i].path);
	free(cs->v);
	cs->v = NULL;
	cs->n = 0;
}

/* c's path and file, copied from e in one block (cfs_cand). */
static bool cand_names(cfs_cand *c, const ent *e)
{
	size_t pl = strlen(e->path) + 1, fl = strlen(e->file) + 1;

	c->path = malloc(pl + fl);
	if (!c->path)
		return false;
	memcpy(c->path, e->path, pl);
	c->file = c->path + pl;
	memcpy(c->file, e->file, fl);
	c->idx = e->idx;
	return true;
}

/* Self-issued certificates first (a root that verifies ends the chain
 * there, where a cross-certificate of the same key might lead to a root
 * the store lacks), then in recording order. */
static int cmp_cand(const void *a, const void *b)
{
	const cfs_cand *x = a, *y = b;

	if (x->self_issued != y->self_issued)
		return x->self_issued ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Copies out the entries of table t (T_SUBJ: certificates, T_ISS: CRLs)
 * under key, in cmp_cand() order and one per distinct DER; `kid` (may be
 * NULL) drops certificates whose SKI differs, `skip` (may be NULL) the
 * object itself. Nothing is loaded while the lock is held. */
static void collect(cfs_index *ix, int t, uint64_t key, const xc_slice *kid,
		    const uint8_t *skip, cfs_cands *out)
{
	size_t cap = 0, i, n = 0;
	ent *e;

	out->v = NULL;
	out->n = 0;
	pthread_mutex_lock(&ix->lock);
	for (e = ix->b[t][key & (ix->nb - 1)]; e; e = e->next[t]) {
		cfs_cand *c;

		if (e->key[t] != key)
			continue;
		if (skip && memcmp(e->sha, skip, CFS_SHA_LEN) == 0)
			continue;
		if (kid && e->has_ski &&
		    (e->ski_len != kid->len || memcmp(e->ski, kid->p, kid->len) != 0))
			continue;
		if (out->n == cap) {
			size_t nc = cap ? 2 * cap : 8;
			cfs_cand *nv = realloc(out->v, nc * sizeof(*nv));

			if (!nv)
				break;
			out->v = nv;
			cap = nc;
		}
		c = &out->v[out->n];
		if (!cand_names(c, e))
			break;
		memcpy(c->sha, e->sha, CFS_SHA_LEN);
		c->seq = e->seq;
		c->self_issued = e->self_issued;
		c->this_update = e->this_update;
		c->next_update = e->next_update;
		c->has_next_update = e->has_next_update;
		out->n++;
	}
	pthread_mutex_unlock(&ix->lock);
	/* One per distinct DER (a store often holds a root twice, via
	 * symlinks): the first recorded stands for all. */
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_cand);
	for (i = 0; i < out->n; i++) {
		size_t j;

		for (j = 0; j < n && memcmp(out->v[j].sha, out->v[i].sha, CFS_SHA_LEN) != 0; j++)
			;
		if (j < n)
			free(out->v[i].path);   /* same DER, same order key: later */
		else
			out->v[n++] = out->v[i];
	}
	out->n = n;
}

/* see index_inner.h */
void cfs_ix_cert_cands(cfs_index *ix, xc_slice name, const xc_slice *kid,
		       const uint8_t *skip, cfs_cands *out)
{
	collect(ix, T_SUBJ, name_key(name), kid, skip, out);
}

/* see index_inner.h */
void cfs_ix_crl_cands(cfs_index *ix, xc_slice name, cfs_cands *out)
{
	collect(ix, T_ISS, name_key(name), NULL, NULL, out);
}

/* see index_inner.h */
uint8_t *cfs_ix_load(cfs_index *ix, const cfs_cand *c, size_t *len)
{
	uint8_t *der = NULL;
	uint8_t sha[CFS_SHA_LEN];

	if (ix->load(ix->ctx, c->file, c->idx, &der, len) != 0)
		return NULL;
	if (!der || !cfs_sha256(der, *len, sha) || memcmp(sha, c->sha, CFS_SHA_LEN) != 0) {
		free(der);
		return NULL;
	}
	return der;
}
