/*
 * path.c - path building for xc_path_validate() (xc/path.h): a
 * backtracking search over candidate issuers with an explicit stack of
 * XC_PATH_MAX_DEPTH levels in the caller's xc_path_work, no recursion.
 *
 * The rule for choosing among candidate issuers, at each level (RFC 4158
 * 3.5, as xc/issuer.h orders them):
 *   1. candidates are the trust anchors, then the untrusted intermediates,
 *      in the caller's order;
 *   2. first those whose subject equals the certificate's issuer Name and
 *      whose SKI equals its AKI keyIdentifier, then those whose subject
 *      matches where one of the two identifiers is absent;
 *   3. a candidate counts only if its key verifies the signature (DSA
 *      parameters inherited as xc_issuer_verify() does);
 *   4. a candidate already in the path is a loop and is skipped;
 *   5. an anchor ends the path: the complete candidate path is validated
 *      (path_cert.c, then the whole-path rules of path_inner.h, then
 *      revocation); the first that validates wins;
 *   6. otherwise the candidate is pushed and its own issuer searched,
 *      unless the path would exceed the maximum depth.
 * Work: every signature check spends one of XC_PATH_MAX_TRIES, every
 * complete path validated one of XC_PATH_MAX_CHAINS.
 *
 * The failure reported when no path validates (the "most specific"):
 *   a. the first complete path that failed validation, with its error and
 *      the certificate at fault: it got furthest;
 *   b. else WORK_LIMIT if a limit stopped the search;
 *   c. else the deepest level where building stopped, and at equal depth
 *      SIGNATURE (a candidate named the issuer but its key did not verify)
 *      over LOOP over DEPTH over NO_ISSUER.
 */
#include "path_build.h"

#include <xc/name.h>

#include <string.h>

_Static_assert(sizeof(xc__path_state) <= sizeof(xc_path_work),
	       "xc_path_work too small for the builder's state");
_Static_assert(_Alignof(xc__path_state) <= _Alignof(xc_path_work),
	       "xc_path_work's alignment too small");

/* See xc/path.h. */
const char *xc_path_errname(xc_path_err e)
{
	switch (e) {
#define XC_PATH__NAME(name, text) \
	case XC_PATH_##name: \
		return #name;
		XC_PATH_ERR_LIST(XC_PATH__NAME)
#undef XC_PATH__NAME
	case XC_PATH__COUNT:
		break;
	}
	return "UNKNOWN";
}

/* See xc/path.h. */
const char *xc_path_strerror(xc_path_err e)
{
	switch (e) {
#define XC_PATH__TEXT(name, text) \
	case XC_PATH_##name: \
		return text;
		XC_PATH_ERR_LIST(XC_PATH__TEXT)
#undef XC_PATH__TEXT
	case XC_PATH__COUNT:
		break;
	}
	return "unknown error";
}

/* See xc/path.h. */
void xc_path_policy_init(xc_path_policy *p, int64_t now)
{
	*p = (xc_path_policy){ 0 };
	p->profile = XC_PROFILE_RFC5280;
	p->purpose = XC_PURPOSE_ANY;
	p->at = now;
	p->peer.kind = XC_PEER_NONE;
}

/* See path_inner.h. */
bool xc__self_issued(const xc_cert *c)
{
	return xc_name_equal(c->issuer, c->subject);
}

/* Candidate i of every issuer Name: the anchors, then the intermediates
 * (the search compares names itself; xc_issuer_found.index is i). */
static bool cand(void *ctx, xc_slice name, xc_slice key_id, size_t i, xc_cert *out)
{
	const xc_path_input *in = ctx;

	(void)name;
	(void)key_id;
	if (i < in->n_anchors) {
		*out = in->anchors[i];
		return true;
	}
	i -= in->n_anchors;
	if (i < in->n_intermediates) {
		*out = in->intermediates[i];
		return true;
	}
	return false;
}

static const xc_cert *cand_ptr(const xc_path_input *in, size_t i)
{
	return i < in->n_anchors ? &in->anchors[i] : &in->intermediates[i - in->n_anchors];
}

static bool is_anchor(const xc_path_input *in, const xc_cert *c)
{
	for (size_t i = 0; i < in->n_anchors; i++)
		if (xc_slice_eq(in->anchors[i].der, c->der))
			return true;
	return false;
}

/* The failure kept so far (see the rule at the top). */
typedef struct failure {
	int cls;                /* 0 none, 1 building, 2 a complete path */
	size_t depth;
	xc_path_err err;
} failure;

static int build_rank(xc_path_err e)
{
	return e == XC_PATH_SIGNATURE	     ? 4
	       : e == XC_PATH_UNSUPPORTED_KEY ? 3
	       : e == XC_PATH_LOOP	     ? 2
	       : e == XC_PATH_DEPTH	     ? 1
					     : 0;
}

/* Records a building failure for the chain chain[0..len). */
static void note_build(failure *f, xc_path_result *res, const xc__path_state *st, size_t len,
		       xc_path_err e)
{
	if (f->cls > 1 ||
	    (f->cls == 1 && (len < f->depth || (len == f->depth && build_rank(e) <= build_rank(f->err)))))
		return;
	f->cls = 1;
	f->depth = len;
	f->err = e;
	res->err = e;
	res->chain_len = len;
	res->failed = len - 1;
	memcpy(res->chain, st->chain, len * sizeof st->chain[0]);
}

/* Certificates that count towards pol->max_depth in chain[0..len):
 * self-issued intermediates do not (as for pathLenConstraint). */
