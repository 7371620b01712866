/*
 * issuer/ext.h - extensions from command-line options.
 *
 * Every extension type of the pyca reference can be asked for with an
 * option (the table ci_ext_opts below; docs/certissue.md lists their
 * syntax), and any other with `--ext OID,critical|noncritical,HEXDER`.
 * A ci_exts collects them for one certificate, CSR or CRL: each option's
 * value is encoded when it is given (so a malformed value fails at once,
 * naming the option), kept in a caller-owned pool, and the whole set is
 * written once the subject and issuer keys are known (SKI and AKI are
 * computed from them).
 *
 * Precedence, lowest first: a profile's defaults (ci_exts_profile), the
 * extensions copied from a CSR (ci_exts_copy, --copy-extensions), the
 * explicit options, whatever order the calls come in. A higher source
 * replaces a lower one's extension of the same OID; the same explicit
 * option twice adds to it where that makes sense (--san, --ian, --eku,
 * --key-usage, --aia, --sia, --policy, --policy-mappings,
 * --name-constraints, --crl-distribution-point, --freshest-crl,
 * --tls-feature, --ext of distinct OIDs) and is an error otherwise.
 *
 * Syntax (names of flags, reasons and OIDs match ignoring case, '-', '_'
 * and spaces, so pyca's key_cert_sign, OpenSSL's keyCertSign and
 * key-cert-sign are one):
 *   --san/--ian TYPE:VALUE      a GeneralName (gn.h)
 *   --basic-constraints ca=true|false[,pathlen=N]   (also CA:TRUE,pathlen:N)
 *   --key-usage F[,F...]        pyca's flags (digital_signature,
 *                               content_commitment, key_encipherment,
 *                               data_encipherment, key_agreement,
 *                               key_cert_sign, crl_sign, encipher_only,
 *                               decipher_only) or OpenSSL's
 *                               (digitalSignature, nonRepudiation, ...);
 *                               encipher/decipher_only need key_agreement
 *   --eku N[,N...]              ExtendedKeyUsageOID names (server-auth,
 *                               serverAuth, client-auth, code-signing,
 *                               email-protection, time-stamping,
 *                               ocsp-signing, any-extended-key-usage,
 *                               smartcard-logon, kerberos-pkinit-kdc,
 *                               ipsec-ike, certificate-transparency) or OIDs
 *   --ski --no-ski --aki --no-aki
 *   --name-constraints permitted|excluded:TYPE:VALUE   (ip: takes
 *                               ADDR/PREFIX; a plain address is /32, /128)
 *   --crl-distribution-point LOC, --freshest-crl LOC   one
 *                               DistributionPoint each, fullName LOC: a
 *                               URI, or TYPE:VALUE for another GeneralName
 *   --aia ocsp:LOC|ca-issuers:LOC|OID:LOC, --sia ca-repository:LOC|OID:LOC
 *   --policy OID[,cps=URI]...[,org=TEXT,numbers=N:N...][,notice=TEXT]
 *                               one PolicyInformation each (any-policy is
 *                               2.5.29.32.0); notice= takes the rest of the
 *                               value, commas included; texts as UTF8String
 *   --policy-constraints require-explicit=N[,inhibit-mapping=N]
 *   --policy-mappings ISSUER_OID:SUBJECT_OID[,...]
 *   --inhibit-any-policy N      --ocsp-no-check    --precert-poison
 *   --tls-feature status_request[,status_request_v2]
 *   --ext OID,critical|noncritical,HEXDER   the value's DER, one TLV
 *   --critical NAME[=false]     NAME: an option's name (key-usage, san,
 *                               ski, aki, ...), pyca's ExtensionOID name
 *                               (key_usage) or a dotted OID; =false makes
 *                               it non-critical
 *   CRLs: --crl-number N, --delta-crl-indicator N (decimal or 0x-hex, at
 *   most 20 octets), --issuing-distribution-point
 *       full=LOC[,full=LOC...][,only-user|only-ca|only-attribute|indirect]
 *       [,reasons=R:R...]
 *     at most one of the four flags and at least something set (pyca's
 *     rules); R are pyca's ReasonFlags (key_compromise, ca_compromise,
 *     affiliation_changed, superseded, cessation_of_operation,
 *     certificate_hold, privilege_withdrawn, aa_compromise) or OpenSSL's
 *     names (keyCompromise, CACompromise, ...). A full= LOC has no comma.
 *
 * Default criticality follows RFC 5280 and the CA/B Forum: basic
 * constraints critical (a CA's MUST be, 4.2.1.9; an end entity's too, as
 * the CA/B Forum's profiles and Let's Encrypt write it), key usage,
 * name constraints, policy constraints, policy mappings, inhibitAnyPolicy,
 * delta CRL indicator, issuing distribution point and precert poison
 * critical; others non-critical; SAN critical when the subject is empty
 * (RFC 5280 4.2.1.6), decided at ci_exts_write unless --critical says.
 *
 * Profiles (--profile), below anything explicit:
 *   server        BC ca=false; KU digital_signature; EKU server-auth
 *   client        BC ca=false; KU digital_signature; EKU client-auth
 *   code-signing  BC ca=false; KU digital_signature; EKU code-signing
 *   email         BC ca=false; KU digital_signature, key_encipherment;
 *                 EKU email-protection
 *   ca            BC ca=true; KU digital_signature, key_cert_sign, crl_sign
 *   intermediate  BC ca=true,pathlen=0; KU as ca
 * server gets no key_encipherment: it is RSA key transport, gone from TLS
 * 1.3, and the CA/B Forum forbids it for ECDSA keys, which the profile
 * cannot tell apart (ask --key-usage digital_signature,key_encipherment
 * for an RSA key exchanged the old way). email keeps it: S/MIME encrypts
 * to RSA keys by key transport (for an EC key, ask key_agreement). CAs
 * get digital_signature beside keyCertSign and cRLSign so they can sign
 * OCSP responses themselves (the CA/B Forum allows it).
 *
 * Written order: the order the extensions were first asked for (profile
 * defaults first, then copied, then explicit; an explicit option that
 * replaces a profile's extension stays in the profile's place), SKI and
 * AKI where pyca's tutorial puts them: after the others.
 */
