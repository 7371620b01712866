/*
 * issuer/key_pkcs8.c - writing a key as PKCS#8 (key.h).
 *
 *   PrivateKeyInfo ::= SEQUENCE {              (RFC 5208 5)
 *       version              INTEGER (0),
 *       privateKeyAlgorithm  AlgorithmIdentifier,
 *       privateKey           OCTET STRING }
 *
 * privateKey is PKCS#1 RSAPrivateKey, SEC 1 ECPrivateKey (with the curve
 * and the public key, as OpenSSL and pyca write it) or RFC 8410's
 * CurvePrivateKey (version 0 without the public key: wolfSSL 5.7.2's
 * wc_Ed*KeyToDer puts [1] under version 0, which OpenSSL refuses).
 */
#include "key_int.h"

#include <stdlib.h>
#include <string.h>

#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/error-crypt.h>

#include "out.h"

/* Room for an RSA-8192 PKCS#1 key (about 4.7 KB) and its wrappings. */
#define KEY_DER_MAX 6144

/* The key-specific privateKey contents into buf; its length or -1. */
static int inner_key(const ci_key *k, uint8_t *buf, size_t cap, ci_msg *m)
{
	ci_key *kk = (ci_key *)k;       /* wolfCrypt's exporters are not const */
	uint8_t raw[ED448_KEY_SIZE];
	word32 rl = sizeof(raw);
	ci_der w;
	int ret;

	switch (k->type) {
	case CI_KEY_RSA:
		ret = wc_RsaKeyToDer(&kk->k.rsa, buf, (word32)cap);
		break;
	case CI_KEY_EC:
		ret = wc_EccKeyToDer(&kk->k.ec, buf, (word32)cap);
		break;
	case CI_KEY_ED25519:
	case CI_KEY_ED448:
		ret = k->type == CI_KEY_ED25519 ?
		      wc_ed25519_export_private_only(&kk->k.ed25519, raw, &rl) :
		      wc_ed448_export_private_only(&kk->k.ed448, raw, &rl);
		if (ret != 0)
			break;
		ci_der_init(&w, buf, cap);
		ci_der_tlv(&w, CI_TAG_OCTET_STRING, raw, rl);
		ci_wipe(raw, sizeof(raw));
		ret = ci_der_finish(&w) == CI_DER_OK ? (int)w.len : BUFFER_E;
		break;
	default:
		ret = BAD_FUNC_ARG;
		break;
	}
	if (ret <= 0)
		return ci_fail(m, "exporting the private key failed in wolfCrypt (%s)",
			       ci_wc_error(ret));
	return ret;
}

static void key_algid(const ci_key *k, ci_der *w)
{
	ci_der_begin(w, CI_TAG_SEQUENCE);
	switch (k->type) {
	case CI_KEY_RSA:
		ci_der_oid(w, CI_OID_RSA);
		ci_der_null(w);
		break;
	case CI_KEY_EC:
		ci_der_oid(w, CI_OID_EC);
		ci_der_oid(w, ci_curve_oid(k->curve));
		break;
	case CI_KEY_ED25519:
		ci_der_oid(w, CI_OID_ED25519);
		break;
	case CI_KEY_ED448:
		ci_der_oid(w, CI_OID_ED448);
		break;
	}
	ci_der_end(w);
}

int ci_key_write_pkcs8(const ci_key *k, const char *passphrase, bool der,
		       WC_RNG *rng, uint8_t **out, size_t *out_len, ci_msg *m)
{
	uint8_t *inner = malloc(KEY_DER_MAX), *p8 = malloc(KEY_DER_MAX);
	uint8_t *enc = malloc(KEY_DER_MAX + 256);
	bool encrypt = passphrase && passphrase[0];
	ci_der w, e;
	xc_slice res;
	int n, rc = -1;

	if (!inner || !p8 || !enc) {
		ci_fail(m, "out of memory");
		goto done;
	}
	if (k->type == CI_KEY_EC && !ci_curve_oid(k->curve)) {
		ci_fail(m, "EC keys are written on P-256, P-384 and P-521 only");
		goto done;
	}
	n = inner_key(k, inner, KEY_DER_MAX, m);
	if (n < 0)
		goto done;
	ci_der_init(&w, p8, KEY_DER_MAX);
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	ci_der_int(&w, 0);
	key_algid(k, &w);
	ci_der_tlv(&w, CI_TAG_OCTET_STRING, inner, (size_t)n);
	ci_der_end(&w);
	if (ci_der_finish(&w) != CI_DER_OK) {
		ci_fail(m, "writing PKCS#8: %s", ci_der_err_name(ci_der_finish(&w)));
		goto done;
	}
	res = ci_der_out(&w);
	if (encrypt) {
		ci_der_init(&e, enc, KEY_DER_MAX + 256);
		if (ci_pbes2_encrypt(res.p, res.len, passphrase, rng, &e, m))
			goto done;
		res = ci_der_out(&e);
	}
	if (der) {
		*out = malloc(res.len);
		if (!*out) {
			ci_fail(m, "out of memory");
			goto done;
		}
		memcpy(*out, res.p, res.len);
		*out_len = res.len;
		rc = 0;
	} else {
		rc = ci_pem_encode(encrypt ? "ENCRYPTED PRIVATE KEY" : "PRIVATE KEY",
				   res.p, res.len, out, out_len, m);
	}
done:
	if (inner)
		ci_wipe(inner, KEY_DER_MAX);
	if (p8)
		ci_wipe(p8, KEY_DER_MAX);
	free(inner);
	free(p8);
	free(enc);
	return rc;
}
