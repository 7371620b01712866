/*
 * xc/crl.h - certificate revocation lists (RFC 5280 5.1).
 *
 *   CertificateList ::= SEQUENCE {
 *       tbsCertList          TBSCertList,
 *       signatureAlgorithm   AlgorithmIdentifier,
 *       signatureValue       BIT STRING }
 *
 *   TBSCertList ::= SEQUENCE {
 *       version                 Version OPTIONAL,  -- if present, v2
 *       signature               AlgorithmIdentifier,
 *       issuer                  Name,
 *       thisUpdate              Time,
 *       nextUpdate              Time OPTIONAL,
 *       revokedCertificates     SEQUENCE OF SEQUENCE {
 *           userCertificate         CertificateSerialNumber,
 *           revocationDate          Time,
 *           crlEntryExtensions      Extensions OPTIONAL } OPTIONAL,
 *       crlExtensions           [0] EXPLICIT Extensions OPTIONAL }
 *
 * The version field is kept as read: RFC 5280 allows only v2 (1) when it
 * is present, but the pyca reference's own example CRL holds 2; the core
 * reads such a CRL and reports the value (xc_version_name() gives NULL,
 * the vfs shows unknown(2)), as OpenSSL does.
 */
#ifndef XC_CRL_H
#define XC_CRL_H

#include "alg.h"
#include "der.h"
#include "time.h"

typedef struct xc_crl {
	xc_slice der;           /* the whole CertificateList TLV */
	xc_slice tbs;           /* tbsCertList TLV: pyca's tbs_certlist_bytes */
	int64_t version;        /* 0 if absent (v1), else the value (1 = v2) */
	bool version_present;
	xc_algid tbs_sig_alg;
	xc_slice issuer;        /* Name contents */
	xc_slice issuer_raw;    /* Name TLV */
	xc_time last_update;    /* thisUpdate */
	xc_time next_update;
	bool has_next_update;
	xc_slice revoked;       /* revokedCertificates contents; .p NULL if absent */
	size_t revoked_count;
	xc_slice extensions;    /* crlExtensions contents; .p NULL if absent */
	size_t ext_count;
	xc_algid sig_alg;
	xc_slice signature;
} xc_crl;

/* One revoked certificate entry. */
typedef struct xc_revoked {
	xc_slice raw;           /* the entry's whole TLV */
	xc_slice serial;        /* userCertificate INTEGER contents */
	xc_time revocation_date;
	xc_slice extensions;    /* crlEntryExtensions contents; .p NULL if absent */
	size_t ext_count;
} xc_revoked;

typedef struct xc_revoked_iter {
	xc_der d;
} xc_revoked_iter;

/* Parses one DER CRL that fills der[0..len) exactly; checks every revoked
 * entry. On error, *off (may be NULL) is where parsing stopped. */
xc_err xc_crl_parse(xc_crl *crl, const uint8_t *der, size_t len, size_t *off);

/* "v1" (version absent or 0) or "v2" (1); NULL for any other value, which
 * RFC 5280 does not define (the vfs shows it as unknown(N)). */
const char *xc_crl_version_name(const xc_crl *crl);

/* Iterates the revoked entries in DER order (XC_OK, then XC_END). */
void xc_revoked_iter_init(xc_revoked_iter *it, const xc_crl *crl);
xc_err xc_revoked_next(xc_revoked_iter *it, xc_revoked *out);

/* Finds the entry for a serial number (INTEGER contents, compared as DER
 * values); XC_NOT_FOUND if the CRL does not list it. A linear scan: callers
 * that look up often build their own index over xc_revoked_next(). */
xc_err xc_crl_find_revoked(const xc_crl *crl, xc_slice serial, xc_revoked *out);

#endif
