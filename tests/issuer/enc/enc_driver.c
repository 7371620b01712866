/*
 * enc_driver - the issuer's encoders, driven from argv, for enc_diff.py.
 *
 *   enc_driver [--core] cert --spki HEX [--subject DN] [--issuer-spki HEX]
 *              [--issuer-ski HEX] [--ca-issued] [--where cert|csr]
 *              [--profile P] [--copy HEX] [--EXTOPTION [VALUE]]...
 *   enc_driver [--core] crl [--issuer DN] [--revoke SPEC]... [--EXTOPTION VALUE]...
 *
 * Builds a certificate (or CRL) around the Name and Extensions the
 * issuer's code writes, with a placeholder signature (nobody checks it:
 * pyca and the core read the fields), and writes its DER to standard
 * output. With --core it instead parses that DER with the core and prints
 * what the core decodes, as JSON: the subject (or issuer) attributes and
 * every extension decoded by its decoder. A refused option prints the
 * issuer's message on standard error and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xc/xc.h>

#include "der.h"
#include "dn.h"
#include "ext.h"
#include "when.h"

#define NOW 1765000000  /* a fixed "now": 2025-12-06 */

static void die_msg(const ci_msg *m)
{
	fprintf(stderr, "%s\n", m->text);
	exit(1);
}

static void jstr(const uint8_t *p, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '"' || p[i] == '\\')
			printf("\\%c", p[i]);
		else if (p[i] < 0x20)
			printf("\\u%04x", p[i]);
		else
			putchar(p[i]);
	}
	putchar('"');
}

static void jcstr(const char *s)
{
	jstr((const uint8_t *)s, strlen(s));
}

static void jhex(xc_slice s)
{
	char buf[4096];

	if (xc_hex(s, buf, sizeof(buf)))
		exit(3);
	jcstr(buf);
}

static void jdotted(xc_slice oid)
{
	char buf[XC_OID_DOTTED_MAX];

	if (xc_oid_to_dotted(oid, buf, sizeof(buf), NULL))
		exit(3);
	jcstr(buf);
}

static void jint(xc_slice v)
{
	char buf[XC_INT_DEC_MAX(64)];

	if (v.len > 64 || xc_int_to_dec(v, buf, sizeof(buf), NULL))
		exit(3);
	fputs(buf, stdout);
}

static void jname(xc_slice name)
{
	xc_name_iter it;
	xc_attr a;
	bool first = true;

	putchar('[');
	xc_name_iter_init(&it, name);
	while (xc_name_next(&it, &a) == XC_OK) {
		char v[4096];
		size_t n;

		printf("%s[%zu,", first ? "" : ",", a.rdn);
		jdotted(a.oid);
		printf(",%u,", a.tag);
		if (xc_string_to_utf8(a.tag, a.value, v, sizeof(v), &n))
			exit(3);
		jstr((const uint8_t *)v, n);
		putchar(']');
		first = false;
	}
	putchar(']');
}

/* A GeneralName as "type:value", the text the issuer's options take. */
static void jgn(const xc_gn *g)
{
	char buf[4096];
	size_t n;

	switch (g->type) {
	case XC_GN_DNS_NAME:
		snprintf(buf, sizeof(buf), "dns:%.*s", (int)g->value.len, g->value.p);
		break;
	case XC_GN_RFC822_NAME:
		snprintf(buf, sizeof(buf), "email:%.*s", (int)g->value.len, g->value.p);
		break;
	case XC_GN_URI:
		snprintf(buf, sizeof(buf), "uri:%.*s", (int)g->value.len, g->value.p);
		break;
	case XC_GN_IP_ADDRESS:
		memcpy(buf, "ip:", 3);
		if (xc_gn_ip_format(g->value, false, buf + 3, sizeof(buf) - 3, NULL))
			exit(3);
		break;
	case XC_GN_DIRECTORY_NAME:
		memcpy(buf, "dirname:", 8);
		if (xc_name_rfc4514(g->value, buf + 8, sizeof(buf) - 8, NULL))
			exit(3);
		break;
	case XC_GN_REGISTERED_ID:
		memcpy(buf, "rid:", 4);
		if (xc_oid_to_dotted(g->value, buf + 4, sizeof(buf) - 4, NULL))
			exit(3);
		break;
	case XC_GN_OTHER_NAME:
		memcpy(buf, "othername:", 10);
		if (xc_oid_to_dotted(g->other_oid, buf + 10, sizeof(buf) - 10, &n))
			exit(3);
		buf[10 + n] = ';';
		if (xc_hex(g->value, buf + 11 + n, sizeof(buf) - 11 - n))
			exit(3);
		break;
	default:
		snprintf(buf, sizeof(buf), "type%d:", (int)g->type);
	}
	jcstr(buf);
}

