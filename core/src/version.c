/*
 * version.c - the versions a program built on the core reports.
 *
 * The wolfSSL version is the one compiled in (the headers the core was
 * built with), which for the project's static build is also the code
 * linked: a program's --version can then say which wolfCrypt checks its
 * signatures without including wolfSSL's headers itself.
 */
#include <xc/xc.h>

#include <wolfssl/options.h>
#include <wolfssl/version.h>

const char *xc_version(void)
{
	return XC_VERSION;
}

const char *xc_wolfssl_version(void)
{
	return LIBWOLFSSL_VERSION_STRING;
}
