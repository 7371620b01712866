/*
 * xc/name.h - X.501 Names: iteration, string decoding, RFC 4514.
 *
 *   Name ::= SEQUENCE OF RelativeDistinguishedName
 *   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 *   AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }
 *
 * A name is a slice (the Name's contents, inside its SEQUENCE). Its
 * structure is checked by xc_name_check(); the certificate, CRL and CSR
 * parsers call it, so names they hand out iterate without structural errors.
 */
#ifndef XC_NAME_H
#define XC_NAME_H

#include "der.h"
#include "err.h"
#include "slice.h"

/* One AttributeTypeAndValue, in DER order. */
typedef struct xc_attr {
	xc_slice oid;           /* type: OID contents */
	uint32_t tag;           /* value's tag (XC_TAG_UTF8_STRING, ...) */
	xc_slice value;         /* value's contents octets */
	xc_slice raw_value;     /* value's whole TLV */
	size_t rdn;             /* index of its RDN (0 = first in DER order) */
	size_t index_in_rdn;    /* 0 for the first attribute of its RDN */
} xc_attr;

typedef struct xc_name_iter {
	xc_der outer;           /* over the RDN sequence */
	xc_der rdn;             /* over the current RDN's SET */
	size_t rdn_index;
	size_t attr_index;
	bool in_rdn;
} xc_name_iter;

/* Checks a Name's structure (the contents of its SEQUENCE): every RDN a
 * SET of AttributeTypeAndValue in DER order (XC_ERR_SET_ORDER otherwise,
 * as pyca refuses it), each a valid OID and one TLV.
 * `base` is the start of the caller's outer buffer, for *off (may be NULL).
 *
 * An empty RDN (a SET with no attribute) breaks SIZE (1..MAX), but pyca 38
 * loads an object whose subject or issuer holds one and raises only when
 * the name is read: it is the name's error, not the object's. So the whole
 * name is checked first, and only a name that is otherwise well formed
 * gives XC_ERR_RDN_EMPTY, with *off at its first empty SET. The object
 * parsers keep such a name (xc_name_next, xc_name_rfc4514 then give
 * XC_ERR_RDN_EMPTY for it); a Name inside an extension (a directoryName)
 * is refused with it, as pyca refuses that extension. */
xc_err xc_name_check(xc_slice name, const uint8_t *base, size_t *off);

/* Iterates the attributes of a checked name in DER order: RDN by RDN, and
 * within a multi-valued RDN in the order of its SET. xc_name_next returns
 * XC_OK with an attribute, XC_END after the last, XC_ERR_RDN_EMPTY at an
 * empty RDN (the attributes before it came out), or an error for a name
 * that was not checked. */
void xc_name_iter_init(xc_name_iter *it, xc_slice name);
xc_err xc_name_next(xc_name_iter *it, xc_attr *out);

/* True if `a`, from xc_name_next() over `name`, equals an earlier
 * attribute of its RDN (same OID, same decoded text, whatever the string
 * types). pyca's RDN is a set and drops such a repeat: xc_name_rfc4514
 * prints it once, and a list of the name's attributes as pyca iterates
 * them skips it. Two attributes of one type with different values are no
 * repeat: both are printed, "+"-joined. */
bool xc_name_attr_repeats(xc_slice name, const xc_attr *a);

/* Number of RDNs and attributes of a checked name. */
size_t xc_name_rdn_count(xc_slice name);
size_t xc_name_attr_count(xc_slice name);

/* Decodes a string value to UTF-8 into buf, NUL-terminated; *len (may be
 * NULL) gets the length without the NUL. UTF8String must be valid UTF-8;
 * BMPString is UTF-16BE (surrogate pairs decoded, lone surrogates
 * rejected); UniversalString is UTF-32BE. Every other tag is taken as
 * UTF-8, as pyca does (PrintableString, IA5String, T61String, ...); bytes
 * that are not valid UTF-8 give XC_ERR_STRING. A BIT STRING value is not a
 * string (XC_ERR_STRING): RFC 4514 formats it as #hex. */
xc_err xc_string_to_utf8(uint32_t tag, xc_slice value, char *buf, size_t cap, size_t *len);

/* Formats a checked name as pyca/cryptography's Name.rfc4514_string():
 * RDNs in reverse DER order joined by ",", attributes of one RDN in DER
 * order joined by "+", each "KEY=value" where KEY is CN, L, ST, O, OU, C,
 * STREET, DC or UID, else the dotted OID; values escaped as pyca does
 * (\\ \" \+ \, \; \< \> and NUL as \00, a leading # or space and a
 * trailing space escaped); a BIT STRING value as #hex of its contents.
 * An attribute equal to an earlier one of its RDN (same OID, same decoded
 * text, whatever the string types) is printed once, as pyca's RDN is a set.
 * Output NUL-terminated into buf; *len (may be NULL) gets its length.
 * Errors: XC_ERR_STRING for a value that does not decode, XC_ERR_RDN_EMPTY
 * for a name with an empty RDN, XC_ERR_BUFFER. */
xc_err xc_name_rfc4514(xc_slice name, char *buf, size_t cap, size_t *len);

/* Formats one attribute the same way ("CN=Good CA"). */
xc_err xc_attr_rfc4514(const xc_attr *a, char *buf, size_t cap, size_t *len);

/* The name's own error, where pyca loads the object and raises on the
 * name (its rfc4514_string and its attributes alike), and where it is:
 * XC_ERR_RDN_EMPTY with *off at the first empty RDN, else XC_ERR_STRING
 * with *off at the first value (in DER order) that is no string of its
 * type, else XC_OK. *off (may be NULL) counts from `base` (NULL: the
 * name's start). For a field's error message ("... at byte N"). */
