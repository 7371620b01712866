/* The simple extension decoders: see xc/ext_basic.h. */
#include "inner.h"

/*
 * A non-negative INTEGER's contents as 64 bits unsigned: the range of
 * pyca's u64 fields (pathLen, SkipCerts, TLS features). The contents
 * were checked as a DER INTEGER already.
 */
static xc_err uint_to_u64(xc_slice v, uint64_t *out)
{
	uint64_t u = 0;
	size_t i = 0;

	if (xc_int_negative(v))
		return XC_ERR_INT_RANGE;
	/* One leading zero octet makes room for a set top bit. */
	if (v.len > 1 && v.p[0] == 0)
		i = 1;
	if (v.len - i > 8)
		return XC_ERR_INT_RANGE;
	for (; i < v.len; i++)
		u = u << 8 | v.p[i];
	*out = u;
	return XC_OK;
}

/* Reads an INTEGER that must be non-negative and fit 64 bits. */
static xc_err read_u64(xc_der *d, uint64_t *out)
{
	xc_slice v;
	xc_err e;

	if ((e = xc_der_read_int(d, &v)))
		return e;
	if ((e = uint_to_u64(v, out)))
		return xc_der_fail(d, e, v.p);
	return XC_OK;
}

/* An IMPLICIT [n] INTEGER (0..MAX) of 64 bits, if present. */
static xc_err read_tagged_u64(xc_der *d, uint32_t tag, bool *present, uint64_t *out)
{
	xc_slice v;
	xc_err e;

	if ((e = xc_der_optional(d, tag, &v, present)) || !*present)
		return e;
	if ((e = xc_der_check_int(v)) || (e = uint_to_u64(v, out)))
		return xc_der_fail(d, e, v.p);
	return XC_OK;
}

/*
 * Common frame: a reader over the value, and at the end the check that
 * the value was one TLV and nothing else, with the offset reported.
 */
static void open_value(xc_der *d, xc_slice value, const uint8_t *base)
{
	xc_der_init_at(d, value, base ? base : value.p);
}

static xc_err close_value(xc_der *d, xc_err e, size_t *off)
{
	if (e == XC_OK)
		e = xc_der_finish(d);
	return xc__report(d, e, off);
}

/* see xc/ext_basic.h */
xc_err xc_bc_decode(xc_bc *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d, in;
	xc_err e;

	memset(out, 0, sizeof(*out));
	open_value(&d, value, base);
	if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &in)))
		return close_value(&d, e, off);
	if (xc_der_peek(&in, XC_TAG_BOOLEAN)) {
		const uint8_t *at = in.p;
		if ((e = xc_der_read_bool(&in, &out->ca)))
			return close_value(&d, e, off);
		/* DER (X.690 11.5): the DEFAULT FALSE is never encoded. */
		if (!out->ca)
			return close_value(&d, xc_der_fail(&in, XC_ERR_DEFAULT, at), off);
	}
	if (xc_der_peek(&in, XC_TAG_INTEGER)) {
		const uint8_t *at = in.p;
		if ((e = read_u64(&in, &out->path_length)))
			return close_value(&d, e, off);
		out->has_path_length = true;
		/* pyca: "path_length must be None when ca is False". */
		if (!out->ca)
			return close_value(&d, xc_der_fail(&in, XC_ERR_EXT_VALUE, at), off);
	}
	e = xc_der_finish(&in);
	return close_value(&d, e, off);
}

/* see xc/ext_basic.h */
xc_err xc_ku_decode(xc_ku *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d;
	xc_slice bits;
	unsigned unused;
	unsigned v = 0;
	xc_err e;

	out->bits = 0;
	open_value(&d, value, base);
	if ((e = xc_der_read_bits(&d, &bits, &unused)))
		return close_value(&d, e, off);
	/* Named bit n is bit 7 - n % 8 of octet n / 8: BIT STRINGs count
	 * from the most significant bit. */
	for (unsigned n = 0; n < XC_KU_COUNT && n / 8 < bits.len; n++)
		if (bits.p[n / 8] & (0x80u >> (n % 8)))
			v |= 1u << n;
	if ((v & (XC_KU_ENCIPHER_ONLY | XC_KU_DECIPHER_ONLY)) && !(v & XC_KU_KEY_AGREEMENT))
		return close_value(&d, xc_der_fail(&d, XC_ERR_EXT_VALUE, value.p), off);
	out->bits = (uint16_t)v;
	return close_value(&d, XC_OK, off);
}

static const char *const ku_names[XC_KU_COUNT] = {
	"digital_signature", "content_commitment", "key_encipherment",
	"data_encipherment", "key_agreement", "key_cert_sign", "crl_sign",
	"encipher_only", "decipher_only",
};

