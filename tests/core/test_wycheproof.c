/*
 * test_wycheproof.c - xc_verify() (xc/verify.h) against Project
 * Wycheproof's signature vectors (the TSV copies described in
 * WYCHEPROOF_DIR/README.md).
 *
 * For each row the test encodes the signature AlgorithmIdentifier a
 * certificate would carry (ecdsa-with-SHA256, sha256WithRSAEncryption,
 * RSASSA-PSS with its parameters, Ed25519, dsa-with-sha256, ...), so the
 * public API is what is tested, hashing included. A file passes when
 * every `valid` row verifies and every `invalid` row is rejected;
 * `acceptable` rows may go either way. Rows whose key or algorithm this
 * build does not support (XC_VERIFY_UNSUPPORTED) are counted apart: with
 * the project's wolfSSL build there must be none (every curve, RSA up to
 * 8192 bits); Debian's libwolfssl stops at RSA-4096 (and a build may lack
 * secp256k1 and Brainpool).
 *
 * Allocations are counted too (malloc and friends are replaced; wolfCrypt's
 * default XMALLOC calls malloc): with the project's build no verify may
 * allocate, on any curve or algorithm; with Debian's they are reported.
 *
 * Exit status: 0 all passed, 1 a failure, 77 the vectors are absent.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <xc/xc.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* The project's own wolfSSL build is heap-free for these algorithms;
 * Debian's libwolfssl (-Dwolfssl=system) is known to allocate, so there
 * the allocations are printed, not failed (as tests/alloc/test_alloc.c). */
#ifndef XC_WOLFSSL_PROJECT
#define XC_WOLFSSL_PROJECT 1
#endif

#ifndef WYCHEPROOF_DIR
#define WYCHEPROOF_DIR "../shared/testdata/wycheproof"
#endif

/* ---- allocation counting ----------------------------------------------- */

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define NO_COUNT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || \
	__has_feature(thread_sanitizer)
#define NO_COUNT 1
#endif
#endif

static volatile int counting;
static unsigned long n_alloc;

#ifndef NO_COUNT
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t m);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

void *malloc(size_t n)
{
	if (counting)
		n_alloc++;
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
	if (counting)
		n_alloc++;
	return __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
	if (counting)
		n_alloc++;
	return __libc_realloc(p, n);
}

void free(void *p)
{
	__libc_free(p);
}
#endif

/* ---- AlgorithmIdentifier encoding ------------------------------------- */

typedef struct buf {
	uint8_t b[256];
	size_t n;
} buf;

static void put(buf *o, const void *p, size_t n)
{
	if (o->n + n > sizeof o->b)
		abort();
	memcpy(o->b + o->n, p, n);
	o->n += n;
}

/* Wraps o's contents from `from` in a TLV of tag `tag` (short lengths). */
static void wrap(buf *o, size_t from, uint8_t tag)
{
	size_t len = o->n - from;

	if (len > 127 || o->n + 2 > sizeof o->b)
		abort();
	memmove(o->b + from + 2, o->b + from, len);
	o->b[from] = tag;
	o->b[from + 1] = (uint8_t)len;
	o->n += 2;
}

static const struct {
	const char *name;
	uint8_t oid[9];         /* the hash OID's contents */
	size_t len;
} hashes[] = {
	{ "sha1", { 0x2b, 0x0e, 0x03, 0x02, 0x1a }, 5 },
	{ "sha224", { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04 }, 9 },
	{ "sha256", { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 }, 9 },
	{ "sha384", { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02 }, 9 },
	{ "sha512", { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03 }, 9 },
};

static int hash_index(const char *name)
{
	for (int i = 0; i < (int)(sizeof hashes / sizeof hashes[0]); i++)
		if (strcmp(hashes[i].name, name) == 0)
			return i;
	return -1;
}

/* Per hash index: the last byte of each signature OID family. */
static const uint8_t rsa_last[] = { 5, 14, 11, 12, 13 };      /* 1.2.840.113549.1.1.x */
static const uint8_t ecdsa_tail[][2] = { { 1, 0 }, { 3, 1 }, { 3, 2 }, { 3, 3 }, { 3, 4 } };

