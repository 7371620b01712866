/*
 * xc/err.h - the core's one error type.
 *
 * Every core function that can fail returns an xc_err. Functions that parse
 * a buffer also report the byte offset where parsing stopped (an `off`
 * out-parameter, relative to the start of that buffer), so an error says
 * what and where: "length runs past the end of the input at byte 412".
 *
 * Two values are not errors: XC_END ends an iteration and XC_NOT_FOUND
 * answers a lookup that found nothing. Both are below XC_ERR_FIRST, so
 * `e >= XC_ERR_FIRST` tests for a real error.
 */
#ifndef XC_ERR_H
#define XC_ERR_H

/* Every error: its enum name (after XC_ERR_), the first value's
 * initialiser, and its one-line description (xc_strerror). The enum,
 * xc_errname() and xc_strerror() are all made from this one list. */
#define XC_ERR_LIST(X) \
	/* DER encoding (X.690 section 10 / 11) */ \
	X(TRUNCATED, = XC_ERR_FIRST, "input ends inside a tag or length") \
	X(LEN_PAST_END,, "length runs past the end of the enclosing data") \
	X(LEN_INDEFINITE,, "indefinite length (BER, not DER)") \
	X(LEN_NONMINIMAL,, "length not in its shortest form (BER, not DER)") \
	X(LEN_OVERFLOW,, "length too large") \
	X(TAG_NONMINIMAL,, "tag number not in its shortest form") \
	X(TAG_OVERFLOW,, "tag number too large") \
	X(TAG,, "unexpected tag") \
	X(TRAILING,, "data after the end of the structure") \
	X(EMPTY,, "empty SEQUENCE OF or SET OF where one item is required") \
	X(RDN_EMPTY,, "empty relative distinguished name") /* a Name's RDN is an empty SET (RDN ::= SET SIZE (1..MAX)); a field error (xc/name.h) */ \
	X(SET_ORDER,, "SET OF elements not in DER order") /* X.690 11.6 */ \
	X(BOOL,, "BOOLEAN not one byte of 0x00 or 0xff") \
	X(DEFAULT,, "a DEFAULT value is encoded (X.690 11.5)") /* DER omits it */ \
	X(INT,, "INTEGER empty or not in its shortest form") \
	X(INT_RANGE,, "INTEGER out of range for its field") /* INTEGER out of the range its field allows */ \
	X(BITSTRING,, "malformed BIT STRING") /* BIT STRING empty, more than 7 unused bits, or padding bits set */ \
	X(OID,, "malformed OBJECT IDENTIFIER") /* OBJECT IDENTIFIER empty, truncated arc, or arc not in shortest form */ \
	X(OID_OVERFLOW,, "OBJECT IDENTIFIER arc larger than 64 bits") \
	X(NULL,, "NULL with contents") \
	X(TIME,, "time not in the form RFC 5280 requires") /* UTCTime/GeneralizedTime not in the form RFC 5280 4.1.2.5 requires */ \
	X(TIME_RANGE,, "impossible date or time") /* impossible date or time (month 13, 30 February, hour 24) */ \
	X(YEAR_ZERO,, "year 0 is out of range") /* GeneralizedTime year 0000, which pyca cannot represent; a field error (xc/time.h) */ \
	X(STRING,, "string invalid for its type") /* string invalid for its type (bad UTF-8, odd BMPString length, ...) */ \
	X(VERSION,, "version not allowed") /* version not allowed for this object */ \
	X(ALGORITHM,, "malformed algorithm identifier or parameters") /* AlgorithmIdentifier malformed or parameters wrong for the algorithm */ \
	X(KEY,, "malformed public key") /* public key malformed for its algorithm */ \
	X(EXT_VALUE,, "extension value violates its definition") /* extension value violates its definition (pathLen without cA, ...) */ \
	X(P7_TYPE,, "PKCS#7 content is not SignedData") /* a ContentInfo whose contentType is not id-signedData (xc/p7.h) */ \
	/* PEM (RFC 7468) */ \
	X(PEM_UNTERMINATED,, "PEM BEGIN line without END line") /* BEGIN line without a matching END line */ \
	X(PEM_LABEL,, "PEM END label differs from BEGIN label") /* END label differs from the BEGIN label */ \
	X(PEM_BASE64,, "invalid base64 in PEM block") /* invalid base64 character, padding or length */ \
	X(PEM_EMPTY,, "PEM block with no data") \
	/* the caller */ \
	X(BUFFER,, "output buffer too small") \
	X(ARG,, "invalid argument") \
	X(UNSUPPORTED,, "unsupported algorithm or feature") \
	X(CRYPTO,, "cryptographic primitive failed") /* in wolfCrypt */

typedef enum xc_err {
	XC_OK = 0,              /* success */
	XC_END,                 /* iteration finished: no more items */
	XC_NOT_FOUND,           /* lookup found nothing (not an error of the object) */
	XC_ERR_FIRST = 16,
#define XC_ERR_ENUM(name, init, desc) XC_ERR_##name init,
	XC_ERR_LIST(XC_ERR_ENUM)
#undef XC_ERR_ENUM
	XC_ERR_LAST             /* not an error: one past the last value */
} xc_err;

/* The error's one-line description, e.g. "length runs past the end of the
 * enclosing data". Never NULL; unknown values give "unknown error". */
const char *xc_strerror(xc_err e);

/* The error's enum name without prefix, e.g. "LEN_PAST_END" (for tests and
 * machine-readable output). Never NULL. */
const char *xc_errname(xc_err e);

#endif
