/*
 * walk_obj.c - certificates, CRLs and CSRs (fuzz.h): parse twice, compare
 * the two results field by field, then walk every field.
 *
 * Compared field by field rather than with memcmp(): struct padding is not
 * part of the contract.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* xc_crl_find_revoked is a linear scan: look up the first entries only. */
#define FIND_MAX 64

#define SAME(a, b, f) FZ_CHECK((a)->f.p == (b)->f.p && (a)->f.len == (b)->f.len)

static void same_time(const xc_time *a, const xc_time *b)
{
	FZ_CHECK(a->epoch == b->epoch && a->year == b->year &&
	         a->month == b->month && a->day == b->day &&
	         a->hour == b->hour && a->minute == b->minute &&
	         a->second == b->second && a->tag == b->tag);
}

static void same_algid(const xc_algid *a, const xc_algid *b)
{
	SAME(a, b, raw);
	SAME(a, b, oid);
	SAME(a, b, params);
}

/* The object fills the input exactly, and its signed part lies inside. */
static void whole(const fz_buf *b, xc_slice der, xc_slice tbs)
{
	FZ_CHECK(der.p == b->p && der.len == b->len);
	fz_within(der, tbs);
}

static void check_cert(const fz_buf *b, const xc_cert *c)
{
	whole(b, c->der, c->tbs);
	fz_in(b, c->serial);
	fz_in(b, c->issuer);
	fz_in(b, c->issuer_raw);
	fz_in(b, c->subject);
	fz_in(b, c->subject_raw);
	fz_in(b, c->spki);
	fz_in(b, c->issuer_uid);
	fz_in(b, c->subject_uid);
	fz_in(b, c->extensions);
	fz_in(b, c->signature);
	fz_within(c->tbs, c->issuer_raw);
	fz_within(c->issuer_raw, c->issuer);
	fz_within(c->tbs, c->subject_raw);
	fz_within(c->subject_raw, c->subject);
	fz_within(c->tbs, c->spki);

	FZ_CHECK(xc_der_check_int(c->serial) == XC_OK);
	fz_walk_int(b, c->serial);
	fz_walk_algid(b, &c->tbs_sig_alg);
	fz_walk_algid(b, &c->sig_alg);
	fz_walk_name(b, c->issuer);
	fz_walk_name(b, c->subject);
	fz_walk_time(&c->not_before);
	fz_walk_time(&c->not_after);
	fz_walk_spki(b, c->spki);
	fz_walk_exts(b, c->extensions, c->ext_count);
	if (c->version >= 0 && c->version <= 2)
		FZ_CHECK(xc_version_name(c->version) != NULL);
	else
		FZ_CHECK(xc_version_name(c->version) == NULL);
	fz_walk_fingerprints(c->der);
}

/* See fuzz.h. */
xc_err fz_cert(const uint8_t *p, size_t len)
{
	fz_buf b = { p, len };
	xc_cert c, c2;
	size_t off = SIZE_MAX, off2 = SIZE_MAX;
	xc_err e, e2;

	memset(&c, 0, sizeof(c));
	memset(&c2, 0xff, sizeof(c2));
	e = xc_cert_parse(&c, p, len, &off);
	e2 = xc_cert_parse(&c2, p, len, &off2);
	FZ_CHECK(e == e2);
	FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
	if (e != XC_OK) {
		fz_off(e, off, len);
		FZ_CHECK(off == off2);
		return e;
	}
	SAME(&c, &c2, der);
	SAME(&c, &c2, tbs);
	FZ_CHECK(c.version == c2.version);
	SAME(&c, &c2, serial);
	same_algid(&c.tbs_sig_alg, &c2.tbs_sig_alg);
	SAME(&c, &c2, issuer);
	SAME(&c, &c2, issuer_raw);
	same_time(&c.not_before, &c2.not_before);
	same_time(&c.not_after, &c2.not_after);
	SAME(&c, &c2, subject);
	SAME(&c, &c2, subject_raw);
	SAME(&c, &c2, spki);
	SAME(&c, &c2, issuer_uid);
	SAME(&c, &c2, subject_uid);
	SAME(&c, &c2, extensions);
	FZ_CHECK(c.ext_count == c2.ext_count);
	same_algid(&c.sig_alg, &c2.sig_alg);
	SAME(&c, &c2, signature);
	check_cert(&b, &c);
	return e;
}