static void jgns(xc_slice gns)
{
	xc_gn_iter it;
	xc_gn g;
	bool first = true;

	putchar('[');
	xc_gn_iter_init(&it, gns);
	while (xc_gn_next(&it, &g) == XC_OK) {
		if (!first)
			putchar(',');
		jgn(&g);
		first = false;
	}
	putchar(']');
}

static void jreasons(uint16_t r)
{
	bool first = true;

	putchar('[');
	for (unsigned b = 1; b <= 8; b++)
		if (r & (1u << b)) {
			printf("%s", first ? "" : ",");
			jcstr(xc_reason_flag_name(b));
			first = false;
		}
	putchar(']');
}

static void jdpname(const xc_dp_name *n)
{
	if (n->type == XC_DP_FULL_NAME)
		jgns(n->full_name);
	else
		printf("null");
}

static void jdisplay(const xc_display_text *t)
{
	char buf[4096];
	size_t n;

	if (xc_string_to_utf8(t->tag, t->value, buf, sizeof(buf), &n))
		exit(3);
	jstr((const uint8_t *)buf, n);
}

static void jpolicies(xc_slice list)
{
	xc_policy_iter it;
	xc_policy_info pi;
	bool first = true;

	putchar('[');
	xc_policy_iter_init(&it, list);
	while (xc_policy_next(&it, &pi) == XC_OK) {
		printf("%s{\"oid\":", first ? "" : ",");
		jdotted(pi.oid);
		printf(",\"qualifiers\":");
		if (!pi.has_qualifiers) {
			printf("null");
		} else {
			xc_qualifier_iter qi;
			xc_qualifier q;
			bool qf = true;

			putchar('[');
			xc_qualifier_iter_init(&qi, pi.qualifiers);
			while (xc_qualifier_next(&qi, &q) == XC_OK) {
				printf("%s", qf ? "" : ",");
				qf = false;
				if (q.type == XC_QUALIFIER_CPS_URI) {
					jstr(q.cps_uri.p, q.cps_uri.len);
					continue;
				}
				printf("{\"org\":");
				if (q.has_notice_ref) {
					xc_notice_number_iter ni;
					xc_slice num;
					bool nf = true;

					jdisplay(&q.organization);
					printf(",\"numbers\":[");
					xc_notice_number_iter_init(&ni, q.notice_numbers);
					while (xc_notice_number_next(&ni, &num) == XC_OK) {
						printf("%s", nf ? "" : ",");
						jint(num);
						nf = false;
					}
					putchar(']');
				} else {
					printf("null,\"numbers\":null");
				}
				printf(",\"text\":");
				if (q.has_explicit_text)
					jdisplay(&q.explicit_text);
				else
					printf("null");
				putchar('}');
			}
			putchar(']');
		}
		putchar('}');
		first = false;
	}
	putchar(']');
}

