/*
 * issuer/ca_db.h - the database of a CA directory (DIR/database).
 *
 * Plain text, not SQLite: the records are few and small, and an
 * append-only log of whole lines under flock(2) gives every guarantee
 * the CA needs without a dependency or a library to open on each run:
 *  - an update is one write(2) of whole lines to the end of the file
 *    under an exclusive flock, then fsync: one transaction, one fsync;
 *  - a crash can only leave a last line without its newline (a torn
 *    write): readers ignore it, the next writer (under the lock) cuts it
 *    off, so a record is there whole or not at all;
 *  - any other line that does not parse is corruption: every command
 *    refuses the directory, naming the line, and touches nothing.
 * The text is readable and greppable, as openssl ca's index.txt is.
 *
 * Format: the first line is "certissue-ca-db 1"; then one record a line,
 * fields separated by one space, times as 2026-12-07T10:00:00Z, serials
 * as upper-case hex octets (the certificate's file name in certs/):
 *   issued SERIAL NOT_BEFORE NOT_AFTER PROFILE SUBJECT
 *   revoked SERIAL DATE REASON
 *   crl NUMBER THIS_UPDATE full|delta BASE
 * PROFILE is the --profile asked or "-" ("recovered" for a certificate
 * file `ca check` found without its record); SUBJECT is the RFC 4514 text
 * to the end of the line with '%' and control bytes as %XX; REASON is a
 * CRLReason by pyca's name or "-" (none); BASE is the number of the full
 * CRL a delta CRL is relative to ("-" for a full CRL).
 */
#ifndef CI_CA_DB_H
#define CI_CA_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h"

#define CI_CADB_MAGIC "certissue-ca-db 1\n"
#define CI_SERIAL_HEX (2 * 20 + 1)

typedef enum ci_carec_kind { CI_REC_ISSUED, CI_REC_REVOKED, CI_REC_CRL } ci_carec_kind;

typedef struct ci_carec {
	ci_carec_kind kind;
	char serial[CI_SERIAL_HEX];     /* issued, revoked */
	int64_t t1, t2;                 /* issued: validity; revoked: t1 the date; crl: t1 */
	char word[32];                  /* issued: profile; revoked: reason */
	char *subject;                  /* issued: malloc'd, decoded */
	uint64_t number, base;          /* crl: its number, the delta's base (0: full) */
	size_t revoked_by;              /* issued: index+1 of its revocation, 0 none */
} ci_carec;

typedef struct ci_cadb {
	const char *path;
	int fd;
	ci_carec *rec;
	size_t count, cap;
	uint64_t read_to;       /* bytes parsed so far (whole lines) */
	size_t lines;
} ci_cadb;

/* Opens an existing database (O_RDWR). */
int ci_cadb_open(ci_cadb *db, const char *path, ci_msg *m);
void ci_cadb_close(ci_cadb *db);

/* flock(2): LOCK_SH, LOCK_EX or LOCK_UN. */
int ci_cadb_lock(ci_cadb *db, int how, ci_msg *m);

/* Parses the lines added since the last call (under a lock). */
int ci_cadb_read(ci_cadb *db, ci_msg *m);

/* Appends `line` (whole lines, each ending in '\n') under the exclusive
 * lock the caller holds: cuts a torn last line, writes, fsyncs; on any
 * failure the file is cut back to what it was. Then reads it back. */
int ci_cadb_append(ci_cadb *db, const char *line, size_t len, ci_msg *m);

/* The issued record of a serial, or NULL. */
const ci_carec *ci_cadb_find(const ci_cadb *db, const char *serial_hex);

/* Formats a record line into buf (NUL-terminated); the length or 0 if
 * it does not fit. */
size_t ci_cadb_format_issued(char *buf, size_t cap, const char *serial, int64_t nb,
			     int64_t na, const char *profile, const char *subject);

/* Hex of a serial's magnitude (leading zero octets skipped; "" for none). */
void ci_serial_hex(const uint8_t *p, size_t n, char out[CI_SERIAL_HEX]);

/* A new database file's whole content. */
#define CI_CADB_NEW CI_CADB_MAGIC

#endif
