/*
 * path_build.h - the private layout of xc_path_work and the pieces the
 * path builder (path.c) shares with the per-certificate checks
 * (path_cert.c) and revocation (path_rev.c). Not installed.
 */
#ifndef XC_PATH_BUILD_H
#define XC_PATH_BUILD_H

#include <xc/ext_basic.h>
#include <xc/issuer.h>
#include <xc/path.h>

#include "path_inner.h"

/* What xc_path_validate() keeps in the caller's xc_path_work: one issuer
 * search and one found issuer per level of the explicit stack (level k
 * searches the issuer of chain[k]), the chain itself (end entity first)
 * and its reversal for the whole-path rules (anchor first), and the
 * policy tree's memory. */
typedef struct xc__path_state {
	xc_issuer_search search[XC_PATH_MAX_DEPTH];
	xc_issuer_found found[XC_PATH_MAX_DEPTH];
	const xc_cert *chain[XC_PATH_MAX_DEPTH];
	const xc_cert *view[XC_PATH_MAX_DEPTH];
	xc_issuer_src src;
	size_t budget;
	xc__policy_work policy;
} xc__path_state;

/* The extensions of one certificate that the checks read, decoded once. */
typedef struct xc__cert_exts {
	bool has_bc, bc_critical;
	xc_bc bc;
	bool has_ku;
	xc_ku ku;
	bool has_eku, eku_critical;
	xc_eku eku;
	bool has_ski, has_aki;
	xc_aki aki;
	xc_slice ski;
	bool has_san, san_critical;
	bool has_crldp;
	xc_slice crldp;         /* the extension's value */
} xc__cert_exts;

/* Decodes the extensions of c that the checks need, and rejects what RFC
 * 5280 4.2 forbids of any certificate: a duplicate (DUPLICATE_EXT), an
 * unknown critical extension (UNKNOWN_CRITICAL), a known extension that
 * does not decode (MALFORMED_EXT). */
xc_path_err xc__cert_exts_read(const xc_cert *c, xc__cert_exts *x);

/* 6.1.3 and 6.1.4 for every certificate of the candidate path p (anchor
 * first), the web-PKI rules, EKU and the end entity's key usage: the
 * checks that look at one certificate (and its issuer) at a time. */
xc_path_err xc__path_check_certs(const xc__path_view *p, size_t *failed);

/* 6.3 for every certificate of p but the anchor; fills res->rev*[] (in
 * the result's order: end entity first). REVOKED, or REVOCATION_UNKNOWN
 * when the policy requires a status and one is missing. */
xc_path_err xc__path_check_revocation(const xc__path_view *p, const xc_path_input *in,
				      const xc_issuer_src *src, size_t *budget,
				      xc_path_result *res, size_t *failed);

#endif
