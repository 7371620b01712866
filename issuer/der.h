/*
 * issuer/der.h - the issuer's DER writer.
 *
 * Every to-be-signed structure certissue makes (TBSCertificate,
 * CertificationRequestInfo, TBSCertList, each extension's value, a Name,
 * PKCS#8) is written here, so that any extension the pyca reference can
 * express can be expressed. Writing is forward into a caller-owned
 * buffer: ci_der_begin() opens a constructed TLV, ci_der_end() closes it
 * and moves its contents to make room for the definite length, which is
 * only known then (X.690 10.1: the shortest length form). Errors are
 * sticky: after the first one every call is a no-op and ci_der_err()
 * tells which, so a builder writes a whole structure and checks once.
 *
 * The writer never allocates: `buf` and the nesting stack are the
 * caller's (the struct). Depth is bounded by CI_DER_DEPTH.
 */
#ifndef CI_DER_H
#define CI_DER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xc/slice.h>

#define CI_DER_DEPTH 24

/* Tags (X.690 8.1.2): universal, context-specific and constructed. */
#define CI_TAG_BOOLEAN      0x01
#define CI_TAG_INTEGER      0x02
#define CI_TAG_BIT_STRING   0x03
#define CI_TAG_OCTET_STRING 0x04
#define CI_TAG_NULL         0x05
#define CI_TAG_OID          0x06
#define CI_TAG_ENUMERATED   0x0a
#define CI_TAG_UTF8         0x0c
#define CI_TAG_SEQUENCE     0x30
#define CI_TAG_SET          0x31
#define CI_TAG_NUMERIC      0x12
#define CI_TAG_PRINTABLE    0x13
#define CI_TAG_T61          0x14
#define CI_TAG_IA5          0x16
#define CI_TAG_UTCTIME      0x17
#define CI_TAG_GENTIME      0x18
#define CI_TAG_VISIBLE      0x1a
#define CI_TAG_UNIVERSAL    0x1c
#define CI_TAG_BMP          0x1e
#define CI_TAG_CTX(n)       ((uint8_t)(0x80 | (n)))   /* [n] IMPLICIT, primitive */
#define CI_TAG_CTX_CONS(n)  ((uint8_t)(0xa0 | (n)))   /* [n], constructed (EXPLICIT or IMPLICIT SEQUENCE) */

typedef enum ci_der_err {
	CI_DER_OK = 0,
	CI_DER_NOSPACE,     /* the caller's buffer is full */
	CI_DER_TOO_DEEP,    /* more than CI_DER_DEPTH open TLVs (the enum
	                     * value cannot share the limit's name) */
	CI_DER_UNBALANCED,  /* ci_der_end() without a ci_der_begin() */
	CI_DER_OID,         /* a dotted OID that is not one (fewer than two
	                     * arcs, first arc > 2, second > 39 under 0 or 1,
	                     * an arc beyond 64 bits, a leading zero, junk) */
	CI_DER_CHARSET,     /* a character the string type cannot hold
	                     * (PrintableString, IA5String, NumericString,
	                     * VisibleString) or invalid UTF-8 */
	CI_DER_TIME,        /* a time outside 0001..9999 (year 0 neither
	                     * pyca nor the core reads) */
	CI_DER_ARG,         /* anything else a caller passed wrong (unused
	                     * bits > 7, an empty INTEGER, ...) */
} ci_der_err;

typedef struct ci_der {
	uint8_t *buf;
	size_t cap;
	size_t len;                    /* bytes written so far */
	size_t open[CI_DER_DEPTH];     /* where each open TLV's contents start */
	unsigned depth;
	ci_der_err err;                /* the first error; sticky */
} ci_der;

void ci_der_init(ci_der *w, uint8_t *buf, size_t cap);
/* The first error, CI_DER_OK if none; CI_DER_UNBALANCED if a TLV is still open. */
ci_der_err ci_der_finish(const ci_der *w);
const char *ci_der_err_name(ci_der_err e);
/* The bytes written (valid after ci_der_finish() is CI_DER_OK). */
xc_slice ci_der_out(const ci_der *w);

