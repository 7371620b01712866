/*
 * path_policy.c - certificate policies over a candidate path, RFC 5280
 * 6.1.2 (a)(d)-(f), 6.1.3 (d)-(f), 6.1.4 (a)(b)(h)-(j), 6.1.5 (a)(b)(g):
 * see path_inner.h.
 *
 * The valid_policy_tree is kept as a graph of levels, as Chromium's and
 * BoringSSL's rewrite of it does (the fix for the exponential trees of
 * CVE-2023-0464): a level holds one node per distinct valid_policy, and
 * a policy reached from several parents is one node, not one per parent.
 * Only the level of the last certificate processed is kept, and each node
 * carries the two facts the rest of the algorithm reads from its
 * ancestors:
 *  - `any`: the node is anyPolicy (its ancestors are all anyPolicy too:
 *    only anyPolicy expects anyPolicy, and mappings never name it);
 *  - `ok`: on some path from the root to it, the first node that is not
 *    anyPolicy has a valid_policy in the user-initial-policy-set (or
 *    that set is any-policy).
 * 6.1.5 (g)'s intersection is then non-empty exactly when the last level
 * has a node that is `ok` or `any` (an anyPolicy leaf is replaced by the
 * user's policies, a set that is never empty). Pruning childless nodes
 * (6.1.3 (d)(3)) is never needed: nothing reads a node above the current
 * level, and a level is empty exactly when the RFC's tree is NULL.
 *
 * A node's expected_policy_set is not stored: it is {valid_policy}, or,
 * after 6.1.4 (b)(1), the subjectDomainPolicy values that the recorded
 * policyMappings extension maps valid_policy to, read back from the
 * certificate when needed.
 *
 * Bounds: XC__POLICY_MAX_NODES nodes per level (two levels live in
 * xc__policy_work), XC__POLICY_MAX_STEPS node visits per call; past
 * either the answer is XC_PATH_WORK_LIMIT, never an overflow.
 */
#include "inner.h"
#include "path_inner.h"

#include <assert.h>

/* Distinct policies one level may hold: far above any real certificate
 * (the web PKI's CAs assert a handful), small enough for two levels to
 * fit xc__policy_work. */
#define XC__POLICY_MAX_NODES 256

/* Node visits (comparisons of a policy with a node or a mapping) per
 * call: 2^20 bounds the mapping meshes whose trees explode. */
#define XC__POLICY_MAX_STEPS ((size_t)1 << 20)

typedef struct pnode {
	xc_slice oid;           /* valid_policy (anyPolicy's OID for the any node) */
	xc_slice map;           /* policyMappings contents giving expected_policy_set; .p NULL: {oid} */
	bool any;
	bool ok;
} pnode;

typedef struct plevel {
	size_t n;
	pnode node[XC__POLICY_MAX_NODES];
} plevel;

typedef struct pstate {
	plevel lv[2];
} pstate;

static_assert(sizeof(pstate) <= sizeof(xc__policy_work), "policy levels fit xc__policy_work");
static_assert(_Alignof(pstate) <= _Alignof(xc__policy_work), "xc__policy_work is aligned enough");

typedef struct pctx {
	const xc_path_policy *pol;
	bool user_any;
	size_t steps;
	xc_slice any_oid;
} pctx;

static bool step(pctx *x)
{
	if (x->steps == 0)
		return false;
	x->steps--;
	return true;
}

/* True if P is in the user-initial-policy-set (6.1.1 (c)). */
static bool in_user(pctx *x, xc_slice p)
{
	if (x->user_any)
		return true;
	for (size_t k = 0; k < x->pol->n_initial_policies; k++)
		if (xc_slice_eq(x->pol->initial_policies[k], p))
			return true;
	return false;
}

/* One pair of a policyMappings list (its SEQUENCE's contents, checked
 * by map_load). */
static bool map_next(xc_der *d, xc_slice *issuer, xc_slice *subject)
{
	xc_der pair;

	if (!xc_der_more(d))
		return false;
	return xc_der_enter(d, XC_TAG_SEQUENCE, &pair) == XC_OK &&
	       xc_der_read_oid(&pair, issuer) == XC_OK && xc_der_read_oid(&pair, subject) == XC_OK &&
	       xc_der_finish(&pair) == XC_OK;
}

