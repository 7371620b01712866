/*
 * test_verify.c - xc_verify() and xc_verify_key() (xc/verify.h).
 *
 *  - one valid signature per algorithm and curve (rows taken from the
 *    Wycheproof vectors) verifies, and verifying it allocates nothing
 *    (with the project's wolfSSL; Debian's allocates inside wolfCrypt, and
 *    a wolfSSL without secp256k1 or Brainpool gives UNSUPPORTED);
 *  - compressed EC points (SEC 1 2.3.4): the same key compressed
 *    verifies, the other y does not, an x off the curve is BAD_KEY, and
 *    so is an uncompressed point off its curve;
 *  - DSA parameter inheritance (RFC 3279 2.3.2): xc_spki_inherit() and
 *    xc_verify_inherit() with the key split from its parameters;
 *  - the pyca reference's example: signed-by-issuer-rsa4096.pem verifies
 *    with issuer-rsa4096.pub.pem (a PKCS#1 key, so xc_verify_key), and one
 *    flipped bit in the signature or the TBS makes it INVALID;
 *  - good-ca.pem verifies with the PKITS trust anchor's key;
 *  - the seed CSR verifies with its own key;
 *  - the rejections: wrong key type, malformed signature encodings, bad
 *    keys, unsupported algorithms.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <xc/xc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "der_build.h"

/* The project's own wolfSSL build is heap-free for these algorithms;
 * Debian's libwolfssl (-Dwolfssl=system) is known to allocate, so there
 * the allocations are printed, not failed (as tests/alloc/test_alloc.c). */
#ifndef XC_WOLFSSL_PROJECT
#define XC_WOLFSSL_PROJECT 1
#endif

#ifndef VECTORS_DIR
#define VECTORS_DIR "/usr/lib/python3/dist-packages/cryptography_vectors"
#endif

/* ---- allocation counting (as tests/alloc/test_alloc.c: malloc is
 * replaced; wolfCrypt's default XMALLOC calls it) ------------------------ */

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define NO_COUNT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || \
	__has_feature(thread_sanitizer)
#define NO_COUNT 1
#endif
#endif

static volatile int counting;
static unsigned long n_alloc;

#ifndef NO_COUNT
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t m);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

void *malloc(size_t n)
{
	if (counting)
		n_alloc++;
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
	if (counting)
		n_alloc++;
	return __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
	if (counting)
		n_alloc++;
	return __libc_realloc(p, n);
}

void free(void *p)
{
	__libc_free(p);
}
#endif

/* Parses an AlgorithmIdentifier's DER (the test keeps the buffer). */
static xc_algid algid(const uint8_t *der, size_t len)
{
	xc_algid a;
	xc_der d;

	xc_der_init(&d, der, len);
	CU_ASSERT_FATAL(xc_der_read_algid(&d, &a) == XC_OK);
	return a;
}

/* ---- one valid signature per algorithm -------------------------------- */

