/*
 * issuer/key.h - private keys: made, read and written with wolfCrypt.
 *
 * Types (certissue key --type): rsa2048, rsa3072, rsa4096, ec-p256,
 * ec-p384, ec-p521, ed25519, ed448. Read: PKCS#8 PrivateKeyInfo (RFC
 * 5208, and RFC 5958 OneAsymmetricKey v2 with a public key), encrypted
 * PKCS#8 (PBES2 with PBKDF2 and AES-CBC or what wolfCrypt opens),
 * OpenSSL's traditional `RSA PRIVATE KEY` (PKCS#1) and `EC PRIVATE KEY`
 * (RFC 5915), each as PEM or DER. Written: PKCS#8 PEM (or DER); with a
 * passphrase, encrypted PKCS#8 as PBES2 (RFC 8018) with
 * PBKDF2-HMAC-SHA256 and AES-256-CBC, whose parameters are written here
 * rather than by wc_EncryptPKCS8Key: wolfSSL 5.7.2 writes its PBES2
 * without a PRF, which means HMAC-SHA1 (docs/core.md, tests/wolfssl).
 */
#ifndef CI_KEY_H
#define CI_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/random.h>
#include <wolfssl/wolfcrypt/rsa.h>
#include <wolfssl/wolfcrypt/ecc.h>
#include <wolfssl/wolfcrypt/ed25519.h>
#include <wolfssl/wolfcrypt/ed448.h>

#include <xc/slice.h>

#include "msg.h"

typedef enum ci_key_type {
	CI_KEY_RSA = 1,
	CI_KEY_EC,
	CI_KEY_ED25519,
	CI_KEY_ED448,
} ci_key_type;

#define CI_SPKI_MAX 1200        /* an RSA-8192 SubjectPublicKeyInfo fits */

typedef struct ci_key {
	ci_key_type type;
	unsigned bits;          /* RSA modulus bits; EC field bits (256, 384, 521); 255/448 */
	int curve;              /* wolfSSL ECC_SECP256R1, ...; 0 if not EC */
	union {
		RsaKey rsa;
		ecc_key ec;
		ed25519_key ed25519;
		ed448_key ed448;
	} k;
	bool live;              /* k holds an initialised wolfCrypt key */
	uint8_t spki[CI_SPKI_MAX]; /* the public key as SubjectPublicKeyInfo DER */
	size_t spki_len;
} ci_key;

/* "rsa2048" ... "ed448" (the --type names); -1 with m listing the valid
 * names for anything else. */
int ci_key_generate(ci_key *k, const char *type, WC_RNG *rng, ci_msg *m);
/* Only the check of `type` that ci_key_generate makes first (so that a
 * command can refuse before any other work). */
int ci_key_type_valid(const char *type, ci_msg *m);

/* Where a passphrase comes from when a key is encrypted: the file (first
 * line, without its newline) if `file` is set, else the environment
 * variable CERTISSUE_PASSPHRASE, else a prompt on /dev/tty (echo off) if
 * there is a terminal; else an error saying how to give one. Never an
 * argument on the command line (it would show in ps). */
typedef struct ci_pass_src {
	const char *file;       /* --passphrase-file, or NULL */
	const char *what;       /* for the prompt and messages: "CA key" */
} ci_pass_src;

/* Reads a private key from `path` ("-" is standard input), in any of the
 * forms above. An encrypted key asks `pass` for its passphrase; a wrong
 * one is "wrong passphrase for KEY", not a parse error (PBES2 padding
 * and the decrypted structure both checked). `pass` may be NULL: no
 * file, so CERTISSUE_PASSPHRASE or the terminal. */
int ci_key_load(ci_key *k, const char *path, const ci_pass_src *pass, ci_msg *m);
/* The same from bytes already read (PEM or DER). */
int ci_key_load_mem(ci_key *k, const uint8_t *buf, size_t len, const char *name,
		    const ci_pass_src *pass, ci_msg *m);

/* A passphrase for writing (certissue key): from the file, else
 * CERTISSUE_PASSPHRASE, else asked twice on a terminal. 0 and out[0] ==
 * '\0' when none was asked for (`file` NULL and `ask` false). */
int ci_pass_get(const ci_pass_src *src, bool ask, bool confirm, char *out,
		size_t cap, ci_msg *m);

/* PKCS#8 of the key as PEM text ("PRIVATE KEY", or "ENCRYPTED PRIVATE
 * KEY" when passphrase is non-empty) or DER, into a malloc'd buffer the
 * caller frees (after wiping: ci_wipe). PBKDF2 iterations:
 * CI_PBKDF2_ITER. */
#define CI_PBKDF2_ITER 600000   /* OWASP 2023 for PBKDF2-HMAC-SHA256 */
int ci_key_write_pkcs8(const ci_key *k, const char *passphrase, bool der,
		       WC_RNG *rng, uint8_t **out, size_t *out_len, ci_msg *m);

/* The key's SubjectPublicKeyInfo (a slice of k->spki). */
xc_slice ci_key_spki(const ci_key *k);
/* True if `spki` (a SubjectPublicKeyInfo TLV) is this key's public key
 * (same algorithm, same key; compared through the core's parse, so an
 * encoding difference in parameters does not matter). */
bool ci_key_matches(const ci_key *k, xc_slice spki);
/* "RSA 2048", "EC P-256", "Ed25519" (for messages). */
const char *ci_key_describe(const ci_key *k, char *buf, size_t cap);

void ci_key_free(ci_key *k);
/* Clears memory that held secrets (not optimised away). */
void ci_wipe(void *p, size_t n);

/* wolfCrypt's name for one of its error codes (the issuer's one mapper
 * of wolfSSL errors to text). */
const char *ci_wc_error(int ret);

#endif
