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
 * RFC 2985 5.4.2: SET { Extensions }); `--attribute NAME[/TYPE]=VALUE`
 * adds others, as pyca's add_attribute() does (challengePassword,
 * unstructuredName, or any OID; one string value, UTF8String unless a
 * type is asked for). Without any, the attributes are an empty [0], as
 * OpenSSL and pyca write them. DER sorts the SET OF Attribute (X.690
 * 11.6), and the core checks that order, so they are written sorted.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <xc/slice.h>

#include "cmd.h"
#include "dn.h"
#include "emit.h"
#include "ext.h"
#include "input.h"
#include "opt.h"
#include "tbs.h"

enum { O_KEY = CI_O_OWN, O_SUBJECT, O_ATTR };

static const ci_opt opts[] = {
	{ "key", "FILE", O_KEY, false, "the private key: the CSR's key and signer" },
	{ "subject", "DN", O_SUBJECT, false, "RFC 4514 subject (\"\" for an empty one)" },
	{ "attribute", "NAME[/TYPE]=VALUE", O_ATTR, true,
	  "an attribute: challengePassword, unstructuredName or an OID (repeatable)" },
	{ NULL, NULL, 0, false, NULL },
};

static const ci_cmd_def def = {
	"csr",
	"--key FILE --subject DN [--attribute NAME=VALUE]... [extension options]"
	" [--hash sha256|sha384|sha512] --out FILE",
	NULL,
	opts,
	CI_EXT_IN_CSR,
};

/* PKCS#9 extensionRequest, 1.2.840.113549.1.9.14. */
static const uint8_t oid_ext_req[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e };

/* pyca's AttributeOID names (x509.oid.AttributeOID). */
static const struct {
	const char *name;
	const char *dotted;
} attr_names[] = {
	{ "challengePassword", "1.2.840.113549.1.9.7" },
	{ "unstructuredName", "1.2.840.113549.1.9.2" },
};

#define ATTR_MAX 16             /* attributes besides extensionRequest */
#define ATTR_BUF 2048           /* one attribute's DER */

typedef struct csr_job {
	ci_args a;              /* first: ci_cmd_main parses into it */
	ci_common cm;
	ci_key key;
	bool key_live;
	ci_exts exts;
	uint8_t name[CI_NAME_BUF], ext[CI_EXTS_BUF];
	uint8_t attr[ATTR_MAX + 1][ATTR_BUF];   /* each Attribute's TLV, then sorted */
	xc_slice attrs[ATTR_MAX + 1];
	uint8_t attr_oid[ATTR_MAX][64];         /* each --attribute's type, for repeats */
	size_t attr_oid_len[ATTR_MAX];
	size_t nattrs;
	uint8_t tbs[CI_NAME_BUF + CI_EXTS_BUF + (ATTR_MAX + 1) * ATTR_BUF + 2048];
} csr_job;

/* One --attribute into the next slot: SEQUENCE { type, SET { value } }. */
static int add_attr(csr_job *j, const char *text, ci_msg *m)
{
	const char *eq = strchr(text, '='), *slash;
	uint8_t oid[64], tag = CI_TAG_UTF8;
	char name[128];
	size_t oid_len = 0, n;
	ci_der w;

	if (!eq || eq == text)
		return ci_fail(m, "--attribute '%s': want NAME[/TYPE]=VALUE", text);
	n = (size_t)(eq - text);
	slash = memchr(text, '/', n);
	if (slash) {
		if (!(tag = ci_str_type(slash + 1, (size_t)(eq - slash - 1))))
			return ci_fail(m, "--attribute '%s': unknown string type '%.*s' (utf8, printable, "
				       "ia5, bmp, t61, visible, universal, numeric)", text,
				       (int)(eq - slash - 1), slash + 1);
		n = (size_t)(slash - text);
	}
	if (n >= sizeof(name))
		return ci_fail(m, "--attribute '%s': name too long", text);
	memcpy(name, text, n);
	name[n] = '\0';
	for (size_t i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++)
		if (!strcasecmp(name, attr_names[i].name))
			oid_len = ci_der_oid_encode(attr_names[i].dotted, oid, sizeof(oid));
	if (!oid_len && !(oid_len = ci_der_oid_encode(name, oid, sizeof(oid))))
		return ci_fail(m, "--attribute '%s': '%s' is neither challengePassword, "
			       "unstructuredName nor an OID", text, name);
	if (oid_len == sizeof(oid_ext_req) && !memcmp(oid, oid_ext_req, oid_len))
		return ci_fail(m, "--attribute '%s': the extensionRequest is made from the "
			       "extension options", text);
	for (size_t i = 0; i < j->nattrs; i++)
		if (j->attr_oid_len[i] == oid_len && !memcmp(j->attr_oid[i], oid, oid_len))
			return ci_fail(m, "--attribute '%s': %s given twice", text, name);
	if (j->nattrs == ATTR_MAX)
		return ci_fail(m, "--attribute: at most %d", ATTR_MAX);
	ci_der_init(&w, j->attr[j->nattrs], ATTR_BUF);
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	ci_der_oid_raw(&w, oid, oid_len);
	ci_der_begin(&w, CI_TAG_SET);
	ci_der_string(&w, tag, eq + 1, strlen(eq + 1));
	ci_der_end(&w);
	ci_der_end(&w);
	if (ci_der_finish(&w) != CI_DER_OK)
		return ci_fail(m, "--attribute '%s': %s", text,
			       w.err == CI_DER_CHARSET ? "a character the string type cannot hold"
						      : ci_der_err_name(w.err));
	memcpy(j->attr_oid[j->nattrs], oid, oid_len);
	j->attr_oid_len[j->nattrs] = oid_len;
	j->attrs[j->nattrs++] = ci_der_out(&w);
	return 0;
}

/* X.690 11.6: SET OF elements in ascending order of their encodings, the
 * shorter compared as if padded with zeros. */
static int set_of_cmp(const void *pa, const void *pb)
{
	const xc_slice *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->p, b->p, n);

	return c ? c : (a->len > b->len) - (a->len < b->len);
}

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
	/* attributes [0] IMPLICIT SET OF Attribute: the extensionRequest
	 * (SEQUENCE { extensionRequest, SET { Extensions } }) and the
	 * --attribute ones, sorted. */
	if (exts.len) {
		ci_der w;

		ci_der_init(&w, j->attr[ATTR_MAX], ATTR_BUF);
		ci_der_begin(&w, CI_TAG_SEQUENCE);
		ci_der_oid_raw(&w, oid_ext_req, sizeof(oid_ext_req));
		ci_der_begin(&w, CI_TAG_SET);
		ci_der_raw(&w, exts.p, exts.len);
		ci_der_end(&w);
		ci_der_end(&w);
		if (ci_der_finish(&w) != CI_DER_OK)
			return ci_fail(m, "the extensions do not fit in a CSR (%s)",
				       ci_der_err_name(w.err));
		j->attrs[j->nattrs++] = ci_der_out(&w);
	}
	qsort(j->attrs, j->nattrs, sizeof(j->attrs[0]), set_of_cmp);
	ci_der_begin(tbs, CI_TAG_CTX_CONS(0));
	for (size_t i = 0; i < j->nattrs; i++)
		ci_der_raw(tbs, j->attrs[i].p, j->attrs[i].len);
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
	for (size_t i = 0; i < a->all_count; i++)
		if (a->all_id[i] == O_ATTR && add_attr(j, a->all[i], m) < 0)
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
