/*
 * xc/pem.h - PEM blocks (RFC 7468) among any text.
 *
 * A buffer may hold any number of blocks with text before, between and
 * after them:
 *
 *   -----BEGIN CERTIFICATE-----
 *   base64, in lines, whitespace ignored
 *   -----END CERTIFICATE-----
 *
 * The scanner finds each block, whatever its label, and tells its label
 * and where it starts and ends; the decoder turns its base64 into bytes in
 * a caller buffer, or in place (the output never overtakes the input).
 * Labels the core parses: CERTIFICATE (and the old X509 CERTIFICATE), X509 CRL, CERTIFICATE REQUEST,
 * NEW CERTIFICATE REQUEST, TRUSTED CERTIFICATE. Other blocks (private
 * keys, ...) are reported with XC_PEM_OTHER so callers can skip them
 * without decoding them.
 */
#ifndef XC_PEM_H
#define XC_PEM_H

#include "err.h"
#include "slice.h"

typedef enum xc_pem_kind {
	XC_PEM_OTHER = 0,       /* a label the core does not parse */
	XC_PEM_CERTIFICATE,     /* CERTIFICATE */
	XC_PEM_TRUSTED_CERTIFICATE, /* TRUSTED CERTIFICATE (OpenSSL: a certificate + trust DER) */
	XC_PEM_CRL,             /* X509 CRL */
	XC_PEM_CSR,             /* CERTIFICATE REQUEST, NEW CERTIFICATE REQUEST */
	XC_PEM_PUBLIC_KEY,      /* PUBLIC KEY (SubjectPublicKeyInfo) */
	XC_PEM_RSA_PUBLIC_KEY,  /* RSA PUBLIC KEY (PKCS#1 RSAPublicKey) */
} xc_pem_kind;

typedef struct xc_pem_block {
	xc_pem_kind kind;
	xc_slice label;         /* the text between "BEGIN " and "-----" */
	xc_slice body;          /* the base64 text between the BEGIN and END lines */
	size_t begin;           /* offset of "-----BEGIN" in the buffer */
	size_t end;             /* offset just past the END line's "-----" */
} xc_pem_block;

typedef struct xc_pem_iter {
	const uint8_t *buf;
	size_t len;
	size_t pos;
} xc_pem_iter;

void xc_pem_iter_init(xc_pem_iter *it, const uint8_t *buf, size_t len);

/* Finds the next block. XC_OK with a block, XC_END when no more BEGIN line
 * follows, or an error with *off (may be NULL) at the BEGIN line:
 * XC_ERR_PEM_UNTERMINATED, XC_ERR_PEM_LABEL. After an error the iterator
 * moves past the bad BEGIN line, so the next call goes on with the rest. */
xc_err xc_pem_next(xc_pem_iter *it, xc_pem_block *out, size_t *off);

/* Decodes a block's base64 body into out (cap bytes); *len gets the number
 * of bytes. out may be the buffer's own bytes at body.p (in place). Spaces,
 * tabs, CR and LF are skipped; '=' padding only at the end; any other
 * character is XC_ERR_PEM_BASE64 with *off (may be NULL) its offset from
 * body.p. An empty body is XC_ERR_PEM_EMPTY. XC_PEM_DECODED_MAX(n) bytes
 * always suffice for a body of n characters. */
#define XC_PEM_DECODED_MAX(n) (((n) / 4u + 1u) * 3u)
xc_err xc_pem_decode(xc_slice body, uint8_t *out, size_t cap, size_t *len, size_t *off);

/* The kind of a label. */
xc_pem_kind xc_pem_kind_of(xc_slice label);

/* True if buf looks like PEM: it holds "-----BEGIN ". */
bool xc_pem_detect(const uint8_t *buf, size_t len);

#endif
