/*
 * tests/limbo/limbo.c - the x509-limbo harness: every case of limbo.json
 * through xc_path_validate, limbo's results JSON out, a per-feature score
 * on stdout, and the comparison with the recorded score (expected.txt)
 * that fails the test on a regression.
 *
 *   limbo LIMBO_JSON [--declined FILE] [--expected FILE] [--results OUT.json]
 *         [--write-expected FILE] [--id ID]...
 *
 * Exit: 0 no case regressed, 1 a regression (a case expected.txt records
 * as right answered wrong) or a case missing from expected.txt answered
 * wrong, 2 usage or unreadable input, 77 (skip) LIMBO_JSON absent.
 *
 * How a case becomes xc_path_input and xc_path_policy is in map_case();
 * docs/conformance.md says it in words and keeps the score.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xc/path.h>
#include <xc/xc.h>

#include "attime.h"
#include "load.h"

#define MAX_NAMES 8
#define CTX_LEN 512

/* One case's answer and what the summary needs of it. */
typedef struct lb_case {
	char id[256];
	const char *group;      /* the id's namespace ("rfc5280::nc") */
	json_t *features;       /* borrowed from the document */
	char expected;          /* 'S' SUCCESS, 'F' FAILURE */
	char ours;              /* 'S', 'F', 'K' SKIPPED */
	char context[CTX_LEN];
} lb_case;

/* A list of "id<space>rest" lines: the decline list, expected.txt. */
typedef struct lb_list {
	char **id;
	char **rest;
	size_t n;
} lb_list;

static xc_path_work g_work;

static void list_free(lb_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->id[i]);
		free(l->rest[i]);
	}
	free(l->id);
	free(l->rest);
}

static void list_load(lb_list *l, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];

	if (!f) {
		fprintf(stderr, "limbo: %s: cannot read\n", path);
		exit(2);
	}
	while (fgets(line, sizeof line, f)) {
		char *sp, *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (!line[0] || line[0] == '#')
			continue;
		sp = strchr(line, ' ');
		l->id = realloc(l->id, (l->n + 1) * sizeof(*l->id));
		l->rest = realloc(l->rest, (l->n + 1) * sizeof(*l->rest));
		if (!l->id || !l->rest)
			abort();
		if (sp)
			*sp++ = 0;
		l->id[l->n] = strdup(line);
		l->rest[l->n] = strdup(sp ? sp : "");
		l->n++;
	}
	fclose(f);
}

static const char *list_find(const lb_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->id[i], id))
			return l->rest[i];
	return NULL;
}

static bool has_feature(json_t *features, const char *prefix)
{
	size_t i;
	json_t *f;

	json_array_foreach(features, i, f) {
		const char *s = json_string_value(f);
		if (s && !strncmp(s, prefix, strlen(prefix)))
			return true;
	}
	return false;
}

static const char *jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* The PEM strings of a JSON array into a set; unparseable ones are left
 * out and noted in ctx (a verifier ignores a certificate it cannot read;
 * the path then fails or succeeds without it). */
static void load_pems(ld_set *s, json_t *arr, ld_want want, const char *what, char *ctx)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) {
		const char *pem = json_string_value(v);
		char err[256], name[64];
		size_t n = pem ? strlen(pem) : 0;
		void *buf = malloc(n + 1);
		if (!buf)
			abort();
		memcpy(buf, pem ? pem : "", n + 1);
		snprintf(name, sizeof name, "%s %zu", what, i);
		if (ld_add_buffer(s, buf, n, want, name, err, sizeof err)) {
			size_t l = strlen(ctx);
			snprintf(ctx + l, CTX_LEN - l, "%s(ignored %s) ", l ? "" : "", err);
		}
	}
}

/* limbo's KeyUsage names (RFC 5280 4.2.1.3's). */
static unsigned ku_bits(json_t *arr, bool *ok)
{
	static const char *const names[XC_KU_COUNT] = {
		"digitalSignature", "contentCommitment", "keyEncipherment",
		"dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign",
		"encipherOnly", "decipherOnly",
	};
	unsigned bits = 0;
	size_t i, k;
	json_t *v;

	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);
		for (k = 0; k < XC_KU_COUNT; k++)
			if (s && !strcmp(s, names[k]))
				break;
		if (k == XC_KU_COUNT)
			*ok = false;
		else
			bits |= 1u << k;
	}
	return bits;
}

