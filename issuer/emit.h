/*
 * issuer/emit.h - the last steps every command shares: sign the TBS,
 * check the result with the core (check.h), write it (PEM by default,
 * --der; out.h: whole or not at all), and say on standard error, in one
 * line, what was made.
 */
#ifndef CI_EMIT_H
#define CI_EMIT_H

#include <stdbool.h>

#include <xc/xc.h>

#include "check.h"
#include "key.h"
#include "msg.h"
#include "opt.h"
#include "out.h"
#include "sign.h"

typedef struct ci_emit_opts {
	const char *cmd;        /* "cert": the stderr line's prefix */
	const char *path;       /* --out ("-": standard output) */
	bool der;               /* --der */
	bool force;             /* --force */
} ci_emit_opts;

/* What the common options (opt.h: --out, --der, --force, --hash,
 * --rsa-pss, --allow-weak, --passphrase-file) ask for. `key_what` names
 * the private key in a passphrase prompt ("CA key"). */
typedef struct ci_common {
	ci_emit_opts emit;
	ci_out_opts out;
	ci_sign_opts sign;
	ci_pass_src pass;
} ci_common;

void ci_common_init(ci_common *cm, const char *cmd, const char *key_what,
		    const ci_args *a);
/* --out is given, and may be written (ci_out_check): checked before any
 * work, so that a refusal costs nothing. */
int ci_common_check_out(const ci_common *cm, ci_msg *m);

/* Signs `tbs` with `k`, checks the signed object against `issuer_spki`
 * (the key's own SubjectPublicKeyInfo; ignored for a CSR), writes it to
 * o->path and prints the line. Nothing is written on failure. */
int ci_emit(const ci_emit_opts *o, ci_obj_kind kind, const ci_key *k,
	    const ci_sign_opts *so, WC_RNG *rng, xc_slice tbs, xc_slice issuer_spki,
	    ci_msg *m);

/* The line printed after writing, for `c` (a checked object) and its DER:
 * "certificate for SUBJECT (serial N, valid FROM to TO), SHA-256 HEX". */
void ci_emit_describe(const ci_checked *c, xc_slice der, char *buf, size_t cap);

#endif
