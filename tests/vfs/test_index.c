/*
 * test_index.c - the store-wide index and verify/: the PKITS certificates
 * and CRLs as one store (a loader over an in-memory table of files), then
 * chains, bad signatures, revocation, CRL and CSR signatures, validity,
 * /.by-sha256, removal, and the figures over the whole set.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "testutil.h"
#include "verify.h"

#define PKITS "/usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data"

#define T2020 1577836800        /* 2020-01-01: inside PKITS' 2010..2030 */
#define T2000 946684800
#define T2040 2208988800

/* ---- an in-memory store ---- */

typedef struct mfile {
	char *path;
	uint8_t *der;
	size_t len;
	cfs_type type;
} mfile;

typedef struct mstore {
	mfile *v;
	size_t n, cap;
	int loads;
} mstore;

/* The object path of object idx of file, as the store shows it: the
 * file's own for its first object, "file/idx" in a bundle. */
static bool mpath_is(const char *path, const char *file, size_t idx)
{
	size_t n = strlen(file);
	char num[24];

	if (strcmp(path, file) == 0)
		return idx == 0;
	snprintf(num, sizeof(num), "%zu", idx);
	return strncmp(path, file, n) == 0 && path[n] == '/' && strcmp(path + n + 1, num) == 0;
}

static int mload(void *ctx, const char *file, size_t idx, uint8_t **der, size_t *len)
{
	mstore *s = ctx;
	size_t i;

	__atomic_add_fetch(&s->loads, 1, __ATOMIC_RELAXED);
	for (i = 0; i < s->n; i++) {
		if (mpath_is(s->v[i].path, file, idx)) {
			*der = malloc(s->v[i].len);
			if (!*der)
				return -ENOMEM;
			memcpy(*der, s->v[i].der, s->v[i].len);
			*len = s->v[i].len;
			return 0;
		}
	}
	return -ENOENT;
}

static void mput(mstore *s, const char *path, uint8_t *der, size_t len, cfs_type type)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n].path = strdup(path);
	s->v[s->n].der = der;
	s->v[s->n].len = len;
	s->v[s->n].type = type;
	s->n++;
}

static mfile *mfind(mstore *s, const char *path)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].path, path) == 0)
			return &s->v[i];
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every file of PKITS_data/<sub> ending in ext, as "<sub>/<name>". */
static void load_dir(mstore *s, const char *sub, const char *ext, cfs_type type)
{
	char dir[512], path[1024];
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/%s", PKITS, sub);
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name), el = strlen(ext);

		if (l <= el || strcmp(de->d_name + l - el, ext) != 0)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			names = realloc(names, cap * sizeof(*names));
		}
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		size_t len;
		uint8_t *der;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		der = tu_read_file(path, &len);
		if (der) {
			snprintf(path, sizeof(path), "%s/%s", sub, names[i]);
			mput(s, path, der, len, type);
		}
		free(names[i]);
	}
	free(names);
}

static mstore pkits;
static cfs_index *pix;          /* the whole PKITS set */

static cfs_index *index_all(mstore *s)
{
	cfs_index *ix = cfs_index_new(mload, s);
	size_t i;

	for (i = 0; i < s->n; i++)
		CU_ASSERT_EQUAL(cfs_index_add(ix, s->v[i].path, 0, s->v[i].path, s->v[i].type,
					      s->v[i].der, s->v[i].len), 0);
	return ix;
}

static void setup(void)
{
	if (pix)
		return;
	load_dir(&pkits, "certs", ".crt", CFS_CERT);
	load_dir(&pkits, "crls", ".crl", CFS_CRL);
	pix = index_all(&pkits);
}

/* ---- verify/ of one object ---- */

typedef struct vdir {
	cfs_tree *t;
	cfs_node *dir;
	cfs_vwin w;             /* the span it holds for */
} vdir;

static vdir vbuild(cfs_index *ix, mstore *s, const char *path, time_t now)
{
	mfile *f = mfind(s, path);
	vdir v;

	v.t = cfs_tree_new();
	v.dir = cfs_dir(v.t, cfs_tree_root(v.t), "verify");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	cfs_verify_build(ix, v.t, v.dir, path, f->type, f->der, f->len, now, NULL, &v.w);
	cfs_tree_seal(v.t);
	CU_ASSERT_TRUE(cfs_tree_ok(v.t));
	CU_ASSERT_TRUE(v.w.from <= (int64_t)now && (int64_t)now < v.w.until);
	return v;
}

