/*
 * test_fp.c - fingerprints (xc/fp.h): the FIPS 180-2 / RFC 1321 test
 * vectors for every hash, sizes and pyca names, and the argument checks.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/fp.h>

#define M448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"

/* One row per (hash, message): msg NULL means one million 'a'. */
static const struct {
	xc_hash h;
	const char *msg;
	const char *hex;
} vectors[] = {
	{ XC_HASH_MD5, "", "d41d8cd98f00b204e9800998ecf8427e" },
	{ XC_HASH_MD5, "abc", "900150983cd24fb0d6963f7d28e17f72" },
	{ XC_HASH_MD5, M448, "8215ef0796a20bcaaae116d3876c664a" },
	{ XC_HASH_MD5, NULL, "7707d6ae4e027c70eea2a935c2296f21" },
	{ XC_HASH_SHA1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
	{ XC_HASH_SHA1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d" },
	{ XC_HASH_SHA1, M448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
	{ XC_HASH_SHA1, NULL, "34aa973cd4c4daa4f61eeb2bdbad27316534016f" },
	{ XC_HASH_SHA224, "", "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f" },
	{ XC_HASH_SHA224, "abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7" },
	{ XC_HASH_SHA224, M448, "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525" },
	{ XC_HASH_SHA224, NULL, "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67" },
	{ XC_HASH_SHA256, "",
	  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ XC_HASH_SHA256, "abc",
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ XC_HASH_SHA256, M448,
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ XC_HASH_SHA256, NULL,
	  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
	{ XC_HASH_SHA384, "",
	  "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
	  "274edebfe76f65fbd51ad2f14898b95b" },
	{ XC_HASH_SHA384, "abc",
	  "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
	  "8086072ba1e7cc2358baeca134c825a7" },
	{ XC_HASH_SHA384, M448,
	  "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6"
	  "b0455a8520bc4e6f5fe95b1fe3c8452b" },
	{ XC_HASH_SHA384, NULL,
	  "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
	  "07b8b3dc38ecc4ebae97ddd87f3d8985" },
	{ XC_HASH_SHA512, "",
	  "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	  "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e" },
	{ XC_HASH_SHA512, "abc",
	  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
	{ XC_HASH_SHA512, M448,
	  "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
	  "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445" },
	{ XC_HASH_SHA512, NULL,
	  "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
	  "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b" },
};

static void test_vectors(void)
{
	uint8_t *million = malloc(1000000);

	CU_ASSERT_FATAL(million != NULL);
	memset(million, 'a', 1000000);
	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
		uint8_t out[XC_HASH_MAX];
		xc_slice in = vectors[i].msg ?
			xc_slice_make(vectors[i].msg, strlen(vectors[i].msg)) :
			xc_slice_make(million, 1000000);
		xc_err e = xc_fingerprint(vectors[i].h, in, out, sizeof out);

		CU_ASSERT_EQUAL(e, XC_OK);
		if (e != XC_OK)
			continue;
		char *hex = tu_hex(out, xc_hash_size(vectors[i].h));
		if (strcmp(hex, vectors[i].hex) != 0)
			fprintf(stderr, "%s(%s): %s\n", xc_hash_name(vectors[i].h),
				vectors[i].msg ? vectors[i].msg : "1M a", hex);
		CU_ASSERT_STRING_EQUAL(hex, vectors[i].hex);
		free(hex);
	}
	free(million);
}

/* An empty slice with no pointer is the empty message, not an error. */
static void test_null_empty(void)
{
	uint8_t out[32];

	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_SHA256, xc_slice_make(NULL, 0), out, sizeof out),
			XC_OK);
	CU_ASSERT_EQUAL(out[0], 0xe3);
	CU_ASSERT_EQUAL(out[31], 0x55);
}

static const struct {
	xc_hash h;
	size_t size;
	const char *name;
} info[] = {
	{ XC_HASH_NONE, 0, NULL },
	{ XC_HASH_MD5, 16, "md5" },
	{ XC_HASH_SHA1, 20, "sha1" },
	{ XC_HASH_SHA224, 28, "sha224" },
	{ XC_HASH_SHA256, 32, "sha256" },
	{ XC_HASH_SHA384, 48, "sha384" },
	{ XC_HASH_SHA512, 64, "sha512" },
	{ XC_HASH_COUNT, 0, NULL },
	{ (xc_hash)99, 0, NULL },
	{ (xc_hash)-1, 0, NULL },
};

static void test_size_name(void)
{
	for (size_t i = 0; i < sizeof info / sizeof info[0]; i++) {
		const char *n = xc_hash_name(info[i].h);

		CU_ASSERT_EQUAL(xc_hash_size(info[i].h), info[i].size);
		if (info[i].name) {
			CU_ASSERT_PTR_NOT_NULL_FATAL(n);
			CU_ASSERT_STRING_EQUAL(n, info[i].name);
		} else {
			CU_ASSERT_PTR_NULL(n);
		}
		CU_ASSERT(xc_hash_size(info[i].h) <= XC_HASH_MAX);
	}
}

static void test_errors(void)
{
	uint8_t out[XC_HASH_MAX];
	xc_slice abc = xc_slice_make("abc", 3);

	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_NONE, abc, out, sizeof out), XC_ERR_ARG);
	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_COUNT, abc, out, sizeof out), XC_ERR_ARG);
	CU_ASSERT_EQUAL(xc_fingerprint((xc_hash)-1, abc, out, sizeof out), XC_ERR_ARG);
	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_SHA256, abc, NULL, 32), XC_ERR_ARG);
	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_SHA256, xc_slice_make(NULL, 3), out, sizeof out),
			XC_ERR_ARG);
	/* Exactly the digest size is enough; one byte less is not. */
	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_SHA256, abc, out, 32), XC_OK);
	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_SHA256, abc, out, 31), XC_ERR_BUFFER);
	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_SHA512, abc, out, 63), XC_ERR_BUFFER);
	CU_ASSERT_EQUAL(xc_fingerprint(XC_HASH_MD5, abc, out, 16), XC_OK);
}

/* The digest is written within its size: nothing past it is touched. */
static void test_no_overrun(void)
{
	for (int h = XC_HASH_MD5; h < XC_HASH_COUNT; h++) {
		uint8_t out[XC_HASH_MAX + 8];
		size_t n = xc_hash_size((xc_hash)h);

		memset(out, 0xa5, sizeof out);
		CU_ASSERT_EQUAL(xc_fingerprint((xc_hash)h, xc_slice_make("abc", 3), out, n), XC_OK);
		for (size_t i = n; i < sizeof out; i++)
			CU_ASSERT_EQUAL(out[i], 0xa5);
	}
}

int main(void)
{
	static const tu_test tests[] = {
		{ "NIST and RFC 1321 vectors", test_vectors },
		{ "empty slice without pointer", test_null_empty },
		{ "sizes and pyca names", test_size_name },
		{ "argument errors", test_errors },
		{ "no write past the digest", test_no_overrun },
		{ NULL, NULL },
	};

	return tu_run("fp", tests);
}
