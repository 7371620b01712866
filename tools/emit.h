/*
 * tools/emit.h - certdump's output: one object at a time, as JSON (one
 * object per line, the schema tests/diff compares with pyca) or as lines
 * for people. The state is an emit_ctx the caller owns; certdump.c's
 * per-kind printers write their values through it.
 *
 * Everything goes to stdout.
 */
#ifndef CERTDUMP_EMIT_H
#define CERTDUMP_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xc/xc.h>

typedef struct emit_ctx {
	bool json;              /* --json */
	bool first;             /* no field of the object printed yet (JSON) */
	const uint8_t *base;    /* the object's first byte: error offsets count
	                         * from here */
	size_t ext_off;         /* where an extension decoder stopped */
	size_t count;           /* objects begun (emit_begin), all inputs */
} emit_ctx;

/* JSON values: a string of n bytes (escaped), a C string or null, bytes as
 * a hex string, {"error": NAME}. */
void emit_json_str(const char *s, size_t n);
void emit_json_cstr(const char *s);
void emit_json_hex(xc_slice s);
void emit_json_err(xc_err e);
/* Bytes as bare lowercase hex. */
void emit_hex(xc_slice s);

/* A field the core cannot decode, where pyca raises on its accessor (one
 * rule for every field, docs/ABI.md 2): {"error": NAME, "offset": N} in
 * JSON, "(error: <reason> at byte N)" for people; N counts from the
 * object's first byte. */
void emit_err_value(const emit_ctx *em, xc_err e, size_t off);

/* A field: "key": value in JSON, "  key: value" for people. emit_key()
 * opens it, the value follows, emit_end_field() closes it. */
void emit_key(emit_ctx *em, const char *k);
void emit_end_field(const emit_ctx *em);
void emit_str(emit_ctx *em, const char *k, const char *v);     /* NULL: none */
void emit_int(emit_ctx *em, const char *k, int64_t v);
void emit_field_hex(emit_ctx *em, const char *k, xc_slice v);

/* An object: its header (file, index, type), a parse failure, its end. */
void emit_begin(emit_ctx *em, const char *file, size_t index, const char *type);
void emit_failed(const emit_ctx *em, xc_err e, size_t off);
void emit_end(const emit_ctx *em);

#endif
