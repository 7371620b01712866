/*
 * xc/ext_basic.h - the simple extensions: decoders from an extension's
 * value (xc_ext.value, the extnValue contents) into small caller-owned
 * structs of slices and numbers.
 *
 * Every decoder has the form
 *     xc_err xc_<ext>_decode(T *out, xc_slice value, const uint8_t *base, size_t *off)
 * where `base` is the start of the caller's outer buffer (NULL: value.p)
 * and *off (may be NULL) gets the error's offset from it. The value must be exactly one
 * TLV of the extension's type (XC_ERR_TRAILING otherwise).
 *
 * What is accepted follows pyca/cryptography 38: a value pyca's
 * `extensions` refuses (ValueError and friends) is an error here. Where
 * DER itself is fine but the value breaks the extension's own rules (a
 * pathLen without cA, encipherOnly without keyAgreement, an unknown
 * reason code) the error is XC_ERR_EXT_VALUE; a negative number where
 * only non-negative ones are allowed, or one too large for pyca's field,
 * is XC_ERR_INT_RANGE.
 */
#ifndef XC_EXT_BASIC_H
#define XC_EXT_BASIC_H

#include "ext.h"
#include "gn.h"
#include "time.h"

/*
 * BasicConstraints ::= SEQUENCE {
 *     cA                 BOOLEAN DEFAULT FALSE,
 *     pathLenConstraint  INTEGER (0..MAX) OPTIONAL }
 * An explicit FALSE is XC_ERR_BOOL (DER); pathLen must fit 64 bits
 * unsigned, as in pyca; pathLen without cA is XC_ERR_EXT_VALUE.
 */
typedef struct xc_bc {
	bool ca;
	bool has_path_length;
	uint64_t path_length;
} xc_bc;
xc_err xc_bc_decode(xc_bc *out, xc_slice value, const uint8_t *base, size_t *off);

/*
 * KeyUsage ::= BIT STRING { digitalSignature (0), nonRepudiation (1),
 *     keyEncipherment (2), dataEncipherment (3), keyAgreement (4),
 *     keyCertSign (5), cRLSign (6), encipherOnly (7), decipherOnly (8) }
 * `bits` has bit n set for named bit n (XC_KU_*); bits past 8 are ignored
 * and trailing zero bits are accepted, as pyca does, but set padding bits
 * are XC_ERR_BITSTRING. encipherOnly or decipherOnly without keyAgreement
 * is XC_ERR_EXT_VALUE (pyca's ValueError).
 */
enum {
	XC_KU_DIGITAL_SIGNATURE = 1u << 0,
	XC_KU_CONTENT_COMMITMENT = 1u << 1,
	XC_KU_KEY_ENCIPHERMENT = 1u << 2,
	XC_KU_DATA_ENCIPHERMENT = 1u << 3,
	XC_KU_KEY_AGREEMENT = 1u << 4,
	XC_KU_KEY_CERT_SIGN = 1u << 5,
	XC_KU_CRL_SIGN = 1u << 6,
	XC_KU_ENCIPHER_ONLY = 1u << 7,
	XC_KU_DECIPHER_ONLY = 1u << 8,
};
#define XC_KU_COUNT 9
typedef struct xc_ku {
	uint16_t bits;
} xc_ku;
xc_err xc_ku_decode(xc_ku *out, xc_slice value, const uint8_t *base, size_t *off);

/* pyca's attribute name of named bit n (0..8): "digital_signature",
 * "content_commitment", "key_encipherment", "data_encipherment",
 * "key_agreement", "key_cert_sign", "crl_sign", "encipher_only",
 * "decipher_only"; NULL past 8. */
const char *xc_ku_name(unsigned bit);

/*
 * ExtendedKeyUsage ::= SEQUENCE OF KeyPurposeId (an OID). pyca accepts an
 * empty list. `oids` is the SEQUENCE's contents, iterated with
 * xc_oids_iter_init / xc_oids_next.
 */
typedef struct xc_eku {
	xc_slice oids;
	size_t count;
} xc_eku;
xc_err xc_eku_decode(xc_eku *out, xc_slice value, const uint8_t *base, size_t *off);

