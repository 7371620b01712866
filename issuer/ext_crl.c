/*
 * issuer/ext_crl.c - the CRL's extensions (CRLNumber, DeltaCRLIndicator,
 * IssuingDistributionPoint), a revoked entry's (--revoke) and serial
 * numbers (ext.h, ext_inner.h).
 */
#include <string.h>

#include <xc/ext_dp.h>

#include "dn.h"
#include "ext.h"
#include "ext_inner.h"
#include "gn.h"
#include "when.h"

/* CRLNumber, DeltaCRLIndicator ::= INTEGER (0..MAX), 20 octets at most
 * (RFC 5280 5.2.3). */
int ci_enc_crl_number(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	uint8_t mag[20];
	size_t len;

	(void)n;
	if (ci_bigint_parse(v[0], mag, &len))
		return ci_fail(m, "'%s': not a number of at most 20 octets (decimal or 0x-hex)", v[0]);
	ci_der_uint(w, mag, len);
	return 0;
}

/* ReasonFlags from reason names joined by ':'. Bits 1..6 are CRLReason
 * 1..6; privilegeWithdrawn (CRLReason 9) is bit 7 and aACompromise (10)
 * bit 8; unspecified (0) and removeFromCRL (8) are no flags (RFC 5280
 * 4.2.1.13, 5.3.1). */
static int reason_flags(const char *s, size_t len, uint32_t *bits, ci_msg *m)
{
	*bits = 0;
	while (len) {
		const char *c = memchr(s, ':', len);
		size_t k = c ? (size_t)(c - s) : len;
		int r = ci_reason_value(s, k);

		if (r <= 0 || r == 8)
			return ci_fail(m, "'%.*s': not a reason flag (key-compromise, ca-compromise, "
				       "affiliation-changed, superseded, cessation-of-operation, "
				       "certificate-hold, privilege-withdrawn, aa-compromise)", (int)k, s);
		*bits |= 1u << (r <= 6 ? r : r - 2);
		s += k + (c != NULL);
		len -= k + (c != NULL);
	}
	return 0;
}

/* full=URI[,full=URI...][,only-user|only-ca|only-attribute|indirect]
 * [,reasons=R:R...]: at most one of the four flags, and something set
 * (pyca's IssuingDistributionPoint rules). A full= value may also be
 * TYPE:VALUE; it must not contain a comma. */
int ci_enc_idp(ci_der *w, const char *const *v, size_t n, ci_msg *m)
{
	static const char *const flags[] = { "only-user", "only-ca", "indirect", "only-attribute" };
	static const uint8_t flag_tag[] = { 1, 2, 4, 5 };
	const char *p = v[0], *k, *val;
	size_t kl, vl, full = 0;
	int flag = -1;
	uint32_t reasons = 0;
	bool has_reasons = false;

	(void)n;
	while (ci_next_item(&p, &k, &kl, &val, &vl)) {
		size_t f;

		for (f = 0; f < 4; f++)
			if (ci_name_eq(k, kl, flags[f]) && !val)
				break;
		if (f < 4) {
			if (flag >= 0)
				return ci_fail(m, "only one of only-user, only-ca, indirect, only-attribute");
			flag = (int)f;
		} else if (ci_name_eq(k, kl, "full") && val && vl) {
			full++;
		} else if (ci_name_eq(k, kl, "reasons") && val) {
			if (reason_flags(val, vl, &reasons, m))
				return -1;
			has_reasons = true;
		} else {
			return ci_fail(m, "'%.*s': expected full=URI, only-user, only-ca, only-attribute, "
				       "indirect or reasons=R:R", (int)kl, k);
		}
	}
	if (flag < 0 && !full && !has_reasons)
		return ci_fail(m, "nothing set (full=URI, a flag or reasons=)");
	ci_der_begin(w, CI_TAG_SEQUENCE);
	if (full) {
		ci_der_begin(w, CI_TAG_CTX_CONS(0));
		ci_der_begin(w, CI_TAG_CTX_CONS(0));
		for (p = v[0]; ci_next_item(&p, &k, &kl, &val, &vl);) {
			char loc[2048];

			if (!ci_name_eq(k, kl, "full") || !val)
				continue;
			if (vl >= sizeof(loc))
				return ci_fail(m, "full=: too long");
			memcpy(loc, val, vl);
			loc[vl] = 0;
			if (ci_location_write(w, loc, m))
				return -1;
		}
		ci_der_end(w);
		ci_der_end(w);
	}
	if (flag >= 0 && flag < 2)
		ci_der_tlv(w, CI_TAG_CTX(flag_tag[flag]), "\xff", 1);
	if (has_reasons)
		ci_der_named_bits_tag(w, CI_TAG_CTX(3), reasons);
	if (flag >= 2)
		ci_der_tlv(w, CI_TAG_CTX(flag_tag[flag]), "\xff", 1);
	ci_der_end(w);
	return 0;
}

