/*
 * issuer/cmd_csr.c - certissue csr (placeholder until its implementation
 * lands; the command is listed but refuses to run).
 */
#include <stdio.h>

#include "cmd.h"

int ci_cmd_csr(const ci_ctx *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	fprintf(stderr, "certissue csr: not implemented yet\n");
	return 1;
}
