/*
 * test_alloc.c - the dynamic half of the core's no-allocation proof
 * (xc/xc.h: "the core never allocates"; nm-check.py is the static half).
 *
 *   test_alloc VECTORS_X509_DIR TEST_DATA_DIR [FUZZ_CORPUS_DIR [WYCHEPROOF_DIR]]
 *
 * This program replaces the C allocator (malloc, calloc, realloc, free,
 * posix_memalign, aligned_alloc, memalign, valloc, pvalloc, reallocarray)
 * with wrappers that forward to glibc's __libc_* entry points and count
 * every allocation made while a flag is set; it routes wolfCrypt's
 * allocator (XMALLOC, i.e. wolfSSL_Malloc) to a second counter with
 * wolfSSL_SetAllocators(). The flag is set around calls into the core only,
 * never around the test's own file reading or printing. It then runs every
 * file of the corpora (pyca's x509 vectors, tests/data, the fuzz seeds)
 * through the core and walks every object that parses through every
 * accessor the core has, signature checks included (each certificate and
 * CSR against its own key). Then every verify path, one per algorithm,
 * curve and key size (P-224, P-256, P-384, P-521, secp256k1, the three
 * Brainpool curves, RSA PKCS#1 v1.5 2048 to 8192 bits, RSASSA-PSS,
 * Ed25519, Ed448, DSA), runs on Wycheproof rows that must verify and rows
 * that must not: zero allocations on every one.
 *
 * A counter that cannot count proves nothing, so the run starts with a
 * self-check: a malloc, a calloc, a realloc and a wolfSSL_Malloc made
 * inside the window must be counted, and one made outside must not.
 *
 * For every allocation counted, the first few are reported with the core
 * call that was running and a backtrace (symbol names: the executable is
 * linked with -rdynamic; static functions show as addresses for
 * addr2line).
 *
 * Verdict: with the project's wolfSSL (XC_ALLOC_STRICT=1) any allocation
 * fails. With Debian's libwolfssl, wolfCrypt is known to allocate: its
 * allocations are reported as expected and only the C allocator's count
 * (the core itself, or libc on its behalf) fails the test.
 *
 * Under AddressSanitizer (and the other sanitizers that own the
 * allocator) replacing malloc would fight the sanitizer's own, so the
 * program builds without the replacements and exits 77 (skipped).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/memory.h>

#include <xc/xc.h>

#include <dirent.h>
#include <errno.h>
#include <execinfo.h>
#include <ftw.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../testutil.h"

#ifndef XC_ALLOC_STRICT
#define XC_ALLOC_STRICT 1
#endif

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define ALLOC_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || \
	__has_feature(thread_sanitizer)
#define ALLOC_SANITIZER 1
#endif
#endif

#ifdef ALLOC_SANITIZER

int main(void)
{
	printf("test_alloc: built with a sanitizer that owns malloc; the counting test "
	       "cannot replace it: skipped (nm-check still runs)\n");
	return 77;
}

#else /* !ALLOC_SANITIZER */

/* ---- the counters ---------------------------------------------------- */

/* glibc's own entry points: the replacements below forward to them. */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t m);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t n);
extern void *__libc_valloc(size_t n);
extern void *__libc_pvalloc(size_t n);

#define TRACE_MAX 8             /* allocations reported with a backtrace */
#define TRACE_DEPTH 24

typedef struct trace {
	const char *who;        /* "libc malloc", "wolfCrypt XMALLOC", ... */
	const char *call;       /* the core call that was running */
	char file[256];         /* the corpus file being processed (a copy:
	                         * nftw reuses its path buffer) */
	size_t size;
	int depth;
	void *frames[TRACE_DEPTH];
} trace;

static volatile int counting;   /* inside a core call */
static int in_hook;             /* backtrace() itself may allocate */
static unsigned long n_libc;    /* C allocator calls while counting */
static unsigned long n_wolf;    /* wolfCrypt allocator calls while counting */
static unsigned long n_free;    /* frees while counting (informative) */
static unsigned long n_calls;   /* core calls made */
static const char *cur_call = "(none)";
static const char *cur_file = "(self-check)";
static trace traces[TRACE_MAX];
static int n_traces;

static void note(unsigned long *counter, const char *who, size_t size)
{
	if (!counting || in_hook)
		return;
	(*counter)++;
	if (n_traces < TRACE_MAX) {
		trace *t = &traces[n_traces++];
		/* snprintf and backtrace may allocate: not the core's doing */
		in_hook = 1;
		t->who = who;
		t->call = cur_call;
		snprintf(t->file, sizeof t->file, "%s", cur_file);
		t->size = size;
		t->depth = backtrace(t->frames, TRACE_DEPTH);
		in_hook = 0;
	}
}

/* ---- the C allocator, replaced (glibc supports this: "Replacing malloc") */

void *malloc(size_t n)
{
	note(&n_libc, "libc malloc", n);
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
	note(&n_libc, "libc calloc", n * m);
	return __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
	note(&n_libc, "libc realloc", n);
	return __libc_realloc(p, n);
}

void *reallocarray(void *p, size_t n, size_t m)
{
	if (m && n > (size_t)-1 / m) {
		errno = ENOMEM;
		return NULL;
	}
	note(&n_libc, "libc reallocarray", n * m);
	return __libc_realloc(p, n * m);
}

void free(void *p)
{
	if (counting && !in_hook && p)
		n_free++;
	__libc_free(p);
}

