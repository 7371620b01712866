/*
 * vfs/fields_ext.c - `extensions/<name>/`: every extension as a directory
 * of oid, critical, value and its decoded attributes (fields.h,
 * docs/ABI.md 3.5). The values' writers and GeneralNames: fields_gn.c.
 *
 * Which extensions are decoded where follows pyca/cryptography 38, the
 * project's oracle: a certificate and a CSR share one set, a CRL and a CRL
 * entry each have their own, and a known OID outside its set stays raw
 * (pyca's UnrecognizedExtension). The decoded files of one extension are
 * all or nothing: they are built in a scratch tree and grafted into the
 * object's tree only when the whole value decoded and formatted, so an
 * extension that fails half way shows `error` and no partial files.
 */
#include "fields_gn.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the decoders ------------------------------------------------------- */

/* Each decodes one extension value and writes its attributes into dir,
 * returning the error (and x->off) where it cannot. */
typedef xc_err (*ext_decoder)(cfs_xdec *x, cfs_node *dir, xc_slice v);

static xc_err dec_bc(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_bc bc;
	xc_err e = xc_bc_decode(&bc, v, x->base, &x->off);

	if (e)
		return e;
	cfs_x_bool(x->t, dir, "ca", bc.ca);
	if (bc.has_path_length)
		cfs_printf(x->t, dir, "path_length", "%" PRIu64, bc.path_length);
	return XC_OK;
}

static xc_err dec_ku(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_ku ku;
	xc_err e = xc_ku_decode(&ku, v, x->base, &x->off);

	if (e)
		return e;
	for (unsigned i = 0; i < XC_KU_COUNT; i++) {
		/* pyca raises for encipher_only and decipher_only unless
		 * key_agreement is set: no file then. */
		if (i >= 7 && !(ku.bits & XC_KU_KEY_AGREEMENT))
			break;
		cfs_x_bool(x->t, dir, xc_ku_name(i), ku.bits & (1u << i));
	}
	return XC_OK;
}

static xc_err dec_eku(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_eku eku;
	xc_oids_iter it;
	xc_slice oid;
	xc_err e = xc_eku_decode(&eku, v, x->base, &x->off);

	if (e)
		return e;
	xc_oids_iter_init(&it, eku.oids);
	while (xc_oids_next(&it, &oid) == XC_OK) {
		const xc_oid_info *info = xc_oid_info_of(xc_oid_lookup(oid));

		if ((e = cfs_x_oid_line(x, dir, "usages", oid)))
			return e;
		/* usage_names: line for line beside usages, pyca's
		 * ExtendedKeyUsageOID constant where it has one */
		if (info && (info->kind & XC_OIDK_EKU))
			cfs_line(x->t, dir, "usage_names", "%s", info->constant);
		else if ((e = cfs_x_oid_line(x, dir, "usage_names", oid)))
			return e;
	}
	return XC_OK;
}

static xc_err dec_ski(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_ski ski;
	xc_err e = xc_ski_decode(&ski, v, x->base, &x->off);

	if (e)
		return e;
	cfs_hex(x->t, dir, "digest", ski.digest);
	return XC_OK;
}

static xc_err dec_aki(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_aki aki;
	xc_err e = xc_aki_decode(&aki, v, x->base, &x->off);

	if (e)
		return e;
	if (xc_slice_present(aki.key_id))
		cfs_hex(x->t, dir, "key_identifier", aki.key_id);
	if (xc_slice_present(aki.issuer) &&
	    (e = cfs_x_gns_dir(x, dir, "authority_cert_issuer", aki.issuer, aki.issuer_count)))
		return e;
	if (xc_slice_present(aki.serial))
		return cfs_x_int_line(x, dir, "authority_cert_serial_number", aki.serial);
	return XC_OK;
}

/* SubjectAlternativeName, IssuerAlternativeName, CertificateIssuer: the
 * names directly in the extension's directory. */
static xc_err dec_alt_names(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_alt_names an;
	xc_err e = xc_alt_names_decode(&an, v, x->base, &x->off);

	if (e)
		return e;
	return cfs_x_gns(x, dir, an.gns, false);
}

