/*
 * vfs/verify.c - the verify/ directory of an object (see verify.h,
 * docs/ABI.md "verify/"): who signed it, the chain up to a root, its
 * validity and revocation, all from the store-wide index (index_inner.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "verify.h"

#include "index_inner.h"

#include <stdlib.h>
#include <string.h>

#define CHAIN_MAX 16            /* links of verify/chain before giving up */

/* ---- the candidates: the core's issuer search (xc/issuer.h) asks, the
 * index answers ---- */

/* The candidates of one (issuer Name, key id) query, loaded in order as
 * the search asks for them: good[i] is the i-th one that loaded and
 * parsed, the search's candidate i. */
typedef struct cand_slot {
	bool used;
	xc_slice name, kid;     /* the query (into DER that outlives the slot) */
	cfs_cands cs;           /* from the index, after the filter */
	size_t next;            /* of cs, the next to load */
	struct loaded {
		size_t ci;      /* index in cs */
		uint8_t *der;
		xc_cert cert;
	} *good;
	size_t ngood;
} cand_slot;

/* What one search reads from the index: slot 0 answers the object's
 * issuer Name, slot 1 the Name of a DSA issuer's own issuer (xc/issuer.h:
 * inherited parameters, one level), replaced by the next such query. The
 * DER of slot 0 lives until supply_free(), so an issuer found stays
 * usable. */
typedef struct supply {
	cfs_index *ix;
	const cfs_vfilter *vf;
	cand_slot slot[2];
	xc_issuer_src src;
} supply;

/* Drops the candidates vf does not allow (vf NULL: none). */
static void cands_filter(cfs_cands *cs, const cfs_vfilter *vf)
{
	size_t i, n = 0;

	if (!vf)
		return;
	for (i = 0; i < cs->n; i++) {
		if (vf->usable(vf->ctx, cs->v[i].file))
			cs->v[n++] = cs->v[i];
		else
			free(cs->v[i].path);
	}
	cs->n = n;
}

static void slot_free(cand_slot *sl)
{
	size_t i;

	for (i = 0; i < sl->ngood; i++)
		free(sl->good[i].der);
	free(sl->good);
	cfs_cands_free(&sl->cs);
	memset(sl, 0, sizeof(*sl));
}

static void slot_fill(cfs_index *ix, const cfs_vfilter *vf, cand_slot *sl, xc_slice name,
		      xc_slice kid)
{
	sl->used = true;
	sl->name = name;
	sl->kid = kid;
	cfs_ix_cert_cands(ix, name, xc_slice_present(kid) ? &kid : NULL, NULL, &sl->cs);
	cands_filter(&sl->cs, vf);
	sl->good = calloc(sl->cs.n ? sl->cs.n : 1, sizeof(*sl->good));
	if (!sl->good)
		cfs_cands_free(&sl->cs);
}

/* Loads sl's candidates until the i-th good one: true if there is one. */
static bool slot_get(cfs_index *ix, cand_slot *sl, size_t i)
{
	while (sl->ngood <= i && sl->next < sl->cs.n) {
		struct loaded *g = &sl->good[sl->ngood];
		size_t len;

		g->ci = sl->next++;
		g->der = cfs_ix_load(ix, &sl->cs.v[g->ci], &len);
		if (!g->der)
			continue;
		if (xc_cert_parse(&g->cert, g->der, len, NULL) != XC_OK) {
			free(g->der);
			continue;
		}
		sl->ngood++;
	}
	return i < sl->ngood;
}

static bool same_query(const cand_slot *sl, xc_slice name, xc_slice kid)
{
	return sl->used && xc_slice_eq(sl->name, name) && xc_slice_eq(sl->kid, kid);
}

/* xc_issuer_src.cand over the index. */
static bool supply_cand(void *ctx, xc_slice name, xc_slice kid, size_t i, xc_cert *out)
{
	supply *sp = ctx;
	cand_slot *sl = &sp->slot[0];

	if (!same_query(sl, name, kid)) {
		sl = &sp->slot[sp->slot[0].used];
		if (!same_query(sl, name, kid)) {
			slot_free(sl);
			slot_fill(sp->ix, sp->vf, sl, name, kid);
		}
	}
	if (!slot_get(sp->ix, sl, i))
		return false;
	*out = sl->good[i].cert;
	return true;
}

