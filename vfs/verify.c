/*
 * vfs/verify.c - the verify/ directory of an object (see index.h,
 * docs/ABI.md "verify/"): who signed it, the chain up to a root, its
 * validity and revocation, all from the store-wide index (index_inner.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "index_inner.h"

#include <stdlib.h>
#include <string.h>

#define CHAIN_MAX 16            /* links of verify/chain before giving up */

/* The keyIdentifier of an authorityKeyIdentifier in exts: 1 found, 0 none
 * (no extension, or one without keyIdentifier), -1 malformed (which, as in
 * xc_cert_chains_to(), matches no issuer). */
static int aki_key_id(xc_slice exts, xc_slice *kid)
{
	xc_ext ext;
	xc_aki aki;

	if (!xc_slice_present(exts) ||
	    xc_ext_find_id(exts, XC_OID_AUTHORITY_KEY_IDENTIFIER, &ext) != XC_OK)
		return 0;
	if (xc_aki_decode(&aki, ext.value, NULL, NULL) != XC_OK)
		return -1;
	if (!xc_slice_present(aki.key_id))
		return 0;
	*kid = aki.key_id;
	return 1;
}

/* ---- finding the issuer ---- */

/* A signed object: a certificate or a CRL. */
typedef struct signed_obj {
	const xc_cert *cert;
	const xc_crl *crl;
	xc_slice issuer;        /* issuer Name contents */
	xc_slice exts;
	uint8_t sha[CFS_SHA_LEN];
} signed_obj;

enum verdict { V_VALID, V_INVALID, V_UNKNOWN_ISSUER, V_UNSUPPORTED };

static const char *const verdict_names[] = {
	[V_VALID] = "valid",
	[V_INVALID] = "invalid",
	[V_UNKNOWN_ISSUER] = "unknown-issuer",
	[V_UNSUPPORTED] = "unsupported-algorithm",
};

typedef struct found {
	enum verdict v;
	bool self;              /* verified with its own key */
	char *path;             /* the issuer's object path (not when self) */
	uint8_t *der;           /* the issuer's DER (not when self) */
	size_t len;
	xc_cert issuer;         /* parsed from der, or the object itself */
	uint8_t sha[CFS_SHA_LEN];
} found;

static void found_free(found *f)
{
	free(f->path);
	free(f->der);
	memset(f, 0, sizeof(*f));
}

static void find_issuer(cfs_index *ix, const signed_obj *o, found *f, bool inherit,
			const cfs_vfilter *vf);

/* Drops the candidates vf does not allow (vf NULL: none). */
static void cands_filter(cfs_cands *cs, const cfs_vfilter *vf)
{
	size_t i, n = 0;

	if (!vf)
		return;
	for (i = 0; i < cs->n; i++) {
		if (vf->usable(vf->ctx, cs->v[i].path))
			cs->v[n++] = cs->v[i];
		else
			free(cs->v[i].path);
	}
	cs->n = n;
}

static xc_verify_result raw_verify(const signed_obj *o, xc_slice spki, xc_slice params)
{
	if (o->cert)
		return xc_cert_verify_inherit(o->cert, spki, params);
	return xc_crl_verify_inherit(o->crl, spki, params);
}

/* The verdict of `o` signed by the certificate `iss` (DER hash iss_sha),
 * cached. A DSA issuer key without parameters takes them from its own
 * issuer (RFC 3279 2.3.2), found the same way, one level deep; under a
 * filter that verdict is not cached, since it speaks of a third object
 * that another object's filter may not allow. */
static xc_verify_result check_sig(cfs_index *ix, const signed_obj *o, const xc_cert *iss,
				  const uint8_t iss_sha[CFS_SHA_LEN], bool inherit,
				  const cfs_vfilter *vf)
{
	bool third = false;
	xc_verify_result r;

	if (cfs_ix_verdict_get(ix, o->sha, iss_sha, &r))
		return r;
	r = raw_verify(o, iss->spki, xc_slice_make(NULL, 0));
	if (r == XC_VERIFY_UNSUPPORTED && inherit) {
		xc_spki k;

		if (xc_spki_parse(&k, iss->spki, NULL, NULL) == XC_OK &&
		    k.type == XC_KEY_DSA && !xc_slice_present(k.dsa_p)) {
			signed_obj io = { .cert = iss, .issuer = iss->issuer,
					  .exts = iss->extensions };
			found g;

			memcpy(io.sha, iss_sha, CFS_SHA_LEN);
			find_issuer(ix, &io, &g, false, vf);
			if (g.v == V_VALID)
				r = raw_verify(o, iss->spki, g.issuer.spki);
			third = vf != NULL;
			found_free(&g);
		}
	}
	if (!third)
		cfs_ix_verdict_put(ix, o->sha, iss_sha, r);
	return r;
}

/* Walks the certificates of the store that verify o, in a fixed order:
 * o's own key first (a self-signed root), then the candidates of
 * cfs_ix_cert_cands(). It also counts what it saw, for the verdict when
 * none verifies. */
