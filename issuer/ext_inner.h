/*
 * issuer/ext_inner.h - what ext.c, ext_enc.c, ext_crl.c and ext_names.c
 * share (private to the issuer's extension code; ext.h is the API).
 */
#ifndef CI_EXT_INNER_H
#define CI_EXT_INNER_H

#include <stdbool.h>
#include <stdint.h>

#include "der.h"
#include "msg.h"

/* An encoder writes one extension's value (the extnValue contents) from
 * every value its option was given, in order (n >= 1; options that do not
 * add up get exactly one). */
typedef int (*ci_ext_enc)(ci_der *w, const char *const *v, size_t n, ci_msg *m);

/* Encoders of ext_enc.c and ext_crl.c, one per option. */
int ci_enc_gns(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_bc(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_ku(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_eku(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_nc(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_dps(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_aia(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_sia(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_policies(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_policy_constraints(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_policy_mappings(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_inhibit_any(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_null(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_tls_feature(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_crl_number(ci_der *w, const char *const *v, size_t n, ci_msg *m);
int ci_enc_idp(ci_der *w, const char *const *v, size_t n, ci_msg *m);

/* A GeneralName where a URI is usual (distribution points, access
 * locations): TYPE:VALUE if it starts with a GeneralName type (gn.h), else
 * the whole text is a URI. */
int ci_location_write(ci_der *w, const char *v, ci_msg *m);

/* Names (ext_names.c). Matching ignores case, '-', '_' and spaces, so
 * pyca's key_cert_sign, OpenSSL's keyCertSign and key-cert-sign are one. */
bool ci_name_eq(const char *a, size_t alen, const char *b);
/* Key usage flag by pyca's or OpenSSL's name: its bit (0..8), -1 unknown. */
int ci_ku_bit(const char *name, size_t len);
/* ReasonFlags / CRLReason by pyca's or OpenSSL's name: the CRLReason
 * value (0..10, not 7), -1 unknown. */
int ci_reason_value(const char *name, size_t len);
/* An OID of the core's table of one kind (XC_OIDK_*) by pyca's constant
 * or name, or a dotted OID: its contents into out (cap bytes); 0 if
 * neither. */
size_t ci_oid_by_name(const char *name, size_t len, unsigned kind, uint8_t *out, size_t cap);

/* One key=value item of a comma list: key and klen, val and vlen (val NULL
 * without '=' or ':'), *pp moved past the item and its comma. */
bool ci_next_item(const char **pp, const char **key, size_t *klen, const char **val,
		  size_t *vlen);
/* How many items the comma lists v[0..n) hold together. */
size_t ci_items(const char *const *v, size_t n);
/* A non-negative decimal number that fits 63 bits; -1 otherwise. */
int ci_parse_u63(const char *s, size_t len, int64_t *out);

/* A non-negative integer as decimal, 0x-hex or colon-separated hex pairs,
 * its magnitude (no leading zeros; zero is length 0) into out. -1 if it
 * is none, or if its DER INTEGER would pass 20 octets (RFC 5280 4.1.2.2,
 * 5.2.3). */
int ci_bigint_parse(const char *text, uint8_t out[20], size_t *len);

#endif