void *memalign(size_t align, size_t n)
{
	note(&n_libc, "libc memalign", n);
	return __libc_memalign(align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
	note(&n_libc, "libc aligned_alloc", n);
	return __libc_memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	if (align < sizeof(void *) || (align & (align - 1)) != 0)
		return EINVAL;
	note(&n_libc, "libc posix_memalign", n);
	void *p = __libc_memalign(align, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *valloc(size_t n)
{
	note(&n_libc, "libc valloc", n);
	return __libc_valloc(n);
}

void *pvalloc(size_t n)
{
	note(&n_libc, "libc pvalloc", n);
	return __libc_pvalloc(n);
}

/* ---- wolfCrypt's allocator, routed to its own counter ------------------ */

#if defined(WOLFSSL_STATIC_MEMORY)
#error "wolfSSL built with WOLFSSL_STATIC_MEMORY: allocator callbacks differ; extend test_alloc.c"
#elif defined(NO_WOLFSSL_MEMORY)
/* XMALLOC is plain malloc: the C allocator's counter sees it. */
#define WOLF_ROUTED 0
#define WOLF_MALLOC(n) malloc(n)
#define WOLF_FREE(p) free(p)
#elif defined(WOLFSSL_DEBUG_MEMORY)
#define WOLF_ROUTED 1
static void *wolf_malloc(size_t n, const char *func, unsigned int line)
{
	(void)func;
	(void)line;
	note(&n_wolf, "wolfCrypt XMALLOC", n);
	return __libc_malloc(n);
}

static void wolf_free(void *p, const char *func, unsigned int line)
{
	(void)func;
	(void)line;
	__libc_free(p);
}

static void *wolf_realloc(void *p, size_t n, const char *func, unsigned int line)
{
	(void)func;
	(void)line;
	note(&n_wolf, "wolfCrypt XREALLOC", n);
	return __libc_realloc(p, n);
}
#define WOLF_MALLOC(n) wolfSSL_Malloc((n), __func__, __LINE__)
#define WOLF_FREE(p) wolfSSL_Free((p), __func__, __LINE__)
#else
#define WOLF_ROUTED 1
static void *wolf_malloc(size_t n)
{
	note(&n_wolf, "wolfCrypt XMALLOC", n);
	return __libc_malloc(n);
}

static void wolf_free(void *p)
{
	__libc_free(p);
}

static void *wolf_realloc(void *p, size_t n)
{
	note(&n_wolf, "wolfCrypt XREALLOC", n);
	return __libc_realloc(p, n);
}
#define WOLF_MALLOC(n) wolfSSL_Malloc(n)
#define WOLF_FREE(p) wolfSSL_Free(p)
#endif

/* ---- the counting window ----------------------------------------------- */

/* One core call inside the window. Statements, so any call fits. */
#define CORE(stmt)                              \
	do {                                    \
		cur_call = #stmt;               \
		n_calls++;                      \
		counting = 1;                   \
		stmt;                           \
		counting = 0;                   \
	} while (0)

static unsigned long total(void)
{
	return n_libc + n_wolf;
}

/* ---- walking the objects ---------------------------------------------- */

/* Output buffers of the walk: static, so the walk needs no allocation and
 * no large stack frames, and large enough that XC_ERR_BUFFER is rare. */
static char text[1 << 17];
static uint8_t digest[XC_HASH_MAX];

static unsigned long n_objects;     /* objects that parsed */

static void walk_oid(xc_slice oid)
{
	const char *name;
	xc_oid_id id;
	size_t len;
	xc_err e;

	CORE(e = xc_oid_to_dotted(oid, text, sizeof text, &len));
	CORE(name = xc_oid_name(oid));
	CORE(id = xc_oid_lookup(oid));
	if (id != XC_OID_UNKNOWN) {
		const xc_oid_info *info;
		bool is;

		CORE(info = xc_oid_info_of(id));
		CORE(is = xc_oid_is(oid, id));
		(void)info;
		(void)is;
	}
	(void)e;
	(void)name;
}

static void walk_int(xc_slice v)
{
	size_t len, bits;
	bool neg;
	xc_err e;

	CORE(e = xc_int_to_dec(v, text, sizeof text, &len));
	CORE(e = xc_int_to_hex(v, text, sizeof text, &len));
	CORE(neg = xc_int_negative(v));
	CORE(bits = xc_int_bits(v));
	(void)e;
	(void)neg;
	(void)bits;
}

static void walk_bytes(xc_slice b)
{
	xc_err e;

	if (!b.p)
		return;
	CORE(e = xc_hex(b, text, sizeof text));
	(void)e;
}

static void walk_time(const xc_time *t)
{
	xc_err e;

	CORE(e = xc_time_format(t, text, sizeof text));
	(void)e;
}

static void walk_name(xc_slice name)
{
	xc_name_iter it;
	xc_attr a;
	size_t len, n;
	xc_err e;

	CORE(e = xc_name_check(name, name.p, NULL));
	CORE(e = xc_name_error(name, name.p, &n));
	CORE(e = xc_name_rfc4514(name, text, sizeof text, &len));
	CORE(n = xc_name_rdn_count(name));
	CORE(n = xc_name_attr_count(name));
	uint64_t h;
	bool same;
	CORE(h = xc_name_hash(name));
	CORE(same = xc_name_equal(name, name));
	uint32_t oh;
	CORE(e = xc_name_hash_openssl(name, (uint8_t *)text, sizeof text, &oh));
	CORE(e = xc_name_canon_openssl(name, (uint8_t *)text, sizeof text, &len));
	CORE(e = xc_name_openssl_rfc2253(name, text, sizeof text, &len));
	(void)oh;
	(void)h;
	(void)same;
	(void)n;
	CORE(xc_name_iter_init(&it, name));
	for (;;) {
		CORE(e = xc_name_next(&it, &a));
		if (e != XC_OK)
			break;
		walk_oid(a.oid);
		bool repeats;
		CORE(repeats = xc_name_attr_repeats(name, &a));
		(void)repeats;
		CORE(e = xc_attr_rfc4514(&a, text, sizeof text, &len));
		CORE(e = xc_string_to_utf8(a.tag, a.value, text, sizeof text, &len));
	}
}

static void walk_alg(const xc_algid *alg)
{
	const char *s;
	xc_sigalg sig;
	xc_err e;

	walk_oid(alg->oid);
	CORE(e = xc_sigalg_decode(alg, &sig));
	CORE(s = xc_sigalg_hash_name(alg));
	if (e == XC_OK) {
		size_t n;

		CORE(s = xc_key_type_name(sig.key));
		CORE(s = xc_hash_name(sig.hash));
		CORE(n = xc_hash_size(sig.hash));
		(void)n;
	}
	(void)s;
}

/* ---- decoded extensions (Core II) ---------------------------------------- */

static void walk_gn(const xc_gn *g, bool network)
{
	const char *s;
	size_t len;
	xc_err e;

	CORE(s = xc_gn_type_name(g->type));
	(void)s;
	switch (g->type) {
	case XC_GN_RFC822_NAME:
	case XC_GN_DNS_NAME:
	case XC_GN_URI:
		CORE(e = xc_string_to_utf8(XC_TAG_IA5_STRING, g->value, text, sizeof text, &len));
		break;
	case XC_GN_DIRECTORY_NAME:
		walk_name(g->value);
		break;
	case XC_GN_IP_ADDRESS:
		CORE(e = xc_gn_ip_format(g->value, network, text, sizeof text, &len));
		CORE(e = xc_gn_ip_format(g->value, !network, text, sizeof text, &len));
		break;
	case XC_GN_REGISTERED_ID:
		walk_oid(g->value);
		break;
	case XC_GN_OTHER_NAME:
		walk_oid(g->other_oid);
		walk_bytes(g->value);
		break;
	case XC_GN_X400_ADDRESS:
	case XC_GN_EDI_PARTY_NAME:
		walk_bytes(g->value);
		break;
	}
	(void)e;
}

static void walk_gns(xc_slice gns)
{
	xc_gn_iter it;
	xc_gn g;
	size_t count;
	xc_err e;

	if (!gns.p)
		return;
	CORE(e = xc_gns_check(gns, gns.p, NULL, &count));
	CORE(xc_gn_iter_init(&it, gns));
	for (;;) {
		CORE(e = xc_gn_next(&it, &g));
		if (e != XC_OK)
			break;
		walk_gn(&g, false);
	}
}

static void walk_dp_name(const xc_dp_name *dn)
{
	xc_rdn_iter it;
	xc_attr a;
	size_t len;
	xc_err e;

	walk_gns(dn->full_name);
	if (!dn->relative_name.p)
		return;
	CORE(xc_rdn_iter_init(&it, dn->relative_name));
	for (;;) {
		CORE(e = xc_rdn_next(&it, &a));
		if (e != XC_OK)
			break;
		walk_oid(a.oid);
		CORE(e = xc_attr_rfc4514(&a, text, sizeof text, &len));
		CORE(e = xc_string_to_utf8(a.tag, a.value, text, sizeof text, &len));
	}
}

static void walk_reasons(uint16_t r)
{
	const char *s;

	for (unsigned i = 0; i <= 9; i++)
		if (i == 0 || i == 9 || (r & (1u << i)))
			CORE(s = xc_reason_flag_name(i));
	(void)s;
}

static void walk_display_text(const xc_display_text *t)
{
	size_t len;
	xc_err e;

	CORE(e = xc_string_to_utf8(t->tag, t->value, text, sizeof text, &len));
	(void)e;
}

static void walk_policies(xc_slice v)
{
	xc_policies ps;
	xc_policy_iter pit;
	xc_policy_info pi;
	xc_qualifier_iter qit;
	xc_qualifier q;
	xc_notice_number_iter nit;
	xc_slice num;
	size_t len;
	xc_err e;

	CORE(e = xc_policies_decode(&ps, v, NULL, NULL));
	if (e != XC_OK)
		return;
	CORE(xc_policy_iter_init(&pit, ps.list));
	for (;;) {
		CORE(e = xc_policy_next(&pit, &pi));
		if (e != XC_OK)
			break;
		walk_oid(pi.oid);
		if (!pi.has_qualifiers)
			continue;
		CORE(xc_qualifier_iter_init(&qit, pi.qualifiers));
		for (;;) {
			CORE(e = xc_qualifier_next(&qit, &q));
			if (e != XC_OK)
				break;
			walk_oid(q.oid);
			if (q.type == XC_QUALIFIER_CPS_URI) {
				CORE(e = xc_string_to_utf8(XC_TAG_IA5_STRING, q.cps_uri,
				                           text, sizeof text, &len));
				continue;
			}
			if (q.has_notice_ref) {
				walk_display_text(&q.organization);
				CORE(xc_notice_number_iter_init(&nit, q.notice_numbers));
				for (;;) {
					CORE(e = xc_notice_number_next(&nit, &num));
					if (e != XC_OK)
						break;
					walk_int(num);
				}
			}
			if (q.has_explicit_text)
				walk_display_text(&q.explicit_text);
		}
	}
}

static void walk_dps(xc_slice v)
{
	xc_dps dps;
	xc_dp_iter it;
	xc_dp dp;
	xc_err e;

	CORE(e = xc_dps_decode(&dps, v, NULL, NULL));
	if (e != XC_OK)
		return;
	CORE(xc_dp_iter_init(&it, dps.list));
	for (;;) {
		CORE(e = xc_dp_next(&it, &dp));
		if (e != XC_OK)
			break;
		walk_dp_name(&dp.name);
		walk_reasons(dp.reasons);
		walk_gns(dp.crl_issuer);
	}
}

static void walk_subtrees(xc_slice list)
{
	xc_subtree_iter it;
	xc_gn g;
	xc_err e;

	if (!list.p)
		return;
	CORE(xc_subtree_iter_init(&it, list));
	for (;;) {
		CORE(e = xc_subtree_next(&it, &g));
		if (e != XC_OK)
			break;
		walk_gn(&g, true);
	}
}

static void walk_aia(xc_slice v)
{
	xc_aia aia;
	xc_aia_iter it;
	xc_access_desc ad;
	xc_err e;

	CORE(e = xc_aia_decode(&aia, v, NULL, NULL));
	if (e != XC_OK)
		return;
	CORE(xc_aia_iter_init(&it, aia.list));
	for (;;) {
		CORE(e = xc_aia_next(&it, &ad));
		if (e != XC_OK)
			break;
		walk_oid(ad.method);
		walk_gn(&ad.location, false);
	}
}

static void walk_scts(xc_slice v, xc_sct_entry_type t)
{
	xc_scts scts;
	xc_sct_iter it;
	xc_sct s;
	const char *name;
	xc_err e;

	CORE(e = xc_scts_decode(&scts, v, t, NULL, NULL));
	if (e != XC_OK)
		return;
	CORE(xc_sct_iter_init(&it, &scts));
	for (;;) {
		CORE(e = xc_sct_next(&it, &s));
		if (e != XC_OK)
			break;
		walk_bytes(s.log_id);
		walk_bytes(s.extensions);
		walk_bytes(s.signature);
		CORE(name = xc_sct_hash_name(s.hash_alg));
		CORE(name = xc_sct_sig_name(s.sig_alg));
		CORE(name = xc_sct_entry_type_name(s.entry_type));
	}
	(void)name;
}

/* Every decoder the core has for this OID, wherever the extension sits
 * (as the fuzzers do: fuzz/walk_parts.c), and all it hands out. */
static void walk_ext_value(const xc_ext *x)
{
	const char *s = NULL;
	xc_slice v = x->value;
	xc_oid_id id;
	xc_err e = XC_OK;

	CORE(id = xc_oid_lookup(x->oid));
	switch ((int)id) {
	case XC_OID_BASIC_CONSTRAINTS: {
		xc_bc bc;
		CORE(e = xc_bc_decode(&bc, v, NULL, NULL));
		break;
	}
	case XC_OID_KEY_USAGE: {
		xc_ku ku;
		CORE(e = xc_ku_decode(&ku, v, NULL, NULL));
		for (unsigned i = 0; i <= XC_KU_COUNT; i++)
			CORE(s = xc_ku_name(i));
		break;
	}
	case XC_OID_EXTENDED_KEY_USAGE: {
		xc_eku eku;
		xc_oids_iter it;
		xc_slice oid;
		CORE(e = xc_eku_decode(&eku, v, NULL, NULL));
		if (e != XC_OK)
			break;
		CORE(xc_oids_iter_init(&it, eku.oids));
		for (;;) {
			CORE(e = xc_oids_next(&it, &oid));
			if (e != XC_OK)
				break;
			walk_oid(oid);
		}
		break;
	}
	case XC_OID_SUBJECT_KEY_IDENTIFIER: {
		xc_ski ski;
		CORE(e = xc_ski_decode(&ski, v, NULL, NULL));
		if (e == XC_OK)
			walk_bytes(ski.digest);
		break;
	}
	case XC_OID_AUTHORITY_KEY_IDENTIFIER: {
		xc_aki aki;
		CORE(e = xc_aki_decode(&aki, v, NULL, NULL));
		if (e != XC_OK)
			break;
		walk_bytes(aki.key_id);
		walk_gns(aki.issuer);
		if (aki.serial.p)
			walk_int(aki.serial);
		break;
	}
	case XC_OID_SUBJECT_ALTERNATIVE_NAME:
	case XC_OID_ISSUER_ALTERNATIVE_NAME:
	case XC_OID_CERTIFICATE_ISSUER: {
		xc_alt_names an;
		CORE(e = xc_alt_names_decode(&an, v, NULL, NULL));
		if (e == XC_OK)
			walk_gns(an.gns);
		break;
	}
	case XC_OID_POLICY_CONSTRAINTS: {
		xc_policy_constraints pc;
		CORE(e = xc_policy_constraints_decode(&pc, v, NULL, NULL));
		break;
	}
	case XC_OID_INHIBIT_ANY_POLICY: {
		xc_inhibit_any_policy iap;
		CORE(e = xc_inhibit_any_policy_decode(&iap, v, NULL, NULL));
		if (e == XC_OK)
			walk_int(iap.skip_certs);
		break;
	}
	case XC_OID_OCSP_NO_CHECK:
	case XC_OID_PRECERT_POISON:
		CORE(e = xc_null_ext_decode(v, NULL, NULL));
		break;
	case XC_OID_TLS_FEATURE: {
		xc_tls_feature tf;
		xc_tls_feature_iter it;
		unsigned f;
		CORE(e = xc_tls_feature_decode(&tf, v, NULL, NULL));
		if (e != XC_OK)
			break;
		CORE(xc_tls_feature_iter_init(&it, tf.list));
		for (;;) {
			CORE(e = xc_tls_feature_next(&it, &f));
			if (e != XC_OK)
				break;
			CORE(s = xc_tls_feature_name(f));
		}
		break;
	}
	case XC_OID_CRL_NUMBER:
	case XC_OID_DELTA_CRL_INDICATOR: {
		xc_crl_number n;
		CORE(e = xc_crl_number_decode(&n, v, NULL, NULL));
		if (e == XC_OK)
			walk_int(n.number);
		break;
	}
	case XC_OID_CRL_REASON: {
		xc_crl_reason r;
		CORE(e = xc_crl_reason_decode(&r, v, NULL, NULL));
		if (e == XC_OK)
			CORE(s = xc_crl_reason_name(r));
		break;
	}
	case XC_OID_INVALIDITY_DATE: {
		xc_time t;
		CORE(e = xc_invalidity_date_decode(&t, v, NULL, NULL));
		if (e == XC_OK)
			walk_time(&t);
		break;
	}
	case XC_OID_NONCE: {
		xc_slice nonce;
		CORE(e = xc_nonce_decode(&nonce, v, NULL, NULL));
		if (e == XC_OK)
			walk_bytes(nonce);
		break;
	}
	case XC_OID_CERTIFICATE_POLICIES:
		walk_policies(v);
		break;
	case XC_OID_CRL_DISTRIBUTION_POINTS:
	case XC_OID_FRESHEST_CRL:
		walk_dps(v);
		break;
	case XC_OID_ISSUING_DISTRIBUTION_POINT: {
		xc_idp idp;
		CORE(e = xc_idp_decode(&idp, v, NULL, NULL));
		if (e != XC_OK)
			break;
		walk_dp_name(&idp.name);
		walk_reasons(idp.only_some_reasons);
		break;
	}
	case XC_OID_NAME_CONSTRAINTS: {
		xc_nc nc;
		CORE(e = xc_nc_decode(&nc, v, NULL, NULL));
		if (e != XC_OK)
			break;
		walk_subtrees(nc.permitted);
		walk_subtrees(nc.excluded);
		break;
	}
	case XC_OID_AUTHORITY_INFORMATION_ACCESS:
	case XC_OID_SUBJECT_INFORMATION_ACCESS:
		walk_aia(v);
		break;
	case XC_OID_PRECERT_SIGNED_CERTIFICATE_TIMESTAMPS:
		walk_scts(v, XC_SCT_PRECERTIFICATE);
		break;
	case XC_OID_SIGNED_CERTIFICATE_TIMESTAMPS:
		walk_scts(v, XC_SCT_X509_CERTIFICATE);
		break;
	default:
		break;
	}
	(void)e;
	(void)s;
}

static void walk_exts(xc_slice exts)
{
	xc_ext_iter it;
	xc_ext x, found, dup;
	size_t count;
	xc_err e;

	if (!exts.p)
		return;
	CORE(e = xc_ext_check(exts, exts.p, NULL, &count));
	CORE(xc_ext_iter_init(&it, exts));
	for (;;) {
		xc_oid_id id;

		CORE(e = xc_ext_next(&it, &x));
		if (e != XC_OK)
			break;
		walk_oid(x.oid);
		walk_ext_value(&x);
		CORE(e = xc_ext_find(exts, x.oid, &found));
		CORE(id = xc_oid_lookup(x.oid));
		if (id != XC_OID_UNKNOWN)
			CORE(e = xc_ext_find_id(exts, id, &found));
		for (int place = XC_EXT_IN_CERT; place <= XC_EXT_IN_CRL_ENTRY; place++) {
			const char *kn;
			CORE(kn = xc_ext_kind_name(xc_ext_kind_of(id, (xc_ext_place)place)));
			(void)kn;
		}
	}
	CORE(e = xc_ext_find_id(exts, XC_OID_UNKNOWN, &found));
	CORE(e = xc_ext_find_duplicate(exts, &dup));
}

static void walk_spki(xc_slice raw)
{
	xc_spki k;
	const char *s;
	xc_err e;
	size_t off;

	CORE(e = xc_spki_parse(&k, raw, raw.p, &off));
	if (e != XC_OK)
		return;
	walk_alg(&k.alg);
	CORE(s = xc_key_type_name(k.type));
	(void)s;
	if (k.rsa_n.p)
		walk_int(k.rsa_n);
	if (k.rsa_e.p)
		walk_int(k.rsa_e);
	if (k.dsa_p.p)
		walk_int(k.dsa_p);
	if (k.dsa_y.p)
		walk_int(k.dsa_y);
	if (k.curve_oid.p)
		walk_oid(k.curve_oid);
	walk_bytes(k.ec_point);
	/* the key identifier pyca computes: SHA-1 of the key bits */
	CORE(e = xc_fingerprint(XC_HASH_SHA1, k.key, digest, sizeof digest));
	CORE(e = xc_ski_from_spki(raw, digest));
}

/* The six fingerprints (md5, sha1, sha224, sha256, sha384, sha512). */
static void walk_fingerprints(xc_slice der)
{
	for (int h = XC_HASH_MD5; h < XC_HASH_COUNT; h++) {
		const char *s;
		size_t n;
		xc_err e;

		CORE(e = xc_fingerprint((xc_hash)h, der, digest, sizeof digest));
		CORE(n = xc_hash_size((xc_hash)h));
		CORE(s = xc_hash_name((xc_hash)h));
		(void)e;
		(void)n;
		(void)s;
	}
}

/* The issuer search's candidates: the certificate itself, once (the
 * search skips it as a candidate, after matching it). */
static bool self_cand(void *ctx, xc_slice name, xc_slice key_id, size_t i, xc_cert *out)
{
	(void)name, (void)key_id;
	if (i > 0)
		return false;
	*out = *(const xc_cert *)ctx;
	return true;
}

static void walk_cert(const xc_cert *c)
{
	xc_issuer_src src = { .cand = self_cand, .ctx = (void *)(uintptr_t)c };
	xc_issuer_found found;
	xc_signed_obj so;
	size_t tried;
	xc_verify_result r;
	const char *s;

	n_objects++;
	CORE(s = xc_version_name(c->version));
	(void)s;
	walk_int(c->serial);
	walk_alg(&c->tbs_sig_alg);
	walk_name(c->issuer);
	walk_name(c->subject);
	walk_time(&c->not_before);
	walk_time(&c->not_after);
	walk_spki(c->spki);
	walk_bytes(c->issuer_uid);
	walk_bytes(c->subject_uid);
	walk_exts(c->extensions);
	walk_alg(&c->sig_alg);
	walk_bytes(c->signature);
	walk_fingerprints(c->der);
	/* valid for a self-signed certificate; the key's path runs anyway */
	CORE(r = xc_cert_verify(c, c->spki));
	/* the issuer search: its own key first, then the key-id and name
	 * passes over the one candidate */
	CORE(so = xc_signed_of_cert(c));
	CORE(r = xc_issuer_find(&so, &src, XC_ISSUER_SELF, NULL, &found, &tried));
	(void)r;
}

static void walk_crl(const xc_crl *crl)
{
	xc_revoked_iter it;
	xc_revoked r, found;
	const char *s;
	unsigned long i = 0;
	xc_err e;

	n_objects++;
	CORE(s = xc_version_name(crl->version));
	(void)s;
	walk_alg(&crl->tbs_sig_alg);
	walk_name(crl->issuer);
	walk_time(&crl->last_update);
	if (crl->has_next_update)
		walk_time(&crl->next_update);
	CORE(xc_revoked_iter_init(&it, crl));
	for (;;) {
		CORE(e = xc_revoked_next(&it, &r));
		if (e != XC_OK)
			break;
		walk_int(r.serial);
		walk_time(&r.revocation_date);
		walk_exts(r.extensions);
		/* lookup is a linear scan: a few suffice to prove it clean */
		if (i++ < 16)
			CORE(e = xc_crl_find_revoked(crl, r.serial, &found));
	}
	{
		static const uint8_t absent[] = { 0x7f, 0xee, 0xdd, 0xcc, 0xbb };
		CORE(e = xc_crl_find_revoked(crl, xc_slice_make(absent, sizeof absent), &found));
	}
	walk_exts(crl->extensions);
	walk_alg(&crl->sig_alg);
	walk_bytes(crl->signature);
	walk_fingerprints(crl->der);
}

static void walk_csr(const xc_csr *csr)
{
	xc_csr_attr_iter it;
	xc_csr_attr a;
	xc_slice exts;
	xc_verify_result r;
	size_t count, len;
	xc_err e;

	n_objects++;
	walk_name(csr->subject);
	walk_spki(csr->spki);
	CORE(xc_csr_attr_iter_init(&it, csr));
	for (;;) {
		CORE(e = xc_csr_attr_next(&it, &a));
		if (e != XC_OK)
			break;
		walk_oid(a.oid);
		CORE(e = xc_string_to_utf8(a.tag, a.value, text, sizeof text, &len));
	}
	CORE(e = xc_csr_extensions(csr, &exts, &count, NULL));
	if (e == XC_OK)
		walk_exts(exts);
	walk_alg(&csr->sig_alg);
	walk_bytes(csr->signature);
	walk_fingerprints(csr->der);
	CORE(r = xc_csr_verify(csr));
	(void)r;
}

static void walk_der(const uint8_t *der, size_t len);

/* A PKCS#7 bundle (xc/p7.h): each certificate and CRL it carries through
 * every parser, as certfs reads them. */
static void walk_p7(const uint8_t *der, size_t len)
{
	xc_p7 p7;
	xc_p7_iter it;
	xc_p7_item item;
	size_t off;
	bool p7ish;
	xc_err e;

	CORE(p7ish = xc_p7_detect(der, len));
	CORE(e = xc_p7_parse(&p7, der, len, &off));
	if (e != XC_OK || !p7ish)
		return;
	n_objects++;
	for (int crls = 0; crls < 2; crls++) {
		CORE(xc_p7_iter_init(&it, &p7, crls));
		for (;;) {
			CORE(e = xc_p7_next(&it, &item));
			if (e != XC_OK)
				break;
			walk_der(item.raw.p, item.raw.len);
		}
	}
}

/* Tries every parser on one DER buffer (a file, or a decoded PEM block). */
static void walk_der(const uint8_t *der, size_t len)
{
	const char *s;
	xc_cert cert;
	xc_crl crl;
	xc_csr csr;
	xc_spki k;
	size_t off;
	xc_err e;

	CORE(e = xc_cert_parse(&cert, der, len, &off));
	if (e == XC_OK)
		walk_cert(&cert);
	else
		CORE(s = xc_strerror(e));
	CORE(e = xc_crl_parse(&crl, der, len, &off));
	if (e == XC_OK)
		walk_crl(&crl);
	else
		CORE(s = xc_errname(e));
	CORE(e = xc_csr_parse(&csr, der, len, &off));
	if (e == XC_OK)
		walk_csr(&csr);
	/* whichever kind it is, as certdump finds it (xc/obj.h) */
	xc_obj o;
	CORE(e = xc_obj_parse(&o, XC_OBJ_ANY, der, len, &off));
	CORE(s = xc_obj_kind_name(o.kind));
	/* public keys: PUBLIC KEY and RSA PUBLIC KEY blocks, and key files */
	CORE(e = xc_spki_parse(&k, xc_slice_make(der, len), der, &off));
	if (e == XC_OK) {
		n_objects++;
		walk_spki(xc_slice_make(der, len));
	}
	CORE(e = xc_spki_parse_pkcs1(&k, xc_slice_make(der, len), &off));
	if (e == XC_OK)
		n_objects++;
	walk_p7(der, len);
	(void)s;
}

static void walk_file(const uint8_t *buf, size_t len)
{
	xc_pem_iter it;
	xc_pem_block b;
	xc_pem_kind kind;
	bool pem;
	size_t off, n;
	xc_err e;

	CORE(pem = xc_pem_detect(buf, len));
	if (!pem) {
		walk_der(buf, len);
		return;
	}
	/* The decode buffer is the test's, allocated before the window opens. */
	uint8_t *out = malloc(XC_PEM_DECODED_MAX(len));
	if (!out) {
		fprintf(stderr, "test_alloc: out of memory\n");
		exit(2);
	}
	CORE(xc_pem_iter_init(&it, buf, len));
	for (unsigned guard = 0; guard < 100000; guard++) {
		CORE(e = xc_pem_next(&it, &b, &off));
		if (e == XC_END)
			break;
		if (e != XC_OK)
			continue;
		CORE(kind = xc_pem_kind_of(b.label));
		(void)kind;
		CORE(e = xc_pem_decode(b.body, out, XC_PEM_DECODED_MAX(len), &n, &off));
		if (e == XC_OK)
			walk_der(out, n);
	}
	free(out);
}

/* The fuzz corpus's folders for single values (fuzz/fuzz_<kind>.c): bytes
 * of one value, not a whole object, walked the way the fuzzer does. */
static void walk_value(const char *kind, const uint8_t *buf, size_t len)
{
	static const uint32_t string_tags[] = {
		XC_TAG_UTF8_STRING, XC_TAG_PRINTABLE_STRING, XC_TAG_BMP_STRING,
		XC_TAG_UNIVERSAL_STRING, XC_TAG_BIT_STRING,
	};
	xc_slice v = xc_slice_make(buf, len);
	size_t off, n;
	int64_t i64;
	xc_time t;
	xc_der d;
	xc_err e;

	if (strcmp(kind, "name") == 0) {
		CORE(e = xc_name_check(v, buf, &off));
		if (e == XC_OK)
			walk_name(v);
		for (size_t i = 0; i < sizeof string_tags / sizeof string_tags[0]; i++)
			CORE(e = xc_string_to_utf8(string_tags[i], v, text, sizeof text, &n));
	} else if (strcmp(kind, "oid") == 0) {
		CORE(e = xc_der_check_oid(v));
		walk_oid(v);
	} else if (strcmp(kind, "int") == 0) {
		CORE(e = xc_der_check_int(v));
		walk_int(v);
		if (e == XC_OK)
			CORE(e = xc_der_int_to_i64(v, &i64));
	} else if (strcmp(kind, "time") == 0) {
		CORE(e = xc_time_decode(XC_TAG_UTC_TIME, v, &t));
		if (e == XC_OK)
			walk_time(&t);
		CORE(e = xc_time_decode(XC_TAG_GENERALIZED_TIME, v, &t));
		if (e == XC_OK)
			walk_time(&t);
		CORE(xc_der_init(&d, buf, len));
		CORE(e = xc_der_read_time(&d, &t));
	} else {
		/* cert, crl, csr, pem, spki: whole objects */
		walk_file(buf, len);
	}
	(void)e;
}

/* ---- the corpus ------------------------------------------------------- */

static unsigned long n_files;
static unsigned long n_bad_files;   /* files that allocated: the first are listed */
static size_t value_root_len;       /* set while walking the fuzz corpus */

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	size_t len;
	uint8_t *buf;

	(void)ftw;
	if (type != FTW_F || !S_ISREG(st->st_mode))
		return 0;
	buf = tu_read_file(path, &len);
	if (!buf) {
		fprintf(stderr, "test_alloc: cannot read %s\n", path);
		return 0;
	}
	n_files++;
	cur_file = path;
	unsigned long before = total();
	if (value_root_len) {
		/* the folder right under the fuzz corpus names the input's kind */
		char kind[32];
		const char *k = path + value_root_len;
		size_t i = 0;

		while (*k == '/')
			k++;
		while (k[i] && k[i] != '/' && i < sizeof kind - 1) {
			kind[i] = k[i];
			i++;
		}
		kind[i] = '\0';
		walk_value(kind, buf, len);
	} else {
		walk_file(buf, len);
	}
	if (total() != before && n_bad_files++ < 50)
		printf("  allocation(s) while processing %s: %lu\n", path, total() - before);
	free(buf);
	return 0;
}

/* ---- checks ----------------------------------------------------------- */

static int passed, failed;

static void check(bool ok, const char *what)
{
	printf("%s: %s\n", ok ? "PASS" : "FAIL", what);
	if (ok)
		passed++;
	else
		failed++;
}

/* Called through a volatile pointer so the compiler cannot prove the
 * allocation unused and drop it (GCC removes malloc/free pairs). */
static void *(*volatile malloc_p)(size_t) = malloc;
static void *(*volatile calloc_p)(size_t, size_t) = calloc;
static void *(*volatile realloc_p)(void *, size_t) = realloc;

static void self_check(void)
{
	void *p;

	n_libc = n_wolf = 0;
	counting = 1;
	p = malloc_p(16);
	counting = 0;
	free(p);
	check(n_libc == 1, "self-check: a malloc inside the window is counted");

	counting = 1;
	p = calloc_p(4, 4);
	p = realloc_p(p, 64);
	counting = 0;
	free(p);
	check(n_libc == 3, "self-check: calloc and realloc inside the window are counted");

	p = malloc_p(16);
	free(p);
	check(n_libc == 3, "self-check: a malloc outside the window is not counted");

	counting = 1;
	p = WOLF_MALLOC(16);
	counting = 0;
	WOLF_FREE(p);
	check(total() == 4 && (WOLF_ROUTED ? n_wolf == 1 : n_libc == 4),
	      "self-check: a wolfSSL_Malloc (XMALLOC) inside the window is counted");

	n_libc = n_wolf = n_free = 0;
	n_traces = 0;
}

static void report_traces(void)
{
	for (int i = 0; i < n_traces; i++) {
		const trace *t = &traces[i];

		printf("allocation %d: %s of %zu bytes in %s\n  file %s\n  backtrace:\n",
		       i + 1, t->who, t->size, t->call, t->file);
		fflush(stdout);
		backtrace_symbols_fd(t->frames, t->depth, STDOUT_FILENO);
	}
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ---- every verify path --------------------------------------------------- */

/* One Wycheproof file per path, with the AlgorithmIdentifier its rows are
 * signed under (the TSV names the hash; the certificate encoding is what
 * xc_verify() takes). */
static const struct {
	const char *file;
	const char *algid;      /* hex DER */
} verify_files[] = {
	{ "ecdsa_secp224r1_sha224_test.tsv", "300a06082a8648ce3d040301" },
	{ "ecdsa_secp256r1_sha256_test.tsv", "300a06082a8648ce3d040302" },
	{ "ecdsa_secp384r1_sha384_test.tsv", "300a06082a8648ce3d040303" },
	{ "ecdsa_secp521r1_sha512_test.tsv", "300a06082a8648ce3d040304" },
	{ "ecdsa_secp256k1_sha256_test.tsv", "300a06082a8648ce3d040302" },
	{ "ecdsa_brainpoolP256r1_sha256_test.tsv", "300a06082a8648ce3d040302" },
	{ "ecdsa_brainpoolP384r1_sha384_test.tsv", "300a06082a8648ce3d040303" },
	{ "ecdsa_brainpoolP512r1_sha512_test.tsv", "300a06082a8648ce3d040304" },
	{ "rsa_signature_2048_sha256_test.tsv", "300d06092a864886f70d01010b0500" },
	{ "rsa_signature_3072_sha384_test.tsv", "300d06092a864886f70d01010c0500" },
	{ "rsa_signature_4096_sha512_test.tsv", "300d06092a864886f70d01010d0500" },
	{ "rsa_signature_8192_sha256_test.tsv", "300d06092a864886f70d01010b0500" },
	{ "rsa_pss_2048_sha256_mgf1_32_test.tsv",
	  "304106092a864886f70d01010a3034a00f300d06096086480165030402010500"
	  "a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120" },
	{ "ed25519_test.tsv", "300506032b6570" },
	{ "ed448_test.tsv", "300506032b6571" },
	{ "dsa_2048_224_sha224_test.tsv", "300b0609608648016503040301" },
	{ "dsa_3072_256_sha256_test.tsv", "300b0609608648016503040302" },
};

#define VERIFY_ROWS 4           /* of each kind (valid, invalid) per file */

/* Runs the first VERIFY_ROWS valid and invalid rows of one file; false if
 * a result is wrong. *unsupported counts rows the build cannot verify
 * (Debian's libwolfssl stops at RSA-4096). */
static bool verify_file(const char *dir, const char *file, xc_algid *aid,
			unsigned long *unsupported)
{
	char path[4096], *line = NULL;
	size_t cap = 0;
	int nvalid = 0, ninvalid = 0;
	bool ok = true;
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	fp = fopen(path, "r");
	if (!fp) {
		printf("verify: cannot open %s\n", path);
		return false;
	}
	cur_file = file;
	while ((nvalid < VERIFY_ROWS || ninvalid < VERIFY_ROWS) &&
	       getline(&line, &cap, fp) > 0) {
		char *f[10], *p = line;
		int n = 0;
		size_t kl, ml, sl;

		if (line[0] == '#')
			continue;
		f[n++] = p;
		for (; *p && n < 10; p++)
			if (*p == '\t') {
				*p = '\0';
				f[n++] = p + 1;
			}
		if (n != 10)
			continue;
		bool valid = strcmp(f[7], "valid") == 0;
		if (!valid && strcmp(f[7], "invalid") != 0)
			continue;
		if (valid ? nvalid >= VERIFY_ROWS : ninvalid >= VERIFY_ROWS)
			continue;
		uint8_t *key = tu_unhex(f[4], &kl);
		uint8_t *msg = *f[5] ? tu_unhex(f[5], &ml) : calloc(1, 1);
		uint8_t *sig = *f[6] ? tu_unhex(f[6], &sl) : calloc(1, 1);
		if (!*f[5])
			ml = 0;
		if (!*f[6])
			sl = 0;
		if (key && msg && sig) {
			xc_verify_result r;

			CORE(r = xc_verify(aid, xc_slice_make(msg, ml), xc_slice_make(sig, sl),
					   xc_slice_make(key, kl)));
			if (r == XC_VERIFY_UNSUPPORTED) {
				(*unsupported)++;
			} else if ((r == XC_VERIFY_VALID) != valid) {
				printf("verify: %s tc %s: %s, expected %s\n", file, f[8],
				       xc_verify_result_name(r), f[7]);
				ok = false;
			}
			if (valid)
				nvalid++;
			else
				ninvalid++;
		}
		free(key);
		free(msg);
		free(sig);
	}
	free(line);
	fclose(fp);
	if (nvalid + ninvalid == 0) {
		printf("verify: no rows in %s\n", file);
		ok = false;
	}
	return ok;
}

static void run_verify(const char *dir)
{
	unsigned long c0 = n_calls, l0 = n_libc, w0 = n_wolf, unsupported = 0;
	size_t nfiles = sizeof verify_files / sizeof verify_files[0];
	char msg[512];

	for (size_t i = 0; i < nfiles; i++) {
		unsigned long before = total(), u0 = unsupported;
		uint8_t *der;
		size_t len;
		xc_algid aid;
		xc_der d;

		der = tu_unhex(verify_files[i].algid, &len);
		xc_der_init(&d, der, len);
		if (!der || xc_der_read_algid(&d, &aid) != XC_OK) {
			snprintf(msg, sizeof msg, "verify: %s: test's AlgorithmIdentifier",
				 verify_files[i].file);
			check(false, msg);
			free(der);
			continue;
		}
		snprintf(msg, sizeof msg, "verify: %s: results as Wycheproof says",
			 verify_files[i].file);
		check(verify_file(dir, verify_files[i].file, &aid, &unsupported), msg);
		printf("verify: %s: %lu allocation(s)%s\n", verify_files[i].file,
		       total() - before, unsupported != u0 ? " (unsupported here)" : "");
		free(der);
	}
	printf("verify (%s): %zu paths, %lu core calls, %lu unsupported, %lu allocations "
	       "(C allocator %lu, wolfCrypt %lu)\n", dir, nfiles, n_calls - c0, unsupported,
	       (n_libc - l0) + (n_wolf - w0), n_libc - l0, n_wolf - w0);
	if (XC_ALLOC_STRICT) {
		check(unsupported == 0, "verify: the project's wolfSSL supports every path");
		check((n_libc - l0) + (n_wolf - w0) == 0,
		      "verify: zero allocations on every algorithm, curve and key size");
	} else {
		check(n_libc - l0 == 0, "verify: zero C allocations in the core");
	}
}

/* ---- path validation ---------------------------------------------------- */

#define PATH_MAX_OBJS 512

/* Loads every file of dir ending in ext (outside the counting window):
 * the DER into bufs[], parsed by the core into certs[] or crls[]. */
static size_t load_pkits(const char *dir, const char *ext, uint8_t **bufs, xc_cert *certs,
			 xc_crl *crls, char (*names)[96])
{
	char path[4096];
	struct dirent *e;
	size_t n = 0;
	DIR *d = opendir(dir);

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL && n < PATH_MAX_OBJS) {
		size_t l = strlen(e->d_name), len;

		if (l < 5 || l >= 96 || strcmp(e->d_name + l - 4, ext) != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		bufs[n] = tu_read_file(path, &len);
		if (!bufs[n])
			continue;
		if ((certs ? xc_cert_parse(&certs[n], bufs[n], len, NULL)
			   : xc_crl_parse(&crls[n], bufs[n], len, NULL)) != XC_OK) {
			free(bufs[n]);
			continue;
		}
		if (names)
			memcpy(names[n], e->d_name, l + 1);
		n++;
	}
	closedir(d);
	return n;
}

/* xc_path_validate() on every PKITS end entity (files *EE.crt) against
 * TrustAnchorRootCertificate, with every PKITS certificate as an
 * intermediate and every CRL, revocation checked: once scanning the CRLs,
 * once through CRL indexes built (xc_crl_index_build) inside the window. */
static void run_paths(const char *vectors)
{
	static uint8_t *cbufs[PATH_MAX_OBJS], *lbufs[PATH_MAX_OBJS];
	static xc_cert certs[PATH_MAX_OBJS], inter[PATH_MAX_OBJS];
	static xc_crl crls[PATH_MAX_OBJS];
	static xc_crl_index ix[PATH_MAX_OBJS];
	static char names[PATH_MAX_OBJS][96];
	static xc_path_work work;
	static xc_path_result res;
	char dir[4096];
	unsigned long c0 = n_calls, before = total(), libc0 = n_libc, wolf0 = n_wolf;
	size_t nc, nl, ni = 0, runs = 0, valid = 0, root = PATH_MAX_OBJS;

	snprintf(dir, sizeof dir, "%s/PKITS_data/certs", vectors);
	nc = load_pkits(dir, ".crt", cbufs, certs, NULL, names);
	snprintf(dir, sizeof dir, "%s/PKITS_data/crls", vectors);
	nl = load_pkits(dir, ".crl", lbufs, NULL, crls, NULL);
	for (size_t i = 0; i < nc; i++) {
		if (strcmp(names[i], "TrustAnchorRootCertificate.crt") == 0)
			root = i;
		else
			inter[ni++] = certs[i];
	}
	if (root == PATH_MAX_OBJS || nl == 0) {
		printf("paths: PKITS not found under %s: not run\n", vectors);
		return;
	}
	uint32_t *offs = malloc(sizeof *offs * 65536);
	size_t used = 0;
	bool built = offs != NULL;

	cur_file = "PKITS CRL indexes";
	for (size_t i = 0; built && i < nl; i++) {
		xc_err e = XC_OK;

		CORE(e = xc_crl_index_build(&ix[i], &crls[i], offs + used, 65536 - used));
		used += crls[i].revoked_count;
		built = e == XC_OK;
	}
	check(built, "paths: a CRL index for every PKITS CRL");
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < nc; i++) {
			size_t l = strlen(names[i]);
			xc_path_policy pol;
			xc_path_err e = XC_PATH_OK;

			if (l < 7 || strcmp(names[i] + l - 6, "EE.crt") != 0)
				continue;
			xc_path_input in = {
				.leaf = &certs[i],
				.intermediates = inter,
				.n_intermediates = ni,
				.anchors = &certs[root],
				.n_anchors = 1,
				.crls = crls,
				.n_crls = nl,
				.crl_index = pass && built ? ix : NULL,
			};
			xc_path_policy_init(&pol, 1420070400); /* 2015-01-01 */
			pol.check_revocation = true;
			cur_file = names[i];
			CORE(e = xc_path_validate(&in, &pol, &work, &res));
			runs++;
			valid += e == XC_PATH_OK;
		}
	}
	printf("paths: %zu validations of PKITS end entities (%zu valid), %lu core calls, "
	       "%lu allocations\n", runs, valid, n_calls - c0, total() - before);
	check(runs > 300 && valid > 100, "paths: PKITS end entities validated");
	/* as run_corpus: Debian's libwolfssl allocates inside its own
	 * signature checks, which the core cannot prevent; the core's own
	 * (C allocator) count must still be zero */
	if (XC_ALLOC_STRICT || n_wolf == wolf0) {
		check(total() == before, "paths: zero allocations in xc_path_validate and the CRL index");
	} else {
		printf("NOTE: %lu wolfCrypt allocation(s): expected with the system libwolfssl, "
		       "not counted against the core\n", n_wolf - wolf0);
		check(n_libc == libc0, "paths: zero C allocations in xc_path_validate and the CRL index");
	}
	free(offs);
	for (size_t i = 0; i < nc; i++)
		free(cbufs[i]);
	for (size_t i = 0; i < nl; i++)
		free(lbufs[i]);
}

static void run_corpus(const char *dir, const char *what, bool values)
{
	unsigned long f0 = n_files, o0 = n_objects, c0 = n_calls;
	unsigned long l0 = n_libc, w0 = n_wolf;
	char msg[512];

	value_root_len = values ? strlen(dir) : 0;
	if (nftw(dir, visit, 32, FTW_PHYS) != 0)
		fprintf(stderr, "test_alloc: walking %s failed\n", dir);
	value_root_len = 0;
	printf("%s (%s): %lu files, %lu objects, %lu core calls, %lu allocations "
	       "(C allocator %lu, wolfCrypt %lu)\n", what, dir, n_files - f0,
	       n_objects - o0, n_calls - c0, (n_libc - l0) + (n_wolf - w0),
	       n_libc - l0, n_wolf - w0);

	unsigned long wolf = n_wolf - w0, libc = n_libc - l0;
	if (XC_ALLOC_STRICT || wolf == 0) {
		snprintf(msg, sizeof msg, "%s: zero allocations in the core", what);
		check(libc + wolf == 0, msg);
	} else {
		printf("NOTE: %lu wolfCrypt allocation(s): expected with the system "
		       "libwolfssl, not counted against the core\n", wolf);
		snprintf(msg, sizeof msg, "%s: zero C allocations in the core", what);
		check(libc == 0, msg);
	}
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 5) {
		fprintf(stderr, "usage: %s VECTORS_X509_DIR TEST_DATA_DIR [FUZZ_CORPUS_DIR "
			"[WYCHEPROOF_DIR]]\n", argv[0]);
		return 2;
	}
	const char *vectors = argv[1], *data = argv[2];
	const char *fuzz = argc > 3 ? argv[3] : NULL;
	const char *wycheproof = argc > 4 ? argv[4] : NULL;

	/* backtrace() loads libgcc on first use, which allocates: do it now. */
	void *warm[4];
	(void)backtrace(warm, 4);

#if WOLF_ROUTED
	if (wolfSSL_SetAllocators(wolf_malloc, wolf_free, wolf_realloc) != 0) {
		fprintf(stderr, "test_alloc: wolfSSL_SetAllocators failed\n");
		return 1;
	}
#endif
	printf("test_alloc: wolfSSL %s, strict=%d\n",
	       XC_ALLOC_STRICT ? "project build" : "system library", XC_ALLOC_STRICT);

	self_check();

	if (is_dir(data))
		run_corpus(data, "tests/data", false);
	else
		printf("test_alloc: no test data directory %s\n", data);
	if (fuzz && is_dir(fuzz))
		run_corpus(fuzz, "fuzz corpus", true);
	else if (fuzz)
		printf("test_alloc: no fuzz corpus %s\n", fuzz);

	bool have_vectors = is_dir(vectors);
	if (have_vectors) {
		run_corpus(vectors, "vectors", false);
		run_paths(vectors);
	}
	if (wycheproof && is_dir(wycheproof))
		run_verify(wycheproof);
	else if (wycheproof)
		printf("test_alloc: no Wycheproof vectors in %s: verify paths not run\n",
		       wycheproof);

	printf("total: %lu files, %lu objects, %lu core calls, %lu allocations counted "
	       "(C allocator %lu, wolfCrypt %lu; frees %lu) in %lu files\n", n_files,
	       n_objects, n_calls, total(), n_libc, n_wolf, n_free, n_bad_files);
	report_traces();
	if (have_vectors)
		check(n_objects > 0, "the corpus parsed into objects (an empty run proves nothing)");
	printf("%d passed, %d failed\n", passed, failed);
	if (failed)
		return 1;
	if (!have_vectors) {
		printf("test_alloc: SKIP: vectors directory %s is absent "
		       "(install python3-cryptography-vectors); the other corpora were clean\n", vectors);
		return 77;
	}
	return 0;
}

#endif /* !ALLOC_SANITIZER */
