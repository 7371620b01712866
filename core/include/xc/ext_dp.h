/*
 * xc/ext_dp.h - CRLDistributionPoints, FreshestCRL (RFC 5280 4.2.1.13,
 * 4.2.1.15) and IssuingDistributionPoint (RFC 5280 5.2.5).
 *
 *   CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint
 *   DistributionPoint ::= SEQUENCE {
 *       distributionPoint [0] DistributionPointName OPTIONAL,
 *       reasons           [1] ReasonFlags OPTIONAL,
 *       cRLIssuer         [2] GeneralNames OPTIONAL }
 *   DistributionPointName ::= CHOICE {
 *       fullName                [0] GeneralNames,
 *       nameRelativeToCRLIssuer [1] RelativeDistinguishedName }
 *   IssuingDistributionPoint ::= SEQUENCE {
 *       distributionPoint          [0] DistributionPointName OPTIONAL,
 *       onlyContainsUserCerts      [1] BOOLEAN DEFAULT FALSE,
 *       onlyContainsCACerts        [2] BOOLEAN DEFAULT FALSE,
 *       onlySomeReasons            [3] ReasonFlags OPTIONAL,
 *       indirectCRL                [4] BOOLEAN DEFAULT FALSE,
 *       onlyContainsAttributeCerts [5] BOOLEAN DEFAULT FALSE }
 *
 * The decoders follow the conventions of xc/ext_basic.h. What pyca 38
 * accepts, and so what they accept:
 *  - an empty CRLDistributionPoints list, an empty DistributionPoint, an
 *    empty fullName or cRLIssuer;
 *  - a relative name must be a non-empty SET in DER order
 *    (XC_ERR_EMPTY, XC_ERR_SET_ORDER);
 *  - ReasonFlags bits 1..8 are the reasons; bit 0 (unused) and bits past
 *    8 are ignored; set padding bits are XC_ERR_BITSTRING;
 *  - a DistributionPoint with reasons (a non-empty set) but no non-empty
 *    fullName, no relative name and no non-empty cRLIssuer is
 *    XC_ERR_EXT_VALUE;
 *  - an IssuingDistributionPoint with more than one of the four flags, or
 *    with no flag, no non-empty fullName, no relative name and no
 *    non-empty reason set, is XC_ERR_EXT_VALUE; an explicit FALSE flag is
 *    XC_ERR_BOOL (DER).
 */
#ifndef XC_EXT_DP_H
#define XC_EXT_DP_H

#include "ext.h"
#include "gn.h"
#include "name.h"

/* ReasonFlags bits as masks: bit n of `reasons` is named bit n. */
enum {
	XC_REASON_KEY_COMPROMISE = 1u << 1,
	XC_REASON_CA_COMPROMISE = 1u << 2,
	XC_REASON_AFFILIATION_CHANGED = 1u << 3,
	XC_REASON_SUPERSEDED = 1u << 4,
	XC_REASON_CESSATION_OF_OPERATION = 1u << 5,
	XC_REASON_CERTIFICATE_HOLD = 1u << 6,
	XC_REASON_PRIVILEGE_WITHDRAWN = 1u << 7,
	XC_REASON_AA_COMPROMISE = 1u << 8,
};

/* pyca's ReasonFlags member name of named bit n (1..8):
 * "key_compromise", "ca_compromise", "affiliation_changed", "superseded",
 * "cessation_of_operation", "certificate_hold", "privilege_withdrawn",
 * "aa_compromise"; NULL for 0 and past 8. */
const char *xc_reason_flag_name(unsigned bit);

typedef enum xc_dp_name_type {
	XC_DP_NAME_NONE = 0,    /* no distributionPoint */
	XC_DP_FULL_NAME,        /* fullName: GeneralNames */
	XC_DP_RELATIVE_NAME,    /* nameRelativeToCRLIssuer: one RDN */
} xc_dp_name_type;

/* A DistributionPointName: full_name is the GeneralNames contents
 * (iterate with xc_gn_iter), relative_name the RDN SET's contents
 * (iterate with xc_rdn_iter, format with xc_attr_rfc4514). */
typedef struct xc_dp_name {
	xc_dp_name_type type;
	xc_slice full_name;
	size_t full_name_count;
	xc_slice relative_name;
	size_t relative_name_count;
} xc_dp_name;

typedef struct xc_dp {
	xc_dp_name name;
	bool has_reasons;
	uint16_t reasons;       /* XC_REASON_* */
	bool has_crl_issuer;
	xc_slice crl_issuer;    /* GeneralNames contents */
	size_t crl_issuer_count;
} xc_dp;

typedef struct xc_dps {
	xc_slice list;          /* the SEQUENCE's contents */
	size_t count;
} xc_dps;

/* CRLDistributionPoints and FreshestCRL (the same syntax). */
xc_err xc_dps_decode(xc_dps *out, xc_slice value, const uint8_t *base, size_t *off);

typedef struct xc_dp_iter {
	xc_der d;
} xc_dp_iter;

/* Iterates a decoded list; XC_END after the last. */
void xc_dp_iter_init(xc_dp_iter *it, xc_slice list);
xc_err xc_dp_next(xc_dp_iter *it, xc_dp *out);

typedef struct xc_idp {
	xc_dp_name name;
	bool only_contains_user_certs;
	bool only_contains_ca_certs;
	bool has_only_some_reasons;
	uint16_t only_some_reasons;     /* XC_REASON_* */
	bool indirect_crl;
	bool only_contains_attribute_certs;
} xc_idp;

xc_err xc_idp_decode(xc_idp *out, xc_slice value, const uint8_t *base, size_t *off);

#endif
