/*
 * certdump - print every field of the certificates, CRLs and CSRs in files.
 *
 *   certdump [--json] [--type certificate|crl|csr] FILE...
 *   certdump --field PATH FILE...
 *
 * docs/certdump.1 is the manual. Options may come after the files (up to
 * "--"); "-" is standard input.
 *
 * PEM files are split into blocks (CERTIFICATE, TRUSTED CERTIFICATE,
 * X509 CRL, CERTIFICATE REQUEST, NEW CERTIFICATE REQUEST; other blocks,
 * private keys among them, are skipped). A file that is not PEM and starts
 * with a SEQUENCE tag is one DER object, parsed as the type given with
 * --type, or else as a certificate, then a CRL, then a CSR; one that fails
 * is shown with its error. A file with no object at all (a key, text, a
 * PEM file with no block of the --type asked for) is "no certificate, CRL
 * or CSR found in FILE" on stderr, and counts as a failure.
 *
 * Field names are certfs's (docs/ABI.md): `version` v1/v2/v3, the six
 * `fingerprint/` hashes, extensions by their directory name
 * (subject_alternative_name). The default output is for people; --json
 * prints JSON Lines, one JSON object per object, the schema the
 * differential test (tests/diff/) compares with pyca/cryptography (its
 * compare.py maps the names to pyca's): each extension with its "decoded"
 * value where the core decodes the type (pyca's attribute names; the
 * human output shows the same JSON). A field the core cannot decode while
 * the object parses (docs/ABI.md 2: an empty RDN, a year-0000 time, a bad
 * name value, an extension value, a key) is {"error": NAME, "offset": N}
 * in JSON and "(error: <reason> at byte N)" for people, N into the
 * object's DER.
 *
 * The forms other tools print (issue 18: serial_number_hex, subject_hash,
 * issuer_hash, subject_openssl, issuer_openssl, fingerprint/<hash>_colon,
 * public_key/pin-sha256, public_key/fingerprint/sha256_colon, the EKU's
 * usage_names) come from certfs's own field builders (field_forms), keyed
 * by their certfs paths in both outputs, so they are the mount's bytes.
 *
 * --field prints one file of certfs's tree of the file (field.c).
 *
 * Exit status: 0 if every object parsed, 1 if any failed or a file held
 * none (or, with --field, had no such path), 2 on usage or I/O errors.
 *
 * The output (the JSON and human forms, the object's base for error
 * offsets) is emit.c's, its state an emit_ctx that main() owns and every
 * printer here is handed; this file holds the printers of each kind of
 * field and object.
 *
 * A tool, not the core: it may allocate (the file buffers).
 */
#include <xc/xc.h>

#include "emit.h"
#include "field.h"
#include "fields.h"
#include "tree.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- fields ------------------------------------------------------------ */

/* A name's own error and where it is (xc_name_error), else e at the
 * name's start. */
static void name_err(emit_ctx *em, xc_slice name, xc_err e)
{
	size_t off = (size_t)(name.p - em->base);
	xc_err ne = xc_name_error(name, em->base, &off);
	emit_err_value(em, ne ? ne : e, off);
}

static void field_name(emit_ctx *em, const char *k, xc_slice name)
{
	char buf[8192];
	xc_err e = xc_name_rfc4514(name, buf, sizeof buf, NULL);
	emit_key(em, k);
	if (e)
		name_err(em, name, e);
	else if (em->json)
		emit_json_cstr(buf);
	else
		fputs(buf, stdout);
	emit_end_field(em);
}

static void field_name_attrs(emit_ctx *em, const char *k, xc_slice name)
{
	xc_name_iter it;
	xc_attr a;
	char oid[XC_OID_DOTTED_MAX], val[4096];
	bool first = true;
	xc_err e;

	if (!em->json)
		return;
	emit_key(em, k);
	/* Like pyca's Name: a value that is no string of its type, or an
	 * empty RDN, makes the whole list an error (xc_attr_rfc4514 knows
	 * which tags are strings). */
	xc_name_iter_init(&it, name);
	while ((e = xc_name_next(&it, &a)) == XC_OK) {
		if ((e = xc_attr_rfc4514(&a, val, sizeof val, NULL)) && e != XC_ERR_BUFFER)
			break;
		e = XC_OK;
	}
	if (e != XC_END) {
		name_err(em, name, e);
		return;
	}
	putchar('[');
	xc_name_iter_init(&it, name);
	while (xc_name_next(&it, &a) == XC_OK) {
		size_t n;
		/* pyca's RDN is a set: a repeated attribute is there once. */
		if (xc_name_attr_repeats(name, &a))
			continue;
		xc_oid_to_dotted(a.oid, oid, sizeof oid, NULL);
		printf("%s{\"oid\": \"%s\", \"tag\": %" PRIu32 ", \"value\": ", first ? "" : ", ",
		       oid, a.tag);
		if (a.tag != XC_TAG_BIT_STRING &&
		    xc_string_to_utf8(a.tag, a.value, val, sizeof val, &n) == XC_OK)
			emit_json_str(val, n);
		else {
			fputs("{\"hex\": ", stdout);
			emit_json_hex(a.value);
			putchar('}');
		}
		putchar('}');
		first = false;
	}
	putchar(']');
}

/* A time, or its field error (year 0000, xc/time.h). */
static void time_value(emit_ctx *em, const xc_time *t)
{
	char buf[XC_TIME_STR];
	xc_err e = xc_time_format(t, buf, sizeof buf);

	if (e)
		emit_err_value(em, e, (size_t)(t->value.p - em->base));
	else if (em->json)
		emit_json_cstr(buf);
	else
		fputs(buf, stdout);
}

static void field_time(emit_ctx *em, const char *k, const xc_time *t)
{
	emit_key(em, k);
	time_value(em, t);
	emit_end_field(em);
}

static void field_serial(emit_ctx *em, const char *k, xc_slice serial)
{
	char buf[XC_INT_DEC_MAX(256)];
	emit_key(em, k);
	if (xc_int_to_dec(serial, buf, sizeof buf, NULL) == XC_OK) {
		if (em->json)
			emit_json_cstr(buf);
		else
			fputs(buf, stdout);
	} else {
		fputs(em->json ? "null" : "(too long)", stdout);
	}
	emit_end_field(em);
}

