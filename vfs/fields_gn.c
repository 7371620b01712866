/*
 * vfs/fields_gn.c - the values inside extensions: GeneralNames as files
 * (cfs_fields_general_names, fields.h) and the line writers that
 * fields_ext.c's decoders share (fields_gn.h).
 *
 * Every text value follows the one rule of docs/ABI.md: one item per
 * line, integers in decimal, OIDs dotted, strings as pyca shows them. A
 * writer that cannot format its value returns the core's error with the
 * offset in the extension's value, so the whole extension shows `error`.
 */
#include "fields_gn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* see fields_gn.h */
xc_err cfs_x_fail(cfs_xdec *x, xc_err e, const uint8_t *p)
{
	x->off = (p && p >= x->base) ? (size_t)(p - x->base) : 0;
	return e;
}

/* see fields_gn.h */
void cfs_x_oom(cfs_tree *t)
{
	/* the way tree.c marks it: a node with no parent is refused */
	cfs_file(t, NULL, "", NULL, 0);
}

/*
 * XC_OID_DOTTED_MAX covers OIDs of up to 64 octets, and pyca shows longer
 * ones too: each octet carries 7 bits, under 2.2 decimal digits, and adds
 * at most one dot.
 */
/* see fields_gn.h */
xc_err cfs_x_dotted(xc_slice oid, char **out)
{
	size_t cap = 3 * oid.len + 8;
	xc_err e;

	*out = malloc(cap);
	if (!*out)
		return XC_OK;
	e = xc_oid_to_dotted(oid, *out, cap, NULL);
	if (e) {
		free(*out);
		*out = NULL;
	}
	return e;
}

/* see fields_gn.h */
xc_err cfs_x_oid_line(cfs_xdec *x, cfs_node *dir, const char *file, xc_slice oid)
{
	char *buf;
	xc_err e = cfs_x_dotted(oid, &buf);

	if (e)
		return cfs_x_fail(x, e, oid.p);
	if (!buf)
		cfs_x_oom(x->t);
	else
		cfs_line(x->t, dir, file, "%s", buf);
	free(buf);
	return XC_OK;
}

/* see fields_gn.h */
xc_err cfs_x_int_line(cfs_xdec *x, cfs_node *dir, const char *file, xc_slice v)
{
	size_t cap = XC_INT_DEC_MAX(v.len);
	char *buf = malloc(cap);
	xc_err e;

	if (!buf) {
		cfs_x_oom(x->t);
		return XC_OK;
	}
	e = xc_int_to_dec(v, buf, cap, NULL);
	if (e == XC_OK)
		cfs_line(x->t, dir, file, "%s", buf);
	free(buf);
	return e ? cfs_x_fail(x, e, v.p) : XC_OK;
}

/* see fields_gn.h */
void cfs_x_bool(cfs_tree *t, cfs_node *dir, const char *file, bool b)
{
	cfs_printf(t, dir, file, "%s", b ? "true" : "false");
}

/* see fields_gn.h */
xc_err cfs_x_utf8_line(cfs_xdec *x, cfs_node *dir, const char *file, uint32_t tag, xc_slice v)
{
	/* UTF-16 and UTF-32 never grow past 3 bytes per 2 in UTF-8. */
	size_t cap = 2 * v.len + 1, n;
	char *buf = malloc(cap);
	xc_err e;

	if (!buf) {
		cfs_x_oom(x->t);
		return XC_OK;
	}
	e = xc_string_to_utf8(tag, v, buf, cap, &n);
	if (e == XC_OK)
		cfs_text_line(x->t, dir, file, buf, n);
	free(buf);
	return e ? cfs_x_fail(x, e, v.p) : XC_OK;
}

