/*
 * xc/spki.h - SubjectPublicKeyInfo (RFC 5280 4.1.2.7, RFC 3279, RFC 8410).
 *
 *   SubjectPublicKeyInfo ::= SEQUENCE {
 *       algorithm         AlgorithmIdentifier,
 *       subjectPublicKey  BIT STRING }
 *
 * The certificate and CSR parsers check the outer structure only, as pyca
 * does at load time; xc_spki_parse() decodes the key itself (pyca's
 * public_key()).
 */
#ifndef XC_SPKI_H
#define XC_SPKI_H

#include "alg.h"

typedef struct xc_spki {
	xc_slice raw;           /* the whole SubjectPublicKeyInfo TLV */
	xc_algid alg;
	xc_slice key;           /* subjectPublicKey's bytes (after the unused-bits octet) */
	xc_key_type type;
	size_t bits;            /* key size as pyca's key_size: RSA modulus bits, EC
	                         * curve size, DSA p bits; 0 where pyca has none */
	xc_oid_id curve;        /* EC: the named curve (XC_OID_UNKNOWN if unknown) */
	xc_slice curve_oid;     /* EC: the curve's OID contents */
	xc_slice rsa_n, rsa_e;  /* RSA: modulus and public exponent (INTEGER contents) */
	xc_slice dsa_p, dsa_q, dsa_g; /* DSA: domain parameters (.p NULL if inherited) */
	xc_slice dsa_y;         /* DSA: public value */
	xc_slice ec_point;      /* EC: the encoded point; Ed/X keys: the raw key */
} xc_spki;

/* Decodes a SubjectPublicKeyInfo TLV. Errors (with *off from `base`):
 * structural DER errors; XC_ERR_KEY for a key that does not fit its
 * algorithm (RSA key not a SEQUENCE of two INTEGERs, EC point of the wrong
 * length for its curve, Ed25519 key not 32 bytes, ...); XC_ERR_UNSUPPORTED
 * for an algorithm or EC parameters the core does not handle (explicit
 * curve parameters). An RSA key is rsaEncryption with any parameters
 * (RFC 3279 wants NULL; pyca and OpenSSL take absent or others too) or
 * X.500's id-ea-rsa (2.5.8.1.1), which both read as RSA: type XC_KEY_RSA,
 * parameters ignored. */
xc_err xc_spki_parse(xc_spki *k, xc_slice raw, const uint8_t *base, size_t *off);

/* RFC 3279 2.3.2: a DSA key whose SubjectPublicKeyInfo omits the domain
 * parameters uses its issuer's. Copies dsa_p, dsa_q, dsa_g (and bits) into
 * k from `from`, the issuer's key (parsed, with parameters of its own or
 * inherited in turn). A key that is not DSA, or has its parameters, is
 * left as it is (XC_OK); XC_ERR_KEY if k needs parameters and `from` is
 * not a DSA key that has them. */
xc_err xc_spki_inherit(xc_spki *k, const xc_spki *from);

/* Reads a PKCS#1 RSAPublicKey (an "RSA PUBLIC KEY" PEM block's DER) as an
 * RSA key: rsa_n, rsa_e, bits. */
xc_err xc_spki_parse_pkcs1(xc_spki *k, xc_slice der, size_t *off);

#endif