#ifndef CI_EXT_H
#define CI_EXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xc/slice.h>

#include "der.h"
#include "msg.h"

#define CI_EXT_MAX 48           /* extensions in one object */
#define CI_EXT_POOL (32 * 1024) /* bytes of encoded values in one object */

/* Where the extensions go: some options make sense in one place only
 * (--crl-number is a CRL's, --precert-poison a certificate's). */
typedef enum ci_ext_where {
	CI_EXT_IN_CERT = 1,
	CI_EXT_IN_CSR = 2,
	CI_EXT_IN_CRL = 4,
	CI_EXT_IN_CRL_ENTRY = 8,
} ci_ext_where;

/* One extension-family option. */
typedef struct ci_ext_opt {
	const char *name;       /* without the dashes: "san", "key-usage" */
	bool has_arg;
	unsigned where;         /* CI_EXT_IN_* flags it is allowed in */
	const char *usage;      /* "TYPE:VALUE", for --help */
} ci_ext_opt;

/* Every extension option, terminated by { NULL }. Commands build their
 * getopt_long tables from it and pass what they do not know themselves to
 * ci_exts_option(). */
extern const ci_ext_opt ci_ext_opts[];

typedef struct ci_ext {
	uint8_t oid[32];        /* OID contents (encoded arcs) */
	size_t oid_len;
	bool critical;
	bool critical_forced;   /* set by --critical (or a noncritical override) */
	unsigned source;        /* 0 profile, 1 copied, 2 explicit: who set the value */
	unsigned first_source;  /* the lowest source that asked for it, and */
	unsigned seq;           /* when: the written order (see above) */
	size_t off, len;        /* extnValue contents in the pool */
} ci_ext;

typedef struct ci_exts {
	unsigned where;         /* CI_EXT_IN_* of the object being built */
	ci_ext list[CI_EXT_MAX];
	size_t count;
	uint8_t pool[CI_EXT_POOL];
	size_t used;
	unsigned seq;           /* calls so far, for ci_ext.seq */
	int ski;                /* -1 default, 0 --no-ski, 1 --ski */
	int aki;                /* -1 default, 0 --no-aki, 1 --aki */
	/* The options themselves, kept as text for the options that add up
	 * (several --san) until written; the implementation's to use. */
	const char *pending[CI_EXT_MAX * 4];
	size_t pending_count;
	const char *critical_names[16];
	size_t critical_count;
} ci_exts;

void ci_exts_init(ci_exts *e, ci_ext_where where);

