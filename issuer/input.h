/*
 * issuer/input.h - the certificates, CSRs and public keys a command reads.
 *
 * Each is PEM (the first block of the right label, anything else in the
 * file skipped, so a CA file may hold its chain after it) or DER (one
 * object filling the file). The file is read whole into a malloc'd
 * buffer the ci_input owns; the parsed object's slices point into it, so
 * it lives until ci_input_free. "-" is standard input.
 */
#ifndef CI_INPUT_H
#define CI_INPUT_H

#include <xc/xc.h>

#include "key.h"
#include "msg.h"

typedef struct ci_input {
	uint8_t *buf;
	size_t len;
	xc_slice der;           /* the object's DER inside buf */
} ci_input;

/* --ca-cert: a certificate, parsed by the core. */
int ci_input_cert(ci_input *in, const char *path, const char *opt, xc_cert *c, ci_msg *m);
/* --csr: a CSR, parsed by the core, its self-signature checked (RFC 2986
 * proof of possession; a CSR that does not verify is refused). */
int ci_input_csr(ci_input *in, const char *path, const char *opt, xc_csr *c, ci_msg *m);
/* --public-key: a "PUBLIC KEY" (SubjectPublicKeyInfo) PEM block or its
 * DER, decoded by the core (xc_spki_parse). *spki is its TLV. */
int ci_input_spki(ci_input *in, const char *path, const char *opt, xc_slice *spki, ci_msg *m);
void ci_input_free(ci_input *in);

/* --key, --ca-key: ci_key_load, its message prefixed with the option and
 * the path (unless it names the path already). */
int ci_input_key(ci_key *k, const char *path, const char *opt, const ci_pass_src *pass,
		 ci_msg *m);

#endif
