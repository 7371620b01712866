/*
 * xc/alg.h - AlgorithmIdentifier and signature algorithms.
 *
 *   AlgorithmIdentifier ::= SEQUENCE {
 *       algorithm   OBJECT IDENTIFIER,
 *       parameters  ANY DEFINED BY algorithm OPTIONAL }
 */
#ifndef XC_ALG_H
#define XC_ALG_H

#include "der.h"
#include "fp.h"
#include "oid.h"

typedef struct xc_algid {
	xc_slice raw;           /* the whole AlgorithmIdentifier TLV */
	xc_slice oid;           /* algorithm: OID contents */
	xc_slice params;        /* parameters: the whole TLV; .p NULL if absent */
} xc_algid;

/* Reads an AlgorithmIdentifier. */
xc_err xc_der_read_algid(xc_der *d, xc_algid *out);

typedef enum xc_key_type {
	XC_KEY_UNKNOWN = 0,
	XC_KEY_RSA,
	XC_KEY_RSA_PSS,         /* RSA key restricted to PSS (id-RSASSA-PSS SPKI) */
	XC_KEY_EC,
	XC_KEY_ED25519,
	XC_KEY_ED448,
	XC_KEY_DSA,
	XC_KEY_X25519,
	XC_KEY_X448,
	XC_KEY_DH,
} xc_key_type;

/* RSASSA-PSS-params (RFC 4055 3.1), defaults filled in: sha1, MGF1 with
 * sha1, salt 20, trailer 1. */
typedef struct xc_pss_params {
	xc_hash hash;
	xc_hash mgf1_hash;
	int64_t salt_len;
	int64_t trailer;
} xc_pss_params;

/* What a signature algorithm is: the key it needs and the hash it signs
 * with (XC_HASH_NONE for Ed25519/Ed448, and for hashes the core has no
 * enum value for, such as SHA-3: then *hash_oid names it). */
typedef struct xc_sigalg {
	xc_oid_id id;           /* XC_OID_UNKNOWN for an OID outside the table */
	xc_key_type key;
	xc_hash hash;
	xc_oid_id hash_oid;     /* the hash as an OID id (SHA-3 included) */
	xc_pss_params pss;      /* for RSASSA-PSS */
} xc_sigalg;

/* Decodes a signature AlgorithmIdentifier. RSASSA-PSS parameters are
 * parsed (XC_ERR_ALGORITHM if malformed); for the others, parameters must
 * be absent or NULL as RFC 3279/5758/8410 allow. XC_ERR_UNSUPPORTED for
 * an algorithm the core does not know (sig->id is then XC_OID_UNKNOWN or
 * the known OID, key XC_KEY_UNKNOWN). */
xc_err xc_sigalg_decode(const xc_algid *alg, xc_sigalg *sig);

/* The hash algorithm pyca's `signature_hash_algorithm` names for this
 * signature AlgorithmIdentifier, as text ("sha256", "sha3-256", ...):
 * NULL for Ed25519/Ed448 and for unknown algorithms. For RSASSA-PSS, the
 * hash of its parameters (as pyca 40+ reports it). */
const char *xc_sigalg_hash_name(const xc_algid *alg);

/* pyca's name for the key type: "rsa", "ec", "ed25519", "ed448", "dsa",
 * "x25519", "x448", "dh"; NULL for XC_KEY_UNKNOWN. */
const char *xc_key_type_name(xc_key_type t);

#endif
