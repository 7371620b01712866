/*
 * vfs/ops.c - certfs's FUSE operations: libfuse's low-level API over the
 * store (store.h) and their table, cfs_ops; main.c mounts and serves them.
 *
 * Each request names an inode (inode.h), whose path goes to the store.
 * The low-level API rather than the path-based one because the kernel
 * keeps attributes and cached pages per inode, and only here can each
 * version of a file be its own inode: fstat() of a file opened before
 * SOURCE changed then describes what it reads, and a version's pages may
 * stay cached (keep_cache) since they never change.
 *
 * The mount is always read-only ("ro": the kernel refuses writes with
 * EROFS before they reach us; the write requests below say EROFS too)
 * and always uses default_permissions, so the kernel enforces the source
 * files' modes that the store reports. Under allow_other it enforces their
 * POSIX ACLs too (FUSE_CAP_POSIX_ACL: cfs_getxattr hands them over), and
 * what only the daemon decides, /.by-sha256's entries, is checked here as
 * the caller (access.h; docs/ABI.md 1.5).
 */
#include "ops.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fuse.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xc/xc.h>

#include "access.h"

/* The kernel's "no inode number known" for readdir entries. */
#define UNKNOWN_INO 0xffffffffu

/* How long the kernel may trust a name and its attributes (watch.h): an
 * inode's tag in the inode table. */
enum {
	TRUST_SHORT,    /* CFS_REVALIDATE: what no watch covers */
	TRUST_SRC,      /* a watched directory of SOURCE: its names change
			 * only with an inotify event */
	TRUST_OBJ,      /* inside an object: a version never changes; its
			 * name in SOURCE's directory is what goes */
};

static double trust(const cfs_fs *fs, unsigned tag)
{
	return tag == TRUST_SHORT || atomic_load(&fs->degraded) ? CFS_REVALIDATE : CFS_TRUST;
}

static cfs_fs *fs_of(fuse_req_t req)
{
	return fuse_req_userdata(req);
}

static void cfs_init(void *ud, struct fuse_conn_info *conn)
{
	cfs_fs *fs = ud;

	fs->no_open = conn->capable & FUSE_CAP_NO_OPEN_SUPPORT;
	/* Other users: the kernel checks them against each source's ACL
	 * too, with their groups and capabilities (cfs_getxattr). Only then:
	 * a mount only its owner reaches costs no GETXATTR round trips. */
	if (fs->shared) {
		if (conn->capable & FUSE_CAP_POSIX_ACL)
			conn->want |= FUSE_CAP_POSIX_ACL;
		else
			fprintf(stderr, "certfs: this kernel cannot enforce POSIX ACLs "
				"(FUSE_POSIX_ACL): under allow_other only the modes are\n");
	}
	/* a link's target is fixed per inode too (its version) */
	if (conn->capable & FUSE_CAP_CACHE_SYMLINKS)
		conn->want |= FUSE_CAP_CACHE_SYMLINKS;
	/* Cached pages and listings belong to one version and never go
	 * stale, so the kernel need not re-check mtimes to drop them (which
	 * would cost a GETATTR per cached directory listing). */
	conn->want &= ~(unsigned)FUSE_CAP_AUTO_INVAL_DATA;
	/* Every readdir a readdirplus (cfs_readdirplus), not only a
	 * listing's first: in a large directory, the first reply holds the
	 * attributes of a few dozen entries only. */
	if (conn->capable & FUSE_CAP_READDIRPLUS)
		conn->want |= FUSE_CAP_READDIRPLUS;
	conn->want &= ~(unsigned)FUSE_CAP_READDIRPLUS_AUTO;
}

/* The path of name in directory parent, into buf[PATH_MAX]; the
 * parent's tag into *ptag. */
static int child_path(cfs_fs *fs, fuse_ino_t parent, const char *name, char *buf,
		      unsigned *ptag)
{
	struct stat a;
	uint64_t ver;
	size_t len, nlen = strlen(name);
	int rc = cfs_itab_get(fs->it, parent, buf, PATH_MAX, &ver, &a, ptag);

	if (rc)
		return rc;
	len = strlen(buf);
	if (len + 1 + nlen >= PATH_MAX)
		return -ENAMETOOLONG;
	if (len > 1)
		buf[len++] = '/';
	memcpy(buf + len, name, nlen + 1);
	return 0;
}

/* Whether the name at mount path is a symbolic link in SOURCE: what it
 * shows changes with its target, which no event of this directory tells. */
static bool source_link(const cfs_fs *fs, const char *path)
{
	char full[PATH_MAX];
	struct stat sb;
	int n = snprintf(full, sizeof(full), "%s%s", fs->src, path);

	return n < 0 || (size_t)n >= sizeof(full) || lstat(full, &sb) != 0 || S_ISLNK(sb.st_mode);
}

