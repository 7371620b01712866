/* Tests of xc/ext_basic.h: the simple extension decoders, key identifier
 * helpers and duplicate detection. Every row's verdict was checked against
 * pyca 38 (the extension put in a certificate, CRL or CRL entry and read
 * back through `extensions`). */
#include "testutil.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xc/xc.h>

/* Hex of bytes in one of a few rotating buffers (nothing to free). */
static const char *hx(const uint8_t *p, size_t n)
{
	static char bufs[4][2 * 512 + 1];
	static unsigned k;
	char *b = bufs[k++ % 4];
	if (xc_hex(xc_slice_make(p, n), b, sizeof(bufs[0])) != XC_OK)
		return "(too long)";
	return b;
}

enum kind { BC, KU, EKU, SKI, AKI, ALT, PC, IAP, NUL, TLS, CRLN, REASON, INVD, NONCE };

/* What a decoded value looks like, as a short string, for the tables. */
static void render(enum kind k, xc_slice v, char *buf, size_t cap, xc_err *err)
{
	buf[0] = '\0';
	switch (k) {
	case BC: {
		xc_bc bc;
		if ((*err = xc_bc_decode(&bc, v, v.p, NULL)) == XC_OK) {
			if (bc.has_path_length)
				snprintf(buf, cap, "ca=%d path=%llu", bc.ca,
				         (unsigned long long)bc.path_length);
			else
				snprintf(buf, cap, "ca=%d path=none", bc.ca);
		}
		break;
	}
	case KU: {
		xc_ku ku;
		if ((*err = xc_ku_decode(&ku, v, v.p, NULL)) == XC_OK) {
			size_t n = 0;
			for (unsigned b = 0; b < XC_KU_COUNT; b++)
				if (ku.bits & (1u << b))
					n += (size_t)snprintf(buf + n, cap - n, "%s%s",
					                      n ? "," : "", xc_ku_name(b));
		}
		break;
	}
	case EKU: {
		xc_eku eku;
		if ((*err = xc_eku_decode(&eku, v, v.p, NULL)) == XC_OK) {
			xc_oids_iter it;
			xc_slice oid;
			size_t n = (size_t)snprintf(buf, cap, "%zu", eku.count);
			xc_oids_iter_init(&it, eku.oids);
			while (xc_oids_next(&it, &oid) == XC_OK) {
				char d[XC_OID_DOTTED_MAX];
				xc_oid_to_dotted(oid, d, sizeof(d), NULL);
				n += (size_t)snprintf(buf + n, cap - n, " %s", d);
			}
		}
		break;
	}
	case SKI: {
		xc_ski s;
		if ((*err = xc_ski_decode(&s, v, v.p, NULL)) == XC_OK)
			snprintf(buf, cap, "%s", hx(s.digest.p, s.digest.len));
		break;
	}
	case AKI: {
		xc_aki a;
		if ((*err = xc_aki_decode(&a, v, v.p, NULL)) == XC_OK) {
			size_t n = 0;
			n += (size_t)snprintf(buf + n, cap - n, "kid=%s",
			                      a.key_id.p ? hx(a.key_id.p, a.key_id.len) : "none");
			if (a.issuer.p)
				n += (size_t)snprintf(buf + n, cap - n, " issuer=%zu", a.issuer_count);
			if (a.serial.p)
				snprintf(buf + n, cap - n, " serial=%s", hx(a.serial.p, a.serial.len));
		}
		break;
	}
	case ALT: {
		xc_alt_names a;
		if ((*err = xc_alt_names_decode(&a, v, v.p, NULL)) == XC_OK)
			snprintf(buf, cap, "%zu", a.count);
		break;
	}
	case PC: {
		xc_policy_constraints pc;
		if ((*err = xc_policy_constraints_decode(&pc, v, v.p, NULL)) == XC_OK) {
			char a[24] = "none", b[24] = "none";
			if (pc.has_require_explicit_policy)
				snprintf(a, sizeof(a), "%llu", (unsigned long long)pc.require_explicit_policy);
			if (pc.has_inhibit_policy_mapping)
				snprintf(b, sizeof(b), "%llu", (unsigned long long)pc.inhibit_policy_mapping);
			snprintf(buf, cap, "rep=%s ipm=%s", a, b);
		}
		break;
	}
	case IAP: {
		xc_inhibit_any_policy p;
		if ((*err = xc_inhibit_any_policy_decode(&p, v, v.p, NULL)) == XC_OK) {
			if (p.fits)
				snprintf(buf, cap, "%llu", (unsigned long long)p.value);
			else
				snprintf(buf, cap, "big:%s", hx(p.skip_certs.p, p.skip_certs.len));
		}
		break;
	}
	case NUL:
		*err = xc_null_ext_decode(v, v.p, NULL);
		break;
	case TLS: {
		xc_tls_feature t;
		if ((*err = xc_tls_feature_decode(&t, v, v.p, NULL)) == XC_OK) {
			xc_tls_feature_iter it;
			unsigned f;
			size_t n = 0;
			xc_tls_feature_iter_init(&it, t.list);
			while (xc_tls_feature_next(&it, &f) == XC_OK)
				n += (size_t)snprintf(buf + n, cap - n, "%s%s", n ? "," : "",
				                      xc_tls_feature_name(f));
		}
		break;
	}
	case CRLN: {
		xc_crl_number c;
		if ((*err = xc_crl_number_decode(&c, v, v.p, NULL)) == XC_OK)
			snprintf(buf, cap, "%s", hx(c.number.p, c.number.len));
		break;
	}
	case REASON: {
		xc_crl_reason r;
		if ((*err = xc_crl_reason_decode(&r, v, v.p, NULL)) == XC_OK)
			snprintf(buf, cap, "%s", xc_crl_reason_name(r));
		break;
	}
	case INVD: {
		xc_time t;
		if ((*err = xc_invalidity_date_decode(&t, v, v.p, NULL)) == XC_OK)
			xc_time_format(&t, buf, cap);
		break;
	}
	case NONCE: {
		xc_slice s;
		if ((*err = xc_nonce_decode(&s, v, v.p, NULL)) == XC_OK)
			snprintf(buf, cap, "%s", hx(s.p, s.len));
		break;
	}
	}
}

