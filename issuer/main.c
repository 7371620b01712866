/*
 * issuer/main.c - certissue: keys, CSRs, certificates and CRLs.
 *
 * docs/certissue.md is the manual. This file only finds the command and
 * sets up what every command shares (the RNG, the time "now").
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <xc/xc.h>

#include "ca_cmd.h"
#include "cmd.h"

static const struct {
	const char *name;
	int (*run)(const ci_ctx *, int, char **);
	const char *what;
} cmds[] = {
	{ "key", ci_cmd_key, "make a private key (PKCS#8, optionally encrypted)" },
	{ "csr", ci_cmd_csr, "make a certificate signing request" },
	{ "cert", ci_cmd_cert, "issue a certificate (self-signed or by a CA)" },
	{ "crl", ci_cmd_crl, "issue a certificate revocation list" },
	{ "ca", ci_cmd_ca, "a CA directory: ca init DIR, ca show DIR, ca check DIR" },
	{ "revoke", ci_cmd_revoke, "revoke a certificate of a CA directory" },
	{ "list", ci_cmd_list, "list the certificates of a CA directory" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: certissue COMMAND [OPTIONS]\n"
		"       certissue --help | --version\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-6s %s\n", cmds[i].name, cmds[i].what);
	fprintf(f, "\n`certissue COMMAND --help` lists a command's options;"
		" docs/certissue.md and certissue(1) are the manual.\n");
}

int main(int argc, char **argv)
{
	WC_RNG rng;
	ci_ctx c;
	int rc;

	if (argc < 2) {
		usage(stderr);
		return 1;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("certissue %s (certfs; wolfSSL %s)\n", XC_VERSION,
		       xc_wolfssl_version());
		return 0;
	}
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(argv[1], cmds[i].name))
			continue;
		if (wc_InitRng(&rng) != 0) {
			fprintf(stderr, "certissue: cannot seed wolfCrypt's random generator\n");
			return 1;
		}
		c.rng = &rng;
		c.now = (int64_t)time(NULL);
		rc = cmds[i].run(&c, argc - 1, argv + 1);
		wc_FreeRng(&rng);
		return rc;
	}
	fprintf(stderr, "certissue: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 1;
}
