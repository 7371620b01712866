/*
 * test_store.c - which files hold objects (scan.c: PEM among text, other
 * blocks skipped, bundles, the DER shape rule, bad base64, TRUSTED
 * CERTIFICATE) and the store over a temporary SOURCE, without a mount
 * (store.c: getattr, readdir, read, bundles, hidden files, symlinks in and
 * out, a change seen after revalidation, a snapshot kept by an open handle,
 * /.by-sha256).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan.h"
#include "store.h"
#include "testutil.h"

/* ---- fixtures ---- */

static uint8_t *ca_pem, *cio_pem, *crl_pem, *csr_pem;
static size_t ca_pem_len, cio_pem_len, crl_pem_len, csr_pem_len;
static cfs_scan ca;             /* good-ca.pem scanned: its DER */

static char *cat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = malloc(la + lb + 1);

	memcpy(p, a, la);
	memcpy(p + la, b, lb + 1);
	return p;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* PEM of der under label (64-character lines). */
static char *pem_of(const char *label, const uint8_t *der, size_t len)
{
	char *out = malloc(len * 2 + 200), *p = out;
	size_t i, col = 0;

	p += sprintf(p, "-----BEGIN %s-----\n", label);
	for (i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)der[i] << 16;
		size_t n = len - i < 3 ? len - i : 3;

		if (n > 1)
			v |= (uint32_t)der[i + 1] << 8;
		if (n > 2)
			v |= der[i + 2];
		*p++ = b64[(v >> 18) & 63];
		*p++ = b64[(v >> 12) & 63];
		*p++ = n > 1 ? b64[(v >> 6) & 63] : '=';
		*p++ = n > 2 ? b64[v & 63] : '=';
		col += 4;
		if (col == 64) {
			*p++ = '\n';
			col = 0;
		}
	}
	if (col)
		*p++ = '\n';
	p += sprintf(p, "-----END %s-----\n", label);
	*p = '\0';
	return out;
}

static int setup(void)
{
	ca_pem = tu_read_file(TEST_DATA_DIR "/seed/good-ca.pem", &ca_pem_len);
	cio_pem = tu_read_file(TEST_DATA_DIR "/seed/cryptography-io.pem", &cio_pem_len);
	crl_pem = tu_read_file(TEST_DATA_DIR "/seed/crl-version-2.pem", &crl_pem_len);
	csr_pem = tu_read_file(TEST_DATA_DIR "/seed/csr-rsa-sha1.pem", &csr_pem_len);
	if (!ca_pem || !cio_pem || !crl_pem || !csr_pem)
		return 1;
	if (cfs_scan_buf(ca_pem, ca_pem_len, &ca) != 0 || ca.n != 1)
		return 1;
	return 0;
}

static const uint8_t *ca_der(size_t *len)
{
	*len = ca.objs[0].len;
	return ca.der + ca.objs[0].off;
}

/* ---- scan ---- */

struct scan_case {
	const char *name;
	const char *text;       /* NUL-terminated input */
	size_t n;               /* objects expected */
	cfs_type hints[3];
	xc_err errs[3];
};

#define KEY_BLOCK "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n"