static const struct {
	const char *name;
	enum kind k;
	const char *hex;        /* the extension's value (extnValue contents) */
	xc_err err;
	const char *want;       /* render() of the result when err is XC_OK */
	size_t off;             /* error offset when err is not XC_OK (0: not checked) */
} cases[] = {
	/* BasicConstraints */
	{ "bc empty", BC, "3000", XC_OK, "ca=0 path=none", 0 },
	{ "bc ca", BC, "30030101ff", XC_OK, "ca=1 path=none", 0 },
	{ "bc ca path 0", BC, "30060101ff020100", XC_OK, "ca=1 path=0", 0 },
	{ "bc ca path 128", BC, "30070101ff02020080", XC_OK, "ca=1 path=128", 0 },
	{ "bc ca path u64 max", BC, "300e0101ff020900ffffffffffffffff", XC_OK, "ca=1 path=18446744073709551615", 0 },
	{ "bc path 2^64", BC, "300e0101ff02090100000000000000 00", XC_ERR_INT_RANGE, NULL, 7 },
	{ "bc path negative", BC, "30060101ff020180", XC_ERR_INT_RANGE, NULL, 7 },
	{ "bc path nonminimal", BC, "30070101ff02020001", XC_ERR_INT, NULL, 0 },
	{ "bc path without ca", BC, "3003020105", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "bc explicit false", BC, "3003010100", XC_ERR_DEFAULT, NULL, 2 },
	{ "bc explicit false with path", BC, "3006010100020105", XC_ERR_DEFAULT, NULL, 2 },
	{ "bc bad bool", BC, "3003010101", XC_ERR_BOOL, NULL, 0 },
	{ "bc path before ca", BC, "30060201050101ff", XC_ERR_EXT_VALUE, NULL, 0 },
	{ "bc trailing in seq", BC, "30050101ff0500", XC_ERR_TRAILING, NULL, 5 },
	{ "bc trailing after seq", BC, "30030101ff00", XC_ERR_TRAILING, NULL, 5 },
	{ "bc not a sequence", BC, "3103 0101ff", XC_ERR_TAG, NULL, 0 },
	{ "bc nothing", BC, "", XC_ERR_TRUNCATED, NULL, 0 },
	{ "bc length past end", BC, "30040101ff", XC_ERR_LEN_PAST_END, NULL, 0 },
	/* KeyUsage */
	{ "ku digital signature", KU, "03020780", XC_OK, "digital_signature", 0 },
	{ "ku none", KU, "03020700", XC_OK, "", 0 },
	{ "ku empty string", KU, "030100", XC_OK, "", 0 },
	{ "ku key agreement", KU, "03020008", XC_OK, "key_agreement", 0 },
	{ "ku all", KU, "030300ff80", XC_OK, "digital_signature,content_commitment,key_encipherment,data_encipherment,key_agreement,key_cert_sign,crl_sign,encipher_only,decipher_only", 0 },
	{ "ku ka decipher", KU, "03030008ff", XC_OK, "key_agreement,decipher_only", 0 },
	{ "ku cert sign crl sign", KU, "03020106", XC_OK, "key_cert_sign,crl_sign", 0 },
	{ "ku trailing zero octets", KU, "030400a00000", XC_OK, "digital_signature,key_encipherment", 0 },
	{ "ku bits past 8 ignored", KU, "0304000000ff", XC_OK, "", 0 },
	{ "ku padding bit set", KU, "03020201", XC_ERR_BITSTRING, NULL, 0 },
	{ "ku padding bits set 2", KU, "03030708ff", XC_ERR_BITSTRING, NULL, 0 },
	{ "ku encipher without ka", KU, "03020001", XC_ERR_EXT_VALUE, NULL, 0 },
	{ "ku decipher without ka", KU, "0303000080", XC_ERR_EXT_VALUE, NULL, 0 },
	{ "ku decipher without ka 2", KU, "0303070080", XC_ERR_EXT_VALUE, NULL, 0 },
	{ "ku unused 8", KU, "03020880", XC_ERR_BITSTRING, NULL, 0 },
	{ "ku wrong tag", KU, "04020780", XC_ERR_TAG, NULL, 0 },
	{ "ku trailing", KU, "0302078000", XC_ERR_TRAILING, NULL, 4 },
	/* ExtendedKeyUsage */
	{ "eku empty", EKU, "3000", XC_OK, "0", 0 },
	{ "eku server auth", EKU, "300a06082b06010505070301", XC_OK, "1 1.3.6.1.5.5.7.3.1", 0 },
	{ "eku two", EKU, "300a06032a030406032a0305", XC_OK, "2 1.2.3.4 1.2.3.5", 0 },
	{ "eku repeated", EKU, "300a06032a030406032a0304", XC_OK, "2 1.2.3.4 1.2.3.4", 0 },
	{ "eku integer", EKU, "3003020101", XC_ERR_TAG, NULL, 2 },
	{ "eku bad oid", EKU, "3003060180", XC_ERR_OID, NULL, 0 },
	{ "eku not a sequence", EKU, "06032a0304", XC_ERR_TAG, NULL, 0 },
	/* SubjectKeyIdentifier */
	{ "ski empty", SKI, "0400", XC_OK, "", 0 },
	{ "ski 3", SKI, "0403010203", XC_OK, "010203", 0 },
	{ "ski bit string", SKI, "0303000102", XC_ERR_TAG, NULL, 0 },
	{ "ski trailing", SKI, "040101 00", XC_ERR_TRAILING, NULL, 3 },
	/* AuthorityKeyIdentifier */
	{ "aki empty", AKI, "3000", XC_OK, "kid=none", 0 },
	{ "aki key id", AKI, "30068004deadbeef", XC_OK, "kid=deadbeef", 0 },
	{ "aki empty key id", AKI, "30028000", XC_OK, "kid=", 0 },
	{ "aki all", AKI, "30128004deadbeefa1078205612e622e63820101", XC_OK, "kid=deadbeef issuer=1 serial=01", 0 },
	{ "aki issuer serial", AKI, "300ca1078205612e622e63820101", XC_OK, "kid=none issuer=1 serial=01", 0 },
	{ "aki long serial", AKI, "300ea1078205612e622e6382030100ff", XC_OK, "kid=none issuer=1 serial=0100ff", 0 },
	{ "aki serial only", AKI, "3003820101", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "aki issuer only", AKI, "3009a1078205612e622e63", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "aki kid issuer only", AKI, "300fa1078205612e622e638004deadbeef", XC_ERR_TRAILING, NULL, 11 },
	{ "aki empty issuer only", AKI, "3002a100", XC_ERR_EXT_VALUE, NULL, 0 },
	{ "aki bad name", AKI, "3008a1048202ff61820101", XC_ERR_STRING, NULL, 4 },
	{ "aki serial negative", AKI, "300ca1078205612e622e638201ff", XC_ERR_INT_RANGE, NULL, 13 },
	{ "aki trailing", AKI, "30068004deadbeef00", XC_ERR_TRAILING, NULL, 8 },
	{ "aki serial nonminimal", AKI, "300da1078205612e622e6382020001", XC_ERR_INT, NULL, 0 },
	{ "aki wrong order", AKI, "300f820101a1078205612e622e638001aa", XC_ERR_TRAILING, NULL, 0 },
	{ "aki constructed key id", AKI, "3006a004040201ff", XC_ERR_TRAILING, NULL, 0 },
	/* SubjectAlternativeName and friends */
	{ "alt empty", ALT, "3000", XC_OK, "0", 0 },
	{ "alt two", ALT, "300b8203612e62870401020304", XC_OK, "2", 0 },
	{ "alt bad ip", ALT, "30058703010203", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "alt trailing", ALT, "300482026162 00", XC_ERR_TRAILING, NULL, 6 },
	{ "alt set", ALT, "310482026162", XC_ERR_TAG, NULL, 0 },
	/* PolicyConstraints */
	{ "pc require", PC, "3003800101", XC_OK, "rep=1 ipm=none", 0 },
	{ "pc both", PC, "3006800101810102", XC_OK, "rep=1 ipm=2", 0 },
	{ "pc inhibit", PC, "300381010a", XC_OK, "rep=none ipm=10", 0 },
	{ "pc 255", PC, "3004800200ff", XC_OK, "rep=255 ipm=none", 0 },
	{ "pc empty", PC, "3000", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "pc negative", PC, "30038001ff", XC_ERR_INT_RANGE, NULL, 4 },
	{ "pc nonminimal", PC, "300480020001", XC_ERR_INT, NULL, 0 },
	{ "pc empty int", PC, "30028000", XC_ERR_INT, NULL, 0 },
	{ "pc wrong order", PC, "3006810101800101", XC_ERR_TRAILING, NULL, 5 },
	{ "pc universal int", PC, "3003020101", XC_ERR_TRAILING, NULL, 2 },
	/* InhibitAnyPolicy */
	{ "iap 1", IAP, "020101", XC_OK, "1", 0 },
	{ "iap 0", IAP, "020100", XC_OK, "0", 0 },
	{ "iap 2^32", IAP, "02050100000000", XC_OK, "4294967296", 0 },
	{ "iap 2^64", IAP, "0209010000000000000000", XC_OK, "big:010000000000000000", 0 },
	{ "iap negative", IAP, "0201ff", XC_ERR_INT_RANGE, NULL, 2 },
	{ "iap nonminimal", IAP, "02020001", XC_ERR_INT, NULL, 0 },
	{ "iap octet string", IAP, "040101", XC_ERR_TAG, NULL, 0 },
	/* OCSPNoCheck, PrecertPoison */
	{ "null", NUL, "0500", XC_OK, "", 0 },
	{ "null with contents", NUL, "050100", XC_ERR_NULL, NULL, 0 },
	{ "null sequence", NUL, "3000", XC_ERR_TAG, NULL, 0 },
	{ "null nothing", NUL, "", XC_ERR_TRUNCATED, NULL, 0 },
	{ "null trailing", NUL, "05000500", XC_ERR_TRAILING, NULL, 2 },
	/* TLSFeature */
	{ "tls status_request", TLS, "3003020105", XC_OK, "status_request", 0 },
	{ "tls both", TLS, "3006020105020111", XC_OK, "status_request,status_request_v2", 0 },
	{ "tls repeated", TLS, "3006020111020111", XC_OK, "status_request_v2,status_request_v2", 0 },
	{ "tls unknown", TLS, "3003020106", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "tls zero", TLS, "3003020100", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "tls huge", TLS, "300b020900ffffffffffffffff", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "tls empty", TLS, "3000", XC_ERR_EMPTY, NULL, 2 },
	{ "tls negative", TLS, "30040202ff05", XC_ERR_INT_RANGE, NULL, 4 },
	{ "tls enumerated", TLS, "30030a0105", XC_ERR_TAG, NULL, 0 },
	/* CRLNumber, DeltaCRLIndicator */
	{ "crl number 0", CRLN, "020100", XC_OK, "00", 0 },
	{ "crl number 21 octets", CRLN, "0215010000000000000000000000000000000000000000", XC_OK, "010000000000000000000000000000000000000000", 0 },
	{ "crl number 128", CRLN, "02020080", XC_OK, "0080", 0 },
	{ "crl number negative", CRLN, "0201ff", XC_ERR_INT_RANGE, NULL, 2 },
	{ "crl number nonminimal", CRLN, "02020001", XC_ERR_INT, NULL, 0 },
	{ "crl number empty", CRLN, "0200", XC_ERR_INT, NULL, 0 },
	/* CRLReason */
	{ "reason unspecified", REASON, "0a0100", XC_OK, "unspecified", 0 },
	{ "reason key compromise", REASON, "0a0101", XC_OK, "key_compromise", 0 },
	{ "reason ca compromise", REASON, "0a0102", XC_OK, "ca_compromise", 0 },
	{ "reason affiliation changed", REASON, "0a0103", XC_OK, "affiliation_changed", 0 },
	{ "reason superseded", REASON, "0a0104", XC_OK, "superseded", 0 },
	{ "reason cessation", REASON, "0a0105", XC_OK, "cessation_of_operation", 0 },
	{ "reason hold", REASON, "0a0106", XC_OK, "certificate_hold", 0 },
	{ "reason 7", REASON, "0a0107", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "reason remove", REASON, "0a0108", XC_OK, "remove_from_crl", 0 },
	{ "reason privilege", REASON, "0a0109", XC_OK, "privilege_withdrawn", 0 },
	{ "reason aa compromise", REASON, "0a010a", XC_OK, "aa_compromise", 0 },
	{ "reason 11", REASON, "0a010b", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "reason 256", REASON, "0a020100", XC_ERR_EXT_VALUE, NULL, 2 },
	{ "reason negative", REASON, "0a01ff", XC_ERR_INT_RANGE, NULL, 2 },
	{ "reason nonminimal", REASON, "0a020001", XC_ERR_INT, NULL, 2 },
	{ "reason integer", REASON, "020101", XC_ERR_TAG, NULL, 0 },
	/* InvalidityDate */
	{ "invalidity date", INVD, "180f32303230303130313030303030305a", XC_OK, "2020-01-01T00:00:00Z", 0 },
	{ "invalidity date utc", INVD, "170d3230303130313030303030305a", XC_ERR_TAG, NULL, 0 },
	{ "invalidity date fraction", INVD, "1811323032303031303130303030303030305a", XC_ERR_TIME, NULL, 0 },
	{ "invalidity date feb 30", INVD, "180f32303230303233303030303030305a", XC_ERR_TIME_RANGE, NULL, 0 },
	/* OCSP Nonce */
	{ "nonce", NONCE, "0404deadbeef", XC_OK, "deadbeef", 0 },
	{ "nonce empty", NONCE, "0400", XC_OK, "", 0 },
	{ "nonce integer", NONCE, "020101", XC_ERR_TAG, NULL, 0 },
};

