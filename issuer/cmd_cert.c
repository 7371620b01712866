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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca.h"
#include "cmd.h"
#include "dn.h"
#include "emit.h"
#include "ext.h"
#include "input.h"
#include "opt.h"
#include "out.h"
#include "serial.h"
#include "when.h"

enum {
	O_SELF = 1, O_KEY, O_CA_CERT, O_CA_KEY, O_CSR, O_PUBKEY, O_SUBJECT, O_SERIAL,
	O_NOT_BEFORE, O_NOT_AFTER, O_DAYS, O_HASH, O_PSS, O_COPY, O_PROFILE, O_OUT, O_DER,
	O_FORCE, O_OUTLIVE, O_WEAK, O_PASS,
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
	{ "days", "N", O_DAYS, false, "validity in days from --not-before (default: 365)" },
	{ "hash", "H", O_HASH, false,
	  "sha256|sha384|sha512 (default: sha256; sha384 for P-384, sha512 for P-521)" },
	{ "rsa-pss", NULL, O_PSS, false, "RSA keys: sign with RSASSA-PSS" },
	{ "copy-extensions", NULL, O_COPY, false,
	  "take the CSR's requested extensions (explicit options win)" },
	{ "profile", "P", O_PROFILE, false,
	  "server|client|ca|intermediate|code-signing|email defaults" },
	{ "out", "FILE", O_OUT, false, "where to write (- for standard output)" },
	{ "der", NULL, O_DER, false, "write DER instead of PEM" },
	{ "force", NULL, O_FORCE, false, "replace an existing --out file" },
	{ "allow-outlive", NULL, O_OUTLIVE, false,
	  "let the certificate end after its CA's certificate" },
	{ "allow-weak", NULL, O_WEAK, false, "allow RSA below 2048 bits, SHA-1, MD5" },
	{ "passphrase-file", "F", O_PASS, false,
	  "passphrase of the encrypted private key read (--key or --ca-key)" },
	{ NULL, NULL, 0, false, NULL },
};

static const ci_cmd_def def = {
	"cert",
	"(--self-signed --key FILE | --ca-cert FILE --ca-key FILE (--csr FILE |"
	" --public-key FILE)) [--subject DN] [--serial N] [--not-before T]"
	" [--not-after T | --days N] [--hash H] [--rsa-pss] [--copy-extensions]"
	" [--profile P] [extension options] --out FILE",
	"Times: 2026-12-07T10:00:00Z, now, +30d, -1h. A CA certificate needs\n"
	"basicConstraints ca=true, and keyCertSign if it has a keyUsage extension.\n"
	"An encrypted key's passphrase: --passphrase-file, CERTISSUE_PASSPHRASE, or\n"
	"a prompt on the terminal.\n",
	opts,
	CI_EXT_IN_CERT,
};

/* What the certificate is made of, gathered before the TBS is written. */
typedef struct cert_job {
	ci_args a;
	ci_ca ca;
	ci_key self_key;
	bool self_live;
	ci_input csr_file, pub_file;
	xc_csr csr;
	xc_slice subject_spki;
	ci_exts exts;
	uint8_t serial[20];
	size_t serial_len;
	int64_t not_before, not_after;
} cert_job;

static int check_mode(const ci_args *a, ci_msg *m)
{
	if (!ci_opt_has(a, O_OUT))
		return ci_fail(m, "--out FILE is needed");
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
	if (k.type == XC_KEY_RSA && k.bits < 2048 && !ci_opt_has(&j->a, O_WEAK))
		return ci_fail(m, "the subject's key is RSA %zu: below 2048 bits is weak"
			       " (--allow-weak to issue anyway)", k.bits);
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
		return ci_fail_ctx(m, "--profile: ");
	if (ci_opt_has(a, O_COPY)) {
		e = xc_csr_extensions(&j->csr, &exts, NULL, &off);
		if (e != XC_OK && e != XC_NOT_FOUND)
			return ci_fail(m, "--csr %s: its extension request does not parse: %s",
				       a->val[O_CSR], xc_strerror(e));
		if (e == XC_OK && ci_exts_copy(&j->exts, exts, m) < 0)
			return ci_fail_ctx(m, "--copy-extensions: ");
	}
	for (size_t i = 0; i < a->ext_count; i++)
		if (ci_exts_option(&j->exts, a->ext[i].name, a->ext[i].value, m) < 0)
			return -1;
	return 0;
}

