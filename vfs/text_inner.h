/*
 * vfs/text_inner.h - what the four files of the `text` page share:
 * text.c (the object layout: certificate, CRL, CSR, keys, signatures),
 * text_ext.c (the extension printers), text_name.c (Names) and text_fmt.c
 * (the page buffer and the number, byte, time and OID formats). Private to them; the
 * page's only public entry point is cfs_text_page (fields.h).
 */
#ifndef CFS_TEXT_INNER_H
#define CFS_TEXT_INNER_H

#include "fields.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The page under construction: grows as it is written; `fail` is set once
 * on out-of-memory and checked once, at the end (cfs_text_page). */
typedef struct cfs_tb {
	char *p;
	size_t len;
	size_t cap;
	bool fail;
} cfs_tb;

#define DOTTED_MAX XC_OID_DOTTED_MAX

/* ---- text_fmt.c: the buffer ---- */
void cfs_t_put(cfs_tb *b, const char *s, size_t n);
void cfs_t_puts(cfs_tb *b, const char *s);
void cfs_t_printf(cfs_tb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* n spaces */
void cfs_t_indent(cfs_tb *b, int n);

/* ---- text_fmt.c: OIDs ---- */
/* Dotted form into buf (DOTTED_MAX bytes), a placeholder if malformed. */
const char *cfs_t_dotted(xc_slice oid, char *buf);
/* OpenSSL's long name, else the dotted OID. */
void cfs_t_put_ln(cfs_tb *b, xc_slice oid);
/* OpenSSL's short name, else the dotted OID. */
void cfs_t_put_sn(cfs_tb *b, xc_slice oid);

/* ---- text_fmt.c: numbers, bytes, times ---- */
void cfs_t_put_hexlines(cfs_tb *b, xc_slice s, size_t per, int ind);
void cfs_t_put_colon_hex(cfs_tb *b, xc_slice s);
void cfs_t_put_dump(cfs_tb *b, xc_slice s, int ind);
xc_slice cfs_t_int_magnitude(xc_slice v, uint8_t *buf, size_t cap, bool *neg);
bool cfs_t_mag_u64(xc_slice m, uint64_t *out);
void cfs_t_put_int_hex(cfs_tb *b, xc_slice v);
void cfs_t_put_int_dec(cfs_tb *b, xc_slice v);
extern const char *const cfs_t_months[12];
void cfs_t_put_time(cfs_tb *b, const xc_time *t);

/* ---- text_name.c: Names ---- */
bool cfs_t_one_byte_string(uint32_t tag);
void cfs_t_put_name_value(cfs_tb *b, const xc_attr *a);
void cfs_t_put_name(cfs_tb *b, xc_slice name);
void cfs_t_put_name_slash(cfs_tb *b, xc_slice name);

/* ---- text_ext.c: extensions ---- */
void cfs_t_put_ext(cfs_tb *b, const xc_ext *x, int ind);
void cfs_t_put_exts(cfs_tb *b, const char *title, xc_slice exts, int ind, int ext_ind);

#endif