typedef struct issuer_iter {
	const signed_obj *o;
	xc_slice kid;
	int has_kid;            /* as aki_key_id() */
	bool inherit;
	const cfs_vfilter *vf;
	bool self_tried;
	cfs_cands cs;           /* collected on the first call past self */
	bool collected;
	size_t next;
	size_t ncand, nunsup;
} issuer_iter;

static void issuer_iter_init(issuer_iter *it, const signed_obj *o, bool inherit,
			     const cfs_vfilter *vf)
{
	memset(it, 0, sizeof(*it));
	it->o = o;
	it->inherit = inherit;
	it->vf = vf;
	it->has_kid = aki_key_id(o->exts, &it->kid);
}

static void issuer_iter_free(issuer_iter *it)
{
	cfs_cands_free(&it->cs);
}

/* The verdict of o when issuer_iter_next() found nothing valid. */
static enum verdict issuer_iter_verdict(const issuer_iter *it)
{
	if (!it->ncand)
		return V_UNKNOWN_ISSUER;
	return it->nunsup == it->ncand ? V_UNSUPPORTED : V_INVALID;
}

/* Takes one try from *budget (NULL: no limit); false when none is left. */
static bool spend(size_t *budget)
{
	if (!budget)
		return true;
	if (!*budget)
		return false;
	--*budget;
	return true;
}

/* The next issuer that verifies o into f (f->v == V_VALID; the caller
 * frees f), or false when there is none left. *budget (may be NULL) is
 * decremented for every candidate tried, and nothing is tried once it is
 * zero. */
static bool issuer_iter_next(cfs_index *ix, issuer_iter *it, found *f, size_t *budget)
{
	const signed_obj *o = it->o;

	memset(f, 0, sizeof(*f));
	if (it->has_kid < 0)
		return false;   /* a broken AKI names no issuer */

	/* Self-signed first: a root verifies with its own key. */
	if (!it->self_tried) {
		it->self_tried = true;
		if (o->cert && xc_cert_chains_to(o->cert, o->cert)) {
			xc_verify_result r;

			if (!spend(budget))
				return false;
			r = check_sig(ix, o, o->cert, o->sha, it->inherit, it->vf);
			it->ncand++;
			if (r == XC_VERIFY_VALID) {
				f->v = V_VALID;
				f->self = true;
				f->issuer = *o->cert;
				memcpy(f->sha, o->sha, CFS_SHA_LEN);
				return true;
			}
			it->nunsup += r == XC_VERIFY_UNSUPPORTED;
		}
	}

	if (!it->collected) {
		it->collected = true;
		cfs_ix_cert_cands(ix, o->issuer, it->has_kid ? &it->kid : NULL, o->sha, &it->cs);
		cands_filter(&it->cs, it->vf);
	}
	while (it->next < it->cs.n) {
		cfs_cand *cd = &it->cs.v[it->next];
		size_t len;
		uint8_t *der;
		xc_verify_result r;
		xc_slice ski;
		xc_cert c;

		if (!spend(budget))
			return false;
		it->next++;
		der = cfs_ix_load(ix, cd, &len);
		if (!der)
			continue;
		if (xc_cert_parse(&c, der, len, NULL) != XC_OK ||
		    !xc_name_equal(o->issuer, c.subject)) {
			free(der);
			continue;
		}
		if (it->has_kid) {
			int s = cfs_ski_digest(c.extensions, &ski);

			if (s < 0 || (s > 0 && !xc_slice_eq(ski, it->kid))) {
				free(der);
				continue;
			}
		}
		it->ncand++;
		r = check_sig(ix, o, &c, cd->sha, it->inherit, it->vf);
		if (r == XC_VERIFY_VALID) {
			f->v = V_VALID;
			f->path = cd->path;
			cd->path = NULL;
			f->der = der;
			f->len = len;
			f->issuer = c;
			memcpy(f->sha, cd->sha, CFS_SHA_LEN);
			return true;
		}
		it->nunsup += r == XC_VERIFY_UNSUPPORTED;
		free(der);
	}
	return false;
}

/* The first certificate of the store that verifies o (see index.h and the
 * verify/signature values). */
static void find_issuer(cfs_index *ix, const signed_obj *o, found *f, bool inherit,
			const cfs_vfilter *vf)
{
	issuer_iter it;

	issuer_iter_init(&it, o, inherit, vf);
	if (!issuer_iter_next(ix, &it, f, NULL))
		f->v = issuer_iter_verdict(&it);
	issuer_iter_free(&it);
}

/* ---- the chain ---- */

/* Candidates a chain search may try (each a load and, mostly, a signature
 * check; a cached verdict counts too, so the result does not depend on
 * what the cache holds). The search backtracks, so a store of n CAs that
 * cross-sign each other under one name could make it try n^CHAIN_MAX
 * paths: one `cat verify/chain` must stay cheap whatever the store holds.
 * 64 is ten times what real chains need (no PKITS certificate tries
 * more than 6), and when it runs out the answer is "no chain", as for a
 * store without a root. */
