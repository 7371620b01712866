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

/* RFC 5280 7.1 name comparison of two checked Names (contents, as in
 * xc_cert.subject): the same number of RDNs, each the same multiset of
 * attributes in any order within the RDN. Values of the string types
 * (PrintableString, UTF8String, IA5String, T61String, BMPString,
 * UniversalString, VisibleString) compare after decoding to UTF-8, ASCII
 * case folding and whitespace compression (leading and trailing spaces
 * removed, inner runs made one space: RFC 4518 simplified to ASCII), so a
 * PrintableString equals a UTF8String of the same text. Other values, and
 * string values over 1024 bytes or that do not decode, compare byte for
 * byte as whole TLVs. */
bool xc_name_equal(xc_slice a, xc_slice b);

/* Longest decoded string value xc_name_equal() normalises (bytes). */
#define XC_NAME_VALUE_MAX 1024

/* The normal form xc_name_equal() compares a string value by, into buf
 * (cap >= XC_NAME_VALUE_MAX + 1 bytes suffices; not NUL-terminated), for
 * callers that hash names consistently with it (an index of subjects):
 * true with *len set; false when xc_name_equal() compares the value as
 * its raw TLV instead (not a string type, does not decode, too long). */
bool xc_attr_normal_form(const xc_attr *a, char *buf, size_t cap, size_t *len);

/* True if `subject`'s issuer name equals `issuer`'s subject name
 * (xc_name_equal) and, when the subject has an authorityKeyIdentifier
 * keyIdentifier and the issuer a subjectKeyIdentifier, the two are equal.
 * A malformed AKI or SKI extension counts as no match. */
bool xc_cert_names_issuer(const xc_cert *issuer, const xc_cert *subject);

/* xc_cert_names_issuer(), then xc_cert_verify() with the issuer's key:
 * XC_VERIFY_KEY_MISMATCH if the names do not match, else the verify
 * result. */
xc_verify_result xc_cert_issued_by(const xc_cert *subject, const xc_cert *issuer);

#endif
