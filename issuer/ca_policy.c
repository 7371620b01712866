/*
 * issuer/ca_policy.c - a CA directory's policy (ca_policy.h).
 */
#include "ca_policy.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "der.h"

static int read_file(const char *path, char **out, ci_msg *m)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	*out = NULL;
	if (!f)
		return errno == ENOENT ? 0 : ci_fail(m, "%s: %s", path, strerror(errno));
	do {
		if (len + 4096 + 1 > cap) {
			char *b = realloc(buf, cap = 2 * cap + 8192);

			if (!b) {
				free(buf);
				fclose(f);
				return ci_fail(m, "out of memory");
			}
			buf = b;
		}
		n = fread(buf + len, 1, 4096, f);
		len += n;
	} while (n);
	fclose(f);
	buf[len] = '\0';
	*out = buf;
	return 0;
}

static int fill(ci_policy_list *l, char *vals, unsigned line, const char *path,
		const char *name, ci_msg *m)
{
	char *save, *tok;

	if (l->line)
		return ci_fail(m, "%s line %u: rule %s given twice", path, line, name);
	l->line = line;
	for (tok = strtok_r(vals, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
		if (l->count == CI_POLICY_MAX)
			return ci_fail(m, "%s line %u: rule %s: more than %d values", path, line,
				       name, CI_POLICY_MAX);
		l->item[l->count++] = tok;
	}
	if (!l->count)
		return ci_fail(m, "%s line %u: rule %s has no value", path, line, name);
	return 0;
}

static const char *const san_type_names[] = {
	[XC_GN_OTHER_NAME] = "othername", [XC_GN_RFC822_NAME] = "email",
	[XC_GN_DNS_NAME] = "dns", [XC_GN_X400_ADDRESS] = "x400",
	[XC_GN_DIRECTORY_NAME] = "dirname", [XC_GN_EDI_PARTY_NAME] = "edi",
	[XC_GN_URI] = "uri", [XC_GN_IP_ADDRESS] = "ip", [XC_GN_REGISTERED_ID] = "rid",
};

static int rule(ci_policy *p, char *name, char *vals, unsigned line, ci_msg *m)
{
	char *end;

	if (!strcmp(name, "profiles"))
		return fill(&p->profiles, vals, line, p->path, name, m);
	if (!strcmp(name, "subject-requires"))
		return fill(&p->subject, vals, line, p->path, name, m);
	if (!strcmp(name, "san-domains"))
		return fill(&p->san_domains, vals, line, p->path, name, m);
	if (!strcmp(name, "san-types")) {
		if (fill(&p->san_types, vals, line, p->path, name, m) < 0)
			return -1;
		for (size_t i = 0; i < p->san_types.count; i++) {
			bool known = false;

			for (size_t t = 0; t < sizeof(san_type_names) / sizeof(*san_type_names); t++)
				known |= !strcmp(p->san_types.item[i], san_type_names[t]);
			if (!known)
				return ci_fail(m, "%s line %u: rule san-types: unknown type '%s'"
					       " (dns email uri ip dirname rid othername)", p->path,
					       line, p->san_types.item[i]);
		}
		return 0;
	}
	if (!strcmp(name, "max-days")) {
		errno = 0;
		p->max_days = strtoll(vals, &end, 10);
		if (p->max_days_line)
			return ci_fail(m, "%s line %u: rule max-days given twice", p->path, line);
		if (!*vals || vals[strspn(vals, "0123456789")] || errno || p->max_days < 1)
			return ci_fail(m, "%s line %u: rule max-days: '%s' is not a number of days",
				       p->path, line, vals);
		p->max_days_line = line;
		return 0;
	}
	return ci_fail(m, "%s line %u: unknown rule '%s' (profiles, max-days,"
		       " subject-requires, san-types, san-domains)", p->path, line, name);
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int ci_policy_load(ci_policy *p, const char *path, ci_msg *m)
{
	char *line, *next, *eq;
	unsigned n = 0;

	memset(p, 0, sizeof(*p));
	p->path = path;
	if (read_file(path, &p->text, m) < 0)
		return -1;
	for (line = p->text; line && *line; line = next) {
		n++;
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if ((eq = strchr(line, '#')))
			*eq = '\0';
		line = trim(line);
		if (!*line)
			continue;
		if (!(eq = strchr(line, '=')))
			return ci_fail(m, "%s line %u: not NAME = VALUES", path, n);
		*eq = '\0';
		if (rule(p, trim(line), trim(eq + 1), n, m) < 0)
			return -1;
	}
	return 0;
}

void ci_policy_free(ci_policy *p)
{
	free(p->text);
	p->text = NULL;
}

static bool listed(const ci_policy_list *l, const char *s, bool nocase)
{
	for (size_t i = 0; i < l->count; i++)
		if (nocase ? !strcasecmp(l->item[i], s) : !strcmp(l->item[i], s))
			return true;
	return false;
}

static int refuse(const ci_policy *p, const char *rule, unsigned line, ci_msg *m,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* "policy rule max-days (DIR/policy line 3): why". */
static int refuse(const ci_policy *p, const char *rule, unsigned line, ci_msg *m,
		  const char *fmt, ...)
{
	char why[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return ci_fail(m, "policy rule %s (%s line %u): %s", rule, p->path, line, why);
}

static int check_subject(const ci_policy *p, const xc_cert *c, ci_msg *m)
{
	for (size_t i = 0; i < p->subject.count; i++) {
		const char *want = p->subject.item[i];
		xc_name_iter it;
		xc_attr at;
		char text[1024];
		bool found = false;

		xc_name_iter_init(&it, c->subject);
		while (!found && xc_name_next(&it, &at) == XC_OK) {
			char *eq;

			if (xc_attr_rfc4514(&at, text, sizeof(text), NULL) != XC_OK ||
			    !(eq = strchr(text, '=')))
				continue;
			*eq = '\0';
			found = !strcasecmp(text, want);
		}
		if (!found)
			return refuse(p, "subject-requires", p->subject.line, m,
				      "the subject has no %s attribute", want);
	}
	return 0;
}

static bool in_domain(const ci_policy_list *l, const char *name, size_t n)
{
	for (size_t i = 0; i < l->count; i++) {
		const char *d = l->item[i];
		bool sub_only = d[0] == '.';
		size_t dl = strlen(d + sub_only);

		if (!sub_only && n == dl && !strncasecmp(name, d, n))
			return true;
		if (n > dl + 1 && name[n - dl - 1] == '.' &&
		    !strncasecmp(name + n - dl, d + sub_only, dl))
			return true;
	}
	return false;
}

static int check_sans(const ci_policy *p, const xc_cert *c, ci_msg *m)
{
	xc_ext ext;
	xc_alt_names an;
	xc_gn_iter it;
	xc_gn gn;

	if (!c->extensions.p ||
	    xc_ext_find_id(c->extensions, XC_OID_SUBJECT_ALTERNATIVE_NAME, &ext) != XC_OK)
		return 0;
	if (xc_alt_names_decode(&an, ext.value, NULL, NULL) != XC_OK)
		return ci_fail(m, "internal error: the subjectAltName does not decode");
	xc_gn_iter_init(&it, an.gns);
	while (xc_gn_next(&it, &gn) == XC_OK) {
		const char *type = san_type_names[gn.type];
		const char *v = (const char *)gn.value.p;
		size_t n = gn.value.len;
		const char *at;

		if (p->san_types.line && !listed(&p->san_types, type, false))
			return refuse(p, "san-types", p->san_types.line, m,
				      "subjectAltName type %s is not allowed", type);
		if (!p->san_domains.line)
			continue;
		if (gn.type == XC_GN_RFC822_NAME && (at = memchr(v, '@', n))) {
			n -= (size_t)(at + 1 - v);
			v = at + 1;
		} else if (gn.type != XC_GN_DNS_NAME) {
			continue;
		}
		if (!in_domain(&p->san_domains, v, n))
			return refuse(p, "san-domains", p->san_domains.line, m,
				      "subjectAltName %s:%.*s is outside the allowed domains", type,
				      (int)gn.value.len, (const char *)gn.value.p);
	}
	return 0;
}

int ci_policy_check(const ci_policy *p, const xc_cert *c, const char *profile, ci_msg *m)
{
	int64_t secs = c->not_after.epoch - c->not_before.epoch;

	if (p->profiles.line && !profile)
		return refuse(p, "profiles", p->profiles.line, m,
			      "a --profile is required (one of the profiles listed)");
	if (p->profiles.line && !listed(&p->profiles, profile, false))
		return refuse(p, "profiles", p->profiles.line, m, "profile %s is not allowed",
			      profile);
	if (p->max_days_line && secs > p->max_days * 86400)
		return refuse(p, "max-days", p->max_days_line, m,
			      "the validity is %lld days and some seconds, more than %lld",
			      (long long)(secs / 86400), (long long)p->max_days);
	if (check_subject(p, c, m) < 0)
		return -1;
	return check_sans(p, c, m);
}

int ci_tbs_view(xc_slice tbs, uint8_t *buf, size_t cap, xc_cert *c, ci_msg *m)
{
	/* sha256WithRSAEncryption and an empty signature: placeholders, the
	 * parser does not check a signature against its algorithm. */
	static const uint8_t tail[] = { 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
					0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00, 0x03, 0x01, 0x00 };
	ci_der w;
	xc_slice der;
	xc_err e;

	ci_der_init(&w, buf, cap);
	ci_der_begin(&w, CI_TAG_SEQUENCE);
	ci_der_raw(&w, tbs.p, tbs.len);
	ci_der_raw(&w, tail, sizeof(tail));
	ci_der_end(&w);
	if (ci_der_finish(&w) != CI_DER_OK)
		return ci_fail(m, "internal error: the TBSCertificate does not fit");
	der = ci_der_out(&w);
	if ((e = xc_cert_parse(c, der.p, der.len, NULL)) != XC_OK)
		return ci_fail(m, "internal error: the TBSCertificate does not parse: %s",
			       xc_strerror(e));
	return 0;
}