static const struct {
	const char *name;
	bool project_only;      /* custom curve: another wolfSSL may lack it */
	const char *alg, *spki, *msg, *sig;
} known[] = {
	{ "RSA-2048 PKCS#1 v1.5 SHA-256", false,
	  "300d06092a864886f70d01010b0500",
	  "30820122300d06092a864886f70d01010105000382010f003082010a02820101"
		  "00a2b451a07d0aa5f96e455671513550514a8a5b462ebef717094fa1fee82224"
		  "e637f9746d3f7cafd31878d80325b6ef5a1700f65903b469429e89d6eac88450"
		  "97b5ab393189db92512ed8a7711a1253facd20f79c15e8247f3d3e42e46e48c9"
		  "8e254a2fe9765313a03eff8f17e1a029397a1fa26a8dce26f490ed81299615d9"
		  "814c22da610428e09c7d9658594266f5c021d0fceca08d945a12be82de4d1ece"
		  "6b4c03145b5d3495d4ed5411eb878daf05fd7afc3e09ada0f1126422f590975a"
		  "1969816f48698bcbba1b4d9cae79d460d8f9f85e7975005d9bc22c4e5ac0f7c1"
		  "a45d12569a62807d3b9a02e5a530e773066f453d1f5b4c2e9cf7820283f742b9"
		  "d50203010001",
	  "0000000000000000000000000000000000000000",
	  "8a1b220cb2ab415dc760eb7f5bb10335a3cca269d7dbbf7d0962ba79f9cf7b43"
		  "a5fc09c99a1584f07403473d6c189a836897a5b6f8ea9fa22d601e6ba5f7411f"
		  "e27c638b81b1a22363583a80fce8c7df3e40fb51bd0e60d0a6653f79f3bcb7ec"
		  "3e9dc14cfb5b31ab1735bca692d50ac03f979dda92747c6430f8045efa3513ba"
		  "6e0ce3e9e35570e1c30c8ebe589b44192e1344ca83dfa576fc6fdc7bf1cd7cee"
		  "875b001c8c02ce8d602769e4bd9d241c4857182a0089a8b67644e73eef105c55"
		  "0efa47a40874289395ac0c4e02fd4ba98e130a4c2d1b95521c6af4a002ac3bdc"
		  "6e52122ae4c08cc3da1c896e059acbddec574ac0432f6103dd97273d8803c102" },
	{ "RSA-3072 RSASSA-PSS SHA-256 salt 32", false,
	  "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120",
	  "308201a2300d06092a864886f70d01010105000382018f003082018a02820181"
		  "00c6fe23792566023c265287c5ac6f71541c0994d11d059ee6403986efa21c24"
		  "b51bd91d8862f9df79a4e328e3e27c83df260b25a9b43420affc44b51e8d7525"
		  "b6f29c372a405104732007527a62ed82fac73f4892a80e09682a41a58cd34701"
		  "7f3be7d801334f92d9321aafd53b51bffabfc752cfccae0b1ee03bdaff9e428c"
		  "c1c117f1ac96b4fe23f8c23e6381186a66fd59289339ae55c4bcdadbff84abda"
		  "a532240d4e1d28b2d0481dadd3b246557ca8fe18092817730b39e6ee378ffcc8"
		  "5b19ffdc916a9b991a6b66d4a9c7bab5f5e7a3722101142e7a4108c15d573b15"
		  "289e07e46eaea07b42c2abcba330e99554b4656165bb4c0db2b6393a07eca575"
		  "c51a93c4e15bdb0f747909447e3efe34c67ca8954b530e56a20a1b6d84d45ed1"
		  "bcd3aa58ec06f184ee5857aaa819e1cca9a26f4e28d6b977d33916db9896d252"
		  "d1afa762e287cb0d384cc75bfe53f4e922d02dd0a481c042e2d306b4b3c18937"
		  "1e575b25e0005a164cf69dd0976e4d5be476806ea6be6084e71ab4f5ac5c1b12"
		  "030203010001",
	  "0000000000000000000000000000000000000000",
	  "8e10f23f49011d761946b283d7152e851ee76e5caa1741b0901eea317d8945f2"
		  "a0368551b3f2b3a6a0d6a939aebded8fea0a96dd1d037be33b1c35ce78dc8969"
		  "3918a99d547a1d892f4047c09fff7a6523acb0cb0cddebcd4a6fdcc309a466ca"
		  "9580fedf032bf56154f8d79d5c4686abfd2c7abd342b37e5373b59a07fa865b1"
		  "18c44f2c44b851306dc97eaeeb638f14bafbb09c81996beabaaec28c19f06ffd"
		  "59dbe3080e0124e2386418052735f541d496322c03ebee6e4dcaba24dde9772a"
		  "9f079973df26e854c255eb48df50c01d49831e54b64d0ff862d03fb4d82ff204"
		  "d303b537176c50ea56761a83d0aed8ed2deecbbba981c8aacd1300051a864d1e"
		  "fdc897f31383ccd6f181bf976a75e7a7613b60b3cb2a6f7ab8636f672990c130"
		  "17f2981c11ba36096cbea898f016c581ee859e950bec195cc4e376e134341b2f"
		  "d3e3d6181ba4d377b2aab6a148c6ea8cca9ee3478297e901856ab18f61c0233c"
		  "899841e5da125516cf5274dc1b22e2a51c922daeeccfad0f2a8bf84e531bc4f8" },
	{ "ECDSA P-224 SHA-224", false,
	  "300a06082a8648ce3d040301",
	  "304e301006072a8648ce3d020106052b81040021033a00044c246670658a1d41"
		  "f5d77bce246cbe386ac22848e269b9d4cd67c466ddd947153d39b2d42533a460"
		  "def26880408caf2dd3dd48fe888cd176",
	  "4d7367",
	  "303d021d00b68da722bbba7f6a58417bb5d0dd88f40316fc628b0edfcb0f02b0"
		  "62021c5c742e330b6febadf9a12d58ba2a7199629457ef2e9e4cecd2f09f50" },
	{ "ECDSA P-256 SHA-256", false,
	  "300a06082a8648ce3d040302",
	  "3059301306072a8648ce3d020106082a8648ce3d0301070342000404aaec7363"
		  "5726f213fb8a9e64da3b8632e41495a944d0045b522eba7240fad587d9315798"
		  "aaa3a5ba01775787ced05eaaf7b4e09fc81d6d1aa546e8365d525d",
	  "4d7367",
	  "30450220530bd6b0c9af2d69ba897f6b5fb59695cfbf33afe66dbadcf5b8d2a2"
		  "a6538e23022100d85e489cb7a161fd55ededcedbf4cc0c0987e3e3f0f242cae9"
		  "34c72caa3f43e9" },
	{ "ECDSA P-384 SHA-384", false,
	  "300a06082a8648ce3d040303",
	  "3076301006072a8648ce3d020106052b810400220362000429bdb76d5fa741bf"
		  "d70233cb3a66cc7d44beb3b0663d92a8136650478bcefb61ef182e155a54345a"
		  "5e8e5e88f064e5bc9a525ab7f764dad3dae1468c2b419f3b62b9ba917d5e8c4f"
		  "b1ec47404a3fc76474b2713081be9db4c00e043ada9fc4a3",
	  "4d7367",
	  "3066023100d7143a836608b25599a7f28dec6635494c2992ad1e2bbeecb7ef60"
		  "1a9c01746e710ce0d9c48accb38a79ede5b9638f3402310080f9e165e8c61035"
		  "bf8aa7b5533960e46dd0e211c904a064edb6de41f797c0eae4e327612ee3f816"
		  "f4157272bb4fabc9" },
	{ "ECDSA P-521 SHA-512", false,
	  "300a06082a8648ce3d040304",
	  "30819b301006072a8648ce3d020106052b810400230381860004012a908bfc5b"
		  "70e17bdfae74294994808bf2a42dab59af8b0523a026d640a2a3d6d344520b62"
		  "177e2cfa339ca42fb0883ec425904fbda2833a3b5b0a9a00811365d8012333d5"
		  "32f8f8eb1a623c378a3694651192bbda833e3b8d7b8f90b2bfc9b045f8a55e1b"
		  "6a5fe1512c400c4bc9c86fd7c699d642f5cee9bb827c8b0abc0da01cef1e",
	  "4d7367",
	  "30818602415adc833cbc1d6141ced457bab2b01b0814054d7a28fa8bb2925d1e"
		  "7525b7cf7d5c938a17abfb33426dcc05ce8d44db02f53a75ea04017dca51e1fb"
		  "b14ce3311b1402415f69b2a6de129147a8437b79c72315d35173d88c2d611908"
		  "5c90dae8ec05c55e067e7dfa4f681035e3dccab099291c0ecf4428332a9cb073"
		  "6d16e79111ac76d766" },
	{ "ECDSA secp256k1 SHA-256", true,
	  "300a06082a8648ce3d040302",
	  "3056301006072a8648ce3d020106052b8104000a03420004782c8ed17e3b2a78"
		  "3b5464f33b09652a71c678e05ec51e84e2bcfc663a3de963af9acb4280b8c7f7"
		  "c42f4ef9aba6245ec1ec1712fd38a0fa96418d8cd6aa6152",
	  "4d7367",
	  "30450220109cd8ae0374358984a8249c0a843628f2835ffad1df1a9a69aa2fe7"
		  "2355545c022100ac6f00daf53bd8b1e34da329359b6e08019c5b037fed79ee38"
		  "3ae39f85a159c6" },
	{ "ECDSA brainpoolP256r1 SHA-256", true,
	  "300a06082a8648ce3d040302",
	  "305a301406072a8648ce3d020106092b2403030208010107034200042676bd1e"
		  "3fd83f3328d1af941442c036760f09587729419053083eb61d1ed22c2cf76968"
		  "8a5ffd67da1899d243e66bcabe21f9e78335263bf5308b8e41a71b39",
	  "4d7367",
	  "304502200ff9279a0775740b7db8bec07f9a0401b7903886cb198c1b18c46de0"
		  "673b31c30221008b3c8686bd1a1508b5b785e762fece8c6cf19b6156983e5c36"
		  "b2bbe724d6c23e" },
	{ "ECDSA brainpoolP384r1 SHA-384", true,
	  "300a06082a8648ce3d040303",
	  "307a301406072a8648ce3d020106092b240303020801010b036200046c9aaba3"
		  "43cb2faf098319cc4d15ea218786f55c8cf0a8b668091170a6422f6c2498945a"
		  "8164a4b6f27cdd11e800da501be961b37b09804610ce0df40dd8236c75a12d0c"
		  "8014b163464a4aeba7cb18d20d3222083ec4a941852f24aa3d5d84e3",
	  "4d7367",
	  "3064023001057e36ad00f79e7c1cfcf4dea301e4e2350644d5eff4d4c7f23cdd"
		  "2f4f236093ff27e33eb44fd804b2f0daf5c327a402302a9b2b910dd23b994cac"
		  "12f322828461094c8790481b392569c6674ac2eca74dd74957d94456548546b6"
		  "5bd50558f4a6" },
	{ "ECDSA brainpoolP512r1 SHA-512", true,
	  "300a06082a8648ce3d040304",
	  "30819b301406072a8648ce3d020106092b240303020801010d03818200041ec7"
		  "fe2275860c3bc0e4e6e459af7e16985d37adba7351ac357a7c397e07522ea41b"
		  "cca8e89777fe05b8f0d9dc8c614004fcaf30a97001a5011a159f46fcd5443cbc"
		  "1ddfc7ac89a1a2f8eef77bf9bba8ade73da2100cb6a371546b495fb5ea885eb6"
		  "31645e79591db659c49266d263d5cbd3403081cb407536efe9a5bec69955",
	  "4d7367",
	  "3081840240225dc2310177ce6267efde9937eff898fb0bad12b0dbeb4fa9c6be"
		  "6e20f88563e6d2991d47a648b0ba5a7039842dbf883bbd735df793cce0d13602"
		  "3fbfc9be95024000d59783d8bd050cf728b3506c16ee4a78ac26c12fd33dadb6"
		  "ee8146372e4fb2a880ef77eb20ac90f3a4275c1718a033a7c0b2df538eb35827"
		  "330154191153cb" },
	{ "Ed25519", false,
	  "300506032b6570",
	  "302a300506032b65700321007d4d0e7f6153a69b6242b522abbee685fda4420f"
		  "8834b108c3bdae369ef549fa",
	  "78",
	  "d80737358ede548acb173ef7e0399f83392fe8125b2ce877de7975d8b726ef5b"
		  "1e76632280ee38afad12125ea44b961bf92f1178c9fa819d020869975bcbe109" },
	{ "Ed448", false,
	  "300506032b6571",
	  "3043300506032b6571033a00419610a534af127f583b04818cdb7f0ff300b025"
		  "f2e01682bcae33fd691cee039511df0cddc690ee978426e8b38e50ce5af7dcfb"
		  "a50f704c00",
	  "78",
	  "c56e94d5c9ca860c244f33db556bf6b3cec38b024b77604a35d6a07211b1316b"
		  "9a027133c374b86f72665cc45ce01583a2e0f2775c6172da801acef168717cab"
		  "1196cddfb149359dfef589756257cc2d6b02fc516d8d41b4adaa3f11428f4141"
		  "0ef0dc3c1b008d3d052173d4389508ed0100" },
	{ "DSA-2048 SHA-224", false,
	  "300b0609608648016503040301",
	  "308203423082023506072a8648ce3804013082022802820101008f7935d9b9aa"
		  "e9bfabed887acf4951b6f32ec59e3baf3718e8eac4961f3efd3606e74351a9c4"
		  "183339b809e7c2ae1c539ba7475b85d011adb8b47987754984695cac0e8f14b3"
		  "360828a22ffa27110a3d62a993453409a0fe696c4658f84bdd20819c3709a010"
		  "57b195adcd00233dba5484b6291f9d648ef883448677979cec04b434a6ac2e75"
		  "e9985de23db0292fc1118c9ffa9d8181e7338db792b730d7b9e349592f680998"
		  "72153915ea3d6b8b4653c633458f803b32a4c2e0f27290256e4e3f8a3b0838a1"
		  "c450e4e18c1a29a37ddf5ea143de4b66ff04903ed5cf1623e158d487c608e97f"
		  "211cd81dca23cb6e380765f822e342be484c05763939601cd667021d00baf696"
		  "a68578f7dfdee7fa67c977c785ef32b233bae580c0bcd5695d0282010016a65c"
		  "58204850704e7502a39757040d34da3a3478c154d4e4a5c02d242ee04f96e61e"
		  "4bd0904abdac8f37eeb1e09f3182d23c9043cb642f88004160edf9ca09b32076"
		  "a79c32a627f2473e91879ba2c4e744bd2081544cb55b802c368d1fa83ed489e9"
		  "4e0fa0688e32428a5c78c478c68d0527b71c9a3abb0b0be12c44689639e7d3ce"
		  "74db101a65aa2b87f64c6826db3ec72f4b5599834bb4edb02f7c90e9a496d3a5"
		  "5d535bebfc45d4f619f63f3dedbb873925c2f224e07731296da887ec1e4748f8"
		  "7efb5fdeb75484316b2232dee553ddaf02112b0d1f02da30973224fe27aeda8b"
		  "9d4b2922d9ba8be39ed9e103a63c52810bc688b7e2ed4316e1ef17dbde038201"
		  "0500028201001e77f842b1ae0fcd9929d394161d41e14614ff7507a9a31f4a1f"
		  "14d22e2a627a1f4e596624883f1a5b168e9425146f22d5f6ee28757414714bb9"
		  "94ba1129f015d6e04a717edf9b530a5d5cab94f14631e8b4cf79aeb358cc7418"
		  "45553841e8ac461630e804a62f43676ba6794af66899c377b869ea612a7b9fe6"
		  "611aa96be52eb8b62c979117bbbcca8a7ec1e1ffab1c7dfcfc7048700d3ae385"
		  "8136e897701d7c2921b5dfef1d1f897f50d96ca1b5c2edc58cada18919e35642"
		  "f0807eebfa00c99a32f4d095c3188f78ed54711be0325c4b532aeccd6540a567"
		  "c327225440ea15319bde06510479a1861799e25b57decc73c036d75a0702bd37"
		  "3ca231349931",
	  "313233343030",
	  "303d021d00a545d62d6e336775fb6a9b8495721646a54bd8c6173fc0a2295a1b"
		  "7b021c068259cf902e5d55eb26e7bf850a82d40fc5456b3a902679612ea4a8" },
};

