/*
 * xc/verify.h - raw signature verification with wolfCrypt.
 *
 * One call checks one signature: the signature AlgorithmIdentifier (as a
 * certificate, CRL or CSR carries it), the signed bytes (the TBS), the
 * signature value (the BIT STRING's bytes) and the signer's public key.
 * The message is hashed inside, with the hash the algorithm names. Key
 * objects live on the stack; nothing is allocated (xc/xc.h), on every
 * path, with the project's wolfSSL build (tests/alloc/test_alloc.c counts;
 * Debian's libwolfssl allocates inside wolfCrypt). Stack figures per
 * path: docs/core.md, "Stack".
 *
 * Supported (anything else is XC_VERIFY_UNSUPPORTED):
 *  - RSA PKCS#1 v1.5 with MD5, SHA-1, SHA-224/256/384/512: the decoded
 *    DigestInfo must be exactly the DER one (NULL parameters), the
 *    signature exactly the modulus' length and below the modulus;
 *  - RSASSA-PSS (RFC 4055) with SHA-1/SHA-2, MGF1 with SHA-1/SHA-2 and
 *    the parameters' salt length exactly, trailer 1. The restrictions an
 *    id-RSASSA-PSS key's own parameters carry are not checked;
 *  - RSA moduli up to wolfSSL's RSA_MAX_SIZE (8192 bits in the project's
 *    build; longer keys are UNSUPPORTED);
 *  - ECDSA with SHA-1/SHA-2 on P-224, P-256, P-384, P-521 (and secp256k1
 *    and brainpoolP256r1/384r1/512r1 when wolfSSL has them), uncompressed
 *    points, and compressed ones when wolfSSL has HAVE_COMP_KEY (the
 *    project's build does); a point off its curve is BAD_KEY. The
 *    signature is a DER Ecdsa-Sig-Value, strictly decoded (shortest
 *    lengths and integers, r and s positive, nothing after);
 *  - Ed25519 and Ed448, pure (no context, no prehash), S below the order;
 *  - DSA with SHA-1/SHA-2 (FIPS 186-4; the digest truncated to q's
 *    length), the signature a DER Dss-Sig-Value as for ECDSA. A key
 *    without parameters (inherited from its issuer, RFC 3279 2.3.2) is
 *    UNSUPPORTED here; xc_verify_inherit() supplies them.
 *
 * The algorithm must fit the key: an RSA algorithm with an EC key is
 * XC_VERIFY_KEY_MISMATCH, not INVALID, so a caller can tell a wrong
 * issuer key from a forged signature.
 */
#ifndef XC_VERIFY_H
#define XC_VERIFY_H

#include "alg.h"
#include "spki.h"

/* Only XC_VERIFY_VALID means the signature is good; every other value is
 * a rejection, told apart for diagnostics. One list gives the enum and
 * xc_verify_result_name() (a switch without default: -Wswitch-enum). */
#define XC_VERIFY_RESULTS(X) \
	X(VALID)          /* the signature verifies */ \
	X(INVALID)        /* well-formed, but does not verify */ \
	X(UNSUPPORTED)    /* algorithm, hash, curve or key size not supported */ \
	X(BAD_KEY)        /* public key malformed (or rejected by wolfCrypt) */ \
	X(BAD_SIG)        /* signature encoding malformed (not strict DER, \
	                   * wrong length for the key) */ \
	X(KEY_MISMATCH)   /* the algorithm needs another key type (an RSA \
	                   * algorithm with an EC key, PKCS#1 v1.5 with an \
	                   * RSASSA-PSS-only key), or its parameters are \
	                   * malformed */ \
	X(ERROR)          /* wolfCrypt failed for another reason */

typedef enum xc_verify_result {
#define XC_VERIFY_ENUM(name) XC_VERIFY_##name,
	XC_VERIFY_RESULTS(XC_VERIFY_ENUM)   /* VALID first: 0 */
#undef XC_VERIFY_ENUM
} xc_verify_result;

/* Verifies `sig` over `msg` with the public key in the DER
 * SubjectPublicKeyInfo `spki_raw`, using the signature algorithm `alg`.
 * A key xc_spki_parse() rejects gives XC_VERIFY_BAD_KEY (or UNSUPPORTED
 * for a key type or curve the core does not know). */
xc_verify_result xc_verify(const xc_algid *alg, xc_slice msg, xc_slice sig,
			   xc_slice spki_raw);

/* The same, with a key already parsed by xc_spki_parse() or
 * xc_spki_parse_pkcs1() (an "RSA PUBLIC KEY" has no SPKI around it). */
xc_verify_result xc_verify_key(const xc_algid *alg, xc_slice msg, xc_slice sig,
			       const xc_spki *key);

/* xc_verify() with a key that may inherit its DSA domain parameters
 * (RFC 3279 2.3.2): `params_spki` is the SubjectPublicKeyInfo TLV of the
 * signer's issuer, whose parameters a DSA `spki_raw` without any takes
 * (xc_spki_inherit()). Any other key ignores it; an empty `params_spki`
 * makes this xc_verify(). XC_VERIFY_BAD_KEY if `params_spki` is needed
 * and does not parse, XC_VERIFY_KEY_MISMATCH if it is not a DSA key with
 * parameters. */
xc_verify_result xc_verify_inherit(const xc_algid *alg, xc_slice msg, xc_slice sig,
				   xc_slice spki_raw, xc_slice params_spki);

/* The result's name without prefix ("VALID", "BAD_SIG", ...); never NULL. */
const char *xc_verify_result_name(xc_verify_result r);

#endif