static void put_oid(buf *o, const uint8_t *oid, size_t len)
{
	size_t from = o->n;

	put(o, oid, len);
	wrap(o, from, 0x06);
}

static void put_hash_algid(buf *o, int h)
{
	size_t from = o->n;

	put_oid(o, hashes[h].oid, hashes[h].len);
	put(o, "\x05\x00", 2);
	wrap(o, from, 0x30);
}

/* Encodes the AlgorithmIdentifier for a row; false if the row's
 * algorithm is one this test cannot express. */
static bool encode_alg(buf *o, const char *file, const char *alg, const char *hash,
		       const char *mgf, const char *salt)
{
	int h = hash_index(hash);
	size_t top = 0;

	o->n = 0;
	if (strcmp(alg, "eddsa") == 0) {
		static const uint8_t ed25519[] = { 0x2b, 0x65, 0x70 };
		static const uint8_t ed448[] = { 0x2b, 0x65, 0x71 };

		put_oid(o, strstr(file, "ed448") ? ed448 : ed25519, 3);
		wrap(o, top, 0x30);
		return true;
	}
	if (h < 0)
		return false;
	if (strcmp(alg, "rsa-pkcs1") == 0) {
		uint8_t oid[9] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, rsa_last[h] };

		put_oid(o, oid, 9);
		put(o, "\x05\x00", 2);
	} else if (strcmp(alg, "ecdsa") == 0) {
		uint8_t oid[8] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, ecdsa_tail[h][0],
				   ecdsa_tail[h][1] };

		put_oid(o, oid, h == 0 ? 7 : 8);
	} else if (strcmp(alg, "dsa") == 0) {
		static const uint8_t dsa_sha1[] = { 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03 };
		uint8_t oid[9] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0 };

		if (h == 0) {
			put_oid(o, dsa_sha1, sizeof dsa_sha1);
		} else {
			oid[8] = (uint8_t)h;    /* 2.16.840.1.101.3.4.3.{1,2,3,4} */
			put_oid(o, oid, 9);
		}
	} else if (strcmp(alg, "rsa-pss") == 0) {
		static const uint8_t pss[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a };
		static const uint8_t mgf1[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08 };
		int m = hash_index(mgf);
		long sl = strtol(salt, NULL, 10);
		size_t params, f;

		if (m < 0 || sl < 0 || sl > 0x7fff)
			return false;
		put_oid(o, pss, sizeof pss);
		params = o->n;
		/* DER: a field equal to its DEFAULT is left out (X.690 11.5). */
		if (h != 0) {
			f = o->n;
			put_hash_algid(o, h);
			wrap(o, f, 0xa0);
		}
		if (m != 0) {
			f = o->n;
			put_oid(o, mgf1, sizeof mgf1);
			put_hash_algid(o, m);
			wrap(o, f, 0x30);       /* MaskGenAlgorithm */
			wrap(o, f, 0xa1);
		}
		if (sl != 20) {
			/* INTEGER in shortest form: one byte up to 0x7f, else two
			 * (0x00 0x80..0xff, or the high byte 0x01..0x7f). */
			uint8_t v[3] = { 0, (uint8_t)(sl >> 8), (uint8_t)sl };
			size_t skip = sl <= 0x7f ? 2 : 1;

			f = o->n;
			put(o, v + skip, 3 - skip);
			wrap(o, f, 0x02);
			wrap(o, f, 0xa2);
		}
		wrap(o, params, 0x30);
	} else {
		return false;
	}
	wrap(o, top, 0x30);
	return true;
}

/* ---- the run ----------------------------------------------------------- */

static int split(char *line, char **f, int max)
{
	int n = 0;

	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	char *nl = strchr(f[n - 1], '\n');
	if (nl)
		*nl = '\0';
	return n;
}

static uint8_t *unhex_field(const char *s, size_t *len)
{
	if (!*s) {
		*len = 0;
		return calloc(1, 1);
	}
	return tu_unhex(s, len);
}

