/*
 * vfs/fields_name.c - a Name as files: the RFC 4514 string and the
 * `<name>.d/` directory of attribute values (see fields.h).
 */
#include "fields.h"

#include <stdlib.h>
#include <string.h>

/*
 * One value as one line of its list file: decoded to UTF-8 where it is a
 * string, else (a BIT STRING, bytes that do not decode) lowercase hex of
 * its contents. A newline or a NUL inside the value would break the
 * one-item-per-line rule or the C string, so they are written as the two
 * characters \n and \0.
 */
static void value_line(cfs_tree *t, cfs_node *dir, const char *file, const xc_attr *a)
{
	/* UTF-16 and UTF-32 never grow past 3 bytes per 2 in UTF-8, other
	 * strings are kept as they are; hex doubles; escapes double. */
	size_t cap = 2 * a->value.len + 1;
	char *raw = malloc(cap), *out = malloc(2 * cap);
	size_t n = 0, j = 0;

	if (!raw || !out) {
		cfs_tree_fail(t);
		goto done;
	}
	if (a->tag == XC_TAG_BIT_STRING ||
	    xc_string_to_utf8(a->tag, a->value, raw, cap, &n) != XC_OK) {
		if (xc_hex(a->value, raw, cap) != XC_OK)
			goto done;
		n = 2 * a->value.len;
	}
	for (size_t i = 0; i < n; i++) {
		if (raw[i] == '\n' || raw[i] == '\0') {
			out[j++] = '\\';
			out[j++] = raw[i] ? 'n' : '0';
		} else {
			out[j++] = raw[i];
		}
	}
	out[j] = '\0';
	cfs_line(t, dir, file, "%s", out);
done:
	free(raw);
	free(out);
}

/* The RFC 4514 string, in a buffer grown until it fits. */
static void rfc4514_file(cfs_tree *t, cfs_node *parent, const char *file, xc_slice name)
{
	size_t cap = 4 * name.len + 64;

	for (int tries = 0; tries < 4; tries++, cap *= 2) {
		char *buf = malloc(cap);
		xc_err e;

		if (!buf) {
			cfs_tree_fail(t);
			return;
		}
		e = xc_name_rfc4514(name, buf, cap, NULL);
		if (e == XC_OK)
			cfs_printf(t, parent, file, "%s", buf);
		free(buf);
		if (e != XC_ERR_BUFFER)
			return;
	}
}

/* see fields.h */
void cfs_fields_name(cfs_tree *t, cfs_node *parent, const char *rfc_name,
		     const char *dname, xc_slice name, xc_slice name_raw)
{
	xc_name_iter it;
	xc_attr a;
	cfs_node *d;

	if (rfc_name)
		rfc4514_file(t, parent, rfc_name, name);
	d = cfs_dir(t, parent, dname);
	xc_name_iter_init(&it, name);
	while (xc_name_next(&it, &a) == XC_OK) {
		const xc_oid_info *info = xc_oid_info_of(xc_oid_lookup(a.oid));
		char dotted[XC_OID_DOTTED_MAX];
		const char *file = dotted;

		if (info && (info->kind & XC_OIDK_NAME))
			file = info->constant;
		else if (xc_oid_to_dotted(a.oid, dotted, sizeof(dotted), NULL) != XC_OK)
			continue;
		value_line(t, d, file, &a);
	}
	cfs_file(t, d, "der", name_raw.p, name_raw.len);
}
