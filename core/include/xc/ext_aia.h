/*
 * xc/ext_aia.h - AuthorityInformationAccess and SubjectInformationAccess
 * (RFC 5280 4.2.2.1 and 4.2.2.2).
 *
 *   AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription
 *   AccessDescription ::= SEQUENCE {
 *       accessMethod   OBJECT IDENTIFIER,
 *       accessLocation GeneralName }
 *
 * The decoder follows the conventions of xc/ext_basic.h. pyca 38 accepts
 * an empty list, so this does too; the access method may be any OID.
 */
#ifndef XC_EXT_AIA_H
#define XC_EXT_AIA_H

#include "ext.h"
#include "gn.h"

typedef struct xc_aia {
	xc_slice list;          /* the SEQUENCE's contents */
	size_t count;
} xc_aia;

/* Decodes either extension (the syntax is the same). */
xc_err xc_aia_decode(xc_aia *out, xc_slice value, const uint8_t *base, size_t *off);

typedef struct xc_access_desc {
	xc_slice method;        /* accessMethod: OID contents */
	xc_gn location;
} xc_access_desc;

typedef struct xc_aia_iter {
	xc_der d;
} xc_aia_iter;

/* Iterates a decoded list; XC_END after the last. */
void xc_aia_iter_init(xc_aia_iter *it, xc_slice list);
xc_err xc_aia_next(xc_aia_iter *it, xc_access_desc *out);

#endif
