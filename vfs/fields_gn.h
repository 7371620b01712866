/*
 * vfs/fields_gn.h - private to fields_ext.c and fields_gn.c: the writers
 * of the values inside extensions (one text item per call, as the rules
 * of docs/ABI.md want it) and GeneralNames.
 *
 * A writer that cannot format its value (a string that does not decode,
 * an OID with an arc past 64 bits, an iPAddress that is no network)
 * returns the core's error and records where it is, as an offset from
 * x->base (the object's DER, or the extension's value), in the cfs_xdec:
 * the extension then shows `error` instead of its decoded files. Out of memory is not such
 * an error: it marks the tree failed (tree.h) and the writer returns
 * XC_OK.
 */
#ifndef CFS_FIELDS_GN_H
#define CFS_FIELDS_GN_H

#include "fields.h"

/* The value being decoded: the tree written to, where offsets count from
 * (the object's DER, else the value's first byte), and the offset of the
 * last error. */
typedef struct cfs_xdec {
	cfs_tree *t;
	const uint8_t *base;
	size_t off;
} cfs_xdec;

/* Records that the error e is at p (inside the value); returns e. */
xc_err cfs_x_fail(cfs_xdec *x, xc_err e, const uint8_t *p);

/* Marks t failed: out of memory. */
void cfs_x_oom(cfs_tree *t);


/* An OID's dotted form, malloc'd into *out, whatever its length. An error
 * of xc_oid_to_dotted(), or XC_OK with *out NULL when out of memory. */
xc_err cfs_x_dotted(xc_slice oid, char **out);

/* One line of `file` each: an OID dotted, an INTEGER's contents in
 * decimal (any size, negative with "-"), a string of ASN.1 type tag in
 * UTF-8 (xc_string_to_utf8), an RFC 4514 string of a Name's contents or,
 * with rdn, of one RDN's (pyca's RelativeDistinguishedName: its
 * attributes in DER order joined by "+"). */
xc_err cfs_x_oid_line(cfs_xdec *x, cfs_node *dir, const char *file, xc_slice oid);
xc_err cfs_x_int_line(cfs_xdec *x, cfs_node *dir, const char *file, xc_slice v);
xc_err cfs_x_utf8_line(cfs_xdec *x, cfs_node *dir, const char *file, uint32_t tag, xc_slice v);
xc_err cfs_x_rfc4514_line(cfs_xdec *x, cfs_node *dir, const char *file, xc_slice name,
			  bool rdn);

/* The file `file`: "true" or "false". */
void cfs_x_bool(cfs_tree *t, cfs_node *dir, const char *file, bool b);

/* One GeneralName as a line of its type's file in dir (fields.h,
 * cfs_fields_general_names, for the files and formats); `network` for
 * name constraints' iPAddress. */
xc_err cfs_x_gn(cfs_xdec *x, cfs_node *dir, const xc_gn *g, bool network);

/* Every name of checked GeneralNames contents, in DER order. */
xc_err cfs_x_gns(cfs_xdec *x, cfs_node *dir, xc_slice gns, bool network);

/* The same into the subdirectory `name` of parent, which is made only
 * when count > 0: an empty list is no directory. */
xc_err cfs_x_gns_dir(cfs_xdec *x, cfs_node *parent, const char *name, xc_slice gns,
		     size_t count);

#endif
