/*
 * vfs/watch.c - inotify on SOURCE's directories (watch.h).
 *
 * One inotify descriptor, one thread. Watch descriptors are small
 * integers, so the mount path of each watched directory is kept in an
 * array indexed by them. Second calls (CFS_SETTLE later) wait in a list,
 * one entry per (directory, name), however many events the change made.
 */
#include "watch.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "thread.h"

/* statfs f_type of the filesystems whose changes inotify sees (from
 * linux/magic.h, which Debian ships without these in userspace headers'
 * reach of every libc; the values are the kernel's ABI). */
static const unsigned long local_fs[] = {
	0xEF53,         /* ext2/3/4 */
	0x58465342,     /* xfs */
	0x9123683E,     /* btrfs */
	0x01021994,     /* tmpfs */
	0xF2F52010,     /* f2fs */
	0x794C7630,     /* overlay: changes made through it */
};

/* The checks of SOURCE's path while it is gone: from every 50 ms to
 * every second, so a new SOURCE shows within about a second however long
 * it took to come, and a SOURCE gone for good costs a stat a second. */
#define SRC_GAP_MIN 0.05
#define SRC_GAP_MAX 1.0

#define EVENTS (IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | \
		IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

typedef struct later {
	double due;
	char *dir, *name;
} later;

struct cfs_watch {
	char *src;
	size_t srclen;
	cfs_inval_fn fn;
	void *ctx;
	int ifd, wake;
	pthread_t thread;
	bool running;

	pthread_mutex_t lock;   /* paths */
	char **paths;           /* by watch descriptor */
	size_t npaths;

	later *q;               /* the watch thread's own */
	size_t nq, capq;
	double all_due;         /* > 0: a second call for everything then */
	void (*ready)(void *ctx, bool ok);

	/* SOURCE's own identity (the watch thread's): the directory the
	 * root's watch is on. An event on the root itself (removed, moved,
	 * its link count changed) has the thread look at SOURCE's path
	 * again, at check_due, every check_gap while it is gone. */
	dev_t sdev;
	ino_t sino;
	double check_due, check_gap;
	bool root_dead;         /* the root's watch went (removed: its inode
				 * number may already be the new SOURCE's) */
	bool gone_told;         /* everything was forgotten since it went */
};

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* see watch.h */
bool cfs_watch_local_fs(const char *source)
{
	struct statfs sf;

	if (statfs(source, &sf) != 0)
		return false;
	for (size_t i = 0; i < sizeof(local_fs) / sizeof(local_fs[0]); i++)
		if ((unsigned long)sf.f_type == local_fs[i])
			return true;
	return false;
}

/* see watch.h */
cfs_watch *cfs_watch_new(const char *source, cfs_inval_fn fn, void *ctx)
{
	cfs_watch *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->src = strdup(source);
	w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	w->wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (!w->src || w->ifd < 0 || w->wake < 0) {
		if (w->ifd >= 0)
			close(w->ifd);
		if (w->wake >= 0)
			close(w->wake);
		free(w->src);
		free(w);
		return NULL;
	}
	w->srclen = strlen(w->src);
	w->fn = fn;
	w->ctx = ctx;
	pthread_mutex_init(&w->lock, NULL);
	return w;
}

/* see watch.h */
int cfs_watch_dir(cfs_watch *w, const char *path)
{
	char full[PATH_MAX];
	char *copy;
	int wd, n;

	n = snprintf(full, sizeof(full), "%s%s", w->src, strcmp(path, "/") ? path : "");
	if (n < 0 || (size_t)n >= sizeof(full))
		return -ENAMETOOLONG;
	wd = inotify_add_watch(w->ifd, full, EVENTS | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK);
	if (wd < 0)
		return -errno;
	copy = strdup(path);
	if (!copy)
		return -ENOMEM;
	pthread_mutex_lock(&w->lock);
	if ((size_t)wd >= w->npaths) {
		size_t n2 = (size_t)wd * 2 + 16;
		char **p = realloc(w->paths, n2 * sizeof(*p));

		if (!p) {
			pthread_mutex_unlock(&w->lock);
			free(copy);
			return -ENOMEM;
		}
		memset(p + w->npaths, 0, (n2 - w->npaths) * sizeof(*p));
		w->paths = p;
		w->npaths = n2;
	}
	free(w->paths[wd]);
	w->paths[wd] = copy;
	pthread_mutex_unlock(&w->lock);
	return 0;
}

/* The second call for (dir, name), CFS_SETTLE from now; one per pair.
 * The list is searched whole, so it is short: past CFS_SETTLE_MAX (or
 * out of memory) the second call is one for everything. */