static void field_sigalg(emit_ctx *em, const xc_algid *alg, xc_slice signature)
{
	char oid[XC_OID_DOTTED_MAX];
	xc_oid_to_dotted(alg->oid, oid, sizeof oid, NULL);
	emit_str(em, "signature_algorithm_oid", oid);
	emit_str(em, "signature_algorithm", xc_oid_name(alg->oid));
	emit_str(em, "signature_hash_algorithm", xc_sigalg_hash_name(alg));
	emit_field_hex(em, "signature", signature);
}

static void field_pubkey(emit_ctx *em, xc_slice spki_raw)
{
	xc_spki k;
	size_t off = 0;
	xc_err e = xc_spki_parse(&k, spki_raw, em->base, &off);
	emit_key(em, "public_key");
	if (e) {
		emit_err_value(em, e, off);
		emit_end_field(em);
		return;
	}
	if (em->json) {
		fputs("{\"algorithm\": ", stdout);
		emit_json_cstr(xc_key_type_name(k.type));
		if (k.bits)
			printf(", \"key_size\": %zu", k.bits);
		else
			fputs(", \"key_size\": null", stdout);
		fputs(", \"curve\": ", stdout);
		emit_json_cstr(k.type == XC_KEY_EC ? xc_oid_name(k.curve_oid) : NULL);
		putchar('}');
		return;
	}
	printf("%s", xc_key_type_name(k.type));
	if (k.bits)
		printf(" %zu bits", k.bits);
	if (k.type == XC_KEY_EC)
		printf(" %s", xc_oid_name(k.curve_oid) ? xc_oid_name(k.curve_oid) : "unknown curve");
	putchar('\n');
}

/* ---- decoded extensions (--json) ---------------------------------------- */

/*
 * Where an extension sits decides which decoder applies, as in pyca 38: a
 * certificate's or CSR's extensions, a CRL's and a CRL entry's each have
 * their own set, and a known OID outside its set is left raw (pyca's
 * UnrecognizedExtension).
 */

static void json_dotted(xc_slice oid)
{
	char buf[XC_OID_DOTTED_MAX];
	if (xc_oid_to_dotted(oid, buf, sizeof buf, NULL) == XC_OK)
		emit_json_cstr(buf);
	else
		fputs("null", stdout);
}

/* An INTEGER's contents as a decimal string, or as a bare JSON number. */
static void json_dec(xc_slice v, bool quoted)
{
	char buf[XC_INT_DEC_MAX(256)];
	if (xc_int_to_dec(v, buf, sizeof buf, NULL) != XC_OK)
		fputs("null", stdout);
	else if (quoted)
		emit_json_cstr(buf);
	else
		fputs(buf, stdout);
}

/* A GeneralName as {"type": pyca class in snake case, "value": ...}, the
 * value as pyca's attribute prints it. */
static void json_gn(const xc_gn *g, bool network)
{
	char buf[8192];
	xc_err e;

	printf("{\"type\": ");
	emit_json_cstr(xc_gn_type_name(g->type));
	fputs(", ", stdout);
	switch (g->type) {
	case XC_GN_OTHER_NAME:
		fputs("\"type_id\": ", stdout);
		json_dotted(g->other_oid);
		fputs(", \"value\": ", stdout);
		emit_json_hex(g->value);
		break;
	case XC_GN_RFC822_NAME:
	case XC_GN_DNS_NAME:
	case XC_GN_URI:
		fputs("\"value\": ", stdout);
		emit_json_str((const char *)g->value.p, g->value.len);
		break;
	case XC_GN_DIRECTORY_NAME:
		fputs("\"value\": ", stdout);
		if ((e = xc_name_rfc4514(g->value, buf, sizeof buf, NULL)))
			emit_json_err(e);
		else
			emit_json_cstr(buf);
		break;
	case XC_GN_IP_ADDRESS:
		fputs("\"value\": ", stdout);
		if ((e = xc_gn_ip_format(g->value, network, buf, sizeof buf, NULL)))
			emit_json_err(e);
		else
			emit_json_cstr(buf);
		break;
	case XC_GN_REGISTERED_ID:
		fputs("\"value\": ", stdout);
		json_dotted(g->value);
		break;
	case XC_GN_X400_ADDRESS:
	case XC_GN_EDI_PARTY_NAME:
		/* pyca 38 has no class for these (UnsupportedGeneralNameType) */
		fputs("\"value\": ", stdout);
		emit_json_hex(g->value);
		break;
	}
	putchar('}');
}

static void json_gns(xc_slice gns, bool network)
{
	xc_gn_iter it;
	xc_gn g;
	bool first = true;

	putchar('[');
	xc_gn_iter_init(&it, gns);
	while (xc_gn_next(&it, &g) == XC_OK) {
		if (!first)
			fputs(", ", stdout);
		json_gn(&g, network);
		first = false;
	}
	putchar(']');
}

static void json_opt_u64(const char *k, bool has, uint64_t v)
{
	printf("\"%s\": ", k);
	if (has)
		printf("%" PRIu64, v);
	else
		fputs("null", stdout);
}

static xc_err dec_bc(emit_ctx *em, xc_slice v)
{
	xc_bc bc;
	xc_err e = xc_bc_decode(&bc, v, em->base, &em->ext_off);
	if (e)
		return e;
	printf("{\"ca\": %s, ", bc.ca ? "true" : "false");
	json_opt_u64("path_length", bc.has_path_length, bc.path_length);
	putchar('}');
	return XC_OK;
}

static xc_err dec_ku(emit_ctx *em, xc_slice v)
{
	xc_ku ku;
	xc_err e = xc_ku_decode(&ku, v, em->base, &em->ext_off);
	if (e)
		return e;
	putchar('{');
	for (unsigned i = 0; i < XC_KU_COUNT; i++) {
		printf("%s\"%s\": ", i ? ", " : "", xc_ku_name(i));
		/* pyca raises for encipher_only and decipher_only unless
		 * key_agreement is set: null stands for that. */
		if (i >= 7 && !(ku.bits & XC_KU_KEY_AGREEMENT))
			fputs("null", stdout);
		else
			fputs(ku.bits & (1u << i) ? "true" : "false", stdout);
	}
	putchar('}');
	return XC_OK;
}

