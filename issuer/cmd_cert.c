/*
 * issuer/cmd_cert.c - certissue cert: issue a certificate, self-signed or
 * by a CA (pyca's CertificateBuilder).
 *
 *   TBSCertificate ::= SEQUENCE {
 *       version         [0] EXPLICIT Version,      -- always v3, as pyca
 *       serialNumber         CertificateSerialNumber,
 *       signature            AlgorithmIdentifier,
 *       issuer               Name,
 *       validity             Validity,
 *       subject              Name,
 *       subjectPublicKeyInfo SubjectPublicKeyInfo,
 *       extensions      [3] EXPLICIT Extensions OPTIONAL }
 *
 * The subject key is the --key (self-signed), the --public-key, or the
 * --csr's key (whose self-signature must verify); given both a CSR and a
 * key, the two must be the same key. The issuer name is the CA
 * certificate's subject, copied byte for byte so that the chain's name
 * match holds whatever string types the CA used.
 */
#include <stdlib.h>
#include <string.h>

#include "ca.h"
#include "ca_issue.h"
#include "cmd.h"
#include "emit.h"
#include "ext.h"
#include "input.h"
#include "opt.h"
#include "serial.h"
#include "tbs.h"
#include "when.h"

enum {
	O_SELF = CI_O_OWN, O_KEY, O_CA_CERT, O_CA_KEY, O_CSR, O_PUBKEY, O_SUBJECT, O_SERIAL,
	O_NOT_BEFORE, O_NOT_AFTER, O_DAYS, O_COPY, O_PROFILE, O_OUTLIVE, O_CA,
};

#define DEFAULT_DAYS 365

static const ci_opt opts[] = {
	{ "self-signed", NULL, O_SELF, false, "sign with the subject's own --key" },
	{ "key", "FILE", O_KEY, false, "the private key (with --self-signed)" },
	{ "ca-cert", "FILE", O_CA_CERT, false, "the issuing CA's certificate" },
	{ "ca-key", "FILE", O_CA_KEY, false, "the issuing CA's private key" },
	{ "csr", "FILE", O_CSR, false,
	  "a CSR: subject and key (its signature must verify)" },
	{ "public-key", "FILE", O_PUBKEY, false,
	  "the subject's key: a PUBLIC KEY PEM block or its DER" },
	{ "subject", "DN", O_SUBJECT, false,
	  "RFC 4514 subject (default: the CSR's)" },
	{ "serial", "N", O_SERIAL, false,
	  "decimal, 0x-hex or aa:bb (default: 159 random bits)" },
	{ "not-before", "T", O_NOT_BEFORE, false, "start of validity (default: now)" },
	{ "not-after", "T", O_NOT_AFTER, false, "end of validity" },
	{ "days", "N", O_DAYS, false,
	  "validity in days from --not-before (default: 365, at most to the CA's end)" },
	{ "copy-extensions", NULL, O_COPY, false,
	  "take the CSR's requested extensions (explicit options win)" },
	{ "profile", "P", O_PROFILE, false,
	  "server|client|ca|intermediate|code-signing|email defaults" },
	{ "allow-outlive", NULL, O_OUTLIVE, false,
	  "let the certificate end after its CA's certificate" },
	{ "ca", "DIR", O_CA, false,
	  "issue from a CA directory (certissue ca init; --out optional)" },
	{ NULL, NULL, 0, false, NULL },
};

static const ci_cmd_def def = {
	"cert",
	"(--self-signed --key FILE | --ca-cert FILE --ca-key FILE | --ca DIR) (--csr FILE |"
	" --public-key FILE)) [--subject DN] [--serial N] [--not-before T]"
	" [--not-after T | --days N] [--hash H] [--rsa-pss] [--copy-extensions]"
	" [--profile P] [extension options] --out FILE",
	"Times: 2026-12-07T10:00:00Z, now, +30d, -1h. A CA certificate needs\n"
	"basicConstraints ca=true, and keyCertSign if it has a keyUsage extension\n"
	"(one without keyUsage is accepted). With --csr and --key or --public-key,\n"
	"both must be the same key.\n",
	opts,
	CI_EXT_IN_CERT,
};