static void test_scan_pem_table(void)
{
	char *cert = (char *)ca_pem;
	char buf[16384];
	const struct scan_case cases[] = {
		{ "plain text", "hello, no PEM here\n", 0, { 0 }, { 0 } },
		{ "only a key", KEY_BLOCK, 0, { 0 }, { 0 } },
		{ "public key", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", 0, { 0 }, { 0 } },
		{ "bad base64", "x\n-----BEGIN CERTIFICATE-----\nMII*\n-----END CERTIFICATE-----\n",
		  1, { CFS_CERT }, { XC_ERR_PEM_BASE64 } },
		{ "bad base64 in a key: not shown",
		  "-----BEGIN RSA PRIVATE KEY-----\n***\n-----END RSA PRIVATE KEY-----\n", 0, { 0 }, { 0 } },
		{ "unterminated CRL", "-----BEGIN X509 CRL-----\nAAAA\n", 1, { CFS_CRL }, { XC_ERR_PEM_UNTERMINATED } },
		{ "empty CSR", "-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----\n",
		  1, { CFS_CSR }, { XC_ERR_PEM_EMPTY } },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cfs_scan s;

		CU_ASSERT_EQUAL_FATAL(cfs_scan_buf((const uint8_t *)cases[i].text,
						   strlen(cases[i].text), &s), 0);
		CU_ASSERT_EQUAL(s.n, cases[i].n);
		if (s.n != cases[i].n)
			fprintf(stderr, "case %s: %zu objects\n", cases[i].name, s.n);
		for (size_t j = 0; j < s.n && j < cases[i].n; j++) {
			CU_ASSERT_EQUAL(s.objs[j].hint, cases[i].hints[j]);
			CU_ASSERT_EQUAL(s.objs[j].err, cases[i].errs[j]);
		}
		cfs_scan_free(&s);
	}
	/* the offset of a bad base64 character is in the file */
	{
		const char *t = "x\n-----BEGIN CERTIFICATE-----\nMII*\n-----END CERTIFICATE-----\n";
		cfs_scan s;

		cfs_scan_buf((const uint8_t *)t, strlen(t), &s);
		CU_ASSERT_EQUAL(s.objs[0].err_off, (size_t)(strchr(t, '*') - t));
		cfs_scan_free(&s);
	}
	/* a certificate among text and a key: one object, the certificate */
	snprintf(buf, sizeof(buf), "intro\n%s" KEY_BLOCK "outro\n", cert);
	{
		cfs_scan s;
		size_t len;
		const uint8_t *der = ca_der(&len);

		CU_ASSERT_EQUAL(cfs_scan_buf((const uint8_t *)buf, strlen(buf), &s), 0);
		CU_ASSERT_EQUAL_FATAL(s.n, 1);
		CU_ASSERT_EQUAL(s.objs[0].hint, CFS_CERT);
		CU_ASSERT_EQUAL(s.objs[0].len, len);
		CU_ASSERT(memcmp(s.der + s.objs[0].off, der, len) == 0);
		cfs_scan_free(&s);
	}
}

static void test_scan_bundle(void)
{
	char *two = cat((char *)ca_pem, (char *)cio_pem);
	char *all = cat(two, (char *)crl_pem);
	char *mix = cat(all, (char *)csr_pem);
	cfs_scan s;

	CU_ASSERT_EQUAL(cfs_scan_buf((uint8_t *)mix, strlen(mix), &s), 0);
	CU_ASSERT_EQUAL_FATAL(s.n, 4);
	CU_ASSERT_EQUAL(s.objs[0].hint, CFS_CERT);
	CU_ASSERT_EQUAL(s.objs[1].hint, CFS_CERT);
	CU_ASSERT_EQUAL(s.objs[2].hint, CFS_CRL);
	CU_ASSERT_EQUAL(s.objs[3].hint, CFS_CSR);
	for (size_t i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(cfs_scan_type(s.objs[i].hint, s.der + s.objs[i].off, s.objs[i].len),
				s.objs[i].hint);
	CU_ASSERT(memcmp(s.der, ca.der, ca.der_len) == 0);
	cfs_scan_free(&s);
	free(two);
	free(all);
	free(mix);
}

static void test_scan_der(void)
{
	size_t len;
	const uint8_t *der = ca_der(&len);
	uint8_t *longer = malloc(len + 1);
	cfs_scan s;
	/* PKCS#8 Ed25519 private key: SEQUENCE { INTEGER, SEQUENCE, OCTET STRING } */
	size_t klen;
	uint8_t *key = tu_unhex("302e020100300506032b657004220420"
				"0000000000000000000000000000000000000000000000000000000000000000", &klen);
	/* the shape with nonsense inside: a candidate, type invalid */
	size_t glen;
	uint8_t *shaped = tu_unhex("300a 3000 3003 020101 030100", &glen);

	CU_ASSERT(cfs_scan_der_shape(der, len));
	CU_ASSERT_EQUAL(cfs_scan_buf(der, len, &s), 0);
	CU_ASSERT_EQUAL_FATAL(s.n, 1);
	CU_ASSERT_EQUAL(s.objs[0].hint, CFS_UNKNOWN);
	CU_ASSERT_EQUAL(s.objs[0].len, len);
	CU_ASSERT_EQUAL(cfs_scan_type(CFS_UNKNOWN, s.der, s.objs[0].len), CFS_CERT);
	cfs_scan_free(&s);

	memcpy(longer, der, len);
	longer[len] = '\n';
	CU_ASSERT(!cfs_scan_der_shape(longer, len + 1));     /* not exactly one TLV */
	CU_ASSERT(!cfs_scan_der_shape(der, len - 1));
	CU_ASSERT(!cfs_scan_der_shape(key, klen));
	cfs_scan_buf(key, klen, &s);
	CU_ASSERT_EQUAL(s.n, 0);
	cfs_scan_free(&s);
	CU_ASSERT(!cfs_scan_der_shape((const uint8_t *)"", 0));

	CU_ASSERT(cfs_scan_der_shape(shaped, glen));
	cfs_scan_buf(shaped, glen, &s);
	CU_ASSERT_EQUAL_FATAL(s.n, 1);
	CU_ASSERT_EQUAL(cfs_scan_type(CFS_UNKNOWN, s.der, s.objs[0].len), CFS_INVALID);
	cfs_scan_free(&s);
	free(longer);
	free(key);
	free(shaped);
}

static void test_scan_trusted(void)
{
	size_t len;
	const uint8_t *der = ca_der(&len);
	/* the certificate, then OpenSSL's trust data (a SEQUENCE of an OID) */
	static const uint8_t trust[] = { 0x30, 0x0c, 0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01,
					 0x05, 0x05, 0x07, 0x03, 0x01 };
	uint8_t *both = malloc(len + sizeof(trust));
	char *pem;
	cfs_scan s;

	memcpy(both, der, len);
	memcpy(both + len, trust, sizeof(trust));
	pem = pem_of("TRUSTED CERTIFICATE", both, len + sizeof(trust));
	CU_ASSERT_EQUAL(cfs_scan_buf((uint8_t *)pem, strlen(pem), &s), 0);
	CU_ASSERT_EQUAL_FATAL(s.n, 1);
	CU_ASSERT_EQUAL(s.objs[0].hint, CFS_CERT);
	CU_ASSERT_EQUAL(s.objs[0].len, len);
	CU_ASSERT(memcmp(s.der + s.objs[0].off, der, len) == 0);
	cfs_scan_free(&s);
	free(pem);
	free(both);
}

/* Appends n bytes to a growing buffer. */
static void app(uint8_t **b, size_t *len, size_t *cap, const void *p, size_t n)
{
	if (*len + n > *cap) {
		*cap = (*len + n) * 2;
		*b = realloc(*b, *cap);
		CU_ASSERT_PTR_NOT_NULL_FATAL(*b);
	}
	memcpy(*b + *len, p, n);
	*len += n;
}

/* A temporary file holding buf[0..len); unlink it when done. */
static int tmp_file(char *path, const uint8_t *buf, size_t len)
{
	int fd;

	strcpy(path, "/tmp/certfs-test-scan-XXXXXX");
	fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL_FATAL(write(fd, buf, len), (ssize_t)len);
	return fd;
}

/* A DER file shaped like a signed object, SEQUENCE { SEQUENCE { OCTET
 * STRING of body zero bytes }, SEQUENCE {}, BIT STRING } (3-byte lengths:
 * body under 16 MiB); *len its size. */
static uint8_t *der_shaped(size_t body, size_t *len)
{
	size_t inner = 5 + body, outer = 5 + inner + 5;
	const size_t lens[3] = { outer, inner, body };
	uint8_t *b;

	*len = 5 + outer;
	b = calloc(1, *len + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	for (int t = 0; t < 3; t++) {
		b[5 * t] = t == 2 ? 0x04 : 0x30;
		b[5 * t + 1] = 0x83;
		for (int i = 0; i < 3; i++)
			b[5 * t + 2 + i] = (uint8_t)(lens[t] >> (16 - 8 * i));
	}
	memcpy(b + *len - 5, "\x30\x00\x03\x01\x00", 5);
	return b;
}

/* buf indexed in windows from a file (cfs_scan_fd) is buf indexed
 * whole (cfs_scan_index): the same objects, spans and errors. */
static void expect_windows(const uint8_t *buf, size_t len, size_t span_max, size_t want_n)
{
	char path[64];
	int fd = tmp_file(path, buf, len);
	cfs_scan whole, win;
	uint8_t *w;
	size_t ocap = 0, wlen;

	memset(&whole, 0, sizeof(whole));
	CU_ASSERT_EQUAL(cfs_scan_index(buf, len, 0, xc_pem_detect(buf, len), &whole, &ocap), 0);
	CU_ASSERT_EQUAL(cfs_scan_fd(fd, len, span_max, &win, &w, &wlen), 0);
	CU_ASSERT_PTR_NULL(w);          /* more than one window */
	CU_ASSERT_EQUAL(win.n, want_n);
	CU_ASSERT_EQUAL(whole.n, want_n);
	for (size_t i = 0; i < win.n && i < whole.n; i++) {
		const cfs_scan_obj *a = &win.objs[i], *b = &whole.objs[i];

		CU_ASSERT(a->hint == b->hint && a->err == b->err && a->err_off == b->err_off &&
			  a->src_off == b->src_off && a->src_len == b->src_len);
		if (a->src_off != b->src_off || a->src_len != b->src_len)
			fprintf(stderr, "object %zu: window %zu+%zu, whole %zu+%zu\n", i,
				a->src_off, a->src_len, b->src_off, b->src_len);
	}
	cfs_scan_free(&whole);
	cfs_scan_free(&win);
	close(fd);
	unlink(path);
}

/* A file larger than a window is indexed as if read whole: blocks that
 * straddle a window's edge, keys, a block without END, bad base64, text
 * between; a block longer than the limit; a DER file by its headers. */
static void test_scan_windows(void)
{
	static const char unterminated[] = "-----BEGIN X509 CRL-----\nAAAA\n";
	static const char bad[] = "-----BEGIN CERTIFICATE-----\nMII*\n-----END CERTIFICATE-----\n";
	static const char line[] = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\n";
	uint8_t *b = NULL, *w;
	size_t len = 0, cap = 0, n = 0, wlen;
	char path[64];
	cfs_scan s;
	int fd;

	while (len < 3 * CFS_SCAN_WINDOW + 1000) {
		app(&b, &len, &cap, ca_pem, ca_pem_len);
		n++;
		if (n % 97 == 0)
			app(&b, &len, &cap, KEY_BLOCK, strlen(KEY_BLOCK));
		if (n % 331 == 0) {
			app(&b, &len, &cap, unterminated, strlen(unterminated));
			n++;
		}
		if (n % 503 == 0) {
			app(&b, &len, &cap, bad, strlen(bad));
			app(&b, &len, &cap, "some text\n", 10);
			n++;
		}
	}
	expect_windows(b, len, 64 << 20, n);

	/* one block longer than span_max: an object too large to load,
	 * and the certificate after it found; under the limit, one whole
	 * object as ever */
	len = 0;
	app(&b, &len, &cap, "-----BEGIN CERTIFICATE-----\n", 28);
	while (len < 2 * CFS_SCAN_WINDOW + 5)
		app(&b, &len, &cap, line, sizeof(line) - 1);
	app(&b, &len, &cap, "-----END CERTIFICATE-----\n", 26);
	app(&b, &len, &cap, ca_pem, ca_pem_len);
	fd = tmp_file(path, b, len);
	CU_ASSERT_EQUAL(cfs_scan_fd(fd, len, CFS_SCAN_WINDOW / 2, &s, &w, &wlen), 0);
	CU_ASSERT_EQUAL_FATAL(s.n, 2);
	CU_ASSERT_EQUAL(s.objs[0].hint, CFS_CERT);
	CU_ASSERT(s.objs[0].src_len > CFS_SCAN_WINDOW / 2);
	CU_ASSERT_EQUAL(s.objs[1].src_off, len - ca_pem_len);
	CU_ASSERT_EQUAL(s.objs[1].src_len, ca.objs[0].src_len);
	cfs_scan_free(&s);
	close(fd);
	unlink(path);
	expect_windows(b, len, 8 * CFS_SCAN_WINDOW, 2);

	/* a DER file over a window: SEQUENCE { SEQUENCE { OCTET STRING },
	 * SEQUENCE {}, BIT STRING }, judged by its headers */
	{
		free(b);
		b = der_shaped(3 * CFS_SCAN_WINDOW, &len);
		fd = tmp_file(path, b, len);
		CU_ASSERT_EQUAL(cfs_scan_fd(fd, len, 1 << 20, &s, &w, &wlen), 0);
		CU_ASSERT_EQUAL_FATAL(s.n, 1);
		CU_ASSERT_EQUAL(s.objs[0].hint, CFS_UNKNOWN);
		CU_ASSERT_EQUAL(s.objs[0].src_len, len);
		cfs_scan_free(&s);
		/* one byte more: the object's, so that its parse fails
		 * (shown invalid, ABI 2); a newline instead: not the object's */
		CU_ASSERT_EQUAL_FATAL(write(fd, "", 1), 1);
		CU_ASSERT_EQUAL(cfs_scan_fd(fd, len + 1, 1 << 20, &s, &w, &wlen), 0);
		CU_ASSERT_EQUAL_FATAL(s.n, 1);
		CU_ASSERT_EQUAL(s.objs[0].src_len, len + 1);
		cfs_scan_free(&s);
		CU_ASSERT_EQUAL_FATAL(pwrite(fd, "\n", 1, (off_t)len), 1);
		CU_ASSERT_EQUAL(cfs_scan_fd(fd, len + 1, 1 << 20, &s, &w, &wlen), 0);
		CU_ASSERT_EQUAL_FATAL(s.n, 1);
		CU_ASSERT_EQUAL(s.objs[0].src_len, len);
		cfs_scan_free(&s);
		close(fd);
		unlink(path);
	}
	free(b);
}

/* ---- the store over a temporary SOURCE ---- */

static char src[64];
static char outside[64];

static void put(const char *name, const void *data, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", src, name);
	f = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fwrite(data, 1, len, f);
	fclose(f);
}

static void make_source(void)
{
	char path[256];
	char *two = cat((char *)ca_pem, (char *)cio_pem);
	size_t len;
	const uint8_t *der = ca_der(&len);

	strcpy(src, "/tmp/certfs-test-store-XXXXXX");
	strcpy(outside, "/tmp/certfs-test-out-XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(src));
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(outside));
	chmod(src, 0755);
	put("a.pem", ca_pem, ca_pem_len);
	put("b.pem", two, strlen(two));
	put("key.pem", KEY_BLOCK, strlen(KEY_BLOCK));
	put("notes.txt", "just text\n", 10);
	put("ca.der", der, len);
	{
		static const char bad[] = "-----BEGIN CERTIFICATE-----\nMII*\n-----END CERTIFICATE-----\n";

		put("bad.pem", bad, sizeof(bad) - 1);
	}
	snprintf(path, sizeof(path), "%s/sub", src);
	mkdir(path, 0755);
	put("sub/c.crl", crl_pem, crl_pem_len);
	snprintf(path, sizeof(path), "%s/in.pem", src);
	CU_ASSERT_EQUAL(symlink("a.pem", path), 0);
	snprintf(path, sizeof(path), "%s/x.pem", outside);
	{
		FILE *f = fopen(path, "wb");

		fwrite(ca_pem, 1, ca_pem_len, f);
		fclose(f);
	}
	{
		char link[256];

		snprintf(link, sizeof(link), "%s/out.pem", src);
		CU_ASSERT_EQUAL(symlink(path, link), 0);
		snprintf(link, sizeof(link), "%s/loop", src);
		CU_ASSERT_EQUAL(symlink(".", link), 0);
		snprintf(link, sizeof(link), "%s/sub/up", src);
		CU_ASSERT_EQUAL(symlink("..", link), 0);
		snprintf(link, sizeof(link), "%s/subl", src);
		CU_ASSERT_EQUAL(symlink("sub", link), 0);
	}
	free(two);
}

static void remove_source(void)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s'", src, outside);
	CU_ASSERT_EQUAL(system(cmd), 0);
}

/* The whole content of the file at path, NUL-terminated; NULL if none. */
static char *slurp(cfs_store *st, const char *path, size_t *len)
{
	cfs_handle *h;
	char *buf;
	long n;

	if (cfs_store_open_file(st, path, &h) != 0)
		return NULL;
	buf = malloc(1 << 16);
	n = cfs_store_read(h, buf, (1 << 16) - 1, 0);
	cfs_store_release(st, h);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	if (len)
		*len = (size_t)n;
	return buf;
}

static void expect_text(cfs_store *st, const char *path, const char *want)
{
	struct stat sb;
	char *got = slurp(st, path, NULL);

	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_STRING_EQUAL(got, want);
	if (strcmp(got, want))
		fprintf(stderr, "%s: got %s, want %s\n", path, got, want);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, path, &sb), 0);
	CU_ASSERT(S_ISREG(sb.st_mode));
	CU_ASSERT_EQUAL((size_t)sb.st_size, strlen(want));
	free(got);
}

