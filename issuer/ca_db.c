/*
 * issuer/ca_db.c - the CA directory's append-only database (ca_db.h).
 */
#include "ca_db.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "when.h"

void ci_serial_hex(const uint8_t *p, size_t n, char out[CI_SERIAL_HEX])
{
	static const char hex[] = "0123456789ABCDEF";

	/* A DER INTEGER's sign octet is not part of the magnitude. */
	while (n > 1 && p[0] == 0) {
		p++;
		n--;
	}
	if (n > 20)
		n = 20;
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[p[i] >> 4];
		out[2 * i + 1] = hex[p[i] & 15];
	}
	out[2 * n] = '\0';
}

int ci_cadb_open(ci_cadb *db, const char *path, ci_msg *m)
{
	memset(db, 0, sizeof(*db));
	db->path = path;
	db->fd = open(path, O_RDWR | O_CLOEXEC);
	if (db->fd < 0)
		return ci_fail(m, "%s: %s (not a CA directory? certissue ca init makes one)",
			       path, strerror(errno));
	return 0;
}

void ci_cadb_close(ci_cadb *db)
{
	for (size_t i = 0; i < db->count; i++)
		free(db->rec[i].subject);
	free(db->rec);
	if (db->fd >= 0)
		close(db->fd);
	db->fd = -1;
	db->rec = NULL;
	db->count = db->cap = 0;
}

int ci_cadb_lock(ci_cadb *db, int how, ci_msg *m)
{
	while (flock(db->fd, how))
		if (errno != EINTR)
			return ci_fail(m, "%s: cannot lock: %s", db->path, strerror(errno));
	return 0;
}

static bool is_serial(const char *s)
{
	size_t n = strlen(s);

	return n >= 2 && n <= 40 && n % 2 == 0 && strspn(s, "0123456789ABCDEF") == n;
}

static bool parse_time(const char *s, int64_t *t)
{
	ci_msg m;

	/* Only the absolute form is ever written. */
	return strlen(s) == 20 && s[19] == 'Z' && ci_when_parse(s, 0, t, &m) == 0;
}

static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!*s || s[strspn(s, "0123456789")])
		return false;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return !errno;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* %XX decoding in place. */
static bool unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (*s != '%') {
			*o++ = *s;
			continue;
		}
		if (hexval(s[1]) < 0 || hexval(s[2]) < 0)
			return false;
		*o++ = (char)(hexval(s[1]) * 16 + hexval(s[2]));
		s += 2;
	}
	*o = '\0';
	return true;
}

static int add(ci_cadb *db, const ci_carec *r)
{
	if (db->count == db->cap) {
		size_t cap = db->cap ? 2 * db->cap : 64;
		ci_carec *n = realloc(db->rec, cap * sizeof(*n));

		if (!n)
			return -1;
		db->rec = n;
		db->cap = cap;
	}
	db->rec[db->count++] = *r;
	return 0;
}

const ci_carec *ci_cadb_find(const ci_cadb *db, const char *serial_hex)
{
	for (size_t i = 0; i < db->count; i++)
		if (db->rec[i].kind == CI_REC_ISSUED && !strcmp(db->rec[i].serial, serial_hex))
			return &db->rec[i];
	return NULL;
}

static ci_carec *find_mut(ci_cadb *db, const char *serial_hex)
{
	return (ci_carec *)ci_cadb_find(db, serial_hex);
}

/* One line (without its newline), split in place. Returns a reason or NULL. */
static const char *parse_line(ci_cadb *db, char *line)
{
	char *f[6] = { 0 };
	char *p = line, *subject = NULL;
	size_t n = 0;
	ci_carec r = { 0 };
	ci_carec *issued;

	while (n < 6 && p) {
		f[n++] = p;
		if (n == 6 && !strcmp(f[0], "issued")) {
			subject = p;
			break;
		}
		if ((p = strchr(p, ' ')))
			*p++ = '\0';
	}
	if (!strcmp(f[0], "issued")) {
		if (n != 6 || !is_serial(f[1]) || !parse_time(f[2], &r.t1) ||
		    !parse_time(f[3], &r.t2) || strlen(f[4]) >= sizeof(r.word) ||
		    !unescape(subject))
			return "a malformed issued record";
		if (ci_cadb_find(db, f[1]))
			return "a serial recorded as issued twice";
		r.kind = CI_REC_ISSUED;
		strcpy(r.serial, f[1]);
		strcpy(r.word, f[4]);
		if (!(r.subject = strdup(subject)))
			return "out of memory";
	} else if (!strcmp(f[0], "revoked")) {
		if (n != 4 || p || !is_serial(f[1]) || !parse_time(f[2], &r.t1) ||
		    strlen(f[3]) >= sizeof(r.word))
			return "a malformed revoked record";
		if (!(issued = find_mut(db, f[1])))
			return "a revocation of a serial never issued";
		if (issued->revoked_by)
			return "a serial revoked twice";
		r.kind = CI_REC_REVOKED;
		strcpy(r.serial, f[1]);
		strcpy(r.word, f[3]);
		issued->revoked_by = db->count + 1;
	} else if (!strcmp(f[0], "crl")) {
		if (n != 5 || p || !parse_u64(f[1], &r.number) || !parse_time(f[2], &r.t1) ||
		    ((strcmp(f[3], "full") || strcmp(f[4], "-")) &&
		     (strcmp(f[3], "delta") || !parse_u64(f[4], &r.base) || !r.base)))
			return "a malformed crl record";
		for (size_t i = 0; i < db->count; i++)
			if (db->rec[i].kind == CI_REC_CRL && db->rec[i].number >= r.number)
				return "a CRL number that does not increase";
		r.kind = CI_REC_CRL;
	} else {
		return "an unknown record";
	}
	if (add(db, &r) < 0) {
		free(r.subject);
		return "out of memory";
	}
	return NULL;
}

