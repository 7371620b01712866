/*
 * issuer/cmd_key.c - certissue key (placeholder until its implementation
 * lands; the command is listed but refuses to run).
 */
#include <stdio.h>

#include "cmd.h"

int ci_cmd_key(const ci_ctx *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	fprintf(stderr, "certissue key: not implemented yet\n");
	return 1;
}
