/*
 * issuer/ca.c - loading and checking the issuing CA (ca.h).
 */
#include "ca.h"

#include <string.h>

static int check_cert(ci_ca *ca, const char *path, unsigned ku_bit, ci_msg *m)
{
	const char *bit = ku_bit == XC_KU_CRL_SIGN ? "cRLSign" : "keyCertSign";
	xc_slice exts = ca->cert.extensions;
	bool has_ku = false, is_ca = false;
	xc_ext ext;
	xc_bc bc;
	xc_ku ku = { 0 };
	xc_ski ski;

	if (exts.p && xc_ext_find_id(exts, XC_OID_BASIC_CONSTRAINTS, &ext) == XC_OK) {
		if (xc_bc_decode(&bc, ext.value, NULL, NULL) != XC_OK)
			return ci_fail(m, "--ca-cert %s: its basicConstraints do not decode", path);
		is_ca = bc.ca;
	}
	if (exts.p && xc_ext_find_id(exts, XC_OID_KEY_USAGE, &ext) == XC_OK) {
		if (xc_ku_decode(&ku, ext.value, NULL, NULL) != XC_OK)
			return ci_fail(m, "--ca-cert %s: its keyUsage does not decode", path);
		has_ku = true;
	}
	if (!is_ca && !(ku_bit == XC_KU_CRL_SIGN && has_ku && (ku.bits & XC_KU_CRL_SIGN)))
		return ci_fail(m, "--ca-cert %s: not a CA certificate (no basicConstraints"
			       " with ca=true)", path);
	if (has_ku && !(ku.bits & ku_bit))
		return ci_fail(m, "--ca-cert %s: its keyUsage does not allow %s", path, bit);
	ca->ski = (xc_slice){ NULL, 0 };
	if (exts.p && xc_ext_find_id(exts, XC_OID_SUBJECT_KEY_IDENTIFIER, &ext) == XC_OK) {
		if (xc_ski_decode(&ski, ext.value, NULL, NULL) != XC_OK)
			return ci_fail(m, "--ca-cert %s: its subjectKeyIdentifier does not decode",
				       path);
		ca->ski = ext.value;
	}
	return 0;
}

int ci_ca_load(ci_ca *ca, const char *cert_path, const char *key_path,
	       const ci_pass_src *pass, unsigned ku_bit, ci_msg *m)
{
	char what[64];

	memset(ca, 0, sizeof(*ca));
	if (ci_input_cert(&ca->file, cert_path, "--ca-cert", &ca->cert, m) < 0 ||
	    check_cert(ca, cert_path, ku_bit, m) < 0)
		return -1;
	if (ci_input_key(&ca->key, key_path, "--ca-key", pass, m) < 0)
		return -1;
	ca->key_live = true;
	if (!ci_key_matches(&ca->key, ca->cert.spki))
		return ci_fail(m, "--ca-key %s (%s) is not the key of --ca-cert %s", key_path,
			       ci_key_describe(&ca->key, what, sizeof(what)), cert_path);
	return 0;
}

void ci_ca_free(ci_ca *ca)
{
	if (ca->key_live)
		ci_key_free(&ca->key);
	ci_input_free(&ca->file);
}