int ci_cadb_read(ci_cadb *db, ci_msg *m)
{
	struct stat st;
	char *buf, *line, *nl;
	size_t len, got = 0;
	const char *why;

	if (fstat(db->fd, &st))
		return ci_fail(m, "%s: %s", db->path, strerror(errno));
	if ((uint64_t)st.st_size < db->read_to)
		return ci_fail(m, "%s: the database shrank while in use (corrupt?)", db->path);
	len = (size_t)((uint64_t)st.st_size - db->read_to);
	if (!len)
		return 0;
	if (!(buf = malloc(len + 1)))
		return ci_fail(m, "out of memory");
	while (got < len) {
		ssize_t r = pread(db->fd, buf + got, len - got, (off_t)(db->read_to + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			free(buf);
			return ci_fail(m, "%s: reading: %s", db->path,
				       r ? strerror(errno) : "shorter than its size");
		}
		got += (size_t)r;
	}
	buf[len] = '\0';
	for (line = buf; (nl = memchr(line, '\n', len - (size_t)(line - buf))); line = nl + 1) {
		*nl = '\0';
		db->lines++;
		if (strlen(line) != (size_t)(nl - line))
			why = "a NUL byte";
		else if (db->lines == 1)
			why = strcmp(line, "certissue-ca-db 1") ? "not a certissue CA database" : NULL;
		else
			why = parse_line(db, line);
		if (why) {
			free(buf);
			return ci_fail(m, "%s line %zu: %s: the database is corrupt; nothing was"
				       " changed (certissue ca check DIR reports more)",
				       db->path, db->lines, why);
		}
		db->read_to += (uint64_t)(nl - line) + 1;
	}
	/* What is left is a torn last line: not a record (ca_db.h). */
	free(buf);
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = ENOSPC;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int ci_cadb_append(ci_cadb *db, const char *line, size_t len, ci_msg *m)
{
	int err;

	if (ci_cadb_read(db, m) < 0)
		return -1;
	/* Cut a torn line a crashed writer left after the last whole one. */
	if (ftruncate(db->fd, (off_t)db->read_to) ||
	    lseek(db->fd, (off_t)db->read_to, SEEK_SET) < 0)
		return ci_fail(m, "%s: %s", db->path, strerror(errno));
	if (write_all(db->fd, line, len) || fdatasync(db->fd)) {
		err = errno;
		if (ftruncate(db->fd, (off_t)db->read_to) == 0)
			fdatasync(db->fd);
		return ci_fail(m, "%s: cannot record: %s", db->path, strerror(err));
	}
	return ci_cadb_read(db, m);
}

static size_t escape(char *o, size_t cap, const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == '%' || c == 0x7f) {
			if (n + 3 >= cap)
				return 0;
			n += (size_t)snprintf(o + n, cap - n, "%%%02X", c);
		} else {
			if (n + 1 >= cap)
				return 0;
			o[n++] = (char)c;
		}
	}
	o[n] = '\0';
	return n;
}

size_t ci_cadb_format_issued(char *buf, size_t cap, const char *serial, int64_t nb,
			     int64_t na, const char *profile, const char *subject)
{
	char a[32], b[32];
	int n;

	ci_when_format(nb, a, sizeof(a));
	ci_when_format(na, b, sizeof(b));
	n = snprintf(buf, cap, "issued %s %s %s %s ", serial, a, b, profile);
	if (n < 0 || (size_t)n >= cap)
		return 0;
	size_t s = escape(buf + n, cap - (size_t)n - 1, subject);

	if (!s && *subject)
		return 0;
	buf[(size_t)n + s] = '\n';
	buf[(size_t)n + s + 1] = '\0';
	return (size_t)n + s + 1;
}
