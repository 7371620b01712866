/*
 * issuer/ext.c - the extension set of one object: options, profiles,
 * copies from a CSR, and the Extensions written (ext.h).
 *
 * Each extension's value is encoded as soon as its option comes (so an
 * error names the option at once) and kept in the pool; an option that
 * adds up (--san twice) re-encodes its extension from all its values so
 * far, replacing the old bytes. A source never replaces a higher one
 * (explicit > copied > profile), whatever order the calls come in.
 */
#include "ext.h"

#include <string.h>

#include <xc/ext.h>
#include <xc/ext_basic.h>
#include <xc/oid.h>

#include "ext_inner.h"

enum { SRC_PROFILE = 0, SRC_COPIED = 1, SRC_EXPLICIT = 2 };
enum { C = CI_EXT_IN_CERT, R = CI_EXT_IN_CSR, L = CI_EXT_IN_CRL };

/* X(name, has_arg, where, usage, oid, adds, critical, encoder): one row
 * per option. oid NULL: the option is handled by ci_exts_option itself.
 * Default criticality: RFC 5280 (MUST or SHOULD be critical) and the CA/B
 * Forum's profiles, as ext.h says. */
#define EXT_OPTS(X) \
	X("san", 1, C | R, "TYPE:VALUE", "2.5.29.17", 1, 0, ci_enc_gns) \
	X("ian", 1, C | R | L, "TYPE:VALUE", "2.5.29.18", 1, 0, ci_enc_gns) \
	X("basic-constraints", 1, C | R, "ca=true|false[,pathlen=N]", "2.5.29.19", 0, 1, ci_enc_bc) \
	X("key-usage", 1, C | R, "FLAG[,FLAG...]", "2.5.29.15", 1, 1, ci_enc_ku) \
	X("eku", 1, C | R, "NAME|OID[,...]", "2.5.29.37", 1, 0, ci_enc_eku) \
	X("ski", 0, C | R, "", NULL, 0, 0, NULL) \
	X("no-ski", 0, C | R, "", NULL, 0, 0, NULL) \
	X("aki", 0, C | R | L, "", NULL, 0, 0, NULL) \
	X("no-aki", 0, C | R | L, "", NULL, 0, 0, NULL) \
	X("name-constraints", 1, C | R, "permitted|excluded:TYPE:VALUE", "2.5.29.30", 1, 1, ci_enc_nc) \
	X("crl-distribution-point", 1, C | R, "URI", "2.5.29.31", 1, 0, ci_enc_dps) \
	X("freshest-crl", 1, C | R | L, "URI", "2.5.29.46", 1, 0, ci_enc_dps) \
	X("aia", 1, C | R | L, "ocsp:URI|ca-issuers:URI", "1.3.6.1.5.5.7.1.1", 1, 0, ci_enc_aia) \
	X("sia", 1, C | R, "ca-repository:URI|OID:URI", "1.3.6.1.5.5.7.1.11", 1, 0, ci_enc_sia) \
	X("policy", 1, C | R, "OID[,cps=URI][,org=T,numbers=N:N][,notice=TEXT]", "2.5.29.32", 1, 0, ci_enc_policies) \
	X("policy-constraints", 1, C | R, "require-explicit=N[,inhibit-mapping=N]", "2.5.29.36", 0, 1, ci_enc_policy_constraints) \
	X("policy-mappings", 1, C | R, "ISSUER_OID:SUBJECT_OID[,...]", "2.5.29.33", 1, 1, ci_enc_policy_mappings) \
	X("inhibit-any-policy", 1, C | R, "N", "2.5.29.54", 0, 1, ci_enc_inhibit_any) \
	X("ocsp-no-check", 0, C | R, "", "1.3.6.1.5.5.7.48.1.5", 0, 0, ci_enc_null) \
	X("tls-feature", 1, C | R, "status_request[,status_request_v2]", "1.3.6.1.5.5.7.1.24", 1, 0, ci_enc_tls_feature) \
	X("precert-poison", 0, C, "", "1.3.6.1.4.1.11129.2.4.3", 0, 1, ci_enc_null) \
	X("ext", 1, C | R | L, "OID,critical|noncritical,HEXDER", NULL, 1, 0, NULL) \
	X("critical", 1, C | R | L, "NAME[=false]", NULL, 1, 0, NULL) \
	X("crl-number", 1, L, "N", "2.5.29.20", 0, 0, ci_enc_crl_number) \
	X("delta-crl-indicator", 1, L, "N", "2.5.29.27", 0, 1, ci_enc_crl_number) \
	X("issuing-distribution-point", 1, L, \
	  "full=URI[,only-user|only-ca|only-attribute|indirect][,reasons=R:R]", "2.5.29.28", 0, 1, ci_enc_idp)

