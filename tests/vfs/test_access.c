/*
 * test_access.c - vfs/access.c: the comparison of readers (a table of
 * cases), the ACL a node shows (an ACL written as the kernel stores it,
 * read back changed per kind), the deny-all ACL, and acting as another
 * user on this thread (as root only).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "access.h"
#include "testutil.h"

#define F(mode, uid, gid) { false, false, S_IFREG | (mode), (uid), (gid) }
#define D(mode, uid, gid) { true, false, S_IFDIR | (mode), (uid), (gid) }

static const struct covers_case {
	const char *what;
	cfs_perm o, e;
	bool want;
} covers_cases[] = {
	{ "e lets everyone by", F(0600, 1, 1), F(0444, 2, 2), true },
	{ "a directory lets everyone by with x", F(0600, 1, 1), D(0711, 2, 2), true },
	{ "a directory without x for others", F(0644, 1, 1), D(0744, 1, 1), false },
	{ "o only root's", D(0700, 0, 0), F(0600, 5, 5), true },
	{ "o root's but group may pass", D(0750, 0, 0), F(0600, 0, 0), false },
	{ "o another's 0700", D(0700, 7, 7), F(0600, 7, 8), false },
	{ "same owner and group, e's bits a superset", F(0640, 3, 4), F(0644, 3, 4), true },
	{ "same owner and group, e's bits fewer", F(0644, 3, 4), F(0640, 3, 4), false },
	{ "another group", F(0640, 3, 4), F(0640, 3, 5), false },
	{ "o's owner bit only, e's group and others", F(0400, 3, 4), F(0044, 3, 4), false },
	{ "0700 dir over 0600 file, same owner", D(0700, 3, 3), F(0600, 3, 3), true },
	{ "a public file over a 0700 dir", F(0644, 0, 0), D(0700, 0, 0), false },
};

static void test_covers(void)
{
	for (size_t i = 0; i < sizeof(covers_cases) / sizeof(covers_cases[0]); i++) {
		const struct covers_case *c = &covers_cases[i];
		bool got = cfs_perm_covers(&c->o, &c->e);

		if (got != c->want)
			fprintf(stderr, "covers: %s: got %d\n", c->what, got);
		CU_ASSERT_EQUAL(got, c->want);
	}
}

static void test_covers_acl(void)
{
	cfs_perm pub = F(0644, 1, 1), root_only = D(0700, 0, 0), mine = F(0640, 3, 4);
	cfs_perm pub_acl = pub, root_acl = root_only, mine_acl = mine;

	pub_acl.acl = root_acl.acl = mine_acl.acl = true;
	/* an ACL may deny whom the bits let by, or let by whom they deny */
	CU_ASSERT_FALSE(cfs_perm_covers(&mine, &pub_acl));
	CU_ASSERT_FALSE(cfs_perm_covers(&root_acl, &mine));
	CU_ASSERT_FALSE(cfs_perm_covers(&mine_acl, &mine));
	CU_ASSERT_FALSE(cfs_perm_covers(&mine, &mine_acl));
	CU_ASSERT_TRUE(cfs_perm_covers(&mine_acl, &pub));
	CU_ASSERT_TRUE(cfs_perm_covers(&root_only, &mine_acl));
}

/* An ACL as the kernel stores it: user::rw-, user:65534:r-x,
 * group::r--, mask::rwx, other::-wx. */
static const uint8_t acl_in[] = {
	2, 0, 0, 0,
	0x01, 0, 6, 0, 0xff, 0xff, 0xff, 0xff,
	0x02, 0, 5, 0, 0xfe, 0xff, 0, 0,
	0x04, 0, 4, 0, 0xff, 0xff, 0xff, 0xff,
	0x10, 0, 7, 0, 0xff, 0xff, 0xff, 0xff,
	0x20, 0, 3, 0, 0xff, 0xff, 0xff, 0xff,
};

