/*
 * vfs/main.c - certfs, the daemon: the command line and the FUSE glue.
 *
 *   certfs [options] SOURCE MOUNTPOINT
 *
 * Everything the filesystem knows is in store.c; this file checks the
 * command line before anything is mounted (so a mistake is a clear
 * message and a non-zero exit, never a half-made mount), then hands libfuse
 * one table of path-based operations, each a line or two. The mount is
 * always read-only ("ro": the kernel refuses writes with EROFS before they
 * reach us; the write operations below say EROFS too) and always uses
 * default_permissions, so the kernel enforces the source files' modes that
 * the store reports, even under allow_other.
 */
#define FUSE_USE_VERSION 312

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fuse.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xc/xc.h>

#include "store.h"

#ifndef CERTFS_VERSION
#define CERTFS_VERSION XC_VERSION
#endif

static cfs_store *store(void)
{
	return fuse_get_context()->private_data;
}

static void *cfs_init(struct fuse_conn_info *conn, struct fuse_config *cfg)
{
	(void)conn;
	/* A change in SOURCE shows within 1 s: the kernel trusts what we
	 * said for no longer than the store trusts its own stat. */
	cfg->entry_timeout = CFS_REVALIDATE;
	cfg->attr_timeout = CFS_REVALIDATE;
	cfg->negative_timeout = CFS_REVALIDATE;
	cfg->kernel_cache = 0;
	return fuse_get_context()->private_data;
}

static int cfs_getattr(const char *path, struct stat *sb, struct fuse_file_info *fi)
{
	int rc = cfs_store_getattr(store(), path, sb);

	/* fstat() of an open file describes the version that was opened,
	 * not what the path holds now: a tool reading st_size bytes must
	 * get exactly those, even while SOURCE changes. */
	if (fi && fi->fh) {
		const cfs_handle *h = (const cfs_handle *)(uintptr_t)fi->fh;

		if (rc != 0) {
			memset(sb, 0, sizeof(*sb));
			sb->st_mode = S_IFREG | 0444;
			sb->st_nlink = 1;
			rc = 0;
		}
		sb->st_size = (off_t)cfs_handle_size(h);
	}
	return rc;
}

static int cfs_readlink(const char *path, char *buf, size_t size)
{
	return cfs_store_readlink(store(), path, buf, size);
}

static int cfs_open(const char *path, struct fuse_file_info *fi)
{
	cfs_handle *h;
	int rc;

	if ((fi->flags & O_ACCMODE) != O_RDONLY || (fi->flags & (O_TRUNC | O_CREAT)))
		return -EROFS;
	rc = cfs_store_open_file(store(), path, &h);
	if (rc)
		return rc;
	fi->fh = (uint64_t)(uintptr_t)h;
	/* Reads come to the handle's snapshot, not the page cache: the cache
	 * is per path, so a reader that opened before a change would
	 * otherwise see the bytes a later reader brought in. */
	fi->direct_io = 1;
	return 0;
}

static int cfs_read(const char *path, char *buf, size_t size, off_t off,
		    struct fuse_file_info *fi)
{
	(void)path;
	if (off < 0)
		return -EINVAL;
	return (int)cfs_store_read((cfs_handle *)(uintptr_t)fi->fh, buf, size, (uint64_t)off);
}

static int cfs_release(const char *path, struct fuse_file_info *fi)
{
	(void)path;
	cfs_store_release(store(), (cfs_handle *)(uintptr_t)fi->fh);
	return 0;
}

struct fill_ctx {
	void *buf;
	fuse_fill_dir_t filler;
};

static int fill_one(void *ctx, const char *name, const struct stat *sb)
{
	struct fill_ctx *f = ctx;

	return f->filler(f->buf, name, sb, 0, 0);
}

static int cfs_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t off,
		       struct fuse_file_info *fi, enum fuse_readdir_flags flags)
{
	struct fill_ctx f = { buf, filler };

	(void)off;
	(void)fi;
	(void)flags;
	filler(buf, ".", NULL, 0, 0);
	filler(buf, "..", NULL, 0, 0);
	return cfs_store_readdir(store(), path, fill_one, &f);
}

static int cfs_statfs(const char *path, struct statvfs *sv)
{
	(void)path;
	memset(sv, 0, sizeof(*sv));
	sv->f_bsize = 4096;
	sv->f_frsize = 4096;
	sv->f_namemax = 255;
	sv->f_flag = ST_RDONLY;
	return 0;
}

/* Every operation that would change anything: a read-only filesystem. */
static int rofs_mode(const char *path, mode_t mode)
{
	(void)path;
	(void)mode;
	return -EROFS;
}