/* A constructed TLV: begin writes the tag, end fills in the length. */
void ci_der_begin(ci_der *w, uint8_t tag);
void ci_der_end(ci_der *w);

/* A primitive TLV with the given contents. */
void ci_der_tlv(ci_der *w, uint8_t tag, const void *p, size_t n);
/* Bytes that are already DER (a Name, an SPKI, an extension copied from a
 * CSR), written as they are. */
void ci_der_raw(ci_der *w, const void *p, size_t n);

/* INTEGER from an unsigned big-endian magnitude: leading zero bytes
 * removed, a 0x00 added when the top bit is set (X.690 8.3.2). An empty or
 * all-zero magnitude is the INTEGER 0. */
void ci_der_uint(ci_der *w, const uint8_t *mag, size_t n);
void ci_der_int(ci_der *w, int64_t v);
/* The same with another tag (ENUMERATED, [n] IMPLICIT INTEGER). */
void ci_der_int_tag(ci_der *w, uint8_t tag, int64_t v);
void ci_der_bool(ci_der *w, bool v);
void ci_der_null(ci_der *w);
/* OID from dotted text ("2.5.29.17"); CI_DER_OID if malformed. */
void ci_der_oid(ci_der *w, const char *dotted);
/* Dotted text into OID contents (out, at most cap bytes); 0 if malformed
 * (the rules above) or longer than cap. */
size_t ci_der_oid_encode(const char *dotted, uint8_t *out, size_t cap);
/* OID contents (already encoded arcs), e.g. from xc/oid.h's tables. */
void ci_der_oid_raw(ci_der *w, const uint8_t *p, size_t n);
/* Only checks `dotted` (the rules of ci_der_oid). */
bool ci_der_oid_valid(const char *dotted);
/* BIT STRING of whole bytes with `unused` (0..7) unused bits at the end. */
void ci_der_bits(ci_der *w, const uint8_t *p, size_t n, unsigned unused);
/* A NamedBitList BIT STRING (key usage, reasons, TLS features' bits):
 * bit 0 is the most significant bit of the first byte, trailing zero bits
 * are removed (X.690 11.2.2), so 0 is an empty BIT STRING (03 01 00). */
void ci_der_named_bits(ci_der *w, uint32_t bits);
/* A string of the given universal type, its characters checked against
 * the type (CI_DER_CHARSET): PRINTABLE, IA5, NUMERIC, VISIBLE check their
 * alphabets; UTF8 checks UTF-8; BMP and UNIVERSAL convert from UTF-8
 * (UCS-2 / UCS-4 big-endian); T61 is written as the bytes given. */
void ci_der_string(ci_der *w, uint8_t tag, const char *s, size_t n);
/* Time as RFC 5280 4.1.2.5 wants it: UTCTime (YYMMDDHHMMSSZ) for
 * 1950..2049, GeneralizedTime (YYYYMMDDHHMMSSZ) otherwise. `t` is seconds
 * since 1970-01-01T00:00:00Z (negative before). */
void ci_der_time(ci_der *w, int64_t t);
/* The value of one hex digit, -1 if c is none. */
int ci_hex_digit(int c);
/* Hex text (pairs, no separators) into out; -1 on an odd length, a
 * non-hex character or more than cap bytes. */
int ci_hex_decode(const char *s, uint8_t *out, size_t cap, size_t *n);
/* True if p[0..n) is exactly one well-formed DER TLV (the core's reader:
 * for values a user gives as hex, so they parse back). */
bool ci_der_is_one_tlv(const uint8_t *p, size_t n);
/* Same as ci_der_named_bits with another tag ([n] IMPLICIT BIT STRING). */
void ci_der_named_bits_tag(ci_der *w, uint8_t tag, uint32_t bits);
/* Always GeneralizedTime (invalidityDate, RFC 5280 5.3.2). */
void ci_der_gentime(ci_der *w, int64_t t);

#endif