/* A limbo PeerName ({"kind": DNS|IP|RFC822, "value": ...}) as the core's;
 * ip[] holds an address's bytes. */
static bool peer_of(json_t *pn, xc_peer_name *out, uint8_t ip[16])
{
	const char *kind = jstr(pn, "kind"), *v = jstr(pn, "value");

	if (!kind || !v)
		return false;
	if (!strcmp(kind, "DNS") || !strcmp(kind, "RFC822")) {
		out->kind = kind[0] == 'D' ? XC_PEER_DNS : XC_PEER_EMAIL;
		out->value = (xc_slice){ (const uint8_t *)v, strlen(v) };
		return true;
	}
	if (!strcmp(kind, "IP")) {
		bool v6 = strchr(v, ':') != NULL;
		if (inet_pton(v6 ? AF_INET6 : AF_INET, v, ip) != 1)
			return false;
		out->kind = XC_PEER_IP;
		out->value = (xc_slice){ ip, v6 ? 16u : 4u };
		return true;
	}
	return false;
}

static void subject_text(const xc_cert *c, char *buf, size_t cap)
{
	if (xc_name_rfc4514(c->subject, buf, cap, NULL) || !buf[0])
		snprintf(buf, cap, "(empty subject)");
}

/* The verdict of one validation into the case's context. */
static void describe(const xc_path_result *r, char *ctx)
{
	size_t l = strlen(ctx);
	char subj[200] = "";

	if (r->err == XC_PATH_OK) {
		snprintf(ctx + l, CTX_LEN - l, "valid, chain of %zu", r->chain_len);
		return;
	}
	if (r->failed < r->chain_len && r->chain[r->failed])
		subject_text(r->chain[r->failed], subj, sizeof subj);
	snprintf(ctx + l, CTX_LEN - l, "%s: %s (chain[%zu] %s)", xc_path_errname(r->err),
		 xc_path_strerror(r->err), r->failed, subj);
}

/*
 * One case. The mapping (docs/conformance.md, "How the harness reads a
 * case"):
 *   profile   limbo's rfc5280:: cases are RFC 5280's and its webpki:: and
 *             online:: ones the web PKI's (the suite's two halves, which
 *             its conflicts_with pairs set against each other); the
 *             feature rfc5280-incompatible-with-webpki forces RFC 5280,
 *             pedantic-webpki-* the web PKI; every other namespace
 *             (crl, cve, pathlen, pathological, invalid) is RFC 5280.
 *   purpose   extended_key_usage [serverAuth] / [clientAuth]; an empty
 *             list is any purpose under RFC 5280, and the validation
 *             kind's (SERVER: serverAuth) under the web PKI, whose
 *             subscriber certificates always carry an EKU.
 *   key_usage the named bits; max_chain_depth N (intermediates) as N + 2
 *             certificates, the anchor and the leaf included;
 *   time      validation_time, or now when it is null;
 *   names     expected_peer_name; for CLIENT cases every name of
 *             expected_peer_names must match (one validation each);
 *   CRLs      every crl, with revocation checked whenever there is one.
 */
