/*
 * fuzz_issuer_der.c - the issuer's encoders (issuer/dn.h, gn.h, ext.h,
 * when.h) on any option text, checked by the core.
 *
 * The first byte picks what the rest is; the rest is split on NUL into
 * option strings:
 *   0  a DN: ci_dn_write; the core must check the Name, and the name the
 *      core prints (xc_name_rfc4514) must parse back (ci_dn_write) to the
 *      same attributes, value by value;
 *   1  a GeneralName (bit 0x80 of byte 0: allow networks): ci_gn_write;
 *      the core must read it, and the text of what it read must write
 *      back to the same DER;
 *   2  extensions: (name, value) pairs to ci_exts_option (a pair whose
 *      name starts with '!' is a profile), in a certificate, CSR or CRL
 *      (bits 4-5 of byte 0), CA-issued (bit 6), for an empty subject (bit
 *      7); what is accepted is written by
 *      ci_exts_write and the core must check the block, find each
 *      extension with the value and criticality ci_exts_get gives, and
 *      decode it with the decoder of its OID;
 *   3  a --revoke: ci_revoke_parse + ci_revoke_write_exts: the core must
 *      decode the reason, date and issuer given;
 *   4  a time: ci_when_parse; the writer's Time must decode to the same
 *      second, and the formatted time must parse back to it;
 *   5  a serial: ci_serial_parse; the INTEGER must be positive, at most
 *      20 octets, and its hex must parse back to the same magnitude.
 * Anything refused is fine; anything accepted that the core refuses or
 * reads differently aborts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#include "dn.h"
#include "ext.h"
#include "gn.h"
#include "when.h"

/* alloc.c: the issuer's encoders are not the core and allocate (ci_dn_write
 * parses the DN text on the heap); the core's calls made here are counted
 * by the parser targets. */
const char *const fz_alloc_exempt = "certissue's encoders allocate";

#define BUF (1 << 16)

/* A P-256 SubjectPublicKeyInfo (any valid one: SKI and AKI hash it). */
static const char spki_hex[] =
	"3059301306072a8648ce3d020106082a8648ce3d03010703420004"
	"6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
	"4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";

/* The contents of the one TLV the writer wrote. */
static xc_slice contents(const ci_der *w)
{
	xc_der r;
	xc_tlv t;

	xc_der_init(&r, w->buf, w->len);
	FZ_CHECK(xc_der_read(&r, &t) == XC_OK && !xc_der_more(&r));
	return t.value;
}

/* The attributes of a checked name as (OID, UTF-8 value) text lines into
 * out; false if a value does not decode, or is not of its attribute's
 * default string type (the printed text does not keep types, so
 * C/bmp=é prints as C=é, which a PrintableString cannot hold), or
 * repeats within its RDN (the printer then prints it once), or is one
 * space (the printer escapes it
 * as pyca does, leading and trailing both: "\\ ", which RFC 4514 reads
 * as a backslash): then the round trip cannot match. */