/* One extension's value, decoded by the core's decoder of its OID. */
static void jvalue(const xc_ext *x)
{
	xc_err e = XC_OK;

	switch (xc_oid_lookup(x->oid)) {
	case XC_OID_SUBJECT_ALTERNATIVE_NAME:
	case XC_OID_ISSUER_ALTERNATIVE_NAME:
	case XC_OID_CERTIFICATE_ISSUER: {
		xc_alt_names an;

		if (!(e = xc_alt_names_decode(&an, x->value, NULL, NULL)))
			jgns(an.gns);
		break;
	}
	case XC_OID_BASIC_CONSTRAINTS: {
		xc_bc bc;

		if (!(e = xc_bc_decode(&bc, x->value, NULL, NULL))) {
			printf("{\"ca\":%s,\"path_length\":", bc.ca ? "true" : "false");
			if (bc.has_path_length)
				printf("%llu}", (unsigned long long)bc.path_length);
			else
				printf("null}");
		}
		break;
	}
	case XC_OID_KEY_USAGE: {
		xc_ku ku;
		bool first = true;

		if (!(e = xc_ku_decode(&ku, x->value, NULL, NULL))) {
			putchar('[');
			for (unsigned b = 0; b < XC_KU_COUNT; b++)
				if (ku.bits & (1u << b)) {
					printf("%s", first ? "" : ",");
					jcstr(xc_ku_name(b));
					first = false;
				}
			putchar(']');
		}
		break;
	}
	case XC_OID_EXTENDED_KEY_USAGE: {
		xc_eku eku;
		xc_oids_iter it;
		xc_slice o;
		bool first = true;

		if (!(e = xc_eku_decode(&eku, x->value, NULL, NULL))) {
			putchar('[');
			xc_oids_iter_init(&it, eku.oids);
			while (xc_oids_next(&it, &o) == XC_OK) {
				printf("%s", first ? "" : ",");
				jdotted(o);
				first = false;
			}
			putchar(']');
		}
		break;
	}
	case XC_OID_SUBJECT_KEY_IDENTIFIER: {
		xc_ski s;

		if (!(e = xc_ski_decode(&s, x->value, NULL, NULL)))
			jhex(s.digest);
		break;
	}
	case XC_OID_AUTHORITY_KEY_IDENTIFIER: {
		xc_aki a;

		if (!(e = xc_aki_decode(&a, x->value, NULL, NULL)))
			jhex(a.key_id);
		break;
	}
	case XC_OID_NAME_CONSTRAINTS: {
		xc_nc nc;
		xc_slice lists[2];

		if ((e = xc_nc_decode(&nc, x->value, NULL, NULL)))
			break;
		lists[0] = nc.permitted;
		lists[1] = nc.excluded;
		putchar('[');
		for (int k = 0; k < 2; k++) {
			xc_subtree_iter it;
			xc_gn g;
			bool first = true;

			printf("%s", k ? "," : "");
			if (!lists[k].p) {
				printf("null");
				continue;
			}
			putchar('[');
			xc_subtree_iter_init(&it, lists[k]);
			while (xc_subtree_next(&it, &g) == XC_OK) {
				printf("%s", first ? "" : ",");
				jgn(&g);
				first = false;
			}
			putchar(']');
		}
		putchar(']');
		break;
	}
	case XC_OID_CRL_DISTRIBUTION_POINTS:
	case XC_OID_FRESHEST_CRL: {
		xc_dps dps;
		xc_dp_iter it;
		xc_dp dp;
		bool first = true;

		if ((e = xc_dps_decode(&dps, x->value, NULL, NULL)))
			break;
		putchar('[');
		xc_dp_iter_init(&it, dps.list);
		while (xc_dp_next(&it, &dp) == XC_OK) {
			printf("%s{\"full_name\":", first ? "" : ",");
			jdpname(&dp.name);
			printf(",\"reasons\":");
			if (dp.has_reasons)
				jreasons(dp.reasons);
			else
				printf("null");
			printf(",\"crl_issuer\":");
			if (dp.has_crl_issuer)
				jgns(dp.crl_issuer);
			else
				printf("null");
			putchar('}');
			first = false;
		}
		putchar(']');
		break;
	}
	case XC_OID_AUTHORITY_INFORMATION_ACCESS:
	case XC_OID_SUBJECT_INFORMATION_ACCESS: {
		xc_aia aia;
		xc_aia_iter it;
		xc_access_desc ad;
		bool first = true;

		if ((e = xc_aia_decode(&aia, x->value, NULL, NULL)))
			break;
		putchar('[');
		xc_aia_iter_init(&it, aia.list);
		while (xc_aia_next(&it, &ad) == XC_OK) {
			printf("%s[", first ? "" : ",");
			jdotted(ad.method);
			putchar(',');
			jgn(&ad.location);
			putchar(']');
			first = false;
		}
		putchar(']');
		break;
	}
	case XC_OID_CERTIFICATE_POLICIES: {
		xc_policies p;

		if (!(e = xc_policies_decode(&p, x->value, NULL, NULL)))
			jpolicies(p.list);
		break;
	}
	case XC_OID_POLICY_CONSTRAINTS: {
		xc_policy_constraints pc;

		if ((e = xc_policy_constraints_decode(&pc, x->value, NULL, NULL)))
			break;
		printf("{\"require_explicit_policy\":");
		if (pc.has_require_explicit_policy)
			printf("%llu", (unsigned long long)pc.require_explicit_policy);
		else
			printf("null");
		printf(",\"inhibit_policy_mapping\":");
		if (pc.has_inhibit_policy_mapping)
			printf("%llu}", (unsigned long long)pc.inhibit_policy_mapping);
		else
			printf("null}");
		break;
	}
	case XC_OID_INHIBIT_ANY_POLICY: {
		xc_inhibit_any_policy ia;

		if (!(e = xc_inhibit_any_policy_decode(&ia, x->value, NULL, NULL)))
			jint(ia.skip_certs);
		break;
	}
	case XC_OID_OCSP_NO_CHECK:
	case XC_OID_PRECERT_POISON:
		if (!(e = xc_null_ext_decode(x->value, NULL, NULL)))
			printf("null");
		break;
	case XC_OID_TLS_FEATURE: {
		xc_tls_feature tf;
		xc_tls_feature_iter it;
		unsigned f;
		bool first = true;

		if ((e = xc_tls_feature_decode(&tf, x->value, NULL, NULL)))
			break;
		putchar('[');
		xc_tls_feature_iter_init(&it, tf.list);
		while (xc_tls_feature_next(&it, &f) == XC_OK) {
			printf("%s%u", first ? "" : ",", f);
			first = false;
		}
		putchar(']');
		break;
	}
	case XC_OID_CRL_NUMBER:
	case XC_OID_DELTA_CRL_INDICATOR: {
		xc_crl_number n;

		if (!(e = xc_crl_number_decode(&n, x->value, NULL, NULL)))
			jint(n.number);
		break;
	}
	case XC_OID_ISSUING_DISTRIBUTION_POINT: {
		xc_idp idp;

		if ((e = xc_idp_decode(&idp, x->value, NULL, NULL)))
			break;
		printf("{\"full_name\":");
		jdpname(&idp.name);
		printf(",\"only_contains_user_certs\":%s,\"only_contains_ca_certs\":%s,"
		       "\"indirect_crl\":%s,\"only_contains_attribute_certs\":%s,\"only_some_reasons\":",
		       idp.only_contains_user_certs ? "true" : "false",
		       idp.only_contains_ca_certs ? "true" : "false",
		       idp.indirect_crl ? "true" : "false",
		       idp.only_contains_attribute_certs ? "true" : "false");
		if (idp.has_only_some_reasons)
			jreasons(idp.only_some_reasons);
		else
			printf("null");
		putchar('}');
		break;
	}
	case XC_OID_CRL_REASON: {
		xc_crl_reason r;

		if (!(e = xc_crl_reason_decode(&r, x->value, NULL, NULL)))
			jcstr(xc_crl_reason_name(r));
		break;
	}
	case XC_OID_INVALIDITY_DATE: {
		xc_time t;
		char buf[XC_TIME_STR];

		if (!(e = xc_invalidity_date_decode(&t, x->value, NULL, NULL)) &&
		    !(e = xc_time_format(&t, buf, sizeof(buf))))
			jcstr(buf);
		break;
	}
	default:
		printf("{\"hex\":");
		jhex(x->value);
		putchar('}');
	}
	if (e) {
		fprintf(stderr, "core refuses the extension value: %s\n", xc_errname(e));
		exit(2);
	}
}

