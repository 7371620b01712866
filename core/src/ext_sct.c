/* Signed Certificate Timestamp lists: see xc/ext_sct.h. */
#include "inner.h"

/*
 * TLS encoding (RFC 8446 section 3) is read with a plain cursor: a slice
 * that shrinks from the front. On failure *at gets the position, for the
 * error offset.
 */
static bool take(xc_slice *s, size_t n, xc_slice *out)
{
	if (s->len < n)
		return false;
	*out = xc_slice_make(s->p, n);
	s->p += n;
	s->len -= n;
	return true;
}

static bool take_u16_prefixed(xc_slice *s, xc_slice *out)
{
	xc_slice l;

	if (!take(s, 2, &l))
		return false;
	return take(s, (size_t)l.p[0] << 8 | l.p[1], out);
}

/* One length-prefixed SCT from the list. */
static xc_err read_sct(xc_slice *rest, xc_sct *out, const uint8_t **at)
{
	xc_slice body, b;

	memset(out, 0, sizeof(*out));
	*at = rest->p;
	if (!take_u16_prefixed(rest, &body))
		return XC_ERR_TRUNCATED;
	out->raw = body;
	*at = body.p;
	if (!take(&body, 1, &b))
		return XC_ERR_TRUNCATED;
	out->version = b.p[0];
	if (out->version != 0)
		return XC_ERR_VERSION;
	*at = body.p;
	if (!take(&body, XC_SCT_LOG_ID_LEN, &out->log_id) || !take(&body, 8, &b))
		return XC_ERR_TRUNCATED;
	for (size_t i = 0; i < 8; i++)
		out->timestamp = out->timestamp << 8 | b.p[i];
	*at = body.p;
	if (!take_u16_prefixed(&body, &out->extensions))
		return XC_ERR_TRUNCATED;
	*at = body.p;
	if (!take(&body, 2, &b))
		return XC_ERR_TRUNCATED;
	out->hash_alg = b.p[0];
	out->sig_alg = b.p[1];
	/* pyca refuses "none" and "anonymous" along with unknown values. */
	if (!xc_sct_hash_name(out->hash_alg))
		return XC_ERR_UNSUPPORTED;
	*at = body.p - 1;
	if (!xc_sct_sig_name(out->sig_alg))
		return XC_ERR_UNSUPPORTED;
	*at = body.p;
	if (!take_u16_prefixed(&body, &out->signature))
		return XC_ERR_TRUNCATED;
	/* Bytes left in body are ignored, as pyca 38 ignores them. */
	return XC_OK;
}

/* see xc/ext_sct.h */
xc_err xc_scts_decode(xc_scts *out, xc_slice value, xc_sct_entry_type entry_type,
                      const uint8_t *base, size_t *off)
{
	xc_der d;
	xc_slice os, rest;
	xc_sct sct;
	const uint8_t *at;
	xc_err e;

	memset(out, 0, sizeof(*out));
	out->entry_type = entry_type;
	xc_der_init_at(&d, value, base ? base : value.p);
	if ((e = xc_der_expect(&d, XC_TAG_OCTET_STRING, &os)) || (e = xc_der_finish(&d)))
		return xc__report(&d, e, off);
	/* Whatever follows the list inside the OCTET STRING is ignored, as
	 * pyca 38 ignores it. */
	at = os.p;
	if (!take_u16_prefixed(&os, &out->list))
		return xc__report(&d, xc_der_fail(&d, XC_ERR_TRUNCATED, at), off);
	rest = out->list;
	while (rest.len) {
		if ((e = read_sct(&rest, &sct, &at)))
			return xc__report(&d, xc_der_fail(&d, e, at), off);
		out->count++;
	}
	return xc__report(&d, XC_OK, off);
}

/* see xc/ext_sct.h */
void xc_sct_iter_init(xc_sct_iter *it, const xc_scts *scts)
{
	it->rest = scts->list;
	it->entry_type = scts->entry_type;
}

/* see xc/ext_sct.h */
xc_err xc_sct_next(xc_sct_iter *it, xc_sct *out)
{
	const uint8_t *at;
	xc_err e;

	if (it->rest.len == 0)
		return XC_END;
	if ((e = read_sct(&it->rest, out, &at))) {
		it->rest.len = 0;
		return e;
	}
	out->entry_type = it->entry_type;
	return XC_OK;
}

/* Indexed by the TLS HashAlgorithm and SignatureAlgorithm codes (RFC 5246
 * 7.4.1.4.1); the names are pyca's. */
static const char *const hash_names[] = {
	[1] = "md5", [2] = "sha1", [3] = "sha224", [4] = "sha256", [5] = "sha384", [6] = "sha512",
};

static const char *const sig_names[] = {
	[1] = "RSA", [2] = "DSA", [3] = "ECDSA",
};

/* see xc/ext_sct.h */
const char *xc_sct_hash_name(unsigned hash_alg)
{
	if (hash_alg >= sizeof(hash_names) / sizeof(hash_names[0]))
		return NULL;
	return hash_names[hash_alg];
}

/* see xc/ext_sct.h */
const char *xc_sct_sig_name(unsigned sig_alg)
{
	if (sig_alg >= sizeof(sig_names) / sizeof(sig_names[0]))
		return NULL;
	return sig_names[sig_alg];
}

/* see xc/ext_sct.h */
const char *xc_sct_entry_type_name(xc_sct_entry_type t)
{
	switch (t) {
	case XC_SCT_X509_CERTIFICATE:
		return "X509_CERTIFICATE";
	case XC_SCT_PRECERTIFICATE:
		return "PRE_CERTIFICATE";
	}
	return NULL;
}
