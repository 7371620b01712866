/*
 * issuer/serial.h - random certificate serial numbers.
 *
 * RFC 5280 4.1.2.2: a positive INTEGER of at most 20 octets; the CA/B
 * Forum's Baseline Requirements 7.1: at least 64 bits from a CSPRNG. This
 * is pyca's random_serial_number(): 20 random octets with the top bit
 * cleared, so 159 bits of entropy and a DER INTEGER of at most 20 octets
 * without a sign octet. The bytes come from wolfCrypt's DRBG (the
 * command's ci_ctx.rng, seeded from the OS).
 */
#ifndef CI_SERIAL_H
#define CI_SERIAL_H

#include <stddef.h>
#include <stdint.h>

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/random.h>

#include "msg.h"

#define CI_SERIAL_LEN 20

/* A magnitude in out[0..*len): big-endian, no leading zero octets, not
 * zero (a zero draw, chance 2^-159, is drawn again). */
int ci_serial_random(WC_RNG *rng, uint8_t out[CI_SERIAL_LEN], size_t *len, ci_msg *m);

#endif