/* What the certificate is made of, gathered before the TBS is written. */
typedef struct cert_job {
	ci_args a;              /* first: ci_cmd_main parses into it */
	ci_common cm;
	ci_ca ca;
	ci_ca_issue cadir;      /* --ca DIR (ca_issue.h) */
	ci_key self_key;
	bool self_live;
	ci_input csr_file, pub_file;
	xc_csr csr;
	xc_slice subject_spki;
	ci_exts exts;
	uint8_t serial[CI_SERIAL_LEN];
	size_t serial_len;
	int64_t not_before, not_after;
	uint8_t name[CI_NAME_BUF], ext[CI_EXTS_BUF];
} cert_job;

static int check_mode(const ci_args *a, ci_msg *m)
{
	if (ci_opt_has(a, O_SELF)) {
		if (!ci_opt_has(a, O_KEY))
			return ci_fail(m, "--self-signed needs --key FILE");
		if (ci_opt_has(a, O_CA_CERT) || ci_opt_has(a, O_CA_KEY))
			return ci_fail(m, "--self-signed and --ca-cert/--ca-key: give one of them");
		if (ci_opt_has(a, O_PUBKEY))
			return ci_fail(m, "--self-signed certifies its own --key: no --public-key");
	} else {
		if (!ci_opt_has(a, O_CA_CERT) || !ci_opt_has(a, O_CA_KEY))
			return ci_fail(m, "give --self-signed --key FILE, or --ca-cert FILE"
				       " --ca-key FILE");
		if (ci_opt_has(a, O_KEY))
			return ci_fail(m, "--key is for --self-signed; a CA signs with --ca-key");
		if (!ci_opt_has(a, O_CSR) && !ci_opt_has(a, O_PUBKEY))
			return ci_fail(m, "--csr FILE or --public-key FILE is needed (the"
				       " subject's key)");
	}
	if (!ci_opt_has(a, O_SUBJECT) && !ci_opt_has(a, O_CSR))
		return ci_fail(m, "--subject DN is needed (no --csr to take it from)");
	if (ci_opt_has(a, O_COPY) && !ci_opt_has(a, O_CSR))
		return ci_fail(m, "--copy-extensions needs --csr");
	return 0;
}

/* Two SubjectPublicKeyInfos hold the same key: same type, curve and key
 * bits (the algorithm's parameters may be encoded differently). */
static bool same_key(xc_slice a, xc_slice b)
{
	xc_spki x, y;

	return xc_spki_parse(&x, a, NULL, NULL) == XC_OK &&
	       xc_spki_parse(&y, b, NULL, NULL) == XC_OK && x.type == y.type &&
	       x.curve == y.curve && xc_slice_eq(x.key, y.key);
}

static int load_subject_key(cert_job *j, const ci_pass_src *pass, ci_msg *m)
{
	const ci_args *a = &j->a;

	if (ci_opt_has(a, O_SELF)) {
		if (ci_input_key(&j->self_key, a->val[O_KEY], "--key", pass, m) < 0)
			return -1;
		j->self_live = true;
		j->subject_spki = ci_key_spki(&j->self_key);
	}
	if (ci_opt_has(a, O_PUBKEY) &&
	    ci_input_spki(&j->pub_file, a->val[O_PUBKEY], "--public-key", &j->subject_spki,
			  m) < 0)
		return -1;
	if (!ci_opt_has(a, O_CSR))
		return 0;
	if (ci_input_csr(&j->csr_file, a->val[O_CSR], "--csr", &j->csr, m) < 0)
		return -1;
	if (j->subject_spki.p && !same_key(j->subject_spki, j->csr.spki))
		return ci_fail(m, "%s %s is not the key of --csr %s",
			       ci_opt_has(a, O_SELF) ? "--key" : "--public-key",
			       a->val[ci_opt_has(a, O_SELF) ? O_KEY : O_PUBKEY], a->val[O_CSR]);
	j->subject_spki = j->csr.spki;
	return 0;
}

/* RSA below 2048 bits is refused as a subject key too: a CA that signs
 * it vouches for a key anyone can factor soon. */
