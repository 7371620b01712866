/*
 * prog.c - a program built against the INSTALLED core through pkg-config
 * alone (tests/install/test_install.sh): prints the SHA-256 fingerprint
 * and the subject of the PEM certificate on stdin, and the versions.
 */
#include <xc/xc.h>

#include <stdio.h>

int main(void)
{
	static uint8_t pem[1 << 16];
	static uint8_t der[1 << 16];
	size_t n = fread(pem, 1, sizeof(pem), stdin);
	xc_pem_iter it;
	xc_pem_block b;
	size_t der_len = 0;
	xc_cert c;
	uint8_t fp[32];
	char subject[1024];
	size_t slen = 0;

	xc_pem_iter_init(&it, pem, n);
	if (xc_pem_next(&it, &b, NULL) != XC_OK ||
	    xc_pem_decode(b.body, der, sizeof(der), &der_len, NULL) != XC_OK ||
	    xc_cert_parse(&c, der, der_len, NULL) != XC_OK) {
		fprintf(stderr, "prog: not a PEM certificate\n");
		return 1;
	}
	if (xc_fingerprint(XC_HASH_SHA256, c.der, fp, sizeof(fp)) != XC_OK ||
	    xc_name_rfc4514(c.subject, subject, sizeof(subject), &slen) != XC_OK)
		return 1;
	for (size_t i = 0; i < sizeof(fp); i++)
		printf("%02x", fp[i]);
	printf("\n%.*s\ncore %s, wolfSSL %s\n", (int)slen, subject, xc_version(),
	       xc_wolfssl_version());
	return 0;
}
