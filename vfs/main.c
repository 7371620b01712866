/*
 * vfs/main.c - certfs, the daemon: the command line and serving.
 *
 *   certfs [options] SOURCE MOUNTPOINT
 *
 * Everything the filesystem knows is in the store (store.h); this file
 * checks the command line before anything is mounted (so a mistake is a
 * clear message and a non-zero exit, never a half-made mount), then mounts
 * and serves the FUSE operations of ops.c (ops.h).
 */
#include "ops.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xc/xc.h>

#include "heap.h"
#include "inode.h"
#include "loop.h"
#include "scan_why.h"
#include "store.h"
#include "watch.h"

#ifndef CERTFS_VERSION
#define CERTFS_VERSION XC_VERSION
#endif

/* -o spin's default, in microseconds: longer than the gap between a
 * reader's requests (cat's next file, grep's next open), short enough
 * that a burst's tail costs little (loop.h). */
#define CFS_SPIN_US 50
#define CFS_SPIN_MAX 1000000    /* a second: past that it is a busy daemon */
#define CFS_CACHE_MAX 1048576   /* MiB, a TiB: more is a typo, not a cache */

/* ---- the command line ---- */

struct cmdline {
	char *source;
	char *mountpoint;
	char *cache_mb;         /* -o cache_size= as written: checked by number() */
	int noinotify;
	int nofollow;
	char *spin_us;          /* -o spin= as written */
	int allow_other;
	int help;
	int version;
	int extra;              /* a third positional argument */
};

enum { KEY_HELP, KEY_VERSION };

static const struct fuse_opt cfs_opts[] = {
	/* numbers as strings: fuse_opt's %u takes "-5" as 4294967291 */
	{ "cache_size=%s", offsetof(struct cmdline, cache_mb), 0 },
	{ "noinotify", offsetof(struct cmdline, noinotify), 1 },
	{ "nofollow", offsetof(struct cmdline, nofollow), 1 },
	{ "spin=%s", offsetof(struct cmdline, spin_us), 0 },
	/* noted, and passed on to FUSE */
	{ "allow_other", offsetof(struct cmdline, allow_other), 1 },
	FUSE_OPT_KEY("allow_other", FUSE_OPT_KEY_KEEP),
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
		"    -o noinotify           do not watch SOURCE: the kernel re-asks every\n"
		"                           0.4 s instead of trusting names until a change\n"
		"    -o nofollow            show no symbolic link of SOURCE whose target\n"
		"                           lies outside SOURCE (default: follow them)\n"
		"    -o spin=US             how long a worker polls for the next request\n"
		"                           before it sleeps (default %u; 0: never)\n"
		"\n", prog, CFS_SPIN_US);
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

/* The filesystem type ("fuse.certfs") of the topmost mount whose mount
 * point is the directory mp, from /proc/self/mountinfo, into type[cap];
 * false when mp is no mount point (or mountinfo cannot be read). Read
 * before any stat of mp: a mount whose daemon died fails stat with
 * ENOTCONN, and "transport endpoint is not connected" says less. */
static bool mounted_at(const char *mp, char *type, size_t cap)
{
	char rp[PATH_MAX], line[2 * PATH_MAX + 512], at[PATH_MAX], fst[128];
	bool found = false;
	FILE *f;

	/* realpath fails on a dead mount too: its parent's and its name then */
	if (!realpath(mp, rp)) {
		const char *base = strrchr(mp, '/');
		char parent[PATH_MAX], dir[PATH_MAX];
		int n;

		snprintf(parent, sizeof(parent), "%.*s", !base || base == mp ? 1 : (int)(base - mp),
			 base ? mp : ".");
		base = base ? base + 1 : mp;
		if (!realpath(parent, dir))
			return false;
		n = snprintf(rp, sizeof(rp), "%s/%s", strcmp(dir, "/") ? dir : "", base);
		if (n < 0 || (size_t)n >= sizeof(rp))
			return false;
	}
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		/* ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [TAGS...] - TYPE SRC OPTS,
		 * the mount point with \040-style octal escapes */
		const char *dash = strstr(line, " - ");
		char *o = at;

		if (!dash || sscanf(line, "%*s %*s %*s %*s %4095s", at) != 1 ||
		    sscanf(dash + 3, "%127s", fst) != 1)
			continue;
		for (const char *i = at; *i; i++) {
			if (i[0] == '\\' && i[1] >= '0' && i[1] <= '3' && i[2] && i[3]) {
				*o++ = (char)((i[1] - '0') * 64 + (i[2] - '0') * 8 + (i[3] - '0'));
				i += 3;
			} else {
				*o++ = *i;
			}
		}
		*o = '\0';
		if (strcmp(at, rp) == 0) {
			snprintf(type, cap, "%s", fst);
			found = true;       /* later lines are mounted over earlier */
		}
	}
	fclose(f);
	return found;
}

