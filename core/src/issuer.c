/*
 * issuer.c - the search for an object's issuer among the caller's
 * candidates (see xc/issuer.h). Above chain.c: it uses its name and key
 * identifier match and its signature checks.
 */
#include "inner.h"

/* See xc/issuer.h. */
xc_signed_obj xc_signed_of_cert(const xc_cert *c)
{
	return (xc_signed_obj){ .cert = c, .der = c->der, .tbs = c->tbs,
				.tbs_sig_alg = &c->tbs_sig_alg, .sig_alg = &c->sig_alg,
				.signature = c->signature, .issuer = c->issuer,
				.extensions = c->extensions };
}

/* See xc/issuer.h. */
xc_signed_obj xc_signed_of_crl(const xc_crl *crl)
{
	return (xc_signed_obj){ .cert = NULL, .der = crl->der, .tbs = crl->tbs,
				.tbs_sig_alg = &crl->tbs_sig_alg, .sig_alg = &crl->sig_alg,
				.signature = crl->signature, .issuer = crl->issuer,
				.extensions = crl->extensions };
}

/* See xc/issuer.h. */
xc_verify_result xc_issuer_raw_verify(const xc_signed_obj *o, const xc_cert *issuer,
				      xc_slice params)
{
	/* The algorithm the signer put inside the TBS must be the one
	 * outside, or the outer one is not signed (xc/chain.h). */
	if (!xc_slice_eq(o->tbs_sig_alg->raw, o->sig_alg->raw))
		return XC_VERIFY_INVALID;
	return xc_verify_inherit(o->sig_alg, o->tbs, o->signature, issuer->spki, params);
}

/* Takes one signature check from *budget (NULL: no limit); false when
 * none is left. */
static bool spend(size_t *budget)
{
	if (!budget)
		return true;
	if (!*budget)
		return false;
	--*budget;
	return true;
}

/* The supplier's check, or the core's. */
static xc_verify_result check(const xc_issuer_src *src, const xc_signed_obj *o,
			      const xc_cert *issuer, xc_slice params)
{
	if (src && src->verify)
		return src->verify(src->ctx, o, issuer, params);
	return xc_issuer_raw_verify(o, issuer, params);
}

/* True if the key is DSA without domain parameters (RFC 3279 2.3.2). */
static bool lacks_params(const xc_cert *c)
{
	xc_spki k;

	return xc_spki_parse(&k, c->spki, NULL, NULL) == XC_OK && k.type == XC_KEY_DSA &&
	       !xc_slice_present(k.dsa_p);
}

/* See xc/issuer.h. The parameters come from the first certificate that
 * names the issuer as its issuer and verifies it (without inheritance of
 * its own: one level, no recursion), in the supplier's order. */
xc_verify_result xc_issuer_verify(const xc_signed_obj *o, const xc_cert *issuer,
				  const xc_issuer_src *src, size_t *budget, bool *inherited)
{
	xc_signed_obj up = xc_signed_of_cert(issuer);
	xc_slice kid = xc_slice_make(NULL, 0);
	xc_verify_result r;
	xc_cert g;

	if (inherited)
		*inherited = false;
	if (!spend(budget))
		return XC_VERIFY_ERROR;
	r = check(src, o, issuer, xc_slice_make(NULL, 0));
	if (r != XC_VERIFY_UNSUPPORTED || !src || !lacks_params(issuer) ||
	    xc__aki_key_id(issuer->extensions, &kid) < 0)
		return r;
	for (size_t i = 0; src->cand(src->ctx, issuer->issuer, kid, i, &g); i++) {
		if (xc__issuer_match(issuer->issuer, issuer->extensions, &g) == XC__MATCH_NONE)
			continue;
		if (!spend(budget))
			return r;
		if (check(src, &up, &g, xc_slice_make(NULL, 0)) != XC_VERIFY_VALID)
			continue;
		if (!spend(budget))
			return r;
		r = check(src, o, issuer, g.spki);
		if (r == XC_VERIFY_VALID) {
			if (inherited)
				*inherited = true;
			break;
		}
	}
	return r;
}

