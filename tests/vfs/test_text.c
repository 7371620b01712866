/*
 * test_text.c - the `text` page (vfs/text.c) against OpenSSL's own
 * `openssl x509|crl|req -noout -text`: the headline lines (Version, Serial
 * Number, Issuer, Validity, Subject, Public-Key, extension names) must be
 * identical for the seed examples and chosen vectors; over the whole
 * pyca vectors tree, every page must exist and end with a newline, and
 * most of OpenSSL's lines must appear as they are. Odd input (truncated,
 * mutated DER) must still give a page.
 *
 * TEXT_VERBOSE=1 in the environment prints every line OpenSSL has and the
 * page lacks, per file.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fields.h"
#include "testutil.h"

#define VECTORS "/usr/lib/python3/dist-packages/cryptography_vectors/x509"

/* ---- loading objects ---------------------------------------------------- */

typedef struct obj {
	cfs_type type;
	uint8_t *der;
	size_t len;
} obj;

typedef struct objs {
	obj v[64];
	size_t n;
} objs;

static void objs_free(objs *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->v[i].der);
	o->n = 0;
}

/* The objects of a file as the store sees them: recognised PEM blocks, or
 * the whole file as DER (type unknown). */
static void load(const char *path, objs *o)
{
	size_t len;
	uint8_t *buf = tu_read_file(path, &len);

	o->n = 0;
	if (!buf)
		return;
	if (xc_pem_detect(buf, len)) {
		xc_pem_iter it;
		xc_pem_block blk;

		xc_pem_iter_init(&it, buf, len);
		while (o->n < 64 && xc_pem_next(&it, &blk, NULL) == XC_OK) {
			cfs_type t = cfs_type_of_pem(blk.kind);
			size_t cap = XC_PEM_DECODED_MAX(blk.body.len), n = 0;
			uint8_t *der;

			if (t == CFS_UNKNOWN)
				continue;
			der = malloc(cap + 1);
			if (xc_pem_decode(blk.body, der, cap, &n, NULL) != XC_OK)
				t = CFS_INVALID;
			o->v[o->n++] = (obj){ t, der, n };
		}
		free(buf);
	} else {
		o->v[o->n++] = (obj){ CFS_UNKNOWN, buf, len };
	}
}

/* The type the parsers give (what cfs_fields_build would show). */
static cfs_type parsed_type(const obj *ob)
{
	xc_cert c;
	xc_crl r;
	xc_csr q;

	if (xc_cert_parse(&c, ob->der, ob->len, NULL) == XC_OK)
		return CFS_CERT;
	if (xc_crl_parse(&r, ob->der, ob->len, NULL) == XC_OK)
		return CFS_CRL;
	if (xc_csr_parse(&q, ob->der, ob->len, NULL) == XC_OK)
		return CFS_CSR;
	return CFS_INVALID;
}

/* ---- OpenSSL's page ----------------------------------------------------- */

/* OpenSSL's text of DER bytes (written to a temporary file), NULL if it
 * fails. */
static char *openssl_text(cfs_type t, const uint8_t *der, size_t len)
{
	char tmp[] = "/tmp/test_text_XXXXXX";
	char cmd[256];
	int fd = mkstemp(tmp);
	FILE *f, *p;
	char *out = NULL;
	size_t olen = 0, cap = 0;
	char chunk[4096];
	size_t n;
	const char *tool = t == CFS_CERT ? "x509" : t == CFS_CRL ? "crl" : "req";

	if (fd < 0)
		return NULL;
	f = fdopen(fd, "wb");
	fwrite(der, 1, len, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "openssl %s -inform DER -noout -text -in %s 2>/dev/null",
		 tool, tmp);
	p = popen(cmd, "r");
	if (p) {
		while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0) {
			if (olen + n + 1 > cap) {
				cap = (olen + n + 1) * 2;
				out = realloc(out, cap);
			}
			memcpy(out + olen, chunk, n);
			olen += n;
			out[olen] = '\0';
		}
		if (pclose(p) != 0) {
			free(out);
			out = NULL;
		}
	}
	unlink(tmp);
	return out;
}

