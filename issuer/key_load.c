/*
 * issuer/key_load.c - reading a private key in any of the forms key.h
 * lists.
 *
 * The envelope (PEM label, PKCS#8, SEC 1, RFC 8410) is read with the
 * core's strict DER reader, so every form is told apart here and each
 * failure says what it is; wolfCrypt only decodes an RSA key's PKCS#1 and
 * imports raw EC/EdDSA private values. Old OpenSSL encrypted PEM
 * ("Proc-Type: 4,ENCRYPTED") is decrypted by wolfCrypt's wc_KeyPemToDer.
 */
#include "key_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/error-crypt.h>

#include <xc/der.h>
#include <xc/oid.h>
#include <xc/pem.h>

/* A key file is small; this bounds what a wrong --key (a disk image)
 * makes certissue read. */
#define KEY_FILE_MAX (1u << 20)
#define PASS_MAX 1024

typedef enum key_form {
	FORM_PKCS8,             /* PrivateKeyInfo / OneAsymmetricKey */
	FORM_PKCS8_ENC,         /* EncryptedPrivateKeyInfo */
	FORM_PKCS1,             /* RSAPrivateKey */
	FORM_SEC1,              /* ECPrivateKey */
} key_form;

int ci_read_file(const char *path, uint8_t **buf, size_t *len, size_t max, ci_msg *m)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rbe") : stdin;
	uint8_t *b;
	size_t n;

	if (!f)
		return ci_fail(m, "%s: %s", path, strerror(errno));
	b = malloc(max + 1);
	if (!b) {
		if (f != stdin)
			fclose(f);
		return ci_fail(m, "out of memory");
	}
	n = fread(b, 1, max + 1, f);
	if (ferror(f) || n > max) {
		int err = ferror(f) ? errno : EFBIG;

		if (f != stdin)
			fclose(f);
		free(b);
		return ci_fail(m, "%s: %s", path, err == EFBIG ?
			       "too large for a key file" : strerror(err));
	}
	if (f != stdin)
		fclose(f);
	*buf = b;
	*len = n;
	return 0;
}

/* The curves certissue signs with, by OID. */
static int curve_of(xc_slice oid, unsigned *bits)
{
	static const struct { const char *oid; int curve; unsigned bits; } curves[] = {
		{ CI_OID_P256, ECC_SECP256R1, 256 },
		{ CI_OID_P384, ECC_SECP384R1, 384 },
		{ CI_OID_P521, ECC_SECP521R1, 521 },
	};
	char dotted[XC_OID_DOTTED_MAX];
	size_t len;

	if (xc_oid_to_dotted(oid, dotted, sizeof(dotted), &len))
		return 0;
	for (size_t i = 0; i < sizeof(curves) / sizeof(curves[0]); i++)
		if (!strcmp(curves[i].oid, dotted)) {
			*bits = curves[i].bits;
			return curves[i].curve;
		}
	return 0;
}

static int rsa_from_pkcs1(ci_key *k, xc_slice der, ci_msg *m)
{
	word32 idx = 0;
	int ret = wc_InitRsaKey(&k->k.rsa, NULL);

	k->type = CI_KEY_RSA;
	k->live = ret == 0;
	if (ret == 0)
		ret = wc_RsaPrivateKeyDecode(der.p, &idx, &k->k.rsa, (word32)der.len);
	if (ret == 0 && idx != der.len)
		ret = ASN_PARSE_E;
	if (ret != 0)
		return ci_fail(m, "malformed RSA private key (%s)", ci_wc_error(ret));
	return 0;
}

/* RFC 5915 3:
 *   ECPrivateKey ::= SEQUENCE {
 *       version        INTEGER { ecPrivkeyVer1(1) },
 *       privateKey     OCTET STRING,
 *       parameters [0] ECParameters {{ NamedCurve }} OPTIONAL,
 *       publicKey  [1] BIT STRING OPTIONAL }
 * `curve_oid` is the curve named around it (PKCS#8's AlgorithmIdentifier),
 * empty for a bare `EC PRIVATE KEY`. */