/* PolicyMappings ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE {
 *     issuerDomainPolicy CertPolicyId, subjectDomainPolicy CertPolicyId }
 * 6.1.4 (a): anyPolicy on either side fails the path. */
static xc_path_err map_load(const xc_cert *c, pctx *x, xc_slice *list)
{
	xc_ext ext;
	xc_der d, it;
	xc_slice a, b;
	size_t count = 0;

	*list = xc_slice_make(NULL, 0);
	if (xc_ext_find_id(c->extensions, XC_OID_POLICY_MAPPINGS, &ext) != XC_OK)
		return XC_PATH_OK;
	xc_der_init(&d, ext.value.p, ext.value.len);
	if (xc_der_expect(&d, XC_TAG_SEQUENCE, list) != XC_OK || xc_der_finish(&d) != XC_OK)
		return XC_PATH_POLICY_MALFORMED;
	xc_der_init(&it, list->p, list->len);
	while (map_next(&it, &a, &b)) {
		if (!step(x))
			return XC_PATH_WORK_LIMIT;
		if (xc_slice_eq(a, x->any_oid) || xc_slice_eq(b, x->any_oid))
			return XC_PATH_POLICY_MALFORMED;
		count++;
	}
	if (it.err || xc_der_more(&it) || count == 0)
		return XC_PATH_POLICY_MALFORMED;
	return XC_PATH_OK;
}

/* Is q in the node's expected_policy_set? */
static bool expects(pctx *x, const pnode *nd, xc_slice q)
{
	xc_der it;
	xc_slice a, b;

	if (!nd->map.p)
		return xc_slice_eq(nd->oid, q);
	xc_der_init(&it, nd->map.p, nd->map.len);
	while (map_next(&it, &a, &b) && step(x))
		if (xc_slice_eq(a, nd->oid) && xc_slice_eq(b, q))
			return true;
	return false;
}

/* Adds policy `oid` to a level, or merges it into the node already there
 * (the graph's one node per policy); NULL when the level is full or the
 * work is spent. */
static pnode *level_add(pctx *x, plevel *lv, xc_slice oid, bool any, bool ok)
{
	pnode *nd;

	for (size_t k = 0; k < lv->n; k++) {
		if (!step(x))
			return NULL;
		if (xc_slice_eq(lv->node[k].oid, oid)) {
			lv->node[k].ok |= ok;
			return &lv->node[k];
		}
	}
	if (lv->n == XC__POLICY_MAX_NODES)
		return NULL;
	nd = &lv->node[lv->n++];
	nd->oid = oid;
	nd->map = xc_slice_make(NULL, 0);
	nd->any = any;
	nd->ok = ok;
	return nd;
}

static const pnode *level_any(const plevel *lv)
{
	for (size_t k = 0; k < lv->n; k++)
		if (lv->node[k].any)
			return &lv->node[k];
	return NULL;
}

/* The child of parent `par` with valid_policy `p` (not anyPolicy). */
static bool add_child(pctx *x, plevel *cur, const pnode *par, xc_slice p)
{
	return level_add(x, cur, p, false, par->any ? in_user(x, p) : par->ok) != NULL;
}

/* 6.1.3 (d)(2): for each node of depth i-1 and each policy it expects,
 * a child, anyPolicy's own included. */
static bool add_expected(pctx *x, const plevel *prev, plevel *cur)
{
	for (size_t k = 0; k < prev->n; k++) {
		const pnode *par = &prev->node[k];
		xc_der it;
		xc_slice a, b;

		if (par->any) {
			if (!level_add(x, cur, x->any_oid, true, false))
				return false;
			continue;
		}
		if (!par->map.p) {
			if (!add_child(x, cur, par, par->oid))
				return false;
			continue;
		}
		xc_der_init(&it, par->map.p, par->map.len);
		while (map_next(&it, &a, &b))
			if (xc_slice_eq(a, par->oid) && !add_child(x, cur, par, b))
				return false;
	}
	return true;
}

