/*
 * issuer/cmd_crl.c - certissue crl (placeholder until its implementation
 * lands; the command is listed but refuses to run).
 */
#include <stdio.h>

#include "cmd.h"

int ci_cmd_crl(const ci_ctx *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	fprintf(stderr, "certissue crl: not implemented yet\n");
	return 1;
}
