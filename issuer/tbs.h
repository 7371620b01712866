/*
 * issuer/tbs.h - the parts of a to-be-signed structure that the commands
 * write the same way: a Name from --subject, the extensions (ext.h) into a
 * buffer of their own (so that an empty set can be left out: the caller
 * wraps a non-empty one in [3], [0] or the extensionRequest attribute),
 * and the explicit extension options replayed into a ci_exts after the
 * profile's defaults and a CSR's copied extensions (opt.h).
 */
#ifndef CI_TBS_H
#define CI_TBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xc/slice.h>

#include "ext.h"
#include "msg.h"
#include "opt.h"

#define CI_NAME_BUF 16384                       /* one Name */
#define CI_EXTS_BUF (CI_EXT_POOL + 16384)       /* the values plus their headers, SKI, AKI */

/* The Name TLV of RFC 4514 `text` (dn.h) into buf; *out is it. Messages
 * start with "--subject: ". */
int ci_write_name(const char *text, uint8_t *buf, size_t cap, xc_slice *out, ci_msg *m);

/* ci_exts_write into buf; *out is the SEQUENCE OF Extension TLV, empty if
 * there are none. */
int ci_write_exts(ci_exts *e, uint8_t *buf, size_t cap, xc_slice subject_spki,
		  xc_slice issuer_spki, xc_slice issuer_ski, bool ca_issued,
		  bool subject_empty, xc_slice *out, ci_msg *m);

/* Closes a TBS: a non-empty `exts` wrapped in the constructed tag
 * `ext_tag` ([3] in a certificate, [0] in a CRL), then the outer
 * SEQUENCE; the writer's first error, if any, is an internal error naming
 * `what` ("TBSCertificate"). */
int ci_tbs_end(ci_der *tbs, uint8_t ext_tag, xc_slice exts, const char *what, ci_msg *m);

/* Every extension option of the command line, in order (ci_exts_option). */
int ci_apply_ext_options(ci_exts *e, const ci_args *a, ci_msg *m);

#endif