static size_t counted(const xc__path_state *st, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (i == 0 || i + 1 == len || !xc__self_issued(st->chain[i]))
			n++;
	return n;
}

/* Validates the complete path chain[0..len) (anchor last). */
static xc_path_err validate(xc__path_state *st, const xc_path_input *in,
			    const xc_path_policy *pol, xc_path_result *res, size_t *failed)
{
	size_t len = res->chain_len, f = 0;
	xc__path_view p = { st->view, len, pol };
	xc_path_err e;

	for (size_t i = 0; i < len; i++) {
		st->view[i] = st->chain[len - 1 - i];
		res->rev[i] = XC_REV_NOT_CHECKED;
		res->rev_reason[i] = -1;
	}
	e = xc__path_check_certs(&p, &f);
	if (e == XC_PATH_OK)
		e = xc__path_nc_check(&p, &f);
	if (e == XC_PATH_OK)
		e = xc__path_policy_check(&p, &st->policy, &f);
	if (e == XC_PATH_OK && pol->peer.kind != XC_PEER_NONE)
		e = xc__path_name_check(&p, &f);
	if (e == XC_PATH_OK && pol->check_revocation)
		e = xc__path_check_revocation(&p, in, &st->src, &st->budget, res, &f);
	*failed = len - 1 - f;
	return e;
}

/* See xc/path.h. */
xc_path_err xc_path_validate(const xc_path_input *in, const xc_path_policy *pol,
			     xc_path_work *work, xc_path_result *res)
{
	xc__path_state *st = (xc__path_state *)(void *)work;
	size_t max = pol->max_depth && pol->max_depth < XC_PATH_MAX_DEPTH ? pol->max_depth
									   : XC_PATH_MAX_DEPTH;
	bool limited = false;
	failure fail = { 0, 0, XC_PATH_NO_ISSUER };
	size_t k = 0, failed;
	xc_path_err e;

	memset(res, 0, sizeof *res);
	res->err = XC_PATH_NO_ISSUER;
	res->chain[0] = in->leaf;
	res->chain_len = 1;
	st->chain[0] = in->leaf;
	st->src = (xc_issuer_src){ cand, NULL, (void *)(uintptr_t)in };
	st->budget = XC_PATH_MAX_TRIES;

	if (is_anchor(in, in->leaf)) {
		/* The end entity is itself trusted: a path of one. */
		res->chains = 1;
		e = validate(st, in, pol, res, &failed);
		res->err = e;
		res->failed = failed;
		return e;
	}
	xc_signed_obj o = xc_signed_of_cert(in->leaf);
	xc_issuer_search_init(&st->search[0], &o, &st->src, 0, &st->budget);
	for (;;) {
		xc_issuer_found *fd = &st->found[k];

		if (!xc_issuer_next(&st->search[k], fd)) {
			size_t tried;
			xc_verify_result v = xc_issuer_verdict(&st->search[k], &tried);

			if (!st->budget)
				limited = true;
			note_build(&fail, res, st, k + 1,
				   tried == 0			   ? XC_PATH_NO_ISSUER
				   : v == XC_VERIFY_VALID	   ? XC_PATH_NO_ISSUER
				   : v == XC_VERIFY_UNSUPPORTED || v == XC_VERIFY_BAD_KEY
					   ? XC_PATH_UNSUPPORTED_KEY
					   : XC_PATH_SIGNATURE);
			if (k == 0 || limited)
				break;
			k--;
			continue;
		}
		const xc_cert *c = cand_ptr(in, fd->index);
		bool loop = false;

		for (size_t i = 0; i <= k; i++)
			loop |= xc_slice_eq(st->chain[i]->der, c->der);
		if (loop) {
			note_build(&fail, res, st, k + 1, XC_PATH_LOOP);
			continue;
		}
		st->chain[k + 1] = c;
		if (fd->index < in->n_anchors) {
			if (counted(st, k + 2) > max) {
				note_build(&fail, res, st, k + 2, XC_PATH_DEPTH);
				continue;
			}
			if (res->chains == XC_PATH_MAX_CHAINS) {
				limited = true;
				break;
			}
			res->chains++;
			size_t keep_len = res->chain_len;
			xc_path_err keep_err = res->err;
			size_t keep_failed = res->failed;
			const xc_cert *keep[XC_PATH_MAX_DEPTH];

			memcpy(keep, res->chain, sizeof keep);
			res->chain_len = k + 2;
			memcpy(res->chain, st->chain, (k + 2) * sizeof st->chain[0]);
			e = validate(st, in, pol, res, &failed);
			if (e == XC_PATH_OK) {
				res->err = XC_PATH_OK;
				res->failed = 0;
				res->tries = XC_PATH_MAX_TRIES - st->budget;
				return XC_PATH_OK;
			}
			if (fail.cls < 2) {
				fail.cls = 2;
				res->err = e;
				res->failed = failed;
			} else {
				res->chain_len = keep_len;
				res->err = keep_err;
				res->failed = keep_failed;
				memcpy(res->chain, keep, sizeof keep);
			}
			continue;
		}
		/* An anchor must still follow: the path would be k + 3 long. */
		if (k + 3 > XC_PATH_MAX_DEPTH || counted(st, k + 2) + 1 > max) {
			note_build(&fail, res, st, k + 2, XC_PATH_DEPTH);
			continue;
		}
		k++;
		o = xc_signed_of_cert(c);
		xc_issuer_search_init(&st->search[k], &o, &st->src, 0, &st->budget);
	}
	if (limited && fail.cls < 2)
		res->err = XC_PATH_WORK_LIMIT;
	res->tries = XC_PATH_MAX_TRIES - st->budget;
	return res->err;
}
