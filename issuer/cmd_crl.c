/*
 * issuer/cmd_crl.c - certissue crl: a certificate revocation list (RFC 5280
 * 5.1; pyca's CertificateRevocationListBuilder and
 * RevokedCertificateBuilder).
 *
 *   TBSCertList ::= SEQUENCE {
 *       version                 Version,            -- v2, always
 *       signature               AlgorithmIdentifier,
 *       issuer                  Name,               -- the CA's subject, as it is
 *       thisUpdate              Time,
 *       nextUpdate              Time,
 *       revokedCertificates     SEQUENCE OF SEQUENCE {
 *           userCertificate         CertificateSerialNumber,
 *           revocationDate          Time,
 *           crlEntryExtensions      Extensions OPTIONAL } OPTIONAL,
 *       crlExtensions           [0] EXPLICIT Extensions OPTIONAL }
 *
 * RFC 5280 5.2: conforming CRL issuers MUST include the
 * authorityKeyIdentifier (5.2.1) and cRLNumber (5.2.3), so both are
 * written unless asked otherwise (--no-aki; --crl-number N). The default
 * number is the command's start time in seconds since 1970: CRL numbers
 * must increase with each CRL a CA issues, and the clock does that
 * without keeping state (two CRLs within one second get the same number:
 * give --crl-number then).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca.h"
#include "ca_cmd.h"
#include "cmd.h"
#include "emit.h"
#include "ext.h"
#include "opt.h"
#include "tbs.h"

enum { O_CA_CERT = CI_O_OWN, O_CA_KEY, O_REVOKE, O_LAST, O_NEXT, O_DAYS };

#define DEFAULT_DAYS 7
#define REVOKE_MAX CI_OPT_EXT_MAX

static const ci_opt opts[] = {
	{ "ca-cert", "FILE", O_CA_CERT, false, "the issuing CA's certificate" },
	{ "ca-key", "FILE", O_CA_KEY, false, "the issuing CA's private key" },
	{ "revoke", "SPEC", O_REVOKE, true,
	  "SERIAL[,reason=R][,date=T][,invalidity=T][,issuer=DN] (repeatable)" },
	{ "last-update", "T", O_LAST, false, "thisUpdate (default: now)" },
	{ "next-update", "T", O_NEXT, false, "nextUpdate" },
	{ "days", "N", O_DAYS, false, "nextUpdate in days after thisUpdate (default: 7)" },
	{ NULL, NULL, 0, false, NULL },
};

static const ci_cmd_def def = {
	"crl",
	"--ca-cert FILE --ca-key FILE [--revoke SERIAL[,reason=R][,date=T]"
	"[,invalidity=T][,issuer=DN]]... [--last-update T] [--next-update T | --days N]"
	" [--crl-number N] [--delta-crl-indicator N] [--issuing-distribution-point ...]"
	" [--hash H] --out FILE",
	"Times: 2026-12-07T10:00:00Z, now, +30d, -1h. The CRL always has an\n"
	"authorityKeyIdentifier (unless --no-aki) and a cRLNumber (default: the\n"
	"time in seconds since 1970). The CA certificate needs basicConstraints\n"
	"ca=true, and cRLSign if it has a keyUsage extension (a certificate whose\n"
	"keyUsage has cRLSign may sign CRLs without ca=true).\n",
	opts,
	CI_EXT_IN_CRL,
};

typedef struct crl_job {
	ci_args a;              /* first: ci_cmd_main parses into it */
	ci_common cm;
	ci_ca ca;
	ci_exts exts;
	ci_revoke rv[REVOKE_MAX];
	size_t rv_count;
	int64_t this_update, next_update;
	char number[24];        /* the default --crl-number's text: ci_exts may keep it */
	uint8_t ext[CI_EXTS_BUF];
} crl_job;

static int parse_revokes(crl_job *j, int64_t now, ci_msg *m)
{
	for (size_t i = 0; i < j->a.all_count; i++) {
		ci_revoke *r = &j->rv[j->rv_count];

		if (j->a.all_id[i] != O_REVOKE)
			continue;
		if (ci_revoke_parse(r, j->a.all[i], now, m) < 0)
			return ci_fail_ctx(m, "--revoke %s: ", j->a.all[i]);
		for (size_t k = 0; k < j->rv_count; k++)
			if (j->rv[k].serial_len == r->serial_len &&
			    !memcmp(j->rv[k].serial, r->serial, r->serial_len))
				return ci_fail(m, "--revoke %s: that serial is listed twice",
					       j->a.all[i]);
		j->rv_count++;
	}
	return 0;
}

