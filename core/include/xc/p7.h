/*
 * xc/p7.h - PKCS#7 / CMS SignedData bundles (.p7b, .p7c): the
 * certificates and CRLs they carry.
 *
 *   ContentInfo ::= SEQUENCE {
 *       contentType   OBJECT IDENTIFIER,     -- id-signedData 1.2.840.113549.1.7.2
 *       content       [0] EXPLICIT SignedData }
 *
 *   SignedData ::= SEQUENCE {                -- RFC 5652 5.1
 *       version            CMSVersion,       -- INTEGER
 *       digestAlgorithms   SET OF AlgorithmIdentifier,
 *       encapContentInfo   SEQUENCE { eContentType OBJECT IDENTIFIER,
 *                                     eContent [0] EXPLICIT OCTET STRING OPTIONAL },
 *       certificates       [0] IMPLICIT SET OF CertificateChoices OPTIONAL,
 *       crls               [1] IMPLICIT SET OF RevocationInfoChoice OPTIONAL,
 *       signerInfos        SET OF SignerInfo }
 *
 * What Windows, CAs and `openssl crl2pkcs7` hand out as a certificate
 * bundle is the "degenerate" SignedData of RFC 5652 5.2: no signer, no
 * content, only certificates (and CRLs). The parser reads any SignedData
 * that far: it checks the outer structure, and the elements of the two
 * sets as TLVs, leaving each certificate and CRL to xc_cert_parse() and
 * xc_crl_parse() (an element that is no certificate is the caller's
 * invalid object, not the bundle's error). DER only: the BER indefinite
 * lengths some old tools write are XC_ERR_LEN_INDEFINITE. The signer
 * infos are counted, never verified.
 *
 * Nothing is allocated: the result is slices into the caller's buffer,
 * valid while it is.
 */
#ifndef XC_P7_H
#define XC_P7_H

#include "der.h"
#include "err.h"
#include "slice.h"

typedef struct xc_p7 {
	xc_slice der;           /* the whole ContentInfo TLV */
	int64_t version;        /* SignedData's version (1 from crl2pkcs7) */
	xc_slice content_type;  /* encapContentInfo's eContentType, OID contents */
	bool has_content;       /* eContent present (not degenerate) */
	xc_slice certs;         /* certificates' SET contents; .p NULL if absent */
	size_t cert_count;      /* every CertificateChoices element */
	xc_slice crls;          /* crls' SET contents; .p NULL if absent */
	size_t crl_count;
	size_t signer_count;    /* signerInfos elements: 0 for a bundle */
} xc_p7;

/* Parses a ContentInfo holding a SignedData from der[0..len), which must
 * be exactly one TLV. Errors: the DER ones, XC_ERR_P7_TYPE when the
 * contentType is not id-signedData (an enveloped or data PKCS#7), and
 * XC_ERR_TRAILING for bytes after it; *off (may be NULL) gets the offset
 * where parsing stopped. */
xc_err xc_p7_parse(xc_p7 *p7, const uint8_t *der, size_t len, size_t *off);

/* True if der[0..len) starts as a ContentInfo of type id-signedData
 * does: a SEQUENCE whose first element is that OID (for a file's type,
 * before parsing it). */
bool xc_p7_detect(const uint8_t *der, size_t len);

/* One element of the certificates or crls set. */
typedef struct xc_p7_item {
	xc_slice raw;           /* its whole TLV */
	uint32_t tag;           /* XC_TAG_SEQUENCE: a Certificate or
				 * CertificateList; [0]..[3]: the other
				 * choices (attribute certificates, other
				 * revocation formats), which the caller skips */
	size_t index;           /* in the set, from 0 */
} xc_p7_item;

typedef struct xc_p7_iter {
	xc_der d;
	size_t index;
} xc_p7_iter;

/* Iterates the certificates (crls false) or the CRLs (true) of a parsed
 * SignedData in their order in the set: xc_p7_next gives XC_OK with an
 * item, then XC_END. */
void xc_p7_iter_init(xc_p7_iter *it, const xc_p7 *p7, bool crls);
xc_err xc_p7_next(xc_p7_iter *it, xc_p7_item *out);

#endif
