/*
 * path_rev.c - revocation from the caller's CRLs, RFC 5280 6.3, for every
 * certificate of a candidate path but the anchor.
 *
 * For a certificate c, each CRL in turn is usable when (6.3.3):
 *   - it is a complete CRL: a delta CRL (deltaCRLIndicator) never stands
 *     alone, and this verifier does not combine deltas with bases (a delta
 *     is skipped: the base alone decides);
 *   - its extensions are known or non-critical, it carries a non-critical
 *     cRLNumber (5.2.3, MUST; x509-limbo's crlnumber-missing and
 *     crlnumber-critical), and no entry has an unknown critical extension;
 *   - it is fresh: thisUpdate <= at, and at <= nextUpdate when present;
 *   - it is in scope (b): issued by c's issuer, or an indirect CRL
 *     (issuingDistributionPoint indirectCRL) whose issuer c's
 *     cRLDistributionPoints names as cRLIssuer; the IDP's distribution
 *     point name, when present, equals one of c's distribution point
 *     names (a certificate without any matches only a CRL without one,
 *     as OpenSSL does); onlyContainsUserCerts excludes CAs,
 *     onlyContainsCACerts end entities, onlyContainsAttributeCerts both;
 *   - it is signed (f) by a certificate with that issuer name whose
 *     keyUsage, when present, asserts cRLSign: one of the path (the usual
 *     case), an anchor, or an intermediate that itself chains to a path
 *     certificate or an anchor, is valid at `at` and is not revoked (that
 *     last check accepts only CRLs signed by the path, the anchors, or the
 *     signer itself: one level, no recursion).
 * The reasons each usable CRL covers (onlySomeReasons, else all) add up;
 * c is GOOD once every reason is covered without its serial listed,
 * REVOKED as soon as a usable CRL lists it (removeFromCRL aside),
 * UNKNOWN otherwise.
 *
 * Cost: per certificate, each CRL's issuer name is compared; for a
 * candidate, one signature check and one lookup, a binary search with
 * the caller's xc_crl_index, else a scan of its entries.
 */
#include "path_build.h"

#include <xc/chain.h>
#include <xc/ext_dp.h>
#include <xc/name.h>

#define ALL_REASONS 0x1feu      /* ReasonFlags bits 1..8 */

typedef struct rev_ctx {
	const xc__path_view *p;
	const xc_path_input *in;
	const xc_issuer_src *src;
	size_t *budget;
} rev_ctx;

/* What a CRL says about its own scope. */
typedef struct crl_scope {
	bool has_idp;
	xc_idp idp;
} crl_scope;

/* The CRL's extensions: false if the CRL is unusable (see the top). */
static bool crl_exts_ok(const xc_crl *crl, crl_scope *sc)
{
	xc_ext_iter it;
	xc_ext e;
	bool number = false;

	sc->has_idp = false;
	if (!crl->extensions.p)
		return false;
	xc_ext_iter_init(&it, crl->extensions);
	while (xc_ext_next(&it, &e) == XC_OK) {
		xc_oid_id id = xc_oid_lookup(e.oid);

		if (id == XC_OID_DELTA_CRL_INDICATOR)
			return false;
		if (id == XC_OID_CRL_NUMBER) {
			if (e.critical)
				return false;
			number = true;
		} else if (id == XC_OID_ISSUING_DISTRIBUTION_POINT) {
			if (xc_idp_decode(&sc->idp, e.value, NULL, NULL) != XC_OK)
				return false;
			sc->has_idp = true;
		} else if (e.critical && id != XC_OID_AUTHORITY_KEY_IDENTIFIER &&
			   id != XC_OID_ISSUER_ALTERNATIVE_NAME) {
			return false;
		}
	}
	return number && !(sc->has_idp && sc->idp.only_contains_attribute_certs);
}

/* Does some GeneralName of the list `gns` name `name` as directoryName? */
static bool gns_name(xc_slice gns, xc_slice name)
{
	xc_gn_iter it;
	xc_gn g;

	xc_gn_iter_init(&it, gns);
	while (xc_gn_next(&it, &g) == XC_OK)
		if (g.type == XC_GN_DIRECTORY_NAME && xc_name_equal(g.value, name))
			return true;
	return false;
}