/* see xc/ext_basic.h */
const char *xc_ku_name(unsigned bit)
{
	return bit < XC_KU_COUNT ? ku_names[bit] : NULL;
}

/* One OID of a SEQUENCE OF OBJECT IDENTIFIER (xc_der_elem_fn). */
static xc_err read_oid(xc_der *d, void *oid)
{
	return xc_der_read_oid(d, oid);
}

/* see xc/ext_basic.h */
xc_err xc_eku_decode(xc_eku *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d;
	xc_slice oid;
	xc_err e;

	memset(out, 0, sizeof(*out));
	open_value(&d, value, base);
	e = xc_der_seq_of(&d, read_oid, &oid, &out->oids, &out->count);
	return close_value(&d, e, off);
}

/* see xc/ext_basic.h */
void xc_oids_iter_init(xc_oids_iter *it, xc_slice oids)
{
	xc_der_init(&it->d, oids.p, oids.len);
}

/* see xc/ext_basic.h */
xc_err xc_oids_next(xc_oids_iter *it, xc_slice *oid)
{
	return xc_der_seq_next(&it->d, read_oid, oid);
}

/* see xc/ext_basic.h */
xc_err xc_ski_decode(xc_ski *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d;
	xc_err e;

	memset(out, 0, sizeof(*out));
	open_value(&d, value, base);
	e = xc_der_expect(&d, XC_TAG_OCTET_STRING, &out->digest);
	return close_value(&d, e, off);
}

/* see xc/ext_basic.h */
xc_err xc_ski_from_spki(xc_slice spki_raw, uint8_t out[XC_SKI_LEN])
{
	xc_der d, in;
	xc_slice key;
	unsigned unused;
	xc_err e;

	xc_der_init(&d, spki_raw.p, spki_raw.len);
	if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &in)) ||
	    (e = xc_der_expect(&in, XC_TAG_SEQUENCE, NULL)) ||
	    (e = xc_der_read_bits(&in, &key, &unused)) ||
	    (e = xc_der_finish(&in)) || (e = xc_der_finish(&d)))
		return e;
	return xc_fingerprint(XC_HASH_SHA1, key, out, XC_SKI_LEN);
}

/* see xc/ext_basic.h */
xc_err xc_aki_key_id_from_issuer_spki(xc_slice issuer_spki_raw, uint8_t out[XC_SKI_LEN])
{
	/* RFC 5280 4.2.1.1: the AKI's key identifier is the issuer's SKI. */
	return xc_ski_from_spki(issuer_spki_raw, out);
}

/* see xc/ext_basic.h */
xc_err xc_aki_key_id_from_issuer_ski(xc_slice *key_id, xc_slice ski_value, const uint8_t *base,
                                     size_t *off)
{
	xc_ski ski;
	xc_err e = xc_ski_decode(&ski, ski_value, base, off);
	if (e == XC_OK)
		*key_id = ski.digest;
	return e;
}

/* see xc/ext_basic.h */
xc_err xc_aki_decode(xc_aki *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d, in;
	bool present;
	xc_slice v;
	const uint8_t *start;
	xc_err e;

	memset(out, 0, sizeof(*out));
	open_value(&d, value, base);
	if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &in)))
		return close_value(&d, e, off);
	start = in.p;
	if ((e = xc_der_optional(&in, XC_TAG_CTX(0), &v, &present)))
		return close_value(&d, e, off);
	if (present)
		out->key_id = v;
	if ((e = xc_der_optional(&in, XC_TAG_CTX_CONS(1), &v, &present)))
		return close_value(&d, e, off);
	if (present) {
		size_t eoff = 0;
		out->issuer = v;
		if ((e = xc_gns_check(v, d.base, &eoff, &out->issuer_count)))
			return close_value(&d, xc_der_fail(&in, e, d.base + eoff), off);
	}
	if ((e = xc_der_optional(&in, XC_TAG_CTX(2), &v, &present)))
		return close_value(&d, e, off);
	if (present) {
		if ((e = xc_der_check_int(v)))
			return close_value(&d, xc_der_fail(&in, e, v.p), off);
		/* pyca reads it as an unsigned big integer. */
		if (xc_int_negative(v))
			return close_value(&d, xc_der_fail(&in, XC_ERR_INT_RANGE, v.p), off);
		out->serial = v;
	}
	if ((e = xc_der_finish(&in)))
		return close_value(&d, e, off);
	/* pyca: "authority_cert_issuer and authority_cert_serial_number must
	 * both be present or both None". */
	if (xc_slice_present(out->issuer) != xc_slice_present(out->serial))
		return close_value(&d, xc_der_fail(&in, XC_ERR_EXT_VALUE, start), off);
	return close_value(&d, XC_OK, off);
}