/* The trust class of what a lookup in a parent of class ptag found. */
static unsigned classify(cfs_fs *fs, fuse_ino_t parent, unsigned ptag, const char *name,
			 const char *path, const struct stat *sb)
{
	bool plain_dir = S_ISDIR(sb->st_mode) && sb->st_ino == 0;

	if (!fs->w || atomic_load(&fs->degraded))
		return TRUST_SHORT;
	switch (ptag) {
	case TRUST_SRC:
		if ((parent == FUSE_ROOT_ID && strcmp(name, ".by-sha256") == 0) ||
		    source_link(fs, path))
			return TRUST_SHORT;
		if (plain_dir)  /* a directory of SOURCE */
			return cfs_watch_dir(fs->w, path) == 0 ? TRUST_SRC : TRUST_SHORT;
		return TRUST_OBJ;
	case TRUST_OBJ:
		return plain_dir ? TRUST_SHORT : TRUST_OBJ;    /* verify/ follows the store */
	default:
		return TRUST_SHORT;
	}
}

/* watch.h's call back: the kernel forgets name in the directory shown
 * at dir (if it holds that directory at all) and re-reads the
 * directory's attributes. */

static void inval_one(void *ctx, uint64_t ino, const char *path, unsigned tag)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');

	(void)ino;
	(void)tag;
	if (!slash || ino == FUSE_ROOT_ID)
		return;
	snprintf(dir, sizeof(dir), "%.*s", slash == path ? 1 : (int)(slash - path), path);
	cfs_ops_inval(ctx, dir, slash + 1, false);
}

/* see ops.h */
void cfs_ops_inval(void *ctx, const char *dir, const char *name, bool lost)
{
	cfs_fs *fs = ctx;
	uint64_t ino;

	/* events were lost: from now on nothing is trusted for long */
	if (lost)
		atomic_store(&fs->degraded, 1);
	if (!dir) {
		/* every name the kernel may trust now is forgotten, and the
		 * root's attributes (SOURCE may be another directory now) */
		cfs_itab_each(fs->it, inval_one, fs);
		fuse_lowlevel_notify_inval_inode(fs->se, FUSE_ROOT_ID, -1, 0);
		return;
	}
	ino = cfs_itab_find(fs->it, dir, 0, S_IFDIR);
	if (!ino)
		return;
	fuse_lowlevel_notify_inval_entry(fs->se, ino, name, strlen(name));
	fuse_lowlevel_notify_inval_inode(fs->se, ino, -1, 0);
	/* A directory of SOURCE keeps its inode through a chmod or a new
	 * ACL: the kernel drops the ACL it holds for the inode only when
	 * told (or at the attributes' timeout), and a new lookup of the name
	 * does not tell it. */
	if (fs->shared) {
		char child[PATH_MAX];
		int n = snprintf(child, sizeof(child), "%s/%s", strcmp(dir, "/") ? dir : "", name);

		if (n > 0 && (size_t)n < sizeof(child) &&
		    (ino = cfs_itab_find(fs->it, child, 0, S_IFDIR)) != 0)
			fuse_lowlevel_notify_inval_inode(fs->se, ino, -1, 0);
	}
}

/* ---- the caller (docs/ABI.md 1.5, access.h) ---- */

/* Whether path is an entry of /.by-sha256: what the daemon alone shows
 * or hides per caller (the kernel checks the rest of the tree itself). */
static bool in_bysha(const char *path)
{
	return strncmp(path, "/.by-sha256/", 12) == 0;
}

/* Whether the caller sees all: the mount is not shared, or the caller is
 * root or the daemon's own user (who can read the daemon's memory
 * anyway). */
static bool sees_all(const cfs_fs *fs, fuse_req_t req)
{
	const struct fuse_ctx *c = fuse_req_ctx(req);

	return !fs->shared || c->uid == 0 || c->uid == fs->self;
}

/* The caller's identity; false if its groups cannot be had (fewer groups
 * could grant more, so none are assumed). */
static bool who_of(fuse_req_t req, cfs_who *w)
{
	const struct fuse_ctx *c = fuse_req_ctx(req);

	w->uid = c->uid;
	w->gid = c->gid;
	w->ngroups = fuse_req_getgroups(req, CFS_WHO_GROUPS, w->groups);
	return w->ngroups >= 0 && w->ngroups <= CFS_WHO_GROUPS;
}

/* Whether the caller may see the node at path (cfs_store_visible). */
static bool visible(cfs_fs *fs, fuse_req_t req, const char *path)
{
	cfs_who w;

	if (!in_bysha(path) || sees_all(fs, req))
		return true;
	return who_of(req, &w) && cfs_store_visible(fs->st, path, &w);
}

/* The largest file pinned at its lookup (pin_lookup): names, dates,
 * serials, key identifiers, fingerprints; not most `der`, `pem` or
 * `text`, which a walk that only stats them would pin by the megabyte. */
#define PIN_AT_LOOKUP 512
static void pin_lookup(cfs_fs *fs, fuse_ino_t ino, const char *path, uint64_t ver);
static void push_pages(cfs_fs *fs, fuse_ino_t ino);

