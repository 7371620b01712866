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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dn.h"
#include "emit.h"
#include "ext.h"
#include "input.h"
#include "opt.h"
#include "out.h"

enum { O_KEY = 1, O_SUBJECT, O_HASH, O_PSS, O_OUT, O_DER, O_FORCE, O_WEAK, O_PASS };

static const ci_opt opts[] = {
	{ "key", "FILE", O_KEY, false, "the private key: the CSR's key and signer" },
	{ "subject", "DN", O_SUBJECT, false, "RFC 4514 subject (\"\" for an empty one)" },
	{ "hash", "H", O_HASH, false,
	  "sha256|sha384|sha512 (default: sha256; sha384 for P-384, sha512 for P-521)" },
	{ "rsa-pss", NULL, O_PSS, false, "RSA keys: sign with RSASSA-PSS" },
	{ "out", "FILE", O_OUT, false, "where to write (- for standard output)" },
	{ "der", NULL, O_DER, false, "write DER instead of PEM" },
	{ "force", NULL, O_FORCE, false, "replace an existing --out file" },
	{ "allow-weak", NULL, O_WEAK, false, "allow RSA below 2048 bits, SHA-1, MD5" },
	{ "passphrase-file", "F", O_PASS, false, "passphrase of an encrypted --key" },
	{ NULL, NULL, 0, false, NULL },
};

static const ci_cmd_def def = {
	"csr",
	"--key FILE --subject DN [extension options] [--hash sha256|sha384|sha512]"
	" --out FILE",
	"An encrypted key's passphrase: --passphrase-file, CERTISSUE_PASSPHRASE, or\n"
	"a prompt on the terminal.\n",
	opts,
	CI_EXT_IN_CSR,
};

/* PKCS#9 extensionRequest, 1.2.840.113549.1.9.14. */
static const uint8_t oid_ext_req[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e };

static int write_tbs(const ci_args *a, const ci_key *k, ci_exts *exts, ci_der *tbs,
		     uint8_t *name_buf, size_t name_cap, uint8_t *ext_buf, size_t ext_cap,
		     ci_msg *m)
{
	ci_der name, ext;
	xc_slice subject, none = { NULL, 0 };

	ci_der_init(&name, name_buf, name_cap);
	if (ci_dn_write(&name, a->val[O_SUBJECT], m) < 0)
		return ci_fail_ctx(m, "--subject: ");
	if (ci_der_finish(&name) != CI_DER_OK)
		return ci_fail(m, "--subject: %s", ci_der_err_name(ci_der_finish(&name)));
	subject = ci_der_out(&name);
	ci_der_init(&ext, ext_buf, ext_cap);
	if (ci_exts_write(exts, &ext, ci_key_spki(k), none, none, false, subject.len <= 2,
			  m) < 0)
		return -1;
	if (ci_der_finish(&ext) != CI_DER_OK)
		return ci_fail(m, "extensions: %s", ci_der_err_name(ci_der_finish(&ext)));

	ci_der_begin(tbs, CI_TAG_SEQUENCE);
	ci_der_int(tbs, 0);
	ci_der_raw(tbs, subject.p, subject.len);
	ci_der_raw(tbs, ci_key_spki(k).p, ci_key_spki(k).len);
	ci_der_begin(tbs, CI_TAG_CTX_CONS(0));
	if (ci_der_out(&ext).len) {
		ci_der_begin(tbs, CI_TAG_SEQUENCE);
		ci_der_oid_raw(tbs, oid_ext_req, sizeof(oid_ext_req));
		ci_der_begin(tbs, CI_TAG_SET);
		ci_der_raw(tbs, ci_der_out(&ext).p, ci_der_out(&ext).len);
		ci_der_end(tbs);
		ci_der_end(tbs);
	}
	ci_der_end(tbs);
	ci_der_end(tbs);
	if (ci_der_finish(tbs) != CI_DER_OK)
		return ci_fail(m, "internal error: the CertificationRequestInfo: %s",
			       ci_der_err_name(ci_der_finish(tbs)));
	return 0;
}

static int run(const ci_args *a, const ci_ctx *c, ci_key *k, bool *live, ci_exts *exts,
	       ci_msg *m)
{
	ci_out_opts oo = { .force = ci_opt_has(a, O_FORCE), .secret = false };
	ci_pass_src pass = { a->val[O_PASS], "key" };
	ci_sign_opts so = { a->val[O_HASH], ci_opt_has(a, O_PSS), ci_opt_has(a, O_WEAK) };
	ci_emit_opts eo = { "csr", a->val[O_OUT], ci_opt_has(a, O_DER), ci_opt_has(a, O_FORCE) };
	size_t name_cap = 16384, ext_cap = CI_EXT_POOL + 16384, tbs_cap;
	uint8_t *name_buf = NULL, *ext_buf = NULL, *tbs_buf = NULL;
	ci_der tbs;
	int rc = -1;

	if (!ci_opt_has(a, O_OUT))
		return ci_fail(m, "--out FILE is needed");
	if (!ci_opt_has(a, O_KEY))
		return ci_fail(m, "--key FILE is needed");
	if (!ci_opt_has(a, O_SUBJECT))
		return ci_fail(m, "--subject DN is needed (\"\" for an empty subject)");
	if (ci_out_check(a->val[O_OUT], &oo, m) < 0)
		return -1;
	if (ci_input_key(k, a->val[O_KEY], "--key", &pass, m) < 0)
		return -1;
	*live = true;
	if (ci_sign_check(k, &so, m) < 0)
		return -1;
	ci_exts_init(exts, CI_EXT_IN_CSR);
	for (size_t i = 0; i < a->ext_count; i++)
		if (ci_exts_option(exts, a->ext[i].name, a->ext[i].value, m) < 0)
			return -1;

	tbs_cap = name_cap + ext_cap + CI_SPKI_MAX + 1024;
	name_buf = malloc(name_cap);
	ext_buf = malloc(ext_cap);
	tbs_buf = malloc(tbs_cap);
	if (!name_buf || !ext_buf || !tbs_buf) {
		ci_fail(m, "out of memory");
		goto out;
	}
	ci_der_init(&tbs, tbs_buf, tbs_cap);
	if (write_tbs(a, k, exts, &tbs, name_buf, name_cap, ext_buf, ext_cap, m) < 0)
		goto out;
	rc = ci_emit(&eo, CI_OBJ_CSR, k, &so, c->rng, ci_der_out(&tbs), ci_key_spki(k), m);
out:
	free(tbs_buf);
	free(ext_buf);
	free(name_buf);
	return rc;
}

int ci_cmd_csr(const ci_ctx *c, int argc, char **argv)
{
	ci_args *a = calloc(1, sizeof(*a));
	ci_exts *exts = calloc(1, sizeof(*exts));
	ci_key *k = calloc(1, sizeof(*k));
	bool live = false;
	ci_msg m = { "" };
	int rc = -1;

	if (!a || !exts || !k) {
		ci_fail(&m, "out of memory");
	} else if ((rc = ci_opt_parse(&def, argc, argv, a, &m)) == 0 && a->help) {
		ci_opt_help(&def, stdout);
	} else if (rc == 0) {
		rc = run(a, c, k, &live, exts, &m);
	}
	if (rc < 0)
		fprintf(stderr, "certissue csr: %s\n", m.text);
	if (live)
		ci_key_free(k);
	free(k);
	free(exts);
	free(a);
	return rc < 0 ? 1 : 0;
}