/* see xc/ext_basic.h */
xc_err xc_alt_names_decode(xc_alt_names *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d;
	size_t eoff = 0;
	xc_err e;

	memset(out, 0, sizeof(*out));
	open_value(&d, value, base);
	if ((e = xc_der_expect(&d, XC_TAG_SEQUENCE, &out->gns)))
		return close_value(&d, e, off);
	if ((e = xc_gns_check(out->gns, d.base, &eoff, &out->count)))
		return close_value(&d, xc_der_fail(&d, e, d.base + eoff), off);
	return close_value(&d, XC_OK, off);
}

/* see xc/ext_basic.h */
xc_err xc_policy_constraints_decode(xc_policy_constraints *out, xc_slice value,
                                    const uint8_t *base, size_t *off)
{
	xc_der d, in;
	const uint8_t *start;
	xc_err e;

	memset(out, 0, sizeof(*out));
	open_value(&d, value, base);
	if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &in)))
		return close_value(&d, e, off);
	start = in.p;
	if ((e = read_tagged_u64(&in, XC_TAG_CTX(0), &out->has_require_explicit_policy,
	                         &out->require_explicit_policy)) ||
	    (e = read_tagged_u64(&in, XC_TAG_CTX(1), &out->has_inhibit_policy_mapping,
	                         &out->inhibit_policy_mapping)) ||
	    (e = xc_der_finish(&in)))
		return close_value(&d, e, off);
	/* pyca: "At least one of require_explicit_policy and
	 * inhibit_policy_mapping must not be None". */
	if (!out->has_require_explicit_policy && !out->has_inhibit_policy_mapping)
		return close_value(&d, xc_der_fail(&in, XC_ERR_EXT_VALUE, start), off);
	return close_value(&d, XC_OK, off);
}

/* see xc/ext_basic.h */
xc_err xc_inhibit_any_policy_decode(xc_inhibit_any_policy *out, xc_slice value,
                                    const uint8_t *base, size_t *off)
{
	xc_der d;
	xc_slice v;
	xc_err e;

	memset(out, 0, sizeof(*out));
	open_value(&d, value, base);
	if ((e = xc_der_read_int(&d, &v)))
		return close_value(&d, e, off);
	if (xc_int_negative(v))
		return close_value(&d, xc_der_fail(&d, XC_ERR_INT_RANGE, v.p), off);
	out->skip_certs = v;
	out->fits = uint_to_u64(v, &out->value) == XC_OK;
	return close_value(&d, XC_OK, off);
}

/* see xc/ext_basic.h */
xc_err xc_null_ext_decode(xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d;

	open_value(&d, value, base);
	return close_value(&d, xc_der_read_null(&d), off);
}

/* see xc/ext_basic.h */
xc_err xc_tls_feature_decode(xc_tls_feature *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d, in;
	uint64_t f;
	xc_err e;

	memset(out, 0, sizeof(*out));
	open_value(&d, value, base);
	if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &in)))
		return close_value(&d, e, off);
	out->list = xc_slice_make(in.p, (size_t)(in.end - in.p));
	/* pyca: "features must be a list of elements from the TLSFeatureType
	 * enum" for an empty list. */
	if (!xc_der_more(&in))
		return close_value(&d, xc_der_fail(&in, XC_ERR_EMPTY, in.p), off);
	while (xc_der_more(&in)) {
		const uint8_t *at = in.p;
		if ((e = read_u64(&in, &f)))
			return close_value(&d, e, off);
		if (!xc_tls_feature_name(f > 0xffffu ? 0 : (unsigned)f))
			return close_value(&d, xc_der_fail(&in, XC_ERR_EXT_VALUE, at), off);
		out->count++;
	}
	return close_value(&d, XC_OK, off);
}

/* see xc/ext_basic.h */
void xc_tls_feature_iter_init(xc_tls_feature_iter *it, xc_slice list)
{
	xc_der_init(&it->d, list.p, list.len);
}

/* see xc/ext_basic.h */
xc_err xc_tls_feature_next(xc_tls_feature_iter *it, unsigned *feature)
{
	uint64_t f;
	xc_err e;

	if (it->d.err)
		return it->d.err;
	if (!xc_der_more(&it->d))
		return XC_END;
	if ((e = read_u64(&it->d, &f)))
		return e;
	if (f > 0xffffu)
		return xc_der_fail(&it->d, XC_ERR_EXT_VALUE, it->d.p);
	*feature = (unsigned)f;
	return XC_OK;
}

/* see xc/ext_basic.h */
const char *xc_tls_feature_name(unsigned feature)
{
	switch (feature) {
	case XC_TLS_FEATURE_STATUS_REQUEST: return "status_request";
	case XC_TLS_FEATURE_STATUS_REQUEST_V2: return "status_request_v2";
	default: return NULL;
	}
}

