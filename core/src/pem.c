/*
 * PEM scanner and base64 decoder: see xc/pem.h.
 *
 * The scanner is as lax as OpenSSL and pyca/cryptography 38 are about where
 * a block sits (RFC 7468 section 2 lets parsers ignore the text around
 * blocks): any text before, between and after blocks, text before
 * "-----BEGIN" on its line, CRLF or LF. The decoder is strict about the
 * base64 itself (RFC 4648 section 3.3: a decoder should reject what is not
 * in the alphabet).
 */
#include "inner.h"

#define BEGIN_TAG "-----BEGIN "
#define END_TAG "-----END "
#define DASHES "-----"
#define LIT_LEN(s) (sizeof(s) - 1)

/* Labels the core parses (xc/pem.h); all others are XC_PEM_OTHER. */
static const struct {
	const char *label;
	xc_pem_kind kind;
} pem_kinds[] = {
	{ "CERTIFICATE", XC_PEM_CERTIFICATE },
	/* the pre-RFC 7468 label OpenSSL and pyca still read */
	{ "X509 CERTIFICATE", XC_PEM_CERTIFICATE },
	{ "TRUSTED CERTIFICATE", XC_PEM_TRUSTED_CERTIFICATE },
	{ "X509 CRL", XC_PEM_CRL },
	{ "CERTIFICATE REQUEST", XC_PEM_CSR },
	{ "NEW CERTIFICATE REQUEST", XC_PEM_CSR },
	{ "PUBLIC KEY", XC_PEM_PUBLIC_KEY },
	{ "RSA PUBLIC KEY", XC_PEM_RSA_PUBLIC_KEY },
};

/*
 * First occurrence of pat in [p, end), or NULL. memchr (vectorised in any
 * libc) skips to each candidate first byte; every pattern here starts with
 * '-', which base64 never holds, so a block's body is crossed in one
 * memchr call. Portable C, unlike the GNU memmem.
 */
static const uint8_t *find(const uint8_t *p, const uint8_t *end, const char *pat, size_t n)
{
	while ((size_t)(end - p) >= n) {
		const uint8_t *c = memchr(p, pat[0], (size_t)(end - p) - n + 1);

		if (!c)
			return NULL;
		if (memcmp(c + 1, pat + 1, n - 1) == 0)
			return c;
		p = c + 1;
	}
	return NULL;
}

/* End of the line holding p: its '\n', or end if the buffer ends first. */
static const uint8_t *line_end(const uint8_t *p, const uint8_t *end)
{
	const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl : end;
}

/* xc/pem.h */
void xc_pem_iter_init(xc_pem_iter *it, const uint8_t *buf, size_t len)
{
	it->buf = buf;
	it->len = buf ? len : 0;
	it->pos = 0;
}

/* xc/pem.h */
xc_err xc_pem_next(xc_pem_iter *it, xc_pem_block *out, size_t *off)
{
	const uint8_t *base = it->buf;
	const uint8_t *end = base + it->len;
	const uint8_t *begin, *label, *label_end, *body, *next, *stop, *elabel, *eend, *eol;

	if (!base || it->pos >= it->len)
		return XC_END;
	begin = find(base + it->pos, end, BEGIN_TAG, LIT_LEN(BEGIN_TAG));
	if (!begin) {
		it->pos = it->len;
		return XC_END;
	}
	if (off)
		*off = (size_t)(begin - base);

	/* On any error below the scan resumes after this BEGIN line, so the
	 * blocks that follow a broken one are still found. */
	label = begin + LIT_LEN(BEGIN_TAG);
	eol = line_end(label, end);
	it->pos = (size_t)(eol - base);

	/* The label ends at the first "-----" of the BEGIN line (as in
	 * OpenSSL and pyca); a line without one begins no block. */
	label_end = find(label, eol, DASHES, LIT_LEN(DASHES));
	if (!label_end)
		return XC_ERR_PEM_UNTERMINATED;
	body = label_end + LIT_LEN(DASHES);

	/* The END must come before the next BEGIN: if it does not, this
	 * block lost its END line, and we blame it and let the next call
	 * parse the following block rather than swallow that as base64.
	 * Bounding the END search by the next BEGIN also keeps a file of many
	 * unterminated blocks from being rescanned to its end for each. */
	next = find(body, end, BEGIN_TAG, LIT_LEN(BEGIN_TAG));
	stop = find(body, next ? next : end, END_TAG, LIT_LEN(END_TAG));
	if (!stop)
		return XC_ERR_PEM_UNTERMINATED;

	elabel = stop + LIT_LEN(END_TAG);
	eend = find(elabel, line_end(elabel, end), DASHES, LIT_LEN(DASHES));
	if (!eend)
		return XC_ERR_PEM_UNTERMINATED;
	if ((size_t)(eend - elabel) != (size_t)(label_end - label) ||
	    memcmp(elabel, label, (size_t)(eend - elabel)) != 0)
		return XC_ERR_PEM_LABEL;

	out->label = xc_slice_make(label, (size_t)(label_end - label));
	out->kind = xc_pem_kind_of(out->label);
	out->body = xc_slice_make(body, (size_t)(stop - body));
	out->begin = (size_t)(begin - base);
	out->end = (size_t)(eend + LIT_LEN(DASHES) - base);
	it->pos = out->end;
	return XC_OK;
}

/* xc/pem.h */
xc_pem_kind xc_pem_kind_of(xc_slice label)
{
	for (size_t i = 0; i < sizeof pem_kinds / sizeof pem_kinds[0]; i++) {
		size_t n = strlen(pem_kinds[i].label);

		if (label.len == n && memcmp(label.p, pem_kinds[i].label, n) == 0)
			return pem_kinds[i].kind;
	}
	return XC_PEM_OTHER;
}

