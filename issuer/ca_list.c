/*
 * issuer/ca_list.c - `certissue list --ca DIR [--revoked|--expired|
 * --expiring 30d] [--json]`: what the CA directory's database says it
 * issued, one certificate a line (or a JSON array):
 *   SERIAL STATUS NOT_BEFORE NOT_AFTER SUBJECT
 * STATUS is valid, expired or revoked (a revoked certificate stays
 * revoked after it expires). --expiring D: valid and ending within D
 * (30d, 12h, 2w: when.h's relative times without the '+').
 */
#include <stdio.h>
#include <string.h>
#include <sys/file.h>

#include "ca_cmd.h"
#include "ca_dir.h"
#include "when.h"

enum { O_CA = CI_O_OWN, O_REVOKED, O_EXPIRED, O_EXPIRING, O_JSON };

static const ci_opt opts[] = {
	{ "ca", "DIR", O_CA, false, "the CA directory" },
	{ "revoked", NULL, O_REVOKED, false, "only revoked certificates" },
	{ "expired", NULL, O_EXPIRED, false, "only expired (not revoked) certificates" },
	{ "expiring", "D", O_EXPIRING, false,
	  "only valid certificates that end within D (30d, 12h, 2w)" },
	{ "json", NULL, O_JSON, false, "a JSON array of objects" },
	{ NULL, NULL, 0, false, NULL },
};

static const ci_cmd_def def = {
	"list", "--ca DIR [--revoked|--expired|--expiring 30d] [--json]", NULL, opts, 0,
};

typedef struct list_job {
	ci_args a;
	ci_cadir d;
} list_job;

static const char *status(const ci_carec *r, int64_t now)
{
	return r->revoked_by ? "revoked" : r->t2 < now ? "expired" : "valid";
}

static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

static void print(const list_job *j, const ci_carec *r, int64_t now, bool json, bool first)
{
	char nb[32], na[32], date[32];
	const ci_carec *rv = r->revoked_by ? &j->d.db.rec[r->revoked_by - 1] : NULL;

	ci_when_format(r->t1, nb, sizeof(nb));
	ci_when_format(r->t2, na, sizeof(na));
	if (!json) {
		printf("%s %s %s %s %s\n", r->serial, status(r, now), nb, na, r->subject);
		return;
	}
	printf("%s\n  {\"serial\": \"%s\", \"status\": \"%s\", \"not_before\": \"%s\","
	       " \"not_after\": \"%s\", \"profile\": ", first ? "" : ",", r->serial,
	       status(r, now), nb, na);
	json_string(r->word);
	printf(", \"subject\": ");
	json_string(r->subject);
	if (rv) {
		ci_when_format(rv->t1, date, sizeof(date));
		printf(", \"revoked\": {\"date\": \"%s\", \"reason\": ", date);
		if (strcmp(rv->word, "-"))
			json_string(rv->word);
		else
			printf("null");
		printf("}");
	}
	printf("}");
}

static int run(void *job, const ci_ctx *c, ci_msg *m)
{
	list_job *j = job;
	const ci_args *a = &j->a;
	int64_t until = 0;
	char rel[64];
	bool json = ci_opt_has(a, O_JSON), first = true;

	if (ci_no_common(a, "list", 0, m) < 0)
		return -1;
	if (!ci_opt_has(a, O_CA))
		return ci_fail(m, "--ca DIR is needed");
	if (ci_opt_has(a, O_REVOKED) + ci_opt_has(a, O_EXPIRED) + ci_opt_has(a, O_EXPIRING) > 1)
		return ci_fail(m, "--revoked, --expired and --expiring: give one of them");
	if (ci_opt_has(a, O_EXPIRING)) {
		const char *d = a->val[O_EXPIRING];

		snprintf(rel, sizeof(rel), "%s%s", d[0] == '+' ? "" : "+", d);
		if (d[0] == '-' || ci_when_parse(rel, c->now, &until, m) < 0)
			return ci_fail(m, "--expiring %s: not a duration like 30d, 12h or 2w", d);
	}
	if (ci_cadir_open(&j->d, a->val[O_CA], m) < 0)
		return -1;
	if (json)
		printf("[");
	for (size_t i = 0; i < j->d.db.count; i++) {
		const ci_carec *r = &j->d.db.rec[i];
		const char *s;

		if (r->kind != CI_REC_ISSUED)
			continue;
		s = status(r, c->now);
		if ((ci_opt_has(a, O_REVOKED) && strcmp(s, "revoked")) ||
		    (ci_opt_has(a, O_EXPIRED) && strcmp(s, "expired")) ||
		    (ci_opt_has(a, O_EXPIRING) && (strcmp(s, "valid") || r->t2 > until)))
			continue;
		print(j, r, c->now, json, first);
		first = false;
	}
	if (json)
		printf("%s]\n", first ? "" : "\n");
	return 0;
}

static void done(void *job)
{
	ci_cadir_close(&((list_job *)job)->d);
}

int ci_cmd_list(const ci_ctx *c, int argc, char **argv)
{
	return ci_cmd_main(&def, c, argc, argv, sizeof(list_job), run, done);
}
