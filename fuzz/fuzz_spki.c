/*
 * fuzz_spki.c - xc_spki_parse() and xc_spki_parse_pkcs1() on any bytes:
 * the same input read as a SubjectPublicKeyInfo and as a PKCS#1
 * RSAPublicKey, each walked on success (walk_parts.c).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)fz_spki(data, size);
	(void)fz_spki_pkcs1(data, size);
	return 0;
}
