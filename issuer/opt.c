/*
 * issuer/opt.c - a command's options (opt.h).
 */
#include "opt.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ext.h"
#include "when.h"

/* getopt_long's `val` for the extension option at index i of
 * ci_ext_opts; own options use their id (1..CI_OPT_OWN_MAX). */
#define EXT_VAL(i) (1000 + (int)(i))
#define HELP_VAL 999

static const ci_opt common[] = {
	{ "out", "FILE", CI_O_OUT, false, "where to write (- for standard output)" },
	{ "der", NULL, CI_O_DER, false, "write DER instead of PEM" },
	{ "force", NULL, CI_O_FORCE, false, "replace an existing --out file" },
	{ "hash", "H", CI_O_HASH, false,
	  "sha256|sha384|sha512 (default: sha256; sha384 for P-384, sha512 for P-521;"
	  " none for Ed25519/Ed448)" },
	{ "rsa-pss", NULL, CI_O_PSS, false, "RSA keys: sign with RSASSA-PSS" },
	{ "allow-weak", NULL, CI_O_WEAK, false, "allow RSA below 2048 bits, SHA-1, MD5" },
	{ "passphrase-file", "F", CI_O_PASS, false,
	  "passphrase of the encrypted private key read (--key or --ca-key; else"
	  " CERTISSUE_PASSPHRASE, else a prompt)" },
	{ NULL, NULL, 0, false, NULL },
};

static const ci_opt *find_opt(const ci_cmd_def *d, int id)
{
	for (const ci_opt *o = common; o->name; o++)
		if (o->id == id)
			return o;
	for (const ci_opt *o = d->own; o->name; o++)
		if (o->id == id)
			return o;
	return NULL;
}

static size_t ext_opt_count(void)
{
	size_t n = 0;

	while (ci_ext_opts[n].name)
		n++;
	return n;
}

/* The option as written on the command line must be the whole name:
 * "--subject" or "--subject=...", never a prefix getopt_long accepted. */
static bool spelled_out(const char *text, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(text, "--", 2) && !strncmp(text + 2, name, n) &&
	       (text[2 + n] == '\0' || text[2 + n] == '=');
}

static int record_own(const ci_opt *o, const char *value, ci_args *a, ci_msg *m)
{
	if (a->count[o->id] && !o->repeat)
		return ci_fail(m, "--%s given twice", o->name);
	a->count[o->id]++;
	a->val[o->id] = value ? value : "";
	if (o->repeat) {
		if (a->all_count == CI_OPT_EXT_MAX)
			return ci_fail(m, "--%s: more than %d repeated options", o->name,
				       CI_OPT_EXT_MAX);
		a->all[a->all_count] = a->val[o->id];
		a->all_id[a->all_count++] = o->id;
	}
	return 0;
}

int ci_opt_parse(const ci_cmd_def *d, int argc, char **argv, ci_args *a, ci_msg *m)
{
	struct option table[CI_OPT_OWN_MAX + 128 + 2];
	size_t n = 0, next = ext_opt_count();
	int rc = 0;

	memset(a, 0, sizeof(*a));
	if (next > 128)
		return ci_fail(m, "internal error: too many extension options");
	for (int pass = 0; pass < 2; pass++)
		for (const ci_opt *o = pass ? d->own : common; o->name; o++) {
			if (o->id <= 0 || o->id > CI_OPT_OWN_MAX || n == CI_OPT_OWN_MAX ||
			    (pass && o->id < CI_O_OWN))
				return ci_fail(m, "internal error: option --%s", o->name);
			table[n++] = (struct option){ o->name,
						      o->arg ? required_argument : no_argument,
						      NULL, o->id };
		}
	for (size_t i = 0; ci_ext_opts[i].name; i++)
		if (ci_ext_opts[i].where & d->where)
			table[n++] = (struct option){ ci_ext_opts[i].name,
						      ci_ext_opts[i].has_arg ? required_argument
									     : no_argument,
						      NULL, EXT_VAL(i) };
	table[n++] = (struct option){ "help", no_argument, NULL, HELP_VAL };
	table[n] = (struct option){ NULL, 0, NULL, 0 };

	/* "+": stop at the first non-option (an error below); ":": a missing
	 * argument is ':' rather than a message printed by getopt. */
	optind = 0;
	opterr = 0;
	for (;;) {
		int before = optind ? optind : 1, idx = -1;
		int c = getopt_long(argc, argv, "+:h", table, &idx);
		const char *text = before < argc ? argv[before] : "";

		if (c == -1)
			break;
		if (c == '?') {
			rc = ci_fail(m, "unknown option '%s' (certissue %s --help lists them)",
				     text, d->name);
			break;
		}
		if (c == ':') {
			rc = ci_fail(m, "%s needs an argument", text);
			break;
		}
		if (c == 'h' || c == HELP_VAL) {
			a->help = true;
			continue;
		}
		if (idx < 0 || !spelled_out(text, table[idx].name)) {
			rc = ci_fail(m, "unknown option '%s' (options are spelled out in full;"
				     " certissue %s --help lists them)", text, d->name);
			break;
		}
		if (c >= EXT_VAL(0)) {
			if (a->ext_count == CI_OPT_EXT_MAX) {
				rc = ci_fail(m, "more than %d extension options", CI_OPT_EXT_MAX);
				break;
			}
			a->ext[a->ext_count++] = (ci_ext_arg){ ci_ext_opts[c - EXT_VAL(0)].name,
							       optarg };
			continue;
		}
		if ((rc = record_own(find_opt(d, c), optarg, a, m)) < 0)
			break;
	}
	if (rc == 0 && optind < argc)
		rc = ci_fail(m, "unexpected argument '%s' (nothing is positional:"
			     " certissue %s --help)", argv[optind], d->name);
	optind = 0;
	return rc;
}