static int rofs_mknod(const char *path, mode_t mode, dev_t dev)
{
	(void)dev;
	return rofs_mode(path, mode);
}

static int rofs_path(const char *path)
{
	(void)path;
	return -EROFS;
}

static int rofs_2paths(const char *from, const char *to)
{
	(void)from;
	(void)to;
	return -EROFS;
}

static int rofs_rename(const char *from, const char *to, unsigned int flags)
{
	(void)flags;
	return rofs_2paths(from, to);
}

static int rofs_chmod(const char *path, mode_t mode, struct fuse_file_info *fi)
{
	(void)fi;
	return rofs_mode(path, mode);
}

static int rofs_chown(const char *path, uid_t uid, gid_t gid, struct fuse_file_info *fi)
{
	(void)uid;
	(void)gid;
	(void)fi;
	return rofs_path(path);
}

static int rofs_truncate(const char *path, off_t size, struct fuse_file_info *fi)
{
	(void)size;
	(void)fi;
	return rofs_path(path);
}

static int rofs_write(const char *path, const char *buf, size_t size, off_t off,
		      struct fuse_file_info *fi)
{
	(void)buf;
	(void)size;
	(void)off;
	(void)fi;
	return rofs_path(path);
}

static int rofs_create(const char *path, mode_t mode, struct fuse_file_info *fi)
{
	(void)fi;
	return rofs_mode(path, mode);
}

static int rofs_utimens(const char *path, const struct timespec tv[2], struct fuse_file_info *fi)
{
	(void)tv;
	(void)fi;
	return rofs_path(path);
}

static int rofs_setxattr(const char *path, const char *name, const char *value,
			 size_t size, int flags)
{
	(void)name;
	(void)value;
	(void)size;
	(void)flags;
	return rofs_path(path);
}

static int rofs_removexattr(const char *path, const char *name)
{
	(void)name;
	return rofs_path(path);
}

static int rofs_fallocate(const char *path, int mode, off_t off, off_t len,
			  struct fuse_file_info *fi)
{
	(void)mode;
	(void)off;
	(void)len;
	(void)fi;
	return rofs_path(path);
}

static const struct fuse_operations cfs_ops = {
	.init = cfs_init,
	.getattr = cfs_getattr,
	.readlink = cfs_readlink,
	.open = cfs_open,
	.read = cfs_read,
	.release = cfs_release,
	.readdir = cfs_readdir,
	.statfs = cfs_statfs,
	.mknod = rofs_mknod,
	.mkdir = rofs_mode,
	.unlink = rofs_path,
	.rmdir = rofs_path,
	.symlink = rofs_2paths,
	.rename = rofs_rename,
	.link = rofs_2paths,
	.chmod = rofs_chmod,
	.chown = rofs_chown,
	.truncate = rofs_truncate,
	.write = rofs_write,
	.create = rofs_create,
	.utimens = rofs_utimens,
	.setxattr = rofs_setxattr,
	.removexattr = rofs_removexattr,
	.fallocate = rofs_fallocate,
};

/* ---- the command line ---- */

struct cmdline {
	char *source;
	char *mountpoint;
	unsigned cache_mb;
	int help;
	int version;
	int extra;              /* a third positional argument */
};

enum { KEY_HELP, KEY_VERSION };

