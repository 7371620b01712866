/* AlgorithmIdentifier and signature algorithms: see xc/alg.h. */
#include "inner.h"

/* see xc/alg.h */
xc_err xc_der_read_algid(xc_der *d, xc_algid *out)
{
	xc_der in;
	xc_slice raw;
	xc_err e;

	if (d->err)
		return d->err;
	const uint8_t *start = d->p;
	if ((e = xc_der_enter(d, XC_TAG_SEQUENCE, &in)))
		return e;
	raw = xc_slice_make(start, (size_t)(d->p - start));
	out->raw = raw;
	if ((e = xc_der_read_oid(&in, &out->oid)))
		return e;
	out->params = xc_slice_make(NULL, 0);
	if (xc_der_more(&in)) {
		const uint8_t *at = in.p;
		xc_tlv t;
		if ((e = xc_der_read(&in, &t)))
			return e;
		/* From the reader's position, not t.raw: a copy of a slice
		 * just stored stalls the CPU (der.c, read_prim()). */
		out->params = xc_slice_make(at, (size_t)(in.p - at));
	}
	return xc_der_finish(&in);
}

/* One row per signature algorithm: the key it needs and its hash. */
typedef struct sigalg_row {
	xc_oid_id id;
	xc_key_type key;
	xc_hash hash;
	xc_oid_id hash_oid;
	bool params_must_be_absent;     /* RFC 5758 (ECDSA, DSA), RFC 8410 (EdDSA) */
} sigalg_row;

static const sigalg_row sigalgs[] = {
	{ XC_OID_RSA_WITH_MD5, XC_KEY_RSA, XC_HASH_MD5, XC_OID_MD5, false },
	{ XC_OID_RSA_WITH_SHA1, XC_KEY_RSA, XC_HASH_SHA1, XC_OID_SHA1, false },
	{ XC_OID_RSA_WITH_SHA1_ALT, XC_KEY_RSA, XC_HASH_SHA1, XC_OID_SHA1, false },
	{ XC_OID_RSA_WITH_SHA224, XC_KEY_RSA, XC_HASH_SHA224, XC_OID_SHA224, false },
	{ XC_OID_RSA_WITH_SHA256, XC_KEY_RSA, XC_HASH_SHA256, XC_OID_SHA256, false },
	{ XC_OID_RSA_WITH_SHA384, XC_KEY_RSA, XC_HASH_SHA384, XC_OID_SHA384, false },
	{ XC_OID_RSA_WITH_SHA512, XC_KEY_RSA, XC_HASH_SHA512, XC_OID_SHA512, false },
	{ XC_OID_RSA_WITH_SHA3_224, XC_KEY_RSA, XC_HASH_NONE, XC_OID_SHA3_224, false },
	{ XC_OID_RSA_WITH_SHA3_256, XC_KEY_RSA, XC_HASH_NONE, XC_OID_SHA3_256, false },
	{ XC_OID_RSA_WITH_SHA3_384, XC_KEY_RSA, XC_HASH_NONE, XC_OID_SHA3_384, false },
	{ XC_OID_RSA_WITH_SHA3_512, XC_KEY_RSA, XC_HASH_NONE, XC_OID_SHA3_512, false },
	{ XC_OID_RSASSA_PSS, XC_KEY_RSA, XC_HASH_NONE, XC_OID_UNKNOWN, false },
	{ XC_OID_ECDSA_WITH_SHA1, XC_KEY_EC, XC_HASH_SHA1, XC_OID_SHA1, true },
	{ XC_OID_ECDSA_WITH_SHA224, XC_KEY_EC, XC_HASH_SHA224, XC_OID_SHA224, true },
	{ XC_OID_ECDSA_WITH_SHA256, XC_KEY_EC, XC_HASH_SHA256, XC_OID_SHA256, true },
	{ XC_OID_ECDSA_WITH_SHA384, XC_KEY_EC, XC_HASH_SHA384, XC_OID_SHA384, true },
	{ XC_OID_ECDSA_WITH_SHA512, XC_KEY_EC, XC_HASH_SHA512, XC_OID_SHA512, true },
	{ XC_OID_ECDSA_WITH_SHA3_224, XC_KEY_EC, XC_HASH_NONE, XC_OID_SHA3_224, true },
	{ XC_OID_ECDSA_WITH_SHA3_256, XC_KEY_EC, XC_HASH_NONE, XC_OID_SHA3_256, true },
	{ XC_OID_ECDSA_WITH_SHA3_384, XC_KEY_EC, XC_HASH_NONE, XC_OID_SHA3_384, true },
	{ XC_OID_ECDSA_WITH_SHA3_512, XC_KEY_EC, XC_HASH_NONE, XC_OID_SHA3_512, true },
	{ XC_OID_DSA_WITH_SHA1, XC_KEY_DSA, XC_HASH_SHA1, XC_OID_SHA1, true },
	{ XC_OID_DSA_WITH_SHA224, XC_KEY_DSA, XC_HASH_SHA224, XC_OID_SHA224, true },
	{ XC_OID_DSA_WITH_SHA256, XC_KEY_DSA, XC_HASH_SHA256, XC_OID_SHA256, true },
	{ XC_OID_DSA_WITH_SHA384, XC_KEY_DSA, XC_HASH_SHA384, XC_OID_SHA384, true },
	{ XC_OID_DSA_WITH_SHA512, XC_KEY_DSA, XC_HASH_SHA512, XC_OID_SHA512, true },
	{ XC_OID_ED25519, XC_KEY_ED25519, XC_HASH_NONE, XC_OID_UNKNOWN, true },
	{ XC_OID_ED448, XC_KEY_ED448, XC_HASH_NONE, XC_OID_UNKNOWN, true },
};

