/*
 * test_obj.c - objects of any kind (core/src/obj.c): xc_obj_parse()
 * finds the kind of DER bytes, with and without a hint, and on failure
 * reports the parser that got furthest.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include <xc/xc.h>

static const struct {
	const char *file;
	xc_obj_kind kind;
} objs[] = {
	{ "cert/ec-p256.der", XC_OBJ_CERT },
	{ "crl/ec-p256.der", XC_OBJ_CRL },
	{ "csr/ec-p256.der", XC_OBJ_CSR },
};

static void test_kinds(void)
{
	for (size_t i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
		size_t len, off = 99;
		uint8_t *der = tu_read_data(objs[i].file, &len);
		xc_obj o;

		memset(&o, 0xa5, sizeof(o));
		CU_ASSERT_EQUAL(xc_obj_parse(&o, XC_OBJ_ANY, der, len, &off), XC_OK);
		CU_ASSERT_EQUAL(o.kind, objs[i].kind);
		/* The parsed struct is the kind's: its whole DER is the input. */
		xc_slice whole = o.kind == XC_OBJ_CERT ? o.u.cert.der
			       : o.kind == XC_OBJ_CRL ? o.u.crl.der : o.u.csr.der;
		CU_ASSERT_EQUAL(whole.len, len);
		CU_ASSERT_PTR_EQUAL(whole.p, der);
		/* With its own kind as the hint, the same. */
		CU_ASSERT_EQUAL(xc_obj_parse(&o, objs[i].kind, der, len, NULL), XC_OK);
		CU_ASSERT_EQUAL(o.kind, objs[i].kind);
		/* With another kind as the hint, that parser's error. */
		for (size_t j = 0; j < sizeof(objs) / sizeof(objs[0]); j++) {
			if (j == i)
				continue;
			CU_ASSERT_NOT_EQUAL(xc_obj_parse(&o, objs[j].kind, der, len, NULL), XC_OK);
			CU_ASSERT_EQUAL(o.kind, objs[j].kind);
		}
		free(der);
	}
}

/* A CRL whose first extension is broken (its SEQUENCE tag made a SET)
 * fails every parser; the CRL's gets furthest (to its extensions, where
 * the certificate's stops at a validity that is not there), so the error,
 * offset and kind are the CRL's, as the CRL parser alone gives them. */
static void test_furthest(void)
{
	size_t len, off = 0, off_crl = 0;
	uint8_t *der = tu_read_data("crl/ec-p256.der", &len);
	xc_obj o;
	xc_crl crl;
	xc_err e, e_crl;

	CU_ASSERT_EQUAL_FATAL(xc_crl_parse(&crl, der, len, NULL), XC_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(crl.extensions.p);
	size_t at = (size_t)(crl.extensions.p - der);
	CU_ASSERT_EQUAL_FATAL(der[at], 0x30);
	der[at] = 0x31;
	e = xc_obj_parse(&o, XC_OBJ_ANY, der, len, &off);
	e_crl = xc_crl_parse(&crl, der, len, &off_crl);
	CU_ASSERT_NOT_EQUAL(e, XC_OK);
	CU_ASSERT_EQUAL(e, e_crl);
	CU_ASSERT_EQUAL(off, off_crl);
	CU_ASSERT_EQUAL(off, at);
	CU_ASSERT_EQUAL(o.kind, XC_OBJ_CRL);
	free(der);

	/* Nothing at all: the certificate's error (ties go to it). */
	CU_ASSERT_EQUAL(xc_obj_parse(&o, XC_OBJ_ANY, (const uint8_t *)"", 0, &off),
			XC_ERR_TRUNCATED);
	CU_ASSERT_EQUAL(o.kind, XC_OBJ_CERT);
	CU_ASSERT_EQUAL(off, 0);
}

static void test_names(void)
{
	CU_ASSERT_EQUAL(xc_obj_kind_of_pem(XC_PEM_CERTIFICATE), XC_OBJ_CERT);
	CU_ASSERT_EQUAL(xc_obj_kind_of_pem(XC_PEM_TRUSTED_CERTIFICATE), XC_OBJ_CERT);
	CU_ASSERT_EQUAL(xc_obj_kind_of_pem(XC_PEM_CRL), XC_OBJ_CRL);
	CU_ASSERT_EQUAL(xc_obj_kind_of_pem(XC_PEM_CSR), XC_OBJ_CSR);
	CU_ASSERT_EQUAL(xc_obj_kind_of_pem(XC_PEM_PUBLIC_KEY), XC_OBJ_ANY);
	CU_ASSERT_STRING_EQUAL(xc_obj_kind_name(XC_OBJ_CRL), "crl");
	CU_ASSERT_STRING_EQUAL(xc_obj_kind_name(XC_OBJ_ANY), "object");
}

int main(void)
{
	static const tu_test tests[] = {
		{ "every kind, with and without a hint", test_kinds },
		{ "the furthest parser's error", test_furthest },
		{ "PEM labels and names", test_names },
		{ NULL, NULL },
	};
	return tu_run("obj", tests);
}