const ci_ext_opt ci_ext_opts[] = {
#define OPT_(name, arg, where, usage, oid, adds, crit, enc) { name, arg, where, usage },
	EXT_OPTS(OPT_)
#undef OPT_
	{ NULL, false, 0, NULL },
};

typedef struct ext_def {
	const char *oid;
	bool adds, critical;
	ci_ext_enc enc;
} ext_def;

static const ext_def defs[] = {
#define DEF_(name, arg, where, usage, oid, adds, crit, enc) { oid, adds, crit, enc },
	EXT_OPTS(DEF_)
#undef DEF_
};

#define N_DEFS (sizeof(defs) / sizeof(defs[0]))

static const uint8_t oid_ski[] = { 0x55, 0x1d, 0x0e };
static const uint8_t oid_aki[] = { 0x55, 0x1d, 0x23 };
static const uint8_t oid_san[] = { 0x55, 0x1d, 0x11 };

static int def_index(const char *name)
{
	for (size_t i = 0; i < N_DEFS; i++)
		if (!strcmp(ci_ext_opts[i].name, name))
			return (int)i;
	return -1;
}

void ci_exts_init(ci_exts *e, ci_ext_where where)
{
	e->where = where;
	e->count = 0;
	e->used = 0;
	e->seq = 0;
	e->ski = -1;
	e->aki = -1;
	e->pending_count = 0;
	e->critical_count = 0;
}

static ci_ext *find(const ci_exts *e, const uint8_t *oid, size_t len)
{
	for (size_t i = 0; i < e->count; i++)
		if (e->list[i].oid_len == len && !memcmp(e->list[i].oid, oid, len))
			return (ci_ext *)&e->list[i];
	return NULL;
}

/* Removes x's value from the pool, moving the values after it down. */
static void pool_drop(ci_exts *e, ci_ext *x)
{
	memmove(e->pool + x->off, e->pool + x->off + x->len, e->used - x->off - x->len);
	e->used -= x->len;
	for (size_t i = 0; i < e->count; i++)
		if (e->list[i].off > x->off)
			e->list[i].off -= x->len;
	x->len = 0;
}

/* Sets one extension's value from `source`, unless a higher source set
 * it already. */
static int set_ext(ci_exts *e, const uint8_t *oid, size_t oid_len, bool critical, unsigned source,
		   const uint8_t *v, size_t len, ci_msg *m)
{
	ci_ext *x = find(e, oid, oid_len);

	/* The written order is where the lowest source asked for it. */
	if (x && source < x->first_source) {
		x->first_source = source;
		x->seq = e->seq++;
	}
	if (x && x->source > source)
		return 0;
	if (oid_len > sizeof(x->oid))
		return ci_fail(m, "extension OID too long");
	if (!x) {
		if (e->count == CI_EXT_MAX)
			return ci_fail(m, "more than %d extensions", CI_EXT_MAX);
		x = &e->list[e->count++];
		memcpy(x->oid, oid, oid_len);
		x->oid_len = oid_len;
		x->off = e->used;
		x->len = 0;
		x->first_source = source;
		x->seq = e->seq++;
	} else {
		pool_drop(e, x);
	}
	if (CI_EXT_POOL - e->used < len)
		return ci_fail(m, "the extensions pass %d bytes", CI_EXT_POOL);
	memcpy(e->pool + e->used, v, len);
	x->off = e->used;
	x->len = len;
	e->used += len;
	x->critical = critical;
	x->critical_forced = false;
	x->source = source;
	return 0;
}

