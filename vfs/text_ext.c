/*
 * vfs/text_ext.c - the extension printers of the `text` page (text.c):
 * one printer per extension type the core decodes, GeneralNames, and the
 * table that maps OpenSSL's extension names to them.
 *
 * Split from text.c because the extensions are the largest and most
 * self-contained part of the page: the object layout only calls
 * cfs_t_put_exts / cfs_t_put_ext (text_inner.h).
 */
#include "text_inner.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* An OID outside the core's table (xc/oid.h), as its contents octets. */
#define OID_BYTES(...) (const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ })
#define NO_BYTES NULL, 0

static bool oid_bytes_eq(xc_slice oid, const uint8_t *der, size_t len)
{
	return oid.len == len && memcmp(oid.p, der, len) == 0;
}

/* ---- GeneralNames ------------------------------------------------------- */

/* An iPAddress as OpenSSL prints it: dotted quad, or eight uppercase hex
 * groups without compression; with a mask after "/" (name constraints). */
static void put_ip(cfs_tb *b, xc_slice ip)
{
	size_t half = ip.len == 8 || ip.len == 32 ? ip.len / 2 : ip.len;

	for (size_t part = 0; part < ip.len; part += half) {
		if (part)
			cfs_t_puts(b, "/");
		if (half == 4) {
			cfs_t_printf(b, "%u.%u.%u.%u", ip.p[part], ip.p[part + 1], ip.p[part + 2],
				  ip.p[part + 3]);
		} else if (half == 16) {
			for (size_t i = 0; i < 16; i += 2)
				cfs_t_printf(b, "%s%X", i ? ":" : "",
					  (unsigned)(ip.p[part + i] << 8 | ip.p[part + i + 1]));
		} else {
			cfs_t_puts(b, "<invalid>");
			return;
		}
	}
}

/* The otherName types OpenSSL names (none in the core's table), by their
 * encoded OIDs. */
static const struct {
	const uint8_t *der;
	size_t der_len;
	const char *name;
} othernames[] = {
	{ OID_BYTES(0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x14, 0x02, 0x03), "UPN" }, /* 1.3.6.1.4.1.311.20.2.3 */
	{ OID_BYTES(0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x09), "SmtpUTF8Mailbox" }, /* 1.3.6.1.5.5.7.8.9 */
	{ OID_BYTES(0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x05), "XmppAddr" }, /* 1.3.6.1.5.5.7.8.5 */
	{ OID_BYTES(0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x07), "SRVName" }, /* 1.3.6.1.5.5.7.8.7 */
	{ OID_BYTES(0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x08), "NAIRealm" }, /* 1.3.6.1.5.5.7.8.8 */
};

/* One GeneralName: "DNS:a.example", "IP Address:10.0.0.1", ...
 * (GENERAL_NAME_print). `nc`: name constraints' "IP:addr/mask". */
static void put_gn(cfs_tb *b, const xc_gn *g, bool slash_dirname, bool nc)
{
	switch (g->type) {
	case XC_GN_OTHER_NAME: {
		char buf[DOTTED_MAX];
		xc_der d;
		xc_tlv t;

		const char *known = NULL;

		cfs_t_dotted(g->other_oid, buf);
		for (size_t i = 0; i < sizeof(othernames) / sizeof(othernames[0]); i++)
			if (oid_bytes_eq(g->other_oid, othernames[i].der, othernames[i].der_len))
				known = othernames[i].name;
		cfs_t_printf(b, "othername: %s::", known ? known : buf);
		xc_der_init(&d, g->value.p, g->value.len);
		if (xc_der_read(&d, &t) == XC_OK &&
		    (t.tag == XC_TAG_UTF8_STRING || t.tag == XC_TAG_IA5_STRING))
			cfs_t_put(b, (const char *)t.value.p, t.value.len);
		else
			cfs_t_puts(b, "<unsupported>");
		break;
	}
	case XC_GN_RFC822_NAME:
		cfs_t_puts(b, "email:");
		cfs_t_put(b, (const char *)g->value.p, g->value.len);
		break;
	case XC_GN_DNS_NAME:
		cfs_t_puts(b, "DNS:");
		cfs_t_put(b, (const char *)g->value.p, g->value.len);
		break;
	case XC_GN_URI:
		cfs_t_puts(b, "URI:");
		cfs_t_put(b, (const char *)g->value.p, g->value.len);
		break;
	case XC_GN_X400_ADDRESS:
		cfs_t_puts(b, "X400Name:<unsupported>");
		break;
	case XC_GN_EDI_PARTY_NAME:
		cfs_t_puts(b, "EdiPartyName:<unsupported>");
		break;
	case XC_GN_DIRECTORY_NAME:
		cfs_t_puts(b, "DirName:");
		if (slash_dirname)
			cfs_t_put_name_slash(b, g->value);
		else
			cfs_t_put_name(b, g->value);
		break;
	case XC_GN_IP_ADDRESS:
		cfs_t_puts(b, nc ? "IP:" : "IP Address:");
		put_ip(b, g->value);
		break;
	case XC_GN_REGISTERED_ID:
		cfs_t_puts(b, "Registered ID:");
		cfs_t_put_ln(b, g->value);
		break;
	}
}