static void run_case(json_t *tc, lb_case *out, int64_t now)
{
	ld_set anchors = { 0 }, inter = { 0 }, peer = { 0 }, crls = { 0 };
	const char *id = jstr(tc, "id"), *kind = jstr(tc, "validation_kind");
	const char *when = jstr(tc, "validation_time");
	json_t *eku = json_object_get(tc, "extended_key_usage");
	json_t *names = json_object_get(tc, "expected_peer_names");
	json_t *depth = json_object_get(tc, "max_chain_depth");
	xc_peer_name peers[MAX_NAMES];
	uint8_t ips[MAX_NAMES][16];
	size_t n_peers = 0;
	xc_path_policy pol;
	xc_path_input in;
	xc_path_result res;
	char err[256];
	bool client = kind && !strcmp(kind, "CLIENT"), ok = true;
	char *ctx = out->context;

	out->ours = 'K';
	ctx[0] = 0;
	xc_path_policy_init(&pol, now);
	if (when && at_parse(when, now, &pol.at, err, sizeof err)) {
		snprintf(ctx, CTX_LEN, "unreadable validation_time: %s", err);
		return;
	}
	if (json_array_size(json_object_get(tc, "signature_algorithms"))) {
		snprintf(ctx, CTX_LEN, "signature_algorithms not supported by the harness");
		return;
	}

	if (has_feature(out->features, "rfc5280-incompatible-with-webpki"))
		pol.profile = XC_PROFILE_RFC5280;
	else if (has_feature(out->features, "pedantic-webpki") || !strncmp(id, "webpki::", 8) ||
		 !strncmp(id, "online::", 8))
		pol.profile = XC_PROFILE_WEBPKI;
	else
		pol.profile = XC_PROFILE_RFC5280;

	if (json_array_size(eku) > 1) {
		snprintf(ctx, CTX_LEN, "more than one extended_key_usage");
		return;
	} else if (json_array_size(eku) == 1) {
		const char *e = json_string_value(json_array_get(eku, 0));
		if (e && !strcmp(e, "serverAuth"))
			pol.purpose = XC_PURPOSE_SERVER;
		else if (e && !strcmp(e, "clientAuth"))
			pol.purpose = XC_PURPOSE_CLIENT;
		else {
			snprintf(ctx, CTX_LEN, "extended_key_usage %s not supported", e ? e : "?");
			return;
		}
	} else if (pol.profile == XC_PROFILE_WEBPKI) {
		pol.purpose = client ? XC_PURPOSE_CLIENT : XC_PURPOSE_SERVER;
	}
	pol.key_usage = ku_bits(json_object_get(tc, "key_usage"), &ok);
	if (!ok) {
		snprintf(ctx, CTX_LEN, "unknown key_usage name");
		return;
	}
	if (json_is_integer(depth)) {
		json_int_t d = json_integer_value(depth);
		pol.max_depth = d < 0 || d + 2 > XC_PATH_MAX_DEPTH ? 0 : (unsigned)(d + 2);
	}

	if (!json_is_null(json_object_get(tc, "expected_peer_name")) &&
	    json_object_get(tc, "expected_peer_name")) {
		if (!peer_of(json_object_get(tc, "expected_peer_name"), &peers[0], ips[0])) {
			snprintf(ctx, CTX_LEN, "unreadable expected_peer_name");
			return;
		}
		n_peers = 1;
	} else if (client) {
		size_t i;
		json_t *pn;
		json_array_foreach(names, i, pn) {
			if (n_peers == MAX_NAMES || !peer_of(pn, &peers[n_peers], ips[n_peers])) {
				snprintf(ctx, CTX_LEN, "unreadable expected_peer_names");
				return;
			}
			n_peers++;
		}
	}

	json_t *leaf = json_array();
	json_array_append(leaf, json_object_get(tc, "peer_certificate"));
	load_pems(&peer, leaf, LD_CERTS, "peer_certificate", ctx);
	json_decref(leaf);
	if (peer.n_certs != 1) {
		/* The peer does not parse: a verifier answers FAILURE. */
		out->ours = 'F';
		goto done;
	}
	load_pems(&anchors, json_object_get(tc, "trusted_certs"), LD_CERTS, "trusted_certs", ctx);
	load_pems(&inter, json_object_get(tc, "untrusted_intermediates"), LD_CERTS,
		  "untrusted_intermediates", ctx);
	load_pems(&crls, json_object_get(tc, "crls"), LD_CRLS, "crls", ctx);
	pol.check_revocation = json_array_size(json_object_get(tc, "crls")) > 0;

	in = (xc_path_input){
		.leaf = &peer.certs[0],
		.intermediates = inter.certs, .n_intermediates = inter.n_certs,
		.anchors = anchors.certs, .n_anchors = anchors.n_certs,
		.crls = crls.crls, .n_crls = crls.n_crls,
	};
	out->ours = 'S';
	for (size_t i = 0; i < (n_peers ? n_peers : 1); i++) {
		pol.peer = n_peers ? peers[i] : (xc_peer_name){ XC_PEER_NONE, { NULL, 0 } };
		if (xc_path_validate(&in, &pol, &g_work, &res) != XC_PATH_OK) {
			out->ours = 'F';
			break;
		}
	}
	describe(&res, ctx);
done:
	ld_free(&anchors);
	ld_free(&inter);
	ld_free(&peer);
	ld_free(&crls);
}

static const char *result_name(char r)
{
	return r == 'S' ? "SUCCESS" : r == 'F' ? "FAILURE" : "SKIPPED";
}

static char result_of(const char *s)
{
	return !strncmp(s, "SUCCESS", 7) ? 'S' : !strncmp(s, "FAILURE", 7) ? 'F' : 'K';
}