static void cfs_op_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	cfs_fs *fs = fs_of(req);
	struct fuse_entry_param e;
	char path[PATH_MAX];
	unsigned ptag = TRUST_SHORT, tag;
	struct stat sb;
	int rc = child_path(fs, parent, name, path, &ptag);

	memset(&e, 0, sizeof(e));
	if (rc == 0)
		rc = cfs_store_getattr(fs->st, path, &sb);
	/* A change in SOURCE shows within 1 s: the kernel trusts what we
	 * said, a name or its absence, no longer than the store trusts its
	 * own stat. */
	e.entry_timeout = CFS_REVALIDATE;
	e.attr_timeout = CFS_REVALIDATE;
	if (rc == -ENOENT) {
		fuse_reply_entry(req, &e);      /* ino 0: a cached "no such name" */
		return;
	}
	/* An entry this caller may not see is no such name, and one not
	 * cached either: another user's next look must come here. */
	if (rc == 0 && !visible(fs, req, path))
		rc = -ENOENT;
	if (rc) {
		fuse_reply_err(req, -rc);
		return;
	}
	tag = classify(fs, parent, ptag, name, path, &sb);
	e.entry_timeout = trust(fs, tag);
	e.attr_timeout = e.entry_timeout;
	/* the kernel keeps one dentry for all users: what is shown per user
	 * must be asked for on every walk */
	if (fs->shared && in_bysha(path)) {
		e.entry_timeout = 0;
		e.attr_timeout = 0;
	}
	e.ino = cfs_itab_lookup(fs->it, path, &sb, tag, &e.attr);
	if (!e.ino) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	/* an interrupted request never reached the kernel: no lookup to count */
	if (fuse_reply_entry(req, &e) != 0) {
		cfs_itab_forget(fs->it, e.ino, 1);
		return;
	}
	/* An object's directory was answered from its file's scan: its tree
	 * is built now, while the reader wakes up and walks on to the next
	 * name, instead of before the reply (cfs_store_prepare). A version 0
	 * directory is one of SOURCE's (or verify/), never an object's. */
	if (S_ISDIR(sb.st_mode) && sb.st_ino != 0)
		cfs_store_prepare(fs->st, path);
	/* A small file's bytes are pinned now, while its tree is at hand:
	 * a reader that looks up many files before it reads any (a shell's
	 * glob of every object's subject, then cat) would otherwise find
	 * most trees evicted by then, and each built again for its read. */
	else if (S_ISREG(sb.st_mode) && (size_t)sb.st_size <= PIN_AT_LOOKUP) {
		pin_lookup(fs, e.ino, path, (uint64_t)sb.st_ino);
		push_pages(fs, e.ino);
		return;
	}
	push_pages(fs, 0);
}

static void cfs_forget(fuse_req_t req, fuse_ino_t ino, uint64_t nlookup)
{
	cfs_itab_forget(fs_of(req)->it, ino, nlookup);
	fuse_reply_none(req);
}

static void cfs_forget_multi(fuse_req_t req, size_t count, struct fuse_forget_data *f)
{
	for (size_t i = 0; i < count; i++)
		cfs_itab_forget(fs_of(req)->it, f[i].ino, f[i].nlookup);
	fuse_reply_none(req);
}

static void cfs_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	cfs_fs *fs = fs_of(req);
	char path[PATH_MAX];
	struct stat a, sb;
	uint64_t ver;
	unsigned tag = TRUST_SHORT;
	int rc = cfs_itab_get(fs->it, ino, path, sizeof(path), &ver, &a, &tag);

	if (rc == 0 && !visible(fs, req, path))
		rc = -ENOENT;
	if (rc) {
		fuse_reply_err(req, -rc);
		return;
	}
	/* Fresh attributes if the path still shows this inode's version;
	 * otherwise the inode is an old version, gone or replaced, still
	 * held by an open file or a cwd: it keeps the attributes it had.
	 * The root is whatever "/" shows now (inode.h). */
	if (cfs_store_getattr(fs->st, path, &sb) == 0 && cfs_itab_refresh(fs->it, ino, &sb)) {
		a = sb;
		a.st_ino = (ino_t)ino;
	}
	(void)fi;
	fuse_reply_attr(req, &a, trust(fs, tag));
}

static void cfs_readlink(fuse_req_t req, fuse_ino_t ino)
{
	cfs_fs *fs = fs_of(req);
	char path[PATH_MAX], buf[PATH_MAX + 64];
	struct stat a;
	uint64_t ver;
	int rc = cfs_itab_get(fs->it, ino, path, sizeof(path), &ver, &a, NULL);

	if (rc == 0 && !visible(fs, req, path))
		rc = -ENOENT;
	if (rc == 0)
		rc = cfs_store_readlink(fs->st, path, buf, sizeof(buf));
	/* The kernel caches what readlink says for the inode's life: only
	 * its own target will do. Another one means the path moved on, and
	 * ESTALE has the kernel look it up again (readlink(2) retries). */
	if (rc == 0 && cfs_store_link_version(buf) != ver)
		rc = -ESTALE;
	if (rc)
		fuse_reply_err(req, -rc);
	else
		fuse_reply_readlink(req, buf);
}

/* A reply's bytes: p[len] from off, at most size of them, copied into
 * small[SLICE_SMALL] or, when more, a malloc'd buffer (free it when it is
 * not small); NULL if out of memory. A copy because once a reply is
 * written the kernel may let the directory be closed, or the inode be
 * forgotten, and another thread free the bytes (releasedir, forget) while
 * this one is still in writev(), which AddressSanitizer checks after the
 * call. */
