/*
 * ext_harness.h - what the structured-extension suites (test_ext_aia.c,
 * test_ext_dp.c, test_ext_nc.c, test_ext_policy.c, test_ext_sct.c) share:
 * renderings of decoded values in the oracle script's text form, the row
 * runner, and the walk over the pyca vectors. Each suite defines
 * corpus_ext(), its own rendering of one extension (declared here).
 * Functions are static: each suite is one translation unit.
 */
#ifndef EXT_HARNESS_H
#define EXT_HARNESS_H

#include "testutil.h"

#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xc/xc.h>

#define VECTORS "/usr/lib/python3/dist-packages/cryptography_vectors/x509"

/* Appends to a rendering; the tables compare whole renderings. */
static void put(char *buf, size_t cap, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (*n >= cap)
		return;
	va_start(ap, fmt);
	r = vsnprintf(buf + *n, cap - *n, fmt, ap);
	va_end(ap);
	if (r > 0)
		*n += (size_t)r;
	if (*n >= cap)
		*n = cap - 1;
}

/* A GeneralName as the oracle script prints pyca's (see the report). */
static void put_gn(char *buf, size_t cap, size_t *n, const xc_gn *g)
{
	char tmp[1024];

	switch (g->type) {
	case XC_GN_DNS_NAME:
	case XC_GN_URI:
	case XC_GN_RFC822_NAME:
		put(buf, cap, n, "%s:%.*s",
		    g->type == XC_GN_DNS_NAME ? "dns" : g->type == XC_GN_URI ? "uri" : "email",
		    (int)g->value.len, (const char *)g->value.p);
		break;
	case XC_GN_IP_ADDRESS:
		CU_ASSERT_EQUAL(xc_gn_ip_format(g->value, false, tmp, sizeof(tmp), NULL), XC_OK);
		put(buf, cap, n, "ip:%s", tmp);
		break;
	case XC_GN_DIRECTORY_NAME:
		if (xc_name_rfc4514(g->value, tmp, sizeof(tmp), NULL) != XC_OK)
			strcpy(tmp, "?");
		put(buf, cap, n, "dir:%s", tmp);
		break;
	case XC_GN_REGISTERED_ID:
		xc_oid_to_dotted(g->value, tmp, sizeof(tmp), NULL);
		put(buf, cap, n, "rid:%s", tmp);
		break;
	case XC_GN_OTHER_NAME:
		xc_oid_to_dotted(g->other_oid, tmp, sizeof(tmp), NULL);
		put(buf, cap, n, "other:%s", tmp);
		break;
	case XC_GN_X400_ADDRESS:
		put(buf, cap, n, "x400");
		break;
	case XC_GN_EDI_PARTY_NAME:
		put(buf, cap, n, "edi");
		break;
	}
}

/* "[gn,gn]" for a checked GeneralNames. */
static inline void put_gns(char *buf, size_t cap, size_t *n, xc_slice gns)
{
	xc_gn_iter it;
	xc_gn g;
	xc_err e;
	bool first = true;

	put(buf, cap, n, "[");
	xc_gn_iter_init(&it, gns);
	while ((e = xc_gn_next(&it, &g)) == XC_OK) {
		put(buf, cap, n, first ? "" : ",");
		put_gn(buf, cap, n, &g);
		first = false;
	}
	CU_ASSERT_EQUAL(e, XC_END);
	put(buf, cap, n, "]");
}

/* One table row: an extension value, the expected error and rendering. */
typedef struct row {
	const char *name;
	const char *hex;
	xc_err err;
	const char *want;       /* rendering when err is XC_OK */
	size_t off;             /* error offset when err is not XC_OK; ~0 to skip */
} row;

#define ANY_OFF ((size_t)-1)

static void run_rows(const row *rows, size_t n,
                     xc_err (*render)(xc_slice, size_t *, char *, size_t))
{
	for (size_t i = 0; i < n; i++) {
		const row *r = &rows[i];
		size_t len, off = 0;
		uint8_t *der = tu_unhex(r->hex, &len);
		char out[2048];
		xc_err e;

		out[0] = '\0';
		e = render(xc_slice_make(der, len), &off, out, sizeof(out));
		if (e != r->err || (e == XC_OK && strcmp(out, r->want) != 0) ||
		    (e != XC_OK && r->off != ANY_OFF && off != r->off))
			fprintf(stderr, "\n  %s: got %s @%zu \"%s\", want %s @%zu \"%s\"", r->name,
			        xc_errname(e), off, out, xc_errname(r->err), r->off,
			        r->want ? r->want : "");
		CU_ASSERT_EQUAL(e, r->err);
		if (e == XC_OK && r->err == XC_OK)
			CU_ASSERT_STRING_EQUAL(out, r->want);
		if (e != XC_OK && r->off != ANY_OFF)
			CU_ASSERT_EQUAL(off, r->off);
		free(der);
	}
}