/* Encodes a row's extension from values v[0..n) and sets it. */
static int encode_set(ci_exts *e, const ext_def *d, const char *const *v, size_t n,
		      unsigned source, ci_msg *m)
{
	uint8_t tmp[CI_EXT_POOL], oid[32];
	size_t ol = ci_der_oid_encode(d->oid, oid, sizeof(oid));
	ci_der w;

	if (source == SRC_EXPLICIT && find(e, oid, ol) && find(e, oid, ol)->critical_forced &&
	    find(e, oid, ol)->source == SRC_EXPLICIT)
		return ci_fail(m, "this extension is already set by --ext");
	ci_der_init(&w, tmp, sizeof(tmp));
	if (d->enc(&w, v, n, m))
		return -1;
	if (ci_der_finish(&w))
		return ci_fail(m, "%s", ci_der_err_name(ci_der_finish(&w)));
	return set_ext(e, oid, ol, d->critical, source, tmp, w.len, m);
}

/* --ext OID,critical|noncritical,HEXDER */
static int raw_ext(ci_exts *e, const char *v, ci_msg *m)
{
	uint8_t oid[32], der[CI_EXT_POOL / 2];
	const char *c1 = strchr(v, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
	size_t ol, n;
	bool critical;

	if (!c2)
		return ci_fail(m, "expected OID,critical|noncritical,HEXDER");
	ol = ci_oid_by_name(v, (size_t)(c1 - v), 0, oid, sizeof(oid));
	if (!ol)
		return ci_fail(m, "'%.*s': not a dotted OID", (int)(c1 - v), v);
	if (ci_name_eq(c1 + 1, (size_t)(c2 - c1 - 1), "critical"))
		critical = true;
	else if (ci_name_eq(c1 + 1, (size_t)(c2 - c1 - 1), "noncritical"))
		critical = false;
	else
		return ci_fail(m, "'%.*s': expected critical or noncritical", (int)(c2 - c1 - 1), c1 + 1);
	if (ci_hex_decode(c2 + 1, der, sizeof(der), &n) || !ci_der_is_one_tlv(der, n))
		return ci_fail(m, "the value must be the hex of exactly one DER value");
	if (find(e, oid, ol) && find(e, oid, ol)->source == SRC_EXPLICIT)
		return ci_fail(m, "this extension is already set");
	if (set_ext(e, oid, ol, critical, SRC_EXPLICIT, der, n, m))
		return -1;
	find(e, oid, ol)->critical_forced = true;
	return 0;
}

/* The OID a --critical NAME means: an option's name, ski/aki, pyca's
 * constant (key_usage) or name, or a dotted OID. */
static size_t critical_oid(const char *name, size_t len, uint8_t *oid, size_t cap)
{
	for (size_t i = 0; i < N_DEFS; i++)
		if (defs[i].oid && ci_name_eq(name, len, ci_ext_opts[i].name))
			return ci_der_oid_encode(defs[i].oid, oid, cap);
	if (ci_name_eq(name, len, "ski") && cap >= sizeof(oid_ski)) {
		memcpy(oid, oid_ski, sizeof(oid_ski));
		return sizeof(oid_ski);
	}
	if (ci_name_eq(name, len, "aki") && cap >= sizeof(oid_aki)) {
		memcpy(oid, oid_aki, sizeof(oid_aki));
		return sizeof(oid_aki);
	}
	return ci_oid_by_name(name, len, XC_OIDK_EXT | XC_OIDK_CRL_ENTRY_EXT, oid, cap);
}

/* --critical NAME or NAME=false: the name and what it asks. */
static size_t critical_name(const char *v, bool *on)
{
	const char *eq = strchr(v, '=');

	*on = !eq || ci_name_eq(eq + 1, strlen(eq + 1), "true") ||
	      ci_name_eq(eq + 1, strlen(eq + 1), "yes");
	return eq ? (size_t)(eq - v) : strlen(v);
}

static int option(ci_exts *e, int i, const char *value, ci_msg *m)
{
	const char *name = ci_ext_opts[i].name;
	const ext_def *d = &defs[i];
	const char *vals[CI_EXT_MAX * 2];
	size_t n = 0;

	if (!strcmp(name, "ski") || !strcmp(name, "no-ski")) {
		e->ski = name[0] == 's';
		return 0;
	}
	if (!strcmp(name, "aki") || !strcmp(name, "no-aki")) {
		e->aki = name[0] == 'a';
		return 0;
	}
	if (!strcmp(name, "ext"))
		return raw_ext(e, value, m);
	if (!strcmp(name, "critical")) {
		uint8_t oid[32];
		bool on;
		size_t len = critical_name(value, &on);
		const char *eq = strchr(value, '=');

		if (eq && !on && !ci_name_eq(eq + 1, strlen(eq + 1), "false") &&
		    !ci_name_eq(eq + 1, strlen(eq + 1), "no"))
			return ci_fail(m, "expected NAME or NAME=false");
		if (!critical_oid(value, len, oid, sizeof(oid)))
			return ci_fail(m, "'%.*s': not an extension option name, pyca extension name "
				       "or OID", (int)len, value);
		if (e->critical_count == sizeof(e->critical_names) / sizeof(e->critical_names[0]))
			return ci_fail(m, "too many --critical");
		e->critical_names[e->critical_count++] = value;
		return 0;
	}
	for (size_t k = 0; k + 1 < e->pending_count; k += 2)
		if (e->pending[k] == name)
			vals[n++] = e->pending[k + 1];
	if (n && !d->adds) {
		if (!ci_ext_opts[i].has_arg)
			return 0;       /* a flag given twice means it once */
		return ci_fail(m, "given twice");
	}
	if (e->pending_count + 2 > sizeof(e->pending) / sizeof(e->pending[0]) ||
	    n == sizeof(vals) / sizeof(vals[0]))
		return ci_fail(m, "given too many times");
	vals[n++] = value ? value : "";
	if (encode_set(e, d, vals, n, SRC_EXPLICIT, m))
		return -1;
	e->pending[e->pending_count++] = name;
	e->pending[e->pending_count++] = value ? value : "";
	return 0;
}

int ci_exts_option(ci_exts *e, const char *name, const char *value, ci_msg *m)
{
	static const char *const objects[] = { "", "a certificate", "a CSR", "", "a CRL" };
	int i = def_index(name);

	if (i < 0)
		return 0;
	if (!(ci_ext_opts[i].where & e->where))
		return ci_fail(m, "--%s: not allowed in %s", name,
			       e->where < 5 ? objects[e->where] : "this object");
	if (ci_ext_opts[i].has_arg && !value)
		return ci_fail(m, "--%s: needs a value (%s)", name, ci_ext_opts[i].usage);
	if (option(e, i, value, m))
		return ci_fail_ctx(m, "--%s%s%s: ", name, value ? " " : "", value ? value : "");
	return 1;
}

/* Profiles (ext.h lists them with the reasons). */
static const struct {
	const char *name;
	const char *bc, *ku, *eku;
} profiles[] = {
	{ "server", "ca=false", "digital_signature", "server-auth" },
	{ "client", "ca=false", "digital_signature", "client-auth" },
	{ "ca", "ca=true", "digital_signature,key_cert_sign,crl_sign", NULL },
	{ "intermediate", "ca=true,pathlen=0", "digital_signature,key_cert_sign,crl_sign", NULL },
	{ "code-signing", "ca=false", "digital_signature", "code-signing" },
	{ "email", "ca=false", "digital_signature,key_encipherment", "email-protection" },
};

int ci_exts_profile(ci_exts *e, const char *profile, ci_msg *m)
{
	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
		const char *const bc[] = { profiles[i].bc }, *const ku[] = { profiles[i].ku },
				  *const eku[] = { profiles[i].eku };

		if (strcmp(profile, profiles[i].name))
			continue;
		if (encode_set(e, &defs[def_index("basic-constraints")], bc, 1, SRC_PROFILE, m) ||
		    encode_set(e, &defs[def_index("key-usage")], ku, 1, SRC_PROFILE, m) ||
		    (eku[0] && encode_set(e, &defs[def_index("eku")], eku, 1, SRC_PROFILE, m)))
			return ci_fail_ctx(m, "--profile %s: ", profile);
		return 0;
	}
	return ci_fail(m, "--profile %s: unknown (server, client, ca, intermediate, code-signing, "
		       "email)", profile);
}

