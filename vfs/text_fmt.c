/*
 * vfs/text_fmt.c - the formatting helpers of the `text` page (text.c):
 * the growing page buffer, OpenSSL's names of OIDs, and the numbers,
 * bytes and times every part of the page prints the same way.
 *
 * Split from text.c so the object layout and the extension printers
 * (text_ext.c) share one set of number and name formats; what they share
 * is declared in text_inner.h.
 */
#include "text_inner.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the page buffer ---------------------------------------------------- */

void cfs_t_put(cfs_tb *b, const char *s, size_t n)
{
	if (b->fail)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;

		while (b->len + n + 1 > cap)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->fail = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void cfs_t_puts(cfs_tb *b, const char *s)
{
	cfs_t_put(b, s, strlen(s));
}

void cfs_t_printf(cfs_tb *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->fail = true;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		cfs_t_put(b, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);

	if (!big) {
		b->fail = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	cfs_t_put(b, big, (size_t)n);
	free(big);
}

void cfs_t_indent(cfs_tb *b, int n)
{
	static const char sp[] = "                                        ";

	while (n > 0) {
		int k = n < 40 ? n : 40;

		cfs_t_put(b, sp, (size_t)k);
		n -= k;
	}
}

/* ---- OIDs: OpenSSL's names ---------------------------------------------- */

/*
 * OpenSSL's short and long names (its objects.txt) for the OIDs a page
 * shows: Name attributes use the short name, everything else the long
 * one, as X509_NAME_print_ex and i2a_ASN1_OBJECT do. The core's table has
 * pyca's names, which differ ("serverAuth" vs "TLS Web Server
 * Authentication"), hence this second table.
 */
typedef struct oname {
	const char *dotted;
	const char *sn;
	const char *ln;
} oname;

static const oname onames[] = {
	/* Name attributes */
	{ "2.5.4.3", "CN", "commonName" },
	{ "2.5.4.4", "SN", "surname" },
	{ "2.5.4.5", "serialNumber", "serialNumber" },
	{ "2.5.4.6", "C", "countryName" },
	{ "2.5.4.7", "L", "localityName" },
	{ "2.5.4.8", "ST", "stateOrProvinceName" },
	{ "2.5.4.9", "street", "streetAddress" },
	{ "2.5.4.10", "O", "organizationName" },
	{ "2.5.4.11", "OU", "organizationalUnitName" },
	{ "2.5.4.12", "title", "title" },
	{ "2.5.4.13", "description", "description" },
	{ "2.5.4.15", "businessCategory", "businessCategory" },
	{ "2.5.4.16", "postalAddress", "postalAddress" },
	{ "2.5.4.17", "postalCode", "postalCode" },
	{ "2.5.4.18", "postOfficeBox", "postOfficeBox" },
	{ "2.5.4.20", "telephoneNumber", "telephoneNumber" },
	{ "2.5.4.41", "name", "name" },
	{ "2.5.4.42", "GN", "givenName" },
	{ "2.5.4.43", "initials", "initials" },
	{ "2.5.4.44", "generationQualifier", "generationQualifier" },
	{ "2.5.4.45", "x500UniqueIdentifier", "x500UniqueIdentifier" },
	{ "2.5.4.46", "dnQualifier", "dnQualifier" },
	{ "2.5.4.65", "pseudonym", "pseudonym" },
	{ "2.5.4.72", "role", "role" },
	{ "2.5.4.97", "organizationIdentifier", "organizationIdentifier" },
	{ "0.9.2342.19200300.100.1.1", "UID", "userId" },
	{ "0.9.2342.19200300.100.1.25", "DC", "domainComponent" },
	{ "1.2.840.113549.1.9.1", "emailAddress", "emailAddress" },
	{ "1.2.840.113549.1.9.2", "unstructuredName", "unstructuredName" },
	{ "1.2.840.113549.1.9.7", "challengePassword", "challengePassword" },
	{ "1.2.840.113549.1.9.8", "unstructuredAddress", "unstructuredAddress" },
	{ "1.2.840.113549.1.9.14", "extReq", "Extension Request" },
	{ "1.2.840.113549.1.9.20", "friendlyName", "friendlyName" },
	{ "1.2.840.113549.1.9.21", "localKeyID", "localKeyID" },
	{ "1.3.6.1.4.1.311.2.1.14", "msExtReq", "Microsoft Extension Request" },
	{ "1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL", "jurisdictionLocalityName" },
	{ "1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST", "jurisdictionStateOrProvinceName" },
	{ "1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC", "jurisdictionCountryName" },
	{ "1.2.643.3.131.1.1", "INN", "INN" },
	{ "1.2.643.100.1", "OGRN", "OGRN" },
	{ "1.2.643.100.3", "SNILS", "SNILS" },
	/* signature and key algorithms, hashes */
	{ "1.2.840.113549.1.1.1", "rsaEncryption", "rsaEncryption" },
	{ "1.2.840.113549.1.1.2", "RSA-MD2", "md2WithRSAEncryption" },
	{ "1.2.840.113549.1.1.3", "RSA-MD4", "md4WithRSAEncryption" },
	{ "1.2.840.113549.1.1.4", "RSA-MD5", "md5WithRSAEncryption" },
	{ "1.2.840.113549.1.1.5", "RSA-SHA1", "sha1WithRSAEncryption" },
	{ "1.2.840.113549.1.1.8", "MGF1", "mgf1" },
	{ "1.2.840.113549.1.1.10", "RSASSA-PSS", "rsassaPss" },
	{ "1.2.840.113549.1.1.11", "RSA-SHA256", "sha256WithRSAEncryption" },
	{ "1.2.840.113549.1.1.12", "RSA-SHA384", "sha384WithRSAEncryption" },
	{ "1.2.840.113549.1.1.13", "RSA-SHA512", "sha512WithRSAEncryption" },
	{ "1.2.840.113549.1.1.14", "RSA-SHA224", "sha224WithRSAEncryption" },
	{ "1.3.14.3.2.29", "RSA-SHA1-2", "sha1WithRSA" },
	{ "1.3.14.3.2.3", "RSA-NP-MD5", "md5WithRSA" },
	{ "1.2.840.10045.2.1", "id-ecPublicKey", "id-ecPublicKey" },
	{ "1.2.840.10045.4.1", "ecdsa-with-SHA1", "ecdsa-with-SHA1" },
	{ "1.2.840.10045.4.3.1", "ecdsa-with-SHA224", "ecdsa-with-SHA224" },
	{ "1.2.840.10045.4.3.2", "ecdsa-with-SHA256", "ecdsa-with-SHA256" },
	{ "1.2.840.10045.4.3.3", "ecdsa-with-SHA384", "ecdsa-with-SHA384" },
	{ "1.2.840.10045.4.3.4", "ecdsa-with-SHA512", "ecdsa-with-SHA512" },
	{ "1.2.840.10040.4.1", "DSA", "dsaEncryption" },
	{ "1.2.840.10040.4.3", "DSA-SHA1", "dsaWithSHA1" },
	{ "2.16.840.1.101.3.4.3.1", "dsa_with_SHA224", "dsa_with_SHA224" },
	{ "2.16.840.1.101.3.4.3.2", "dsa_with_SHA256", "dsa_with_SHA256" },
	{ "2.16.840.1.101.3.4.3.3", "id-dsa-with-sha384", "dsa_with_SHA384" },
	{ "2.16.840.1.101.3.4.3.4", "id-dsa-with-sha512", "dsa_with_SHA512" },
	{ "2.16.840.1.101.3.4.3.9", "id-ecdsa-with-sha3-224", "ecdsa_with_SHA3-224" },
	{ "2.16.840.1.101.3.4.3.10", "id-ecdsa-with-sha3-256", "ecdsa_with_SHA3-256" },
	{ "2.16.840.1.101.3.4.3.11", "id-ecdsa-with-sha3-384", "ecdsa_with_SHA3-384" },
	{ "2.16.840.1.101.3.4.3.12", "id-ecdsa-with-sha3-512", "ecdsa_with_SHA3-512" },
	{ "2.16.840.1.101.3.4.3.13", "id-rsassa-pkcs1-v1_5-with-sha3-224", "RSA-SHA3-224" },
	{ "2.16.840.1.101.3.4.3.14", "id-rsassa-pkcs1-v1_5-with-sha3-256", "RSA-SHA3-256" },
	{ "2.16.840.1.101.3.4.3.15", "id-rsassa-pkcs1-v1_5-with-sha3-384", "RSA-SHA3-384" },
	{ "2.16.840.1.101.3.4.3.16", "id-rsassa-pkcs1-v1_5-with-sha3-512", "RSA-SHA3-512" },
	{ "1.3.101.110", "X25519", "X25519" },
	{ "1.3.101.111", "X448", "X448" },
	{ "1.3.101.112", "ED25519", "ED25519" },
	{ "1.3.101.113", "ED448", "ED448" },
	{ "1.2.840.113549.1.3.1", "dhKeyAgreement", "dhKeyAgreement" },
	{ "1.2.840.10046.2.1", "dhpublicnumber", "X9.42 DH" },
	{ "1.2.643.2.2.3", "id-GostR3411-94-with-GostR3410-2001",
	  "GOST R 34.11-94 with GOST R 34.10-2001" },
	{ "1.2.643.2.2.19", "gost2001", "GOST R 34.10-2001" },
	{ "1.2.643.7.1.1.1.1", "gost2012_256", "GOST R 34.10-2012 with 256 bit modulus" },
	{ "1.2.643.7.1.1.1.2", "gost2012_512", "GOST R 34.10-2012 with 512 bit modulus" },
	{ "1.2.643.7.1.1.3.2", "id-tc26-signwithdigest-gost3410-2012-256",
	  "GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)" },
	{ "1.2.643.7.1.1.3.3", "id-tc26-signwithdigest-gost3410-2012-512",
	  "GOST R 34.10-2012 with GOST R 34.11-2012 (512 bit)" },
	{ "1.2.840.113549.2.5", "MD5", "md5" },
	{ "1.3.14.3.2.26", "SHA1", "sha1" },
	{ "2.16.840.1.101.3.4.2.1", "SHA256", "sha256" },
	{ "2.16.840.1.101.3.4.2.2", "SHA384", "sha384" },
	{ "2.16.840.1.101.3.4.2.3", "SHA512", "sha512" },
	{ "2.16.840.1.101.3.4.2.4", "SHA224", "sha224" },
	{ "2.16.840.1.101.3.4.2.7", "SHA3-224", "sha3-224" },
	{ "2.16.840.1.101.3.4.2.8", "SHA3-256", "sha3-256" },
	{ "2.16.840.1.101.3.4.2.9", "SHA3-384", "sha3-384" },
	{ "2.16.840.1.101.3.4.2.10", "SHA3-512", "sha3-512" },
	/* extended key usages */
	{ "1.3.6.1.5.5.7.3.1", "serverAuth", "TLS Web Server Authentication" },
	{ "1.3.6.1.5.5.7.3.2", "clientAuth", "TLS Web Client Authentication" },
	{ "1.3.6.1.5.5.7.3.3", "codeSigning", "Code Signing" },
	{ "1.3.6.1.5.5.7.3.4", "emailProtection", "E-mail Protection" },
	{ "1.3.6.1.5.5.7.3.5", "ipsecEndSystem", "IPSec End System" },
	{ "1.3.6.1.5.5.7.3.6", "ipsecTunnel", "IPSec Tunnel" },
	{ "1.3.6.1.5.5.7.3.7", "ipsecUser", "IPSec User" },
	{ "1.3.6.1.5.5.7.3.8", "timeStamping", "Time Stamping" },
	{ "1.3.6.1.5.5.7.3.9", "OCSPSigning", "OCSP Signing" },
	{ "1.3.6.1.5.5.7.3.17", "ipsecIKE", "ipsec Internet Key Exchange" },
	{ "2.5.29.37.0", "anyExtendedKeyUsage", "Any Extended Key Usage" },
	{ "1.3.6.1.4.1.311.20.2.2", "msSmartcardLogin", "Microsoft Smartcard Login" },
	{ "1.3.6.1.4.1.311.10.3.3", "msSGC", "Microsoft Server Gated Crypto" },
	{ "1.3.6.1.4.1.311.10.3.4", "msEFS", "Microsoft Encrypted File System" },
	{ "1.3.6.1.4.1.311.2.1.21", "msCodeInd", "Microsoft Individual Code Signing" },
	{ "1.3.6.1.4.1.311.2.1.22", "msCodeCom", "Microsoft Commercial Code Signing" },
	{ "2.16.840.1.113730.4.1", "nsSGC", "Netscape Server Gated Crypto" },
	{ "1.3.6.1.5.2.3.4", "pkInitClientAuth", "PKINIT Client Auth" },
	{ "1.3.6.1.5.2.3.5", "pkInitKDC", "Signing KDC Response" },
	{ "1.3.6.1.4.1.11129.2.4.4", "ct_precert_signer", "CT Precertificate Signer" },
	/* access methods, policies */
	{ "1.3.6.1.5.5.7.48.1", "OCSP", "OCSP" },
	{ "1.3.6.1.5.5.7.48.2", "caIssuers", "CA Issuers" },
	{ "1.3.6.1.5.5.7.48.3", "ad_timestamping", "AD Time Stamping" },
	{ "1.3.6.1.5.5.7.48.5", "caRepository", "CA Repository" },
	{ "2.5.29.32.0", "anyPolicy", "X509v3 Any Policy" },
	{ "1.3.6.1.5.5.7.2.1", "id-qt-cps", "Policy Qualifier CPS" },
	{ "1.3.6.1.5.5.7.2.2", "id-qt-unotice", "Policy Qualifier User Notice" },
	/* curves (their short names are what OpenSSL prints) */
	{ "1.2.840.10045.3.1.1", "prime192v1", "prime192v1" },
	{ "1.2.840.10045.3.1.7", "prime256v1", "prime256v1" },
	{ "1.3.132.0.33", "secp224r1", "secp224r1" },
	{ "1.3.132.0.34", "secp384r1", "secp384r1" },
	{ "1.3.132.0.35", "secp521r1", "secp521r1" },
	{ "1.3.132.0.10", "secp256k1", "secp256k1" },
	{ "1.3.132.0.1", "sect163k1", "sect163k1" },
	{ "1.3.132.0.15", "sect163r2", "sect163r2" },
	{ "1.3.132.0.26", "sect233k1", "sect233k1" },
	{ "1.3.132.0.27", "sect233r1", "sect233r1" },
	{ "1.3.132.0.16", "sect283k1", "sect283k1" },
	{ "1.3.132.0.17", "sect283r1", "sect283r1" },
	{ "1.3.132.0.36", "sect409k1", "sect409k1" },
	{ "1.3.132.0.37", "sect409r1", "sect409r1" },
	{ "1.3.132.0.38", "sect571k1", "sect571k1" },
	{ "1.3.132.0.39", "sect571r1", "sect571r1" },
	{ "1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1", "brainpoolP256r1" },
	{ "1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1", "brainpoolP384r1" },
	{ "1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1", "brainpoolP512r1" },
};

/* Dotted form into buf; a malformed OID (the core checks them, but a page
 * must never fail) gets a placeholder. */
const char *cfs_t_dotted(xc_slice oid, char *buf)
{
	if (xc_oid_to_dotted(oid, buf, DOTTED_MAX, NULL) != XC_OK)
		snprintf(buf, DOTTED_MAX, "<invalid OID>");
	return buf;
}

static const oname *oname_of(const char *d)
{
	for (size_t i = 0; i < sizeof(onames) / sizeof(onames[0]); i++)
		if (strcmp(onames[i].dotted, d) == 0)
			return &onames[i];
	return NULL;
}

/* OpenSSL's long name, else the dotted OID (i2a_ASN1_OBJECT). */
void cfs_t_put_ln(cfs_tb *b, xc_slice oid)
{
	char buf[DOTTED_MAX];
	const oname *o = oname_of(cfs_t_dotted(oid, buf));

	cfs_t_puts(b, o ? o->ln : buf);
}

/* OpenSSL's short name, else the dotted OID (Name attribute keys). */
void cfs_t_put_sn(cfs_tb *b, xc_slice oid)
{
	char buf[DOTTED_MAX];
	const oname *o = oname_of(cfs_t_dotted(oid, buf));

	cfs_t_puts(b, o ? o->sn : buf);
}

/* ---- numbers, bytes, times ---------------------------------------------- */

/* Bytes as "xx:xx:..." lines of `per` bytes, each line indented; no
 * trailing colon; a final newline (ASN1_buf_print, X509_signature_dump). */
void cfs_t_put_hexlines(cfs_tb *b, xc_slice s, size_t per, int ind)
{
	for (size_t i = 0; i < s.len; i++) {
		if (i % per == 0) {
			if (i > 0)
				cfs_t_puts(b, "\n");
			cfs_t_indent(b, ind);
		}
		cfs_t_printf(b, "%02x%s", s.p[i], i + 1 == s.len ? "" : ":");
	}
	cfs_t_puts(b, "\n");
}

/* "XX:XX:..." on one line (i2s_ASN1_OCTET_STRING). */
void cfs_t_put_colon_hex(cfs_tb *b, xc_slice s)
{
	for (size_t i = 0; i < s.len; i++)
		cfs_t_printf(b, "%02X%s", s.p[i], i + 1 == s.len ? "" : ":");
}

/* A hex dump with offsets and ASCII, for what the page cannot decode. */
void cfs_t_put_dump(cfs_tb *b, xc_slice s, int ind)
{
	for (size_t off = 0; off < s.len; off += 16) {
		size_t n = s.len - off < 16 ? s.len - off : 16;

		cfs_t_indent(b, ind);
		cfs_t_printf(b, "%04zx -", off);
		for (size_t i = 0; i < 16; i++) {
			if (i < n)
				cfs_t_printf(b, "%c%02x", i == 8 ? '-' : ' ', s.p[off + i]);
			else
				cfs_t_puts(b, "   ");
		}
		cfs_t_puts(b, "   ");
		for (size_t i = 0; i < n; i++) {
			uint8_t c = s.p[off + i];
			char ch = c >= 0x20 && c < 0x7f ? (char)c : '.';

			cfs_t_put(b, &ch, 1);
		}
		cfs_t_puts(b, "\n");
	}
	if (s.len == 0) {
		cfs_t_indent(b, ind);
		cfs_t_puts(b, "<EMPTY>\n");
	}
}

/* The magnitude of an INTEGER's contents, without leading zero octets:
 * negative values are negated (two's complement) into buf. */
xc_slice cfs_t_int_magnitude(xc_slice v, uint8_t *buf, size_t cap, bool *neg)
{
	*neg = v.len > 0 && xc_int_negative(v);
	if (*neg && v.len <= cap) {
		unsigned carry = 1;

		for (size_t i = v.len; i-- > 0;) {
			unsigned x = (unsigned)(uint8_t)~v.p[i] + carry;

			buf[i] = (uint8_t)x;
			carry = x >> 8;
		}
		v = xc_slice_make(buf, v.len);
	}
	while (v.len > 1 && v.p[0] == 0) {
		v.p++;
		v.len--;
	}
	return v;
}

/* The magnitude as a 64-bit value if it fits. */
bool cfs_t_mag_u64(xc_slice m, uint64_t *out)
{
	uint64_t x = 0;

	if (m.len > 8)
		return false;
	for (size_t i = 0; i < m.len; i++)
		x = x << 8 | m.p[i];
	*out = x;
	return true;
}

/* Uppercase hex of an INTEGER's magnitude, "-" first if negative
 * (i2a_ASN1_INTEGER: CRL entries' serials, the PSS salt). */
void cfs_t_put_int_hex(cfs_tb *b, xc_slice v)
{
	uint8_t buf[64];
	bool neg;
	xc_slice m = cfs_t_int_magnitude(v, buf, sizeof(buf), &neg);

	if (neg)
		cfs_t_puts(b, "-");
	if (m.len == 0)
		cfs_t_puts(b, "00");
	for (size_t i = 0; i < m.len; i++)
		cfs_t_printf(b, "%02X", m.p[i]);
}

/* Decimal when it fits 64 bits, else 0x-hex (i2s_ASN1_INTEGER). */
void cfs_t_put_int_dec(cfs_tb *b, xc_slice v)
{
	uint8_t buf[64];
	bool neg;
	xc_slice m = cfs_t_int_magnitude(v, buf, sizeof(buf), &neg);
	uint64_t x;

	if (cfs_t_mag_u64(m, &x)) {
		cfs_t_printf(b, "%s%" PRIu64, neg ? "-" : "", x);
		return;
	}
	cfs_t_printf(b, "%s0x", neg ? "-" : "");
	for (size_t i = 0; i < m.len; i++)
		cfs_t_printf(b, "%02X", m.p[i]);
}

const char *const cfs_t_months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* "Mar 10 19:04:00 2019 GMT" (ASN1_TIME_print). */
void cfs_t_put_time(cfs_tb *b, const xc_time *t)
{
	unsigned m = t->month >= 1 && t->month <= 12 ? t->month - 1u : 0;

	cfs_t_printf(b, "%s %2u %02u:%02u:%02u %u GMT", cfs_t_months[m], t->day, t->hour,
		  t->minute, t->second, t->year);
}