/* xc/pem.h */
bool xc_pem_detect(const uint8_t *buf, size_t len)
{
	return buf && find(buf, buf + len, BEGIN_TAG, LIT_LEN(BEGIN_TAG)) != NULL;
}

/*
 * Base64 (RFC 4648 section 4), by hand rather than with wolfCrypt's
 * Base64_Decode: that one reports no offset for a bad character, and we
 * want to decode in place, in one pass, with our own padding rules and the
 * exact position of the first fault.
 *
 * One lookup per character: the symbol's value, or one of three classes.
 */
#define B64_SKIP 0x40           /* space, tab, CR, LF: ignored */
#define B64_PAD 0x41            /* '=' */
#define B64_BAD 0xff            /* anything else */

#define S B64_SKIP
#define P B64_PAD
#define X B64_BAD
static const uint8_t b64[256] = {
	 X, X, X, X, X, X, X, X, X, S, S, X, X, S, X, X,
	 X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	 S, X, X, X, X, X, X, X, X, X, X,62, X, X, X,63,
	52,53,54,55,56,57,58,59,60,61, X, X, X, P, X, X,
	 X, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,10,11,12,13,14,
	15,16,17,18,19,20,21,22,23,24,25, X, X, X, X, X,
	 X,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,
	41,42,43,44,45,46,47,48,49,50,51, X, X, X, X, X,
	 X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	 X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	 X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	 X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	 X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	 X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	 X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
	 X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,
};
#undef S
#undef P
#undef X

static xc_err b64_fail(xc_err e, size_t at, size_t *off)
{
	if (off)
		*off = at;
	return e;
}

/*
 * xc/pem.h
 *
 * The rules where OpenSSL 3.0 and pyca/cryptography 38 (the project's
 * oracle) disagree, checked on crafted copies of good-ca.pem and
 * csr-rsa-sha1.pem:
 *  - non-zero unused bits in the last quantum ("qzN=" for "qzM="): OpenSSL
 *    accepts, pyca refuses. We refuse, as pyca does and RFC 4648 section
 *    3.5 allows: such text has no canonical encoding.
 *  - a last quantum of 2 or 3 symbols without its "=" padding: OpenSSL
 *    refuses, pyca accepts. We accept, as pyca does, so every file the
 *    oracle loads loads here. When padding is present it must complete the
 *    quantum exactly: pyca also takes a short one ("xx=" for "xx=="), we
 *    do not.
 *  - whitespace inside a line: OpenSSL skips it, pyca refuses. We skip it,
 *    as the header promises.
 * Both refuse '=' before the end, data after it, and RFC 1421 headers
 * ("Proc-Type:" lines), which fail here on their first non-base64 byte.
 *
 * In place: a quantum is written only after its fourth symbol is read, so
 * output byte 3k+2 lands at or before input byte 4k+2, already consumed.
 */
xc_err xc_pem_decode(xc_slice body, uint8_t *out, size_t cap, size_t *len, size_t *off)
{
	const uint8_t *in = body.p;
	uint32_t acc = 0;
	unsigned n = 0;                 /* symbols in the open quantum */
	unsigned pad = 0;
	size_t pad_at = 0, last = 0, o = 0, i;

	if (len)
		*len = 0;
	if ((!in && body.len) || (!out && cap))
		return XC_ERR_ARG;

	for (i = 0; i < body.len; i++) {
		uint8_t v = b64[in[i]];

		if (v == B64_SKIP)
			continue;
		if (v == B64_PAD)
			break;
		if (v == B64_BAD)
			return b64_fail(XC_ERR_PEM_BASE64, i, off);
		acc = acc << 6 | v;
		last = i;
		if (++n == 4) {
			if (cap - o < 3)
				return b64_fail(XC_ERR_BUFFER, i, off);
			out[o] = (uint8_t)(acc >> 16);
			out[o + 1] = (uint8_t)(acc >> 8);
			out[o + 2] = (uint8_t)acc;
			o += 3;
			n = 0;
			acc = 0;
		}
	}

	/* Padding: only whitespace and the '=' that complete the last quantum
	 * may follow the first '='. */
	for (; i < body.len; i++) {
		uint8_t v = b64[in[i]];

		if (v == B64_SKIP)
			continue;
		if (v != B64_PAD || n < 2 || n + pad >= 4)
			return b64_fail(XC_ERR_PEM_BASE64, i, off);
		if (!pad)
			pad_at = i;
		pad++;
	}

	if (n == 0) {
		if (o == 0)
			return b64_fail(XC_ERR_PEM_EMPTY, 0, off);
	} else if (n == 1) {
		/* Six bits cannot make a byte: the text was cut. */
		return b64_fail(XC_ERR_PEM_BASE64, last, off);
	} else {
		if (pad && n + pad != 4)
			return b64_fail(XC_ERR_PEM_BASE64, pad_at, off);
		/* 2 symbols carry 12 bits for 1 byte, 3 carry 18 for 2. */
		if (acc & (n == 2 ? 0xfu : 0x3u))
			return b64_fail(XC_ERR_PEM_BASE64, last, off);
		if (cap - o < n - 1)
			return b64_fail(XC_ERR_BUFFER, last, off);
		if (n == 2) {
			out[o++] = (uint8_t)(acc >> 4);
		} else {
			out[o++] = (uint8_t)(acc >> 10);
			out[o++] = (uint8_t)(acc >> 2);
		}
	}
	if (len)
		*len = o;
	return XC_OK;
}
