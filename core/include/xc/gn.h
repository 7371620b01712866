/*
 * xc/gn.h - GeneralName and GeneralNames (RFC 5280 4.2.1.6).
 *
 *   GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
 *   GeneralName ::= CHOICE {
 *       otherName                 [0] OtherName,
 *       rfc822Name                [1] IA5String,
 *       dNSName                   [2] IA5String,
 *       x400Address               [3] ORAddress,
 *       directoryName             [4] Name,
 *       ediPartyName              [5] EDIPartyName,
 *       uniformResourceIdentifier [6] IA5String,
 *       iPAddress                 [7] OCTET STRING,
 *       registeredID              [8] OBJECT IDENTIFIER }
 *   OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER,
 *                            value [0] EXPLICIT ANY DEFINED BY type-id }
 *
 * x400Address and ediPartyName are reported as their own types with their
 * raw bytes; pyca/cryptography raises UnsupportedGeneralNameType for them.
 *
 * What pyca 38 accepts, and so what these functions accept:
 *  - rfc822Name, dNSName and URI bytes must be valid UTF-8 (pyca decodes
 *    them as UTF-8 and does not require ASCII); XC_ERR_STRING otherwise.
 *  - iPAddress: 4 or 16 bytes are an address; 8 or 32 bytes are an
 *    address and a netmask (in any GeneralName, not only in name
 *    constraints), the mask contiguous and no host bits set (Python's
 *    ipaddress.ip_network(strict=True)); anything else is
 *    XC_ERR_EXT_VALUE.
 *  - An empty GeneralNames SEQUENCE is accepted (pyca builds an empty
 *    list); callers whose grammar says SIZE (1..MAX) check the count.
 */
#ifndef XC_GN_H
#define XC_GN_H

#include "der.h"

typedef enum xc_gn_type {
	XC_GN_OTHER_NAME = 0,
	XC_GN_RFC822_NAME = 1,
	XC_GN_DNS_NAME = 2,
	XC_GN_X400_ADDRESS = 3,
	XC_GN_DIRECTORY_NAME = 4,
	XC_GN_EDI_PARTY_NAME = 5,
	XC_GN_URI = 6,
	XC_GN_IP_ADDRESS = 7,
	XC_GN_REGISTERED_ID = 8,
} xc_gn_type;

typedef struct xc_gn {
	xc_gn_type type;
	xc_slice raw;           /* the whole GeneralName TLV */
	/* rfc822Name, dNSName, URI: the IA5String's bytes;
	 * iPAddress: the address bytes (4 or 16), or address and mask (8 or 32);
	 * registeredID: OID contents;
	 * directoryName: the Name's contents (see xc/name.h);
	 * otherName: the value's whole TLV (inside the [0] EXPLICIT);
	 * x400Address, ediPartyName: the [3]/[5] contents. */
	xc_slice value;
	xc_slice other_oid;     /* otherName: type-id OID contents */
} xc_gn;

typedef struct xc_gn_iter {
	xc_der d;
} xc_gn_iter;

/* Reads one GeneralName from a reader, checking it (a directoryName's
 * Name is checked with xc_name_check, an otherName's structure, a
 * registeredID's OID, the IA5String and iPAddress rules above). Errors are
 * recorded in the reader with their position. */
xc_err xc_gn_read(xc_der *d, xc_gn *out);

/* Checks the contents of a GeneralNames SEQUENCE (zero or more names, as
 * pyca accepts).
 * *count (may be NULL) gets the number of names; *off (may be NULL) the
 * error's offset from base. */
xc_err xc_gns_check(xc_slice gns, const uint8_t *base, size_t *off, size_t *count);

/* Iterates checked GeneralNames contents. */
void xc_gn_iter_init(xc_gn_iter *it, xc_slice gns);
xc_err xc_gn_next(xc_gn_iter *it, xc_gn *out);

/* The vfs file name of a type, as pyca's class name in snake case:
 * "other_name", "rfc822_name", "dns_name", "x400_address",
 * "directory_name", "edi_party_name", "uniform_resource_identifier",
 * "ip_address", "registered_id". */
const char *xc_gn_type_name(xc_gn_type t);

/* Formats an iPAddress as pyca (Python's ipaddress) prints it: 4 bytes
 * "192.0.2.1"; 16 bytes RFC 5952 text ("2001:db8::1", lowercase, the
 * longest run of two or more zero groups compressed, the first on ties,
 * no dotted form: ::ffff:1.2.3.4 is "::ffff:102:304"); 8 or 32 bytes
 * address+mask as "10.0.0.0/8", "2001:db8::/32". With `network` (name
 * constraints, where pyca requires networks) only 8 or 32 bytes are
 * accepted. XC_ERR_EXT_VALUE for another length, a mask that is not a
 * prefix, or host bits set. NUL-terminated; *len (may be NULL) gets the
 * length; XC_GN_IP_STR bytes always suffice. */
#define XC_GN_IP_STR 48
xc_err xc_gn_ip_format(xc_slice ip, bool network, char *buf, size_t cap, size_t *len);

#endif