struct names {
	char v[64][80];
	size_t n;
};

static int collect(void *ctx, const char *name, const struct stat *sb)
{
	struct names *ns = ctx;

	(void)sb;
	if (ns->n < 64)
		snprintf(ns->v[ns->n++], sizeof(ns->v[0]), "%s", name);
	return 0;
}

static bool has(const struct names *ns, const char *name)
{
	for (size_t i = 0; i < ns->n; i++)
		if (strcmp(ns->v[i], name) == 0)
			return true;
	return false;
}

static cfs_store *open_store_opts(const char *source, bool nofollow)
{
	cfs_store_opts o = { source, 0, false, nofollow };
	char err[256];
	cfs_store *st = cfs_store_open(&o, err, sizeof(err));

	CU_ASSERT_PTR_NOT_NULL(st);
	return st;
}

static cfs_store *open_store(const char *source)
{
	return open_store_opts(source, false);
}

static void test_store_tree(void)
{
	struct names ns = { .n = 0 };
	struct stat sb;
	cfs_store *st;
	char *der, *type;
	size_t len, dlen;
	const uint8_t *want = ca_der(&dlen);

	make_source();
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);

	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/", &sb), 0);
	CU_ASSERT(S_ISDIR(sb.st_mode));
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0555);
	CU_ASSERT_EQUAL(cfs_store_readdir(st, "/", collect, &ns), 0);
	CU_ASSERT(has(&ns, ".by-sha256"));
	CU_ASSERT(has(&ns, "a.pem"));
	CU_ASSERT(has(&ns, "b.pem"));
	CU_ASSERT(has(&ns, "ca.der"));
	CU_ASSERT(has(&ns, "bad.pem"));
	CU_ASSERT(has(&ns, "sub"));
	CU_ASSERT(has(&ns, "in.pem"));          /* a link inside SOURCE */
	CU_ASSERT(has(&ns, "subl"));            /* a directory link inside */
	CU_ASSERT(has(&ns, "out.pem"));         /* a link outside: followed */
	CU_ASSERT(!has(&ns, "loop"));           /* a link back up */
	CU_ASSERT(!has(&ns, "key.pem"));
	CU_ASSERT(!has(&ns, "notes.txt"));
	CU_ASSERT_EQUAL(ns.n, 9);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/out.pem", &sb), 0);
	{
		/* -o nofollow: the link outside is not shown */
		struct names nf = { .n = 0 };
		cfs_store *strict = open_store_opts(src, true);

		CU_ASSERT_PTR_NOT_NULL_FATAL(strict);
		CU_ASSERT_EQUAL(cfs_store_readdir(strict, "/", collect, &nf), 0);
		CU_ASSERT(!has(&nf, "out.pem"));
		CU_ASSERT(has(&nf, "in.pem"));
		CU_ASSERT_EQUAL(nf.n, 8);
		CU_ASSERT_EQUAL(cfs_store_getattr(strict, "/out.pem", &sb), -ENOENT);
		cfs_store_close(strict);
	}
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/key.pem", &sb), -ENOENT);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/notes.txt", &sb), -ENOENT);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/loop", &sb), -ENOENT);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/sub/up", &sb), -ENOENT);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/nothing", &sb), -ENOENT);

	/* one object: fields directly inside */
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem", &sb), 0);
	CU_ASSERT(S_ISDIR(sb.st_mode));
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0555);
	expect_text(st, "/a.pem/type", "certificate\n");
	expect_text(st, "/in.pem/type", "certificate\n");
	expect_text(st, "/ca.der/type", "certificate\n");
	der = slurp(st, "/a.pem/der", &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(der);
	CU_ASSERT_EQUAL(len, dlen);
	CU_ASSERT(memcmp(der, want, dlen) == 0);
	free(der);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/der", &sb), 0);
	CU_ASSERT_EQUAL((size_t)sb.st_size, dlen);
	CU_ASSERT_EQUAL(sb.st_mode & 0777, 0444);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/count", &sb), -ENOENT);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/verify", &sb), 0);
	CU_ASSERT(S_ISDIR(sb.st_mode));

	/* a bundle: 0/, 1/ and count */
	expect_text(st, "/b.pem/count", "2\n");
	expect_text(st, "/b.pem/0/type", "certificate\n");
	expect_text(st, "/b.pem/1/type", "certificate\n");
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/b.pem/2", &sb), -ENOENT);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/b.pem/01", &sb), -ENOENT);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/b.pem/type", &sb), -ENOENT);
	ns.n = 0;
	CU_ASSERT_EQUAL(cfs_store_readdir(st, "/b.pem", collect, &ns), 0);
	CU_ASSERT_EQUAL(ns.n, 3);
	CU_ASSERT(has(&ns, "0") && has(&ns, "1") && has(&ns, "count"));

	/* a subdirectory, a CRL */
	expect_text(st, "/sub/c.crl/type", "crl\n");
	expect_text(st, "/subl/c.crl/type", "crl\n");
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/subl/up", &sb), -ENOENT);

	/* invalid: bad base64, the offset in the file */
	expect_text(st, "/bad.pem/type", "invalid\n");
	type = slurp(st, "/bad.pem/error", NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(type);
	CU_ASSERT(strstr(type, " at byte 31\n") != NULL);
	free(type);

	/* files are not directories, directories not files */
	{
		cfs_handle *h;

		CU_ASSERT_EQUAL(cfs_store_open_file(st, "/a.pem", &h), -EISDIR);
		CU_ASSERT_EQUAL(cfs_store_readdir(st, "/a.pem/type", collect, &ns), -ENOTDIR);
	}
	cfs_store_close(st);
	remove_source();
}