typedef struct vec {
	uint8_t *alg, *spki, *msg, *sig;
	size_t alg_len, spki_len, msg_len, sig_len;
} vec;

static void vec_load(vec *v, size_t i)
{
	v->alg = tu_unhex(known[i].alg, &v->alg_len);
	v->spki = tu_unhex(known[i].spki, &v->spki_len);
	v->msg = tu_unhex(known[i].msg, &v->msg_len);
	v->sig = tu_unhex(known[i].sig, &v->sig_len);
	CU_ASSERT_FATAL(v->alg && v->spki && v->msg && v->sig);
}

static void vec_free(vec *v)
{
	free(v->alg);
	free(v->spki);
	free(v->msg);
	free(v->sig);
}

static xc_verify_result vec_verify(const vec *v)
{
	xc_algid a = algid(v->alg, v->alg_len);

	return xc_verify(&a, xc_slice_make(v->msg, v->msg_len),
			 xc_slice_make(v->sig, v->sig_len),
			 xc_slice_make(v->spki, v->spki_len));
}

static void test_known(void)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		vec v;
		xc_verify_result r;
		unsigned long before;

		vec_load(&v, i);
		before = n_alloc;
		counting = 1;
		r = vec_verify(&v);
		counting = 0;
		printf("\n  %-36s %s, %lu allocations", known[i].name,
		       xc_verify_result_name(r), n_alloc - before);
		if (r == XC_VERIFY_UNSUPPORTED && known[i].project_only && !XC_WOLFSSL_PROJECT) {
			vec_free(&v);
			continue;
		}
		CU_ASSERT_EQUAL(r, XC_VERIFY_VALID);
		if (XC_WOLFSSL_PROJECT)
			CU_ASSERT_EQUAL(n_alloc - before, 0);
		/* Any one flipped bit of the message or signature: INVALID
		 * (or BAD_SIG, when the flip breaks a DER signature). */
		v.msg_len ? (void)(v.msg[0] ^= 1) : (void)0;
		r = vec_verify(&v);
		if (v.msg_len)
			CU_ASSERT_EQUAL(r, XC_VERIFY_INVALID);
		if (v.msg_len)
			v.msg[0] ^= 1;
		v.sig[v.sig_len - 1] ^= 0x10;
		r = vec_verify(&v);
		CU_ASSERT(r == XC_VERIFY_INVALID || r == XC_VERIFY_BAD_SIG);
		vec_free(&v);
	}
	printf("\n");
}

