/* Error names and descriptions: see xc/err.h. */
#include "inner.h"

/* A switch without default, so -Wswitch-enum names a missing value. */
const char *xc_strerror(xc_err e)
{
	switch (e) {
	case XC_OK: return "success";
	case XC_END: return "no more items";
	case XC_NOT_FOUND: return "not found";
	case XC_ERR_TRUNCATED: return "input ends inside a tag or length";
	case XC_ERR_LEN_PAST_END: return "length runs past the end of the enclosing data";
	case XC_ERR_LEN_INDEFINITE: return "indefinite length (BER, not DER)";
	case XC_ERR_LEN_NONMINIMAL: return "length not in its shortest form (BER, not DER)";
	case XC_ERR_LEN_OVERFLOW: return "length too large";
	case XC_ERR_TAG_NONMINIMAL: return "tag number not in its shortest form";
	case XC_ERR_TAG_OVERFLOW: return "tag number too large";
	case XC_ERR_TAG: return "unexpected tag";
	case XC_ERR_TRAILING: return "data after the end of the structure";
	case XC_ERR_EMPTY: return "empty SEQUENCE OF or SET OF where one item is required";
	case XC_ERR_RDN_EMPTY: return "empty relative distinguished name";
	case XC_ERR_SET_ORDER: return "SET OF elements not in DER order";
	case XC_ERR_BOOL: return "BOOLEAN not one byte of 0x00 or 0xff";
	case XC_ERR_DEFAULT: return "a DEFAULT value is encoded (X.690 11.5)";
	case XC_ERR_INT: return "INTEGER empty or not in its shortest form";
	case XC_ERR_INT_RANGE: return "INTEGER out of range for its field";
	case XC_ERR_BITSTRING: return "malformed BIT STRING";
	case XC_ERR_OID: return "malformed OBJECT IDENTIFIER";
	case XC_ERR_OID_OVERFLOW: return "OBJECT IDENTIFIER arc larger than 64 bits";
	case XC_ERR_NULL: return "NULL with contents";
	case XC_ERR_TIME: return "time not in the form RFC 5280 requires";
	case XC_ERR_TIME_RANGE: return "impossible date or time";
	case XC_ERR_YEAR_ZERO: return "year 0 is out of range";
	case XC_ERR_STRING: return "string invalid for its type";
	case XC_ERR_VERSION: return "version not allowed";
	case XC_ERR_ALGORITHM: return "malformed algorithm identifier or parameters";
	case XC_ERR_KEY: return "malformed public key";
	case XC_ERR_EXT_VALUE: return "extension value violates its definition";
	case XC_ERR_PEM_UNTERMINATED: return "PEM BEGIN line without END line";
	case XC_ERR_PEM_LABEL: return "PEM END label differs from BEGIN label";
	case XC_ERR_PEM_BASE64: return "invalid base64 in PEM block";
	case XC_ERR_PEM_EMPTY: return "PEM block with no data";
	case XC_ERR_BUFFER: return "output buffer too small";
	case XC_ERR_ARG: return "invalid argument";
	case XC_ERR_UNSUPPORTED: return "unsupported algorithm or feature";
	case XC_ERR_CRYPTO: return "cryptographic primitive failed";
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
	case XC_ERR_TRUNCATED: return "TRUNCATED";
	case XC_ERR_LEN_PAST_END: return "LEN_PAST_END";
	case XC_ERR_LEN_INDEFINITE: return "LEN_INDEFINITE";
	case XC_ERR_LEN_NONMINIMAL: return "LEN_NONMINIMAL";
	case XC_ERR_LEN_OVERFLOW: return "LEN_OVERFLOW";
	case XC_ERR_TAG_NONMINIMAL: return "TAG_NONMINIMAL";
	case XC_ERR_TAG_OVERFLOW: return "TAG_OVERFLOW";
	case XC_ERR_TAG: return "TAG";
	case XC_ERR_TRAILING: return "TRAILING";
	case XC_ERR_EMPTY: return "EMPTY";
	case XC_ERR_RDN_EMPTY: return "RDN_EMPTY";
	case XC_ERR_SET_ORDER: return "SET_ORDER";
	case XC_ERR_BOOL: return "BOOL";
	case XC_ERR_DEFAULT: return "DEFAULT";
	case XC_ERR_INT: return "INT";
	case XC_ERR_INT_RANGE: return "INT_RANGE";
	case XC_ERR_BITSTRING: return "BITSTRING";
	case XC_ERR_OID: return "OID";
	case XC_ERR_OID_OVERFLOW: return "OID_OVERFLOW";
	case XC_ERR_NULL: return "NULL";
	case XC_ERR_TIME: return "TIME";
	case XC_ERR_TIME_RANGE: return "TIME_RANGE";
	case XC_ERR_YEAR_ZERO: return "YEAR_ZERO";
	case XC_ERR_STRING: return "STRING";
	case XC_ERR_VERSION: return "VERSION";
	case XC_ERR_ALGORITHM: return "ALGORITHM";
	case XC_ERR_KEY: return "KEY";
	case XC_ERR_EXT_VALUE: return "EXT_VALUE";
	case XC_ERR_PEM_UNTERMINATED: return "PEM_UNTERMINATED";
	case XC_ERR_PEM_LABEL: return "PEM_LABEL";
	case XC_ERR_PEM_BASE64: return "PEM_BASE64";
	case XC_ERR_PEM_EMPTY: return "PEM_EMPTY";
	case XC_ERR_BUFFER: return "BUFFER";
	case XC_ERR_ARG: return "ARG";
	case XC_ERR_UNSUPPORTED: return "UNSUPPORTED";
	case XC_ERR_CRYPTO: return "CRYPTO";
	case XC_ERR_LAST: break;
	}
	return "UNKNOWN";
}
