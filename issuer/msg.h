/*
 * issuer/msg.h - the one error message of a failed step.
 *
 * certissue tells a user exactly what is wrong ("--san ip:300.1.1.1: not
 * an IP address"), so every function that can fail on user input takes a
 * caller-owned ci_msg and writes the reason where the problem is found,
 * with the context it has. Convention for the whole issuer: functions
 * return 0 on success and -1 on failure, with *m filled; main() prints
 * "certissue: <text>" and exits 1.
 */
#ifndef CI_MSG_H
#define CI_MSG_H

typedef struct ci_msg {
	char text[512];
} ci_msg;

/* Formats the reason into m (truncated to fit) and returns -1, so a
 * failing path reads `return ci_fail(m, "...", ...);`. */
int ci_fail(ci_msg *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prefixes the message already in m with more context ("--csr req.pem: "
 * + the reason) and returns -1. */
int ci_fail_ctx(ci_msg *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