static void jexts(xc_slice exts)
{
	xc_ext_iter it;
	xc_ext x;
	bool first = true;

	putchar('[');
	if (exts.p) {
		xc_ext_iter_init(&it, exts);
		while (xc_ext_next(&it, &x) == XC_OK) {
			printf("%s{\"oid\":", first ? "" : ",");
			jdotted(x.oid);
			printf(",\"critical\":%s,\"value\":", x.critical ? "true" : "false");
			jvalue(&x);
			putchar('}');
			first = false;
		}
	}
	putchar(']');
}

static uint8_t *unhex(const char *s, size_t *n)
{
	size_t cap = strlen(s) / 2 + 1;
	uint8_t *b = malloc(cap);

	if (!b || ci_hex_decode(s, b, cap, n)) {
		fprintf(stderr, "bad hex: %s\n", s);
		exit(2);
	}
	return b;
}

static void placeholder_sig(ci_der *w)
{
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_oid(w, "1.2.840.10045.4.3.2");   /* ecdsa-with-SHA256 */
	ci_der_end(w);
}

static void sig_value(ci_der *w)
{
	static const uint8_t sig[] = { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 };

	ci_der_bits(w, sig, sizeof(sig), 0);
}

static void name(ci_der *w, const char *dn)
{
	ci_msg m;

	if (ci_dn_write(w, dn, &m))
		die_msg(&m);
}

