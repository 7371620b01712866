/*
 * vfs/scan.c - which objects a source file holds (see scan.h).
 *
 * The scan runs for every file a directory listing shows, so it only
 * finds and decodes: the core's PEM scanner, base64 into one buffer, and a
 * shape check for DER files. Parsing waits until an object is opened.
 */
#include "scan.h"
#include "scan_why.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* see scan.h */
void cfs_scan_free(cfs_scan *s)
{
	free(s->der);
	free(s->objs);
	memset(s, 0, sizeof(*s));
}

/* see scan.h */
int cfs_scan_add(cfs_scan *s, size_t *cap, const cfs_scan_obj *o)
{
	if (s->n == *cap) {
		size_t n = *cap ? 2 * *cap : 4;
		cfs_scan_obj *p = realloc(s->objs, n * sizeof(*p));

		if (!p)
			return -ENOMEM;
		s->objs = p;
		*cap = n;
	}
	s->objs[s->n++] = *o;
	return 0;
}

/* ---- the DER rule (scan.h), over a file in memory or open ---- */

/* Up to cap bytes of the file at off into h: how many (0 past its end). */
typedef size_t (*peek_fn)(void *ctx, size_t off, uint8_t *h, size_t cap);

typedef struct mem {
	const uint8_t *buf;
	size_t len;
} mem;

static size_t peek_mem(void *ctx, size_t off, uint8_t *h, size_t cap)
{
	const mem *m = ctx;
	size_t n = off < m->len ? m->len - off : 0;

	n = n < cap ? n : cap;
	memcpy(h, m->buf + off, n);
	return n;
}

static bool tlv_head(const uint8_t *buf, size_t n, uint8_t *tag, size_t *hlen, size_t *clen);

/* Whether bytes [from, end) are exactly SEQUENCE, SEQUENCE, BIT STRING:
 * the content of a certificate, a CRL and a CSR. Tags only: what is
 * inside is the parsers' business, and a candidate they reject is shown
 * as invalid, not hidden. */
static bool signed_shape(peek_fn peek, void *ctx, size_t from, size_t end)
{
	static const uint8_t want[] = { XC_TAG_SEQUENCE, XC_TAG_SEQUENCE, XC_TAG_BIT_STRING };
	size_t at = from;

	for (size_t i = 0; i < sizeof(want); i++) {
		uint8_t h[8], tag;
		size_t hlen, clen, n = at < end ? peek(ctx, at, h, sizeof(h)) : 0;

		if (!tlv_head(h, n, &tag, &hlen, &clen) || tag != want[i] || hlen > end - at ||
		    clen > end - at - hlen)
			return false;
		at += hlen + clen;
	}
	return at == end;
}

/* Whether bytes [from, size) are all blanks: spaces, tabs, line ends. */
static bool blank_from(peek_fn peek, void *ctx, size_t from, size_t size)
{
	uint8_t h[256];

	while (from < size) {
		size_t n = peek(ctx, from, h, sizeof(h));

		if (n == 0)
			return false;
		for (size_t i = 0; i < n; i++)
			if (h[i] != ' ' && h[i] != '\t' && h[i] != '\r' && h[i] != '\n')
				return false;
		from += n;
	}
	return true;
}

/* The DER rule for a file of size bytes that is not PEM (scan.h): whether
 * it is an object candidate, and *span, how many of its first bytes the
 * object is. */
static bool der_rule(peek_fn peek, void *ctx, size_t size, size_t *span)
{
	uint8_t h[16], tag, t2;
	size_t n = peek(ctx, 0, h, sizeof(h)), hlen, clen, h2, c2, end;

	if (!tlv_head(h, n, &tag, &hlen, &clen) || tag != XC_TAG_SEQUENCE || hlen > size)
		return false;
	if (clen > size - hlen) {
		/* cut short: what a signed object's start looks like, a
		 * SEQUENCE (the TBS) whose first element is a version ([0] or
		 * INTEGER), a serial number (INTEGER) or an AlgorithmIdentifier
		 * (a CRL v1's signature). A DER key or PKCS#7 starts otherwise
		 * (INTEGER, OID, or a SEQUENCE of an OID), so none is shown. */
		*span = size;
		return tlv_head(h + hlen, n - hlen, &t2, &h2, &c2) && t2 == XC_TAG_SEQUENCE &&
		       hlen + h2 < n &&
		       (h[hlen + h2] == 0xa0 || h[hlen + h2] == XC_TAG_INTEGER ||
			h[hlen + h2] == XC_TAG_SEQUENCE);
	}
	end = hlen + clen;
	if (!signed_shape(peek, ctx, hlen, end))
		return false;
	/* Blanks after it (a newline added by an editor or a transfer) are
	 * not the object's, as `openssl x509 -inform DER` reads it; anything
	 * else is, so that the parser's error shows it. */
	*span = blank_from(peek, ctx, end, size) ? end : size;
	return true;
}