static int run_file(const char *dir, const char *name, unsigned long *passed,
		    unsigned long *failed, unsigned long *unsupported)
{
	char path[4096];
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	unsigned long nv = 0, ni = 0, na = 0, nu = 0, nf = 0;
	unsigned long allocs = 0, calls = 0;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "r");
	if (!fp) {
		printf("%s: cannot open\n", name);
		return 1;
	}
	while (getline(&line, &cap, fp) > 0) {
		char *f[10];
		buf alg;
		xc_algid aid;
		xc_der d;
		size_t sl, ml, gl;
		uint8_t *spki, *msg, *sig;
		xc_verify_result r;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (split(line, f, 10) != 10) {
			printf("%s: malformed line\n", name);
			nf++;
			continue;
		}
		if (!encode_alg(&alg, name, f[0], f[1], f[2], f[3])) {
			nu++;
			continue;
		}
		xc_der_init(&d, alg.b, alg.n);
		if (xc_der_read_algid(&d, &aid) != XC_OK) {
			printf("%s: tc %s: test's AlgorithmIdentifier does not parse\n", name, f[8]);
			nf++;
			continue;
		}
		spki = unhex_field(f[4], &sl);
		msg = unhex_field(f[5], &ml);
		sig = unhex_field(f[6], &gl);
		if (!spki || !msg || !sig) {
			printf("%s: tc %s: bad hex\n", name, f[8]);
			nf++;
		} else {
			unsigned long before = n_alloc;

			counting = 1;
			r = xc_verify(&aid, xc_slice_make(msg, ml), xc_slice_make(sig, gl),
				      xc_slice_make(spki, sl));
			counting = 0;
			allocs += n_alloc - before;
			calls++;
			if (r == XC_VERIFY_UNSUPPORTED) {
				nu++;
			} else if (strcmp(f[7], "acceptable") == 0) {
				na++;
			} else if (strcmp(f[7], "valid") == 0) {
				if (r == XC_VERIFY_VALID) {
					nv++;
				} else {
					nf++;
					printf("%s: tc %s: valid signature gives %s [%s]\n", name, f[8],
					       xc_verify_result_name(r), f[9]);
				}
			} else {
				if (r != XC_VERIFY_VALID) {
					ni++;
				} else {
					nf++;
					printf("%s: tc %s: invalid signature verifies [%s]\n", name,
					       f[8], f[9]);
				}
			}
		}
		free(spki);
		free(msg);
		free(sig);
	}
	free(line);
	fclose(fp);
	printf("%s: %lu valid verified, %lu invalid rejected, %lu acceptable, "
	       "%lu unsupported, %lu failures; %lu allocations in %lu verifies\n",
	       name, nv, ni, na, nu, nf, allocs, calls);
	if (XC_WOLFSSL_PROJECT && allocs) {
		printf("%s: FAIL: a verify must not allocate\n", name);
		nf++;
	}
	if (XC_WOLFSSL_PROJECT && nu) {
		printf("%s: FAIL: the project's wolfSSL build supports every algorithm here\n",
		       name);
		nf++;
	}
	*passed += nv + ni + na;
	*failed += nf;
	*unsupported += nu;
	return nf ? 1 : 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_tsv(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 4 && strcmp(e->d_name + n - 4, ".tsv") == 0;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : WYCHEPROOF_DIR;
	struct dirent **list;
	int n, files_failed = 0, files_unsupported = 0;
	unsigned long passed = 0, failed = 0, unsupported = 0;

	n = scandir(dir, &list, is_tsv, by_name);
	if (n <= 0) {
		printf("test_wycheproof: no Wycheproof vectors in %s (set -Dwycheproof=DIR): "
		       "skipped\n", dir);
		return 77;
	}
	for (int i = 0; i < n; i++) {
		unsigned long p0 = passed;

		if (run_file(dir, list[i]->d_name, &passed, &failed, &unsupported))
			files_failed++;
		else if (passed == p0)
			files_unsupported++;
		free(list[i]);
	}
	free(list);
	printf("%d files: %d unsupported (skipped), %d with failures; %lu tests unsupported\n",
	       n, files_unsupported, files_failed, unsupported);
	printf("%lu passed, %lu failed\n", passed, failed);
	return files_failed ? 1 : 0;
}
