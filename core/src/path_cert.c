/*
 * path_cert.c - the checks of RFC 5280 6.1.3 and 6.1.4 that look at one
 * certificate (and its issuer) at a time, with the profile rules of RFC
 * 5280 4.2 that x509-limbo tests and, under XC_PROFILE_WEBPKI, the
 * CA/Browser Forum Baseline Requirements' (see path_build.h, xc/path.h).
 *
 * The signature and the name chaining were checked when the path was
 * built (xc/issuer.h: every link is a key that verifies, names equal);
 * what is left is per certificate, in this order, the first failure wins:
 *   1. the extensions block: duplicates, unknown critical ones, values
 *      that do not decode (xc__cert_exts_read);
 *   2. the form RFC 5280 4.1 and 4.2 require (criticality, key
 *      identifiers, names, the outer and inner signature algorithm);
 *   3. validity at pol->at (6.1.3 (a)(2)), the anchor's included: x509-
 *      limbo's expired-root expects it, as OpenSSL and Go do;
 *   4. for CAs (every certificate but the end entity): basicConstraints
 *      cA, pathLenConstraint, keyUsage keyCertSign (6.1.4 (k)-(n));
 *   5. the end entity: keyUsage the caller requires, EKU (6.1.5 leaves
 *      EKU to the application: the purpose is the policy's);
 *   6. the web-PKI profile's keys, signature algorithms and extensions.
 */
#include "path_build.h"

#include <xc/ext_aia.h>
#include <xc/ext_dp.h>
#include <xc/ext_nc.h>
#include <xc/ext_policy.h>
#include <xc/gn.h>
#include <xc/int.h>
#include <xc/name.h>
#include <xc/spki.h>

/* The extensions this verifier processes, hence may be critical (RFC
 * 5280 6.1.4 (o)): anything else marked critical rejects the path.
 * AKI, SKI and AIA are recognised but RFC 5280 forbids them critical,
 * which step 2 checks. */
static const xc_oid_id processed[] = {
	XC_OID_BASIC_CONSTRAINTS, XC_OID_KEY_USAGE, XC_OID_EXTENDED_KEY_USAGE,
	XC_OID_SUBJECT_ALTERNATIVE_NAME, XC_OID_NAME_CONSTRAINTS,
	XC_OID_CERTIFICATE_POLICIES, XC_OID_POLICY_MAPPINGS, XC_OID_POLICY_CONSTRAINTS,
	XC_OID_INHIBIT_ANY_POLICY, XC_OID_CRL_DISTRIBUTION_POINTS,
	XC_OID_AUTHORITY_KEY_IDENTIFIER, XC_OID_SUBJECT_KEY_IDENTIFIER,
	XC_OID_AUTHORITY_INFORMATION_ACCESS,
};

static bool is_processed(xc_oid_id id)
{
	for (size_t i = 0; i < sizeof processed / sizeof processed[0]; i++)
		if (processed[i] == id)
			return true;
	return false;
}

