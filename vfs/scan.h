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
 *  - Any other file is a candidate when it looks like DER: it starts
 *    with a SEQUENCE header of a definite length and either that
 *    SEQUENCE fits in the file and is shaped like a signed object,
 *    SEQUENCE { SEQUENCE, SEQUENCE, BIT STRING }, or its length runs past
 *    the file's end (cut short) and it begins like one, a SEQUENCE whose
 *    first element is a version ([0], INTEGER), a serial (INTEGER) or an
 *    AlgorithmIdentifier (SEQUENCE). So DER private keys (encrypted ones
 *    too), public keys, PKCS#7 and PKCS#12 files are never shown, and a
 *    damaged certificate is shown as invalid with its error. Blanks after
 *    the SEQUENCE (a newline) are not the object's, as `openssl x509
 *    -inform DER` reads it (pyca's load_der_* refuse them); any other
 *    trailing byte is, so the parser's error says so. (PKCS#7 bundles
 *    are the exception, below.)
 *  - A TRUSTED CERTIFICATE block is a certificate followed by OpenSSL's
 *    trust data: the object is the certificate's TLV alone.
 *  - A PKCS#7 SignedData bundle (a PEM block labelled PKCS7 or CMS, or a
 *    DER file of up to CFS_SCAN_WINDOW bytes whose ContentInfo is of type
 *    id-signedData, xc_p7_detect) holds one object per certificate and CRL
 *    it carries, certificates first (scan_p7.c). One that does not parse
 *    is one invalid object with its error.
 *
 * The scan does not decode the objects (cfs_scan_index, cfs_scan_fd): it
 * records where each one lies in the file, so that opening one object of
 * a bundle reads and decodes that object's block alone (cfs_scan_decode).
 * Nor does it parse them: whether one is a certificate, a
 * CRL, a CSR or invalid is cfs_fields_build()'s business (cfs_scan_type()
 * for callers that need only the type). A file with no object is not
 * shown at all.
 */
#ifndef CFS_SCAN_H
#define CFS_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xc/xc.h>

#include "fields.h"

typedef struct cfs_scan_obj {
	cfs_type hint;          /* the PEM label's type; CFS_UNKNOWN for a DER file */
	size_t off, len;        /* the object's DER in cfs_scan.der (cfs_scan_buf) */
	xc_err err;             /* XC_OK, or why a PEM block gave no DER */
	size_t err_off;         /* with err: the offset in the file */
	size_t src_off, src_len;        /* its span in the file: the PEM block
					 * from its BEGIN line, or the DER file
					 * less trailing blanks (cfs_scan_index) */
	size_t p7_item;         /* 0; in a PKCS#7 bundle (the span), the
				 * object's place among its certificates
				 * and CRLs, from 1 */
} cfs_scan_obj;

typedef struct cfs_scan {
	uint8_t *der;           /* every object's DER, one after the other
				 * (cfs_scan_buf; NULL after cfs_scan_index) */
	size_t der_len;
	cfs_scan_obj *objs;
	size_t n;
} cfs_scan;

/* Finds the objects of buf[0..len) into *s (zeroed first; free with
 * cfs_scan_free(), also after an error) and decodes them all into s->der.
 * 0, or -ENOMEM. */
int cfs_scan_buf(const uint8_t *buf, size_t len, cfs_scan *s);

/* Finds the objects of buf[0..len) without decoding any: each one's span
 * (src_off, src_len, offsets in the file plus base) and, for a block that
 * could not be delimited, its error. Appends to *s (zero it first); buf
 * must begin at a BEGIN line or at the file's start and end before one or
 * at the file's end, so a block is never cut (cfs_scan_fd). *ocap is the
 * capacity of s->objs. 0, or -ENOMEM. */
int cfs_scan_index(const uint8_t *buf, size_t len, size_t base, bool pem, cfs_scan *s,
		   size_t *ocap);

/* Indexes the regular file open at fd (size bytes by its fstat) as
 * cfs_scan_index does the whole of it, reading it in windows of
 * CFS_SCAN_WINDOW bytes, grown to hold one block of up to span_max bytes:
 * the memory it takes is bounded whatever the file's size. A block
 * longer than span_max is an object whose src_len is over span_max
 * (too large to load). When the file fits in one window, *whole gets its
 * bytes (malloc'ed, *wlen of them; the caller frees), else NULL.
 * 0, or -errno. */
#define CFS_SCAN_WINDOW ((size_t)1 << 20)
int cfs_scan_fd(int fd, size_t size, size_t span_max, cfs_scan *s, uint8_t **whole,
		size_t *wlen);

/* Whether the head of a file, buf[0..len) of its size bytes, shows that
 * the file holds an object: a BEGIN line of an object's label (every such
 * line is an object, valid or not), or, with no BEGIN tag in the head, a
 * DER SEQUENCE { SEQUENCE ... whose length spans the file exactly. False
 * when the head cannot tell: the whole file decides (cfs_scan_fd). The one
 * guess is the DER one: a file whose head looks so but that holds a BEGIN
 * tag further on, or whose inner TLVs do not match, holds no object after
 * all, which its lookup finds. */
bool cfs_scan_head(const uint8_t *buf, size_t len, size_t size);

/* The DER of object o from its span (span[0..o->src_len), the file's bytes
 * at o->src_off): malloc'ed into *der (*len bytes; free it), or NULL with
 * the error and its offset in the file in *err, *err_off (a PEM block whose
 * base64 does not decode, or o's own error). 0, or -ENOMEM. */
int cfs_scan_decode(const cfs_scan_obj *o, const uint8_t *span, uint8_t **der, size_t *len,
		    xc_err *err, size_t *err_off);

void cfs_scan_free(cfs_scan *s);

/* Appends o to s->objs (*ocap its capacity). 0, or -ENOMEM. */
int cfs_scan_add(cfs_scan *s, size_t *ocap, const cfs_scan_obj *o);

/* PKCS#7 bundles (scan_p7.c). Whether a PEM label is a bundle's (PKCS7,
 * CMS). cfs_scan_p7_add appends the objects of the bundle der[0..len),
 * the DER of span o (pem: of its PEM block, whose objects get the type of
 * their set as hint), copies of o with p7_item set; cfs_scan_p7_block the
 * same for the PEM block b of buf (one invalid object if its base64 does
 * not decode). 0, or -ENOMEM. cfs_scan_p7_pick replaces der[0..*len), the
 * bundle, by its element `item` (in place): XC_OK, the bundle's error
 * (its offset in *err_off), or XC_NOT_FOUND. */
bool cfs_scan_p7_label(xc_slice label);
int cfs_scan_p7_add(const uint8_t *der, size_t len, bool pem, const cfs_scan_obj *o,
		    cfs_scan *s, size_t *ocap);
int cfs_scan_p7_block(const uint8_t *buf, const xc_pem_block *b, const cfs_scan_obj *o,
		      cfs_scan *s, size_t *ocap);
xc_err cfs_scan_p7_pick(uint8_t *der, size_t *len, size_t item, size_t *err_off);

/* True if buf[0..len) is exactly one TLV SEQUENCE { SEQUENCE, SEQUENCE,
 * BIT STRING }: the shape of a certificate, a CRL and a CSR. */
bool cfs_scan_der_shape(const uint8_t *buf, size_t len);

/* The type cfs_fields_build() would give the object, without building its
 * fields (for the index): the parsers tried as it tries them. */
cfs_type cfs_scan_type(cfs_type hint, const uint8_t *der, size_t len);

#endif
