/*
 * fuzz.h - what the fuzz targets share: invariant checks and walkers that
 * drive every iterator and formatter of a parsed object.
 *
 * A target parses, then walks. A walker aborts (FZ_CHECK) on any broken
 * promise of the headers in core/include/xc/: a slice outside the input,
 * a formatted string whose length or NUL disagrees with what was reported,
 * an error offset past the input, two parses of one input that differ, an
 * iterator that fails on an object the parser accepted, or a formatter
 * that disagrees with a simple reference written here. abort() is what
 * libFuzzer and the replay main both treat as a crash.
 *
 * The fuzzers are not the core: they may allocate, and do, so that
 * AddressSanitizer sees the exact size of every output buffer; they do it
 * through fz_malloc, so that the core's calls can be counted (alloc.c).
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <xc/xc.h>

/*
 * Every target defines LLVMFuzzerTestOneInput, which this renames to
 * fz_target: the real entry point (alloc.c) counts the allocations made
 * while fz_target runs and aborts on one (the core never allocates). What
 * is not the core allocates through fz_malloc/fz_calloc (the harness's
 * buffers) or between fz_allow_begin and fz_allow_end (another library: a
 * differential target's peer, wolfCrypt's own verify). A target whose
 * body is mostly another program that calls the core (fuzz_vfs: certfs)
 * defines fz_alloc_exempt as the reason, and is not counted.
 */
#define LLVMFuzzerTestOneInput fz_target
int fz_target(const uint8_t *data, size_t size);
/* Stops counting: fz_fail calls it, as libFuzzer's crash handler allocates. */
void fz_alloc_stop(void);
void fz_allow_begin(void);
void fz_allow_end(void);
void *fz_malloc(size_t n);
void *fz_calloc(size_t n, size_t size);
extern const char *const fz_alloc_exempt __attribute__((weak));

/* Aborts with the failed condition and where, so a reproducer's log
 * names the broken invariant without a debugger. */
void fz_fail(const char *what, const char *file, int line);

/* A differential target's unclassified disagreement on accepting the
 * bytes (`what`: "refusal", the core refuses what the other parser
 * accepts, or "acceptance", the other way round) that no class of the
 * allow-list (docs/fuzzing.md) covers. Fatal, as FZ_CHECK, except with
 * FZ_DIFF_REPORT=1 in the environment (scripts/fuzz --ci): then it is
 * printed (the first few of a process) and fuzzing goes on, so CI's short
 * runs gate on crashes, sanitizer reports, allocations and differing
 * values, while classifying accept/refuse disagreements is the work of
 * the long runs (scripts/fuzz --all), where they stay fatal. */
void fz_unlisted_difference(const char *what);

#define FZ_CHECK(cond) \
	do { \
		if (!(cond)) \
			fz_fail(#cond, __FILE__, __LINE__); \
	} while (0)

/* The buffer a parser was given: every slice it returns must lie inside. */
typedef struct fz_buf {
	const uint8_t *p;
	size_t len;
} fz_buf;

/* Absent slices (.p NULL) must be empty; present ones inside b. */
void fz_in(const fz_buf *b, xc_slice s);
/* A present slice `inner` inside a present slice `outer`. */
void fz_within(xc_slice outer, xc_slice inner);
/* An error's offset: never past the input. */
void fz_off(xc_err e, size_t off, size_t len);

/*
 * Runs a formatter three times: with `cap` bytes, then with exactly the
 * room its first answer needed (must succeed identically), then with one
 * byte less (must be XC_ERR_BUFFER). Each buffer is malloc'd at its exact
 * size plus a guard that must stay untouched. `nul_free`: the output may
 * not hold a NUL before its end (true of everything but decoded strings).
 * `must_fit`: cap is a size the header promises always suffices, so
 * XC_ERR_BUFFER is a bug. On XC_OK, *out (if non-NULL) gets a malloc'd
 * copy of the string the caller frees, and *outlen its length.
 */
typedef xc_err (*fz_fmt_fn)(const void *arg, char *buf, size_t cap, size_t *len);
xc_err fz_fmt(fz_fmt_fn fn, const void *arg, size_t cap, bool nul_free,
              bool must_fit, char **out, size_t *outlen);

/* Walkers: each checks and formats one kind of field, everything in it. */
void fz_walk_int(const fz_buf *b, xc_slice v);
void fz_walk_time(const xc_time *t);
void fz_walk_oid(xc_slice oid);
void fz_walk_string(uint32_t tag, xc_slice v);
void fz_walk_name(const fz_buf *b, xc_slice name);
/* True if the name has a field error (xc_name_error) or an attribute for
 * which `pred` holds: what a differential target's allow-list asks. */
bool fz_name_has(xc_slice name, bool (*pred)(const xc_attr *a));
/* Also runs every extension's decoder (fz_walk_ext_value) and checks
 * xc_ext_find_duplicate against a reference. */
void fz_walk_exts(const fz_buf *b, xc_slice exts, size_t count);
/* Decodes one extension's value with the decoder of its OID, if the core
 * has one (wherever the extension sits), and walks everything decoded:
 * iterators to XC_END, GeneralNames, names, strings, integers, IP
 * addresses, enum names. */
void fz_walk_ext_value(const fz_buf *b, const xc_ext *x);
/* The core's decoder of extension type `id` on a value: its answer, or
 * XC_OK for a type without a decoder. */
xc_err fz_ext_decode(xc_oid_id id, xc_slice v);
void fz_walk_algid(const fz_buf *b, const xc_algid *a);
void fz_walk_spki(const fz_buf *b, xc_slice raw);
void fz_walk_fingerprints(xc_slice data);

/* Whole objects: parse twice, compare, walk. Return the parse's result. */
xc_err fz_cert(const uint8_t *p, size_t len);
xc_err fz_crl(const uint8_t *p, size_t len);
xc_err fz_csr(const uint8_t *p, size_t len);
xc_err fz_spki(const uint8_t *p, size_t len);
xc_err fz_spki_pkcs1(const uint8_t *p, size_t len);

/* The differential check against OpenSSL's d2i (diff_ossl.c): aborts on
 * a disagreement that is not on its allow-list. */
enum fz_kind { FZ_CERT, FZ_CRL, FZ_CSR };
void fz_diff_ossl(enum fz_kind kind, const uint8_t *data, size_t size);

/* References the formatters are compared with (walk.c). */
bool fz_ref_utf8_valid(const uint8_t *p, size_t len);
int64_t fz_ref_epoch(unsigned y, unsigned mo, unsigned d, unsigned h,
                     unsigned mi, unsigned s);

#endif