static xc_err dec_policy_constraints(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_policy_constraints pc;
	xc_err e = xc_policy_constraints_decode(&pc, v, x->base, &x->off);

	if (e)
		return e;
	if (pc.has_require_explicit_policy)
		cfs_printf(x->t, dir, "require_explicit_policy", "%" PRIu64,
			   pc.require_explicit_policy);
	if (pc.has_inhibit_policy_mapping)
		cfs_printf(x->t, dir, "inhibit_policy_mapping", "%" PRIu64,
			   pc.inhibit_policy_mapping);
	return XC_OK;
}

static xc_err dec_inhibit_any_policy(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_inhibit_any_policy iap;
	xc_err e = xc_inhibit_any_policy_decode(&iap, v, x->base, &x->off);

	if (e)
		return e;
	return cfs_x_int_line(x, dir, "skip_certs", iap.skip_certs);
}

/* OCSPNoCheck, PrecertPoison: nothing but the check that it is a NULL. */
static xc_err dec_null(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	(void)dir;
	return xc_null_ext_decode(v, x->base, &x->off);
}

static xc_err dec_tls_feature(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_tls_feature tf;
	xc_tls_feature_iter it;
	unsigned f;
	xc_err e = xc_tls_feature_decode(&tf, v, x->base, &x->off);

	if (e)
		return e;
	xc_tls_feature_iter_init(&it, tf.list);
	while (xc_tls_feature_next(&it, &f) == XC_OK)
		cfs_line(x->t, dir, "features", "%s", xc_tls_feature_name(f));
	return XC_OK;
}

/* CRLNumber and DeltaCRLIndicator: pyca names both attributes crl_number. */
static xc_err dec_crl_number(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_crl_number n;
	xc_err e = xc_crl_number_decode(&n, v, x->base, &x->off);

	if (e)
		return e;
	return cfs_x_int_line(x, dir, "crl_number", n.number);
}

static xc_err dec_crl_reason(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_crl_reason r;
	xc_err e = xc_crl_reason_decode(&r, v, x->base, &x->off);

	if (e)
		return e;
	cfs_printf(x->t, dir, "reason", "%s", xc_crl_reason_name(r));
	return XC_OK;
}

static xc_err dec_invalidity_date(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_time tm;
	char buf[XC_TIME_STR];
	xc_err e = xc_invalidity_date_decode(&tm, v, x->base, &x->off);

	if (e)
		return e;
	if ((e = xc_time_format(&tm, buf, sizeof(buf))))
		return cfs_x_fail(x, e, v.p);
	cfs_printf(x->t, dir, "invalidity_date", "%s", buf);
	return XC_OK;
}

/* A UserNotice qualifier: the directory M. */
static xc_err put_user_notice(cfs_xdec *x, cfs_node *dir, const xc_qualifier *q)
{
	xc_err e;

	if (q->has_notice_ref) {
		cfs_node *nr = cfs_dir(x->t, dir, "notice_reference");
		xc_notice_number_iter it;
		xc_slice num;

		if ((e = cfs_x_utf8_line(x, nr, "organization", q->organization.tag,
				   q->organization.value)))
			return e;
		xc_notice_number_iter_init(&it, q->notice_numbers);
		while (xc_notice_number_next(&it, &num) == XC_OK)
			if ((e = cfs_x_int_line(x, nr, "notice_numbers", num)))
				return e;
	}
	if (q->has_explicit_text)
		return cfs_x_utf8_line(x, dir, "explicit_text", q->explicit_text.tag,
				 q->explicit_text.value);
	return XC_OK;
}

static xc_err dec_policies(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_policies ps;
	xc_policy_iter it;
	xc_policy_info p;
	char n[24];
	unsigned i = 0;
	xc_err e = xc_policies_decode(&ps, v, x->base, &x->off);

	if (e)
		return e;
	xc_policy_iter_init(&it, ps.list);
	while (xc_policy_next(&it, &p) == XC_OK) {
		xc_qualifier_iter qi;
		xc_qualifier q;
		cfs_node *pd, *qd;
		unsigned j = 0;

		snprintf(n, sizeof(n), "%u", i++);
		pd = cfs_dir(x->t, dir, n);
		if ((e = cfs_x_oid_line(x, pd, "policy_identifier", p.oid)))
			return e;
		if (!p.has_qualifiers || !p.qualifier_count)
			continue;
		qd = cfs_dir(x->t, pd, "policy_qualifiers");
		xc_qualifier_iter_init(&qi, p.qualifiers);
		while (xc_qualifier_next(&qi, &q) == XC_OK) {
			snprintf(n, sizeof(n), "%u", j++);
			if (q.type == XC_QUALIFIER_CPS_URI)
				cfs_text_line(x->t, qd, n, (const char *)q.cps_uri.p, q.cps_uri.len);
			else if ((e = put_user_notice(x, cfs_dir(x->t, qd, n), &q)))
				return e;
		}
	}
	return XC_OK;
}

