/*
 * issuer/serial.c - random serial numbers (serial.h).
 */
#include "serial.h"

#include <string.h>

int ci_serial_random(WC_RNG *rng, uint8_t out[CI_SERIAL_LEN], size_t *len, ci_msg *m)
{
	uint8_t raw[CI_SERIAL_LEN];
	size_t skip;

	do {
		if (wc_RNG_GenerateBlock(rng, raw, sizeof(raw)) != 0)
			return ci_fail(m, "wolfCrypt's random generator failed");
		/* pyca: int.from_bytes(os.urandom(20), "big") >> 1. Clearing
		 * the top bit instead keeps the same 159 bits. */
		raw[0] &= 0x7f;
		for (skip = 0; skip < sizeof(raw) && raw[skip] == 0; skip++)
			;
	} while (skip == sizeof(raw));
	*len = sizeof(raw) - skip;
	memcpy(out, raw + skip, *len);
	memset(raw, 0, sizeof(raw));
	return 0;
}