/* A new file is read once: the scan that finds its objects (a lookup of
 * its directory) is the one its first field is built from. */
static void test_store_one_load(void)
{
	struct stat sb;
	cfs_store *st;
	char *der;
	size_t len;

	make_source();
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(cfs_store_loads(st), 0);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem", &sb), 0);
	CU_ASSERT_EQUAL(cfs_store_loads(st), 1);
	der = slurp(st, "/a.pem/der", &len);
	CU_ASSERT_PTR_NOT_NULL(der);
	free(der);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/subject", &sb), 0);
	CU_ASSERT_EQUAL(cfs_store_loads(st), 1);
	cfs_store_close(st);
	remove_source();
}

/* A stat of an object's directory builds nothing (its version comes from
 * the file's scan); cfs_store_prepare builds its fields, once, and only
 * for an object's directory; the version is the same either way, and the
 * same as its listing's. */
static void test_store_prepare(void)
{
	static const char *const dirs[] = { "/a.pem", "/b.pem/1", "/bad.pem" };
	struct stat before, after, sb;
	ino_t a_ino = 0;
	size_t built;
	cfs_store *st;

	make_source();
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		struct names ns = { .n = 0 };

		CU_ASSERT_EQUAL(cfs_store_getattr(st, dirs[i], &before), 0);
		CU_ASSERT(S_ISDIR(before.st_mode));
		CU_ASSERT_NOT_EQUAL(before.st_ino, 0);
		built = cfs_store_cached_bytes(st);
		cfs_store_prepare(st, dirs[i]);
		CU_ASSERT(cfs_store_cached_bytes(st) > built);
		built = cfs_store_cached_bytes(st);
		cfs_store_prepare(st, dirs[i]);
		CU_ASSERT_EQUAL(cfs_store_getattr(st, dirs[i], &after), 0);
		CU_ASSERT_EQUAL(cfs_store_cached_bytes(st), built);
		CU_ASSERT_EQUAL(after.st_ino, before.st_ino);
		if (i == 0)
			a_ino = after.st_ino;
		CU_ASSERT_EQUAL(cfs_store_readdir(st, dirs[i], collect, &ns), 0);
		CU_ASSERT(has(&ns, "type"));
	}
	/* not an object's directory: nothing built */
	built = cfs_store_cached_bytes(st);
	cfs_store_prepare(st, "/");
	cfs_store_prepare(st, "/b.pem");
	cfs_store_prepare(st, "/a.pem/public_key");
	cfs_store_prepare(st, "/a.pem/subject");
	cfs_store_prepare(st, "/nope.pem");
	CU_ASSERT_EQUAL(cfs_store_cached_bytes(st), built);
	cfs_store_close(st);

	/* a fresh store: the stat alone leaves the cache empty, and gives
	 * the version the built tree had */
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem", &sb), 0);
	CU_ASSERT_EQUAL(cfs_store_cached_bytes(st), 0);
	CU_ASSERT_EQUAL(sb.st_ino, a_ino);
	cfs_store_close(st);

	/* a bundle larger than one scan window (1 MiB; 7 MiB of PEM): the
	 * stat indexes it once, and the field reads its object alone, not
	 * the file again */
	{
		size_t n = (7u << 20) / ca_pem_len + 1, len = n * ca_pem_len, loads;
		uint8_t *big = malloc(len);

		CU_ASSERT_PTR_NOT_NULL_FATAL(big);
		for (size_t i = 0; i < n; i++)
			memcpy(big + i * ca_pem_len, ca_pem, ca_pem_len);
		put("big.pem", big, len);
		free(big);
		st = open_store(src);
		CU_ASSERT_PTR_NOT_NULL_FATAL(st);
		CU_ASSERT_EQUAL(cfs_store_getattr(st, "/big.pem/7", &sb), 0);
		loads = cfs_store_loads(st);
		cfs_store_prepare(st, "/big.pem/7");
		expect_text(st, "/big.pem/7/serial_number", "2\n");
		CU_ASSERT_EQUAL(cfs_store_loads(st), loads);
		cfs_store_close(st);
	}
	remove_source();
}