/* A file's contents as a string, or NULL if there is no such file. */
static const char *vget(vdir *v, const char *name)
{
	static char buf[8][4096];
	static int k;
	cfs_node *n = cfs_lookup(v->dir, name);
	char *b;

	if (!n)
		return NULL;
	b = buf[k++ % 8];
	if (n->len >= sizeof(buf[0]))
		return "(too long)";
	memcpy(b, n->data, n->len);
	b[n->len] = '\0';
	return b;
}

static bool vis_link(vdir *v, const char *name)
{
	cfs_node *n = cfs_lookup(v->dir, name);

	return n && n->kind == CFS_LINK;
}

#define CHECK_FILE(v, name, want)                                          \
	do {                                                               \
		const char *got_ = vget(&(v), name);                       \
		CU_ASSERT_PTR_NOT_NULL(got_);                              \
		if (got_) {                                                \
			CU_ASSERT_STRING_EQUAL(got_, want);                \
			if (strcmp(got_, want) != 0)                       \
				fprintf(stderr, "%s: got [%s] want [%s]\n", \
					name, got_, want);                 \
		}                                                          \
	} while (0)

/* ---- the cases ---- */

static void test_good_chain(void)
{
	vdir v;

	setup();
	v = vbuild(pix, &pkits, "certs/ValidCertificatePathTest1EE.crt", T2020);
	CHECK_FILE(v, "signature", "valid\n");
	CU_ASSERT_TRUE(vis_link(&v, "issuer"));
	CHECK_FILE(v, "issuer", "../../../certs/GoodCACert.crt");
	CHECK_FILE(v, "chain", "certs/ValidCertificatePathTest1EE.crt\n"
		   "certs/GoodCACert.crt\n"
		   "certs/TrustAnchorRootCertificate.crt\n");
	CHECK_FILE(v, "validity", "valid\n");
	CHECK_FILE(v, "revocation", "not-revoked\n");
	CU_ASSERT_PTR_NULL(vget(&v, "revocation_date"));
	CU_ASSERT_PTR_NULL(vget(&v, "revocation_reason"));
	cfs_tree_free(v.t);
}

static void test_root(void)
{
	vdir v;

	setup();
	v = vbuild(pix, &pkits, "certs/TrustAnchorRootCertificate.crt", T2020);
	CHECK_FILE(v, "signature", "valid\n");
	CHECK_FILE(v, "issuer", "../../../certs/TrustAnchorRootCertificate.crt");
	CHECK_FILE(v, "chain", "certs/TrustAnchorRootCertificate.crt\n");
	cfs_tree_free(v.t);
}

static void test_bad_signature(void)
{
	vdir v;

	setup();
	v = vbuild(pix, &pkits, "certs/InvalidEESignatureTest3EE.crt", T2020);
	CHECK_FILE(v, "signature", "invalid\n");
	CU_ASSERT_PTR_NULL(cfs_lookup(v.dir, "issuer"));
	CU_ASSERT_PTR_NULL(cfs_lookup(v.dir, "chain"));
	CHECK_FILE(v, "revocation", "unknown\n");
	CHECK_FILE(v, "validity", "valid\n");
	cfs_tree_free(v.t);
}