/* The buffer grows until the string fits. */
/* see fields_gn.h */
xc_err cfs_x_rfc4514_line(cfs_xdec *x, cfs_node *dir, const char *file, xc_slice name,
			  bool rdn)
{
	size_t cap = 4 * name.len + 64;

	for (int tries = 0; tries < 4; tries++, cap *= 2) {
		char *buf = malloc(cap);
		size_t n = 0, len;
		xc_err e = XC_OK;

		if (!buf) {
			cfs_x_oom(x->t);
			return XC_OK;
		}
		if (rdn) {
			/* pyca's RelativeDistinguishedName.rfc4514_string():
			 * the attributes in DER order joined by "+". */
			xc_rdn_iter it;
			xc_attr a;

			xc_rdn_iter_init(&it, name);
			while (e == XC_OK && xc_rdn_next(&it, &a) == XC_OK) {
				if (n && n + 1 < cap)
					buf[n++] = '+';
				e = xc_attr_rfc4514(&a, buf + n, cap - n, &len);
				if (e == XC_OK)
					n += len;
				else if (e != XC_ERR_BUFFER)
					cfs_x_fail(x, e, a.raw_value.p);
			}
		} else {
			e = xc_name_rfc4514(name, buf, cap, &n);
			if (e && e != XC_ERR_BUFFER)
				cfs_x_fail(x, e, name.p);
		}
		if (e == XC_OK)
			cfs_text_line(x->t, dir, file, buf, n);
		free(buf);
		if (e != XC_ERR_BUFFER)
			return e;
	}
	return cfs_x_fail(x, XC_ERR_BUFFER, name.p);
}

/* ---- general names ------------------------------------------------------ */

/* see fields_gn.h */
xc_err cfs_x_gn(cfs_xdec *x, cfs_node *dir, const xc_gn *g, bool network)
{
	const char *file = xc_gn_type_name(g->type);
	char buf[XC_GN_IP_STR];
	xc_err e;

	switch (g->type) {
	case XC_GN_RFC822_NAME:
	case XC_GN_DNS_NAME:
	case XC_GN_URI:
		/* IA5String bytes the core checked as UTF-8, shown as pyca
		 * shows them */
		cfs_text_line(x->t, dir, file, (const char *)g->value.p, g->value.len);
		return XC_OK;
	case XC_GN_DIRECTORY_NAME:
		return cfs_x_rfc4514_line(x, dir, file, g->value, false);
	case XC_GN_IP_ADDRESS:
		e = xc_gn_ip_format(g->value, network, buf, sizeof(buf), NULL);
		if (e)
			return cfs_x_fail(x, e, g->raw.p);
		cfs_line(x->t, dir, file, "%s", buf);
		return XC_OK;
	case XC_GN_REGISTERED_ID:
		return cfs_x_oid_line(x, dir, file, g->value);
	case XC_GN_OTHER_NAME: {
		char *oid = NULL, *hex = malloc(2 * g->value.len + 1);

		e = cfs_x_dotted(g->other_oid, &oid);
		if (e == XC_OK && (!oid || !hex))
			cfs_x_oom(x->t);
		else if (e == XC_OK && (e = xc_hex(g->value, hex, 2 * g->value.len + 1)) == XC_OK)
			cfs_line(x->t, dir, file, "%s:%s", oid, hex);
		free(oid);
		free(hex);
		return e ? cfs_x_fail(x, e, g->raw.p) : XC_OK;
	}
	case XC_GN_X400_ADDRESS:
	case XC_GN_EDI_PARTY_NAME: {
		/* pyca 38 has no class for these: the GeneralName's DER */
		char *hex = malloc(2 * g->raw.len + 1);

		if (!hex) {
			cfs_x_oom(x->t);
			return XC_OK;
		}
		xc_hex(g->raw, hex, 2 * g->raw.len + 1);
		cfs_line(x->t, dir, file, "%s", hex);
		free(hex);
		return XC_OK;
	}
	}
	return XC_OK;
}

/* see fields_gn.h */
xc_err cfs_x_gns(cfs_xdec *x, cfs_node *dir, xc_slice gns, bool network)
{
	xc_gn_iter it;
	xc_gn g;
	xc_err e;

	xc_gn_iter_init(&it, gns);
	while ((e = xc_gn_next(&it, &g)) == XC_OK)
		if ((e = cfs_x_gn(x, dir, &g, network)))
			return e;
	return e == XC_END ? XC_OK : cfs_x_fail(x, e, gns.p);
}

/* see fields_gn.h */
xc_err cfs_x_gns_dir(cfs_xdec *x, cfs_node *parent, const char *name, xc_slice gns,
		     size_t count)
{
	if (!count)
		return XC_OK;
	return cfs_x_gns(x, cfs_dir(x->t, parent, name), gns, false);
}

/* see fields.h */
void cfs_fields_general_names(cfs_tree *t, cfs_node *dir, xc_slice gns, bool network)
{
	cfs_xdec x = { t, gns.p, 0 };
	xc_gn_iter it;
	xc_gn g;

	/* No error to report here: a name that cannot be shown is left out. */
	xc_gn_iter_init(&it, gns);
	while (xc_gn_next(&it, &g) == XC_OK)
		cfs_x_gn(&x, dir, &g, network);
}