/* GeneralNames on one line, ", " between (i2v joined; a DirName there is
 * X509_NAME_oneline's "/C=US/CN=x"). */
static void put_gns_line(cfs_tb *b, xc_slice gns, int ind)
{
	xc_gn_iter it;
	xc_gn g;
	bool first = true;

	cfs_t_indent(b, ind);
	xc_gn_iter_init(&it, gns);
	while (xc_gn_next(&it, &g) == XC_OK) {
		if (!first)
			cfs_t_puts(b, ", ");
		first = false;
		put_gn(b, &g, true, false);
	}
	if (first)
		cfs_t_puts(b, "<EMPTY>");
	cfs_t_puts(b, "\n");
}

/* GeneralNames one per line (print_gens). */
static void put_gns_lines(cfs_tb *b, xc_slice gns, int ind)
{
	xc_gn_iter it;
	xc_gn g;

	xc_gn_iter_init(&it, gns);
	while (xc_gn_next(&it, &g) == XC_OK) {
		cfs_t_indent(b, ind);
		put_gn(b, &g, false, false);
		cfs_t_puts(b, "\n");
	}
}

/* ---- extensions --------------------------------------------------------- */

/*
 * Each printer decodes one extension's value with the core and writes its
 * lines at indentation `ind`, each ending with a newline. On a decoding
 * error it returns the error and the caller throws its partial output
 * away for a hex dump.
 */
typedef xc_err (*ext_printer)(cfs_tb *b, xc_slice v, int ind, size_t *off);

static xc_err p_bc(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_bc bc;
	xc_err e = xc_bc_decode(&bc, v, NULL, off);

	if (e != XC_OK)
		return e;
	cfs_t_indent(b, ind);
	cfs_t_puts(b, bc.ca ? "CA:TRUE" : "CA:FALSE");
	if (bc.has_path_length)
		cfs_t_printf(b, ", pathlen:%" PRIu64, bc.path_length);
	cfs_t_puts(b, "\n");
	return XC_OK;
}

static const char *const ku_names[XC_KU_COUNT] = {
	"Digital Signature", "Non Repudiation", "Key Encipherment",
	"Data Encipherment", "Key Agreement", "Certificate Sign", "CRL Sign",
	"Encipher Only", "Decipher Only",
};

static xc_err p_ku(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_ku ku;
	xc_err e = xc_ku_decode(&ku, v, NULL, off);
	bool first = true;

	if (e != XC_OK)
		return e;
	cfs_t_indent(b, ind);
	for (unsigned i = 0; i < XC_KU_COUNT; i++) {
		if (ku.bits & (1u << i)) {
			cfs_t_printf(b, "%s%s", first ? "" : ", ", ku_names[i]);
			first = false;
		}
	}
	cfs_t_puts(b, "\n");
	return XC_OK;
}

static xc_err p_eku(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_eku eku;
	xc_oids_iter it;
	xc_slice oid;
	xc_err e = xc_eku_decode(&eku, v, NULL, off);
	bool first = true;

	if (e != XC_OK)
		return e;
	cfs_t_indent(b, ind);
	xc_oids_iter_init(&it, eku.oids);
	while (xc_oids_next(&it, &oid) == XC_OK) {
		if (!first)
			cfs_t_puts(b, ", ");
		first = false;
		cfs_t_put_ln(b, oid);
	}
	if (first)
		cfs_t_puts(b, "<EMPTY>");
	cfs_t_puts(b, "\n");
	return XC_OK;
}

static xc_err p_ski(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_ski ski;
	xc_err e = xc_ski_decode(&ski, v, NULL, off);

	if (e != XC_OK)
		return e;
	cfs_t_indent(b, ind);
	cfs_t_put_colon_hex(b, ski.digest);
	cfs_t_puts(b, "\n");
	return XC_OK;
}