/* Lists SOURCE's directories under dir (st_ino 0: not an object's), so
 * every file in them is looked at once; not /.by-sha256, which would
 * build the index. */
static void list_source(cfs_store *st, const char *dir)
{
	struct names ns = { .n = 0 };
	char path[256];
	struct stat sb;

	CU_ASSERT_EQUAL_FATAL(cfs_store_readdir(st, dir, collect, &ns), 0);
	for (size_t i = 0; i < ns.n; i++) {
		if (ns.v[i][0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", strcmp(dir, "/") ? dir : "", ns.v[i]);
		if (cfs_store_getattr(st, path, &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_ino == 0)
			list_source(st, path);
	}
}

/* Building the index (here by listing /.by-sha256) reads each file of
 * SOURCE once: as many reads as listing every directory of SOURCE makes,
 * not twice as many (the index takes the scan its walk's validation
 * made). */
static void test_store_index_reads_once(void)
{
	struct names ns = { .n = 0 };
	cfs_store *listed, *indexed;

	make_source();
	listed = open_store(src);
	indexed = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(listed);
	CU_ASSERT_PTR_NOT_NULL_FATAL(indexed);
	list_source(listed, "/");
	CU_ASSERT_EQUAL(cfs_store_readdir(indexed, "/.by-sha256", collect, &ns), 0);
	CU_ASSERT_TRUE(ns.n > 0);
	CU_ASSERT_TRUE(cfs_store_loads(listed) > 3);
	CU_ASSERT_EQUAL(cfs_store_loads(indexed), cfs_store_loads(listed));
	if (cfs_store_loads(indexed) != cfs_store_loads(listed))
		fprintf(stderr, "reads: index %zu, listing %zu\n", cfs_store_loads(indexed),
			cfs_store_loads(listed));
	cfs_store_close(listed);
	cfs_store_close(indexed);
	remove_source();
}

/* Out of file descriptors, a new file's lookup fails with EMFILE, and
 * the file is not taken for one holding nothing: it shows once
 * descriptors are back, without waiting for a revalidation. */
static void test_store_emfile(void)
{
	struct rlimit rl, low;
	struct stat sb;
	cfs_store *st;
	int fd, rc;

	make_source();
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	fd = open("/dev/null", O_RDONLY);       /* the lowest free descriptor */
	CU_ASSERT_TRUE_FATAL(fd >= 0);
	close(fd);
	CU_ASSERT_EQUAL_FATAL(getrlimit(RLIMIT_NOFILE, &rl), 0);
	low = rl;
	low.rlim_cur = (rlim_t)fd;
	CU_ASSERT_EQUAL_FATAL(setrlimit(RLIMIT_NOFILE, &low), 0);
	rc = cfs_store_getattr(st, "/a.pem", &sb);
	CU_ASSERT_EQUAL_FATAL(setrlimit(RLIMIT_NOFILE, &rl), 0);
	CU_ASSERT_EQUAL(rc, -EMFILE);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem", &sb), 0);
	CU_ASSERT(S_ISDIR(sb.st_mode));
	cfs_store_close(st);
	remove_source();
}

static void test_store_change(void)
{
	cfs_store *st;
	cfs_handle *h;
	char buf[64];
	long n;

	make_source();
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	expect_text(st, "/a.pem/type", "certificate\n");
	CU_ASSERT_EQUAL_FATAL(cfs_store_open_file(st, "/a.pem/type", &h), 0);

	/* a.pem becomes a CRL: seen once the entry is revalidated */
	put("a.pem", crl_pem, crl_pem_len);
	usleep((useconds_t)(CFS_REVALIDATE * 1e6) + 100000);
	expect_text(st, "/a.pem/type", "crl\n");
	/* the handle opened before keeps its snapshot */
	n = cfs_store_read(h, buf, sizeof(buf) - 1, 0);
	CU_ASSERT_EQUAL(n, 12);
	buf[n > 0 ? n : 0] = '\0';
	CU_ASSERT_STRING_EQUAL(buf, "certificate\n");
	cfs_store_release(st, h);

	/* then a bundle, then gone */
	{
		char *two = cat((char *)ca_pem, (char *)cio_pem);
		struct stat sb;

		put("a.pem", two, strlen(two));
		free(two);
		usleep((useconds_t)(CFS_REVALIDATE * 1e6) + 100000);
		expect_text(st, "/a.pem/count", "2\n");
		CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/type", &sb), -ENOENT);
		put("a.pem", "no more\n", 8);
		usleep((useconds_t)(CFS_REVALIDATE * 1e6) + 100000);
		CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem", &sb), -ENOENT);
	}
	cfs_store_close(st);
	remove_source();
}

static void sha256_hex(const uint8_t *der, size_t len, char hex[65])
{
	uint8_t d[32];

	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_SHA256, xc_slice_make(der, len), d, sizeof(d)), XC_OK);
	for (size_t i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", d[i]);
}

static void test_store_bysha(void)
{
	struct names ns = { .n = 0 };
	char hex[65], path[128], target[256];
	struct stat sb;
	cfs_store *st;
	size_t len;
	const uint8_t *der = ca_der(&len);

	make_source();
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	sha256_hex(der, len, hex);
	CU_ASSERT_EQUAL(cfs_store_readdir(st, "/.by-sha256", collect, &ns), 0);
	CU_ASSERT(has(&ns, hex));
	CU_ASSERT_EQUAL(ns.n, 3);       /* Good CA, cryptography.io, the CRL */
	snprintf(path, sizeof(path), "/.by-sha256/%s", hex);
	CU_ASSERT_EQUAL(cfs_store_readlink(st, path, target, sizeof(target)), 0);
	CU_ASSERT_STRING_EQUAL(target, "../a.pem");     /* the first in name order */
	CU_ASSERT_EQUAL(cfs_store_getattr(st, path, &sb), 0);
	CU_ASSERT(S_ISLNK(sb.st_mode));
	CU_ASSERT_EQUAL((size_t)sb.st_size, strlen("../a.pem"));
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/.by-sha256/00", &sb), -ENOENT);
	memset(hex, '0', 64);
	snprintf(path, sizeof(path), "/.by-sha256/%s", hex);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, path, &sb), -ENOENT);

	/* verify/ is served from its own tree */
	ns.n = 0;
	CU_ASSERT_EQUAL(cfs_store_readdir(st, "/a.pem/verify", collect, &ns), 0);
	CU_ASSERT(has(&ns, "signature"));
	/* which keeps its version across seconds: a CRL's verify/ depends
	 * on the clock not at all; a certificate's has expires_in, a new
	 * version every second (ABI 1.6) */
	{
		struct stat v1, v2, c1, c2;

		CU_ASSERT_EQUAL(cfs_store_getattr(st, "/sub/c.crl/verify/signature", &c1), 0);
		CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/verify/validity", &v1), 0);
		usleep(1100000);
		CU_ASSERT_EQUAL(cfs_store_getattr(st, "/sub/c.crl/verify/signature", &c2), 0);
		CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/verify/validity", &v2), 0);
		CU_ASSERT_EQUAL(c1.st_ino, c2.st_ino);
		CU_ASSERT_NOT_EQUAL(v1.st_ino, v2.st_ino);
	}
	cfs_store_close(st);
	remove_source();
}

