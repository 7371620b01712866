/*
 * issuer/ext_enc.c - the values of the certificate extensions, from
 * their options' text (ext_inner.h; the syntax is in ext.h).
 */
#include <string.h>

#include <xc/ext_basic.h>
#include <xc/oid.h>

#include "ext_inner.h"
#include "gn.h"

/* SubjectAltName, IssuerAltName: GeneralNames ::= SEQUENCE OF GeneralName. */
int ci_enc_gns(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	ci_der_begin(w, CI_TAG_SEQUENCE);
	for (size_t i = 0; i < n; i++)
		if (ci_gn_write(w, v[i], false, m))
			return -1;
	ci_der_end(w);
	return 0;
}

/* ca=true|false[,pathlen=N] (also OpenSSL's CA:TRUE,pathlen:N). */
int ci_enc_bc(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	const char *p = v[0], *k, *val;
	size_t kl, vl;
	int ca = -1;
	int64_t pathlen = -1;

	(void)n;
	while (ci_next_item(&p, &k, &kl, &val, &vl)) {
		if (ci_name_eq(k, kl, "ca") && val && ci_name_eq(val, vl, "true"))
			ca = 1;
		else if (ci_name_eq(k, kl, "ca") && val && ci_name_eq(val, vl, "false"))
			ca = 0;
		else if (ci_name_eq(k, kl, "pathlen") && val && !ci_parse_u63(val, vl, &pathlen))
			;
		else
			return ci_fail(m, "'%.*s': expected ca=true|false or pathlen=N", (int)kl, k);
	}
	if (ca < 0)
		return ci_fail(m, "ca=true or ca=false is required");
	if (pathlen >= 0 && !ca)
		return ci_fail(m, "pathlen needs ca=true (RFC 5280 4.2.1.9)");
	ci_der_begin(w, CI_TAG_SEQUENCE);
	if (ca)
		ci_der_bool(w, true);   /* FALSE is the DEFAULT: DER omits it */
	if (pathlen >= 0)
		ci_der_int(w, pathlen);
	ci_der_end(w);
	return 0;
}

/* A comma list of pyca's or OpenSSL's flag names; every --key-usage adds. */
int ci_enc_ku(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	uint32_t bits = 0;

	for (size_t i = 0; i < n; i++) {
		const char *p = v[i], *k, *val;
		size_t kl, vl;

		while (ci_next_item(&p, &k, &kl, &val, &vl)) {
			int b = ci_ku_bit(k, kl);

			if (b < 0 || val)
				return ci_fail(m, "unknown key usage '%.*s' (digital_signature, "
					       "content_commitment, key_encipherment, data_encipherment, "
					       "key_agreement, key_cert_sign, crl_sign, encipher_only, "
					       "decipher_only)", (int)kl, k);
			bits |= 1u << b;
		}
	}
	if (!bits)
		return ci_fail(m, "no key usage given");
	if ((bits & (XC_KU_ENCIPHER_ONLY | XC_KU_DECIPHER_ONLY)) && !(bits & XC_KU_KEY_AGREEMENT))
		return ci_fail(m, "encipher_only and decipher_only need key_agreement (RFC 5280 4.2.1.3)");
	ci_der_named_bits(w, bits);
	return 0;
}

static int oid_list(ci_der *w, const char *const *v, size_t n, unsigned kind,
		    const char *what, ci_msg *m)
{
	if (!ci_items(v, n))   /* SIZE (1..MAX) */
		return ci_fail(m, "nothing given");
	ci_der_begin(w, CI_TAG_SEQUENCE);
	for (size_t i = 0; i < n; i++) {
		const char *p = v[i], *k, *val;
		size_t kl, vl;

		while (ci_next_item(&p, &k, &kl, &val, &vl)) {
			uint8_t oid[64];
			size_t ol = ci_oid_by_name(k, kl, kind, oid, sizeof(oid));

			if (!ol || val)
				return ci_fail(m, "'%.*s': not %s nor a dotted OID", (int)kl, k, what);
			ci_der_oid_raw(w, oid, ol);
		}
	}
	ci_der_end(w);
	return 0;
}

/* ExtendedKeyUsage: names of ExtendedKeyUsageOID (server-auth, serverAuth,
 * ...) or dotted OIDs. */