static xc_err dec_eku(emit_ctx *em, xc_slice v)
{
	xc_eku eku;
	xc_oids_iter it;
	xc_slice oid;
	bool first = true;
	xc_err e = xc_eku_decode(&eku, v, em->base, &em->ext_off);
	if (e)
		return e;
	putchar('[');
	xc_oids_iter_init(&it, eku.oids);
	while (xc_oids_next(&it, &oid) == XC_OK) {
		if (!first)
			fputs(", ", stdout);
		json_dotted(oid);
		first = false;
	}
	putchar(']');
	return XC_OK;
}

static xc_err dec_ski(emit_ctx *em, xc_slice v)
{
	xc_ski ski;
	xc_err e = xc_ski_decode(&ski, v, em->base, &em->ext_off);
	if (e)
		return e;
	fputs("{\"digest\": ", stdout);
	emit_json_hex(ski.digest);
	putchar('}');
	return XC_OK;
}

static xc_err dec_aki(emit_ctx *em, xc_slice v)
{
	xc_aki aki;
	xc_err e = xc_aki_decode(&aki, v, em->base, &em->ext_off);
	if (e)
		return e;
	fputs("{\"key_identifier\": ", stdout);
	if (xc_slice_present(aki.key_id))
		emit_json_hex(aki.key_id);
	else
		fputs("null", stdout);
	fputs(", \"authority_cert_issuer\": ", stdout);
	if (xc_slice_present(aki.issuer))
		json_gns(aki.issuer, false);
	else
		fputs("null", stdout);
	fputs(", \"authority_cert_serial_number\": ", stdout);
	if (xc_slice_present(aki.serial))
		json_dec(aki.serial, true);
	else
		fputs("null", stdout);
	putchar('}');
	return XC_OK;
}

static xc_err dec_alt_names(emit_ctx *em, xc_slice v)
{
	xc_alt_names an;
	xc_err e = xc_alt_names_decode(&an, v, em->base, &em->ext_off);
	if (e)
		return e;
	json_gns(an.gns, false);
	return XC_OK;
}

static xc_err dec_policy_constraints(emit_ctx *em, xc_slice v)
{
	xc_policy_constraints pc;
	xc_err e = xc_policy_constraints_decode(&pc, v, em->base, &em->ext_off);
	if (e)
		return e;
	putchar('{');
	json_opt_u64("require_explicit_policy", pc.has_require_explicit_policy,
		     pc.require_explicit_policy);
	fputs(", ", stdout);
	json_opt_u64("inhibit_policy_mapping", pc.has_inhibit_policy_mapping,
		     pc.inhibit_policy_mapping);
	putchar('}');
	return XC_OK;
}

static xc_err dec_inhibit_any_policy(emit_ctx *em, xc_slice v)
{
	xc_inhibit_any_policy iap;
	xc_err e = xc_inhibit_any_policy_decode(&iap, v, em->base, &em->ext_off);
	if (e)
		return e;
	fputs("{\"skip_certs\": ", stdout);
	json_dec(iap.skip_certs, false);
	putchar('}');
	return XC_OK;
}

static xc_err dec_null(emit_ctx *em, xc_slice v)
{
	(void)em;
	xc_err e = xc_null_ext_decode(v, NULL, NULL);
	if (e)
		return e;
	fputs("{}", stdout);
	return XC_OK;
}

static xc_err dec_tls_feature(emit_ctx *em, xc_slice v)
{
	xc_tls_feature tf;
	xc_tls_feature_iter it;
	unsigned f;
	bool first = true;
	xc_err e = xc_tls_feature_decode(&tf, v, em->base, &em->ext_off);
	if (e)
		return e;
	putchar('[');
	xc_tls_feature_iter_init(&it, tf.list);
	while (xc_tls_feature_next(&it, &f) == XC_OK) {
		if (!first)
			fputs(", ", stdout);
		emit_json_cstr(xc_tls_feature_name(f));
		first = false;
	}
	putchar(']');
	return XC_OK;
}

/* CRLNumber and DeltaCRLIndicator: pyca names both attributes crl_number. */
static xc_err dec_crl_number(emit_ctx *em, xc_slice v)
{
	xc_crl_number n;
	xc_err e = xc_crl_number_decode(&n, v, em->base, &em->ext_off);
	if (e)
		return e;
	fputs("{\"crl_number\": ", stdout);
	json_dec(n.number, true);
	putchar('}');
	return XC_OK;
}

static xc_err dec_crl_reason(emit_ctx *em, xc_slice v)
{
	xc_crl_reason r;
	xc_err e = xc_crl_reason_decode(&r, v, em->base, &em->ext_off);
	if (e)
		return e;
	fputs("{\"reason\": ", stdout);
	emit_json_cstr(xc_crl_reason_name(r));
	putchar('}');
	return XC_OK;
}

static xc_err dec_invalidity_date(emit_ctx *em, xc_slice v)
{
	xc_time t;
	char buf[XC_TIME_STR];
	xc_err e = xc_invalidity_date_decode(&t, v, em->base, &em->ext_off);
	if (e)
		return e;
	xc_time_format(&t, buf, sizeof buf);
	fputs("{\"invalidity_date\": ", stdout);
	emit_json_cstr(buf);
	putchar('}');
	return XC_OK;
}

/* A DisplayText or other string as UTF-8 JSON; null if it cannot be. */
static void json_text(uint32_t tag, xc_slice v)
{
	char buf[8192];
	size_t n;
	xc_err e = xc_string_to_utf8(tag, v, buf, sizeof buf, &n);
	if (e)
		emit_json_err(e);
	else
		emit_json_str(buf, n);
}

static void json_qualifier(const xc_qualifier *q)
{
	xc_notice_number_iter it;
	xc_slice num;
	bool first = true;

	if (q->type == XC_QUALIFIER_CPS_URI) {
		emit_json_str((const char *)q->cps_uri.p, q->cps_uri.len);
		return;
	}
	fputs("{\"notice_reference\": ", stdout);
	if (q->has_notice_ref) {
		fputs("{\"organization\": ", stdout);
		json_text(q->organization.tag, q->organization.value);
		fputs(", \"notice_numbers\": [", stdout);
		xc_notice_number_iter_init(&it, q->notice_numbers);
		while (xc_notice_number_next(&it, &num) == XC_OK) {
			if (!first)
				fputs(", ", stdout);
			json_dec(num, false);
			first = false;
		}
		fputs("]}", stdout);
	} else {
		fputs("null", stdout);
	}
	fputs(", \"explicit_text\": ", stdout);
	if (q->has_explicit_text)
		json_text(q->explicit_text.tag, q->explicit_text.value);
	else
		fputs("null", stdout);
	putchar('}');
}

