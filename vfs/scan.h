/*
 * vfs/scan.h - which objects a source file holds (docs/ABI.md "The tree").
 *
 * The rules, decided once for the whole daemon:
 *
 *  - A file containing "-----BEGIN " is PEM text: every block labelled
 *    CERTIFICATE, X509 CERTIFICATE, TRUSTED CERTIFICATE, X509 CRL,
 *    CERTIFICATE REQUEST or NEW CERTIFICATE REQUEST is an object, in file
 *    order. Every other block (private keys, PKCS#7, public keys, ...) is
 *    skipped without being decoded, so it never appears in any form. A
 *    recognised block whose base64 does not decode (or that has no END
 *    line, or an empty body) is still an object: an invalid one, with the
 *    error and its offset in the file.
 *  - Any other file is a candidate only if it is exactly one DER TLV shaped
 *    like a signed object, SEQUENCE { SEQUENCE, SEQUENCE, BIT STRING }, so
 *    DER private keys, PKCS#7 and PKCS#12 files are never shown.
 *  - A TRUSTED CERTIFICATE block is a certificate followed by OpenSSL's
 *    trust data: the object is the certificate's TLV alone.
 *
 * The scan does not parse the objects: whether one is a certificate, a
 * CRL, a CSR or invalid is cfs_fields_build()'s business (cfs_scan_type()
 * for callers that need only the type). A file with no object is not
 * shown at all.
 */
#ifndef CFS_SCAN_H
#define CFS_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include <xc/xc.h>

#include "fields.h"

typedef struct cfs_scan_obj {
	cfs_type hint;          /* the PEM label's type; CFS_UNKNOWN for a DER file */
	size_t off, len;        /* the object's DER in cfs_scan.der */
	xc_err err;             /* XC_OK, or why a PEM block gave no DER */
	size_t err_off;         /* with err: the offset in the file */
} cfs_scan_obj;

typedef struct cfs_scan {
	uint8_t *der;           /* every object's DER, one after the other */
	size_t der_len;
	cfs_scan_obj *objs;
	size_t n;
} cfs_scan;

/* Finds the objects of buf[0..len) into *s (zeroed first; free with
 * cfs_scan_free(), also after an error). 0, or -ENOMEM. */
int cfs_scan_buf(const uint8_t *buf, size_t len, cfs_scan *s);

void cfs_scan_free(cfs_scan *s);

/* True if buf[0..len) is exactly one TLV SEQUENCE { SEQUENCE, SEQUENCE,
 * BIT STRING }: the shape of a certificate, a CRL and a CSR. */
bool cfs_scan_der_shape(const uint8_t *buf, size_t len);

/* The type cfs_fields_build() would give the object, without building its
 * fields (for the index): the parsers tried as it tries them. */
cfs_type cfs_scan_type(cfs_type hint, const uint8_t *der, size_t len);

#endif
