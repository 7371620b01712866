/*
 * issuer/ca_cmd.c - `certissue ca SUBCOMMAND`, and what the CA directory
 * commands share (ca_cmd.h).
 */
#include "ca_cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ci_argv_add(ci_argv *av, const char *s)
{
	char *copy;

	if (av->n + 2 > av->cap) {
		int cap = av->cap ? 2 * av->cap : 32;
		char **v = realloc(av->v, (size_t)cap * sizeof(*v));

		if (!v) {
			av->failed = true;
			return;
		}
		av->v = v;
		av->cap = cap;
	}
	if (!(copy = strdup(s))) {
		av->failed = true;
		return;
	}
	av->v[av->n++] = copy;
	av->v[av->n] = NULL;
}

void ci_argv_free(ci_argv *av)
{
	for (int i = 0; i < av->n; i++)
		free(av->v[i]);
	free(av->v);
	memset(av, 0, sizeof(*av));
}

static bool takes_value(const ci_cmd_def *d, const char *arg)
{
	static const char *const common[] = { "out", "hash", "passphrase-file", NULL };

	if (strncmp(arg, "--", 2) || strchr(arg, '='))
		return false;
	arg += 2;
	for (size_t i = 0; common[i]; i++)
		if (!strcmp(arg, common[i]))
			return true;
	for (const ci_opt *o = d->own; o->name; o++)
		if (!strcmp(arg, o->name))
			return o->arg != NULL;
	return false;
}

int ci_take_positional(const ci_cmd_def *d, int *argc, char **argv, const char **pos,
		       ci_msg *m)
{
	int o = 1;

	*pos = NULL;
	for (int i = 1; i < *argc; i++) {
		const char *s = argv[i];

		if (s[0] == '-' && s[1]) {
			argv[o++] = argv[i];
			if (takes_value(d, s) && i + 1 < *argc)
				argv[o++] = argv[++i];
			continue;
		}
		if (*pos)
			return ci_fail(m, "unexpected argument '%s' (certissue %s --help)", s,
				       d->name);
		*pos = s;
	}
	*argc = o;
	argv[o] = NULL;
	return 0;
}

int ci_ca_main(const ci_cmd_def *d, const ci_ctx *c, int argc, char **argv, const char **pos,
	       size_t job_size, int (*run)(void *job, const ci_ctx *c, ci_msg *m),
	       void (*done)(void *job))
{
	ci_msg m;

	if (ci_take_positional(d, &argc, argv, pos, &m) < 0) {
		fprintf(stderr, "certissue %s: %s\n", d->name, m.text);
		return 1;
	}
	return ci_cmd_main(d, c, argc, argv, job_size, run, done);
}

int ci_no_common(const ci_args *a, const char *cmd, int keep, ci_msg *m)
{
	static const char *const names[] = {
		[CI_O_OUT] = "--out", [CI_O_DER] = "--der", [CI_O_FORCE] = "--force",
		[CI_O_HASH] = "--hash", [CI_O_PSS] = "--rsa-pss", [CI_O_WEAK] = "--allow-weak",
		[CI_O_PASS] = "--passphrase-file",
	};

	for (int id = CI_O_OUT; id < CI_O_OWN; id++)
		if (id != keep && ci_opt_has(a, id))
			return ci_fail(m, "%s: not an option of certissue %s", names[id], cmd);
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: certissue ca init DIR --subject DN [--key-type T] [--days N]"
		" [--passphrase-file F] [--parent DIR]\n"
		"       certissue ca show DIR\n"
		"       certissue ca check DIR\n"
		"`certissue ca SUBCOMMAND --help` lists its options; docs/certissue.md is the"
		" manual.\n");
}

int ci_cmd_ca(const ci_ctx *c, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(const ci_ctx *, int, char **);
	} subs[] = {
		{ "init", ci_cmd_ca_init },
		{ "show", ci_cmd_ca_show },
		{ "check", ci_cmd_ca_check },
	};

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2;
	}
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(c, argc - 1, argv + 1);
	fprintf(stderr, "certissue ca: unknown subcommand '%s'\n", argv[1]);
	usage(stderr);
	return 1;
}
