/*
 * fuzz_wolf_cert.c - the core against wolfSSL's own certificate parser
 * (ParseCert, the project's wolfSSL build, no signature check) on one DER
 * certificate.
 *
 * Both accept, or both refuse, or the difference is on the allow-list
 * (docs/fuzzing.md, "Allow-list"): wolfSSL refuses what it cannot use (an
 * algorithm or name form it does not know) and checks less of DER than
 * the core; each class is keyed by the error that names it, the core's or
 * wolfSSL's. When both accept, the main values agree: serial, the issuer
 * and subject as read, the validity times as read, the public key's and
 * the signature's algorithm (wolfSSL's OID sum), the extensions block, and
 * the criticality of each extension wolfSSL knows.
 *
 * ParseCert allocates (names, alternative names): it runs between
 * fz_allow_begin and fz_allow_end.
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/asn.h>
#include <wolfssl/wolfcrypt/error-crypt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/ext_dp.h>

#include "fuzz.h"

/* The core refuses by a rule of DER or RFC 5280 that wolfSSL does not
 * check. */
static const xc_err refused_by_core_only[] = {
	XC_ERR_LEN_NONMINIMAL,
	XC_ERR_SET_ORDER,
	XC_ERR_BOOL,
	XC_ERR_DEFAULT,
	XC_ERR_BITSTRING,
	XC_ERR_INT,
	XC_ERR_STRING,
	XC_ERR_VERSION,
	XC_ERR_EMPTY,
	XC_ERR_ALGORITHM,
	XC_ERR_KEY,
	XC_ERR_EXT_VALUE,
	XC_ERR_TIME,
	XC_ERR_TIME_RANGE,
};

/* wolfSSL refuses what it cannot use or will not trust, which is not
 * what DER or RFC 5280 makes a parser refuse: an unknown critical
 * extension (a path validator's refusal, RFC 5280 4.2), an algorithm OID
 * it does not know, a KeyUsage or name constraint it cannot apply. */
static const int refused_by_wolf_only[] = {
	ASN_CRIT_EXT_E,
	ASN_UNKNOWN_OID_E,
	KEYUSAGE_E,
	ASN_NAME_INVALID_E,     /* "Name Constraint error" */
};

/* An extension wolfSSL decodes while parsing, whose value the core's
 * decoder refuses: the core decodes extension values on demand, and the
 * error is that field's (docs/core.md, "Field errors"), so the core
 * accepts the certificate that wolfSSL refuses. */
static bool ext_field_error(const xc_cert *c)
{
	xc_ext_iter it;
	xc_ext x;

	xc_ext_iter_init(&it, c->extensions);
	while (xc_ext_next(&it, &x) == XC_OK)
		if (fz_ext_decode(xc_oid_lookup(x.oid), x.value) != XC_OK)
			return true;
	return false;
}

/* wolfSSL's name parser takes valid strings only: a value of another type
 * (an x500UniqueIdentifier's BIT STRING, anything in ANY) is refused, where
 * the core and pyca keep it, and so is a name with a field error (a string
 * invalid for its type: xc/name.h), which the core reports on the field. */
static bool nonstring(const xc_attr *a)
{
	switch (a->tag) {
	case XC_TAG_UTF8_STRING: case XC_TAG_NUMERIC_STRING:
	case XC_TAG_PRINTABLE_STRING: case XC_TAG_T61_STRING:
	case XC_TAG_VIDEOTEX_STRING: case XC_TAG_IA5_STRING:
	case XC_TAG_GRAPHIC_STRING: case XC_TAG_VISIBLE_STRING:
	case XC_TAG_GENERAL_STRING: case XC_TAG_UNIVERSAL_STRING:
	case XC_TAG_BMP_STRING:
		return false;
	}
	return true;
}

static bool name_nonstring(xc_slice name)
{
	return fz_name_has(name, nonstring);
}

/* wolfSSL reads a DistributionPoint's ReasonFlags in one octet: a reason
 * past bit 7 (aACompromise, bit 8) needs two and is refused. */