#define SLICE_SMALL 4096
static char *slice_copy(const char *p, size_t len, off_t off, size_t size,
			char small[SLICE_SMALL], size_t *np)
{
	char *buf = small;
	size_t n = 0;

	if (off >= 0 && (uint64_t)off < len) {
		n = len - (size_t)off;
		if (n > size)
			n = size;
	}
	if (n > SLICE_SMALL && !(buf = malloc(n)))
		return NULL;
	if (n)
		memcpy(buf, p + off, n);
	*np = n;
	return buf;
}

/* Replies with a slice_copy() of p. */
static void reply_slice(fuse_req_t req, const char *p, size_t len, off_t off, size_t size)
{
	char small[SLICE_SMALL], *buf;
	size_t n = 0;

	buf = slice_copy(p, len, off, size, small, &n);
	if (!buf) {
		fuse_reply_err(req, ENOMEM);
		return;
	}
	fuse_reply_buf(req, n ? buf : NULL, n);
	if (buf != small)
		free(buf);
}

/* What an inode keeps of its bytes from its first read until the kernel
 * forgets it (a pin, inode.h): a copy. Since files are not opened
 * (cfs_open), this is what makes a descriptor read the same version for
 * as long as it is open, whatever SOURCE and the store's cache do
 * meanwhile: the kernel holds the inode of an open file, and asks for the
 * bytes again only if it dropped its pages. A copy of the file rather
 * than a reference to its snapshot, which may be far bigger (a large
 * CRL's tree) and belongs to the cache's cap. Bounded by the inodes the
 * kernel keeps, whose pages hold the same bytes. */
typedef struct pinned {
	size_t len;
	char b[];
} pinned;

static pinned *pin_new(const cfs_handle *h)
{
	size_t len = cfs_handle_size(h);
	pinned *p = malloc(sizeof(*p) + len);

	if (!p)
		return NULL;
	p->len = len;
	memcpy(p->b, cfs_handle_data(h), len);
	return p;
}

/* Files are not opened: ENOSYS tells the kernel (since Linux 4.19) to
 * stop sending OPEN and RELEASE for good, with each file open as if with
 * keep_cache. That halves the round trips of reading a small file (a
 * lookup when the name is not cached, a read when the pages are not, and
 * nothing else), which is what `grep -r` over a mount costs. Nothing is
 * lost: the bytes of an inode are one version's (its number says which),
 * so there is nothing to check or snapshot at open time; read finds them
 * by the inode alone. The mount is read-only, so the kernel refuses write
 * opens (EROFS) without asking. */
static void cfs_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	(void)ino;
	if (fs_of(req)->no_open) {
		fuse_reply_err(req, ENOSYS);
		return;
	}
	/* a kernel without no-open support: the same, one round trip more */
	fi->fh = 0;
	fi->keep_cache = 1;
	fuse_reply_open(req, fi);
}

/* A read's slice of a pin (cfs_itab_use_pin calls it under the table's
 * lock, while the pin cannot go). */
struct slice_ctx {
	off_t off;
	size_t size;
	char *small, *buf;
	size_t n;
};

static int pin_slice(void *ctx, void *v)
{
	struct slice_ctx *c = ctx;
	const pinned *p = v;

	c->buf = slice_copy(p->b, p->len, c->off, c->size, c->small, &c->n);
	return c->buf ? 0 : -ENOMEM;
}

/* Pins the bytes of version ver of path to ino: what its path shows if
 * that is still this version, else a snapshot of it that just left the
 * store's cache (the file changed since the kernel looked it up; the last
 * RETIRED_MAX are kept). Else ESTALE: a file looked up, then changed or
 * gone, and 64 other versions after it, before anything read it. *hp: the
 * bytes, for the caller to read and release. */
static int pin_version(cfs_fs *fs, fuse_ino_t ino, const char *path, uint64_t ver,
		       cfs_handle **hp)
{
	pinned *p;
	int rc = cfs_store_open_version(fs->st, path, ver, hp);

	/* gone, or a regular file's inode whose path is now a directory or
	 * a link (another inode now) */
	if (rc == -ENOENT || rc == -ENOTDIR || rc == -EISDIR || rc == -ELOOP)
		rc = -ESTALE;
	if (rc)
		return rc;
	p = pin_new(*hp);
	if (p && !cfs_itab_pin(fs->it, ino, p))
		free(p);        /* another one was first */
	return 0;
}

/* Pins ino's bytes at its lookup; a failure leaves it to the first read. */
static int has_pin(void *ctx, void *pin)
{
	(void)ctx, (void)pin;
	return 0;
}

static void pin_lookup(cfs_fs *fs, fuse_ino_t ino, const char *path, uint64_t ver)
{
	cfs_handle *h;

	if (cfs_itab_use_pin(fs->it, ino, has_pin, NULL) == 0)
		return;         /* looked up before */
	if (pin_version(fs, ino, path, ver, &h) == 0)
		cfs_store_release(fs->st, h);
}

struct pin_bytes {
	size_t len;
	char b[PIN_AT_LOOKUP];
};

