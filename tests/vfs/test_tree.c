/*
 * test_tree.c - the vfs field tree: building, lookup before and after
 * sealing, list files, hex, links, duplicate names, memory accounting and
 * the arena under interleaved growth.
 */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tree.h"

static void test_build_and_walk(void)
{
	cfs_tree *t = cfs_tree_new();
	cfs_node *root = cfs_tree_root(t);
	cfs_node *ext = cfs_dir(t, root, "extensions");
	cfs_node *bc = cfs_dir(t, ext, "basic_constraints");
	cfs_node *n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(bc);
	CU_ASSERT_PTR_EQUAL(cfs_dir(t, ext, "basic_constraints"), bc);
	cfs_printf(t, bc, "ca", "%s", "true");
	cfs_printf(t, root, "type", "certificate");
	cfs_printf(t, root, "der", "x");
	CU_ASSERT_FALSE(root->sorted);
	n = cfs_walk(root, "extensions/basic_constraints/ca");
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_EQUAL(n->len, 5);
	CU_ASSERT_NSTRING_EQUAL(n->data, "true\n", 5);
	cfs_tree_seal(t);
	CU_ASSERT_TRUE(root->sorted);
	CU_ASSERT_STRING_EQUAL(root->kids[0]->name, "der");
	CU_ASSERT_STRING_EQUAL(root->kids[2]->name, "type");
	CU_ASSERT_PTR_EQUAL(cfs_walk(root, "extensions/basic_constraints/ca"), n);
	CU_ASSERT_PTR_EQUAL(cfs_walk(root, ""), root);
	CU_ASSERT_PTR_NULL(cfs_walk(root, "extensions/nope"));
	CU_ASSERT_PTR_NULL(cfs_walk(root, "type/x"));
	CU_ASSERT_TRUE(cfs_tree_ok(t));
	cfs_tree_free(t);
}

/*
 * One rule for every text value (docs/ABI.md 2), in one place: a newline
 * inside it is \n, a NUL \0, whichever writer and format path.
 */
static void test_text_escapes(void)
{
	cfs_tree *t = cfs_tree_new();
	cfs_node *root = cfs_tree_root(t);
	cfs_node *n;
	char big[600];

	n = cfs_printf(t, root, "subject", "%s", "CN=a\nb");
	CU_ASSERT_EQUAL(n->len, 8);
	CU_ASSERT_NSTRING_EQUAL(n->data, "CN=a\\nb\n", 8);
	n = cfs_printf(t, root, "fmt", "%d:%s", 7, "x\ny\n");
	CU_ASSERT_EQUAL(n->len, 9);
	CU_ASSERT_NSTRING_EQUAL(n->data, "7:x\\ny\\n\n", 9);
	cfs_line(t, root, "list", "%s", "one");
	n = cfs_text_line(t, root, "list", "t\0w\no", 5);
	CU_ASSERT_EQUAL(n->len, 4 + 8);
	CU_ASSERT_NSTRING_EQUAL(n->data, "one\nt\\0w\\no\n", 12);
	/* past the formatter's small buffer */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[300] = '\n';
	n = cfs_printf(t, root, "big", "%s.", big);
	CU_ASSERT_EQUAL(n->len, sizeof(big) + 2);
	CU_ASSERT_NSTRING_EQUAL(n->data + 300, "\\nx", 3);
	CU_ASSERT_TRUE(cfs_tree_ok(t));
	cfs_tree_free(t);
}

