/*
 * certdump - print every field of the certificates, CRLs and CSRs in files.
 *
 *   certdump [--json] [--type certificate|crl|csr] FILE...
 *
 * PEM files are split into blocks (CERTIFICATE, TRUSTED CERTIFICATE,
 * X509 CRL, CERTIFICATE REQUEST, NEW CERTIFICATE REQUEST; other blocks,
 * private keys among them, are skipped). A DER file is parsed as the type
 * given with --type, or else as a certificate, then a CRL, then a CSR.
 *
 * The default output is for people; --json prints one JSON object per
 * object, the schema the differential test (tests/diff/) compares with
 * pyca/cryptography. Exit status: 0 if every object parsed, 1 if any
 * failed, 2 on usage or I/O errors.
 *
 * A tool, not the core: it may allocate (the file buffers).
 */
#include <xc/xc.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { T_ANY, T_CERT, T_CRL, T_CSR } obj_type;

static bool json;

/* ---- output helpers ---------------------------------------------------- */

static void json_str(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void json_cstr(const char *s)
{
	if (s)
		json_str(s, strlen(s));
	else
		fputs("null", stdout);
}

static void print_hex(xc_slice s)
{
	for (size_t i = 0; i < s.len; i++)
		printf("%02x", s.p[i]);
}

static void json_hex(xc_slice s)
{
	putchar('"');
	print_hex(s);
	putchar('"');
}

static void json_err(xc_err e)
{
	printf("{\"error\": \"%s\"}", xc_errname(e));
}

/* A field: "key": value in JSON, "  key: value" for people. */
static bool first_field;

static void key(const char *k)
{
	if (json) {
		printf("%s\"%s\": ", first_field ? "" : ", ", k);
		first_field = false;
	} else {
		printf("  %-26s ", k);
	}
}

static void end_field(void)
{
	if (!json)
		putchar('\n');
}

static void field_str(const char *k, const char *v)
{
	key(k);
	if (json)
		json_cstr(v);
	else
		fputs(v ? v : "(none)", stdout);
	end_field();
}

static void field_int(const char *k, int64_t v)
{
	key(k);
	printf("%" PRId64, v);
	end_field();
}

static void field_hex(const char *k, xc_slice v)
{
	key(k);
	if (json)
		json_hex(v);
	else
		print_hex(v);
	end_field();
}

/* ---- fields ------------------------------------------------------------ */

static void field_name(const char *k, xc_slice name)
{
	char buf[8192];
	xc_err e = xc_name_rfc4514(name, buf, sizeof buf, NULL);
	key(k);
	if (e && json)
		json_err(e);
	else if (e)
		printf("(error: %s)", xc_strerror(e));
	else if (json)
		json_cstr(buf);
	else
		fputs(buf, stdout);
	end_field();
}

static void field_name_attrs(const char *k, xc_slice name)
{
	xc_name_iter it;
	xc_attr a;
	char oid[XC_OID_DOTTED_MAX], val[4096];
	bool first = true;
	xc_err e;

	if (!json)
		return;
	key(k);
	/* Like pyca's Name: a value that is no string of its type makes the
	 * whole list an error (xc_attr_rfc4514 knows which tags are strings). */
	xc_name_iter_init(&it, name);
	while (xc_name_next(&it, &a) == XC_OK) {
		if ((e = xc_attr_rfc4514(&a, val, sizeof val, NULL)) && e != XC_ERR_BUFFER) {
			json_err(e);
			return;
		}
	}
	putchar('[');
	xc_name_iter_init(&it, name);
	while (xc_name_next(&it, &a) == XC_OK) {
		size_t n;
		xc_oid_to_dotted(a.oid, oid, sizeof oid, NULL);
		printf("%s{\"oid\": \"%s\", \"tag\": %" PRIu32 ", \"value\": ", first ? "" : ", ",
		       oid, a.tag);
		if (a.tag != XC_TAG_BIT_STRING &&
		    xc_string_to_utf8(a.tag, a.value, val, sizeof val, &n) == XC_OK)
			json_str(val, n);
		else {
			fputs("{\"hex\": ", stdout);
			json_hex(a.value);
			putchar('}');
		}
		putchar('}');
		first = false;
	}
	putchar(']');
}

static void field_time(const char *k, const xc_time *t)
{
	char buf[XC_TIME_STR];
	xc_time_format(t, buf, sizeof buf);
	field_str(k, buf);
}

static void field_serial(const char *k, xc_slice serial)
{
	char buf[XC_INT_DEC_MAX(256)];
	key(k);
	if (xc_int_to_dec(serial, buf, sizeof buf, NULL) == XC_OK) {
		if (json)
			json_cstr(buf);
		else
			fputs(buf, stdout);
	} else {
		fputs(json ? "null" : "(too long)", stdout);
	}
	end_field();
}

static void field_digest(const char *k, xc_hash h, xc_slice data)
{
	uint8_t md[XC_HASH_MAX];
	if (xc_fingerprint(h, data, md, sizeof md) == XC_OK)
		field_hex(k, xc_slice_make(md, xc_hash_size(h)));
	else
		field_str(k, NULL);
}

static void field_sigalg(const xc_algid *alg, xc_slice signature)
{
	char oid[XC_OID_DOTTED_MAX];
	xc_oid_to_dotted(alg->oid, oid, sizeof oid, NULL);
	field_str("signature_algorithm_oid", oid);
	field_str("signature_algorithm", xc_oid_name(alg->oid));
	field_str("signature_hash_algorithm", xc_sigalg_hash_name(alg));
	field_hex("signature", signature);
}

static void field_pubkey(xc_slice spki_raw)
{
	xc_spki k;
	xc_err e = xc_spki_parse(&k, spki_raw, spki_raw.p, NULL);
	key("public_key");
	if (json) {
		if (e) {
			json_err(e);
			return;
		}
		fputs("{\"algorithm\": ", stdout);
		json_cstr(xc_key_type_name(k.type));
		if (k.bits)
			printf(", \"key_size\": %zu", k.bits);
		else
			fputs(", \"key_size\": null", stdout);
		fputs(", \"curve\": ", stdout);
		json_cstr(k.type == XC_KEY_EC ? xc_oid_name(k.curve_oid) : NULL);
		putchar('}');
		return;
	}
	if (e) {
		printf("(error: %s)\n", xc_strerror(e));
		return;
	}
	printf("%s", xc_key_type_name(k.type));
	if (k.bits)
		printf(" %zu bits", k.bits);
	if (k.type == XC_KEY_EC)
		printf(" %s", xc_oid_name(k.curve_oid) ? xc_oid_name(k.curve_oid) : "unknown curve");
	putchar('\n');
}

static void field_exts(const char *k, xc_slice exts)
{
	xc_ext_iter it;
	xc_ext x;
	char oid[XC_OID_DOTTED_MAX];
	bool first = true;

	key(k);
	if (json)
		putchar('[');
	else
		putchar('\n');
	xc_ext_iter_init(&it, exts);
	while (exts.p && xc_ext_next(&it, &x) == XC_OK) {
		xc_oid_to_dotted(x.oid, oid, sizeof oid, NULL);
		if (json) {
			printf("%s{\"oid\": \"%s\", \"critical\": %s, \"value\": ", first ? "" : ", ",
			       oid, x.critical ? "true" : "false");
			json_hex(x.value);
			putchar('}');
		} else {
			const char *name = xc_oid_name(x.oid);
			printf("    %s (%s)%s: ", name ? name : oid, oid, x.critical ? " critical" : "");
			print_hex(x.value);
			putchar('\n');
		}
		first = false;
	}
	if (json)
		putchar(']');
}

/* ---- objects ----------------------------------------------------------- */

static void begin(const char *file, size_t index, const char *type)
{
	if (json) {
		printf("{\"file\": ");
		json_cstr(file);
		printf(", \"index\": %zu, \"type\": \"%s\"", index, type);
		first_field = false;
	} else {
		printf("%s [%zu] %s\n", file, index, type);
	}
}

static void end(void)
{
	if (json)
		puts("}");
	else
		putchar('\n');
}

static void failed(xc_err e, size_t off)
{
	if (json)
		printf(", \"error\": \"%s\", \"offset\": %zu", xc_errname(e), off);
	else
		printf("  error: %s at byte %zu\n", xc_strerror(e), off);
}

static void common(xc_slice der, xc_slice tbs, int64_t version, const char *vname)
{
	uint8_t md[32];
	if (json)
		printf(", \"error\": null, \"offset\": null");
	if (json)
		field_int("version", version);
	else {
		key("version");
		if (vname)
			fputs(vname, stdout);
		else
			printf("unknown(%" PRId64 ")", version);
		end_field();
	}
	if (xc_fingerprint(XC_HASH_SHA256, tbs, md, sizeof md) == XC_OK)
		field_hex("tbs_bytes_sha256", xc_slice_make(md, sizeof md));
	field_digest("fingerprint_sha256", XC_HASH_SHA256, der);
	field_digest("fingerprint_sha1", XC_HASH_SHA1, der);
	if (!json) {
		field_digest("fingerprint_md5", XC_HASH_MD5, der);
		field_digest("fingerprint_sha512", XC_HASH_SHA512, der);
	}
}

static int dump_cert(const char *file, size_t index, const uint8_t *der, size_t len)
{
	xc_cert c;
	size_t off;
	xc_err e = xc_cert_parse(&c, der, len, &off);

	begin(file, index, "certificate");
	if (e) {
		failed(e, off);
		end();
		return 1;
	}
	common(c.der, c.tbs, c.version, xc_version_name(c.version));
	field_serial("serial_number", c.serial);
	field_sigalg(&c.sig_alg, c.signature);
	field_name("issuer", c.issuer);
	field_name_attrs("issuer_attributes", c.issuer);
	field_time("not_valid_before", &c.not_before);
	field_time("not_valid_after", &c.not_after);
	field_name("subject", c.subject);
	field_name_attrs("subject_attributes", c.subject);
	field_pubkey(c.spki);
	field_exts("extensions", c.extensions);
	end();
	return 0;
}

static void field_revoked(const xc_crl *crl)
{
	xc_revoked_iter it;
	xc_revoked r;
	char t[XC_TIME_STR];
	bool first = true;

	key("revoked");
	if (json)
		putchar('[');
	else
		printf("%zu\n", crl->revoked_count);
	xc_revoked_iter_init(&it, crl);
	while (crl->revoked.p && xc_revoked_next(&it, &r) == XC_OK) {
		char serial[XC_INT_DEC_MAX(256)];
		if (xc_int_to_dec(r.serial, serial, sizeof serial, NULL))
			strcpy(serial, "?");
		xc_time_format(&r.revocation_date, t, sizeof t);
		if (json) {
			printf("%s{\"serial_number\": \"%s\", \"revocation_date\": \"%s\"", first ? "" : ", ",
			       serial, t);
			first_field = false;
			field_exts("extensions", r.extensions);
			putchar('}');
		} else {
			printf("    serial %s revoked %s\n", serial, t);
			if (r.extensions.p) {
				printf("  ");
				field_exts("extensions", r.extensions);
			}
		}
		first = false;
	}
	if (json)
		putchar(']');
}

static int dump_crl(const char *file, size_t index, const uint8_t *der, size_t len)
{
	xc_crl crl;
	size_t off;
	xc_err e = xc_crl_parse(&crl, der, len, &off);

	begin(file, index, "crl");
	if (e) {
		failed(e, off);
		end();
		return 1;
	}
	common(crl.der, crl.tbs, crl.version, xc_crl_version_name(&crl));
	field_sigalg(&crl.sig_alg, crl.signature);
	field_name("issuer", crl.issuer);
	field_name_attrs("issuer_attributes", crl.issuer);
	field_time("last_update", &crl.last_update);
	if (crl.has_next_update)
		field_time("next_update", &crl.next_update);
	else
		field_str("next_update", NULL);
	field_exts("extensions", crl.extensions);
	field_revoked(&crl);
	end();
	return 0;
}

static void field_attrs(const xc_csr *csr)
{
	xc_csr_attr_iter it;
	xc_csr_attr a;
	char oid[XC_OID_DOTTED_MAX];
	bool first = true;

	key("attributes");
	if (json)
		putchar('[');
	else
		putchar('\n');
	xc_csr_attr_iter_init(&it, csr);
	while (xc_csr_attr_next(&it, &a) == XC_OK) {
		xc_oid_to_dotted(a.oid, oid, sizeof oid, NULL);
		if (json) {
			printf("%s{\"oid\": \"%s\", \"tag\": %" PRIu32 ", \"value\": ", first ? "" : ", ",
			       oid, a.tag);
			json_hex(a.value);
			putchar('}');
		} else {
			const char *name = xc_oid_name(a.oid);
			printf("    %s (%s): ", name ? name : oid, oid);
			print_hex(a.value);
			putchar('\n');
		}
		first = false;
	}
	if (json)
		putchar(']');
}

static int dump_csr(const char *file, size_t index, const uint8_t *der, size_t len)
{
	xc_csr csr;
	size_t off;
	xc_slice exts = { NULL, 0 };
	xc_err e = xc_csr_parse(&csr, der, len, &off);

	begin(file, index, "csr");
	if (e) {
		failed(e, off);
		end();
		return 1;
	}
	common(csr.der, csr.tbs, csr.version, xc_csr_version_name(&csr));
	field_sigalg(&csr.sig_alg, csr.signature);
	field_name("subject", csr.subject);
	field_name_attrs("subject_attributes", csr.subject);
	field_pubkey(csr.spki);
	field_attrs(&csr);
	e = xc_csr_extensions(&csr, &exts, NULL, NULL);
	if (e == XC_OK || e == XC_NOT_FOUND) {
		field_exts("extensions", exts);
	} else {
		key("extensions");
		if (json)
			json_err(e);
		else
			printf("(error: %s)\n", xc_strerror(e));
	}
	end();
	return 0;
}

static int dump_der(const char *file, size_t index, obj_type t, const uint8_t *der, size_t len)
{
	switch (t) {
	case T_CERT: return dump_cert(file, index, der, len);
	case T_CRL: return dump_crl(file, index, der, len);
	case T_CSR: return dump_csr(file, index, der, len);
	case T_ANY: break;
	}
	/* Unknown DER: the first type that parses. */
	xc_cert c;
	xc_crl crl;
	xc_csr csr;
	if (xc_cert_parse(&c, der, len, NULL) == XC_OK)
		return dump_cert(file, index, der, len);
	if (xc_crl_parse(&crl, der, len, NULL) == XC_OK)
		return dump_crl(file, index, der, len);
	if (xc_csr_parse(&csr, der, len, NULL) == XC_OK)
		return dump_csr(file, index, der, len);
	return dump_cert(file, index, der, len);
}

static int dump_pem(const char *file, uint8_t *buf, size_t len, obj_type only)
{
	xc_pem_iter it;
	xc_pem_block b;
	size_t off, index = 0;
	int rc = 0;
	xc_err e;

	xc_pem_iter_init(&it, buf, len);
	while ((e = xc_pem_next(&it, &b, &off)) != XC_END) {
		obj_type t;
		if (e) {
			if (!json)
				printf("%s: PEM error: %s at byte %zu\n", file, xc_strerror(e), off);
			rc = 1;
			continue;
		}
		if (b.kind == XC_PEM_CERTIFICATE || b.kind == XC_PEM_TRUSTED_CERTIFICATE)
			t = T_CERT;
		else if (b.kind == XC_PEM_CRL)
			t = T_CRL;
		else if (b.kind == XC_PEM_CSR)
			t = T_CSR;
		else
			continue;
		if (only != T_ANY && t != only)
			continue;
		/* Decode in place: the block's own text becomes its DER. */
		uint8_t *out = buf + (b.body.p - buf);
		size_t n;
		if ((e = xc_pem_decode(b.body, out, b.body.len, &n, &off))) {
			begin(file, index++, t == T_CERT ? "certificate" : t == T_CRL ? "crl" : "csr");
			failed(e, (size_t)(b.body.p - buf) + off);
			end();
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
		rc |= dump_der(file, index++, t, out, n);
	}
	return rc;
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 65536, n = 0, r;
	uint8_t *buf = malloc(cap);
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap *= 2);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	fclose(f);
	*len = n;
	return buf;
}

static void usage(FILE *to)
{
	fputs("usage: certdump [--json] [--type certificate|crl|csr] FILE...\n"
	      "Prints every field of the certificates, CRLs and CSRs in each FILE\n"
	      "(PEM with any number of blocks, or one DER object).\n", to);
}

int main(int argc, char **argv)
{
	obj_type type = T_ANY;
	int rc = 0, i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--type") && i + 1 < argc) {
			const char *t = argv[++i];
			if (!strcmp(t, "certificate"))
				type = T_CERT;
			else if (!strcmp(t, "crl"))
				type = T_CRL;
			else if (!strcmp(t, "csr"))
				type = T_CSR;
			else {
				usage(stderr);
				return 2;
			}
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
			printf("certdump %s\n", XC_VERSION);
			return 0;
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (i == argc) {
		usage(stderr);
		return 2;
	}
	for (; i < argc; i++) {
		size_t len;
		uint8_t *buf = read_file(argv[i], &len);
		if (!buf) {
			fprintf(stderr, "certdump: %s: %s\n", argv[i], strerror(errno));
			rc = 2;
			continue;
		}
		if (xc_pem_detect(buf, len))
			rc |= dump_pem(argv[i], buf, len, type);
		else
			rc |= dump_der(argv[i], 0, type, buf, len);
		free(buf);
		fflush(stdout);
	}
	return rc;
}