static int check_subject_key(const cert_job *j, ci_msg *m)
{
	xc_spki k;
	size_t off = 0;
	xc_err e = xc_spki_parse(&k, j->subject_spki, NULL, &off);

	if (e != XC_OK)
		return ci_fail(m, "the subject's public key does not parse: %s", xc_strerror(e));
	if (k.type == XC_KEY_RSA && k.bits < 2048 && !ci_opt_has(&j->a, CI_O_WEAK))
		return ci_fail(m, "the subject's key is RSA %zu: below 2048 bits is weak"
			       " (--allow-weak to issue anyway)", k.bits);
	return 0;
}

/* RFC 5280 does not forbid a certificate that outlives its issuer, but
 * it is a mistake more often than not: a chain stops validating the day
 * the CA expires. An explicit end past the CA's is refused (unless
 * --allow-outlive); the default end (365 days) is shortened to the CA's,
 * so that a leaf issued right after its CA with both defaults works. */
static int check_outlive(cert_job *j, ci_msg *m)
{
	const ci_args *a = &j->a;
	int64_t ca_end = j->ca.cert.not_after.epoch;
	char mine[32], theirs[32];

	if (ci_opt_has(a, O_SELF) || ci_opt_has(a, O_OUTLIVE) || j->not_after <= ca_end)
		return 0;
	ci_when_format(j->not_after, mine, sizeof(mine));
	ci_when_format(ca_end, theirs, sizeof(theirs));
	if (ci_opt_has(a, O_NOT_AFTER) || ci_opt_has(a, O_DAYS) || ca_end < j->not_before)
		return ci_fail(m, "the certificate would end at %s, after its CA's certificate"
			       " (%s; --allow-outlive to issue anyway)", mine, theirs);
	j->not_after = ca_end;
	return 0;
}

static int gather_exts(cert_job *j, ci_msg *m)
{
	const ci_args *a = &j->a;
	xc_slice exts;
	size_t off = 0;
	xc_err e;

	ci_exts_init(&j->exts, CI_EXT_IN_CERT);
	if (ci_opt_has(a, O_PROFILE) && ci_exts_profile(&j->exts, a->val[O_PROFILE], m) < 0)
		return -1;
	if (ci_opt_has(a, O_COPY)) {
		e = xc_csr_extensions(&j->csr, &exts, NULL, &off);
		if (e != XC_OK && e != XC_NOT_FOUND)
			return ci_fail(m, "--csr %s: its extension request does not parse: %s",
				       a->val[O_CSR], xc_strerror(e));
		if (e == XC_OK && ci_exts_copy(&j->exts, exts, m) < 0)
			return -1;
	}
	return ci_apply_ext_options(&j->exts, a, m);
}

/* Writes the TBSCertificate into tbs (a buffer of `cap` bytes). */
static int write_tbs(cert_job *j, const ci_key *signer, ci_der *tbs, uint8_t *buf,
		     size_t cap, ci_msg *m)
{
	bool self = ci_opt_has(&j->a, O_SELF);
	xc_slice subject = j->csr.subject_raw, issuer, exts;

	if (ci_opt_has(&j->a, O_SUBJECT) &&
	    ci_write_name(j->a.val[O_SUBJECT], j->name, sizeof(j->name), &subject, m) < 0)
		return -1;
	issuer = self ? subject : j->ca.cert.subject_raw;
	if (ci_write_exts(&j->exts, j->ext, sizeof(j->ext), j->subject_spki,
			  self ? j->subject_spki : j->ca.cert.spki, j->ca.ski, !self,
			  subject.len <= 2, &exts, m) < 0)
		return -1;

	ci_der_init(tbs, buf, cap);
	ci_der_begin(tbs, CI_TAG_SEQUENCE);
	ci_der_begin(tbs, CI_TAG_CTX_CONS(0));
	ci_der_int(tbs, 2);
	ci_der_end(tbs);
	ci_der_uint(tbs, j->serial, j->serial_len);
	if (ci_sign_algid(signer, &j->cm.sign, tbs, m) < 0)
		return -1;
	ci_der_raw(tbs, issuer.p, issuer.len);
	ci_der_begin(tbs, CI_TAG_SEQUENCE);
	ci_der_time(tbs, j->not_before);
	ci_der_time(tbs, j->not_after);
	ci_der_end(tbs);
	ci_der_raw(tbs, subject.p, subject.len);
	ci_der_raw(tbs, j->subject_spki.p, j->subject_spki.len);
	return ci_tbs_end(tbs, CI_TAG_CTX_CONS(3), exts, "TBSCertificate", m);
}

