/*
 * vfs/access.c - who may read what through a shared mount (access.h).
 */
#include "access.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

/* The xattr form of a POSIX ACL (linux/posix_acl_xattr.h): a version,
 * then entries of tag, perm and id, little-endian. Read and rewritten
 * here rather than through libacl: the kernel takes exactly this form in
 * the getxattr reply, and libacl's external form (acl_copy_ext) is its
 * own, so a round trip through libacl would still need this encoder. */
#define ACL_XATTR "system.posix_acl_access"
#define ACL_VERSION 2u
#define ACL_HDR 4u
#define ACL_ENT 8u
#define TAG_USER_OBJ 0x01u
#define TAG_GROUP_OBJ 0x04u
#define TAG_OTHER 0x20u
#define PERM_R 4u
#define PERM_X 1u

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A permission's rwx as the mode of that kind shows it (store.c). */
static unsigned shown(unsigned perm, enum cfs_acl_kind kind)
{
	switch (kind) {
	case CFS_ACL_FILE:
		return perm & PERM_R;
	case CFS_ACL_OBJDIR:
		return perm & PERM_R ? PERM_R | PERM_X : 0;
	case CFS_ACL_SRCDIR:
		return perm & (PERM_R | PERM_X);
	}
	return 0;
}

/* see access.h */
long cfs_acl_shown(const char *real, enum cfs_acl_kind kind, void *buf, size_t cap)
{
	ssize_t n = getxattr(real, ACL_XATTR, buf, cap);
	uint8_t *p = buf;

	if (n < 0)
		return errno == ENODATA || errno == ENOTSUP ? 0 : -errno;
	if ((size_t)n < ACL_HDR || ((size_t)n - ACL_HDR) % ACL_ENT || le32(p) != ACL_VERSION)
		return -EIO;
	/* the perm is the entry's second 16 bits; no w, x as the mode */
	for (size_t off = ACL_HDR; off < (size_t)n; off += ACL_ENT) {
		unsigned perm = (unsigned)p[off + 2] | (unsigned)p[off + 3] << 8;

		perm = shown(perm, kind);
		p[off + 2] = (uint8_t)perm;
		p[off + 3] = 0;
	}
	return (long)n;
}

/* see access.h */
size_t cfs_acl_none(void *buf, size_t cap)
{
	static const uint8_t tags[] = { TAG_USER_OBJ, TAG_GROUP_OBJ, TAG_OTHER };
	uint8_t *p = buf;
	size_t n = ACL_HDR + sizeof(tags) * ACL_ENT;

	if (cap < n)
		return 0;
	memset(p, 0, n);
	p[0] = ACL_VERSION;
	for (size_t i = 0; i < sizeof(tags); i++)
		p[ACL_HDR + i * ACL_ENT] = tags[i];
	return n;
}

/* ---- acting as the caller ---- */

/* setfsuid and setfsgid return the old value whatever happens; asking
 * again with -1 (no change) tells whether the change took. */
static bool set_fsuid(uid_t u)
{
	syscall(SYS_setfsuid, u);
	return (uid_t)syscall(SYS_setfsuid, (uid_t)-1) == u;
}

static bool set_fsgid(gid_t g)
{
	syscall(SYS_setfsgid, g);
	return (gid_t)syscall(SYS_setfsgid, (gid_t)-1) == g;
}

/* see access.h */
bool cfs_as_begin(const cfs_who *w, cfs_as *s)
{
	/* getgroups reads the calling thread's credentials */
	s->ngroups = getgroups(CFS_WHO_GROUPS, s->groups);
	s->fsuid = (uid_t)syscall(SYS_setfsuid, (uid_t)-1);
	s->fsgid = (gid_t)syscall(SYS_setfsgid, (gid_t)-1);
	if (s->ngroups < 0 || w->ngroups < 0 || w->ngroups > CFS_WHO_GROUPS)
		return false;
	/* groups and gid first: dropping the uid drops CAP_DAC_* from the
	 * thread's effective set (not CAP_SETGID, which setgroups needs) */
	if (syscall(SYS_setgroups, (size_t)w->ngroups, w->groups) != 0)
		return false;
	if (!set_fsgid(w->gid) || !set_fsuid(w->uid)) {
		cfs_as_end(s);
		return false;
	}
	return true;
}

/* see access.h */
void cfs_as_end(const cfs_as *s)
{
	/* the uid first: back to 0 it raises CAP_DAC_* again */
	syscall(SYS_setfsuid, s->fsuid);
	syscall(SYS_setfsgid, s->fsgid);
	syscall(SYS_setgroups, (size_t)s->ngroups, s->groups);
}

/* see access.h */
bool cfs_as_may_read(int dirfd, const char *rel)
{
	int fd;

	/* The system call itself: where the kernel lacks faccessat2, glibc's
	 * faccessat(AT_EACCESS) checks the mode bits against the effective
	 * ids, not the fs ids this thread took, and knows no ACL. */
#ifdef SYS_faccessat2
	if (syscall(SYS_faccessat2, dirfd, rel, R_OK, AT_EACCESS) == 0)
		return true;
	if (errno != ENOSYS)
		return false;
#endif
	/* an open checks as the fs ids too (bysha leads to regular files
	 * only: opening one has no effect) */
	fd = openat(dirfd, rel, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* ---- comparing readers ---- */

/* see access.h */
int cfs_perm_of(const char *real, cfs_perm *p)
{
	struct stat sb;
	ssize_t n;

	if (stat(real, &sb) != 0)
		return -errno;
	n = getxattr(real, ACL_XATTR, NULL, 0);
	if (n < 0 && errno != ENODATA && errno != ENOTSUP)
		return -errno;
	p->dir = S_ISDIR(sb.st_mode);
	p->acl = n > 0;
	p->mode = sb.st_mode;
	p->uid = sb.st_uid;
	p->gid = sb.st_gid;
	return 0;
}

/* The bit each class needs: owner, group, others. */
static unsigned classes(const cfs_perm *p)
{
	unsigned need = p->dir ? PERM_X : PERM_R;
	unsigned c = 0;

	c |= (p->mode >> 6) & need ? 4u : 0;
	c |= (p->mode >> 3) & need ? 2u : 0;
	c |= p->mode & need ? 1u : 0;
	return c;
}

/* see access.h */
bool cfs_perm_covers(const cfs_perm *o, const cfs_perm *e)
{
	unsigned co = classes(o), ce = classes(e);

	if (!e->acl && ce == 7)
		return true;            /* everyone gets past e */
	if (!o->acl && o->uid == 0 && (co & 3) == 0)
		return true;            /* only root gets past o */
	return !o->acl && !e->acl && o->uid == e->uid && o->gid == e->gid && (co & ~ce) == 0;
}

/* see access.h */
int cfs_perms_of(const char *root, const char *rel, cfs_perm *p, int max)
{
	char real[PATH_MAX];
	int n = 0;

	for (size_t i = 0;; i++) {
		if (rel[i] != '/' && rel[i] != '\0')
			continue;
		if (n == max ||
		    snprintf(real, sizeof(real), "%s/%.*s", root, (int)i, rel) >= (int)sizeof(real) ||
		    cfs_perm_of(real, &p[n]) != 0)
			return -1;
		n++;
		if (!rel[i])
			return n;
	}
}

/* see access.h */
bool cfs_perms_cover(const cfs_perm *o, int no, const cfs_perm *e, int ne)
{
	for (int j = 0; j < ne; j++) {
		bool covered = false;

		for (int i = 0; i < no && !covered; i++)
			covered = cfs_perm_covers(&o[i], &e[j]);
		if (!covered)
			return false;
	}
	return true;
}
