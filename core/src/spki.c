/* SubjectPublicKeyInfo: see xc/spki.h. */
#include "inner.h"

/* Named curves: pyca's key_size (the curve's bit size). */
static const struct {
	xc_oid_id id;
	uint16_t bits;
} curves[] = {
	{ XC_OID_SECP192R1, 192 },      { XC_OID_SECP224R1, 224 },
	{ XC_OID_SECP256R1, 256 },      { XC_OID_SECP384R1, 384 },
	{ XC_OID_SECP521R1, 521 },      { XC_OID_SECP256K1, 256 },
	{ XC_OID_SECT163K1, 163 },      { XC_OID_SECT163R2, 163 },
	{ XC_OID_SECT233K1, 233 },      { XC_OID_SECT233R1, 233 },
	{ XC_OID_SECT283K1, 283 },      { XC_OID_SECT283R1, 283 },
	{ XC_OID_SECT409K1, 409 },      { XC_OID_SECT409R1, 409 },
	{ XC_OID_SECT571K1, 571 },      { XC_OID_SECT571R1, 571 },
	{ XC_OID_BRAINPOOLP256R1, 256 }, { XC_OID_BRAINPOOLP384R1, 384 },
	{ XC_OID_BRAINPOOLP512R1, 512 },
};

static size_t curve_bits(xc_oid_id id)
{
	for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++)
		if (curves[i].id == id)
			return curves[i].bits;
	return 0;
}

/* X.500's id-ea-rsa, 2.5.8.1.1 (X.509 (1988) annex H), whose parameter
 * is the key size: not in the OID table, whose names are pyca's. */
static const uint8_t oid_x500_rsa[] = { 0x55, 0x08, 0x01, 0x01 };

/* A positive INTEGER (RSA modulus and exponent, DSA values). */
static xc_err read_uint(xc_der *d, xc_slice *v)
{
	xc_err e = xc_der_read_int(d, v);
	if (e)
		return e;
	if (xc_int_negative(*v))
		return xc_der_fail(d, XC_ERR_KEY, v->p);
	return XC_OK;
}

/* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
 * (RFC 8017 A.1.1). */
static xc_err parse_rsa(xc_spki *k, xc_slice der, const uint8_t *base)
{
	xc_der d, seq;
	xc_err e;

	xc_der_init_at(&d, der, base);
	if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &seq)) ||
	    (e = read_uint(&seq, &k->rsa_n)) ||
	    (e = read_uint(&seq, &k->rsa_e)) ||
	    (e = xc_der_finish(&seq)) ||
	    (e = xc_der_finish(&d)))
		return d.err ? d.err : e;
	k->bits = xc_int_bits(k->rsa_n);
	return XC_OK;
}

/* ECParameters ::= CHOICE { namedCurve OBJECT IDENTIFIER, ... } (RFC
 * 5480 2.1.1): only named curves; explicit parameters are unsupported, as
 * RFC 5480 forbids them in certificates. The point is SEC 1 2.3.3:
 * 04||X||Y or 02/03||X, each coordinate the curve's field size. */
static xc_err parse_ec(xc_spki *k)
{
	const xc_slice p = k->alg.params;
	if (!p.p || p.p[0] != XC_TAG_OID)
		return XC_ERR_UNSUPPORTED;
	xc_der d;
	xc_der_init(&d, p.p, p.len);
	if (xc_der_read_oid(&d, &k->curve_oid) || xc_der_finish(&d))
		return XC_ERR_ALGORITHM;
	k->curve = xc_oid_lookup(k->curve_oid);
	k->bits = curve_bits(k->curve);
	if (!k->bits)
		return XC_ERR_UNSUPPORTED;
	size_t flen = (k->bits + 7) / 8;
	const xc_slice pt = k->key;
	k->ec_point = pt;
	if (pt.len == 1 + 2 * flen && pt.p[0] == 0x04)
		return XC_OK;
	if (pt.len == 1 + flen && (pt.p[0] == 0x02 || pt.p[0] == 0x03))
		return XC_OK;
	return XC_ERR_KEY;
}

/* Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER } (RFC 3279
 * 2.3.2), absent when inherited from the issuer; the key is INTEGER y. */
static xc_err parse_dsa(xc_spki *k, const uint8_t *base)
{
	xc_der d, seq;
	xc_err e;

	if (k->alg.params.p) {
		xc_der_init_at(&d, k->alg.params, base);
		if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &seq)) ||
		    (e = read_uint(&seq, &k->dsa_p)) ||
		    (e = read_uint(&seq, &k->dsa_q)) ||
		    (e = read_uint(&seq, &k->dsa_g)) ||
		    (e = xc_der_finish(&seq)) || (e = xc_der_finish(&d)))
			return XC_ERR_ALGORITHM;
		k->bits = xc_int_bits(k->dsa_p);
	}
	xc_der_init_at(&d, k->key, base);
	if ((e = read_uint(&d, &k->dsa_y)) || (e = xc_der_finish(&d)))
		return XC_ERR_KEY;
	return XC_OK;
}

/* DomainParameters ::= SEQUENCE { p, g, q, ... } (RFC 3279 2.3.3) or
 * DHParameter ::= SEQUENCE { p, g, privateValueLength OPTIONAL } (PKCS#3):
 * both start with p, which gives the size. */