/* Decodes one known extension into x; false if its value is malformed. */
static bool decode_one(const xc_ext *e, xc_oid_id id, xc__cert_exts *x)
{
	xc_ski ski;
	xc_alt_names san;
	xc_nc nc;
	xc_policies pol;
	xc_policy_constraints pc;
	xc_inhibit_any_policy iap;
	xc_aia aia;
	xc_dps dps;

	/* int: the OID table has far more ids than this handles. */
	switch ((int)id) {
	case XC_OID_BASIC_CONSTRAINTS:
		x->has_bc = true;
		x->bc_critical = e->critical;
		return xc_bc_decode(&x->bc, e->value, NULL, NULL) == XC_OK;
	case XC_OID_KEY_USAGE:
		x->has_ku = true;
		return xc_ku_decode(&x->ku, e->value, NULL, NULL) == XC_OK;
	case XC_OID_EXTENDED_KEY_USAGE:
		x->has_eku = true;
		x->eku_critical = e->critical;
		/* RFC 5280 4.2.1.12: KeyPurposeId SIZE (1..MAX). */
		return xc_eku_decode(&x->eku, e->value, NULL, NULL) == XC_OK && x->eku.count > 0;
	case XC_OID_SUBJECT_KEY_IDENTIFIER:
		x->has_ski = true;
		if (xc_ski_decode(&ski, e->value, NULL, NULL) != XC_OK)
			return false;
		x->ski = ski.digest;
		return true;
	case XC_OID_AUTHORITY_KEY_IDENTIFIER:
		x->has_aki = true;
		return xc_aki_decode(&x->aki, e->value, NULL, NULL) == XC_OK;
	case XC_OID_SUBJECT_ALTERNATIVE_NAME:
		x->has_san = true;
		x->san_critical = e->critical;
		/* RFC 5280 4.2.1.6: GeneralNames SIZE (1..MAX). */
		return xc_alt_names_decode(&san, e->value, NULL, NULL) == XC_OK && san.count > 0;
	case XC_OID_NAME_CONSTRAINTS:
		return xc_nc_decode(&nc, e->value, NULL, NULL) == XC_OK;
	case XC_OID_CERTIFICATE_POLICIES:
		return xc_policies_decode(&pol, e->value, NULL, NULL) == XC_OK;
	case XC_OID_POLICY_CONSTRAINTS:
		return xc_policy_constraints_decode(&pc, e->value, NULL, NULL) == XC_OK;
	case XC_OID_INHIBIT_ANY_POLICY:
		return xc_inhibit_any_policy_decode(&iap, e->value, NULL, NULL) == XC_OK;
	case XC_OID_AUTHORITY_INFORMATION_ACCESS:
		/* RFC 5280 4.2.2.1: SIZE (1..MAX). */
		return xc_aia_decode(&aia, e->value, NULL, NULL) == XC_OK && aia.count > 0;
	case XC_OID_CRL_DISTRIBUTION_POINTS:
		x->has_crldp = true;
		x->crldp = e->value;
		return xc_dps_decode(&dps, e->value, NULL, NULL) == XC_OK;
	default:
		return true;
	}
}

/* See path_build.h. */
xc_path_err xc__cert_exts_read(const xc_cert *c, xc__cert_exts *x)
{
	xc_ext_iter it;
	xc_ext e, dup;

	*x = (xc__cert_exts){ 0 };
	if (!c->extensions.p)
		return XC_PATH_OK;
	if (xc_ext_find_duplicate(c->extensions, &dup) == XC_OK)
		return XC_PATH_DUPLICATE_EXT;
	xc_ext_iter_init(&it, c->extensions);
	while (xc_ext_next(&it, &e) == XC_OK) {
		xc_oid_id id = xc_oid_lookup(e.oid);

		if (e.critical && !is_processed(id))
			return XC_PATH_UNKNOWN_CRITICAL;
		if (!decode_one(&e, id, x))
			return XC_PATH_MALFORMED_EXT;
	}
	return XC_PATH_OK;
}

/* A critical extension `id` in c's block? (absent: false). */
static bool critical(const xc_cert *c, xc_oid_id id, bool *present)
{
	xc_ext e;

	*present = c->extensions.p && xc_ext_find_id(c->extensions, id, &e) == XC_OK;
	return *present && e.critical;
}

/*
 * Step 2, the form of the certificate (RFC 5280 4.1, 4.2):
 *  - 4.1.1.2: signatureAlgorithm MUST equal tbsCertificate.signature (for
 *    the anchor too, whose signature is not otherwise checked);
 *  - 4.1.2.4: the issuer field MUST contain a non-empty name;
 *    4.1.2.6: a CA's subject MUST be non-empty; an empty subject needs a
 *    critical subjectAltName (4.2.1.6);
 *  - 4.2.1.1: AKI MUST be non-critical and its keyIdentifier MUST be
 *    present except in a self-signed certificate; 4.2.1.2: SKI MUST be
 *    non-critical, and MUST appear in every CA certificate;
 *  - 4.2.2.1: AIA MUST be non-critical; 4.2.1.10: nameConstraints MUST
 *    be critical (the web PKI accepts it non-critical) and appear only in
 *    CA certificates.
 * Not here: 4.2.1.11's "policyConstraints MUST be critical" (x509-
 * limbo's rfc5280::pc::ica-noncritical-pc) is the policy rules' business
 * (path_policy.c). PKITS 4.8.6 and others (PoliciesP1234CACert) carry it
 * non-critical and expect to validate: RFC 3280, which PKITS follows,
 * allowed either (tests/core/test_pkits.c counts the conflict).
 */