static void same_revoked(const xc_revoked *a, const xc_revoked *b)
{
	SAME(a, b, raw);
	SAME(a, b, serial);
	same_time(&a->revocation_date, &b->revocation_date);
	SAME(a, b, extensions);
	FZ_CHECK(a->ext_count == b->ext_count);
}

static void walk_revoked(const fz_buf *b, const xc_crl *crl)
{
	xc_revoked_iter it, it2;
	xc_revoked r, first, found;
	size_t n = 0;
	xc_err e;

	if (!crl->revoked.p) {
		FZ_CHECK(crl->revoked_count == 0);
		return;
	}
	fz_within(crl->tbs, crl->revoked);
	xc_revoked_iter_init(&it, crl);
	while ((e = xc_revoked_next(&it, &r)) == XC_OK) {
		FZ_CHECK(n < crl->revoked_count);
		fz_within(crl->revoked, r.raw);
		fz_within(r.raw, r.serial);
		if (r.extensions.p)
			fz_within(r.raw, r.extensions);
		FZ_CHECK(xc_der_check_int(r.serial) == XC_OK);
		fz_walk_int(b, r.serial);
		fz_walk_time(&r.revocation_date);
		fz_walk_exts(b, r.extensions, r.ext_count);

		if (n < FIND_MAX) {
			/* The lookup answers with the first entry of that serial. */
			xc_revoked_iter_init(&it2, crl);
			while (xc_revoked_next(&it2, &first) == XC_OK &&
			       !xc_slice_eq(first.serial, r.serial))
				;
			memset(&found, 0, sizeof(found));
			FZ_CHECK(xc_crl_find_revoked(crl, r.serial, &found) == XC_OK);
			same_revoked(&found, &first);
		}
		n++;
	}
	FZ_CHECK(e == XC_END);
	FZ_CHECK(n == crl->revoked_count);
}

static void check_crl(const fz_buf *b, const xc_crl *c)
{
	whole(b, c->der, c->tbs);
	fz_in(b, c->issuer);
	fz_in(b, c->issuer_raw);
	fz_in(b, c->revoked);
	fz_in(b, c->extensions);
	fz_in(b, c->signature);
	fz_within(c->tbs, c->issuer_raw);
	fz_within(c->issuer_raw, c->issuer);
	if (!c->version_present)
		FZ_CHECK(c->version == 0);

	fz_walk_algid(b, &c->tbs_sig_alg);
	fz_walk_algid(b, &c->sig_alg);
	fz_walk_name(b, c->issuer);
	fz_walk_time(&c->last_update);
	if (c->has_next_update)
		fz_walk_time(&c->next_update);
	walk_revoked(b, c);
	fz_walk_exts(b, c->extensions, c->ext_count);
	fz_walk_fingerprints(c->der);
}

/* See fuzz.h. */
xc_err fz_crl(const uint8_t *p, size_t len)
{
	fz_buf b = { p, len };
	xc_crl c, c2;
	size_t off = SIZE_MAX, off2 = SIZE_MAX;
	xc_err e, e2;

	memset(&c, 0, sizeof(c));
	memset(&c2, 0xff, sizeof(c2));
	e = xc_crl_parse(&c, p, len, &off);
	e2 = xc_crl_parse(&c2, p, len, &off2);
	FZ_CHECK(e == e2);
	FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
	if (e != XC_OK) {
		fz_off(e, off, len);
		FZ_CHECK(off == off2);
		return e;
	}
	SAME(&c, &c2, der);
	SAME(&c, &c2, tbs);
	FZ_CHECK(c.version == c2.version && c.version_present == c2.version_present);
	same_algid(&c.tbs_sig_alg, &c2.tbs_sig_alg);
	SAME(&c, &c2, issuer);
	SAME(&c, &c2, issuer_raw);
	same_time(&c.last_update, &c2.last_update);
	FZ_CHECK(c.has_next_update == c2.has_next_update);
	if (c.has_next_update)
		same_time(&c.next_update, &c2.next_update);
	SAME(&c, &c2, revoked);
	FZ_CHECK(c.revoked_count == c2.revoked_count);
	SAME(&c, &c2, extensions);
	FZ_CHECK(c.ext_count == c2.ext_count);
	same_algid(&c.sig_alg, &c2.sig_alg);
	SAME(&c, &c2, signature);
	check_crl(&b, &c);
	return e;
}

