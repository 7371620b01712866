/*
 * issuer/ca_check.c - `certissue ca check DIR`: the directory against its
 * database, under the exclusive lock, repairing what a crash can leave:
 *  - a certificate file without a record (killed between the file and the
 *    record, ca_issue.h): if it parses, is named by its serial and its
 *    signature verifies with the CA's key, its record is appended
 *    (profile "recovered"); otherwise it is reported;
 *  - temporary files of out.c (".NAME.XXXXXX") older than a minute: the
 *    writer died; removed (younger ones may belong to a running issuer);
 *  - a torn last database line: cut by the append.
 * Reported, not repairable: a record without its file, a corrupt
 * database, a file that is not a certificate of this CA. Exit status 0
 * when the directory is consistent (after repairs), 1 otherwise.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ca_cmd.h"
#include "ca_dir.h"
#include "input.h"

#define STALE_SECS 60

static const ci_opt opts[] = { { NULL, NULL, 0, false, NULL } };
static const ci_cmd_def def = { "ca check", "DIR", NULL, opts, 0 };

typedef struct check_job {
	ci_args a;
	ci_cadir d;
	ci_input ca_in;
	xc_cert ca;
	size_t files, problems, repaired;
} check_job;

static const char *dir_arg;

static void problem(check_job *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(check_job *j, const char *fmt, ...)
{
	va_list ap;

	printf("problem: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	j->problems++;
}

/* A certificate file certs/NAME: its serial is NAME, the CA signed it. */
static void check_file(check_job *j, const char *name)
{
	char path[PATH_MAX + 300], hex[CI_SERIAL_HEX], line[8192], subject[2048];
	size_t len = strlen(name) - 4;
	ci_input in;
	xc_cert c;
	ci_msg m;

	snprintf(path, sizeof(path), "%s/%s", j->d.certs, name);
	j->files++;
	if (ci_input_cert(&in, path, path, &c, &m) < 0) {
		problem(j, "%s", m.text);
		return;
	}
	ci_serial_hex(c.serial.p, c.serial.len, hex);
	if (strlen(hex) != len || strncmp(hex, name, len))
		problem(j, "%s: its serial is %s, not its name", path, hex);
	else if (!xc_name_equal(c.issuer_raw, j->ca.subject_raw) ||
		 xc_cert_verify(&c, j->ca.spki) != XC_VERIFY_VALID)
		problem(j, "%s: not signed by the CA (%s)", path, j->d.cert);
	else if (!ci_cadb_find(&j->d.db, hex)) {
		if (xc_name_rfc4514(c.subject, subject, sizeof(subject), NULL) != XC_OK)
			snprintf(subject, sizeof(subject), "(unprintable)");
		len = ci_cadb_format_issued(line, sizeof(line), hex, c.not_before.epoch,
					    c.not_after.epoch, "recovered", subject);
		if (!len || ci_cadb_append(&j->d.db, line, len, &m) < 0)
			problem(j, "%s: no record, and it cannot be recorded: %s", path,
				len ? m.text : "subject too long");
		else {
			printf("repaired: %s had no record (an interrupted issuance); recorded\n",
			       path);
			j->repaired++;
		}
	}
	ci_input_free(&in);
}

static void check_temp(check_job *j, const char *name)
{
	char path[PATH_MAX + 300];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", j->d.certs, name);
	if (lstat(path, &st) || time(NULL) - st.st_mtime < STALE_SECS) {
		printf("note: %s: a temporary file less than %d s old (an issuance in"
		       " progress?), left\n", path, STALE_SECS);
		return;
	}
	if (unlink(path) == 0) {
		printf("repaired: %s: a temporary file of an interrupted issuance, removed\n",
		       path);
		j->repaired++;
	}
}

static int scan(check_job *j, ci_msg *m)
{
	DIR *dh = opendir(j->d.certs);
	struct dirent *e;

	if (!dh)
		return ci_fail(m, "%s: cannot read the certificates' directory", j->d.certs);
	while ((e = readdir(dh))) {
		size_t n = strlen(e->d_name);

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (e->d_name[0] == '.')
			check_temp(j, e->d_name);
		else if (n > 4 && !strcmp(e->d_name + n - 4, ".pem"))
			check_file(j, e->d_name);
		else
			problem(j, "%s/%s: not a certificate file (SERIAL.pem)", j->d.certs,
				e->d_name);
	}
	closedir(dh);
	return 0;
}

static int run(void *job, const ci_ctx *c, ci_msg *m)
{
	check_job *j = job;
	size_t records = 0, revoked = 0, crls = 0;
	char path[PATH_MAX + 64];
	struct stat st;

	(void)c;
	if (ci_no_common(&j->a, "ca check", 0, m) < 0)
		return -1;
	if (!dir_arg)
		return ci_fail(m, "usage: certissue ca check DIR");
	if (ci_cadir_open(&j->d, dir_arg, m) < 0 || ci_cadb_lock(&j->d.db, LOCK_EX, m) < 0)
		return -1;
	if (ci_cadb_read(&j->d.db, m) < 0 ||
	    ci_input_cert(&j->ca_in, j->d.cert, j->d.cert, &j->ca, m) < 0 || scan(j, m) < 0)
		return -1;
	for (size_t i = 0; i < j->d.db.count; i++) {
		const ci_carec *r = &j->d.db.rec[i];

		crls += r->kind == CI_REC_CRL;
		revoked += r->kind == CI_REC_REVOKED;
		if (r->kind != CI_REC_ISSUED)
			continue;
		records++;
		ci_cadir_cert_path(&j->d, r->serial, path, sizeof(path));
		if (stat(path, &st))
			problem(j, "%s: recorded as issued, but the file is missing (restore it"
				" from a backup)", path);
	}
	printf("%s: %zu certificate files, %zu records, %zu revoked, %zu CRLs; %zu repaired,"
	       " %zu problems\n", j->d.dir, j->files, records, revoked, crls, j->repaired,
	       j->problems);
	if (j->problems)
		return ci_fail(m, "%s is not consistent (%zu problems above)", j->d.dir,
			       j->problems);
	return 0;
}

static void done(void *job)
{
	check_job *j = job;

	ci_input_free(&j->ca_in);
	ci_cadir_close(&j->d);
}

int ci_cmd_ca_check(const ci_ctx *c, int argc, char **argv)
{
	return ci_ca_main(&def, c, argc, argv, &dir_arg, sizeof(check_job), run, done);
}
