/*
 * path_rules.h - what the suites of the whole-path rules (test_path_nc.c,
 * test_path_policy.c, test_path_name.c) share: they run
 * path_rules_gen.py (pyca/cryptography builds the certificates at test
 * time) and then each row of its cases.txt of their kind through the
 * rule, comparing the error and the index of the certificate at fault.
 *
 * A row: kind|name|profile|options|error|failed|cert,cert,...|peer, the
 * certificates anchor first (path_inner.h's numbering). options:
 * "explicit", "map-inhibit", "any-inhibit", "set=HEX+HEX" (the
 * user-initial-policy-set as OID contents). Skips (77) without Python.
 */
#ifndef PATH_RULES_H
#define PATH_RULES_H

#define _POSIX_C_SOURCE 200809L /* strtok_r */

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/xc.h>
#include <xc/path.h>

#include "path_inner.h"

#define PR_MAX_CERTS 10
#define PR_MAX_POLICIES 4

/* The path-rule function under test, with the view of one row. */
typedef xc_path_err (*pr_rule)(const xc__path_view *v, size_t *failed);

static char pr_dir[512];

static const char *pr_errname(xc_path_err e)
{
	static const char *const names[] = {
#define PR_NAME(name, text) #name,
		XC_PATH_ERR_LIST(PR_NAME)
#undef PR_NAME
	};
	return (size_t)e < sizeof(names) / sizeof(names[0]) ? names[e] : "?";
}

/* Runs the generator into the build directory (one per suite, as meson
 * runs suites in parallel); false if it cannot run. */
static bool pr_generate(const char *suite)
{
	char cmd[2048];

	snprintf(pr_dir, sizeof(pr_dir), "%s/path_rules-%s", TEST_BUILD_DIR, suite);
	snprintf(cmd, sizeof(cmd), "'%s' '%s' '%s'", PYTHON3, PATH_RULES_GEN, pr_dir);
	return system(cmd) == 0;
}

static bool pr_load_cert(const char *label, xc_cert *c, uint8_t **buf)
{
	char path[1024];
	size_t len;

	snprintf(path, sizeof(path), "%s/%s.der", pr_dir, label);
	*buf = tu_read_file(path, &len);
	return *buf && xc_cert_parse(c, *buf, len, NULL) == XC_OK;
}

static size_t pr_unhex(const char *hex, size_t n, uint8_t *out, size_t cap)
{
	size_t k = 0;

	for (size_t i = 0; i + 2 <= n && k < cap; i += 2) {
		unsigned v;

		if (sscanf(hex + i, "%2x", &v) != 1)
			break;
		out[k++] = (uint8_t)v;
	}
	return k;
}

/* Sets the policy from a row's profile, options and peer. */
static bool pr_policy(xc_path_policy *pol, const char *profile, char *options, const char *peer,
                      xc_slice *set, uint8_t set_buf[PR_MAX_POLICIES][64], uint8_t ip[16])
{
	char *save = NULL;

	memset(pol, 0, sizeof(*pol));
	pol->profile = strcmp(profile, "webpki") == 0 ? XC_PROFILE_WEBPKI : XC_PROFILE_RFC5280;
	for (char *t = strtok_r(options, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (strcmp(t, "explicit") == 0) {
			pol->initial_explicit_policy = true;
		} else if (strcmp(t, "map-inhibit") == 0) {
			pol->initial_policy_mapping_inhibit = true;
		} else if (strcmp(t, "any-inhibit") == 0) {
			pol->initial_any_policy_inhibit = true;
		} else if (strncmp(t, "set=", 4) == 0) {
			char *s2 = NULL;

			for (char *h = strtok_r(t + 4, "+", &s2); h && pol->n_initial_policies < PR_MAX_POLICIES;
			     h = strtok_r(NULL, "+", &s2)) {
				size_t k = pol->n_initial_policies++;
				size_t n = pr_unhex(h, strlen(h), set_buf[k], 64);
				set[k] = xc_slice_make(set_buf[k], n);
			}
			pol->initial_policies = set;
		} else {
			return false;
		}
	}
	if (*peer && xc_peer_name_parse(&pol->peer, peer, strlen(peer), ip) != XC_OK)
		return false;
	return true;
}

/* Runs every row of `kind` through `rule`; the number of rows run. */
static size_t pr_run(const char *kind, pr_rule rule)
{
	char path[1024], line[8192];
	FILE *f;
	size_t rows = 0;

	snprintf(path, sizeof(path), "%s/cases.txt", pr_dir);
	f = fopen(path, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while (fgets(line, sizeof(line), f)) {
		char *field[8], *save = NULL, *p = line;
		xc_cert certs[PR_MAX_CERTS];
		const xc_cert *view_certs[PR_MAX_CERTS];
		uint8_t *bufs[PR_MAX_CERTS] = { NULL };
		uint8_t set_buf[PR_MAX_POLICIES][64], ip[16];
		xc_slice set[PR_MAX_POLICIES];
		xc_path_policy pol;
		xc__path_view v;
		size_t n = 0, want_failed, failed = SIZE_MAX;
		xc_path_err got;
		bool ok = true;

		line[strcspn(line, "\n")] = '\0';
		for (int k = 0; k < 8; k++) {
			field[k] = p;
			p = strchr(p, '|');
			if (p)
				*p++ = '\0';
			else
				p = line + strlen(line);
		}
		if (strcmp(field[0], kind) != 0)
			continue;
		rows++;
		want_failed = (size_t)strtoul(field[5], NULL, 10);
		for (char *c = strtok_r(field[6], ",", &save); c && n < PR_MAX_CERTS;
		     c = strtok_r(NULL, ",", &save), n++) {
			ok = ok && pr_load_cert(c, &certs[n], &bufs[n]);
			view_certs[n] = &certs[n];
		}
		ok = ok && pr_policy(&pol, field[2], field[3], field[7], set, set_buf, ip);
		if (!ok) {
			printf("\n  %s: cannot load the row\n", field[1]);
			CU_FAIL("row not loaded");
		} else {
			v.cert = view_certs;
			v.n = n;
			v.pol = &pol;
			got = rule(&v, &failed);
			if (strcmp(pr_errname(got), field[4]) != 0 ||
			    (got != XC_PATH_OK && failed != want_failed)) {
				printf("\n  %s: got %s at %zu, want %s at %zu\n", field[1],
				       pr_errname(got), failed, field[4], want_failed);
				CU_FAIL("verdict");
			}
		}
		for (size_t k = 0; k < PR_MAX_CERTS; k++)
			free(bufs[k]);
	}
	fclose(f);
	return rows;
}

/* The suite's main: generate, then run the tests. */
static int pr_main(const char *suite, const tu_test *tests)
{
	if (!pr_generate(suite)) {
		printf("%s: skipped: %s %s did not run (pyca/cryptography needed)\n", suite, PYTHON3,
		       PATH_RULES_GEN);
		return 77;
	}
	return tu_run(suite, tests);
}

#endif