/* Is the Name `full` (contents) the Name `base` with the RDN `rdn` (SET
 * contents) appended? A nameRelativeToCRLIssuer is that (5.2.5, 4.2.1.13):
 * the CRL issuer's name plus one RDN. */
static bool dn_is_base_plus(xc_slice full, xc_slice base, xc_slice rdn)
{
	xc_der d;
	xc_tlv t, last = { 0 };

	xc_der_init(&d, full.p, full.len);
	while (xc_der_more(&d)) {
		if (xc_der_read(&d, &t) != XC_OK)
			return false;
		last = t;
	}
	if (!last.raw.p)
		return false;
	return xc_slice_eq(last.value, rdn) &&
	       xc_name_equal(xc_slice_make(full.p, (size_t)(last.raw.p - full.p)), base);
}

/* Does a fullName list hold a directoryName equal to base + rdn? */
static bool full_has_relative(xc_slice gns, xc_slice base, xc_slice rdn)
{
	xc_gn_iter it;
	xc_gn g;

	xc_gn_iter_init(&it, gns);
	while (xc_gn_next(&it, &g) == XC_OK)
		if (g.type == XC_GN_DIRECTORY_NAME && dn_is_base_plus(g.value, base, rdn))
			return true;
	return false;
}

/* Do two DistributionPointNames match: a fullName in common (byte-equal
 * GeneralNames, a directoryName by xc_name_equal), equal RDNs, or a
 * fullName directoryName that is the other's RDN under the CRL issuer's
 * name `base`? */
static bool dp_names_match(const xc_dp_name *a, const xc_dp_name *b, xc_slice base)
{
	xc_gn_iter ia, ib;
	xc_gn ga, gb;

	if (a->type == XC_DP_RELATIVE_NAME && b->type == XC_DP_FULL_NAME)
		return full_has_relative(b->full_name, base, a->relative_name);
	if (a->type == XC_DP_FULL_NAME && b->type == XC_DP_RELATIVE_NAME)
		return full_has_relative(a->full_name, base, b->relative_name);
	if (a->type != b->type)
		return false;
	if (a->type == XC_DP_RELATIVE_NAME)
		return xc_slice_eq(a->relative_name, b->relative_name);
	xc_gn_iter_init(&ia, a->full_name);
	while (xc_gn_next(&ia, &ga) == XC_OK) {
		xc_gn_iter_init(&ib, b->full_name);
		while (xc_gn_next(&ib, &gb) == XC_OK) {
			if (ga.type == XC_GN_DIRECTORY_NAME && gb.type == XC_GN_DIRECTORY_NAME
				    ? xc_name_equal(ga.value, gb.value)
				    : xc_slice_eq(ga.raw, gb.raw))
				return true;
		}
	}
	return false;
}

/* Is the CRL in scope for c (6.3.3 (b))? *reasons gets what it covers. */
static bool in_scope(const xc_cert *c, const xc__cert_exts *x, const xc_crl *crl,
		     const crl_scope *sc, unsigned *reasons)
{
	bool ca = x->has_bc && x->bc.ca, issuer_ok = xc_name_equal(crl->issuer, c->issuer);
	bool dp_ok = !sc->has_idp || sc->idp.name.type == XC_DP_NAME_NONE;
	xc_dps dps;
	xc_dp_iter it;
	xc_dp dp;

	if (sc->has_idp && ((sc->idp.only_contains_user_certs && ca) ||
			    (sc->idp.only_contains_ca_certs && !ca)))
		return false;
	if (x->has_crldp && xc_dps_decode(&dps, x->crldp, NULL, NULL) == XC_OK) {
		xc_dp_iter_init(&it, dps.list);
		while (xc_dp_next(&it, &dp) == XC_OK) {
			bool this_issuer = dp.has_crl_issuer
						   ? sc->has_idp && sc->idp.indirect_crl &&
							     gns_name(dp.crl_issuer, crl->issuer)
						   : issuer_ok;

			if (!this_issuer)
				continue;
			if (!dp_ok && dp.name.type != XC_DP_NAME_NONE &&
			    dp_names_match(&dp.name, &sc->idp.name, crl->issuer))
				dp_ok = true;
			else if (!dp_ok && dp.name.type == XC_DP_NAME_NONE && dp.has_crl_issuer &&
				 sc->idp.name.type == XC_DP_FULL_NAME &&
				 gns_name(sc->idp.name.full_name, crl->issuer))
				dp_ok = true;
			issuer_ok = true;
		}
	}
	if (!issuer_ok || !dp_ok)
		return false;
	*reasons = sc->has_idp && sc->idp.has_only_some_reasons
			   ? sc->idp.only_some_reasons & ALL_REASONS
			   : ALL_REASONS;
	return true;
}

