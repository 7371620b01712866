/*
 * tools/certverify.c - RFC 5280 path validation from the command line
 * (issue 17; docs/certverify.1 is the manual).
 *
 *   certverify [--anchors FILE|DIR]... [--untrusted FILE]... [--crl FILE]...
 *              [--purpose server|client|any] [--name DNS|IP|EMAIL] [--at TIME]
 *              [--profile rfc5280|webpki] [--json] CERT...
 *
 * Each CERT file's first certificate is validated by xc_path_validate;
 * the file's other certificates join the --untrusted ones. Exit 0 when
 * every CERT is valid; 1 when one is not, with one line for each that is
 * not: "CERT: <subject or #index>: <check>: <text>"; 2 for a usage error
 * or an input that cannot be read (every such reason on stderr).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xc/path.h>
#include <xc/xc.h>

#include "attime.h"
#include "emit.h"
#include "load.h"

/* Without --anchors: the system's trust store, as openssl verify and
 * certtool --verify use theirs (Debian's ca-certificates bundle). */
#define CV_SYSTEM_ANCHORS "/etc/ssl/certs/ca-certificates.crt"

typedef struct cv_opts {
	ld_set anchors, untrusted, crls;
	xc_path_policy pol;
	uint8_t ip[16];
	const char *name, *at;
	bool json;
} cv_opts;

static xc_path_work g_work;

static void usage(FILE *to)
{
	fputs("usage: certverify [--anchors FILE|DIR]... [--untrusted FILE]... [--crl FILE]...\n"
	      "                  [--purpose server|client|any] [--name DNS|IP|EMAIL] [--at TIME]\n"
	      "                  [--profile rfc5280|webpki] [--json] CERT...\n"
	      "Validates each CERT's certification path (RFC 5280 section 6) to a trust anchor.\n"
	      "Exit 0 valid, 1 invalid (one line per invalid CERT), 2 usage or unreadable input.\n",
	      to);
}

static const char *const purposes[] = { [XC_PURPOSE_ANY] = "any", [XC_PURPOSE_SERVER] = "server",
					[XC_PURPOSE_CLIENT] = "client" };
static const char *const profiles[] = { [XC_PROFILE_RFC5280] = "rfc5280",
					[XC_PROFILE_WEBPKI] = "webpki" };
static const char *const rev_names[] = { [XC_REV_NOT_CHECKED] = "not_checked",
					 [XC_REV_GOOD] = "good", [XC_REV_REVOKED] = "revoked",
					 [XC_REV_UNKNOWN] = "unknown" };

/* The index of `arg` in names[n], or -1. */
static int pick(const char *arg, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(arg, names[i]))
			return (int)i;
	return -1;
}

/* A certificate as people read it: its subject, or "#i" (its place in
 * the chain) when the subject is empty or does not print. */
static void cert_label(const xc_cert *c, size_t i, char *buf, size_t cap)
{
	if (!c || xc_name_rfc4514(c->subject, buf, cap, NULL) || !buf[0])
		snprintf(buf, cap, "#%zu", i);
}

/* The revocation of chain[i] for the failure text: its date and reason. */
static void revoked_text(const xc_path_result *r, size_t i, char *buf, size_t cap)
{
	char date[XC_TIME_STR] = "?";
	const char *why = r->rev_reason[i] >= 0 ? xc_crl_reason_name(r->rev_reason[i]) : NULL;

	xc_time_format(&r->rev_date[i], date, sizeof date);
	snprintf(buf, cap, " on %s%s%s", date, why ? ", " : "", why ? why : "");
}

static void json_time(const char *k, const xc_time *t)
{
	char buf[XC_TIME_STR];

	printf(", \"%s\": ", k);
	emit_json_cstr(xc_time_format(t, buf, sizeof buf) ? NULL : buf);
}