/* The perms of acl_in's five entries as each kind shows them. */
static const struct {
	enum cfs_acl_kind kind;
	uint8_t perm[5];
} acl_want[] = {
	{ CFS_ACL_FILE, { 4, 4, 4, 4, 0 } },
	{ CFS_ACL_OBJDIR, { 5, 5, 5, 5, 0 } },
	{ CFS_ACL_SRCDIR, { 4, 5, 4, 5, 1 } },
};

static void test_acl_shown(void)
{
	char path[] = "/tmp/certfs-test-acl-XXXXXX";
	uint8_t buf[256];
	int fd = mkstemp(path);
	long n;

	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	CU_ASSERT_EQUAL(cfs_acl_shown(path, CFS_ACL_FILE, buf, sizeof(buf)), 0);
	if (setxattr(path, "system.posix_acl_access", acl_in, sizeof(acl_in), 0) != 0) {
		fprintf(stderr, "acl: setxattr: %s: the ACL cases not run\n", strerror(errno));
		unlink(path);
		return;
	}
	for (size_t k = 0; k < sizeof(acl_want) / sizeof(acl_want[0]); k++) {
		n = cfs_acl_shown(path, acl_want[k].kind, buf, sizeof(buf));
		CU_ASSERT_EQUAL_FATAL(n, (long)sizeof(acl_in));
		for (size_t i = 0; i < 5; i++) {
			const uint8_t *e = buf + 4 + 8 * i, *w = acl_in + 4 + 8 * i;

			CU_ASSERT_EQUAL(e[0], w[0]);    /* tag and id unchanged */
			CU_ASSERT_EQUAL(memcmp(e + 4, w + 4, 4), 0);
			CU_ASSERT_EQUAL(e[2], acl_want[k].perm[i]);
			CU_ASSERT_EQUAL(e[3], 0);
		}
	}
	CU_ASSERT_EQUAL(cfs_acl_shown(path, CFS_ACL_FILE, buf, 8), -ERANGE);
	unlink(path);
}

static void test_acl_none(void)
{
	static const uint8_t want[] = {
		2, 0, 0, 0,
		0x01, 0, 0, 0, 0, 0, 0, 0,
		0x04, 0, 0, 0, 0, 0, 0, 0,
		0x20, 0, 0, 0, 0, 0, 0, 0,
	};
	uint8_t buf[64];

	CU_ASSERT_EQUAL(cfs_acl_none(buf, sizeof(buf)), sizeof(want));
	CU_ASSERT_EQUAL(memcmp(buf, want, sizeof(want)), 0);
	CU_ASSERT_EQUAL(cfs_acl_none(buf, 8), 0);
}

/* As the store asks (cfs_as_may_read), from the root directory. */
static bool may(const char *path)
{
	return cfs_as_may_read(AT_FDCWD, path);
}

static void test_as(void)
{
	char path[] = "/tmp/certfs-test-as-XXXXXX";
	cfs_who nobody = { 65534, 65534, 0, { 0 } };
	cfs_as as;
	int fd;

	if (geteuid() != 0) {
		fprintf(stderr, "as: not root, not run\n");
		return;
	}
	fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	fchmod(fd, 0600);
	close(fd);
	CU_ASSERT_TRUE_FATAL(cfs_as_begin(&nobody, &as));
	CU_ASSERT_FALSE(may(path));
	cfs_as_end(&as);
	CU_ASSERT_TRUE(may(path));
	chmod(path, 0604);
	CU_ASSERT_TRUE_FATAL(cfs_as_begin(&nobody, &as));
	CU_ASSERT_TRUE(may(path));
	cfs_as_end(&as);
	/* in the group, whose bits deny: the group class decides */
	nobody.ngroups = 1;
	nobody.groups[0] = 0;
	CU_ASSERT_TRUE_FATAL(cfs_as_begin(&nobody, &as));
	CU_ASSERT_FALSE(may(path));
	cfs_as_end(&as);
	unlink(path);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "covers: table", test_covers },
		{ "covers: ACLs", test_covers_acl },
		{ "ACL shown per kind", test_acl_shown },
		{ "deny-all ACL", test_acl_none },
		{ "acting as another user", test_as },
		{ NULL, NULL },
	};
	return tu_run("vfs access", tests);
}
