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

typedef enum xc_err {
	XC_OK = 0,              /* success */
	XC_END,                 /* iteration finished: no more items */
	XC_NOT_FOUND,           /* lookup found nothing (not an error of the object) */

	XC_ERR_FIRST = 16,
	/* DER encoding (X.690 section 10 / 11) */
	XC_ERR_TRUNCATED = XC_ERR_FIRST, /* input ends inside a tag or length */
	XC_ERR_LEN_PAST_END,    /* length runs past the end of the enclosing data */
	XC_ERR_LEN_INDEFINITE,  /* indefinite length (BER only, not DER) */
	XC_ERR_LEN_NONMINIMAL,  /* length not in its shortest form (BER only) */
	XC_ERR_LEN_OVERFLOW,    /* length too large to represent */
	XC_ERR_TAG_NONMINIMAL,  /* high tag number not in its shortest form */
	XC_ERR_TAG_OVERFLOW,    /* tag number too large */
	XC_ERR_TAG,             /* unexpected tag */
	XC_ERR_TRAILING,        /* data after the end of a structure */
	XC_ERR_EMPTY,           /* a SEQUENCE OF or SET OF that must not be empty is */
	XC_ERR_RDN_EMPTY,       /* a Name's RDN is an empty SET (RDN ::= SET SIZE (1..MAX)); a field error (xc/name.h) */
	XC_ERR_SET_ORDER,       /* SET OF elements not in DER order (X.690 11.6) */
	XC_ERR_BOOL,            /* BOOLEAN not one byte of 0x00 or 0xff */
	XC_ERR_DEFAULT,         /* a DEFAULT value is encoded (X.690 11.5: DER omits it) */
	XC_ERR_INT,             /* INTEGER empty or not in its shortest form */
	XC_ERR_INT_RANGE,       /* INTEGER out of the range its field allows */
	XC_ERR_BITSTRING,       /* BIT STRING empty, more than 7 unused bits, or padding bits set */
	XC_ERR_OID,             /* OBJECT IDENTIFIER empty, truncated arc, or arc not in shortest form */
	XC_ERR_OID_OVERFLOW,    /* OBJECT IDENTIFIER arc larger than 64 bits */
	XC_ERR_NULL,            /* NULL with contents */
	XC_ERR_TIME,            /* UTCTime/GeneralizedTime not in the form RFC 5280 4.1.2.5 requires */
	XC_ERR_TIME_RANGE,      /* impossible date or time (month 13, 30 February, hour 24) */
	XC_ERR_YEAR_ZERO,       /* GeneralizedTime year 0000, which pyca cannot represent; a field error (xc/time.h) */
	XC_ERR_STRING,          /* string invalid for its type (bad UTF-8, odd BMPString length, ...) */
	XC_ERR_VERSION,         /* version not allowed for this object */
	XC_ERR_ALGORITHM,       /* AlgorithmIdentifier malformed or parameters wrong for the algorithm */
	XC_ERR_KEY,             /* public key malformed for its algorithm */
	XC_ERR_EXT_VALUE,       /* extension value violates its definition (pathLen without cA, ...) */
	/* PEM (RFC 7468) */
	XC_ERR_PEM_UNTERMINATED, /* BEGIN line without a matching END line */
	XC_ERR_PEM_LABEL,       /* END label differs from the BEGIN label */
	XC_ERR_PEM_BASE64,      /* invalid base64 character, padding or length */
	XC_ERR_PEM_EMPTY,       /* PEM block with no data */
	/* the caller */
	XC_ERR_BUFFER,          /* the caller's output buffer is too small */
	XC_ERR_ARG,             /* invalid argument */
	XC_ERR_UNSUPPORTED,     /* algorithm or feature not supported */
	XC_ERR_CRYPTO,          /* wolfCrypt primitive failed */
	XC_ERR_LAST             /* not an error: one past the last value */
} xc_err;

/* The error's one-line description, e.g. "length runs past the end of the
 * enclosing data". Never NULL; unknown values give "unknown error". */
const char *xc_strerror(xc_err e);

/* The error's enum name without prefix, e.g. "LEN_PAST_END" (for tests and
 * machine-readable output). Never NULL. */
const char *xc_errname(xc_err e);

#endif
