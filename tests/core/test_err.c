/* Tests of xc/err.h: every error value has its own description and name,
 * and values outside the enum read as unknown. */
#include <xc/err.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

/* The defined values: XC_OK..XC_NOT_FOUND, then XC_ERR_FIRST..XC_ERR_LAST-1
 * (the gap between them holds no value). */
static bool defined(int v)
{
	return (v >= XC_OK && v <= XC_NOT_FOUND) || (v >= XC_ERR_FIRST && v < XC_ERR_LAST);
}

static void test_all_distinct(void)
{
	const char *seen_str[XC_ERR_LAST];
	const char *seen_name[XC_ERR_LAST];
	int n = 0;

	for (int v = XC_OK; v < XC_ERR_LAST; v++) {
		if (!defined(v))
			continue;
		const char *s = xc_strerror((xc_err)v);
		const char *nm = xc_errname((xc_err)v);
		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		CU_ASSERT_PTR_NOT_NULL_FATAL(nm);
		if (strcmp(s, "unknown error") == 0 || strcmp(nm, "UNKNOWN") == 0 ||
		    s[0] == '\0' || nm[0] == '\0') {
			fprintf(stderr, "\n  value %d has no description or name\n", v);
			CU_FAIL("missing string");
		}
		for (int j = 0; j < n; j++) {
			if (strcmp(seen_str[j], s) == 0 || strcmp(seen_name[j], nm) == 0) {
				fprintf(stderr, "\n  value %d repeats \"%s\" / %s\n", v, s, nm);
				CU_FAIL("duplicate string");
			}
		}
		seen_str[n] = s;
		seen_name[n] = nm;
		n++;
	}
	CU_ASSERT_EQUAL(n, 3 + (XC_ERR_LAST - XC_ERR_FIRST));
}

/* Spot checks: names are the enum names without their prefix. */
static const struct {
	xc_err e;
	const char *name;
} names[] = {
	{ XC_OK, "OK" },
	{ XC_END, "END" },
	{ XC_NOT_FOUND, "NOT_FOUND" },
	{ XC_ERR_TRUNCATED, "TRUNCATED" },
	{ XC_ERR_LEN_PAST_END, "LEN_PAST_END" },
	{ XC_ERR_TAG_NONMINIMAL, "TAG_NONMINIMAL" },
	{ XC_ERR_BITSTRING, "BITSTRING" },
	{ XC_ERR_OID_OVERFLOW, "OID_OVERFLOW" },
	{ XC_ERR_PEM_EMPTY, "PEM_EMPTY" },
	{ XC_ERR_CRYPTO, "CRYPTO" },
};

static void test_names(void)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		CU_ASSERT_STRING_EQUAL(xc_errname(names[i].e), names[i].name);
	CU_ASSERT_STRING_EQUAL(xc_strerror(XC_ERR_LEN_PAST_END),
	                       "length runs past the end of the enclosing data");
	CU_ASSERT_STRING_EQUAL(xc_strerror(XC_OK), "success");
}

static void test_unknown(void)
{
	static const int unknown[] = { XC_NOT_FOUND + 1, XC_ERR_FIRST - 1, XC_ERR_LAST,
	                               XC_ERR_LAST + 1, 1000, -1 };
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
		xc_err e = (xc_err)unknown[i];
		CU_ASSERT_STRING_EQUAL(xc_strerror(e), "unknown error");
		CU_ASSERT_STRING_EQUAL(xc_errname(e), "UNKNOWN");
	}
	/* Every value of the gap, too. */
	for (int v = XC_NOT_FOUND + 1; v < XC_ERR_FIRST; v++)
		CU_ASSERT_STRING_EQUAL(xc_errname((xc_err)v), "UNKNOWN");
}

/* The documented split: real errors are >= XC_ERR_FIRST. */
static void test_ranges(void)
{
	CU_ASSERT(XC_OK < XC_ERR_FIRST);
	CU_ASSERT(XC_END < XC_ERR_FIRST);
	CU_ASSERT(XC_NOT_FOUND < XC_ERR_FIRST);
	CU_ASSERT(XC_ERR_TRUNCATED == XC_ERR_FIRST);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "every value named, all distinct", test_all_distinct },
		{ "names", test_names },
		{ "unknown values", test_unknown },
		{ "ranges", test_ranges },
		{ NULL, NULL },
	};
	return tu_run("err", tests);
}
