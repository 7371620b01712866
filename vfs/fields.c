/*
 * vfs/fields.c - an object's directory: the files every object has, then
 * those of a certificate, a CRL or a CSR (see fields.h, docs/ABI.md).
 *
 * The object is parsed once here and every value is written into the
 * tree; FUSE never parses again. Names and public keys have their own
 * files (fields_name.c, fields_key.c), extensions too (fields_ext.c).
 */
#include "fields.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/coding.h>

/* see fields.h */
const char *cfs_type_name(cfs_type t)
{
	switch (t) {
	case CFS_CERT: return "certificate";
	case CFS_CRL: return "crl";
	case CFS_CSR: return "csr";
	case CFS_INVALID: return "invalid";
	case CFS_UNKNOWN: break;
	}
	return "unknown";
}

/* see fields.h */
cfs_type cfs_type_of_pem(xc_pem_kind k)
{
	switch (k) {
	case XC_PEM_CERTIFICATE:
	case XC_PEM_TRUSTED_CERTIFICATE:
		return CFS_CERT;
	case XC_PEM_CRL:
		return CFS_CRL;
	case XC_PEM_CSR:
		return CFS_CSR;
	case XC_PEM_OTHER:
	case XC_PEM_PUBLIC_KEY:
	case XC_PEM_RSA_PUBLIC_KEY:
		break;
	}
	return CFS_UNKNOWN;
}

/* see fields.h */
cfs_node *cfs_pem(cfs_tree *t, cfs_node *parent, const char *name,
		  const char *label, xc_slice der)
{
	/* Base64_Encode breaks lines at 64 characters, as OpenSSL writes PEM,
	 * and ends the last one with a newline. */
	size_t b64 = (der.len + 2) / 3 * 4;
	size_t cap = b64 + b64 / 64 + 2;
	size_t head = strlen(label) + 17;       /* "-----BEGIN " label "-----\n" */
	char *buf = malloc(2 * head + cap + 1);
	word32 olen = (word32)cap;
	cfs_node *n = NULL;
	int w;

	if (!buf || der.len > UINT32_MAX / 2) {
		free(buf);
		cfs_tree_fail(t);
		return NULL;
	}
	w = snprintf(buf, head + 1, "-----BEGIN %s-----\n", label);
	if (w > 0 && (size_t)w <= head &&
	    Base64_Encode(der.p, (word32)der.len, (byte *)buf + w, &olen) == 0) {
		size_t used = (size_t)w + olen;
		int e = snprintf(buf + used, head + 2, "-----END %s-----\n", label);

		if (e > 0)
			n = cfs_file(t, parent, name, buf, used + (size_t)e);
	}
	free(buf);
	return n;
}

/* see fields.h */
void cfs_field_error(cfs_tree *t, cfs_node *dir, const char *field, xc_err e, size_t off)
{
	char name[64];

	snprintf(name, sizeof(name), "%s%serror", field ? field : "", field ? "_" : "");
	cfs_printf(t, dir, name, "%s at byte %zu", xc_strerror(e), off);
}

/* A time, or its field error (year 0000, xc/time.h) as <name>_error. */
static void time_file(cfs_tree *t, cfs_node *dir, const char *name, const xc_time *tm,
		      const uint8_t *base)
{
	char buf[XC_TIME_STR];
	xc_err e = xc_time_format(tm, buf, sizeof(buf));

	if (e == XC_OK)
		cfs_printf(t, dir, name, "%s", buf);
	else
		cfs_field_error(t, dir, name, e, (size_t)(tm->value.p - base));
}

/* An INTEGER in decimal, malloc'd: "" if malformed (the parsers let no
 * such INTEGER through), NULL if out of memory. */
static char *int_dec(xc_slice v)
{
	size_t cap = XC_INT_DEC_MAX(v.len) + 1;
	char *buf = malloc(cap);

	if (buf && xc_int_to_dec(v, buf, cap, NULL) != XC_OK)
		buf[0] = '\0';
	return buf;
}

static void int_file(cfs_tree *t, cfs_node *dir, const char *name, xc_slice v)
{
	char *s = int_dec(v);

	if (s && s[0])
		cfs_printf(t, dir, name, "%s", s);
	else if (!s)
		cfs_tree_fail(t);
	free(s);
}