static xc_err dec_policies(emit_ctx *em, xc_slice v)
{
	xc_policies ps;
	xc_policy_iter it;
	xc_policy_info p;
	bool first = true;
	xc_err e = xc_policies_decode(&ps, v, em->base, &em->ext_off);
	if (e)
		return e;
	putchar('[');
	xc_policy_iter_init(&it, ps.list);
	while (xc_policy_next(&it, &p) == XC_OK) {
		xc_qualifier_iter qi;
		xc_qualifier q;
		bool qfirst = true;

		fputs(first ? "{\"policy_identifier\": " : ", {\"policy_identifier\": ", stdout);
		json_dotted(p.oid);
		fputs(", \"policy_qualifiers\": ", stdout);
		if (!p.has_qualifiers) {
			fputs("null}", stdout);
			first = false;
			continue;
		}
		putchar('[');
		xc_qualifier_iter_init(&qi, p.qualifiers);
		while (xc_qualifier_next(&qi, &q) == XC_OK) {
			if (!qfirst)
				fputs(", ", stdout);
			json_qualifier(&q);
			qfirst = false;
		}
		fputs("]}", stdout);
		first = false;
	}
	putchar(']');
	return XC_OK;
}

/* An RDN as pyca's RelativeDistinguishedName.rfc4514_string(): its
 * attributes in DER order joined by "+". */
static void json_rdn(xc_slice rdn)
{
	xc_rdn_iter it;
	xc_attr a;
	char buf[8192];
	size_t n = 0, len;
	xc_err e;

	xc_rdn_iter_init(&it, rdn);
	while (xc_rdn_next(&it, &a) == XC_OK) {
		if (n && n < sizeof buf - 1)
			buf[n++] = '+';
		if ((e = xc_attr_rfc4514(&a, buf + n, sizeof buf - n, &len))) {
			emit_json_err(e);
			return;
		}
		n += len;
	}
	emit_json_str(buf, n);
}

/* A set of ReasonFlags as sorted member names (pyca's is a frozenset). */
static void json_reasons(bool has, uint16_t mask)
{
	const char *names[8];
	size_t n = 0;

	if (!has) {
		fputs("null", stdout);
		return;
	}
	for (unsigned b = 1; b <= 8; b++) {
		if (!(mask & (1u << b)))
			continue;
		size_t i = n++;
		const char *s = xc_reason_flag_name(b);
		for (; i > 0 && strcmp(names[i - 1], s) > 0; i--)
			names[i] = names[i - 1];
		names[i] = s;
	}
	putchar('[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", stdout);
		emit_json_cstr(names[i]);
	}
	putchar(']');
}

static void json_dp_name(const xc_dp_name *dn)
{
	fputs("\"full_name\": ", stdout);
	if (dn->type == XC_DP_FULL_NAME)
		json_gns(dn->full_name, false);
	else
		fputs("null", stdout);
	fputs(", \"relative_name\": ", stdout);
	if (dn->type == XC_DP_RELATIVE_NAME)
		json_rdn(dn->relative_name);
	else
		fputs("null", stdout);
}

static xc_err dec_dps(emit_ctx *em, xc_slice v)
{
	xc_dps dps;
	xc_dp_iter it;
	xc_dp dp;
	bool first = true;
	xc_err e = xc_dps_decode(&dps, v, em->base, &em->ext_off);
	if (e)
		return e;
	putchar('[');
	xc_dp_iter_init(&it, dps.list);
	while (xc_dp_next(&it, &dp) == XC_OK) {
		fputs(first ? "{" : ", {", stdout);
		json_dp_name(&dp.name);
		fputs(", \"reasons\": ", stdout);
		json_reasons(dp.has_reasons, dp.reasons);
		fputs(", \"crl_issuer\": ", stdout);
		if (dp.has_crl_issuer)
			json_gns(dp.crl_issuer, false);
		else
			fputs("null", stdout);
		putchar('}');
		first = false;
	}
	putchar(']');
	return XC_OK;
}

static xc_err dec_idp(emit_ctx *em, xc_slice v)
{
	xc_idp idp;
	xc_err e = xc_idp_decode(&idp, v, em->base, &em->ext_off);
	if (e)
		return e;
	putchar('{');
	json_dp_name(&idp.name);
	printf(", \"only_contains_user_certs\": %s, \"only_contains_ca_certs\": %s",
	       idp.only_contains_user_certs ? "true" : "false",
	       idp.only_contains_ca_certs ? "true" : "false");
	fputs(", \"only_some_reasons\": ", stdout);
	json_reasons(idp.has_only_some_reasons, idp.only_some_reasons);
	printf(", \"indirect_crl\": %s, \"only_contains_attribute_certs\": %s}",
	       idp.indirect_crl ? "true" : "false",
	       idp.only_contains_attribute_certs ? "true" : "false");
	return XC_OK;
}

static void json_subtrees(xc_slice list)
{
	xc_subtree_iter it;
	xc_gn g;
	bool first = true;

	if (!list.p) {
		fputs("null", stdout);
		return;
	}
	putchar('[');
	xc_subtree_iter_init(&it, list);
	while (xc_subtree_next(&it, &g) == XC_OK) {
		if (!first)
			fputs(", ", stdout);
		json_gn(&g, true);
		first = false;
	}
	putchar(']');
}

static xc_err dec_nc(emit_ctx *em, xc_slice v)
{
	xc_nc nc;
	xc_err e = xc_nc_decode(&nc, v, em->base, &em->ext_off);
	if (e)
		return e;
	fputs("{\"permitted_subtrees\": ", stdout);
	json_subtrees(nc.permitted);
	fputs(", \"excluded_subtrees\": ", stdout);
	json_subtrees(nc.excluded);
	putchar('}');
	return XC_OK;
}