/* The entry for c in the CRL: XC_OK (found), XC_NOT_FOUND, or an error
 * when the CRL is unusable (an unknown critical entry extension). With
 * an index and no certificateIssuer entries, a binary search; otherwise
 * a scan that follows certificateIssuer (5.3.3) from the CRL's issuer. */
static xc_err find_entry(const xc_crl *crl, const xc_crl_index *ix, const xc_cert *c,
			 xc_revoked *out)
{
	xc_revoked_iter it;
	xc_slice issuer = crl->issuer;
	bool found = false;
	xc_err e;

	if (ix && ix->crl == crl && !ix->has_cert_issuer) {
		/* Every entry is the CRL issuer's: for another issuer's
		 * certificate (an indirect CRL) none applies. */
		if (ix->unknown_critical)
			return XC_ERR_EXT_VALUE;
		if (!xc_name_equal(crl->issuer, c->issuer))
			return XC_NOT_FOUND;
		return xc_crl_index_find(ix, c->serial, out);
	}
	xc_revoked_iter_init(&it, crl);
	xc_revoked r;
	while ((e = xc_revoked_next(&it, &r)) == XC_OK) {
		xc_ext_iter ei;
		xc_ext x;

		xc_ext_iter_init(&ei, r.extensions);
		while (r.extensions.p && xc_ext_next(&ei, &x) == XC_OK) {
			xc_oid_id id = xc_oid_lookup(x.oid);
			xc_gn_iter gi;
			xc_gn g;

			if (id == XC_OID_CERTIFICATE_ISSUER) {
				xc_alt_names an;

				if (xc_alt_names_decode(&an, x.value, NULL, NULL) != XC_OK)
					return XC_ERR_EXT_VALUE;
				xc_gn_iter_init(&gi, an.gns);
				while (xc_gn_next(&gi, &g) == XC_OK)
					if (g.type == XC_GN_DIRECTORY_NAME) {
						issuer = g.value;
						break;
					}
			} else if (x.critical && id != XC_OID_CRL_REASON &&
				   id != XC_OID_INVALIDITY_DATE) {
				return XC_ERR_EXT_VALUE;
			}
		}
		if (!found && xc_slice_eq(r.serial, c->serial) && xc_name_equal(issuer, c->issuer)) {
			*out = r;
			found = true;
		}
	}
	if (e != XC_END)
		return e;
	return found ? XC_OK : XC_NOT_FOUND;
}

/* May `s` sign CRLs (keyUsage cRLSign when present), and is its key the
 * CRL's signer? */
static bool signs_crl(const rev_ctx *rc, const xc_cert *s, const xc_crl *crl)
{
	xc__cert_exts x;
	xc_signed_obj o = xc_signed_of_crl(crl);

	if (!xc_name_equal(s->subject, crl->issuer) || xc__cert_exts_read(s, &x) != XC_PATH_OK ||
	    (x.has_ku && !(x.ku.bits & XC_KU_CRL_SIGN)))
		return false;
	return xc_issuer_verify(&o, s, rc->src, rc->budget, NULL) == XC_VERIFY_VALID;
}

/* Candidate i for a CRL signer: the path, the anchors, the intermediates. */
static const xc_cert *signer_cand(const rev_ctx *rc, size_t i)
{
	if (i < rc->p->n)
		return rc->p->cert[rc->p->n - 1 - i];
	i -= rc->p->n;
	if (i < rc->in->n_anchors)
		return &rc->in->anchors[i];
	i -= rc->in->n_anchors;
	return i < rc->in->n_intermediates ? &rc->in->intermediates[i] : NULL;
}

/* One certificate's status; `outside` tells whether a CRL signer may come
 * from outside the path and anchors (then it is checked with outside
 * false: one level). res_* get the revocation date and reason. */
typedef struct rev_answer {
	xc_revocation status;
	xc_time date;
	int reason;
} rev_answer;

static rev_answer status_of(const rev_ctx *rc, const xc_cert *c, const xc_cert *self_signer,
			    bool outside);