int main(int argc, char **argv)
{
	static uint8_t buf[1 << 17], ebuf[1 << 16];
	static ci_exts e;
	const char *subject = "CN=x", *issuer = "CN=issuer", *profile = NULL;
	const char *revokes[64];
	size_t nrev = 0;
	/* static: the driver exits from anywhere (die_msg) with these still
	 * held, and a static keeps them reachable for LeakSanitizer. */
	static xc_slice spki, ispki, iski, copy;
	bool core = false, ca_issued = false, crl;
	ci_ext_where where = CI_EXT_IN_CERT;
	ci_der w, ew;
	ci_msg m;
	int i = 1;

	if (i < argc && !strcmp(argv[i], "--core")) {
		core = true;
		i++;
	}
	if (i >= argc || (strcmp(argv[i], "cert") && strcmp(argv[i], "crl"))) {
		fprintf(stderr, "usage: enc_driver [--core] cert|crl [OPTIONS]\n");
		return 2;
	}
	crl = !strcmp(argv[i++], "crl");
	if (crl)
		where = CI_EXT_IN_CRL;
	/* Driver options first, so --where is known before any extension. */
	for (int k = i; k < argc; k++)
		if (!strcmp(argv[k], "--where") && k + 1 < argc)
			where = !strcmp(argv[k + 1], "csr") ? CI_EXT_IN_CSR : where;
	ci_exts_init(&e, where);
	for (; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int rc;

		if (!strcmp(o, "--where")) {
			i++;
		} else if (!strcmp(o, "--subject") && v) {
			subject = v, i++;
		} else if (!strcmp(o, "--issuer") && v) {
			issuer = v, i++;
		} else if (!strcmp(o, "--spki") && v) {
			spki.p = unhex(v, &spki.len), i++;
		} else if (!strcmp(o, "--issuer-spki") && v) {
			ispki.p = unhex(v, &ispki.len), i++;
		} else if (!strcmp(o, "--issuer-ski") && v) {
			iski.p = unhex(v, &iski.len), i++;
		} else if (!strcmp(o, "--copy") && v) {
			copy.p = unhex(v, &copy.len), i++;
		} else if (!strcmp(o, "--ca-issued")) {
			ca_issued = true;
		} else if (!strcmp(o, "--profile") && v) {
			profile = v, i++;
		} else if (!strcmp(o, "--revoke") && v && nrev < 64) {
			revokes[nrev++] = v, i++;
		} else if (!strncmp(o, "--", 2)) {
			const ci_ext_opt *opt = ci_ext_opts;

			while (opt->name && strcmp(opt->name, o + 2))
				opt++;
			if (opt->name && opt->has_arg && !v) {
				fprintf(stderr, "%s needs a value\n", o);
				return 1;
			}
			rc = ci_exts_option(&e, o + 2, opt->name && opt->has_arg ? v : NULL, &m);
			if (rc < 0)
				die_msg(&m);
			if (rc == 0) {
				fprintf(stderr, "unknown option %s\n", o);
				return 1;
			}
			if (opt->has_arg)
				i++;
		} else {
			fprintf(stderr, "unexpected %s\n", o);
			return 2;
		}
	}
	if (profile && ci_exts_profile(&e, profile, &m))
		die_msg(&m);
	if (copy.p && ci_exts_copy(&e, copy, &m))
		die_msg(&m);

	ci_der_init(&w, buf, sizeof(buf));
	ci_der_init(&ew, ebuf, sizeof(ebuf));
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	if (!crl) {
		ci_der_begin(&w, CI_TAG_CTX_CONS(0));
		ci_der_int(&w, 2);
		ci_der_end(&w);
		ci_der_int(&w, 1);
		placeholder_sig(&w);
		name(&w, issuer);
		ci_der_begin(&w, CI_TAG_SEQUENCE);
		ci_der_time(&w, NOW);
		ci_der_time(&w, NOW + 86400);
		ci_der_end(&w);
		name(&w, subject);
		if (!spki.p) {
			fprintf(stderr, "cert needs --spki\n");
			return 2;
		}
		ci_der_raw(&w, spki.p, spki.len);
		if (ci_exts_write(&e, &ew, spki, ispki.p ? ispki : spki, iski, ca_issued,
				  !*subject, &m))
			die_msg(&m);
		if (ew.len) {
			ci_der_begin(&w, CI_TAG_CTX_CONS(3));
			ci_der_raw(&w, ew.buf, ew.len);
			ci_der_end(&w);
		}
	} else {
		ci_der_int(&w, 1);
		placeholder_sig(&w);
		name(&w, issuer);
		ci_der_time(&w, NOW);
		if (nrev) {
			ci_der_begin(&w, CI_TAG_SEQUENCE);
			for (size_t k = 0; k < nrev; k++) {
				ci_revoke r;

				if (ci_revoke_parse(&r, revokes[k], NOW, &m))
					die_msg(&m);
				ci_der_begin(&w, CI_TAG_SEQUENCE);
				ci_der_uint(&w, r.serial, r.serial_len);
				ci_der_time(&w, r.date);
				if (ci_revoke_write_exts(&r, &w, &m))
					die_msg(&m);
				ci_der_end(&w);
			}
			ci_der_end(&w);
		}
		if (ci_exts_write(&e, &ew, spki, ispki, iski, true, false, &m))
			die_msg(&m);
		if (ew.len) {
			ci_der_begin(&w, CI_TAG_CTX_CONS(0));
			ci_der_raw(&w, ew.buf, ew.len);
			ci_der_end(&w);
		}
	}
	ci_der_end(&w);
	placeholder_sig(&w);
	sig_value(&w);
	ci_der_end(&w);
	if (ci_der_finish(&w)) {
		fprintf(stderr, "writer: %s\n", ci_der_err_name(ci_der_finish(&w)));
		return 2;
	}
	if (!core) {
		fwrite(w.buf, 1, w.len, stdout);
		return 0;
	}
	if (!crl) {
		xc_cert c;
		size_t off;
		xc_err err = xc_cert_parse(&c, w.buf, w.len, &off);

		if (err) {
			fprintf(stderr, "core refuses the certificate: %s at %zu\n", xc_errname(err), off);
			return 2;
		}
		printf("{\"name\":");
		jname(c.subject);
		printf(",\"extensions\":");
		jexts(c.extensions);
		printf("}\n");
	} else {
		xc_crl c;
		xc_revoked_iter it;
		xc_revoked r;
		size_t off;
		bool first = true;
		xc_err err = xc_crl_parse(&c, w.buf, w.len, &off);

		if (err) {
			fprintf(stderr, "core refuses the CRL: %s at %zu\n", xc_errname(err), off);
			return 2;
		}
		printf("{\"name\":");
		jname(c.issuer);
		printf(",\"extensions\":");
		jexts(c.extensions);
		printf(",\"revoked\":[");
		xc_revoked_iter_init(&it, &c);
		while (xc_revoked_next(&it, &r) == XC_OK) {
			char t[XC_TIME_STR];

			printf("%s{\"serial\":", first ? "" : ",");
			jint(r.serial);
			if (xc_time_format(&r.revocation_date, t, sizeof(t)))
				return 3;
			printf(",\"date\":\"%s\",\"extensions\":", t);
			jexts(r.extensions);
			putchar('}');
			first = false;
		}
		printf("]}\n");
	}
	return 0;
}