static void walk_csr_attrs(const fz_buf *b, const xc_csr *c)
{
	xc_csr_attr_iter it;
	xc_csr_attr a;
	xc_slice exts;
	size_t n = 0, count = SIZE_MAX;
	bool has_req = false;
	xc_err e;

	xc_csr_attr_iter_init(&it, c);
	while ((e = xc_csr_attr_next(&it, &a)) == XC_OK) {
		FZ_CHECK(n < c->attr_count);
		fz_within(c->attributes, a.raw);
		fz_within(a.raw, a.oid);
		fz_within(a.raw, a.values);
		FZ_CHECK(xc_der_check_oid(a.oid) == XC_OK);
		fz_walk_oid(a.oid);
		if (a.value_raw.p) {
			fz_within(a.values, a.value_raw);
			fz_within(a.value_raw, a.value);
			FZ_CHECK(a.value_raw.p == a.values.p);
			FZ_CHECK(a.value_count >= 1);
			fz_walk_string(a.tag, a.value);
		} else {
			FZ_CHECK(a.value_count == 0);
		}
		if (xc_oid_is(a.oid, XC_OID_EXTENSION_REQUEST) ||
		    xc_oid_is(a.oid, XC_OID_MS_EXTENSION_REQUEST))
			has_req = true;
		n++;
	}
	FZ_CHECK(e == XC_END);
	FZ_CHECK(n == c->attr_count);

	memset(&exts, 0, sizeof(exts));
	e = xc_csr_extensions(c, &exts, &count, NULL);
	/* The extension request is checked on this call, not at parse
	 * time, so a malformed one is an error here. */
	if (e == XC_OK) {
		FZ_CHECK(has_req);
		fz_within(c->attributes, exts);
		fz_walk_exts(b, exts, count);
	} else if (e == XC_NOT_FOUND) {
		FZ_CHECK(!has_req);
	} else {
		FZ_CHECK(has_req && e >= XC_ERR_FIRST);
	}
}

static void check_csr(const fz_buf *b, const xc_csr *c)
{
	whole(b, c->der, c->tbs);
	fz_in(b, c->subject);
	fz_in(b, c->subject_raw);
	fz_in(b, c->spki);
	fz_in(b, c->attributes);
	fz_in(b, c->signature);
	fz_within(c->tbs, c->subject_raw);
	fz_within(c->subject_raw, c->subject);
	fz_within(c->tbs, c->spki);
	if (c->attributes.p)
		fz_within(c->tbs, c->attributes);

	fz_walk_algid(b, &c->sig_alg);
	fz_walk_name(b, c->subject);
	fz_walk_spki(b, c->spki);
	walk_csr_attrs(b, c);
	fz_walk_fingerprints(c->der);
}

/* See fuzz.h. */
xc_err fz_csr(const uint8_t *p, size_t len)
{
	fz_buf b = { p, len };
	xc_csr c, c2;
	size_t off = SIZE_MAX, off2 = SIZE_MAX;
	xc_err e, e2;

	memset(&c, 0, sizeof(c));
	memset(&c2, 0xff, sizeof(c2));
	e = xc_csr_parse(&c, p, len, &off);
	e2 = xc_csr_parse(&c2, p, len, &off2);
	FZ_CHECK(e == e2);
	FZ_CHECK(e == XC_OK || e >= XC_ERR_FIRST);
	if (e != XC_OK) {
		fz_off(e, off, len);
		FZ_CHECK(off == off2);
		return e;
	}
	SAME(&c, &c2, der);
	SAME(&c, &c2, tbs);
	FZ_CHECK(c.version == c2.version);
	SAME(&c, &c2, subject);
	SAME(&c, &c2, subject_raw);
	SAME(&c, &c2, spki);
	SAME(&c, &c2, attributes);
	FZ_CHECK(c.attr_count == c2.attr_count);
	same_algid(&c.sig_alg, &c2.sig_alg);
	SAME(&c, &c2, signature);
	check_csr(&b, &c);
	return e;
}
