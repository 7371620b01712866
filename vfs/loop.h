/*
 * vfs/loop.h - certfs's FUSE request loop: libfuse's multi-threaded loop,
 * plus a short spin for the next request before a worker sleeps.
 *
 * Small-file reads through FUSE are round trips: the reader sleeps until
 * the daemon answers, the daemon sleeps until the next request. On a
 * virtual machine each of those wake-ups of an idle CPU is a trip through
 * the hypervisor, and they, not certfs's work, were most of the time of
 * a `cat` of many fields or a `grep -r` walk (docs/performance.md). A
 * worker that has just answered a request therefore polls /dev/fuse for
 * a moment (spin_us) before it sleeps: a reader issuing one request after
 * another finds the daemon awake. One worker spins at a time; the others
 * sleep, so a burst of requests costs at most one CPU for spin_us after
 * its last request, and an idle mount costs nothing.
 *
 * Not done: while one worker polls, each request still wakes a sleeping
 * one (the kernel wakes an epoll waiter whoever then takes the request),
 * which finds nothing and sleeps again: CPU time, not latency, measured
 * as most of a second worker's context switches in a `grep -r`. Keeping
 * sleepers off /dev/fuse (leader/follower) needs another way to have a
 * worker ready when the polling one is busy with a long request.
 *
 * Threads as in libfuse's loop: a new worker when the last idle one takes
 * a request (up to max_threads), and workers beyond max_idle idle ones
 * exit. libfuse 3.14 has no hook for its own loop to wait differently,
 * so this loop is built on its public receive/process calls; it has no
 * clone_fd (libfuse keeps the channel API private), so main.c uses
 * libfuse's loop when clone_fd or spin=0 is asked for.
 */
#ifndef CFS_LOOP_H
#define CFS_LOOP_H

struct fuse_session;

typedef struct cfs_loop_cfg {
	unsigned spin_us;       /* how long a worker polls before it sleeps */
	unsigned max_threads;   /* 1: one thread, the caller's */
	unsigned max_idle;      /* idle workers kept, the caller's included */
} cfs_loop_cfg;

/* Serves se's requests until the session exits (unmount, signal); returns
 * 0, or a negative errno if reading /dev/fuse failed. The calling thread
 * is one of the workers. While it runs, SIGINT, SIGTERM and SIGHUP end
 * the session through handlers of its own (libfuse's, installed by
 * fuse_set_signal_handlers, are put back after): they also wake every
 * worker, where libfuse's only set a flag the next request sees. */
int cfs_loop_run(struct fuse_session *se, const cfs_loop_cfg *cfg);

#endif
