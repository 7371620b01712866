/*
 * verify_inner.h - what verify.c shares with the per-algorithm files.
 *
 * verify.c checks the algorithm against the key and hashes the message;
 * each verify_<alg>.c wraps one wolfCrypt primitive, its key object on
 * the stack.
 */
#ifndef XC_VERIFY_INNER_H
#define XC_VERIFY_INNER_H

#include "inner.h"

/* The verify files hold wolfCrypt's key objects and integers on the stack,
 * and an mp_int is sized by SP_INT_BITS (8192 in the project's build, for
 * RSA-8192): 2 KB each, an RsaKey alone 16.5 KB. The core's 16 KB frame
 * limit (core/meson.build) is raised to 64 KB for these files only; the
 * real figures, per path, are in docs/core.md ("Stack") and come from
 * scripts/stack-usage. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic warning "-Wstack-usage=65536"
#endif

/* XC_NOINLINE (inner.h) keeps a big frame out of its caller's, so the
 * paths that do not take it (P-256 beside the generic curves) do not pay
 * for its stack. */

/* RSA PKCS#1 v1.5: the DigestInfo for hash h must be what the signature
 * opens to. */
xc_verify_result xc__verify_rsa_pkcs1(const xc_spki *key, xc_hash h,
				      const uint8_t *digest, xc_slice sig);

/* RSASSA-PSS with the parameters decoded from the AlgorithmIdentifier. */
xc_verify_result xc__verify_rsa_pss(const xc_spki *key, const xc_pss_params *pss,
				    const uint8_t *digest, xc_slice sig);

/* ECDSA over a digest; sig is a DER Ecdsa-Sig-Value. */
xc_verify_result xc__verify_ecdsa(const xc_spki *key, const uint8_t *digest,
				  size_t dlen, xc_slice sig);

/* Ed25519 / Ed448 over the message itself. */
xc_verify_result xc__verify_ed25519(const xc_spki *key, xc_slice msg, xc_slice sig);
xc_verify_result xc__verify_ed448(const xc_spki *key, xc_slice msg, xc_slice sig);

/* DSA over a digest; sig is a DER Dss-Sig-Value. */
xc_verify_result xc__verify_dsa(const xc_spki *key, const uint8_t *digest,
				size_t dlen, xc_slice sig);

#endif