static void test_revoked(void)
{
	vdir v;

	setup();
	v = vbuild(pix, &pkits, "certs/InvalidRevokedEETest3EE.crt", T2020);
	CHECK_FILE(v, "signature", "valid\n");
	CHECK_FILE(v, "revocation", "revoked\n");
	CHECK_FILE(v, "revocation_date", "2010-01-01T08:30:01Z\n");
	CHECK_FILE(v, "revocation_reason", "key_compromise\n");
	cfs_tree_free(v.t);

	/* CRLs that do not count: a bad signature, another issuer name, the
	 * wrong key (signed by another CA of the same name); and two CRLs of
	 * one issuer, one of them bad. */
	{
		static const struct {
			const char *path;
			const char *want;
		} rows[] = {
			{ "certs/InvalidBadCRLSignatureTest4EE.crt", "unknown\n" },
			{ "certs/InvalidBadCRLIssuerNameTest5EE.crt", "unknown\n" },
			{ "certs/InvalidWrongCRLTest6EE.crt", "unknown\n" },
			{ "certs/ValidTwoCRLsTest7EE.crt", "not-revoked\n" },
			{ "certs/InvalidUnknownCRLEntryExtensionTest8EE.crt", "revoked\n" },
			{ "certs/InvalidOldCRLnextUpdateTest11EE.crt", "unknown\n" },
		};
		size_t i;

		for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
			v = vbuild(pix, &pkits, rows[i].path, T2020);
			CHECK_FILE(v, "signature", "valid\n");
			CHECK_FILE(v, "revocation", rows[i].want);
			cfs_tree_free(v.t);
		}
	}

	/* The CA itself, revoked by the root's CRL. */
	v = vbuild(pix, &pkits, "certs/RevokedsubCACert.crt", T2020);
	CHECK_FILE(v, "revocation", "revoked\n");
	cfs_tree_free(v.t);

	/* A CRL that is not current yet (now before its thisUpdate) proves
	 * nothing: unknown. */
	v = vbuild(pix, &pkits, "certs/InvalidRevokedEETest3EE.crt", T2000);
	CHECK_FILE(v, "revocation", "unknown\n");
	CHECK_FILE(v, "validity", "not-yet-valid\n");
	cfs_tree_free(v.t);

	/* Past nextUpdate (2030): no current CRL either. */
	v = vbuild(pix, &pkits, "certs/ValidCertificatePathTest1EE.crt", T2040);
	CHECK_FILE(v, "revocation", "unknown\n");
	CHECK_FILE(v, "validity", "expired\n");
	cfs_tree_free(v.t);
}

static void test_crl(void)
{
	vdir v;

	setup();
	/* PKITS' CRL with a bad signature (BadSignedCACRL is well signed,
	 * by a CA whose own certificate is not). */
	v = vbuild(pix, &pkits, "crls/BadCRLSignatureCACRL.crl", T2020);
	CHECK_FILE(v, "signature", "invalid\n");
	CU_ASSERT_PTR_NULL(cfs_lookup(v.dir, "issuer"));
	CU_ASSERT_PTR_NULL(cfs_lookup(v.dir, "chain"));
	CU_ASSERT_PTR_NULL(cfs_lookup(v.dir, "revocation"));
	cfs_tree_free(v.t);

	v = vbuild(pix, &pkits, "crls/GoodCACRL.crl", T2020);
	CHECK_FILE(v, "signature", "valid\n");
	CHECK_FILE(v, "issuer", "../../../certs/GoodCACert.crt");
	cfs_tree_free(v.t);

	v = vbuild(pix, &pkits, "crls/BadSignedCACRL.crl", T2020);
	CHECK_FILE(v, "signature", "valid\n");
	CHECK_FILE(v, "issuer", "../../../certs/BadSignedCACert.crt");
	cfs_tree_free(v.t);
	v = vbuild(pix, &pkits, "certs/BadSignedCACert.crt", T2020);
	CHECK_FILE(v, "signature", "invalid\n");
	cfs_tree_free(v.t);

	v = vbuild(pix, &pkits, "crls/TrustAnchorRootCRL.crl", T2020);
	CHECK_FILE(v, "signature", "valid\n");
	CHECK_FILE(v, "issuer", "../../../certs/TrustAnchorRootCertificate.crt");
	cfs_tree_free(v.t);
}

/* PKITS 4.3: issuer names that match only under RFC 5280 7.1 (case,
 * whitespace, string types) must land in the same bucket of the index. */
static void test_name_chaining(void)
{
	static const struct {
		const char *path;
		const char *sig;
		bool chain;
	} cases[] = {
		{ "certs/ValidNameChainingWhitespaceTest3EE.crt", "valid\n", true },
		{ "certs/ValidNameChainingWhitespaceTest4EE.crt", "valid\n", true },
		{ "certs/ValidNameChainingCapitalizationTest5EE.crt", "valid\n", true },
		{ "certs/ValidNameUIDsTest6EE.crt", "valid\n", true },
		{ "certs/ValidRFC3280MandatoryAttributeTypesTest7EE.crt", "valid\n", true },
		{ "certs/ValidRolloverfromPrintableStringtoUTF8StringTest10EE.crt", "valid\n", true },
		{ "certs/ValidUTF8StringCaseInsensitiveMatchTest11EE.crt", "valid\n", true },
		{ "certs/InvalidNameChainingTest1EE.crt", "unknown-issuer\n", false },
		{ "certs/InvalidNameChainingOrderTest2EE.crt", "unknown-issuer\n", false },
		{ "certs/InvalidCASignatureTest2EE.crt", "valid\n", false },
		{ "certs/BasicSelfIssuedNewKeyOldWithNewCACert.crt", "valid\n", true },
		{ "certs/ValidBasicSelfIssuedNewWithOldTest3EE.crt", "valid\n", true },
	};
	size_t i;

	setup();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		vdir v = vbuild(pix, &pkits, cases[i].path, T2020);

		CHECK_FILE(v, "signature", cases[i].sig);
		CU_ASSERT_EQUAL(cfs_lookup(v.dir, "chain") != NULL, cases[i].chain);
		if (cases[i].chain != (cfs_lookup(v.dir, "chain") != NULL))
			fprintf(stderr, "%s: chain?\n", cases[i].path);
		cfs_tree_free(v.t);
	}
}

