/*
 * fuzz_ossl_crl.c - the core against OpenSSL on one DER CRL
 * (diff_ossl.c): both accept or both refuse, or the difference is on the
 * allow-list; when both accept, the main values agree.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_diff_ossl(FZ_CRL, data, size);
	return 0;
}