int ci_exts_copy(ci_exts *e, xc_slice extensions, ci_msg *m)
{
	xc_ext_iter it;
	xc_ext x;
	size_t off;
	xc_err err = xc_ext_check(extensions, extensions.p, &off, NULL);

	if (err)
		return ci_fail(m, "the CSR's extensions: %s at byte %zu", xc_strerror(err), off);
	xc_ext_iter_init(&it, extensions);
	while (xc_ext_next(&it, &x) == XC_OK)
		if (set_ext(e, x.oid.p, x.oid.len, x.critical, SRC_COPIED, x.value.p, x.value.len, m))
			return ci_fail_ctx(m, "--copy-extensions: ");
	return 0;
}

bool ci_exts_get(const ci_exts *e, const uint8_t *oid, size_t oid_len, xc_slice *value,
		 bool *critical)
{
	const ci_ext *x = find(e, oid, oid_len);

	if (!x)
		return false;
	if (value)
		*value = xc_slice_make(e->pool + x->off, x->len);
	if (critical)
		*critical = x->critical;
	return true;
}

static bool want_ski(const ci_exts *e)
{
	return (e->ski == 1 || (e->ski < 0 && e->where == CI_EXT_IN_CERT)) &&
	       !find(e, oid_ski, sizeof(oid_ski));
}

