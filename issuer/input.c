/*
 * issuer/input.c - reading certificates, CSRs and public keys (input.h).
 */
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_all(ci_input *in, const char *path, const char *opt, ci_msg *m)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t cap = 0, n;
	uint8_t *b;

	memset(in, 0, sizeof(*in));
	if (!f)
		return ci_fail(m, "%s %s: %s", opt, path, strerror(errno));
	for (;;) {
		if (in->len == cap) {
			cap = cap ? cap * 2 : 16384;
			if (cap > (64u << 20) || !(b = realloc(in->buf, cap))) {
				if (f != stdin)
					fclose(f);
				return ci_fail(m, "%s %s: too large", opt, path);
			}
			in->buf = b;
		}
		n = fread(in->buf + in->len, 1, cap - in->len, f);
		in->len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;

		if (f != stdin)
			fclose(f);
		return ci_fail(m, "%s %s: %s", opt, path, strerror(e));
	}
	if (f != stdin)
		fclose(f);
	return 0;
}

/* Finds the first PEM block of `kind` and decodes it in place, or takes
 * the whole file as DER when it holds no PEM at all. */
static int find_der(ci_input *in, xc_pem_kind kind, const char *label, const char *path,
		    const char *opt, ci_msg *m)
{
	xc_pem_iter it;
	xc_pem_block b;
	size_t off, n;
	xc_err e;

	if (!xc_pem_detect(in->buf, in->len)) {
		in->der = xc_slice_make(in->buf, in->len);
		return 0;
	}
	xc_pem_iter_init(&it, in->buf, in->len);
	while ((e = xc_pem_next(&it, &b, &off)) != XC_END) {
		if (e != XC_OK || b.kind != kind)
			continue;
		uint8_t *out = in->buf + (b.body.p - in->buf);
		if ((e = xc_pem_decode(b.body, out, b.body.len, &n, &off)) != XC_OK)
			return ci_fail(m, "%s %s: the %s block: %s", opt, path, label,
				       xc_strerror(e));
		in->der = xc_slice_make(out, n);
		return 0;
	}
	return ci_fail(m, "%s %s: no %s PEM block", opt, path, label);
}

int ci_input_cert(ci_input *in, const char *path, const char *opt, xc_cert *c, ci_msg *m)
{
	size_t off = 0;
	xc_err e;

	if (read_all(in, path, opt, m) < 0 ||
	    find_der(in, XC_PEM_CERTIFICATE, "CERTIFICATE", path, opt, m) < 0)
		return -1;
	if ((e = xc_cert_parse(c, in->der.p, in->der.len, &off)) != XC_OK)
		return ci_fail(m, "%s %s: not a certificate: %s at byte %zu", opt, path,
			       xc_strerror(e), off);
	return 0;
}

int ci_input_csr(ci_input *in, const char *path, const char *opt, xc_csr *c, ci_msg *m)
{
	size_t off = 0;
	xc_verify_result r;
	xc_err e;

	if (read_all(in, path, opt, m) < 0 ||
	    find_der(in, XC_PEM_CSR, "CERTIFICATE REQUEST", path, opt, m) < 0)
		return -1;
	if ((e = xc_csr_parse(c, in->der.p, in->der.len, &off)) != XC_OK)
		return ci_fail(m, "%s %s: not a CSR: %s at byte %zu", opt, path,
			       xc_strerror(e), off);
	if ((r = xc_csr_verify(c)) != XC_VERIFY_VALID)
		return ci_fail(m, "%s %s: the CSR's signature does not verify (%s)", opt,
			       path, xc_verify_result_name(r));
	return 0;
}

int ci_input_spki(ci_input *in, const char *path, const char *opt, xc_slice *spki, ci_msg *m)
{
	xc_spki k;
	xc_der d;
	xc_tlv tlv;
	size_t off = 0;
	xc_err e;

	if (read_all(in, path, opt, m) < 0 ||
	    find_der(in, XC_PEM_PUBLIC_KEY, "PUBLIC KEY", path, opt, m) < 0)
		return -1;
	/* The TLV must fill the DER exactly: xc_spki_parse reads one TLV. */
	xc_der_init(&d, in->der.p, in->der.len);
	if (xc_der_read(&d, &tlv) != XC_OK || xc_der_finish(&d) != XC_OK)
		return ci_fail(m, "%s %s: not a SubjectPublicKeyInfo", opt, path);
	if ((e = xc_spki_parse(&k, in->der, NULL, &off)) != XC_OK)
		return ci_fail(m, "%s %s: not a public key: %s at byte %zu", opt, path,
			       xc_strerror(e), off);
	*spki = in->der;
	return 0;
}

void ci_input_free(ci_input *in)
{
	free(in->buf);
	memset(in, 0, sizeof(*in));
}

int ci_input_key(ci_key *k, const char *path, const char *opt, const ci_pass_src *pass,
		 ci_msg *m)
{
	if (ci_key_load(k, path, pass, m) == 0)
		return 0;
	if (strstr(m->text, path))
		return ci_fail_ctx(m, "%s: ", opt);
	return ci_fail_ctx(m, "%s %s: ", opt, path);
}
