/*
 * issuer/opt.h - the command line of one certissue command.
 *
 * Each command has a table of its own options; the extension options
 * (ext.h's ci_ext_opts) allowed where the command's object goes are added
 * to it, so `certissue cert --san ...` and `certissue csr --san ...` are
 * one option with one syntax. Parsing is getopt_long's, with three
 * differences that matter to an issuer:
 *  - an option must be spelled out: getopt_long takes any unambiguous
 *    prefix (`--sub` for `--subject`), which would make a script's meaning
 *    change the day an option with the same prefix is added;
 *  - an option given twice is an error unless the table says it adds up
 *    (--revoke): the second --subject silently winning hides a mistake;
 *  - arguments that are not options are an error (nothing is positional).
 * Extension options are not applied while parsing: they are kept in
 * order, and the command replays them into its ci_exts after the
 * profile's defaults and a CSR's copied extensions (ext.h: a later source
 * replaces an earlier one).
 */
#ifndef CI_OPT_H
#define CI_OPT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cmd.h"
#include "msg.h"

#define CI_OPT_OWN_MAX 40       /* a command's options, common ones included */
#define CI_OPT_EXT_MAX 256      /* extension options on one command line */

/* The options every command that signs and writes an object has, added
 * to its own table by ci_opt_parse (and listed after them by ci_opt_help). A
 * command's own ids start at CI_O_OWN. */
enum {
	CI_O_OUT = 1,           /* --out FILE */
	CI_O_DER,               /* --der */
	CI_O_FORCE,             /* --force */
	CI_O_HASH,              /* --hash H */
	CI_O_PSS,               /* --rsa-pss */
	CI_O_WEAK,              /* --allow-weak */
	CI_O_PASS,              /* --passphrase-file F */
	CI_O_OWN
};

/* One option of a command. `id` is the command's own code (> 0). */
typedef struct ci_opt {
	const char *name;       /* without the dashes */
	const char *arg;        /* the argument's name for --help ("FILE"), NULL: none */
	int id;
	bool repeat;            /* may be given more than once */
	const char *help;
} ci_opt;

typedef struct ci_cmd_def {
	const char *name;       /* "cert" */
	const char *synopsis;   /* after "usage: certissue cert " */
	const char *notes;      /* printed after the options, or NULL */
	const ci_opt *own;      /* terminated by { NULL } */
	unsigned where;         /* CI_EXT_IN_* of the extension options it takes */
} ci_cmd_def;

/* An extension option as given, for ci_exts_option(). */
typedef struct ci_ext_arg {
	const char *name;
	const char *value;      /* NULL for options without an argument */
} ci_ext_arg;

/* What ci_opt_parse found: the value of each own option by id (the last
 * one for a repeatable option; `all` walks them), and the extension
 * options in order. */
typedef struct ci_args {
	const char *val[CI_OPT_OWN_MAX + 1];    /* by id; "" for a flag given */
	unsigned count[CI_OPT_OWN_MAX + 1];
	const char *all[CI_OPT_EXT_MAX];        /* every value of repeatable options */
	int all_id[CI_OPT_EXT_MAX];
	size_t all_count;
	ci_ext_arg ext[CI_OPT_EXT_MAX];
	size_t ext_count;
	bool help;              /* --help or -h: print ci_opt_help and exit 0 */
} ci_args;

/* Parses argv (argv[0] is the command's name). -1 with m naming the
 * option for an unknown or abbreviated option, a missing argument, an
 * option given twice, or a stray argument. */
int ci_opt_parse(const ci_cmd_def *d, int argc, char **argv, ci_args *a, ci_msg *m);

/* True if the flag or option `id` was given. */
static inline bool ci_opt_has(const ci_args *a, int id)
{
	return a->val[id] != NULL;
}

/* `certissue CMD --help`: synopsis, options, extension options. */
void ci_opt_help(const ci_cmd_def *d, FILE *f);

/* A command's whole run: a zeroed job of `job_size` bytes (a struct that
 * starts with its ci_args) is allocated, argv parsed into it; --help
 * prints ci_opt_help; else `run` does the work, and on failure its
 * message is printed as "certissue NAME: ...". `done` (may be NULL)
 * releases what run acquired, whether it failed or not. The exit status:
 * 0 done (or --help), 1 refused or failed. */
int ci_cmd_main(const ci_cmd_def *d, const ci_ctx *c, int argc, char **argv,
		size_t job_size, int (*run)(void *job, const ci_ctx *c, ci_msg *m),
		void (*done)(void *job));

/* --days N: a whole number of days, 0..3650000 (so the end stays before
 * year 9999 from any start the times allow), as seconds. */
int ci_opt_days(const char *text, const char *opt, int64_t *secs, ci_msg *m);

/* A period (a certificate's validity, a CRL's thisUpdate..nextUpdate):
 * the start from `start_text` (when.h; NULL: now), the end from
 * `end_text` or from --days `days_text` after the start (both: an error),
 * else `default_secs` after the start. Refused: an end before the start,
 * an end past 9999-12-31T23:59:59Z. The *_opt names are for messages. */
int ci_opt_period(const char *start_opt, const char *start_text, const char *end_opt,
		  const char *end_text, const char *days_text, int64_t default_secs,
		  int64_t now, int64_t *start, int64_t *end, ci_msg *m);

#endif
