/*
 * issuer/ca_init.c - `certissue ca init DIR`: a new CA directory
 * (ca_dir.h), a self-signed root or, with --parent, an intermediate that
 * the parent directory issues (and records).
 *
 * The key, the CSR and the certificates are made by certissue's own
 * commands run in-process (key, csr, cert), so a CA directory's objects
 * are exactly what those commands make and check. The order makes a
 * half-made directory harmless: the database is written last but one
 * (before the first CRL), and every command refuses a directory without
 * it; `ca init` refuses a DIR that exists and is not empty.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ca_cmd.h"
#include "ca_dir.h"
#include "out.h"

enum { O_SUBJECT = CI_O_OWN, O_KEY_TYPE, O_DAYS, O_PARENT };

#define ROOT_DAYS "3650"

static const ci_opt opts[] = {
	{ "subject", "DN", O_SUBJECT, false, "the CA's RFC 4514 subject" },
	{ "key-type", "T", O_KEY_TYPE, false,
	  "rsa2048|rsa3072|rsa4096|ec-p256|ec-p384|ec-p521|ed25519|ed448 (default ec-p256)" },
	{ "days", "N", O_DAYS, false,
	  "validity (default: 3650 for a root, 365 for an intermediate, at most to its parent's end)" },
	{ "parent", "DIR", O_PARENT, false,
	  "an intermediate issued by the CA directory DIR (its key: CERTISSUE_PASSPHRASE"
	  " or a prompt if encrypted)" },
	{ NULL, NULL, 0, false, NULL },
};

static const ci_cmd_def def = {
	"ca init",
	"DIR --subject DN [--key-type T] [--days N] [--passphrase-file F] [--parent DIR]",
	"Makes DIR/ca.pem, DIR/private/ca.key (0600 in a 0700 directory, encrypted\n"
	"with --passphrase-file's passphrase if given), DIR/certs/, DIR/database\n"
	"and DIR/crl.pem (CRL number 1). An optional DIR/policy limits what is\n"
	"issued (docs/certissue.md).\n",
	opts,
	0,
};

typedef struct init_job {
	ci_args a;
	ci_cadir d;
} init_job;

/* DIR, taken out of argv before ci_cmd_main (which allocates the job). */
static const char *dir_arg;

/* Runs a certissue command in-process. */
static int run_cmd(int (*cmd)(const ci_ctx *, int, char **), const ci_ctx *c, ci_argv *av,
		   const char *what, ci_msg *m)
{
	int rc;

	if (av->failed)
		rc = ci_fail(m, "out of memory");
	else
		rc = cmd(c, av->n, av->v) ? ci_fail(m, "%s failed (above)", what) : 0;
	ci_argv_free(av);
	return rc;
}