/* A score line: right (our answer is limbo's), wrong, skipped. */
typedef struct lb_score {
	const char *key;
	size_t right, wrong, skipped;
} lb_score;

static void score_add(lb_score *t, size_t *n, const char *key, const lb_case *c)
{
	size_t i;

	for (i = 0; i < *n && strcmp(t[i].key, key); i++)
		;
	if (i == *n)
		t[(*n)++] = (lb_score){ key, 0, 0, 0 };
	if (c->ours == 'K')
		t[i].skipped++;
	else if (c->ours == c->expected)
		t[i].right++;
	else
		t[i].wrong++;
}

/* The per-namespace and per-feature tables, as docs/conformance.md shows
 * them. */
static void summary(const lb_case *cs, size_t n)
{
	lb_score *groups = calloc(n + 1, sizeof(*groups)), *feats = calloc(n * 4 + 1, sizeof(*feats));
	size_t ng = 0, nf = 0, n_all = 0, i, k;
	lb_score all;
	json_t *f;

	if (!groups || !feats)
		abort();
	for (i = 0; i < n; i++) {
		score_add(groups, &ng, cs[i].group, &cs[i]);
		score_add(&all, &n_all, "all", &cs[i]);
		if (!json_array_size(cs[i].features))
			score_add(feats, &nf, "(none)", &cs[i]);
		json_array_foreach(cs[i].features, k, f)
			score_add(feats, &nf, json_string_value(f), &cs[i]);
	}
	printf("%-40s %6s %6s %7s\n", "namespace", "right", "wrong", "skipped");
	for (i = 0; i < ng; i++)
		printf("%-40s %6zu %6zu %7zu\n", groups[i].key, groups[i].right, groups[i].wrong,
		       groups[i].skipped);
	printf("\n%-40s %6s %6s %7s\n", "feature", "right", "wrong", "skipped");
	for (i = 0; i < nf; i++)
		printf("%-40s %6zu %6zu %7zu\n", feats[i].key, feats[i].right, feats[i].wrong,
		       feats[i].skipped);
	if (n_all)
		printf("\n%-40s %6zu %6zu %7zu\n", "all", all.right, all.wrong, all.skipped);
	free(groups);
	free(feats);
}

static void write_results(const lb_case *cs, size_t n, const char *path)
{
	json_t *res = json_array(), *doc;

	for (size_t i = 0; i < n; i++)
		json_array_append_new(res, json_pack("{s:s, s:s, s:s}", "id", cs[i].id,
						     "actual_result", result_name(cs[i].ours),
						     "context", cs[i].context));
	doc = json_pack("{s:i, s:s, s:o}", "version", 1, "harness", "certfs", "results", res);
	if (json_dump_file(doc, path, JSON_INDENT(1)))
		fprintf(stderr, "limbo: %s: cannot write\n", path);
	json_decref(doc);
}

static int write_expected(const lb_case *cs, size_t n, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "# x509-limbo: id, limbo's expected result, ours at the last recording\n"
		   "# (tests/limbo/limbo --write-expected; docs/conformance.md). The test\n"
		   "# fails when a case recorded right (both the same) turns wrong.\n");
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s %s %s\n", cs[i].id, result_name(cs[i].expected), result_name(cs[i].ours));
	return fclose(f);
}

/* Today's answers against the recorded ones: the number of failures
 * (regressions, and new cases answered wrong). */
static int compare(const lb_case *cs, size_t n, const lb_list *exp, const lb_list *declined)
{
	size_t regress = 0, fixed = 0, fresh = 0;

	for (size_t i = 0; i < n; i++) {
		const lb_case *c = &cs[i];
		const char *rec = list_find(exp, c->id);
		bool right = c->ours == c->expected, was_right = false;

		if (list_find(declined, c->id))
			continue;
		if (rec) {
			const char *sp = strchr(rec, ' ');
			was_right = sp && result_of(rec) == result_of(sp + 1);
		}
		if (!rec && !right) {
			printf("NEW WRONG   %s: limbo %s, ours %s: %s\n", c->id,
			       result_name(c->expected), result_name(c->ours), c->context);
			fresh++;
		} else if (was_right && !right) {
			printf("REGRESSION  %s: limbo %s, ours %s: %s\n", c->id,
			       result_name(c->expected), result_name(c->ours), c->context);
			regress++;
		} else if (rec && !was_right && right) {
			printf("NOW RIGHT   %s (regenerate expected.txt)\n", c->id);
			fixed++;
		}
	}
	printf("against expected.txt: %zu regressions, %zu new cases wrong, %zu newly right\n",
	       regress, fresh, fixed);
	return (int)(regress + fresh);
}