static bool attrs(xc_slice name, char *out, size_t cap)
{
	xc_name_iter it;
	xc_attr a;
	size_t n = 0;
	xc_err e;

	out[0] = 0;
	xc_name_iter_init(&it, name);
	while ((e = xc_name_next(&it, &a)) == XC_OK) {
		char v[2048], oid[XC_OID_DOTTED_MAX];
		size_t vn;

		if (xc_name_attr_repeats(name, &a) ||
		    a.tag != ci_dn_default_type(a.oid.p, a.oid.len) ||
		    xc_string_to_utf8(a.tag, a.value, v, sizeof(v), &vn) || memchr(v, 0, vn) ||
		    (vn == 1 && v[0] == ' ') ||
		    xc_oid_to_dotted(a.oid, oid, sizeof(oid), NULL))
			return false;
		n += (size_t)snprintf(out + n, cap - n, "%zu %s %s\n", a.rdn, oid, v);
		if (n >= cap)
			return false;
	}
	FZ_CHECK(e == XC_END);
	return true;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the lines of s in place: an RDN is a set, and its DER order
 * depends on the string types, which the printed text does not keep. */
static void sort_lines(char *s)
{
	static char *lines[4096];
	static char copy[BUF];
	size_t n = 0, len = strlen(s), pos = 0;

	memcpy(copy, s, len + 1);
	for (char *p = copy; *p && n < 4096; n++) {
		char *nl = strchr(p, '\n');

		lines[n] = p;
		if (!nl)
			break;
		*nl = 0;
		p = nl + 1;
	}
	qsort(lines, n, sizeof(lines[0]), cmp_line);
	for (size_t i = 0; i < n; i++)
		pos += (size_t)snprintf(s + pos, len + 1 - pos, "%s\n", lines[i]);
}

static void dn(const char *text)
{
	static uint8_t b1[BUF], b2[BUF];
	static char printed[BUF], a1[BUF], a2[BUF];
	ci_der w, w2;
	ci_msg m;
	xc_slice name;

	ci_der_init(&w, b1, sizeof(b1));
	if (ci_dn_write(&w, text, &m))
		return;
	FZ_CHECK(ci_der_finish(&w) == CI_DER_OK);
	FZ_CHECK(w.len >= 2 && b1[0] == CI_TAG_SEQUENCE);
	name = contents(&w);
	FZ_CHECK(xc_name_check(name, NULL, NULL) == XC_OK);
	if (xc_name_rfc4514(name, printed, sizeof(printed), NULL) ||
	    !attrs(name, a1, sizeof(a1)))
		return;
	/* The core's printing, parsed by the issuer: the same attributes. */
	ci_der_init(&w2, b2, sizeof(b2));
	if (ci_dn_write(&w2, printed, &m)) {
		fprintf(stderr, "printed '%s' refused: %s\n", printed, m.text);
		FZ_CHECK(!"the core's RFC 4514 text of a written name parses back");
	}
	name = contents(&w2);
	FZ_CHECK(xc_name_check(name, NULL, NULL) == XC_OK);
	FZ_CHECK(attrs(name, a2, sizeof(a2)));
	sort_lines(a1);
	sort_lines(a2);
	if (strcmp(a1, a2))
		fprintf(stderr, "'%s' -> '%s':\n%s---\n%s", text, printed, a1, a2);
	FZ_CHECK(!strcmp(a1, a2));
}

/* The text of a GeneralName as the core read it, in ci_gn_write's
 * syntax; false for a directoryName (its string types are not text). */
static bool gn_text(const xc_gn *g, char *out, size_t cap)
{
	size_t n;

	switch (g->type) {
	case XC_GN_DNS_NAME:
	case XC_GN_RFC822_NAME:
	case XC_GN_URI:
		snprintf(out, cap, "%s:%.*s",
			 g->type == XC_GN_DNS_NAME ? "dns" : g->type == XC_GN_URI ? "uri" : "email",
			 (int)g->value.len, g->value.p);
		return true;
	case XC_GN_IP_ADDRESS:
		memcpy(out, "ip:", 3);
		FZ_CHECK(xc_gn_ip_format(g->value, false, out + 3, cap - 3, NULL) == XC_OK);
		return true;
	case XC_GN_REGISTERED_ID:
		memcpy(out, "rid:", 4);
		FZ_CHECK(xc_oid_to_dotted(g->value, out + 4, cap - 4, NULL) == XC_OK);
		return true;
	case XC_GN_OTHER_NAME:
		memcpy(out, "othername:", 10);
		FZ_CHECK(xc_oid_to_dotted(g->other_oid, out + 10, cap - 10, &n) == XC_OK);
		memcpy(out + 10 + n, ";der:", 5);
		FZ_CHECK(xc_hex(g->value, out + 15 + n, cap - 15 - n) == XC_OK);
		return true;
	default:
		return false;
	}
}

static void gn(const char *text, bool net)
{
	static uint8_t b1[BUF], b2[BUF];
	static char back[BUF];
	ci_der w, w2;
	ci_msg m;
	xc_slice gns;
	xc_gn_iter it;
	xc_gn g;
	size_t count;

	ci_der_init(&w, b1, sizeof(b1));
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	if (ci_gn_write(&w, text, net, &m))
		return;
	ci_der_end(&w);
	FZ_CHECK(ci_der_finish(&w) == CI_DER_OK);
	gns = contents(&w);
	FZ_CHECK(xc_gns_check(gns, NULL, NULL, &count) == XC_OK && count == 1);
	xc_gn_iter_init(&it, gns);
	FZ_CHECK(xc_gn_next(&it, &g) == XC_OK);
	if (g.type == XC_GN_IP_ADDRESS) {
		char ip[XC_GN_IP_STR];

		FZ_CHECK(g.value.len == (net ? 8u : 4u) || g.value.len == (net ? 32u : 16u));
		FZ_CHECK(xc_gn_ip_format(g.value, net, ip, sizeof(ip), NULL) == XC_OK);
	}
	if (!gn_text(&g, back, sizeof(back)) || (net && g.type == XC_GN_IP_ADDRESS))
		return;
	ci_der_init(&w2, b2, sizeof(b2));
	ci_der_begin(&w2, CI_TAG_SEQUENCE);
	FZ_CHECK(ci_gn_write(&w2, back, false, &m) == 0);
	ci_der_end(&w2);
	FZ_CHECK(w2.len == w.len && !memcmp(b1, b2, w.len));
}

static void exts(const uint8_t mode, char **opt, size_t n)
{
	static const ci_ext_where wheres[] = { CI_EXT_IN_CERT, CI_EXT_IN_CSR, CI_EXT_IN_CRL };
	static ci_exts e;
	static uint8_t out[1 << 17];
	uint8_t spki[128];
	size_t spki_len, count, kept = 0;
	ci_der w;
	ci_msg m;
	xc_slice block, sp;
	xc_ext_iter it;
	xc_ext x;

	FZ_CHECK(ci_hex_decode(spki_hex, spki, sizeof(spki), &spki_len) == 0);
	sp = xc_slice_make(spki, spki_len);
	ci_exts_init(&e, wheres[(mode >> 4 & 3) % 3]);
	for (size_t i = 0; i + 1 < n; i += 2) {
		if (opt[i][0] == '!')
			(void)ci_exts_profile(&e, opt[i] + 1, &m);
		else
			(void)ci_exts_option(&e, opt[i], opt[i + 1], &m);
	}
	ci_der_init(&w, out, sizeof(out));
	if (ci_exts_write(&e, &w, sp, sp, xc_slice_make(NULL, 0), mode & 0x40, mode & 0x80, &m))
		return;
	FZ_CHECK(ci_der_finish(&w) == CI_DER_OK);
	if (!w.len)
		return;
	block = contents(&w);
	FZ_CHECK(xc_ext_check(block, NULL, NULL, &count) == XC_OK);
	FZ_CHECK(xc_ext_find_duplicate(block, &x) == XC_NOT_FOUND);
	xc_ext_iter_init(&it, block);
	while (xc_ext_next(&it, &x) == XC_OK) {
		xc_slice v;
		bool crit;

		/* What was kept is what was written (SKI and AKI are computed
		 * at write and not kept). */
		if (ci_exts_get(&e, x.oid.p, x.oid.len, &v, &crit)) {
			FZ_CHECK(xc_slice_eq(v, x.value));
			kept++;
		} else
			FZ_CHECK(xc_oid_is(x.oid, XC_OID_SUBJECT_KEY_IDENTIFIER) ||
				 xc_oid_is(x.oid, XC_OID_AUTHORITY_KEY_IDENTIFIER));
		if (fz_ext_decode(xc_oid_lookup(x.oid), x.value) != XC_OK) {
			char d[XC_OID_DOTTED_MAX];

			xc_oid_to_dotted(x.oid, d, sizeof(d), NULL);
			fprintf(stderr, "the core refuses %s\n", d);
			FZ_CHECK(!"the core decodes every extension the issuer writes");
		}
	}
	FZ_CHECK(kept == e.count && count <= e.count + 2);
}

static void revoke(const char *text)
{
	static uint8_t out[BUF];
	ci_revoke r;
	ci_der w;
	ci_msg m;
	xc_slice block;
	xc_ext x;
	size_t count;

	if (ci_revoke_parse(&r, text, 1765000000, &m))
		return;
	FZ_CHECK(r.serial_len >= 1 && r.serial_len <= 20);
	ci_der_init(&w, out, sizeof(out));
	if (ci_revoke_write_exts(&r, &w, &m)) {
		FZ_CHECK(!"a parsed --revoke writes");
	}
	FZ_CHECK(ci_der_finish(&w) == CI_DER_OK);
	if (!w.len) {
		FZ_CHECK(r.reason < 0 && !r.has_invalidity && !r.issuer_dn);
		return;
	}
	block = contents(&w);
	FZ_CHECK(xc_ext_check(block, NULL, NULL, &count) == XC_OK);
	FZ_CHECK(count == (size_t)(r.reason >= 0) + r.has_invalidity + (r.issuer_dn != NULL));
	if (r.reason >= 0) {
		xc_crl_reason cr;

		FZ_CHECK(xc_ext_find_id(block, XC_OID_CRL_REASON, &x) == XC_OK);
		FZ_CHECK(xc_crl_reason_decode(&cr, x.value, NULL, NULL) == XC_OK &&
			 (int)cr == r.reason);
	}
	if (r.has_invalidity) {
		xc_time t;

		FZ_CHECK(xc_ext_find_id(block, XC_OID_INVALIDITY_DATE, &x) == XC_OK);
		FZ_CHECK(xc_invalidity_date_decode(&t, x.value, NULL, NULL) == XC_OK &&
			 t.epoch == r.invalidity);
	}
	if (r.issuer_dn) {
		xc_alt_names an;

		FZ_CHECK(xc_ext_find_id(block, XC_OID_CERTIFICATE_ISSUER, &x) == XC_OK && x.critical);
		FZ_CHECK(xc_alt_names_decode(&an, x.value, NULL, NULL) == XC_OK && an.count == 1);
	}
}

static void when(const char *text)
{
	uint8_t out[32];
	char s[32];
	int64_t t, t2;
	ci_der w;
	ci_msg m;
	xc_der r;
	xc_tlv tlv;
	xc_time xt;

	if (ci_when_parse(text, 1765000000, &t, &m))
		return;
	ci_der_init(&w, out, sizeof(out));
	ci_der_time(&w, t);
	FZ_CHECK(ci_der_finish(&w) == CI_DER_OK);
	xc_der_init(&r, out, w.len);
	FZ_CHECK(xc_der_read_time(&r, &xt) == XC_OK && xt.err == XC_OK && xt.epoch == t);
	ci_when_format(t, s, sizeof(s));
	FZ_CHECK(ci_when_parse(s, 0, &t2, &m) == 0 && t2 == t);
	FZ_CHECK(xc_time_format(&xt, (char *)out, sizeof(out)) == XC_OK && !strcmp((char *)out, s));
	ci_der_init(&w, out, sizeof(out));
	ci_der_gentime(&w, t);
	xc_der_init(&r, out, w.len);
	FZ_CHECK(xc_der_read(&r, &tlv) == XC_OK && tlv.tag == XC_TAG_GENERALIZED_TIME);
}

static void serial(const char *text)
{
	uint8_t mag[20], mag2[20], out[32];
	char hex[64] = "0x";
	size_t n, n2;
	ci_der w;
	ci_msg m;
	xc_der r;
	xc_slice v;

	if (ci_serial_parse(text, mag, &n, &m))
		return;
	FZ_CHECK(n >= 1 && n <= 20 && mag[0] != 0);
	ci_der_init(&w, out, sizeof(out));
	ci_der_uint(&w, mag, n);
	xc_der_init(&r, out, w.len);
	FZ_CHECK(xc_der_read_int(&r, &v) == XC_OK && v.len <= 20 && !xc_int_negative(v));
	FZ_CHECK(xc_int_to_hex(v, hex + 2, sizeof(hex) - 2, NULL) == XC_OK);
	FZ_CHECK(ci_serial_parse(hex, mag2, &n2, &m) == 0 && n2 == n && !memcmp(mag, mag2, n));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy, *opt[64];
	size_t n = 0;
	uint8_t mode;

	if (size < 1 || size > 8192)
		return 0;
	mode = data[0];
	/* The rest as NUL-separated strings (one more NUL ends the last). */
	copy = fz_malloc(size);
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = 0;
	for (size_t i = 0; i < size && n < 64;) {
		opt[n++] = copy + i;
		i += strlen(copy + i) + 1;
	}
	switch (mode & 0x0f) {
	case 0: dn(opt[0]); break;
	case 1: gn(opt[0], mode & 0x80); break;
	case 2: exts(mode, opt, n); break;
	case 3: revoke(opt[0]); break;
	case 4: when(opt[0]); break;
	case 5: serial(opt[0]); break;
	default: break;
	}
	free(copy);
	return 0;
}
