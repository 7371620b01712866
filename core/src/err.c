/* Error names and descriptions: see xc/err.h. Both come from its one list,
 * XC_ERR_LIST, in switches without a default, so -Wswitch-enum names a
 * value that is missing. */
#include "inner.h"

const char *xc_strerror(xc_err e)
{
	switch (e) {
	case XC_OK: return "success";
	case XC_END: return "no more items";
	case XC_NOT_FOUND: return "not found";
#define XC_ERR_DESC(name, init, desc) case XC_ERR_##name: return desc;
	XC_ERR_LIST(XC_ERR_DESC)
#undef XC_ERR_DESC
	case XC_ERR_LAST: break;
	}
	return "unknown error";
}

const char *xc_errname(xc_err e)
{
	switch (e) {
	case XC_OK: return "OK";
	case XC_END: return "END";
	case XC_NOT_FOUND: return "NOT_FOUND";
#define XC_ERR_NAME(name, init, desc) case XC_ERR_##name: return #name;
	XC_ERR_LIST(XC_ERR_NAME)
#undef XC_ERR_NAME
	case XC_ERR_LAST: break;
	}
	return "UNKNOWN";
}