static int pin_copy(void *ctx, void *pin)
{
	struct pin_bytes *c = ctx;
	const pinned *p = pin;

	if (p->len > sizeof(c->b))
		return -E2BIG;
	memcpy(c->b, p->b, p->len);
	c->len = p->len;
	return 0;
}

/* Hands the bytes pinned at ino's lookup to the kernel's page cache
 * (FUSE_NOTIFY_STORE), so that reading the file costs no round trip:
 * with the lookup's, a walk of small files (every object's subject)
 * makes one request per file instead of two. Safe whatever happened
 * since: ino's bytes are one version's (its pin), and a kernel without
 * that inode (not made yet, or forgotten) answers ENOENT and stores
 * nothing. Returns that answer. */
static int push_one(cfs_fs *fs, fuse_ino_t ino)
{
	struct pin_bytes c;
	struct fuse_bufvec bv = FUSE_BUFVEC_INIT(0);

	if (cfs_itab_use_pin(fs->it, ino, pin_copy, &c) != 0 || c.len == 0)
		return 0;
	bv.buf[0].mem = c.b;
	bv.buf[0].size = c.len;
	return fuse_lowlevel_notify_store(fs->se, ino, 0, &bv, 0);
}

/* The kernel makes an inode only once the lookup's reply has reached the
 * reader, so a file's bytes are pushed not at its own lookup but at the
 * ones after it (cfs_op_lookup): by then a reader that looks names up one
 * after the other, as a shell's glob does, has the inode. A lookup pushes
 * what earlier ones left in fs->push, then leaves its own ino there (ino
 * 0: none). A slot holds an ino and, in its top two bits, how many times
 * the kernel did not have the inode yet: the third time it is dropped, as
 * is an ino that finds every slot taken (its file is then read as before). */
#define PUSH_TRIES_SHIFT 62
static void push_pages(cfs_fs *fs, fuse_ino_t ino)
{
	for (unsigned i = 0; i < CFS_PUSH_SLOTS; i++) {
		uint64_t v = atomic_exchange(&fs->push[i], 0), tries = v >> PUSH_TRIES_SHIFT;
		uint64_t pending = v & ((1ull << PUSH_TRIES_SHIFT) - 1), zero = 0;

		if (pending && push_one(fs, pending) == -ENOENT && tries < 2)
			atomic_compare_exchange_strong(&fs->push[i], &zero,
						       pending | (tries + 1) << PUSH_TRIES_SHIFT);
	}
	for (unsigned i = 0; ino && i < CFS_PUSH_SLOTS; i++) {
		uint64_t zero = 0;

		if (atomic_compare_exchange_strong(&fs->push[i], &zero, (uint64_t)ino))
			break;
	}
}

/* The first read of ino (one not pinned at its lookup): the bytes of its
 * version, which the inode then keeps (pin_version). */
static int first_read(cfs_fs *fs, fuse_ino_t ino, struct slice_ctx *c)
{
	char path[PATH_MAX];
	struct stat a;
	cfs_handle *h;
	uint64_t ver;
	int rc = cfs_itab_get(fs->it, ino, path, sizeof(path), &ver, &a, NULL);

	if (rc == 0)
		rc = pin_version(fs, ino, path, ver, &h);
	if (rc)
		return rc;
	c->buf = slice_copy((const char *)cfs_handle_data(h), cfs_handle_size(h), c->off,
			    c->size, c->small, &c->n);
	cfs_store_release(fs->st, h);
	return c->buf ? 0 : -ENOMEM;
}

static void cfs_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		     struct fuse_file_info *fi)
{
	cfs_fs *fs = fs_of(req);
	char small[SLICE_SMALL];
	struct slice_ctx c = { off, size, small, NULL, 0 };
	int rc;

	(void)fi;
	if (off < 0) {
		fuse_reply_err(req, EINVAL);
		return;
	}
	rc = cfs_itab_use_pin(fs->it, ino, pin_slice, &c);
	if (rc == -ENOENT)
		rc = first_read(fs, ino, &c);
	if (rc) {
		fuse_reply_err(req, -rc);
		return;
	}
	fuse_reply_buf(req, c.n ? c.buf : NULL, c.n);
	if (c.buf != small)
		free(c.buf);
}

/* A directory's listing, made at opendir and served in slices: readdir
 * offsets are byte offsets into it, so a listing read in several requests
 * is one consistent snapshot. */
typedef struct dirbuf {
	fuse_req_t req;
	char *p;
	size_t len, cap;
	size_t *ends;           /* each entry's end: the offsets readdir takes */
	size_t n, capn;
	int err;
	/* For readdirplus (cfs_readdirplus): the directory's path, and
	 * whether each entry is one whose attributes it may give (NULL:
	 * none is). */
	char *path;
	bool want_plus;         /* while listing: a watched directory of SOURCE */
	uint8_t *plus;
} dirbuf;

/* /.by-sha256 listed for a caller who does not see all (sees_all). */
struct sha_filter {
	dirbuf *d;
	cfs_fs *fs;
	cfs_who w;
};

static int dir_add(void *ctx, const char *name, const struct stat *sb);

