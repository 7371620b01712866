/*
 * issuer/ca_dir.h - a CA directory (certissue ca init; issue 15).
 *
 *   DIR/ca.pem              the CA's certificate
 *   DIR/private/ca.key      its key (0600; private/ 0700)
 *   DIR/certs/SERIAL.pem    every certificate issued (SERIAL: upper-case hex)
 *   DIR/crl.pem             the current full CRL (DIR/delta-crl.pem: the delta)
 *   DIR/database            what was issued and revoked, and the CRLs (ca_db.h)
 *   DIR/policy              optional: what may be issued (ca_policy.h)
 *
 * Opening checks what must hold before anything is read or signed: the
 * database parses (a corrupt one is refused, naming the line), ca.pem is
 * there, private/ and ca.key are not readable by group or others (a key
 * others could read is a compromised key: refused, not fixed silently).
 */
#ifndef CI_CA_DIR_H
#define CI_CA_DIR_H

#include <limits.h>
#include <stdbool.h>

#include "ca_db.h"
#include "msg.h"

typedef struct ci_cadir {
	char dir[PATH_MAX];
	char cert[PATH_MAX + 16], key[PATH_MAX + 16], certs[PATH_MAX + 16];
	char db_path[PATH_MAX + 16], policy[PATH_MAX + 16], crl[PATH_MAX + 16];
	char delta[PATH_MAX + 16];
	ci_cadb db;
} ci_cadir;

/* The paths of DIR, nothing opened. */
int ci_cadir_paths(ci_cadir *d, const char *dir, ci_msg *m);

/* ci_cadir_paths, the checks above, and the database read under a shared
 * lock (released). */
int ci_cadir_open(ci_cadir *d, const char *dir, ci_msg *m);
/* Closes the database (which releases any flock held on it). */
void ci_cadir_close(ci_cadir *d);

/* DIR/certs/SERIAL.pem */
int ci_cadir_cert_path(const ci_cadir *d, const char *serial_hex, char *buf, size_t cap);

/* fsync a directory: a new name in it is durable. */
int ci_cadir_sync(const char *dir, ci_msg *m);

#endif
