/*
 * xc/int.h - INTEGER values of any length, formatted without allocation.
 *
 * An INTEGER is a slice of its contents octets: big-endian two's
 * complement, as DER stores it. Serial numbers (up to 20 octets in RFC
 * 5280, longer and negative ones in the wild) are formatted in decimal, as
 * pyca's `serial_number` prints, or in hex.
 */
#ifndef XC_INT_H
#define XC_INT_H

#include "err.h"
#include "slice.h"

/* True if the integer is negative (top bit of the first octet). */
bool xc_int_negative(xc_slice v);

/* Decimal, with a leading '-' for negative values, NUL-terminated.
 * XC_INT_DEC_MAX(n) bytes always suffice for n contents octets. */
#define XC_INT_DEC_MAX(n) ((n) * 241u / 100u + 4u)
xc_err xc_int_to_dec(xc_slice v, char *buf, size_t cap, size_t *len);

/* Lowercase hex of the value's magnitude without leading zero octets
 * ("0" for zero), with a leading '-' for negative values, NUL-terminated.
 * XC_INT_HEX_MAX(n) bytes always suffice. */
#define XC_INT_HEX_MAX(n) ((n) * 2u + 3u)
xc_err xc_int_to_hex(xc_slice v, char *buf, size_t cap, size_t *len);

/* The magnitude's bit length (RSA modulus size, DSA p size). */
size_t xc_int_bits(xc_slice v);

/* Lowercase hex of bytes, no separators, NUL-terminated: cap >= 2*len+1. */
xc_err xc_hex(xc_slice bytes, char *buf, size_t cap);

#endif