/* see xc/ext_basic.h */
xc_err xc_crl_number_decode(xc_crl_number *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d;
	xc_err e;

	memset(out, 0, sizeof(*out));
	open_value(&d, value, base);
	if ((e = xc_der_read_int(&d, &out->number)))
		return close_value(&d, e, off);
	if (xc_int_negative(out->number))
		return close_value(&d, xc_der_fail(&d, XC_ERR_INT_RANGE, out->number.p), off);
	return close_value(&d, XC_OK, off);
}

/* Indexed by code; 7 is unassigned (RFC 5280 5.3.1). */
static const char *const reason_names[] = {
	[XC_CRL_REASON_UNSPECIFIED] = "unspecified",
	[XC_CRL_REASON_KEY_COMPROMISE] = "key_compromise",
	[XC_CRL_REASON_CA_COMPROMISE] = "ca_compromise",
	[XC_CRL_REASON_AFFILIATION_CHANGED] = "affiliation_changed",
	[XC_CRL_REASON_SUPERSEDED] = "superseded",
	[XC_CRL_REASON_CESSATION_OF_OPERATION] = "cessation_of_operation",
	[XC_CRL_REASON_CERTIFICATE_HOLD] = "certificate_hold",
	[XC_CRL_REASON_REMOVE_FROM_CRL] = "remove_from_crl",
	[XC_CRL_REASON_PRIVILEGE_WITHDRAWN] = "privilege_withdrawn",
	[XC_CRL_REASON_AA_COMPROMISE] = "aa_compromise",
};

/* see xc/ext_basic.h */
const char *xc_crl_reason_name(xc_crl_reason r)
{
	size_t i = (size_t)r;

	if (i >= sizeof(reason_names) / sizeof(reason_names[0]))
		return NULL;
	return reason_names[i];
}

/* see xc/ext_basic.h */
xc_err xc_crl_reason_decode(xc_crl_reason *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d;
	xc_slice v;
	uint64_t code;
	xc_err e;

	*out = XC_CRL_REASON_UNSPECIFIED;
	open_value(&d, value, base);
	if ((e = xc_der_expect(&d, XC_TAG_ENUMERATED, &v)))
		return close_value(&d, e, off);
	/* ENUMERATED is encoded as an INTEGER (X.690 8.4). */
	if ((e = xc_der_check_int(v)) || (e = uint_to_u64(v, &code)))
		return close_value(&d, xc_der_fail(&d, e, v.p), off);
	if (code > XC_CRL_REASON_AA_COMPROMISE || !xc_crl_reason_name((xc_crl_reason)code))
		return close_value(&d, xc_der_fail(&d, XC_ERR_EXT_VALUE, v.p), off);
	*out = (xc_crl_reason)code;
	return close_value(&d, XC_OK, off);
}

/* see xc/ext_basic.h */
xc_err xc_invalidity_date_decode(xc_time *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d;
	xc_slice v;
	xc_err e;

	memset(out, 0, sizeof(*out));
	open_value(&d, value, base);
	if ((e = xc_der_expect(&d, XC_TAG_GENERALIZED_TIME, &v)))
		return close_value(&d, e, off);
	if ((e = xc_time_decode(XC_TAG_GENERALIZED_TIME, v, out)))
		return close_value(&d, xc_der_fail(&d, e, v.p), off);
	return close_value(&d, XC_OK, off);
}

/* see xc/ext_basic.h */
xc_err xc_nonce_decode(xc_slice *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d;

	*out = xc_slice_make(NULL, 0);
	open_value(&d, value, base);
	return close_value(&d, xc_der_expect(&d, XC_TAG_OCTET_STRING, out), off);
}

/* see xc/ext_basic.h */
xc_err xc_ext_find_duplicate(xc_slice exts, xc_ext *dup)
{
	xc_ext_iter outer, inner;
	xc_ext a, b;
	xc_err e;

	/* pyca reads in order and names the first extension whose OID it has
	 * already seen: compare each one with those before it. Blocks hold a
	 * handful of extensions, so this beats anything needing a table. */
	xc_ext_iter_init(&outer, exts);
	while ((e = xc_ext_next(&outer, &b)) == XC_OK) {
		xc_ext_iter_init(&inner, exts);
		while ((e = xc_ext_next(&inner, &a)) == XC_OK && a.raw.p != b.raw.p) {
			if (xc_slice_eq(a.oid, b.oid)) {
				*dup = b;
				return XC_OK;
			}
		}
		if (e != XC_OK)
			return e;
	}
	return e == XC_END ? XC_NOT_FOUND : e;
}
