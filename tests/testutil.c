/* Shared helpers of the CUnit suites: see testutil.h. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint8_t *tu_read_file(const char *path, size_t *len)
{
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf) {
		buf[n] = 0;     /* n < cap here: text files may be used as strings */
		*len = n;
	}
	return buf;
}

uint8_t *tu_read_data(const char *name, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", TEST_DATA_DIR, name);
	uint8_t *b = tu_read_file(path, len);
	if (!b) {
		fprintf(stderr, "missing test data: %s\n", path);
		CU_FAIL_FATAL("missing test data");
	}
	return b;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

uint8_t *tu_unhex(const char *hex, size_t *len)
{
	size_t n = strlen(hex);
	uint8_t *out = malloc(n / 2 + 1);
	size_t o = 0;
	int hi = -1;
	for (size_t i = 0; i < n; i++) {
		int v = hexval((unsigned char)hex[i]);
		if (v < 0)
			continue;
		if (hi < 0) {
			hi = v;
		} else {
			out[o++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	*len = o;
	return out;
}

char *tu_hex(const uint8_t *p, size_t len)
{
	char *s = malloc(len * 2 + 1);
	for (size_t i = 0; i < len; i++)
		snprintf(s + 2 * i, 3, "%02x", p[i]);
	s[len * 2] = '\0';
	return s;
}

/* Strings handed out by tu_hex_tmp(), freed by tu_run(). */
static char **tmp_strings;
static size_t tmp_count, tmp_cap;

char *tu_hex_tmp(const uint8_t *p, size_t len)
{
	char *s = tu_hex(p, len);
	if (tmp_count == tmp_cap) {
		size_t cap = tmp_cap ? tmp_cap * 2 : 64;
		char **n = realloc(tmp_strings, cap * sizeof *n);
		if (!n)
			return s; /* leaks on OOM, only in a test */
		tmp_strings = n;
		tmp_cap = cap;
	}
	tmp_strings[tmp_count++] = s;
	return s;
}

int tu_run(const char *suite, const tu_test *tests)
{
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	CU_pSuite s = CU_add_suite(suite, NULL, NULL);
	for (const tu_test *t = tests; t->name; t++)
		CU_add_test(s, t->name, t->fn);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	unsigned ran = CU_get_number_of_tests_run();
	CU_cleanup_registry();
	for (size_t i = 0; i < tmp_count; i++)
		free(tmp_strings[i]);
	free(tmp_strings);
	return (failed || ran == 0) ? 1 : 0;
}