/* ---- rejections ------------------------------------------------------- */

static size_t find_known(const char *prefix)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strncmp(known[i].name, prefix, strlen(prefix)) == 0)
			return i;
	CU_FAIL_FATAL("no such known vector");
	return 0;
}

/* The algorithm of one row with the key of another. */
static void test_key_mismatch(void)
{
	static const char *const pairs[][2] = {
		{ "RSA-2048", "ECDSA P-256" },
		{ "ECDSA P-256", "RSA-2048" },
		{ "Ed25519", "Ed448" },
		{ "Ed448", "Ed25519" },
		{ "DSA", "ECDSA P-256" },
		{ "ECDSA P-256", "Ed25519" },
		{ "RSA-3072", "ECDSA P-384" },
	};

	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		vec a, k;

		vec_load(&a, find_known(pairs[i][0]));
		vec_load(&k, find_known(pairs[i][1]));
		free(a.spki);
		a.spki = k.spki;
		a.spki_len = k.spki_len;
		k.spki = NULL;
		CU_ASSERT_EQUAL(vec_verify(&a), XC_VERIFY_KEY_MISMATCH);
		vec_free(&a);
		vec_free(&k);
	}
}

/* ECDSA signatures that are not strict DER: BAD_SIG. */
static void test_bad_der(void)
{
	static const struct {
		const char *name, *sig;
	} cases[] = {
		{ "empty", "" },
		{ "not a SEQUENCE", "3106020101020101" },
		{ "long-form length", "308106020101020101" },
		{ "indefinite length", "3080020101020101 0000" },
		{ "trailing byte", "300602010102010100" },
		{ "data after the SEQUENCE", "30060201010201010500" },
		{ "negative r", "3006020181020101" },
		{ "zero-padded r", "300702020001020101" },
		{ "empty r", "30050200020101" },
		{ "one INTEGER", "3003020101" },
		{ "three INTEGERs", "3009020101020101020101" },
		{ "r as OCTET STRING", "3006040101020101" },
		{ "zero r", "3006020100020101" },
	};
	size_t i0 = find_known("ECDSA P-256");

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		vec v;
		char hex[64];
		size_t n = 0;

		/* tu_unhex takes no spaces */
		for (const char *p = cases[i].sig; *p && n < sizeof hex - 1; p++)
			if (*p != ' ')
				hex[n++] = *p;
		hex[n] = '\0';
		vec_load(&v, i0);
		free(v.sig);
		v.sig = n ? tu_unhex(hex, &v.sig_len) : calloc(1, 1);
		if (!n)
			v.sig_len = 0;
		CU_ASSERT_PTR_NOT_NULL_FATAL(v.sig);
		if (vec_verify(&v) != XC_VERIFY_BAD_SIG)
			printf("\n  %s: %s", cases[i].name, xc_verify_result_name(vec_verify(&v)));
		CU_ASSERT_EQUAL(vec_verify(&v), XC_VERIFY_BAD_SIG);
		vec_free(&v);
	}
}