/* Adds an entry of /.by-sha256 only if the caller may see it. */
static int sha_add(void *ctx, const char *name, const struct stat *sb)
{
	struct sha_filter *f = ctx;
	char path[sizeof("/.by-sha256/") + NAME_MAX];

	snprintf(path, sizeof(path), "/.by-sha256/%s", name);
	if (!cfs_store_visible(f->fs->st, path, &f->w))
		return 0;
	return dir_add(f->d, name, sb);
}

static void dirbuf_free(dirbuf *d)
{
	if (d) {
		free(d->p);
		free(d->ends);
		free(d->path);
		free(d->plus);
		free(d);
	}
}

static int dir_add(void *ctx, const char *name, const struct stat *sb)
{
	dirbuf *d = ctx;
	struct stat e;
	size_t n = fuse_add_direntry(d->req, NULL, 0, name, NULL, 0);

	if (d->len + n > d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 4096;
		char *p;

		while (cap < d->len + n)
			cap *= 2;
		p = realloc(d->p, cap);
		if (!p) {
			d->err = ENOMEM;
			return 1;
		}
		d->p = p;
		d->cap = cap;
	}
	if (d->n == d->capn) {
		size_t capn = d->capn ? d->capn * 2 : 64;
		size_t *ends = realloc(d->ends, capn * sizeof(*ends));
		uint8_t *plus = d->plus ? realloc(d->plus, capn) : NULL;

		if (ends)
			d->ends = ends;
		if (plus)
			d->plus = plus;
		if (!ends || (d->plus && !plus)) {
			d->err = ENOMEM;
			return 1;
		}
		if (d->plus)
			memset(d->plus + d->capn, 0, capn - d->capn);
		d->capn = capn;
	}
	/* An object's directory the store knows the attributes of: a
	 * readdirplus may give them, sparing the kernel a lookup of each. */
	if (d->want_plus && sb && sb->st_ino != 0 && S_ISDIR(sb->st_mode)) {
		if (!d->plus && !(d->plus = calloc(d->capn, 1)))
			d->want_plus = false;   /* only slower */
		else
			d->plus[d->n] = 1;
	}
	memset(&e, 0, sizeof(e));
	e.st_ino = UNKNOWN_INO;
	e.st_mode = sb ? sb->st_mode & S_IFMT : S_IFDIR;
	fuse_add_direntry(d->req, d->p + d->len, n, name, &e, (off_t)(d->len + n));
	d->len += n;
	d->ends[d->n++] = d->len;
	return 0;
}

/* Whether off is where an entry starts (0 or one's end): a directory
 * offset from lseek() could be anything. *idx: that entry's index. */
static bool at_entry(const dirbuf *d, size_t off, size_t *idx)
{
	size_t lo = 0, hi = d->n;

	*idx = 0;
	if (off == 0)
		return true;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->ends[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	*idx = lo + 1;
	return lo < d->n && d->ends[lo] == off;
}

static void cfs_opendir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	cfs_fs *fs = fs_of(req);
	dirbuf *d = calloc(1, sizeof(*d));
	char path[PATH_MAX];
	struct stat a;
	uint64_t ver;
	unsigned tag = TRUST_SHORT;
	int rc = d ? cfs_itab_get(fs->it, ino, path, sizeof(path), &ver, &a, &tag) : -ENOMEM;
	struct stat before, after;

	if (rc == 0)
		rc = cfs_store_getattr(fs->st, path, &before);
	/* The root has one inode whatever "/" shows (a single-file SOURCE
	 * makes it an object's directory): never stale, never cached. */
	if (ino == FUSE_ROOT_ID)
		ver = 0;
	/* an old version of an object's directory: its entries are gone */
	if (rc == 0 && ver != 0 && (uint64_t)before.st_ino != ver)
		rc = -ESTALE;
	/* A directory of SOURCE whose names the kernel may trust: its
	 * objects' directories would be trusted as long (classify). */
	if (rc == 0 && tag == TRUST_SRC && ver == 0 && !atomic_load(&fs->degraded) &&
	    strcmp(path, "/.by-sha256") != 0) {
		d->path = strdup(path);
		d->want_plus = d->path != NULL;
	}
	if (rc == 0) {
		d->req = req;
		dir_add(d, ".", NULL);
		dir_add(d, "..", NULL);
		if (strcmp(path, "/.by-sha256") == 0 && !sees_all(fs, req)) {
			struct sha_filter f = { d, fs, { 0 } };

			rc = who_of(req, &f.w) ? cfs_store_readdir(fs->st, path, sha_add, &f)
					       : -EACCES;
		} else {
			rc = cfs_store_readdir(fs->st, path, dir_add, d);
		}
		if (rc == 0 && d->err)
			rc = -d->err;
	}
	/* A versioned directory (an object's) lists the same entries for as
	 * long as its inode lives: the kernel may keep the listing. SOURCE's
	 * own directories (version 0) are listed afresh on every opendir.
	 * The version is checked on both sides of the listing, so a change
	 * in between never leaves a newer listing cached under this inode. */
	if (rc == 0 && ver != 0 && cfs_store_getattr(fs->st, path, &after) == 0 &&
	    (uint64_t)after.st_ino == ver) {
		fi->cache_readdir = 1;
		fi->keep_cache = 1;
	}
	if (rc) {
		dirbuf_free(d);
		fuse_reply_err(req, -rc);
		return;
	}
	d->req = NULL;
	fi->fh = (uint64_t)(uintptr_t)d;
	if (fuse_reply_open(req, fi) != 0)
		dirbuf_free(d);
}

