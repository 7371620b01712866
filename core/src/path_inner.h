/*
 * path_inner.h - the contract between the path builder (path.c, which
 * walks candidate chains and does the per-certificate checks of RFC 5280
 * 6.1.3/6.1.4) and the rules that look at a whole candidate path at once:
 * name constraints (path_nc.c), certificate policies (path_policy.c) and
 * the peer name (path_name.c).
 *
 * A candidate path is an array p->cert[0..n): cert[0] is the trust anchor,
 * cert[n-1] the end entity (RFC 5280's numbering, with the anchor at 0).
 * Signatures, validity and basicConstraints have been checked before any
 * of these run; each answers XC_PATH_OK or its failure, and sets *failed
 * to the index in cert[] of the certificate at fault.
 */
#ifndef XC_PATH_INNER_H
#define XC_PATH_INNER_H

#include <xc/path.h>

typedef struct xc__path_view {
	const xc_cert *const *cert;
	size_t n;
	const xc_path_policy *pol;
} xc__path_view;

/* True if cert is self-issued (issuer name equals subject name,
 * xc_name_equal): 6.1.4 (b)(k)(l) and the name-constraint exemption. */
bool xc__self_issued(const xc_cert *c);

/* Name constraints, 6.1.3 (b)(c) and 6.1.4 (g)(i)(ii): each certificate
 * i >= 1 (self-issued intermediates exempt, the end entity never) is
 * checked against the nameConstraints of every certificate j < i, the
 * anchor's included (x509-limbo expects an anchor's constraints to bind).
 * Forms: dNSName, rfc822Name, iPAddress, directoryName, URI, the subject
 * emailAddress attribute, and under XC_PROFILE_WEBPKI the subject CN taken
 * as a DNS name. A constraint of a form it cannot check, on a name of that
 * form, is XC_PATH_NC_UNSUPPORTED when critical. Stateless: no memory. */
xc_path_err xc__path_nc_check(const xc__path_view *p, size_t *failed);

/* Certificate policies, 6.1.2 (a)(d)-(f), 6.1.3 (d)-(f), 6.1.4 (a)(b)
 * (h)-(j), 6.1.5 (a)(b)(g), over a bounded valid_policy_tree kept in `w`.
 * XC_PATH_POLICY when explicit policy is required and the tree is empty.
 * The size: two levels of the tree kept as a graph, 256 distinct policies
 * a level (path_policy.c's XC__POLICY_MAX_NODES, static_assert'ed to fit,
 * 20 KB of these 32); a wider level, or more than 2^20 node visits, is
 * XC_PATH_WORK_LIMIT, never an overflow. */
#define XC__POLICY_WORK_WORDS 4096
typedef struct xc__policy_work {
	uint64_t space[XC__POLICY_WORK_WORDS];
} xc__policy_work;
xc_path_err xc__path_policy_check(const xc__path_view *p, xc__policy_work *w, size_t *failed);

/* The peer name (pol->peer) against the end entity cert[n-1]: DNS names
 * with the wildcard rules of RFC 6125 6.4.3 as the web PKI applies them
 * (one leftmost whole-label '*', never on a public suffix check: not
 * required), IP addresses byte for byte against iPAddress SANs, email
 * addresses against rfc822Name SANs (local part exact, domain case-
 * insensitive). The subject CN is consulted only when the profile is
 * RFC 5280 and there is no SAN of the name's kind.
 * XC_PATH_NAME_MISMATCH or XC_PATH_NAME_MALFORMED. */
xc_path_err xc__path_name_check(const xc__path_view *p, size_t *failed);

#endif
