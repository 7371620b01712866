/*
 * test_path_nc.c - name constraints over a path (core/src/path_nc.c):
 * the "nc" rows of path_rules_gen.py, certificates built by pyca at test
 * time, each row's verdict the RFC 5280 4.2.1.10 or x509-limbo rule its
 * comment names.
 */
#include "path_rules.h"

static void test_rows(void)
{
	CU_ASSERT(pr_run("nc", xc__path_nc_check) >= 50);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "name-constraint rows", test_rows },
		{ NULL, NULL },
	};
	return pr_main("path_nc", tests);
}