/* True if `line` (n bytes, no newline) is a whole line of page. */
static bool has_line(const char *page, const char *line, size_t n)
{
	const char *p = page;

	while ((p = memmem(p, strlen(p), line, n)) != NULL) {
		if ((p == page || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return true;
		p++;
	}
	return false;
}

/* The headline lines: the ones a reader of OpenSSL's page looks for. */
static bool headline(const char *line, size_t n)
{
	static const char *const prefixes[] = {
		"Version", "Serial Number", "Issuer:", "Not Before", "Not After",
		"Subject:", "Public-Key:", "Public Key Algorithm", "Signature Algorithm",
		"Last Update", "Next Update", "Revocation Date", "ASN1 OID", "NIST CURVE",
		"Exponent",
	};
	size_t sp = 0;

	while (sp < n && line[sp] == ' ')
		sp++;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(line + sp, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	/* extension names: "Name: " or "Name: critical" at their indentation */
	if ((sp == 12 || sp == 16) && n >= 2 &&
	    (strncmp(line + n - 2, ": ", 2) == 0 ||
	     (n > 10 && strncmp(line + n - 10, ": critical", 10) == 0)))
		return true;
	return false;
}

typedef struct score {
	size_t lines, equal;            /* all of OpenSSL's lines */
	size_t head, head_equal;        /* headline lines */
	size_t files;
} score;

/* Compares one page with OpenSSL's; returns the number of headline lines
 * missing from the page. */
static size_t compare(const char *name, const char *mine, const char *theirs, score *s)
{
	const char *p = theirs;
	size_t missing = 0;
	bool verbose = getenv("TEXT_VERBOSE") != NULL;

	s->files++;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		bool ok = has_line(mine, p, n);
		bool head = headline(p, n);

		s->lines++;
		s->equal += ok;
		if (head) {
			s->head++;
			s->head_equal += ok;
			missing += !ok;
		}
		if (!ok && verbose)
			fprintf(stderr, "%s: %s[%.*s]\n", name, head ? "HEAD " : "", (int)n, p);
		p += n + (e != NULL);
	}
	return missing;
}

/* Compares every object of a file; returns the headline lines missing. */
static size_t compare_file(const char *path, score *s)
{
	objs o;
	size_t missing = 0;

	load(path, &o);
	for (size_t i = 0; i < o.n; i++) {
		cfs_type t = parsed_type(&o.v[i]);
		size_t len = 0;
		char *mine, *theirs;

		if (t == CFS_INVALID)
			continue;
		mine = cfs_text_page(o.v[i].type, o.v[i].der, o.v[i].len, &len);
		CU_ASSERT_PTR_NOT_NULL(mine);
		theirs = openssl_text(t, o.v[i].der, o.v[i].len);
		if (mine && theirs)
			missing += compare(path, mine, theirs, s);
		free(mine);
		free(theirs);
	}
	objs_free(&o);
	return missing;
}

/* ---- the tests ---------------------------------------------------------- */

static void test_seed_headlines(void)
{
	static const char *const files[] = {
		"cryptography-io.pem", "crl-version-2.pem", "csr-rsa-sha1.pem",
		"good-ca.pem", "signed-by-issuer-rsa4096.pem",
	};
	score s = { 0 };

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[512];

		snprintf(path, sizeof(path), "%s/seed/%s", TEST_DATA_DIR, files[i]);
		size_t missing = compare_file(path, &s);

		if (missing)
			fprintf(stderr, "%s: %zu headline lines differ\n", files[i], missing);
		CU_ASSERT_EQUAL(missing, 0);
	}
	CU_ASSERT(s.files >= 5);
}

/* Vectors with one feature each: their headline lines must all match. */
static void test_vector_headlines(void)
{
	static const char *const files[] = {
		"cryptography.io.pem", "ecdsa_root.pem", "ed25519/root-ed25519.pem",
		"ed448/root-ed448.pem", "letsencryptx3.pem", "v1_cert.pem",
		"tls-feature-ocsp-staple.pem", "cryptography-scts.pem",
		"custom/all_key_usages.pem", "custom/extended_key_usage.pem",
		"custom/san_email_dns_ip_dirname_uri.pem", "custom/cdp_crl_issuer.pem",
		"custom/aia_ocsp_ca_issuers.pem", "custom/cp_user_notice_with_notice_reference.pem",
		"custom/nc_permitted_excluded.pem", "custom/pc_inhibit_require.pem",
		"custom/inhibit_any_policy_5.pem", "custom/ocsp_nocheck.pem",
		"custom/negative_serial.pem", "custom/utf8_common_name.pem",
		"custom/dsa_selfsigned_ca.pem", "custom/rsa_pss_cert.pem",
		"custom/crl_all_reasons.pem", "custom/crl_idp_fullname_only.pem",
		"custom/crl_ian_aia_aki.pem", "custom/crl_delta_crl_indicator.pem",
		"requests/rsa_sha256.pem", "requests/ec_sha256.pem",
		"requests/challenge-unstructured.pem", "requests/basic_constraints.pem",
	};
	score s = { 0 };
	struct stat st;

	if (stat(VECTORS, &st) != 0) {
		fprintf(stderr, "skipped: %s not installed\n", VECTORS);
		return;
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[512];

		snprintf(path, sizeof(path), "%s/%s", VECTORS, files[i]);
		if (stat(path, &st) != 0)
			continue;
		size_t missing = compare_file(path, &s);

		if (missing)
			fprintf(stderr, "%s: %zu headline lines differ\n", files[i], missing);
		CU_ASSERT_EQUAL(missing, 0);
	}
	fprintf(stderr, "chosen vectors: %zu files, %zu/%zu lines equal (%.1f%%)\n", s.files,
		s.equal, s.lines, s.lines ? 100.0 * (double)s.equal / (double)s.lines : 0.0);
}

/* Every file under dir (recursively), for fn. */
static void walk(const char *dir, void (*fn)(const char *, void *), void *arg)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[1024];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			walk(path, fn, arg);
		else if (S_ISREG(st.st_mode))
			fn(path, arg);
	}
	closedir(d);
}

