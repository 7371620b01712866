/*
 * xc/ext_sct.h - Signed Certificate Timestamps (RFC 6962 3.3):
 * PrecertificateSignedCertificateTimestamps (1.3.6.1.4.1.11129.2.4.2) and
 * SignedCertificateTimestamps (1.3.6.1.4.1.11129.2.4.5).
 *
 * The extension value is an OCTET STRING holding a TLS
 * SignedCertificateTimestampList: a uint16 length, then SCTs, each a
 * uint16 length and
 *     uint8 version (0 = v1), opaque log_id[32], uint64 timestamp (ms
 *     since the epoch), opaque extensions<0..2^16-1>, uint8 hash
 *     algorithm, uint8 signature algorithm, opaque signature<0..2^16-1>.
 *
 * The decoder follows the conventions of xc/ext_basic.h, with pyca 38's
 * rules: a list or SCT shorter than it says, or an empty SCT, is
 * XC_ERR_TRUNCATED; a version other than 0 is XC_ERR_VERSION; a hash
 * algorithm other than 1..6 (md5 .. sha512: "none" is refused) or a
 * signature algorithm other than 1..3 (rsa, dsa, ecdsa: "anonymous" is
 * refused) is XC_ERR_UNSUPPORTED. Like pyca, bytes after the list inside
 * the OCTET STRING and bytes after an SCT's signature inside its length
 * are ignored. An empty list is accepted.
 */
#ifndef XC_EXT_SCT_H
#define XC_EXT_SCT_H

#include "ext.h"

/* pyca's LogEntryType. */
typedef enum xc_sct_entry_type {
	XC_SCT_X509_CERTIFICATE = 0,    /* SignedCertificateTimestamps */
	XC_SCT_PRECERTIFICATE = 1,      /* PrecertificateSignedCertificateTimestamps */
} xc_sct_entry_type;

typedef struct xc_scts {
	xc_slice list;          /* the SCTs, after the list's length */
	size_t count;
	xc_sct_entry_type entry_type;
} xc_scts;

/* `entry_type` says which extension the value came from. */
xc_err xc_scts_decode(xc_scts *out, xc_slice value, xc_sct_entry_type entry_type,
                      const uint8_t *base, size_t *off);

#define XC_SCT_LOG_ID_LEN 32

typedef struct xc_sct {
	unsigned version;       /* always 0 (v1) */
	xc_slice log_id;        /* 32 bytes */
	uint64_t timestamp;     /* milliseconds since 1970-01-01 UTC */
	xc_slice extensions;
	unsigned hash_alg;      /* 1..6 */
	unsigned sig_alg;       /* 1..3 */
	xc_slice signature;
	xc_slice raw;           /* the SCT's bytes, without its length */
	xc_sct_entry_type entry_type;
} xc_sct;

typedef struct xc_sct_iter {
	xc_slice rest;
	xc_sct_entry_type entry_type;
} xc_sct_iter;

/* Iterates a decoded list; XC_END after the last. */
void xc_sct_iter_init(xc_sct_iter *it, const xc_scts *scts);
xc_err xc_sct_next(xc_sct_iter *it, xc_sct *out);

/* pyca's names: the hash algorithm's `name` ("md5", "sha1", "sha224",
 * "sha256", "sha384", "sha512"), the SignatureAlgorithm member ("RSA",
 * "DSA", "ECDSA"), the LogEntryType member ("X509_CERTIFICATE",
 * "PRE_CERTIFICATE"); NULL for other values. */
const char *xc_sct_hash_name(unsigned hash_alg);
const char *xc_sct_sig_name(unsigned sig_alg);
const char *xc_sct_entry_type_name(xc_sct_entry_type t);

#endif
