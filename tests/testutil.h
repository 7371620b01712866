/*
 * testutil.h - what every CUnit suite of tests/ shares: file and hex
 * helpers, and a main() runner that exits non-zero on any failure.
 */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <CUnit/Basic.h>
#include <stddef.h>
#include <stdint.h>

/* Directory of tests/data (set by meson). */
#ifndef TEST_DATA_DIR
#define TEST_DATA_DIR "tests/data"
#endif

/* Reads a whole file (malloc'd, with a NUL after the bytes; the tests may
 * allocate, the core may not).
 * Returns NULL and *len 0 if it cannot. */
uint8_t *tu_read_file(const char *path, size_t *len);

/* Reads TEST_DATA_DIR/name. Fails the current test if missing. */
uint8_t *tu_read_data(const char *name, size_t *len);

/* Decodes a hex string (spaces ignored) into a malloc'd buffer. */
uint8_t *tu_unhex(const char *hex, size_t *len);

/* Lowercase hex of bytes into a static-per-call malloc'd string. */
char *tu_hex(const uint8_t *p, size_t len);

/* Like tu_hex(), but the string belongs to the runner, which frees it when
 * the suite ends: for use inside an assertion. */
char *tu_hex_tmp(const uint8_t *p, size_t len);

typedef struct tu_test {
	const char *name;
	void (*fn)(void);
} tu_test;

/* Registers one suite of tests (terminated by {NULL, NULL}) and runs all
 * registered suites; returns the process exit code. */
int tu_run(const char *suite, const tu_test *tests);

#endif