static void test_lines_hex_link(void)
{
	static const uint8_t b[] = { 0x00, 0xab, 0x10 };
	cfs_tree *t = cfs_tree_new();
	cfs_node *root = cfs_tree_root(t);
	cfs_node *n;
	char big[1000];

	cfs_line(t, root, "dns_name", "a.example");
	n = cfs_line(t, root, "dns_name", "%s", "b.example");
	CU_ASSERT_PTR_NOT_NULL_FATAL(n);
	CU_ASSERT_EQUAL(n->len, 20);
	CU_ASSERT_NSTRING_EQUAL(n->data, "a.example\nb.example\n", 20);
	n = cfs_hex(t, root, "digest", xc_slice_make(b, sizeof(b)));
	CU_ASSERT_NSTRING_EQUAL(n->data, "00ab10\n", 7);
	CU_ASSERT_EQUAL(n->len, 7);
	n = cfs_hex(t, root, "empty", xc_slice_make(b, 0));
	CU_ASSERT_EQUAL(n->len, 1);
	n = cfs_link(t, root, "issuer", "../../ca.pem");
	CU_ASSERT_EQUAL(n->kind, CFS_LINK);
	CU_ASSERT_STRING_EQUAL((char *)n->data, "../../ca.pem");
	/* Longer than the formatter's small buffer. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	n = cfs_printf(t, root, "big", "%s", big);
	CU_ASSERT_EQUAL(n->len, sizeof(big));
	CU_ASSERT_EQUAL(n->data[sizeof(big) - 1], '\n');
	n = cfs_line(t, root, "big", "%s", big);
	CU_ASSERT_EQUAL(n->len, 2 * sizeof(big));
	CU_ASSERT_TRUE(cfs_tree_ok(t));
	CU_ASSERT_TRUE(cfs_tree_bytes(t) > 2 * sizeof(big));
	cfs_tree_free(t);
}

static void test_binary_file(void)
{
	static const uint8_t der[] = { 0x30, 0x00, 0x00, 0x01 };
	cfs_tree *t = cfs_tree_new();
	cfs_node *n = cfs_file(t, cfs_tree_root(t), "der", der, sizeof(der));

	CU_ASSERT_EQUAL(n->len, 4);
	CU_ASSERT_EQUAL(memcmp(n->data, der, 4), 0);
	cfs_tree_free(t);
}

/* A name used twice is a builder bug: the tree says so instead of
 * serving a directory with two entries of one name. */
static void test_duplicate_marks_tree(void)
{
	cfs_tree *t = cfs_tree_new();
	cfs_node *root = cfs_tree_root(t);

	cfs_printf(t, root, "type", "crl");
	cfs_dir(t, root, "a");
	cfs_tree_seal(t);
	CU_ASSERT_TRUE(cfs_tree_ok(t));
	cfs_printf(t, root, "type", "crl");
	cfs_file(t, cfs_dir(t, root, "a"), "x", "1", 1);
	CU_ASSERT_TRUE(cfs_tree_ok(t));         /* found when sealed */
	cfs_tree_seal(t);
	CU_ASSERT_FALSE(cfs_tree_ok(t));
	/* Later calls do nothing. */
	CU_ASSERT_PTR_NULL(cfs_dir(t, root, "x"));
	cfs_tree_free(t);
}

static void test_many_children_sorted(void)
{
	cfs_tree *t = cfs_tree_new();
	cfs_node *root = cfs_tree_root(t);
	char name[16];

	for (int i = 999; i >= 0; i--) {
		snprintf(name, sizeof(name), "%d", i);
		cfs_printf(t, root, name, "%d", i);
	}
	cfs_tree_seal(t);
	for (int i = 0; i < 1000; i++) {
		cfs_node *n;

		snprintf(name, sizeof(name), "%d", i);
		n = cfs_lookup(root, name);
		CU_ASSERT_PTR_NOT_NULL_FATAL(n);
		CU_ASSERT_EQUAL(atoi((char *)n->data), i);
	}
	CU_ASSERT_PTR_NULL(cfs_lookup(root, "1000"));
	cfs_tree_free(t);
}

/* The arena: two list files and a directory growing interleaved (each
 * growth moves a block unless it is the arena's last), blocks bigger
 * than a chunk, nested directories sealed; every byte must come back. */
static void test_arena_interleaved(void)
{
	cfs_tree *t = cfs_tree_new();
	cfs_node *root = cfs_tree_root(t);
	cfs_node *d = cfs_dir(t, root, "d");
	static uint8_t big[200000];
	char name[16], want[16];
	size_t before, off_a = 0, off_b = 0;
	cfs_node *a, *b, *f;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7);
	for (int i = 0; i < 3000; i++) {
		cfs_line(t, root, "a", "%d", i);
		cfs_line(t, root, "b", "b%d", i);
		snprintf(name, sizeof(name), "%04d", 2999 - i);
		cfs_printf(t, cfs_dir(t, d, name), "v", "%d", i);
		if (i == 1500)
			cfs_file(t, root, "big", big, sizeof(big));
	}
	before = cfs_tree_bytes(t);
	CU_ASSERT_TRUE(before > sizeof(big) + 3000 * 8);
	cfs_tree_seal(t);
	CU_ASSERT_TRUE_FATAL(cfs_tree_ok(t));
	a = cfs_lookup(root, "a");
	b = cfs_lookup(root, "b");
	f = cfs_lookup(root, "big");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(f->len, sizeof(big));
	CU_ASSERT_EQUAL(memcmp(f->data, big, sizeof(big)), 0);
	for (int i = 0; i < 3000; i++) {
		int n = snprintf(want, sizeof(want), "%d\n", i);

		CU_ASSERT_EQUAL_FATAL(memcmp(a->data + off_a, want, (size_t)n), 0);
		off_a += (size_t)n;
		n = snprintf(want, sizeof(want), "b%d\n", i);
		CU_ASSERT_EQUAL_FATAL(memcmp(b->data + off_b, want, (size_t)n), 0);
		off_b += (size_t)n;
		snprintf(name, sizeof(name), "%04d/v", 2999 - i);
		f = cfs_walk(root, "d");
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		f = cfs_walk(f, name);
		CU_ASSERT_PTR_NOT_NULL_FATAL(f);
		CU_ASSERT_EQUAL(atoi((char *)f->data), i);
	}
	CU_ASSERT_EQUAL(a->len, off_a);
	CU_ASSERT_EQUAL(b->len, off_b);
	/* Sealed: children sorted, so the first is 0000. */
	CU_ASSERT_STRING_EQUAL(d->kids[0]->name, "0000");
	cfs_tree_free(t);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "build and walk", test_build_and_walk },
		{ "lines, hex, link", test_lines_hex_link },
		{ "text escapes", test_text_escapes },
		{ "binary file", test_binary_file },
		{ "duplicate name", test_duplicate_marks_tree },
		{ "1000 children", test_many_children_sorted },
		{ "arena, interleaved growth", test_arena_interleaved },
		{ NULL, NULL },
	};
	return tu_run("vfs tree", tests);
}
