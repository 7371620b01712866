/*
 * xc/path.h - RFC 5280 path building and validation (section 6), with
 * revocation from caller-given CRLs (section 6.3). Issue 17.
 *
 * DRAFT CONTRACT (the lead's, for the helpers of issue 17): the types and
 * the error list below are what certverify, certfs and the limbo harness
 * program against. The implementer of the core may add fields and error
 * codes; renaming or removing one needs every user changed in the same
 * commit.
 *
 * Memory: the caller passes all working memory (xc_path_work, a plain
 * struct of fixed size set by the XC_PATH_MAX_* macros; put it on the heap
 * or in static storage, it is larger than a stack frame should be).
 * Nothing is allocated, the recursion is replaced by an explicit stack of
 * depth XC_PATH_MAX_DEPTH, and the work is bounded by XC_PATH_MAX_TRIES
 * (signature checks in one call, over all steps, revocation's included)
 * and XC_PATH_MAX_CHAINS (complete chains validated in one call).
 * The validation time is an input (pol->at): the core never reads a clock.
 *
 * The model (core/src/path.c has the numbered rule for choosing among
 * candidate issuers, path_cert.c the per-certificate checks in order,
 * path_rev.c the CRL rules): build candidate paths from the end entity
 * to an anchor by backtracking, validate each complete one, and stop at
 * the first that validates. Checks on every certificate of a path, the
 * anchor's included: validity at pol->at; the extensions block (no
 * duplicate, no unknown critical extension, every known one decodes);
 * basicConstraints cA and keyUsage keyCertSign on every issuer;
 * pathLenConstraint (self-issued intermediates exempt); name
 * constraints and policies (path_inner.h); the peer name on the end
 * entity; revocation of all but the anchor when asked.
 * The extensions it processes, hence accepts critical: basicConstraints,
 * keyUsage, extendedKeyUsage, subjectAltName, nameConstraints,
 * certificatePolicies, policyMappings, policyConstraints,
 * inhibitAnyPolicy, cRLDistributionPoints (and AKI, SKI, AIA, which RFC
 * 5280 forbids critical: XC_PATH_CRITICALITY).
 *
 * Caveats, what is NOT done:
 *  - delta CRLs are never used (never alone, and not merged with a base:
 *    the base decides); no OCSP; no fetching of anything (AIA, CRLDP);
 *  - the signer of a CRL from outside the path is accepted one level deep
 *    (issued by a path certificate or an anchor, and its own status from
 *    CRLs those sign, or it signs itself);
 *  - PKITS and x509-limbo disagree on a non-critical policyConstraints
 *    (tests/core/test_pkits.c counts it): the policy rules follow limbo;
 *  - no signature-verdict cache: every signature is checked on every call;
 *  - anchors are certificates: their own signature is not checked, their
 *    validity, extensions and basicConstraints are (as x509-limbo asks).
 */
#ifndef XC_PATH_H
#define XC_PATH_H

#include "cert.h"
#include "crl.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The limits, and why these numbers:
 * - DEPTH 16: certificates in a path, anchor included. Web PKI paths have
 *   3 or 4; PKITS's longest has 6 (plus self-issued ones); 16 leaves room
 *   for cross-signing while keeping xc_path_work's per-level state small.
 * - TRIES 256: signature checks per call (building and revocation). A
 *   normal validation needs 2 to 6; x509-limbo's 100-certificate
 *   same-name meshes hit the limit after 256 instead of exploring every
 *   order, which is the point (256 signature checks: milliseconds).
 * - CHAINS 32: complete candidate paths validated per call; each costs
 *   the whole-path rules (policy tree, name constraints), so this caps the
 *   work a cross-signing mesh can cause once its signatures all check. */
#define XC_PATH_MAX_DEPTH 16
#define XC_PATH_MAX_TRIES 256
#define XC_PATH_MAX_CHAINS 32

/* Every outcome of a validation: enum name (after XC_PATH_), text. The
 * enum, xc_path_errname() and xc_path_strerror() come from this list. */