static int ec_from_sec1(ci_key *k, xc_slice der, xc_slice curve_oid, ci_msg *m)
{
	xc_der top, d, params;
	xc_slice ver, priv, oid = curve_oid, pub = { 0 }, pv;
	int64_t v;
	bool has;
	int ret;

	xc_der_init(&top, der.p, der.len);
	if (xc_der_enter(&top, XC_TAG_SEQUENCE, &d) || xc_der_read_int(&d, &ver) ||
	    xc_der_int_to_i64(ver, &v) || v != 1 ||
	    xc_der_expect(&d, XC_TAG_OCTET_STRING, &priv) || xc_der_finish(&top))
		return ci_fail(m, "malformed EC private key (RFC 5915)");
	if (xc_der_peek(&d, XC_TAG_CTX_CONS(0))) {
		xc_slice inner;

		if (xc_der_enter(&d, XC_TAG_CTX_CONS(0), &params) ||
		    xc_der_read_oid(&params, &inner))
			return ci_fail(m, "EC private key: parameters are not a named"
				       " curve (explicit parameters are not supported)");
		if (oid.p && !xc_slice_eq(oid, inner))
			return ci_fail(m, "EC private key: two different curves named");
		oid = inner;
	}
	if (xc_der_optional(&d, XC_TAG_CTX_CONS(1), &pv, &has) ||
	    xc_der_finish(&d))
		return ci_fail(m, "malformed EC private key (RFC 5915)");
	if (has) {
		xc_der b;
		unsigned unused;

		xc_der_init(&b, pv.p, pv.len);
		if (xc_der_read_bits(&b, &pub, &unused) || unused || xc_der_finish(&b))
			return ci_fail(m, "EC private key: malformed public key");
	}
	if (!oid.p)
		return ci_fail(m, "EC private key without a curve");
	k->type = CI_KEY_EC;
	k->curve = curve_of(oid, &k->bits);
	if (!k->curve)
		return ci_fail(m, "EC private key on a curve certissue does not sign"
			       " with (P-256, P-384, P-521)");
	ret = wc_ecc_init(&k->k.ec);
	k->live = ret == 0;
	if (ret == 0)
		ret = wc_ecc_import_private_key_ex(priv.p, (word32)priv.len, pub.p,
						   (word32)pub.len, &k->k.ec, k->curve);
	/* Without a public key in the file, compute it from the private. */
	if (ret == 0 && !pub.p)
		ret = wc_ecc_make_pub(&k->k.ec, NULL);
	if (ret == 0)
		ret = wc_ecc_check_key(&k->k.ec);
	if (ret != 0)
		return ci_fail(m, "EC private key rejected by wolfCrypt (%s)", ci_wc_error(ret));
	return 0;
}

/* RFC 8410 7: privateKey is CurvePrivateKey ::= OCTET STRING (the
 * 32- or 57-byte seed); the optional [1] publicKey of v2 must be the one
 * the seed makes. */
static int eddsa_from(ci_key *k, ci_key_type type, xc_slice priv, xc_slice pub,
		      ci_msg *m)
{
	xc_der d;
	xc_slice seed;
	uint8_t made[ED448_PUB_KEY_SIZE];
	size_t want = type == CI_KEY_ED25519 ? ED25519_KEY_SIZE : ED448_KEY_SIZE;
	size_t plen = type == CI_KEY_ED25519 ? ED25519_PUB_KEY_SIZE : ED448_PUB_KEY_SIZE;
	int ret;

	xc_der_init(&d, priv.p, priv.len);
	if (xc_der_expect(&d, XC_TAG_OCTET_STRING, &seed) || xc_der_finish(&d) ||
	    seed.len != want)
		return ci_fail(m, "malformed %s private key (RFC 8410)",
			       type == CI_KEY_ED25519 ? "Ed25519" : "Ed448");
	k->type = type;
	if (type == CI_KEY_ED25519) {
		k->bits = 255;
		ret = wc_ed25519_init(&k->k.ed25519);
		k->live = ret == 0;
		if (ret == 0)
			ret = wc_ed25519_import_private_only(seed.p, (word32)want, &k->k.ed25519);
		if (ret == 0)
			ret = wc_ed25519_make_public(&k->k.ed25519, made, (word32)plen);
		if (ret == 0)
			ret = wc_ed25519_import_private_key(seed.p, (word32)want, made,
							    (word32)plen, &k->k.ed25519);
	} else {
		k->bits = 448;
		ret = wc_ed448_init(&k->k.ed448);
		k->live = ret == 0;
		if (ret == 0)
			ret = wc_ed448_import_private_only(seed.p, (word32)want, &k->k.ed448);
		if (ret == 0)
			ret = wc_ed448_make_public(&k->k.ed448, made, (word32)plen);
		if (ret == 0)
			ret = wc_ed448_import_private_key(seed.p, (word32)want, made,
							  (word32)plen, &k->k.ed448);
	}
	if (ret != 0)
		return ci_fail(m, "EdDSA private key rejected by wolfCrypt (%s)",
			       ci_wc_error(ret));
	if (pub.p && (pub.len != plen || memcmp(pub.p, made, plen)))
		return ci_fail(m, "the public key in the file is not the private key's");
	return 0;
}

