/*
 * issuer/dn.h - a distinguished name from RFC 4514 text, written as DER.
 *
 *   CN=mysite.com,O=My Company,L=San Francisco,ST=CA,C=US
 *
 * RFC 4514 text lists RDNs most specific first; the DER Name lists them
 * in the opposite order (RFC 4514 2.1), as pyca's Name.rfc4514_string()
 * and x509.Name.from_rfc4514_string() (pyca >= 39) do, so that
 * `certissue --subject S` then certfs's `subject` file gives back S.
 *
 *  - attribute types: every NameOID of the pyca reference by the short name
 *    pyca prints (CN, C, L, ST, O, OU, STREET, DC, UID, serialNumber,
 *    surname, givenName, title, generationQualifier, x500UniqueIdentifier,
 *    dnQualifier, pseudonym, userId, domainComponent, emailAddress,
 *    jurisdictionC/ST/L, businessCategory, postalAddress, postalCode,
 *    INN, OGRN, SNILS, unstructuredName, initials, ...; case-insensitive)
 *    or a dotted OID (1.2.3.4=value);
 *  - `+` joins the attributes of a multi-valued RDN (written as a DER SET,
 *    sorted as X.690 11.6 requires);
 *  - RFC 4514 escapes: `\,` `\+` `\"` `\\` `\<` `\>` `\;` `\=` `\ ` `\#`
 *    and `\XX` hex pairs (UTF-8); `#HEX` as a value is the BER of the
 *    value itself (RFC 4514 2.4) and is written as it is;
 *  - string type: what pyca would choose: PrintableString for C (which
 *    must be 2 characters), jurisdictionC and dnQualifier and
 *    serialNumber, IA5String for emailAddress and DC, UTF8String
 *    otherwise; `TYPE:tag=VALUE`-style overrides are not RFC 4514, so a
 *    type is asked for with a suffix on the attribute name:
 *    `CN/printable=x`, `/utf8`, `/ia5`, `/bmp`, `/t61`, `/visible`,
 *    `/universal`, `/numeric`.
 * An empty text is the empty Name (SEQUENCE {}), which RFC 5280 allows
 * for a subject with a critical SAN.
 */
#ifndef CI_DN_H
#define CI_DN_H

#include "der.h"
#include "msg.h"

/* Writes the Name TLV for `text` into w. -1 with m naming the problem and
 * its position ("at 12: unknown attribute type 'XX'") on malformed text. */
int ci_dn_write(ci_der *w, const char *text, ci_msg *m);

/* The string type ci_dn_write gives an attribute of this type (OID
 * contents) when the text does not ask for one: CI_TAG_UTF8 for any OID
 * not in the table above. */
uint8_t ci_dn_default_type(const uint8_t *oid, size_t len);

/* The tag of a string type asked for by name (the suffixes above: utf8,
 * printable, ia5, bmp, t61, visible, universal, numeric; any case), 0 for
 * an unknown name. Shared with the CSR's attributes (cmd_csr.c). */
uint8_t ci_str_type(const char *name, size_t len);

#endif