static void version_file(cfs_tree *t, cfs_node *dir, const char *vname, int64_t v)
{
	if (vname)
		cfs_printf(t, dir, "version", "%s", vname);
	else
		cfs_printf(t, dir, "version", "unknown(%" PRId64 ")", v);
}

/* signature_algorithm_parameters/ of RSASSA-PSS, as pyca 41+ shows them. */
static void pss_params(cfs_tree *t, cfs_node *dir, const xc_algid *alg)
{
	xc_sigalg sig;
	cfs_node *p;

	if (!xc_oid_is(alg->oid, XC_OID_RSASSA_PSS) ||
	    xc_sigalg_decode(alg, &sig) != XC_OK)
		return;
	p = cfs_dir(t, dir, "signature_algorithm_parameters");
	if (xc_hash_name(sig.pss.hash))
		cfs_printf(t, p, "hash_algorithm", "%s", xc_hash_name(sig.pss.hash));
	if (xc_hash_name(sig.pss.mgf1_hash))
		cfs_printf(t, p, "mgf1_hash_algorithm", "%s",
			   xc_hash_name(sig.pss.mgf1_hash));
	cfs_printf(t, p, "salt_length", "%" PRId64, sig.pss.salt_len);
}

/* Files every object has: type, der, signature* (and the derived files,
 * cfs_fields_derived). */
static void common(cfs_tree *t, cfs_node *dir, cfs_type type, xc_slice der,
		   const xc_algid *alg, xc_slice sig)
{
	const char *name, *hash;
	char dotted[XC_OID_DOTTED_MAX];

	cfs_printf(t, dir, "type", "%s", cfs_type_name(type));
	cfs_file(t, dir, "der", der.p, der.len);
	if (xc_oid_to_dotted(alg->oid, dotted, sizeof(dotted), NULL) == XC_OK)
		cfs_printf(t, dir, "signature_algorithm_oid", "%s", dotted);
	else
		dotted[0] = '\0';
	name = xc_oid_name(alg->oid);
	if (name || dotted[0])
		cfs_printf(t, dir, "signature_algorithm", "%s", name ? name : dotted);
	hash = xc_sigalg_hash_name(alg);
	if (hash)
		cfs_printf(t, dir, "signature_hash_algorithm", "%s", hash);
	pss_params(t, dir, alg);
	cfs_hex(t, dir, "signature", sig);
}

/* see fields.h */
const cfs_lazy cfs_lazy_parts[CFS_LAZY_COUNT] = {
	[CFS_LAZY_PEM] = { "pem", false, CFS_PART_DERIVED },
	[CFS_LAZY_FINGERPRINT] = { "fingerprint", true, CFS_PART_DERIVED },
	[CFS_LAZY_TEXT] = { "text", false, CFS_PART_DERIVED },
	/* fields_key.c's and fields_ext.c's builders make these two
	 * (tests/vfs/test_fields.c checks they agree with this table) */
	[CFS_LAZY_PUBLIC_KEY] = { "public_key", true, CFS_PART_DEEP },
	[CFS_LAZY_EXTENSIONS] = { "extensions", true, CFS_PART_DEEP },
	[CFS_LAZY_REVOKED] = { "revoked", true, CFS_PART_DEEP },
	[CFS_LAZY_REVOKED_HEX] = { "revoked_hex", true, CFS_PART_DEEP },
};

#define LAZY_NAME(id) (cfs_lazy_parts[id].name)

/* The empty place of lazy part id in dir. */
static void place(cfs_tree *t, cfs_node *dir, cfs_lazy_id id)
{
	if (cfs_lazy_parts[id].dir)
		cfs_dir(t, dir, LAZY_NAME(id));
	else
		cfs_file(t, dir, LAZY_NAME(id), NULL, 0);
}