static void test_decoders(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len;
		uint8_t *b = tu_unhex(cases[i].hex, &len);
		char buf[512];
		xc_err e;
		/* An empty value still needs a non-NULL pointer for the base. */
		uint8_t dummy = 0;
		xc_slice v = xc_slice_make(len ? b : &dummy, len);

		render(cases[i].k, v, buf, sizeof(buf), &e);
		if (e != cases[i].err || (e == XC_OK && strcmp(buf, cases[i].want)))
			fprintf(stderr, "\n%s: got %s \"%s\" want %s \"%s\"\n", cases[i].name,
			        xc_errname(e), buf, xc_errname(cases[i].err),
			        cases[i].want ? cases[i].want : "");
		CU_ASSERT_EQUAL(e, cases[i].err);
		if (e == XC_OK && cases[i].want)
			CU_ASSERT_STRING_EQUAL(buf, cases[i].want);
		free(b);
	}
}

/* Offsets are relative to the base the caller passes. */
static void test_offsets(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cases[i].err == XC_OK || cases[i].off == 0)
			continue;
		size_t len, off = 999;
		uint8_t *b = tu_unhex(cases[i].hex, &len);
		uint8_t *outer = malloc(len + 10);
		memset(outer, 0, 10);
		memcpy(outer + 10, b, len);
		xc_slice v = xc_slice_make(outer + 10, len);
		xc_err e = XC_OK;
		switch (cases[i].k) {
		case BC: { xc_bc x; e = xc_bc_decode(&x, v, outer, &off); break; }
		case KU: { xc_ku x; e = xc_ku_decode(&x, v, outer, &off); break; }
		case EKU: { xc_eku x; e = xc_eku_decode(&x, v, outer, &off); break; }
		case SKI: { xc_ski x; e = xc_ski_decode(&x, v, outer, &off); break; }
		case AKI: { xc_aki x; e = xc_aki_decode(&x, v, outer, &off); break; }
		case ALT: { xc_alt_names x; e = xc_alt_names_decode(&x, v, outer, &off); break; }
		case PC: { xc_policy_constraints x; e = xc_policy_constraints_decode(&x, v, outer, &off); break; }
		case IAP: { xc_inhibit_any_policy x; e = xc_inhibit_any_policy_decode(&x, v, outer, &off); break; }
		case NUL: e = xc_null_ext_decode(v, outer, &off); break;
		case TLS: { xc_tls_feature x; e = xc_tls_feature_decode(&x, v, outer, &off); break; }
		case CRLN: { xc_crl_number x; e = xc_crl_number_decode(&x, v, outer, &off); break; }
		case REASON: { xc_crl_reason x; e = xc_crl_reason_decode(&x, v, outer, &off); break; }
		case INVD: { xc_time x; e = xc_invalidity_date_decode(&x, v, outer, &off); break; }
		case NONCE: { xc_slice x; e = xc_nonce_decode(&x, v, outer, &off); break; }
		}
		CU_ASSERT_EQUAL(e, cases[i].err);
		if (off != cases[i].off + 10)
			fprintf(stderr, "\n%s: off %zu want %zu\n", cases[i].name, off - 10,
			        cases[i].off);
		CU_ASSERT_EQUAL(off, cases[i].off + 10);
		free(outer);
		free(b);
	}
}