static const sigalg_row *find_sigalg(xc_oid_id id)
{
	for (size_t i = 0; i < sizeof sigalgs / sizeof sigalgs[0]; i++)
		if (sigalgs[i].id == id)
			return &sigalgs[i];
	return NULL;
}

/* Hash OIDs the core has an xc_hash value for. */
static const struct {
	xc_oid_id id;
	xc_hash hash;
} hashes[] = {
	{ XC_OID_MD5, XC_HASH_MD5 },
	{ XC_OID_SHA1, XC_HASH_SHA1 },
	{ XC_OID_SHA224, XC_HASH_SHA224 },
	{ XC_OID_SHA256, XC_HASH_SHA256 },
	{ XC_OID_SHA384, XC_HASH_SHA384 },
	{ XC_OID_SHA512, XC_HASH_SHA512 },
};

static xc_hash hash_of_oid(xc_oid_id id)
{
	for (size_t i = 0; i < sizeof hashes / sizeof hashes[0]; i++)
		if (hashes[i].id == id)
			return hashes[i].hash;
	return XC_HASH_NONE;
}

/* A hash AlgorithmIdentifier inside PSS parameters: the OID, and
 * parameters absent or NULL (RFC 4055 2.1). */
static xc_err read_hash_algid(xc_der *d, xc_oid_id *id)
{
	xc_algid a;
	xc_err e = xc_der_read_algid(d, &a);
	if (e)
		return e;
	if (a.params.p && !(a.params.len == 2 && a.params.p[0] == XC_TAG_NULL && a.params.p[1] == 0))
		return xc_der_fail(d, XC_ERR_ALGORITHM, a.params.p);
	*id = xc_oid_lookup(a.oid);
	if (hash_of_oid(*id) == XC_HASH_NONE)
		return xc_der_fail(d, XC_ERR_UNSUPPORTED, a.oid.p);
	return XC_OK;
}

/*
 * RSASSA-PSS-params ::= SEQUENCE {
 *     hashAlgorithm      [0] HashAlgorithm      DEFAULT sha1,
 *     maskGenAlgorithm   [1] MaskGenAlgorithm   DEFAULT mgf1SHA1,
 *     saltLength         [2] INTEGER            DEFAULT 20,
 *     trailerField       [3] TrailerField       DEFAULT trailerFieldBC }
 * (RFC 4055 3.1). Absent parameters mean all defaults.
 */
