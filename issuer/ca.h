/*
 * issuer/ca.h - the CA a certificate or CRL is issued by: --ca-cert and
 * --ca-key, read and checked before anything is signed.
 *
 * Checks (each a refusal naming the problem):
 *  - the certificate has basicConstraints with cA TRUE (RFC 5280 4.2.1.9:
 *    keyCertSign may only be asserted by a CA); for a CRL, a certificate
 *    whose keyUsage asserts cRLSign is accepted without it (RFC 5280
 *    4.2.1.3 lets a CA delegate CRL signing to such a certificate);
 *  - keyUsage, when present, asserts keyCertSign (to issue certificates)
 *    or cRLSign (to issue CRLs), as RFC 5280 4.2.1.3 requires of the
 *    issuer's key. A CA certificate without a keyUsage extension is
 *    accepted: RFC 5280 6.1.4 (n) checks the bit only when the extension
 *    is present, and OpenSSL's and pyca's verifiers do the same;
 *  - the private key is the certificate's key (ci_key_matches).
 */
#ifndef CI_CA_H
#define CI_CA_H

#include <stdbool.h>

#include <xc/xc.h>

#include "input.h"
#include "key.h"
#include "msg.h"

typedef struct ci_ca {
	ci_input file;
	xc_cert cert;
	ci_key key;
	bool key_live;
	xc_slice ski;           /* its subjectKeyIdentifier's value; .p NULL if none */
} ci_ca;

/* `ku_bit` is XC_KU_KEY_CERT_SIGN or XC_KU_CRL_SIGN. */
int ci_ca_load(ci_ca *ca, const char *cert_path, const char *key_path,
	       const ci_pass_src *pass, unsigned ku_bit, ci_msg *m);
void ci_ca_free(ci_ca *ca);

#endif