static void test_names(void)
{
	CU_ASSERT_STRING_EQUAL(xc_ku_name(0), "digital_signature");
	CU_ASSERT_STRING_EQUAL(xc_ku_name(1), "content_commitment");
	CU_ASSERT_STRING_EQUAL(xc_ku_name(8), "decipher_only");
	CU_ASSERT_PTR_NULL(xc_ku_name(9));
	CU_ASSERT_STRING_EQUAL(xc_tls_feature_name(5), "status_request");
	CU_ASSERT_STRING_EQUAL(xc_tls_feature_name(17), "status_request_v2");
	CU_ASSERT_PTR_NULL(xc_tls_feature_name(0));
	CU_ASSERT_PTR_NULL(xc_tls_feature_name(6));
	CU_ASSERT_STRING_EQUAL(xc_crl_reason_name(XC_CRL_REASON_UNSPECIFIED), "unspecified");
	CU_ASSERT_STRING_EQUAL(xc_crl_reason_name(XC_CRL_REASON_REMOVE_FROM_CRL), "remove_from_crl");
	CU_ASSERT_STRING_EQUAL(xc_crl_reason_name(XC_CRL_REASON_AA_COMPROMISE), "aa_compromise");
	CU_ASSERT_PTR_NULL(xc_crl_reason_name((xc_crl_reason)7));
	CU_ASSERT_PTR_NULL(xc_crl_reason_name((xc_crl_reason)11));
	CU_ASSERT_PTR_NULL(xc_crl_reason_name((xc_crl_reason)-1));
}