/* One option ("san", "dns:example.com"). 1 if it is an extension option
 * and was taken, 0 if `name` is not one (the command handles it), -1 on a
 * malformed value or an option not allowed here (m names the option and
 * what is wrong). */
int ci_exts_option(ci_exts *e, const char *name, const char *value, ci_msg *m);

/* A profile's defaults (server, client, ca, intermediate, code-signing,
 * email), below anything explicit. -1 on an unknown profile. Sets
 * basicConstraints, keyUsage and extendedKeyUsage as docs/certissue.md
 * lists them. */
int ci_exts_profile(ci_exts *e, const char *profile, ci_msg *m);

/* The extensions of a CSR's extensionRequest (the contents of its
 * Extensions SEQUENCE, as xc_csr gives them), copied as they are unless
 * an explicit option asks for the same OID. */
int ci_exts_copy(ci_exts *e, xc_slice extensions, ci_msg *m);

/* True if an extension with this OID (contents) is set; *value and
 * *critical (either may be NULL) get it. */
bool ci_exts_get(const ci_exts *e, const uint8_t *oid, size_t oid_len,
		 xc_slice *value, bool *critical);

/* Writes the Extensions: `subject_spki` is the subject's
 * SubjectPublicKeyInfo TLV (for the SKI: SHA-1 of the subjectPublicKey
 * BIT STRING's bytes, RFC 5280 4.2.1.2 (1), as pyca's
 * SubjectKeyIdentifier.from_public_key); `issuer_spki` the issuer's (for
 * the AKI when the issuer certificate has no SKI, as
 * AuthorityKeyIdentifier.from_issuer_public_key) and `issuer_ski` the
 * issuer certificate's SKI value if it has one (.p NULL if not; then the
 * AKI is from_issuer_subject_key_identifier). SKI is written by default
 * in certificates, AKI by default when a CA issues (`ca_issued`; a
 * self-signed certificate gets AKI only with --aki). A CSR gets neither
 * unless asked. Writes the SEQUENCE OF Extension TLV (nothing at all if
 * there are none; the caller wraps it in [3] or the extensionRequest
 * attribute). `subject_empty` makes the SAN critical if not forced. */
int ci_exts_write(ci_exts *e, ci_der *w, xc_slice subject_spki,
		  xc_slice issuer_spki, xc_slice issuer_ski, bool ca_issued,
		  bool subject_empty, ci_msg *m);

/* How many extensions ci_exts_write would write (0: omit the field). */
size_t ci_exts_count(const ci_exts *e);

/* CRL entry extensions: `--revoke SERIAL[,reason=R][,date=T]
 * [,invalidity=T][,issuer=DN]` parsed into its parts; the entry's
 * extensions (reasonCode, invalidityDate, certificateIssuer) written into
 * `w` as a SEQUENCE OF Extension TLV, nothing if none. `now` is for
 * relative times (when.h syntax). The serial is as ci_serial_parse takes
 * it, kept as a magnitude. R is a CRLReason by pyca's ReasonFlags name
 * (unspecified, key_compromise, ca_compromise, affiliation_changed,
 * superseded, cessation_of_operation, certificate_hold, remove_from_crl,
 * privilege_withdrawn, aa_compromise) or OpenSSL's (keyCompromise, ...).
 * A DN has commas, so issuer= comes last and takes the rest of the text;
 * it is written as a critical certificateIssuer (RFC 5280 5.3.3) holding
 * one directoryName. invalidityDate is a GeneralizedTime (5.3.2). */
typedef struct ci_revoke {
	uint8_t serial[20];
	size_t serial_len;
	int64_t date;           /* revocationDate; default: now */
	int reason;             /* CRLReason value, -1 none */
	int64_t invalidity;     /* -1 none (INT64_MIN sentinel is the impl's choice) */
	bool has_invalidity;
	const char *issuer_dn;  /* certificateIssuer as a dirname, NULL none */
} ci_revoke;
int ci_revoke_parse(ci_revoke *r, const char *text, int64_t now, ci_msg *m);
int ci_revoke_write_exts(const ci_revoke *r, ci_der *w, ci_msg *m);

/* Serial numbers from text: decimal, or hex with 0x, or colon-separated
 * hex pairs (as certfs's `serial` file prints them); positive, at most 20
 * bytes (RFC 5280 4.1.2.2). */
int ci_serial_parse(const char *text, uint8_t out[20], size_t *len, ci_msg *m);

#endif