static xc_err dec_aia(emit_ctx *em, xc_slice v)
{
	xc_aia aia;
	xc_aia_iter it;
	xc_access_desc ad;
	bool first = true;
	xc_err e = xc_aia_decode(&aia, v, em->base, &em->ext_off);
	if (e)
		return e;
	putchar('[');
	xc_aia_iter_init(&it, aia.list);
	while (xc_aia_next(&it, &ad) == XC_OK) {
		fputs(first ? "{\"access_method\": " : ", {\"access_method\": ", stdout);
		json_dotted(ad.method);
		fputs(", \"access_location\": ", stdout);
		json_gn(&ad.location, false);
		putchar('}');
		first = false;
	}
	putchar(']');
	return XC_OK;
}

static xc_err dec_precert_scts(emit_ctx *em, xc_slice v)
{
	xc_scts scts;
	xc_sct_iter it;
	xc_sct s;
	bool first = true;
	xc_err e = xc_scts_decode(&scts, v, XC_SCT_PRECERTIFICATE, em->base, &em->ext_off);
	if (e)
		return e;
	putchar('[');
	xc_sct_iter_init(&it, &scts);
	while (xc_sct_next(&it, &s) == XC_OK) {
		fputs(first ? "{" : ", {", stdout);
		/* version 0 is pyca's Version.v1, the only one it loads */
		printf("\"version\": \"v%u\", \"log_id\": ", s.version + 1);
		emit_json_hex(s.log_id);
		printf(", \"timestamp\": %" PRIu64 ", \"entry_type\": ", s.timestamp);
		emit_json_cstr(xc_sct_entry_type_name(s.entry_type));
		fputs(", \"signature_hash_algorithm\": ", stdout);
		emit_json_cstr(xc_sct_hash_name(s.hash_alg));
		fputs(", \"signature_algorithm\": ", stdout);
		emit_json_cstr(xc_sct_sig_name(s.sig_alg));
		fputs(", \"signature\": ", stdout);
		emit_json_hex(s.signature);
		fputs(", \"extension_bytes\": ", stdout);
		emit_json_hex(s.extensions);
		putchar('}');
		first = false;
	}
	putchar(']');
	return XC_OK;
}

/* The printer of each decoded form; which form an extension takes where is
 * the core's table (xc_ext_kind_of). */
static xc_err (*const ext_printers[XC_EXTK_COUNT])(emit_ctx *, xc_slice) = {
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

/* The decoder of an extension in this place, or NULL where the core
 * decodes none (an unknown type, or a known one pyca leaves raw there). */
static xc_err (*ext_decoder(const xc_ext *x, xc_ext_place place))(emit_ctx *, xc_slice)
{
	return ext_printers[xc_ext_kind_of(xc_oid_lookup(x->oid), place)];
}

/* The decoded value as JSON (people get the same JSON on its own line). A
 * decoder prints nothing before it has checked the value, so an error
 * leaves room for the error object. */
static void print_decoded(emit_ctx *em, xc_err (*decode)(emit_ctx *, xc_slice), xc_slice value)
{
	xc_err e = decode(em, value);
	if (e)
		emit_err_value(em, e, em->ext_off);
}

/* certfs's name of extension x of exts (its extensions/<name>/ directory):
 * the ExtensionOID or CRLEntryExtensionOID constant, else the dotted OID,
 * with ".1", ".2", ... for the second and later of one OID. */
static void ext_name(xc_slice exts, const xc_ext *x, char *buf, size_t cap)
{
	const xc_oid_info *info = xc_oid_info_of(xc_oid_lookup(x->oid));
	xc_ext_iter it;
	xc_ext y;
	unsigned before = 0;

	if (info && (info->kind & (XC_OIDK_EXT | XC_OIDK_CRL_ENTRY_EXT)))
		snprintf(buf, cap, "%s", info->constant);
	else
		xc_oid_to_dotted(x->oid, buf, cap, NULL);
	xc_ext_iter_init(&it, exts);
	while (xc_ext_next(&it, &y) == XC_OK && y.oid.p != x->oid.p)
		before += xc_slice_eq(y.oid, x->oid);
	if (before) {
		size_t n = strlen(buf);
		snprintf(buf + n, cap - n, ".%u", before);
	}
}

static void field_exts(emit_ctx *em, const char *k, xc_slice exts, xc_ext_place ctx)
{
	char name[XC_OID_DOTTED_MAX + 16];
	xc_err (*dec)(emit_ctx *, xc_slice);
	xc_ext_iter it;
	xc_ext x;
	char oid[XC_OID_DOTTED_MAX];
	bool first = true;

	emit_key(em, k);
	/* pyca raises DuplicateExtension for the whole block when one OID
	 * appears twice (RFC 5280 4.2 forbids it). */
	if (em->json && exts.p && xc_ext_find_duplicate(exts, &x) == XC_OK) {
		fputs("{\"error\": \"DUPLICATE\"}", stdout);
		return;
	}
	if (em->json)
		putchar('[');
	else
		putchar('\n');
	xc_ext_iter_init(&it, exts);
	while (exts.p && xc_ext_next(&it, &x) == XC_OK) {
		xc_oid_to_dotted(x.oid, oid, sizeof oid, NULL);
		ext_name(exts, &x, name, sizeof name);
		if (em->json) {
			printf("%s{\"name\": \"%s\", \"oid\": \"%s\", \"critical\": %s, \"value\": ",
			       first ? "" : ", ", name, oid, x.critical ? "true" : "false");
			emit_json_hex(x.value);
			if ((dec = ext_decoder(&x, ctx))) {
				fputs(", \"decoded\": ", stdout);
				print_decoded(em, dec, x.value);
			}
			putchar('}');
		} else {
			printf("    %s (%s)%s: ", name, oid, x.critical ? " critical" : "");
			emit_hex(x.value);
			putchar('\n');
			if ((dec = ext_decoder(&x, ctx))) {
				printf("      decoded: ");
				print_decoded(em, dec, x.value);
				putchar('\n');
			}
		}
		first = false;
	}
	if (em->json)
		putchar(']');
}

/* ---- objects ----------------------------------------------------------- */

/* fingerprint/: every hash certfs shows, named as its files are
 * ("fingerprint/sha256" for people; {"sha256": ...} in JSON). */
static void field_fingerprints(emit_ctx *em, xc_slice der)
{
	uint8_t md[XC_HASH_MAX];
	char k[32];
	bool first = true;

	if (em->json) {
		emit_key(em, "fingerprint");
		putchar('{');
	}
	for (xc_hash h = XC_HASH_MD5; h < XC_HASH_COUNT; h++) {
		xc_slice v = xc_slice_make(md, xc_hash_size(h));
		bool ok = xc_fingerprint(h, der, md, sizeof md) == XC_OK;
		if (!em->json) {
			snprintf(k, sizeof k, "fingerprint/%s", xc_hash_name(h));
			if (ok)
				emit_field_hex(em, k, v);
			else
				emit_str(em, k, NULL);
			continue;
		}
		printf("%s\"%s\": ", first ? "" : ", ", xc_hash_name(h));
		if (ok)
			emit_json_hex(v);
		else
			fputs("null", stdout);
		first = false;
	}
	if (em->json)
		putchar('}');
}

/* The files of certfs's tree of an object that hold the forms other
 * tools print (docs/ABI.md), by their paths in that tree: built by the
 * mount's own builders (vfs/fields*.c) rather than formatted a second
 * time here, so certdump and the mount cannot disagree. `*_colon` stands
 * for every file of that directory whose name ends so. */
static const char *const form_paths[] = {
	"serial_number_hex", "subject_hash", "issuer_hash", "subject_openssl",
	"issuer_openssl", "fingerprint/*_colon", "public_key/pin-sha256",
	"public_key/fingerprint/*_colon", "extensions/extended_key_usage/usage_names",
};

/* One file's value: its bytes without the final newline; several lines
 * (usage_names) joined by ", " for people, kept as lines in JSON. */
static void form_value(emit_ctx *em, const char *path, const cfs_node *f)
{
	size_t n = f->len;

	if (n && f->data[n - 1] == '\n')
		n--;
	emit_key(em, path);
	if (em->json) {
		emit_json_str((const char *)f->data, n);
	} else {
		for (size_t i = 0; i < n; i++) {
			if (f->data[i] == '\n')
				fputs(", ", stdout);
			else
				putchar(f->data[i]);
		}
	}
	emit_end_field(em);
}

static void field_forms(emit_ctx *em, cfs_type type, xc_slice der)
{
	cfs_tree *t = cfs_tree_new();

	if (!t)
		return;
	cfs_fields_build(t, cfs_tree_root(t), type, der.p, der.len);
	cfs_tree_seal(t);
	for (size_t i = 0; cfs_tree_ok(t) && i < sizeof(form_paths) / sizeof(form_paths[0]); i++) {
		const char *p = form_paths[i], *star = strchr(p, '*');
		char dir[64], path[128];
		const cfs_node *d;

		if (!star) {
			const char *slash = strrchr(p, '/');
			snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - p) : 0, p);
			d = cfs_walk(cfs_tree_root(t), dir);
			d = d ? cfs_lookup(d, slash ? slash + 1 : p) : NULL;
			if (d && d->kind == CFS_FILE)
				form_value(em, p, d);
			continue;
		}
		/* a path with a star: every file of its directory whose name ends
		 * as the path does after the star, in order */
		snprintf(dir, sizeof dir, "%.*s", (int)(star - p - 1), p);
		d = cfs_walk(cfs_tree_root(t), dir);
		for (size_t k = 0; d && k < d->nkids; k++) {
			const cfs_node *f = d->kids[k];
			size_t nl = strlen(f->name), sl = strlen(star + 1);

			if (f->kind != CFS_FILE || nl < sl || strcmp(f->name + nl - sl, star + 1))
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, f->name);
			form_value(em, path, f);
		}
	}
	cfs_tree_free(t);
}

