/*
 * tools/load.h - certificates and CRLs for the verifier's users
 * (certverify, the x509-limbo harness): PEM text with any number of
 * blocks, or one DER object, from a buffer, a file or a directory.
 *
 * A tool may allocate: an ld_set owns every buffer it read (PEM is decoded
 * in place, so the parsed xc_cert and xc_crl slices point into those
 * buffers) and grows its arrays as it goes. The arrays move when they
 * grow, the buffers never do: take pointers into certs[]/crls[] only
 * after the last add. ld_free() releases everything.
 */
#ifndef TOOLS_LOAD_H
#define TOOLS_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include <xc/xc.h>

typedef struct ld_set {
	xc_cert *certs;
	size_t n_certs, cap_certs;
	xc_crl *crls;
	size_t n_crls, cap_crls;
	void **bufs;            /* owned: every buffer the objects point into */
	size_t n_bufs, cap_bufs;
} ld_set;

/* Which objects an add keeps: a certificate list refuses CRLs and the
 * other way round, so a CRL given as an anchor is an error, not silence. */
typedef enum ld_want {
	LD_CERTS,
	LD_CRLS,
} ld_want;

/* Takes ownership of buf (malloc'd, len bytes, freed by ld_free even on
 * failure) and adds its objects of kind `want`: every CERTIFICATE (or
 * X509 CRL) block of PEM text, other blocks skipped, or one DER object.
 * A certificate already in the set (same DER) is not added twice. `name`
 * names the input in messages. 0, or -1 with a one-line reason in
 * err[cap] ("NAME: block 2: <core error> at byte N"); holding no object
 * of the kind wanted is an error too. */
int ld_add_buffer(ld_set *s, void *buf, size_t len, ld_want want, const char *name,
		  char *err, size_t cap);

/* The same from a file, or from every regular file of a directory (in
 * name order; a file of the directory that holds no object of the kind
 * wanted, such as a README, is skipped, one that fails to parse is not). */
int ld_add_path(ld_set *s, const char *path, ld_want want, char *err, size_t cap);

void ld_free(ld_set *s);

#endif