/* see scan.h */
bool cfs_scan_der_shape(const uint8_t *buf, size_t len)
{
	mem m = { buf, len };
	uint8_t tag;
	size_t hlen, clen;

	return tlv_head(buf, len, &tag, &hlen, &clen) && tag == XC_TAG_SEQUENCE &&
	       hlen + clen == len && signed_shape(peek_mem, &m, hlen, len);
}

/* The label of the BEGIN line at buf[off]: xc_pem_next() gives no block
 * for a block it could not delimit, yet a known label still makes it an
 * (invalid) object. */
static xc_slice label_at(const uint8_t *buf, size_t len, size_t off)
{
	static const char begin[] = "-----BEGIN ";
	size_t b = off + sizeof(begin) - 1, i;
	xc_slice none = { NULL, 0 };

	if (off > len || len - off < sizeof(begin) - 1 ||
	    memcmp(buf + off, begin, sizeof(begin) - 1) != 0)
		return none;
	for (i = b; i + 5 <= len && buf[i] != '\n'; i++)
		if (memcmp(buf + i, "-----", 5) == 0)
			return xc_slice_make(buf + b, i - b);
	return none;
}

/* A TRUSTED CERTIFICATE is the certificate's TLV then OpenSSL's trust
 * data: the object is the first TLV (the whole if it is not one). */
static size_t first_tlv(const uint8_t *der, size_t len)
{
	xc_der d;
	xc_tlv tlv;

	xc_der_init(&d, der, len);
	if (xc_der_read(&d, &tlv) != XC_OK)
		return len;
	return tlv.raw.len;
}

/* see scan.h */
int cfs_scan_index(const uint8_t *buf, size_t len, size_t base, bool pem, cfs_scan *s,
		   size_t *ocap)
{
	xc_pem_iter it;
	xc_pem_block b;
	size_t off;
	xc_err e;

	if (!pem) {
		cfs_scan_obj o = { CFS_UNKNOWN, 0, 0, XC_OK, 0, base, len, 0 };
		mem m = { buf, len };

		if (der_rule(peek_mem, &m, len, &o.src_len))
			return cfs_scan_add(s, ocap, &o);
		return xc_p7_detect(buf, len) ? cfs_scan_p7_add(buf, len, false, &o, s, ocap) : 0;
	}
	xc_pem_iter_init(&it, buf, len);
	for (;;) {
		cfs_scan_obj o = { CFS_UNKNOWN, 0, 0, XC_OK, 0, 0, 0, 0 };

		off = 0;
		e = xc_pem_next(&it, &b, &off);
		if (e == XC_END)
			break;
		if (e != XC_OK) {
			o.hint = cfs_type_of_pem(xc_pem_kind_of(label_at(buf, len, off)));
			o.err = e;
			o.err_off = base + off;
			o.src_off = base + off;
		} else {
			o.hint = cfs_type_of_pem(b.kind);
			o.src_off = base + b.begin;
			o.src_len = b.end - b.begin;
			if (b.kind == XC_PEM_OTHER && cfs_scan_p7_label(b.label)) {
				if (cfs_scan_p7_block(buf, &b, &o, s, ocap))
					return -ENOMEM;
				continue;
			}
		}
		if (o.hint == CFS_UNKNOWN)
			continue;       /* keys and the rest: never decoded */
		if (cfs_scan_add(s, ocap, &o))
			return -ENOMEM;
	}
	return 0;
}

/* A bundle's object: its element of the bundle's DER *der (scan_p7.c);
 * one the bundle no longer has gives no DER, and the error. */
static int p7_pick(const cfs_scan_obj *o, uint8_t **der, size_t *len, xc_err *err,
		   size_t *err_off)
{
	if (!o->p7_item)
		return 0;
	*err = cfs_scan_p7_pick(*der, len, o->p7_item, err_off);
	if (*err == XC_NOT_FOUND)
		*err = XC_ERR_TRUNCATED;
	if (*err != XC_OK) {
		free(*der);
		*der = NULL;
		*len = 0;
	}
	return 0;
}