/* Writes the TBSCertificate into tbs (caller's buffer). */
static int write_tbs(cert_job *j, const ci_key *signer, const ci_sign_opts *so,
		     ci_der *tbs, uint8_t *name_buf, size_t name_cap, uint8_t *ext_buf,
		     size_t ext_cap, ci_msg *m)
{
	bool self = ci_opt_has(&j->a, O_SELF);
	ci_der name, ext;
	xc_slice subject, issuer, issuer_spki, issuer_ski = { NULL, 0 };

	ci_der_init(&name, name_buf, name_cap);
	if (ci_opt_has(&j->a, O_SUBJECT)) {
		if (ci_dn_write(&name, j->a.val[O_SUBJECT], m) < 0)
			return ci_fail_ctx(m, "--subject: ");
		if (ci_der_finish(&name) != CI_DER_OK)
			return ci_fail(m, "--subject: %s", ci_der_err_name(ci_der_finish(&name)));
		subject = ci_der_out(&name);
	} else {
		subject = j->csr.subject_raw;
	}
	issuer = self ? subject : j->ca.cert.subject_raw;
	issuer_spki = self ? j->subject_spki : j->ca.cert.spki;
	if (!self)
		issuer_ski = j->ca.ski;

	ci_der_init(&ext, ext_buf, ext_cap);
	if (ci_exts_write(&j->exts, &ext, j->subject_spki, issuer_spki, issuer_ski, !self,
			  subject.len <= 2, m) < 0)
		return -1;
	if (ci_der_finish(&ext) != CI_DER_OK)
		return ci_fail(m, "extensions: %s", ci_der_err_name(ci_der_finish(&ext)));

	ci_der_begin(tbs, CI_TAG_SEQUENCE);
	ci_der_begin(tbs, CI_TAG_CTX_CONS(0));
	ci_der_int(tbs, 2);
	ci_der_end(tbs);
	ci_der_uint(tbs, j->serial, j->serial_len);
	if (ci_sign_algid(signer, so, tbs, m) < 0)
		return -1;
	ci_der_raw(tbs, issuer.p, issuer.len);
	ci_der_begin(tbs, CI_TAG_SEQUENCE);
	ci_der_time(tbs, j->not_before);
	ci_der_time(tbs, j->not_after);
	ci_der_end(tbs);
	ci_der_raw(tbs, subject.p, subject.len);
	ci_der_raw(tbs, j->subject_spki.p, j->subject_spki.len);
	if (ci_der_out(&ext).len) {
		ci_der_begin(tbs, CI_TAG_CTX_CONS(3));
		ci_der_raw(tbs, ci_der_out(&ext).p, ci_der_out(&ext).len);
		ci_der_end(tbs);
	}
	ci_der_end(tbs);
	if (ci_der_finish(tbs) != CI_DER_OK)
		return ci_fail(m, "internal error: the TBSCertificate: %s",
			       ci_der_err_name(ci_der_finish(tbs)));
	return 0;
}

