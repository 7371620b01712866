/*
 * inner.h - private helpers shared by the core's source files.
 */
#ifndef XC_INNER_H
#define XC_INNER_H

#include <xc/xc.h>

/* Keeps a function out of line: a big stack frame out of its callers'
 * (verify_ec.c), or a rare slow path out of a hot one whose callee-saved
 * registers it would otherwise make every call save (der.c). */
#if defined(__GNUC__)
#define XC_NOINLINE __attribute__((noinline))
#else
#define XC_NOINLINE
#endif

/* Sets *off (if off is non-NULL) from a reader's first error and returns
 * that error; used at every public parse entry point. */
static inline xc_err xc__report(const xc_der *d, xc_err e, size_t *off)
{
	if (off)
		*off = d->err ? xc_der_error_offset(d) : xc_der_offset(d);
	return e;
}

/* Appends n bytes to a bounded output; returns false when out of room.
 * Used by every formatter so buffer checks live in one place. */
typedef struct xc_out {
	char *buf;
	size_t cap;
	size_t len;
	bool overflow;
} xc_out;

static inline void xc_out_init(xc_out *o, char *buf, size_t cap)
{
	o->buf = buf;
	o->cap = cap;
	o->len = 0;
	o->overflow = cap == 0;
	if (cap)
		buf[0] = '\0';
}

static inline void xc_out_put(xc_out *o, const void *p, size_t n)
{
	if (o->overflow || n >= o->cap - o->len) {
		o->overflow = true;
		return;
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static inline void xc_out_c(xc_out *o, char c)
{
	xc_out_put(o, &c, 1);
}

static inline void xc_out_s(xc_out *o, const char *s)
{
	xc_out_put(o, s, strlen(s));
}

/* XC_OK, or XC_ERR_BUFFER if anything did not fit; *len gets the length. */
static inline xc_err xc_out_done(const xc_out *o, size_t *len)
{
	if (len)
		*len = o->overflow ? 0 : o->len;
	return o->overflow ? XC_ERR_BUFFER : XC_OK;
}

/* DER SET OF order (X.690 11.6): true if encoding a sorts before b, the
 * shorter one compared as if padded with zero octets at its end. */
static inline bool xc__set_of_less(xc_slice a, xc_slice b)
{
	size_t n = a.len < b.len ? a.len : b.len;
	int c = memcmp(a.p, b.p, n);
	if (c)
		return c < 0;
	for (size_t i = n; i < b.len; i++)
		if (b.p[i])
			return true;
	return false;
}

/* UTF-8 (name.c): xc__utf8_next reads one strict sequence of p[*i..n)
 * (no overlong form, no surrogate, nothing above U+10FFFF; *i < n) into
 * *cp and moves *i past it, false if there is none; xc__utf8_encode
 * writes a code point (at most U+10FFFF) and returns its length. Shared
 * with name_openssl.c, which reads and writes the same encoding. */
bool xc__utf8_next(const uint8_t *p, size_t n, size_t *i, uint32_t *cp);
size_t xc__utf8_encode(uint32_t cp, uint8_t b[4]);

/* Shared by cert.c, crl.c and csr.c (signed.c). */
xc_err xc__read_name(xc_der *d, xc_slice *contents, xc_slice *raw);
xc_err xc__read_exts(xc_der *d, xc_slice *exts, size_t *count);
xc_err xc__read_signed(xc_der *d, xc_slice *whole, xc_slice *tbs, xc_der *tbs_in,
                       xc_algid *sig_alg, xc_slice *signature);
xc_err xc__read_spki(xc_der *d, xc_slice *spki);

/* Splits a DER SEQUENCE { INTEGER r, INTEGER s } into r and s without
 * their sign octet (der.c; ECDSA's and DSA's signatures share the form,
 * verify_ec.c and verify_dsa.c). Strict: shortest-form lengths and
 * integers, both positive, nothing after. False if malformed. */
bool xc__sig_rs(xc_slice sig, xc_slice *r, xc_slice *s);

/* The keyIdentifier of an authorityKeyIdentifier among the extensions
 * `exts` (contents, maybe absent): 1 with *kid set, 0 if there is none (no
 * extension, or one without keyIdentifier), -1 if the extension is
 * malformed (chain.c). */
int xc__aki_key_id(xc_slice exts, xc_slice *kid);

/* How the certificate `issuer` matches an object whose issuer Name is
 * `name` and whose extensions are `exts` (chain.c; xc_cert_chains_to()
 * is "not NONE"): the names equal and the AKI keyIdentifier equals the
 * SKI (KEY_ID), the names equal and one of the two is absent (NAME), or
 * no match (names differ, key identifiers differ, or either extension
 * malformed). */
typedef enum xc__match { XC__MATCH_NONE, XC__MATCH_NAME, XC__MATCH_KEY_ID } xc__match;
xc__match xc__issuer_match(xc_slice name, xc_slice exts, const xc_cert *issuer);

#endif
