/*
 * issuer/ca_crl.c - `certissue crl --ca DIR [--days N] [--delta]`: the
 * CRL of a CA directory's revocations, written to DIR/crl.pem (a delta
 * CRL to DIR/delta-crl.pem) and to --out if given.
 *
 * The whole command holds the database's exclusive lock, so two CRLs
 * never get one number. The number is one higher than the last CRL's
 * (full and delta CRLs share the sequence, RFC 5280 5.2.3), and its
 * record is appended (and fsynced) before the CRL is signed: a crash
 * after that leaves a number unused, never one used twice. A delta CRL
 * (RFC 5280 5.2.4) lists the revocations recorded after the last full
 * CRL, with a deltaCRLIndicator naming that CRL's number.
 *
 * The CRL itself is made by `certissue crl` (cmd_crl.c) run in-process
 * with --ca-cert, --ca-key, --crl-number and one --revoke per entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>

#include "ca_cmd.h"
#include "ca_dir.h"
#include "ca_issue.h"
#include "out.h"
#include "when.h"

enum { O_CA = CI_O_OWN, O_DAYS, O_DELTA };

static const ci_opt opts[] = {
	{ "ca", "DIR", O_CA, false, "the CA directory" },
	{ "days", "N", O_DAYS, false, "nextUpdate in days (default: 7)" },
	{ "delta", NULL, O_DELTA, false,
	  "a delta CRL: the revocations since the last full CRL (DIR/delta-crl.pem)" },
	{ NULL, NULL, 0, false, NULL },
};

static const ci_cmd_def def = {
	"crl",
	"--ca DIR [--days N] [--delta] [--out FILE] [--hash H] [--passphrase-file F]",
	"The CRL of the directory's revocations (certissue revoke), numbered one\n"
	"higher than the last, written to DIR/crl.pem (DIR/delta-crl.pem with\n"
	"--delta) and to --out FILE if given.\n",
	opts,
	0,
};

typedef struct crl_job {
	ci_args a;
	ci_cadir d;
} crl_job;

bool ci_ca_crl_wanted(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--ca") || !strncmp(argv[i], "--ca=", 5))
			return true;
	return false;
}

static void add_opt(ci_argv *av, const ci_args *a, int id, const char *name)
{
	if (!ci_opt_has(a, id))
		return;
	ci_argv_add(av, name);
	if (*a->val[id])
		ci_argv_add(av, a->val[id]);
}

/* The --revoke options: every revocation, or (delta) those after the
 * record of the last full CRL. *base gets that CRL's number (0: none). */
static int add_revokes(crl_job *j, ci_argv *av, bool delta, uint64_t *base, ci_msg *m)
{
	const ci_cadb *db = &j->d.db;
	size_t from = 0, n = 0;
	char spec[160], date[32];

	*base = 0;
	for (size_t i = 0; i < db->count; i++)
		if (db->rec[i].kind == CI_REC_CRL && !db->rec[i].base) {
			*base = db->rec[i].number;
			from = i + 1;
		}
	if (delta && !*base)
		return ci_fail(m, "--delta: %s has no full CRL yet to be a delta of", j->d.dir);
	for (size_t i = delta ? from : 0; i < db->count; i++) {
		const ci_carec *r = &db->rec[i];

		if (r->kind != CI_REC_REVOKED)
			continue;
		if (++n > CI_OPT_EXT_MAX)
			return ci_fail(m, "more than %d revoked certificates: certissue crl takes"
				       " at most %d --revoke options", CI_OPT_EXT_MAX, CI_OPT_EXT_MAX);
		ci_when_format(r->t1, date, sizeof(date));
		snprintf(spec, sizeof(spec), "0x%s,date=%s%s%s", r->serial, date,
			 strcmp(r->word, "-") ? ",reason=" : "", strcmp(r->word, "-") ? r->word : "");
		ci_argv_add(av, "--revoke");
		ci_argv_add(av, spec);
	}
	return 0;
}