static bool want_aki(const ci_exts *e, bool ca_issued)
{
	return (e->aki == 1 || (e->aki < 0 && ((e->where == CI_EXT_IN_CERT && ca_issued) ||
					       e->where == CI_EXT_IN_CRL))) &&
	       !find(e, oid_aki, sizeof(oid_aki));
}

size_t ci_exts_count(const ci_exts *e)
{
	return e->count + want_ski(e) + want_aki(e, false);
}

/* The criticality of an extension once --critical is applied; marks the
 * names used in `used`. */
static bool criticality(const ci_exts *e, const uint8_t *oid, size_t len, bool def, bool *used)
{
	bool crit = def;

	for (size_t i = 0; i < e->critical_count; i++) {
		uint8_t o[32];
		bool on;
		size_t n = critical_name(e->critical_names[i], &on);
		size_t ol = critical_oid(e->critical_names[i], n, o, sizeof(o));

		if (ol == len && !memcmp(o, oid, len)) {
			crit = on;
			used[i] = true;
		}
	}
	return crit;
}

/* The k-th extension in written order: by first_source, then seq (a
 * selection per call: CI_EXT_MAX is small). */
static const ci_ext *nth_in_order(const ci_exts *e, size_t k)
{
	for (size_t i = 0; i < e->count; i++) {
		const ci_ext *x = &e->list[i];
		size_t before = 0;

		for (size_t j = 0; j < e->count; j++) {
			const ci_ext *y = &e->list[j];

			before += y->first_source < x->first_source ||
				  (y->first_source == x->first_source && y->seq < x->seq);
		}
		if (before == k)
			return x;
	}
	return &e->list[k];     /* not reached: (first_source, seq) are distinct */
}