/* Wrong-length signatures for RSA and EdDSA: BAD_SIG; keys that do not
 * parse: BAD_KEY; algorithms the core does not verify: UNSUPPORTED. */
static void test_bad_inputs(void)
{
	static const char *const fixed[] = { "RSA-2048", "RSA-3072", "Ed25519", "Ed448" };
	/* sha3-256WithRSA, and an OID nobody knows */
	static const uint8_t sha3rsa[] = { 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
					   0x65, 0x03, 0x04, 0x03, 0x0e };
	static const uint8_t unknown[] = { 0x30, 0x05, 0x06, 0x03, 0x2a, 0x03, 0x04 };
	/* RSASSA-PSS whose trailerField is 2 (RFC 4055 allows only 1) */
	static const uint8_t pss_trailer2[] = { 0x30, 0x12, 0x06, 0x09, 0x2a, 0x86, 0x48,
						0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a, 0x30,
						0x05, 0xa3, 0x03, 0x02, 0x01, 0x02 };
	vec v;

	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		vec_load(&v, find_known(fixed[i]));
		v.sig_len--;
		CU_ASSERT_EQUAL(vec_verify(&v), XC_VERIFY_BAD_SIG);
		v.sig_len = 0;
		CU_ASSERT_EQUAL(vec_verify(&v), XC_VERIFY_BAD_SIG);
		v.sig_len++;
		/* a truncated SubjectPublicKeyInfo */
		v.spki_len -= 1;
		CU_ASSERT_EQUAL(vec_verify(&v), XC_VERIFY_BAD_KEY);
		vec_free(&v);
	}

	vec_load(&v, find_known("RSA-2048"));
	{
		xc_algid a = algid(sha3rsa, sizeof sha3rsa);
		xc_algid u = algid(unknown, sizeof unknown);
		xc_algid t = algid(pss_trailer2, sizeof pss_trailer2);
		xc_slice m = xc_slice_make(v.msg, v.msg_len), s = xc_slice_make(v.sig, v.sig_len);
		xc_slice k = xc_slice_make(v.spki, v.spki_len);

		CU_ASSERT_EQUAL(xc_verify(&a, m, s, k), XC_VERIFY_UNSUPPORTED);
		CU_ASSERT_EQUAL(xc_verify(&u, m, s, k), XC_VERIFY_UNSUPPORTED);
		CU_ASSERT_NOT_EQUAL(xc_verify(&t, m, s, k), XC_VERIFY_VALID);
		CU_ASSERT_EQUAL(xc_verify(NULL, m, s, k), XC_VERIFY_ERROR);
	}
	vec_free(&v);
}