static int run(void *job, const ci_ctx *c, ci_msg *m)
{
	crl_job *j = job;
	const ci_args *a = &j->a;
	bool delta = ci_opt_has(a, O_DELTA);
	const char *target;
	char number[24], base_text[24], now[32], line[128];
	uint64_t last = 0, base;
	ci_argv av = { 0 };
	uint8_t *buf;
	size_t len;
	ci_out_opts oo = { .force = ci_opt_has(a, CI_O_FORCE), .secret = false };
	int rc;

	if (ci_opt_has(a, CI_O_DER))
		return ci_fail(m, "--der: a CA directory keeps PEM");
	if (ci_opt_has(a, CI_O_OUT) && ci_out_check(a->val[CI_O_OUT], &oo, m) < 0)
		return -1;
	if (ci_cadir_open(&j->d, a->val[O_CA], m) < 0 || ci_cadb_lock(&j->d.db, LOCK_EX, m) < 0)
		return -1;
	if (ci_cadb_read(&j->d.db, m) < 0)
		return -1;
	for (size_t i = 0; i < j->d.db.count; i++)
		if (j->d.db.rec[i].kind == CI_REC_CRL)
			last = j->d.db.rec[i].number;
	target = delta ? j->d.delta : j->d.crl;
	ci_argv_add(&av, "crl");
	ci_argv_add(&av, "--ca-cert");
	ci_argv_add(&av, j->d.cert);
	ci_argv_add(&av, "--ca-key");
	ci_argv_add(&av, j->d.key);
	if (add_revokes(j, &av, delta, &base, m) < 0) {
		ci_argv_free(&av);
		return -1;
	}
	snprintf(number, sizeof(number), "%llu", (unsigned long long)(last + 1));
	snprintf(base_text, sizeof(base_text), "%llu", (unsigned long long)base);
	ci_when_format(c->now, now, sizeof(now));
	ci_argv_add(&av, "--crl-number");
	ci_argv_add(&av, number);
	if (delta) {
		ci_argv_add(&av, "--delta-crl-indicator");
		ci_argv_add(&av, base_text);
	}
	ci_argv_add(&av, "--last-update");
	ci_argv_add(&av, now);
	add_opt(&av, a, O_DAYS, "--days");
	add_opt(&av, a, CI_O_HASH, "--hash");
	add_opt(&av, a, CI_O_PSS, "--rsa-pss");
	add_opt(&av, a, CI_O_WEAK, "--allow-weak");
	add_opt(&av, a, CI_O_PASS, "--passphrase-file");
	ci_argv_add(&av, "--force");
	ci_argv_add(&av, "--out");
	ci_argv_add(&av, target);
	if (av.failed) {
		ci_argv_free(&av);
		return ci_fail(m, "out of memory");
	}
	/* The number is taken before the CRL is signed (see above). */
	snprintf(line, sizeof(line), "crl %s %s %s %s\n", number, now, delta ? "delta" : "full",
		 delta ? base_text : "-");
	if (ci_cadb_append(&j->d.db, line, strlen(line), m) < 0) {
		ci_argv_free(&av);
		return -1;
	}
	rc = ci_cmd_crl(c, av.n, av.v);
	ci_argv_free(&av);
	if (rc)
		return ci_fail(m, "CRL number %s was not made (above)", number);
	if (!ci_opt_has(a, CI_O_OUT))
		return 0;
	if (ci_ca_read_file(target, &buf, &len, m) < 0)
		return -1;
	rc = ci_out_write(a->val[CI_O_OUT], buf, len, &oo, m);
	free(buf);
	return rc;
}

static void done(void *job)
{
	ci_cadir_close(&((crl_job *)job)->d);
}

int ci_ca_crl(const ci_ctx *c, int argc, char **argv)
{
	return ci_cmd_main(&def, c, argc, argv, sizeof(crl_job), run, done);
}