static xc_err p_aki(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_aki aki;
	xc_err e = xc_aki_decode(&aki, v, NULL, off);
	bool more = xc_slice_present(aki.issuer) || xc_slice_present(aki.serial);

	if (e != XC_OK)
		return e;
	if (xc_slice_present(aki.key_id)) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, more ? "keyid:" : "");
		cfs_t_put_colon_hex(b, aki.key_id);
		cfs_t_puts(b, "\n");
	}
	if (xc_slice_present(aki.issuer)) {
		xc_gn_iter it;
		xc_gn g;

		xc_gn_iter_init(&it, aki.issuer);
		while (xc_gn_next(&it, &g) == XC_OK) {
			cfs_t_indent(b, ind);
			put_gn(b, &g, true, false);
			cfs_t_puts(b, "\n");
		}
	}
	if (xc_slice_present(aki.serial)) {
		uint8_t buf[1];
		bool neg;

		cfs_t_indent(b, ind);
		cfs_t_puts(b, "serial:");
		cfs_t_put_colon_hex(b, cfs_t_int_magnitude(aki.serial, buf, 0, &neg));
		cfs_t_puts(b, "\n");
	}
	if (!more && !xc_slice_present(aki.key_id)) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "<EMPTY>\n");
	}
	return XC_OK;
}

static xc_err p_alt_names(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_alt_names an;
	xc_err e = xc_alt_names_decode(&an, v, NULL, off);

	if (e != XC_OK)
		return e;
	put_gns_line(b, an.gns, ind);
	return XC_OK;
}

static const char *const reason_names[] = {
	"Unused", "Key Compromise", "CA Compromise", "Affiliation Changed",
	"Superseded", "Cessation Of Operation", "Certificate Hold",
	"Privilege Withdrawn", "AA Compromise",
};

/* "Reasons:" and the names of the set bits (print_reasons). */
static void put_reasons(cfs_tb *b, const char *label, uint16_t mask, int ind)
{
	bool first = true;

	cfs_t_indent(b, ind);
	cfs_t_printf(b, "%s:\n", label);
	cfs_t_indent(b, ind + 2);
	for (unsigned i = 0; i < 9; i++) {
		if (mask & (1u << i)) {
			cfs_t_printf(b, "%s%s", first ? "" : ", ", reason_names[i]);
			first = false;
		}
	}
	cfs_t_puts(b, first ? "<EMPTY>\n" : "\n");
}

/* "Full Name:" or "Relative Name:" and the names (print_distpoint). */
static void put_dp_name(cfs_tb *b, const xc_dp_name *n, int ind)
{
	if (n->type == XC_DP_FULL_NAME) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "Full Name:\n");
		put_gns_lines(b, n->full_name, ind + 2);
	} else if (n->type == XC_DP_RELATIVE_NAME) {
		xc_rdn_iter it;
		xc_attr a;
		bool first = true;

		cfs_t_indent(b, ind);
		cfs_t_puts(b, "Relative Name:\n");
		cfs_t_indent(b, ind + 2);
		xc_rdn_iter_init(&it, n->relative_name);
		while (xc_rdn_next(&it, &a) == XC_OK) {
			cfs_t_puts(b, first ? "" : " + ");
			first = false;
			cfs_t_put_sn(b, a.oid);
			cfs_t_puts(b, " = ");
			cfs_t_put_name_value(b, &a);
		}
		cfs_t_puts(b, "\n");
	}
}

static xc_err p_dps(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_dps dps;
	xc_dp_iter it;
	xc_dp dp;
	xc_err e = xc_dps_decode(&dps, v, NULL, off);
	bool first = true;

	if (e != XC_OK)
		return e;
	xc_dp_iter_init(&it, dps.list);
	while (xc_dp_next(&it, &dp) == XC_OK) {
		if (!first)
			cfs_t_puts(b, "\n");
		first = false;
		put_dp_name(b, &dp.name, ind);
		if (dp.has_reasons)
			put_reasons(b, "Reasons", dp.reasons, ind);
		if (dp.has_crl_issuer) {
			cfs_t_indent(b, ind);
			cfs_t_puts(b, "CRL Issuer:\n");
			put_gns_lines(b, dp.crl_issuer, ind + 2);
		}
	}
	return XC_OK;
}

static xc_err p_idp(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_idp idp;
	xc_err e = xc_idp_decode(&idp, v, NULL, off);
	bool any = false;

	if (e != XC_OK)
		return e;
	put_dp_name(b, &idp.name, ind);
	any = idp.name.type != XC_DP_NAME_NONE;
	if (idp.only_contains_user_certs) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "Only User Certificates\n");
		any = true;
	}
	if (idp.only_contains_ca_certs) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "Only CA Certificates\n");
		any = true;
	}
	if (idp.indirect_crl) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "Indirect CRL\n");
		any = true;
	}
	if (idp.has_only_some_reasons) {
		put_reasons(b, "Only Some Reasons", idp.only_some_reasons, ind);
		any = true;
	}
	if (idp.only_contains_attribute_certs) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "Only Attribute Certificates\n");
		any = true;
	}
	if (!any) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "<EMPTY>\n");
	}
	return XC_OK;
}