/* xc_issuer_src.verify: xc_issuer_raw_verify() through the index's
 * verdict cache, by the SHA-256 of the two DERs. A check with inherited
 * parameters speaks of a third certificate (which another object's filter
 * may not allow): not cached. */
static xc_verify_result supply_verify(void *ctx, const xc_signed_obj *o, const xc_cert *iss,
				      xc_slice params)
{
	supply *sp = ctx;
	uint8_t osha[CFS_SHA_LEN], isha[CFS_SHA_LEN];
	xc_verify_result r;

	if (xc_slice_present(params) || !cfs_sha256(o->der.p, o->der.len, osha) ||
	    !cfs_sha256(iss->der.p, iss->der.len, isha))
		return xc_issuer_raw_verify(o, iss, params);
	if (cfs_ix_verdict_get(sp->ix, osha, isha, &r))
		return r;
	r = xc_issuer_raw_verify(o, iss, params);
	cfs_ix_verdict_put(sp->ix, osha, isha, r);
	return r;
}

static void supply_init(supply *sp, cfs_index *ix, const cfs_vfilter *vf)
{
	memset(sp, 0, sizeof(*sp));
	sp->ix = ix;
	sp->vf = vf;
	sp->src.cand = supply_cand;
	sp->src.verify = supply_verify;
	sp->src.ctx = sp;
}

static void supply_free(supply *sp)
{
	slot_free(&sp->slot[0]);
	slot_free(&sp->slot[1]);
}

/* The index entry of the search's candidate i of the object's issuer Name. */
static const cfs_cand *supply_at(const supply *sp, size_t i)
{
	return &sp->slot[0].cs.v[sp->slot[0].good[i].ci];
}

/* ---- finding the issuer ---- */

enum verdict { V_VALID, V_INVALID, V_UNKNOWN_ISSUER, V_UNSUPPORTED };

static const char *const verdict_names[] = {
	[V_VALID] = "valid",
	[V_INVALID] = "invalid",
	[V_UNKNOWN_ISSUER] = "unknown-issuer",
	[V_UNSUPPORTED] = "unsupported-algorithm",
};

/* The first issuer of the store that verifies o (the core's order: o's
 * own key, then key-id matches, then name matches), in sp. */
typedef struct found {
	enum verdict v;
	xc_issuer_found is;     /* when V_VALID; points into sp */
	const char *path;       /* the issuer's object path: in sp, or objpath */
	uint8_t sha[CFS_SHA_LEN];
} found;

static void find_issuer(supply *sp, const xc_signed_obj *o, const char *objpath,
			const uint8_t sha[CFS_SHA_LEN], found *f)
{
	size_t tried;
	xc_verify_result r = xc_issuer_find(o, &sp->src, XC_ISSUER_SELF, NULL, &f->is, &tried);

	f->path = NULL;
	if (r == XC_VERIFY_VALID) {
		f->v = V_VALID;
		f->path = f->is.self ? objpath : supply_at(sp, f->is.index)->path;
		memcpy(f->sha, f->is.self ? sha : supply_at(sp, f->is.index)->sha, CFS_SHA_LEN);
	} else {
		f->v = !tried ? V_UNKNOWN_ISSUER :
		       r == XC_VERIFY_UNSUPPORTED ? V_UNSUPPORTED : V_INVALID;
	}
}

/* ---- the chain ---- */

/* Signature checks a chain search may make (a cached verdict counts too,
 * so the result does not depend on what the cache holds). The search
 * backtracks, so a store of n CAs that cross-sign each other under one
 * name could make it try n^CHAIN_MAX paths: one `cat verify/chain` must
 * stay cheap whatever the store holds. 64 is ten times what real chains
 * need (no PKITS certificate tries more than 6), and when it runs out the
 * answer is "no chain", as for a store without a root. */
#define CHAIN_TRIES_MAX 64

/* A depth-first search for a path to a self-signed root: path[0] is the
 * object, path[i + 1] a certificate that verifies path[i]. */
