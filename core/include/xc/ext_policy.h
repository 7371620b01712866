/*
 * xc/ext_policy.h - CertificatePolicies (RFC 5280 4.2.1.4).
 *
 *   certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation
 *   PolicyInformation ::= SEQUENCE {
 *       policyIdentifier CertPolicyId,
 *       policyQualifiers SEQUENCE SIZE (1..MAX) OF PolicyQualifierInfo OPTIONAL }
 *   PolicyQualifierInfo ::= SEQUENCE {
 *       policyQualifierId PolicyQualifierId,
 *       qualifier         ANY DEFINED BY policyQualifierId }
 *   Qualifier ::= CHOICE { cPSuri IA5String, userNotice UserNotice }
 *   UserNotice ::= SEQUENCE {
 *       noticeRef    NoticeReference OPTIONAL,
 *       explicitText DisplayText OPTIONAL }
 *   NoticeReference ::= SEQUENCE {
 *       organization  DisplayText,
 *       noticeNumbers SEQUENCE OF INTEGER }
 *   DisplayText ::= CHOICE { ia5String IA5String, visibleString
 *       VisibleString, bmpString BMPString, utf8String UTF8String }
 *
 * The decoder follows the conventions of xc/ext_basic.h. What pyca 38
 * accepts, and so what it accepts:
 *  - empty lists (of policies, of qualifiers, of notice numbers); a
 *    present but empty qualifier list is told apart from an absent one;
 *  - the qualifier's form is chosen by its tag: an IA5String is a CPS URI
 *    and a SEQUENCE a UserNotice; another tag is XC_ERR_TAG, and a form
 *    whose policyQualifierId is not the matching id-qt-cps /
 *    id-qt-unotice is XC_ERR_EXT_VALUE;
 *  - IA5String bytes must be ASCII, VisibleString bytes 0x20..0x7e,
 *    UTF8String valid UTF-8, BMPString valid UTF-16BE (XC_ERR_STRING);
 *    empty strings are accepted (the 1..200 size limit is not checked);
 *  - notice numbers are non-negative INTEGERs of any size
 *    (XC_ERR_INT_RANGE if negative).
 * A DisplayText is a tag and contents: decode it with xc_string_to_utf8.
 */
#ifndef XC_EXT_POLICY_H
#define XC_EXT_POLICY_H

#include "ext.h"
#include "name.h"

typedef struct xc_policies {
	xc_slice list;          /* the SEQUENCE's contents */
	size_t count;
} xc_policies;

xc_err xc_policies_decode(xc_policies *out, xc_slice value, const uint8_t *base, size_t *off);

typedef struct xc_policy_info {
	xc_slice oid;           /* policyIdentifier: OID contents */
	bool has_qualifiers;
	xc_slice qualifiers;    /* policyQualifiers SEQUENCE's contents */
	size_t qualifier_count;
} xc_policy_info;

typedef struct xc_policy_iter {
	xc_der d;
} xc_policy_iter;

/* Iterates a decoded list; XC_END after the last. */
void xc_policy_iter_init(xc_policy_iter *it, xc_slice list);
xc_err xc_policy_next(xc_policy_iter *it, xc_policy_info *out);

typedef enum xc_qualifier_type {
	XC_QUALIFIER_CPS_URI = 0,
	XC_QUALIFIER_USER_NOTICE,
} xc_qualifier_type;

typedef struct xc_display_text {
	uint32_t tag;           /* XC_TAG_IA5_STRING, _VISIBLE_, _BMP_ or _UTF8_ */
	xc_slice value;         /* contents octets */
} xc_display_text;

typedef struct xc_qualifier {
	xc_qualifier_type type;
	xc_slice oid;           /* policyQualifierId: OID contents */
	xc_slice cps_uri;       /* CPS URI: the IA5String's bytes */
	/* UserNotice */
	bool has_notice_ref;
	xc_display_text organization;
	xc_slice notice_numbers;        /* noticeNumbers SEQUENCE's contents */
	size_t notice_number_count;
	bool has_explicit_text;
	xc_display_text explicit_text;
} xc_qualifier;

typedef struct xc_qualifier_iter {
	xc_der d;
} xc_qualifier_iter;

/* Iterates a policy's qualifiers; XC_END after the last. */
void xc_qualifier_iter_init(xc_qualifier_iter *it, xc_slice qualifiers);
xc_err xc_qualifier_next(xc_qualifier_iter *it, xc_qualifier *out);

typedef struct xc_notice_number_iter {
	xc_der d;
} xc_notice_number_iter;

/* Iterates notice numbers: each an INTEGER's contents (non-negative, any
 * size; xc/int.h formats them). XC_END after the last. */
void xc_notice_number_iter_init(xc_notice_number_iter *it, xc_slice numbers);
xc_err xc_notice_number_next(xc_notice_number_iter *it, xc_slice *number);

#endif