static xc_err p_aia(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_aia aia;
	xc_aia_iter it;
	xc_access_desc ad;
	xc_err e = xc_aia_decode(&aia, v, NULL, off);

	if (e != XC_OK)
		return e;
	xc_aia_iter_init(&it, aia.list);
	while (xc_aia_next(&it, &ad) == XC_OK) {
		cfs_t_indent(b, ind);
		cfs_t_put_ln(b, ad.method);
		cfs_t_puts(b, " - ");
		put_gn(b, &ad.location, true, false);
		cfs_t_puts(b, "\n");
	}
	return XC_OK;
}

/* A DisplayText as UTF-8 (its octets if it does not decode). */
static void put_display_text(cfs_tb *b, const xc_display_text *t)
{
	char buf[1024];
	size_t n;

	if (xc_string_to_utf8(t->tag, t->value, buf, sizeof(buf), &n) == XC_OK)
		cfs_t_put(b, buf, n);
	else
		cfs_t_put(b, (const char *)t->value.p, t->value.len);
}

static void put_qualifier(cfs_tb *b, const xc_qualifier *q, int ind)
{
	if (q->type == XC_QUALIFIER_CPS_URI) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "CPS: ");
		cfs_t_put(b, (const char *)q->cps_uri.p, q->cps_uri.len);
		cfs_t_puts(b, "\n");
		return;
	}
	cfs_t_indent(b, ind);
	cfs_t_puts(b, "User Notice:\n");
	ind += 2;
	if (q->has_notice_ref) {
		xc_notice_number_iter it;
		xc_slice num;
		bool first = true;

		cfs_t_indent(b, ind);
		cfs_t_puts(b, "Organization: ");
		put_display_text(b, &q->organization);
		cfs_t_puts(b, "\n");
		cfs_t_indent(b, ind);
		cfs_t_printf(b, "Number%s: ", q->notice_number_count > 1 ? "s" : "");
		xc_notice_number_iter_init(&it, q->notice_numbers);
		while (xc_notice_number_next(&it, &num) == XC_OK) {
			cfs_t_puts(b, first ? "" : ", ");
			first = false;
			cfs_t_put_int_dec(b, num);
		}
		cfs_t_puts(b, "\n");
	}
	if (q->has_explicit_text) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "Explicit Text: ");
		put_display_text(b, &q->explicit_text);
		cfs_t_puts(b, "\n");
	}
}

static xc_err p_policies(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_policies ps;
	xc_policy_iter it;
	xc_policy_info pi;
	xc_err e = xc_policies_decode(&ps, v, NULL, off);

	if (e != XC_OK)
		return e;
	xc_policy_iter_init(&it, ps.list);
	while (xc_policy_next(&it, &pi) == XC_OK) {
		xc_qualifier_iter qi;
		xc_qualifier q;

		cfs_t_indent(b, ind);
		cfs_t_puts(b, "Policy: ");
		cfs_t_put_ln(b, pi.oid);
		cfs_t_puts(b, "\n");
		if (!pi.has_qualifiers)
			continue;
		xc_qualifier_iter_init(&qi, pi.qualifiers);
		while (xc_qualifier_next(&qi, &q) == XC_OK)
			put_qualifier(b, &q, ind + 2);
	}
	return XC_OK;
}

static void put_subtrees(cfs_tb *b, const char *label, xc_slice list, int ind)
{
	xc_subtree_iter it;
	xc_gn g;

	if (!xc_slice_present(list))
		return;
	cfs_t_indent(b, ind);
	cfs_t_printf(b, "%s:\n", label);
	xc_subtree_iter_init(&it, list);
	while (xc_subtree_next(&it, &g) == XC_OK) {
		cfs_t_indent(b, ind + 2);
		put_gn(b, &g, false, true);
		cfs_t_puts(b, "\n");
	}
}

static xc_err p_nc(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_nc nc;
	xc_err e = xc_nc_decode(&nc, v, NULL, off);

	if (e != XC_OK)
		return e;
	put_subtrees(b, "Permitted", nc.permitted, ind);
	put_subtrees(b, "Excluded", nc.excluded, ind);
	return XC_OK;
}

static xc_err p_policy_constraints(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_policy_constraints pc;
	xc_err e = xc_policy_constraints_decode(&pc, v, NULL, off);

	if (e != XC_OK)
		return e;
	cfs_t_indent(b, ind);
	if (pc.has_require_explicit_policy)
		cfs_t_printf(b, "Require Explicit Policy:%" PRIu64, pc.require_explicit_policy);
	if (pc.has_inhibit_policy_mapping)
		cfs_t_printf(b, "%sInhibit Policy Mapping:%" PRIu64,
			  pc.has_require_explicit_policy ? ", " : "", pc.inhibit_policy_mapping);
	cfs_t_puts(b, "\n");
	return XC_OK;
}