/* A self-signed certificate whose algorithm the core does not know (the
 * root's sha256WithRSAEncryption, inner and outer, made 1.2.840.113549.1.1.99). */
static void test_unsupported(void)
{
	static const uint8_t alg[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b };
	mstore s = { 0 };
	cfs_index *ix = cfs_index_new(mload, &s);
	mfile *root;
	uint8_t *der;
	size_t i, hits = 0;
	vdir v;

	setup();
	root = mfind(&pkits, "certs/TrustAnchorRootCertificate.crt");
	der = malloc(root->len);
	memcpy(der, root->der, root->len);
	for (i = 0; i + sizeof(alg) <= root->len; i++) {
		if (memcmp(der + i, alg, sizeof(alg)) == 0) {
			der[i + sizeof(alg) - 1] = 0x63;
			hits++;
		}
	}
	CU_ASSERT_EQUAL(hits, 2);
	mput(&s, "odd.crt", der, root->len, CFS_CERT);
	CU_ASSERT_EQUAL(cfs_index_add(ix, "odd.crt", 0, "odd.crt", CFS_CERT, der, root->len), 0);
	v = vbuild(ix, &s, "odd.crt", T2020);
	CHECK_FILE(v, "signature", "unsupported-algorithm\n");
	CU_ASSERT_PTR_NULL(cfs_lookup(v.dir, "issuer"));
	CU_ASSERT_PTR_NULL(cfs_lookup(v.dir, "chain"));
	CHECK_FILE(v, "validity", "valid\n");
	CHECK_FILE(v, "revocation", "unknown\n");
	cfs_tree_free(v.t);
	cfs_index_free(ix);
	free(s.v[0].path);
	free(s.v);
	free(der);
}

static void test_dsa_inherited(void)
{
	vdir v;

	setup();
	/* Its issuer's DSA key takes the parameters from its own issuer. */
	v = vbuild(pix, &pkits, "certs/ValidDSAParameterInheritanceTest5EE.crt", T2020);
	CHECK_FILE(v, "signature", "valid\n");
	CHECK_FILE(v, "chain", "certs/ValidDSAParameterInheritanceTest5EE.crt\n"
		   "certs/DSAParametersInheritedCACert.crt\n"
		   "certs/DSACACert.crt\n"
		   "certs/TrustAnchorRootCertificate.crt\n");
	cfs_tree_free(v.t);
}

static void test_csr(void)
{
	mstore s = { 0 };
	cfs_index *ix = cfs_index_new(mload, &s);
	size_t len;
	uint8_t *der = tu_read_data("csr/ec-p256.der", &len);
	uint8_t *bad;
	vdir v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(der);
	bad = malloc(len);
	memcpy(bad, der, len);
	bad[len - 5] ^= 0x01;   /* inside the signature's s */
	mput(&s, "req.pem", der, len, CFS_CSR);
	mput(&s, "bad.der", bad, len, CFS_CSR);
	CU_ASSERT_EQUAL(cfs_index_add(ix, "req.pem", 0, "req.pem", CFS_CSR, der, len), 0);
	v = vbuild(ix, &s, "req.pem", T2020);
	CHECK_FILE(v, "signature", "valid\n");
	CU_ASSERT_EQUAL(v.dir->nkids, 1);
	cfs_tree_free(v.t);
	v = vbuild(ix, &s, "bad.der", T2020);
	CHECK_FILE(v, "signature", "invalid\n");
	cfs_tree_free(v.t);
	cfs_index_free(ix);
	free(s.v[0].path);
	free(s.v[1].path);
	free(s.v);
	free(der);
	free(bad);
}

