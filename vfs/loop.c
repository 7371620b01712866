/*
 * vfs/loop.c - the request loop (see loop.h).
 *
 * Each worker owns a request buffer and an epoll instance that waits for
 * /dev/fuse (EPOLLEXCLUSIVE: a request wakes one sleeper, not all) and for
 * `quit`, an eventfd written once when the session ends, which stays
 * readable and so wakes every sleeper for good. /dev/fuse is put in
 * non-blocking mode, so a receive that finds no request returns -EAGAIN
 * instead of sleeping: that is what lets a worker spin, and lets a worker
 * woken for a request another one took go back to sleep.
 */
#define FUSE_USE_VERSION 312

#include "loop.h"

#include <errno.h>
#include <fcntl.h>
#include <fuse_lowlevel.h>
#include <linux/fuse.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

typedef struct loop {
	struct fuse_session *se;
	int fd;                 /* /dev/fuse */
	int quit;               /* eventfd: readable once the session ends */
	int64_t spin_ns;
	unsigned max_threads, max_idle;
	atomic_bool spinning;   /* a worker is polling: the others sleep */
	pthread_mutex_t mu;
	pthread_cond_t gone;    /* a worker other than the caller's ended */
	unsigned nthreads;      /* workers, the caller's included */
	unsigned navail;        /* workers not serving a request */
	int err;
} loop;

typedef struct worker {
	loop *l;
	struct fuse_buf buf;
	int ep;
	bool first;             /* the caller's: never exits while idle */
} worker;

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Ends the session and wakes every sleeper, now and later: quit is never
 * read, so it stays readable. Async-signal-safe (on_signal):
 * fuse_session_exit only sets a flag, as libfuse's own handler relies on. */
static void stop(struct fuse_session *se, int quit)
{
	uint64_t one = 1;

	fuse_session_exit(se);
	(void)!write(quit, &one, sizeof(one));
}

static void *work(void *arg);

/* The loop running in this process, for on_signal: a signal handler has
 * no argument to carry it (libfuse's own handlers keep theirs the same
 * way). One loop runs at a time. */
static struct {
	struct fuse_session *se;
	int quit;
} running = { NULL, -1 };

/* SIGINT, SIGTERM, SIGHUP, in whichever thread: stop(), which also wakes
 * a worker about to sleep. */
static void on_signal(int sig)
{
	int saved = errno;

	(void)sig;
	if (running.se)
		stop(running.se, running.quit);
	errno = saved;
}

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSTOP (sizeof(stop_signals) / sizeof(stop_signals[0]))

/* w's epoll instance: /dev/fuse and quit. */
static int watch(worker *w)
{
	struct epoll_event fd_ev = { .events = EPOLLIN | EPOLLEXCLUSIVE };
	struct epoll_event quit_ev = { .events = EPOLLIN };

	w->ep = epoll_create1(EPOLL_CLOEXEC);
	if (w->ep < 0)
		return -errno;
	if (epoll_ctl(w->ep, EPOLL_CTL_ADD, w->l->fd, &fd_ev) != 0 ||
	    epoll_ctl(w->ep, EPOLL_CTL_ADD, w->l->quit, &quit_ev) != 0) {
		int err = -errno;

		close(w->ep);
		w->ep = -1;
		return err;
	}
	return 0;
}

/* A new worker. Its epoll instance is made here, so a worker that could
 * not be set up (out of file descriptors) is simply not there; the
 * others go on serving. The stop signals are blocked in it, so they
 * interrupt the caller's thread, not a request in progress (on_signal
 * ends the session from any thread). Called with l->mu held. */
static void spawn(loop *l)
{
	worker *w = calloc(1, sizeof(*w));
	sigset_t block, old;
	pthread_attr_t attr;
	pthread_t t;
	int rc;

	if (!w)
		return;
	w->l = l;
	if (watch(w) != 0) {
		free(w);
		return;
	}
	sigemptyset(&block);
	for (size_t i = 0; i < NSTOP; i++)
		sigaddset(&block, stop_signals[i]);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = pthread_create(&t, &attr, work, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		close(w->ep);
		free(w);
		return;
	}
	l->nthreads++;
	l->navail++;
}

/* Sleeps until /dev/fuse may have a request, or the session ended. */
static void sleep_for_request(worker *w)
{
	struct epoll_event ev[2];

	(void)epoll_wait(w->ep, ev, 2, -1);     /* EINTR: the caller looks */
}

/* The next request into w->buf: > 0 its size, 0 the session ended,
 * < 0 an error. After a request served (spin), polls for up to spin_ns
 * first, if no other worker is polling. */
