/*
 * xc/chain.h - verifying certificates, CRLs and CSRs against an issuer.
 *
 * One step of a chain, not path building: does this object carry a good
 * signature by this key, and does this certificate name that issuer?
 * Policy, validity periods, basicConstraints and key usage are the
 * caller's business.
 *
 * The signature is checked over the TBS TLV with the outer
 * signatureAlgorithm, which must equal the TBS's inner signature field
 * byte for byte (RFC 5280 4.1.1.2, 5.1.1.2): a mismatch is
 * XC_VERIFY_INVALID without any cryptography, since an attacker could
 * otherwise swap the algorithm the signer committed to.
 */
#ifndef XC_CHAIN_H
#define XC_CHAIN_H

#include "cert.h"
#include "crl.h"
#include "csr.h"
#include "name.h"
#include "verify.h"

/* Verifies a certificate's signature with the issuer's SubjectPublicKeyInfo
 * TLV (an issuer certificate's `spki`). */
xc_verify_result xc_cert_verify(const xc_cert *c, xc_slice issuer_spki);

/* Verifies a CRL's signature with the issuer's SubjectPublicKeyInfo TLV. */
xc_verify_result xc_crl_verify(const xc_crl *crl, xc_slice issuer_spki);

/* xc_cert_verify() and xc_crl_verify() for an issuer whose DSA key may
 * omit its domain parameters (RFC 3279 2.3.2): they come from
 * `params_spki`, the SubjectPublicKeyInfo TLV of the issuer's own issuer
 * (xc_verify_inherit()). For any other issuer key they are the plain
 * calls. */
xc_verify_result xc_cert_verify_inherit(const xc_cert *c, xc_slice issuer_spki,
					xc_slice params_spki);
xc_verify_result xc_crl_verify_inherit(const xc_crl *crl, xc_slice issuer_spki,
				       xc_slice params_spki);

/* Verifies a CSR's signature with its own public key (proof of possession). */
xc_verify_result xc_csr_verify(const xc_csr *csr);

/* True if `subject`'s issuer name equals `issuer`'s subject name
 * (xc_name_equal) and, when the subject has an authorityKeyIdentifier
 * keyIdentifier and the issuer a subjectKeyIdentifier, the two are equal.
 * A malformed AKI or SKI extension counts as no match. */
bool xc_cert_chains_to(const xc_cert *subject, const xc_cert *issuer);

/* xc_cert_chains_to(), then xc_cert_verify() with the issuer's key:
 * XC_VERIFY_KEY_MISMATCH if the names do not match, else the verify
 * result. */
xc_verify_result xc_cert_issued_by(const xc_cert *subject, const xc_cert *issuer);

#endif