static xc_path_err check_form(const xc__path_view *p, size_t i, const xc__cert_exts *x)
{
	const xc_cert *c = p->cert[i];
	bool ca = i + 1 < p->n, present, crit;

	if (!xc_slice_eq(c->tbs_sig_alg.raw, c->sig_alg.raw))
		return XC_PATH_SIGNATURE;
	if (c->issuer.len == 0 || (ca && c->subject.len == 0))
		return XC_PATH_EMPTY_NAME;
	if (c->subject.len == 0 && (!x->has_san || !x->san_critical))
		return XC_PATH_EMPTY_NAME;
	if (critical(c, XC_OID_AUTHORITY_KEY_IDENTIFIER, &present) ||
	    critical(c, XC_OID_SUBJECT_KEY_IDENTIFIER, &present) ||
	    critical(c, XC_OID_AUTHORITY_INFORMATION_ACCESS, &present))
		return XC_PATH_CRITICALITY;
	crit = critical(c, XC_OID_NAME_CONSTRAINTS, &present);
	if (present && !ca)
		return XC_PATH_NC_MALFORMED;
	if (present && !crit && p->pol->profile != XC_PROFILE_WEBPKI)
		return XC_PATH_CRITICALITY;
	/* Not on the anchor: a trusted root cross-signed by another root
	 * may lack it (x509-limbo's cve-2024-0567 must validate; its
	 * cross-signed-root-missing-aki is marked pedantic). */
	if (i > 0 && !xc__self_issued(c) && (!x->has_aki || !x->aki.key_id.p))
		return XC_PATH_KEY_ID;
	if (ca && !x->has_ski)
		return XC_PATH_KEY_ID;
	return XC_PATH_OK;
}

/* Step 3: 6.1.3 (a)(2), notBefore <= at <= notAfter, both inclusive. */
static xc_path_err check_validity(const xc_cert *c, int64_t at)
{
	if (at < c->not_before.epoch)
		return XC_PATH_NOT_YET_VALID;
	if (at > c->not_after.epoch)
		return XC_PATH_EXPIRED;
	return XC_PATH_OK;
}

/*
 * Step 4, certificate i issues certificate i+1 (6.1.4):
 *  (k) basicConstraints present with cA TRUE (for the anchor too: x509-
 *      limbo's root-missing-basic-constraints); 4.2.1.9 wants it critical
 *      in a CA, which is checked on the anchor only (limbo's
 *      root-non-critical-basic-constraints) because PKITS 4.6.4 expects
 *      an intermediate with a non-critical one to validate;
 *  (l) unless self-issued, *max_len must be > 0, and decreases by one;
 *  (m) a smaller pathLenConstraint lowers it;
 *  (n) keyUsage, when present, asserts keyCertSign.
 * The anchor (i == 0) sets *max_len from its own pathLenConstraint.
 */
static xc_path_err check_ca(const xc__path_view *p, size_t i, const xc__cert_exts *x,
			    uint64_t *max_len)
{
	const xc_cert *c = p->cert[i];

	if (!x->has_bc || !x->bc.ca)
		return XC_PATH_NOT_CA;
	if (i == 0 && !x->bc_critical)
		return XC_PATH_CRITICALITY;
	if (x->has_ku && !(x->ku.bits & XC_KU_KEY_CERT_SIGN))
		return XC_PATH_KEY_CERT_SIGN;
	if (i > 0 && !xc__self_issued(c)) {
		if (*max_len == 0)
			return XC_PATH_PATH_LEN;
		(*max_len)--;
	}
	if (x->bc.has_path_length && x->bc.path_length < *max_len)
		*max_len = x->bc.path_length;
	return XC_PATH_OK;
}