typedef struct chain_search {
	cfs_index *ix;
	const cfs_vfilter *vf;
	size_t budget;          /* checks left, from CHAIN_TRIES_MAX */
	size_t n;               /* elements of path */
	uint8_t sha[CHAIN_MAX + 1][CFS_SHA_LEN];       /* loop detection */
	const char *objpath;                            /* path[0]'s */
	char *path[CHAIN_MAX + 1];                      /* owned, but path[0] */
} chain_search;

/* The object path of element i. */
static const char *chain_at(const chain_search *s, size_t i)
{
	return i ? s->path[i] : s->objpath;
}

static bool chain_seen(const chain_search *s, const uint8_t sha[CFS_SHA_LEN])
{
	size_t k;

	for (k = 0; k < s->n; k++)
		if (memcmp(s->sha[k], sha, CFS_SHA_LEN) == 0)
			return true;
	return false;
}

/* Extends s from the certificate c (its last element) to a root: true if
 * it got there, with s->path complete; otherwise s is as it was. Every
 * valid issuer is tried, in the core's order, so a first issuer that
 * leads nowhere (its own issuer absent, or a loop) gives way to the next. */
static bool chain_extend(chain_search *s, const xc_cert *c)
{
	xc_signed_obj o = xc_signed_of_cert(c);
	xc_issuer_search is;
	xc_issuer_found f;
	supply sp;
	bool done = false;

	supply_init(&sp, s->ix, s->vf);
	xc_issuer_search_init(&is, &o, &sp.src, XC_ISSUER_SELF, &s->budget);
	while (!done && xc_issuer_next(&is, &f)) {
		const cfs_cand *cd;

		if (f.self) {
			done = true;    /* c is a root: the chain ends here */
			continue;
		}
		cd = supply_at(&sp, f.index);
		if (s->n > CHAIN_MAX || chain_seen(s, cd->sha))
			continue;
		s->path[s->n] = strdup(cd->path);
		if (!s->path[s->n])
			break;
		memcpy(s->sha[s->n++], cd->sha, CFS_SHA_LEN);
		done = chain_extend(s, &f.cert);
		if (!done)
			free(s->path[--s->n]);
	}
	supply_free(&sp);
	return done;
}

static void chain_free(chain_search *s)
{
	size_t i;

	for (i = 1; i < s->n; i++)
		free(s->path[i]);
	s->n = 0;
}

/* The chain of the certificate c (DER hash sha) at objpath into s
 * (s->n == 0: none). */
static void chain_build(cfs_index *ix, const cfs_vfilter *vf, chain_search *s,
			const char *objpath, const xc_cert *c, const uint8_t sha[CFS_SHA_LEN])
{
	s->ix = ix;
	s->vf = vf;
	s->budget = CHAIN_TRIES_MAX;
	memcpy(s->sha[0], sha, CFS_SHA_LEN);
	s->objpath = objpath;
	s->path[0] = NULL;
	s->n = 1;
	if (!chain_extend(s, c))
		s->n = 0;
}

/* ---- verify/ ---- */

/* "../" once per component of objpath and once for verify/ itself, then
 * the target: a link that survives moving the mount. objpath "" is the
 * root of a single-file mount: no component, so a self-signed root's
 * verify/issuer is "../", the root itself, inside the mount. */
static void rel_link(cfs_tree *t, cfs_node *dir, const char *name, const char *objpath,
		     const char *target)
{
	size_t ups = *objpath ? 2 : 1, i, tl = strlen(target);
	const char *p;
	char *buf;

	for (p = objpath; *p; p++)
		ups += *p == '/';
	buf = malloc(3 * ups + tl + 1);
	if (!buf) {
		cfs_tree_fail(t);
		return;
	}
	for (i = 0; i < ups; i++)
		memcpy(buf + 3 * i, "../", 3);
	memcpy(buf + 3 * ups, target, tl + 1);
	cfs_link(t, dir, name, buf);
	free(buf);
}

/* verify/signature and verify/issuer from the first valid issuer f; with
 * a chain (may be NULL), verify/issuer is its second element instead, so
 * that the two agree. */