static void sha_of(const mfile *f, char hex[65])
{
	uint8_t d[32];
	size_t i;

	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_SHA256, xc_slice_make(f->der, f->len), d,
				       sizeof(d)), XC_OK);
	for (i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", d[i]);
}

static int count_cb(void *ctx, const char *hex)
{
	size_t *n = ctx;

	(*n)++;
	return strlen(hex) == 64 ? 0 : -1;
}

static int stop_cb(void *ctx, const char *hex)
{
	(void)hex;
	(void)ctx;
	return 7;
}

static void test_by_sha256(void)
{
	char hex[65], buf[256], up[65];
	size_t n = 0, i;

	setup();
	sha_of(mfind(&pkits, "certs/GoodCACert.crt"), hex);
	CU_ASSERT_EQUAL(cfs_index_by_sha256(pix, hex, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "certs/GoodCACert.crt");
	CU_ASSERT_EQUAL(cfs_index_by_sha256(pix, hex, buf, 5), -ERANGE);
	CU_ASSERT_EQUAL(cfs_index_by_sha256(pix, hex, buf, strlen("certs/GoodCACert.crt")),
			-ERANGE);
	for (i = 0; i < 64; i++)
		up[i] = (char)(hex[i] >= 'a' ? hex[i] - 32 : hex[i]);
	up[64] = '\0';
	CU_ASSERT_EQUAL(cfs_index_by_sha256(pix, up, buf, sizeof(buf)), -ENOENT);
	CU_ASSERT_EQUAL(cfs_index_by_sha256(pix, "00", buf, sizeof(buf)), -ENOENT);
	memset(up, '0', 64);
	CU_ASSERT_EQUAL(cfs_index_by_sha256(pix, up, buf, sizeof(buf)), -ENOENT);
	sha_of(mfind(&pkits, "crls/GoodCACRL.crl"), hex);
	CU_ASSERT_EQUAL(cfs_index_by_sha256(pix, hex, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "crls/GoodCACRL.crl");

	/* PKITS has one pair of files with the same DER: the first recorded
	 * (in the order added, here sorted by name) is the one shown. */
	CU_ASSERT_EQUAL(cfs_index_each_sha256(pix, count_cb, &n), 0);
	CU_ASSERT_EQUAL(n, pkits.n - 1);
	for (i = 0; i < pkits.n; i++) {
		sha_of(&pkits.v[i], hex);
		CU_ASSERT_EQUAL(cfs_index_by_sha256(pix, hex, buf, sizeof(buf)), 0);
		CU_ASSERT_TRUE(pkits.v[i].len == mfind(&pkits, buf)->len &&
			       memcmp(pkits.v[i].der, mfind(&pkits, buf)->der,
				      pkits.v[i].len) == 0);
	}
	sha_of(mfind(&pkits, "crls/WrongCRLCACRL.crl"), hex);
	CU_ASSERT_EQUAL(cfs_index_by_sha256(pix, hex, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "crls/TrustAnchorRootCRL.crl");
	CU_ASSERT_EQUAL(cfs_index_each_sha256(pix, stop_cb, NULL), 7);
}

/* A small store of a few PKITS files under other paths. */
static cfs_index *small(mstore *s, const char *const *map)
{
	cfs_index *ix = cfs_index_new(mload, s);
	size_t i, idx;

	setup();
	for (i = 0; map[i]; i += 3) {
		mfile *f = mfind(&pkits, map[i]);

		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		mput(s, map[i + 1], f->der, f->len, f->type);
		/* "file/N" is the file's object N */
		idx = strcmp(map[i + 1], map[i + 2]) == 0
			      ? 0
			      : (size_t)strtoul(map[i + 1] + strlen(map[i + 2]) + 1, NULL, 10);
		CU_ASSERT_EQUAL(cfs_index_add(ix, map[i + 2], idx, map[i + 1], f->type, f->der,
					      f->len), 0);
	}
	return ix;
}

static void small_free(mstore *s, cfs_index *ix)
{
	size_t i;

	cfs_index_free(ix);
	for (i = 0; i < s->n; i++)
		free(s->v[i].path);
	free(s->v);
}

static void test_remove_and_unknown(void)
{
	static const char *const map[] = {
		"certs/TrustAnchorRootCertificate.crt", "root.crt", "root.crt",
		"certs/GoodCACert.crt", "ca.pem/0", "ca.pem",
		"crls/GoodCACRL.crl", "ca.pem/1", "ca.pem",
		"certs/ValidCertificatePathTest1EE.crt", "leaf.crt", "leaf.crt",
		NULL,
	};
	mstore s = { 0 };
	cfs_index *ix = small(&s, map);
	char hex[65], buf[256];
	uint64_t g;
	vdir v;

	/* Paths inside a bundle: one more "../" for the bundle's directory. */
	v = vbuild(ix, &s, "leaf.crt", T2020);
	CHECK_FILE(v, "issuer", "../../ca.pem/0");
	CHECK_FILE(v, "chain", "leaf.crt\nca.pem/0\nroot.crt\n");
	CHECK_FILE(v, "revocation", "not-revoked\n");
	cfs_tree_free(v.t);
	v = vbuild(ix, &s, "ca.pem/1", T2020);
	CHECK_FILE(v, "issuer", "../../../ca.pem/0");
	cfs_tree_free(v.t);

	sha_of(mfind(&s, "ca.pem/0"), hex);
	CU_ASSERT_EQUAL(cfs_index_by_sha256(ix, hex, buf, sizeof(buf)), 0);
	g = cfs_index_generation(ix);
	cfs_index_remove_file(ix, "ca.pem");
	CU_ASSERT_NOT_EQUAL(cfs_index_generation(ix), g);
	CU_ASSERT_EQUAL(cfs_index_by_sha256(ix, hex, buf, sizeof(buf)), -ENOENT);
	sha_of(mfind(&s, "leaf.crt"), hex);
	CU_ASSERT_EQUAL(cfs_index_by_sha256(ix, hex, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "leaf.crt");

	/* The leaf's issuer is gone. */
	v = vbuild(ix, &s, "leaf.crt", T2020);
	CHECK_FILE(v, "signature", "unknown-issuer\n");
	CU_ASSERT_PTR_NULL(cfs_lookup(v.dir, "issuer"));
	CU_ASSERT_PTR_NULL(cfs_lookup(v.dir, "chain"));
	CHECK_FILE(v, "revocation", "unknown\n");
	cfs_tree_free(v.t);

	/* Removing an unknown file still counts, and changes nothing else. */
	g = cfs_index_generation(ix);
	cfs_index_remove_file(ix, "nope");
	CU_ASSERT_NOT_EQUAL(cfs_index_generation(ix), g);
	CU_ASSERT_EQUAL(cfs_index_by_sha256(ix, hex, buf, sizeof(buf)), 0);
	small_free(&s, ix);
}

static void test_duplicates(void)
{
	/* The same root twice (a symlink in a store): the first recorded
	 * path stands for it, in /.by-sha256 and in links. */
	static const char *const map[] = {
		"certs/TrustAnchorRootCertificate.crt", "a/root.crt", "a/root.crt",
		"certs/TrustAnchorRootCertificate.crt", "b/root.crt", "b/root.crt",
		"certs/GoodCACert.crt", "ca.crt", "ca.crt",
		NULL,
	};
	mstore s = { 0 };
	cfs_index *ix = small(&s, map);
	char hex[65], buf[256];
	size_t n = 0;
	vdir v;

	sha_of(mfind(&s, "a/root.crt"), hex);
	CU_ASSERT_EQUAL(cfs_index_by_sha256(ix, hex, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "a/root.crt");
	CU_ASSERT_EQUAL(cfs_index_each_sha256(ix, count_cb, &n), 0);
	CU_ASSERT_EQUAL(n, 2);
	v = vbuild(ix, &s, "ca.crt", T2020);
	CHECK_FILE(v, "chain", "ca.crt\na/root.crt\n");
	CHECK_FILE(v, "revocation", "unknown\n");
	cfs_tree_free(v.t);
	/* Its own copy is self-signed and its chain is itself. */
	v = vbuild(ix, &s, "b/root.crt", T2020);
	CHECK_FILE(v, "chain", "b/root.crt\n");
	CHECK_FILE(v, "issuer", "../../../b/root.crt");
	cfs_tree_free(v.t);

	cfs_index_remove_file(ix, "a/root.crt");
	CU_ASSERT_EQUAL(cfs_index_by_sha256(ix, hex, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "b/root.crt");
	v = vbuild(ix, &s, "ca.crt", T2020);
	CHECK_FILE(v, "chain", "ca.crt\nb/root.crt\n");
	cfs_tree_free(v.t);
	small_free(&s, ix);
}

/* The figures over the whole set: every certificate's and CRL's verdict. */
static void test_pkits_figures(void)
{
	size_t i, certs = 0, crls = 0, chains = 0, revoked = 0, notrev = 0;
	size_t sig[4][2] = { { 0 } };
	static const char *const names[] = { "valid\n", "invalid\n", "unknown-issuer\n",
					     "unsupported-algorithm\n" };

	setup();
	for (i = 0; i < pkits.n; i++) {
		vdir v = vbuild(pix, &pkits, pkits.v[i].path, T2020);
		const char *s = vget(&v, "signature");
		const char *r = vget(&v, "revocation");
		bool is_crl = pkits.v[i].type == CFS_CRL;
		size_t k;

		CU_ASSERT_PTR_NOT_NULL(s);
		if (getenv("INDEX_VERBOSE") && s &&
		    (strcmp(s, "valid\n") != 0 || (!is_crl && !cfs_lookup(v.dir, "chain"))))
			printf("%s: %s", pkits.v[i].path, s);
		for (k = 0; s && k < 4; k++)
			if (strcmp(s, names[k]) == 0)
				sig[k][is_crl]++;
		if (is_crl) {
			crls++;
		} else {
			certs++;
			chains += cfs_lookup(v.dir, "chain") != NULL;
			revoked += r && strcmp(r, "revoked\n") == 0;
			notrev += r && strcmp(r, "not-revoked\n") == 0;
		}
		cfs_tree_free(v.t);
	}
	printf("\nPKITS: %zu certificates: %zu full chains; signature valid %zu, invalid %zu, "
	       "unknown-issuer %zu, unsupported %zu; revoked %zu, not-revoked %zu\n",
	       certs, chains, sig[0][0], sig[1][0], sig[2][0], sig[3][0], revoked, notrev);
	printf("PKITS: %zu CRLs: signature valid %zu, invalid %zu, unknown-issuer %zu, "
	       "unsupported %zu\n", crls, sig[0][1], sig[1][1], sig[2][1], sig[3][1]);
	CU_ASSERT_EQUAL(certs, 405);
	CU_ASSERT_EQUAL(crls, 173);
	CU_ASSERT_TRUE(chains > 300);
}

/* Many threads building verify/ at once, with adds and removes going on. */
static void *worker(void *arg)
{
	static const char *const paths[] = {
		"certs/ValidCertificatePathTest1EE.crt",
		"certs/InvalidRevokedEETest3EE.crt",
		"certs/InvalidEESignatureTest3EE.crt",
		"crls/GoodCACRL.crl",
	};
	static const char *const want[] = { "valid\n", "valid\n", "invalid\n", "valid\n" };
	size_t id = (size_t)(uintptr_t)arg, i;
	int bad = 0;

	for (i = 0; i < 40; i++) {
		size_t k = (i + id) % 4;
		mfile *f = mfind(&pkits, paths[k]);
		cfs_tree *t = cfs_tree_new();
		cfs_node *d = cfs_tree_root(t), *n;

		cfs_vwin w;

		cfs_verify_build(pix, t, d, f->path, f->type, f->der, f->len, T2020, NULL, &w);
		n = cfs_lookup(d, "signature");
		if (!n || n->len != strlen(want[k]) || memcmp(n->data, want[k], n->len) != 0)
			bad++;
		cfs_tree_free(t);
		if (id == 0) {
			/* churn: an unrelated file comes and goes */
			mfile *x = mfind(&pkits, "certs/DSACACert.crt");

			cfs_index_add(pix, "extra.crt", 0, "extra.crt", CFS_CERT, x->der, x->len);
			cfs_index_remove_file(pix, "extra.crt");
		}
	}
	return (void *)(uintptr_t)bad;
}

static void test_threads(void)
{
	pthread_t th[8];
	size_t i;

	setup();
	for (i = 0; i < 8; i++)
		pthread_create(&th[i], NULL, worker, (void *)(uintptr_t)i);
	for (i = 0; i < 8; i++) {
		void *r;

		pthread_join(th[i], &r);
		CU_ASSERT_EQUAL((uintptr_t)r, 0);
	}
}

/* Whether two verify/ directories have the same files. */
static bool vsame(const vdir *a, const vdir *b)
{
	if (a->dir->nkids != b->dir->nkids)
		return false;
	for (size_t i = 0; i < a->dir->nkids; i++) {
		const cfs_node *x = a->dir->kids[i], *y = cfs_lookup(b->dir, x->name);

		if (!y || x->len != y->len || (x->len && memcmp(x->data, y->data, x->len) != 0))
			return false;
	}
	return true;
}

/* verify/ is the same through the whole span of time cfs_verify_build
 * says it holds for (so the store may keep it that long), and the next
 * span starts where it ends: expiry, validity start, CRL currency. */
static void test_window(void)
{
	static const char *const paths[] = {
		"certs/ValidCertificatePathTest1EE.crt",
		"certs/InvalidRevokedEETest3EE.crt",
		"certs/InvalidOldCRLnextUpdateTest11EE.crt",
		"certs/InvalidEEnotAfterDateTest6EE.crt",
		"certs/InvalidEEnotBeforeDateTest2EE.crt",
		"certs/ValidTwoCRLsTest7EE.crt",
		"crls/GoodCACRL.crl",
	};
	static const time_t at[] = { T2000, T2020, T2040 };
	int bounded = 0;

	setup();
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		for (size_t j = 0; j < sizeof(at) / sizeof(at[0]); j++) {
			vdir v = vbuild(pix, &pkits, paths[i], at[j]), e;

			if (v.w.from > INT64_MIN) {
				e = vbuild(pix, &pkits, paths[i], (time_t)v.w.from);
				CU_ASSERT_TRUE(vsame(&v, &e));
				CU_ASSERT_TRUE(e.w.from == v.w.from && e.w.until == v.w.until);
				cfs_tree_free(e.t);
			}
			if (v.w.until < INT64_MAX) {
				bounded++;
				e = vbuild(pix, &pkits, paths[i], (time_t)(v.w.until - 1));
				CU_ASSERT_TRUE(vsame(&v, &e));
				CU_ASSERT_TRUE(e.w.from == v.w.from && e.w.until == v.w.until);
				cfs_tree_free(e.t);
				e = vbuild(pix, &pkits, paths[i], (time_t)v.w.until);
				CU_ASSERT_EQUAL(e.w.from, v.w.until);
				cfs_tree_free(e.t);
			}
			cfs_tree_free(v.t);
		}
	}
	CU_ASSERT(bounded >= 12);       /* certificates end before 2040 */
	{
		/* a valid one stays valid up to the second after not_after */
		vdir v = vbuild(pix, &pkits, "certs/ValidCertificatePathTest1EE.crt", T2020), e;
		xc_cert c;

		CU_ASSERT_EQUAL_FATAL(xc_cert_parse(&c, mfind(&pkits,
				"certs/ValidCertificatePathTest1EE.crt")->der,
				mfind(&pkits, "certs/ValidCertificatePathTest1EE.crt")->len, NULL), XC_OK);
		CU_ASSERT(v.w.until <= c.not_after.epoch + 1);
		e = vbuild(pix, &pkits, "certs/ValidCertificatePathTest1EE.crt",
			   (time_t)c.not_after.epoch + 1);
		CHECK_FILE(e, "validity", "expired\n");
		cfs_tree_free(e.t);
		cfs_tree_free(v.t);
	}
}

static void test_free_null(void)
{
	cfs_index_free(NULL);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "verify/ holds through its span of time", test_window },
		{ "good chain", test_good_chain },
		{ "self-signed root", test_root },
		{ "bad signature", test_bad_signature },
		{ "revoked", test_revoked },
		{ "CRL signature", test_crl },
		{ "name chaining", test_name_chaining },
		{ "unsupported algorithm", test_unsupported },
		{ "DSA parameters inherited", test_dsa_inherited },
		{ "CSR signature", test_csr },
		{ "by sha256", test_by_sha256 },
		{ "remove and unknown issuer", test_remove_and_unknown },
		{ "duplicate DER", test_duplicates },
		{ "PKITS figures", test_pkits_figures },
		{ "threads", test_threads },
		{ "free NULL", test_free_null },
		{ NULL, NULL },
	};
	int rc = tu_run("index", tests);
	size_t i;

	cfs_index_free(pix);
	for (i = 0; i < pkits.n; i++) {
		free(pkits.v[i].path);
		free(pkits.v[i].der);
	}
	free(pkits.v);
	return rc;
}