static xc_err p_inhibit_any(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_inhibit_any_policy ia;
	xc_err e = xc_inhibit_any_policy_decode(&ia, v, NULL, off);

	if (e != XC_OK)
		return e;
	cfs_t_indent(b, ind);
	cfs_t_put_int_dec(b, ia.skip_certs);
	cfs_t_puts(b, "\n");
	return XC_OK;
}

/* PolicyMappings ::= SEQUENCE OF SEQUENCE { issuerDomainPolicy,
 * subjectDomainPolicy }: the core has no decoder, so it is read here. */
static xc_err p_policy_mappings(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_der d, seq, m;
	xc_slice a, s;

	bool first = true;

	xc_der_init(&d, v.p, v.len);
	cfs_t_indent(b, ind);
	if (xc_der_enter(&d, XC_TAG_SEQUENCE, &seq) == XC_OK) {
		while (xc_der_more(&seq)) {
			if (xc_der_enter(&seq, XC_TAG_SEQUENCE, &m) != XC_OK ||
			    xc_der_read_oid(&m, &a) != XC_OK || xc_der_read_oid(&m, &s) != XC_OK ||
			    xc_der_finish(&m) != XC_OK)
				break;
			cfs_t_puts(b, first ? "" : ", ");
			first = false;
			cfs_t_put_ln(b, a);
			cfs_t_puts(b, ":");
			cfs_t_put_ln(b, s);
		}
	}
	cfs_t_puts(b, "\n");
	xc_der_finish(&d);
	if (d.err) {
		*off = xc_der_error_offset(&d);
		return d.err;
	}
	return XC_OK;
}

static xc_err p_null(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_err e = xc_null_ext_decode(v, NULL, off);

	if (e != XC_OK)
		return e;
	cfs_t_indent(b, ind);
	cfs_t_puts(b, "NULL\n");
	return XC_OK;
}

static xc_err p_ocsp_nocheck(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	(void)ind;
	/* OpenSSL prints nothing for it: an empty line */
	xc_err e = xc_null_ext_decode(v, NULL, off);

	if (e == XC_OK)
		cfs_t_puts(b, "\n");
	return e;
}

static xc_err p_tls_feature(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_tls_feature tf;
	xc_tls_feature_iter it;
	unsigned f;
	xc_err e = xc_tls_feature_decode(&tf, v, NULL, off);
	bool first = true;

	if (e != XC_OK)
		return e;
	cfs_t_indent(b, ind);
	xc_tls_feature_iter_init(&it, tf.list);
	while (xc_tls_feature_next(&it, &f) == XC_OK) {
		const char *n = xc_tls_feature_name(f);

		cfs_t_puts(b, first ? "" : ", ");
		first = false;
		if (n)
			cfs_t_puts(b, n);
		else
			cfs_t_printf(b, "%u", f);
	}
	cfs_t_puts(b, "\n");
	return XC_OK;
}

static xc_err p_crl_number(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_crl_number n;
	xc_err e = xc_crl_number_decode(&n, v, NULL, off);

	if (e != XC_OK)
		return e;
	cfs_t_indent(b, ind);
	cfs_t_put_int_dec(b, n.number);
	cfs_t_puts(b, "\n");
	return XC_OK;
}

static xc_err p_crl_reason(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	static const char *const names[] = {
		"Unspecified", "Key Compromise", "CA Compromise", "Affiliation Changed",
		"Superseded", "Cessation Of Operation", "Certificate Hold", NULL,
		"Remove From CRL", "Privilege Withdrawn", "AA Compromise",
	};
	xc_crl_reason r;
	xc_err e = xc_crl_reason_decode(&r, v, NULL, off);

	if (e != XC_OK)
		return e;
	cfs_t_indent(b, ind);
	if ((unsigned)r < sizeof(names) / sizeof(names[0]) && names[r])
		cfs_t_puts(b, names[r]);
	else
		cfs_t_printf(b, "%u", (unsigned)r);
	cfs_t_puts(b, "\n");
	return XC_OK;
}

static xc_err p_invalidity_date(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_time t;
	xc_err e = xc_invalidity_date_decode(&t, v, NULL, off);

	if (e != XC_OK)
		return e;
	cfs_t_indent(b, ind);
	cfs_t_put_time(b, &t);
	cfs_t_puts(b, "\n");
	return XC_OK;
}

/* BIO_hex_string: uppercase "XX:" pairs, `width` per line, continuation
 * lines indented, no newline at the end. */
static void put_hex_string(cfs_tb *b, xc_slice s, int ind, size_t width)
{
	for (size_t i = 0; i < s.len; i++) {
		if (i && i % width == 0) {
			cfs_t_puts(b, "\n");
			cfs_t_indent(b, ind);
		}
		cfs_t_printf(b, "%02X%s", s.p[i], i + 1 == s.len ? "" : ":");
	}
}