static void json_cert(const xc_cert *c, const xc_path_result *r, size_t i)
{
	uint8_t fp[32];
	char name[1024];

	printf("%s{\"subject\": ", i ? ", " : "");
	emit_json_cstr(xc_name_rfc4514(c->subject, name, sizeof name, NULL) ? NULL : name);
	printf(", \"issuer\": ");
	emit_json_cstr(xc_name_rfc4514(c->issuer, name, sizeof name, NULL) ? NULL : name);
	printf(", \"serial\": ");
	emit_json_hex(c->serial);
	json_time("not_before", &c->not_before);
	json_time("not_after", &c->not_after);
	printf(", \"sha256\": ");
	if (xc_fingerprint(XC_HASH_SHA256, c->der, fp, sizeof fp))
		fputs("null", stdout);
	else
		emit_json_hex((xc_slice){ fp, sizeof fp });
	printf(", \"revocation\": \"%s\"", rev_names[r->rev[i]]);
	if (r->rev[i] == XC_REV_REVOKED) {
		json_time("revocation_date", &r->rev_date[i]);
		printf(", \"revocation_reason\": ");
		emit_json_cstr(r->rev_reason[i] >= 0 ? xc_crl_reason_name(r->rev_reason[i]) : NULL);
	}
	putchar('}');
}

/* One object per CERT, on one line. */
static void print_json(const char *file, const cv_opts *o, const xc_path_result *r)
{
	char at[32];

	at_format(o->pol.at, at, sizeof at);
	printf("{\"file\": ");
	emit_json_cstr(file);
	printf(", \"verdict\": \"%s\", \"error\": \"%s\", \"text\": ",
	       r->err == XC_PATH_OK ? "valid" : "invalid", xc_path_errname(r->err));
	emit_json_cstr(xc_path_strerror(r->err));
	if (r->err != XC_PATH_OK)
		printf(", \"failed\": %zu", r->failed);
	printf(", \"at\": \"%s\", \"profile\": \"%s\", \"purpose\": \"%s\", \"name\": ", at,
	       profiles[o->pol.profile], purposes[o->pol.purpose]);
	emit_json_cstr(o->name);
	printf(", \"tries\": %zu, \"chains\": %zu, \"chain\": [", r->tries, r->chains);
	for (size_t i = 0; i < r->chain_len && i < XC_PATH_MAX_DEPTH; i++)
		if (r->chain[i])
			json_cert(r->chain[i], r, i);
	puts("]}");
}

/* Validates the first certificate of `file`; 0 valid, 1 invalid, 2 the
 * file cannot be read. */
static int verify_one(const char *file, cv_opts *o)
{
	ld_set own = { 0 };
	xc_cert *inter = NULL;
	size_t n_inter;
	xc_path_input in;
	xc_path_result r;
	char err[512];
	int rc;

	if (ld_add_path(&own, file, LD_CERTS, err, sizeof err)) {
		fprintf(stderr, "certverify: %s\n", err);
		ld_free(&own);
		return 2;
	}
	/* The file's other certificates, then --untrusted: one array. */
	n_inter = own.n_certs - 1 + o->untrusted.n_certs;
	if (n_inter && !(inter = malloc(n_inter * sizeof(*inter)))) {
		fprintf(stderr, "certverify: out of memory\n");
		ld_free(&own);
		return 2;
	}
	if (own.n_certs > 1)
		memcpy(inter, own.certs + 1, (own.n_certs - 1) * sizeof(*inter));
	if (o->untrusted.n_certs)
		memcpy(inter + own.n_certs - 1, o->untrusted.certs,
		       o->untrusted.n_certs * sizeof(*inter));
	in = (xc_path_input){
		.leaf = &own.certs[0],
		.intermediates = inter, .n_intermediates = n_inter,
		.anchors = o->anchors.certs, .n_anchors = o->anchors.n_certs,
		.crls = o->crls.crls, .n_crls = o->crls.n_crls,
	};
	rc = xc_path_validate(&in, &o->pol, &g_work, &r) == XC_PATH_OK ? 0 : 1;
	if (o->json) {
		print_json(file, o, &r);
	} else if (rc == 0) {
		printf("%s: valid\n", file);
	} else {
		char who[512], extra[96] = "";
		size_t f = r.failed < r.chain_len ? r.failed : 0;
		cert_label(r.chain_len ? r.chain[f] : &own.certs[0], f, who, sizeof who);
		if (r.err == XC_PATH_REVOKED && r.chain_len)
			revoked_text(&r, f, extra, sizeof extra);
		printf("%s: %s: %s: %s%s\n", file, who, xc_path_errname(r.err),
		       xc_path_strerror(r.err), extra);
	}
	free(inter);
	ld_free(&own);
	return rc;
}