/* The real certificates and CRLs: every extension of this module's types
 * decoded and rendered; with XC_DUMP set the renderings are printed, to be
 * compared with the oracle script's output for pyca 38. */
static size_t corpus_seen, corpus_ok;
static const char *corpus_path;
static bool corpus_dump;

static xc_err corpus_ext(const xc_ext *x, char *out, size_t cap);

static void corpus_block(xc_slice exts)
{
	xc_ext_iter it;
	xc_ext x;
	char out[8192];

	xc_ext_iter_init(&it, exts);
	while (xc_ext_next(&it, &x) == XC_OK) {
		char d[XC_OID_DOTTED_MAX];
		xc_err e;

		out[0] = '\0';
		e = corpus_ext(&x, out, sizeof(out));
		if (e == XC_NOT_FOUND)
			continue;
		corpus_seen++;
		if (e == XC_OK)
			corpus_ok++;
		xc_oid_to_dotted(x.oid, d, sizeof(d), NULL);
		if (corpus_dump)
			printf("\nDUMP %s %s %s\n", corpus_path, d,
			       e == XC_OK ? out : xc_errname(e));
	}
}

static void corpus_der(const uint8_t *der, size_t len)
{
	xc_cert c;
	xc_crl crl;

	if (xc_cert_parse(&c, der, len, NULL) == XC_OK && c.extensions.p)
		corpus_block(c.extensions);
	else if (xc_crl_parse(&crl, der, len, NULL) == XC_OK && crl.extensions.p)
		corpus_block(crl.extensions);
}

static int corpus_visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	size_t len;
	uint8_t *buf;

	(void)st;
	(void)ftw;
	if (type != FTW_F || !(buf = tu_read_file(path, &len)))
		return 0;
	corpus_path = path;
	if (xc_pem_detect(buf, len)) {
		xc_pem_iter it;
		xc_pem_block blk;
		xc_err e;

		xc_pem_iter_init(&it, buf, len);
		/* The first block only, as pyca's load_pem_* reads. */
		if ((e = xc_pem_next(&it, &blk, NULL)) == XC_OK) {
			size_t cap = XC_PEM_DECODED_MAX(blk.body.len), dlen;
			uint8_t *der = malloc(cap);
			if (der && xc_pem_decode(blk.body, der, cap, &dlen, NULL) == XC_OK)
				corpus_der(der, dlen);
			free(der);
		}
	} else {
		corpus_der(buf, len);
	}
	free(buf);
	return 0;
}

/* Walks the corpus; false if it is not installed. */
static bool corpus_walk(void)
{
	corpus_seen = corpus_ok = 0;
	corpus_dump = getenv("XC_DUMP") != NULL;
	if (nftw(VECTORS, corpus_visit, 32, FTW_PHYS) != 0) {
		fprintf(stderr, "\n(corpus %s not found: skipped)\n", VECTORS);
		return false;
	}
	fprintf(stderr, "\ncorpus: %zu extensions of this module's types, %zu decoded\n",
	        corpus_seen, corpus_ok);
	return true;
}

/* Decodes one extension of a named corpus file (first PEM block or DER)
 * with the module's renderer; XC_NOT_FOUND if the file or the extension is
 * missing. */
static xc_err corpus_one(const char *file, const char *oid_dotted, char *out, size_t cap)
{
	char path[512];
	size_t len;
	uint8_t *buf, *der = NULL;
	xc_cert c;
	xc_crl crl;
	xc_slice exts = { NULL, 0 };
	xc_ext_iter it;
	xc_ext x;
	xc_err e = XC_NOT_FOUND;

	snprintf(path, sizeof(path), "%s/%s", VECTORS, file);
	if (!(buf = tu_read_file(path, &len)))
		return XC_NOT_FOUND;
	if (xc_pem_detect(buf, len)) {
		xc_pem_iter pi;
		xc_pem_block blk;
		size_t dlen = 0;
		xc_pem_iter_init(&pi, buf, len);
		if (xc_pem_next(&pi, &blk, NULL) == XC_OK) {
			der = malloc(XC_PEM_DECODED_MAX(blk.body.len));
			if (der && xc_pem_decode(blk.body, der, XC_PEM_DECODED_MAX(blk.body.len),
			                         &dlen, NULL) != XC_OK)
				dlen = 0;
		}
		len = dlen;
	}
	if (xc_cert_parse(&c, der ? der : buf, len, NULL) == XC_OK)
		exts = c.extensions;
	else if (xc_crl_parse(&crl, der ? der : buf, len, NULL) == XC_OK)
		exts = crl.extensions;
	xc_ext_iter_init(&it, exts);
	while (exts.p && xc_ext_next(&it, &x) == XC_OK) {
		char d[XC_OID_DOTTED_MAX];
		xc_oid_to_dotted(x.oid, d, sizeof(d), NULL);
		if (strcmp(d, oid_dotted) == 0) {
			e = corpus_ext(&x, out, cap);
			break;
		}
	}
	free(der);
	free(buf);
	return e;
}

#endif
