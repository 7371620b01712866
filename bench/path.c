/*
 * bench/path.c - full path validations per second: the core's
 * xc_path_validate() against OpenSSL's X509_verify_cert() and GnuTLS's
 * gnutls_x509_trust_list_verify_crt2().
 *
 *   bench-path DIR [ROUNDS]
 *
 * DIR holds bench/path-pki.py's PKIs: a 3-certificate chain (root,
 * intermediate, end entity) with P-256 keys, the same with RSA-2048, and
 * the P-256 chain again with revocation checked against the
 * intermediate's 10,000-entry CRL and the root's empty one.
 * Everything is parsed once, outside the timing, as the issue asks
 * ("with the chain and CRL already parsed"): the core's xc_cert/xc_crl
 * and CRL indexes; OpenSSL's X509s and an X509_STORE holding the root
 * (and CRLs, with X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL) set
 * up once, then per validation an X509_STORE_CTX made, initialised with
 * the end entity and the intermediate as untrusted, verified and freed;
 * GnuTLS's trust list holding the root (and CRLs) set up once, then per
 * validation gnutls_x509_trust_list_verify_crt2 on [end entity,
 * intermediate]. The libraries alternate batch by batch, round by round;
 * the median batch is kept. Allocations per validation come from
 * bench/alloc.c's interposed allocator. Prints a Markdown table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#ifdef BENCH_HAVE_GNUTLS
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#endif

#include <xc/xc.h>

#include "bench.h"

#define MAX_ROUNDS 101
#define BATCH 200

volatile uint64_t bench_sink;

struct pcase {
	const char *name;
	const char *kind;       /* file prefix */
	bool crl;               /* revocation checked */
};

static const struct pcase cases[] = {
	{ "3-cert chain, P-256", "p256", false },
	{ "3-cert chain, RSA-2048", "rsa2048", false },
	{ "3-cert chain, P-256, 10,000-entry CRL", "p256", true },
};

struct blob {
	uint8_t *p;
	size_t len;
};

static struct blob load(const char *dir, const char *kind, const char *part)
{
	char path[4096];
	struct blob b = { NULL, 0 };
	FILE *f;
	long n;

	snprintf(path, sizeof path, "%s/%s-%s", dir, kind, part);
	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "bench-path: cannot read %s (run bench/path-pki.py %s)\n", path, dir);
		exit(1);
	}
	b.len = (size_t)n;
	b.p = malloc(b.len);
	if (!b.p || fread(b.p, 1, b.len, f) != b.len)
		exit(1);
	fclose(f);
	return b;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One library's setup for one case. */
struct run {
	/* the core */
	xc_cert xc_certs[3];
	xc_crl xc_crls[2];
	xc_crl_index ix[2];
	uint32_t *offs[2];
	xc_path_input in;
	xc_path_policy pol;
	xc_path_work *work;
	xc_path_result res;
	/* OpenSSL */
	X509_STORE *store;
	X509 *o_leaf, *o_int;
	STACK_OF(X509) *o_untrusted;
#ifdef BENCH_HAVE_GNUTLS
	gnutls_x509_trust_list_t tl;
	gnutls_x509_crt_t g_chain[2];
#endif
};

static X509 *o_cert(struct blob b)
{
	const unsigned char *p = b.p;

	return d2i_X509(NULL, &p, (long)b.len);
}