static int next_request(worker *w, bool spin)
{
	loop *l = w->l;
	int64_t until = 0;
	bool spinning = false;
	int res;

	if (spin && l->spin_ns > 0 && !atomic_exchange(&l->spinning, true)) {
		spinning = true;
		until = now_ns() + l->spin_ns;
	}
	for (;;) {
		res = fuse_session_receive_buf(l->se, &w->buf);
		if (fuse_session_exited(l->se)) {
			res = 0;
			break;
		}
		if (res == -EINTR)
			continue;
		if (res != -EAGAIN)
			break;
		if (spinning && now_ns() < until)
			continue;
		if (spinning) {
			atomic_store(&l->spinning, false);
			spinning = false;
		}
		sleep_for_request(w);   /* the next receive sees an ended session */
	}
	if (spinning)
		atomic_store(&l->spinning, false);
	return res;
}

static bool is_forget(const struct fuse_buf *b)
{
	const struct fuse_in_header *in = b->mem;

	return b->size >= sizeof(*in) &&
	       (in->opcode == FUSE_FORGET || in->opcode == FUSE_BATCH_FORGET);
}

static void *work(void *arg)
{
	worker *w = arg;
	loop *l = w->l;
	bool served = false, idle_exit = false, forget;
	int res = w->ep >= 0 ? 0 : watch(w);

	while (res == 0) {
		res = next_request(w, served);
		if (res <= 0)
			break;
		/* a forget has no reply, nothing to wait for: as in libfuse,
		 * it does not count as taking a worker */
		forget = is_forget(&w->buf);
		if (!forget) {
			pthread_mutex_lock(&l->mu);
			if (--l->navail == 0 && l->nthreads < l->max_threads)
				spawn(l);
			pthread_mutex_unlock(&l->mu);
		}
		fuse_session_process_buf(l->se, &w->buf);
		served = true;
		res = 0;
		if (forget)
			continue;

		pthread_mutex_lock(&l->mu);
		idle_exit = !w->first && l->navail >= l->max_idle;
		if (!idle_exit)
			l->navail++;
		pthread_mutex_unlock(&l->mu);
		if (idle_exit)
			break;          /* enough idle workers: this one goes */
	}
	if (!idle_exit) {
		if (res < 0) {
			pthread_mutex_lock(&l->mu);
			if (!l->err)
				l->err = res;
			pthread_mutex_unlock(&l->mu);
		}
		stop(l->se, l->quit);
	}
	if (w->ep >= 0)
		close(w->ep);
	free(w->buf.mem);
	/* Last touch of l: cfs_loop_run returns once every worker got here. */
	pthread_mutex_lock(&l->mu);
	l->nthreads--;
	pthread_cond_broadcast(&l->gone);
	pthread_mutex_unlock(&l->mu);
	if (!w->first)
		free(w);
	return NULL;
}

/* see loop.h */
int cfs_loop_run(struct fuse_session *se, const cfs_loop_cfg *cfg)
{
	loop l = {
		.se = se,
		.fd = fuse_session_fd(se),
		.spin_ns = (int64_t)cfg->spin_us * 1000,
		.max_threads = cfg->max_threads ? cfg->max_threads : 1,
		.max_idle = cfg->max_idle,
		.nthreads = 1,
		.navail = 1,
	};
	worker first = { .l = &l, .ep = -1, .first = true };
	struct sigaction saved[NSTOP];
	int flags = fcntl(l.fd, F_GETFL);

	if (flags < 0 || fcntl(l.fd, F_SETFL, flags | O_NONBLOCK) != 0)
		return -errno;
	l.quit = eventfd(0, EFD_CLOEXEC);
	if (l.quit < 0) {
		int err = -errno;

		fcntl(l.fd, F_SETFL, flags);
		return err;
	}
	atomic_init(&l.spinning, false);
	pthread_mutex_init(&l.mu, NULL);
	pthread_cond_init(&l.gone, NULL);
	running.se = se;
	running.quit = l.quit;
	for (size_t i = 0; i < NSTOP; i++) {
		struct sigaction sa = { .sa_handler = on_signal };

		sigemptyset(&sa.sa_mask);
		sigaction(stop_signals[i], &sa, &saved[i]);
	}

	work(&first);

	/* The session has ended and every sleeper is awake: wait for the
	 * workers still finishing a request. */
	pthread_mutex_lock(&l.mu);
	while (l.nthreads > 0)
		pthread_cond_wait(&l.gone, &l.mu);
	pthread_mutex_unlock(&l.mu);
	for (size_t i = 0; i < NSTOP; i++)
		sigaction(stop_signals[i], &saved[i], NULL);
	running.se = NULL;
	running.quit = -1;
	pthread_cond_destroy(&l.gone);
	pthread_mutex_destroy(&l.mu);
	close(l.quit);
	fcntl(l.fd, F_SETFL, flags);
	fuse_session_reset(se);
	return l.err;
}
