/*
 * xc/issuer.h - finding the issuer of a certificate or CRL among
 * candidates the caller supplies.
 *
 * One step of path building (RFC 5280 6, RFC 4158): which of the
 * caller's certificates signed this object? The core holds no store; a
 * callback hands it candidate i of a Name, one at a time, parsed into
 * the caller's memory. The search keeps its state in a caller-owned
 * xc_issuer_search (no allocation), so a path builder can keep one per
 * level of its chain and backtrack: each xc_issuer_next() gives the next
 * issuer whose key verifies the object.
 *
 * The order candidates are tried in (RFC 4158 3.5 sorts the same way):
 *   1. the object itself, when XC_ISSUER_SELF is set and it is a
 *      certificate that names itself (xc_cert_chains_to(c, c));
 *   2. candidates whose subject equals the object's issuer Name and
 *      whose subjectKeyIdentifier equals its authorityKeyIdentifier
 *      keyIdentifier (a key-id match);
 *   3. candidates whose subject equals the issuer Name where one of
 *      the two key identifiers is absent (a name match).
 * Within 2 and 3, the supplier's order. A candidate whose key identifier
 * differs, or whose SKI is malformed, is not an issuer; an object whose
 * AKI is malformed has none (as xc_cert_chains_to()). A candidate whose
 * DER is the object's own is skipped (step 1 decides about it).
 *
 * Each try is a signature check (xc_issuer_verify()): a DSA issuer key
 * without domain parameters (RFC 3279 2.3.2) takes them from a
 * certificate that issued it, found among the same supplier's candidates
 * for its issuer Name, one level deep, the first that gives VALID.
 *
 * Work is bounded: every signature check takes one from the caller's
 * budget (see xc_issuer_search_init), and the search stops when it is
 * spent; the callback is called at most twice per candidate and level.
 *
 * The verdict when no candidate verifies (xc_issuer_verdict()) ranks
 * what was seen: INVALID over any other failure, UNSUPPORTED only when
 * every candidate was unsupported, else the first other failure.
 */
#ifndef XC_ISSUER_H
#define XC_ISSUER_H

#include "cert.h"
#include "crl.h"
#include "verify.h"

/* What the search needs of a signed object: its DER, the signed part, the
 * two algorithms (which must be equal, xc/chain.h), the issuer Name and
 * the extensions. Slices into the object's own DER. */
typedef struct xc_signed_obj {
	const xc_cert *cert;    /* the certificate, or NULL for a CRL */
	xc_slice der;
	xc_slice tbs;
	const xc_algid *tbs_sig_alg;
	const xc_algid *sig_alg;
	xc_slice signature;
	xc_slice issuer;        /* issuer Name contents */
	xc_slice extensions;    /* .p NULL if absent */
} xc_signed_obj;

/* The view of a certificate or a CRL; it points into *c or *crl, which
 * must outlive it. */
xc_signed_obj xc_signed_of_cert(const xc_cert *c);
xc_signed_obj xc_signed_of_crl(const xc_crl *crl);

/* The caller's candidates and, optionally, its signature check. */
typedef struct xc_issuer_src {
	/* Candidate i (0, 1, ...) for an issuer Name `name` (contents):
	 * true with *out parsed, false past the last. `key_id` (absent:
	 * .p NULL) is the object's AKI keyIdentifier, a hint a supplier may
	 * use to leave out certificates whose SKI differs. The candidates
	 * need not match: the search compares names and keys itself. The
	 * same (name, i) must give the same certificate during a search.
	 * Lifetime: a candidate the search returned (xc_issuer_found) must
	 * stay valid while the caller uses it; the others may be released
	 * once the search asks for the next one of the same name. */
	bool (*cand)(void *ctx, xc_slice name, xc_slice key_id, size_t i, xc_cert *out);
	/* NULL, or what the search calls instead of xc_verify_inherit() for
	 * the object `o` and an issuer (`params`, maybe empty, as in
	 * xc_verify_inherit()): a place for a verdict cache. It must return
	 * what xc_issuer_raw_verify(o, issuer, params) would. */
	xc_verify_result (*verify)(void *ctx, const xc_signed_obj *o, const xc_cert *issuer,
				   xc_slice params);
	void *ctx;
} xc_issuer_src;

/* The signature check alone, without inheritance: the inner algorithm
 * must equal the outer (xc/chain.h), then xc_verify_inherit(). */
xc_verify_result xc_issuer_raw_verify(const xc_signed_obj *o, const xc_cert *issuer,
				      xc_slice params);

/* Does `issuer` verify `o`, with its DSA parameters inherited from a
 * candidate of src for the issuer's issuer when its key lacks them?
 * *inherited (may be NULL) tells whether they were. *budget as for the
 * search (NULL: unbounded); with none left, XC_VERIFY_ERROR. */
xc_verify_result xc_issuer_verify(const xc_signed_obj *o, const xc_cert *issuer,
				  const xc_issuer_src *src, size_t *budget, bool *inherited);

/* Flags of xc_issuer_search_init(). */
#define XC_ISSUER_SELF 1u       /* try the object's own key first */

typedef enum xc_issuer_stage {
	XC_ISSUER_STAGE_SELF,
	XC_ISSUER_STAGE_KEY_ID,
	XC_ISSUER_STAGE_NAME,
	XC_ISSUER_STAGE_DONE,
} xc_issuer_stage;

/* The search's state: declared so the caller can hold it (on the stack,
 * one per level of a chain); read it through the functions below. */
typedef struct xc_issuer_search {
	xc_signed_obj obj;
	const xc_issuer_src *src;
	size_t *budget;
	xc_slice key_id;        /* the object's AKI keyIdentifier, if any */
	xc_issuer_stage stage;
	size_t next;            /* candidate index within the stage */
	size_t tried;           /* signature checks made */
	xc_verify_result best;  /* of those, ranked (see above) */
} xc_issuer_search;

/* One issuer found. */
typedef struct xc_issuer_found {
	xc_cert cert;           /* the issuer (the object itself when self) */
	bool self;              /* the object verified with its own key */
	size_t index;           /* the candidate's i for the object's issuer
	                         * Name (not when self) */
	bool inherited;         /* DSA parameters came from its issuer */
} xc_issuer_found;

/* Starts a search for o's issuers (o is copied; what it points into must
 * outlive the search). `budget` (NULL: unbounded) is the number of
 * signature checks left, shared by every search given the same counter:
 * a chain's levels spend from one. */
void xc_issuer_search_init(xc_issuer_search *s, const xc_signed_obj *o,
			   const xc_issuer_src *src, unsigned flags, size_t *budget);

/* The next issuer that verifies the object, in the order above: true with
 * *f filled, false when there is none left (or the budget is spent). */
bool xc_issuer_next(xc_issuer_search *s, xc_issuer_found *f);

/* The best verdict seen so far: XC_VERIFY_VALID once xc_issuer_next()
 * returned true, else the ranked failure; *tried (may be NULL) is the
 * number of candidates checked, 0 meaning no certificate names the
 * issuer (the verdict is then XC_VERIFY_KEY_MISMATCH). */
xc_verify_result xc_issuer_verdict(const xc_issuer_search *s, size_t *tried);

/* xc_issuer_search_init() then xc_issuer_next() once: XC_VERIFY_VALID with
 * *f filled, or xc_issuer_verdict(). */
xc_verify_result xc_issuer_find(const xc_signed_obj *o, const xc_issuer_src *src,
				unsigned flags, size_t *budget, xc_issuer_found *f,
				size_t *tried);

#endif