static int run(cert_job *j, const ci_ctx *c, ci_msg *m)
{
	const ci_args *a = &j->a;
	ci_out_opts oo = { .force = ci_opt_has(a, O_FORCE), .secret = false };
	ci_pass_src pass = { a->val[O_PASS], ci_opt_has(a, O_SELF) ? "key" : "CA key" };
	ci_sign_opts so = { a->val[O_HASH], ci_opt_has(a, O_PSS), ci_opt_has(a, O_WEAK) };
	ci_emit_opts eo = { "cert", a->val[O_OUT], ci_opt_has(a, O_DER), ci_opt_has(a, O_FORCE) };
	const ci_key *signer;
	size_t name_cap = 16384, ext_cap = CI_EXT_POOL + 16384, tbs_cap;
	uint8_t *name_buf = NULL, *ext_buf = NULL, *tbs_buf = NULL;
	ci_der tbs;
	int rc = -1;

	if (check_mode(a, m) < 0 || ci_out_check(a->val[O_OUT], &oo, m) < 0)
		return -1;
	if (ci_opt_has(a, O_SERIAL)) {
		if (ci_serial_parse(a->val[O_SERIAL], j->serial, &j->serial_len, m) < 0)
			return ci_fail_ctx(m, "--serial: ");
	} else if (ci_serial_random(c->rng, j->serial, &j->serial_len, m) < 0) {
		return -1;
	}
	if (ci_opt_period("--not-before", a->val[O_NOT_BEFORE], "--not-after",
			  a->val[O_NOT_AFTER], a->val[O_DAYS], (int64_t)DEFAULT_DAYS * 86400,
			  c->now, &j->not_before, &j->not_after, m) < 0)
		return -1;
	if (!ci_opt_has(a, O_SELF)) {
		if (ci_ca_load(&j->ca, a->val[O_CA_CERT], a->val[O_CA_KEY], &pass,
			       XC_KU_KEY_CERT_SIGN, m) < 0)
			return -1;
	}
	if (load_subject_key(j, &pass, m) < 0)
		return -1;
	signer = ci_opt_has(a, O_SELF) ? &j->self_key : &j->ca.key;
	if (ci_sign_check(signer, &so, m) < 0 || check_subject_key(j, m) < 0)
		return -1;
	if (!ci_opt_has(a, O_SELF) && !ci_opt_has(a, O_OUTLIVE) &&
	    j->not_after > j->ca.cert.not_after.epoch) {
		char mine[32], theirs[32];

		ci_when_format(j->not_after, mine, sizeof(mine));
		ci_when_format(j->ca.cert.not_after.epoch, theirs, sizeof(theirs));
		return ci_fail(m, "the certificate would end at %s, after its CA's certificate"
			       " (%s; --allow-outlive to issue anyway)", mine, theirs);
	}
	if (gather_exts(j, m) < 0)
		return -1;

	tbs_cap = name_cap + ext_cap + 2 * CI_SPKI_MAX + j->ca.cert.subject_raw.len +
		  j->csr.subject_raw.len + 1024;
	name_buf = malloc(name_cap);
	ext_buf = malloc(ext_cap);
	tbs_buf = malloc(tbs_cap);
	if (!name_buf || !ext_buf || !tbs_buf) {
		ci_fail(m, "out of memory");
		goto out;
	}
	ci_der_init(&tbs, tbs_buf, tbs_cap);
	if (write_tbs(j, signer, &so, &tbs, name_buf, name_cap, ext_buf, ext_cap, m) < 0)
		goto out;
	rc = ci_emit(&eo, CI_OBJ_CERT, signer, &so, c->rng, ci_der_out(&tbs),
		     ci_key_spki(signer), m);
out:
	free(tbs_buf);
	free(ext_buf);
	free(name_buf);
	return rc;
}

int ci_cmd_cert(const ci_ctx *c, int argc, char **argv)
{
	cert_job *j = calloc(1, sizeof(*j));
	ci_msg m = { "" };
	int rc;

	if (!j) {
		fprintf(stderr, "certissue cert: out of memory\n");
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
		fprintf(stderr, "certissue cert: %s\n", m.text);
	if (j->self_live)
		ci_key_free(&j->self_key);
	ci_ca_free(&j->ca);
	ci_input_free(&j->csr_file);
	ci_input_free(&j->pub_file);
	free(j);
	return rc < 0 ? 1 : 0;
}
