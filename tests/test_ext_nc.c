/* Tests of xc/ext_nc.h: NameConstraints. Every row's verdict was checked
 * against pyca 38 (the value put in a certificate and read back through
 * `extensions`), and the corpus renderings match pyca's (see the report). */
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

/* "P[gn,...]E[gn,...]", "-" for an absent list. */
static xc_err render_nc(xc_slice v, size_t *off, char *out, size_t cap)
{
	xc_nc nc;
	size_t n = 0;
	xc_err e;

	if ((e = xc_nc_decode(&nc, v, v.p, off)))
		return e;
	for (int k = 0; k < 2; k++) {
		xc_slice list = k ? nc.excluded : nc.permitted;
		size_t want = k ? nc.excluded_count : nc.permitted_count, count = 0;
		xc_subtree_iter it;
		xc_gn g;

		put(out, cap, &n, k ? "E" : "P");
		if (!list.p) {
			put(out, cap, &n, "-");
			continue;
		}
		put(out, cap, &n, "[");
		xc_subtree_iter_init(&it, list);
		while ((e = xc_subtree_next(&it, &g)) == XC_OK) {
			char ip[XC_GN_IP_STR];
			put(out, cap, &n, count++ ? "," : "");
			put_gn(out, cap, &n, &g);
			if (g.type == XC_GN_IP_ADDRESS)
				CU_ASSERT_EQUAL(xc_gn_ip_format(g.value, true, ip, sizeof(ip), NULL),
				                XC_OK);
		}
		CU_ASSERT_EQUAL(e, XC_END);
		CU_ASSERT_EQUAL(count, want);
		put(out, cap, &n, "]");
	}
	return XC_OK;
}

static xc_err corpus_ext(const xc_ext *x, char *out, size_t cap)
{
	size_t off;

	if (!xc_oid_is(x->oid, XC_OID_NAME_CONSTRAINTS))
		return XC_NOT_FOUND;
	return render_nc(x->value, &off, out, cap);
}

static const row rows[] = {
	{ "permitted dns", "300ba00930078205782e636f6d", XC_OK, "P[dns:x.com]E-", 0 },
	{ "excluded dns", "300ba10930078205782e636f6d", XC_OK, "P-E[dns:x.com]", 0 },
	{ "both", "3016a00930078205782e636f6da10930078205782e636f6d", XC_OK,
	  "P[dns:x.com]E[dns:x.com]", 0 },
	{ "minimum 1 (read, dropped)",
	  "300ea00c300a8205782e636f6d800101", XC_OK, "P[dns:x.com]E-", 0 },
	{ "maximum 5 (read, dropped)",
	  "300ea00c300a8205782e636f6d810105", XC_OK, "P[dns:x.com]E-", 0 },
	{ "ipv4 network", "300ea00c300a87080a000000ff000000", XC_OK, "P[ip:10.0.0.0/8]E-", 0 },
	{ "ipv6 network",
	  "3026a1243022872020010db8000000000000000000000000ffffffff000000000000000000000000",
	  XC_OK, "P-E[ip:2001:db8::/32]", 0 },
	{ "directory name", "3014a0123010a40e300c310a300806035504030c0161", XC_OK,
	  "P[dir:CN=a]E-", 0 },
	/* pyca: "At least one of permitted_subtrees and excluded_subtrees
	 * must not be None" */
	{ "neither list", "3000", XC_ERR_EXT_VALUE, NULL, 0 },
	/* pyca: "permitted_subtrees must be a non-empty list or None" */
	{ "empty permitted", "3002a000", XC_ERR_EMPTY, NULL, 2 },
	{ "explicit minimum 0", "300ea00c300a8205782e636f6d800100", XC_ERR_EXT_VALUE, NULL, 13 },
	{ "negative minimum", "300ea00c300a8205782e636f6d8001ff", XC_ERR_INT_RANGE, NULL, 15 },
	{ "maximum past 64 bits", "3016a01430128205782e636f6d8109010000000000000000",
	  XC_ERR_INT_RANGE, NULL, 15 },
	/* pyca: "IPAddress name constraints must be an IPv4Network or
	 * IPv6Network object" */
	{ "ipv4 address, 4 bytes", "300aa008300687040a000000", XC_ERR_EXT_VALUE, NULL, 6 },
	{ "ipv6 address, 16 bytes", "3016a0143012871020010db8000000000000000000000001",
	  XC_ERR_EXT_VALUE, NULL, 6 },
	{ "ip, 3 bytes", "3009a007300587030a0000", XC_ERR_EXT_VALUE, NULL, 6 },
	{ "host bits set", "300ea00c300a87080a000001ff000000", XC_ERR_EXT_VALUE, NULL, 6 },
	{ "ipv6 host bits set",
	  "3026a0243022872020010db8000000000000000000000001ffffffff000000000000000000000000",
	  XC_ERR_EXT_VALUE, NULL, 6 },
	{ "excluded before permitted", "3016a10930078205782e636f6da00930078205782e636f6d",
	  XC_ERR_TRAILING, NULL, 13 },
	{ "empty subtree", "3004a0023000", XC_ERR_TRUNCATED, NULL, ANY_OFF },
	{ "maximum before minimum", "3011a00f300d8205782e636f6d810105800101", XC_ERR_TRAILING,
	  NULL, 16 },
	{ "primitive [0]", "30028000", XC_ERR_TRAILING, NULL, 2 },
	{ "not a SEQUENCE", "0400", XC_ERR_TAG, NULL, 0 },
	{ "bytes after the value", "300ba00930078205782e636f6d00", XC_ERR_TRAILING, NULL, 13 },
};

static void test_rows(void)
{
	run_rows(rows, sizeof(rows) / sizeof(rows[0]), render_nc);
}

static void test_corpus(void)
{
	char out[4096];

	if (!corpus_walk())
		return;
	/* Three are refused, as by pyca ("Invalid netmask", "... has host
	 * bits set", "Invalid IPNetwork, must be 8 bytes for IPv4 and 32
	 * bytes for IPv6"). */
	CU_ASSERT(corpus_seen >= 27);
	CU_ASSERT_EQUAL(corpus_ok + 3, corpus_seen);
	CU_ASSERT_EQUAL(corpus_one("custom/nc_invalid_ip_netmask.pem", "2.5.29.30", out,
	                           sizeof(out)), XC_ERR_EXT_VALUE);
	CU_ASSERT_EQUAL(corpus_one("custom/nc_invalid_ip4_netmask.der", "2.5.29.30", out,
	                           sizeof(out)), XC_ERR_EXT_VALUE);
	CU_ASSERT_EQUAL(corpus_one("custom/nc_ip_invalid_length.pem", "2.5.29.30", out,
	                           sizeof(out)), XC_ERR_EXT_VALUE);
	/* Values printed by pyca 38 for the same files. */
	CU_ASSERT_EQUAL(corpus_one("custom/nc_single_ip_netmask.pem", "2.5.29.30", out,
	                           sizeof(out)), XC_OK);
	CU_ASSERT_STRING_EQUAL(out, "P[ip:ff::/128,ip:192.168.0.1/32]E-");
}

int main(void)
{
	static const tu_test tests[] = {
		{ "rows", test_rows },
		{ "corpus", test_corpus },
		{ NULL, NULL },
	};
	return tu_run("ext_nc", tests);
}
