/*
 * issuer/ca_policy.h - DIR/policy: what a CA directory may issue.
 *
 * The file is optional (no file: no rules). One rule a line, "NAME =
 * VALUES", values separated by commas or spaces, '#' starts a comment:
 *   profiles = server, client       --profile must be one of these (and given)
 *   max-days = 397                  validity at most this many days
 *   subject-requires = CN, O        these attributes must be in the subject
 *                                   (short names as RFC 4514 prints them, or OIDs)
 *   san-types = dns, ip             subjectAltName entries only of these types
 *                                   (dns email uri ip dirname rid othername)
 *   san-domains = example.com       dNSNames and email domains only in these
 *                                   domains: "example.com" is the domain and
 *                                   its subdomains, ".example.com" subdomains only
 * An unknown rule or a malformed value is an error (a typo must not
 * silently widen the policy). These are the checks of openssl ca's policy
 * section and of step-ca's provisioner claims. A refusal names the rule:
 * "policy rule max-days (DIR/policy line 3): ...".
 */
#ifndef CI_CA_POLICY_H
#define CI_CA_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include <xc/xc.h>

#include "msg.h"

#define CI_POLICY_MAX 32

typedef struct ci_policy_list {
	char *item[CI_POLICY_MAX];
	size_t count;
	unsigned line;          /* 0: the rule is not set */
} ci_policy_list;

typedef struct ci_policy {
	const char *path;
	char *text;             /* the file, the lists point into it */
	ci_policy_list profiles, subject, san_types, san_domains;
	int64_t max_days;
	unsigned max_days_line;
} ci_policy;

/* Reads `path`; a missing file is an empty policy. */
int ci_policy_load(ci_policy *p, const char *path, ci_msg *m);
void ci_policy_free(ci_policy *p);

/* Checks a certificate about to be signed (its parsed TBS: `c` from
 * ci_tbs_view) and the --profile asked (NULL: none). */
int ci_policy_check(const ci_policy *p, const xc_cert *c, const char *profile, ci_msg *m);

/* Parses a TBSCertificate as the core parses a certificate (wrapped with
 * a placeholder signature into buf, at least tbs.len + 32 bytes): the
 * fields of what is about to be signed, before it is. */
int ci_tbs_view(xc_slice tbs, uint8_t *buf, size_t cap, xc_cert *c, ci_msg *m);

#endif