typedef struct xc_oids_iter {
	xc_der d;
} xc_oids_iter;
void xc_oids_iter_init(xc_oids_iter *it, xc_slice oids);
/* Next OID's contents; XC_END after the last. */
xc_err xc_oids_next(xc_oids_iter *it, xc_slice *oid);

/* SubjectKeyIdentifier ::= OCTET STRING (any length, empty included). */
typedef struct xc_ski {
	xc_slice digest;
} xc_ski;
xc_err xc_ski_decode(xc_ski *out, xc_slice value, const uint8_t *base, size_t *off);

/* RFC 5280 4.2.1.2 method 1, pyca's SubjectKeyIdentifier.from_public_key:
 * the SHA-1 of the subjectPublicKey BIT STRING's bytes (without the
 * unused-bits octet) of a SubjectPublicKeyInfo TLV. */
#define XC_SKI_LEN 20
xc_err xc_ski_from_spki(xc_slice spki_raw, uint8_t out[XC_SKI_LEN]);

/*
 * AuthorityKeyIdentifier ::= SEQUENCE {
 *     keyIdentifier             [0] KeyIdentifier           OPTIONAL,
 *     authorityCertIssuer       [1] GeneralNames            OPTIONAL,
 *     authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL }
 * Absent fields have a NULL .p (xc_slice_present). Issuer and serial must
 * both be present or both absent (pyca's ValueError: XC_ERR_EXT_VALUE).
 * `issuer` is the GeneralNames contents (iterate with xc_gn_iter); `serial`
 * the INTEGER's contents, non-negative (XC_ERR_INT_RANGE otherwise, as
 * pyca).
 */
typedef struct xc_aki {
	xc_slice key_id;
	xc_slice issuer;
	size_t issuer_count;
	xc_slice serial;
} xc_aki;
xc_err xc_aki_decode(xc_aki *out, xc_slice value, const uint8_t *base, size_t *off);

/* pyca's AuthorityKeyIdentifier.from_issuer_public_key: the key_identifier
 * of an AKI for certificates the issuer signs, the issuer key's SKI by
 * method 1 (issuer and serial absent). */
xc_err xc_aki_key_id_from_issuer_spki(xc_slice issuer_spki_raw, uint8_t out[XC_SKI_LEN]);

/* pyca's AuthorityKeyIdentifier.from_issuer_subject_key_identifier: the
 * key_identifier is the issuer's SubjectKeyIdentifier digest; `ski_value`
 * is that extension's value. */
xc_err xc_aki_key_id_from_issuer_ski(xc_slice *key_id, xc_slice ski_value, const uint8_t *base,
                                     size_t *off);

/* SubjectAlternativeName, IssuerAlternativeName, CertificateIssuer:
 * GeneralNames (empty accepted, as pyca). `gns` is the contents. */
typedef struct xc_alt_names {
	xc_slice gns;
	size_t count;
} xc_alt_names;
xc_err xc_alt_names_decode(xc_alt_names *out, xc_slice value, const uint8_t *base, size_t *off);

/*
 * PolicyConstraints ::= SEQUENCE {
 *     requireExplicitPolicy [0] SkipCerts OPTIONAL,
 *     inhibitPolicyMapping  [1] SkipCerts OPTIONAL }
 * SkipCerts ::= INTEGER (0..MAX), 64 bits unsigned as in pyca. At least
 * one must be present (pyca's ValueError: XC_ERR_EXT_VALUE).
 */
typedef struct xc_policy_constraints {
	bool has_require_explicit_policy;
	bool has_inhibit_policy_mapping;
	uint64_t require_explicit_policy;
	uint64_t inhibit_policy_mapping;
} xc_policy_constraints;
xc_err xc_policy_constraints_decode(xc_policy_constraints *out, xc_slice value,
                                    const uint8_t *base, size_t *off);

/* InhibitAnyPolicy ::= SkipCerts, an INTEGER >= 0 of any size (pyca keeps
 * a Python int). `skip_certs` is the contents; `value` has it when it fits
 * 64 bits (`fits`). */