static void test_store_single(void)
{
	cfs_store *st;
	struct stat sb;
	char *two = cat((char *)ca_pem, (char *)cio_pem);

	make_source();
	put("two.pem", two, strlen(two));
	free(two);
	{
		char p[128];

		snprintf(p, sizeof(p), "%s/a.pem", src);
		st = open_store(p);
		CU_ASSERT_PTR_NOT_NULL_FATAL(st);
		expect_text(st, "/type", "certificate\n");
		CU_ASSERT_EQUAL(cfs_store_getattr(st, "/", &sb), 0);
		CU_ASSERT(S_ISDIR(sb.st_mode));
		cfs_store_close(st);
		snprintf(p, sizeof(p), "%s/two.pem", src);
		st = open_store(p);
		CU_ASSERT_PTR_NOT_NULL_FATAL(st);
		expect_text(st, "/count", "2\n");
		expect_text(st, "/1/type", "certificate\n");
		cfs_store_close(st);
	}
	{
		cfs_store_opts o = { "/nonexistent/certfs-source", 0, false, false };
		char err[256];

		CU_ASSERT_PTR_NULL(cfs_store_open(&o, err, sizeof(err)));
		CU_ASSERT(strstr(err, "/nonexistent/certfs-source") != NULL);
	}
	remove_source();
}