static void cfs_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
			struct fuse_file_info *fi)
{
	const dirbuf *d = (const dirbuf *)(uintptr_t)fi->fh;
	size_t idx;

	(void)ino;
	if (off < 0 || ((size_t)off < d->len && !at_entry(d, (size_t)off, &idx))) {
		fuse_reply_err(req, EINVAL);
		return;
	}
	/* a slice may end inside an entry: the kernel takes the whole
	 * ones and asks again from the next entry's offset */
	reply_slice(req, d->p, d->len, off, size);
}

/* The attributes of entry i of d for a readdirplus, as a lookup would
 * give them, into *e; false for an entry that gets none (the kernel
 * looks it up when it wants it). Asked of the store again, not taken
 * from the listing: what the kernel is told to trust is what the store
 * shows now, as for a lookup (the watch's second call clears what raced
 * a change, watch.h). */
static bool plus_entry(cfs_fs *fs, const dirbuf *d, size_t i, const char *name,
		       struct fuse_entry_param *e)
{
	char path[PATH_MAX];
	struct stat sb;
	int n;

	if (!d->plus || !d->plus[i] || atomic_load(&fs->degraded))
		return false;
	n = snprintf(path, sizeof(path), "%s/%s", strcmp(d->path, "/") ? d->path : "", name);
	if (n < 0 || (size_t)n >= sizeof(path) || cfs_store_getattr(fs->st, path, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode) || sb.st_ino == 0)
		return false;
	/* classify()'s answer for an object's directory in a watched one */
	e->entry_timeout = trust(fs, TRUST_OBJ);
	e->attr_timeout = e->entry_timeout;
	e->ino = cfs_itab_lookup(fs->it, path, &sb, TRUST_OBJ, &e->attr);
	return e->ino != 0;
}

/* readdir, with the attributes of the objects' directories of a
 * directory of SOURCE (the store knows them from the listing, for the
 * files it read whole): a walk into each of them (`MOUNT/STAR/subject`)
 * then costs no lookup of the directory, a third of its round trips.
 * Every other entry gets none, as readdir gives: the kernel looks it up
 * if it wants it. Each entry with attributes counts as a lookup, so one
 * that does not fit in the reply is not made, and those of a reply the
 * kernel never got are undone. d_ino stays "unknown" (docs/ABI.md),
 * whatever the attributes say. */
static void cfs_readdirplus(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
			    struct fuse_file_info *fi)
{
	cfs_fs *fs = fs_of(req);
	const dirbuf *d = (const dirbuf *)(uintptr_t)fi->fh;
	char *buf;
	uint64_t *inos;
	size_t idx, pos = 0, ninos = 0;

	(void)ino;
	if (off < 0 || ((size_t)off < d->len && !at_entry(d, (size_t)off, &idx))) {
		fuse_reply_err(req, EINVAL);
		return;
	}
	if ((size_t)off >= d->len) {
		fuse_reply_buf(req, NULL, 0);
		return;
	}
	buf = malloc(size ? size : 1);
	inos = malloc((size / FUSE_NAME_OFFSET_DIRENTPLUS + 1) * sizeof(*inos));
	if (!buf || !inos) {
		free(buf);
		free(inos);
		fuse_reply_err(req, ENOMEM);
		return;
	}
	for (; idx < d->n; idx++) {
		const struct fuse_dirent *de =
			(const void *)(d->p + (idx ? d->ends[idx - 1] : 0));
		struct fuse_entry_param e;
		char name[NAME_MAX + 1];
		size_t need;

		snprintf(name, sizeof(name), "%.*s", (int)de->namelen, de->name);
		need = fuse_add_direntry_plus(req, NULL, 0, name, NULL, 0);
		if (pos + need > size)
			break;
		memset(&e, 0, sizeof(e));
		if (plus_entry(fs, d, idx, name, &e))
			inos[ninos++] = e.ino;
		else
			e.attr.st_mode = (mode_t)de->type << 12;
		fuse_add_direntry_plus(req, buf + pos, size - pos, name, &e, (off_t)d->ends[idx]);
		((struct fuse_direntplus *)(void *)(buf + pos))->dirent.ino = UNKNOWN_INO;
		pos += need;
	}
	if (fuse_reply_buf(req, buf, pos) != 0)
		for (size_t i = 0; i < ninos; i++)
			cfs_itab_forget(fs->it, inos[i], 1);
	free(buf);
	free(inos);
}

static void cfs_releasedir(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	dirbuf *d = (dirbuf *)(uintptr_t)fi->fh;

	(void)ino;
	dirbuf_free(d);
	fuse_reply_err(req, 0);
}

/* The one attribute shown: a node's ACL, its source's (cfs_store_acl),
 * which the kernel asks for to check other users under allow_other
 * (cfs_init). A mount only its owner reaches has none (ENOSYS: the
 * kernel stops asking). */
