/*
 * issuer/cmd_key.c - certissue key: make a private key and write it as
 * PKCS#8, encrypted when a passphrase is given (docs/certissue.md).
 *
 * Order of the work: every refusal (bad option, unknown type, existing
 * --out, no passphrase) comes before the key is made, since an RSA-4096
 * key takes a second or more.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "key.h"
#include "out.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: certissue key [--type TYPE] [--passphrase-file FILE | --encrypt]\n"
		"                     [--der] [--force] --out FILE\n"
		"\n"
		"Makes a private key and writes it as PKCS#8 (PEM, or DER with --der),\n"
		"mode 0600. With a passphrase it is encrypted: PBES2 with\n"
		"PBKDF2-HMAC-SHA256 (%d iterations) and AES-256-CBC.\n"
		"\n"
		"  --type TYPE             rsa2048, rsa3072, rsa4096, ec-p256 (default),\n"
		"                          ec-p384, ec-p521, ed25519, ed448\n"
		"  --passphrase-file FILE  encrypt with the first line of FILE\n"
		"  --encrypt               encrypt with $CERTISSUE_PASSPHRASE, or ask twice\n"
		"                          on the terminal\n"
		"  --der                   DER instead of PEM\n"
		"  --force                 replace FILE if it exists\n"
		"  --out FILE              where to write (- for standard output)\n",
		CI_PBKDF2_ITER);
}

int ci_cmd_key(const ci_ctx *c, int argc, char **argv)
{
	enum { O_TYPE = 1, O_PASSFILE, O_ENCRYPT, O_DER, O_FORCE, O_OUT, O_HELP };
	static const struct option opts[] = {
		{ "type", required_argument, NULL, O_TYPE },
		{ "passphrase-file", required_argument, NULL, O_PASSFILE },
		{ "encrypt", no_argument, NULL, O_ENCRYPT },
		{ "der", no_argument, NULL, O_DER },
		{ "force", no_argument, NULL, O_FORCE },
		{ "out", required_argument, NULL, O_OUT },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	const char *type = "ec-p256", *out = NULL;
	ci_pass_src pass = { .file = NULL, .what = "the new key" };
	ci_out_opts oo = { .force = false, .secret = true };
	bool der = false, encrypt = false;
	char pw[1024], desc[32];
	uint8_t *bytes = NULL;
	size_t n = 0;
	ci_key k;
	ci_msg m;
	int opt, rc = 1;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case O_TYPE: type = optarg; break;
		case O_PASSFILE: pass.file = optarg; break;
		case O_ENCRYPT: encrypt = true; break;
		case O_DER: der = true; break;
		case O_FORCE: oo.force = true; break;
		case O_OUT: out = optarg; break;
		case O_HELP:
			usage(stdout);
			return 0;
		default:
			fprintf(stderr, "certissue key: %s: unknown option or missing"
				" argument (certissue key --help)\n", argv[optind - 1]);
			return 1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "certissue key: unexpected argument '%s'\n", argv[optind]);
		return 1;
	}
	if (!out) {
		fprintf(stderr, "certissue key: --out FILE is required\n");
		return 1;
	}
	memset(&k, 0, sizeof(k));
	if (ci_key_type_valid(type, &m) || ci_out_check(out, &oo, &m) ||
	    ci_pass_get(&pass, encrypt, true, pw, sizeof(pw), &m)) {
		fprintf(stderr, "certissue key: %s\n", m.text);
		return 1;
	}
	if (ci_key_generate(&k, type, c->rng, &m) ||
	    ci_key_write_pkcs8(&k, pw, der, c->rng, &bytes, &n, &m) ||
	    ci_out_write(out, bytes, n, &oo, &m)) {
		fprintf(stderr, "certissue key: %s\n", m.text);
	} else {
		fprintf(stderr, "certissue key: %s key written to %s (PKCS#8%s, ",
			ci_key_describe(&k, desc, sizeof(desc)),
			strcmp(out, "-") ? out : "standard output", der ? " DER" : "");
		if (pw[0])
			fprintf(stderr, "encrypted: PBES2 PBKDF2-HMAC-SHA256 %d AES-256-CBC)\n",
				CI_PBKDF2_ITER);
		else
			fprintf(stderr, "not encrypted)\n");
		rc = 0;
	}
	ci_wipe(pw, sizeof(pw));
	if (bytes) {
		ci_wipe(bytes, n);
		free(bytes);
	}
	ci_key_free(&k);
	return rc;
}