/* Does the EKU list hold `want` (or, when `any_ok`, anyExtendedKeyUsage)? */
static bool eku_has(const xc_eku *eku, xc_oid_id want, bool any_ok)
{
	xc_oids_iter it;
	xc_slice oid;

	xc_oids_iter_init(&it, eku->oids);
	while (xc_oids_next(&it, &oid) == XC_OK)
		if (xc_oid_is(oid, want) || (any_ok && xc_oid_is(oid, XC_OID_ANY_EXTENDED_KEY_USAGE)))
			return true;
	return false;
}

static xc_oid_id purpose_oid(xc_path_purpose pu)
{
	switch (pu) {
	case XC_PURPOSE_SERVER:
		return XC_OID_SERVER_AUTH;
	case XC_PURPOSE_CLIENT:
		return XC_OID_CLIENT_AUTH;
	case XC_PURPOSE_ANY:
		break;
	}
	return XC_OID_UNKNOWN;
}

/*
 * Step 5, the end entity: every keyUsage bit the caller requires must be
 * asserted when keyUsage is present (4.2.1.3); 4.2.1.9: keyCertSign only
 * with cA TRUE. EKU (4.2.1.12): when present it must name the purpose or
 * anyExtendedKeyUsage; the web PKI (BR 7.1.2.7.6) requires the extension,
 * non-critical, without anyExtendedKeyUsage.
 */
static xc_path_err check_leaf(const xc__path_view *p, const xc__cert_exts *x)
{
	const xc_path_policy *pol = p->pol;
	bool web = pol->profile == XC_PROFILE_WEBPKI;
	xc_oid_id want = purpose_oid(pol->purpose);

	if (x->has_ku && (x->ku.bits & pol->key_usage) != pol->key_usage)
		return XC_PATH_KEY_USAGE;
	if (x->has_ku && (x->ku.bits & XC_KU_KEY_CERT_SIGN) && !(x->has_bc && x->bc.ca))
		return XC_PATH_KEY_USAGE;
	if (web && ((x->has_bc && x->bc.ca) || (x->has_ku && (x->ku.bits & XC_KU_KEY_CERT_SIGN))))
		return XC_PATH_WEBPKI;
	if (web && want != XC_OID_UNKNOWN &&
	    (!x->has_eku || x->eku_critical || eku_has(&x->eku, XC_OID_ANY_EXTENDED_KEY_USAGE, false)))
		return XC_PATH_EKU;
	if (x->has_eku && want != XC_OID_UNKNOWN && !eku_has(&x->eku, want, !web))
		return XC_PATH_EKU;
	return XC_PATH_OK;
}

/* The web PKI's keys (BR 6.1.5, 7.1.3.1): RSA of at least 2048 bits, a
 * multiple of 8; ECDSA on P-256, P-384 or P-521 by named curve. */
static bool web_key_ok(const xc_cert *c)
{
	xc_spki k;

	if (xc_spki_parse(&k, c->spki, NULL, NULL) != XC_OK)
		return false;
	switch (k.type) {
	case XC_KEY_RSA:
		return k.bits >= 2048 && k.bits % 8 == 0;
	case XC_KEY_EC:
		return k.curve == XC_OID_SECP256R1 || k.curve == XC_OID_SECP384R1 ||
		       k.curve == XC_OID_SECP521R1;
	case XC_KEY_UNKNOWN:
	case XC_KEY_RSA_PSS:
	case XC_KEY_ED25519:
	case XC_KEY_ED448:
	case XC_KEY_DSA:
	case XC_KEY_X25519:
	case XC_KEY_X448:
	case XC_KEY_DH:
		break;
	}
	return false;
}