static void common(emit_ctx *em, xc_slice der, xc_slice tbs, int64_t version, const char *vname)
{
	uint8_t md[32];
	char vbuf[32];

	if (em->json)
		printf(", \"error\": null, \"offset\": null");
	/* certfs's `version` file: v1, v2, v3, or unknown(N) */
	if (!vname) {
		snprintf(vbuf, sizeof vbuf, "unknown(%" PRId64 ")", version);
		vname = vbuf;
	}
	emit_str(em, "version", vname);
	if (xc_fingerprint(XC_HASH_SHA256, tbs, md, sizeof md) == XC_OK)
		emit_field_hex(em, "tbs_bytes_sha256", xc_slice_make(md, sizeof md));
	field_fingerprints(em, der);
}

static void dump_cert(emit_ctx *em, const xc_cert *cp)
{
	xc_cert c = *cp;

	common(em, c.der, c.tbs, c.version, xc_version_name(c.version));
	field_serial(em, "serial_number", c.serial);
	field_sigalg(em, &c.sig_alg, c.signature);
	field_name(em, "issuer", c.issuer);
	field_name_attrs(em, "issuer_attributes", c.issuer);
	field_time(em, "not_valid_before", &c.not_before);
	field_time(em, "not_valid_after", &c.not_after);
	field_name(em, "subject", c.subject);
	field_name_attrs(em, "subject_attributes", c.subject);
	field_pubkey(em, c.spki);
	field_exts(em, "extensions", c.extensions, XC_EXT_IN_CERT);
	field_forms(em, CFS_CERT, c.der);
}

static void field_revoked(emit_ctx *em, const xc_crl *crl)
{
	xc_revoked_iter it;
	xc_revoked r;
	bool first = true;

	emit_key(em, "revoked");
	if (em->json)
		putchar('[');
	else
		printf("%zu\n", crl->revoked_count);
	xc_revoked_iter_init(&it, crl);
	while (crl->revoked.p && xc_revoked_next(&it, &r) == XC_OK) {
		char serial[XC_INT_DEC_MAX(256)];
		if (xc_int_to_dec(r.serial, serial, sizeof serial, NULL))
			strcpy(serial, "?");
		if (em->json) {
			printf("%s{\"serial_number\": \"%s\", \"revocation_date\": ", first ? "" : ", ",
			       serial);
			time_value(em, &r.revocation_date);
			em->first = false;
			field_exts(em, "extensions", r.extensions, XC_EXT_IN_CRL_ENTRY);
			putchar('}');
		} else {
			printf("    serial %s revoked ", serial);
			time_value(em, &r.revocation_date);
			putchar('\n');
			if (r.extensions.p) {
				printf("  ");
				field_exts(em, "extensions", r.extensions, XC_EXT_IN_CRL_ENTRY);
			}
		}
		first = false;
	}
	if (em->json)
		putchar(']');
}

