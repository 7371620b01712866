/*
 * issuer/emit.c - sign, check, write, report (emit.h).
 */
#include "emit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The signed object is the TBS plus an AlgorithmIdentifier (under 100
 * bytes with RSASSA-PSS parameters), a signature of at most 1024 bytes
 * (RSA-8192) and three headers. */
#define SIGNED_OVERHEAD 2048

static void name_text(xc_slice name, char *buf, size_t cap)
{
	if (xc_name_rfc4514(name, buf, cap, NULL) != XC_OK)
		snprintf(buf, cap, "(unprintable name)");
	else if (!buf[0])
		snprintf(buf, cap, "(empty name)");
}

static void time_text(const xc_time *t, char *buf)
{
	if (xc_time_format(t, buf, XC_TIME_STR) != XC_OK)
		snprintf(buf, XC_TIME_STR, "?");
}

void ci_emit_describe(const ci_checked *c, xc_slice der, char *buf, size_t cap)
{
	char name[512], serial[XC_INT_DEC_MAX(20) + 1], from[XC_TIME_STR], to[XC_TIME_STR];
	char hex[2 * 32 + 1];
	uint8_t fp[32];
	size_t n = 0;
	xc_ext ext;
	xc_crl_number num;

	if (xc_fingerprint(XC_HASH_SHA256, der, fp, sizeof(fp)) == XC_OK)
		for (size_t i = 0; i < sizeof(fp); i++)
			snprintf(hex + 2 * i, 3, "%02x", fp[i]);
	else
		snprintf(hex, sizeof(hex), "?");
	switch (c->kind) {
	case CI_OBJ_CERT:
		name_text(c->u.cert.subject, name, sizeof(name));
		if (xc_int_to_dec(c->u.cert.serial, serial, sizeof(serial), NULL) != XC_OK)
			snprintf(serial, sizeof(serial), "?");
		time_text(&c->u.cert.not_before, from);
		time_text(&c->u.cert.not_after, to);
		n = (size_t)snprintf(buf, cap, "certificate for %s (serial %s, valid %s to %s)",
				     name, serial, from, to);
		break;
	case CI_OBJ_CSR:
		name_text(c->u.csr.subject, name, sizeof(name));
		n = (size_t)snprintf(buf, cap, "CSR for %s", name);
		break;
	case CI_OBJ_CRL:
		name_text(c->u.crl.issuer, name, sizeof(name));
		snprintf(serial, sizeof(serial), "none");
		if (c->u.crl.extensions.p &&
		    xc_ext_find_id(c->u.crl.extensions, XC_OID_CRL_NUMBER, &ext) == XC_OK &&
		    xc_crl_number_decode(&num, ext.value, NULL, NULL) == XC_OK &&
		    xc_int_to_dec(num.number, serial, sizeof(serial), NULL) != XC_OK)
			snprintf(serial, sizeof(serial), "?");
		time_text(&c->u.crl.last_update, from);
		if (c->u.crl.has_next_update)
			time_text(&c->u.crl.next_update, to);
		else
			snprintf(to, sizeof(to), "(none)");
		n = (size_t)snprintf(buf, cap,
				     "CRL of %s (number %s, %zu revoked, updated %s, next %s)",
				     name, serial, c->u.crl.revoked_count, from, to);
		break;
	}
	if (n < cap)
		snprintf(buf + n, cap - n, ", SHA-256 %s", hex);
}

void ci_common_init(ci_common *cm, const char *cmd, const char *key_what,
		    const ci_args *a)
{
	cm->emit = (ci_emit_opts){ cmd, a->val[CI_O_OUT], ci_opt_has(a, CI_O_DER),
				   ci_opt_has(a, CI_O_FORCE) };
	cm->out = (ci_out_opts){ .force = ci_opt_has(a, CI_O_FORCE), .secret = false };
	cm->sign = (ci_sign_opts){ a->val[CI_O_HASH], ci_opt_has(a, CI_O_PSS),
				   ci_opt_has(a, CI_O_WEAK) };
	cm->pass = (ci_pass_src){ a->val[CI_O_PASS], key_what };
}

int ci_common_check_out(const ci_common *cm, ci_msg *m)
{
	if (!cm->emit.path)
		return ci_fail(m, "--out FILE is needed");
	return ci_out_check(cm->emit.path, &cm->out, m);
}

int ci_emit(const ci_emit_opts *o, ci_obj_kind kind, const ci_key *k,
	    const ci_sign_opts *so, WC_RNG *rng, xc_slice tbs, xc_slice issuer_spki,
	    ci_msg *m)
{
	static const char *const labels[] = {
		[CI_OBJ_CERT] = "CERTIFICATE",
		[CI_OBJ_CSR] = "CERTIFICATE REQUEST",
		[CI_OBJ_CRL] = "X509 CRL",
	};
	size_t cap = tbs.len + SIGNED_OVERHEAD;
	uint8_t *buf = malloc(cap), *pem = NULL;
	size_t pem_len = 0;
	ci_out_opts oo = { .force = o->force, .secret = false };
	ci_checked *c = malloc(sizeof(*c));
	ci_der w;
	xc_slice der;
	char line[1024];
	int rc = -1;

	if (!buf || !c) {
		ci_fail(m, "out of memory");
		goto out;
	}
	ci_der_init(&w, buf, cap);
	if (ci_sign_wrap(k, so, rng, tbs, &w, m) < 0)
		goto out;
	if (ci_der_finish(&w) != CI_DER_OK) {
		ci_fail(m, "internal error: signing: %s", ci_der_err_name(ci_der_finish(&w)));
		goto out;
	}
	der = ci_der_out(&w);
	if (ci_check(c, kind, der, issuer_spki, m) < 0)
		goto out;
	if (!o->der && ci_pem_encode(labels[kind], der.p, der.len, &pem, &pem_len, m) < 0)
		goto out;
	if (o->der ? ci_out_write(o->path, der.p, der.len, &oo, m)
		   : ci_out_write(o->path, pem, pem_len, &oo, m))
		goto out;
	ci_emit_describe(c, der, line, sizeof(line));
	fprintf(stderr, "certissue %s: %s written to %s\n", o->cmd, line,
		strcmp(o->path, "-") ? o->path : "standard output");
	rc = 0;
out:
	free(pem);
	free(c);
	free(buf);
	return rc;
}