int ci_enc_eku(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	return oid_list(w, v, n, XC_OIDK_EKU, "an extended key usage (server-auth, client-auth, "
			"code-signing, email-protection, time-stamping, ocsp-signing, ...)", m);
}

/* NameConstraints from permitted:TYPE:VALUE and excluded:TYPE:VALUE. */
int ci_enc_nc(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	static const char *const kinds[] = { "permitted:", "excluded:" };

	for (size_t i = 0; i < n; i++)
		if (strncmp(v[i], kinds[0], 10) && strncmp(v[i], kinds[1], 9))
			return ci_fail(m, "'%s': not permitted:TYPE:VALUE or excluded:TYPE:VALUE", v[i]);
	ci_der_begin(w, CI_TAG_SEQUENCE);
	for (unsigned k = 0; k < 2; k++) {
		bool any = false;

		for (size_t i = 0; i < n; i++)
			any |= !strncmp(v[i], kinds[k], strlen(kinds[k]));
		if (!any)
			continue;       /* an empty GeneralSubtrees is not allowed */
		ci_der_begin(w, CI_TAG_CTX_CONS(k));
		for (size_t i = 0; i < n; i++) {
			if (strncmp(v[i], kinds[k], strlen(kinds[k])))
				continue;
			ci_der_begin(w, CI_TAG_SEQUENCE);
			if (ci_gn_write(w, v[i] + strlen(kinds[k]), true, m))
				return -1;
			ci_der_end(w);
		}
		ci_der_end(w);
	}
	ci_der_end(w);
	return 0;
}

/* A location: TYPE:VALUE if it starts with a GeneralName type, else a URI. */
int ci_location_write(ci_der *w, const char *v, ci_msg *m)
{
	static const char *const types[] = { "dns:", "email:", "uri:", "ip:", "dirname:", "rid:",
					     "othername:" };
	char uri[2048];

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strncmp(v, types[i], strlen(types[i])))
			return ci_gn_write(w, v, false, m);
	if (strlen(v) + 5 > sizeof(uri))
		return ci_fail(m, "URI too long");
	memcpy(uri, "uri:", 4);
	memcpy(uri + 4, v, strlen(v) + 1);
	return ci_gn_write(w, uri, false, m);
}

/* CRLDistributionPoints, FreshestCRL: one DistributionPoint per option,
 * its fullName the URI (or TYPE:VALUE name). */
int ci_enc_dps(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	ci_der_begin(w, CI_TAG_SEQUENCE);
	for (size_t i = 0; i < n; i++) {
		ci_der_begin(w, CI_TAG_SEQUENCE);
		ci_der_begin(w, CI_TAG_CTX_CONS(0));    /* distributionPoint */
		ci_der_begin(w, CI_TAG_CTX_CONS(0));    /* fullName */
		if (ci_location_write(w, v[i], m))
			return -1;
		ci_der_end(w);
		ci_der_end(w);
		ci_der_end(w);
	}
	ci_der_end(w);
	return 0;
}

/* AccessDescriptions from METHOD:LOCATION. */
static int access(ci_der *w, const char *const *v, size_t n, unsigned kind, const char *what,
		  ci_msg *m)
{
	ci_der_begin(w, CI_TAG_SEQUENCE);
	for (size_t i = 0; i < n; i++) {
		const char *colon = strchr(v[i], ':');
		uint8_t oid[64];
		size_t ol = colon ? ci_oid_by_name(v[i], (size_t)(colon - v[i]), kind, oid,
						   sizeof(oid)) : 0;

		if (!ol)
			return ci_fail(m, "'%s': not METHOD:URI (METHOD %s or a dotted OID)", v[i], what);
		ci_der_begin(w, CI_TAG_SEQUENCE);
		ci_der_oid_raw(w, oid, ol);
		if (ci_location_write(w, colon + 1, m))
			return -1;
		ci_der_end(w);
	}
	ci_der_end(w);
	return 0;
}

int ci_enc_aia(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	return access(w, v, n, XC_OIDK_AIA, "ocsp or ca-issuers", m);
}

int ci_enc_sia(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	return access(w, v, n, XC_OIDK_SIA, "ca-repository", m);
}

static int notice_numbers(ci_der *w, const char *s, size_t len, ci_msg *m)
{
	ci_der_begin(w, CI_TAG_SEQUENCE);
	while (len) {
		const char *c = memchr(s, ':', len);
		size_t k = c ? (size_t)(c - s) : len;
		int64_t num;

		if (ci_parse_u63(s, k, &num))
			return ci_fail(m, "numbers=%.*s: not N:N:...", (int)len, s);
		ci_der_int(w, num);
		s += k + (c != NULL);
		len -= k + (c != NULL);
	}
	ci_der_end(w);
	return 0;
}