/* see fields.h */
void cfs_fields_derived(cfs_tree *t, cfs_node *dir, cfs_type type, const uint8_t *der,
			size_t len)
{
	static const xc_hash fps[] = {
		XC_HASH_MD5, XC_HASH_SHA1, XC_HASH_SHA224,
		XC_HASH_SHA256, XC_HASH_SHA384, XC_HASH_SHA512,
	};
	static const char *const labels[] = {
		[CFS_CERT] = "CERTIFICATE",
		[CFS_CRL] = "X509 CRL",
		[CFS_CSR] = "CERTIFICATE REQUEST",
	};
	xc_slice d = xc_slice_make(der, len);
	cfs_node *fp;
	size_t n = 0;
	char *page;

	if (type != CFS_CERT && type != CFS_CRL && type != CFS_CSR)
		return;
	cfs_pem(t, dir, LAZY_NAME(CFS_LAZY_PEM), labels[type], d);
	fp = cfs_dir(t, dir, LAZY_NAME(CFS_LAZY_FINGERPRINT));
	for (size_t i = 0; i < sizeof(fps) / sizeof(fps[0]); i++) {
		uint8_t md[XC_HASH_MAX];

		char colon[16];

		if (xc_fingerprint(fps[i], d, md, sizeof(md)) != XC_OK)
			continue;
		cfs_hex(t, fp, xc_hash_name(fps[i]), xc_slice_make(md, xc_hash_size(fps[i])));
		snprintf(colon, sizeof(colon), "%s_colon", xc_hash_name(fps[i]));
		cfs_colon_hex(t, fp, colon, xc_slice_make(md, xc_hash_size(fps[i])));
	}
	page = cfs_text_page(type, der, len, &n);
	if (page)
		cfs_file(t, dir, LAZY_NAME(CFS_LAZY_TEXT), page, n);
	free(page);
}

/* The deep directories (fields.h): built, or with lazy only their places. */
static void deep_cert(cfs_tree *t, cfs_node *dir, const xc_cert *c, bool lazy)
{
	if (!lazy) {
		cfs_fields_public_key(t, dir, c->spki, c->der.p);
		cfs_fields_extensions(t, dir, c->extensions, CFS_EXT_CERT, c->der.p);
		return;
	}
	place(t, dir, CFS_LAZY_PUBLIC_KEY);
	if (c->extensions.p && c->extensions.len)
		place(t, dir, CFS_LAZY_EXTENSIONS);
}

static void build_cert(cfs_tree *t, cfs_node *dir, const xc_cert *c, bool lazy)
{
	common(t, dir, CFS_CERT, c->der, &c->sig_alg, c->signature);
	version_file(t, dir, xc_version_name(c->version), c->version);
	int_file(t, dir, "serial_number", c->serial);
	cfs_serial_hex_file(t, dir, c->serial);
	time_file(t, dir, "not_valid_before", &c->not_before, c->der.p);
	time_file(t, dir, "not_valid_after", &c->not_after, c->der.p);
	cfs_fields_name(t, dir, "issuer", "issuer.d", c->issuer, c->issuer_raw, c->der.p);
	cfs_fields_name(t, dir, "subject", "subject.d", c->subject, c->subject_raw, c->der.p);
	cfs_name_hash_file(t, dir, "issuer_hash", c->issuer, c->der.p);
	cfs_name_hash_file(t, dir, "subject_hash", c->subject, c->der.p);
	cfs_name_openssl_file(t, dir, "issuer_openssl", c->issuer, c->der.p);
	cfs_name_openssl_file(t, dir, "subject_openssl", c->subject, c->der.p);
	cfs_file(t, dir, "tbs_certificate_bytes", c->tbs.p, c->tbs.len);
	deep_cert(t, dir, c, lazy);
}

/*
 * revoked/: one directory per entry, named by its serial in decimal, the
 * later of equal serials suffixed ".1", ".2", ... in DER order. The names
 * are sorted before they go in, so the directory stays sorted while it
 * grows (each insertion a binary search, not a scan: CRLs of 100,000
 * entries exist) and a lookup of one serial is a binary search too.
 */
typedef struct rev_entry {
	xc_revoked r;
	char *name;
	size_t index;           /* DER order */
} rev_entry;

static int by_serial(const void *a, const void *b)
{
	const rev_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const rev_entry *)a)->name, ((const rev_entry *)b)->name);
}

