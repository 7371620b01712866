/*
 * path_crl_index.c - the CRL index of xc/path.h: the revoked entries'
 * offsets sorted by serial, heapsorted in place (no allocation, no
 * recursion), searched by bisection.
 */
#include <xc/ext.h>
#include <xc/path.h>

#include <string.h>

/* The entry whose TLV starts `off` bytes into crl->revoked. */
static xc_err entry_at(const xc_crl *crl, size_t off, xc_revoked *out)
{
	xc_revoked_iter it;

	xc_der_init(&it.d, crl->revoked.p + off, crl->revoked.len - off);
	return xc_revoked_next(&it, out);
}

/* The order of the index: shorter serial contents first, then bytes. DER
 * INTEGERs are minimal, so equal values have equal contents. */
static int serial_cmp(xc_slice a, xc_slice b)
{
	if (a.len != b.len)
		return a.len < b.len ? -1 : 1;
	return a.len ? memcmp(a.p, b.p, a.len) : 0;
}

static xc_slice serial_at(const xc_crl *crl, uint32_t off)
{
	xc_revoked r;

	if (entry_at(crl, off, &r) != XC_OK)
		return xc_slice_make(NULL, 0); /* cannot happen: the parser checked it */
	return r.serial;
}

static void sift_down(const xc_crl *crl, uint32_t *a, size_t root, size_t n)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n &&
		    serial_cmp(serial_at(crl, a[child]), serial_at(crl, a[child + 1])) < 0)
			child++;
		if (serial_cmp(serial_at(crl, a[root]), serial_at(crl, a[child])) >= 0)
			return;
		uint32_t t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

/* Entry extensions the verifier knows (RFC 5280 5.3). */
static bool entry_ext_known(xc_oid_id id)
{
	return id == XC_OID_CRL_REASON || id == XC_OID_INVALIDITY_DATE ||
	       id == XC_OID_CERTIFICATE_ISSUER;
}

/* See xc/path.h. */
xc_err xc_crl_index_build(xc_crl_index *ix, const xc_crl *crl, uint32_t *off, size_t cap)
{
	xc_revoked_iter it;
	xc_revoked r;
	size_t n = 0;
	xc_err e;

	*ix = (xc_crl_index){ crl, off, 0, false, false };
	xc_revoked_iter_init(&it, crl);
	while ((e = xc_revoked_next(&it, &r)) == XC_OK) {
		size_t o = (size_t)(r.raw.p - crl->revoked.p);
		xc_ext_iter ei;
		xc_ext x;

		if (n == cap || o > UINT32_MAX)
			return XC_ERR_BUFFER;
		off[n++] = (uint32_t)o;
		xc_ext_iter_init(&ei, r.extensions);
		while (r.extensions.p && xc_ext_next(&ei, &x) == XC_OK) {
			xc_oid_id id = xc_oid_lookup(x.oid);

			ix->unknown_critical |= x.critical && !entry_ext_known(id);
			ix->has_cert_issuer |= id == XC_OID_CERTIFICATE_ISSUER;
		}
	}
	if (e != XC_END)
		return e;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(crl, off, i, n);
	for (size_t end = n; end > 1; end--) {
		uint32_t t = off[0];
		off[0] = off[end - 1];
		off[end - 1] = t;
		sift_down(crl, off, 0, end - 1);
	}
	ix->n = n;
	return XC_OK;
}

/* See xc/path.h. */
xc_err xc_crl_index_find(const xc_crl_index *ix, xc_slice serial, xc_revoked *out)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		xc_err e = entry_at(ix->crl, ix->off[mid], out);
		int c;

		if (e != XC_OK)
			return e;
		c = serial_cmp(out->serial, serial);
		if (c == 0)
			return XC_OK;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return XC_NOT_FOUND;
}
