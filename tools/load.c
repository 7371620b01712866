/*
 * tools/load.c - certificates and CRLs from buffers, files and directories
 * (load.h).
 */
#include "load.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Grows *arr (of `size`-byte items) so one more fits. */
static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p = realloc(*arr, ncap * size);
	if (!p)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

static int keep_buf(ld_set *s, void *buf)
{
	if (grow((void **)&s->bufs, &s->cap_bufs, s->n_bufs, sizeof(*s->bufs))) {
		free(buf);
		return -1;
	}
	s->bufs[s->n_bufs++] = buf;
	return 0;
}

static bool have_cert(const ld_set *s, const uint8_t *der, size_t len)
{
	for (size_t i = 0; i < s->n_certs; i++)
		if (s->certs[i].der.len == len && !memcmp(s->certs[i].der.p, der, len))
			return true;
	return false;
}

/* One DER object of the kind wanted; *added counts it. */
static int add_der(ld_set *s, const uint8_t *der, size_t len, ld_want want, const char *name,
		   size_t index, char *err, size_t cap, size_t *added)
{
	size_t off = 0;
	xc_err e;

	if (want == LD_CERTS) {
		xc_cert c;
		if ((e = xc_cert_parse(&c, der, len, &off)))
			goto bad;
		if (!have_cert(s, der, len)) {
			if (grow((void **)&s->certs, &s->cap_certs, s->n_certs, sizeof(c)))
				goto oom;
			s->certs[s->n_certs++] = c;
		}
	} else {
		xc_crl c;
		if ((e = xc_crl_parse(&c, der, len, &off)))
			goto bad;
		if (grow((void **)&s->crls, &s->cap_crls, s->n_crls, sizeof(c)))
			goto oom;
		s->crls[s->n_crls++] = c;
	}
	(*added)++;
	return 0;
bad:
	snprintf(err, cap, "%s: %s %zu: %s at byte %zu", name,
		 want == LD_CERTS ? "certificate" : "CRL", index + 1, xc_strerror(e), off);
	return -1;
oom:
	snprintf(err, cap, "%s: out of memory", name);
	return -1;
}

/* The objects of buf (owned by the set from here on). */
static int add(ld_set *s, uint8_t *buf, size_t len, ld_want want, const char *name, char *err,
	       size_t cap, size_t *added)
{
	xc_pem_kind kinds[2] = { XC_PEM_CERTIFICATE, XC_PEM_TRUSTED_CERTIFICATE };
	xc_pem_iter it;
	xc_pem_block b;
	size_t off, index = 0;
	xc_err e;

	if (want == LD_CRLS)
		kinds[0] = kinds[1] = XC_PEM_CRL;
	if (keep_buf(s, buf)) {
		snprintf(err, cap, "%s: out of memory", name);
		return -1;
	}
	if (!xc_pem_detect(buf, len))
		return add_der(s, buf, len, want, name, 0, err, cap, added);
	xc_pem_iter_init(&it, buf, len);
	while ((e = xc_pem_next(&it, &b, &off)) != XC_END) {
		size_t n;
		if (e) {
			snprintf(err, cap, "%s: PEM: %s at byte %zu", name, xc_strerror(e), off);
			return -1;
		}
		if (b.kind != kinds[0] && b.kind != kinds[1])
			continue;
		/* Decoded in place: the block's own text becomes its DER. */
		uint8_t *out = buf + (b.body.p - buf);
		if ((e = xc_pem_decode(b.body, out, b.body.len, &n, &off))) {
			snprintf(err, cap, "%s: PEM block %zu: %s at byte %zu", name, index + 1,
				 xc_strerror(e), (size_t)(b.body.p - buf) + off);
			return -1;
		}
		/* A TRUSTED CERTIFICATE is a certificate followed by OpenSSL's
		 * trust settings: the certificate TLV alone. */
		if (b.kind == XC_PEM_TRUSTED_CERTIFICATE) {
			xc_der d;
			xc_tlv tlv;
			xc_der_init(&d, out, n);
			if (xc_der_read(&d, &tlv) == XC_OK)
				n = tlv.raw.len;
		}
		if (add_der(s, out, n, want, name, index++, err, cap, added))
			return -1;
	}
	return 0;
}

/* An input that held no object of the kind wanted is an error. */
static int none_is_error(size_t added, ld_want want, const char *name, char *err, size_t cap)
{
	if (added)
		return 0;
	snprintf(err, cap, "%s: no %s in it", name, want == LD_CERTS ? "certificate" : "CRL");
	return -1;
}

int ld_add_buffer(ld_set *s, void *buf, size_t len, ld_want want, const char *name,
		  char *err, size_t cap)
{
	size_t added = 0;

	if (add(s, buf, len, want, name, err, cap, &added))
		return -1;
	return none_is_error(added, want, name, err, cap);
}

static void *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 16384, n = 0, r;
	uint8_t *buf;

	if (!f)
		return NULL;
	buf = malloc(cap);
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap *= 2);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	if (buf && ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* in_dir: a file of a directory that is neither PEM nor DER (does not
 * start with a SEQUENCE), such as a README, is skipped. */
static int add_file(ld_set *s, const char *path, ld_want want, bool in_dir, char *err,
		    size_t cap, size_t *added)
{
	size_t len;
	void *buf;

	errno = 0;
	if (!(buf = read_all(path, &len))) {
		snprintf(err, cap, "%s: %s", path, strerror(errno ? errno : ENOMEM));
		return -1;
	}
	if (in_dir && !xc_pem_detect(buf, len) && (len == 0 || *(uint8_t *)buf != 0x30)) {
		free(buf);
		return 0;
	}
	return add(s, buf, len, want, path, err, cap, added);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir, in name order. */
static int add_dir(ld_set *s, const char *dir, ld_want want, char *err, size_t cap,
		   size_t *added)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, ncap = 0;
	int rc = 0;

	if (!d) {
		snprintf(err, cap, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (grow((void **)&names, &ncap, n, sizeof(*names)) ||
		    !(names[n] = malloc(strlen(dir) + strlen(de->d_name) + 2))) {
			rc = -1;
			snprintf(err, cap, "%s: out of memory", dir);
			break;
		}
		sprintf(names[n++], "%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (!rc)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n && !rc; i++) {
		struct stat st;
		if (stat(names[i], &st) || !S_ISREG(st.st_mode))
			continue;
		rc = add_file(s, names[i], want, true, err, cap, added);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int ld_add_path(ld_set *s, const char *path, ld_want want, char *err, size_t cap)
{
	struct stat st;
	size_t added = 0;

	if (stat(path, &st)) {
		snprintf(err, cap, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode) ? add_dir(s, path, want, err, cap, &added)
				: add_file(s, path, want, false, err, cap, &added))
		return -1;
	return none_is_error(added, want, path, err, cap);
}

void ld_free(ld_set *s)
{
	for (size_t i = 0; i < s->n_bufs; i++)
		free(s->bufs[i]);
	free(s->bufs);
	free(s->certs);
	free(s->crls);
	memset(s, 0, sizeof(*s));
}