static void usage(void)
{
	fputs("usage: limbo LIMBO_JSON [--declined FILE] [--expected FILE] [--results OUT.json]\n"
	      "             [--write-expected FILE] [--id ID]... [--verbose]\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *json_path = NULL, *declined_path = NULL, *exp_path = NULL;
	const char *results_path = NULL, *write_path = NULL;
	const char **only = calloc((size_t)argc, sizeof(*only));
	size_t n_only = 0, n = 0;
	lb_list declined = { 0 }, exp = { 0 };
	bool verbose = false;
	json_error_t jerr;
	json_t *doc, *tcs, *tc;
	lb_case *cs;
	int64_t now = (int64_t)time(NULL);
	size_t i;
	FILE *probe;
	int rc;

	for (int a = 1; a < argc; a++) {
		const char *arg = argv[a];
		bool val = a + 1 < argc;
		if (!strcmp(arg, "--declined") && val)
			declined_path = argv[++a];
		else if (!strcmp(arg, "--expected") && val)
			exp_path = argv[++a];
		else if (!strcmp(arg, "--results") && val)
			results_path = argv[++a];
		else if (!strcmp(arg, "--write-expected") && val)
			write_path = argv[++a];
		else if (!strcmp(arg, "--id") && val)
			only[n_only++] = argv[++a];
		else if (!strcmp(arg, "--verbose"))
			verbose = true;
		else if (arg[0] == '-' || json_path)
			usage();
		else
			json_path = arg;
	}
	if (!json_path)
		usage();
	if (!(probe = fopen(json_path, "r"))) {
		printf("SKIP: %s is absent: the x509-limbo suite is not on this machine "
		       "(meson option -Dlimbo=DIR names its directory)\n", json_path);
		return 77;
	}
	fclose(probe);
	if (declined_path)
		list_load(&declined, declined_path);
	if (exp_path)
		list_load(&exp, exp_path);
	if (!(doc = json_load_file(json_path, 0, &jerr))) {
		fprintf(stderr, "limbo: %s:%d: %s\n", json_path, jerr.line, jerr.text);
		return 2;
	}
	tcs = json_object_get(doc, "testcases");
	if (!(cs = calloc(json_array_size(tcs) + 1, sizeof(*cs))))
		abort();
	json_array_foreach(tcs, i, tc) {
		lb_case *c = &cs[n];
		const char *id = jstr(tc, "id"), *why, *exp_res = jstr(tc, "expected_result");
		char *sep;
		bool want = !n_only;

		for (size_t k = 0; k < n_only; k++)
			want |= id && !strcmp(only[k], id);
		if (!want || !id || !exp_res)
			continue;
		snprintf(c->id, sizeof c->id, "%s", id);
		c->group = strdup(id);
		if ((sep = strrchr(c->group, ':')) && sep > c->group + 1)
			sep[-1] = 0;
		c->features = json_object_get(tc, "features");
		c->expected = result_of(exp_res);
		if ((why = list_find(&declined, id)) && !has_feature(c->features, "pedantic-") &&
		    !json_array_size(json_object_get(tc, "conflicts_with"))) {
			fprintf(stderr, "limbo: %s is declined, but limbo marks it neither pedantic "
					"nor conflicting: it may not be\n", id);
			return 2;
		}
		if (why) {
			c->ours = 'K';
			snprintf(c->context, CTX_LEN, "declined: %s", why);
		} else {
			run_case(tc, c, now);
		}
		if (verbose || n_only)
			printf("%-8s %-8s %s: %s\n", result_name(c->expected), result_name(c->ours),
			       c->id, c->context);
		n++;
	}
	summary(cs, n);
	if (results_path)
		write_results(cs, n, results_path);
	if (write_path && write_expected(cs, n, write_path)) {
		fprintf(stderr, "limbo: %s: cannot write\n", write_path);
		return 2;
	}
	rc = exp_path && compare(cs, n, &exp, &declined) ? 1 : 0;
	/* everything freed, so the sanitizer build's leak check stays quiet */
	for (size_t k = 0; k < n; k++)
		free((void *)(uintptr_t)cs[k].group);
	free(cs);
	free(only);
	list_free(&declined);
	list_free(&exp);
	json_decref(doc);
	return rc;
}
