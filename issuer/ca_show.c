/*
 * issuer/ca_show.c - `certissue ca show DIR`: the CA's certificate, what
 * the database counts, the last CRL, the policy's rules.
 */
#include <stdio.h>
#include <string.h>

#include "ca_cmd.h"
#include "ca_dir.h"
#include "ca_policy.h"
#include "input.h"
#include "when.h"

static const ci_opt opts[] = { { NULL, NULL, 0, false, NULL } };
static const ci_cmd_def def = { "ca show", "DIR", NULL, opts, 0 };

typedef struct show_job {
	ci_args a;
	ci_cadir d;
	ci_input in;
	ci_policy p;
} show_job;

static const char *dir_arg;

static void name(const char *label, xc_slice n)
{
	char buf[2048];

	if (xc_name_rfc4514(n, buf, sizeof(buf), NULL) != XC_OK)
		snprintf(buf, sizeof(buf), "(unprintable)");
	printf("%s: %s\n", label, buf);
}

static void list(const char *rule, const ci_policy_list *l)
{
	if (!l->line)
		return;
	printf("policy %s:", rule);
	for (size_t i = 0; i < l->count; i++)
		printf(" %s", l->item[i]);
	printf("\n");
}

static int run(void *job, const ci_ctx *c, ci_msg *m)
{
	show_job *j = job;
	xc_cert cert;
	char a[32], b[32], hex[CI_SERIAL_HEX];
	size_t issued = 0, revoked = 0, expired = 0;
	const ci_carec *crl = NULL;

	if (ci_no_common(&j->a, "ca show", 0, m) < 0)
		return -1;
	if (!dir_arg)
		return ci_fail(m, "usage: certissue ca show DIR");
	if (ci_cadir_open(&j->d, dir_arg, m) < 0 ||
	    ci_input_cert(&j->in, j->d.cert, j->d.cert, &cert, m) < 0 ||
	    ci_policy_load(&j->p, j->d.policy, m) < 0)
		return -1;
	for (size_t i = 0; i < j->d.db.count; i++) {
		const ci_carec *r = &j->d.db.rec[i];

		if (r->kind == CI_REC_CRL)
			crl = r;
		if (r->kind != CI_REC_ISSUED)
			continue;
		issued++;
		revoked += r->revoked_by != 0;
		expired += !r->revoked_by && r->t2 < c->now;
	}
	printf("CA directory: %s\n", j->d.dir);
	name("subject", cert.subject);
	name("issuer", cert.issuer);
	ci_serial_hex(cert.serial.p, cert.serial.len, hex);
	printf("serial: %s\n", hex);
	ci_when_format(cert.not_before.epoch, a, sizeof(a));
	ci_when_format(cert.not_after.epoch, b, sizeof(b));
	printf("valid: %s to %s\n", a, b);
	printf("certificates: %zu issued, %zu valid, %zu revoked, %zu expired\n", issued,
	       issued - revoked - expired, revoked, expired);
	if (crl) {
		ci_when_format(crl->t1, a, sizeof(a));
		printf("last CRL: number %llu (%s), %s\n", (unsigned long long)crl->number,
		       crl->base ? "delta" : "full", a);
	} else {
		printf("last CRL: none\n");
	}
	if (!j->p.text)
		printf("policy: none (%s does not exist)\n", j->d.policy);
	list("profiles", &j->p.profiles);
	if (j->p.max_days_line)
		printf("policy max-days: %lld\n", (long long)j->p.max_days);
	list("subject-requires", &j->p.subject);
	list("san-types", &j->p.san_types);
	list("san-domains", &j->p.san_domains);
	return 0;
}

static void done(void *job)
{
	show_job *j = job;

	ci_policy_free(&j->p);
	ci_input_free(&j->in);
	ci_cadir_close(&j->d);
}

int ci_cmd_ca_show(const ci_ctx *c, int argc, char **argv)
{
	return ci_ca_main(&def, c, argc, argv, &dir_arg, sizeof(show_job), run, done);
}
