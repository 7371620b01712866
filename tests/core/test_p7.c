/*
 * test_p7.c - PKCS#7 SignedData bundles (core/src/p7.c).
 *
 * The bundles are built here around stand-in elements (the parser keeps
 * them as TLVs; what `openssl crl2pkcs7` writes, with real certificates,
 * is mounted and compared in tests/vfs/integration/test_ids.py). Each row
 * changes one part of a degenerate SignedData and states the error and
 * where it is, by construction.
 */
#include "der_build.h"

#include <xc/xc.h>

#define SIGNED_DATA "06092a864886f70d010702"
#define DATA "06092a864886f70d010701"

/* Parts of a ContentInfo: each a hex string, NULL for an absent one. */
typedef struct p7_parts {
	const char *type;       /* contentType TLV */
	const char *version;    /* INTEGER TLV */
	const char *digests;    /* SET contents */
	const char *eci;        /* encapContentInfo contents */
	const char *certs;      /* [0] contents, NULL: absent */
	const char *crls;       /* [1] contents */
	const char *signers;    /* SET contents */
} p7_parts;

static void wrap(blob *o, uint8_t tag, const blob *in)
{
	put_hdr(o, tag, in->len);
	put(o, in->b, in->len);
}

static void tlv_hex(blob *o, uint8_t tag, const char *hex)
{
	blob in = { .len = 0 };

	put_hex(&in, hex);
	wrap(o, tag, &in);
}

static void build(blob *out, const p7_parts *p)
{
	static blob sd, ex, ci;

	sd.len = ex.len = ci.len = out->len = 0;
	put_hex(&sd, p->version);
	tlv_hex(&sd, 0x31, p->digests);
	tlv_hex(&sd, 0x30, p->eci);
	if (p->certs)
		tlv_hex(&sd, 0xa0, p->certs);
	if (p->crls)
		tlv_hex(&sd, 0xa1, p->crls);
	tlv_hex(&sd, 0x31, p->signers);
	wrap(&ex, 0x30, &sd);
	put_hex(&ci, p->type);
	wrap(&ci, 0xa0, &ex);
	wrap(out, 0x30, &ci);
}

/* Stand-ins: two "certificates" and a CRL (SEQUENCEs), an attribute
 * certificate choice ([1]). */
#define CERT_A "3003020101"
#define CERT_B "3004020200ff"
#define CRL_A "3003020107"
#define ATTR_CERT "a103020102"

static const p7_parts bundle = {
	SIGNED_DATA, "020101", "", DATA, CERT_A CERT_B ATTR_CERT, CRL_A, "",
};

static void test_bundle(void)
{
	static blob b;
	xc_p7 p7;
	xc_p7_iter it;
	xc_p7_item item;
	size_t off = 99;
	static const char *const want[] = { CERT_A, CERT_B, ATTR_CERT };

	build(&b, &bundle);
	CU_ASSERT_EQUAL_FATAL(xc_p7_parse(&p7, b.b, b.len, &off), XC_OK);
	CU_ASSERT_EQUAL(off, b.len);
	CU_ASSERT(xc_p7_detect(b.b, b.len));
	CU_ASSERT_EQUAL(p7.version, 1);
	CU_ASSERT_EQUAL(p7.cert_count, 3);
	CU_ASSERT_EQUAL(p7.crl_count, 1);
	CU_ASSERT_EQUAL(p7.signer_count, 0);
	CU_ASSERT(!p7.has_content);
	CU_ASSERT(p7.der.p == b.b && p7.der.len == b.len);
	xc_p7_iter_init(&it, &p7, false);
	for (size_t i = 0; i < 3; i++) {
		size_t n;
		uint8_t *w = tu_unhex(want[i], &n);

		CU_ASSERT_EQUAL_FATAL(xc_p7_next(&it, &item), XC_OK);
		CU_ASSERT(item.raw.len == n && memcmp(item.raw.p, w, n) == 0);
		CU_ASSERT_EQUAL(item.index, i);
		CU_ASSERT_EQUAL(item.tag, i < 2 ? XC_TAG_SEQUENCE : XC_TAG_CTX_CONS(1));
		free(w);
	}
	CU_ASSERT_EQUAL(xc_p7_next(&it, &item), XC_END);
	CU_ASSERT_EQUAL(xc_p7_next(&it, &item), XC_END);
	xc_p7_iter_init(&it, &p7, true);
	CU_ASSERT_EQUAL(xc_p7_next(&it, &item), XC_OK);
	CU_ASSERT_EQUAL(item.raw.len, 5);
	CU_ASSERT_EQUAL(xc_p7_next(&it, &item), XC_END);
}