#define XC_PATH_ERR_LIST(X) \
	X(OK, "valid") \
	/* building */ \
	X(NO_ISSUER, "no issuer found that chains to a trust anchor") \
	X(DEPTH, "path longer than the maximum depth") \
	X(WORK_LIMIT, "work limit reached before a valid path was found") \
	X(LOOP, "path repeats a certificate") \
	/* per certificate (6.1.3, 6.1.4) */ \
	X(SIGNATURE, "signature does not verify with the issuer's key") \
	X(NOT_YET_VALID, "certificate not yet valid at the validation time") \
	X(EXPIRED, "certificate expired at the validation time") \
	X(NAME_CHAIN, "issuer name does not match the issuer's subject") \
	X(NOT_CA, "issuer is not a CA (basicConstraints)") \
	X(PATH_LEN, "pathLenConstraint exceeded") \
	X(KEY_CERT_SIGN, "issuer's keyUsage lacks keyCertSign") \
	X(UNKNOWN_CRITICAL, "unrecognised critical extension") \
	X(MALFORMED_EXT, "malformed extension") \
	X(DUPLICATE_EXT, "extension appears twice") \
	X(KEY_USAGE, "keyUsage does not allow the required use") \
	X(EKU, "extendedKeyUsage does not allow the purpose") \
	X(UNSUPPORTED_KEY, "unsupported or malformed public key") \
	X(CRITICALITY, "extension critical (or not) against RFC 5280's rule for it") \
	X(KEY_ID, "authority or subject key identifier missing or inconsistent") \
	X(EMPTY_NAME, "empty issuer name, or empty subject where one is required") \
	X(SERIAL, "serial number not a positive integer of at most 20 octets") \
	/* name constraints (6.1.3 (b), (c)) */ \
	X(NC_EXCLUDED, "name in an excluded subtree") \
	X(NC_NOT_PERMITTED, "name outside the permitted subtrees") \
	X(NC_UNSUPPORTED, "name constraint of a form that cannot be checked") \
	X(NC_MALFORMED, "malformed name constraint or name") \
	/* policies (6.1.3 (d)-(f), 6.1.4 (a)-(b), (h)-(j), 6.1.5) */ \
	X(POLICY, "no acceptable certificate policy") \
	X(POLICY_MALFORMED, "malformed policy extension") \
	/* the peer name */ \
	X(NAME_MISMATCH, "certificate does not match the expected name") \
	X(NAME_MALFORMED, "expected name or certificate name malformed") \
	/* the web-PKI profile */ \
	X(WEBPKI_SIG_ALG, "signature algorithm not allowed by the profile") \
	X(WEBPKI_KEY, "public key not allowed by the profile") \
	X(WEBPKI, "certificate breaks a rule of the profile") \
	/* revocation (6.3) */ \
	X(REVOKED, "certificate revoked") \
	X(REVOCATION_UNKNOWN, "revocation status could not be determined")

typedef enum xc_path_err {
#define XC_PATH__ENUM(name, text) XC_PATH_##name,
	XC_PATH_ERR_LIST(XC_PATH__ENUM)
#undef XC_PATH__ENUM
	XC_PATH__COUNT
} xc_path_err;

const char *xc_path_errname(xc_path_err e);  /* "NO_ISSUER" */
const char *xc_path_strerror(xc_path_err e); /* the text above */

typedef enum xc_path_profile {
	XC_PROFILE_RFC5280,
	XC_PROFILE_WEBPKI,      /* CA/Browser Forum rules, as x509-limbo tests them */
} xc_path_profile;

typedef enum xc_path_purpose {
	XC_PURPOSE_ANY,
	XC_PURPOSE_SERVER,      /* id-kp-serverAuth */
	XC_PURPOSE_CLIENT,      /* id-kp-clientAuth */
} xc_path_purpose;

typedef enum xc_peer_kind {
	XC_PEER_NONE,
	XC_PEER_DNS,            /* value: the DNS name as text, no trailing dot */
	XC_PEER_IP,             /* value: 4 or 16 raw address bytes */
	XC_PEER_EMAIL,          /* value: local@domain as text */
} xc_peer_kind;

typedef struct xc_peer_name {
	xc_peer_kind kind;
	xc_slice value;
} xc_peer_name;

/* Classifies `s` as certverify's --name does: an email address if it
 * holds '@', an IP address if it parses as IPv4 or IPv6 (the bytes go to
 * ip[] and value points there), a DNS name otherwise. XC_ERR_ARG if it is
 * none of these (empty, or a malformed address). */
xc_err xc_peer_name_parse(xc_peer_name *out, const char *s, size_t len, uint8_t ip[16]);

typedef struct xc_path_policy {
	xc_path_profile profile;
	xc_path_purpose purpose;
	unsigned key_usage;             /* XC_KU_* bits the end entity must allow; 0 for none */
	unsigned max_depth;             /* certificates incl. the anchor and the end entity,
					 * self-issued intermediates not counted (as for
					 * pathLenConstraint: limbo's max-chain-depth-1-self-issued);
					 * 0 for XC_PATH_MAX_DEPTH */
	int64_t at;                     /* validation time, seconds since the epoch */
	const xc_slice *initial_policies; /* OID contents; n 0 means {anyPolicy} */
	size_t n_initial_policies;
	bool initial_explicit_policy;
	bool initial_policy_mapping_inhibit;
	bool initial_any_policy_inhibit;
	xc_peer_name peer;              /* XC_PEER_NONE: no name check */
	bool check_revocation;          /* every certificate but the anchor needs a status from the CRLs */
} xc_path_policy;