/* Gives the later entries of each run of equal serials their suffix. */
static bool suffix_duplicates(rev_entry *e, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;

		while (j < n && strcmp(e[j].name, e[i].name) == 0)
			j++;
		for (size_t k = i + 1; k < j; k++) {
			size_t len = strlen(e[k].name) + 24;
			char *s = malloc(len);

			if (!s)
				return false;
			snprintf(s, len, "%s.%zu", e[k].name, k - i);
			free(e[k].name);
			e[k].name = s;
		}
		i = j;
	}
	return true;
}

/* revoked_hex/<serial in hex>: a link to the entry's directory, named by
 * the serial as serial_number_hex shows it (a repeat keeps its ".N"), so
 * that `openssl x509 -serial`'s value finds the entry. The names sort as
 * the decimal ones do not, so this directory is sorted when sealed. */
static void hex_link(cfs_tree *t, cfs_node *hd, const rev_entry *e)
{
	const char *dot = strchr(e->name, '.');
	char *hex = cfs_serial_hex(e->r.serial);
	size_t cap = strlen(e->name) + 16;
	char *target = malloc(cap);

	if (hex && target) {
		char *name = malloc(strlen(hex) + (dot ? strlen(dot) : 0) + 1);

		if (name) {
			sprintf(name, "%s%s", hex, dot ? dot : "");
			snprintf(target, cap, "../revoked/%s", e->name);
			cfs_link(t, hd, name, target);
		} else {
			cfs_tree_fail(t);
		}
		free(name);
	} else {
		cfs_tree_fail(t);
	}
	free(hex);
	free(target);
}

