/*
 * test_inode.c - the FUSE inode table (vfs/inode.h): one inode per
 * (path, version, type), lookup counting, forgetting, kept attributes,
 * numbers never reused, growth.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "inode.h"
#include "testutil.h"

static struct stat attr(uint64_t ver, mode_t type, off_t size)
{
	struct stat sb;

	memset(&sb, 0, sizeof(sb));
	sb.st_ino = (ino_t)ver;
	sb.st_mode = type | 0444;
	sb.st_size = size;
	return sb;
}

static void test_root(void)
{
	cfs_itab *t = cfs_itab_new();
	struct stat a = attr(0, S_IFDIR, 0), out;
	char path[PATH_MAX];
	uint64_t ver = 7;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(cfs_itab_count(t), 1);
	CU_ASSERT_EQUAL(cfs_itab_get(t, CFS_ROOT_INO, path, sizeof(path), &ver, &out, NULL), 0);
	CU_ASSERT_STRING_EQUAL(path, "/");
	CU_ASSERT_EQUAL(ver, 0);
	CU_ASSERT_EQUAL(cfs_itab_lookup(t, "/", &a, 0, &out), CFS_ROOT_INO);
	cfs_itab_forget(t, CFS_ROOT_INO, 100);  /* the root stays */
	CU_ASSERT_EQUAL(cfs_itab_get(t, CFS_ROOT_INO, path, sizeof(path), &ver, &out, NULL), 0);
	CU_ASSERT_EQUAL(cfs_itab_get(t, 999, path, sizeof(path), &ver, &out, NULL), -ENOENT);
	CU_ASSERT_EQUAL(cfs_itab_get(t, CFS_ROOT_INO, path, 1, &ver, &out, NULL), -ENAMETOOLONG);
	/* the root takes whatever version "/" shows (a single-file mount) */
	a = attr(77, S_IFDIR, 0);
	CU_ASSERT_TRUE(cfs_itab_refresh(t, CFS_ROOT_INO, &a));
	CU_ASSERT_EQUAL(cfs_itab_get(t, CFS_ROOT_INO, path, sizeof(path), &ver, &out, NULL), 0);
	CU_ASSERT_EQUAL(ver, 77);
	CU_ASSERT_EQUAL(out.st_ino, CFS_ROOT_INO);
	cfs_itab_free(t);
}

static void test_versions(void)
{
	cfs_itab *t = cfs_itab_new();
	struct stat v1 = attr(11, S_IFREG, 896), v2 = attr(22, S_IFREG, 1473), out, kept;
	struct stat dir = attr(0, S_IFDIR, 0), link = attr(11, S_IFLNK, 5);
	char path[PATH_MAX];
	uint64_t a, b, ver;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	a = cfs_itab_lookup(t, "/a.pem/der", &v1, 0, &out);
	CU_ASSERT(a > CFS_ROOT_INO);
	CU_ASSERT_EQUAL(out.st_ino, a);
	CU_ASSERT_EQUAL(out.st_size, 896);
	CU_ASSERT_EQUAL(cfs_itab_lookup(t, "/a.pem/der", &v1, 0, &out), a);
	/* a new version of the path is a new inode; the old keeps its size */
	b = cfs_itab_lookup(t, "/a.pem/der", &v2, 0, &out);
	CU_ASSERT(b != a && b > CFS_ROOT_INO);
	CU_ASSERT_EQUAL(cfs_itab_get(t, a, path, sizeof(path), &ver, &kept, NULL), 0);
	CU_ASSERT_STRING_EQUAL(path, "/a.pem/der");
	CU_ASSERT_EQUAL(ver, 11);
	CU_ASSERT_EQUAL(kept.st_size, 896);
	CU_ASSERT_EQUAL(kept.st_ino, a);
	/* refresh only with the inode's own version */
	CU_ASSERT_FALSE(cfs_itab_refresh(t, a, &v2));
	CU_ASSERT_EQUAL(cfs_itab_get(t, a, path, sizeof(path), &ver, &kept, NULL), 0);
	CU_ASSERT_EQUAL(kept.st_size, 896);
	v1.st_uid = 42;
	CU_ASSERT_TRUE(cfs_itab_refresh(t, a, &v1));
	CU_ASSERT_EQUAL(cfs_itab_get(t, a, path, sizeof(path), &ver, &kept, NULL), 0);
	CU_ASSERT_EQUAL(kept.st_uid, 42);
	CU_ASSERT_EQUAL(kept.st_ino, a);
	/* the same version of another type is another inode */
	CU_ASSERT_NOT_EQUAL(cfs_itab_lookup(t, "/a.pem/der", &link, 0, &out), a);
	/* directories (version 0) keep one inode per path */
	CU_ASSERT_EQUAL(cfs_itab_lookup(t, "/d", &dir, 0, &out), cfs_itab_lookup(t, "/d", &dir, 0, &out));
	CU_ASSERT_EQUAL(cfs_itab_count(t), 5);

	/* two lookups of a: it goes with the second forget */
	cfs_itab_forget(t, a, 1);
	CU_ASSERT_EQUAL(cfs_itab_get(t, a, path, sizeof(path), &ver, &kept, NULL), 0);
	cfs_itab_forget(t, a, 1);
	CU_ASSERT_EQUAL(cfs_itab_get(t, a, path, sizeof(path), &ver, &kept, NULL), -ENOENT);
	CU_ASSERT_EQUAL(cfs_itab_count(t), 4);
	/* numbers are never reused */
	CU_ASSERT(cfs_itab_lookup(t, "/a.pem/der", &v1, 0, &out) > b);
	cfs_itab_forget(t, 12345, 1);   /* unknown: ignored */
	cfs_itab_free(t);
}

/* 50,000 inodes: the tables grow, every one is found, all forgotten. */
static void test_many(void)
{
	enum { N = 50000 };
	static uint64_t inos[N];
	cfs_itab *t = cfs_itab_new();
	struct stat out, kept;
	char path[PATH_MAX], want[64];
	uint64_t ver;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	for (int i = 0; i < N; i++) {
		struct stat a = attr((uint64_t)i + 1, S_IFREG, i);

		snprintf(want, sizeof(want), "/d%d/f", i % 100);
		inos[i] = cfs_itab_lookup(t, want, &a, 0, &out);
		CU_ASSERT_FATAL(inos[i] > CFS_ROOT_INO);
	}
	CU_ASSERT_EQUAL(cfs_itab_count(t), N + 1);
	for (int i = 0; i < N; i++) {
		snprintf(want, sizeof(want), "/d%d/f", i % 100);
		CU_ASSERT_EQUAL_FATAL(cfs_itab_get(t, inos[i], path, sizeof(path), &ver, &kept, NULL), 0);
		CU_ASSERT_STRING_EQUAL_FATAL(path, want);
		CU_ASSERT_EQUAL_FATAL(ver, (uint64_t)i + 1);
		CU_ASSERT_EQUAL_FATAL(kept.st_size, i);
	}
	for (int i = 0; i < N; i++)
		cfs_itab_forget(t, inos[i], 1);
	CU_ASSERT_EQUAL(cfs_itab_count(t), 1);
	cfs_itab_free(t);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "root", test_root },
		{ "versions, refresh, forget", test_versions },
		{ "50,000 inodes", test_many },
		{ NULL, NULL },
	};
	return tu_run("vfs inode", tests);
}