/* One PolicyInformation: OID[,cps=URI]...[,org=TEXT,numbers=N:N][,notice=TEXT]
 * (notice= takes the rest of the option, commas included). */
static int policy(ci_der *w, const char *text, ci_msg *m)
{
	const char *p = text, *k, *val, *org = NULL, *nums = NULL, *notice = NULL, *comma;
	size_t kl, vl, orgl = 0, numsl = 0, ol;
	uint8_t oid[64];
	size_t cps = 0;

	comma = strchr(text, ',');
	ol = ci_oid_by_name(text, comma ? (size_t)(comma - text) : strlen(text), XC_OIDK_POLICY,
			    oid, sizeof(oid));
	if (!ol)
		return ci_fail(m, "'%s': must start with a policy OID (or any-policy)", text);
	p = comma ? comma + 1 : "";
	/* A first pass to validate and find what is there. */
	while (*p) {
		if (!strncmp(p, "notice=", 7)) {
			notice = p + 7;
			break;
		}
		ci_next_item(&p, &k, &kl, &val, &vl);
		if (val && ci_name_eq(k, kl, "cps"))
			cps++;
		else if (val && ci_name_eq(k, kl, "org"))
			org = val, orgl = vl;
		else if (val && ci_name_eq(k, kl, "numbers"))
			nums = val, numsl = vl;
		else
			return ci_fail(m, "'%.*s': expected cps=URI, org=TEXT, numbers=N:N or notice=TEXT",
				       (int)kl, k);
	}
	if (!org != !nums)
		return ci_fail(m, "org= and numbers= go together (a NoticeReference)");
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_oid_raw(w, oid, ol);
	if (cps || org || notice) {
		const char *stop;

		p = comma + 1;
		stop = notice ? notice - 7 : p + strlen(p);
		ci_der_begin(w, CI_TAG_SEQUENCE);
		while (p < stop) {
			ci_next_item(&p, &k, &kl, &val, &vl);
			if (!ci_name_eq(k, kl, "cps"))
				continue;
			for (size_t i = 0; i < vl; i++)
				if ((unsigned char)val[i] <= 0x20 || (unsigned char)val[i] >= 0x7f)
					return ci_fail(m, "cps=%.*s: only printable ASCII", (int)vl, val);
			ci_der_begin(w, CI_TAG_SEQUENCE);
			ci_der_oid(w, "1.3.6.1.5.5.7.2.1");
			ci_der_tlv(w, CI_TAG_IA5, val, vl);
			ci_der_end(w);
		}
		if (org || notice) {
			ci_der_begin(w, CI_TAG_SEQUENCE);
			ci_der_oid(w, "1.3.6.1.5.5.7.2.2");
			ci_der_begin(w, CI_TAG_SEQUENCE);
			if (org) {
				ci_der_begin(w, CI_TAG_SEQUENCE);
				/* RFC 6818 3: UTF8String for DisplayText, as pyca writes it. */
				ci_der_string(w, CI_TAG_UTF8, org, orgl);
				if (notice_numbers(w, nums, numsl, m))
					return -1;
				ci_der_end(w);
			}
			if (notice)
				ci_der_string(w, CI_TAG_UTF8, notice, strlen(notice));
			ci_der_end(w);
			ci_der_end(w);
			if (w->err == CI_DER_CHARSET)
				return ci_fail(m, "notice text is not UTF-8");
		}
		ci_der_end(w);
	}
	ci_der_end(w);
	return 0;
}

/* CertificatePolicies: one PolicyInformation per --policy, each OID once
 * (RFC 5280 4.2.1.4). */
int ci_enc_policies(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++) {
			size_t a = strcspn(v[i], ","), b = strcspn(v[j], ",");

			if (a == b && !strncmp(v[i], v[j], a))
				return ci_fail(m, "policy %.*s given twice", (int)a, v[i]);
		}
	ci_der_begin(w, CI_TAG_SEQUENCE);
	for (size_t i = 0; i < n; i++)
		if (policy(w, v[i], m))
			return -1;
	ci_der_end(w);
	return 0;
}