/* 6.1.3 (d)(1) and (2) for certificate i: the next level into `cur`. */
static xc_path_err process_policies(pctx *x, const xc_policies *pols, const plevel *prev,
                                    plevel *cur, bool any_allowed)
{
	xc_policy_iter it;
	xc_policy_info info;
	bool cert_any = false;
	const pnode *prev_any = level_any(prev);

	cur->n = 0;
	xc_policy_iter_init(&it, pols->list);
	while (xc_policy_next(&it, &info) == XC_OK) {
		bool matched = false;

		if (xc_slice_eq(info.oid, x->any_oid)) {
			cert_any = true;
			continue;
		}
		for (size_t k = 0; k < prev->n; k++) {
			if (!expects(x, &prev->node[k], info.oid))
				continue;
			matched = true;
			if (!add_child(x, cur, &prev->node[k], info.oid))
				return XC_PATH_WORK_LIMIT;
		}
		if (!matched && prev_any && !add_child(x, cur, prev_any, info.oid))
			return XC_PATH_WORK_LIMIT;
		if (!step(x))
			return XC_PATH_WORK_LIMIT;
	}
	if (cert_any && any_allowed && !add_expected(x, prev, cur))
		return XC_PATH_WORK_LIMIT;
	return XC_PATH_OK;
}

/* 6.1.4 (b): the mappings of certificate i applied to level i. */
static xc_path_err apply_mappings(pctx *x, plevel *lv, xc_slice list, bool mapping_allowed)
{
	xc_der it;
	xc_slice a, b;
	bool has_any = level_any(lv) != NULL;

	xc_der_init(&it, list.p, list.len);
	while (map_next(&it, &a, &b)) {
		pnode *nd = NULL;
		size_t k;

		for (k = 0; k < lv->n && !xc_slice_eq(lv->node[k].oid, a); k++)
			if (!step(x))
				return XC_PATH_WORK_LIMIT;
		if (k < lv->n)
			nd = &lv->node[k];
		if (!mapping_allowed) {
			/* (b)(2): the mapped policy leaves the tree. */
			if (nd)
				*nd = lv->node[--lv->n];
			continue;
		}
		/* (b)(1): a node of ID-P, or one made under anyPolicy. */
		if (!nd && has_any && !(nd = level_add(x, lv, a, false, in_user(x, a))))
			return XC_PATH_WORK_LIMIT;
		if (nd)
			nd->map = list;
	}
	return XC_PATH_OK;
}

static void lower_to(uint64_t *var, uint64_t v)
{
	if (v < *var)
		*var = v;
}

/* policyConstraints of certificate c (*has false without one). */
static xc_path_err pc_load(const xc_cert *c, xc_policy_constraints *pc, bool *has)
{
	xc_ext ext;

	*has = xc_ext_find_id(c->extensions, XC_OID_POLICY_CONSTRAINTS, &ext) == XC_OK;
	if (!*has)
		return XC_PATH_OK;
	/* Critical or not: 4.2.1.11's "Conforming CAs MUST mark this
	 * extension as critical" binds issuers, and PKITS 4.8-4.12 (made
	 * for RFC 3280, which allowed either) carries it non-critical in
	 * PoliciesP1234CA and others. x509-limbo's
	 * rfc5280::pc::ica-noncritical-pc, which wants it refused, is the
	 * one case that disagrees (docs/core.md). */
	if (xc_policy_constraints_decode(pc, ext.value, NULL, NULL) != XC_OK)
		return XC_PATH_POLICY_MALFORMED;
	return XC_PATH_OK;
}

/* 6.1.4 (i)(j): the constraints certificate c (not the last) puts on the
 * certificates below it. */
static xc_path_err constrain(const xc_cert *c, uint64_t *explicit_policy, uint64_t *policy_mapping,
                             uint64_t *inhibit_any)
{
	xc_policy_constraints pc;
	xc_inhibit_any_policy iap;
	xc_ext ext;
	bool has;
	xc_path_err e;

	if ((e = pc_load(c, &pc, &has)) != XC_PATH_OK)
		return e;
	if (has && pc.has_require_explicit_policy)
		lower_to(explicit_policy, pc.require_explicit_policy);
	if (has && pc.has_inhibit_policy_mapping)
		lower_to(policy_mapping, pc.inhibit_policy_mapping);
	if (xc_ext_find_id(c->extensions, XC_OID_INHIBIT_ANY_POLICY, &ext) == XC_OK) {
		if (xc_inhibit_any_policy_decode(&iap, ext.value, NULL, NULL) != XC_OK)
			return XC_PATH_POLICY_MALFORMED;
		if (iap.fits)
			lower_to(inhibit_any, iap.value);
	}
	return XC_PATH_OK;
}

