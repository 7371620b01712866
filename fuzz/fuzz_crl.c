/*
 * fuzz_crl.c - xc_crl_parse() on any bytes, as one DER CRL; on success every
 * field, iterator and formatter of the result is walked (walk_obj.c).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)fz_crl(data, size);
	return 0;
}
