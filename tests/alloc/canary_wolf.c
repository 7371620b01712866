/*
 * canary_wolf.c - a library calling a wolfCrypt function that is not on
 * nm-check.py's allow-list (the one-shot hash allocates its context with
 * WOLFSSL_SMALL_STACK): must be rejected (should_fail). Never linked.
 * The prototype is declared here so the canary needs no wolfSSL headers.
 */
int wc_Sha256Hash(const unsigned char *data, unsigned int len, unsigned char *hash);

int canary_hash(const unsigned char *p, unsigned int n, unsigned char *out);

int canary_hash(const unsigned char *p, unsigned int n, unsigned char *out)
{
	return wc_Sha256Hash(p, n, out);
}