/* RFC 5958 2:
 *   OneAsymmetricKey ::= SEQUENCE {
 *       version                   Version (v1(0) or v2(1)),
 *       privateKeyAlgorithm       PrivateKeyAlgorithmIdentifier,
 *       privateKey                PrivateKey (OCTET STRING),
 *       attributes            [0] Attributes OPTIONAL,
 *       ...,
 *       [[2: publicKey        [1] PublicKey OPTIONAL ]] } */
static int from_pkcs8(ci_key *k, xc_slice der, ci_msg *m)
{
	xc_der top, d, alg;
	xc_slice ver, oid, priv, pub = { 0 }, attrs, curve = { 0 };
	char dotted[XC_OID_DOTTED_MAX];
	int64_t v;
	size_t len;
	bool has;

	xc_der_init(&top, der.p, der.len);
	if (xc_der_enter(&top, XC_TAG_SEQUENCE, &d) || xc_der_read_int(&d, &ver) ||
	    xc_der_int_to_i64(ver, &v) || (v != 0 && v != 1) ||
	    xc_der_enter(&d, XC_TAG_SEQUENCE, &alg) || xc_der_read_oid(&alg, &oid) ||
	    xc_der_expect(&d, XC_TAG_OCTET_STRING, &priv) ||
	    xc_der_optional(&d, XC_TAG_CTX_CONS(0), &attrs, &has) ||
	    xc_oid_to_dotted(oid, dotted, sizeof(dotted), &len))
		return ci_fail(m, "malformed PKCS#8 private key");
	if (xc_der_peek(&d, XC_TAG_CTX(1))) {
		xc_slice bits;

		if (v != 1 || xc_der_expect(&d, XC_TAG_CTX(1), &bits) || bits.len < 1 ||
		    bits.p[0] != 0)
			return ci_fail(m, "malformed PKCS#8 public key (v2)");
		pub = xc_slice_make(bits.p + 1, bits.len - 1);
	}
	if (xc_der_finish(&d) || xc_der_finish(&top))
		return ci_fail(m, "malformed PKCS#8 private key");
	if (!strcmp(dotted, CI_OID_RSA))
		return rsa_from_pkcs1(k, priv, m);
	if (!strcmp(dotted, CI_OID_EC)) {
		if (xc_der_read_oid(&alg, &curve))
			return ci_fail(m, "PKCS#8 EC key: the curve is not a named curve");
		return ec_from_sec1(k, priv, curve, m);
	}
	if (!strcmp(dotted, CI_OID_ED25519))
		return eddsa_from(k, CI_KEY_ED25519, priv, pub, m);
	if (!strcmp(dotted, CI_OID_ED448))
		return eddsa_from(k, CI_KEY_ED448, priv, pub, m);
	return ci_fail(m, "PKCS#8 key of algorithm %s: not supported (RSA, EC,"
		       " Ed25519, Ed448)", dotted);
}

/* DER without a label: told apart by the first fields of the SEQUENCE. */
static int guess_form(xc_slice der, key_form *form)
{
	xc_der top, d;
	xc_tlv a, b;

	xc_der_init(&top, der.p, der.len);
	if (xc_der_enter(&top, XC_TAG_SEQUENCE, &d) || xc_der_read(&d, &a) ||
	    xc_der_read(&d, &b))
		return -1;
	if (a.tag == XC_TAG_SEQUENCE && b.tag == XC_TAG_OCTET_STRING)
		*form = FORM_PKCS8_ENC;
	else if (a.tag != XC_TAG_INTEGER)
		return -1;
	else if (b.tag == XC_TAG_SEQUENCE)
		*form = FORM_PKCS8;
	else if (b.tag == XC_TAG_INTEGER)
		*form = FORM_PKCS1;
	else if (b.tag == XC_TAG_OCTET_STRING)
		*form = FORM_SEC1;
	else
		return -1;
	return 0;
}