/* see scan.h */
int cfs_scan_decode(const cfs_scan_obj *o, const uint8_t *span, uint8_t **der, size_t *len,
		    xc_err *err, size_t *err_off)
{
	xc_pem_iter it;
	xc_pem_block b;
	size_t boff = 0;
	uint8_t *p;

	*der = NULL;
	*len = 0;
	*err = o->err;
	*err_off = o->err_off;
	if (o->err != XC_OK)
		return 0;
	if (o->hint == CFS_UNKNOWN) {
		/* a DER file: the span is the object */
		p = malloc(o->src_len ? o->src_len : 1);
		if (!p)
			return -ENOMEM;
		memcpy(p, span, o->src_len);
		*der = p;
		*len = o->src_len;
		return p7_pick(o, der, len, err, err_off);
	}
	/* the span is exactly the block the index found, so it delimits
	 * again, the same way */
	xc_pem_iter_init(&it, span, o->src_len);
	if (xc_pem_next(&it, &b, NULL) != XC_OK) {
		*err = XC_ERR_PEM_UNTERMINATED;
		*err_off = o->src_off;
		return 0;
	}
	p = malloc(XC_PEM_DECODED_MAX(b.body.len));
	if (!p)
		return -ENOMEM;
	*err = xc_pem_decode(b.body, p, XC_PEM_DECODED_MAX(b.body.len), len, &boff);
	if (*err != XC_OK) {
		*err_off = o->src_off + (size_t)(b.body.p - span) + boff;
		*len = 0;
		free(p);
		return 0;
	}
	if (b.kind == XC_PEM_TRUSTED_CERTIFICATE)
		*len = first_tlv(p, *len);
	*der = p;
	return p7_pick(o, der, len, err, err_off);
}

/* see scan.h */
int cfs_scan_buf(const uint8_t *buf, size_t len, cfs_scan *s)
{
	size_t ocap = 0, at = 0;
	int rc;

	memset(s, 0, sizeof(*s));
	rc = cfs_scan_index(buf, len, 0, xc_pem_detect(buf, len), s, &ocap);
	if (rc)
		return rc;
	/* der is never NULL, so der + off is defined even for an object
	 * that gave no DER (a bad block: off 0, len 0) */
	s->der = malloc(len + 1);
	if (!s->der)
		return -ENOMEM;
	for (size_t i = 0; i < s->n; i++) {
		cfs_scan_obj *o = &s->objs[i];
		uint8_t *der;
		size_t dlen;

		if (cfs_scan_decode(o, buf + o->src_off, &der, &dlen, &o->err, &o->err_off))
			return -ENOMEM;
		/* decoded DER is never longer than its span */
		if (der)
			memcpy(s->der + at, der, dlen);
		free(der);
		o->off = at;
		o->len = dlen;
		at += dlen;
	}
	s->der_len = at;
	return 0;
}

/* see scan.h */
cfs_type cfs_scan_type(cfs_type hint, const uint8_t *der, size_t len)
{
	bool any = hint != CFS_CERT && hint != CFS_CRL && hint != CFS_CSR;
	union {
		xc_cert c;
		xc_crl crl;
		xc_csr csr;
	} u;

	if ((any || hint == CFS_CERT) && xc_cert_parse(&u.c, der, len, NULL) == XC_OK)
		return CFS_CERT;
	if ((any || hint == CFS_CRL) && xc_crl_parse(&u.crl, der, len, NULL) == XC_OK)
		return CFS_CRL;
	if ((any || hint == CFS_CSR) && xc_csr_parse(&u.csr, der, len, NULL) == XC_OK)
		return CFS_CSR;
	return CFS_INVALID;
}

/* ---- indexing a file in windows ---- */

#define BEGIN_TAG "-----BEGIN "
#define TAG_LEN (sizeof(BEGIN_TAG) - 1)

/* The last BEGIN tag in buf[from..len), or len. */
static size_t last_begin(const uint8_t *buf, size_t len, size_t from)
{
	for (size_t i = len; i-- > from;)
		if (len - i >= TAG_LEN && buf[i] == '-' && memcmp(buf + i, BEGIN_TAG, TAG_LEN) == 0)
			return i;
	return len;
}

