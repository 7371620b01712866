/*
 * issuer/tbs.c - names and extensions of a TBS (tbs.h).
 */
#include "tbs.h"

#include "dn.h"

int ci_write_name(const char *text, uint8_t *buf, size_t cap, xc_slice *out, ci_msg *m)
{
	ci_der w;

	ci_der_init(&w, buf, cap);
	if (ci_dn_write(&w, text, m) < 0)
		return ci_fail_ctx(m, "--subject: ");
	if (ci_der_finish(&w) != CI_DER_OK)
		return ci_fail(m, "--subject: %s", ci_der_err_name(ci_der_finish(&w)));
	*out = ci_der_out(&w);
	return 0;
}

int ci_write_exts(ci_exts *e, uint8_t *buf, size_t cap, xc_slice subject_spki,
		  xc_slice issuer_spki, xc_slice issuer_ski, bool ca_issued,
		  bool subject_empty, xc_slice *out, ci_msg *m)
{
	ci_der w;

	ci_der_init(&w, buf, cap);
	if (ci_exts_write(e, &w, subject_spki, issuer_spki, issuer_ski, ca_issued,
			  subject_empty, m) < 0)
		return -1;
	if (ci_der_finish(&w) != CI_DER_OK)
		return ci_fail(m, "the extensions: %s", ci_der_err_name(ci_der_finish(&w)));
	*out = ci_der_out(&w);
	return 0;
}

int ci_apply_ext_options(ci_exts *e, const ci_args *a, ci_msg *m)
{
	for (size_t i = 0; i < a->ext_count; i++)
		if (ci_exts_option(e, a->ext[i].name, a->ext[i].value, m) < 0)
			return -1;
	return 0;
}

int ci_tbs_end(ci_der *tbs, uint8_t ext_tag, xc_slice exts, const char *what, ci_msg *m)
{
	if (exts.len) {
		ci_der_begin(tbs, ext_tag);
		ci_der_raw(tbs, exts.p, exts.len);
		ci_der_end(tbs);
	}
	ci_der_end(tbs);
	if (ci_der_finish(tbs) != CI_DER_OK)
		return ci_fail(m, "internal error: the %s: %s", what,
			       ci_der_err_name(ci_der_finish(tbs)));
	return 0;
}