static int from_form(ci_key *k, key_form form, xc_slice der, const char *name,
		     const ci_pass_src *pass, ci_msg *m)
{
	char pw[PASS_MAX];
	uint8_t *plain;
	size_t n;
	int rc;

	switch (form) {
	case FORM_PKCS8:
		return from_pkcs8(k, der, m);
	case FORM_PKCS1:
		return rsa_from_pkcs1(k, der, m);
	case FORM_SEC1:
		return ec_from_sec1(k, der, xc_slice_make(NULL, 0), m);
	case FORM_PKCS8_ENC:
		break;
	}
	if (ci_pass_get(pass, true, false, pw, sizeof(pw), m))
		return -1;
	plain = malloc(der.len);
	if (!plain)
		return ci_fail(m, "out of memory");
	rc = ci_pbes2_decrypt(der, pw, plain, der.len, &n, m);
	ci_wipe(pw, sizeof(pw));
	if (rc == CI_WRONG_PASS)
		ci_fail(m, "wrong passphrase for %s", name);
	else if (rc == 0)
		rc = from_pkcs8(k, xc_slice_make(plain, n), m);
	ci_wipe(plain, der.len);
	free(plain);
	return rc;
}

static bool label_is(xc_slice label, const char *s)
{
	return label.len == strlen(s) && !memcmp(label.p, s, label.len);
}

/* OpenSSL's traditional encrypted PEM (RFC 1421 headers in the block). */
static bool has_headers(const xc_pem_block *b)
{
	return memmem(b->body.p, b->body.len, "Proc-Type:", 10) != NULL;
}

/* RFC 1421 headers as OpenSSL writes them: "Proc-Type: 4,ENCRYPTED" and
 * "DEK-Info: CIPHER,IV". wolfCrypt decrypts AES-CBC; anything else
 * (DES-EDE3-CBC, which this build lacks) is named, not taken for a
 * wrong passphrase. */
static int legacy_cipher_check(const xc_pem_block *b, ci_msg *m)
{
	static const char *const aes[] = { "AES-128-CBC,", "AES-192-CBC,", "AES-256-CBC," };
	const uint8_t *end = b->body.p + b->body.len;
	const uint8_t *dek = memmem(b->body.p, b->body.len, "DEK-Info:", 9);
	const uint8_t *comma;

	if (!memmem(b->body.p, b->body.len, "4,ENCRYPTED", 11) || !dek)
		return ci_fail(m, "PEM headers without Proc-Type: 4,ENCRYPTED and DEK-Info");
	for (dek += 9; dek < end && *dek == ' '; dek++)
		;
	for (size_t i = 0; i < sizeof(aes) / sizeof(aes[0]); i++)
		if ((size_t)(end - dek) > strlen(aes[i]) && !memcmp(dek, aes[i], strlen(aes[i])))
			return 0;
	comma = memchr(dek, ',', (size_t)(end - dek));
	if (!comma || comma - dek > 40)
		return ci_fail(m, "malformed DEK-Info header");
	return ci_fail(m, "the key is encrypted with %.*s, which certissue does not read"
		       " (AES-128/192/256-CBC only; re-encrypt it)", (int)(comma - dek),
		       (const char *)dek);
}

