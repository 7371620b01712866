/*
 * issuer/cmd.h - certissue's commands.
 *
 * main.c reads the command name and hands the rest of the arguments to
 * one of these; each parses its own options (getopt_long, argv[0] is the
 * command's name), does its work and returns the exit status: 0 done, 1
 * refused or failed (the reason printed on standard error as
 * "certissue CMD: ..."), nothing written in that case.
 */
#ifndef CI_CMD_H
#define CI_CMD_H

#include <stdint.h>

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/random.h>

typedef struct ci_ctx {
	WC_RNG *rng;            /* wolfCrypt's DRBG, seeded from the OS */
	int64_t now;            /* the command's start, seconds since 1970 */
} ci_ctx;

int ci_cmd_key(const ci_ctx *c, int argc, char **argv);
int ci_cmd_csr(const ci_ctx *c, int argc, char **argv);
int ci_cmd_cert(const ci_ctx *c, int argc, char **argv);
int ci_cmd_crl(const ci_ctx *c, int argc, char **argv);

#endif
