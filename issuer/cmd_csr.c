/*
 * issuer/cmd_csr.c - certissue csr: a certificate signing request (PKCS#10,
 * RFC 2986; pyca's CertificateSigningRequestBuilder).
 *
 *   CertificationRequestInfo ::= SEQUENCE {
 *       version       INTEGER { v1(0) },
 *       subject       Name,
 *       subjectPKInfo SubjectPublicKeyInfo,
 *       attributes    [0] IMPLICIT SET OF Attribute }
 *
 * The extension options become one extensionRequest attribute (PKCS#9,
 * RFC 2985 5.4.2: SET { Extensions }); without any, the attributes are an
 * empty [0], as OpenSSL and pyca write them.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dn.h"
#include "emit.h"
#include "ext.h"
#include "input.h"
#include "opt.h"
#include "tbs.h"

enum { O_KEY = CI_O_OWN, O_SUBJECT };

static const ci_opt opts[] = {
	{ "key", "FILE", O_KEY, false, "the private key: the CSR's key and signer" },
	{ "subject", "DN", O_SUBJECT, false, "RFC 4514 subject (\"\" for an empty one)" },
	{ NULL, NULL, 0, false, NULL },
};

static const ci_cmd_def def = {
	"csr",
	"--key FILE --subject DN [extension options] [--hash sha256|sha384|sha512]"
	" --out FILE",
	NULL,
	opts,
	CI_EXT_IN_CSR,
};

/* PKCS#9 extensionRequest, 1.2.840.113549.1.9.14. */
static const uint8_t oid_ext_req[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e };

typedef struct csr_job {
	ci_args a;              /* first: ci_cmd_main parses into it */
	ci_common cm;
	ci_key key;
	bool key_live;
	ci_exts exts;
	uint8_t name[CI_NAME_BUF], ext[CI_EXTS_BUF], tbs[CI_NAME_BUF + CI_EXTS_BUF + 2048];
} csr_job;

static int write_tbs(csr_job *j, ci_der *tbs, ci_msg *m)
{
	xc_slice spki = ci_key_spki(&j->key), none = { NULL, 0 }, subject, exts;

	if (ci_write_name(j->a.val[O_SUBJECT], j->name, sizeof(j->name), &subject, m) < 0 ||
	    ci_write_exts(&j->exts, j->ext, sizeof(j->ext), spki, none, none, false,
			  subject.len <= 2, &exts, m) < 0)
		return -1;
	ci_der_init(tbs, j->tbs, sizeof(j->tbs));
	ci_der_begin(tbs, CI_TAG_SEQUENCE);
	ci_der_int(tbs, 0);
	ci_der_raw(tbs, subject.p, subject.len);
	ci_der_raw(tbs, spki.p, spki.len);
	/* attributes [0] IMPLICIT SET OF Attribute, here one at most:
	 * SEQUENCE { extensionRequest, SET { Extensions } }. */
	ci_der_begin(tbs, CI_TAG_CTX_CONS(0));
	if (exts.len) {
		ci_der_begin(tbs, CI_TAG_SEQUENCE);
		ci_der_oid_raw(tbs, oid_ext_req, sizeof(oid_ext_req));
		ci_der_begin(tbs, CI_TAG_SET);
		ci_der_raw(tbs, exts.p, exts.len);
		ci_der_end(tbs);
		ci_der_end(tbs);
	}
	ci_der_end(tbs);
	return ci_tbs_end(tbs, 0, (xc_slice){ NULL, 0 }, "CertificationRequestInfo", m);
}

static int run(void *job, const ci_ctx *c, ci_msg *m)
{
	csr_job *j = job;
	const ci_args *a = &j->a;
	ci_der tbs;

	ci_common_init(&j->cm, "csr", "key", a);
	if (!ci_opt_has(a, O_KEY))
		return ci_fail(m, "--key FILE is needed");
	if (!ci_opt_has(a, O_SUBJECT))
		return ci_fail(m, "--subject DN is needed (\"\" for an empty subject)");
	if (ci_common_check_out(&j->cm, m) < 0)
		return -1;
	if (ci_input_key(&j->key, a->val[O_KEY], "--key", &j->cm.pass, m) < 0)
		return -1;
	j->key_live = true;
	if (ci_sign_check(&j->key, &j->cm.sign, m) < 0)
		return -1;
	ci_exts_init(&j->exts, CI_EXT_IN_CSR);
	if (ci_apply_ext_options(&j->exts, a, m) < 0 || write_tbs(j, &tbs, m) < 0)
		return -1;
	return ci_emit(&j->cm.emit, CI_OBJ_CSR, &j->key, &j->cm.sign, c->rng, ci_der_out(&tbs),
		       ci_key_spki(&j->key), m);
}

static void done(void *job)
{
	csr_job *j = job;

	if (j->key_live)
		ci_key_free(&j->key);
}

int ci_cmd_csr(const ci_ctx *c, int argc, char **argv)
{
	return ci_cmd_main(&def, c, argc, argv, sizeof(csr_job), run, done);
}