static int run(void *job, const ci_ctx *c, ci_msg *m)
{
	cert_job *j = job;
	const ci_args *a = &j->a;
	const ci_key *signer;
	size_t cap;
	uint8_t *buf;
	ci_der tbs;
	int rc;

	ci_common_init(&j->cm, "cert", ci_opt_has(a, O_SELF) ? "key" : "CA key", a);
	if (ci_opt_has(a, O_CA)) {
		if (ci_opt_has(a, O_SELF) || ci_opt_has(a, O_CA_CERT) || ci_opt_has(a, O_CA_KEY))
			return ci_fail(m, "--ca DIR holds the CA: no --self-signed, --ca-cert or"
				       " --ca-key");
		if (ci_ca_issue_open(&j->cadir, a->val[O_CA], &j->a.val[O_CA_CERT],
				     &j->a.val[O_CA_KEY], m) < 0)
			return -1;
	}
	if (check_mode(a, m) < 0 ||
	    ((!ci_opt_has(a, O_CA) || ci_opt_has(a, CI_O_OUT)) &&
	     ci_common_check_out(&j->cm, m) < 0))
		return -1;
	if (ci_opt_has(a, O_CA)) {
		if (ci_ca_issue_serial(&j->cadir, c->rng, a->val[O_SERIAL], j->serial,
				       &j->serial_len, m) < 0)
			return -1;
	} else if (ci_opt_has(a, O_SERIAL)) {
		if (ci_serial_parse(a->val[O_SERIAL], j->serial, &j->serial_len, m) < 0)
			return ci_fail_ctx(m, "--serial: ");
	} else if (ci_serial_random(c->rng, j->serial, &j->serial_len, m) < 0) {
		return -1;
	}
	if (ci_opt_period("--not-before", a->val[O_NOT_BEFORE], "--not-after",
			  a->val[O_NOT_AFTER], a->val[O_DAYS], (int64_t)DEFAULT_DAYS * 86400,
			  c->now, &j->not_before, &j->not_after, m) < 0)
		return -1;
	if (!ci_opt_has(a, O_SELF) &&
	    ci_ca_load(&j->ca, a->val[O_CA_CERT], a->val[O_CA_KEY], &j->cm.pass,
		       XC_KU_KEY_CERT_SIGN, m) < 0)
		return -1;
	if (load_subject_key(j, &j->cm.pass, m) < 0)
		return -1;
	signer = ci_opt_has(a, O_SELF) ? &j->self_key : &j->ca.key;
	if (ci_sign_check(signer, &j->cm.sign, m) < 0 || check_subject_key(j, m) < 0 ||
	    check_outlive(j, m) < 0 || gather_exts(j, m) < 0)
		return -1;

	/* A subject copied from the CA or the CSR is as long as its file. */
	cap = CI_NAME_BUF + CI_EXTS_BUF + 2 * CI_SPKI_MAX + j->ca.file.len + j->csr_file.len +
	      1024;
	if (!(buf = malloc(cap)))
		return ci_fail(m, "out of memory");
	rc = write_tbs(j, signer, &tbs, buf, cap, m);
	if (rc == 0 && ci_opt_has(a, O_CA))
		rc = ci_ca_issue_emit(&j->cadir, &j->cm, signer, c->rng, ci_der_out(&tbs),
				      a->val[O_PROFILE], m);
	else if (rc == 0)
		rc = ci_emit(&j->cm.emit, CI_OBJ_CERT, signer, &j->cm.sign, c->rng,
			     ci_der_out(&tbs), ci_key_spki(signer), m);
	free(buf);
	return rc;
}

static void done(void *job)
{
	cert_job *j = job;

	if (j->self_live)
		ci_key_free(&j->self_key);
	ci_ca_free(&j->ca);
	ci_ca_issue_close(&j->cadir);
	ci_input_free(&j->csr_file);
	ci_input_free(&j->pub_file);
}

int ci_cmd_cert(const ci_ctx *c, int argc, char **argv)
{
	return ci_cmd_main(&def, c, argc, argv, sizeof(cert_job), run, done);
}