static xc_err p_scts(cfs_tb *b, xc_slice v, int ind, size_t *off, xc_sct_entry_type et)
{
	xc_scts scts;
	xc_sct_iter it;
	xc_sct s;
	xc_err e = xc_scts_decode(&scts, v, et, NULL, off);

	if (e != XC_OK)
		return e;
	xc_sct_iter_init(&it, &scts);
	while (xc_sct_next(&it, &s) == XC_OK) {
		time_t secs = (time_t)(s.timestamp / 1000);
		struct tm tm;

		cfs_t_indent(b, ind);
		cfs_t_puts(b, "Signed Certificate Timestamp:\n");
		cfs_t_indent(b, ind + 4);
		cfs_t_puts(b, "Version   : v1 (0x0)\n");
		cfs_t_indent(b, ind + 4);
		cfs_t_puts(b, "Log ID    : ");
		put_hex_string(b, s.log_id, ind + 16, 16);
		cfs_t_puts(b, "\n");
		cfs_t_indent(b, ind + 4);
		cfs_t_puts(b, "Timestamp : ");
		if (gmtime_r(&secs, &tm))
			cfs_t_printf(b, "%s %2d %02d:%02d:%02d.%03u %d GMT", cfs_t_months[tm.tm_mon],
				  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
				  (unsigned)(s.timestamp % 1000), tm.tm_year + 1900);
		else
			cfs_t_printf(b, "%" PRIu64 " ms", s.timestamp);
		cfs_t_puts(b, "\n");
		cfs_t_indent(b, ind + 4);
		cfs_t_puts(b, "Extensions: ");
		if (s.extensions.len == 0)
			cfs_t_puts(b, "none");
		else
			put_hex_string(b, s.extensions, ind + 16, 16);
		cfs_t_puts(b, "\n");
		cfs_t_indent(b, ind + 4);
		cfs_t_puts(b, "Signature : ");
		if (s.hash_alg == 4 && s.sig_alg == 1)
			cfs_t_puts(b, "sha256WithRSAEncryption");
		else if (s.hash_alg == 4 && s.sig_alg == 3)
			cfs_t_puts(b, "ecdsa-with-SHA256");
		else
			cfs_t_printf(b, "%02X%02X", s.hash_alg, s.sig_alg);
		cfs_t_puts(b, "\n");
		cfs_t_indent(b, ind + 16);
		put_hex_string(b, s.signature, ind + 16, 16);
		cfs_t_puts(b, "\n");
	}
	return XC_OK;
}

static xc_err p_precert_scts(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	return p_scts(b, v, ind, off, XC_SCT_PRECERTIFICATE);
}

static xc_err p_cert_scts(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	return p_scts(b, v, ind, off, XC_SCT_X509_CERTIFICATE);
}

/* PrivateKeyUsagePeriod ::= SEQUENCE { notBefore [0] GeneralizedTime
 * OPTIONAL, notAfter [1] GeneralizedTime OPTIONAL } (IMPLICIT): no core
 * decoder, so read here. */
static xc_err p_pkup(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	static const char *const labels[2] = { "Not Before: ", "Not After: " };
	xc_der d, seq;
	xc_time t[2];
	bool has[2] = { false, false };
	xc_err e = XC_OK;

	xc_der_init(&d, v.p, v.len);
	if (xc_der_enter(&d, XC_TAG_SEQUENCE, &seq) == XC_OK) {
		for (unsigned i = 0; i < 2 && e == XC_OK; i++) {
			xc_slice val;

			if (xc_der_optional(&seq, XC_TAG_CTX(i), &val, &has[i]) == XC_OK && has[i]) {
				e = xc_time_decode(XC_TAG_GENERALIZED_TIME, val, &t[i]);
				if (e != XC_OK)
					xc_der_fail(&seq, e, val.p);
			}
		}
		xc_der_finish(&seq);
	}
	xc_der_finish(&d);
	if (d.err) {
		*off = xc_der_error_offset(&d);
		return d.err;
	}
	cfs_t_indent(b, ind);
	for (unsigned i = 0; i < 2; i++) {
		if (!has[i])
			continue;
		cfs_t_puts(b, i && has[0] ? ", " : "");
		cfs_t_puts(b, labels[i]);
		cfs_t_put_time(b, &t[i]);
	}
	cfs_t_puts(b, "\n");
	return XC_OK;
}

