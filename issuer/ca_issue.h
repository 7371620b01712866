/*
 * issuer/ca_issue.h - `certissue cert --ca DIR`: issuing from a CA
 * directory (ca_dir.h). cmd_cert.c calls these at three points.
 *
 * The order, and why (issue 15, crash safety):
 *  1. a serial is drawn and checked against the database and certs/ (a
 *     collision with anything the CA ever issued is drawn again);
 *  2. the TBSCertificate is checked against DIR/policy before it is
 *     signed (a refused request costs no signature);
 *  3. the certificate is written as certs/SERIAL.pem by out.c: a temporary
 *     file, fsynced, linked to its name (link(2) fails if the name exists:
 *     two processes can never both take a serial), the directory fsynced;
 *  4. only then is its record appended to the database (ca_db.h: one
 *     line, one write, fsync, under the exclusive lock). A crash between
 *     3 and 4 leaves a certificate without a record: `certissue ca check`
 *     records it. If the record cannot be written (a full disk), the file
 *     is removed again: nothing is issued that is not recorded.
 * No lock is held while signing, so issuers run in parallel.
 *
 * CERTISSUE_TEST_SERIAL=HEX (for tests only: the collision test) makes
 * the first draw that serial instead of a random one.
 */
#ifndef CI_CA_ISSUE_H
#define CI_CA_ISSUE_H

#include <stdbool.h>

#include "ca_dir.h"
#include "ca_policy.h"
#include "emit.h"

typedef struct ci_ca_issue {
	ci_cadir dir;
	ci_policy policy;
	char serial_hex[CI_SERIAL_HEX];
	char path[PATH_MAX + 64];
} ci_ca_issue;

/* Opens DIR (ca_dir.h checks) and its policy; *ca_cert and *ca_key are
 * set to its files (for ci_ca_load). */
int ci_ca_issue_open(ci_ca_issue *is, const char *dir, const char **ca_cert,
		     const char **ca_key, ci_msg *m);
/* A serial never issued by this CA: drawn, or `given` (--serial) checked. */
int ci_ca_issue_serial(ci_ca_issue *is, WC_RNG *rng, const char *given, uint8_t out[20],
		       size_t *len, ci_msg *m);
/* Steps 2-4 above, then a copy to --out if given (cm->emit.path). */
int ci_ca_issue_emit(ci_ca_issue *is, const ci_common *cm, const ci_key *signer,
		     WC_RNG *rng, xc_slice tbs, const char *profile, ci_msg *m);
void ci_ca_issue_close(ci_ca_issue *is);

/* Reads a whole file (malloc'd). */
int ci_ca_read_file(const char *path, uint8_t **buf, size_t *len, ci_msg *m);

#endif