/* A set of ReasonFlags, one member name per line in bit (DER) order; an
 * empty set is no file. */
static void put_reasons(cfs_tree *t, cfs_node *dir, const char *file, uint16_t mask)
{
	for (unsigned b = 1; b <= 8; b++)
		if (mask & (1u << b))
			cfs_line(t, dir, file, "%s", xc_reason_flag_name(b));
}

static xc_err put_dp_name(cfs_xdec *x, cfs_node *dir, const xc_dp_name *dn)
{
	if (dn->type == XC_DP_FULL_NAME)
		return cfs_x_gns_dir(x, dir, "full_name", dn->full_name, dn->full_name_count);
	if (dn->type == XC_DP_RELATIVE_NAME)
		return cfs_x_rfc4514_line(x, dir, "relative_name", dn->relative_name, true);
	return XC_OK;
}

/* CRLDistributionPoints and FreshestCRL. */
static xc_err dec_dps(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_dps dps;
	xc_dp_iter it;
	xc_dp dp;
	char n[24];
	unsigned i = 0;
	xc_err e = xc_dps_decode(&dps, v, x->base, &x->off);

	if (e)
		return e;
	xc_dp_iter_init(&it, dps.list);
	while (xc_dp_next(&it, &dp) == XC_OK) {
		cfs_node *d;

		snprintf(n, sizeof(n), "%u", i++);
		d = cfs_dir(x->t, dir, n);
		if ((e = put_dp_name(x, d, &dp.name)))
			return e;
		if (dp.has_reasons)
			put_reasons(x->t, d, "reasons", dp.reasons);
		if (dp.has_crl_issuer &&
		    (e = cfs_x_gns_dir(x, d, "crl_issuer", dp.crl_issuer, dp.crl_issuer_count)))
			return e;
	}
	return XC_OK;
}

static xc_err dec_idp(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_idp idp;
	xc_err e = xc_idp_decode(&idp, v, x->base, &x->off);

	if (e)
		return e;
	if ((e = put_dp_name(x, dir, &idp.name)))
		return e;
	cfs_x_bool(x->t, dir, "only_contains_user_certs", idp.only_contains_user_certs);
	cfs_x_bool(x->t, dir, "only_contains_ca_certs", idp.only_contains_ca_certs);
	if (idp.has_only_some_reasons)
		put_reasons(x->t, dir, "only_some_reasons", idp.only_some_reasons);
	cfs_x_bool(x->t, dir, "indirect_crl", idp.indirect_crl);
	cfs_x_bool(x->t, dir, "only_contains_attribute_certs", idp.only_contains_attribute_certs);
	return XC_OK;
}

static xc_err put_subtrees(cfs_xdec *x, cfs_node *dir, const char *name, xc_slice list)
{
	xc_subtree_iter it;
	xc_gn g;
	cfs_node *d;
	xc_err e;

	if (!xc_slice_present(list))
		return XC_OK;
	d = cfs_dir(x->t, dir, name);
	xc_subtree_iter_init(&it, list);
	while (xc_subtree_next(&it, &g) == XC_OK)
		if ((e = cfs_x_gn(x, d, &g, true)))
			return e;
	return XC_OK;
}

static xc_err dec_nc(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_nc nc;
	xc_err e = xc_nc_decode(&nc, v, x->base, &x->off);

	if (e)
		return e;
	if ((e = put_subtrees(x, dir, "permitted_subtrees", nc.permitted)))
		return e;
	return put_subtrees(x, dir, "excluded_subtrees", nc.excluded);
}

/* AuthorityInformationAccess and SubjectInformationAccess. */
static xc_err dec_aia(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	xc_aia aia;
	xc_aia_iter it;
	xc_access_desc ad;
	char n[24];
	unsigned i = 0;
	xc_err e = xc_aia_decode(&aia, v, x->base, &x->off);

	if (e)
		return e;
	xc_aia_iter_init(&it, aia.list);
	while (xc_aia_next(&it, &ad) == XC_OK) {
		cfs_node *d;

		snprintf(n, sizeof(n), "%u", i++);
		d = cfs_dir(x->t, dir, n);
		if ((e = cfs_x_oid_line(x, d, "access_method", ad.method)) ||
		    (e = cfs_x_gn(x, cfs_dir(x->t, d, "access_location"), &ad.location, false)))
			return e;
	}
	return XC_OK;
}