/* See path_inner.h. */
xc_path_err xc__path_policy_check(const xc__path_view *p, xc__policy_work *w, size_t *failed)
{
	const xc_oid_info *any_info = xc_oid_info_of(XC_OID_ANY_POLICY);
	pstate *st = (pstate *)(void *)w->space;
	plevel *prev = &st->lv[0], *cur = &st->lv[1];
	const xc_path_policy *pol = p->pol;
	size_t n = p->n - 1; /* RFC 5280's n: the anchor is not processed */
	uint64_t explicit_policy = pol->initial_explicit_policy ? 0 : n + 1;
	uint64_t inhibit_any = pol->initial_any_policy_inhibit ? 0 : n + 1;
	uint64_t policy_mapping = pol->initial_policy_mapping_inhibit ? 0 : n + 1;
	bool tree_null = false;
	pctx x = { pol, pol->n_initial_policies == 0, XC__POLICY_MAX_STEPS,
	           xc_slice_make(any_info->der, any_info->der_len) };
	xc_path_err e;

	for (size_t k = 0; k < pol->n_initial_policies; k++)
		if (xc_slice_eq(pol->initial_policies[k], x.any_oid))
			x.user_any = true;
	/* 6.1.2 (a): the root, anyPolicy expecting anyPolicy. */
	prev->n = 1;
	prev->node[0] = (pnode){ x.any_oid, { NULL, 0 }, true, false };

	for (size_t i = 1; i <= n; i++) {
		const xc_cert *c = p->cert[i];
		bool last = i == n, self_issued = xc__self_issued(c);
		xc_policies pols;
		xc_ext ext;
		xc_slice maps;

		*failed = i;
		if (xc_ext_find_id(c->extensions, XC_OID_CERTIFICATE_POLICIES, &ext) != XC_OK) {
			tree_null = true; /* 6.1.3 (e) */
		} else if (xc_policies_decode(&pols, ext.value, NULL, NULL) != XC_OK) {
			return XC_PATH_POLICY_MALFORMED;
		} else if (!tree_null) {
			/* 6.1.3 (d) */
			bool any_allowed = inhibit_any > 0 || (!last && self_issued);
			plevel *t;

			if ((e = process_policies(&x, &pols, prev, cur, any_allowed)) != XC_PATH_OK)
				return e;
			t = prev;
			prev = cur;
			cur = t;
			tree_null = prev->n == 0;
		}
		if (explicit_policy == 0 && tree_null)
			return XC_PATH_POLICY; /* 6.1.3 (f) */

		if (last) {
			/* 6.1.5 (a)(b) */
			xc_policy_constraints pc;
			bool has;

			if (explicit_policy > 0)
				explicit_policy--;
			if ((e = pc_load(c, &pc, &has)) != XC_PATH_OK)
				return e;
			if (has && pc.has_require_explicit_policy && pc.require_explicit_policy == 0)
				explicit_policy = 0;
			break;
		}
		/* 6.1.4 (a)(b) */
		if ((e = map_load(c, &x, &maps)) != XC_PATH_OK)
			return e;
		if (maps.p && !tree_null) {
			if ((e = apply_mappings(&x, prev, maps, policy_mapping > 0)) != XC_PATH_OK)
				return e;
			tree_null = prev->n == 0;
		}
		/* 6.1.4 (h) */
		if (!self_issued) {
			if (explicit_policy > 0)
				explicit_policy--;
			if (policy_mapping > 0)
				policy_mapping--;
			if (inhibit_any > 0)
				inhibit_any--;
		}
		if ((e = constrain(c, &explicit_policy, &policy_mapping, &inhibit_any)) != XC_PATH_OK)
			return e;
	}
	/* 6.1.5 (g) and 6.1.6: valid if explicit_policy > 0 or the
	 * intersection with the user's set is not empty. */
	*failed = n;
	if (explicit_policy > 0)
		return XC_PATH_OK;
	for (size_t k = 0; !tree_null && k < prev->n; k++)
		if (prev->node[k].any || prev->node[k].ok)
			return XC_PATH_OK;
	return XC_PATH_POLICY;
}
