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

/* Where an extension sits: pyca/cryptography 38 decodes a different set of
 * types in each. A CSR's extensionRequest is a certificate's set (pyca
 * reads both with one parser). */
typedef enum xc_ext_place {
	XC_EXT_IN_CERT,
	XC_EXT_IN_CRL,
	XC_EXT_IN_CRL_ENTRY,
} xc_ext_place;

/* The decoded forms of extension values: one per decoder of the ext_*.h
 * headers (not per OID: SAN, IAN and certificateIssuer are all
 * GENERAL_NAMES). NONE: the value stays raw. */
#define XC_EXT_KINDS(X) \
	X(NONE) \
	X(BASIC_CONSTRAINTS)    /* xc_bc_decode */ \
	X(KEY_USAGE)            /* xc_ku_decode */ \
	X(EKU)                  /* xc_eku_decode */ \
	X(SKI)                  /* xc_ski_decode */ \
	X(AKI)                  /* xc_aki_decode */ \
	X(GENERAL_NAMES)        /* xc_gns_decode: SAN, IAN, certificateIssuer */ \
	X(POLICY_CONSTRAINTS)   /* xc_policy_constraints_decode */ \
	X(INHIBIT_ANY_POLICY)   /* xc_inhibit_any_policy_decode */ \
	X(NULL_VALUE)           /* a NULL: OCSP no check, precertificate poison */ \
	X(TLS_FEATURE)          /* xc_tls_feature_decode */ \
	X(POLICIES)             /* xc_policies_decode */ \
	X(DIST_POINTS)          /* xc_dps_decode: CRL distribution points, freshest CRL */ \
	X(NAME_CONSTRAINTS)     /* xc_nc_decode */ \
	X(ACCESS)               /* xc_aia_decode: AIA, SIA */ \
	X(PRECERT_SCTS)         /* xc_scts_decode */ \
	X(CRL_NUMBER)           /* an INTEGER: CRL number, delta CRL indicator */ \
	X(IDP)                  /* xc_idp_decode */ \
	X(CRL_REASON)           /* xc_crl_reason_decode */ \
	X(INVALIDITY_DATE)      /* a GeneralizedTime */

typedef enum xc_ext_kind {
#define XC_EXT_KIND_ENUM(name) XC_EXTK_##name,
	XC_EXT_KINDS(XC_EXT_KIND_ENUM)
#undef XC_EXT_KIND_ENUM
	XC_EXTK_COUNT
} xc_ext_kind;

/* How pyca 38 decodes extension type `id` in `place`: the one table of
 * (type, place) pairs that certfs's files, its text and certdump all
 * read. SignedCertificateTimestamps (1.3.6.1.4.1.11129.2.4.5) is decoded
 * by pyca 38 only in OCSP responses, so it is NONE everywhere here. */
xc_ext_kind xc_ext_kind_of(xc_oid_id id, xc_ext_place place);

/* "BASIC_CONSTRAINTS", ...; never NULL. */
const char *xc_ext_kind_name(xc_ext_kind k);

#endif