static void write_one(ci_der *w, const uint8_t *oid, size_t ol, bool critical, const uint8_t *v,
		      size_t len)
{
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_oid_raw(w, oid, ol);
	if (critical)
		ci_der_bool(w, true);   /* FALSE is the DEFAULT: DER omits it */
	ci_der_tlv(w, CI_TAG_OCTET_STRING, v, len);
	ci_der_end(w);
}

/* AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] }, the id
 * from the issuer's SKI if it has one (pyca's
 * from_issuer_subject_key_identifier), else from its public key
 * (from_issuer_public_key). */
static int aki_value(xc_slice issuer_spki, xc_slice issuer_ski, uint8_t *out, size_t cap,
		     size_t *len)
{
	uint8_t id[XC_SKI_LEN];
	xc_slice kid = xc_slice_make(id, sizeof(id));
	ci_der a;

	if (issuer_ski.p) {
		if (xc_aki_key_id_from_issuer_ski(&kid, issuer_ski, NULL, NULL))
			return -1;
	} else if (!issuer_spki.len || xc_aki_key_id_from_issuer_spki(issuer_spki, id)) {
		return -1;
	}
	ci_der_init(&a, out, cap);
	ci_der_begin(&a, CI_TAG_SEQUENCE);
	ci_der_tlv(&a, CI_TAG_CTX(0), kid.p, kid.len);
	ci_der_end(&a);
	*len = a.len;
	return ci_der_finish(&a) ? -1 : 0;
}

int ci_exts_write(ci_exts *e, ci_der *w, xc_slice subject_spki, xc_slice issuer_spki,
		  xc_slice issuer_ski, bool ca_issued, bool subject_empty, ci_msg *m)
{
	bool used[16] = { false };
	bool ski = want_ski(e), aki = want_aki(e, ca_issued);
	uint8_t ski_id[XC_SKI_LEN], aki_val[160];
	size_t aki_len = 0;

	if (ski && !subject_spki.len) {
		if (e->ski == 1)
			return ci_fail(m, "--ski: no subject public key to compute it from");
		ski = false;
	}
	if (ski && xc_ski_from_spki(subject_spki, ski_id))
		return ci_fail(m, "--ski: the subject public key does not parse");
	if (aki && aki_value(issuer_spki, issuer_ski, aki_val, sizeof(aki_val), &aki_len)) {
		if (e->aki == 1 || issuer_ski.p)
			return ci_fail(m, "--aki: no usable issuer key identifier or public key");
		aki = false;
	}
	if (!e->count && !ski && !aki)
		return 0;
	ci_der_begin(w, CI_TAG_SEQUENCE);
	for (size_t k = 0; k < e->count; k++) {
		const ci_ext *x = nth_in_order(e, k);
		bool def = x->critical;

		if (!x->critical_forced && subject_empty && x->oid_len == sizeof(oid_san) &&
		    !memcmp(x->oid, oid_san, sizeof(oid_san)))
			def = true;     /* RFC 5280 4.2.1.6: an empty subject's SAN */
		write_one(w, x->oid, x->oid_len, criticality(e, x->oid, x->oid_len, def, used),
			  e->pool + x->off, x->len);
	}
	if (ski) {
		uint8_t v[2 + XC_SKI_LEN] = { CI_TAG_OCTET_STRING, XC_SKI_LEN };

		memcpy(v + 2, ski_id, XC_SKI_LEN);
		write_one(w, oid_ski, sizeof(oid_ski),
			  criticality(e, oid_ski, sizeof(oid_ski), false, used), v, sizeof(v));
	}
	if (aki)
		write_one(w, oid_aki, sizeof(oid_aki),
			  criticality(e, oid_aki, sizeof(oid_aki), false, used), aki_val, aki_len);
	ci_der_end(w);
	for (size_t i = 0; i < e->critical_count; i++)
		if (!used[i])
			return ci_fail(m, "--critical %s: this object has no such extension",
				       e->critical_names[i]);
	if (w->err)
		return ci_fail(m, "extensions: %s", ci_der_err_name(w->err));
	return 0;
}
