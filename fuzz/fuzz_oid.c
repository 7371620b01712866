/*
 * fuzz_oid.c - xc_der_check_oid(), xc_oid_to_dotted(), xc_oid_lookup(),
 * xc_oid_name() and xc_oid_is() on any bytes as OID contents, against a
 * reference decoder; the known-OID table is checked against itself once
 * (walk.c).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_walk_oid(xc_slice_make(data, size));
	return 0;
}