int ci_serial_parse(const char *text, uint8_t out[20], size_t *len, ci_msg *m)
{
	if (ci_bigint_parse(text, out, len))
		return ci_fail(m, "'%s': not a serial number (decimal, 0x-hex or hex pairs with ':', "
			       "at most 20 octets)", text);
	if (!*len)
		return ci_fail(m, "'%s': a serial number must be positive (RFC 5280 4.1.2.2)", text);
	return 0;
}

int ci_revoke_parse(ci_revoke *r, const char *text, int64_t now, ci_msg *m)
{
	char serial[128];
	const char *comma = strchr(text, ','), *p, *k, *val;
	size_t sl = comma ? (size_t)(comma - text) : strlen(text), kl, vl;

	memset(r, 0, sizeof(*r));
	r->date = now;
	r->reason = -1;
	r->invalidity = -1;
	if (sl >= sizeof(serial))
		return ci_fail(m, "'%.*s': not a serial number", (int)sl, text);
	memcpy(serial, text, sl);
	serial[sl] = 0;
	if (ci_serial_parse(serial, r->serial, &r->serial_len, m))
		return -1;
	p = comma ? comma + 1 : "";
	while (*p) {
		char t[64];

		if (!strncmp(p, "issuer=", 7)) {
			/* A DN has commas: issuer= takes the rest. */
			ci_der probe;
			uint8_t buf[2048];

			ci_der_init(&probe, buf, sizeof(buf));
			if (ci_dn_write(&probe, p + 7, m))
				return ci_fail_ctx(m, "issuer=: ");
			r->issuer_dn = p + 7;
			break;
		}
		ci_next_item(&p, &k, &kl, &val, &vl);
		if (!val)
			return ci_fail(m, "'%.*s': expected reason=R, date=T, invalidity=T or issuer=DN",
				       (int)kl, k);
		if (ci_name_eq(k, kl, "reason")) {
			r->reason = ci_reason_value(val, vl);
			if (r->reason < 0)
				return ci_fail(m, "reason=%.*s: unknown (unspecified, key-compromise, "
					       "ca-compromise, affiliation-changed, superseded, "
					       "cessation-of-operation, certificate-hold, remove-from-crl, "
					       "privilege-withdrawn, aa-compromise)", (int)vl, val);
			continue;
		}
		if (vl >= sizeof(t))
			return ci_fail(m, "%.*s=: not a time", (int)kl, k);
		memcpy(t, val, vl);
		t[vl] = 0;
		if (ci_name_eq(k, kl, "date")) {
			if (ci_when_parse(t, now, &r->date, m))
				return ci_fail_ctx(m, "date=");
		} else if (ci_name_eq(k, kl, "invalidity")) {
			if (ci_when_parse(t, now, &r->invalidity, m))
				return ci_fail_ctx(m, "invalidity=");
			r->has_invalidity = true;
		} else {
			return ci_fail(m, "'%.*s': expected reason=R, date=T, invalidity=T or issuer=DN",
				       (int)kl, k);
		}
	}
	return 0;
}

static void ext_begin(ci_der *w, const char *oid, bool critical)
{
	ci_der_begin(w, CI_TAG_SEQUENCE);
	ci_der_oid(w, oid);
	if (critical)
		ci_der_bool(w, true);
	ci_der_begin(w, CI_TAG_OCTET_STRING);
}

static void ext_end(ci_der *w)
{
	ci_der_end(w);
	ci_der_end(w);
}

int ci_revoke_write_exts(const ci_revoke *r, ci_der *w, ci_msg *m)
{
	if (r->reason < 0 && !r->has_invalidity && !r->issuer_dn)
		return 0;
	ci_der_begin(w, CI_TAG_SEQUENCE);
	if (r->reason >= 0) {
		ext_begin(w, "2.5.29.21", false);
		ci_der_int_tag(w, CI_TAG_ENUMERATED, r->reason);
		ext_end(w);
	}
	if (r->has_invalidity) {
		ext_begin(w, "2.5.29.24", false);
		ci_der_gentime(w, r->invalidity);      /* RFC 5280 5.3.2: GeneralizedTime */
		ext_end(w);
	}
	if (r->issuer_dn) {
		/* RFC 5280 5.3.3: certificateIssuer MUST be critical. */
		ext_begin(w, "2.5.29.29", true);
		ci_der_begin(w, CI_TAG_SEQUENCE);
		ci_der_begin(w, CI_TAG_CTX_CONS(4));
		if (ci_dn_write(w, r->issuer_dn, m))
			return ci_fail_ctx(m, "issuer=: ");
		ci_der_end(w);
		ci_der_end(w);
		ext_end(w);
	}
	ci_der_end(w);
	if (w->err)
		return ci_fail(m, "CRL entry extensions: %s", ci_der_err_name(w->err));
	return 0;
}