static const struct fuse_opt cfs_opts[] = {
	{ "cache_size=%u", offsetof(struct cmdline, cache_mb), 0 },
	FUSE_OPT_KEY("-h", KEY_HELP),
	FUSE_OPT_KEY("--help", KEY_HELP),
	FUSE_OPT_KEY("-V", KEY_VERSION),
	FUSE_OPT_KEY("--version", KEY_VERSION),
	/* what /etc/fstab lines carry, meaningless here: certfs is always
	 * read-only and mount(8) already acted on the rest */
	FUSE_OPT_KEY("rw", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("ro", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("defaults", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("auto", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("noauto", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("nofail", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("_netdev", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("user", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("users", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_KEY("nouser", FUSE_OPT_KEY_DISCARD),
	FUSE_OPT_END
};

static int opt_proc(void *data, const char *arg, int key, struct fuse_args *out)
{
	struct cmdline *c = data;

	(void)out;
	switch (key) {
	case KEY_HELP:
		c->help = 1;
		return 0;
	case KEY_VERSION:
		c->version = 1;
		return 0;
	case FUSE_OPT_KEY_NONOPT:
		if (!c->source)
			c->source = strdup(arg);
		else if (!c->mountpoint)
			c->mountpoint = strdup(arg);
		else
			c->extra = 1;
		return 0;
	default:
		return 1;
	}
}

static void usage(FILE *f, const char *prog)
{
	fprintf(f,
		"usage: %s [options] SOURCE MOUNTPOINT\n"
		"\n"
		"Mounts the certificate store SOURCE (a directory, or one file such as a\n"
		"bundle) read-only on MOUNTPOINT: every certificate, CRL and CSR is a\n"
		"directory of fields (see certfs(1)). Unmount with fusermount3 -u MOUNTPOINT.\n"
		"\n"
		"certfs options:\n"
		"    -h, --help             this help, then FUSE's options\n"
		"    -V, --version          certfs's and libfuse's versions\n"
		"    -o cache_size=MB       cap of the parsed-object cache (default 64)\n"
		"\n", prog);
}

/* "certfs: WHAT: WHY" on stderr. */
static void fail(const char *what, const char *why)
{
	fprintf(stderr, "certfs: %s: %s\n", what, why);
}

/* MOUNTPOINT must be an empty directory: mounting over files would hide
 * them, and a mistyped argument should not do that silently. */
static void failmp(const char *mp, const char *why)
{
	fprintf(stderr, "certfs: mount point %s: %s\n", mp, why);
}

static int check_mountpoint(const char *mp)
{
	struct stat sb;
	struct dirent *de;
	DIR *d;

	if (stat(mp, &sb) != 0) {
		failmp(mp, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		failmp(mp, "not a directory");
		return -1;
	}
	d = opendir(mp);
	if (!d) {
		failmp(mp, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			closedir(d);
			failmp(mp, "not an empty directory");
			return -1;
		}
	}
	closedir(d);
	return 0;
}

/* "-ofsname=SOURCE" for mount(8)'s listing, with FUSE's escapes. */
static void add_fsname(struct fuse_args *args, const char *source)
{
	char *opt = NULL;

	if (fuse_opt_add_opt_escaped(&opt, source) == 0) {
		size_t n = strlen(opt) + 16;
		char *arg = malloc(n);

		if (arg) {
			snprintf(arg, n, "-ofsname=%s", opt);
			fuse_opt_add_arg(args, arg);
			free(arg);
		}
	}
	free(opt);
}

int main(int argc, char *argv[])
{
	struct fuse_args args = FUSE_ARGS_INIT(argc, argv);
	struct cmdline c = { 0 };
	cfs_store_opts so;
	cfs_store *st = NULL;
	char err[PATH_MAX + 256];
	int rc = 1;

	/* Every way out goes through `out`, so a sanitizer run of any
	 * command line (tests/vfs/integration/test_cli.py) ends leak-free. */
	if (fuse_opt_parse(&args, &c, cfs_opts, opt_proc) != 0) {
		usage(stderr, argv[0]);
		goto out;
	}
	if (c.version) {
		printf("certfs version %s\n", CERTFS_VERSION);
		printf("FUSE library version %s\n", fuse_pkgversion());
		rc = 0;
		goto out;
	}
	if (c.help) {
		usage(stdout, argv[0]);
		fflush(stdout);
		/* libfuse lists its own options, without its usage line */
		fuse_opt_add_arg(&args, "--help");
		args.argv[0][0] = '\0';
		rc = fuse_main(args.argc, args.argv, &cfs_ops, NULL);
		goto out;
	}
	if (!c.source || !c.mountpoint || c.extra) {
		fprintf(stderr, "certfs: %s\n", c.extra ? "too many arguments" :
			!c.source ? "missing SOURCE and MOUNTPOINT" : "missing MOUNTPOINT");
		usage(stderr, argv[0]);
		goto out;
	}
	if (access("/dev/fuse", R_OK | W_OK) != 0) {
		fail("cannot use /dev/fuse (is the fuse module loaded?)", strerror(errno));
		goto out;
	}
	so.source = c.source;
	so.cache_mb = c.cache_mb;
	st = cfs_store_open(&so, err, sizeof(err));
	if (!st) {
		fail("SOURCE", err);
		goto out;
	}
	if (check_mountpoint(c.mountpoint) != 0)
		goto out;
	fuse_opt_add_arg(&args, c.mountpoint);
	/* libfuse 3.14.0 complains on stderr about its own default here
	 * ("Ignoring invalid max threads value"); a user's -o comes later
	 * and wins. */
	fuse_opt_insert_arg(&args, 1, "-omax_idle_threads=16");
	fuse_opt_add_arg(&args, "-oro,default_permissions,subtype=certfs");
	add_fsname(&args, c.source);
	rc = fuse_main(args.argc, args.argv, &cfs_ops, st);
out:
	cfs_store_close(st);
	fuse_opt_free_args(&args);
	free(c.source);
	free(c.mountpoint);
	return rc;
}
