/*
 * xc/csr.h - certificate signing requests (PKCS#10, RFC 2986).
 *
 *   CertificationRequest ::= SEQUENCE {
 *       certificationRequestInfo  CertificationRequestInfo,
 *       signatureAlgorithm        AlgorithmIdentifier,
 *       signature                 BIT STRING }
 *
 *   CertificationRequestInfo ::= SEQUENCE {
 *       version       INTEGER { v1(0) },
 *       subject       Name,
 *       subjectPKInfo SubjectPublicKeyInfo,
 *       attributes    [0] IMPLICIT SET OF Attribute }
 *
 *   Attribute ::= SEQUENCE { type OBJECT IDENTIFIER, values SET OF ANY }
 */
#ifndef XC_CSR_H
#define XC_CSR_H

#include "alg.h"
#include "der.h"

typedef struct xc_csr {
	xc_slice der;           /* the whole CertificationRequest TLV */
	xc_slice tbs;           /* certificationRequestInfo TLV: pyca's tbs_certrequest_bytes */
	int64_t version;        /* 0 = v1; other values kept as read */
	xc_slice subject;       /* Name contents */
	xc_slice subject_raw;   /* Name TLV */
	xc_slice spki;          /* SubjectPublicKeyInfo TLV */
	xc_slice attributes;    /* contents of the [0] SET OF Attribute */
	size_t attr_count;
	xc_algid sig_alg;
	xc_slice signature;
} xc_csr;

/* One attribute. Its values are a SET OF; `value` is the first one, which
 * is what pyca's Attribute.value holds (the raw contents octets), with its
 * tag; `values` is the whole SET's contents. */
typedef struct xc_csr_attr {
	xc_slice raw;           /* the Attribute TLV */
	xc_slice oid;           /* type: OID contents */
	xc_slice values;        /* contents of the values SET */
	size_t value_count;
	uint32_t tag;           /* first value's tag */
	xc_slice value;         /* first value's contents */
	xc_slice value_raw;     /* first value's whole TLV */
} xc_csr_attr;

typedef struct xc_csr_attr_iter {
	xc_der d;
} xc_csr_attr_iter;

/* Parses one DER CSR that fills der[0..len) exactly. On error, *off (may
 * be NULL) is where parsing stopped. */
xc_err xc_csr_parse(xc_csr *csr, const uint8_t *der, size_t len, size_t *off);

/* "v1" for version 0, NULL for any other value. */
const char *xc_csr_version_name(const xc_csr *csr);

/* Iterates the attributes in DER order. */
void xc_csr_attr_iter_init(xc_csr_attr_iter *it, const xc_csr *csr);
xc_err xc_csr_attr_next(xc_csr_attr_iter *it, xc_csr_attr *out);

/* The requested extensions: the contents of the Extensions SEQUENCE in the
 * extensionRequest attribute (PKCS#9; or Microsoft's msExtReq), checked
 * now (as pyca checks them on .extensions, not at load): an error with
 * *off (may be NULL; from the CSR's start) for a malformed request, or a
 * request attribute with other than one value. XC_NOT_FOUND if there is
 * none. *count (may be NULL) gets the number of extensions. */
xc_err xc_csr_extensions(const xc_csr *csr, xc_slice *exts, size_t *count, size_t *off);

#endif