/* ---- compressed and off-curve EC points ------------------------------- */

/* The SPKI of v with its point compressed (SEC 1 2.3.3): 02 or 03 by y's
 * parity (`flip` takes the other one: the point -Q), then x. *xoff gets
 * where x starts in o, *flen its length. */
static void compress_spki(blob *o, const vec *v, bool flip, size_t *xoff, size_t *flen)
{
	xc_spki k;
	size_t off;
	blob bits = { .len = 0 };

	CU_ASSERT_FATAL(xc_spki_parse(&k, xc_slice_make(v->spki, v->spki_len), v->spki,
				      &off) == XC_OK);
	CU_ASSERT_FATAL(k.type == XC_KEY_EC && k.ec_point.p[0] == 0x04);
	*flen = (k.ec_point.len - 1) / 2;
	uint8_t lead = (uint8_t)(0x02 | ((k.ec_point.p[2 * *flen] & 1) ^ (flip ? 1 : 0)));
	put(&bits, "", 1);      /* no unused bits */
	put(&bits, &lead, 1);
	put(&bits, k.ec_point.p + 1, *flen);
	o->len = 0;
	put_hdr(o, 0x30, k.alg.raw.len + hdr_len(bits.len) + bits.len);
	put(o, k.alg.raw.p, k.alg.raw.len);
	put_hdr(o, 0x03, bits.len);
	put(o, bits.b, bits.len);
	*xoff = o->len - *flen;
}

static xc_verify_result verify_with_spki(const vec *v, const uint8_t *spki, size_t len)
{
	xc_algid a = algid(v->alg, v->alg_len);

	return xc_verify(&a, xc_slice_make(v->msg, v->msg_len),
			 xc_slice_make(v->sig, v->sig_len), xc_slice_make(spki, len));
}

static void test_compressed(void)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		xc_verify_result r;
		unsigned long before;
		size_t xoff, flen, nbad = 0;
		blob c;
		vec v;

		if (strncmp(known[i].name, "ECDSA", 5) != 0)
			continue;
		vec_load(&v, i);
		compress_spki(&c, &v, false, &xoff, &flen);
		before = n_alloc;
		counting = 1;
		r = verify_with_spki(&v, c.b, c.len);
		counting = 0;
		printf("\n  %-36s compressed: %s, %lu allocations", known[i].name,
		       xc_verify_result_name(r), n_alloc - before);
		if (r == XC_VERIFY_UNSUPPORTED && !XC_WOLFSSL_PROJECT) {
			/* a wolfSSL without HAVE_COMP_KEY, or without the curve */
			vec_free(&v);
			continue;
		}
		CU_ASSERT_EQUAL(r, XC_VERIFY_VALID);
		if (XC_WOLFSSL_PROJECT)
			CU_ASSERT_EQUAL(n_alloc - before, 0);
		/* the other y: a good key, but not the signer's */
		compress_spki(&c, &v, true, &xoff, &flen);
		CU_ASSERT_EQUAL(verify_with_spki(&v, c.b, c.len), XC_VERIFY_INVALID);
		/* x = 2^(8 flen) - 1 is not below p on any curve here */
		memset(c.b + xoff, 0xff, flen);
		CU_ASSERT_EQUAL(verify_with_spki(&v, c.b, c.len), XC_VERIFY_BAD_KEY);
		/* small x: about half have no y (x^3 + ax + b not a square):
		 * those are BAD_KEY, the others good keys that did not sign */
		for (uint8_t x = 1; x <= 16; x++) {
			memset(c.b + xoff, 0, flen);
			c.b[xoff + flen - 1] = x;
			r = verify_with_spki(&v, c.b, c.len);
			CU_ASSERT(r == XC_VERIFY_BAD_KEY || r == XC_VERIFY_INVALID);
			nbad += r == XC_VERIFY_BAD_KEY;
		}
		CU_ASSERT(nbad > 0);
		vec_free(&v);
	}
	printf("\n");
}

/* An uncompressed point with y changed is off the curve: BAD_KEY, on the
 * SP curves (whose verify does not look) and the others alike. */
static void test_off_curve(void)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		xc_verify_result r;
		vec v;

		if (strncmp(known[i].name, "ECDSA", 5) != 0)
			continue;
		vec_load(&v, i);
		v.spki[v.spki_len - 1] ^= 1;
		r = vec_verify(&v);
		if (!(r == XC_VERIFY_UNSUPPORTED && known[i].project_only && !XC_WOLFSSL_PROJECT))
			CU_ASSERT_EQUAL(r, XC_VERIFY_BAD_KEY);
		vec_free(&v);
	}
}

/* ---- DSA parameter inheritance (RFC 3279 2.3.2) ------------------------ */