/* Milliseconds since the epoch as a time of the one format (the
 * milliseconds dropped): days to a civil date, proleptic Gregorian. */
static void ms_time_file(cfs_tree *t, cfs_node *dir, const char *file, uint64_t ms)
{
	uint64_t s = ms / 1000, days = s / 86400, sod = s % 86400;
	/* shift the epoch to 0000-03-01 so leap days end each 400-year era */
	uint64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
	uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	uint64_t mp = (5 * doy + 2) / 153;
	uint64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	uint64_t y = yoe + era * 400 + (m <= 2);

	cfs_printf(t, dir, file, "%04" PRIu64 "-%02" PRIu64 "-%02" PRIu64 "T%02" PRIu64
		   ":%02" PRIu64 ":%02" PRIu64 "Z", y, m, d, sod / 3600, sod / 60 % 60, sod % 60);
}

static xc_err put_scts(cfs_xdec *x, cfs_node *dir, xc_slice v, xc_sct_entry_type type)
{
	xc_scts scts;
	xc_sct_iter it;
	xc_sct s;
	char n[24];
	unsigned i = 0;
	xc_err e = xc_scts_decode(&scts, v, type, x->base, &x->off);

	if (e)
		return e;
	xc_sct_iter_init(&it, &scts);
	while (xc_sct_next(&it, &s) == XC_OK) {
		cfs_node *d;

		snprintf(n, sizeof(n), "%u", i++);
		d = cfs_dir(x->t, dir, n);
		/* version 0 is pyca's Version.v1, the only one it loads */
		cfs_printf(x->t, d, "version", "v%u", s.version + 1);
		cfs_hex(x->t, d, "log_id", s.log_id);
		ms_time_file(x->t, d, "timestamp", s.timestamp);
		cfs_printf(x->t, d, "entry_type", "%s", xc_sct_entry_type_name(s.entry_type));
		cfs_printf(x->t, d, "signature_hash_algorithm", "%s", xc_sct_hash_name(s.hash_alg));
		cfs_printf(x->t, d, "signature_algorithm", "%s", xc_sct_sig_name(s.sig_alg));
		cfs_hex(x->t, d, "signature", s.signature);
		/* pyca's extension_bytes is b"" when there are none: bytes,
		 * not None, so the file is there (an empty line). */
		cfs_hex(x->t, d, "extension_bytes", s.extensions);
	}
	return XC_OK;
}

static xc_err dec_precert_scts(cfs_xdec *x, cfs_node *dir, xc_slice v)
{
	return put_scts(x, dir, v, XC_SCT_PRECERTIFICATE);
}

/* The files of each decoded form; which form an extension takes where is
 * the core's table (xc_ext_kind_of). */
static const ext_decoder decoders[XC_EXTK_COUNT] = {
	[XC_EXTK_BASIC_CONSTRAINTS] = dec_bc,
	[XC_EXTK_KEY_USAGE] = dec_ku,
	[XC_EXTK_EKU] = dec_eku,
	[XC_EXTK_SKI] = dec_ski,
	[XC_EXTK_AKI] = dec_aki,
	[XC_EXTK_GENERAL_NAMES] = dec_alt_names,
	[XC_EXTK_POLICY_CONSTRAINTS] = dec_policy_constraints,
	[XC_EXTK_INHIBIT_ANY_POLICY] = dec_inhibit_any_policy,
	[XC_EXTK_NULL_VALUE] = dec_null,
	[XC_EXTK_TLS_FEATURE] = dec_tls_feature,
	[XC_EXTK_POLICIES] = dec_policies,
	[XC_EXTK_DIST_POINTS] = dec_dps,
	[XC_EXTK_NAME_CONSTRAINTS] = dec_nc,
	[XC_EXTK_ACCESS] = dec_aia,
	[XC_EXTK_PRECERT_SCTS] = dec_precert_scts,
	[XC_EXTK_CRL_NUMBER] = dec_crl_number,
	[XC_EXTK_IDP] = dec_idp,
	[XC_EXTK_CRL_REASON] = dec_crl_reason,
	[XC_EXTK_INVALIDITY_DATE] = dec_invalidity_date,
};