static bool dp_reason_past_7(xc_slice exts)
{
	xc_ext x;
	xc_dps dps;
	xc_dp_iter it;
	xc_dp dp;
	size_t off;

	if (xc_ext_find_id(exts, XC_OID_CRL_DISTRIBUTION_POINTS, &x) != XC_OK ||
	    xc_dps_decode(&dps, x.value, x.value.p, &off) != XC_OK)
		return false;
	xc_dp_iter_init(&it, dps.list);
	while (xc_dp_next(&it, &dp) == XC_OK)
		if (dp.has_reasons && (dp.reasons & ~0xffu))
			return true;
	return false;
}

/* What wolfSSL refuses with a generic error that the core accepts by a
 * documented choice: unique identifiers (RFC 5280 4.1.2.8, which wolfSSL's
 * template does not read), a field error of an extension or of the
 * public key or of a signature algorithm's parameters (decoded on demand
 * by the core), a name value that is no string, a reason flag past bit 7. */
static bool wolf_refusal_allowed(const xc_cert *c, int ret)
{
	xc_spki k;
	xc_sigalg sa;
	size_t off;

	for (size_t i = 0; i < sizeof(refused_by_wolf_only) / sizeof(*refused_by_wolf_only); i++)
		if (refused_by_wolf_only[i] == ret)
			return true;
	/* an RSA key whose parameters are not NULL: the core takes any, as
	 * pyca and OpenSSL do (xc/spki.h); wolfSSL wants NULL or none */
	if (xc_spki_parse(&k, c->spki, c->spki.p, &off) == XC_OK && k.type == XC_KEY_RSA &&
	    k.alg.params.p && !(k.alg.params.len == 2 && k.alg.params.p[0] == 0x05 &&
				k.alg.params.p[1] == 0x00))
		return true;
	return c->issuer_uid.p || c->subject_uid.p || ext_field_error(c) ||
	       name_nonstring(c->issuer) || name_nonstring(c->subject) ||
	       dp_reason_past_7(c->extensions) ||
	       xc_sigalg_decode(&c->tbs_sig_alg, &sa) != XC_OK ||
	       xc_sigalg_decode(&c->sig_alg, &sa) != XC_OK ||
	       xc_spki_parse(&k, c->spki, c->spki.p, &off) != XC_OK;
}

/* wolfSSL parses one certificate from the front of its input: bytes after
 * it are the caller's, where the core's input is one whole object. */
static bool trailing_only(const uint8_t *data, size_t size)
{
	xc_der d;
	xc_tlv t;

	xc_der_init(&d, data, size);
	return xc_der_read(&d, &t) == XC_OK && t.raw.len < size;
}

static bool in(const xc_err *list, size_t n, xc_err v)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == v)
			return true;
	return false;
}

static void same_bytes(xc_slice s, const uint8_t *p, size_t len)
{
	FZ_CHECK(s.len == len);
	FZ_CHECK(len == 0 || memcmp(s.p, p, len) == 0);
}

/* wolfSSL's id for an OID: the sum of its contents octets. */
static word32 oid_sum(xc_slice oid)
{
	word32 sum = 0;

	for (size_t i = 0; i < oid.len; i++)
		sum += oid.p[i];
	return sum;
}

/* wolfSSL keeps a time as its whole TLV. */
static void same_time(const xc_time *t, const byte *p, int len)
{
	FZ_CHECK(p != NULL && len > 0);
	FZ_CHECK(p + len == t->value.p + t->value.len);
	FZ_CHECK(p <= t->value.p);
}

static void same_crit(xc_slice exts, xc_oid_id id, bool set, bool crit)
{
	xc_ext x;
	bool found = xc_ext_find_id(exts, id, &x) == XC_OK;

	FZ_CHECK(found == set);
	if (found)
		FZ_CHECK(x.critical == crit);
}