static void setup(struct run *r, const char *dir, const struct pcase *c)
{
	struct blob root = load(dir, c->kind, "root.der"), in = load(dir, c->kind, "int.der");
	struct blob leaf = load(dir, c->kind, "leaf.der"), crl[2] = { { NULL, 0 }, { NULL, 0 } };
	size_t ncrl = 0;

	if (c->crl) {
		crl[0] = load(dir, c->kind, "int.crl");
		crl[1] = load(dir, c->kind, "root.crl");
		ncrl = 2;
	}
	/* The core: parsed once, CRLs indexed once. */
	if (xc_cert_parse(&r->xc_certs[0], leaf.p, leaf.len, NULL) != XC_OK ||
	    xc_cert_parse(&r->xc_certs[1], in.p, in.len, NULL) != XC_OK ||
	    xc_cert_parse(&r->xc_certs[2], root.p, root.len, NULL) != XC_OK)
		exit(1);
	for (size_t i = 0; i < ncrl; i++) {
		if (xc_crl_parse(&r->xc_crls[i], crl[i].p, crl[i].len, NULL) != XC_OK)
			exit(1);
		r->offs[i] = malloc(sizeof *r->offs[i] * (r->xc_crls[i].revoked_count + 1));
		if (xc_crl_index_build(&r->ix[i], &r->xc_crls[i], r->offs[i],
				       r->xc_crls[i].revoked_count) != XC_OK)
			exit(1);
	}
	r->in = (xc_path_input){ &r->xc_certs[0], &r->xc_certs[1], 1, &r->xc_certs[2], 1,
				 r->xc_crls, ncrl, ncrl ? r->ix : NULL };
	xc_path_policy_init(&r->pol, (int64_t)time(NULL));
	r->pol.purpose = XC_PURPOSE_SERVER;
	r->pol.check_revocation = c->crl;
	r->work = malloc(sizeof *r->work);

	/* OpenSSL: the store set once. */
	r->store = X509_STORE_new();
	X509_STORE_add_cert(r->store, o_cert(root));
	for (size_t i = 0; i < ncrl; i++) {
		const unsigned char *p = crl[i].p;
		X509_CRL *x = d2i_X509_CRL(NULL, &p, (long)crl[i].len);

		X509_STORE_add_crl(r->store, x);
		X509_CRL_free(x);
	}
	if (c->crl)
		X509_STORE_set_flags(r->store, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
	X509_STORE_set_purpose(r->store, X509_PURPOSE_SSL_SERVER);
	r->o_leaf = o_cert(leaf);
	r->o_int = o_cert(in);
	r->o_untrusted = sk_X509_new_null();
	sk_X509_push(r->o_untrusted, r->o_int);

#ifdef BENCH_HAVE_GNUTLS
	gnutls_x509_crt_t g_root;
	gnutls_datum_t d;

	gnutls_x509_trust_list_init(&r->tl, 0);
	gnutls_x509_crt_init(&g_root);
	d = (gnutls_datum_t){ root.p, (unsigned)root.len };
	gnutls_x509_crt_import(g_root, &d, GNUTLS_X509_FMT_DER);
	gnutls_x509_trust_list_add_cas(r->tl, &g_root, 1, 0);
	for (size_t i = 0; i < ncrl; i++) {
		gnutls_x509_crl_t g_crl;

		gnutls_x509_crl_init(&g_crl);
		d = (gnutls_datum_t){ crl[i].p, (unsigned)crl[i].len };
		gnutls_x509_crl_import(g_crl, &d, GNUTLS_X509_FMT_DER);
		/* No GNUTLS_TL_VERIFY_CRL: it would refuse the intermediate's
		 * CRL, whose signer is not in the list. */
		if (gnutls_x509_trust_list_add_crls(r->tl, &g_crl, 1, 0, 0) < 1)
			fprintf(stderr, "bench-path: GnuTLS refused CRL %zu\n", i);
	}
	gnutls_x509_crt_init(&r->g_chain[0]);
	gnutls_x509_crt_init(&r->g_chain[1]);
	d = (gnutls_datum_t){ leaf.p, (unsigned)leaf.len };
	gnutls_x509_crt_import(r->g_chain[0], &d, GNUTLS_X509_FMT_DER);
	d = (gnutls_datum_t){ in.p, (unsigned)in.len };
	gnutls_x509_crt_import(r->g_chain[1], &d, GNUTLS_X509_FMT_DER);
#endif
}

static bool op_xc(struct run *r)
{
	return xc_path_validate(&r->in, &r->pol, r->work, &r->res) == XC_PATH_OK;
}

static bool op_ossl(struct run *r)
{
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	int ok = X509_STORE_CTX_init(ctx, r->store, r->o_leaf, r->o_untrusted) == 1 &&
		 X509_verify_cert(ctx) == 1;

	X509_STORE_CTX_free(ctx);
	return ok;
}

#ifdef BENCH_HAVE_GNUTLS
static bool op_gnutls(struct run *r)
{
	unsigned status = 1;

	return gnutls_x509_trust_list_verify_crt2(r->tl, r->g_chain, 2, NULL, 0, 0, &status,
						  NULL) == 0 &&
	       status == 0;
}
#endif

struct lib {
	const char *name;
	bool (*op)(struct run *);
	double t[MAX_ROUNDS];
	uint64_t allocs;
	unsigned long fails;
};

int main(int argc, char **argv)
{
	unsigned rounds = argc > 2 ? (unsigned)atoi(argv[2]) : 21;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-path DIR [ROUNDS]\n");
		return 2;
	}
	if (rounds < 1 || rounds > MAX_ROUNDS)
		rounds = 21;
#ifdef BENCH_HAVE_GNUTLS
	gnutls_global_init();
#endif
	printf("Full path validations per second (median of %u batches of %u; %s",
	       rounds, BATCH, OpenSSL_version(OPENSSL_VERSION));
#ifdef BENCH_HAVE_GNUTLS
	printf(", GnuTLS %s", gnutls_check_version(NULL));
#endif
	printf("):\n\n| case | certfs core | allocs | OpenSSL X509_verify_cert | allocs |"
#ifdef BENCH_HAVE_GNUTLS
	       " GnuTLS verify_crt2 | allocs |"
#endif
	       " core vs OpenSSL | core vs GnuTLS |\n|---|---|---|---|---|---|---|---|---|\n");
	for (size_t ci = 0; ci < sizeof cases / sizeof cases[0]; ci++) {
		static struct run r;
		struct lib libs[] = {
			{ "core", op_xc, { 0 }, 0, 0 },
			{ "openssl", op_ossl, { 0 }, 0, 0 },
#ifdef BENCH_HAVE_GNUTLS
			{ "gnutls", op_gnutls, { 0 }, 0, 0 },
#endif
		};
		size_t nl = sizeof libs / sizeof libs[0];
		double med[3] = { 0, 0, 0 };

		memset(&r, 0, sizeof r);
		setup(&r, argv[1], &cases[ci]);
		for (size_t l = 0; l < nl; l++)
			if (!libs[l].op(&r))
				fprintf(stderr, "bench-path: %s: %s does not validate\n", cases[ci].name,
					libs[l].name);
		for (unsigned k = 0; k < rounds; k++) {
			for (size_t l = 0; l < nl; l++) {
				uint64_t a0 = bench_allocs;
				double t0 = now_s();

				for (unsigned i = 0; i < BATCH; i++)
					libs[l].fails += !libs[l].op(&r);
				libs[l].t[k] = now_s() - t0;
				libs[l].allocs += bench_allocs - a0;
			}
		}
		for (size_t l = 0; l < nl; l++) {
			qsort(libs[l].t, rounds, sizeof libs[l].t[0], cmp_double);
			med[l] = BATCH / libs[l].t[rounds / 2];
			if (libs[l].fails)
				fprintf(stderr, "bench-path: %s: %s failed %lu validations\n",
					cases[ci].name, libs[l].name, libs[l].fails);
		}
		printf("| %s |", cases[ci].name);
		for (size_t l = 0; l < nl; l++)
			printf(" %.0f/s | %.1f |", med[l],
			       (double)libs[l].allocs / ((double)rounds * BATCH));
		printf(" %.2fx |", med[0] / med[1]);
		if (nl > 2)
			printf(" %.2fx |", med[0] / med[2]);
		printf("\n");
	}
	return 0;
}
