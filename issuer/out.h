/*
 * issuer/out.h - writing what certissue made.
 *
 * An output is written whole or not at all: into a new temporary file in
 * the target's directory, created with mode 0600 from the start (O_EXCL,
 * umask or not: a private key is never world-readable, not even for an
 * instant), synced, then linked to its name (link(2) fails if the name
 * exists, so an existing file is never replaced without --force; with
 * --force, rename(2) replaces it atomically). Certificates, CSRs and CRLs
 * are then given mode 0644 & ~umask; keys stay 0600. "-" is standard
 * output.
 */
#ifndef CI_OUT_H
#define CI_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h"

typedef struct ci_out_opts {
	bool force;             /* replace an existing file */
	bool secret;            /* a private key: stays 0600 */
} ci_out_opts;

/* Fails before anything is made if `path` exists and !force (so that a
 * refusal costs no key generation), or its directory is not writable. */
int ci_out_check(const char *path, const ci_out_opts *o, ci_msg *m);
int ci_out_write(const char *path, const uint8_t *p, size_t n,
		 const ci_out_opts *o, ci_msg *m);

/* PEM armour of DER (64-column base64, RFC 7468) into a malloc'd buffer. */
int ci_pem_encode(const char *label, const uint8_t *der, size_t n,
		  uint8_t **out, size_t *out_len, ci_msg *m);

#endif
