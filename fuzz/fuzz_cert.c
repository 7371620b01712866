/*
 * fuzz_cert.c - xc_cert_parse() on any bytes, as one DER certificate; on success every
 * field, iterator and formatter of the result is walked (walk_obj.c).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)fz_cert(data, size);
	return 0;
}
