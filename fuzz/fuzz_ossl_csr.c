/*
 * fuzz_ossl_csr.c - the core against OpenSSL on one DER CSR
 * (diff_ossl.c): both accept or both refuse, or the difference is on the
 * allow-list; when both accept, the main values agree.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_diff_ossl(FZ_CSR, data, size);
	return 0;
}