static int gather_exts(crl_job *j, int64_t now, ci_msg *m)
{
	const ci_args *a = &j->a;
	bool numbered = false;

	ci_exts_init(&j->exts, CI_EXT_IN_CRL);
	if (ci_apply_ext_options(&j->exts, a, m) < 0)
		return -1;
	for (size_t i = 0; i < a->ext_count; i++)
		numbered |= !strcmp(a->ext[i].name, "crl-number");
	if (!numbered) {
		snprintf(j->number, sizeof(j->number), "%lld", (long long)(now < 0 ? 0 : now));
		if (ci_exts_option(&j->exts, "crl-number", j->number, m) < 0)
			return ci_fail_ctx(m, "internal error: the default cRLNumber: ");
	}
	return 0;
}

static int write_revoked(const crl_job *j, ci_der *tbs, ci_msg *m)
{
	if (!j->rv_count)
		return 0;
	ci_der_begin(tbs, CI_TAG_SEQUENCE);
	for (size_t i = 0; i < j->rv_count; i++) {
		ci_der_begin(tbs, CI_TAG_SEQUENCE);
		ci_der_uint(tbs, j->rv[i].serial, j->rv[i].serial_len);
		ci_der_time(tbs, j->rv[i].date);
		if (ci_revoke_write_exts(&j->rv[i], tbs, m) < 0)
			return ci_fail_ctx(m, "--revoke %s: ", j->a.all[i]);
		ci_der_end(tbs);
	}
	ci_der_end(tbs);
	return 0;
}

static int write_tbs(crl_job *j, ci_der *tbs, uint8_t *buf, size_t cap, ci_msg *m)
{
	xc_slice exts;

	if (ci_write_exts(&j->exts, j->ext, sizeof(j->ext), j->ca.cert.spki, j->ca.cert.spki,
			  j->ca.ski, true, false, &exts, m) < 0)
		return -1;
	ci_der_init(tbs, buf, cap);
	ci_der_begin(tbs, CI_TAG_SEQUENCE);
	ci_der_int(tbs, 1);
	if (ci_sign_algid(&j->ca.key, &j->cm.sign, tbs, m) < 0)
		return -1;
	ci_der_raw(tbs, j->ca.cert.subject_raw.p, j->ca.cert.subject_raw.len);
	ci_der_time(tbs, j->this_update);
	ci_der_time(tbs, j->next_update);
	if (write_revoked(j, tbs, m) < 0)
		return -1;
	return ci_tbs_end(tbs, CI_TAG_CTX_CONS(0), exts, "TBSCertList", m);
}

static int run(void *job, const ci_ctx *c, ci_msg *m)
{
	crl_job *j = job;
	const ci_args *a = &j->a;
	size_t cap;
	uint8_t *buf;
	ci_der tbs;
	int rc;

	ci_common_init(&j->cm, "crl", "CA key", a);
	if (!ci_opt_has(a, O_CA_CERT) || !ci_opt_has(a, O_CA_KEY))
		return ci_fail(m, "--ca-cert FILE and --ca-key FILE are needed");
	if (ci_common_check_out(&j->cm, m) < 0)
		return -1;
	if (ci_opt_period("--last-update", a->val[O_LAST], "--next-update", a->val[O_NEXT],
			  a->val[O_DAYS], (int64_t)DEFAULT_DAYS * 86400, c->now,
			  &j->this_update, &j->next_update, m) < 0)
		return -1;
	if (parse_revokes(j, c->now, m) < 0 || gather_exts(j, c->now, m) < 0)
		return -1;
	if (ci_ca_load(&j->ca, a->val[O_CA_CERT], a->val[O_CA_KEY], &j->cm.pass,
		       XC_KU_CRL_SIGN, m) < 0 ||
	    ci_sign_check(&j->ca.key, &j->cm.sign, m) < 0)
		return -1;

	/* Each entry: a serial (22), a time (17), its extensions (a reason
	 * 13, a date 24, an issuer name: at most its text's length as DER,
	 * plus headers) and headers. */
	cap = CI_EXTS_BUF + j->ca.cert.subject_raw.len + 1024;
	for (size_t i = 0; i < j->rv_count; i++)
		cap += 128 + (j->rv[i].issuer_dn ? 2 * strlen(j->rv[i].issuer_dn) + 1024 : 0);
	if (!(buf = malloc(cap)))
		return ci_fail(m, "out of memory");
	rc = write_tbs(j, &tbs, buf, cap, m);
	if (rc == 0)
		rc = ci_emit(&j->cm.emit, CI_OBJ_CRL, &j->ca.key, &j->cm.sign, c->rng,
			     ci_der_out(&tbs), j->ca.cert.spki, m);
	free(buf);
	return rc;
}

static void done(void *job)
{
	ci_ca_free(&((crl_job *)job)->ca);
}

int ci_cmd_crl(const ci_ctx *c, int argc, char **argv)
{
	if (ci_ca_crl_wanted(argc, argv))       /* crl --ca DIR: ca_crl.c */
		return ci_ca_crl(c, argc, argv);
	return ci_cmd_main(&def, c, argc, argv, sizeof(crl_job), run, done);
}
