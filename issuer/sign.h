/*
 * issuer/sign.h - signing a to-be-signed structure with wolfCrypt.
 *
 * Algorithms (the AlgorithmIdentifier is written here, as RFC 4055, RFC
 * 5758 and RFC 8410 specify, and as pyca writes it):
 *  - RSA PKCS#1 v1.5 with SHA-224/256/384/512 (NULL parameters), and
 *    with SHA-1 or MD5 only when `allow_weak`;
 *  - RSASSA-PSS (`pss`) with SHA-256/384/512: MGF1 with the same hash,
 *    salt length the hash's length, trailer 1 (pyca's PSS with
 *    PSS.DIGEST_LENGTH is what pyca's tests use; RFC 4055 default-free);
 *  - ECDSA with SHA-256/384/512 (and 224; SHA-1 with allow_weak);
 *    parameters absent (RFC 5758);
 *  - Ed25519 and Ed448: no hash (giving one is an error, as in pyca).
 * Default hash when none is given: SHA-256, but SHA-384 for P-384 and
 * SHA-512 for P-521 (the hash that matches the curve's strength).
 * RSA below 2048 bits is refused unless `allow_weak`.
 */
#ifndef CI_SIGN_H
#define CI_SIGN_H

#include <stdbool.h>

#include "der.h"
#include "key.h"
#include "msg.h"

typedef struct ci_sign_opts {
	const char *hash;       /* "sha256", "sha384", "sha512", "sha224",
	                         * "sha1", "md5"; NULL: the key's default */
	bool pss;               /* RSA only: RSASSA-PSS */
	bool allow_weak;        /* SHA-1, MD5, RSA < 2048 */
} ci_sign_opts;

/* Checks that the key and options make an algorithm (before any work is
 * done, so a refusal comes first and nothing is written). */
int ci_sign_check(const ci_key *k, const ci_sign_opts *o, ci_msg *m);

/* Writes the signature AlgorithmIdentifier TLV (for the TBS's
 * `signature` field and the outer one: the same bytes). */
int ci_sign_algid(const ci_key *k, const ci_sign_opts *o, ci_der *w, ci_msg *m);

/* Signs `tbs` (the TBS TLV) and writes the whole signed object:
 * SEQUENCE { tbs, AlgorithmIdentifier, BIT STRING signature }. */
int ci_sign_wrap(const ci_key *k, const ci_sign_opts *o, WC_RNG *rng,
		 xc_slice tbs, ci_der *out, ci_msg *m);

#endif
