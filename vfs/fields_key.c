/*
 * vfs/fields_key.c - public_key/: a SubjectPublicKeyInfo as files (see
 * fields.h). The SPKI's own bytes (der, pem, the SHA-256 pin) are shown
 * whatever the key is; the decoded values only for a key the core reads,
 * as pyca's public_key() raises for the others.
 */
#include "fields.h"

#include <stdlib.h>

/* An INTEGER's contents in decimal or hex (xc/int.h) as a file. */
static void int_file(cfs_tree *t, cfs_node *dir, const char *name, xc_slice v, bool hex)
{
	size_t cap = (hex ? XC_INT_HEX_MAX(v.len) : XC_INT_DEC_MAX(v.len)) + 1;
	char *buf = malloc(cap);
	xc_err e;

	if (!buf) {
		cfs_tree_fail(t);
		return;
	}
	e = hex ? xc_int_to_hex(v, buf, cap, NULL) : xc_int_to_dec(v, buf, cap, NULL);
	if (e == XC_OK)
		cfs_printf(t, dir, name, "%s", buf);
	free(buf);
}

/* An unsigned big-endian coordinate as hex without leading zero octets,
 * the form modulus has (xc_int_to_hex). */
static void coord_file(cfs_tree *t, cfs_node *dir, const char *name, xc_slice v)
{
	while (v.len > 1 && v.p[0] == 0) {
		v.p++;
		v.len--;
	}
	cfs_hex(t, dir, name, v);
}

/* x and y of an uncompressed point (SEC 1 2.3.3: 04 || X || Y); pyca
 * would decompress a compressed one, which is not worth a field here. */
static void ec_point(cfs_tree *t, cfs_node *dir, xc_slice pt)
{
	size_t half;

	if (pt.len < 3 || pt.p[0] != 0x04 || (pt.len - 1) % 2)
		return;
	half = (pt.len - 1) / 2;
	coord_file(t, dir, "x", xc_slice_make(pt.p + 1, half));
	coord_file(t, dir, "y", xc_slice_make(pt.p + 1 + half, half));
}

/* The algorithm OID of an SPKI the core could not decode, for `algorithm`. */
static bool spki_alg(xc_slice raw, xc_algid *alg)
{
	xc_der d, in;

	xc_der_init(&d, raw.p, raw.len);
	return xc_der_enter(&d, XC_TAG_SEQUENCE, &in) == XC_OK &&
	       xc_der_read_algid(&in, alg) == XC_OK;
}

static void oid_line(cfs_tree *t, cfs_node *dir, const char *name, xc_slice oid)
{
	char dotted[XC_OID_DOTTED_MAX];

	if (xc_oid_to_dotted(oid, dotted, sizeof(dotted), NULL) == XC_OK)
		cfs_printf(t, dir, name, "%s", dotted);
}

/* see fields.h */
void cfs_fields_public_key(cfs_tree *t, cfs_node *parent, xc_slice spki_raw,
			   const uint8_t *base)
{
	cfs_node *d = cfs_dir(t, parent, "public_key");
	uint8_t md[XC_HASH_MAX];
	const char *type;
	xc_spki k;
	size_t off = 0;
	xc_err e;

	cfs_file(t, d, "der", spki_raw.p, spki_raw.len);
	cfs_pem(t, d, "pem", "PUBLIC KEY", spki_raw);
	if (xc_fingerprint(XC_HASH_SHA256, spki_raw, md, sizeof(md)) == XC_OK) {
		xc_slice fp = xc_slice_make(md, xc_hash_size(XC_HASH_SHA256));
		cfs_node *fd = cfs_dir(t, d, "fingerprint");

		cfs_hex(t, fd, "sha256", fp);
		cfs_colon_hex(t, fd, "sha256_colon", fp);
	}
	cfs_pin_file(t, d, spki_raw);

	e = xc_spki_parse(&k, spki_raw, base, &off);
	if (e != XC_OK) {
		xc_algid alg;

		cfs_field_error(t, d, NULL, e, off);
		if (spki_alg(spki_raw, &alg))
			oid_line(t, d, "algorithm", alg.oid);
		return;
	}
	type = xc_key_type_name(k.type);
	if (type)
		cfs_printf(t, d, "algorithm", "%s", type);
	else
		oid_line(t, d, "algorithm", k.alg.oid);
	if (k.bits)
		cfs_printf(t, d, "key_size", "%zu", k.bits);
	switch (k.type) {
	case XC_KEY_RSA:
	case XC_KEY_RSA_PSS:
		int_file(t, d, "public_exponent", k.rsa_e, false);
		int_file(t, d, "modulus", k.rsa_n, true);
		break;
	case XC_KEY_EC: {
		const xc_oid_info *c = xc_oid_info_of(k.curve);

		if (c)
			cfs_printf(t, d, "curve", "%s", c->name);
		else
			oid_line(t, d, "curve", k.curve_oid);
		ec_point(t, d, k.ec_point);
		break;
	}
	case XC_KEY_UNKNOWN:
	case XC_KEY_ED25519:
	case XC_KEY_ED448:
	case XC_KEY_DSA:
	case XC_KEY_X25519:
	case XC_KEY_X448:
	case XC_KEY_DH:
		break;
	}
}
