/*
 * test_path_name.c - the peer name (core/src/path_name.c): the "name"
 * rows of path_rules_gen.py through xc__path_name_check, and
 * xc_peer_name_parse against the oracle column of peers.txt (Python's
 * ipaddress for addresses).
 */
#include "path_rules.h"

static void test_rows(void)
{
	CU_ASSERT(pr_run("name", xc__path_name_check) >= 30);
}

static void test_parse(void)
{
	char path[1024], line[1024];
	FILE *f;
	size_t rows = 0;

	snprintf(path, sizeof(path), "%s/peers.txt", pr_dir);
	f = fopen(path, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while (fgets(line, sizeof(line), f)) {
		char *in = line, *kind, *hex;
		xc_peer_name pn;
		uint8_t ip[16];
		xc_err e;
		const char *got;

		line[strcspn(line, "\n")] = '\0';
		kind = strchr(in, '|');
		*kind++ = '\0';
		hex = strchr(kind, '|');
		*hex++ = '\0';
		rows++;
		e = xc_peer_name_parse(&pn, in, strlen(in), ip);
		got = e != XC_OK                  ? "error"
		      : pn.kind == XC_PEER_DNS    ? "dns"
		      : pn.kind == XC_PEER_IP     ? "ip"
		      : pn.kind == XC_PEER_EMAIL  ? "email"
		                                  : "none";
		if (strcmp(got, kind) != 0 ||
		    (e == XC_OK && strcmp(tu_hex_tmp(pn.value.p, pn.value.len), hex) != 0)) {
			printf("\n  \"%s\": got %s %s, want %s %s\n", in, got,
			       e == XC_OK ? tu_hex_tmp(pn.value.p, pn.value.len) : "", kind, hex);
			CU_FAIL("peer name");
		}
	}
	fclose(f);
	CU_ASSERT(rows >= 30);
	CU_ASSERT_EQUAL(xc_peer_name_parse(&(xc_peer_name){ 0 }, "", 0, (uint8_t[16]){ 0 }), XC_ERR_ARG);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "xc_peer_name_parse", test_parse },
		{ "peer-name rows", test_rows },
		{ NULL, NULL },
	};
	return pr_main("path_name", tests);
}