/* Reads into buf[*n..cap) from fd at off + *n, until full or the end. */
static int fill(int fd, uint8_t *buf, size_t cap, size_t *n, size_t off, bool *eof)
{
	while (*n < cap) {
		ssize_t r = pread(fd, buf + *n, cap - *n, (off_t)(off + *n));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0) {
			*eof = true;
			break;
		}
		*n += (size_t)r;
	}
	return 0;
}

/* One DER TLV header at buf[0..n): its tag, the length of the header and
 * of the content (definite, minimal lengths of up to 4 bytes). */
static bool tlv_head(const uint8_t *buf, size_t n, uint8_t *tag, size_t *hlen, size_t *clen)
{
	size_t k;

	if (n < 2)
		return false;
	*tag = buf[0];
	if (buf[1] < 0x80) {
		*hlen = 2;
		*clen = buf[1];
		return true;
	}
	k = buf[1] & 0x7f;
	if (k == 0 || k > 4 || n < 2 + k || buf[2] == 0)
		return false;
	*clen = 0;
	for (size_t i = 0; i < k; i++)
		*clen = (*clen << 8) | buf[2 + i];
	*hlen = 2 + k;
	return *clen >= 0x80;
}

/* peek_fn of a file open at fd (der_rule for a file too big to read
 * whole): the few headers it needs, read where they lie. */
static size_t peek_fd(void *ctx, size_t off, uint8_t *h, size_t cap)
{
	size_t n = 0;
	bool eof = false;

	return fill(*(int *)ctx, h, cap, &n, off, &eof) ? 0 : n;
}

/* Where the first END line of buf[0..n) ends (past its newline), or 0:
 * the block at buf's start ends there. */
static size_t end_line(const uint8_t *buf, size_t n)
{
	static const char end[] = "-----END ";

	for (size_t i = 0; i + sizeof(end) - 1 <= n; i++) {
		if (buf[i] == '-' && memcmp(buf + i, end, sizeof(end) - 1) == 0) {
			const uint8_t *nl = memchr(buf + i, '\n', n - i);

			return nl ? (size_t)(nl - buf) + 1 : 0;
		}
	}
	return 0;
}

/* see scan.h */
int cfs_scan_fd(int fd, size_t size, size_t span_max, cfs_scan *s, uint8_t **whole,
		size_t *wlen)
{
	/* a small file's own size (+1, to see its end): no window to map
	 * and unmap for each of a store's many small files */
	size_t cap = size < CFS_SCAN_WINDOW ? size + 1 : CFS_SCAN_WINDOW;
	size_t n = 0, base = 0, ocap = 0, most;
	bool eof = false, pem = false;
	uint8_t *buf;
	int rc;

	memset(s, 0, sizeof(*s));
	*whole = NULL;
	*wlen = 0;
	/* a window holds one block of span_max bytes and the next tag */
	most = span_max + TAG_LEN + 1 > CFS_SCAN_WINDOW ? span_max + TAG_LEN + 1 : CFS_SCAN_WINDOW;
	buf = malloc(cap);
	if (!buf)
		return -ENOMEM;
	rc = fill(fd, buf, cap, &n, 0, &eof);
	if (rc == 0 && eof) {
		/* the whole file in one window: the ordinary scan */
		rc = cfs_scan_index(buf, n, 0, xc_pem_detect(buf, n), s, &ocap);
		if (rc == 0) {
			*whole = buf;
			*wlen = n;
			return 0;
		}
	}
	if (rc == 0 && cap < CFS_SCAN_WINDOW) {
		/* grown since its fstat: windows after all */
		uint8_t *p = realloc(buf, CFS_SCAN_WINDOW);

		if (!p) {
			free(buf);
			return -ENOMEM;
		}
		buf = p;
		cap = CFS_SCAN_WINDOW;
		rc = fill(fd, buf, cap, &n, 0, &eof);
	}
	while (rc == 0) {
		/* cut before the last BEGIN tag (the END of a block comes
		 * before the next BEGIN, xc_pem_next: no block is cut) */
		size_t cut = eof ? n : last_begin(buf, n, 1);

		if (cut == n && !eof) {
			bool one = last_begin(buf, n, 0) == 0;
			size_t e = one ? end_line(buf, n) : 0;

			if (e) {
				/* one whole block, then no BEGIN: index it */
				cut = e;
				pem = true;
				rc = cfs_scan_index(buf, cut, base, true, s, &ocap);
				if (rc)
					break;
			} else if (one && cap < most) {
				/* one block, longer than the window: grow */
				size_t ncap = cap * 2 < most ? cap * 2 : most;
				uint8_t *p = realloc(buf, ncap);

				if (!p) {
					rc = -ENOMEM;
					break;
				}
				buf = p;
				cap = ncap;
				rc = fill(fd, buf, cap, &n, base, &eof);
				continue;
			} else if (one) {
				/* longer than span_max: an object too large to load */
				cfs_scan_obj o = { CFS_UNKNOWN, 0, 0, XC_OK, 0, base, n, 0 };

				pem = true;
				o.hint = cfs_type_of_pem(xc_pem_kind_of(label_at(buf, n, 0)));
				if (o.hint != CFS_UNKNOWN && cfs_scan_add(s, &ocap, &o)) {
					rc = -ENOMEM;
					break;
				}
				/* its body holds no BEGIN: the next one is the next block */
				cut = n - (TAG_LEN - 1);
			} else {
				cut = n - (TAG_LEN - 1);  /* a tag may straddle the edge */
			}
		} else {
			pem = pem || cut < n || last_begin(buf, cut, 0) < cut;
			rc = cfs_scan_index(buf, cut, base, true, s, &ocap);
			if (rc || eof)
				break;
		}
		memmove(buf, buf + cut, n - cut);
		n -= cut;
		base += cut;
		rc = fill(fd, buf, cap, &n, base, &eof);
	}
	free(buf);
	if (rc == 0 && !pem && s->n == 0) {
		cfs_scan_obj o = { CFS_UNKNOWN, 0, 0, XC_OK, 0, 0, size, 0 };

		if (der_rule(peek_fd, &fd, size, &o.src_len))
			rc = cfs_scan_add(s, &ocap, &o);
	}
	return rc;
}