static void cfs_getxattr(fuse_req_t req, fuse_ino_t ino, const char *name, size_t size)
{
	cfs_fs *fs = fs_of(req);
	char path[PATH_MAX], buf[4096];
	struct stat a;
	uint64_t ver;
	long n = -ENODATA;
	int rc;

	if (!fs->shared) {
		fuse_reply_err(req, ENOSYS);
		return;
	}
	if (strcmp(name, "system.posix_acl_access") == 0) {
		rc = cfs_itab_get(fs->it, ino, path, sizeof(path), &ver, &a, NULL);
		/* the root has one inode whatever "/" shows (inode.h) */
		n = rc ? rc : cfs_store_acl(fs->st, path, ino == FUSE_ROOT_ID ? 0 : ver, buf,
					    sizeof(buf));
		if (n == 0)
			n = -ENODATA;
	}
	if (n < 0)
		fuse_reply_err(req, (int)-n);
	else if (size == 0)
		fuse_reply_xattr(req, (size_t)n);
	else if ((size_t)n > size)
		fuse_reply_err(req, ERANGE);
	else
		fuse_reply_buf(req, buf, (size_t)n);
}

static void cfs_statfs(fuse_req_t req, fuse_ino_t ino)
{
	struct statvfs sv;

	(void)ino;
	memset(&sv, 0, sizeof(sv));
	sv.f_bsize = 4096;
	sv.f_frsize = 4096;
	sv.f_namemax = 255;
	sv.f_flag = ST_RDONLY;
	fuse_reply_statfs(req, &sv);
}

/* Every request that would change anything: a read-only filesystem. */
static void rofs(fuse_req_t req)
{
	fuse_reply_err(req, EROFS);
}

static void rofs_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int to_set,
			 struct fuse_file_info *fi)
{
	(void)ino, (void)attr, (void)to_set, (void)fi;
	rofs(req);
}

static void rofs_mknod(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
		       dev_t rdev)
{
	(void)parent, (void)name, (void)mode, (void)rdev;
	rofs(req);
}

static void rofs_mkdir(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode)
{
	(void)parent, (void)name, (void)mode;
	rofs(req);
}

static void rofs_unlink(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	(void)parent, (void)name;
	rofs(req);
}

static void rofs_symlink(fuse_req_t req, const char *link, fuse_ino_t parent, const char *name)
{
	(void)link, (void)parent, (void)name;
	rofs(req);
}

static void rofs_rename(fuse_req_t req, fuse_ino_t parent, const char *name,
			fuse_ino_t newparent, const char *newname, unsigned int flags)
{
	(void)parent, (void)name, (void)newparent, (void)newname, (void)flags;
	rofs(req);
}

static void rofs_link(fuse_req_t req, fuse_ino_t ino, fuse_ino_t newparent, const char *newname)
{
	(void)ino, (void)newparent, (void)newname;
	rofs(req);
}

static void rofs_write(fuse_req_t req, fuse_ino_t ino, const char *buf, size_t size,
		       off_t off, struct fuse_file_info *fi)
{
	(void)ino, (void)buf, (void)size, (void)off, (void)fi;
	rofs(req);
}

static void rofs_create(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode,
			struct fuse_file_info *fi)
{
	(void)parent, (void)name, (void)mode, (void)fi;
	rofs(req);
}

static void rofs_setxattr(fuse_req_t req, fuse_ino_t ino, const char *name, const char *value,
			  size_t size, int flags)
{
	(void)ino, (void)name, (void)value, (void)size, (void)flags;
	rofs(req);
}

static void rofs_removexattr(fuse_req_t req, fuse_ino_t ino, const char *name)
{
	(void)ino, (void)name;
	rofs(req);
}

static void rofs_fallocate(fuse_req_t req, fuse_ino_t ino, int mode, off_t off, off_t len,
			   struct fuse_file_info *fi)
{
	(void)ino, (void)mode, (void)off, (void)len, (void)fi;
	rofs(req);
}

/* see ops.h */
const struct fuse_lowlevel_ops cfs_ops = {
	.init = cfs_init,
	.lookup = cfs_op_lookup,
	.forget = cfs_forget,
	.forget_multi = cfs_forget_multi,
	.getattr = cfs_getattr,
	.readlink = cfs_readlink,
	.open = cfs_open,
	.read = cfs_read,
	.opendir = cfs_opendir,
	.readdir = cfs_readdir,
	.readdirplus = cfs_readdirplus,
	.releasedir = cfs_releasedir,
	.statfs = cfs_statfs,
	.getxattr = cfs_getxattr,
	.setattr = rofs_setattr,
	.mknod = rofs_mknod,
	.mkdir = rofs_mkdir,
	.unlink = rofs_unlink,
	.rmdir = rofs_unlink,
	.symlink = rofs_symlink,
	.rename = rofs_rename,
	.link = rofs_link,
	.write = rofs_write,
	.create = rofs_create,
	.setxattr = rofs_setxattr,
	.removexattr = rofs_removexattr,
	.fallocate = rofs_fallocate,
};

/* see ops.h */
void cfs_ops_watch_ready(void *ctx, bool ok)
{
	cfs_fs *fs = ctx;

	cfs_itab_tag_root(fs->it, ok ? TRUST_SRC : TRUST_SHORT);
}
