/*
 * issuer/pass.c - where a passphrase comes from (key.h: ci_pass_get).
 *
 * Never from the command line (it would show in ps and in shell
 * history): a file, the CERTISSUE_PASSPHRASE variable, or the terminal
 * with echo off. The terminal is /dev/tty, not standard input, so that
 * `--out -` and `--csr -` pipelines still ask the person at the keyboard.
 */
#include "key_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define PASS_ENV "CERTISSUE_PASSPHRASE"

/* The first line of `path`, without its line end. */
static int from_file(const char *path, char *out, size_t cap, ci_msg *m)
{
	FILE *f = fopen(path, "re");
	size_t n;

	if (!f)
		return ci_fail(m, "--passphrase-file %s: %s", path, strerror(errno));
	if (!fgets(out, (int)cap, f))
		out[0] = '\0';
	fclose(f);
	n = strlen(out);
	if (n == cap - 1 && out[n - 1] != '\n')
		return ci_fail(m, "--passphrase-file %s: the passphrase is longer than"
			       " %zu bytes", path, cap - 2);
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	if (!n)
		return ci_fail(m, "--passphrase-file %s: the first line is empty", path);
	return 0;
}

/* Reads one line from the terminal with echo off. */
static int prompt(int fd, const char *text, char *out, size_t cap, ci_msg *m)
{
	struct termios old, quiet;
	size_t n = 0;
	bool restore = tcgetattr(fd, &old) == 0;
	int rc = 0;

	if (restore) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	if (write(fd, text, strlen(text)) < 0)
		rc = ci_fail(m, "cannot write to the terminal: %s", strerror(errno));
	while (!rc) {
		char c;
		ssize_t r = read(fd, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || c == '\n' || c == '\r')
			break;
		if (n + 1 >= cap) {
			rc = ci_fail(m, "the passphrase is longer than %zu bytes", cap - 2);
			break;
		}
		out[n++] = c;
	}
	out[n] = '\0';
	if (restore)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) {
		/* the echo of the newline is cosmetic */
	}
	return rc;
}

static int from_tty(const ci_pass_src *src, bool confirm, char *out, size_t cap,
		    ci_msg *m)
{
	const char *what = src->what ? src->what : "key";
	char text[160], again[1024];
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	int rc;

	if (fd < 0 || !isatty(fd)) {
		if (fd >= 0)
			close(fd);
		return ci_fail(m, "%s: a passphrase is needed: give it with"
			       " --passphrase-file FILE or %s (there is no terminal"
			       " to ask on)", what, PASS_ENV);
	}
	snprintf(text, sizeof(text), "Passphrase for %s: ", what);
	rc = prompt(fd, text, out, cap, m);
	if (!rc && !out[0])
		rc = ci_fail(m, "%s: empty passphrase", what);
	if (!rc && confirm) {
		snprintf(text, sizeof(text), "Passphrase for %s, again: ", what);
		rc = prompt(fd, text, again, cap < sizeof(again) ? cap : sizeof(again), m);
		if (!rc && strcmp(out, again))
			rc = ci_fail(m, "%s: the two passphrases differ", what);
		ci_wipe(again, sizeof(again));
	}
	close(fd);
	if (rc)
		ci_wipe(out, cap);
	return rc;
}

int ci_pass_get(const ci_pass_src *src, bool ask, bool confirm, char *out,
		size_t cap, ci_msg *m)
{
	static const ci_pass_src none = { .file = NULL, .what = NULL };
	const char *env;

	out[0] = '\0';
	if (!src)
		src = &none;
	if (src->file)
		return from_file(src->file, out, cap, m);
	if (!ask)
		return 0;
	env = getenv(PASS_ENV);
	if (env && env[0]) {
		if (strlen(env) >= cap)
			return ci_fail(m, "%s: longer than %zu bytes", PASS_ENV, cap - 1);
		strcpy(out, env);
		return 0;
	}
	return from_tty(src, confirm, out, cap, m);
}