#define CHAIN_TRIES_MAX 64

/* A depth-first search for a path to a self-signed root: path[0] is the
 * object, path[i + 1] a certificate that verifies path[i]. */
typedef struct chain_search {
	cfs_index *ix;
	const cfs_vfilter *vf;
	size_t budget;          /* tries left, from CHAIN_TRIES_MAX */
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

/* Extends s from o (its last element) to a root: true if it got there,
 * with s->path complete; otherwise s is as it was. Every valid issuer is
 * tried, in issuer_iter order, so a first issuer that leads nowhere (its
 * own issuer absent, or a loop) gives way to the next. */
static bool chain_extend(chain_search *s, const signed_obj *o)
{
	issuer_iter it;
	found f;
	bool done = false;

	issuer_iter_init(&it, o, true, s->vf);
	while (!done && issuer_iter_next(s->ix, &it, &f, &s->budget)) {
		if (f.self) {
			done = true;    /* o is a root: the chain ends here */
		} else if (s->n <= CHAIN_MAX && !chain_seen(s, f.sha)) {
			signed_obj io = { .cert = &f.issuer, .issuer = f.issuer.issuer,
					  .exts = f.issuer.extensions };

			memcpy(io.sha, f.sha, CFS_SHA_LEN);
			memcpy(s->sha[s->n], f.sha, CFS_SHA_LEN);
			s->path[s->n++] = f.path;
			f.path = NULL;
			done = chain_extend(s, &io);
			if (!done)
				free(s->path[--s->n]);
		}
		found_free(&f);
	}
	issuer_iter_free(&it);
	return done;
}

static void chain_free(chain_search *s)
{
	size_t i;

	for (i = 1; i < s->n; i++)
		free(s->path[i]);
	s->n = 0;
}

/* The chain of the certificate o at objpath into s (s->n == 0: none). */
static void chain_build(cfs_index *ix, const cfs_vfilter *vf, chain_search *s,
			const char *objpath, const signed_obj *o)
{
	s->ix = ix;
	s->vf = vf;
	s->budget = CHAIN_TRIES_MAX;
	memcpy(s->sha[0], o->sha, CFS_SHA_LEN);
	s->objpath = objpath;
	s->path[0] = NULL;
	s->n = 1;
	if (!chain_extend(s, o))
		s->n = 0;
}

/* ---- verify/ ---- */

/* "../" once per component of objpath and once for verify/ itself, then
 * the target: a link that survives moving the mount. */
static void rel_link(cfs_tree *t, cfs_node *dir, const char *name, const char *objpath,
		     const char *target)
{
	size_t ups = 2, i, tl = strlen(target);
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
		rel_link(t, dir, "issuer", objpath, f->self ? objpath : f->path);
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
 * that its issuer's key signed. */
static void revocation_files(cfs_index *ix, const cfs_vfilter *vf, cfs_tree *t, cfs_node *dir,
			     const xc_cert *c, const found *f, time_t now, cfs_vwin *w)
{
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
	cands_filter(&cs, vf);
	for (i = 0; i < cs.n && !revoked; i++) {
		const cfs_cand *cd = &cs.v[i];
		signed_obj o = { 0 };
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
		o.crl = &crl;
		o.issuer = crl.issuer;
		o.exts = crl.extensions;
		memcpy(o.sha, cd->sha, CFS_SHA_LEN);
		if (check_sig(ix, &o, &f->issuer, f->sha, true, vf) != XC_VERIFY_VALID) {
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

static void verify_cert(cfs_index *ix, const cfs_vfilter *vf, cfs_tree *t, cfs_node *dir,
			const char *objpath, const uint8_t *der, size_t len, time_t now,
			cfs_vwin *w)
{
	signed_obj o = { 0 };
	chain_search chain;
	xc_cert c;
	found f;

	if (xc_cert_parse(&c, der, len, NULL) != XC_OK || !cfs_sha256(der, len, o.sha))
		return;
	o.cert = &c;
	o.issuer = c.issuer;
	o.exts = c.extensions;
	find_issuer(ix, &o, &f, true, vf);
	chain_build(ix, vf, &chain, objpath, &o);
	issuer_files(t, dir, objpath, &f, &chain);
	chain_file(t, dir, &chain);
	chain_free(&chain);
	validity_file(t, dir, &c, now, w);
	revocation_files(ix, vf, t, dir, &c, &f, now, w);
	found_free(&f);
}

static void verify_crl(cfs_index *ix, const cfs_vfilter *vf, cfs_tree *t, cfs_node *dir,
		       const char *objpath, const uint8_t *der, size_t len)
{
	signed_obj o = { 0 };
	xc_crl crl;
	found f;

	if (xc_crl_parse(&crl, der, len, NULL) != XC_OK || !cfs_sha256(der, len, o.sha))
		return;
	o.crl = &crl;
	o.issuer = crl.issuer;
	o.exts = crl.extensions;
	find_issuer(ix, &o, &f, true, vf);
	issuer_files(t, dir, objpath, &f, NULL);
	found_free(&f);
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