static void issuer_files(cfs_tree *t, cfs_node *dir, const char *objpath, const found *f,
			 const chain_search *chain)
{
	cfs_printf(t, dir, "signature", "%s", verdict_names[f->v]);
	if (chain && chain->n > 1)
		rel_link(t, dir, "issuer", objpath, chain_at(chain, 1));
	else if (f->v == V_VALID)
		rel_link(t, dir, "issuer", objpath, f->path);
}

/* verify/chain: up to a self-signed root, every link valid, or no file. */
static void chain_file(cfs_tree *t, cfs_node *dir, const chain_search *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		const char *p = chain_at(s, i);

		/* "" is the root of a single-file mount: "." names it. */
		cfs_line(t, dir, "chain", "%s", *p ? p : ".");
	}
}

static void time_file(cfs_tree *t, cfs_node *dir, const char *name, const xc_time *tm)
{
	char buf[XC_TIME_STR];

	if (xc_time_format(tm, buf, sizeof(buf)) == XC_OK)
		cfs_printf(t, dir, name, "%s", buf);
}

/* Narrows *w to the side of instant t (the first second of another
 * outcome of a decision on the time) that now is on. */
static void cut(cfs_vwin *w, time_t now, int64_t t)
{
	if (t > (int64_t)now) {
		if (t < w->until)
			w->until = t;
	} else if (t > w->from) {
		w->from = t;
	}
}

/* verify/revocation: the current CRLs of the certificate's issuer name
 * that its issuer's key signed (f, found through sp). */
static void revocation_files(supply *sp, cfs_tree *t, cfs_node *dir, const xc_cert *c,
			     const found *f, time_t now, cfs_vwin *w)
{
	cfs_index *ix = sp->ix;
	const char *state = "unknown";
	bool revoked = false;
	xc_revoked entry;
	uint8_t *hold = NULL;   /* the CRL that entry points into */
	size_t i;
	cfs_cands cs;

	if (f->v != V_VALID) {
		cfs_printf(t, dir, "revocation", "%s", state);
		return;
	}
	cfs_ix_crl_cands(ix, c->issuer, &cs);
	cands_filter(&cs, sp->vf);
	for (i = 0; i < cs.n && !revoked; i++) {
		const cfs_cand *cd = &cs.v[i];
		xc_signed_obj o;
		uint8_t *der;
		size_t len;
		xc_crl crl;

		cut(w, now, cd->this_update);
		if (cd->has_next_update)
			cut(w, now, cd->next_update + 1);
		if (cd->this_update > (int64_t)now ||
		    (cd->has_next_update && cd->next_update < (int64_t)now))
			continue;       /* not current */
		der = cfs_ix_load(ix, cd, &len);
		if (!der)
			continue;
		if (xc_crl_parse(&crl, der, len, NULL) != XC_OK ||
		    !xc_name_equal(crl.issuer, c->issuer)) {
			free(der);
			continue;
		}
		o = xc_signed_of_crl(&crl);
		if (xc_issuer_verify(&o, &f->is.cert, &sp->src, NULL, NULL) != XC_VERIFY_VALID) {
			free(der);
			continue;
		}
		state = "not-revoked";
		if (xc_crl_find_revoked(&crl, c->serial, &entry) == XC_OK) {
			revoked = true;
			hold = der;
		} else {
			free(der);
		}
	}
	cfs_cands_free(&cs);
	if (!revoked) {
		cfs_printf(t, dir, "revocation", "%s", state);
		return;
	}
	cfs_printf(t, dir, "revocation", "revoked");
	time_file(t, dir, "revocation_date", &entry.revocation_date);
	{
		xc_ext ext;
		xc_crl_reason reason;
		const char *name;

		if (xc_slice_present(entry.extensions) &&
		    xc_ext_find_id(entry.extensions, XC_OID_CRL_REASON, &ext) == XC_OK &&
		    xc_crl_reason_decode(&reason, ext.value, NULL, NULL) == XC_OK &&
		    (name = xc_crl_reason_name(reason)) != NULL)
			cfs_printf(t, dir, "revocation_reason", "%s", name);
	}
	free(hold);
}

/* A validity date that is a field error (year 0000) is not known: then
 * no file, as pyca raises on the date. */
