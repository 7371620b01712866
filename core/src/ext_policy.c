/* CertificatePolicies: see xc/ext_policy.h. */
#include "inner.h"

/* Every byte within [lo, hi]: IA5String and VisibleString alphabets. */
static bool bytes_in(xc_slice s, uint8_t lo, uint8_t hi)
{
	for (size_t i = 0; i < s.len; i++)
		if (s.p[i] < lo || s.p[i] > hi)
			return false;
	return true;
}

/* Strict UTF-8 (RFC 3629): no overlong forms, surrogates or > U+10FFFF. */
static bool utf8_ok(xc_slice s)
{
	size_t i = 0;

	while (i < s.len) {
		uint8_t c = s.p[i];
		uint8_t lo = 0x80, hi = 0xbf;
		size_t n;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else {
			return false;
		}
		if (s.len - i - 1 < n || s.p[i + 1] < lo || s.p[i + 1] > hi)
			return false;
		for (size_t k = 2; k <= n; k++)
			if ((s.p[i + k] & 0xc0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}

/* UTF-16BE with every surrogate in a proper pair. */
static bool bmp_ok(xc_slice s)
{
	if (s.len % 2)
		return false;
	for (size_t i = 0; i < s.len; i += 2) {
		unsigned u = (unsigned)s.p[i] << 8 | s.p[i + 1];
		if (u >= 0xdc00 && u <= 0xdfff)
			return false;
		if (u >= 0xd800 && u <= 0xdbff) {
			if (i + 3 >= s.len)
				return false;
			u = (unsigned)s.p[i + 2] << 8 | s.p[i + 3];
			if (u < 0xdc00 || u > 0xdfff)
				return false;
			i += 2;
		}
	}
	return true;
}

/* A DisplayText: one of four string types, each checked as pyca's ASN.1
 * reader checks it, so xc_string_to_utf8 cannot fail on it later. */
static xc_err read_display_text(xc_der *d, xc_display_text *out)
{
	xc_tlv t;
	bool ok;
	xc_err e;

	if ((e = xc_der_read(d, &t)))
		return e;
	switch (t.tag) {
	case XC_TAG_IA5_STRING:
		ok = bytes_in(t.value, 0x00, 0x7f);
		break;
	case XC_TAG_VISIBLE_STRING:
		ok = bytes_in(t.value, 0x20, 0x7e);
		break;
	case XC_TAG_UTF8_STRING:
		ok = utf8_ok(t.value);
		break;
	case XC_TAG_BMP_STRING:
		ok = bmp_ok(t.value);
		break;
	default:
		return xc_der_fail(d, XC_ERR_TAG, t.raw.p);
	}
	if (!ok)
		return xc_der_fail(d, XC_ERR_STRING, t.raw.p);
	out->tag = t.tag;
	out->value = t.value;
	return XC_OK;
}

/* One noticeNumber: pyca reads them as unsigned big integers. */
static xc_err read_notice_number(xc_der *d, void *item)
{
	xc_slice *n = item;
	xc_err e;

	if ((e = xc_der_read_int(d, n)))
		return e;
	if (xc_int_negative(*n))
		return xc_der_fail(d, XC_ERR_INT_RANGE, n->p);
	return XC_OK;
}

/* UserNotice's contents: an optional NoticeReference, optional text. */
static xc_err read_user_notice(xc_der *un, xc_qualifier *out)
{
	xc_der nr, nums;
	xc_slice n;
	xc_err e;

	if (xc_der_peek(un, XC_TAG_SEQUENCE)) {
		out->has_notice_ref = true;
		if ((e = xc_der_enter(un, XC_TAG_SEQUENCE, &nr)) ||
		    (e = read_display_text(&nr, &out->organization)) ||
		    (e = xc_der_enter(&nr, XC_TAG_SEQUENCE, &nums)))
			return e;
		out->notice_numbers = xc_slice_make(nums.p, (size_t)(nums.end - nums.p));
		if ((e = xc_der_each(&nums, read_notice_number, &n, &out->notice_number_count)))
			return e;
		if ((e = xc_der_finish(&nr)))
			return e;
	}
	if (xc_der_more(un)) {
		out->has_explicit_text = true;
		if ((e = read_display_text(un, &out->explicit_text)))
			return e;
	}
	return xc_der_finish(un);
}

/*
 * One PolicyQualifierInfo. Like pyca, the form is picked by the tag and
 * the identifier must then agree with it.
 */
static xc_err read_qualifier(xc_der *d, void *item)
{
	xc_qualifier *out = item;
	xc_der in, un;
	xc_tlv t;
	xc_err e;

	memset(out, 0, sizeof(*out));
	if ((e = xc_der_enter(d, XC_TAG_SEQUENCE, &in)) || (e = xc_der_read_oid(&in, &out->oid)) ||
	    (e = xc_der_read(&in, &t)))
		return e;
	switch (t.tag) {
	case XC_TAG_IA5_STRING:
		out->type = XC_QUALIFIER_CPS_URI;
		out->cps_uri = t.value;
		if (!bytes_in(t.value, 0x00, 0x7f))
			return xc_der_fail(&in, XC_ERR_STRING, t.raw.p);
		if (!xc_oid_is(out->oid, XC_OID_CPS_QUALIFIER))
			return xc_der_fail(&in, XC_ERR_EXT_VALUE, out->oid.p);
		break;
	case XC_TAG_SEQUENCE:
		out->type = XC_QUALIFIER_USER_NOTICE;
		xc_der_init_at(&un, t.value, in.base);
		un.parent = &in;
		if ((e = read_user_notice(&un, out)))
			return e;
		if (!xc_oid_is(out->oid, XC_OID_CPS_USER_NOTICE))
			return xc_der_fail(&in, XC_ERR_EXT_VALUE, out->oid.p);
		break;
	default:
		return xc_der_fail(&in, XC_ERR_TAG, t.raw.p);
	}
	return xc_der_finish(&in);
}

/* One PolicyInformation, its qualifiers checked. */
static xc_err read_policy(xc_der *d, void *item)
{
	xc_policy_info *out = item;
	xc_der in, q;
	xc_qualifier tmp;
	xc_err e;

	memset(out, 0, sizeof(*out));
	if ((e = xc_der_enter(d, XC_TAG_SEQUENCE, &in)) || (e = xc_der_read_oid(&in, &out->oid)))
		return e;
	if (xc_der_peek(&in, XC_TAG_SEQUENCE)) {
		out->has_qualifiers = true;
		if ((e = xc_der_enter(&in, XC_TAG_SEQUENCE, &q)))
			return e;
		out->qualifiers = xc_slice_make(q.p, (size_t)(q.end - q.p));
		if ((e = xc_der_each(&q, read_qualifier, &tmp, &out->qualifier_count)))
			return e;
	}
	return xc_der_finish(&in);
}

/* see xc/ext_policy.h */
xc_err xc_policies_decode(xc_policies *out, xc_slice value, const uint8_t *base, size_t *off)
{
	xc_der d;
	xc_policy_info p;
	xc_err e;

	memset(out, 0, sizeof(*out));
	xc_der_init_at(&d, value, base ? base : value.p);
	if ((e = xc_der_seq_of(&d, read_policy, &p, &out->list, &out->count)))
		return xc__report(&d, e, off);
	return xc__report(&d, xc_der_finish(&d), off);
}

/* see xc/ext_policy.h */
void xc_policy_iter_init(xc_policy_iter *it, xc_slice list)
{
	xc_der_init(&it->d, list.p, list.len);
}

/* see xc/ext_policy.h */
xc_err xc_policy_next(xc_policy_iter *it, xc_policy_info *out)
{
	return xc_der_seq_next(&it->d, read_policy, out);
}

/* see xc/ext_policy.h */
void xc_qualifier_iter_init(xc_qualifier_iter *it, xc_slice qualifiers)
{
	xc_der_init(&it->d, qualifiers.p, qualifiers.len);
}

/* see xc/ext_policy.h */
xc_err xc_qualifier_next(xc_qualifier_iter *it, xc_qualifier *out)
{
	return xc_der_seq_next(&it->d, read_qualifier, out);
}

/* see xc/ext_policy.h */
void xc_notice_number_iter_init(xc_notice_number_iter *it, xc_slice numbers)
{
	xc_der_init(&it->d, numbers.p, numbers.len);
}

/* see xc/ext_policy.h */
xc_err xc_notice_number_next(xc_notice_number_iter *it, xc_slice *number)
{
	return xc_der_seq_next(&it->d, read_notice_number, number);
}