static void test_store_cache_cap(void)
{
	cfs_store_opts o = { NULL, 1, false, false };
	char err[256];
	cfs_store *st;
	char path[64];

	make_source();
	o.source = src;
	st = cfs_store_open(&o, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	for (int i = 0; i < 3; i++) {
		expect_text(st, "/a.pem/type", "certificate\n");
		expect_text(st, "/b.pem/1/type", "certificate\n");
		expect_text(st, "/sub/c.crl/type", "crl\n");
	}
	snprintf(path, sizeof(path), "/b.pem/0/type");
	expect_text(st, path, "certificate\n");
	CU_ASSERT(cfs_store_cached_bytes(st) <= (size_t)1 << 20);
	CU_ASSERT(cfs_store_cached_bytes(st) > 0);
	cfs_store_close(st);
	remove_source();
}

/* st_ino of cfs_store_getattr is a version (store.h): stable while a read
 * would give the same bytes, even across eviction; new when the source
 * changes; 0 for directories; what a handle opened then says too. */
static void test_store_versions(void)
{
	cfs_store_opts o = { NULL, 1, false, false };
	struct stat a, b, d;
	cfs_handle *h;
	char err[256];
	cfs_store *st;

	make_source();
	o.source = src;
	st = cfs_store_open(&o, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL_FATAL(cfs_store_getattr(st, "/a.pem/serial_number", &a), 0);
	CU_ASSERT_NOT_EQUAL(a.st_ino, 0);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/serial_number", &b), 0);
	CU_ASSERT_EQUAL(a.st_ino, b.st_ino);
	/* an object's directories are of its version; SOURCE's directories,
	 * /.by-sha256 and verify/ list what changes elsewhere: 0 */
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem", &d), 0);
	CU_ASSERT_EQUAL(d.st_ino, a.st_ino);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/extensions", &d), 0);
	CU_ASSERT_EQUAL(d.st_ino, a.st_ino);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/verify", &d), 0);
	CU_ASSERT_EQUAL(d.st_ino, 0);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/", &d), 0);
	CU_ASSERT_EQUAL(d.st_ino, 0);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/sub", &d), 0);
	CU_ASSERT_EQUAL(d.st_ino, 0);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/.by-sha256", &d), 0);
	CU_ASSERT_EQUAL(d.st_ino, 0);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/b.pem", &d), 0);
	CU_ASSERT_NOT_EQUAL(d.st_ino, 0);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/b.pem/count", &d), 0);
	CU_ASSERT_NOT_EQUAL(d.st_ino, 0);
	CU_ASSERT_EQUAL_FATAL(cfs_store_open_file(st, "/a.pem/serial_number", &h), 0);
	CU_ASSERT_EQUAL(cfs_handle_version(h), (uint64_t)a.st_ino);
	CU_ASSERT_EQUAL(cfs_handle_size(h), (size_t)a.st_size);
	cfs_store_release(st, h);

	/* a tree built again (here by another store) keeps its version */
	cfs_store_close(st);
	st = cfs_store_open(&o, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/serial_number", &b), 0);
	CU_ASSERT_EQUAL(a.st_ino, b.st_ino);

	/* the same content written again is another version of the file */
	put("a.pem", ca_pem, ca_pem_len);
	usleep((useconds_t)(CFS_REVALIDATE * 1e6) + 100000);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/serial_number", &b), 0);
	CU_ASSERT_NOT_EQUAL(a.st_ino, b.st_ino);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem", &d), 0);
	CU_ASSERT_EQUAL(d.st_ino, b.st_ino);

	/* the version before the change stays openable a moment (retired
	 * snapshots); an unknown one is stale */
	put("a.pem", cio_pem, cio_pem_len);
	usleep((useconds_t)(CFS_REVALIDATE * 1e6) + 100000);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/serial_number", &d), 0);
	CU_ASSERT_NOT_EQUAL(d.st_ino, b.st_ino);
	CU_ASSERT_EQUAL_FATAL(cfs_store_open_version(st, "/a.pem/serial_number",
						     (uint64_t)b.st_ino, &h), 0);
	CU_ASSERT_EQUAL(cfs_handle_version(h), (uint64_t)b.st_ino);
	CU_ASSERT_EQUAL(cfs_handle_size(h), (size_t)b.st_size);
	cfs_store_release(st, h);
	CU_ASSERT_EQUAL_FATAL(cfs_store_open_version(st, "/a.pem/serial_number",
						     (uint64_t)d.st_ino, &h), 0);
	CU_ASSERT_EQUAL(cfs_handle_size(h), (size_t)d.st_size);
	cfs_store_release(st, h);
	CU_ASSERT_EQUAL(cfs_store_open_version(st, "/a.pem/serial_number", 12345, &h), -ESTALE);
	cfs_store_close(st);
	remove_source();
}

/* The derived files (fields.h: pem, fingerprint/, text) are built when
 * one of them is first asked for, and only then: a stat of the object's
 * other files, of fingerprint/ itself, or a listing of the object's
 * directory builds none of them (the cache does not grow by the text). */
static void test_store_derived(void)
{
	struct names ns = { .n = 0 };
	struct stat a, fp, t, t2;
	size_t before, dlen;
	const uint8_t *der = ca_der(&dlen);
	char hex[65], want[66];
	cfs_store *st;

	make_source();
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/subject", &a), 0);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/fingerprint", &fp), 0);
	CU_ASSERT(S_ISDIR(fp.st_mode));
	CU_ASSERT_EQUAL(cfs_store_readdir(st, "/a.pem", collect, &ns), 0);
	CU_ASSERT(has(&ns, "pem") && has(&ns, "text") && has(&ns, "fingerprint"));
	before = cfs_store_cached_bytes(st);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/text", &t), 0);
	CU_ASSERT(S_ISREG(t.st_mode));
	CU_ASSERT(t.st_size > 1000);
	CU_ASSERT(cfs_store_cached_bytes(st) >= before + (size_t)t.st_size);
	CU_ASSERT_NOT_EQUAL(t.st_ino, a.st_ino);
	ns.n = 0;
	CU_ASSERT_EQUAL(cfs_store_readdir(st, "/a.pem/fingerprint", collect, &ns), 0);
	CU_ASSERT_EQUAL(ns.n, 12);      /* six hashes, each also in colon form */
	sha256_hex(der, dlen, hex);
	snprintf(want, sizeof(want), "%s\n", hex);
	expect_text(st, "/a.pem/fingerprint/sha256", want);
	cfs_store_close(st);

	/* rebuilt from the same bytes: the same version */
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/text", &t2), 0);
	CU_ASSERT_EQUAL(t2.st_ino, t.st_ino);
	CU_ASSERT_EQUAL(t2.st_size, t.st_size);
	/* an invalid object has none of them */
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/bad.pem/text", &t2), -ENOENT);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/bad.pem/fingerprint", &t2), -ENOENT);
	CU_ASSERT_EQUAL(cfs_store_readdir(st, "/bad.pem/fingerprint", collect, &ns), -ENOENT);
	cfs_store_close(st);
	remove_source();
}

/* The deep directories (fields.h: public_key/, extensions/) likewise: a
 * stat of subject, of public_key/ itself, or a listing of the object's
 * directory builds neither; a file in one builds both, once, as another
 * version than the fields'. */
static void test_store_deep(void)
{
	struct names ns = { .n = 0 };
	struct stat a, pk, alg, alg2, bc;
	size_t before, mid;
	cfs_store *st;

	make_source();
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/subject", &a), 0);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/public_key", &pk), 0);
	CU_ASSERT(S_ISDIR(pk.st_mode));
	CU_ASSERT_EQUAL(cfs_store_readdir(st, "/a.pem", collect, &ns), 0);
	CU_ASSERT(has(&ns, "public_key") && has(&ns, "extensions"));
	before = cfs_store_cached_bytes(st);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/public_key/algorithm", &alg), 0);
	mid = cfs_store_cached_bytes(st);
	CU_ASSERT(mid > before);
	CU_ASSERT_NOT_EQUAL(alg.st_ino, a.st_ino);
	expect_text(st, "/a.pem/public_key/algorithm", "rsa\n");
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/extensions/basic_constraints/ca", &bc), 0);
	expect_text(st, "/a.pem/extensions/basic_constraints/ca", "true\n");
	CU_ASSERT_EQUAL(cfs_store_cached_bytes(st), mid);       /* built once */
	ns.n = 0;
	CU_ASSERT_EQUAL(cfs_store_readdir(st, "/a.pem/public_key", collect, &ns), 0);
	CU_ASSERT(has(&ns, "modulus") && has(&ns, "der") && has(&ns, "fingerprint"));
	cfs_store_close(st);

	/* rebuilt from the same bytes: the same version */
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem/public_key/algorithm", &alg2), 0);
	CU_ASSERT_EQUAL(alg2.st_ino, alg.st_ino);
	/* an invalid object has none of them */
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/bad.pem/public_key", &alg2), -ENOENT);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/bad.pem/extensions/x", &alg2), -ENOENT);
	cfs_store_close(st);
	remove_source();
}

/* A bundle of copies of good-ca.pem, 7 MiB (about 5 of DER, over
 * what the scan cache kept whole, 4 MiB); returns how many. */
static size_t put_big_bundle(const char *name)
{
	size_t n = (7u << 20) / ca_pem_len + 1, len = n * ca_pem_len;
	uint8_t *big = malloc(len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	for (size_t i = 0; i < n; i++)
		memcpy(big + i * ca_pem_len, ca_pem, ca_pem_len);
	put(name, big, len);
	free(big);
	return n;
}

/* A bundle is indexed once per version: a field of each of its objects
 * reads that object alone, never the whole file again (issue 13, item
 * 6: it was read whole for each object once over 4 MiB of DER). */
static void test_store_bundle_once(void)
{
	char path[64];
	struct stat sb;
	cfs_store *st;
	size_t n;

	make_source();
	n = put_big_bundle("big.pem");
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	for (size_t i = 0; i < n; i += n / 40) {
		snprintf(path, sizeof(path), "/big.pem/%zu/serial_number", i);
		expect_text(st, path, "2\n");
	}
	snprintf(path, sizeof(path), "/big.pem/%zu/subject", n - 1);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, path, &sb), 0);
	CU_ASSERT_EQUAL(cfs_store_loads(st), 1);
	cfs_store_close(st);
	remove_source();
}

/* A listing reads the head of a file larger than 4 KiB, not all of it
 * (issue 13, item 7); its objects are counted at its lookup. */