static void dump_crl(emit_ctx *em, const xc_crl *crlp)
{
	xc_crl crl = *crlp;

	common(em, crl.der, crl.tbs, crl.version, xc_crl_version_name(&crl));
	field_sigalg(em, &crl.sig_alg, crl.signature);
	field_name(em, "issuer", crl.issuer);
	field_name_attrs(em, "issuer_attributes", crl.issuer);
	field_time(em, "last_update", &crl.last_update);
	if (crl.has_next_update)
		field_time(em, "next_update", &crl.next_update);
	else
		emit_str(em, "next_update", NULL);
	field_exts(em, "extensions", crl.extensions, XC_EXT_IN_CRL);
	field_revoked(em, &crl);
	field_forms(em, CFS_CRL, crl.der);
}

static void field_attrs(emit_ctx *em, const xc_csr *csr)
{
	xc_csr_attr_iter it;
	xc_csr_attr a;
	char oid[XC_OID_DOTTED_MAX];
	bool first = true;

	emit_key(em, "attributes");
	if (em->json)
		putchar('[');
	else
		putchar('\n');
	xc_csr_attr_iter_init(&it, csr);
	while (xc_csr_attr_next(&it, &a) == XC_OK) {
		xc_oid_to_dotted(a.oid, oid, sizeof oid, NULL);
		if (em->json) {
			printf("%s{\"oid\": \"%s\", \"tag\": %" PRIu32 ", \"value\": ", first ? "" : ", ",
			       oid, a.tag);
			emit_json_hex(a.value);
			putchar('}');
		} else {
			const char *name = xc_oid_name(a.oid);
			printf("    %s (%s): ", name ? name : oid, oid);
			emit_hex(a.value);
			putchar('\n');
		}
		first = false;
	}
	if (em->json)
		putchar(']');
}

static void dump_csr(emit_ctx *em, const xc_csr *csrp)
{
	xc_csr csr = *csrp;
	size_t off;
	xc_slice exts = { NULL, 0 };
	xc_err e;

	common(em, csr.der, csr.tbs, csr.version, xc_csr_version_name(&csr));
	field_sigalg(em, &csr.sig_alg, csr.signature);
	field_name(em, "subject", csr.subject);
	field_name_attrs(em, "subject_attributes", csr.subject);
	field_pubkey(em, csr.spki);
	field_attrs(em, &csr);
	e = xc_csr_extensions(&csr, &exts, NULL, &off);
	if (e == XC_OK || e == XC_NOT_FOUND) {
		field_exts(em, "extensions", exts, XC_EXT_IN_CERT);
	} else {
		emit_key(em, "extensions");
		emit_err_value(em, e, off);
		emit_end_field(em);
	}
	field_forms(em, CFS_CSR, csr.der);
}

/* One DER object of kind `hint` (XC_OBJ_ANY: whichever parses; if none
 * does, the error of the parser that got furthest, xc/obj.h). */
static int dump_der(emit_ctx *em, const char *file, size_t index, xc_obj_kind hint,
		    const uint8_t *der, size_t len)
{
	xc_obj o;
	size_t off = 0;
	xc_err e;

	em->base = der;
	e = xc_obj_parse(&o, hint, der, len, &off);
	emit_begin(em, file, index, xc_obj_kind_name(o.kind));
	if (e) {
		emit_failed(em, e, off);
		emit_end(em);
		return 1;
	}
	switch (o.kind) {
	case XC_OBJ_CERT: dump_cert(em, &o.u.cert); break;
	case XC_OBJ_CRL: dump_crl(em, &o.u.crl); break;
	case XC_OBJ_CSR: dump_csr(em, &o.u.csr); break;
	case XC_OBJ_ANY: break;
	}
	emit_end(em);
	return 0;
}

static int dump_pem(emit_ctx *em, const char *file, uint8_t *buf, size_t len, xc_obj_kind only)
{
	xc_pem_iter it;
	xc_pem_block b;
	size_t off, index = 0;
	int rc = 0;
	xc_err e;

	xc_pem_iter_init(&it, buf, len);
	while ((e = xc_pem_next(&it, &b, &off)) != XC_END) {
		xc_obj_kind t;
		if (e) {
			if (!em->json)
				printf("%s: PEM error: %s at byte %zu\n", file, xc_strerror(e), off);
			rc = 1;
			continue;
		}
		t = xc_obj_kind_of_pem(b.kind);
		if (t == XC_OBJ_ANY || (only != XC_OBJ_ANY && t != only))
			continue;
		/* Decode in place: the block's own text becomes its DER. */
		uint8_t *out = buf + (b.body.p - buf);
		size_t n;
		if ((e = xc_pem_decode(b.body, out, b.body.len, &n, &off))) {
			emit_begin(em, file, index++, xc_obj_kind_name(t));
			emit_failed(em, e, (size_t)(b.body.p - buf) + off);
			emit_end(em);
			rc = 1;
			continue;
		}
		/* A TRUSTED CERTIFICATE is a certificate followed by OpenSSL's
		 * trust settings: parse the certificate TLV alone. */
		if (b.kind == XC_PEM_TRUSTED_CERTIFICATE) {
			xc_der d;
			xc_tlv tlv;
			xc_der_init(&d, out, n);
			if (xc_der_read(&d, &tlv) == XC_OK)
				n = tlv.raw.len;
		}
		rc |= dump_der(em, file, index++, t, out, n);
	}
	return rc;
}

/* An input's name in messages. */
static const char *shown(const char *path)
{
	return strcmp(path, "-") ? path : "standard input";
}

/* The whole of f into a malloc'd buffer (*len bytes); NULL with errno
 * set on failure. A directory fails with EISDIR. */
static uint8_t *read_all(FILE *f, size_t *len)
{
	struct stat sb;
	size_t cap = 65536, n = 0, r;
	uint8_t *buf;

	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		errno = EISDIR;
		return NULL;
	}
	if (!(buf = malloc(cap)))
		return NULL;
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap *= 2);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
	}
	if (ferror(f)) {
		int e = errno;
		free(buf);
		errno = e;
		return NULL;
	}
	*len = n;
	return buf;
}

