/*
 * canary_global.c - a library with writable global state, for nm-check.py
 * to reject (should_fail in tests/alloc/meson.build). Never linked.
 */
int canary_counter;

int canary_bump(void);

int canary_bump(void)
{
	return ++canary_counter;
}