/* SHA-1 of the key bits, as pyca's SubjectKeyIdentifier.from_public_key. */
static void ski_of_file(const char *file, bool csr, const char *want)
{
	size_t len, dlen;
	uint8_t *pem = tu_read_data(file, &len);
	xc_pem_iter it;
	xc_pem_block blk;
	uint8_t der[8192], ski[XC_SKI_LEN];
	xc_slice spki;

	xc_pem_iter_init(&it, pem, len);
	CU_ASSERT_EQUAL_FATAL(xc_pem_next(&it, &blk, NULL), XC_OK);
	CU_ASSERT_EQUAL_FATAL(xc_pem_decode(blk.body, der, sizeof(der), &dlen, NULL), XC_OK);
	if (csr) {
		xc_csr c;
		CU_ASSERT_EQUAL_FATAL(xc_csr_parse(&c, der, dlen, NULL), XC_OK);
		spki = c.spki;
	} else {
		xc_cert c;
		CU_ASSERT_EQUAL_FATAL(xc_cert_parse(&c, der, dlen, NULL), XC_OK);
		spki = c.spki;
	}
	CU_ASSERT_EQUAL(xc_ski_from_spki(spki, ski), XC_OK);
	CU_ASSERT_STRING_EQUAL(hx(ski, sizeof(ski)), want);
	/* The AKI of certificates this key signs has the same identifier
	 * (the seed README: good-ca's "AuthorityKeyIdentifier computed from
	 * its public key"). */
	memset(ski, 0, sizeof(ski));
	CU_ASSERT_EQUAL(xc_aki_key_id_from_issuer_spki(spki, ski), XC_OK);
	CU_ASSERT_STRING_EQUAL(hx(ski, sizeof(ski)), want);
	if (!csr) {
		/* from_issuer_subject_key_identifier: good-ca's own SKI
		 * extension carries the same digest. */
		xc_cert c;
		xc_ext x;
		xc_slice kid;
		CU_ASSERT_EQUAL_FATAL(xc_cert_parse(&c, der, dlen, NULL), XC_OK);
		CU_ASSERT_EQUAL_FATAL(xc_ext_find_id(c.extensions, XC_OID_SUBJECT_KEY_IDENTIFIER, &x), XC_OK);
		CU_ASSERT_EQUAL(xc_aki_key_id_from_issuer_ski(&kid, x.value, der, NULL), XC_OK);
		CU_ASSERT_STRING_EQUAL(hx(kid.p, kid.len), want);
	}
	free(pem);
}

