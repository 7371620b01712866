/*
 * path_dns.h - the host-name helpers that the name-constraint rules
 * (path_nc.c) and the peer-name check (path_name.c) share, so that both
 * read a dNSName by the one syntax and compare it by the one rule.
 * Defined in path_name.c.
 */
#ifndef XC_PATH_DNS_H
#define XC_PATH_DNS_H

#include "path_inner.h"

/* True if `s` is a host name in the preferred name syntax (RFC 1034 3.5
 * as RFC 1123 2.1 relaxes it): labels of 1 to 63 letters, digits and
 * hyphens, not starting or ending with a hyphen, separated by single
 * dots, 253 bytes at most, no leading or trailing dot. An IDNA A-label
 * ("xn--...") is such a label. With `wildcard`, the first label may be
 * exactly "*" when at least two labels follow it (RFC 9525 6.3: a whole
 * leftmost label only; "*" alone and "*.tld" are refused, the web PKI's
 * public-suffix rule approximated by its commonest case). */
bool xc__dns_valid(xc_slice s, bool wildcard);

/* True if `name` equals `suffix` or ends with "." + suffix, ASCII case
 * folded: the label-boundary suffix match of RFC 5280 4.2.1.10. An empty
 * suffix matches every name. */
bool xc__dns_within(xc_slice name, xc_slice suffix);

/* ASCII case-insensitive equality of two byte strings. */
bool xc__ascii_ieq(xc_slice a, xc_slice b);

#endif