static void queue(cfs_watch *w, const char *dir, const char *name)
{
	double due = mono() + CFS_SETTLE;

	if (w->all_due > 0) {
		w->all_due = due;
		return;
	}
	for (size_t i = 0; i < w->nq; i++)
		if (strcmp(w->q[i].dir, dir) == 0 && strcmp(w->q[i].name, name) == 0) {
			w->q[i].due = due;
			return;
		}
	if (w->nq == w->capq && w->capq < CFS_SETTLE_MAX) {
		size_t cap = w->capq ? w->capq * 2 : 64;
		later *q = realloc(w->q, cap * sizeof(*q));

		if (q) {
			w->q = q;
			w->capq = cap;
		}
	}
	if (w->nq == w->capq) {
		w->all_due = due;
		return;
	}
	w->q[w->nq].dir = strdup(dir);
	w->q[w->nq].name = strdup(name);
	if (!w->q[w->nq].dir || !w->q[w->nq].name) {
		free(w->q[w->nq].dir);
		free(w->q[w->nq].name);
		w->all_due = due;
		return;
	}
	w->q[w->nq++].due = due;
}

/* Calls back for the second calls that are due; returns the ms until the
 * next one (-1: none). */
static int run_due(cfs_watch *w)
{
	double now = mono(), next = -1;
	size_t i = 0;

	if (w->all_due > 0 && w->all_due <= now) {
		/* everything, which covers the names waiting too */
		w->fn(w->ctx, NULL, NULL, false);
		w->all_due = 0;
		for (i = 0; i < w->nq; i++) {
			free(w->q[i].dir);
			free(w->q[i].name);
		}
		w->nq = 0;
		return -1;
	}
	if (w->all_due > 0)
		next = w->all_due;
	while (i < w->nq) {
		if (w->q[i].due <= now) {
			w->fn(w->ctx, w->q[i].dir, w->q[i].name, false);
			free(w->q[i].dir);
			free(w->q[i].name);
			w->q[i] = w->q[--w->nq];
			continue;
		}
		if (next < 0 || w->q[i].due < next)
			next = w->q[i].due;
		i++;
	}
	return next < 0 ? -1 : (int)((next - now) * 1000) + 1;
}

/* Watches SOURCE's root and keeps its identity: that of the directory at
 * its path just before and just after the watch was added, when both are
 * the same (else it was replaced meanwhile: again). */
static int watch_root(cfs_watch *w)
{
	struct stat a, b;
	int rc = -ESTALE;

	for (int i = 0; i < 3 && rc == -ESTALE; i++) {
		if (stat(w->src, &a) != 0)
			return -errno;
		rc = cfs_watch_dir(w, "/");
		if (rc == 0 && (stat(w->src, &b) != 0 || a.st_dev != b.st_dev || a.st_ino != b.st_ino))
			rc = -ESTALE;
	}
	if (rc == 0) {
		w->sdev = a.st_dev;
		w->sino = a.st_ino;
	}
	return rc;
}

/* Removes every watch: they are on the directories of a SOURCE that is
 * not at its path any more (the kernel is told to forget what they
 * covered, and adds them again, on the new one, as it looks up). */
static void unwatch_all(cfs_watch *w)
{
	pthread_mutex_lock(&w->lock);
	for (size_t wd = 0; wd < w->npaths; wd++) {
		if (!w->paths[wd])
			continue;
		inotify_rm_watch(w->ifd, (int)wd);
		free(w->paths[wd]);
		w->paths[wd] = NULL;
	}
	pthread_mutex_unlock(&w->lock);
}

/* SOURCE's path, checked after an event on the root itself: the same
 * directory (nothing to do; unless the watched one was removed, since a
 * new directory may get its inode number at once), none (gone: the kernel forgets everything,
 * once, and the path is checked again, less and less often), or another
 * one (replaced, by a new directory or a rename: every watch goes, the
 * new root is watched, and the kernel forgets everything now and, for the
 * lookups that raced this, CFS_SETTLE later). Returns the ms until the
 * next check (-1: none). */