static xc_err parse_dh(xc_spki *k, const uint8_t *base)
{
	xc_der d, seq;
	xc_slice p;

	if (!k->alg.params.p)
		return XC_ERR_ALGORITHM;
	xc_der_init_at(&d, k->alg.params, base);
	if (xc_der_enter(&d, XC_TAG_SEQUENCE, &seq) || read_uint(&seq, &p))
		return XC_ERR_ALGORITHM;
	k->bits = xc_int_bits(p);
	xc_der_init_at(&d, k->key, base);
	if (read_uint(&d, &k->dsa_y) || xc_der_finish(&d))
		return XC_ERR_KEY;
	return XC_OK;
}

/* RFC 8410 3: parameters absent, key the raw encoding of its size. */
static xc_err parse_raw(xc_spki *k, size_t size)
{
	if (k->alg.params.p)
		return XC_ERR_ALGORITHM;
	if (k->key.len != size)
		return XC_ERR_KEY;
	k->ec_point = k->key;
	return XC_OK;
}

/* see xc/spki.h */
xc_err xc_spki_parse(xc_spki *k, xc_slice raw, const uint8_t *base, size_t *off)
{
	xc_der d, seq;
	unsigned unused;
	xc_err e;

	memset(k, 0, sizeof *k);
	xc_der_init_at(&d, raw, base);
	const uint8_t *start = d.p;
	if ((e = xc_der_enter(&d, XC_TAG_SEQUENCE, &seq)) ||
	    (e = xc_der_read_algid(&seq, &k->alg)) ||
	    (e = xc_der_read_bits(&seq, &k->key, &unused)) ||
	    (e = xc_der_finish(&seq)) || (e = xc_der_finish(&d)))
		return xc__report(&d, e, off);
	k->raw = xc_slice_make(start, (size_t)(d.p - start));
	/* Every key format is whole octets. */
	if (unused)
		return xc__report(&d, xc_der_fail(&d, XC_ERR_KEY, k->key.p), off);

	/* An if-chain rather than a switch: xc_oid_id has every known OID
	 * and -Wswitch-enum would want them all listed. */
	xc_oid_id id = xc_oid_lookup(k->alg.oid);
	if (id == XC_OID_RSA_ENCRYPTION ||
	    xc_slice_eq(k->alg.oid, xc_slice_make(oid_x500_rsa, sizeof oid_x500_rsa))) {
		/* RFC 3279 2.3.1 wants NULL parameters, but pyca 38 and
		 * OpenSSL read the key whatever they are (absent, NULL or
		 * anything else; for id-ea-rsa, its keySize), and OpenSSL
		 * verifies with it: so do we, ignoring them. */
		k->type = XC_KEY_RSA;
		e = parse_rsa(k, k->key, base) ? XC_ERR_KEY : XC_OK; /* spki.h */
	} else if (id == XC_OID_RSASSA_PSS) {
		/* RFC 4055 1.2: an RSA key restricted to PSS; its parameters
		 * (if any) are the PSS restrictions. */
		k->type = XC_KEY_RSA_PSS;
		e = parse_rsa(k, k->key, base) ? XC_ERR_KEY : XC_OK;
	} else if (id == XC_OID_EC_PUBLIC_KEY) {
		k->type = XC_KEY_EC;
		e = parse_ec(k);
	} else if (id == XC_OID_ED25519) {
		k->type = XC_KEY_ED25519;
		e = parse_raw(k, 32);
	} else if (id == XC_OID_ED448) {
		k->type = XC_KEY_ED448;
		e = parse_raw(k, 57);
	} else if (id == XC_OID_X25519) {
		k->type = XC_KEY_X25519;
		e = parse_raw(k, 32);
	} else if (id == XC_OID_X448) {
		k->type = XC_KEY_X448;
		e = parse_raw(k, 56);
	} else if (id == XC_OID_DSA) {
		k->type = XC_KEY_DSA;
		e = parse_dsa(k, base);
	} else if (id == XC_OID_DH_PUBLIC_NUMBER || id == XC_OID_DH_KEY_AGREEMENT) {
		k->type = XC_KEY_DH;
		e = parse_dh(k, base);
	} else {
		e = XC_ERR_UNSUPPORTED;
	}
	if (e && off)
		*off = (size_t)(k->key.p - (base ? base : raw.p));
	return e;
}

/* see xc/spki.h */
xc_err xc_spki_parse_pkcs1(xc_spki *k, xc_slice der, size_t *off)
{
	memset(k, 0, sizeof *k);
	k->type = XC_KEY_RSA;
	xc_err e = parse_rsa(k, der, der.p);
	if (e && off)
		*off = 0;
	return e;
}

/* see xc/spki.h */
xc_err xc_spki_inherit(xc_spki *k, const xc_spki *from)
{
	if (k->type != XC_KEY_DSA || k->dsa_p.p)
		return XC_OK;
	if (from->type != XC_KEY_DSA || !from->dsa_p.p)
		return XC_ERR_KEY;
	/* Slices into the issuer's bytes: the caller keeps both alive. */
	k->dsa_p = from->dsa_p;
	k->dsa_q = from->dsa_q;
	k->dsa_g = from->dsa_g;
	k->bits = from->bits;
	return XC_OK;
}