static int make_dirs(const ci_cadir *d, ci_msg *m)
{
	char priv[PATH_MAX + 16];
	DIR *dh;
	struct dirent *e;

	if (mkdir(d->dir, 0755) && errno != EEXIST)
		return ci_fail(m, "%s: %s", d->dir, strerror(errno));
	if (!(dh = opendir(d->dir)))
		return ci_fail(m, "%s: %s", d->dir, strerror(errno));
	while ((e = readdir(dh)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			closedir(dh);
			return ci_fail(m, "%s exists and is not empty: a CA directory is made in"
				       " a new or empty directory", d->dir);
		}
	closedir(dh);
	snprintf(priv, sizeof(priv), "%s/private", d->dir);
	/* 0700 from its creation, whatever the umask (it can only remove
	 * bits); the chmod makes it exactly 0700 under a stricter one. */
	if (mkdir(priv, 0700) || chmod(priv, 0700) || mkdir(d->certs, 0755))
		return ci_fail(m, "%s: %s", d->dir, strerror(errno));
	return 0;
}

static void add_pass(ci_argv *av, const ci_args *a)
{
	if (ci_opt_has(a, CI_O_PASS)) {
		ci_argv_add(av, "--passphrase-file");
		ci_argv_add(av, a->val[CI_O_PASS]);
	}
}

static int make_cert(init_job *j, const ci_ctx *c, ci_msg *m)
{
	const ci_args *a = &j->a;
	char csr[PATH_MAX + 16];
	ci_argv av = { 0 };
	int rc;

	if (!ci_opt_has(a, O_PARENT)) {
		ci_argv_add(&av, "cert");
		ci_argv_add(&av, "--self-signed");
		ci_argv_add(&av, "--key");
		ci_argv_add(&av, j->d.key);
		ci_argv_add(&av, "--subject");
		ci_argv_add(&av, a->val[O_SUBJECT]);
		ci_argv_add(&av, "--profile");
		ci_argv_add(&av, "ca");
		ci_argv_add(&av, "--days");
		ci_argv_add(&av, ci_opt_has(a, O_DAYS) ? a->val[O_DAYS] : ROOT_DAYS);
		ci_argv_add(&av, "--out");
		ci_argv_add(&av, j->d.cert);
		add_pass(&av, a);
		return run_cmd(ci_cmd_cert, c, &av, "the CA certificate", m);
	}
	snprintf(csr, sizeof(csr), "%s/ca.csr", j->d.dir);
	ci_argv_add(&av, "csr");
	ci_argv_add(&av, "--key");
	ci_argv_add(&av, j->d.key);
	ci_argv_add(&av, "--subject");
	ci_argv_add(&av, a->val[O_SUBJECT]);
	ci_argv_add(&av, "--out");
	ci_argv_add(&av, csr);
	add_pass(&av, a);
	if (run_cmd(ci_cmd_csr, c, &av, "the CA's CSR", m) < 0)
		return -1;
	ci_argv_add(&av, "cert");
	ci_argv_add(&av, "--ca");
	ci_argv_add(&av, a->val[O_PARENT]);
	ci_argv_add(&av, "--csr");
	ci_argv_add(&av, csr);
	ci_argv_add(&av, "--profile");
	ci_argv_add(&av, "intermediate");
	if (ci_opt_has(a, O_DAYS)) {
		ci_argv_add(&av, "--days");
		ci_argv_add(&av, a->val[O_DAYS]);
	}
	ci_argv_add(&av, "--out");
	ci_argv_add(&av, j->d.cert);
	rc = run_cmd(ci_cmd_cert, c, &av, "the intermediate's certificate (by --parent)", m);
	unlink(csr);
	return rc;
}

static int run(void *job, const ci_ctx *c, ci_msg *m)
{
	init_job *j = job;
	const ci_args *a = &j->a;
	ci_out_opts oo = { .force = false, .secret = false };
	ci_argv av = { 0 };

	if (ci_no_common(a, "ca init", CI_O_PASS, m) < 0)
		return -1;
	if (!dir_arg)
		return ci_fail(m, "the directory is missing: certissue ca init DIR --subject DN");
	if (!ci_opt_has(a, O_SUBJECT))
		return ci_fail(m, "--subject DN is needed");
	if (ci_cadir_paths(&j->d, dir_arg, m) < 0 || make_dirs(&j->d, m) < 0)
		return -1;
	ci_argv_add(&av, "key");
	ci_argv_add(&av, "--type");
	ci_argv_add(&av, ci_opt_has(a, O_KEY_TYPE) ? a->val[O_KEY_TYPE] : "ec-p256");
	ci_argv_add(&av, "--out");
	ci_argv_add(&av, j->d.key);
	add_pass(&av, a);
	if (run_cmd(ci_cmd_key, c, &av, "the CA key", m) < 0 || make_cert(j, c, m) < 0)
		return -1;
	if (ci_out_write(j->d.db_path, (const uint8_t *)CI_CADB_NEW, strlen(CI_CADB_NEW), &oo,
			 m) < 0)
		return -1;
	ci_argv_add(&av, "crl");
	ci_argv_add(&av, "--ca");
	ci_argv_add(&av, j->d.dir);
	add_pass(&av, a);
	if (run_cmd(ci_cmd_crl, c, &av, "the first CRL", m) < 0)
		return -1;
	fprintf(stderr, "certissue ca init: CA directory %s made\n", j->d.dir);
	return 0;
}

int ci_cmd_ca_init(const ci_ctx *c, int argc, char **argv)
{
	return ci_ca_main(&def, c, argc, argv, &dir_arg, sizeof(init_job), run, NULL);
}