typedef struct xc_inhibit_any_policy {
	xc_slice skip_certs;
	bool fits;
	uint64_t value;
} xc_inhibit_any_policy;
xc_err xc_inhibit_any_policy_decode(xc_inhibit_any_policy *out, xc_slice value,
                                    const uint8_t *base, size_t *off);

/* OCSPNoCheck and PrecertPoison: the value must be a NULL. */
xc_err xc_null_ext_decode(xc_slice value, const uint8_t *base, size_t *off);

/*
 * TLSFeature ::= SEQUENCE OF INTEGER (RFC 7633). pyca requires at least one
 * feature (XC_ERR_EMPTY) and knows only status_request (5) and
 * status_request_v2 (17): any other value is XC_ERR_EXT_VALUE.
 */
enum {
	XC_TLS_FEATURE_STATUS_REQUEST = 5,
	XC_TLS_FEATURE_STATUS_REQUEST_V2 = 17,
};
typedef struct xc_tls_feature {
	xc_slice list;          /* the SEQUENCE's contents */
	size_t count;
} xc_tls_feature;
xc_err xc_tls_feature_decode(xc_tls_feature *out, xc_slice value, const uint8_t *base, size_t *off);

typedef struct xc_tls_feature_iter {
	xc_der d;
} xc_tls_feature_iter;
void xc_tls_feature_iter_init(xc_tls_feature_iter *it, xc_slice list);
/* Next feature of a decoded list; XC_END after the last. */
xc_err xc_tls_feature_next(xc_tls_feature_iter *it, unsigned *feature);

/* pyca's TLSFeatureType member name ("status_request",
 * "status_request_v2"), or NULL. */
const char *xc_tls_feature_name(unsigned feature);

/* CRLNumber and DeltaCRLIndicator ::= INTEGER (0..MAX), any length: the
 * INTEGER's contents. Negative is XC_ERR_INT_RANGE (pyca's BigUint). */
typedef struct xc_crl_number {
	xc_slice number;
} xc_crl_number;
xc_err xc_crl_number_decode(xc_crl_number *out, xc_slice value, const uint8_t *base, size_t *off);

/* CRLReason ::= ENUMERATED, with pyca's ReasonFlags members. 7 is not
 * used (RFC 5280 5.3.1) and nothing above 10 exists: XC_ERR_EXT_VALUE;
 * negative values: XC_ERR_INT_RANGE. */
typedef enum xc_crl_reason {
	XC_CRL_REASON_UNSPECIFIED = 0,
	XC_CRL_REASON_KEY_COMPROMISE = 1,
	XC_CRL_REASON_CA_COMPROMISE = 2,
	XC_CRL_REASON_AFFILIATION_CHANGED = 3,
	XC_CRL_REASON_SUPERSEDED = 4,
	XC_CRL_REASON_CESSATION_OF_OPERATION = 5,
	XC_CRL_REASON_CERTIFICATE_HOLD = 6,
	XC_CRL_REASON_REMOVE_FROM_CRL = 8,
	XC_CRL_REASON_PRIVILEGE_WITHDRAWN = 9,
	XC_CRL_REASON_AA_COMPROMISE = 10,
} xc_crl_reason;
xc_err xc_crl_reason_decode(xc_crl_reason *out, xc_slice value, const uint8_t *base, size_t *off);

/* pyca's ReasonFlags member name ("key_compromise", ...), or NULL. */
const char *xc_crl_reason_name(xc_crl_reason r);

/* InvalidityDate ::= GeneralizedTime (UTCTime is XC_ERR_TAG, as pyca). */
xc_err xc_invalidity_date_decode(xc_time *out, xc_slice value, const uint8_t *base, size_t *off);

/* OCSP Nonce ::= OCTET STRING: its contents. */
xc_err xc_nonce_decode(xc_slice *out, xc_slice value, const uint8_t *base, size_t *off);

/* Finds the first extension, in block order, whose OID appeared earlier in
 * the same checked block (the one pyca's DuplicateExtension names): XC_OK
 * with *dup that second occurrence, or XC_NOT_FOUND. Pairwise compare, no
 * allocation. */
xc_err xc_ext_find_duplicate(xc_slice exts, xc_ext *dup);

#endif