static void test_ski_from_spki(void)
{
	ski_of_file("seed/good-ca.pem", false, "580184241bbc2b52944a3da510721451f5af3ac9");
	ski_of_file("seed/csr-rsa-sha1.pem", true, "dbaaf00611db44febf93038a7688575037a691f7");

	/* Not a SubjectPublicKeyInfo. */
	size_t len;
	uint8_t ski[XC_SKI_LEN];
	uint8_t *b = tu_unhex("3000", &len);
	CU_ASSERT_EQUAL(xc_ski_from_spki(xc_slice_make(b, len), ski), XC_ERR_TRUNCATED);
	free(b);
	b = tu_unhex("3008 3000 03020700", &len);
	CU_ASSERT_EQUAL(xc_ski_from_spki(xc_slice_make(b, len), ski), XC_ERR_LEN_PAST_END);
	free(b);
	b = tu_unhex("3006 3000 03020700", &len);
	CU_ASSERT_EQUAL(xc_ski_from_spki(xc_slice_make(b, len), ski), XC_OK);
	/* SHA-1 of the single byte 00. */
	CU_ASSERT_STRING_EQUAL(hx(ski, sizeof(ski)), "5ba93c9db0cff93f52b521d7420e43f6eda2784f");
	free(b);
}

/* Extensions blocks (contents) and the duplicate found, if any. */
static const struct {
	const char *name;
	const char *hex;
	xc_err err;
	const char *dup_oid;    /* hex of the duplicate's OID */
	const char *dup_value;  /* hex of the duplicate's value */
} dup_cases[] = {
	{ "empty", "", XC_NOT_FOUND, NULL, NULL },
	{ "one", "30090603551d130402 3000", XC_NOT_FOUND, NULL, NULL },
	{ "two different", "30090603551d130402 3000 30090603551d0f0402 0780", XC_NOT_FOUND, NULL, NULL },
	{ "adjacent", "30090603551d130402 3000 300c0603551d130101ff0402 3000", XC_OK, "551d13", "3000" },
	{ "far apart", "30090603551d130402 3000 30090603551d0f0402 0780 30090603551d0e0402 0400 30090603551d130402 3003", XC_OK, "551d13", "3003" },
	{ "second pair", "30090603551d0f0402 0780 30090603551d130402 3000 30090603551d0f0402 0781", XC_OK, "551d0f", "0781" },
	/* A, B, B, A: pyca names B, the first OID seen twice in order. */
	{ "pyca's order", "30090603551d0f0402 0780 30090603551d130402 3000 30090603551d130402 3001 30090603551d0f0402 0781", XC_OK, "551d13", "3001" },
	{ "malformed", "30090603551d130402", XC_ERR_LEN_PAST_END, NULL, NULL },
};

