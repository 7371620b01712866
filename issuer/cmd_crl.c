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
#include "cmd.h"
#include "emit.h"
#include "ext.h"
#include "opt.h"
#include "out.h"

enum {
	O_CA_CERT = 1, O_CA_KEY, O_REVOKE, O_LAST, O_NEXT, O_DAYS, O_HASH, O_PSS, O_OUT,
	O_DER, O_FORCE, O_WEAK, O_PASS,
};

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
	{ "hash", "H", O_HASH, false,
	  "sha256|sha384|sha512 (default: sha256; sha384 for P-384, sha512 for P-521)" },
	{ "rsa-pss", NULL, O_PSS, false, "RSA keys: sign with RSASSA-PSS" },
	{ "out", "FILE", O_OUT, false, "where to write (- for standard output)" },
	{ "der", NULL, O_DER, false, "write DER instead of PEM" },
	{ "force", NULL, O_FORCE, false, "replace an existing --out file" },
	{ "allow-weak", NULL, O_WEAK, false, "allow RSA below 2048 bits, SHA-1, MD5" },
	{ "passphrase-file", "F", O_PASS, false, "passphrase of an encrypted --ca-key" },
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
	ci_args a;
	ci_ca ca;
	ci_exts exts;
	ci_revoke rv[REVOKE_MAX];
	size_t rv_count;
	int64_t this_update, next_update;
	char number[24];        /* the default --crl-number's text: ci_exts may keep it */
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
	for (size_t i = 0; i < a->ext_count; i++) {
		if (!strcmp(a->ext[i].name, "crl-number"))
			numbered = true;
		if (ci_exts_option(&j->exts, a->ext[i].name, a->ext[i].value, m) < 0)
			return -1;
	}
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

static int write_tbs(crl_job *j, const ci_sign_opts *so, ci_der *tbs, uint8_t *ext_buf,
		     size_t ext_cap, ci_msg *m)
{
	ci_der ext;

	ci_der_init(&ext, ext_buf, ext_cap);
	if (ci_exts_write(&j->exts, &ext, j->ca.cert.spki, j->ca.cert.spki, j->ca.ski, true,
			  false, m) < 0)
		return -1;
	if (ci_der_finish(&ext) != CI_DER_OK)
		return ci_fail(m, "extensions: %s", ci_der_err_name(ci_der_finish(&ext)));

	ci_der_begin(tbs, CI_TAG_SEQUENCE);
	ci_der_int(tbs, 1);
	if (ci_sign_algid(&j->ca.key, so, tbs, m) < 0)
		return -1;
	ci_der_raw(tbs, j->ca.cert.subject_raw.p, j->ca.cert.subject_raw.len);
	ci_der_time(tbs, j->this_update);
	ci_der_time(tbs, j->next_update);
	if (write_revoked(j, tbs, m) < 0)
		return -1;
	if (ci_der_out(&ext).len) {
		ci_der_begin(tbs, CI_TAG_CTX_CONS(0));
		ci_der_raw(tbs, ci_der_out(&ext).p, ci_der_out(&ext).len);
		ci_der_end(tbs);
	}
	ci_der_end(tbs);
	if (ci_der_finish(tbs) != CI_DER_OK)
		return ci_fail(m, "internal error: the TBSCertList: %s",
			       ci_der_err_name(ci_der_finish(tbs)));
	return 0;
}

static int run(crl_job *j, const ci_ctx *c, ci_msg *m)
{
	const ci_args *a = &j->a;
	ci_out_opts oo = { .force = ci_opt_has(a, O_FORCE), .secret = false };
	ci_pass_src pass = { a->val[O_PASS], "CA key" };
	ci_sign_opts so = { a->val[O_HASH], ci_opt_has(a, O_PSS), ci_opt_has(a, O_WEAK) };
	ci_emit_opts eo = { "crl", a->val[O_OUT], ci_opt_has(a, O_DER), ci_opt_has(a, O_FORCE) };
	size_t ext_cap = CI_EXT_POOL + 16384, tbs_cap;
	uint8_t *ext_buf = NULL, *tbs_buf = NULL;
	ci_der tbs;
	int rc = -1;

	if (!ci_opt_has(a, O_OUT))
		return ci_fail(m, "--out FILE is needed");
	if (!ci_opt_has(a, O_CA_CERT) || !ci_opt_has(a, O_CA_KEY))
		return ci_fail(m, "--ca-cert FILE and --ca-key FILE are needed");
	if (ci_out_check(a->val[O_OUT], &oo, m) < 0)
		return -1;
	if (ci_opt_period("--last-update", a->val[O_LAST], "--next-update", a->val[O_NEXT],
			  a->val[O_DAYS], (int64_t)DEFAULT_DAYS * 86400, c->now,
			  &j->this_update, &j->next_update, m) < 0)
		return -1;
	if (parse_revokes(j, c->now, m) < 0 || gather_exts(j, c->now, m) < 0)
		return -1;
	if (ci_ca_load(&j->ca, a->val[O_CA_CERT], a->val[O_CA_KEY], &pass, XC_KU_CRL_SIGN,
		       m) < 0)
		return -1;
	if (ci_sign_check(&j->ca.key, &so, m) < 0)
		return -1;

	/* Each entry: a serial (22), a time (17), its extensions (a reason
	 * 13, a date 24, an issuer name) and headers. */
	tbs_cap = ext_cap + j->ca.cert.subject_raw.len + 1024;
	for (size_t i = 0; i < j->rv_count; i++)
		tbs_cap += 128 + (j->rv[i].issuer_dn ? 2 * strlen(j->rv[i].issuer_dn) + 1024 : 0);
	ext_buf = malloc(ext_cap);
	tbs_buf = malloc(tbs_cap);
	if (!ext_buf || !tbs_buf) {
		ci_fail(m, "out of memory");
		goto out;
	}
	ci_der_init(&tbs, tbs_buf, tbs_cap);
	if (write_tbs(j, &so, &tbs, ext_buf, ext_cap, m) < 0)
		goto out;
	rc = ci_emit(&eo, CI_OBJ_CRL, &j->ca.key, &so, c->rng, ci_der_out(&tbs),
		     j->ca.cert.spki, m);
out:
	free(tbs_buf);
	free(ext_buf);
	return rc;
}

int ci_cmd_crl(const ci_ctx *c, int argc, char **argv)
{
	crl_job *j = calloc(1, sizeof(*j));
	ci_msg m = { "" };
	int rc;

	if (!j) {
		fprintf(stderr, "certissue crl: out of memory\n");
		return 1;
	}
	rc = ci_opt_parse(&def, argc, argv, &j->a, &m);
	if (rc == 0 && j->a.help) {
		ci_opt_help(&def, stdout);
		free(j);
		return 0;
	}
	if (rc == 0)
		rc = run(j, c, &m);
	if (rc < 0)
		fprintf(stderr, "certissue crl: %s\n", m.text);
	ci_ca_free(&j->ca);
	free(j);
	return rc < 0 ? 1 : 0;
}