/* Netscape Comment and other lone strings: the text itself. */
static xc_err p_string(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	xc_der d;
	xc_tlv t;

	xc_der_init(&d, v.p, v.len);
	if (xc_der_read(&d, &t) != XC_OK || xc_der_finish(&d) != XC_OK) {
		*off = xc_der_error_offset(&d);
		return d.err;
	}
	if (!cfs_t_one_byte_string(t.tag) && t.tag != XC_TAG_UTF8_STRING) {
		*off = 0;
		return XC_ERR_TAG;
	}
	cfs_t_indent(b, ind);
	cfs_t_put(b, (const char *)t.value.p, t.value.len);
	cfs_t_puts(b, "\n");
	return XC_OK;
}

/* Netscape Cert Type: a BIT STRING of named bits. */
static xc_err p_ns_cert_type(cfs_tb *b, xc_slice v, int ind, size_t *off)
{
	static const char *const names[8] = {
		"SSL Client", "SSL Server", "S/MIME", "Object Signing", "Unused",
		"SSL CA", "S/MIME CA", "Object Signing CA",
	};
	xc_der d;
	xc_slice bits;
	unsigned unused;
	bool first = true;

	xc_der_init(&d, v.p, v.len);
	if (xc_der_read_bits(&d, &bits, &unused) != XC_OK || xc_der_finish(&d) != XC_OK) {
		*off = xc_der_error_offset(&d);
		return d.err;
	}
	cfs_t_indent(b, ind);
	for (unsigned i = 0; i < 8 && bits.len > 0; i++) {
		if (bits.p[0] & (0x80u >> i)) {
			cfs_t_printf(b, "%s%s", first ? "" : ", ", names[i]);
			first = false;
		}
	}
	cfs_t_puts(b, "\n");
	return XC_OK;
}

/* OpenSSL's extension names, and the printer of each type the core
 * decodes (NULL: shown as a hex dump). Keyed by the core's OID id; the few
 * OIDs only OpenSSL names (not in xc/oid.h, whose names are certfs's file
 * names) by their encoded bytes. */
static const struct ext_row {
	xc_oid_id id;           /* XC_OID_UNKNOWN: an OID the core's table lacks, */
	const uint8_t *der;     /* by its contents octets */
	size_t der_len;
	const char *name;
	ext_printer print;
} ext_table[] = {
	{ XC_OID_SUBJECT_DIRECTORY_ATTRIBUTES, NO_BYTES, "X509v3 Subject Directory Attributes", NULL },
	{ XC_OID_SUBJECT_KEY_IDENTIFIER, NO_BYTES, "X509v3 Subject Key Identifier", p_ski },
	{ XC_OID_KEY_USAGE, NO_BYTES, "X509v3 Key Usage", p_ku },
	{ XC_OID_UNKNOWN, OID_BYTES(0x55, 0x1d, 0x10), "X509v3 Private Key Usage Period", p_pkup }, /* 2.5.29.16 */
	{ XC_OID_SUBJECT_ALTERNATIVE_NAME, NO_BYTES, "X509v3 Subject Alternative Name", p_alt_names },
	{ XC_OID_ISSUER_ALTERNATIVE_NAME, NO_BYTES, "X509v3 Issuer Alternative Name", p_alt_names },
	{ XC_OID_BASIC_CONSTRAINTS, NO_BYTES, "X509v3 Basic Constraints", p_bc },
	{ XC_OID_CRL_NUMBER, NO_BYTES, "X509v3 CRL Number", p_crl_number },
	{ XC_OID_CRL_REASON, NO_BYTES, "X509v3 CRL Reason Code", p_crl_reason },
	{ XC_OID_UNKNOWN, OID_BYTES(0x55, 0x1d, 0x17), "Hold Instruction Code", NULL }, /* 2.5.29.23 */
	{ XC_OID_INVALIDITY_DATE, NO_BYTES, "Invalidity Date", p_invalidity_date },
	{ XC_OID_DELTA_CRL_INDICATOR, NO_BYTES, "X509v3 Delta CRL Indicator", p_crl_number },
	{ XC_OID_ISSUING_DISTRIBUTION_POINT, NO_BYTES, "X509v3 Issuing Distribution Point", p_idp },
	{ XC_OID_CERTIFICATE_ISSUER, NO_BYTES, "X509v3 Certificate Issuer", p_alt_names },
	{ XC_OID_NAME_CONSTRAINTS, NO_BYTES, "X509v3 Name Constraints", p_nc },
	{ XC_OID_CRL_DISTRIBUTION_POINTS, NO_BYTES, "X509v3 CRL Distribution Points", p_dps },
	{ XC_OID_CERTIFICATE_POLICIES, NO_BYTES, "X509v3 Certificate Policies", p_policies },
	{ XC_OID_POLICY_MAPPINGS, NO_BYTES, "X509v3 Policy Mappings", p_policy_mappings },
	{ XC_OID_AUTHORITY_KEY_IDENTIFIER, NO_BYTES, "X509v3 Authority Key Identifier", p_aki },
	{ XC_OID_POLICY_CONSTRAINTS, NO_BYTES, "X509v3 Policy Constraints", p_policy_constraints },
	{ XC_OID_EXTENDED_KEY_USAGE, NO_BYTES, "X509v3 Extended Key Usage", p_eku },
	{ XC_OID_FRESHEST_CRL, NO_BYTES, "X509v3 Freshest CRL", p_dps },
	{ XC_OID_INHIBIT_ANY_POLICY, NO_BYTES, "X509v3 Inhibit Any Policy", p_inhibit_any },
	{ XC_OID_AUTHORITY_INFORMATION_ACCESS, NO_BYTES, "Authority Information Access", p_aia },
	{ XC_OID_SUBJECT_INFORMATION_ACCESS, NO_BYTES, "Subject Information Access", p_aia },
	{ XC_OID_UNKNOWN, OID_BYTES(0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x03), "qcStatements", NULL }, /* 1.3.6.1.5.5.7.1.3 */
	{ XC_OID_TLS_FEATURE, NO_BYTES, "TLS Feature", p_tls_feature },
	{ XC_OID_OCSP_NO_CHECK, NO_BYTES, "OCSP No Check", p_ocsp_nocheck },
	{ XC_OID_PRECERT_SIGNED_CERTIFICATE_TIMESTAMPS, NO_BYTES, "CT Precertificate SCTs", p_precert_scts },
	{ XC_OID_PRECERT_POISON, NO_BYTES, "CT Precertificate Poison", p_null },
	{ XC_OID_SIGNED_CERTIFICATE_TIMESTAMPS, NO_BYTES, "CT Certificate SCTs", p_cert_scts },
	{ XC_OID_UNKNOWN, OID_BYTES(0x60, 0x86, 0x48, 0x01, 0x86, 0xf8, 0x42, 0x01, 0x01), "Netscape Cert Type", p_ns_cert_type }, /* 2.16.840.1.113730.1.1 */
	{ XC_OID_UNKNOWN, OID_BYTES(0x60, 0x86, 0x48, 0x01, 0x86, 0xf8, 0x42, 0x01, 0x0d), "Netscape Comment", p_string }, /* 2.16.840.1.113730.1.13 */
	{ XC_OID_UNKNOWN, OID_BYTES(0x2a, 0x85, 0x03, 0x64, 0x6f), "Signing Tool of Subject", p_string }, /* 1.2.643.100.111 */
	{ XC_OID_UNKNOWN, OID_BYTES(0x2a, 0x85, 0x03, 0x64, 0x70), "Signing Tool of Issuer", NULL }, /* 1.2.643.100.112 */
};

