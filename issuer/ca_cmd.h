/*
 * issuer/ca_cmd.h - the commands of a CA directory (issue 15):
 *   certissue ca init DIR --subject DN [--key-type T] [--days N]
 *                         [--passphrase-file F] [--parent DIR]
 *   certissue ca show DIR
 *   certissue ca check DIR
 *   certissue revoke --ca DIR SERIAL [--reason R] [--date T]
 *   certissue list --ca DIR [--revoked|--expired|--expiring 30d] [--json]
 *   certissue crl --ca DIR [--days N] [--delta]   (cmd_crl.c hands it here)
 * (`certissue cert --ca DIR ...` is cmd_cert.c with ca_issue.h.)
 */
#ifndef CI_CA_CMD_H
#define CI_CA_CMD_H

#include <stdbool.h>

#include "cmd.h"
#include "msg.h"
#include "opt.h"

int ci_cmd_ca(const ci_ctx *c, int argc, char **argv);
int ci_cmd_revoke(const ci_ctx *c, int argc, char **argv);
int ci_cmd_list(const ci_ctx *c, int argc, char **argv);

/* `crl` with --ca: a CRL of the directory's revocations (ca_crl.c). */
bool ci_ca_crl_wanted(int argc, char **argv);
int ci_ca_crl(const ci_ctx *c, int argc, char **argv);

int ci_cmd_ca_init(const ci_ctx *c, int argc, char **argv);
int ci_cmd_ca_show(const ci_ctx *c, int argc, char **argv);
int ci_cmd_ca_check(const ci_ctx *c, int argc, char **argv);

/* An argument vector built for a command run in-process (ca init runs
 * key, csr and cert; crl --ca runs crl). Strings are copied. */
typedef struct ci_argv {
	char **v;
	int n, cap;
	bool failed;
} ci_argv;
void ci_argv_add(ci_argv *av, const char *s);
void ci_argv_free(ci_argv *av);

/* Takes the one positional argument (DIR, SERIAL) out of argv, which
 * ci_opt_parse would refuse: an argument not starting with "-" that is
 * not the value of an option of `d` (or of the common ones) taking one.
 * *pos is NULL if there is none; two are an error. */
int ci_take_positional(const ci_cmd_def *d, int *argc, char **argv, const char **pos,
		       ci_msg *m);

/* ci_take_positional into *pos, then ci_cmd_main. */
int ci_ca_main(const ci_cmd_def *d, const ci_ctx *c, int argc, char **argv, const char **pos,
	       size_t job_size, int (*run)(void *job, const ci_ctx *c, ci_msg *m),
	       void (*done)(void *job));

/* Refuses the common options (opt.h) a command that writes nothing
 * signed has no use for; `keep` is a CI_O_* to allow (0: none). */
int ci_no_common(const ci_args *a, const char *cmd, int keep, ci_msg *m);

#endif
