/*
 * xc/cert.h - X.509 certificates (RFC 5280 4.1).
 *
 *   Certificate ::= SEQUENCE {
 *       tbsCertificate       TBSCertificate,
 *       signatureAlgorithm   AlgorithmIdentifier,
 *       signatureValue       BIT STRING }
 *
 *   TBSCertificate ::= SEQUENCE {
 *       version         [0] EXPLICIT Version DEFAULT v1,
 *       serialNumber         CertificateSerialNumber,
 *       signature            AlgorithmIdentifier,
 *       issuer               Name,
 *       validity             Validity,
 *       subject              Name,
 *       subjectPublicKeyInfo SubjectPublicKeyInfo,
 *       issuerUniqueID  [1] IMPLICIT UniqueIdentifier OPTIONAL,
 *       subjectUniqueID [2] IMPLICIT UniqueIdentifier OPTIONAL,
 *       extensions      [3] EXPLICIT Extensions OPTIONAL }
 *
 * xc_cert_parse() checks the whole structure in one pass (names, times,
 * the SubjectPublicKeyInfo's outer SEQUENCE, the extensions block) and
 * records slices into the caller's buffer: the xc_cert is valid as long as
 * that buffer is. It does not allocate and keeps no state elsewhere.
 */
#ifndef XC_CERT_H
#define XC_CERT_H

#include "alg.h"
#include "der.h"
#include "time.h"

typedef struct xc_cert {
	xc_slice der;           /* the whole Certificate TLV */
	xc_slice tbs;           /* tbsCertificate TLV: pyca's tbs_certificate_bytes */
	int64_t version;        /* the version field's value: 0 v1, 1 v2, 2 v3, other values kept */
	xc_slice serial;        /* serialNumber INTEGER contents (may be negative) */
	xc_algid tbs_sig_alg;   /* tbsCertificate.signature */
	xc_slice issuer;        /* issuer Name contents (see xc/name.h) */
	xc_slice issuer_raw;    /* issuer Name TLV */
	xc_time not_before;
	xc_time not_after;
	xc_slice subject;       /* subject Name contents */
	xc_slice subject_raw;   /* subject Name TLV */
	xc_slice spki;          /* SubjectPublicKeyInfo TLV (see xc/spki.h) */
	xc_slice issuer_uid;    /* issuerUniqueID bits; .p NULL if absent */
	xc_slice subject_uid;   /* subjectUniqueID bits; .p NULL if absent */
	xc_slice extensions;    /* Extensions contents; .p NULL if absent */
	size_t ext_count;
	xc_algid sig_alg;       /* signatureAlgorithm */
	xc_slice signature;     /* signatureValue bytes */
} xc_cert;

/* Parses one DER certificate that fills der[0..len) exactly. On error,
 * *off (may be NULL) is the byte offset in der where parsing stopped. */
xc_err xc_cert_parse(xc_cert *c, const uint8_t *der, size_t len, size_t *off);

/* "v1", "v2", "v3", or NULL for any other version value. */
const char *xc_version_name(int64_t version);

#endif