/* One extension: "Name: critical" and its lines at ind + 4. */
void cfs_t_put_ext(cfs_tb *b, const xc_ext *x, int ind)
{
	char buf[DOTTED_MAX];
	const char *name = cfs_t_dotted(x->oid, buf);
	ext_printer print = NULL;
	xc_oid_id id = xc_oid_lookup(x->oid);

	for (size_t i = 0; i < sizeof(ext_table) / sizeof(ext_table[0]); i++) {
		const struct ext_row *r = &ext_table[i];

		if (id != XC_OID_UNKNOWN ? r->id == id
					 : r->id == XC_OID_UNKNOWN &&
					   oid_bytes_eq(x->oid, r->der, r->der_len)) {
			name = r->name;
			print = r->print;
			break;
		}
	}
	cfs_t_indent(b, ind);
	cfs_t_printf(b, "%s: %s\n", name, x->critical ? "critical" : "");
	if (print) {
		size_t mark = b->len;
		size_t off = 0;
		xc_err e = print(b, x->value, ind + 4, &off);

		if (e == XC_OK)
			return;
		/* drop what the printer wrote before it failed */
		if (!b->fail) {
			b->len = mark;
			b->p[mark] = '\0';
		}
		cfs_t_indent(b, ind + 4);
		cfs_t_printf(b, "<Parse Error: %s at byte %zu of the value>\n", xc_strerror(e), off);
	}
	cfs_t_put_dump(b, x->value, ind + 4);
}

/* "<title>:" and every extension of a block, in DER order. */
void cfs_t_put_exts(cfs_tb *b, const char *title, xc_slice exts, int ind, int ext_ind)
{
	xc_ext_iter it;
	xc_ext x;

	if (!xc_slice_present(exts) || exts.len == 0)
		return;
	cfs_t_indent(b, ind);
	cfs_t_printf(b, "%s:\n", title);
	xc_ext_iter_init(&it, exts);
	while (xc_ext_next(&it, &x) == XC_OK)
		cfs_t_put_ext(b, &x, ext_ind);
}
