/*
 * issuer/gn.h - a GeneralName (RFC 5280 4.2.1.6) from TYPE:VALUE text.
 *
 *   dns:example.com            dNSName (IA5String; `*.example.com` allowed)
 *   email:user@example.com     rfc822Name
 *   uri:https://example.com/   uniformResourceIdentifier
 *   ip:192.0.2.1  ip:2001:db8::1
 *                              iPAddress (4 or 16 bytes)
 *   ip:192.0.2.0/24  ip:2001:db8::/32
 *                              only where `allow_net` (name constraints):
 *                              address and mask, 8 or 32 bytes
 *   dirname:CN=x,O=y           directoryName (RFC 4514 text, dn.h)
 *   rid:1.2.3.4                registeredID
 *   othername:OID;TYPE:VALUE   otherName with OID and a value given as
 *                              utf8:TEXT, ia5:TEXT, printable:TEXT, or
 *                              der:HEX (any DER), e.g. a UPN
 *                              othername:1.3.6.1.4.1.311.20.2.3;utf8:a@b
 * Type names are case-insensitive. A value the type cannot hold (an
 * address that does not parse, a non-IA5 dNSName, an empty value) is an
 * error naming it.
 */
#ifndef CI_GN_H
#define CI_GN_H

#include <stdbool.h>

#include "der.h"
#include "msg.h"

int ci_gn_write(ci_der *w, const char *text, bool allow_net, ci_msg *m);

#endif