static xc_err decode_pss(const xc_algid *alg, xc_pss_params *pss, xc_oid_id *hash_id)
{
	xc_der d, seq, f;
	xc_slice v;
	bool present;
	xc_err e;
	xc_oid_id mgf_hash = XC_OID_SHA1;

	*hash_id = XC_OID_SHA1;
	pss->salt_len = 20;
	pss->trailer = 1;
	if (!alg->params.p)
		goto done;
	xc_der_init(&d, alg->params.p, alg->params.len);
	if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &seq)))
		return XC_ERR_ALGORITHM;
	if ((e = xc_der_optional(&seq, XC_TAG_CTX_CONS(0), &v, &present)))
		return XC_ERR_ALGORITHM;
	if (present) {
		xc_der_init(&f, v.p, v.len);
		if (read_hash_algid(&f, hash_id) || xc_der_finish(&f))
			return f.err == XC_ERR_UNSUPPORTED ? XC_ERR_UNSUPPORTED : XC_ERR_ALGORITHM;
	}
	if ((e = xc_der_optional(&seq, XC_TAG_CTX_CONS(1), &v, &present)))
		return XC_ERR_ALGORITHM;
	if (present) {
		xc_algid mgf;
		xc_der_init(&f, v.p, v.len);
		if (xc_der_read_algid(&f, &mgf) || xc_der_finish(&f))
			return XC_ERR_ALGORITHM;
		if (!xc_oid_is(mgf.oid, XC_OID_MGF1))
			return XC_ERR_UNSUPPORTED;
		if (!mgf.params.p)
			return XC_ERR_ALGORITHM;
		xc_der_init(&f, mgf.params.p, mgf.params.len);
		if (read_hash_algid(&f, &mgf_hash) || xc_der_finish(&f))
			return f.err == XC_ERR_UNSUPPORTED ? XC_ERR_UNSUPPORTED : XC_ERR_ALGORITHM;
	}
	if ((e = xc_der_optional(&seq, XC_TAG_CTX_CONS(2), &v, &present)))
		return XC_ERR_ALGORITHM;
	if (present) {
		xc_slice n;
		xc_der_init(&f, v.p, v.len);
		if (xc_der_read_int(&f, &n) || xc_der_finish(&f) ||
		    xc_der_int_to_i64(n, &pss->salt_len) || pss->salt_len < 0)
			return XC_ERR_ALGORITHM;
	}
	if ((e = xc_der_optional(&seq, XC_TAG_CTX_CONS(3), &v, &present)))
		return XC_ERR_ALGORITHM;
	if (present) {
		xc_slice n;
		xc_der_init(&f, v.p, v.len);
		if (xc_der_read_int(&f, &n) || xc_der_finish(&f) ||
		    xc_der_int_to_i64(n, &pss->trailer) || pss->trailer != 1)
			return XC_ERR_ALGORITHM;
	}
	if (xc_der_finish(&seq) || xc_der_finish(&d))
		return XC_ERR_ALGORITHM;
done:
	pss->hash = hash_of_oid(*hash_id);
	pss->mgf1_hash = hash_of_oid(mgf_hash);
	return XC_OK;
}

/* see xc/alg.h */
xc_err xc_sigalg_decode(const xc_algid *alg, xc_sigalg *sig)
{
	memset(sig, 0, sizeof *sig);
	sig->id = xc_oid_lookup(alg->oid);
	const sigalg_row *row = find_sigalg(sig->id);
	if (!row)
		return XC_ERR_UNSUPPORTED;
	sig->key = row->key;
	sig->hash = row->hash;
	sig->hash_oid = row->hash_oid;
	if (row->id == XC_OID_RSASSA_PSS) {
		xc_err e = decode_pss(alg, &sig->pss, &sig->hash_oid);
		sig->hash = sig->pss.hash;
		return e;
	}
	if (alg->params.p) {
		bool is_null = alg->params.len == 2 && alg->params.p[0] == XC_TAG_NULL &&
		               alg->params.p[1] == 0;
		/* RSA PKCS#1 v1.5: NULL (RFC 4055 5); absent is tolerated as
		 * many verifiers do. ECDSA/DSA/EdDSA: absent. */
		if (row->params_must_be_absent || !is_null)
			return XC_ERR_ALGORITHM;
	}
	return XC_OK;
}

/* see xc/alg.h */
const char *xc_sigalg_hash_name(const xc_algid *alg)
{
	xc_sigalg s;
	xc_err e = xc_sigalg_decode(alg, &s);
	/* PKCS#1 and ECDSA name their hash in the OID, whatever the
	 * parameters; PSS only through parameters that decode. */
	if (s.id == XC_OID_RSASSA_PSS && e != XC_OK)
		return NULL;
	if (s.key == XC_KEY_UNKNOWN || s.hash_oid == XC_OID_UNKNOWN)
		return NULL;
	const xc_oid_info *info = xc_oid_info_of(s.hash_oid);
	return info ? info->name : NULL;
}

/* see xc/alg.h */
const char *xc_key_type_name(xc_key_type t)
{
	switch (t) {
	case XC_KEY_RSA: return "rsa";
	case XC_KEY_RSA_PSS: return "rsa";
	case XC_KEY_EC: return "ec";
	case XC_KEY_ED25519: return "ed25519";
	case XC_KEY_ED448: return "ed448";
	case XC_KEY_DSA: return "dsa";
	case XC_KEY_X25519: return "x25519";
	case XC_KEY_X448: return "x448";
	case XC_KEY_DH: return "dh";
	case XC_KEY_UNKNOWN: break;
	}
	return NULL;
}