/* Is the signer `s` of an outside CRL acceptable: issued by a path
 * certificate or an anchor, valid at `at`, not revoked? */
static bool outside_signer_ok(const rev_ctx *rc, const xc_cert *s)
{
	xc_signed_obj o = xc_signed_of_cert(s);
	int64_t at = rc->p->pol->at;
	bool issued = false;

	if (at < s->not_before.epoch || at > s->not_after.epoch)
		return false;
	for (size_t i = 0; !issued && (i < rc->p->n + rc->in->n_anchors); i++) {
		const xc_cert *is = signer_cand(rc, i);

		issued = xc_name_equal(is->subject, s->issuer) &&
			 xc_issuer_verify(&o, is, rc->src, rc->budget, NULL) == XC_VERIFY_VALID;
	}
	return issued && status_of(rc, s, s, false).status == XC_REV_GOOD;
}

static rev_answer status_of(const rev_ctx *rc, const xc_cert *c, const xc_cert *self_signer,
			    bool outside)
{
	rev_answer a = { XC_REV_UNKNOWN, { 0 }, -1 };
	const xc_path_input *in = rc->in;
	int64_t at = rc->p->pol->at;
	unsigned covered = 0, reasons;
	xc__cert_exts x;

	if (xc__cert_exts_read(c, &x) != XC_PATH_OK)
		return a;
	for (size_t k = 0; k < in->n_crls && covered != ALL_REASONS; k++) {
		const xc_crl *crl = &in->crls[k];
		crl_scope sc;
		xc_revoked r;
		xc_err e;
		const xc_cert *s = NULL;

		if (crl->last_update.epoch > at || (crl->has_next_update && crl->next_update.epoch < at))
			continue;
		if (!crl_exts_ok(crl, &sc) || !in_scope(c, &x, crl, &sc, &reasons) ||
		    !(reasons & ~covered))
			continue;
		size_t limit = outside ? rc->p->n + in->n_anchors + in->n_intermediates
				       : rc->p->n + in->n_anchors;
		for (size_t i = 0; !s && i < limit; i++) {
			const xc_cert *cand = signer_cand(rc, i);

			if (signs_crl(rc, cand, crl) &&
			    (i < rc->p->n + in->n_anchors || outside_signer_ok(rc, cand)))
				s = cand;
		}
		if (!s && self_signer && signs_crl(rc, self_signer, crl))
			s = self_signer;
		if (!s)
			continue;
		e = find_entry(crl, in->crl_index ? &in->crl_index[k] : NULL, c, &r);
		if (e == XC_OK) {
			xc_ext ext;
			xc_crl_reason why;

			a.reason = -1;
			if (r.extensions.p && xc_ext_find_id(r.extensions, XC_OID_CRL_REASON, &ext) == XC_OK &&
			    xc_crl_reason_decode(&why, ext.value, NULL, NULL) == XC_OK)
				a.reason = (int)why;
			if (a.reason == XC_CRL_REASON_REMOVE_FROM_CRL) {
				covered |= reasons;
				continue;
			}
			a.status = XC_REV_REVOKED;
			a.date = r.revocation_date;
			return a;
		}
		if (e == XC_NOT_FOUND)
			covered |= reasons;
	}
	a.reason = -1;
	if (covered == ALL_REASONS)
		a.status = XC_REV_GOOD;
	return a;
}

/* See path_build.h. */
xc_path_err xc__path_check_revocation(const xc__path_view *p, const xc_path_input *in,
				      const xc_issuer_src *src, size_t *budget,
				      xc_path_result *res, size_t *failed)
{
	rev_ctx rc = { p, in, src, budget };
	xc_path_err err = XC_PATH_OK;

	/* The end entity first: its failure is the one reported. */
	for (size_t i = p->n; i-- > 1;) {
		rev_answer a = status_of(&rc, p->cert[i], NULL, true);
		size_t k = p->n - 1 - i;

		res->rev[k] = a.status;
		res->rev_date[k] = a.date;
		res->rev_reason[k] = a.reason;
		if (err == XC_PATH_OK && a.status != XC_REV_GOOD) {
			err = a.status == XC_REV_REVOKED ? XC_PATH_REVOKED : XC_PATH_REVOCATION_UNKNOWN;
			*failed = i;
		}
	}
	return err;
}