static void validity_file(cfs_tree *t, cfs_node *dir, const xc_cert *c, time_t now,
			  cfs_vwin *w)
{
	if (c->not_before.err || c->not_after.err)
		return;
	cut(w, now, c->not_before.epoch);
	cut(w, now, c->not_after.epoch + 1);
	if ((int64_t)now < c->not_before.epoch)
		cfs_printf(t, dir, "validity", "not-yet-valid");
	else if ((int64_t)now > c->not_after.epoch)
		cfs_printf(t, dir, "validity", "expired");
	else
		cfs_printf(t, dir, "validity", "valid");
}

/* verify/expires_in: seconds from now to notAfter, negative once expired
 * (`openssl x509 -checkend N` is expires_in > N). It changes every
 * second, so the tree holds for this second alone: a read in the next
 * one builds it again, a new version (its own inode, whose pages the
 * kernel cannot mix up with this one's). */
static void expires_file(cfs_tree *t, cfs_node *dir, const xc_cert *c, time_t now, cfs_vwin *w)
{
	if (c->not_after.err)
		return;
	cut(w, now, (int64_t)now);
	cut(w, now, (int64_t)now + 1);
	cfs_printf(t, dir, "expires_in", "%lld", (long long)(c->not_after.epoch - (int64_t)now));
}

static void verify_cert(cfs_index *ix, const cfs_vfilter *vf, cfs_tree *t, cfs_node *dir,
			const char *objpath, const uint8_t *der, size_t len, time_t now,
			cfs_vwin *w)
{
	uint8_t sha[CFS_SHA_LEN];
	chain_search chain;
	xc_signed_obj o;
	supply sp;
	xc_cert c;
	found f;

	if (xc_cert_parse(&c, der, len, NULL) != XC_OK || !cfs_sha256(der, len, sha))
		return;
	o = xc_signed_of_cert(&c);
	supply_init(&sp, ix, vf);
	find_issuer(&sp, &o, objpath, sha, &f);
	chain_build(ix, vf, &chain, objpath, &c, sha);
	issuer_files(t, dir, objpath, &f, &chain);
	chain_file(t, dir, &chain);
	chain_free(&chain);
	validity_file(t, dir, &c, now, w);
	expires_file(t, dir, &c, now, w);
	revocation_files(&sp, t, dir, &c, &f, now, w);
	supply_free(&sp);
}

static void verify_crl(cfs_index *ix, const cfs_vfilter *vf, cfs_tree *t, cfs_node *dir,
		       const char *objpath, const uint8_t *der, size_t len)
{
	uint8_t sha[CFS_SHA_LEN];
	xc_signed_obj o;
	supply sp;
	xc_crl crl;
	found f;

	if (xc_crl_parse(&crl, der, len, NULL) != XC_OK || !cfs_sha256(der, len, sha))
		return;
	o = xc_signed_of_crl(&crl);
	supply_init(&sp, ix, vf);
	find_issuer(&sp, &o, objpath, sha, &f);
	issuer_files(t, dir, objpath, &f, NULL);
	supply_free(&sp);
}

static void verify_csr(cfs_tree *t, cfs_node *dir, const uint8_t *der, size_t len)
{
	xc_csr csr;
	xc_verify_result r;

	if (xc_csr_parse(&csr, der, len, NULL) != XC_OK)
		return;
	r = xc_csr_verify(&csr);
	cfs_printf(t, dir, "signature", "%s",
		   r == XC_VERIFY_VALID ? "valid" :
		   r == XC_VERIFY_UNSUPPORTED ? "unsupported-algorithm" : "invalid");
}

/* see index.h */
void cfs_verify_build(cfs_index *ix, cfs_tree *t, cfs_node *dir, const char *objpath,
		      cfs_type type, const uint8_t *der, size_t len, time_t now,
		      const cfs_vfilter *vf, cfs_vwin *w)
{
	w->from = INT64_MIN;
	w->until = INT64_MAX;
	switch (type) {
	case CFS_CERT:
		verify_cert(ix, vf, t, dir, objpath, der, len, now, w);
		break;
	case CFS_CRL:
		verify_crl(ix, vf, t, dir, objpath, der, len);
		break;
	case CFS_CSR:
		verify_csr(t, dir, der, len);
		break;
	case CFS_UNKNOWN:
	case CFS_INVALID:
		break;
	}
}
