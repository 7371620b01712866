/*
 * xc/fp.h - fingerprints: hashes of an object's DER, with wolfCrypt.
 *
 * The hash contexts live on the stack of xc_fingerprint(); nothing is
 * allocated. With the project's own wolfSSL build no hash allocates
 * (tests/alloc/test_alloc.c proves it).
 */
#ifndef XC_FP_H
#define XC_FP_H

#include "err.h"
#include "slice.h"

typedef enum xc_hash {
	XC_HASH_NONE = 0,
	XC_HASH_MD5,
	XC_HASH_SHA1,
	XC_HASH_SHA224,
	XC_HASH_SHA256,
	XC_HASH_SHA384,
	XC_HASH_SHA512,
	XC_HASH_COUNT
} xc_hash;

#define XC_HASH_MAX 64          /* largest digest (SHA-512) */

/* Digest size in bytes (0 for XC_HASH_NONE or an unknown value). */
size_t xc_hash_size(xc_hash h);

/* pyca's name of the hash ("md5", "sha1", "sha256", ...), or NULL. */
const char *xc_hash_name(xc_hash h);

/* Hashes data into out (cap >= xc_hash_size(h)). XC_ERR_UNSUPPORTED for a
 * hash this build lacks, XC_ERR_CRYPTO if wolfCrypt fails. */
xc_err xc_fingerprint(xc_hash h, xc_slice data, uint8_t *out, size_t cap);

#endif
