/*
 * xc/ext.h - the raw extensions of certificates, CRLs, CRL entries and CSRs.
 *
 *   Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
 *   Extension  ::= SEQUENCE {
 *       extnID     OBJECT IDENTIFIER,
 *       critical   BOOLEAN DEFAULT FALSE,
 *       extnValue  OCTET STRING }
 *
 * An extensions block is a slice: the contents of the Extensions SEQUENCE.
 * The object parsers check its structure (xc_ext_check), so iteration over
 * a parsed object's block does not fail.
 */
#ifndef XC_EXT_H
#define XC_EXT_H

#include "der.h"
#include "oid.h"

typedef struct xc_ext {
	xc_slice oid;           /* extnID: OID contents */
	bool critical;
	xc_slice value;         /* extnValue's contents: the extension's DER */
	xc_slice raw;           /* the whole Extension TLV */
} xc_ext;

typedef struct xc_ext_iter {
	xc_der d;
} xc_ext_iter;

/* Checks an extensions block: each a SEQUENCE of OID, optional BOOLEAN
 * (DER: an explicit FALSE is an error), OCTET STRING, nothing else.
 * *count (may be NULL) gets the number of extensions. */
xc_err xc_ext_check(xc_slice exts, const uint8_t *base, size_t *off, size_t *count);

/* Iterates the extensions of a checked block in DER order. */
void xc_ext_iter_init(xc_ext_iter *it, xc_slice exts);
xc_err xc_ext_next(xc_ext_iter *it, xc_ext *out);

/* Finds the first extension with OID `oid` (contents); XC_NOT_FOUND if
 * there is none. */
xc_err xc_ext_find(xc_slice exts, xc_slice oid, xc_ext *out);

/* Finds by known id. */
xc_err xc_ext_find_id(xc_slice exts, xc_oid_id id, xc_ext *out);

#endif
