/*
 * xc/obj.h - one signed object whatever its kind: a certificate, a CRL or
 * a CSR.
 *
 * A DER file carries no label, so its kind is found by parsing: each
 * kind's parser in turn, certificate first. When none accepts the bytes,
 * the error worth showing is that of the parser that got furthest (by
 * byte offset; the certificate's on a tie), the likeliest to be the
 * object's real kind. certfs (a file's entry), certdump and the issuer
 * all decide a kind this one way.
 */
#ifndef XC_OBJ_H
#define XC_OBJ_H

#include "cert.h"
#include "crl.h"
#include "csr.h"
#include "pem.h"

typedef enum xc_obj_kind {
	XC_OBJ_ANY = 0,         /* as a hint: not known, try every kind */
	XC_OBJ_CERT,
	XC_OBJ_CRL,
	XC_OBJ_CSR,
} xc_obj_kind;

typedef struct xc_obj {
	xc_obj_kind kind;       /* what parsed; on error, the likeliest kind */
	union {
		xc_cert cert;
		xc_crl crl;
		xc_csr csr;
	} u;
} xc_obj;

/* Parses der[0..len) as `hint`, or with XC_OBJ_ANY as each kind in turn.
 * XC_OK with o->kind set; else the error (and *off, may be NULL) of the
 * hinted parser, or of the one that got furthest, whose kind o->kind then
 * names. */
xc_err xc_obj_parse(xc_obj *o, xc_obj_kind hint, const uint8_t *der, size_t len,
		    size_t *off);

/* The kind a PEM block's label stands for (CERTIFICATE and TRUSTED
 * CERTIFICATE, X509 CRL, CERTIFICATE REQUEST), XC_OBJ_ANY for others. */
xc_obj_kind xc_obj_kind_of_pem(xc_pem_kind k);

/* "certificate", "crl", "csr"; "object" for XC_OBJ_ANY. */
const char *xc_obj_kind_name(xc_obj_kind k);

#endif
