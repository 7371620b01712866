/*
 * fuzz_name.c - xc_name_check() on any bytes as a Name's contents; on
 * success iteration, every attribute's string and RFC 4514 form, and the
 * whole name's (walk_name.c); on failure, RFC 4514 formatting of the
 * unchecked bytes, which must still stay inside them. The bytes are also decoded as a string of
 * each kind xc_string_to_utf8() treats differently, against a reference.
 */
#include "fuzz.h"

/* One tag per decoding path of xc_string_to_utf8(). */
static const uint32_t string_tags[] = {
	XC_TAG_UTF8_STRING, XC_TAG_PRINTABLE_STRING, XC_TAG_BMP_STRING,
	XC_TAG_UNIVERSAL_STRING, XC_TAG_BIT_STRING,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_buf b = { data, size };
	xc_slice name = xc_slice_make(data, size);
	size_t off = SIZE_MAX, off2 = SIZE_MAX;
	xc_err e, e2;

	e = xc_name_check(name, data, &off);
	e2 = xc_name_check(name, data, &off2);
	FZ_CHECK(e == e2);
	FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
	if (e == XC_OK || e == XC_ERR_RDN_EMPTY) {
		/* The name's own error: the check's, else a bad string. */
		size_t eoff = SIZE_MAX;
		xc_err ne = xc_name_error(name, data, &eoff);

		if (e)
			fz_off(e, off, size);
		FZ_CHECK(e ? ne == e && eoff == off : ne == XC_OK || ne == XC_ERR_STRING);
		if (ne == XC_ERR_STRING)
			FZ_CHECK(eoff < size);
		fz_walk_name(&b, name);
	} else {
		fz_off(e, off, size);
		FZ_CHECK(off == off2);
		/* xc_name_rfc4514 does not check the name again (the parsers
		 * did), but promises to stay inside even an unchecked one
		 * (xc/name.h): ASan proves "inside", this proves the rest. */
		char out[8192];
		size_t n = SIZE_MAX;
		memset(out, 0x5a, sizeof out);
		e = xc_name_rfc4514(name, out, sizeof out, &n);
		FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
		FZ_CHECK(memchr(out, '\0', sizeof out) != NULL);
		if (e == XC_OK)
			FZ_CHECK(n < sizeof out && out[n] == '\0');
	}

	if (size <= 4096)
		for (size_t i = 0; i < sizeof(string_tags) / sizeof(string_tags[0]); i++)
			fz_walk_string(string_tags[i], name);
	return 0;
}