static void cmp(const xc_cert *c, const DecodedCert *d)
{
	xc_der der, in;
	xc_algid alg;
	xc_slice serial = c->serial;

	/* wolfSSL drops the sign octet of a positive serial. */
	if (serial.len > 1 && serial.p[0] == 0) {
		serial.p++;
		serial.len--;
	}
	same_bytes(serial, d->serial, (size_t)d->serialSz);
	/* wolfSSL's "raw" names are the Name's contents. */
	same_bytes(c->issuer, d->issuerRaw, (size_t)d->issuerRawLen);
	same_bytes(c->subject, d->subjectRaw, (size_t)d->subjectRawLen);
	same_time(&c->not_before, d->beforeDate, d->beforeDateLen);
	same_time(&c->not_after, d->afterDate, d->afterDateLen);
	xc_der_init(&der, c->spki.p, c->spki.len);
	FZ_CHECK(xc_der_enter(&der, XC_TAG_SEQUENCE, &in) == XC_OK);
	FZ_CHECK(xc_der_read_algid(&in, &alg) == XC_OK);
	FZ_CHECK(oid_sum(alg.oid) == d->keyOID);
	FZ_CHECK(oid_sum(c->sig_alg.oid) == d->signatureOID);
	if (c->extensions.p) {
		FZ_CHECK(d->extensions != NULL);
		FZ_CHECK(d->extensions + d->extensionsSz == c->extensions.p + c->extensions.len);
	}
	same_crit(c->extensions, XC_OID_BASIC_CONSTRAINTS, d->extBasicConstSet, d->extBasicConstCrit);
	same_crit(c->extensions, XC_OID_KEY_USAGE, d->extKeyUsageSet, d->extKeyUsageCrit);
	same_crit(c->extensions, XC_OID_EXTENDED_KEY_USAGE, d->extExtKeyUsageSet, d->extExtKeyUsageCrit);
	same_crit(c->extensions, XC_OID_SUBJECT_ALTERNATIVE_NAME, d->extSubjAltNameSet, d->extSubjAltNameCrit);
	same_crit(c->extensions, XC_OID_AUTHORITY_KEY_IDENTIFIER, d->extAuthKeyIdSet, d->extAuthKeyIdCrit);
	same_crit(c->extensions, XC_OID_SUBJECT_KEY_IDENTIFIER, d->extSubjKeyIdSet, d->extSubjKeyIdCrit);
	same_crit(c->extensions, XC_OID_CRL_DISTRIBUTION_POINTS, d->extCRLdistSet, d->extCRLdistCrit);
	same_crit(c->extensions, XC_OID_AUTHORITY_INFORMATION_ACCESS, d->extAuthInfoSet, d->extAuthInfoCrit);
	same_crit(c->extensions, XC_OID_NAME_CONSTRAINTS, d->extNameConstraintSet, d->extNameConstraintCrit);
	same_crit(c->extensions, XC_OID_POLICY_CONSTRAINTS, d->extPolicyConstSet, d->extPolicyConstCrit);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	DecodedCert d;
	xc_cert c;
	size_t off;
	xc_err e;
	int ret;

	if (size > 1u << 20)
		return 0;
	fz_allow_begin();
	InitDecodedCert(&d, data, (word32)size, NULL);
	ret = ParseCert(&d, CERT_TYPE, NO_VERIFY, NULL);
	fz_allow_end();
	e = xc_cert_parse(&c, data, size, &off);

	if (ret == 0 && e != XC_OK) {
		if (!in(refused_by_core_only,
		        sizeof(refused_by_core_only) / sizeof(*refused_by_core_only), e) &&
		    !trailing_only(data, size)) {
			if (!getenv("FZ_DIFF_REPORT"))
				fprintf(stderr, "core refuses (%s at byte %zu), wolfSSL accepts\n",
				        xc_strerror(e), off);
			fz_unlisted_difference("refusal");
		}
	} else if (ret != 0 && e == XC_OK) {
		if (!wolf_refusal_allowed(&c, ret)) {
			if (!getenv("FZ_DIFF_REPORT"))
				fprintf(stderr, "core accepts, wolfSSL refuses (%d: %s)\n", ret,
				        wc_GetErrorString(ret));
			fz_unlisted_difference("acceptance");
		}
	} else if (ret == 0) {
		cmp(&c, &d);
	}
	fz_allow_begin();
	FreeDecodedCert(&d);
	fz_allow_end();
	return 0;
}