/* A CSR's extensionRequest is read as a certificate's extensions. */
static ext_decoder decoder_of(xc_oid_id id, cfs_ext_ctx ctx)
{
	xc_ext_place place = ctx == CFS_EXT_CRL ? XC_EXT_IN_CRL
			   : ctx == CFS_EXT_CRL_ENTRY ? XC_EXT_IN_CRL_ENTRY
			   : XC_EXT_IN_CERT;

	return decoders[xc_ext_kind_of(id, place)];
}

/* ---- the extensions directory ------------------------------------------ */

/* Copies a scratch tree's nodes under dst (recursive: the vfs may, and a
 * decoded extension is a few levels deep). */
static void graft(cfs_tree *t, cfs_node *dst, const cfs_node *src)
{
	for (size_t i = 0; i < src->nkids; i++) {
		const cfs_node *k = src->kids[i];

		if (k->kind == CFS_DIR)
			graft(t, cfs_dir(t, dst, k->name), k);
		else if (k->kind == CFS_FILE)
			cfs_file(t, dst, k->name, k->data, k->len);
		else
			cfs_link(t, dst, k->name, (const char *)k->data);
	}
}

/* The decoded files of one extension, or `error`. */
static void decode_into(cfs_tree *t, cfs_node *dir, ext_decoder dec, xc_slice value,
			const uint8_t *base)
{
	cfs_tree *scratch = cfs_tree_new();
	cfs_xdec x = { scratch, base ? base : value.p, 0 };
	xc_err e;

	if (!scratch) {
		cfs_x_oom(t);
		return;
	}
	e = dec(&x, cfs_tree_root(scratch), value);
	cfs_tree_seal(scratch);         /* which finds a name used twice */
	if (e)
		cfs_field_error(t, dir, NULL, e, x.off);
	else if (!cfs_tree_ok(scratch))
		cfs_x_oom(t);
	else
		graft(t, dir, cfs_tree_root(scratch));
	cfs_tree_free(scratch);
}

/* The directory name of an extension: its ExtensionOID or
 * CRLEntryExtensionOID constant, else the dotted OID; a name already taken
 * (the same OID twice) gets ".1", ".2", ... Malloc'd; NULL if out of
 * memory. */
static char *ext_name(const cfs_node *exts, xc_slice oid, const char *oid_dotted)
{
	const xc_oid_info *info = xc_oid_info_of(xc_oid_lookup(oid));
	const char *base = oid_dotted;
	size_t len, cap;
	char *name;

	if (info && (info->kind & (XC_OIDK_EXT | XC_OIDK_CRL_ENTRY_EXT)))
		base = info->constant;
	len = strlen(base);
	cap = len + 24;
	name = malloc(cap);
	if (!name)
		return NULL;
	memcpy(name, base, len + 1);
	for (unsigned i = 1; cfs_lookup(exts, name); i++)
		snprintf(name + len, cap - len, ".%u", i);
	return name;
}

/* see fields.h */
void cfs_fields_extensions(cfs_tree *t, cfs_node *parent, xc_slice exts, cfs_ext_ctx ctx,
			   const uint8_t *base)
{
	xc_ext_iter it;
	xc_ext x;
	cfs_node *dir;

	if (!exts.p || !exts.len)
		return;
	dir = cfs_dir(t, parent, "extensions");
	xc_ext_iter_init(&it, exts);
	while (xc_ext_next(&it, &x) == XC_OK) {
		char *oid, *name;
		ext_decoder dec;
		cfs_node *d;

		/* An OID with an arc past 64 bits has no dotted form (and
		 * pyca loads no such object): nothing to name it by. */
		if (cfs_x_dotted(x.oid, &oid))
			continue;
		if (!oid) {
			cfs_x_oom(t);
			return;
		}
		name = ext_name(dir, x.oid, oid);
		d = name ? cfs_dir(t, dir, name) : NULL;
		cfs_printf(t, d, "oid", "%s", oid);
		cfs_x_bool(t, d, "critical", x.critical);
		cfs_file(t, d, "value", x.value.p, x.value.len);
		if ((dec = decoder_of(xc_oid_lookup(x.oid), ctx)))
			decode_into(t, d, dec, x.value, base);
		free(name);
		free(oid);
	}
}
