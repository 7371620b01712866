/*
 * issuer/out.c - writing outputs whole, private from the first instant,
 * never over an existing file without --force (out.h).
 *
 * The sequence, and why each step:
 *  1. mkstemp() in the target's directory: O_CREAT|O_EXCL with mode 0600,
 *     so the bytes are never readable by others whatever the umask, and
 *     the temporary is on the same filesystem as the target (link and
 *     rename are only atomic there);
 *  2. write, fsync: the data is on disk before the name points at it;
 *  3. fchmod to the final mode (0600 for a key, 0644 & ~umask otherwise);
 *  4. link(2) the temporary to the name: it fails with EEXIST if the name
 *     exists, so two runs cannot both "win" and nothing is replaced
 *     (open(O_EXCL) on the final name would show a half-written file);
 *     with --force, rename(2) replaces the name atomically;
 *  5. unlink the temporary, fsync the directory (the new entry is durable).
 */
#include "out.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int dir_of(const char *path, char *dir, size_t cap)
{
	char tmp[PATH_MAX];

	if (strlen(path) >= sizeof(tmp))
		return -1;
	strcpy(tmp, path);
	return snprintf(dir, cap, "%s", dirname(tmp)) < (int)cap ? 0 : -1;
}

int ci_out_check(const char *path, const ci_out_opts *o, ci_msg *m)
{
	char dir[PATH_MAX];
	struct stat st;

	if (!strcmp(path, "-"))
		return 0;
	if (!path[0])
		return ci_fail(m, "--out: empty file name");
	if (lstat(path, &st) == 0) {
		if (!o->force)
			return ci_fail(m, "--out %s: the file exists (--force replaces it)", path);
		if (S_ISDIR(st.st_mode))
			return ci_fail(m, "--out %s: is a directory", path);
	}
	if (dir_of(path, dir, sizeof(dir)))
		return ci_fail(m, "--out %s: name too long", path);
	if (access(dir, W_OK | X_OK))
		return ci_fail(m, "--out %s: cannot write in %s: %s", path, dir, strerror(errno));
	return 0;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static mode_t public_mode(void)
{
	mode_t u = umask(0);

	umask(u);
	return 0644 & ~u;
}

int ci_out_write(const char *path, const uint8_t *p, size_t n,
		 const ci_out_opts *o, ci_msg *m)
{
	char dir[PATH_MAX], tmp[PATH_MAX + 32];
	const char *base;
	int fd, dfd, err;

	if (!strcmp(path, "-")) {
		if (write_all(STDOUT_FILENO, p, n))
			return ci_fail(m, "writing to standard output: %s", strerror(errno));
		return 0;
	}
	if (dir_of(path, dir, sizeof(dir)))
		return ci_fail(m, "--out %s: name too long", path);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, base) >= (int)sizeof(tmp))
		return ci_fail(m, "--out %s: name too long", path);
	fd = mkstemp(tmp);      /* O_EXCL, mode 0600 */
	if (fd < 0)
		return ci_fail(m, "--out %s: cannot create a file in %s: %s", path, dir,
			       strerror(errno));
	if (write_all(fd, p, n) || fsync(fd) ||
	    fchmod(fd, o->secret ? 0600 : public_mode())) {
		err = errno;
		close(fd);
		unlink(tmp);
		return ci_fail(m, "--out %s: writing: %s", path, strerror(err));
	}
	if (close(fd)) {
		err = errno;
		unlink(tmp);
		return ci_fail(m, "--out %s: writing: %s", path, strerror(err));
	}
	if (o->force ? rename(tmp, path) : link(tmp, path)) {
		err = errno;
		unlink(tmp);
		if (err == EEXIST)
			return ci_fail(m, "--out %s: the file exists (--force replaces it)", path);
		return ci_fail(m, "--out %s: %s", path, strerror(err));
	}
	if (!o->force)
		unlink(tmp);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

int ci_pem_encode(const char *label, const uint8_t *der, size_t n,
		  uint8_t **out, size_t *out_len, ci_msg *m)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t chars = (n + 2) / 3 * 4;
	size_t cap = chars + chars / 64 + 2 + 2 * (strlen(label) + 32);
	char *s = malloc(cap);
	size_t o, col = 0;

	if (!s)
		return ci_fail(m, "out of memory");
	o = (size_t)sprintf(s, "-----BEGIN %s-----\n", label);
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)der[i] << 16;
		size_t left = n - i;

		if (left > 1)
			v |= (uint32_t)der[i + 1] << 8;
		if (left > 2)
			v |= der[i + 2];
		s[o++] = b64[v >> 18 & 63];
		s[o++] = b64[v >> 12 & 63];
		s[o++] = left > 1 ? b64[v >> 6 & 63] : '=';
		s[o++] = left > 2 ? b64[v & 63] : '=';
		col += 4;
		if (col == 64) {
			s[o++] = '\n';
			col = 0;
		}
	}
	if (col)
		s[o++] = '\n';
	o += (size_t)sprintf(s + o, "-----END %s-----\n", label);
	*out = (uint8_t *)s;
	*out_len = o;
	return 0;
}