static void test_store_listing_heads(void)
{
	struct names ns = { .n = 0 };
	char *two = cat((char *)ca_pem, (char *)cio_pem);
	char *four = cat(two, two);
	struct stat sb;
	cfs_store *st;
	size_t small;

	make_source();
	put("four.pem", four, strlen(four));
	CU_ASSERT(strlen(four) > 4096);
	put_big_bundle("big.pem");
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(cfs_store_readdir(st, "/", collect, &ns), 0);
	CU_ASSERT(has(&ns, "four.pem") && has(&ns, "big.pem") && has(&ns, "a.pem"));
	CU_ASSERT(!has(&ns, "key.pem") && !has(&ns, "notes.txt"));
	/* the small files read whole, the two large ones not */
	small = cfs_store_loads(st);
	CU_ASSERT_EQUAL(small, 8);      /* out.pem, a link outside, too */
	CU_ASSERT_EQUAL(cfs_store_heads(st), 2);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/four.pem/3", &sb), 0);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/four.pem/4", &sb), -ENOENT);
	expect_text(st, "/four.pem/count", "4\n");
	CU_ASSERT_EQUAL(cfs_store_loads(st), small + 1);
	/* past the revalidation, an unchanged file is not read again, one
	 * holding nothing (key.pem, notes.txt) included */
	usleep(450 * 1000);
	ns.n = 0;
	CU_ASSERT_EQUAL(cfs_store_readdir(st, "/", collect, &ns), 0);
	CU_ASSERT_EQUAL(cfs_store_loads(st), small + 1);
	cfs_store_close(st);
	free(two);
	free(four);
	remove_source();
}

struct listed {
	const char *name;
	ino_t ino;
	bool seen;
};

static int note_ino(void *ctx, const char *name, const struct stat *sb)
{
	for (struct listed *l = ctx; l->name; l++)
		if (strcmp(l->name, name) == 0) {
			l->ino = sb->st_ino;
			l->seen = true;
		}
	return 0;
}

/* A listing gives the version (st_ino) of the directory of each file it
 * read whole, as a stat says it, so that the daemon may hand it to the
 * kernel as a lookup's answer (main.c, readdirplus); 0 for a file it read
 * the head of, a link, a directory of SOURCE. And a stat of those
 * directories just after needs no read of the file: with a.pem removed,
 * its entry (trusted for CFS_REVALIDATE) still answers, from the listing
 * alone. */
static void test_store_listing_versions(void)
{
	struct listed l[] = { { "a.pem", 0, false }, { "b.pem", 0, false },
			      { "ca.der", 0, false }, { "in.pem", 0, false },
			      { "sub", 0, false }, { "four.pem", 0, false },
			      { NULL, 0, false } };
	char *two = cat((char *)ca_pem, (char *)cio_pem);
	char *four = cat(two, two);
	char name[32], path[256];
	struct stat sb;
	cfs_store *st;

	make_source();
	put("four.pem", four, strlen(four));
	/* more small files than the store keeps recent reads of, listed
	 * after a.pem: its bytes are not at hand any more */
	for (int i = 0; i < 2 * 8; i++) {
		snprintf(name, sizeof(name), "z%02d.pem", i);
		put(name, cio_pem, cio_pem_len);
	}
	st = open_store(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	CU_ASSERT_EQUAL(cfs_store_readdir(st, "/", note_ino, l), 0);
	for (size_t i = 0; l[i].name; i++)
		CU_ASSERT(l[i].seen);
	CU_ASSERT_NOT_EQUAL(l[0].ino, 0);
	CU_ASSERT_NOT_EQUAL(l[1].ino, 0);
	CU_ASSERT_NOT_EQUAL(l[2].ino, 0);
	CU_ASSERT_NOT_EQUAL(l[0].ino, l[2].ino);
	CU_ASSERT_EQUAL(l[3].ino, 0);
	CU_ASSERT_EQUAL(l[4].ino, 0);
	CU_ASSERT_EQUAL(l[5].ino, 0);
	snprintf(path, sizeof(path), "%s/a.pem", src);
	CU_ASSERT_EQUAL(unlink(path), 0);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/a.pem", &sb), 0);
	CU_ASSERT_EQUAL(sb.st_ino, l[0].ino);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/b.pem", &sb), 0);
	CU_ASSERT_EQUAL(sb.st_ino, l[1].ino);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/ca.der", &sb), 0);
	CU_ASSERT_EQUAL(sb.st_ino, l[2].ino);
	cfs_store_close(st);
	free(two);
	free(four);
	remove_source();
}

/* An object whose bytes in its file are over a quarter of cache_size is
 * not read: type invalid, an error that says so, no der (issue 13,
 * item 5). */
static void test_store_too_large(void)
{
	cfs_store_opts o = { NULL, 1, false, false };
	struct stat sb;
	char err[256], *e;
	cfs_store *st;
	size_t len;
	/* 300 KiB of octets: over 1 MiB / 4 */
	uint8_t *b = der_shaped(300u << 10, &len);

	make_source();
	put("huge.der", b, len);
	free(b);
	o.source = src;
	st = cfs_store_open(&o, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(st);
	expect_text(st, "/huge.der/type", "invalid\n");
	e = slurp(st, "/huge.der/error", NULL);
	CU_ASSERT_PTR_NOT_NULL(e);
	CU_ASSERT(e && strstr(e, "too large"));
	free(e);
	CU_ASSERT_EQUAL(cfs_store_getattr(st, "/huge.der/der", &sb), -ENOENT);
	/* the small ones as ever */
	expect_text(st, "/a.pem/type", "certificate\n");
	cfs_store_close(st);
	remove_source();
}

int main(void)
{
	static const tu_test tests[] = {
		{ "scan: PEM rules (table)", test_scan_pem_table },
		{ "scan: bundle of certificates, CRL, CSR", test_scan_bundle },
		{ "scan: DER shape rule", test_scan_der },
		{ "scan: TRUSTED CERTIFICATE", test_scan_trusted },
		{ "scan: a file in windows is the file whole", test_scan_windows },
		{ "store: tree, bundles, hidden files, links", test_store_tree },
		{ "store: a new file is read once", test_store_one_load },
		{ "store: the index reads each file once", test_store_index_reads_once },
		{ "store: out of descriptors is an error, not an empty file", test_store_emfile },
		{ "store: a change after revalidation, snapshots", test_store_change },
		{ "store: /.by-sha256 and verify/", test_store_bysha },
		{ "store: SOURCE a single file", test_store_single },
		{ "store: cache cap", test_store_cache_cap },
		{ "store: versions", test_store_versions },
		{ "store: derived files built when asked for", test_store_derived },
		{ "store: deep directories built when asked for", test_store_deep },
		{ "store: an object's directory, stat and prepare", test_store_prepare },
		{ "store: a bundle is indexed once, its objects read alone", test_store_bundle_once },
		{ "store: a listing reads the heads of large files", test_store_listing_heads },
		{ "store: a listing gives the versions it knows", test_store_listing_versions },
		{ "store: an object over cache_size / 4 is invalid, not read", test_store_too_large },
		{ NULL, NULL },
	};

	if (setup() != 0) {
		fprintf(stderr, "test_store: cannot read the seed files\n");
		return 1;
	}
	return tu_run("store", tests);
}