typedef struct corpus {
	size_t files, pages;
	score s;
} corpus;

/* A page must exist, end with one newline and hold no NUL. */
static bool page_ok(cfs_type t, const uint8_t *der, size_t len)
{
	size_t n = 0;
	char *p = cfs_text_page(t, der, len, &n);
	bool ok = p && n > 0 && p[n - 1] == '\n' && memchr(p, '\0', n) == NULL;

	free(p);
	return ok;
}

static void robust_one(const char *path, void *arg)
{
	corpus *c = arg;
	objs o;

	load(path, &o);
	if (o.n)
		c->files++;
	for (size_t i = 0; i < o.n; i++) {
		obj *ob = &o.v[i];
		bool ok = page_ok(ob->type, ob->der, ob->len) &&
			  page_ok(CFS_UNKNOWN, ob->der, ob->len) &&
			  page_ok(CFS_INVALID, ob->der, ob->len);

		if (!ok)
			fprintf(stderr, "no page for %s #%zu\n", path, i);
		CU_ASSERT(ok);
		c->pages++;
	}
	objs_free(&o);
}

static void test_corpus_never_null(void)
{
	corpus c = { 0 };
	struct stat st;

	if (stat(VECTORS, &st) != 0) {
		fprintf(stderr, "skipped: %s not installed\n", VECTORS);
		return;
	}
	walk(VECTORS, robust_one, &c);
	fprintf(stderr, "corpus: %zu files, %zu objects, every page present\n", c.files,
		c.pages);
	CU_ASSERT(c.files >= 200);
}

static void compare_one(const char *path, void *arg)
{
	corpus *c = arg;

	/* PKITS is most of the tree and much alike: one file in four keeps the
	 * test quick (one openssl process per object) on a loaded machine */
	if (strstr(path, "PKITS") && c->files++ % 4 != 0)
		return;
	compare_file(path, &c->s);
}

static void test_corpus_like_openssl(void)
{
	corpus c = { 0 };
	struct stat st;

	if (stat(VECTORS, &st) != 0) {
		fprintf(stderr, "skipped: %s not installed\n", VECTORS);
		return;
	}
	walk(VECTORS, compare_one, &c);
	fprintf(stderr,
		"like openssl: %zu objects, %zu/%zu lines equal (%.1f%%), headline lines "
		"%zu/%zu (%.1f%%)\n",
		c.s.files, c.s.equal, c.s.lines, 100.0 * (double)c.s.equal / (double)c.s.lines,
		c.s.head_equal, c.s.head, 100.0 * (double)c.s.head_equal / (double)c.s.head);
	CU_ASSERT(c.s.files >= 200);
	CU_ASSERT(c.s.equal * 100 >= c.s.lines * 90);
	CU_ASSERT(c.s.head_equal * 100 >= c.s.head * 97);
}

