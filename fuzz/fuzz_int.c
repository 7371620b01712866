/*
 * fuzz_int.c - xc_der_check_int() on any bytes, then xc_int_to_dec(),
 * xc_int_to_hex(), xc_int_bits() and xc_hex() on the same bytes whatever
 * the check said: the formatters must be safe on anything and, where they
 * answer, agree with a schoolbook reference (walk.c).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xc_slice v = xc_slice_make(data, size);
	int64_t x;
	xc_err e = xc_der_check_int(v);

	FZ_CHECK(e == XC_OK || e == XC_ERR_INT);
	if (size == 0 || (size > 1 && ((data[0] == 0 && !(data[1] & 0x80)) ||
	                               (data[0] == 0xff && (data[1] & 0x80)))))
		FZ_CHECK(e == XC_ERR_INT);
	else
		FZ_CHECK(e == XC_OK);
	fz_walk_int(NULL, v);

	if (e == XC_OK) {
		e = xc_der_int_to_i64(v, &x);
		if (size <= 8)
			FZ_CHECK(e == XC_OK);
		else
			FZ_CHECK(e == XC_ERR_INT_RANGE);
	}
	return 0;
}
