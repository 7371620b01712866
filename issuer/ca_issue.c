/*
 * issuer/ca_issue.c - issuing from a CA directory (ca_issue.h).
 */
#include "ca_issue.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ext.h"
#include "serial.h"

#define DRAWS 16

int ci_ca_read_file(const char *path, uint8_t **buf, size_t *len, ci_msg *m)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t got = 0;

	*buf = NULL;
	if (fd < 0 || fstat(fd, &st)) {
		int err = errno;

		if (fd >= 0)
			close(fd);
		return ci_fail(m, "%s: %s", path, strerror(err));
	}
	if (!(*buf = malloc((size_t)st.st_size + 1))) {
		close(fd);
		return ci_fail(m, "out of memory");
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, *buf + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	*len = got;
	return 0;
}

int ci_ca_issue_open(ci_ca_issue *is, const char *dir, const char **ca_cert,
		     const char **ca_key, ci_msg *m)
{
	if (ci_cadir_open(&is->dir, dir, m) < 0 ||
	    ci_policy_load(&is->policy, is->dir.policy, m) < 0)
		return -1;
	*ca_cert = is->dir.cert;
	*ca_key = is->dir.key;
	return 0;
}

void ci_ca_issue_close(ci_ca_issue *is)
{
	ci_policy_free(&is->policy);
	ci_cadir_close(&is->dir);
}

/* Issued before: in the database, or a file in certs/ (a certificate
 * whose record a crash lost). */
static bool taken(ci_ca_issue *is, const char *hex)
{
	char path[PATH_MAX + 64];
	struct stat st;

	if (ci_cadb_find(&is->dir.db, hex))
		return true;
	ci_cadir_cert_path(&is->dir, hex, path, sizeof(path));
	return lstat(path, &st) == 0 || errno != ENOENT;
}

int ci_ca_issue_serial(ci_ca_issue *is, WC_RNG *rng, const char *given, uint8_t out[20],
		       size_t *len, ci_msg *m)
{
	const char *forced = getenv("CERTISSUE_TEST_SERIAL");

	if (given) {
		if (ci_serial_parse(given, out, len, m) < 0)
			return ci_fail_ctx(m, "--serial: ");
		ci_serial_hex(out, *len, is->serial_hex);
		if (taken(is, is->serial_hex))
			return ci_fail(m, "--serial %s: this CA issued that serial before (%s)",
				       given, is->serial_hex);
		return 0;
	}
	for (int i = 0; i < DRAWS; i++) {
		if (i == 0 && forced && *forced) {
			if (ci_serial_parse(forced, out, len, m) < 0)
				return ci_fail_ctx(m, "CERTISSUE_TEST_SERIAL: ");
		} else if (ci_serial_random(rng, out, len, m) < 0) {
			return -1;
		}
		ci_serial_hex(out, *len, is->serial_hex);
		if (!taken(is, is->serial_hex))
			return 0;
		fprintf(stderr, "certissue cert: serial %s was issued before by %s; drawing"
			" another\n", is->serial_hex, is->dir.dir);
	}
	return ci_fail(m, "%d serial draws all collided: the random generator is broken", DRAWS);
}

/* Step 4: the record, unless `ca check` recorded the file meanwhile. */
static int record(ci_ca_issue *is, const xc_cert *c, const char *profile, ci_msg *m)
{
	char subject[2048], line[8192];
	size_t n;
	int rc;

	if (xc_name_rfc4514(c->subject, subject, sizeof(subject), NULL) != XC_OK)
		snprintf(subject, sizeof(subject), "(unprintable)");
	n = ci_cadb_format_issued(line, sizeof(line), is->serial_hex, c->not_before.epoch,
				  c->not_after.epoch, profile && *profile ? profile : "-", subject);
	if (!n)
		return ci_fail(m, "the subject is too long to record");
	if (ci_cadb_lock(&is->dir.db, LOCK_EX, m) < 0)
		return -1;
	rc = ci_cadb_read(&is->dir.db, m);
	if (rc == 0 && !ci_cadb_find(&is->dir.db, is->serial_hex))
		rc = ci_cadb_append(&is->dir.db, line, n, m);
	ci_cadb_lock(&is->dir.db, LOCK_UN, m);
	return rc;
}

static int copy_out(const ci_ca_issue *is, const ci_common *cm, ci_msg *m)
{
	uint8_t *buf;
	size_t len;
	ci_out_opts oo = { .force = cm->emit.force, .secret = false };
	int rc;

	if (cm->emit.der)
		return ci_fail(m, "--der: a CA directory keeps PEM; the certificate is %s",
			       is->path);
	if (ci_ca_read_file(is->path, &buf, &len, m) < 0)
		return -1;
	rc = ci_out_write(cm->emit.path, buf, len, &oo, m);
	free(buf);
	return rc;
}

int ci_ca_issue_emit(ci_ca_issue *is, const ci_common *cm, const ci_key *signer,
		     WC_RNG *rng, xc_slice tbs, const char *profile, ci_msg *m)
{
	size_t cap = tbs.len + 64;
	uint8_t *buf = malloc(cap);
	ci_emit_opts eo = { "cert", is->path, false, false };
	ci_msg ignored;
	xc_cert c;
	int rc = -1;

	if (!buf)
		return ci_fail(m, "out of memory");
	if (ci_cadir_cert_path(&is->dir, is->serial_hex, is->path, sizeof(is->path)))
		ci_fail(m, "%s: name too long", is->dir.certs);
	else if (ci_tbs_view(tbs, buf, cap, &c, m) == 0 &&
		 ci_policy_check(&is->policy, &c, profile, m) == 0 &&
		 ci_emit(&eo, CI_OBJ_CERT, signer, &cm->sign, rng, tbs, ci_key_spki(signer),
			 m) == 0) {
		if (record(is, &c, profile, m) < 0) {
			/* Not recorded: not issued (ca_issue.h). */
			unlink(is->path);
			ci_cadir_sync(is->dir.certs, &ignored);
			ci_fail_ctx(m, "nothing was issued (%s removed): ", is->path);
		} else {
			rc = cm->emit.path ? copy_out(is, cm, m) : 0;
		}
	}
	free(buf);
	return rc;
}
