/*
 * issuer/ca_dir.c - opening and checking a CA directory (ca_dir.h).
 */
#include "ca_dir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

int ci_cadir_paths(ci_cadir *d, const char *dir, ci_msg *m)
{
	size_t n = strlen(dir);

	memset(d, 0, sizeof(*d));
	d->db.fd = -1;
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (!n || n >= sizeof(d->dir))
		return ci_fail(m, "--ca: '%s': not a directory name", dir);
	memcpy(d->dir, dir, n);
	snprintf(d->cert, sizeof(d->cert), "%s/ca.pem", d->dir);
	snprintf(d->key, sizeof(d->key), "%s/private/ca.key", d->dir);
	snprintf(d->certs, sizeof(d->certs), "%s/certs", d->dir);
	snprintf(d->db_path, sizeof(d->db_path), "%s/database", d->dir);
	snprintf(d->policy, sizeof(d->policy), "%s/policy", d->dir);
	snprintf(d->crl, sizeof(d->crl), "%s/crl.pem", d->dir);
	snprintf(d->delta, sizeof(d->delta), "%s/delta-crl.pem", d->dir);
	return 0;
}

static int check_private(const char *path, const char *what, bool dir, ci_msg *m)
{
	struct stat st;

	if (stat(path, &st))
		return ci_fail(m, "%s: %s (the CA's %s)", path, strerror(errno), what);
	if (dir != !!S_ISDIR(st.st_mode))
		return ci_fail(m, "%s: not a %s", path, dir ? "directory" : "file");
	if (st.st_mode & 077)
		return ci_fail(m, "%s is readable by group or others (mode %04o): the CA key"
			       " must be private; refused (chmod %s %s, and consider the key"
			       " exposed)", path, (unsigned)(st.st_mode & 07777), dir ? "700" : "600",
			       path);
	return 0;
}

int ci_cadir_open(ci_cadir *d, const char *dir, ci_msg *m)
{
	struct stat st;

	if (ci_cadir_paths(d, dir, m) < 0)
		return -1;
	if (stat(d->dir, &st) || !S_ISDIR(st.st_mode))
		return ci_fail(m, "--ca %s: not a directory", d->dir);
	if (ci_cadb_open(&d->db, d->db_path, m) < 0)
		return -1;
	if (stat(d->cert, &st))
		return ci_fail(m, "%s: %s: the CA directory has no CA certificate", d->cert,
			       strerror(errno));
	if (check_private(d->key, "private key", false, m) < 0)
		return -1;
	{
		char priv[PATH_MAX + 16];

		snprintf(priv, sizeof(priv), "%s/private", d->dir);
		if (check_private(priv, "private directory", true, m) < 0)
			return -1;
	}
	if (ci_cadb_lock(&d->db, LOCK_SH, m) < 0)
		return -1;
	if (ci_cadb_read(&d->db, m) < 0) {
		ci_cadb_lock(&d->db, LOCK_UN, m);
		return -1;
	}
	return ci_cadb_lock(&d->db, LOCK_UN, m);
}

void ci_cadir_close(ci_cadir *d)
{
	if (!d->dir[0])
		return;         /* never opened (a zeroed job) */
	ci_cadb_close(&d->db);
}

int ci_cadir_cert_path(const ci_cadir *d, const char *serial_hex, char *buf, size_t cap)
{
	return snprintf(buf, cap, "%s/%s.pem", d->certs, serial_hex) < (int)cap ? 0 : -1;
}

int ci_cadir_sync(const char *dir, ci_msg *m)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 || fsync(fd)) {
		int err = errno;

		if (fd >= 0)
			close(fd);
		return ci_fail(m, "%s: cannot sync: %s", dir, strerror(err));
	}
	close(fd);
	return 0;
}