/* FILE's bytes; "-" is standard input. */
static uint8_t *read_input(const char *path, size_t *len)
{
	FILE *f;
	uint8_t *buf;

	if (!strcmp(path, "-"))
		return read_all(stdin, len);
	if (!(f = fopen(path, "rb")))
		return NULL;
	buf = read_all(f, len);
	fclose(f);
	return buf;
}

/* Prints every object of one input; 0, 1 if an object failed or there was
 * none, 2 if it could not be read. */
static int dump_input(emit_ctx *em, const char *path, xc_obj_kind type)
{
	size_t len, before = em->count;
	uint8_t *buf = read_input(path, &len);
	int rc = 0;

	if (!buf) {
		fprintf(stderr, "certdump: %s: %s\n", shown(path), strerror(errno));
		return 2;
	}
	if (xc_pem_detect(buf, len))
		rc = dump_pem(em, path, buf, len, type);
	else if (len && buf[0] == 0x30)
		/* DER that starts as a SEQUENCE: an object, or one shown with
		 * its error (a truncated certificate, a key given --type). */
		rc = dump_der(em, path, 0, type, buf, len);
	free(buf);
	fflush(stdout);
	if (em->count == before) {
		fprintf(stderr, "certdump: no certificate, CRL or CSR found in %s\n",
			shown(path));
		rc |= 1;
	}
	return rc;
}

/* `--field PATH` of one input (field.h); standard input goes through a
 * temporary file, since certfs's store reads files by name. */
static int field_input(const char *path, const char *field)
{
	char err[512], tmp[] = "/tmp/certdump-XXXXXX";
	const char *src = path;
	field_result r;
	int rc = 0;

	if (!strcmp(path, "-")) {
		size_t len;
		uint8_t *buf = read_all(stdin, &len);
		int fd = buf ? mkstemp(tmp) : -1;
		bool ok = fd >= 0 && write(fd, buf, len) == (ssize_t)len;
		if (fd >= 0)
			close(fd);
		free(buf);
		if (!ok) {
			fprintf(stderr, "certdump: standard input: %s\n", strerror(errno));
			if (fd >= 0)
				unlink(tmp);
			return 2;
		}
		src = tmp;
	} else {
		struct stat sb;
		if (stat(path, &sb) != 0 || S_ISDIR(sb.st_mode)) {
			fprintf(stderr, "certdump: %s: %s\n", path,
				strerror(S_ISDIR(sb.st_mode) ? EISDIR : errno));
			return 2;
		}
	}
	r = field_print(src, field, stdout, err, sizeof err);
	fflush(stdout);
	switch (r) {
	case FIELD_OK:
		break;
	case FIELD_NO_OBJECT:
		fprintf(stderr, "certdump: no certificate, CRL or CSR found in %s\n", shown(path));
		rc = 1;
		break;
	case FIELD_NO_SUCH_PATH:
		fprintf(stderr, "certdump: %s: no field %s\n", shown(path), field);
		rc = 1;
		break;
	case FIELD_IO_ERROR:
		fprintf(stderr, "certdump: %s: %s\n", shown(path), err);
		rc = 2;
		break;
	}
	if (src == tmp)
		unlink(tmp);
	return rc;
}

static void usage(FILE *to)
{
	fputs("usage: certdump [--json] [--type certificate|crl|csr] FILE...\n"
	      "       certdump --field PATH FILE...\n"
	      "       certdump --help | --version\n"
	      "Prints every field of the certificates, CRLs and CSRs in each FILE\n"
	      "(PEM with any number of blocks, or one DER object; - is standard input),\n"
	      "or with --field the one file PATH of certfs's tree of FILE\n"
	      "(extensions/basic_constraints/ca). man certdump has the details.\n", to);
}

/* The option's value: the next argument, or what follows "=" in
 * --opt=VALUE. NULL (with a message) if there is none. */
static const char *opt_value(int argc, char **argv, int *i, const char *opt)
{
	size_t n = strlen(opt);
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (*i + 1 < argc)
		return argv[++*i];
	fprintf(stderr, "certdump: %s needs a value\n", opt);
	return NULL;
}

static bool is_opt(const char *arg, const char *opt)
{
	size_t n = strlen(opt);
	return !strncmp(arg, opt, n) && (arg[n] == '\0' || arg[n] == '=');
}

int main(int argc, char **argv)
{
	emit_ctx emc = { 0 }, *em = &emc;
	xc_obj_kind type = XC_OBJ_ANY;
	const char *field = NULL, *t;
	char **files = argv + 1;
	int rc = 0, nfiles = 0;
	bool typed = false, opts = true;

	/* Options anywhere among the files, as GNU tools take them, up to
	 * "--"; "-" alone is a file (standard input). The files are gathered
	 * at the front of argv, as getopt permutes it: never past the
	 * argument being read. */
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!opts || a[0] != '-' || !a[1]) {
			files[nfiles++] = argv[i];     /* nfiles < i */
		} else if (!strcmp(a, "--")) {
			opts = false;
		} else if (!strcmp(a, "--json")) {
			em->json = true;
		} else if (is_opt(a, "--type")) {
			if (!(t = opt_value(argc, argv, &i, "--type")))
				return 2;
			typed = true;
			if (!strcmp(t, "certificate"))
				type = XC_OBJ_CERT;
			else if (!strcmp(t, "crl"))
				type = XC_OBJ_CRL;
			else if (!strcmp(t, "csr"))
				type = XC_OBJ_CSR;
			else {
				fprintf(stderr, "certdump: unknown type '%s' (certificate, crl or csr)\n",
					t);
				return 2;
			}
		} else if (is_opt(a, "--field")) {
			if (!(field = opt_value(argc, argv, &i, "--field")))
				return 2;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("certdump %s (certfs; wolfSSL %s)\n", xc_version(),
			       xc_wolfssl_version());
			return 0;
		} else {
			fprintf(stderr, "certdump: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (field && (em->json || typed)) {
		/* certfs decides the type itself and its files are the values */
		fputs("certdump: --field takes neither --json nor --type\n", stderr);
		return 2;
	}
	if (!nfiles) {
		usage(stderr);
		return 2;
	}
	for (int i = 0; i < nfiles; i++) {
		int r = field ? field_input(files[i], field) : dump_input(em, files[i], type);
		rc = r > rc ? r : rc;
	}
	return rc;
}
