/*
 * path_rules_tmp.c - TEMPORARY permissive stand-ins for the whole-path
 * rules of path_inner.h (name constraints, policies, peer name), so the
 * builder links until vrules' path_nc.c, path_policy.c and path_name.c
 * are merged; delete this file then. Every rule here accepts.
 */
#include "path_inner.h"

#include <xc/name.h>

/* Tells tests/core/test_pkits.c (by a weak reference) that the rules are
 * these stand-ins, so PKITS 4.8-4.13 are reported, not asserted. */
extern const int xc__path_rules_tmp;
const int xc__path_rules_tmp = 1;

/* See path_inner.h. */
bool xc__self_issued(const xc_cert *c)
{
	return xc_name_equal(c->issuer, c->subject);
}

/* See path_inner.h: TEMPORARY, accepts every path. */
xc_path_err xc__path_nc_check(const xc__path_view *p, size_t *failed)
{
	(void)p;
	*failed = 0;
	return XC_PATH_OK;
}

/* See path_inner.h: TEMPORARY, accepts every path. */
xc_path_err xc__path_policy_check(const xc__path_view *p, xc__policy_work *w, size_t *failed)
{
	(void)p;
	(void)w;
	*failed = 0;
	return XC_PATH_OK;
}

/* See path_inner.h: TEMPORARY, accepts every path. */
xc_path_err xc__path_name_check(const xc__path_view *p, size_t *failed)
{
	(void)p;
	*failed = 0;
	return XC_PATH_OK;
}

/* See xc/path.h: TEMPORARY, classifies nothing. */
xc_err xc_peer_name_parse(xc_peer_name *out, const char *s, size_t len, uint8_t ip[16])
{
	(void)s;
	(void)len;
	(void)ip;
	out->kind = XC_PEER_NONE;
	return XC_ERR_ARG;
}