static int from_legacy_pem(ci_key *k, const uint8_t *buf, const xc_pem_block *b,
			   bool rsa, const char *name, const ci_pass_src *pass, ci_msg *m)
{
	char pw[PASS_MAX];
	uint8_t *der;
	int n, rc;

	if (legacy_cipher_check(b, m))
		return -1;
	if (ci_pass_get(pass, true, false, pw, sizeof(pw), m))
		return -1;
	der = malloc(b->end - b->begin);
	if (!der) {
		ci_wipe(pw, sizeof(pw));
		return ci_fail(m, "out of memory");
	}
	n = wc_KeyPemToDer(buf + b->begin, (int)(b->end - b->begin), der,
			   (int)(b->end - b->begin), pw);
	ci_wipe(pw, sizeof(pw));
	if (n <= 0) {
		rc = n == BAD_FUNC_ARG || n == BUFFER_E ?
		     ci_fail(m, "malformed encrypted PEM key (%s)", ci_wc_error(n)) :
		     ci_fail(m, "wrong passphrase for %s", name);
	} else {
		rc = rsa ? rsa_from_pkcs1(k, xc_slice_make(der, (size_t)n), m) :
		     ec_from_sec1(k, xc_slice_make(der, (size_t)n), xc_slice_make(NULL, 0), m);
		if (rc)
			ci_fail(m, "wrong passphrase for %s", name);
	}
	ci_wipe(der, b->end - b->begin);
	free(der);
	return rc;
}

static int from_pem(ci_key *k, uint8_t *buf, size_t len, const char *name,
		    const ci_pass_src *pass, ci_msg *m)
{
	static const struct { const char *label; key_form form; } labels[] = {
		{ "PRIVATE KEY", FORM_PKCS8 },
		{ "ENCRYPTED PRIVATE KEY", FORM_PKCS8_ENC },
		{ "RSA PRIVATE KEY", FORM_PKCS1 },
		{ "EC PRIVATE KEY", FORM_SEC1 },
	};
	xc_pem_iter it;
	xc_pem_block b;
	size_t off, n;
	xc_err e;

	xc_pem_iter_init(&it, buf, len);
	while ((e = xc_pem_next(&it, &b, &off)) != XC_END) {
		if (e != XC_OK)
			continue;       /* a broken block of something else */
		for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
			if (!label_is(b.label, labels[i].label))
				continue;
			if (has_headers(&b) && (labels[i].form == FORM_PKCS1 ||
						labels[i].form == FORM_SEC1))
				return from_legacy_pem(k, buf, &b, labels[i].form == FORM_PKCS1,
						       name, pass, m);
			if (has_headers(&b))
				return ci_fail(m, "PEM headers in a %s block (only OpenSSL's"
					       " traditional RSA and EC keys have them)",
					       labels[i].label);
			/* Decoded in place: the DER is never longer than its base64. */
			if (xc_pem_decode(b.body, (uint8_t *)b.body.p, b.body.len, &n, &off))
				return ci_fail(m, "bad base64 in the %s block", labels[i].label);
			return from_form(k, labels[i].form,
					 xc_slice_make(b.body.p, n), name, pass, m);
		}
	}
	return ci_fail(m, "no private key in it (a PRIVATE KEY, ENCRYPTED PRIVATE KEY,"
		       " RSA PRIVATE KEY or EC PRIVATE KEY block)");
}

int ci_key_load_mem(ci_key *k, const uint8_t *buf, size_t len, const char *name,
		    const ci_pass_src *pass, ci_msg *m)
{
	uint8_t *copy = malloc(len ? len : 1);
	key_form form;
	int rc;

	memset(k, 0, sizeof(*k));
	if (!copy)
		return ci_fail(m, "out of memory");
	memcpy(copy, buf, len);
	if (xc_pem_detect(copy, len))
		rc = from_pem(k, copy, len, name, pass, m);
	else if (guess_form(xc_slice_make(copy, len), &form))
		rc = ci_fail(m, "not a private key (PEM or DER PKCS#8, PKCS#1, SEC 1)");
	else
		rc = from_form(k, form, xc_slice_make(copy, len), name, pass, m);
	ci_wipe(copy, len);
	free(copy);
	if (rc == 0)
		rc = ci_key_finish(k, m);
	if (rc) {
		ci_key_free(k);
		/* "wrong passphrase for NAME" already names the file. */
		if (strncmp(m->text, "wrong passphrase", 16))
			ci_fail_ctx(m, "%s: ", name);
	}
	return rc;
}

int ci_key_load(ci_key *k, const char *path, const ci_pass_src *pass, ci_msg *m)
{
	uint8_t *buf;
	size_t len;
	int rc;

	if (ci_read_file(path, &buf, &len, KEY_FILE_MAX, m))
		return -1;
	rc = ci_key_load_mem(k, buf, len, strcmp(path, "-") ? path : "standard input",
			     pass, m);
	ci_wipe(buf, len);
	free(buf);
	return rc;
}
