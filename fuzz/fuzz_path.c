/*
 * fuzz_path.c - xc_path_validate() on fuzzed certificates and CRLs against
 * a fixed trust anchor (a P-256 root; fuzz/corpus/path/ holds an
 * intermediate, an end entity and a CRL it issued, made with the OpenSSL
 * CLI and pyca).
 *
 * Input: one byte of settings (bit 0: web-PKI profile; bits 1-2: purpose
 * any, server, client; bit 3: check revocation; bit 4: CRL indexes), then
 * records of [type][2-byte big-endian length][DER]: type bit 0 clear, a
 * certificate (the first is the end entity, the others intermediates; up
 * to 8), set, a CRL (up to 4). What does not parse is left out. The
 * validation time is fixed (2027-06-01), so a run is reproducible.
 *
 * Invariants (abort on violation): the work limits hold (tries, chains);
 * the result is consistent (an error from the list with a name and a
 * text, 1 <= chain_len <= XC_PATH_MAX_DEPTH, failed < chain_len, chain[0]
 * the end entity, every entry one of the inputs, a valid path ending in
 * the anchor, revocation answers only on checked paths and a date only
 * when revoked); the same input validates the same way twice, and with
 * or without CRL indexes. Reads out of bounds are AddressSanitizer's to
 * find (the fuzz build has it); allocations are tests/alloc's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define MAX_CERTS 8
#define MAX_CRLS 4

static const uint8_t anchor_der[] = {
	0x30, 0x82, 0x01, 0x69, 0x30, 0x82, 0x01, 0x0f, 0xa0, 0x03, 0x02, 0x01,
	0x02, 0x02, 0x01, 0x01, 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
	0x3d, 0x04, 0x03, 0x02, 0x30, 0x1b, 0x31, 0x19, 0x30, 0x17, 0x06, 0x03,
	0x55, 0x04, 0x03, 0x0c, 0x10, 0x63, 0x65, 0x72, 0x74, 0x66, 0x73, 0x20,
	0x66, 0x75, 0x7a, 0x7a, 0x20, 0x72, 0x6f, 0x6f, 0x74, 0x30, 0x20, 0x17,
	0x0d, 0x32, 0x36, 0x31, 0x32, 0x30, 0x37, 0x31, 0x39, 0x35, 0x37, 0x34,
	0x33, 0x5a, 0x18, 0x0f, 0x32, 0x31, 0x32, 0x36, 0x31, 0x31, 0x31, 0x33,
	0x31, 0x39, 0x35, 0x37, 0x34, 0x33, 0x5a, 0x30, 0x1b, 0x31, 0x19, 0x30,
	0x17, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x10, 0x63, 0x65, 0x72, 0x74,
	0x66, 0x73, 0x20, 0x66, 0x75, 0x7a, 0x7a, 0x20, 0x72, 0x6f, 0x6f, 0x74,
	0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02,
	0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03,
	0x42, 0x00, 0x04, 0x88, 0xc0, 0xba, 0x7e, 0xc9, 0x91, 0x3b, 0x74, 0x21,
	0xdb, 0x68, 0x60, 0xe8, 0x90, 0x7d, 0x16, 0xad, 0xbd, 0x4a, 0xb1, 0x54,
	0x1d, 0x1e, 0x6d, 0x7a, 0x59, 0x15, 0xc2, 0x8f, 0x28, 0xb9, 0xd5, 0x0f,
	0x4d, 0xec, 0x0e, 0x9e, 0x62, 0x78, 0x70, 0x4f, 0x26, 0xb6, 0x35, 0x27,
	0xae, 0x66, 0xaa, 0xd0, 0xe4, 0xbb, 0x7b, 0xf0, 0x47, 0xc0, 0x64, 0xb3,
	0x42, 0x7b, 0x73, 0xc2, 0xb9, 0x74, 0x2c, 0xa3, 0x42, 0x30, 0x40, 0x30,
	0x0f, 0x06, 0x03, 0x55, 0x1d, 0x13, 0x01, 0x01, 0xff, 0x04, 0x05, 0x30,
	0x03, 0x01, 0x01, 0xff, 0x30, 0x0e, 0x06, 0x03, 0x55, 0x1d, 0x0f, 0x01,
	0x01, 0xff, 0x04, 0x04, 0x03, 0x02, 0x01, 0x06, 0x30, 0x1d, 0x06, 0x03,
	0x55, 0x1d, 0x0e, 0x04, 0x16, 0x04, 0x14, 0x81, 0x56, 0x36, 0xb8, 0x09,
	0xd0, 0x6a, 0x60, 0x06, 0xcb, 0x5c, 0xb4, 0xaf, 0x94, 0x34, 0x3b, 0xcb,
	0x4b, 0x9f, 0x78, 0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d,
	0x04, 0x03, 0x02, 0x03, 0x48, 0x00, 0x30, 0x45, 0x02, 0x21, 0x00, 0xb6,
	0xfb, 0x7a, 0xc7, 0x6f, 0x25, 0x6c, 0x68, 0x39, 0x57, 0x06, 0xae, 0x26,
	0x02, 0x74, 0x6f, 0xd3, 0x65, 0xed, 0xfb, 0xe9, 0x01, 0xba, 0x22, 0xed,
	0xc1, 0x46, 0xa5, 0xe9, 0xd1, 0xf5, 0xbd, 0x02, 0x20, 0x62, 0x4b, 0x9e,
	0x02, 0x75, 0x9b, 0x46, 0x69, 0x7d, 0x4c, 0x11, 0x7f, 0x77, 0x89, 0x8b,
	0x3c, 0x02, 0x11, 0xbc, 0xea, 0x1f, 0x40, 0xdb, 0xa8, 0xe6, 0x14, 0xbd,
	0x9e, 0xd9, 0x10, 0xfc, 0x88,
};

static bool is_input(const xc_cert *c, const xc_cert *certs, size_t n, const xc_cert *anchor)
{
	if (c == anchor)
		return true;
	for (size_t i = 0; i < n; i++)
		if (c == &certs[i])
			return true;
	return false;
}

static void check_result(const xc_path_result *r, xc_path_err e, const xc_cert *certs, size_t n,
			 const xc_cert *anchor, bool revocation)
{
	FZ_CHECK(e == r->err && (unsigned)e < XC_PATH__COUNT);
	FZ_CHECK(xc_path_errname(e) && xc_path_strerror(e));
	FZ_CHECK(r->tries <= XC_PATH_MAX_TRIES && r->chains <= XC_PATH_MAX_CHAINS);
	FZ_CHECK(r->chain_len >= 1 && r->chain_len <= XC_PATH_MAX_DEPTH);
	FZ_CHECK(r->failed < r->chain_len);
	FZ_CHECK(r->chain[0] == &certs[0]);
	for (size_t i = 0; i < r->chain_len; i++) {
		FZ_CHECK(is_input(r->chain[i], certs, n, anchor));
		FZ_CHECK(r->rev[i] == XC_REV_NOT_CHECKED || revocation);
		FZ_CHECK(r->rev[i] != XC_REV_REVOKED || e != XC_PATH_OK);
	}
	if (e == XC_PATH_OK) {
		FZ_CHECK(r->chain[r->chain_len - 1] == anchor || r->chain_len == 1);
		FZ_CHECK(r->chains >= 1);
		for (size_t i = 0; revocation && i + 1 < r->chain_len; i++)
			FZ_CHECK(r->rev[i] == XC_REV_GOOD);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static xc_path_work work;
	static xc_path_result r1, r2;
	static xc_cert anchor;
	static bool anchor_ok;
	xc_cert certs[MAX_CERTS];
	xc_crl crls[MAX_CRLS];
	xc_crl_index ix[MAX_CRLS];
	uint32_t *offs[MAX_CRLS] = { NULL };
	size_t nc = 0, nl = 0, pos = 1;
	xc_path_policy pol;
	xc_path_err e1, e2;

	if (!anchor_ok) {
		FZ_CHECK(xc_cert_parse(&anchor, anchor_der, sizeof anchor_der, NULL) == XC_OK);
		anchor_ok = true;
	}
	if (size < 1)
		return 0;
	while (pos + 3 <= size) {
		uint8_t type = data[pos];
		size_t len = (size_t)data[pos + 1] << 8 | data[pos + 2];

		pos += 3;
		if (len > size - pos)
			len = size - pos;
		/* A copy of exactly len bytes: ASan sees any read past it. */
		uint8_t *der = fz_malloc(len);
		if (!der)
			break;
		memcpy(der, data + pos, len);
		pos += len;
		if (!(type & 1) && nc < MAX_CERTS && xc_cert_parse(&certs[nc], der, len, NULL) == XC_OK)
			nc++;
		else if ((type & 1) && nl < MAX_CRLS && xc_crl_parse(&crls[nl], der, len, NULL) == XC_OK)
			nl++;
		else
			free(der);
	}
	if (nc == 0)
		goto out;

	xc_path_policy_init(&pol, 1811808000); /* 2027-06-01T00:00:00Z */
	pol.profile = data[0] & 1 ? XC_PROFILE_WEBPKI : XC_PROFILE_RFC5280;
	pol.purpose = (xc_path_purpose)((data[0] >> 1 & 3) % 3);
	pol.check_revocation = data[0] & 8;
	xc_path_input in = {
		.leaf = &certs[0],
		.intermediates = certs + 1,
		.n_intermediates = nc - 1,
		.anchors = &anchor,
		.n_anchors = 1,
		.crls = crls,
		.n_crls = nl,
	};
	e1 = xc_path_validate(&in, &pol, &work, &r1);
	check_result(&r1, e1, certs, nc, &anchor, pol.check_revocation);
	if (getenv("FUZZ_PATH_VERBOSE"))
		fprintf(stderr, "fuzz_path: %zu certificates, %zu CRLs: %s, chain of %zu, "
			"%zu tries\n", nc, nl, xc_path_errname(e1), r1.chain_len, r1.tries);

	/* Again, with CRL indexes when asked: the same answer. */
	bool indexed = data[0] & 16;
	for (size_t i = 0; indexed && i < nl; i++) {
		offs[i] = fz_malloc(sizeof *offs[i] * (crls[i].revoked_count + 1));
		FZ_CHECK(offs[i] != NULL);
		FZ_CHECK(xc_crl_index_build(&ix[i], &crls[i], offs[i], crls[i].revoked_count) == XC_OK);
	}
	in.crl_index = indexed ? ix : NULL;
	e2 = xc_path_validate(&in, &pol, &work, &r2);
	check_result(&r2, e2, certs, nc, &anchor, pol.check_revocation);
	FZ_CHECK(e1 == e2 && r1.chain_len == r2.chain_len && r1.failed == r2.failed);
	FZ_CHECK(memcmp(r1.chain, r2.chain, sizeof r1.chain[0] * r1.chain_len) == 0);
	for (size_t i = 0; i < nl; i++)
		free(offs[i]);
out:
	for (size_t i = 0; i < nc; i++)
		free((void *)(uintptr_t)certs[i].der.p);
	for (size_t i = 0; i < nl; i++)
		free((void *)(uintptr_t)crls[i].der.p);
	return 0;
}