/* Sets the defaults: RFC 5280, any purpose, no key usage, max depth,
 * anyPolicy with no flags, no peer name, no revocation, at = `now`. */
void xc_path_policy_init(xc_path_policy *p, int64_t now);

/* A CRL's revoked entries indexed by serial number, in caller memory:
 * `off` holds one offset per entry (of its TLV from crl->revoked.p),
 * sorted by the serial's DER contents (length, then bytes), so a lookup is
 * a binary search: O(log n) compares of serials, no scan. Building costs
 * one pass over the entries plus an in-place heapsort, O(n log n), no
 * allocation, no recursion; the offsets must stay valid, and unchanged,
 * as long as the index is used, and so must the CRL.
 * The build also records what a lookup would otherwise have to scan for:
 * whether any entry carries a critical extension the verifier does not
 * know (RFC 5280 6.3.3: the CRL is then unusable), and whether any
 * carries certificateIssuer (an indirect CRL's entries need the scan,
 * since an entry's issuer depends on the entries before it). */
typedef struct xc_crl_index {
	const xc_crl *crl;
	const uint32_t *off;
	size_t n;
	bool unknown_critical;  /* some entry has an unrecognised critical extension */
	bool has_cert_issuer;   /* some entry has certificateIssuer */
} xc_crl_index;

/* Builds the index of `crl` into off[0..cap). XC_ERR_BUFFER if the CRL has
 * more than `cap` entries (crl->revoked_count is the size to give), or an
 * offset would not fit 32 bits. */
xc_err xc_crl_index_build(xc_crl_index *ix, const xc_crl *crl, uint32_t *off, size_t cap);

/* The entry for `serial` (INTEGER contents), XC_NOT_FOUND if none:
 * xc_crl_find_revoked() by binary search. */
xc_err xc_crl_index_find(const xc_crl_index *ix, xc_slice serial, xc_revoked *out);

/* The inputs, parsed by the caller; the core keeps pointers to them only
 * for the duration of the call (the result's chain points into them). */
typedef struct xc_path_input {
	const xc_cert *leaf;
	const xc_cert *intermediates;   /* untrusted */
	size_t n_intermediates;
	const xc_cert *anchors;         /* every one is a trust anchor (6.1.1 (d)) */
	size_t n_anchors;
	const xc_crl *crls;
	size_t n_crls;
	/* NULL, or one index per CRL (crl_index[i] for crls[i]): without it,
	 * revocation scans each candidate CRL's entries linearly, O(entries)
	 * per certificate and validation; with it, O(log entries). */
	const xc_crl_index *crl_index;
} xc_path_input;

typedef enum xc_revocation {
	XC_REV_NOT_CHECKED,
	XC_REV_GOOD,
	XC_REV_REVOKED,
	XC_REV_UNKNOWN,
} xc_revocation;

typedef struct xc_path_result {
	xc_path_err err;                /* XC_PATH_OK or the most specific failure */
	size_t failed;                  /* index in chain[] of the certificate that failed */
	const xc_cert *chain[XC_PATH_MAX_DEPTH]; /* end entity first, anchor last */
	size_t chain_len;               /* of the valid path, or of the path that failed */
	xc_revocation rev[XC_PATH_MAX_DEPTH];    /* per chain[] entry */
	xc_time rev_date[XC_PATH_MAX_DEPTH];     /* for XC_REV_REVOKED */
	int rev_reason[XC_PATH_MAX_DEPTH];       /* CRLReason, -1 if none */
	size_t tries;                   /* candidate issuers examined */
	size_t chains;                  /* complete chains validated */
} xc_path_result;

/* The working memory; its size is fixed by the macros above. The
 * implementation's own layout is private (core/src/path_inner.h). */
typedef struct xc_path_work {
	uint64_t space[8192];
} xc_path_work;

/* Builds and validates: the first chain that validates wins; if none does,
 * res->err is the most specific failure seen (core/src/path.c: the first
 * complete path's failure, else WORK_LIMIT when a limit stopped the
 * search, else the deepest building failure) with res->chain the path it
 * concerns and res->failed the certificate at fault. With
 * pol->check_revocation, res->rev[] holds each certificate's status (the
 * anchor's stays NOT_CHECKED), a REVOKED one its date and CRLReason (-1:
 * none given). Returns res->err. `work` may be reused across calls, not
 * shared between concurrent ones. */
xc_path_err xc_path_validate(const xc_path_input *in, const xc_path_policy *pol,
			     xc_path_work *work, xc_path_result *res);

#endif
