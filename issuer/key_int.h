/*
 * issuer/key_int.h - what key.c, key_pkcs8.c, key_load.c and pass.c share
 * (not part of the issuer's interface: key.h is).
 */
#ifndef CI_KEY_INT_H
#define CI_KEY_INT_H

#include "der.h"
#include "key.h"

/* Fills k->spki from the wolfCrypt key in k (after generation or
 * loading) and checks that the core reads it back. */
int ci_key_finish(ci_key *k, ci_msg *m);

/* Dotted OIDs of the key algorithms and curves (RFC 3279, 5480, 8410). */
#define CI_OID_RSA "1.2.840.113549.1.1.1"
#define CI_OID_EC "1.2.840.10045.2.1"
#define CI_OID_ED25519 "1.3.101.112"
#define CI_OID_ED448 "1.3.101.113"
#define CI_OID_P256 "1.2.840.10045.3.1.7"
#define CI_OID_P384 "1.3.132.0.34"
#define CI_OID_P521 "1.3.132.0.35"

/* The curve's OID for a wolfSSL curve id (ECC_SECP256R1...), NULL if
 * certissue does not make keys on it. */
const char *ci_curve_oid(int curve);

/* PBES2 (RFC 8018 6.2) for PKCS#8: encrypts `plain` with `pass` into an
 * EncryptedPrivateKeyInfo written to w (PBKDF2-HMAC-SHA256,
 * CI_PBKDF2_ITER iterations, AES-256-CBC, random salt and IV). */
int ci_pbes2_encrypt(const uint8_t *plain, size_t n, const char *pass,
		     WC_RNG *rng, ci_der *w, ci_msg *m);
/* Decrypts an EncryptedPrivateKeyInfo (`epki`, the whole TLV) into out
 * (cap >= its length); *n the plaintext's length. CI_WRONG_PASS when the
 * padding or the plaintext's DER is wrong; -1 with what is unsupported
 * or malformed otherwise. */
#define CI_WRONG_PASS (-2)
int ci_pbes2_decrypt(xc_slice epki, const char *pass, uint8_t *out, size_t cap,
		     size_t *n, ci_msg *m);

/* Reads a whole file ("-": standard input) into a malloc'd buffer. */
int ci_read_file(const char *path, uint8_t **buf, size_t *len, size_t max, ci_msg *m);

#endif