static void test_find_duplicate(void)
{
	for (size_t i = 0; i < sizeof(dup_cases) / sizeof(dup_cases[0]); i++) {
		size_t len;
		uint8_t *b = tu_unhex(dup_cases[i].hex, &len);
		uint8_t dummy = 0;
		xc_ext x;
		xc_err e = xc_ext_find_duplicate(xc_slice_make(len ? b : &dummy, len), &x);
		if (e != dup_cases[i].err)
			fprintf(stderr, "\n%s: got %s\n", dup_cases[i].name, xc_errname(e));
		CU_ASSERT_EQUAL(e, dup_cases[i].err);
		if (e == XC_OK) {
			CU_ASSERT_STRING_EQUAL(hx(x.oid.p, x.oid.len), dup_cases[i].dup_oid);
			CU_ASSERT_STRING_EQUAL(hx(x.value.p, x.value.len), dup_cases[i].dup_value);
		}
		free(b);
	}

	/* Many extensions with distinct OIDs, then one repeat at the end. */
	uint8_t blk[200 * 8 + 8];
	size_t n = 0;
	for (unsigned k = 0; k < 200; k++) {
		const uint8_t ext[] = { 0x30, 0x06, 0x06, 0x02, 0x2a, (uint8_t)(k & 0x7f),
		                        0x04, 0x00 };
		if (k >= 128)
			break;
		memcpy(blk + n, ext, sizeof(ext));
		n += sizeof(ext);
	}
	xc_ext x;
	CU_ASSERT_EQUAL(xc_ext_find_duplicate(xc_slice_make(blk, n), &x), XC_NOT_FOUND);
	memcpy(blk + n, blk + 8 * 77, 8);
	CU_ASSERT_EQUAL(xc_ext_find_duplicate(xc_slice_make(blk, n + 8), &x), XC_OK);
	CU_ASSERT_PTR_EQUAL(x.raw.p, blk + n);
}

/* The corpus: every extension of the decoded types in the real
 * certificates, CRLs and CSRs of cryptography_vectors/x509, decoded
 * without crashing (and without reading outside its value: run under
 * ASan/valgrind to see that). */
#define VECTORS "/usr/lib/python3/dist-packages/cryptography_vectors/x509"

static const struct {
	xc_oid_id id;
	enum kind k;
} dispatch[] = {
	{ XC_OID_BASIC_CONSTRAINTS, BC },
	{ XC_OID_KEY_USAGE, KU },
	{ XC_OID_EXTENDED_KEY_USAGE, EKU },
	{ XC_OID_SUBJECT_KEY_IDENTIFIER, SKI },
	{ XC_OID_AUTHORITY_KEY_IDENTIFIER, AKI },
	{ XC_OID_SUBJECT_ALTERNATIVE_NAME, ALT },
	{ XC_OID_ISSUER_ALTERNATIVE_NAME, ALT },
	{ XC_OID_CERTIFICATE_ISSUER, ALT },
	{ XC_OID_POLICY_CONSTRAINTS, PC },
	{ XC_OID_INHIBIT_ANY_POLICY, IAP },
	{ XC_OID_OCSP_NO_CHECK, NUL },
	{ XC_OID_PRECERT_POISON, NUL },
	{ XC_OID_TLS_FEATURE, TLS },
	{ XC_OID_CRL_NUMBER, CRLN },
	{ XC_OID_DELTA_CRL_INDICATOR, CRLN },
	{ XC_OID_CRL_REASON, REASON },
	{ XC_OID_INVALIDITY_DATE, INVD },
	{ XC_OID_NONCE, NONCE },
};