xc_err xc_name_error(xc_slice name, const uint8_t *base, size_t *off);

/* The attributes of one checked RDN (the contents of its SET: a Name's
 * RDN, or a DistributionPoint's relative_name), in DER order; rdn is 0
 * and index_in_rdn counts from 0. The one RDN walker (name_eq.c). */
typedef struct xc_rdn_iter {
	xc_der d;
	size_t index;
} xc_rdn_iter;
void xc_rdn_iter_init(xc_rdn_iter *it, xc_slice rdn);
xc_err xc_rdn_next(xc_rdn_iter *it, xc_attr *out);

/* Comparing and hashing Names (name_eq.c).
 *
 * RFC 5280 7.1 name comparison of two checked Names (contents, as in
 * xc_cert.subject): the same number of RDNs, each the same multiset of
 * attributes in any order within the RDN. Values of the string types
 * (PrintableString, UTF8String, IA5String, T61String, BMPString,
 * UniversalString, VisibleString) compare after decoding to UTF-8, ASCII
 * case folding and whitespace compression (leading and trailing spaces
 * removed, inner runs made one space: RFC 4518 simplified to ASCII), so a
 * PrintableString equals a UTF8String of the same text. Other values, and
 * string values over 1024 bytes or that do not decode, compare byte for
 * byte as whole TLVs. */
bool xc_name_equal(xc_slice a, xc_slice b);

/* Longest decoded string value xc_name_equal() normalises (bytes). */
#define XC_NAME_VALUE_MAX 1024

/* The normal form xc_name_equal() compares a string value by, into buf
 * (cap >= XC_NAME_VALUE_MAX + 1 bytes suffices; not NUL-terminated), for
 * callers that hash names consistently with it (an index of subjects):
 * true with *len set; false when xc_name_equal() compares the value as
 * its raw TLV instead (not a string type, does not decode, too long). */
bool xc_attr_normal_form(const xc_attr *a, char *buf, size_t cap, size_t *len);

/* A 64-bit hash of a checked Name that agrees with xc_name_equal(): two
 * names it calls equal hash alike (RDNs in order, the attributes of an
 * RDN combined without order, string values by their normal form). For
 * indexes of subjects and issuers (vfs/index.c). Not a cryptographic
 * hash: use it to find candidates, then compare with xc_name_equal(). */
uint64_t xc_name_hash(xc_slice name);

/* OpenSSL's name hash (name_openssl.c).
 *
 * OpenSSL's canonical encoding of a checked Name (x509_name_canon() in
 * crypto/x509/x_name.c), into buf: for each RDN in DER order the DER of
 * its SET, with every value of type UTF8String, PrintableString,
 * T61String, IA5String, VisibleString, BMPString or UniversalString made
 * a UTF8String of its text (one-byte types read as Latin-1, as OpenSSL
 * reads them), ASCII whitespace trimmed at both ends and each inner run
 * made one space, ASCII letters lowercased; other values as they are; the
 * SET re-sorted in DER order; no outer SEQUENCE (an empty Name gives no
 * bytes). cap >= XC_NAME_CANON_MAX(name.len) always suffices (a smaller
 * buffer may give XC_ERR_BUFFER even when the result would fit: headers
 * are reserved before their length is known). *len (may be NULL) gets the
 * length. Errors: XC_ERR_STRING for a value OpenSSL cannot convert
 * (invalid UTF-8, a BMPString or UniversalString of the wrong length, a
 * surrogate, a code point past U+10FFFF: OpenSSL refuses to load such a
 * name), XC_ERR_RDN_EMPTY, XC_ERR_BUFFER. */
#define XC_NAME_CANON_MAX(n) (2 * (n) + 16)
xc_err xc_name_canon_openssl(xc_slice name, uint8_t *buf, size_t cap, size_t *len);

/* X509_NAME_hash_ex(): the first four bytes of SHA-1 over that encoding,
 * little-endian, as `openssl x509 -subject_hash` prints it with "%08x"
 * and c_rehash names its links. buf is the workspace of
 * xc_name_canon_openssl (same cap rule); its errors, or XC_ERR_CRYPTO;
 * *hash is 0 on error. */
xc_err xc_name_hash_openssl(xc_slice name, uint8_t *buf, size_t cap, uint32_t *hash);

/* The name as `openssl x509 -subject -nameopt RFC2253` prints it
 * (X509_NAME_print_ex with XN_FLAG_RFC2253), into buf, NUL-terminated;
 * *len (may be NULL) gets its length. Unlike xc_name_rfc4514 (pyca's
 * form): attributes last to first including within a multi-valued RDN,
 * OpenSSL's short names (emailAddress, serialNumber, street, GN, ...;
 * name_openssl.c lists them), a type without one dotted and its value
 * dumped as #hex of its DER, as is any value of a non-string type; every
 * byte of a non-ASCII character and every control byte escaped as \XX
 * (uppercase hex), one-byte string types read as Latin-1, duplicates
 * kept. Errors: XC_ERR_STRING (a value that does not decode at its
 * type's width), XC_ERR_RDN_EMPTY and the other xc_name_check errors,
 * XC_ERR_BUFFER. XC_NAME_RFC2253_MAX(name.len) bytes always suffice (a
 * byte of the name gives at most six: a Latin-1 one two escaped UTF-8
 * bytes, "\C3\A9"). */
#define XC_NAME_RFC2253_MAX(n) (6 * (n) + 64)
xc_err xc_name_openssl_rfc2253(xc_slice name, char *buf, size_t cap, size_t *len);

#endif