static int check_source(cfs_watch *w)
{
	double now = mono();
	struct stat sb;
	bool ok;

	if (w->check_due <= 0)
		return -1;
	if (now < w->check_due)
		return (int)((w->check_due - now) * 1000) + 1;
	if (stat(w->src, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		w->check_due = 0;
		if (sb.st_dev == w->sdev && sb.st_ino == w->sino && !w->gone_told && !w->root_dead)
			return -1;
		unwatch_all(w);
		ok = watch_root(w) == 0;
		w->gone_told = false;
		w->root_dead = false;
		/* lost: if the new root cannot be watched, nothing may be
		 * trusted for long any more */
		w->fn(w->ctx, NULL, NULL, !ok);
		w->all_due = now + CFS_SETTLE;
		return -1;
	}
	if (!w->gone_told) {
		w->fn(w->ctx, NULL, NULL, false);
		w->gone_told = true;
	}
	w->check_due = now + w->check_gap;
	w->check_gap = w->check_gap * 2 < SRC_GAP_MAX ? w->check_gap * 2 : SRC_GAP_MAX;
	return (int)(w->check_gap * 1000);
}

/* One event: calls back now and queues the second call. */
static void event(cfs_watch *w, const struct inotify_event *ev)
{
	char dir[PATH_MAX], base[NAME_MAX + 1], *slash;
	const char *name = ev->len ? ev->name : NULL;

	if (ev->mask & IN_Q_OVERFLOW) {
		w->fn(w->ctx, NULL, NULL, true);
		return;
	}
	pthread_mutex_lock(&w->lock);
	if (ev->wd < 0 || (size_t)ev->wd >= w->npaths || !w->paths[ev->wd]) {
		pthread_mutex_unlock(&w->lock);
		return;
	}
	snprintf(dir, sizeof(dir), "%s", w->paths[ev->wd]);
	if (ev->mask & IN_IGNORED) {
		free(w->paths[ev->wd]);
		w->paths[ev->wd] = NULL;
	}
	pthread_mutex_unlock(&w->lock);
	if (!name && strcmp(dir, "/") == 0) {
		/* SOURCE itself was removed, moved or replaced (or its
		 * attributes changed): is its path still this directory? */
		w->check_due = mono();
		w->check_gap = SRC_GAP_MIN;
		if (ev->mask & (IN_DELETE_SELF | IN_IGNORED))
			w->root_dead = true;
		return;
	}
	if (ev->mask & IN_IGNORED)
		return;
	if (!name) {
		/* the directory itself went: its name in its parent */
		slash = strrchr(dir, '/');
		snprintf(base, sizeof(base), "%s", slash + 1);
		if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
		name = base;
	}
	w->fn(w->ctx, dir, name, false);
	queue(w, dir, name);
}

static void *loop(void *arg)
{
	cfs_watch *w = arg;
	char buf[64 * 1024] __attribute__((aligned(__alignof__(struct inotify_event))));

	/* Adding the root's watch holds the directory's dentry lock while
	 * the kernel marks every cached entry in it (10 ms for 100,000),
	 * stalling lookups of SOURCE meanwhile: a moment after mounting, not
	 * in the way of the mount's first requests. */
	{
		struct pollfd p = { w->wake, POLLIN, 0 };

		if (poll(&p, 1, CFS_WATCH_DELAY_MS) > 0)
			return NULL;
	}
	w->ready(w->ctx, watch_root(w) == 0);
	for (;;) {
		struct pollfd p[2] = { { w->ifd, POLLIN, 0 }, { w->wake, POLLIN, 0 } };
		int timeout = run_due(w), check = check_source(w);
		ssize_t n;

		if (check >= 0 && (timeout < 0 || check < timeout))
			timeout = check;

		if (poll(p, 2, timeout) < 0 && errno != EINTR)
			break;
		if (p[1].revents)
			break;
		if (!(p[0].revents & POLLIN))
			continue;
		n = read(w->ifd, buf, sizeof(buf));
		for (char *q = buf; n > 0 && q < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)(void *)q;

			event(w, ev);
			q += sizeof(*ev) + ev->len;
		}
	}
	return NULL;
}

/* see watch.h */
int cfs_watch_start(cfs_watch *w, void (*ready)(void *ctx, bool ok))
{
	int rc;

	w->ready = ready;
	/* Not the thread for the stop signals: libfuse's handlers only set
	 * a flag, which the request loop sees in its own threads. */
	rc = cfs_thread_start(&w->thread, loop, w);
	w->running = rc == 0;
	return -rc;
}

/* see watch.h */
void cfs_watch_free(cfs_watch *w)
{
	uint64_t one = 1;

	if (!w)
		return;
	if (w->running) {
		if (write(w->wake, &one, sizeof(one)) != sizeof(one))
			pthread_cancel(w->thread);
		pthread_join(w->thread, NULL);
	}
	for (size_t i = 0; i < w->npaths; i++)
		free(w->paths[i]);
	for (size_t i = 0; i < w->nq; i++) {
		free(w->q[i].dir);
		free(w->q[i].name);
	}
	free(w->paths);
	free(w->q);
	close(w->ifd);
	close(w->wake);
	pthread_mutex_destroy(&w->lock);
	free(w->src);
	free(w);
}
