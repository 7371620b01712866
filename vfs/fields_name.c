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
 * its contents. A newline or a NUL inside it is escaped by cfs_text_line.
 */
static void value_line(cfs_tree *t, cfs_node *dir, const char *file, const xc_attr *a)
{
	/* UTF-16 and UTF-32 never grow past 3 bytes per 2 in UTF-8, other
	 * strings are kept as they are; hex doubles. */
	size_t cap = 2 * a->value.len + 1;
	char *raw = malloc(cap);
	size_t n = 0;

	if (!raw) {
		cfs_tree_fail(t);
		return;
	}
	if (a->tag == XC_TAG_BIT_STRING ||
	    xc_string_to_utf8(a->tag, a->value, raw, cap, &n) != XC_OK) {
		if (xc_hex(a->value, raw, cap) != XC_OK)
			goto done;
		n = 2 * a->value.len;
	}
	cfs_text_line(t, dir, file, raw, n);
done:
	free(raw);
}

/* The RFC 4514 string, in a buffer grown until it fits; the formatter's
 * error, or XC_OK (also when out of memory: the tree is failed then). */
static xc_err rfc4514_file(cfs_tree *t, cfs_node *parent, const char *file, xc_slice name)
{
	size_t cap = 4 * name.len + 64;
	xc_err e = XC_ERR_BUFFER;

	for (int tries = 0; tries < 4 && e == XC_ERR_BUFFER; tries++, cap *= 2) {
		char *buf = malloc(cap);

		if (!buf) {
			cfs_tree_fail(t);
			return XC_OK;
		}
		e = xc_name_rfc4514(name, buf, cap, NULL);
		if (e == XC_OK && file)
			cfs_printf(t, parent, file, "%s", buf);
		free(buf);
	}
	return e == XC_ERR_BUFFER ? XC_OK : e;
}

/* see fields.h */
void cfs_fields_name(cfs_tree *t, cfs_node *parent, const char *rfc_name,
		     const char *dname, xc_slice name, xc_slice name_raw,
		     const uint8_t *base)
{
	xc_name_iter it;
	xc_attr a;
	cfs_node *d;
	xc_err e = rfc4514_file(t, parent, rfc_name, name);

	d = cfs_dir(t, parent, dname);
	if (e) {
		/* The formatter says whether; xc_name_error says where. */
		size_t off = (size_t)(name.p - base);
		xc_err ne = xc_name_error(name, base, &off);

		if (ne)
			e = ne;
		if (rfc_name)
			cfs_field_error(t, parent, rfc_name, e, off);
		cfs_field_error(t, d, NULL, e, off);
	}
	xc_name_iter_init(&it, name);
	while (e != XC_ERR_RDN_EMPTY && xc_name_next(&it, &a) == XC_OK) {
		const xc_oid_info *info = xc_oid_info_of(xc_oid_lookup(a.oid));
		char dotted[XC_OID_DOTTED_MAX];
		const char *file = dotted;

		/* pyca's RDN is a set: a repeat is there once. */
		if (a.index_in_rdn && xc_name_attr_repeats(name, &a))
			continue;
		if (info && (info->kind & XC_OIDK_NAME))
			file = info->constant;
		else if (xc_oid_to_dotted(a.oid, dotted, sizeof(dotted), NULL) != XC_OK)
			continue;
		value_line(t, d, file, &a);
	}
	cfs_file(t, d, "der", name_raw.p, name_raw.len);
}
