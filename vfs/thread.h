/*
 * vfs/thread.h - the daemon's own threads beside the request workers (the
 * inotify watch, the index walker).
 *
 * They are started with SIGINT, SIGTERM and SIGHUP blocked: those are for
 * the request loop (loop.h), whose handlers end the session from the
 * thread they interrupt; one of these threads taking them instead would
 * leave a read of SOURCE with EINTR and the loop none the wiser.
 */
#ifndef CFS_THREAD_H
#define CFS_THREAD_H

#include <pthread.h>

/* pthread_create (joinable) with the stop signals blocked in the new
 * thread; 0 or an errno. */
int cfs_thread_start(pthread_t *t, void *(*fn)(void *), void *arg);

#endif