void ci_opt_help(const ci_cmd_def *d, FILE *f)
{
	char left[64];

	fprintf(f, "usage: certissue %s %s\n\noptions:\n", d->name, d->synopsis);
	for (int pass = 0; pass < 2; pass++)
		for (const ci_opt *o = pass ? common : d->own; o->name; o++) {
			snprintf(left, sizeof(left), "--%s%s%s", o->name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
			fprintf(f, "  %-26s %s\n", left, o->help);
		}
	fprintf(f, "  %-26s %s\n", "--help", "this text");
	fprintf(f, "\nextension options (docs/certissue.md has their syntax):\n");
	for (size_t i = 0; ci_ext_opts[i].name; i++) {
		const ci_ext_opt *e = &ci_ext_opts[i];

		if (!(e->where & d->where))
			continue;
		fprintf(f, "  --%s%s%s\n", e->name, e->has_arg ? " " : "",
			e->has_arg && e->usage ? e->usage : "");
	}
	if (d->notes)
		fprintf(f, "\n%s", d->notes);
}

int ci_cmd_main(const ci_cmd_def *d, const ci_ctx *c, int argc, char **argv,
		size_t job_size, int (*run)(void *job, const ci_ctx *c, ci_msg *m),
		void (*done)(void *job))
{
	void *job = calloc(1, job_size);
	ci_args *a = job;
	ci_msg m = { "" };
	int rc;

	if (!job) {
		fprintf(stderr, "certissue %s: out of memory\n", d->name);
		return 1;
	}
	rc = ci_opt_parse(d, argc, argv, a, &m);
	if (rc == 0 && a->help)
		ci_opt_help(d, stdout);
	else if (rc == 0)
		rc = run(job, c, &m);
	if (rc < 0)
		fprintf(stderr, "certissue %s: %s\n", d->name, m.text);
	if (done)
		done(job);
	free(job);
	return rc < 0 ? 1 : 0;
}

int ci_opt_days(const char *text, const char *opt, int64_t *secs, ci_msg *m)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(text, &end, 10);
	/* Digits only: strtoll alone would take " 5", "+5" and "5x". */
	if (!*text || text[strspn(text, "0123456789")] != '\0' || errno || *end)
		return ci_fail(m, "%s '%s': not a whole number of days", opt, text);
	if (v > 3650000)
		return ci_fail(m, "%s %s: more than 3650000 days", opt, text);
	*secs = (int64_t)v * 86400;
	return 0;
}

/* 9999-12-31T23:59:59Z: the last second a GeneralizedTime can hold. */
#define LAST_TIME INT64_C(253402300799)

int ci_opt_period(const char *start_opt, const char *start_text, const char *end_opt,
		  const char *end_text, const char *days_text, int64_t default_secs,
		  int64_t now, int64_t *start, int64_t *end, ci_msg *m)
{
	char a[32], b[32];
	int64_t secs = default_secs;

	*start = now;
	if (start_text && ci_when_parse(start_text, now, start, m) < 0)
		return ci_fail_ctx(m, "%s: ", start_opt);
	if (end_text && days_text)
		return ci_fail(m, "%s and --days: give one of them", end_opt);
	if (end_text) {
		if (ci_when_parse(end_text, now, end, m) < 0)
			return ci_fail_ctx(m, "%s: ", end_opt);
	} else {
		if (days_text && ci_opt_days(days_text, "--days", &secs, m) < 0)
			return -1;
		*end = *start + secs;
		if (*end > LAST_TIME)
			return ci_fail(m, "%s: the end falls after 9999-12-31T23:59:59Z", days_text
				       ? "--days" : start_opt);
	}
	if (*end < *start) {
		ci_when_format(*start, a, sizeof(a));
		ci_when_format(*end, b, sizeof(b));
		return ci_fail(m, "%s %s is before %s %s", end_opt, b, start_opt, a);
	}
	return 0;
}