/* see scan.h */
bool cfs_scan_head(const uint8_t *buf, size_t len, size_t size)
{
	uint8_t tag;
	size_t hlen, clen, h2, c2;

	if (xc_pem_detect(buf, len)) {
		for (size_t i = 0; i + TAG_LEN <= len; i++)
			if (buf[i] == '-' && memcmp(buf + i, BEGIN_TAG, TAG_LEN) == 0 &&
			    cfs_type_of_pem(xc_pem_kind_of(label_at(buf, len, i))) != CFS_UNKNOWN)
				return true;
		return false;
	}
	return tlv_head(buf, len, &tag, &hlen, &clen) && tag == XC_TAG_SEQUENCE &&
	       hlen + clen == size && tlv_head(buf + hlen, len - hlen, &tag, &h2, &c2) &&
	       tag == XC_TAG_SEQUENCE;
}

/* Why buf[0..len), in which the scan found no object, holds none. */
static void why_none(const uint8_t *buf, size_t len, char *out, size_t cap)
{
	xc_slice label = { NULL, 0 };

	if (len == 0) {
		snprintf(out, cap, "the file is empty");
		return;
	}
	if (!xc_pem_detect(buf, len)) {
		snprintf(out, cap, "not PEM, and not DER shaped like a certificate, CRL or CSR "
			 "(SEQUENCE { SEQUENCE, SEQUENCE, BIT STRING })");
		return;
	}
	for (size_t i = 0; i + TAG_LEN <= len && !label.p; i++)
		if (buf[i] == '-' && memcmp(buf + i, BEGIN_TAG, TAG_LEN) == 0)
			label = label_at(buf, len, i);
	snprintf(out, cap, "PEM with no CERTIFICATE, TRUSTED CERTIFICATE, X509 CRL or "
		 "CERTIFICATE REQUEST block%s%.*s%s", label.p ? " (the first is " : "",
		 label.p ? (int)(label.len < 64 ? label.len : 64) : 0,
		 label.p ? (const char *)label.p : "", label.p ? ")" : "");
}

/* see scan_why.h */
bool cfs_scan_file_none(const char *path, char *why, size_t cap)
{
	size_t n = 0;
	uint8_t *buf = malloc(CFS_SCAN_WINDOW);
	FILE *f = buf ? fopen(path, "rbe") : NULL;
	bool none = false;
	cfs_scan s;

	if (f) {
		n = fread(buf, 1, CFS_SCAN_WINDOW, f);
		fclose(f);
		none = cfs_scan_buf(buf, n, &s) == 0 && s.n == 0;
		cfs_scan_free(&s);
		if (none)
			why_none(buf, n, why, cap);
	}
	free(buf);
	return none;
}
