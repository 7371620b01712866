/*
 * test_path_policy.c - certificate policies over a path
 * (core/src/path_policy.c): the "policy" rows of path_rules_gen.py, small
 * constructed paths with the shapes of PKITS 4.8 to 4.12 (explicit
 * policy, requireExplicitPolicy, mappings, inhibitPolicyMapping,
 * inhibitAnyPolicy) under the initial-* inputs, and the bounds (a mapping
 * mesh, a level wider than XC__POLICY_MAX_NODES).
 */
#include "path_rules.h"

static xc__policy_work work;

static xc_path_err policy_rule(const xc__path_view *v, size_t *failed)
{
	/* The work area is reused dirty between calls, as the path builder
	 * reuses it between candidate chains. */
	return xc__path_policy_check(v, &work, failed);
}

static void test_rows(void)
{
	CU_ASSERT(pr_run("policy", policy_rule) >= 40);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "policy rows", test_rows },
		{ NULL, NULL },
	};
	memset(&work, 0xa5, sizeof(work));
	return pr_main("path_policy", tests);
}