static void build_revoked(cfs_tree *t, cfs_node *dir, const xc_crl *crl)
{
	rev_entry *e;
	xc_revoked_iter it;
	size_t n = 0;
	bool ok = true;
	cfs_node *rd, *hd;

	if (!crl->revoked_count)
		return;
	e = calloc(crl->revoked_count, sizeof(*e));
	if (!e) {
		cfs_tree_fail(t);
		return;
	}
	xc_revoked_iter_init(&it, crl);
	while (n < crl->revoked_count && xc_revoked_next(&it, &e[n].r) == XC_OK) {
		e[n].index = n;
		e[n].name = int_dec(e[n].r.serial);
		if (!e[n++].name) {
			ok = false;
			break;
		}
	}
	qsort(e, n, sizeof(*e), by_serial);
	ok = ok && suffix_duplicates(e, n);
	qsort(e, n, sizeof(*e), by_name);
	rd = cfs_dir(t, dir, LAZY_NAME(CFS_LAZY_REVOKED));
	hd = cfs_dir(t, dir, LAZY_NAME(CFS_LAZY_REVOKED_HEX));
	for (size_t i = 0; ok && i < n; i++) {
		cfs_node *d;

		if (!e[i].name[0])
			continue;
		d = cfs_dir(t, rd, e[i].name);

		int_file(t, d, "serial_number", e[i].r.serial);
		cfs_serial_hex_file(t, d, e[i].r.serial);
		hex_link(t, hd, &e[i]);
		time_file(t, d, "revocation_date", &e[i].r.revocation_date, crl->der.p);
		cfs_fields_extensions(t, d, e[i].r.extensions, CFS_EXT_CRL_ENTRY, crl->der.p);
	}
	if (!ok)
		cfs_tree_fail(t);
	for (size_t i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

static void deep_crl(cfs_tree *t, cfs_node *dir, const xc_crl *crl, bool lazy)
{
	if (!lazy) {
		build_revoked(t, dir, crl);
		cfs_fields_extensions(t, dir, crl->extensions, CFS_EXT_CRL, crl->der.p);
		return;
	}
	if (crl->revoked_count) {
		place(t, dir, CFS_LAZY_REVOKED);
		place(t, dir, CFS_LAZY_REVOKED_HEX);
	}
	if (crl->extensions.p && crl->extensions.len)
		place(t, dir, CFS_LAZY_EXTENSIONS);
}

static void build_crl(cfs_tree *t, cfs_node *dir, const xc_crl *crl, bool lazy)
{
	common(t, dir, CFS_CRL, crl->der, &crl->sig_alg, crl->signature);
	version_file(t, dir, xc_crl_version_name(crl), crl->version);
	cfs_fields_name(t, dir, "issuer", "issuer.d", crl->issuer, crl->issuer_raw, crl->der.p);
	cfs_name_hash_file(t, dir, "issuer_hash", crl->issuer, crl->der.p);
	cfs_name_openssl_file(t, dir, "issuer_openssl", crl->issuer, crl->der.p);
	time_file(t, dir, "last_update", &crl->last_update, crl->der.p);
	if (crl->has_next_update)
		time_file(t, dir, "next_update", &crl->next_update, crl->der.p);
	cfs_file(t, dir, "tbs_certlist_bytes", crl->tbs.p, crl->tbs.len);
	cfs_printf(t, dir, "revoked_count", "%zu", crl->revoked_count);
	deep_crl(t, dir, crl, lazy);
}

/* attributes/<AttributeOID constant or dotted OID>/{oid,value,type}. */
static void build_attributes(cfs_tree *t, cfs_node *dir, const xc_csr *csr)
{
	xc_csr_attr_iter it;
	xc_csr_attr a;
	cfs_node *ad = NULL;

	xc_csr_attr_iter_init(&it, csr);
	while (xc_csr_attr_next(&it, &a) == XC_OK) {
		const xc_oid_info *info = xc_oid_info_of(xc_oid_lookup(a.oid));
		char dotted[XC_OID_DOTTED_MAX], name[XC_OID_DOTTED_MAX + 24];
		cfs_node *d;

		if (xc_oid_to_dotted(a.oid, dotted, sizeof(dotted), NULL) != XC_OK)
			continue;
		snprintf(name, sizeof(name), "%s",
			 info && (info->kind & XC_OIDK_ATTR) ? info->constant : dotted);
		if (!ad)
			ad = cfs_dir(t, dir, "attributes");
		/* Few attributes: a scan for a duplicate is cheap. */
		if (cfs_lookup(ad, name)) {
			size_t base = strlen(name);

			for (size_t k = 1; cfs_lookup(ad, name); k++)
				snprintf(name + base, sizeof(name) - base, ".%zu", k);
		}
		d = cfs_dir(t, ad, name);
		cfs_printf(t, d, "oid", "%s", dotted);
		/* pyca's _type is the value's identifier octet (48 for a
		 * SEQUENCE); a high tag number has none, so its number. */
		if (a.value_count) {
			cfs_file(t, d, "value", a.value.p, a.value.len);
			cfs_printf(t, d, "type", "%" PRIu32,
				   a.tag > 0xffu ? a.tag & 0xffffffu : a.tag);
		}
	}
}

static void deep_csr(cfs_tree *t, cfs_node *dir, const xc_csr *csr, bool lazy)
{
	xc_slice exts;
	size_t off = 0;
	xc_err e = xc_csr_extensions(csr, &exts, NULL, &off);

	if (lazy) {
		place(t, dir, CFS_LAZY_PUBLIC_KEY);
		if (e == XC_OK && exts.p && exts.len)
			place(t, dir, CFS_LAZY_EXTENSIONS);
		return;
	}
	cfs_fields_public_key(t, dir, csr->spki, csr->der.p);
	if (e == XC_OK)
		cfs_fields_extensions(t, dir, exts, CFS_EXT_CSR, csr->der.p);
}

static void build_csr(cfs_tree *t, cfs_node *dir, const xc_csr *csr, bool lazy)
{
	xc_slice exts;
	size_t off = 0;
	xc_err e;

	common(t, dir, CFS_CSR, csr->der, &csr->sig_alg,
	       csr->signature);
	cfs_fields_name(t, dir, "subject", "subject.d", csr->subject, csr->subject_raw, csr->der.p);
	cfs_name_openssl_file(t, dir, "subject_openssl", csr->subject, csr->der.p);
	cfs_file(t, dir, "tbs_certrequest_bytes", csr->tbs.p, csr->tbs.len);
	build_attributes(t, dir, csr);
	/* an extension request that does not parse: a file of the base */
	e = xc_csr_extensions(csr, &exts, NULL, &off);
	if (e != XC_OK && e != XC_NOT_FOUND)
		cfs_field_error(t, dir, "extensions", e, off);
	deep_csr(t, dir, csr, lazy);
}

/* see fields.h */
cfs_type cfs_fields_build(cfs_tree *t, cfs_node *dir, cfs_type hint,
			  const uint8_t *der, size_t len)
{
	cfs_type type = cfs_fields_build_base(t, dir, hint, der, len, false);

	cfs_fields_derived(t, dir, type, der, len);
	return type;
}

/* see fields.h */
void cfs_fields_deep(cfs_tree *t, cfs_node *dir, cfs_type type, const uint8_t *der, size_t len)
{
	size_t off = 0;
	xc_cert c;
	xc_crl crl;
	xc_csr csr;

	if (type == CFS_CERT && xc_cert_parse(&c, der, len, &off) == XC_OK)
		deep_cert(t, dir, &c, false);
	else if (type == CFS_CRL && xc_crl_parse(&crl, der, len, &off) == XC_OK)
		deep_crl(t, dir, &crl, false);
	else if (type == CFS_CSR && xc_csr_parse(&csr, der, len, &off) == XC_OK)
		deep_csr(t, dir, &csr, false);
}

/* see fields.h */
void cfs_fields_part(cfs_tree *t, cfs_node *dir, cfs_part part, cfs_type type,
		     const uint8_t *der, size_t len)
{
	if (part == CFS_PART_DEEP)
		cfs_fields_deep(t, dir, type, der, len);
	else
		cfs_fields_derived(t, dir, type, der, len);
}

/* The derived files' places, for a tree whose derived files come later
 * (every object has them all; the deep ones only those it has, placed
 * by deep_cert, deep_crl and deep_csr). */
static cfs_type placeholders(cfs_tree *t, cfs_node *dir, cfs_type type, bool lazy)
{
	for (unsigned i = 0; lazy && i < CFS_LAZY_COUNT; i++)
		if (cfs_lazy_parts[i].part == CFS_PART_DERIVED)
			place(t, dir, (cfs_lazy_id)i);
	return type;
}

/* see fields.h */
cfs_type cfs_fields_build_base(cfs_tree *t, cfs_node *dir, cfs_type hint,
			       const uint8_t *der, size_t len, bool lazy)
{
	/* The parsed objects are a few hundred bytes of slices each. */
	xc_cert c;
	xc_crl crl;
	xc_csr csr;
	xc_err e, best = XC_ERR_TRUNCATED;
	size_t off, best_off = 0;
	bool any = hint != CFS_CERT && hint != CFS_CRL && hint != CFS_CSR;

	/* With no hint, each parser in turn; the error shown is that of the
	 * parser that got furthest, the likeliest to be the object's type. */
	if (any || hint == CFS_CERT) {
		off = 0;
		e = xc_cert_parse(&c, der, len, &off);
		if (e == XC_OK) {
			build_cert(t, dir, &c, lazy);
			return placeholders(t, dir, CFS_CERT, lazy);
		}
		best = e;
		best_off = off;
	}
	if (any || hint == CFS_CRL) {
		off = 0;
		e = xc_crl_parse(&crl, der, len, &off);
		if (e == XC_OK) {
			build_crl(t, dir, &crl, lazy);
			return placeholders(t, dir, CFS_CRL, lazy);
		}
		if (!any || off > best_off) {
			best = e;
			best_off = off;
		}
	}
	if (any || hint == CFS_CSR) {
		off = 0;
		e = xc_csr_parse(&csr, der, len, &off);
		if (e == XC_OK) {
			build_csr(t, dir, &csr, lazy);
			return placeholders(t, dir, CFS_CSR, lazy);
		}
		if (!any || off > best_off) {
			best = e;
			best_off = off;
		}
	}
	cfs_printf(t, dir, "type", "%s", cfs_type_name(CFS_INVALID));
	cfs_field_error(t, dir, NULL, best, best_off);
	if (len)
		cfs_file(t, dir, "der", der, len);
	return CFS_INVALID;
}