static size_t corpus_files, corpus_exts, corpus_ok, corpus_dups;
static const char *corpus_path;

static void decode_block(xc_slice exts)
{
	xc_ext_iter it;
	xc_ext x, dup;

	if (!exts.p)
		return;
	if (xc_ext_find_duplicate(exts, &dup) == XC_OK)
		corpus_dups++;
	xc_ext_iter_init(&it, exts);
	while (xc_ext_next(&it, &x) == XC_OK) {
		xc_oid_id id = xc_oid_lookup(x.oid);
		for (size_t i = 0; i < sizeof(dispatch) / sizeof(dispatch[0]); i++) {
			if (dispatch[i].id != id)
				continue;
			char buf[4096];
			xc_err e;
			render(dispatch[i].k, x.value, buf, sizeof(buf), &e);
			corpus_exts++;
			if (e == XC_OK) {
				corpus_ok++;
			} else {
				/* Listed for comparison with pyca (see the report). */
				char d[XC_OID_DOTTED_MAX];
				xc_oid_to_dotted(x.oid, d, sizeof(d), NULL);
				fprintf(stderr, "\n  refused: %s %s %s", corpus_path, d,
				        xc_errname(e));
			}
			if (dispatch[i].k == ALT && e == XC_OK) {
				/* Walk the names and format every address. */
				xc_alt_names a;
				xc_gn_iter gi;
				xc_gn g;
				xc_alt_names_decode(&a, x.value, x.value.p, NULL);
				xc_gn_iter_init(&gi, a.gns);
				while (xc_gn_next(&gi, &g) == XC_OK) {
					char ip[XC_GN_IP_STR];
					if (g.type == XC_GN_IP_ADDRESS)
						CU_ASSERT_EQUAL(xc_gn_ip_format(g.value, false, ip,
						                                sizeof(ip), NULL), XC_OK);
				}
			}
		}
	}
}

static void decode_der(const uint8_t *der, size_t len)
{
	xc_cert c;
	xc_crl crl;
	xc_csr csr;

	if (xc_cert_parse(&c, der, len, NULL) == XC_OK) {
		decode_block(c.extensions);
	} else if (xc_crl_parse(&crl, der, len, NULL) == XC_OK) {
		xc_revoked_iter it;
		xc_revoked r;
		decode_block(crl.extensions);
		xc_revoked_iter_init(&it, &crl);
		while (xc_revoked_next(&it, &r) == XC_OK)
			decode_block(r.extensions);
	} else if (xc_csr_parse(&csr, der, len, NULL) == XC_OK) {
		xc_slice exts;
		size_t n;
		if (xc_csr_extensions(&csr, &exts, &n, NULL) == XC_OK)
			decode_block(exts);
	}
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type != FTW_F)
		return 0;
	size_t len;
	uint8_t *buf = tu_read_file(path, &len);
	if (!buf)
		return 0;
	corpus_files++;
	corpus_path = path;
	if (xc_pem_detect(buf, len)) {
		xc_pem_iter it;
		xc_pem_block blk;
		xc_err e;
		xc_pem_iter_init(&it, buf, len);
		while ((e = xc_pem_next(&it, &blk, NULL)) != XC_END) {
			if (e != XC_OK)
				continue;
			size_t cap = XC_PEM_DECODED_MAX(blk.body.len), dlen;
			uint8_t *der = malloc(cap);
			if (der && xc_pem_decode(blk.body, der, cap, &dlen, NULL) == XC_OK)
				decode_der(der, dlen);
			free(der);
		}
	} else {
		decode_der(buf, len);
	}
	free(buf);
	return 0;
}

static void test_corpus(void)
{
	if (nftw(VECTORS, visit, 32, FTW_PHYS) != 0) {
		fprintf(stderr, "\n(corpus %s not found: skipped)\n", VECTORS);
		return;
	}
	fprintf(stderr, "\ncorpus: %zu files, %zu extensions of our types, %zu decoded, "
	        "%zu blocks with a duplicate\n", corpus_files, corpus_exts, corpus_ok, corpus_dups);
	/* pyca's DuplicateExtension vectors: custom/two_basic_constraints.pem,
	 * requests/two_basic_constraints.pem, custom/crl_dup_entry_ext.pem. */
	CU_ASSERT(corpus_dups >= 3);
	CU_ASSERT(corpus_exts > 1000);
	CU_ASSERT(corpus_ok > corpus_exts / 2);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "decoders", test_decoders },
		{ "offsets", test_offsets },
		{ "names", test_names },
		{ "ski_from_spki", test_ski_from_spki },
		{ "find_duplicate", test_find_duplicate },
		{ "corpus", test_corpus },
		{ NULL, NULL },
	};
	return tu_run("ext_basic", tests);
}