static int check_mountpoint(const char *mp)
{
	struct stat sb;
	struct dirent *de;
	char type[128], why[256 + PATH_MAX];
	DIR *d;

	/* Mounting over a FUSE mount: say so, rather than "not an empty
	 * directory" (or ENOTCONN, for a dead one). */
	if (mounted_at(mp, type, sizeof(type)) && strncmp(type, "fuse", 4) == 0) {
		snprintf(why, sizeof(why),
			 "already a %s mount%s; unmount it first (fusermount3 -u %s)",
			 strcmp(type, "fuse.certfs") == 0 ? "certfs" : type,
			 strcmp(type, "fuse.certfs") == 0 ? "" : " (FUSE)", mp);
		failmp(mp, why);
		return -1;
	}
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

/* The number an -o NAME=s gives, from lo to hi, into *out; false with a
 * message saying why not. Digits only: no sign, no suffix, no blank. */
static bool number(const char *name, const char *s, unsigned long lo, unsigned long hi,
		   const char *unit, unsigned *out)
{
	unsigned long v = 0;
	const char *p = s;

	for (; *p >= '0' && *p <= '9' && v <= hi; p++)
		v = v * 10 + (unsigned long)(*p - '0');
	if (!*s || *p || v < lo || v > hi) {
		fprintf(stderr, "certfs: -o %s=%s: not a number of %s from %lu to %lu\n", name,
			s, unit, lo, hi);
		return false;
	}
	*out = (unsigned)v;
	return true;
}

/* A single file with no object mounts as an empty directory, which
 * alone would not tell why: say it (it is mounted all the same, and
 * shows what the file holds once it changes). */
static void say_why_empty(const char *source)
{
	char why[256];

	if (cfs_scan_file_none(source, why, sizeof(why)))
		fprintf(stderr, "certfs: warning: SOURCE %s holds no certificate, CRL or CSR: "
			"%s; the mount is empty until it does\n", source, why);
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

/* Mounts and serves until unmounted or signalled; returns the exit code.
 * args hold the FUSE options and MOUNTPOINT. */
static int serve(struct fuse_args *args, cfs_fs *fs, unsigned spin_us)
{
	struct fuse_cmdline_opts opts;
	struct fuse_loop_config *cfg;
	struct fuse_session *se;
	int rc = 1;

	memset(&opts, 0, sizeof(opts));
	if (fuse_parse_cmdline(args, &opts) != 0)
		return 1;
	se = fuse_session_new(args, &cfs_ops, sizeof(cfs_ops), fs);
	if (!se)
		goto out;
	if (fuse_set_signal_handlers(se) != 0)
		goto out_session;
	if (fuse_session_mount(se, opts.mountpoint) != 0)
		goto out_signals;
	if (fuse_daemonize(opts.foreground) != 0)
		goto out_unmount;
	fs->se = se;
	/* After fuse_daemonize (threads do not survive its fork). The root's
	 * names are trusted once its watch exists (cfs_ops_watch_ready). */
	if (fs->w && cfs_watch_start(fs->w, cfs_ops_watch_ready) != 0) {
		cfs_watch_free(fs->w);
		fs->w = NULL;
	}
	if (spin_us && !opts.clone_fd) {
		cfs_loop_cfg lc = {
			.spin_us = spin_us,
			.max_threads = opts.singlethread ? 1 : opts.max_threads,
			.max_idle = opts.max_idle_threads,
		};

		rc = cfs_loop_run(se, &lc);
		if (rc < 0)
			fail("serving requests", strerror(-rc));
	} else if (opts.singlethread) {
		rc = fuse_session_loop(se);
	} else {
		cfg = fuse_loop_cfg_create();
		if (!cfg) {
			rc = -ENOMEM;
		} else {
			fuse_loop_cfg_set_clone_fd(cfg, (unsigned)opts.clone_fd);
			fuse_loop_cfg_set_idle_threads(cfg, opts.max_idle_threads);
			fuse_loop_cfg_set_max_threads(cfg, opts.max_threads);
			rc = fuse_session_loop_mt(se, cfg);
			fuse_loop_cfg_destroy(cfg);
		}
	}
	rc = rc ? 1 : 0;
out_unmount:
	cfs_watch_free(fs->w);  /* its thread notifies through se */
	fs->w = NULL;
	fuse_session_unmount(se);
out_signals:
	fuse_remove_signal_handlers(se);
out_session:
	fuse_session_destroy(se);
out:
	free(opts.mountpoint);
	return rc;
}

int main(int argc, char *argv[])
{
	struct fuse_args args = FUSE_ARGS_INIT(argc, argv);
	struct cmdline c = { 0 };
	unsigned spin_us = CFS_SPIN_US, cache_mb = 0;
	cfs_store_opts so = { 0 };
	cfs_fs fs = { 0 };
	struct stat sb;
	char err[PATH_MAX + 256];
	int rc = 1;

	cfs_heap_init(argv);    /* before anything is allocated or opened */

	/* Every way out goes through `out`, so a sanitizer run of any
	 * command line (tests/vfs/integration/test_cli.py) ends leak-free. */
	if (fuse_opt_parse(&args, &c, cfs_opts, opt_proc) != 0) {
		usage(stderr, argv[0]);
		goto out;
	}
	if (c.version) {
		printf("certfs version %s (wolfSSL %s)\n", CERTFS_VERSION,
		       xc_wolfssl_version());
		printf("FUSE library version %s\n", fuse_pkgversion());
		fflush(stdout);
		fuse_lowlevel_version();
		rc = 0;
		goto out;
	}
	if (c.help) {
		usage(stdout, argv[0]);
		printf("FUSE options:\n");
		fflush(stdout);
		fuse_cmdline_help();
		fuse_lowlevel_help();
		rc = 0;
		goto out;
	}
	if (!c.source || !c.mountpoint || c.extra) {
		fprintf(stderr, "certfs: %s\n", c.extra ? "too many arguments" :
			!c.source ? "missing SOURCE and MOUNTPOINT" : "missing MOUNTPOINT");
		usage(stderr, argv[0]);
		goto out;
	}
	if ((c.spin_us && !number("spin", c.spin_us, 0, CFS_SPIN_MAX, "microseconds", &spin_us)) ||
	    (c.cache_mb && !number("cache_size", c.cache_mb, 1, CFS_CACHE_MAX, "MiB", &cache_mb)))
		goto out;
	if (access("/dev/fuse", R_OK | W_OK) != 0) {
		fail("cannot use /dev/fuse (is the fuse module loaded?)", strerror(errno));
		goto out;
	}
	so.source = c.source;
	so.cache_mb = cache_mb;
	so.shared = c.allow_other;
	so.nofollow = c.nofollow;
	fs.shared = c.allow_other;
	fs.self = geteuid();
	fs.st = cfs_store_open(&so, err, sizeof(err));
	if (!fs.st) {
		fail("SOURCE", err);
		goto out;
	}
	if (stat(c.source, &sb) == 0 && S_ISREG(sb.st_mode))
		say_why_empty(c.source);
	fs.it = cfs_itab_new();
	fs.src = realpath(c.source, NULL);
	if (!fs.it || !fs.src) {
		fail("SOURCE", strerror(fs.it ? errno : ENOMEM));
		goto out;
	}
	/* A directory on a local filesystem: inotify sees every change, so
	 * the kernel may trust names until one comes (watch.h). */
	if (!c.noinotify && stat(fs.src, &sb) == 0 && S_ISDIR(sb.st_mode) &&
	    cfs_watch_local_fs(fs.src))
		fs.w = cfs_watch_new(fs.src, cfs_ops_inval, &fs);
	if (check_mountpoint(c.mountpoint) != 0)
		goto out;
	fuse_opt_add_arg(&args, c.mountpoint);
	/* libfuse's default keeps every idle worker thread (-1); a user's
	 * -o comes later and wins. */
	fuse_opt_insert_arg(&args, 1, "-omax_idle_threads=16");
	fuse_opt_add_arg(&args, "-oro,default_permissions,subtype=certfs");
	add_fsname(&args, c.source);
	rc = serve(&args, &fs, spin_us);
out:
	cfs_watch_free(fs.w);
	free(fs.src);
	cfs_itab_free(fs.it);
	cfs_store_close(fs.st);
	fuse_opt_free_args(&args);
	free(c.source);
	free(c.mountpoint);
	free(c.cache_mb);
	free(c.spin_us);
	return rc;
}