/* require-explicit=N and/or inhibit-mapping=N (pyca's
 * require_explicit_policy, inhibit_policy_mapping also accepted). */
int ci_enc_policy_constraints(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	const char *p = v[0], *k, *val;
	size_t kl, vl;
	int64_t req = -1, inh = -1;

	(void)n;
	while (ci_next_item(&p, &k, &kl, &val, &vl)) {
		int64_t *to = NULL;

		if (ci_name_eq(k, kl, "require-explicit") || ci_name_eq(k, kl, "require-explicit-policy"))
			to = &req;
		else if (ci_name_eq(k, kl, "inhibit-mapping") ||
			 ci_name_eq(k, kl, "inhibit-policy-mapping"))
			to = &inh;
		if (!to || !val || ci_parse_u63(val, vl, to))
			return ci_fail(m, "'%.*s': expected require-explicit=N or inhibit-mapping=N",
				       (int)kl, k);
	}
	if (req < 0 && inh < 0)
		return ci_fail(m, "require-explicit=N or inhibit-mapping=N is required");
	ci_der_begin(w, CI_TAG_SEQUENCE);
	if (req >= 0)
		ci_der_int_tag(w, CI_TAG_CTX(0), req);
	if (inh >= 0)
		ci_der_int_tag(w, CI_TAG_CTX(1), inh);
	ci_der_end(w);
	return 0;
}

/* ISSUER_OID:SUBJECT_OID pairs, comma-separated; anyPolicy may not be
 * mapped (RFC 5280 4.2.1.5). */
int ci_enc_policy_mappings(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	if (!ci_items(v, n))   /* SIZE (1..MAX) */
		return ci_fail(m, "no mapping given");
	ci_der_begin(w, CI_TAG_SEQUENCE);
	for (size_t i = 0; i < n; i++) {
		const char *p = v[i], *k, *val;
		size_t kl, vl;

		while (ci_next_item(&p, &k, &kl, &val, &vl)) {
			uint8_t a[64], b[64];
			size_t al = ci_oid_by_name(k, kl, 0, a, sizeof(a));
			size_t bl = val ? ci_oid_by_name(val, vl, 0, b, sizeof(b)) : 0;
			static const uint8_t any[] = { 0x55, 0x1d, 0x20, 0x00 };

			if (!al || !bl)
				return ci_fail(m, "'%.*s': not ISSUER_OID:SUBJECT_OID", (int)(p - k), k);
			if ((al == 4 && !memcmp(a, any, 4)) || (bl == 4 && !memcmp(b, any, 4)))
				return ci_fail(m, "anyPolicy cannot be mapped (RFC 5280 4.2.1.5)");
			ci_der_begin(w, CI_TAG_SEQUENCE);
			ci_der_oid_raw(w, a, al);
			ci_der_oid_raw(w, b, bl);
			ci_der_end(w);
		}
	}
	ci_der_end(w);
	return 0;
}

int ci_enc_inhibit_any(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	int64_t skip;

	(void)n;
	if (ci_parse_u63(v[0], strlen(v[0]), &skip))
		return ci_fail(m, "'%s': not a number of certificates (0, 1, ...)", v[0]);
	ci_der_int(w, skip);
	return 0;
}

/* OCSPNoCheck, PrecertPoison: a NULL. */
int ci_enc_null(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	(void)v, (void)n, (void)m;
	ci_der_null(w);
	return 0;
}

/* status_request[,status_request_v2]: RFC 7633's SEQUENCE OF INTEGER. */
int ci_enc_tls_feature(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	if (!ci_items(v, n))
		return ci_fail(m, "no TLS feature given");
	ci_der_begin(w, CI_TAG_SEQUENCE);
	for (size_t i = 0; i < n; i++) {
		const char *p = v[i], *k, *val;
		size_t kl, vl;

		while (ci_next_item(&p, &k, &kl, &val, &vl)) {
			if (ci_name_eq(k, kl, "status_request"))
				ci_der_int(w, XC_TLS_FEATURE_STATUS_REQUEST);
			else if (ci_name_eq(k, kl, "status_request_v2"))
				ci_der_int(w, XC_TLS_FEATURE_STATUS_REQUEST_V2);
			else
				return ci_fail(m, "'%.*s': unknown TLS feature (status_request, "
					       "status_request_v2)", (int)kl, k);
		}
	}
	ci_der_end(w);
	return 0;
}
