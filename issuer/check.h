/*
 * issuer/check.h - every output checked by the core before it is written.
 *
 * issue 14: "the issuer never writes what the verifier would refuse". So
 * what the writer and the signer made is parsed back with the core's own
 * parser (xc_cert_parse, xc_csr_parse, xc_crl_parse), its extensions
 * checked the way pyca checks them when it reads them (no OID twice, a
 * CSR's extension request decodes), and its signature verified with the
 * core (xc_cert_verify / xc_crl_verify with the issuer's key, a CSR's
 * self-signature with xc_csr_verify), before a byte reaches the output
 * file. A failure here is a bug in certissue, said as such.
 */
#ifndef CI_CHECK_H
#define CI_CHECK_H

#include <xc/xc.h>

#include "msg.h"

typedef enum ci_obj_kind {
	CI_OBJ_CERT,
	CI_OBJ_CSR,
	CI_OBJ_CRL,
} ci_obj_kind;

/* The object as the core parsed it (slices into the checked DER). */
typedef struct ci_checked {
	ci_obj_kind kind;
	union {
		xc_cert cert;
		xc_csr csr;
		xc_crl crl;
	} u;
} ci_checked;

/* "certificate", "CSR", "CRL". */
const char *ci_obj_name(ci_obj_kind kind);

/* Parses `der` as `kind` and verifies its signature with `issuer_spki`
 * (the SubjectPublicKeyInfo TLV of the key that signed it; unused for a
 * CSR). -1 with m saying what failed, as an internal error. */
int ci_check(ci_checked *out, ci_obj_kind kind, xc_slice der, xc_slice issuer_spki,
	     ci_msg *m);

#endif