static void test_dsa_inherit(void)
{
	static const uint8_t dsa_oid_alg[] = { 0x30, 0x09, 0x06, 0x07, 0x2a, 0x86, 0x48,
					       0xce, 0x38, 0x04, 0x01 };
	xc_spki full, bare, ec;
	xc_slice m, s, fk, bk;
	size_t off;
	blob b = { .len = 0 };
	vec v, e;

	vec_load(&v, find_known("DSA"));
	vec_load(&e, find_known("ECDSA P-256"));
	fk = xc_slice_make(v.spki, v.spki_len);
	m = xc_slice_make(v.msg, v.msg_len);
	s = xc_slice_make(v.sig, v.sig_len);
	CU_ASSERT_FATAL(xc_spki_parse(&full, fk, v.spki, &off) == XC_OK);
	/* the same y without parameters: AlgorithmIdentifier { id-dsa } */
	put_hdr(&b, 0x30, sizeof dsa_oid_alg + hdr_len(full.key.len + 1) + full.key.len + 1);
	put(&b, dsa_oid_alg, sizeof dsa_oid_alg);
	put_hdr(&b, 0x03, full.key.len + 1);
	put(&b, "", 1);
	put(&b, full.key.p, full.key.len);
	bk = xc_slice_make(b.b, b.len);
	CU_ASSERT_FATAL(xc_spki_parse(&bare, bk, b.b, &off) == XC_OK);
	CU_ASSERT_EQUAL(bare.type, XC_KEY_DSA);
	CU_ASSERT_PTR_NULL(bare.dsa_p.p);
	CU_ASSERT_EQUAL(bare.bits, 0);

	xc_algid a = algid(v.alg, v.alg_len);
	/* alone, the key cannot verify */
	CU_ASSERT_EQUAL(xc_verify(&a, m, s, bk), XC_VERIFY_UNSUPPORTED);
	CU_ASSERT_EQUAL(xc_verify_key(&a, m, s, &bare), XC_VERIFY_UNSUPPORTED);
	/* with the issuer's parameters it does */
	CU_ASSERT_EQUAL(xc_verify_inherit(&a, m, s, bk, fk), XC_VERIFY_VALID);
	CU_ASSERT_EQUAL(xc_verify_inherit(&a, m, s, bk, xc_slice_make(NULL, 0)),
			XC_VERIFY_UNSUPPORTED);
	/* a key with its own parameters ignores the issuer's, whatever they are */
	CU_ASSERT_EQUAL(xc_verify_inherit(&a, m, s, fk, xc_slice_make(e.spki, e.spki_len)),
			XC_VERIFY_VALID);
	CU_ASSERT_EQUAL(xc_verify_inherit(&a, m, s, fk, xc_slice_make("\x30", 1)),
			XC_VERIFY_VALID);
	/* parameters from a key that has none to give */
	CU_ASSERT_EQUAL(xc_verify_inherit(&a, m, s, bk, xc_slice_make(e.spki, e.spki_len)),
			XC_VERIFY_KEY_MISMATCH);
	CU_ASSERT_EQUAL(xc_verify_inherit(&a, m, s, bk, bk), XC_VERIFY_KEY_MISMATCH);
	CU_ASSERT_EQUAL(xc_verify_inherit(&a, m, s, bk, xc_slice_make("\x30", 1)),
			XC_VERIFY_BAD_KEY);
	/* a wrong signature stays wrong with inherited parameters */
	v.msg[0] ^= 1;
	CU_ASSERT_EQUAL(xc_verify_inherit(&a, m, s, bk, fk), XC_VERIFY_INVALID);
	v.msg[0] ^= 1;

	/* xc_spki_inherit() itself */
	CU_ASSERT_EQUAL(xc_spki_inherit(&bare, &full), XC_OK);
	CU_ASSERT(xc_slice_eq(bare.dsa_p, full.dsa_p) && xc_slice_eq(bare.dsa_q, full.dsa_q) &&
		  xc_slice_eq(bare.dsa_g, full.dsa_g));
	CU_ASSERT_EQUAL(bare.bits, 2048);
	CU_ASSERT_EQUAL(xc_verify_key(&a, m, s, &bare), XC_VERIFY_VALID);
	CU_ASSERT_FATAL(xc_spki_parse(&ec, xc_slice_make(e.spki, e.spki_len), e.spki, &off) ==
			XC_OK);
	{
		xc_spki k = ec;

		CU_ASSERT_EQUAL(xc_spki_inherit(&k, &full), XC_OK);   /* not DSA: as is */
		CU_ASSERT_EQUAL(memcmp(&k, &ec, sizeof k), 0);
		CU_ASSERT_FATAL(xc_spki_parse(&k, bk, b.b, &off) == XC_OK);
		CU_ASSERT_EQUAL(xc_spki_inherit(&k, &ec), XC_ERR_KEY);
		CU_ASSERT_PTR_NULL(k.dsa_p.p);
		xc_spki k2 = k;
		CU_ASSERT_EQUAL(xc_spki_inherit(&k, &k2), XC_ERR_KEY);  /* bare from bare */
		k2 = full;
		CU_ASSERT_EQUAL(xc_spki_inherit(&k2, &ec), XC_OK);  /* has its own */
		CU_ASSERT(xc_slice_eq(k2.dsa_p, full.dsa_p));
	}
	vec_free(&v);
	vec_free(&e);
}

static void test_names(void)
{
	CU_ASSERT_STRING_EQUAL(xc_verify_result_name(XC_VERIFY_VALID), "VALID");
	CU_ASSERT_STRING_EQUAL(xc_verify_result_name(XC_VERIFY_BAD_SIG), "BAD_SIG");
	CU_ASSERT_STRING_EQUAL(xc_verify_result_name(XC_VERIFY_KEY_MISMATCH), "KEY_MISMATCH");
	CU_ASSERT_STRING_EQUAL(xc_verify_result_name((xc_verify_result)99), "UNKNOWN");
}

/* ---- the seed files --------------------------------------------------- */

/* The first PEM block of a file (path absolute, or under tests/data). */
static uint8_t *load_pem(const char *path, bool data_dir, size_t *len)
{
	size_t n, off, cap;
	uint8_t *text = data_dir ? tu_read_data(path, &n) : tu_read_file(path, &n);
	xc_pem_iter it;
	xc_pem_block blk;
	uint8_t *der;

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	xc_pem_iter_init(&it, text, n);
	CU_ASSERT_FATAL(xc_pem_next(&it, &blk, &off) == XC_OK);
	cap = XC_PEM_DECODED_MAX(blk.body.len);
	der = malloc(cap);
	CU_ASSERT_FATAL(xc_pem_decode(blk.body, der, cap, len, &off) == XC_OK);
	free(text);
	return der;
}