/* Truncated and bit-flipped objects: still a page, never a crash. */
static void test_odd_input(void)
{
	char path[512];
	objs o;

	snprintf(path, sizeof(path), "%s/seed/cryptography-io.pem", TEST_DATA_DIR);
	load(path, &o);
	CU_ASSERT_EQUAL_FATAL(o.n, 1);
	for (size_t cut = 0; cut < o.v[0].len; cut += 7)
		CU_ASSERT(page_ok(CFS_CERT, o.v[0].der, cut));
	for (size_t i = 0; i < o.v[0].len; i++) {
		uint8_t save = o.v[0].der[i];

		o.v[0].der[i] ^= (uint8_t)(1u << (i % 8));
		CU_ASSERT(page_ok(CFS_CERT, o.v[0].der, o.v[0].len));
		CU_ASSERT(page_ok(CFS_UNKNOWN, o.v[0].der, o.v[0].len));
		o.v[0].der[i] = save;
	}
	CU_ASSERT(page_ok(CFS_UNKNOWN, NULL, 0));
	CU_ASSERT(page_ok(CFS_INVALID, (const uint8_t *)"\x30\x00", 2));
	objs_free(&o);
}

/* Table rows: a DER object, and lines its page must hold exactly. */
static void test_lines(void)
{
	static const struct {
		const char *file;
		const char *lines[6];
	} rows[] = {
		{ "seed/cryptography-io.pem",
		  { "        Serial Number: 16160 (0x3f20)",
		    "            Not Before: Oct 15 12:09:32 2014 GMT",
		    "            X509v3 Basic Constraints: critical",
		    "                DNS:www.cryptography.io, DNS:cryptography.io",
		    "                OCSP - URI:http://gv.symcd.com",
		    "                Policy: 2.16.840.1.113733.1.7.54" } },
		{ "seed/crl-version-2.pem",
		  { "Certificate Revocation List (CRL):", "        Version unknown (2)",
		    "    Serial Number: 00", "                Key Compromise",
		    "        Last Update: Jan  1 00:00:00 2015 GMT", NULL } },
		{ "seed/csr-rsa-sha1.pem",
		  { "Certificate Request:", "        Version: 1 (0x0)",
		    "            Requested Extensions:",
		    "                    DNS:world.com, DNS:whatever.com",
		    "                Exponent: 65537 (0x10001)", NULL } },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char path[512];
		objs o;
		size_t n;
		char *page;

		snprintf(path, sizeof(path), "%s/%s", TEST_DATA_DIR, rows[i].file);
		load(path, &o);
		CU_ASSERT_EQUAL_FATAL(o.n, 1);
		page = cfs_text_page(o.v[0].type, o.v[0].der, o.v[0].len, &n);
		CU_ASSERT_PTR_NOT_NULL_FATAL(page);
		CU_ASSERT_EQUAL(strlen(page), n);
		for (size_t j = 0; j < 6 && rows[i].lines[j]; j++) {
			bool ok = has_line(page, rows[i].lines[j], strlen(rows[i].lines[j]));

			if (!ok)
				fprintf(stderr, "%s: missing [%s]\n", rows[i].file, rows[i].lines[j]);
			CU_ASSERT(ok);
		}
		free(page);
		objs_free(&o);
	}
}

/* An object that does not parse: the reason and where, then the bytes. */
static void test_invalid(void)
{
	static const uint8_t der[] = { 0x30, 0x03, 0x30, 0x01, 0x00 };
	size_t n;
	char *page = cfs_text_page(CFS_INVALID, der, sizeof(der), &n);

	CU_ASSERT_PTR_NOT_NULL_FATAL(page);
	CU_ASSERT(strncmp(page, "Invalid object: ", 16) == 0);
	CU_ASSERT(strstr(page, " at byte ") != NULL);
	CU_ASSERT(strstr(page, "0000 - 30 03 30 01 00") != NULL);
	free(page);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "lines", test_lines },
		{ "invalid", test_invalid },
		{ "odd_input", test_odd_input },
		{ "seed_headlines", test_seed_headlines },
		{ "vector_headlines", test_vector_headlines },
		{ "corpus_never_null", test_corpus_never_null },
		{ "corpus_like_openssl", test_corpus_like_openssl },
		{ NULL, NULL },
	};

	return tu_run("vfs_text", tests);
}