/* Parses the options into o; argv[*first..] are the CERTs. 0, or the
 * exit code (2: usage; 0 after --help or --version). */
static int parse_args(int argc, char **argv, cv_opts *o, int *first, int64_t now)
{
	static const char *const with_value[] = { "--anchors", "--untrusted", "--crl", "--purpose",
						  "--profile", "--name", "--at" };
	char err[512];
	int i, v;

	xc_path_policy_init(&o->pol, now);
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return -1;
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("certverify %s (certfs; wolfSSL %s)\n", xc_version(),
			       xc_wolfssl_version());
			return -1;
		} else if (!strcmp(a, "--json")) {
			o->json = true;
			continue;
		}
		if (pick(a, with_value, sizeof(with_value) / sizeof(*with_value)) < 0) {
			fprintf(stderr, "certverify: unknown option %s\n", a);
			usage(stderr);
			return 2;
		}
		if (!val) {
			fprintf(stderr, "certverify: %s needs a value\n", a);
			return 2;
		}
		i++;
		if (!strcmp(a, "--anchors") || !strcmp(a, "--untrusted") || !strcmp(a, "--crl")) {
			ld_set *s = a[2] == 'a' ? &o->anchors : a[2] == 'u' ? &o->untrusted : &o->crls;
			if (ld_add_path(s, val, a[2] == 'c' ? LD_CRLS : LD_CERTS, err, sizeof err))
				goto bad;
		} else if (!strcmp(a, "--purpose")) {
			if ((v = pick(val, purposes, 3)) < 0)
				goto usage;
			o->pol.purpose = (xc_path_purpose)v;
		} else if (!strcmp(a, "--profile")) {
			if ((v = pick(val, profiles, 2)) < 0)
				goto usage;
			o->pol.profile = (xc_path_profile)v;
		} else if (!strcmp(a, "--name")) {
			/* It finds its own kind: '@' an email address, an IP
			 * address if it parses as one, else a DNS name. */
			if (xc_peer_name_parse(&o->pol.peer, val, strlen(val), o->ip)) {
				snprintf(err, sizeof err, "--name '%s': not a DNS name, IP address or email address", val);
				goto bad;
			}
			o->name = val;
		} else if (!strcmp(a, "--at")) {
			/* The only clock (issue 17): never read after this. */
			if (at_parse(val, now, &o->pol.at, err, sizeof err))
				goto bad;
			o->at = val;
		}
	}
	*first = i;
	if (i == argc)
		goto usage;
	if (!o->anchors.n_certs &&
	    ld_add_path(&o->anchors, CV_SYSTEM_ANCHORS, LD_CERTS, err, sizeof err))
		goto bad;
	/* With a CRL, every certificate of the path but the anchor needs a
	 * status, and one that cannot be determined fails the path. */
	o->pol.check_revocation = o->crls.n_crls > 0;
	return 0;
bad:
	fprintf(stderr, "certverify: %s\n", err);
	return 2;
usage:
	if (i < argc)
		fprintf(stderr, "certverify: %s: not one of the values allowed\n", argv[i]);
	else
		fprintf(stderr, "certverify: no CERT to verify\n");
	usage(stderr);
	return 2;
}

int main(int argc, char **argv)
{
	static cv_opts o;
	int first = argc, rc = 0, r;

	if ((r = parse_args(argc, argv, &o, &first, (int64_t)time(NULL))))
		rc = r < 0 ? 0 : r;
	else
		for (int i = first; i < argc; i++) {
			r = verify_one(argv[i], &o);
			rc = r > rc ? r : rc;
			fflush(stdout);
		}
	ld_free(&o.anchors);
	ld_free(&o.untrusted);
	ld_free(&o.crls);
	return rc;
}