/* See xc/issuer.h. */
void xc_issuer_search_init(xc_issuer_search *s, const xc_signed_obj *o,
			   const xc_issuer_src *src, unsigned flags, size_t *budget)
{
	int k;

	s->obj = *o;
	s->src = src;
	s->budget = budget;
	s->key_id = xc_slice_make(NULL, 0);
	s->next = 0;
	s->tried = 0;
	s->best = XC_VERIFY_KEY_MISMATCH;
	k = xc__aki_key_id(o->extensions, &s->key_id);
	if (k < 0)
		s->stage = XC_ISSUER_STAGE_DONE;        /* a broken AKI names no issuer */
	else if (flags & XC_ISSUER_SELF)
		s->stage = XC_ISSUER_STAGE_SELF;
	else
		s->stage = k ? XC_ISSUER_STAGE_KEY_ID : XC_ISSUER_STAGE_NAME;
}

/* Ranks r into s->best (xc/issuer.h): VALID, then INVALID, then the first
 * other failure, UNSUPPORTED last. */
static void rank(xc_issuer_search *s, xc_verify_result r)
{
	if (s->tried++ == 0 || r == XC_VERIFY_VALID || s->best == XC_VERIFY_UNSUPPORTED ||
	    (r == XC_VERIFY_INVALID && s->best != XC_VERIFY_VALID))
		s->best = r;
}

/* Tries `issuer` on s's object: true if it verifies, into *f. */
static bool try_issuer(xc_issuer_search *s, const xc_cert *issuer, xc_issuer_found *f)
{
	bool inherited;
	xc_verify_result r;

	if (s->budget && !*s->budget) {
		s->stage = XC_ISSUER_STAGE_DONE;
		return false;
	}
	r = xc_issuer_verify(&s->obj, issuer, s->src, s->budget, &inherited);
	rank(s, r);
	if (r != XC_VERIFY_VALID)
		return false;
	f->cert = *issuer;
	f->inherited = inherited;
	return true;
}

/* See xc/issuer.h. */
bool xc_issuer_next(xc_issuer_search *s, xc_issuer_found *f)
{
	xc_cert c;

	f->self = false;
	f->index = 0;
	if (s->stage == XC_ISSUER_STAGE_SELF) {
		const xc_cert *self = s->obj.cert;

		s->stage = xc_slice_present(s->key_id) ? XC_ISSUER_STAGE_KEY_ID
						       : XC_ISSUER_STAGE_NAME;
		if (self && xc__issuer_match(self->issuer, self->extensions, self) !=
				    XC__MATCH_NONE &&
		    try_issuer(s, self, f)) {
			f->self = true;
			return true;
		}
	}
	while (s->stage == XC_ISSUER_STAGE_KEY_ID || s->stage == XC_ISSUER_STAGE_NAME) {
		xc__match want = s->stage == XC_ISSUER_STAGE_KEY_ID ? XC__MATCH_KEY_ID
								     : XC__MATCH_NAME;
		size_t i = s->next;

		if (!s->src || !s->src->cand(s->src->ctx, s->obj.issuer, s->key_id, i, &c)) {
			/* The name pass follows the key-id pass. */
			s->stage = s->stage == XC_ISSUER_STAGE_KEY_ID ? XC_ISSUER_STAGE_NAME
								      : XC_ISSUER_STAGE_DONE;
			s->next = 0;
			continue;
		}
		s->next++;
		if (xc_slice_eq(c.der, s->obj.der) ||
		    xc__issuer_match(s->obj.issuer, s->obj.extensions, &c) != want)
			continue;
		if (try_issuer(s, &c, f)) {
			f->index = i;
			return true;
		}
	}
	return false;
}

/* See xc/issuer.h. */
xc_verify_result xc_issuer_verdict(const xc_issuer_search *s, size_t *tried)
{
	if (tried)
		*tried = s->tried;
	return s->best;
}

/* See xc/issuer.h. */
xc_verify_result xc_issuer_find(const xc_signed_obj *o, const xc_issuer_src *src,
				unsigned flags, size_t *budget, xc_issuer_found *f,
				size_t *tried)
{
	xc_issuer_search s;

	xc_issuer_search_init(&s, o, src, flags, budget);
	xc_issuer_next(&s, f);
	return xc_issuer_verdict(&s, tried);
}
