/*
 * fuzz_csr.c - xc_csr_parse() on any bytes, as one DER PKCS#10 request; on success every
 * field, iterator and formatter of the result is walked (walk_obj.c).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)fz_csr(data, size);
	return 0;
}
