/*
 * xc/ext_nc.h - NameConstraints (RFC 5280 4.2.1.10).
 *
 *   NameConstraints ::= SEQUENCE {
 *       permittedSubtrees [0] GeneralSubtrees OPTIONAL,
 *       excludedSubtrees  [1] GeneralSubtrees OPTIONAL }
 *   GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree
 *   GeneralSubtree ::= SEQUENCE {
 *       base    GeneralName,
 *       minimum [0] BaseDistance DEFAULT 0,
 *       maximum [1] BaseDistance OPTIONAL }
 *
 * The decoder follows the conventions of xc/ext_basic.h. As in pyca 38:
 *  - at least one of the two lists must be present (XC_ERR_EXT_VALUE) and
 *    a present list must not be empty (XC_ERR_EMPTY);
 *  - minimum and maximum are read (64 bits unsigned, XC_ERR_INT_RANGE
 *    past 64 bits or below 0) but not reported, since pyca drops them;
 *    an explicit minimum of 0 (DER omits a DEFAULT) is XC_ERR_EXT_VALUE;
 *  - an iPAddress base must be an address and mask, 8 or 32 bytes, a
 *    proper network (see xc_gn_ip_format with network=true):
 *    XC_ERR_EXT_VALUE otherwise.
 */
#ifndef XC_EXT_NC_H
#define XC_EXT_NC_H

#include "ext.h"
#include "gn.h"

typedef struct xc_nc {
	/* Contents of each GeneralSubtrees SEQUENCE; .p NULL when absent. */
	xc_slice permitted;
	size_t permitted_count;
	xc_slice excluded;
	size_t excluded_count;
} xc_nc;

xc_err xc_nc_decode(xc_nc *out, xc_slice value, const uint8_t *base, size_t *off);

typedef struct xc_subtree_iter {
	xc_der d;
} xc_subtree_iter;

/* Iterates the bases of one decoded list; XC_END after the last. */
void xc_subtree_iter_init(xc_subtree_iter *it, xc_slice subtrees);
xc_err xc_subtree_next(xc_subtree_iter *it, xc_gn *base);

#endif