/* The web PKI's signature algorithms (BR 7.1.3.2): no MD5 or SHA-1. */
static bool web_sig_ok(const xc_cert *c)
{
	xc_sigalg s;

	if (xc_sigalg_decode(&c->sig_alg, &s) != XC_OK)
		return false;
	return s.hash == XC_HASH_SHA256 || s.hash == XC_HASH_SHA384 || s.hash == XC_HASH_SHA512;
}

/*
 * Step 6, the web PKI (x509-limbo's webpki cases): version 3 (BR 7.1.1);
 * keys and, below the anchor, signature algorithms as above; a root's
 * AKI, when present, is a keyIdentifier alone equal to its SKI (BR
 * 7.1.2.1.3); no EKU in a root (7.1.2.1.2); a subjectAltName critical
 * only with an empty subject (7.1.2.7.12).
 */
static xc_path_err check_web(const xc__path_view *p, size_t i, const xc__cert_exts *x)
{
	const xc_cert *c = p->cert[i];

	if (c->version != 2)
		return XC_PATH_WEBPKI;
	if (!web_key_ok(c))
		return XC_PATH_WEBPKI_KEY;
	if (i > 0 && !web_sig_ok(c))
		return XC_PATH_WEBPKI_SIG_ALG;
	if (i == 0 && x->has_aki &&
	    (!x->aki.key_id.p || x->aki.issuer.p || x->aki.serial.p ||
	     (x->has_ski && !xc_slice_eq(x->aki.key_id, x->ski))))
		return XC_PATH_KEY_ID;
	if (i == 0 && x->has_eku)
		return XC_PATH_EKU;
	if (x->has_san && x->san_critical && c->subject.len != 0)
		return XC_PATH_WEBPKI;
	return XC_PATH_OK;
}

/* The serial number (RFC 5280 4.1.2.2): positive, at most 20 octets. */
static bool serial_ok(xc_slice s)
{
	size_t i;

	if (xc_int_negative(s) || s.len > 21 || (s.len == 21 && s.p[0] != 0))
		return false;
	for (i = 0; i < s.len && s.p[i] == 0; i++)
		;
	return i < s.len;
}

/* See path_build.h. */
xc_path_err xc__path_check_certs(const xc__path_view *p, size_t *failed)
{
	uint64_t max_len = p->n;        /* 6.1.2 (k): n */
	xc__cert_exts x;
	xc_path_err e;

	for (size_t i = 0; i < p->n; i++) {
		const xc_cert *c = p->cert[i];
		bool leaf = i + 1 == p->n;

		*failed = i;
		e = xc__cert_exts_read(c, &x);
		if (e == XC_PATH_OK)
			e = check_form(p, i, &x);
		/* The serial rule under the web PKI only (PKITS 4.4.14 expects
		 * a negative serial to validate under RFC 5280), and not on the
		 * anchor (Starfield's G2 root, serial 0: limbo's fastly.com). */
		if (e == XC_PATH_OK && p->pol->profile == XC_PROFILE_WEBPKI && i > 0 &&
		    !serial_ok(c->serial))
			e = XC_PATH_SERIAL;
		if (e == XC_PATH_OK)
			e = check_validity(c, p->pol->at);
		if (e == XC_PATH_OK && !leaf)
			e = check_ca(p, i, &x, &max_len);
		if (e == XC_PATH_OK && leaf)
			e = check_leaf(p, &x);
		if (e == XC_PATH_OK && p->pol->profile == XC_PROFILE_WEBPKI)
			e = check_web(p, i, &x);
		if (e == XC_PATH_OK && !leaf && p->pol->profile == XC_PROFILE_WEBPKI && i > 0 &&
		    x.has_eku && purpose_oid(p->pol->purpose) != XC_OID_UNKNOWN &&
		    !eku_has(&x.eku, purpose_oid(p->pol->purpose), true))
			e = XC_PATH_EKU; /* BR 7.1.2.2.4: an intermediate's EKU binds */
		if (e != XC_PATH_OK)
			return e;
	}
	return XC_PATH_OK;
}