static void test_absent_sets(void)
{
	static blob b;
	p7_parts p = bundle;
	xc_p7 p7;
	xc_p7_iter it;
	xc_p7_item item;

	p.certs = NULL;
	p.crls = NULL;
	build(&b, &p);
	CU_ASSERT_EQUAL_FATAL(xc_p7_parse(&p7, b.b, b.len, NULL), XC_OK);
	CU_ASSERT(p7.certs.p == NULL && p7.crls.p == NULL);
	CU_ASSERT_EQUAL(p7.cert_count + p7.crl_count, 0);
	xc_p7_iter_init(&it, &p7, false);
	CU_ASSERT_EQUAL(xc_p7_next(&it, &item), XC_END);
	/* signed, with content: still read, and said so */
	p = bundle;
	p.eci = DATA "a0030401ff";
	p.signers = "3000";
	build(&b, &p);
	CU_ASSERT_EQUAL_FATAL(xc_p7_parse(&p7, b.b, b.len, NULL), XC_OK);
	CU_ASSERT(p7.has_content);
	CU_ASSERT_EQUAL(p7.signer_count, 1);
}

/* Each row: one part changed; the error, and the offset of the bytes at
 * fault relative to the start of the part named. */
static void test_errors(void)
{
	static blob b;
	xc_p7 p7;
	size_t off;
	p7_parts p;

	/* an enveloped-data ContentInfo: the type's error, at its OID's
	 * contents (after 30 xx 06 09) */
	p = bundle;
	p.type = "06092a864886f70d010703";
	build(&b, &p);
	off = 0;
	CU_ASSERT_EQUAL(xc_p7_parse(&p7, b.b, b.len, &off), XC_ERR_P7_TYPE);
	CU_ASSERT_EQUAL(off, (size_t)(b.b[1] & 0x80 ? 2 + (b.b[1] & 0x7f) : 2) + 2);
	CU_ASSERT(!xc_p7_detect(b.b, b.len));
	/* a version that is no INTEGER */
	p = bundle;
	p.version = "040101";
	build(&b, &p);
	CU_ASSERT_EQUAL(xc_p7_parse(&p7, b.b, b.len, NULL), XC_ERR_TAG);
	/* no signerInfos */
	p = bundle;
	{
		static blob sd;

		/* build() always writes signerInfos: drop its last two bytes
		 * (31 00) and fix no lengths, so the outer ones run past */
		p.signers = "";
		build(&sd, &p);
		CU_ASSERT_EQUAL(xc_p7_parse(&p7, sd.b, sd.len - 2, NULL), XC_ERR_LEN_PAST_END);
	}
	/* a certificate set element cut short */
	p = bundle;
	p.certs = "3005020101";
	build(&b, &p);
	CU_ASSERT_EQUAL(xc_p7_parse(&p7, b.b, b.len, NULL), XC_ERR_LEN_PAST_END);
	/* trailing bytes after the ContentInfo */
	build(&b, &bundle);
	b.b[b.len++] = 0;
	off = 0;
	CU_ASSERT_EQUAL(xc_p7_parse(&p7, b.b, b.len, &off), XC_ERR_TRAILING);
	CU_ASSERT_EQUAL(off, b.len - 1);
	/* BER's indefinite length, as some old tools write */
	{
		static const uint8_t ber[] = { 0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
					       0x0d, 0x01, 0x07, 0x02, 0x00, 0x00 };

		CU_ASSERT_EQUAL(xc_p7_parse(&p7, ber, sizeof(ber), NULL), XC_ERR_LEN_INDEFINITE);
	}
	/* something else after encapContentInfo's content */
	p = bundle;
	p.eci = DATA "a0030401ff0500";
	build(&b, &p);
	CU_ASSERT_EQUAL(xc_p7_parse(&p7, b.b, b.len, NULL), XC_ERR_TRAILING);
	/* nothing */
	CU_ASSERT_EQUAL(xc_p7_parse(&p7, b.b, 0, NULL), XC_ERR_TRUNCATED);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "degenerate SignedData bundle", test_bundle },
		{ "absent sets, signed data", test_absent_sets },
		{ "errors", test_errors },
		{ NULL, NULL },
	};
	return tu_run("p7", tests);
}
