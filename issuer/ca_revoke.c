/*
 * issuer/ca_revoke.c - `certissue revoke --ca DIR SERIAL [--reason R]
 * [--date T]`: records a revocation in the CA directory's database; the
 * next `certissue crl --ca DIR` lists it.
 *
 * SERIAL as `certissue list` prints it (upper-case hex, the certificate's
 * file name in certs/), or as --serial takes it (decimal, 0x-hex, aa:bb).
 * R is a CRLReason by pyca's name (key_compromise, superseded, ...); the
 * reason and date are checked as `crl --revoke` checks them.
 */
#include <stdio.h>
#include <string.h>
#include <sys/file.h>

#include "ca_cmd.h"
#include "ca_dir.h"
#include "ext.h"
#include "when.h"

enum { O_CA = CI_O_OWN, O_REASON, O_DATE };

static const ci_opt opts[] = {
	{ "ca", "DIR", O_CA, false, "the CA directory" },
	{ "reason", "R", O_REASON, false,
	  "CRLReason: unspecified, key_compromise, ca_compromise, affiliation_changed,"
	  " superseded, cessation_of_operation, certificate_hold, privilege_withdrawn,"
	  " aa_compromise (default: none given)" },
	{ "date", "T", O_DATE, false, "the revocation date (default: now)" },
	{ NULL, NULL, 0, false, NULL },
};

static const ci_cmd_def def = {
	"revoke", "--ca DIR SERIAL [--reason R] [--date T]",
	"SERIAL: as certissue list prints it (hex), or decimal, 0x-hex, aa:bb.\n", opts, 0,
};

typedef struct revoke_job {
	ci_args a;
	ci_cadir d;
} revoke_job;

static const char *serial_arg;

/* The hex of SERIAL: the list's form if such a record exists, else
 * ci_serial_parse's forms. */
static int find(revoke_job *j, char hex[CI_SERIAL_HEX], ci_msg *m)
{
	uint8_t b[20];
	size_t n;

	if (strlen(serial_arg) < CI_SERIAL_HEX && ci_cadb_find(&j->d.db, serial_arg)) {
		strcpy(hex, serial_arg);
		return 0;
	}
	if (ci_serial_parse(serial_arg, b, &n, m) < 0)
		return ci_fail_ctx(m, "%s: ", serial_arg);
	ci_serial_hex(b, n, hex);
	if (!ci_cadb_find(&j->d.db, hex))
		return ci_fail(m, "%s: %s did not issue serial %s", serial_arg, j->d.dir, hex);
	return 0;
}

static int run(void *job, const ci_ctx *c, ci_msg *m)
{
	revoke_job *j = job;
	const ci_args *a = &j->a;
	char hex[CI_SERIAL_HEX], spec[256], date[32], line[160];
	const ci_carec *r;
	ci_revoke rv;

	if (ci_no_common(a, "revoke", 0, m) < 0)
		return -1;
	if (!ci_opt_has(a, O_CA) || !serial_arg)
		return ci_fail(m, "usage: certissue revoke --ca DIR SERIAL [--reason R] [--date T]");
	if (ci_cadir_open(&j->d, a->val[O_CA], m) < 0 || ci_cadb_lock(&j->d.db, LOCK_EX, m) < 0)
		return -1;
	if (ci_cadb_read(&j->d.db, m) < 0 || find(j, hex, m) < 0)
		return -1;
	r = ci_cadb_find(&j->d.db, hex);
	if (r->revoked_by) {
		ci_when_format(j->d.db.rec[r->revoked_by - 1].t1, date, sizeof(date));
		return ci_fail(m, "serial %s is already revoked (%s, %s)", hex, date,
			       j->d.db.rec[r->revoked_by - 1].word);
	}
	snprintf(spec, sizeof(spec), "0x%s%s%s%s%s", hex, ci_opt_has(a, O_REASON) ? ",reason=" : "",
		 ci_opt_has(a, O_REASON) ? a->val[O_REASON] : "", ci_opt_has(a, O_DATE) ? ",date=" : "",
		 ci_opt_has(a, O_DATE) ? a->val[O_DATE] : "");
	if (strchr(ci_opt_has(a, O_REASON) ? a->val[O_REASON] : "", ',') ||
	    strchr(ci_opt_has(a, O_DATE) ? a->val[O_DATE] : "", ','))
		return ci_fail(m, "--reason/--date: no commas");
	if (ci_revoke_parse(&rv, spec, c->now, m) < 0)
		return ci_fail_ctx(m, "%s: ", ci_opt_has(a, O_REASON) ? "--reason/--date" : "--date");
	ci_when_format(rv.date, date, sizeof(date));
	snprintf(line, sizeof(line), "revoked %s %s %s\n", hex, date,
		 ci_opt_has(a, O_REASON) ? a->val[O_REASON] : "-");
	if (ci_cadb_append(&j->d.db, line, strlen(line), m) < 0)
		return -1;
	fprintf(stderr, "certissue revoke: serial %s revoked (%s, %s); certissue crl --ca %s"
		" publishes it\n", hex, date, ci_opt_has(a, O_REASON) ? a->val[O_REASON] : "no reason",
		j->d.dir);
	return 0;
}

static void done(void *job)
{
	ci_cadir_close(&((revoke_job *)job)->d);
}

int ci_cmd_revoke(const ci_ctx *c, int argc, char **argv)
{
	return ci_ca_main(&def, c, argc, argv, &serial_arg, sizeof(revoke_job), run, done);
}
