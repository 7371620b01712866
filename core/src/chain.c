/*
 * chain.c - one step of a chain: signatures by an issuer, name matching.
 */
#include "inner.h"

/* The checks common to certificates and CRLs: the algorithm the signer put
 * inside the TBS must be the one outside, or the outer one is not signed.
 * `params` (maybe empty) is where a DSA key without parameters finds them. */
static xc_verify_result verify_signed(const xc_algid *inner, const xc_algid *outer,
				      xc_slice tbs, xc_slice sig, xc_slice spki,
				      xc_slice params)
{
	if (!xc_slice_eq(inner->raw, outer->raw))
		return XC_VERIFY_INVALID;
	return xc_verify_inherit(outer, tbs, sig, spki, params);
}

/* See xc/chain.h. */
xc_verify_result xc_cert_verify(const xc_cert *c, xc_slice issuer_spki)
{
	return xc_cert_verify_inherit(c, issuer_spki, xc_slice_make(NULL, 0));
}

/* See xc/chain.h. */
xc_verify_result xc_crl_verify(const xc_crl *crl, xc_slice issuer_spki)
{
	return xc_crl_verify_inherit(crl, issuer_spki, xc_slice_make(NULL, 0));
}

/* See xc/chain.h. */
xc_verify_result xc_cert_verify_inherit(const xc_cert *c, xc_slice issuer_spki,
					xc_slice params_spki)
{
	return verify_signed(&c->tbs_sig_alg, &c->sig_alg, c->tbs, c->signature,
			     issuer_spki, params_spki);
}

/* See xc/chain.h. */
xc_verify_result xc_crl_verify_inherit(const xc_crl *crl, xc_slice issuer_spki,
				       xc_slice params_spki)
{
	return verify_signed(&crl->tbs_sig_alg, &crl->sig_alg, crl->tbs,
			     crl->signature, issuer_spki, params_spki);
}

/* See xc/chain.h. */
xc_verify_result xc_csr_verify(const xc_csr *csr)
{
	/* A CSR has no inner algorithm field to compare with. */
	return xc_verify(&csr->sig_alg, csr->tbs, csr->signature, csr->spki);
}

/* See xc/chain.h. */
bool xc_cert_chains_to(const xc_cert *subject, const xc_cert *issuer)
{
	xc_ext ext;
	xc_aki aki;
	xc_ski ski;

	if (!xc_name_equal(subject->issuer, issuer->subject))
		return false;
	if (xc_ext_find_id(subject->extensions, XC_OID_AUTHORITY_KEY_IDENTIFIER,
			   &ext) != XC_OK)
		return true;
	if (xc_aki_decode(&aki, ext.value, NULL, NULL) != XC_OK)
		return false;
	if (!xc_slice_present(aki.key_id))
		return true;
	if (xc_ext_find_id(issuer->extensions, XC_OID_SUBJECT_KEY_IDENTIFIER,
			   &ext) != XC_OK)
		return true;
	if (xc_ski_decode(&ski, ext.value, NULL, NULL) != XC_OK)
		return false;
	return xc_slice_eq(aki.key_id, ski.digest);
}

/* See xc/chain.h. */
xc_verify_result xc_cert_issued_by(const xc_cert *subject, const xc_cert *issuer)
{
	if (!xc_cert_chains_to(subject, issuer))
		return XC_VERIFY_KEY_MISMATCH;
	return xc_cert_verify(subject, issuer->spki);
}