/* pyca's docs example: verify a certificate with its issuer's key. */
static void test_rsa4096_issuer(void)
{
	size_t klen, clen, off;
	uint8_t *kder = load_pem("seed/issuer-rsa4096.pub.pem", true, &klen);
	uint8_t *cder = load_pem("seed/signed-by-issuer-rsa4096.pem", true, &clen);
	xc_spki key;
	xc_cert c;
	unsigned long before;
	xc_verify_result r;

	CU_ASSERT_FATAL(xc_spki_parse_pkcs1(&key, xc_slice_make(kder, klen), &off) == XC_OK);
	CU_ASSERT_FATAL(xc_cert_parse(&c, cder, clen, &off) == XC_OK);
	before = n_alloc;
	counting = 1;
	r = xc_verify_key(&c.sig_alg, c.tbs, c.signature, &key);
	counting = 0;
	CU_ASSERT_EQUAL(r, XC_VERIFY_VALID);
	if (XC_WOLFSSL_PROJECT)
		CU_ASSERT_EQUAL(n_alloc - before, 0);
	/* The certificate is self-issued: its own SPKI is the same key. */
	CU_ASSERT_EQUAL(xc_verify(&c.sig_alg, c.tbs, c.signature, c.spki), XC_VERIFY_VALID);

	/* One bit of the signature, then one of the TBS. The buffer is the
	 * caller's: the slices see the change. */
	cder[c.signature.p - cder + 100] ^= 0x01;
	CU_ASSERT_EQUAL(xc_verify_key(&c.sig_alg, c.tbs, c.signature, &key),
			XC_VERIFY_INVALID);
	cder[c.signature.p - cder + 100] ^= 0x01;
	cder[c.tbs.p - cder + c.tbs.len - 1] ^= 0x80;
	CU_ASSERT_EQUAL(xc_verify_key(&c.sig_alg, c.tbs, c.signature, &key),
			XC_VERIFY_INVALID);
	cder[c.tbs.p - cder + c.tbs.len - 1] ^= 0x80;
	CU_ASSERT_EQUAL(xc_verify_key(&c.sig_alg, c.tbs, c.signature, &key), XC_VERIFY_VALID);
	free(kder);
	free(cder);
}

/* good-ca.pem is PKITS' "Good CA", signed by the Trust Anchor. */
static void test_good_ca(void)
{
	const char *ta_path = VECTORS_DIR "/x509/PKITS_data/certs/TrustAnchorRootCertificate.crt";
	size_t tlen, clen, off;
	uint8_t *ta = tu_read_file(ta_path, &tlen);
	uint8_t *cder = load_pem("seed/good-ca.pem", true, &clen);
	xc_cert anchor, c;

	if (!ta) {
		printf("\n  %s absent: skipped\n", ta_path);
		free(cder);
		return;
	}
	CU_ASSERT_FATAL(xc_cert_parse(&anchor, ta, tlen, &off) == XC_OK);
	CU_ASSERT_FATAL(xc_cert_parse(&c, cder, clen, &off) == XC_OK);
	CU_ASSERT_EQUAL(xc_verify(&c.sig_alg, c.tbs, c.signature, anchor.spki),
			XC_VERIFY_VALID);
	/* The anchor is self-signed; Good CA's own key did not sign itself. */
	CU_ASSERT_EQUAL(xc_verify(&anchor.sig_alg, anchor.tbs, anchor.signature, anchor.spki),
			XC_VERIFY_VALID);
	CU_ASSERT_EQUAL(xc_verify(&c.sig_alg, c.tbs, c.signature, c.spki), XC_VERIFY_INVALID);
	free(ta);
	free(cder);
}

/* A CSR is signed by the key it carries. */
static void test_csr(void)
{
	size_t len, off;
	uint8_t *der = load_pem("seed/csr-rsa-sha1.pem", true, &len);
	xc_csr csr;

	CU_ASSERT_FATAL(xc_csr_parse(&csr, der, len, &off) == XC_OK);
	CU_ASSERT_EQUAL(xc_verify(&csr.sig_alg, csr.tbs, csr.signature, csr.spki),
			XC_VERIFY_VALID);
	der[csr.tbs.p - der + 10] ^= 0x01;
	CU_ASSERT_NOT_EQUAL(xc_verify(&csr.sig_alg, csr.tbs, csr.signature, csr.spki),
			    XC_VERIFY_VALID);
	free(der);
}

int main(void)
{
	static const tu_test tests[] = {
		{ "one valid signature per algorithm, allocations", test_known },
		{ "algorithm and key type disagree", test_key_mismatch },
		{ "ECDSA signature not strict DER", test_bad_der },
		{ "bad lengths, bad keys, unsupported algorithms", test_bad_inputs },
		{ "compressed EC points", test_compressed },
		{ "EC points off their curve", test_off_curve },
		{ "DSA parameters inherited from the issuer", test_dsa_inherit },
		{ "result names", test_names },
		{ "pyca example: RSA-4096 issuer (PKCS#1 key)", test_rsa4096_issuer },
		{ "good-ca.pem by the PKITS trust anchor", test_good_ca },
		{ "seed CSR by its own key", test_csr },
		{ NULL, NULL },
	};
	return tu_run("verify", tests);
}
