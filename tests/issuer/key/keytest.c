/*
 * keytest.c - drives issuer/'s key and signing code for test_key.py,
 * which checks what it does against OpenSSL's CLI and pyca.
 *
 *   keytest load KEY [PASSFILE]
 *       loads KEY (any form key.h reads); prints "TYPE BITS" and the hex
 *       of its SubjectPublicKeyInfo, or "keytest: REASON" on stderr, exit 1
 *   keytest sign KEY HASH|- pss|pkcs1 OUT
 *       signs a small TBS with ci_sign_wrap, checks the result with the
 *       core (xc_verify: exit 2 if it does not verify) and writes the
 *       signed SEQUENCE { tbs, algid, signature } to OUT
 *   keytest matches KEY SPKI_DER_FILE
 *       prints "yes" or "no" (ci_key_matches)
 *   keytest write KEY PASSFILE|- der|pem OUT
 *       writes the loaded key back as PKCS#8 (encrypted with the passphrase
 *       in PASSFILE unless it is "-")
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/alg.h>
#include <xc/der.h>
#include <xc/verify.h>

#include "key.h"
#include "out.h"
#include "sign.h"

static int fail(const ci_msg *m)
{
	fprintf(stderr, "keytest: %s\n", m->text);
	return 1;
}

static int load(ci_key *k, const char *path, const char *passfile, ci_msg *m)
{
	ci_pass_src src = { .file = passfile, .what = path };

	return ci_key_load(k, path, &src, m);
}

static int cmd_load(int argc, char **argv)
{
	ci_key k;
	ci_msg m;
	char desc[32];

	if (load(&k, argv[2], argc > 3 ? argv[3] : NULL, &m))
		return fail(&m);
	printf("%s\n", ci_key_describe(&k, desc, sizeof(desc)));
	for (size_t i = 0; i < k.spki_len; i++)
		printf("%02x", k.spki[i]);
	printf("\n");
	ci_key_free(&k);
	return 0;
}

static int write_file(const char *path, const uint8_t *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
		perror(path);
		return 1;
	}
	return 0;
}

/* The signed object's AlgorithmIdentifier and signature, read back with
 * the core and checked against the key's SPKI. */
static xc_verify_result core_check(xc_slice signed_der, xc_slice spki)
{
	xc_der top, d;
	xc_slice tbs_raw, bits;
	xc_algid alg;
	xc_tlv tbs;
	unsigned unused;

	xc_der_init(&top, signed_der.p, signed_der.len);
	if (xc_der_enter(&top, XC_TAG_SEQUENCE, &d) || xc_der_read(&d, &tbs) ||
	    xc_der_read_algid(&d, &alg) || xc_der_read_bits(&d, &bits, &unused) ||
	    xc_der_finish(&d))
		return XC_VERIFY_BAD_SIG;
	tbs_raw = tbs.raw;
	return xc_verify(&alg, tbs_raw, bits, spki);
}

static int cmd_sign(char **argv)
{
	static const uint8_t tbs[] = {
		0x30, 0x14, 0x04, 0x12, 'c', 'e', 'r', 't', 'i', 's', 's', 'u', 'e',
		' ', 't', 'e', 's', 't', ' ', 't', 'b', 's',
	};
	ci_sign_opts o = { .hash = strcmp(argv[3], "-") ? argv[3] : NULL,
			   .pss = !strcmp(argv[4], "pss"), .allow_weak = false };
	uint8_t buf[4096];
	xc_verify_result r;
	WC_RNG rng;
	ci_der w;
	ci_key k;
	ci_msg m;
	int rc;

	if (load(&k, argv[2], NULL, &m))
		return fail(&m);
	if (wc_InitRng(&rng))
		return 1;
	ci_der_init(&w, buf, sizeof(buf));
	rc = ci_sign_wrap(&k, &o, &rng, xc_slice_make(tbs, sizeof(tbs)), &w, &m);
	wc_FreeRng(&rng);
	if (rc) {
		ci_key_free(&k);
		return fail(&m);
	}
	r = core_check(ci_der_out(&w), ci_key_spki(&k));
	ci_key_free(&k);
	if (r != XC_VERIFY_VALID) {
		fprintf(stderr, "keytest: the core says %s\n", xc_verify_result_name(r));
		return 2;
	}
	return write_file(argv[5], ci_der_out(&w).p, ci_der_out(&w).len);
}

static int cmd_matches(char **argv)
{
	uint8_t buf[4096];
	FILE *f = fopen(argv[3], "rb");
	size_t n;
	ci_key k;
	ci_msg m;

	if (!f)
		return 1;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (load(&k, argv[2], NULL, &m))
		return fail(&m);
	printf("%s\n", ci_key_matches(&k, xc_slice_make(buf, n)) ? "yes" : "no");
	ci_key_free(&k);
	return 0;
}

static int cmd_write(char **argv)
{
	char pw[1024] = "";
	ci_pass_src src = { .file = strcmp(argv[3], "-") ? argv[3] : NULL, .what = "new" };
	uint8_t *out;
	size_t n;
	WC_RNG rng;
	ci_key k;
	ci_msg m;
	int rc;

	if (load(&k, argv[2], NULL, &m) || ci_pass_get(&src, false, false, pw, sizeof(pw), &m))
		return fail(&m);
	if (wc_InitRng(&rng))
		return 1;
	rc = ci_key_write_pkcs8(&k, pw, !strcmp(argv[4], "der"), &rng, &out, &n, &m);
	wc_FreeRng(&rng);
	ci_key_free(&k);
	if (rc)
		return fail(&m);
	rc = write_file(argv[5], out, n);
	free(out);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && argc <= 4 && !strcmp(argv[1], "load"))
		return cmd_load(argc, argv);
	if (argc == 6 && !strcmp(argv[1], "sign"))
		return cmd_sign(argv);
	if (argc == 4 && !strcmp(argv[1], "matches"))
		return cmd_matches(argv);
	if (argc == 6 && !strcmp(argv[1], "write"))
		return cmd_write(argv);
	fprintf(stderr, "usage: keytest load|sign|matches|write ... (see keytest.c)\n");
	return 2;
}
