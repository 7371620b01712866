/*
 * issuer/check.c - parsing back and verifying every output (check.h).
 */
#include "check.h"

const char *ci_obj_name(ci_obj_kind kind)
{
	switch (kind) {
	case CI_OBJ_CERT:
		return "certificate";
	case CI_OBJ_CSR:
		return "CSR";
	case CI_OBJ_CRL:
		return "CRL";
	}
	return "object";
}

/* pyca refuses an extensions block that names an OID twice
 * (DuplicateExtension); the core's parsers check structure only. */
static int no_duplicate(xc_slice exts, const char *where, ci_msg *m)
{
	xc_ext dup;
	char dotted[128];

	if (!exts.p || xc_ext_find_duplicate(exts, &dup) == XC_NOT_FOUND)
		return 0;
	if (xc_oid_to_dotted(dup.oid, dotted, sizeof(dotted), NULL) != XC_OK)
		dotted[0] = '\0';
	return ci_fail(m, "%s holds extension %s twice", where, dotted);
}

static int check_cert(xc_cert *c, xc_slice der, xc_slice issuer_spki, ci_msg *m)
{
	size_t off = 0;
	xc_err e = xc_cert_parse(c, der.p, der.len, &off);
	xc_verify_result r;

	if (e != XC_OK)
		return ci_fail(m, "does not parse: %s at byte %zu", xc_strerror(e), off);
	if (no_duplicate(c->extensions, "it", m) < 0)
		return -1;
	if ((r = xc_cert_verify(c, issuer_spki)) != XC_VERIFY_VALID)
		return ci_fail(m, "its signature does not verify (%s)", xc_verify_result_name(r));
	return 0;
}

static int check_csr(xc_csr *c, xc_slice der, ci_msg *m)
{
	size_t off = 0, count;
	xc_err e = xc_csr_parse(c, der.p, der.len, &off);
	xc_slice exts;
	xc_verify_result r;

	if (e != XC_OK)
		return ci_fail(m, "does not parse: %s at byte %zu", xc_strerror(e), off);
	e = xc_csr_extensions(c, &exts, &count, &off);
	if (e != XC_OK && e != XC_NOT_FOUND)
		return ci_fail(m, "its extension request does not parse: %s at byte %zu",
			       xc_strerror(e), off);
	if (e == XC_OK && no_duplicate(exts, "its extension request", m) < 0)
		return -1;
	if ((r = xc_csr_verify(c)) != XC_VERIFY_VALID)
		return ci_fail(m, "its signature does not verify (%s)", xc_verify_result_name(r));
	return 0;
}

static int check_crl(xc_crl *c, xc_slice der, xc_slice issuer_spki, ci_msg *m)
{
	size_t off = 0;
	xc_err e = xc_crl_parse(c, der.p, der.len, &off);
	xc_revoked_iter it;
	xc_revoked rv;
	xc_verify_result r;

	if (e != XC_OK)
		return ci_fail(m, "does not parse: %s at byte %zu", xc_strerror(e), off);
	if (no_duplicate(c->extensions, "it", m) < 0)
		return -1;
	xc_revoked_iter_init(&it, c);
	while (xc_revoked_next(&it, &rv) == XC_OK)
		if (no_duplicate(rv.extensions, "a revoked entry", m) < 0)
			return -1;
	if ((r = xc_crl_verify(c, issuer_spki)) != XC_VERIFY_VALID)
		return ci_fail(m, "its signature does not verify (%s)", xc_verify_result_name(r));
	return 0;
}

int ci_check(ci_checked *out, ci_obj_kind kind, xc_slice der, xc_slice issuer_spki,
	     ci_msg *m)
{
	int rc = -1;

	out->kind = kind;
	switch (kind) {
	case CI_OBJ_CERT:
		rc = check_cert(&out->u.cert, der, issuer_spki, m);
		break;
	case CI_OBJ_CSR:
		rc = check_csr(&out->u.csr, der, m);
		break;
	case CI_OBJ_CRL:
		rc = check_crl(&out->u.crl, der, issuer_spki, m);
		break;
	}
	if (rc < 0)
		return ci_fail_ctx(m, "internal error (a bug in certissue, nothing written): the %s"
				   " made: ", ci_obj_name(kind));
	return 0;
}
